"""Tests for NL205 boilerplate."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SHARED, apply, lines
from lint.testing import findings_in, run_check
from plugins.checks.boilerplate import Boilerplate


def run(text: str, **opts):
    return run_check(Boilerplate, text, **opts)


ZH_HEAD = "城东新建公园今日开放\n\n新华社南京5月8日电（记者 王立）城东公园8日正式开放。\n\n"
EN_HEAD = "City opens new riverside park\n\nBy Jane Carter\n\nThe council opened the park on Monday.\n\n"


# ------------------------------------------------------------- must flag
# (also: flag-*.txt and clean-*.txt in tests/fixtures/boilerplate/, run by test_rule_fixtures.py:
# English page furniture, an editor credit glued to the last paragraph; story text about the
# same things, an editor byline at the top, a related-stories heading without a list)


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


# ------------------------------------------------------------- must not flag
def test_options():
    text = ZH_HEAD + "相关新闻\n\n城东公园预算获批\n滨江步道将封闭维修\n\n责任编辑：王小明\n"
    doc, fs = run(text, **{"related-links": False, "editor-credit": False})
    assert fs == []


def count_in(folder: Path) -> list[str]:
    return findings_in(Boilerplate, folder)


def test_own_clean_fixtures_and_sample():
    assert count_in(ROOT / "tests" / "fixtures" / "clean") == []
    assert count_in(ROOT / "examples") == []


def test_shared_clean_corpus(shared_clean):
    clean = shared_clean
    assert count_in(clean) == []  # measured: 0 of 310 articles


def test_shared_wild_sohu_teasers():
    sohu = SHARED / "corpus" / "wild" / "zh-sohu-2012"
    if not sohu.is_dir():
        pytest.skip("../shared is absent")
    hits = count_in(sohu)
    assert hits and all("［详细］" in h for h in hits)
