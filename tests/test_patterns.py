"""Shortcuts in lint.lang.patterns agree with the patterns they stand for."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint.lang import patterns as P

from conftest import ROOT, SHARED

# pieces that make the credit and lead-in patterns match, almost match or fail
_PIECES = [
    "Photo", "Photograph", "Picture", "Image", "Images", "Credit", "Credits", "Pictured", "courtesy", " by",
    ":", "：", "(", ")", "/", ".", "..", "…", " ", "  ", "\n", "\t", "\u3000", "\u00a0",
    "Xinhua", "AP", "AFP", "Reuters", "Reuters/", "Reuters/Stoyan", "EPA", "Getty", "Getty Images", "AFP/Getty",
    "AP Photo", "PA Wire", "PA", "Wire", "Shutterstock", "EP", "GAREPS",
    "—", "——", "-", "--", "”", "’", '"', "“",
    "the council voted", "市政府", "摄", "x", "A", "s",
]


def _texts() -> list[str]:
    """Real paragraphs and lines: the examples and fixtures, and the shared corpus when it is there."""
    folders = [ROOT / "examples", ROOT / "tests" / "fixtures"]
    if SHARED.is_dir():
        folders.append(SHARED / "corpus" / "dev" / "clean")
    out = []
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            out.extend(text.split("\n\n"))
            out.extend(text.split("\n"))
    return out


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_has_en_credit_is_en_credit_search(pieces):
    s = "".join(pieces)
    assert P.has_en_credit(s) == bool(P.EN_CREDIT.search(s)), s


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_ends_leadin_is_leadin_end_search(pieces):
    s = "".join(pieces)
    assert P.ends_leadin(s) == bool(P.LEADIN_END.search(s)), s


_CREDIT_CORE = [
    "(Xinhua/Li Ming)", "(AP Photo/Jane Doe)", "(Photos: John Smith)", "(Image: BBC)", "Getty Images",
    "AFP/Getty", "AP Photo", "Reuters/Stoyan Nenov", "EPA", "PA Wire", "Shutterstock", "Photo: ", "Credits... x",
    "Image courtesy", "Pictured: ",
]


@given(
    st.lists(st.sampled_from(_PIECES), max_size=4),
    st.sampled_from(_CREDIT_CORE),
    st.lists(st.sampled_from(_PIECES), max_size=4),
)
def test_has_en_credit_around_each_alternative(before, core, after):
    s = "".join(before) + core + "".join(after)
    assert P.has_en_credit(s) == bool(P.EN_CREDIT.search(s)), s


@pytest.mark.parametrize(
    "s, credit",
    [
        ("The minister spoke on Monday. (Xinhua/Li Ming)", True),
        ("Crowds gathered (AFP/John Smith)", True),
        ("Voters queue (AP/Kim Lee)", True),
        ("Streets flooded (Reuters Photo/Jo Bloggs)", True),
        ("The damaged bridge (Image: BBC)", True),
        ("The old pier (Pictures: Jane Doe)", True),
        ("Crowds gathered outside (Photos: John Smith)", True),
        ("Flooding in the old town Getty Images", True),
        ("Fans at the final AFP/Getty", True),
        ("Protesters march in the rain AP Photo", True),
        ("Fans at the final Reuters/Stoyan Nenov", True),
        ("Firefighters at the scene EPA", True),
        ("The mayor PA Wire", True),
        ("A stock image Shutterstock", True),
        ("Photo: John Smith", True),
        ("Image courtesy of the museum", True),
        ("The EPA said on Monday that the rules would change.", False),
        ("He joined Reuters in 2004 and left in 2010.", False),
        ("The council voted (narrowly) on Tuesday.", False),
    ],
)
def test_has_en_credit_examples(s, credit):
    assert P.has_en_credit(s) is credit
    assert bool(P.EN_CREDIT.search(s)) is credit


def test_both_agree_with_their_patterns_on_real_copy():
    texts = _texts()
    assert len(texts) > 1000
    for s in texts:
        assert P.has_en_credit(s) == bool(P.EN_CREDIT.search(s)), s
        assert P.ends_leadin(s) == bool(P.LEADIN_END.search(s)), s
    # the real copy holds both kinds of line, so the comparison was not all "no"
    assert any(P.has_en_credit(s) for s in texts) and any(P.ends_leadin(s) for s in texts)


def test_ends_leadin_over_every_code_point_at_the_end():
    """What str.rstrip strips is what the pattern's \\s matches, and only the
    three closing quotes may stand between the mark and it: every code point."""
    pattern = P.LEADIN_END.compile()
    for c in map(chr, range(0x110000)):
        s = "Said:" + c
        assert P.ends_leadin(s) == bool(pattern.search(s)), hex(ord(c))
