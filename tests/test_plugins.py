"""Plugins: built-ins through entry points, third-party packages, local modules, errors."""
from __future__ import annotations

import textwrap

import pytest

from conftest import ROOT, run_cli, run_json

HOUSE_RULE = '''
import re
from lint import Check, hookimpl

class NoCliches(Check):
    """## What it does
    Flags "at the end of the day".
    ## Why is this bad?
    It says nothing.
    ## Example
    At the end of the day, the council voted.
    """
    name = "no-cliches"
    code = "HS001"
    severity = "warning"
    options = {"phrase": "at the end of the day"}

    def check(self, doc, ctx):
        for m in re.finditer(re.escape(self.options["phrase"]), doc.text, re.I):
            ctx.report(m.start(), m.end(), "Cliché: " + m.group())

@hookimpl
def newslint_register_checks():
    return [NoCliches]
'''

DRAFT = "Council votes\n\nAt the end of the day, the council voted.\n"


def make_dist(tmp_path, module_src, module="newslint_house_style", ep_name="house-style"):
    """A throw-away installed distribution: a module plus dist-info with an entry point."""
    site = tmp_path / "site"
    site.mkdir()
    (site / f"{module}.py").write_text(module_src)
    info = site / "newslint_house_style-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-house-style\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[newslint]\n{ep_name} = {module}\n")
    return {"PYTHONPATH": str(site)}


def test_builtins_are_registered_through_entry_points():
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="newslint")}
    for plugin in ("duplicate-paragraph", "broken-line-wrap", "truncated-ending", "mixed-articles", "format-text", "format-json", "read-text", "read-markdown"):
        assert names[plugin].startswith("plugins."), plugin


def test_core_never_imports_plugins():
    for path in (ROOT / "lint").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert "from plugins" not in src and "import plugins" not in src, path


def test_third_party_package_appears_in_rules_and_finds(tmp_path):
    env = make_dist(tmp_path, HOUSE_RULE)
    rules = run_cli("rules", env=env)
    assert rules.returncode == 0, rules.stderr
    line = next(l for l in rules.stdout.decode().splitlines() if l.startswith("HS001"))
    assert line.split()[:4] == ["HS001", "no-cliches", "warning", "house-style"]
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT)
    proc, report = run_json(draft, env=env)
    hits = [f for f in report["findings"] if f["code"] == "HS001"]
    assert len(hits) == 1 and hits[0]["line"] == 3 and hits[0]["column"] == 1 and hits[0]["end_column"] == 22
    assert run_cli("rule", "HS001", env=env).stdout.decode().startswith("# no-cliches (HS001)")


def test_local_plugin_named_in_config(tmp_path):
    (tmp_path / "house_rules.py").write_text(HOUSE_RULE)
    (tmp_path / "newslint.yml").write_text("plugins: [house_rules.py]\nrules:\n  no-cliches:\n    phrase: council voted\n")
    (tmp_path / "draft.txt").write_text(DRAFT)
    proc, report = run_json("draft.txt", cwd=tmp_path)
    hits = [f for f in report["findings"] if f["rule"] == "no-cliches"]
    assert [h["message"] for h in hits] == ["Cliché: council voted"]


def test_plugins_can_be_blocked(tmp_path):
    env = make_dist(tmp_path, HOUSE_RULE)
    (tmp_path / "newslint.yml").write_text("block-plugins: [house-style, mixed-articles]\n")
    out = run_cli("rules", cwd=tmp_path, env=env).stdout.decode()
    assert "HS001" not in out and "mixed-articles" not in out and "NL101" in out


@pytest.mark.parametrize(
    "src,needle",
    [
        ("raise ImportError('no such thing')\n", "plugin 'house-style' (newslint_house_style) failed to import: ImportError: no such thing"),
        ("from lint import hookimpl\n@hookimpl\ndef newslint_register_chekcs():\n    return []\n", "plugin 'house-style': unknown hook 'newslint_register_chekcs'"),
        (HOUSE_RULE.replace('"HS001"', '"hs-1"'), "invalid code 'hs-1'"),
        (HOUSE_RULE.replace('"HS001"', '"NL101"'), "code NL101 is already used by rule 'duplicate-paragraph'"),
        (HOUSE_RULE.replace('"no-cliches"', '"duplicate-paragraph"'), "rule name 'duplicate-paragraph' is already used by plugin 'duplicate-paragraph'"),
        (HOUSE_RULE.replace('"no-cliches"', '"No Cliches"'), "invalid rule name 'No Cliches'"),
        (HOUSE_RULE.replace('severity = "warning"', 'severity = "fatal"'), "invalid default severity 'fatal'"),
    ],
)
def test_broken_plugins_name_the_plugin_and_exit_2(tmp_path, src, needle):
    env = make_dist(tmp_path, src)
    proc = run_cli("check", ROOT / "examples", env=env)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert needle in err, err
    assert "house-style" in err


