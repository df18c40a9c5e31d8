"""Tests for NL202 unbalanced-pair."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from lint.testing import findings_in, run_check
from plugins.checks.unbalanced_pair import UnbalancedPair


def run(text: str, **opts):
    return run_check(UnbalancedPair, text, **opts)


ZH_HEAD = "城东新建公园今日开放\n\n新华社南京5月8日电（记者 王立）\n\n"
EN_HEAD = "City opens new riverside park\n\nBy Jane Carter\n\n"


# ------------------------------------------------------------- must flag
# (one unmatched mark of each kind, zh and en: flag-*-never-closed.txt and
# flag-*-never-opened.txt in tests/fixtures/unbalanced-pair/, run by test_rule_fixtures.py)


def test_pair_split_across_paragraphs_is_a_broken_wrap():
    doc, fs = run(ZH_HEAD + "市政府印发《关于加快城市公园\n\n建设的实施意见》，要求三年内新建公园二十座。\n")
    assert len(fs) == 1 and "broken wrap" in fs[0].message
    assert doc.position(fs[0].start)[0] == 5 and doc.position(fs[0].end - 1)[0] == 7
    doc, fs = run(EN_HEAD + "The council (which met on\n\nTuesday) approved the plan for the new park.\n")
    assert len(fs) == 1 and "broken wrap" in fs[0].message


# ------------------------------------------------------------- must not flag
def test_zh_balanced_and_nested():
    text = ZH_HEAD + ("他说：“公园名叫‘滨江绿廊’，是《城市绿地规划（2021—2035年）》的重点项目。”\n\n"
                      "【记者手记】市民（尤其是老人）对此表示欢迎。「公园很美」，一位市民说。\n\n"
                      "据介绍，公园有以下特点：1）免费开放；2）全天候；3）无障碍设施齐全。\n")
    assert run(text)[1] == []


def test_en_apostrophes_lists_smileys_ranges():
    text = EN_HEAD + ("The park’s designers didn’t expect crowds in Xi’an or at the students’ union in the ’90s.\n\n"
                      "The plan has three parts: 1) a path, 2) a pond and b) a cafe. Residents loved it :) and so did we :-)\n\n"
                      "Values in the range [0, 1) were accepted, said Mr O'Brien, who is 6'2\" tall.\n\n"
                      "He said: ‘The park is open.’ It’s rock ’n’ roll.\n")
    assert run(text)[1] == []


def test_multi_paragraph_quotation_is_legitimate():
    en = EN_HEAD + ("“The park will open in June,” the mayor said. “We have waited a long time for this.\n\n"
                    "“It will change the riverside for ever.”\n")
    assert run(en)[1] == []
    straight = EN_HEAD + ('The mayor said: "The park will open in June.\n\n'
                          '"It will change the riverside for ever."\n')
    assert run(straight)[1] == []
    collapsed = EN_HEAD + ('The mayor said: "The park will open in June. "It will change the riverside for ever."\n')
    assert run(collapsed)[1] == []
    zh = ZH_HEAD + "他说：“公园将于六月开放。\n\n“这将改变滨江的面貌。”\n"
    assert run(zh)[1] == []


def test_multi_paragraph_option_off():
    en = EN_HEAD + "“The park will open in June.\n\n“It will change the riverside for ever.”\n"
    assert len(run(en, **{"multi-paragraph-quotes": False})[1]) == 1


def test_straight_quotes_option():
    text = EN_HEAD + 'The mayor said "the park will open in June.\n'
    assert run(text, **{"straight-quotes": False})[1] == []


def count_in(folder: Path) -> list[str]:
    return findings_in(UnbalancedPair, folder)


def test_own_clean_fixtures():
    assert count_in(ROOT / "tests" / "fixtures" / "clean") == []


def test_shared_clean_corpus(shared_clean):
    clean = shared_clean
    # measured: 3 of 310 articles, each a quotation really left open in the source
    assert len(count_in(clean)) <= 5
