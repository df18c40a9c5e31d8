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


# ------------------------------------------------------------- must flag
# (a second byline, a mid-file dateline, an inline dateline: flag-*.txt in
# tests/fixtures/misplaced-byline/, run by test_rule_fixtures.py)


# ------------------------------------------------------------- must not flag
# (opening matter and closing credits, body text that looks like a byline:
# clean-*.txt in tests/fixtures/misplaced-byline/)
def test_xinhua_signoff_dateline_at_end():
    text = "城东新建公园今日开放\n\n■新华社记者 王立\n\n城东新建公园8日正式开放，市民可免费入园。\n\n首日入园游客超过两万人次。\n\n新华社南京5月8日电\n"
    assert run(text)[1] == []
    doc, fs = run(text, **{"allow-dateline-at-end": False})
    assert starts(doc, fs) == [9]  # the sign-off dateline


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
