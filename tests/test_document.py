"""The document model: newlines, positions, paragraph conventions, kinds, languages, sentences."""
from __future__ import annotations

import pytest

from lint.doc import document as D
from lint.doc.classify import detect_lang
from lint.doc.document import normalise_newlines
from lint.doc.sentences import split_sentences
from lint.testing import make_document


def test_crlf_and_lone_cr_are_normalised_with_a_map_back():
    raw = "one\r\ntwo\rthree\r\n\r\nfour"
    doc = make_document(raw)
    assert doc.text == "one\ntwo\nthree\n\nfour"
    assert doc.line_count == 5
    # every character maps back to the same character in the original
    for i, ch in enumerate(doc.text):
        o = doc.original_offset(i)
        assert raw[o] == ch or (ch == "\n" and raw[o] == "\r")
        assert doc.normalised_offset(o) == i
    assert doc.position(doc.text.index("four")) == (5, 1)
    assert doc.original_offset(doc.text.index("four")) == raw.index("four")


def test_normalise_reports_collapsed_positions():
    text, collapsed = normalise_newlines("a\r\nb\r\nc")
    assert text == "a\nb\nc" and collapsed == [1, 3]


@pytest.mark.parametrize("text", ["", "x", "中文\n", "a\n\nb\n", "第一行\r\n第二行"])
def test_position_and_offset_round_trip(text):
    doc = make_document(text)
    for off in range(len(doc.text) + 1):
        line, col = doc.position(off)
        assert line >= 1 and col >= 1
        assert doc.offset(line, col) == off


def test_columns_count_code_points_not_bytes():
    doc = make_document("新华社电\n记者 张三")
    assert doc.position(doc.text.index("张")) == (2, 4)


def test_conventions_are_detected():
    blank = "Headline\n\nFirst paragraph here.\n\nSecond paragraph.\n"
    per_line = "Headline\nFirst paragraph here.\nSecond paragraph.\nThird one.\n"
    indented = (
        "HEADLINE\n\nSome text that is wrapped\nat a column width.\n    Next paragraph begins\nand goes on here.\n"
        "    A third one\nwith more text.\n"
    )
    assert make_document(blank).convention == D.BLANK_LINE
    assert make_document(per_line).convention == D.LINE_PER_PARAGRAPH
    doc = make_document(indented)
    assert doc.convention == D.INDENTED
    assert [b.first_line for b in doc.blocks] == [1, 3, 5, 7]


def test_blocks_keep_exact_offsets():
    text = "标题\n\n第一段。\n第二行。\n\n\n第二段。"
    doc = make_document(text)
    assert [b.text for b in doc.blocks] == ["标题", "第一段。\n第二行。", "第二段。"]
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
    assert doc.blocks[2].gap_before == 2
    assert (doc.blocks[1].first_line, doc.blocks[1].last_line) == (3, 4)



def test_blocks_read_their_text_from_the_document_without_a_copy():
    doc = make_document("Title\n\nFirst paragraph,\nwrapped.\n\nSecond.\n")
    b = doc.blocks[1]
    assert b._source is doc.text and b._text == ""  # a view of the document's text, no copy of its own
    assert b.text == "First paragraph,\nwrapped." == doc.text[b.start : b.end]
    own = D.Block(b.index, b.start, b.end, b.lines, b.text, kind=b.kind, lang=b.lang, gap_before=b.gap_before)
    assert own == b and own.text == b.text  # equal by value, however the text is held
    with pytest.raises(TypeError):
        hash(b)  # mutable, as the dataclass it was
    b.text = "changed"  # assigning the text makes it the block's own
    assert b.text == "changed" and b._source is None and own != b


def test_blocks_make_their_lines_from_the_documents_line_starts():
    doc = make_document("Title\n\nFirst paragraph,\nwrapped here,\nand here.\n\nLast")
    for b in doc.blocks:
        assert b._lines is None  # no Line objects kept
        numbers = range(b.first_line, b.last_line + 1)
        assert b.lines == [doc.line(n) for n in numbers]
        assert [doc.text[ln.start : ln.end] for ln in b.lines] == b.text.split("\n")
    assert [(b.first_line, b.last_line) for b in doc.blocks] == [(1, 1), (3, 5), (7, 7)]
    last = doc.blocks[-1]
    assert last.lines[0].end == len(doc.text)  # the last line ends at the end of the text
    b = doc.blocks[1]
    b.lines = b.lines[:1]  # assigned lines are the block's own
    assert b.lines == [doc.line(3)] and (b.first_line, b.last_line) == (3, 3)