def test_local_plugin_that_fails_to_import(tmp_path):
    (tmp_path / "house_rules.py").write_text("1/0\n")
    (tmp_path / "newslint.yml").write_text("plugins: [house_rules.py]\n")
    proc = run_cli("rules", cwd=tmp_path)
    assert proc.returncode == 2
    assert "house_rules.py' failed to import: ZeroDivisionError" in proc.stderr.decode()


def test_a_crashing_rule_is_reported_and_others_still_run(tmp_path):
    (tmp_path / "boom.py").write_text(textwrap.dedent('''
        from lint import Check, hookimpl
        class Boom(Check):
            """## What it does\\nCrashes.\\n## Why is this bad?\\nTest.\\n## Example\\nx\\n"""
            name = "boom"; code = "BM001"; severity = "error"
            def check(self, doc, ctx):
                raise RuntimeError("kaput")
        @hookimpl
        def newslint_register_checks():
            return [Boom]
    '''))
    (tmp_path / "house_rules.py").write_text(HOUSE_RULE)
    (tmp_path / "newslint.yml").write_text("plugins: [boom.py, house_rules.py]\n")
    (tmp_path / "draft.txt").write_text(DRAFT)
    proc, report = run_json("draft.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert report["errors"] == [{"path": "draft.txt", "message": "rule boom (BM001) crashed: RuntimeError: kaput"}]
    assert any(f["rule"] == "no-cliches" for f in report["findings"])


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_is_told_once_how_much_a_run_holds_and_a_failing_preparation_is_harmless(tmp_path, jobs):
    """Check.prepare_run: called once, in the parent (before workers are
    forked), with the files' total size; one that raises only loses its head
    start and the run's findings are the same."""
    (tmp_path / "prep.py").write_text(textwrap.dedent('''
        import os
        from lint import Check, hookimpl
        class Prep(Check):
            """## What it does\\nRecords its preparation.\\n## Why is this bad?\\nTest.\\n## Example\\nx\\n"""
            name = "prep"; code = "PR001"; severity = "error"
            @classmethod
            def prepare_run(cls, expected_bytes):
                with open(os.environ["PREP_LOG"], "a") as fh:
                    fh.write(f"{os.getpid()} {expected_bytes}\\n")
                raise RuntimeError("no head start today")
            def check(self, doc, ctx):
                return []
        @hookimpl
        def newslint_register_checks():
            return [Prep]
    '''))
    (tmp_path / "house_rules.py").write_text(HOUSE_RULE)
    (tmp_path / "newslint.yml").write_text("plugins: [prep.py, house_rules.py]\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    sizes = 0
    for k in range(20):
        data = DRAFT.replace("council", f"council {k}").encode()
        (docs / f"d{k:02d}.txt").write_bytes(data)
        sizes += len(data)
    log = tmp_path / "prep.log"
    proc, report = run_json("docs", "-j", jobs, "--no-cache", cwd=tmp_path, env={"PREP_LOG": str(log)})
    assert proc.returncode == 0 and not report["errors"]  # (the house rule warns)
    assert sum(f["rule"] == "no-cliches" for f in report["findings"]) == 20
    (line,) = log.read_text().splitlines()  # once, whatever the number of workers
    assert line.split()[1] == str(sizes)


def test_every_hook_is_documented():
    from lint import hookspecs

    hooks = [n for n in dir(hookspecs) if n.startswith("newslint_")]
    assert set(hooks) >= {"newslint_register_checks", "newslint_register_formats", "newslint_register_readers"}
    for name in hooks:
        assert len((getattr(hookspecs, name).__doc__ or "").strip()) > 40, name


def test_registration_finds_hook_functions_under_any_name_and_touches_nothing_else(tmp_path):
    """Registering a module passes over everything but functions carrying the
    hook mark: a hook under another name (``specname``) is still found, and a
    lazily compiled pattern or other object in the module is not touched."""
    from lint.manager import load_plugins

    src = HOUSE_RULE.replace(
        "@hookimpl\ndef newslint_register_checks():",
        "from lint.lang.text import lazy\nPATTERN = lazy(r'council')\n\n"
        "class Touchy:\n    def __getattr__(self, name):\n        raise AssertionError(name)\n\nTOUCHY = Touchy()\n\n"
        "@hookimpl(specname='newslint_register_checks')\ndef house_checks():",
    )
    path = tmp_path / "house_specname.py"
    path.write_text(src)
    reg = load_plugins(local=[path])
    assert "no-cliches" in reg.checks
    module = reg.pm.get_plugin(str(path))
    assert "compiled" not in vars(module.PATTERN)  # still not compiled
