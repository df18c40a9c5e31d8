"""The README's Quick start is what CI runs (issue item 28)."""
from __future__ import annotations

import re

from conftest import ROOT


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Quick start"):readme.index("## Tour")]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_step_1_is_the_plain_install_and_step_2_the_tests_in_parallel():
    step1, step2 = _quick_start_commands()
    assert "pip install . " in step1 + " " and "[test]" not in step1 and step1.endswith("newslint check examples/")
    assert "pip install '.[test]'" in step2 and "pytest -n auto" in step2


def test_ci_runs_the_readme_steps_exactly():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in script.splitlines() if line.strip() and not line.strip().startswith("#")]
    for command in _quick_start_commands():
        assert command in lines, f"{command!r} is not a line of .ci/run"


def test_the_test_extra_has_pytest_xdist_and_the_slow_marker_is_declared():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    test_extra = re.search(r"^test = \[(.*?)\]$", text, re.M).group(1)
    assert "pytest-xdist" in test_extra
    assert '"slow:' in text


def test_the_house_rule_example_is_the_test_plugin():
    """The README's house rule is tests/plugins/no-cliches/house_rules.py, word for
    word: the rule fixtures there (run by test_rule_fixtures.py) prove it works."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(# house_rules.py\n.*?)```", readme, re.S).group(1)
    assert (ROOT / "tests" / "plugins" / "no-cliches" / "house_rules.py").read_text(encoding="utf-8") == block
