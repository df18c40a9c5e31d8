"""Tests for NL205 boilerplate."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SHARED, apply, lines
from lint.testing import findings_in, run_check
from plugins.checks.boilerplate import Boilerplate

HERE = Path(__file__).resolve().parent


def run(text: str, **opts):
    return run_check(Boilerplate, text, **opts)


ZH_HEAD = "城东新建公园今日开放\n\n新华社南京5月8日电（记者 王立）城东公园8日正式开放。\n\n"
EN_HEAD = "City opens new riverside park\n\nBy Jane Carter\n\nThe council opened the park on Monday.\n\n"


# ------------------------------------------------------------- must flag
def test_zh_furniture():
    text = ZH_HEAD + ("市民可通过官方网站预约入园。［详细］\n\n"
                      "分享到：微信 微博 QQ空间\n\n"
                      "相关新闻\n\n城东公园预算获批\n滨江步道将封闭维修\n\n"
                      "（责任编辑：王小明）\n\n"
                      "Copyright © 2012 Example.com 版权所有\n\n"
                      "互联网新闻信息服务许可证：11220180001 京ICP备12345678号\n")
    doc, fs = run(text)
    assert lines(doc, fs) == [(5, 5), (7, 7), (9, 12), (14, 14), (16, 16), (18, 18)]
    assert fs[0].fix.applicability == "safe"
    assert apply(text, fs[0].fix).count("预约入园。\n") == 1
    assert "Related-links" in fs[2].message


def test_en_furniture():
    text = EN_HEAD + ("Continue reading the main story\n\n"
                      "Work on the second phase starts in June, the council said.\n\n"
                      "Advertisement\n\n"
                      "Share this article\n\n"
                      "Subscribe to our daily newsletter for the latest news\n\n"
                      "Related stories\n\n- Council approves park budget\n- Riverside path to close for repairs\n\n"
                      "Copyright 2024 Example News Ltd. All rights reserved.\n")
    doc, fs = run(text)
    assert lines(doc, fs) == [(7, 7), (11, 11), (13, 13), (15, 15), (17, 20), (22, 22)]


def test_editor_credit_glued_to_last_paragraph():
    doc, fs = run(ZH_HEAD + "首日入园游客超过两万人次。（责任编辑：王小明）\n")
    assert len(fs) == 1 and doc.text[fs[0].start:fs[0].end] == "（责任编辑：王小明）"


# ------------------------------------------------------------- must not flag
def test_story_text_about_the_same_things():
    en = EN_HEAD + ("Advertisement spending rose 5% last year, the agency said.\n\n"
                    "Copyright law is changing, and readers can share this article's findings freely.\n\n"
                    "Read more about the plan in the council's report, which runs to 200 pages.\n\n"
                    "Related stories in the local press were less kind to the plan, which cost £3m.\n\n"
                    "The council said subscribers to its newsletter would be told first.\n")
    assert run(en)[1] == []
    zh = ZH_HEAD + ("编辑部表示，将继续关注公园建设。\n\n"
                    "据介绍，相关新闻发布会将于下周举行，届时将公布详细规划。\n\n"
                    "版权保护是本次会议的议题之一，与会专家就著作权问题进行了讨论。\n\n"
                    "首日入园游客超过两万人次。\n")
    assert run(zh)[1] == []


def test_byline_editor_at_top_is_not_furniture():
    text = "城东新建公园今日开放\n\n编辑：王小明\n\n" + "城东公园8日正式开放。\n\n园内步道全长十二公里。\n\n首日入园游客超过两万人次。\n\n园方提醒市民错峰出行。\n"
    assert run(text)[1] == []


def test_related_heading_without_a_list_is_fine():
    text = EN_HEAD + "Related stories\n\nThe council said the park had cost £30m to build, and would open at dawn.\n"
    assert run(text)[1] == []


def test_options():
    text = ZH_HEAD + "相关新闻\n\n城东公园预算获批\n滨江步道将封闭维修\n\n责任编辑：王小明\n"
    doc, fs = run(text, **{"related-links": False, "editor-credit": False})
    assert fs == []


def count_in(folder: Path) -> list[str]:
    return findings_in(Boilerplate, folder)


def test_own_clean_fixtures_and_sample():
    assert count_in(ROOT / "tests" / "fixtures" / "clean") == []
    assert count_in(ROOT / "examples") == []


def test_shared_clean_corpus():
    clean = SHARED / "corpus" / "dev" / "clean"
    if not clean.is_dir():
        pytest.skip("../shared is absent")
    assert count_in(clean) == []  # measured: 0 of 310 articles


def test_shared_wild_sohu_teasers():
    sohu = SHARED / "corpus" / "wild" / "zh-sohu-2012"
    if not sohu.is_dir():
        pytest.skip("../shared is absent")
    hits = count_in(sohu)
    assert hits and all("［详细］" in h for h in hits)
