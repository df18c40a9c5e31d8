"""The Document: decoded text, its lines and blocks, and the position map.

``Document.text`` is the decoded text with CRLF and lone CR normalised to LF.
Checks work in offsets into that text. The document maps them back to the
original file: 1-based lines, 1-based code-point columns, and offsets into the
decoded original text (before newline normalisation), which is what reports
and fixes use.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator, Optional

import regex

from . import text as T
from .model import Edit

# Block kinds. Checks should treat anything but BODY (and LIST/QUOTE) as a
# legitimate short line that need not end a sentence.
HEADLINE = "headline"
SUBHEAD = "subhead"
BYLINE = "byline"
DATELINE = "dateline"
CAPTION = "caption"
CREDIT = "credit"
SIGNOFF = "signoff"
LEADIN = "lead-in"
ELLIPSIS = "ellipsis"
LIST = "list-item"
BOILERPLATE = "boilerplate"
BODY = "body"
CODE = "code"
KINDS = (HEADLINE, SUBHEAD, BYLINE, DATELINE, CAPTION, CREDIT, SIGNOFF, LEADIN, ELLIPSIS, LIST, BOILERPLATE, BODY, CODE)

# Paragraph conventions of plain-text files.
BLANK_LINE = "blank-line"  # paragraphs separated by blank lines
LINE_PER_PARAGRAPH = "line-per-paragraph"
INDENTED = "indented"  # hard-wrapped, paragraphs start with an indent


@dataclass
class Line:
    number: int  # 1-based
    start: int  # offset of the first character
    end: int  # offset of the newline (or end of text)

    def text(self, doc: "Document") -> str:
        return doc.text[self.start : self.end]


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


@dataclass
class Block:
    """A paragraph-level unit: a run of lines the reader put together."""

    index: int
    start: int
    end: int  # exclusive, without the trailing newline
    lines: list[Line]
    text: str
    kind: str = BODY
    lang: str = "other"
    # True when the newlines inside the block are soft wraps (Markdown), so they
    # are not defects of the copy.
    soft_wrap: bool = False
    # blank lines between this block and the previous one
    gap_before: int = 0
    # a reader may state the kind (HTML <h1>, NITF <byline>): the classifier keeps it
    kind_from_markup: bool = False
    # markup readers: the element this block is the whole content of, when the
    # whole element may be removed (see Document.remove_blocks)
    element: Optional[BlockElement] = None

    @property
    def first_line(self) -> int:
        return self.lines[0].number

    @property
    def last_line(self) -> int:
        return self.lines[-1].number

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
        convention: Optional[str] = None,
        reader: str = "text",
        markup: bool = False,
    ):
        self._set_source(raw, path, encoding, bom, newline, reader, markup)
        self.text, self._collapsed = normalise_newlines(raw)
        self._line_starts = _lf_line_starts(self.text)
        self.convention = convention
        if blocks is None:
            self.convention, blocks = split_blocks(self)
        self.blocks: list[Block] = blocks
        from .classify import classify_document

        classify_document(self)

    # Readers whose copy text differs from the file (HTML, XML, DOCX) build a
    # MappedDocument with from_copy(); these are the plain-text answers.
    #: "line", or "paragraph" when lines are paragraphs (DOCX)
    position_kind = "line"
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

    @classmethod
    def from_copy(cls, copy_text: str, source: str, runs, blocks, path: str = "<text>", **kw) -> "MappedDocument":
        """A document from extracted copy text plus the source it came from and
        a per-character map (see :func:`_from_copy`)."""
        return _from_copy(copy_text, source, runs, blocks, path, **kw)

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
        start = self._line_starts[number - 1]
        end = self._line_starts[number] - 1 if number < len(self._line_starts) else len(self.text)
        return Line(number, start, end)

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
        return max(tally, key=tally.get) if tally else "other"

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
        taken for copy."""
        spans = self.not_copy_spans
        if not spans:
            return self.text
        out, pos = [], 0
        for a, b in spans:
            out.append(self.text[pos:a])
            out.append(T.MASK * (b - a))
            pos = b
        out.append(self.text[pos:])
        return "".join(out)

    def sentences(self, block: Block) -> list[tuple[int, int]]:
        """Sentence spans (document offsets) in a block."""
        cache = self.__dict__.setdefault("_sentence_cache", {})
        key = (block.start, block.end, block.lang)
        spans = cache.get(key)
        if spans is None:
            from .sentences import split_sentences

            spans = cache[key] = [
                (block.start + s, block.start + e) for s, e in split_sentences(block.text, block.lang)
            ]
        return list(spans)


