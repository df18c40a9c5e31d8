"""Tests for NL201 stray-caption."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SHARED
from lint.testing import findings_in, run_check
from plugins.checks.stray_caption import StrayCaption

HERE = Path(__file__).resolve().parent


def run(text: str, **opts):
    return run_check(StrayCaption, text, **opts)


def flagged_lines(doc, fs):
    return sorted(doc.position(f.start)[0] for f in fs)


ZH_HEAD = "城东新建公园今日开放\n\n新华社南京5月8日电（记者 王立）\n\n"
EN_HEAD = "City opens new riverside park\n\nBy Jane Carter\n\n"


# ------------------------------------------------------------- must flag
def test_zh_caption_inside_a_sentence():
    text = ZH_HEAD + ("园方表示，公园的设计充分考虑了周边居民的日常休闲需要，并且在防洪方面\n\n"
                      "5月8日，市民在城东公园的湖边散步。新华社记者 李明 摄\n\n"
                      "预留了足够的蓄水空间，可应对百年一遇的暴雨。\n")
    doc, fs = run(text)
    assert flagged_lines(doc, fs) == [7]
    assert "inside a sentence" in fs[0].message
    assert fs[0].fix.applicability == "unsafe"


def test_zh_credit_between_paragraphs_and_repeated():
    text = ZH_HEAD + ("公园共有四个入口，市民可从东门和北门进入，园内步道全长十二公里。\n\n"
                      "新华社记者 李明 摄\n\n"
                      "首日入园游客超过两万人次，园方提醒市民错峰出行。\n\n"
                      "园内还设有儿童游乐区和湿地观鸟台，周末将举办音乐会。\n\n"
                      "新华社记者 李明 摄\n\n"
                      "市政府表示，今年还将新建三座社区公园，方便市民就近休闲。\n")
    doc, fs = run(text)
    assert flagged_lines(doc, fs) == [7, 13]
    assert "repeated" in fs[1].message and fs[1].related


def test_en_credit_between_paragraphs():
    text = EN_HEAD + ("The council said the park would open every day from dawn until dusk, with free entry.\n\n"
                      "Photo: Residents walk along the new riverside path. (AP Photo/Sam Lee)\n\n"
                      "More than 20,000 people visited on the first day, the council said.\n")
    doc, fs = run(text)
    assert flagged_lines(doc, fs) == [7]
    assert run(text, **{"between-paragraphs": False})[1] == []


def test_en_nyt_style_credit_mid_sentence():
    text = EN_HEAD + ("The council said the park, which cost 30 million dollars to build, would be open to\n\n"
                      "Credit...Sam Lee for The Daily Planet\n\n"
                      "everyone from dawn until dusk, with free entry on weekdays.\n")
    doc, fs = run(text)
    assert flagged_lines(doc, fs) == [7]
    assert "inside a sentence" in fs[0].message


def test_inline_credit_inside_paragraph():
    text = EN_HEAD + ("The park opened on Monday. (Xinhua/Li Ming) More than 20,000 people visited on the first day.\n\n"
                      "The council said a second park would open next year.\n")
    doc, fs = run(text)
    assert len(fs) == 1 and "embedded" in fs[0].message
    zh = ZH_HEAD + "公园今天正式开放。（新华社记者 李明 摄）首日入园游客超过两万人次，园方提醒市民错峰出行。\n"
    doc, fs = run(zh)
    assert len(fs) == 1 and "embedded" in fs[0].message


# ------------------------------------------------------------- must not flag
def test_caption_under_headline_and_at_end_is_fine():
    zh = ("城东新建公园今日开放\n\n5月8日，市民在城东公园的湖边散步。新华社记者 李明 摄\n\n"
          "新华社南京5月8日电（记者 王立）城东公园8日正式开放，园内步道全长十二公里。\n\n"
          "首日入园游客超过两万人次，园方提醒市民错峰出行。\n\n"
          "新华社发（张华 摄）\n")
    assert run(zh)[1] == []
    en = ("City opens new riverside park\n\nPhoto: Residents walk along the new path. (AP Photo/Sam Lee)\n\n"
          "By Jane Carter\n\nThe council opened the park on Monday, with free entry for all.\n\n"
          "More than 20,000 people visited on the first day.\n\nPhoto by Sam Lee\n")
    assert run(en)[1] == []


def test_body_text_mentioning_photos_is_fine():
    text = EN_HEAD + ("The photographer said: \"I took the photo at dawn.\" The picture won an award.\n\n"
                      "Reuters reported that the park had cost 30 million dollars.\n\n"
                      "Getty Images, the agency, declined to comment on the sale of the photographs last year.\n")
    assert run(text)[1] == []
    zh = ZH_HEAD + "摄影师表示，这张照片拍摄于清晨。\n\n这组照片由本报记者拍摄，已在展览中展出。\n"
    assert run(zh)[1] == []


def count_in(folder: Path) -> list[str]:
    return findings_in(StrayCaption, folder)


def test_own_clean_fixtures():
    # four of the project's own articles keep a photo caption between two complete
    # paragraphs: reported as placement (the default), never as cutting a sentence
    hits = count_in(ROOT / "tests" / "fixtures" / "clean")
    assert len(hits) == 4 and all("between paragraphs" in h for h in hits)
    for p in sorted((ROOT / "tests" / "fixtures" / "clean").rglob("*.txt")):
        assert run(p.read_text(encoding="utf-8"), **{"between-paragraphs": False})[1] == []


def test_shared_clean_corpus():
    clean = SHARED / "corpus" / "dev" / "clean"
    if not clean.is_dir():
        pytest.skip("../shared is absent")
    assert len(count_in(clean)) <= 2  # measured: 0 of 310 articles
