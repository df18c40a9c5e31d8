"""Property tests (hypothesis): whatever text comes in, linting never raises,
positions are right, fixes account for every character and are idempotent,
and findings do not depend on the newline style.

The text is generated from two strategies, mixed: arbitrary Unicode (weighted
towards CJK, mixed scripts, combining marks, right-to-left text, emoji,
control characters, lone CR, NUL and very long lines) and structured
news-like copy (headlines, bylines, datelines, paragraphs separated by blank
lines, hard wraps, repeated paragraphs, cut-off endings) in LF, CRLF, CR or
mixed newlines.

Profiles (``NEWSLINT_HYPOTHESIS_PROFILE``):

* ``ci`` (the default): derandomized, so every run draws the same examples and
  passes or fails the same way (sized for < 60 s per test);
* ``dev``: fewer examples, for a quick look;
* ``soak`` (or ``long``): many more *random* examples, for a local soak run:
  ``NEWSLINT_HYPOTHESIS_PROFILE=soak python -m pytest tests/test_properties.py``.
  A failure it finds is printed with its example; add that example as a
  regular test before fixing it.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from typing import Optional

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lint.api import ReadError  # noqa: E402
from lint.config import load_config  # noqa: E402
from lint.run.engine import Linter  # noqa: E402
from lint.run.fixes import MAX_PASSES, apply_edits, fix_text, select_fixes  # noqa: E402

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], print_blob=False)
settings.register_profile("ci", max_examples=400, derandomize=True, database=None, **_COMMON)
settings.register_profile("dev", max_examples=30, derandomize=True, database=None, **_COMMON)
settings.register_profile("soak", max_examples=5000, derandomize=False, **_COMMON)  # random even where CI is set
settings.register_profile("long", max_examples=5000, derandomize=False, **_COMMON)
settings.load_profile(os.environ.get("NEWSLINT_HYPOTHESIS_PROFILE", "ci"))


def test_the_default_profile_is_deterministic():
    """CI must not pass or fail by chance: the default profile draws the same examples every run."""
    if os.environ.get("NEWSLINT_HYPOTHESIS_PROFILE", "ci") == "ci":
        assert settings.default.derandomize and settings.default.database is None
    assert settings.get_profile("ci").derandomize and not settings.get_profile("soak").derandomize

PATHS = ("a.txt", "a.md", "a.html")

_LINTER: Optional[Linter] = None


def linter() -> Linter:
    """Every built-in rule, the defaults; loaded once for the module."""
    global _LINTER
    if _LINTER is None:
        _LINTER = Linter(load_config(no_config=True))
    return _LINTER


# --- strategies ---------------------------------------------------------------------------

# pieces that are hard on a text pipeline, each drawn as a unit
HOSTILE_PIECES = [
    "\r", "\n", "\r\n", "\n\n", "\r\r", "\x00", "\x1b[31m", "\x07", "\x0b", "\x0c", "\x85", "\u2028", "\u2029",
    "\ufeff", "\u200b", "\u200d", "\u00a0", "\u3000", "\t",
    "e\u0301", "\u0301\u0301\u0301", "a\u0336\u0336", "\u0e01\u0e34\u0e4a",  # combining marks
    "שלום עולם.", "مرحبا بالعالم.", "\u202eevil\u202c", "\u200f\u200e", "\u2067x\u2069",  # RTL, bidi controls
    "😀", "👩\u200d👩\u200d👧", "🇨🇳", "🏳️\u200d🌈", "1\ufe0f\u20e3", "𠀀𪚥",  # emoji, astral CJK
    "中文", "新华社北京12月6日电", "■新华社记者 张三", "（记者 李四）", "——", "……", "：", "。", "，", "“引号”", "（括号", "】",
    "LONDON (Reuters) -", "By John Smith", "Photo: AP", " 摄", "(Reporting by", "Editing by",
    "ÃƒÂ©", "â€™", "Ã©tÃ©", "锟斤拷", "\ufffd",  # mojibake
    "&amp;", "&#8212;", "&nbsp;", "<b>", "</p>", "<br>", "<!-- newslint-disable -->", "<!-- newslint-enable NL102 -->",
    "<!-- newslint-disable-next-line -->", "<!-- newslint-disable-file NL1 -->", "<!--", "-->",
    "# ", "> ", "- ", "1. ", "```", "    ", "---\n", "***", "[link](http://x)", "`code`", "|a|b|",
    "Mr.", "U.S.", "e.g.", "...", "?!", ";", "\"", "'", "(", ")", "[", "]", "{", "}", "《", "》",
]

_chars = st.characters(blacklist_categories=("Cs",))
_cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_word_en = st.sampled_from(
    "the council voted on a new budget for schools and hospitals after long debate over taxes "
    "said minister government police reported city people year percent officials".split()
)
_word_zh = st.text(_cjk, min_size=1, max_size=6)


def _join(parts: list[str]) -> str:
    return "".join(parts)


unicode_soup = st.lists(
    st.one_of(
        st.text(_chars, max_size=20),
        st.sampled_from(HOSTILE_PIECES),
        st.text(_cjk, min_size=1, max_size=30),
        st.text(st.sampled_from("\r\n \t"), min_size=1, max_size=4),
    ),
    max_size=40,
).map(_join)


@st.composite
def sentence(draw) -> str:
    if draw(st.booleans()):
        words = draw(st.lists(_word_en, min_size=2, max_size=18))
        s = " ".join(words)
        s = s[0].upper() + s[1:]
        end = draw(st.sampled_from([".", ".", ".", "?", "!", ":", ",", "", "\u201d", "..."]))
    else:
        s = "，".join(draw(st.lists(_word_zh, min_size=1, max_size=6)))
        end = draw(st.sampled_from(["。", "。", "。", "？", "！", "：", "，", "", "”", "……", "——"]))
    if draw(st.integers(0, 9)) == 0:
        s = draw(st.sampled_from(HOSTILE_PIECES)) + s + draw(st.sampled_from(HOSTILE_PIECES))
    return s + end


@st.composite
def paragraph(draw) -> str:
    kind = draw(st.sampled_from(["body", "body", "body", "headline", "byline", "dateline", "caption", "list", "quote", "heading"]))
    if kind == "headline":
        return draw(sentence()).rstrip(".。")
    if kind == "byline":
        return draw(st.sampled_from(["■新华社记者 王五", "By Jane Doe", "（记者 赵六）", "By JANE DOE and JOHN ROE"]))
    if kind == "dateline":
        return draw(st.sampled_from(["新华社北京12月6日电", "LONDON (Reuters) -", "WASHINGTON (AP) —"])) + " " + draw(sentence())
    if kind == "caption":
        return draw(sentence()) + draw(st.sampled_from([" 新华社记者 张三 摄", " (Photo: AP)", " Photo by Reuters"]))
    body = " ".join(draw(st.lists(sentence(), min_size=1, max_size=6)))
    if kind == "list":
        return "- " + body
    if kind == "quote":
        return "> " + body
    if kind == "heading":
        return "## " + body[:40]
    if draw(st.integers(0, 20)) == 0:  # a very long line
        body = (body + " ") * draw(st.integers(50, 400))
    width = draw(st.sampled_from([None, None, 8, 20, 35, 60]))
    if width:  # hard-wrapped (sometimes mid-word, as PDF/OCR damage does)
        cut = draw(st.booleans())
        lines, line = [], ""
        for ch in body:
            line += ch
            if len(line) >= width and (cut or ch == " "):
                lines.append(line)
                line = ""
        lines.append(line)
        body = "\n".join(lines)
    if draw(st.integers(0, 6)) == 0:
        body = body[: draw(st.integers(0, len(body)))]  # cut short
    return body


@st.composite
def news_copy(draw) -> str:
    paras = draw(st.lists(paragraph(), min_size=1, max_size=12))
    if len(paras) > 1 and draw(st.booleans()):  # paste a paragraph twice
        i = draw(st.integers(0, len(paras) - 1))
        j = draw(st.integers(0, len(paras)))
        paras.insert(j, paras[i])
    seps = [draw(st.sampled_from(["\n\n", "\n\n", "\n", "\n\n\n", "\n \n", "\n\u3000\n"])) for _ in paras]
    text = "".join(p + s for p, s in zip(paras, seps))
    if draw(st.booleans()):
        text = text.rstrip("\n")
    if draw(st.integers(0, 3)) == 0:
        text = "  " + text.replace("\n\n", "\n  ")  # indented paragraph starts
    return text


def with_newlines(text: str, style: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if style == "lf":
        return text
    if style == "crlf":
        return text.replace("\n", "\r\n")
    if style == "cr":
        return text.replace("\n", "\r")
    # mixed: cycle through the three
    out, k = [], 0
    for part in text.split("\n")[:-1]:
        out.append(part + ("\n", "\r\n", "\r")[k % 3])
        k += 1
    out.append(text.split("\n")[-1])
    return "".join(out)


@st.composite
def any_text(draw) -> str:
    """Unicode soup, news copy, or news copy with soup spliced in, in any newline style."""
    which = draw(st.integers(0, 2))
    if which == 0:
        return draw(unicode_soup)
    text = draw(news_copy())
    if which == 2:
        soup = draw(unicode_soup)
        at = draw(st.integers(0, len(text)))
        text = text[:at] + soup + text[at:]
        return text
    return with_newlines(text, draw(st.sampled_from(["lf", "lf", "crlf", "cr", "mixed"])))


# --- independent helpers ------------------------------------------------------------------

_BREAK = re.compile(r"\r\n|\r|\n")


def line_col(raw: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset`` in ``raw``, lines ending at LF, CRLF or CR,
    computed without newslint's code."""
    line, start = 1, 0
    for m in _BREAK.finditer(raw, 0, offset):
        if m.end() > offset:  # inside a CRLF: still on this line
            break
        line, start = line + 1, m.end()
    return line, offset - start + 1


