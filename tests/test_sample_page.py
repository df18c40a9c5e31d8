"""The sample page, examples/zh-newspaper-page.txt, against its own labels.

tests/fixtures/sample/zh-newspaper-page.expected.yml is a copy of the shared
corpus's labels for the page (score.py's format) with newslint's own additions
at the end (``exact_lines``, ``evidence``, ``never``). The whole linter runs
once with its defaults, as a user would run it, and each rule is scored on its
own: every labelled defect found, nothing unlabelled flagged by a scored rule
(score.py's matching, restated in conftest.py so that ../shared is not needed).
"""
from __future__ import annotations

import pytest
import yaml

import lint
from conftest import EXAMPLE, ROOT, report_findings, score

LABELS = ROOT / "tests" / "fixtures" / "sample" / "zh-newspaper-page.expected.yml"
SPEC = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
CORE = SPEC["scored_rules"]
RULES = sorted({*CORE, *SPEC["exact_lines"], *SPEC["never"], *(e["rule"] for e in SPEC["evidence"])})


@pytest.fixture(scope="module")
def found():
    report = lint.check_paths([str(EXAMPLE)])  # defaults only: no user config
    assert not report.errors, report.errors
    return report_findings(report)


@pytest.mark.parametrize("rule", RULES)
def test_sample_page(rule, found):
    mine = [f for f in found if f[0] == rule]
    if rule in CORE:
        # score.py's rules: every labelled line found (by this rule or one it
        # stands in for), no finding of this rule off the labels
        missed, false = score(found, SPEC, [rule])
        assert not missed and not false, f"missed: {missed}\nfalse alarms: {false}"
        for line in SPEC["must_not_flag"]:
            assert not [f for f in mine if f[1][0] <= line <= f[1][1]], line
    if rule in SPEC["exact_lines"]:
        assert sorted(f[1][0] for f in mine) == SPEC["exact_lines"][rule], mine
    for line in SPEC["never"].get(rule, []):
        assert not [f for f in mine if f[1][0] <= line <= f[1][1]], line
    for e in SPEC["evidence"]:
        if e["rule"] == rule:
            at = [f for f in mine if f[1][0] == e["line"]]
            assert at and e["text"] in at[0][2], (e, at)


def test_sample_labels_keep_the_shared_ones(shared):
    """The copy holds the shared labels unchanged (newslint's additions only add keys)."""
    theirs = yaml.safe_load((shared / "corpus" / "dev" / "zh-newspaper-page.expected.yml").read_text(encoding="utf-8"))
    for key, value in theirs.items():
        assert SPEC[key] == value, key
    assert (shared / "corpus" / "dev" / "zh-newspaper-page.txt").read_bytes() == EXAMPLE.read_bytes()
