"""Tests for NL206 whitespace."""
from __future__ import annotations

from conftest import apply
from lint.api import Context
from lint.testing import make_document
from plugins.checks.whitespace import Whitespace


def run(text: str, **kw):
    doc = make_document(text)
    rule = Whitespace(kw)
    ctx = Context(rule, doc)
    rule.check(doc, ctx)
    return doc, ctx.findings


def line_of(doc, f):
    return doc.position(f.start)[0]


# ------------------------------------------------------------- must flag
def test_whitespace_only_line_and_trailing_zh():
    text = "城东公园今日开放\n\n市政府表示，公园将全天开放。 \n \n首日游客超过两万人次。\n"
    doc, fs = run(text)
    assert sorted((line_of(doc, f), f.message) for f in fs) == [(3, "Trailing whitespace"), (4, "Line holds only whitespace")]
    assert all(f.fix.applicability == "safe" for f in fs)
    assert apply(text, [f.fix for f in fs]) == "城东公园今日开放\n\n市政府表示，公园将全天开放。\n\n首日游客超过两万人次。\n"


def test_space_run_and_tab_en():
    text = "Park opens\n\nThe council voted  on Tuesday to close the bridge.\n\nRepairs\twill take a year.\n"
    doc, fs = run(text)
    msgs = sorted((line_of(doc, f), f.message) for f in fs)
    assert msgs == [(3, "Run of 2 spaces inside the text"), (5, "Tab inside the text")]
    fixed = apply(text, [f.fix for f in fs])
    assert "voted on Tuesday" in fixed and "Repairs will" in fixed
    assert [f.fix.applicability for f in sorted(fs, key=lambda f: f.start)] == ["safe", "unsafe"]


def test_full_width_space_in_running_text_zh():
    text = "城东公园今日开放\n\n市政府今天发布通知，　要求各区加快推进公园建设。全市将新建公园２０　座。\n"
    doc, fs = run(text)
    assert len(fs) == 2 and all("U+3000" in f.message for f in fs)
    assert apply(text, [f.fix for f in fs]).endswith("通知，要求各区加快推进公园建设。全市将新建公园２０座。\n")


# ------------------------------------------------------------- must not flag
# (house-style full-width spaces, indents, a byline's double spaces, a Markdown hard break and
# code block: clean-*.txt and clean-*.md in tests/fixtures/whitespace/, run by test_rule_fixtures.py)


def test_options_switch_sub_checks_off():
    text = "Park opens\n\nThe council voted.  Then it adjourned. \n"
    assert len(run(text)[1]) == 2
    assert run(text, **{"after-sentence": False, "trailing": False})[1] == []


def test_clean_corpus_under_budget(shared_clean):
    clean = shared_clean
    total = 0
    for p in sorted(clean.rglob("*.txt")):
        total += len(run(p.read_text(encoding="utf-8-sig"))[1])
    assert total <= 15
