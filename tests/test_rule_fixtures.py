"""Rule fixtures: input files with their expected findings, one runner for all.

Each folder ``tests/fixtures/<rule-name>/`` holds small documents written for
the tests, named for the case they show:

- ``flag-<case>.txt`` (or ``.md``, ``.html``) beside ``flag-<case>.expected.yml``,
  in the labels format ``../shared/tools/score.py`` reads: each entry of
  ``expect`` must be found (rule, and a finding whose line span overlaps the
  entry's ``lines`` without being much wider), ``optional`` entries may be;
- ``clean-<case>.txt`` with no labels file, or with an ``expect: []`` one: no
  finding of the scored rules at all.

The scored rules are the labels file's ``scored_rules``, else the rule the
folder is named for. Every other finding is a false alarm and fails the case.
The whole linter runs with the default configuration, as a user would run it.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import lint

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUFFIXES = (".txt", ".md", ".html")


def _rule_names() -> set[str]:
    from lint.manager import load_plugins

    return set(load_plugins().checks)


def _cases():
    rules = _rule_names()
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p.name in rules):
        for doc in sorted(folder.iterdir()):
            if doc.suffix in SUFFIXES and doc.name.startswith(("flag-", "clean-")):
                yield pytest.param(doc, id=f"{folder.name}/{doc.name}")


def _labels(doc: Path) -> dict:
    yml = doc.with_name(doc.name[: -len(doc.suffix)] + ".expected.yml")
    if yml.is_file():
        return yaml.safe_load(yml.read_text(encoding="utf-8")) or {}
    assert doc.name.startswith("clean-"), f"{doc.name}: a flag- case needs {yml.name}"
    return {}


def _matches(span: tuple[int, int], lines: tuple[int, int]) -> bool:
    # score.py's rule: overlap, and at most twice as many lines (or four more)
    (a, b), (c, d) = span, lines
    if b < c or a > d:
        return False
    width, want = b - a + 1, d - c + 1
    return width <= max(2 * want, want + 4)


@pytest.mark.parametrize("doc", list(_cases()))
def test_fixture(doc: Path):
    spec = _labels(doc)
    scored = spec.get("scored_rules") or [doc.parent.name]
    expect = spec.get("expect") or []
    optional = spec.get("optional") or []
    if doc.name.startswith("clean-"):
        assert not expect, f"{doc.name}: a clean- case expects nothing"
    else:
        assert expect, f"{doc.name}: a flag- case must expect at least one finding"
    report = lint.check_paths([str(doc)])  # defaults only: no user config
    assert not report.errors, report.errors
    found = []
    for f in report.findings:
        line, end = f.line, f.end_line or f.line
        found.append((f.rule, (line, end), f.message))
    missed = [
        e for e in expect
        if not any(r in [e["rule"], *e.get("alt", [])] and _matches(span, tuple(e["lines"])) for r, span, _ in found)
    ]
    false = [
        (r, span, msg) for r, span, msg in found
        if r in scored
        and not any(r in [e["rule"], *e.get("alt", [])] and _matches(span, tuple(e["lines"])) for e in expect + optional)
    ]
    assert not missed and not false, f"missed: {missed}\nfalse alarms: {false}"
