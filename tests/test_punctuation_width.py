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
# (numbers, URLs, acronyms and Latin names in Chinese copy; a Chinese quotation, numbers and
# URLs in English copy: clean-*.txt in tests/fixtures/punctuation-width/)


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