def no_crash(errors) -> None:
    crashed = [e.message for e in errors if "crashed" in e.message]
    assert not crashed, crashed


def lint(text: str, path: str):
    """(document, findings) for ``text`` read by the reader for ``path``; None
    when the reader refuses it with a clean ReadError."""
    lt = linter()
    try:
        doc = lt.read_text(text, path)
    except ReadError:
        return None
    findings, errors = lt.lint_document(doc, path)
    no_crash(errors)
    return doc, findings


# --- properties ---------------------------------------------------------------------------


@given(text=any_text(), path=st.sampled_from(PATHS), enc=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_linting_bytes_never_raises(text, path, enc):
    data = text.encode(enc)
    findings, errors = linter().lint_bytes(data, path)
    no_crash(errors)
    if errors:  # a clean refusal: binary (NUL in the first 8 KB) or undecodable
        assert not findings
        assert all(e.path == path and e.message for e in errors)


@given(data=st.binary(max_size=400), path=st.sampled_from(PATHS + ("a.xml", "a.docx")))
def test_linting_arbitrary_bytes_never_raises(data, path):
    findings, errors = linter().lint_bytes(data, path)
    no_crash(errors)


@given(text=any_text(), path=st.sampled_from(PATHS))
def test_spans_lie_inside_the_document_and_positions_agree(text, path):
    got = lint(text, path)
    if got is None:
        return
    doc, findings = got
    raw = doc.raw
    for f in findings:
        assert 0 <= f.start <= f.end <= len(doc.text), f
        assert 0 <= f.offset <= f.end_offset <= len(raw), f
        assert (f.line, f.column) == line_col(raw, f.offset), (f.rule, f.offset, f.line, f.column)
        assert (f.end_line, f.end_column) == line_col(raw, f.end_offset), (f.rule, f.end_offset, f.end_line, f.end_column)
        for r in f.related_positions:
            assert 1 <= r["line"] <= r["end_line"]
        for e in f.fix_edits:
            assert 0 <= e["offset"] <= e["end_offset"] <= len(raw), (f.rule, e)
    if path == "a.txt":  # plain text: raw is the text itself
        assert raw == text


def _rebuild(fixed: str, edits: list[dict], removed: list[str], newline: str) -> str:
    out, pf, po = [], 0, 0
    for e, gone in zip(edits, removed):
        keep = e["offset"] - po
        out.append(fixed[pf : pf + keep])
        out.append(gone)
        rep = e["replacement"] if newline == "\n" else e["replacement"].replace("\n", newline)
        assert fixed[pf + keep : pf + keep + len(rep)] == rep
        pf += keep + len(rep)
        po = e["end_offset"]
    out.append(fixed[pf:])
    return "".join(out)


@given(text=any_text(), path=st.sampled_from(PATHS), unsafe=st.booleans())
def test_fixed_text_plus_removed_text_is_the_input(text, path, unsafe):
    got = lint(text, path)
    if got is None:
        return
    doc, findings = got
    raw = doc.raw
    chosen = select_fixes(findings, unsafe=unsafe)
    edits = sorted((e for f in chosen for e in f.fix_edits), key=lambda e: (e["offset"], e["end_offset"]))
    for a, b in zip(edits, edits[1:]):
        assert a["end_offset"] <= b["offset"], (a, b)  # never overlapping
    fixed, removed = apply_edits(raw, chosen, doc.newline)
    assert [raw[e["offset"] : e["end_offset"]] for e in edits] == removed
    assert _rebuild(fixed, edits, removed, doc.newline) == raw


@given(text=any_text(), path=st.sampled_from(("a.txt", "a.md")), unsafe=st.booleans())
def test_fixing_twice_is_fixing_once(text, path, unsafe):
    lt = linter()
    try:
        lt.read_text(text, path)
    except ReadError:
        return
    once = fix_text(lt, text, path, unsafe=unsafe)
    assert once.passes < MAX_PASSES, [f"{f.rule}: {f.message}" for f in once.applied[-5:]]
    twice = fix_text(lt, once.text, path, unsafe=unsafe)
    assert twice.text == once.text, [f"{f.rule}: {f.message}" for f in twice.applied]


def _rule_messages(findings) -> Counter:
    return Counter((f.rule, f.message) for f in findings)


@given(text=st.one_of(news_copy(), unicode_soup), path=st.sampled_from(PATHS), style=st.sampled_from(["crlf", "cr"]))
def test_findings_do_not_depend_on_newline_style(text, path, style):
    lf = with_newlines(text, "lf")
    other = with_newlines(text, style)
    a, b = lint(lf, path), lint(other, path)
    assert (a is None) == (b is None)
    if a is None:
        return
    assert _rule_messages(a[1]) == _rule_messages(b[1])

