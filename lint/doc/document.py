"""The Document: decoded text, its lines and blocks, and the position map.

``Document.text`` is the decoded text with CRLF and lone CR normalised to LF.
Checks work in offsets into that text. The document maps them back to the
original file: 1-based lines, 1-based code-point columns, and offsets into the
decoded original text (before newline normalisation), which is what reports
and fixes use.
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator, Optional

from lint.doc.kinds import (  # noqa: F401 - the kinds under D.<NAME> for rules
    BLANK_LINE,
    BODY,
    BOILERPLATE,
    BYLINE,
    CAPTION,
    CREDIT,
    DATELINE,
    ELLIPSIS,
    HEADLINE,
    INDENTED,
    KINDS,
    LEADIN,
    LINE_PER_PARAGRAPH,
    LIST,
    MARKUP,
    SIGNOFF,
    SUBHEAD,
    BlockKind,
    Convention,
)
from lint.lang import text as T
from lint.lang.compiled import compile_regex
from lint.model import Edit


# Lines and blocks are many (one object per line of a long file): slots keep
# each small (a line: 57 bytes instead of 97).
@dataclass(slots=True)
class Line:
    number: int  # 1-based
    start: int  # offset of the first character
    end: int  # offset of the newline (or end of text)

    def text(self, doc: "Document") -> str:
        return doc.text[self.start : self.end]


def _line_at(starts: "array[int] | list[int]", number: int, text_len: int) -> Line:
    """Line ``number`` (1-based) of a text of ``text_len`` characters whose
    lines start at the offsets ``starts`` (the end excludes the newline)."""
    end = starts[number] - 1 if number < len(starts) else text_len
    return Line(number, starts[number - 1], end)


@dataclass(frozen=True)
class BlockElement:
    """The markup element a block is the whole content of (HTML, XML readers):
    its source span, from the start of its opening tag to the end of its
    closing tag (or, when the closing tag is implied, the end of its content),
    as offsets into ``Document.raw``. ``unsafe`` says why removing it needs an
    editor's eye ("" when it does not): it has an ``id`` someone may link to,
    or holds markup that is not copy (an image, a comment)."""

    start: int
    end: int
    tag: str
    unsafe: str = ""


class Block:
    """A paragraph-level unit: a run of lines the reader put together.

    ``text`` is ``source[start:end]``. A block made with :meth:`of` keeps a
    reference to the document's text and slices it when ``text`` is read,
    instead of holding a copy: the blocks of a long file would otherwise hold
    a second copy of it. A block made with a ``text`` of its own (any reader
    may) keeps that text; assigning ``text`` makes it the block's own. Its
    ``lines``, when they are consecutive lines of the document, are likewise
    made from the document's line starts when read (a new list each time:
    a Line and its offsets weighed about 150 bytes a line).
    """

    __slots__ = (
        "index",
        "start",
        "end",
        "_lines",
        "_first",
        "_count",
        "_starts",
        "_text_len",
        "_text",
        "_source",
        "kind",
        "lang",
        "soft_wrap",
        "gap_before",
        "kind_from_markup",
        "element",
    )

    index: int
    start: int
    end: int  # exclusive, without the trailing newline
    kind: str
    lang: str
    # True when the newlines inside the block are soft wraps (Markdown), so they
    # are not defects of the copy.
    soft_wrap: bool
    # blank lines between this block and the previous one
    gap_before: int
    # a reader may state the kind (HTML <h1>, NITF <byline>): the classifier keeps it
    kind_from_markup: bool
    # markup readers: the element this block is the whole content of, when the
    # whole element may be removed (see Document.remove_blocks)
    element: Optional[BlockElement]

    def __init__(
        self,
        index: int,
        start: int,
        end: int,
        lines: list[Line],
        text: str,
        kind: str = BODY,
        lang: str = "other",
        soft_wrap: bool = False,
        gap_before: int = 0,
        kind_from_markup: bool = False,
        element: Optional[BlockElement] = None,
    ) -> None:
        self.index, self.start, self.end = index, start, end
        self._lines: Optional[list[Line]] = lines
        self._first = self._count = self._text_len = 0
        self._starts: Optional["array[int]"] = None
        self._text: str = text
        self._source: Optional[str] = None
        self.kind, self.lang, self.soft_wrap, self.gap_before = kind, lang, soft_wrap, gap_before
        self.kind_from_markup, self.element = kind_from_markup, element

    @classmethod
    def of(
        cls,
        source: str,
        index: int,
        start: int,
        end: int,
        lines: list[Line],
        line_starts: Optional["array[int]"] = None,
        **kw,
    ) -> "Block":
        """The block ``source[start:end]``, its text read from ``source`` when
        asked for (``source`` must not change: a document's text never does).
        With ``line_starts`` (the document's, of the lines of ``source``), its
        lines, when consecutive, are made from them when asked for."""
        b = cls(index, start, end, lines, "", **kw)
        b._source = source
        if line_starts is not None and lines and lines[-1].number - lines[0].number + 1 == len(lines):
            b._lines, b._first, b._count = None, lines[0].number, len(lines)
            b._starts, b._text_len = line_starts, len(source)
        return b

    @property
    def lines(self) -> list[Line]:
        got = self._lines
        if got is not None:
            return got
        starts, text_len = self._starts, self._text_len
        return [_line_at(starts, n, text_len) for n in range(self._first, self._first + self._count)]  # type: ignore[arg-type]

    @lines.setter
    def lines(self, value: list[Line]) -> None:
        self._lines, self._starts = value, None

    @property
    def text(self) -> str:
        src = self._source
        return self._text if src is None else src[self.start : self.end]

    @text.setter
    def text(self, value: str) -> None:
        self._text, self._source = value, None

    def _fields(self) -> tuple:
        return (
            self.index,
            self.start,
            self.end,
            self.lines,
            self.text,
            self.kind,
            self.lang,
            self.soft_wrap,
            self.gap_before,
            self.kind_from_markup,
            self.element,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    @property
    def line_count(self) -> int:
        """``len(lines)``, without making the lines."""
        return len(self._lines) if self._lines is not None else self._count

    @property
    def first_line(self) -> int:
        return self.lines[0].number if self._lines is not None else self._first

    @property
    def last_line(self) -> int:
        return self.lines[-1].number if self._lines is not None else self._first + self._count - 1

    def line_texts(self) -> list[str]:
        base = self.start
        return [self.text[ln.start - base : ln.end - base] for ln in self.lines]

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<Block {self.index} {self.kind} {self.lang} L{self.first_line}-{self.last_line} {self.text[:30]!r}>"


def normalise_newlines(raw: str) -> tuple[str, list[int]]:
    """Return ``raw`` with CRLF and CR turned into LF, and the sorted offsets (in
    the normalised text) of each newline that replaced a two-character CRLF."""
    if "\r" not in raw:
        return raw, []
    out: list[str] = []
    collapsed: list[int] = []
    i = 0
    n = len(raw)
    pos = 0  # offset in the output
    while i < n:
        j = raw.find("\r", i)
        if j < 0:
            out.append(raw[i:])
            break
        out.append(raw[i:j])
        pos += j - i
        out.append("\n")
        if j + 1 < n and raw[j + 1] == "\n":
            collapsed.append(pos)
            i = j + 2
        else:
            i = j + 1
        pos += 1
    return "".join(out), collapsed


class Document:
    """A decoded, normalised text with its lines, blocks and position map.

    Readers build documents with :meth:`from_text` (plain text) or by passing
    their own ``blocks``.
    """

    def __init__(
        self,
        raw: str,
        path: str = "<text>",
        *,
        encoding: str = "utf-8",
        bom: bool = False,
        newline: str = "\n",
        blocks: Optional[list[Block]] = None,
        convention: Optional[Convention] = None,
        reader: str = "text",
        markup: bool = False,
    ):
        self._set_source(raw, path, encoding, bom, newline, reader, markup)
        self.text, self._collapsed = normalise_newlines(raw)
        self._line_starts = lf_line_starts(self.text)
        self.convention = convention
        if blocks is None:
            self.convention, blocks = split_blocks(self)
        self.blocks: list[Block] = blocks

    # Readers whose copy text differs from the file (HTML, XML, DOCX) build a
    # MappedDocument (lint.doc.mapped) with a CopyBuilder; these are the plain-text answers.
    #: "line", or "paragraph" when lines are paragraphs (DOCX)
    position_kind = "line"
    #: True once :func:`lint.doc.classify.classify_document` has given each
    #: block its language and kind (the engine does, right after reading)
    classified = False
    #: False when fixes cannot be written back to the file (DOCX)
    fixable = True
    #: source spans of comments not in ``text`` (HTML/XML), for suppressions
    comments: Optional[list] = None
    #: escapes fix replacements written into markup source
    escape = None
    #: what part of the file the reader took as copy, when it chose (HTML: the
    #: article of a full page, or all of it, and why); shown by ``newslint inspect``
    content_note: Optional[str] = None

    def _set_source(self, raw, path, encoding, bom, newline, reader, markup) -> None:
        self.raw = raw
        self.path = path
        self.encoding = encoding
        self.bom = bom
        self.newline = newline
        self.reader = reader
        # True for formats where markup (HTML comments) can carry suppressions
        self.markup = markup

    # --- construction ----------------------------------------------------
    @classmethod
    def from_text(cls, text: str, path: str = "<text>", **kw) -> "Document":
        return cls(text, path, **kw)

    def source_edit(self, start: int, end: int, replacement: str) -> Optional[dict]:
        """A fix edit (offsets into ``text``) as an edit of the decoded original
        file: ``{"offset", "end_offset", "replacement"}``, or None when it cannot
        be applied there (see MappedDocument)."""
        return {
            "offset": self.original_offset(start),
            "end_offset": self.original_offset(end),
            "replacement": replacement,
        }

    def remove_blocks(self, first: int, last: int) -> tuple[Edit, Optional[str]]:
        """The edit that removes blocks ``first``..``last`` (indexes; ``first``
        > 0) with the separator before them, and how it applies to the file:
        "safe", "unsafe" (markup readers: an element with an ``id``, or holding
        markup that is not copy), or None when it cannot be written there.
        In plain text the edit deletes the copy text itself; in a
        MappedDocument :meth:`source_edit` turns it into the removal of the
        blocks' elements (see :meth:`MappedDocument.block_removal_span`)."""
        start = self.blocks[first - 1].end if first > 0 else 0
        return Edit(start, self.blocks[last].end, ""), "safe"

    # --- lines -------------------------------------------------------------
    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line(self, number: int) -> Line:
        return _line_at(self._line_starts, number, len(self.text))

    def lines(self) -> Iterator[Line]:
        for n in range(1, len(self._line_starts) + 1):
            yield self.line(n)

    def line_text(self, number: int) -> str:
        ln = self.line(number)
        return self.text[ln.start : ln.end]

    # --- positions --------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, for an offset into ``text``."""
        offset = max(0, min(offset, len(self.text)))
        idx = bisect.bisect_right(self._line_starts, offset) - 1
        return idx + 1, offset - self._line_starts[idx] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset into ``text`` of a 1-based (line, column)."""
        if line < 1:
            return 0
        if line > len(self._line_starts):
            return len(self.text)
        ln = self.line(line)
        return min(ln.start + max(column, 1) - 1, ln.end)

    def original_offset(self, offset: int) -> int:
        """Map an offset into ``text`` to one into the decoded original ``raw``."""
        if not self._collapsed:
            return offset
        # every CRLF collapsed strictly before this offset shifts it by one;
        # an offset pointing at a collapsed newline's LF maps to its CR.
        return offset + bisect.bisect_left(self._collapsed, offset)

    def normalised_offset(self, raw_offset: int) -> int:
        """Inverse of :meth:`original_offset` (an offset inside a CRLF maps to its newline)."""
        if not self._collapsed:
            return raw_offset
        lo, hi = 0, raw_offset
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.original_offset(mid) <= raw_offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    # --- blocks ------------------------------------------------------------
    def block_at(self, offset: int) -> Optional[Block]:
        starts = self._block_starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset <= self.blocks[i].end:
            return self.blocks[i]
        return None

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    @cached_property
    def lang(self) -> str:
        """The language with the most letters in the document: zh, en or other."""
        tally: dict[str, int] = {}
        for b in self.blocks:
            tally[b.lang] = tally.get(b.lang, 0) + len(b.text)
        return max(tally, key=lambda k: tally[k]) if tally else "other"

    # --- shared analysis ---------------------------------------------------
    # Worked out once per document, on first use, for every rule that needs it
    # (a rule never caches per-document results on itself or in __dict__).

    #: the analyses below: dropped by :meth:`drop_analyses`
    _ANALYSES = ("han_bigrams", "word_set", "not_copy_spans", "_not_copy_starts", "copy_text", "_sentence_spans")

    def drop_analyses(self) -> None:
        """Forget the shared analyses (each is worked out again if asked for
        later). The engine calls this once every rule has read the document,
        so that on a long document they do not weigh on placing the findings."""
        for name in self._ANALYSES:
            self.__dict__.pop(name, None)

    def drop_blocks(self) -> None:
        """Forget the blocks (and what is worked out from them). Only for a
        document nothing reads block by block any more: the engine calls it
        on a plain document it made itself, once every rule is done, because
        placing the findings reads the text and the line starts alone."""
        self.blocks = []
        self.__dict__.pop("_block_starts", None)

    @cached_property
    def han_bigrams(self) -> frozenset[str]:
        """Every pair of Han characters that stand side by side inside a line
        of the text: the words the document itself uses, which tells a word
        split by a line break (NL102) or cut at a block's end (NL103)."""
        out: set[str] = set()
        for m in _HAN_RUN.finditer(self.text):
            w = m.group()
            out.update(w[k : k + 2] for k in range(len(w) - 1))
        return frozenset(out)

    @cached_property
    def word_set(self) -> frozenset[str]:
        """Lower-cased words and hyphenated compounds used on one line of the
        copy, and the parts of each compound (NL102's test of a joined word)."""
        # a chunk of lines at a time: a list of every word of a long text
        # would be many times the size of the text (words never cross lines)
        words: set[str] = set()
        for chunk in _line_chunks(self.text):
            words.update(map(str.lower, _WORD_OR_COMPOUND.findall(chunk)))
        words |= {x for w in list(words) for x in w.split("-")}
        return frozenset(words)

    # --- copy and what is not copy ---------------------------------------
    #: spans of ``text`` a reader knows are not copy (Markdown code spans,
    #: autolinks), as (start, end) offsets; URLs are found on top of these
    not_copy: tuple = ()

    @cached_property
    def not_copy_spans(self) -> list[tuple[int, int]]:
        """Sorted, merged spans of ``text`` that are not copy: what the reader
        declared (code, autolinks), every URL or e-mail address, and HTML
        entities left in the copy (NL204 reports those; no other rule should
        read their ``&`` or ``;``)."""
        spans = sorted([*self.not_copy, *T.url_spans(self.text), *T.entity_spans(self.text)])
        merged: list[tuple[int, int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        return merged

    @cached_property
    def copy_text(self) -> str:
        """``text`` with code and URLs masked (same length, so offsets are
        shared): what rules that read characters (brackets, quotes, spaces,
        punctuation) look at, so that ``(`` in code or ``_`` in a URL is not
        taken for copy. A rule that reads it a block or a line at a time
        should call :meth:`copy_slice` instead: a second copy of a long text
        costs as much memory as the text."""
        return self.copy_slice(0, len(self.text))

    def copy_slice(self, start: int, end: int) -> str:
        """``copy_text[start:end]``, made from ``text`` and the spans that are
        not copy, without the whole of ``copy_text``."""
        text = self.text
        start, end, _ = slice(start, end).indices(len(text))
        spans = self.not_copy_spans
        if not spans or end <= start:
            return text[start:end]
        # spans are sorted and disjoint: the first one that may reach start
        i = max(0, bisect.bisect_right(self._not_copy_starts, start) - 1)
        out, pos = [], start
        while i < len(spans) and spans[i][0] < end:
            a, b = max(spans[i][0], start), min(spans[i][1], end)
            if a < b:
                out.append(text[pos:a])
                out.append(T.MASK * (b - a))
                pos = b
            i += 1
        out.append(text[pos:end])
        return "".join(out)

    @cached_property
    def _not_copy_starts(self) -> list[int]:
        return [a for a, _ in self.not_copy_spans]

    @cached_property
    def _sentence_spans(self) -> dict:
        return {}

    def sentences(self, block: Block) -> list[tuple[int, int]]:
        """Sentence spans (document offsets) in a block, split once per block
        (and kept as a flat array of offsets: a tuple per sentence of a long
        document would outweigh its text)."""
        cache = self._sentence_spans
        key = (block.start, block.end, block.lang)
        flat = cache.get(key)
        if flat is None:
            from lint.doc.sentences import split_sentences

            base = block.start
            flat = cache[key] = array("q", [base + x for span in split_sentences(block.text, block.lang) for x in span])
        return list(zip(flat[::2], flat[1::2]))


# --- block splitting ----------------------------------------------------------

_HAN_RUN = compile_regex(r"\p{Han}{2,}")
_WORD_OR_COMPOUND = compile_regex(r"\p{L}+(?:-\p{L}+)*")
_INDENT = compile_regex(r"^(?:[ \t]{2,}|\t|\u3000)\S")
_BLANK = compile_regex(r"^[\s\u3000\u00a0]*$")


def _is_blank(s: str) -> bool:
    return not s or bool(_BLANK.match(s))


def detect_convention(lines: list[str]) -> Convention:
    """Which paragraph convention a plain-text file follows.

    - indented: hard-wrapped copy whose paragraphs start with an indent
      (1980s wire copy): a minority of indented lines, the others wrapped at
      one column width;
    - line-per-paragraph: each line is a paragraph, with few or no blank
      lines between them (trafilatura's output, C4-style corpora, many CMS
      exports). Told from hard-wrapped copy by the lines themselves: most end
      a sentence, or they are too long or too ragged to be wrapped at a
      column width;
    - blank-line: everything else (paragraphs separated by blank lines, lines
      inside a paragraph being wraps).
    """
    from lint.lang.text import display_width, ends_sentence

    groups: list[list[str]] = []
    cur: list[str] = []
    for s in lines:
        if _is_blank(s):
            if cur:
                groups.append(cur)
                cur = []
        else:
            cur.append(s)
    if cur:
        groups.append(cur)
    nonblank = [s for g in groups for s in g]
    if not nonblank:
        return BLANK_LINE
    multi = [s for g in groups if len(g) > 1 for s in g]
    if len(multi) < 3:
        return BLANK_LINE
    widths = sorted(display_width(s.strip()) for s in multi)
    wrapped = _wrapped_at_a_column(widths)
    indented = sum(1 for s in nonblank if _INDENT.match(s))
    # Many indented starts, most lines continuation lines of one column width,
    # few blank lines.
    if wrapped and 2 <= indented < len(nonblank) * 0.6 and len(groups) - 1 < indented:
        return INDENTED
    ending = sum(1 for s in multi if ends_sentence(s))
    if ending >= 0.6 * len(multi):
        return LINE_PER_PARAGRAPH
    if not wrapped and len(groups) * 3 <= len(multi):
        # lines too long or too ragged for a column, hardly ever separated by a
        # blank line: headings, list items and paragraphs one per line
        return LINE_PER_PARAGRAPH
    return BLANK_LINE


def _wrapped_at_a_column(widths: list[int]) -> bool:
    """Sorted line widths (display columns) that look hard-wrapped: the full
    lines (the upper half) are no wider than a printed column or a terminal
    and lie close together, below the widest ones."""
    n = len(widths)
    upper = widths[n // 2 :]
    top = widths[min(n - 1, n * 9 // 10)]
    median = widths[n // 2]
    if top > 160:  # 80 Han characters, or a 160-column line: no column is that wide
        return False
    # full lines cluster: the median line is at least 60% of the wide ones
    return median >= 0.6 * top and len(upper) >= 2


def split_blocks(doc: Document) -> tuple[Convention, list[Block]]:
    text = doc.text
    lines = list(doc.lines())
    line_texts = [text[ln.start : ln.end] for ln in lines]
    convention = detect_convention(line_texts)
    blocks: list[Block] = []
    current: list[Line] = []
    gap = 0
    pending_gap = 0

    def flush():
        nonlocal current, gap
        if current:
            start = current[0].start
            end = current[-1].end
            blocks.append(Block.of(text, len(blocks), start, end, current, doc._line_starts, gap_before=gap))
            current = []

    for ln, s in zip(lines, line_texts):
        if _is_blank(s):
            if current:
                flush()
                pending_gap = 0
            pending_gap += 1
            continue
        new_para = convention == LINE_PER_PARAGRAPH or (convention == INDENTED and bool(_INDENT.match(s)))
        if new_para and current:
            flush()
            pending_gap = 0
        if not current:
            gap = pending_gap
            pending_gap = 0
        current.append(ln)
    flush()
    return convention, blocks


# --- documents whose copy text differs from the file text (HTML, XML, DOCX) ----


def _line_chunks(text: str, size: int = 1 << 16) -> Iterator[str]:
    """``text`` in pieces of about ``size`` characters, each ending after a
    newline (or at the end of the text): for a pattern that never matches
    across lines, its matches in the pieces are its matches in ``text``."""
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start + size)
        end = n if end < 0 else end + 1
        yield text[start:end]
        start = end


def lf_line_starts(text: str) -> "array[int]":
    """Offsets where each line of ``text`` starts (lines end at LF), as an
    array of machine integers (a list of int objects weighed 40 bytes a line)."""
    starts = array("q", [0])
    append = starts.append
    find = text.find
    i = find("\n")
    while i >= 0:
        append(i + 1)
        i = find("\n", i + 1)
    return starts
