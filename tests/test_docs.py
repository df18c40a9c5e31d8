"""The project's documents stay true to the code: rule pages, the docs index,
the changelog and the version (issue "For the people who carry it on")."""
from __future__ import annotations

import importlib.util
import re

from conftest import ROOT

import lint


def _gen_rules():
    spec = importlib.util.spec_from_file_location("gen_rules", ROOT / "docs" / "gen_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_pages_are_generated_from_the_docstrings():
    gen = _gen_rules()
    problems = gen.stale(gen.pages())
    assert not problems, "stale rule pages (run `python docs/gen_rules.py`):\n" + "\n".join(problems)


def test_a_stale_page_is_caught(tmp_path, monkeypatch):
    gen = _gen_rules()
    expected = gen.pages()
    path, text = next(iter(expected.items()))
    copy = tmp_path / path.name
    copy.write_text(text.replace("## Example", "## Examples", 1), encoding="utf-8")
    monkeypatch.setattr(gen, "RULES_DIR", tmp_path)
    problems = gen.stale({copy: text, tmp_path / "NL999-gone.md": "x"})
    assert any("differs" in p for p in problems) and any("missing" in p for p in problems)


def test_every_builtin_rule_has_a_page():
    gen = _gen_rules()
    names = {p.name for p in gen.pages()}
    assert "NL101-duplicate-paragraph.md" in names and "NL001-unused-suppression.md" in names
    assert len(names) == len(gen._builtin_checks())


def _slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_docs_index_links_the_readme_sections_every_rule_page_and_the_archive_page():
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", index)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    anchors = {_slug(h) for h in re.findall(r"^#{2,3} (.+)$", readme, re.M)}
    linked_anchors = {link.split("#", 1)[1] for link in links if link.startswith("../README.md#")}
    assert linked_anchors == anchors, "docs/index.md and the README's sections differ"
    for link in links:
        target = (ROOT / "docs" / link.split("#", 1)[0]).resolve()
        assert target.exists(), f"docs/index.md links {link}, which does not exist"
    pages = {p.name for p in (ROOT / "docs" / "rules").glob("*.md")}
    assert pages and pages <= {link.removeprefix("rules/") for link in links}
    assert "archive.md" in links


def test_the_version_is_written_once_and_the_changelog_has_its_release():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and not re.search(r"^version\s*=", pyproject, re.M)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.M)
    assert released and released[0] == lint.__version__, "the newest release in CHANGELOG.md is not lint.__version__"
    assert f"[{lint.__version__}]: " in changelog


def test_contributing_names_files_that_exist():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for path in re.findall(r"`((?:lint|plugins|tests|bench|docs|fuzz|\.ci)/[\w./-]+\.(?:py|md|yaml|yml))`", text):
        if "<" in path or path == "lint/config.yml":  # (config.yml's place in the wheel)
            continue
        assert (ROOT / path).exists(), f"CONTRIBUTING.md names {path}, which does not exist"


def test_the_readme_rule_tables_match_the_registered_rules():
    """The README's two rule tables name every built-in rule once, with its
    code, name and (for the second table) default severity."""
    import re

    from lint.manager import load_plugins

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (NL\d{3}) \| `([a-z-]+)` *\|(?: (\w+) *\|)? ", readme, re.M)
    registry = load_plugins()
    builtin = {cls.code: cls for cls in registry.checks.values() if cls.plugin and not cls.plugin.startswith("tests")}
    assert sorted(code for code, _, _ in rows) == sorted(builtin)
    for code, name, severity in rows:
        assert builtin[code].name == name, code
        if severity:
            assert builtin[code].severity == severity, code


def test_sarif_rules_point_at_their_pages():
    import json

    from conftest import run_cli

    out = run_cli("check", "--no-config", "--no-cache", "--format", "sarif", "examples/en-draft.txt")
    rules = json.loads(out.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and all(r["helpUri"].endswith(f"/docs/rules/{r['id']}-{r['name']}.md") for r in rules)
