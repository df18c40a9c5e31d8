"""Tests for NL209 misplaced-byline."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED, starts
from lint.testing import run_check
from plugins.checks.misplaced_byline import MisplacedByline

HERE = Path(__file__).resolve().parent


def run(text: str, **kw):
    return run_check(MisplacedByline, text, **kw)


ZH = ("城东新建公园今日开放\n\n■新华社记者 王立\n\n新华社南京5月8日电 城东新建公园8日正式开放，市民可免费入园。\n\n"
      "园方表示，公园共有四个入口，园内步道全长十二公里。\n\n")
EN = ("City opens new riverside park\n\nBy Jane Carter\n\nLONDON (Reuters) - The city opened a new riverside park on Tuesday, "
      "officials said.\n\nThe park has four entrances and a twelve-kilometre path.\n\n")


# ------------------------------------------------------------- must flag
def test_zh_second_byline_mid_story():
    doc, fs = run(ZH + "■新华社记者 张三 李四\n\n首日入园游客超过两万人次。\n")
    assert starts(doc, fs) == [9] and "Second byline" in fs[0].message
    assert doc.position(fs[0].related[0].start)[0] == 3


def test_zh_dateline_mid_file_with_text_after():
    doc, fs = run(ZH + "新华社南京5月8日电\n\n另据了解，市里今年还将新建公园二十座。\n")
    assert starts(doc, fs) == [9]


def test_en_byline_and_inline_dateline_mid_story():
    doc, fs = run(EN + "By Tom Reed\n\nPARIS (Reuters) - French officials said on Tuesday that rail strikes would go on.\n")
    assert starts(doc, fs) == [9, 11]
    assert "Second byline" in fs[0].message and "Second dateline" in fs[1].message


# ------------------------------------------------------------- must not flag
def test_opening_matter_and_closing_credits():
    assert run(ZH + "首日入园游客超过两万人次。\n\n（完）\n\n责任编辑：刘明\n")[1] == []
    assert run(EN + "Visitors topped 20,000 on the first day.\n\n(Reporting by Tom Reed; Editing by Ann Lee)\n")[1] == []


def test_xinhua_signoff_dateline_at_end():
    text = "城东新建公园今日开放\n\n■新华社记者 王立\n\n城东新建公园8日正式开放，市民可免费入园。\n\n首日入园游客超过两万人次。\n\n新华社南京5月8日电\n"
    assert run(text)[1] == []
    assert len(run(text, **{"allow-dateline-at-end": False})[1]) == 1


def test_body_text_that_looks_like_a_byline():
    zh = ZH + "记者在现场看到，游客有序入园。\n\n据新华社报道，公园还将夜间开放。\n"
    en = EN + "From Monday the park will open at dawn.\n\nBy contrast, the old park closes at six.\n"
    assert run(zh)[1] == [] and run(en)[1] == []


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
