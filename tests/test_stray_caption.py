"""Tests for NL201 stray-caption."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from lint.testing import findings_in, run_check
from plugins.checks.stray_caption import StrayCaption


def run(text: str, **opts):
    return run_check(StrayCaption, text, **opts)


def flagged_lines(doc, fs):
    return sorted(doc.position(f.start)[0] for f in fs)


ZH_HEAD = "城东新建公园今日开放\n\n新华社南京5月8日电（记者 王立）\n\n"
EN_HEAD = "City opens new riverside park\n\nBy Jane Carter\n\n"


# ------------------------------------------------------------- must flag
# (credits between paragraphs, repeated, cutting a sentence, embedded in a paragraph;
# and captions where they belong: flag-*.txt and clean-*.txt in tests/fixtures/stray-caption/,
# run by test_rule_fixtures.py)


def test_zh_caption_inside_a_sentence():
    text = ZH_HEAD + ("园方表示，公园的设计充分考虑了周边居民的日常休闲需要，并且在防洪方面\n\n"
                      "5月8日，市民在城东公园的湖边散步。新华社记者 李明 摄\n\n"
                      "预留了足够的蓄水空间，可应对百年一遇的暴雨。\n")
    doc, fs = run(text)
    assert flagged_lines(doc, fs) == [7]
    assert "inside a sentence" in fs[0].message
    assert fs[0].fix.applicability == "unsafe"


def test_en_credit_between_paragraphs():
    text = EN_HEAD + ("The council said the park would open every day from dawn until dusk, with free entry.\n\n"
                      "Photo: Residents walk along the new riverside path. (AP Photo/Sam Lee)\n\n"
                      "More than 20,000 people visited on the first day, the council said.\n")
    doc, fs = run(text)
    assert flagged_lines(doc, fs) == [7]
    assert run(text, **{"between-paragraphs": False})[1] == []


# ------------------------------------------------------------- must not flag
def count_in(folder: Path) -> list[str]:
    return findings_in(StrayCaption, folder)


def test_own_clean_fixtures():
    # four of the project's own articles keep a photo caption between two complete
    # paragraphs: reported as placement (the default), never as cutting a sentence
    hits = count_in(ROOT / "tests" / "fixtures" / "clean")
    assert len(hits) == 4 and all("between paragraphs" in h for h in hits)
    for p in sorted((ROOT / "tests" / "fixtures" / "clean").rglob("*.txt")):
        assert run(p.read_text(encoding="utf-8"), **{"between-paragraphs": False})[1] == []


def test_shared_clean_corpus(shared_clean):
    clean = shared_clean
    assert len(count_in(clean)) <= 2  # measured: 0 of 310 articles