ZH_STORY = """攀登新高峰 科技创新加速

■新华社记者 王明 李华

新华社北京3月5日电

今年以来，各地加快推进科技创新，成果不断涌现。

【一线观察】

这是3月4日拍摄的实验室一角。新华社记者 王明 摄

新华社记者 李华 摄

破解难题，推动原创性科技创新——

……

（完）
"""

EN_STORY = """Council approves new bridge

By Jane Smith

LONDON (Reuters) -

The council voted on Tuesday to approve the bridge, officials said.

Photo: John Doe/Reuters

Reporting by Jane Smith; Editing by Tom Brown

The plan has three parts:

- a new footpath
"""


def kinds(text):
    return [(b.text.split("\n")[0], b.kind) for b in make_document(text).blocks]


def test_chinese_block_kinds():
    got = dict(kinds(ZH_STORY))
    assert got["攀登新高峰 科技创新加速"] == D.HEADLINE
    assert got["■新华社记者 王明 李华"] == D.BYLINE
    assert got["新华社北京3月5日电"] == D.DATELINE
    assert got["今年以来，各地加快推进科技创新，成果不断涌现。"] == D.BODY
    assert got["【一线观察】"] == D.SUBHEAD
    assert got["这是3月4日拍摄的实验室一角。新华社记者 王明 摄"] == D.CAPTION
    assert got["新华社记者 李华 摄"] == D.CREDIT
    assert got["破解难题，推动原创性科技创新——"] == D.LEADIN
    assert got["……"] == D.ELLIPSIS
    assert got["（完）"] == D.SIGNOFF


def test_english_block_kinds():
    got = dict(kinds(EN_STORY))
    assert got["Council approves new bridge"] == D.HEADLINE
    assert got["By Jane Smith"] == D.BYLINE
    assert got["LONDON (Reuters) -"] == D.DATELINE
    assert got["The council voted on Tuesday to approve the bridge, officials said."] == D.BODY
    assert got["Photo: John Doe/Reuters"] == D.CREDIT
    assert got["The plan has three parts:"] == D.LEADIN
    assert got["- a new footpath"] == D.LIST


def test_sample_page_kinds(tmp_path):
    from conftest import EXAMPLE

    doc = make_document(EXAMPLE.read_text(encoding="utf-8"))
    by_line = {b.first_line: b.kind for b in doc.blocks}
    assert by_line[3] == D.HEADLINE
    assert by_line[7] == by_line[128] == D.BYLINE
    assert by_line[92] == by_line[120] == D.DATELINE
    assert by_line[152] == by_line[166] == D.CREDIT
    assert by_line[74] == D.CAPTION
    assert by_line[82] == D.ELLIPSIS
    assert by_line[51] == by_line[57] == D.LEADIN
    for line in (15, 41, 122, 132, 154, 168):
        assert by_line[line] == D.SUBHEAD, line
    assert doc.lang == "zh"


@pytest.mark.parametrize(
    "text,lang",
    [
        ("今年以来，各地加快推进科技创新。", "zh"),
        ("今年以來，各地加快推進科技創新。", "zh"),  # traditional
        ("The council voted on Tuesday.", "en"),
        ("2025 12 06", "other"),
        ("Der Stadtrat hat am Dienstag über die neue Brücke abgestimmt und sie genehmigt, sagte man.", "other"),
        ("小米汽车 SU7 销量超过 10 万辆。", "zh"),
    ],
)
def test_language(text, lang):
    assert detect_lang(text) == lang


def test_english_sentences_respect_abbreviations_and_decimals():
    text = 'Mr. Smith paid $3.5m in the U.S. last year. "It was fair," he said. Dr. Jones agreed! Then J. R. Ewing left.'
    got = [text[s:e] for s, e in split_sentences(text, "en")]
    assert got == [
        "Mr. Smith paid $3.5m in the U.S. last year.",
        '"It was fair," he said.',
        "Dr. Jones agreed!",
        "Then J. R. Ewing left.",
    ]


