"""Tests for NL204 markup-residue."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT, apply
from lint.api import Context
from lint.testing import findings_in, make_document
from plugins.checks.markup_residue import MarkupResidue


def run(text: str, reader: str = "text", **opts):
    doc = make_document(text, reader=reader)
    rule = MarkupResidue(opts)
    ctx = Context(rule, doc)
    rule.check(doc, ctx)
    return doc, ctx.findings


def spans(doc, fs):
    return [doc.text[f.start:f.end] for f in fs]


ZH_HEAD = "城东新建公园今日开放\n\n新华社南京5月8日电（记者 王立）\n\n"
EN_HEAD = "City opens new riverside park\n\nBy Jane Carter\n\n"


# ------------------------------------------------------------- must flag
def test_zh_html_comment_tags_and_entity():
    text = ZH_HEAD + "<!--repaste.body.begin-->市政府&nbsp;今天发布了<b>公园建设</b>规划。<br/>\n"
    doc, fs = run(text)
    assert spans(doc, fs) == ["<!--repaste.body.begin-->", "<b>", "</b>", "<br/>", "&nbsp;"]
    comment = fs[0]
    assert comment.fix.applicability == "safe"
    assert apply(text, fs[-1].fix).count("市政府 今天") == 1
    assert fs[1].fix.applicability == "unsafe"


def test_en_entities_and_tags():
    text = EN_HEAD + 'AT&amp;T said it&#39;s <a href="https://example.org">reviewing</a> the plan.<p>\n'
    doc, fs = run(text)
    assert spans(doc, fs) == ['<a href="https://example.org">', "</a>", "<p>", "&amp;", "&#39;"]
    assert apply(text, fs[3].fix).startswith(EN_HEAD + "AT&T")


def test_markdown_and_wiki_in_plain_text():
    text = EN_HEAD + ("The council said the plan was **final**, see [the report](https://example.org/report).\n\n"
                      "## What happens next\n\n"
                      "Paris is the [[France|French]] capital {{citation needed}} and '''the''' largest city.\n\n"
                      "== History ==\n")
    doc, fs = run(text)
    assert spans(doc, fs) == ["**final**", "[the report](https://example.org/report)", "## What happens next",
                              "[[France|French]]", "{{citation needed}}", "'''the'''", "== History =="]
    assert all(f.fix.applicability == "unsafe" for f in fs)
    assert "see the report." in apply(text, fs[1].fix)
    # the same in Chinese copy: flag-zh-markdown-in-plain-text.txt in tests/fixtures/markup-residue/


# ------------------------------------------------------------- must not flag
# (a Markdown document's own formatting, plain-text lookalikes in English and Chinese:
# clean-* in tests/fixtures/markup-residue/, run by test_rule_fixtures.py)


def test_options_turn_parts_off():
    text = EN_HEAD + "AT&amp;T <b>said</b> **yes** and [[Paris]].\n"
    doc, fs = run(text, html=False, entities=False, markdown=False, wiki=False)
    assert fs == []


def count_in(folder: Path) -> list[str]:
    return findings_in(MarkupResidue, folder)


def test_own_clean_fixtures_and_sample():
    assert count_in(ROOT / "tests" / "fixtures" / "clean") == []
    assert count_in(ROOT / "examples") == []


def test_shared_clean_corpus(shared_clean):
    clean = shared_clean
    # measured: 1 of 310 articles, a real leftover entity (America&#191;s)
    assert len(count_in(clean)) <= 2
