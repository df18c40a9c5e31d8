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


def test_zh_full_width_space_difference():
    text = ZH_HEAD + "市民可从东门和北门进入公园。园内步道全长十二公里。\n\n市民可从东门和北门　进入公园。首日游客超过两万人次。\n"
    assert len(run(text)[1]) == 1


# ------------------------------------------------------------- must not flag
def test_short_sentences_ignored():
    zh = ZH_HEAD + "他说。“好。”他说。大家都同意这个方案。\n"
    en = EN_HEAD + "Yes. The council agreed to the plan on Tuesday. Yes.\n"
    assert run(zh)[1] == [] and run(en)[1] == []


def test_far_apart_not_flagged_by_default():
    text = EN_HEAD + ("The bridge will close next month for a year of repairs.\n\nBuses will be diverted.\n\n"
                      "Drivers should plan ahead.\n\nThe bridge will close next month for a year of repairs. Work starts at dawn.\n")
    assert run(text)[1] == []
    assert len(run(text, **{"max-distance": 3})[1]) == 1


def test_whole_duplicate_paragraph_left_to_nl101():
    para = "The bridge will close next month for a year of repairs. Buses will be diverted via the ring road."
    text = EN_HEAD + para + "\n\n" + para + "\n"
    assert run(text)[1] == []
    zh = "园方表示，夜间开放时间将延长到晚上十点。周末还将增加安保人员。"
    assert run(ZH_HEAD + zh + "\n\n" + zh.replace("晚上", "夜里") + "\n")[1] == []


def test_headlines_and_datelines_not_compared():
    text = "大桥下月起封闭施工\n\n大桥下月起封闭施工\n\n新华社南京5月8日电\n\n新华社南京5月8日电\n"
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


def test_generated_duplicates_not_double_reported():
    from tests.gen.inject import generate

    cases = generate([HERE / "fixtures" / "clean"], 5, 120)
    hits = sum(len(run(c.text)[1]) for c in cases)
    assert hits <= 2
