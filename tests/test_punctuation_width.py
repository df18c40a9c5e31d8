"""Tests for NL208 punctuation-width."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED, apply
from lint.testing import run_check
from plugins.checks.punctuation_width import PunctuationWidth

HERE = Path(__file__).resolve().parent


def run(text: str, **kw):
    return run_check(PunctuationWidth, text, **kw)


# ------------------------------------------------------------- must flag
def test_zh_half_width_marks_and_fix():
    text = "城东公园今日开放\n\n市政府表示, 新公园将于5月开放(首期)。园方说:门票免费.你来吗?\n"
    doc, fs = run(text)
    assert len(fs) == 5  # the bracket pair is one finding
    fixed = apply(text, [f.fix for f in fs], safe_only=True)
    assert fixed.endswith("市政府表示，新公园将于5月开放（首期）。园方说：门票免费。你来吗？\n")


def test_zh_comma_after_latin_name_is_flagged_unsafe():
    text = "苹果发布新机\n\n苹果公司发布iPhone 15 Pro,售价与上一代持平。\n"
    doc, fs = run(text)
    assert len(fs) == 1 and fs[0].fix.applicability == "unsafe"


def test_en_full_width_marks_and_fix():
    text = "Park opens\n\nThe park opens in May（phase one）。Tickets are free，the mayor said：come early！\n"
    doc, fs = run(text)
    assert len(fs) == 6
    assert apply(text, [f.fix for f in fs], safe_only=True).endswith(
        "The park opens in May (phase one). Tickets are free, the mayor said: come early!\n"
    )


def test_full_width_alphanumerics_option():
    text = "深圳地铁将设ＶＩＰ车厢\n\n２０１２年深圳地铁将设ＶＩＰ车厢，乘客可买坐票。\n"
    assert run(text)[1] == []
    doc, fs = run(text, **{"full-width-alphanumerics": True})
    assert len(fs) == 3
    assert apply(text, [f.fix for f in fs], safe_only=True).endswith("2012年深圳地铁将设VIP车厢，乘客可买坐票。\n")


# ------------------------------------------------------------- must not flag
def test_zh_exemptions():
    text = (
        "城东公园今日开放\n\n"
        "园内步道长3.5公里，总投资1,000万元，12:30开门。详情见www.park.gov.cn或report.pdf，邮箱info@park.cn。\n\n"
        "高能同步辐射光源(HEPS)正式启动，美国(U.S.)方面表示支持。Yahoo!中国、C罗和iPhone 15 Pro也被提及……\n\n"
        "2025年在中国科学技术馆《Project X：星际友好计划》展览开幕。他说……\n\n"
        "1.党的二十届四中全会召开\n"
    )
    assert run(text)[1] == []


def test_en_exemptions():
    text = (
        "Park opens\n\n"
        "The slogan 攀高逐新，质胜未来 was painted on the gate. Tickets cost 3.50, doors open at 12:30...\n\n"
        "See www.park.gov/info, e-mail info@park.org or read report.pdf (page 3).\n"
    )
    assert run(text)[1] == []


def test_clean_fixtures_and_corpus():
    total = 0
    for p in sorted((HERE / "fixtures" / "clean").rglob("*.txt")):
        total += len(run(p.read_text(encoding="utf-8"))[1])
    assert total == 0
    clean = SHARED / "corpus" / "dev" / "clean"
    if not clean.is_dir():
        pytest.skip("../shared is absent")
    for p in sorted(clean.rglob("*.txt")):
        total += len(run(p.read_text(encoding="utf-8-sig"))[1])
    assert total <= 15
