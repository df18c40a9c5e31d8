"""Shared test helpers: one home for what the test modules have in common.

Test modules import from here (``from conftest import ROOT, apply, lines``);
the repository root is on ``sys.path`` through pytest's ``pythonpath`` option
(pyproject.toml), so ``lint``, ``plugins`` and ``tests.gen`` import without an
install and without ``sys.path.insert`` in any test file.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# the suite expects English messages whatever the machine's locale (tests of the
# other languages pass --lang or their own locale variables)
os.environ["LANGUAGE"] = "en"

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "zh-newspaper-page.txt"


def run_cli(*args, cwd=None, input=None, env=None):
    """Run the real `newslint` entry point in a subprocess."""
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    return subprocess.run(
        [sys.executable, "-m", "lint.cli", *map(str, args)],
        cwd=cwd or ROOT,
        input=input,
        capture_output=True,
        env={**e, "PYTHONPATH": os.pathsep.join([str(ROOT), e.get("PYTHONPATH", "")])},
    )


def run_json(*args, **kw):
    proc = run_cli("check", "--format", "json", *args, **kw)
    return proc, json.loads(proc.stdout.decode("utf-8"))


@pytest.fixture
def shared():
    """The shared corpus (``../shared``); the test is skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture
def shared_clean(shared):
    """``../shared/corpus/dev/clean``: clean articles; skipped when absent."""
    clean = shared / "corpus" / "dev" / "clean"
    if not clean.is_dir():
        pytest.skip("../shared/corpus/dev/clean is absent")
    return clean


def apply(text: str, fixes, *, safe_only: bool = False) -> str:
    """The text after one fix (or a list of fixes; ``None`` entries are skipped),
    edits applied from the end. ``safe_only`` leaves unsafe fixes out, as
    ``newslint check --fix`` does without ``--unsafe-fixes``."""
    if fixes is None or hasattr(fixes, "edits"):
        fixes = [fixes]
    edits = sorted(
        (e for f in fixes if f is not None and (not safe_only or f.applicability == "safe") for e in f.edits),
        key=lambda e: e.start,
        reverse=True,
    )
    for e in edits:
        text = text[: e.start] + e.replacement + text[e.end :]
    return text


def span(doc, finding) -> tuple[int, int]:
    """The 1-based first and last line of a finding in ``doc``."""
    return doc.position(finding.start)[0], doc.position(max(finding.start, finding.end - 1))[0]


def lines(doc, findings) -> list[tuple[int, int]]:
    """The (first, last) lines of each finding, in order."""
    return [span(doc, f) for f in findings]


def starts(doc, findings) -> list[int]:
    """The first line of each finding, in order."""
    return [doc.position(f.start)[0] for f in findings]


# ------------------------------------------------------------------ labels (score.py's format)
# The semantics of ../shared/tools/score.py, restated here so that the tests run
# without ../shared: a finding matches a label when its rule is the label's
# `rule` (or one of its `alt` rules) and its line span overlaps the label's
# `lines` without being much wider (at most twice as many lines, or four more).

def matches(span: tuple[int, int], lines: tuple[int, int]) -> bool:
    (a, b), (c, d) = span, lines
    if b < c or a > d:
        return False
    width, want = b - a + 1, d - c + 1
    return width <= max(2 * want, want + 4)


def label_matches(finding: tuple, label: dict) -> bool:
    rule, span = finding[0], finding[1]
    return rule in [label["rule"], *label.get("alt", [])] and matches(span, tuple(label["lines"]))


def score(findings: list[tuple], spec: dict, scored: list[str]) -> tuple[list[dict], list[tuple]]:
    """(missed labels, false alarms) of ``findings`` — ``(rule, (line, end_line), message)``
    tuples — against a labels ``spec``: every ``expect`` entry of a scored rule
    must be matched (by any rule it names); a finding of a scored rule that
    matches no ``expect`` or ``optional`` entry is a false alarm."""
    expect = [e for e in spec.get("expect") or [] if e["rule"] in scored]
    optional = spec.get("optional") or []
    missed = [e for e in expect if not any(label_matches(f, e) for f in findings)]
    false = [f for f in findings if f[0] in scored and not any(label_matches(f, e) for e in expect + optional)]
    return missed, false


def report_findings(report) -> list[tuple]:
    """A report's findings as ``(rule, (line, end_line), message)``."""
    return [(f.rule, (f.line, f.end_line or f.line), f.message) for f in report.findings]


# Test rules with fixes, written to a file a test config loads with `plugins:`
# (tests/test_fixes.py, tests/test_cli_first_hour.py); each test registers the
# ones it needs with rules_plugin().
TEST_RULES = '''
import re
from lint import Check, hookimpl
from lint.model import Fix, Edit

class Typo(Check):
    """## What it does\\nFixes teh.\\n## Why is this bad?\\nTypo.\\n## Example\\nteh cat\\n"""
    name = "typo"; code = "TT001"; severity = "error"
    def check(self, doc, ctx):
        for m in re.finditer(r"\\bteh\\b", doc.text):
            ctx.report(m.start(), m.end(), "typo", fix=Fix.replace(m.start(), m.end(), "the", "Correct to 'the'"))

class Shout(Check):
    """## What it does\\nLowers SHOUTING.\\n## Why is this bad?\\nRude.\\n## Example\\nLOUD\\n"""
    name = "shout"; code = "TT002"; severity = "warning"
    def check(self, doc, ctx):
        for m in re.finditer(r"\\b[A-Z]{4,}\\b", doc.text):
            ctx.report(m.start(), m.end(), "shouting", fix=Fix.replace(m.start(), m.end(), m.group().lower(), "Lower", "unsafe"))

class Clash(Check):
    """## What it does\\nOverlaps typo's fix.\\n## Why is this bad?\\nTest.\\n## Example\\nteh cat\\n"""
    name = "clash"; code = "TT003"; severity = "info"
    def check(self, doc, ctx):
        for m in re.finditer(r"teh cat", doc.text):
            ctx.report(m.start(), m.end(), "clash", fix=Fix.replace(m.start(), m.end(), "XXX", "Clobber"))

class Joiner(Check):
    """## What it does\\nJoins a line ending in 'split' with the next.\\n## Why is this bad?\\nTest.\\n## Example\\nsplit\\n"""
    name = "joiner"; code = "TT004"; severity = "error"
    def check(self, doc, ctx):
        for m in re.finditer(r"split\\n", doc.text):
            ctx.report(m.start(), m.end(), "split line", fix=Fix.replace(m.end() - 1, m.end(), " ", "Join"))

class Quote(Check):
    """## What it does\\nQuotes a line that says 'quote:'.\\n## Why is this bad?\\nTest.\\n## Example\\nquote: x\\n"""
    name = "quote"; code = "TT005"; severity = "warning"
    def check(self, doc, ctx):
        for m in re.finditer(r"quote: ([^\\n]*)", doc.text):
            ctx.report(m.start(), m.end(), f"quoted copy: {m.group(1)}")

class Crash(Check):
    """## What it does\\nCrashes on 'boom'.\\n## Why is this bad?\\nTest.\\n## Example\\nboom\\n"""
    name = "crash"; code = "TT006"; severity = "error"
    def check(self, doc, ctx):
        if "boom" in doc.text:
            explode_here(doc.text)

def explode_here(text):
    raise ValueError("oops")
'''


def rules_plugin(*names: str) -> str:
    """The source of a plugin file registering the TEST_RULES ``names``."""
    return TEST_RULES + f"\n@hookimpl\ndef newslint_register_checks():\n    return [{', '.join(names)}]\n"
