"""Tests for NL207 repeated-sentence."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED, apply
from lint.testing import run_check
from plugins.checks.repeated_sentence import RepeatedSentence

HERE = Path(__file__).resolve().parent


def run(text: str, **kw):
    return run_check(RepeatedSentence, text, **kw)


ZH_HEAD = "城东新建公园今日开放\n\n新华社南京5月8日电（记者 王立）\n\n"
EN_HEAD = "City opens new riverside park\n\nBy Jane Carter\n\n"


# ------------------------------------------------------------- must flag
def test_zh_same_paragraph_and_fix():
    text = ZH_HEAD + "大桥将于下月起封闭施工一年。施工期间公交线路绕行。大桥将于下月起封闭施工一年。\n"
    doc, fs = run(text)
    assert len(fs) == 1
    f = fs[0]
    assert doc.text[f.start : f.end] == "大桥将于下月起封闭施工一年。" and f.start > f.related[0].start
    assert f.fix.applicability == "unsafe"
    assert apply(text, f.fix).endswith("大桥将于下月起封闭施工一年。施工期间公交线路绕行。\n")


def test_en_neighbouring_paragraph_with_whitespace_difference():
    text = EN_HEAD + ("The bridge will close next month for a year of repairs. Buses will be diverted.\n\n"
                      "The  bridge will close next month\nfor a year of repairs. Drivers should plan ahead.\n")
    doc, fs = run(text)
    assert len(fs) == 1 and "paragraph above" in fs[0].message
    assert doc.position(fs[0].start)[0] == 7
    assert apply(text, fs[0].fix).endswith("\n\nDrivers should plan ahead.\n")


# ------------------------------------------------------------- must not flag
# (short sentences, a whole paragraph repeated (NL101's), headlines and datelines:
# clean-*.txt in tests/fixtures/repeated-sentence/; a sentence repeated with a full-width
# space: flag-zh-sentence-repeated-with-full-width-space.txt)


def test_far_apart_not_flagged_by_default():
    text = EN_HEAD + ("The bridge will close next month for a year of repairs.\n\nBuses will be diverted.\n\n"
                      "Drivers should plan ahead.\n\nThe bridge will close next month for a year of repairs. Work starts at dawn.\n")
    assert run(text)[1] == []
    assert len(run(text, **{"max-distance": 3})[1]) == 1


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


def test_generated_duplicates_not_double_reported():
    from tests.gen.inject import generate

    cases = generate([HERE / "fixtures" / "clean"], 5, 120)
    hits = sum(len(run(c.text)[1]) for c in cases)
    assert hits <= 2


def test_a_sentence_forgotten_out_of_reach_is_found_again_when_it_recurs():
    s = "The bridge will close next month for a year of repairs."
    paras = [f"{s} {s}", "Buses will be diverted.", "Drivers should plan ahead.", s, f"{s} Work starts at dawn."]
    text = EN_HEAD + "\n\n".join(paras) + "\n"
    doc, fs = run(text)
    # the second copy in the first paragraph, and the copy in the paragraph after the fourth
    assert ["same paragraph" in f.message for f in fs] == [True, False]
    assert [doc.position(f.related[0].start)[0] for f in fs] == [5, 11]
    assert len(run(text, **{"max-distance": 0})[1]) == 1
    assert len(run(text, **{"max-distance": 3})[1]) == 2  # the fourth paragraph is a copy of the first (NL101)