def test_chinese_sentences_keep_closing_quotes():
    text = "他说：“我们会做到。”随后离开。真的吗？是的……"
    got = [text[s:e] for s, e in split_sentences(text, "zh")]
    assert got == ["他说：“我们会做到。”", "随后离开。", "真的吗？", "是的……"]


def test_document_sentences_are_offsets_into_the_document():
    doc = make_document("标题\n\n第一句。第二句！")
    body = doc.blocks[1]
    spans = doc.sentences(body)
    assert [doc.text[s:e] for s, e in spans] == ["第一句。", "第二句！"]


def _para(n: int, seed: int) -> str:
    words = "the council said new homes would be built near the river after a long debate over costs".split()
    out = [words[(seed * 7 + i * 3) % len(words)] for i in range(n)]
    return " ".join(out).capitalize() + "."


def test_convention_tells_line_per_paragraph_from_hard_wraps():
    import textwrap

    from lint.doc.document import INDENTED, LINE_PER_PARAGRAPH, BLANK_LINE, detect_convention

    paras = [_para(30 + 7 * k, k) for k in range(6)]
    # one paragraph a line, with a heading and a list-like run of short lines
    lpp = ["Headline without a stop", *paras[:3], "A subhead", "First item", "Second item", "Third item", *paras[3:], "Share"]
    assert detect_convention(lpp) == LINE_PER_PARAGRAPH
    # the same copy hard-wrapped at 60 columns, paragraphs lost: wraps, not paragraphs
    wrapped = [ln for p in paras for ln in textwrap.wrap(p, 60)]
    assert detect_convention(wrapped) == BLANK_LINE
    # wire copy: paragraphs start with an indent, continuation lines wrapped
    wire = [ln for p in paras for ln in textwrap.wrap(p, 60, initial_indent="    ")]
    assert detect_convention(wire) == INDENTED
    # blank-line copy stays blank-line
    assert detect_convention([x for p in paras for x in (p, "")]) == BLANK_LINE


def test_word_set_read_in_chunks_is_the_word_set_of_the_whole_text(monkeypatch):
    lines = ["Well-known trans-\nport", "state-of-the-art Café", "中文 English words", "x" * 50, "", "end-"]
    text = "\n".join(lines * 40)
    whole = {w.lower() for w in D._WORD_OR_COMPOUND.findall(text)}
    whole |= {x for w in list(whole) for x in w.split("-")}
    chunks = list(D._line_chunks(text, size=37))
    assert "".join(chunks) == text and len(chunks) > 10
    assert all(c.endswith("\n") for c in chunks[:-1])
    monkeypatch.setattr(D, "_line_chunks", lambda t: iter(chunks))
    assert make_document(text).word_set == whole


def test_lines_and_blocks_are_slotted_and_survive_pickling():
    import pickle

    doc = make_document("Headline\n\nFirst line of a paragraph\nand its second line.\n")
    block = doc.blocks[-1]
    assert not hasattr(block, "__dict__") and not hasattr(block.lines[0], "__dict__")
    again = pickle.loads(pickle.dumps(block))
    assert again == block and again.line_texts() == ["First line of a paragraph", "and its second line."]


def test_copy_slice_is_the_slice_of_copy_text():
    text = (
        "See https://example.com/a_(b) and www.site.org, mail me@x.cn.\n"
        "Fish &amp; chips &nbsp;today. No links here.\n\n"
        "末尾 http://t.cn/x）。"
    )
    doc = make_document(text)
    doc.not_copy = ((4, 9), (30, 33))  # as a reader declares them (overlapping a URL)
    copy = doc.copy_text
    assert copy != text and len(copy) == len(text)
    n = len(text)
    for a in range(-3, n + 3):
        for b in range(a - 2, n + 4, 3):
            assert doc.copy_slice(a, b) == copy[a:b], (a, b)
    assert make_document("no links").copy_slice(0, 5) == "no li"


def test_the_engine_drops_the_shared_analyses_once_the_rules_are_done():
    from lint.run.engine import Linter

    text = "城东新建公园今日开放。\n\nSee https://example.com for the well-known park.\n"
    linter = Linter()
    doc = linter.read_text(text, "draft.txt")
    fresh = linter.read_text(text, "draft.txt")
    linter.lint_document(doc, "draft.txt")
    assert not set(D.Document._ANALYSES) & set(vars(doc))
    # asked for again, each is worked out again, the same
    assert doc.han_bigrams == fresh.han_bigrams and doc.word_set == fresh.word_set
    assert doc.copy_text == fresh.copy_text and doc.sentences(doc.blocks[-1]) == fresh.sentences(fresh.blocks[-1])


