"""Tests for NL102 broken-line-wrap."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT, apply, span
from lint.api import Context
from lint.testing import make_document
from plugins.checks.broken_line_wrap import BrokenLineWrap

HERE = Path(__file__).resolve().parent


def run(text: str):
    doc = make_document(text)
    rule = BrokenLineWrap()
    ctx = Context(rule, doc)
    rule.check(doc, ctx)
    return doc, ctx.findings


ZH_HEAD = "城东新建公园今日开放\n\n新华社南京5月8日电（记者 王立）\n\n"
EN_HEAD = "City opens new riverside park\n\nBy Jane Carter\n\n"


# ------------------------------------------------------------- must flag
# (also: a word and a book title split, a line starting with a comma, a blank line before
# lower case, indented agency paragraphs, a caption inside a sentence: flag-*.txt in
# tests/fixtures/broken-line-wrap/, run by test_rule_fixtures.py)


def test_zh_function_word_break_and_fix():
    text = ZH_HEAD + "园方表示，这座公园的设计关键是\n\n从居民的实际需要出发，兼顾休闲与防洪。\n\n首日入园游客超过两万人次。\n"
    doc, fs = run(text)
    assert len(fs) == 1
    assert span(doc, fs[0]) == (5, 7)
    fixed = apply(text, fs[0].fix)
    assert "关键是从居民的实际需要出发" in fixed and fs[0].fix.applicability == "safe"


def test_zh_hard_wrap_one_finding_with_count():
    para = "公园建设历时两年，总投资约三亿元，园内种植乔木一万余株、灌木三十余万株，并建设了雨水花园和生态湿地，可在暴雨时蓄滞雨水。"
    wrapped = "\n\n".join(para[i:i + 16] for i in range(0, len(para), 16))
    text = ZH_HEAD + wrapped + "\n\n首日入园游客超过两万人次。\n"
    doc, fs = run(text)
    assert len(fs) == 1
    first, last = span(doc, fs[0])
    assert first == 5 and last == 5 + 2 * (len(para) // 16)
    assert "breaks" in fs[0].message
    assert para in apply(text, fs[0].fix)


def test_en_mid_sentence_and_hyphen():
    text = EN_HEAD + ("The council said the park would open every day from dawn until\n"
                      "dusk, and that a new trans-\nport link would serve the northern gate from June.\n\n"
                      "Officials said the transport link was paid for by a regional grant.\n")
    doc, fs = run(text)
    assert len(fs) == 1
    fixed = apply(text, fs[0].fix)
    assert "from dawn until dusk, and that a new transport link" in fixed
    assert fs[0].fix.applicability == "safe"  # "transport" is used elsewhere in the copy


def test_en_unsafe_hyphen_when_unknown():
    text = EN_HEAD + "The mayor said the park's new play-\nground had been designed with local schools.\n"
    doc, fs = run(text)
    assert len(fs) == 1 and fs[0].fix.applicability == "unsafe"


# ---------------------------------------------------------- must not flag
# (headlines, decks, bylines, datelines, subheads, captions, credits, lead-ins, lists,
# an ellipsis, an address: clean-*.txt in tests/fixtures/broken-line-wrap/, run by
# test_rule_fixtures.py)


def test_markdown_soft_wrap_via_cli(tmp_path):
    import json
    import subprocess
    import sys

    p = tmp_path / "a.md"
    p.write_text("# Park opens\n\nThe council said the park would open\nevery day from dawn until dusk.\n", encoding="utf-8")
    out = subprocess.run([str(Path(sys.executable).with_name("newslint")), "check", "--no-config", "--select", "broken-line-wrap",
                          "--format", "json", str(p)], capture_output=True, text=True, cwd=ROOT)
    assert json.loads(out.stdout)["findings"] == []


def test_sentence_end_then_new_paragraph_not_flagged():
    text = ZH_HEAD + "园方表示，公园将全天开放。\n\n此外，园内还设有自行车租赁点。\n\n" \
        "The council said on Monday that it was pleased with the park.\n\nIt will open at dawn.\n"
    doc, fs = run(text)
    assert fs == []


# ------------------------------------------------------------ accuracy
def _score(cases):
    from collections import Counter
    t = Counter()
    for case in cases:
        doc, fs = run(case.text)
        exp = [e for e in case.expected.get("expect", []) if e["rule"] == "broken-line-wrap"]
        opt = [e for e in case.expected.get("optional", []) + case.expected.get("expect", [])
               if "broken-line-wrap" in [e["rule"], *e.get("alt", [])]]
        def ok(span, e):
            a, b = e["lines"]
            w, allowed = span[1] - span[0] + 1, b - a + 1
            return span[0] <= b and a <= span[1] and w <= max(2 * allowed, allowed + 4)
        spans = [span(doc, f) for f in fs]
        t["expected"] += len(exp)
        t["hit"] += sum(any(ok(s, e) for s in spans) for e in exp)
        t["false"] += sum(not any(ok(s, e) for e in opt) for s in spans)
    p = t["hit"] / max(1, t["hit"] + t["false"])
    r = t["hit"] / max(1, t["expected"])
    return p, r, t


def test_accuracy_on_generated_cases():
    from tests.gen.inject import generate
    cases = generate([HERE / "fixtures" / "clean"], 5, 200)
    p, r, t = _score(cases)
    assert t["expected"] >= 20
    assert p >= 0.95 and r >= 0.95, (p, r, t)


def test_clean_corpus_has_no_findings(shared_clean):
    clean = shared_clean
    bad = []
    for p in sorted(clean.rglob("*.txt")):
        doc, fs = run(p.read_text(encoding="utf-8"))
        bad += [(p.name, span(doc, f)) for f in fs]
    assert len(bad) <= 1, bad


def test_english_sentence_wrapped_at_a_column_with_blank_lines():
    text = (
        "Remembering Marley\n\n"
        "To mark the anniversary of the birth of the reggae star Bob\n\n"
        "Marley, his former head of press at the record label, Rob\n\n"
        "Partridge, remembers the man behind the legend.\n\n"
        "Partridge worked with Marley from 1977 until the singer's death in 1981.\n"
    )
    doc, findings = run(text)
    assert [(doc.position(f.start)[0], doc.position(f.end)[0]) for f in findings] == [(3, 7)]


def test_bracketed_deck_after_a_headline_is_not_a_wrap():
    text = (
        "Chelsea clinch cup in extra-time\n\n"
        "(after extra-time - score at 90 mins 1-1)\n\n"
        "Chelsea won the League Cup final after a dramatic extra-time period in Cardiff.\n"
    )
    assert run(text)[1] == []


def test_pieces_read_their_text_from_the_document():
    from plugins.checks.broken_line_wrap import _Pass

    doc = make_document("Headline here\n\n  The council voted on\nTuesday to approve it.  \n\nNext one.\n")
    pieces = _Pass({})._pieces(doc)  # (splitting into pieces reads no option)
    assert [p.text for p in pieces] == ["Headline here", "The council voted on", "Tuesday to approve it.", "Next one."]
    for p in pieces:
        assert p.src is doc.text and p.text == doc.text[p.start : p.end]  # no copy of its own