# --- block splitting ----------------------------------------------------------

_INDENT = regex.compile(r"^(?:[ \t]{2,}|\t|\u3000)\S")
_BLANK = regex.compile(r"^[\s\u3000\u00a0]*$")


def _is_blank(s: str) -> bool:
    return not s or bool(_BLANK.match(s))


def detect_convention(lines: list[str]) -> str:
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
    from .text import display_width, ends_sentence

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


def split_blocks(doc: Document) -> tuple[str, list[Block]]:
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
            blocks.append(Block(len(blocks), start, end, current, text[start:end], gap_before=gap))
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


class SourceMap:
    """Where each character of the copy text came from in the source text.

    A sorted list of runs ``(copy_start, copy_len, source_start, source_len)``
    in four ``array('q')`` columns. A run with ``copy_len == source_len`` maps
    character by character (text copied verbatim); any other run maps as a
    whole (an entity ``&amp;`` -> ``&``, collapsed whitespace, ``<br>`` ->
    newline, or a synthetic block separator with ``source_len == 0``). Runs are
    in document order, so both columns of starts are non-decreasing and every
    lookup is a bisection: O(log runs).
    """

    __slots__ = ("cs", "cl", "ss", "sl", "copy_len", "source_len")

    def __init__(self, copy_len: int, source_len: int):
        from array import array

        self.cs, self.cl, self.ss, self.sl = array("q"), array("q"), array("q"), array("q")
        self.copy_len = copy_len
        self.source_len = source_len

    def add(self, copy_start: int, copy_len: int, source_start: int, source_len: int) -> None:
        cs, cl, ss, sl = self.cs, self.cl, self.ss, self.sl
        if cs:
            i = len(cs) - 1
            # merge verbatim runs that continue each other in both texts
            if (
                cl[i] == sl[i]
                and copy_len == source_len
                and cs[i] + cl[i] == copy_start
                and ss[i] + sl[i] == source_start
            ):
                cl[i] += copy_len
                sl[i] += source_len
                return
        cs.append(copy_start)
        cl.append(copy_len)
        ss.append(source_start)
        sl.append(source_len)

    def _run(self, offset: int) -> int:
        return bisect.bisect_right(self.cs, offset) - 1

    def to_source(self, offset: int) -> int:
        """Source offset of the copy character at ``offset`` (its start); the
        end of the copy text maps to the end of the last mapped character."""
        if not self.cs:
            return 0
        if offset >= self.copy_len:
            i = len(self.cs) - 1
            return self.ss[i] + self.sl[i]
        i = max(0, self._run(offset))
        d = offset - self.cs[i]
        if self.cl[i] == self.sl[i]:
            return self.ss[i] + min(d, self.sl[i])
        return self.ss[i]

    def to_copy(self, source_offset: int) -> int:
        """The first copy offset whose character starts at or after ``source_offset``
        (inside a whole-run mapping: the run's start)."""
        if not self.cs:
            return 0
        ss = self.ss
        i = bisect.bisect_right(ss, source_offset) - 1
        if i < 0:
            return 0
        # several runs may start at the same source offset (separators): take the first
        while i > 0 and ss[i - 1] == ss[i] and ss[i] == source_offset:
            i -= 1
        d = source_offset - ss[i]
        if d == 0:
            return self.cs[i]
        if self.cl[i] == self.sl[i] and d < self.sl[i]:
            return self.cs[i] + d
        if d < self.sl[i]:  # inside a whole-run mapping
            return self.cs[i]
        return self.cs[i] + self.cl[i]  # in a gap (markup): the next copy character

    def source_span(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """The source span the copy span ``[start, end)`` came from, when it came
        from one contiguous stretch of source text; None when the span crosses
        markup, a synthetic separator, or cuts a whole-run mapping."""
        if start == end:
            if start >= self.copy_len:
                return (self.to_source(start),) * 2
            i = self._run(start)
            if i >= 0 and self.cl[i] != self.sl[i] and start != self.cs[i]:
                return None
            s = self.to_source(start)
            return s, s
        i = max(0, self._run(start))
        j = self._run(end - 1)
        cs, cl, ss, sl = self.cs, self.cl, self.ss, self.sl
        for k in range(i, j + 1):
            if cl[k] != sl[k]:
                if sl[k] == 0:  # synthetic text (block separator): nothing to edit in the source
                    return None
                if start > cs[k] or end < cs[k] + cl[k]:  # cuts an entity / collapsed run
                    return None
            if k > i and ss[k - 1] + sl[k - 1] != ss[k]:
                return None
        s = ss[i] + (start - cs[i] if cl[i] == sl[i] else 0)
        e = ss[j] + (end - cs[j] if cl[j] == sl[j] else sl[j])
        return s, e


_MARKUP_SPACE = " \t\n\r\f"  # whitespace between elements (HTML's ASCII whitespace)


class MappedDocument(Document):
    """A document whose copy text (``text``) was extracted from a source text
    (``raw``: HTML, XML, or DOCX paragraphs) through a :class:`SourceMap`.

    Checks work on ``text`` and its blocks exactly as for plain text. Every
    *line* facing method speaks in source lines, consistently:
    ``position(offset)`` is the (line, column) in the source, ``line_text(n)``
    the source line, ``line_count`` and ``lines()`` count source lines, and
    ``line(n)`` is the copy-text span of the characters that came from source
    line ``n`` (so ``doc.line(doc.position(x)[0])`` still contains ``x``).
    ``original_offset`` maps into ``raw``; ``normalised_offset`` maps back.
    Blocks' ``lines`` are the copy text's own lines (split at its newlines),
    each numbered by the source line of its first character, so messages
    that cite ``block.first_line`` cite the source.
    """

    def __init__(self, *a, **kw):  # pragma: no cover - use Document.from_copy
        raise TypeError("build a MappedDocument with Document.from_copy(...)")

    # --- lines (source lines) ---------------------------------------------------
    @property
    def line_count(self) -> int:
        return len(self._src_line_starts)

    def _src_line_end(self, number: int) -> int:
        starts = self._src_line_starts
        if number < len(starts):
            end = starts[number] - 1
            if end > 0 and self.raw[end] == "\n" and self.raw[end - 1] == "\r":
                end -= 1
            return end
        return len(self.raw)

    def line(self, number: int) -> Line:
        number = max(1, min(number, len(self._src_line_starts)))
        to_copy = self.map.to_copy
        return Line(number, to_copy(self._src_line_starts[number - 1]), to_copy(self._src_line_end(number)))

    def lines(self) -> Iterator[Line]:
        for n in range(1, len(self._src_line_starts) + 1):
            yield self.line(n)

    def line_text(self, number: int) -> str:
        number = max(1, min(number, len(self._src_line_starts)))
        return self.raw[self._src_line_starts[number - 1] : self._src_line_end(number)]

    # --- positions ----------------------------------------------------------------
    def source_position(self, source_offset: int) -> tuple[int, int]:
        """(line, column), 1-based, of an offset into ``raw``."""
        source_offset = max(0, min(source_offset, len(self.raw)))
        idx = bisect.bisect_right(self._src_line_starts, source_offset) - 1
        return idx + 1, source_offset - self._src_line_starts[idx] + 1

    def position(self, offset: int) -> tuple[int, int]:
        return self.source_position(self.original_offset(offset))

    def offset(self, line: int, column: int) -> int:
        if line < 1:
            return 0
        if line > len(self._src_line_starts):
            return len(self.text)
        start = self._src_line_starts[line - 1]
        src = min(start + max(column, 1) - 1, self._src_line_end(line))
        return self.map.to_copy(src)

    def original_offset(self, offset: int) -> int:
        return self.map.to_source(max(0, min(offset, len(self.text))))

    def normalised_offset(self, raw_offset: int) -> int:
        return self.map.to_copy(raw_offset)

    # --- fixes ----------------------------------------------------------------------
    def remove_blocks(self, first: int, last: int) -> tuple[Edit, Optional[str]]:
        edit, _ = super().remove_blocks(first, last)
        if not self.fixable or first < 1:
            return edit, None
        span = self.block_removal_span(first, last)
        if span is None:
            return edit, None
        # source_edit turns this edit, and only edits asked for here, into the removal
        self.__dict__.setdefault("_block_removals", set()).add((edit.start, edit.end))
        unsafe = any(getattr(self.blocks[k].element, "unsafe", "") for k in range(first, last + 1))
        return edit, "unsafe" if unsafe else "safe"

    def _whole_blocks(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """(first, last) when the copy span ``[start, end)`` is exactly the
        separator before block ``first`` through the end of block ``last``."""
        blocks = self.blocks
        first = bisect.bisect_right(self._block_starts, start)
        last = bisect.bisect_right(self._block_starts, end) - 1
        if first < 1 or last < first or blocks[first - 1].end != start or blocks[last].end != end:
            return None
        return first, last

    def block_removal_span(self, first: int, last: int) -> Optional[tuple[int, int]]:
        """The span of ``raw`` that removing blocks ``first``..``last`` deletes:
        their elements (each block the whole content of one, see
        :class:`BlockElement`), with the whitespace before the first (so the
        file keeps its indentation and no blank line is left). None when a
        block has no such element, or anything but whitespace lies between
        two of the elements (it would go too)."""
        raw = self.raw
        elements: list[BlockElement] = []
        for k in range(first, last + 1):
            el = self.blocks[k].element
            if el is None or (elements and raw[elements[-1].end : el.start].strip(_MARKUP_SPACE)):
                return None
            elements.append(el)
        a = elements[0].start
        while a > 0 and raw[a - 1] in _MARKUP_SPACE:
            a -= 1
        return a, elements[-1].end

    def source_edit(self, start: int, end: int, replacement: str) -> Optional[dict]:
        """An edit of the copy text as an edit of ``raw``: ``{"offset",
        "end_offset", "replacement"}``, or None when it cannot be applied to the
        source faithfully (the span crosses markup or a block boundary, cuts an
        entity, the document cannot be written back, or the edit is a no-op).
        The edit :meth:`remove_blocks` returned (whole blocks with the
        separator before them) removes their elements from the source."""
        if not self.fixable or (start == end and not replacement):
            return None
        if not replacement and (start, end) in self.__dict__.get("_block_removals", ()):
            run = self._whole_blocks(start, end)
            if run is not None:
                removal = self.block_removal_span(*run)
                if removal is not None:
                    return {"offset": removal[0], "end_offset": removal[1], "replacement": ""}
        span = self.map.source_span(start, end)
        if span is None:
            return None
        if "\n" in replacement and self.escape is not None:
            return None  # a new line break means new markup
        rep = self.escape(replacement) if self.escape is not None else replacement
        return {"offset": span[0], "end_offset": span[1], "replacement": rep}


def _lf_line_starts(text: str) -> list[int]:
    """Offsets where each line of ``text`` starts (lines end at LF)."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def _source_line_starts(raw: str) -> list[int]:
    """Line starts of ``raw``, a line ending at LF, CRLF or a lone CR."""
    if "\r" not in raw:
        return _lf_line_starts(raw)
    starts = [0]
    for m in regex.finditer(r"\r\n|\r|\n", raw):
        starts.append(m.end())
    return starts


class CopyBuilder:
    """Builds a :class:`MappedDocument`: readers add blocks of copy text piece
    by piece, each piece tied to the source span it came from.

    - ``text(s, source_start)``: ``s`` is verbatim source text at ``source_start``;
    - ``atom(s, source_start, source_len)``: ``s`` stands for that whole source
      span (an entity, a ``<br>`` turned into a newline, collapsed whitespace);
    - ``end_block(kind, from_markup, soft_wrap, element)``: close the current
      block (empty blocks vanish); ``element`` is the :class:`BlockElement`
      the block is the whole content of, if any.

    Blocks are joined by a blank line, as in plain text; the separator maps to
    the source point just after the previous block's last character.
    """

    def __init__(self):
        self._parts: list[str] = []
        self._runs: list[tuple[int, int, int, int]] = []
        self._len = 0
        self._block_start: Optional[int] = None
        self._last_source_end = 0
        self._blocks: list[tuple[int, int, str, bool, bool, Optional[BlockElement]]] = []

    @property
    def block_open(self) -> bool:
        return self._block_start is not None

    def _begin(self) -> None:
        if self._block_start is None:
            if self._blocks:
                self._emit("\n\n", self._last_source_end, 0)
            self._block_start = self._len

    def _emit(self, s: str, source_start: int, source_len: int) -> None:
        if not s:
            return
        self._parts.append(s)
        self._runs.append((self._len, len(s), source_start, source_len))
        self._len += len(s)
        if source_len:
            self._last_source_end = source_start + source_len

    def text(self, s: str, source_start: int) -> None:
        self._begin()
        self._emit(s, source_start, len(s))

    def atom(self, s: str, source_start: int, source_len: int) -> None:
        self._begin()
        self._emit(s, source_start, source_len)

    def end_block(
        self,
        kind: str = BODY,
        from_markup: bool = False,
        soft_wrap: bool = False,
        element: Optional[BlockElement] = None,
    ) -> None:
        if self._block_start is None:
            return
        start = self._block_start
        self._block_start = None
        if self._len == start:
            return
        self._blocks.append((start, self._len, kind, from_markup, soft_wrap, element))

    def build(self, source: str, path: str, *, fixable: bool = True, escape=None, **kw) -> "MappedDocument":
        self.end_block()
        return Document.from_copy(
            "".join(self._parts), source, self._runs, self._blocks, path, fixable=fixable, escape=escape, **kw
        )


def _from_copy(
    copy_text: str,
    source: str,
    runs,
    blocks,
    path: str = "<text>",
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    newline: str = "\n",
    reader: str = "text",
    markup: bool = False,
    convention: Optional[str] = None,
    position_kind: str = "line",
    fixable: bool = True,
    escape=None,
    comments: Optional[list[tuple[int, int]]] = None,
) -> "MappedDocument":
    """A document from extracted copy text and the source it came from.

    ``runs``: ``(copy_start, copy_len, source_start, source_len)`` in document
    order (see :class:`SourceMap`). ``blocks``: ``(start, end, kind,
    kind_from_markup, soft_wrap[, element])`` copy spans, in order, separated
    in ``copy_text`` by blank lines (``element``: a :class:`BlockElement` or
    None). ``comments``: source spans of comments that
    may hold suppression directives (they are not in the copy text).
    ``position_kind``: "line", or "paragraph" when source lines are
    paragraphs (DOCX). ``fixable``: False when fixes cannot be written back.
    ``escape``: applied to fix replacements written into the source (markup).
    """
    doc = MappedDocument.__new__(MappedDocument)
    doc._set_source(source, path, encoding, bom, newline, reader, markup)
    doc.text = copy_text
    doc._collapsed = []
    doc.position_kind = position_kind
    doc.fixable = fixable
    doc.escape = escape
    doc.comments = list(comments or [])
    smap = SourceMap(len(copy_text), len(source))
    for r in runs:
        smap.add(*r)
    doc.map = smap
    starts = doc._line_starts = _lf_line_starts(copy_text)  # the copy text's own lines (for blocks)
    doc._src_line_starts = _source_line_starts(source)
    doc.convention = convention
    out: list[Block] = []
    prev_end = None
    for spec in blocks:
        start, end, kind, from_markup, soft_wrap = spec[:5]
        lines: list[Line] = []
        k = bisect.bisect_right(starts, start) - 1
        while k < len(starts) and starts[k] <= end:
            ls = max(starts[k], start)
            le = min(starts[k + 1] - 1 if k + 1 < len(starts) else len(copy_text), end)
            lines.append(Line(doc.source_position(smap.to_source(ls))[0], ls, le))
            k += 1
        b = Block(
            len(out),
            start,
            end,
            lines,
            copy_text[start:end],
            kind=kind,
            soft_wrap=soft_wrap,
            gap_before=0 if prev_end is None else 1,
        )
        b.kind_from_markup = from_markup
        b.element = spec[5] if len(spec) > 5 else None
        out.append(b)
        prev_end = end
    doc.blocks = out
    from .classify import classify_document

    classify_document(doc)
    return doc