def test_reverse_searched_word_patterns_match_as_forward_searches():
    # the sentence splitter's word before a dot and ends_sentence's word before
    # the final dot are searched from the end ((?r)); a forward search of the
    # same pattern must find the same word
    from pathlib import Path

    import regex

    from lint.doc.sentences import _WORD_BEFORE
    from lint.lang.text import _WORD_DOT_END

    text = (Path(__file__).resolve().parents[1] / "examples" / "en-draft.txt").read_text(encoding="utf-8")
    tricky = ["a..x.y", "U.S", "e.g", "ab.c1", "x.yz", "", ".", "3.5", "Mr", "J.R.R", "Café", "São.P", "the U.S.A", "x. y"]
    before = [text[max(0, i - 40) : i] for i, c in enumerate(text) if c == "."] + tricky
    ending = [text[max(0, i - 39) : i + 1] for i, c in enumerate(text) if c == "."] + [t + "." for t in tricky]
    found = 0
    for reverse, contexts in ((_WORD_BEFORE, before), (_WORD_DOT_END, ending)):
        assert reverse.flags & regex.REVERSE
        forward = regex.compile(reverse.pattern.replace("(?r)", "", 1), reverse.flags & ~regex.REVERSE)
        for c in contexts:
            a, b = reverse.search(c), forward.search(c)
            assert (a and a.groups(), a and a.group()) == (b and b.groups(), b and b.group()), c
            found += a is not None
    assert found > 20


def test_detect_lang_shortcuts_agree_with_the_counts():
    # detect_lang skips counting Latin letters when the Han count or an English
    # function word already decides; the answer must be the counts' answer
    from pathlib import Path

    import regex

    from lint.lang.text import count_han, count_latin

    def by_counts(s):
        han, latin = count_han(s), count_latin(s)
        if han == 0 and latin == 0:
            return "other"
        if han * 2 >= latin:
            return "zh" if han else "other"
        if regex.search(r"\b(?:the|and|of|to|in|a|is|for|on|that|with|was|by|as|at|said)\b", s, regex.I) or latin < 40:
            return "en"
        return "other"

    root = Path(__file__).resolve().parents[1]
    texts = ["", " ", "ſaid so", "文a", "文ab", "文abc", "文文abcd", "a" * 50, "é" * 50 + " x", "12 34", "Straße und Weg " * 4]
    for f in sorted((root / "examples").glob("*.txt")) + sorted((root / "tests" / "fixtures").rglob("*.txt")):
        t = f.read_text(encoding="utf-8", errors="replace")
        texts += t.split("\n")
    kinds = set()
    for t in texts:
        assert detect_lang(t) == by_counts(t), repr(t[:80])
        kinds.add(by_counts(t))
    assert kinds == {"zh", "en", "other"}


def test_block_line_count_is_the_number_of_its_lines():
    doc = make_document("Title\n\nOne line of text.\n\nA paragraph\nwrapped over\nthree lines.\n")
    assert [b.line_count for b in doc.blocks] == [len(b.lines) for b in doc.blocks] == [1, 1, 3]
    b = doc.blocks[2]
    b.lines = b.lines[:2]  # lines assigned by hand are the block's own
    assert b.line_count == 2


def test_lint_bytes_places_findings_without_the_blocks_and_lint_document_keeps_them():
    # lint_bytes owns its document and lets the blocks go before placing the
    # findings; a document the caller passes keeps its blocks
    from lint.run.engine import Linter

    para = "市政府今天发布通知，要求各区加快推进公园建设。"
    text = f"{para}\n\n{para} \n"
    linter = Linter()
    doc = linter.read_text(text, "draft.txt")
    n = len(doc.blocks)
    placed, _ = linter.lint_document(doc, "draft.txt")
    assert len(doc.blocks) == n == 2
    got, _ = linter.lint_bytes(text.encode("utf-8"), "draft.txt")
    assert {f.rule for f in got} >= {"duplicate-paragraph", "whitespace"}
    assert [f.to_dict() for f in got] == [f.to_dict() for f in placed]
    assert [f.fingerprint for f in got] == [f.fingerprint for f in placed]
    assert [f.source_line for f in got] == [f.source_line for f in placed]
