"""Documents read from markup (HTML, XML, DOCX, Markdown): the copy text a
check reads, mapped back to the source file.

A reader feeds a :class:`CopyBuilder` piece by piece, each piece tied to the
source span it came from; the result is a :class:`MappedDocument`, whose
positions are lines and columns of the source and whose fixes are edits of
the source (where they can be made faithfully). :class:`SourceMap` is the
offset map between the two.
"""

from __future__ import annotations

import bisect
from array import array
from typing import Iterator, Optional

from lint.doc.document import Block, BlockElement, Document, Line, lf_line_starts
from lint.doc.kinds import BODY, Convention
from lint.lang.text import rx
from lint.model import Edit


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

    #: copy text -> source offsets (set by :func:`from_copy`)
    map: SourceMap
    #: offsets in ``raw`` where each source line starts (set by :func:`from_copy`)
    _src_line_starts: "array[int]"

    def __init__(self, *a, **kw):  # pragma: no cover - use a CopyBuilder
        raise TypeError("build a MappedDocument with lint.doc.mapped.CopyBuilder (or from_copy)")

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


def _source_line_starts(raw: str) -> "array[int]":
    """Line starts of ``raw``, a line ending at LF, CRLF or a lone CR."""
    if "\r" not in raw:
        return lf_line_starts(raw)
    starts = array("q", [0])
    for m in rx(r"\r\n|\r|\n").finditer(raw):
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
        return from_copy(
            "".join(self._parts), source, self._runs, self._blocks, path, fixable=fixable, escape=escape, **kw
        )


def from_copy(
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
    convention: Optional[Convention] = None,
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
    starts = doc._line_starts = lf_line_starts(copy_text)  # the copy text's own lines (for blocks)
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
        b = Block.of(
            copy_text,
            len(out),
            start,
            end,
            lines,
            kind=kind,
            soft_wrap=soft_wrap,
            gap_before=0 if prev_end is None else 1,
        )
        b.kind_from_markup = from_markup
        b.element = spec[5] if len(spec) > 5 else None
        out.append(b)
        prev_end = end
    doc.blocks = out
    return doc
