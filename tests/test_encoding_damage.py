"""Tests for NL203 encoding-damage."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, apply
from lint.testing import findings_in, run_check
from plugins.checks.encoding_damage import EncodingDamage


def run(text: str, **opts):
    return run_check(EncodingDamage, text, **opts)


ZH_HEAD = "城东新建公园今日开放\n\n新华社南京5月8日电（记者 王立）\n\n"
EN_HEAD = "City opens new riverside park\n\nBy Jane Carter\n\n"


# ------------------------------------------------------------- must flag
def test_replacement_characters():
    doc, fs = run(ZH_HEAD + "公园总投资约三亿元，园内种植乔木一万余\ufffd\ufffd。\n")
    assert len(fs) == 1 and "U+FFFD" in fs[0].message and fs[0].fix is None
    # in English copy: flag-en-replacement-character.txt in tests/fixtures/encoding-damage/


def test_mojibake_en_and_zh_with_unsafe_fix():
    ftfy = pytest.importorskip("ftfy")  # noqa: F841
    text = EN_HEAD + "The caf\u00c3\u00a9 reopened on Monday, the owner said.\n"
    doc, fs = run(text)
    assert len(fs) == 1 and "Mojibake" in fs[0].message
    assert fs[0].fix.applicability == "unsafe"
    assert "The café reopened" in apply(text, fs[0].fix)
    import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252
    garbled = "公园今日开放".encode("utf-8").decode("sloppy-windows-1252")
    text = ZH_HEAD + "据介绍，" + garbled + "。\n"
    doc, fs = run(text)
    assert len(fs) == 1 and apply(text, fs[0].fix) == ZH_HEAD + "据介绍，公园今日开放。\n"


def test_mojibake_candidates_skip_everyday_punctuation_symbols_and_accents():
    """Mojibake is a lead byte's character followed by a continuation byte's
    character of one code page. Lines with curly quotes, dashes, the pound
    sign, a middle dot or accented words have no such pair and do not load
    ftfy; every misreading of a character (Windows-1252, Latin-1, MacRoman,
    Windows-1251) still has one."""
    from plugins.checks.encoding_damage import _MOJI_CANDIDATE

    assert not _MOJI_CANDIDATE.search("他说：“这是‘好’消息——真的……” It’s a – test…")
    assert not _MOJI_CANDIDATE.search("£5 at the café in Zürich · a naïve résumé, Beyoncé's ¡Olé! 5°C ±2 €3")
    assert _MOJI_CANDIDATE.search("voilÃ  tout")  # à whose no-break space became a space
    assert _MOJI_CANDIDATE.search("months \x97 later")  # Windows-1252's em dash read as Latin-1
    points = list(range(0x80, 0x800)) + list(range(0x2000, 0x2100)) + list(range(0x3000, 0x3100))
    points += list(range(0x4E00, 0x9FFF, 7)) + list(range(0xAC00, 0xD7A4, 11)) + list(range(0x10000, 0x10400, 5))
    for cp in points:
        raw = chr(cp).encode("utf-8")
        for codec in ("cp1252", "latin-1", "mac-roman", "cp1251"):
            try:
                garbled = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            assert _MOJI_CANDIDATE.search(garbled), (hex(cp), codec, garbled)


def test_control_characters_and_nul():
    text = EN_HEAD + "The council\x00 approved the plan\x07 on Tuesday.\n"
    doc, fs = run(text)
    assert len(fs) == 2 and "NUL" in fs[0].message
    assert all(f.fix.applicability == "safe" for f in fs)
    assert apply(apply(text, fs[1].fix), fs[0].fix) == EN_HEAD + "The council approved the plan on Tuesday.\n"


def test_invisible_characters_safe_fix():
    text = ZH_HEAD + "公园\u200b总投资约三亿元，\ufeff园内种植乔木一万余株。\n"
    doc, fs = run(text)
    assert [f.fix.applicability for f in fs] == ["safe", "safe"]
    out = apply(apply(text, fs[1].fix), fs[0].fix)
    assert out == ZH_HEAD + "公园总投资约三亿元，园内种植乔木一万余株。\n"
    doc, fs = run(EN_HEAD + "The council ap\u00adproved the plan\u2060 on Tuesday.\n")
    assert len(fs) == 2


def test_bidi_and_stray_joiner_in_ltr_text():
    doc, fs = run(EN_HEAD + "The council\u202e approved the plan on Tues\u200dday.\n")
    assert len(fs) == 2 and all(f.fix.applicability == "unsafe" for f in fs)


# ------------------------------------------------------------- must not flag
# (accents, symbols and curly quotes; full-width letters, digits and space; emoji joiners, RTL
# marks and a leading BOM; a tab-separated table: clean-*.txt in tests/fixtures/encoding-damage/)


def count_in(folder: Path) -> list[str]:
    return findings_in(EncodingDamage, folder)


def test_own_clean_fixtures_and_sample():
    assert count_in(ROOT / "tests" / "fixtures" / "clean") == []
    assert count_in(ROOT / "examples") == []


def test_shared_clean_corpus(shared_clean):
    clean = shared_clean
    assert count_in(clean) == []  # measured: 0 of 310 articles


def test_large_clean_document():
    """A large clean document raises nothing (speed is measured in bench/run.py)."""
    text = (EN_HEAD + "The café reopened on Monday, the owner said. " * 2000 + "\n\n") * 10 + \
        (ZH_HEAD + "公园总投资约三亿元，园内种植乔木一万余株。" * 2000 + "\n\n") * 10
    assert run(text)[1] == []
