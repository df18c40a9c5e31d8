"""The Document: decoded text, its lines and blocks, and the position map.

``Document.text`` is the decoded text with CRLF and lone CR normalised to LF.
Checks work in offsets into that text. The document maps them back to the
original file: 1-based lines, 1-based code-point columns, and offsets into the
decoded original text (before newline normalisation), which is what reports
and fixes use.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator, Optional

import regex

from . import text as T

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
        self.raw = raw
        self.path = path
        self.encoding = encoding
        self.bom = bom
        self.newline = newline
        self.reader = reader
        # True for formats where markup (HTML comments) can carry suppressions
        self.markup = markup
        self.text, self._collapsed = normalise_newlines(raw)
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts = starts
        self.convention = convention
        if blocks is None:
            self.convention, blocks = split_blocks(self)
        self.blocks: list[Block] = blocks
        from .classify import classify_document

        classify_document(self)

    # --- construction ----------------------------------------------------
    @classmethod
    def from_text(cls, text: str, path: str = "<text>", **kw) -> "Document":
        return cls(text, path, **kw)

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

    def sentences(self, block: Block) -> list[tuple[int, int]]:
        """Sentence spans (document offsets) in a block."""
        from .sentences import split_sentences

        return [(block.start + s, block.start + e) for s, e in split_sentences(block.text, block.lang)]


# --- block splitting ----------------------------------------------------------

_INDENT = regex.compile(r"^(?:[ \t]{2,}|\t|\u3000)\S")
_BLANK = regex.compile(r"^[\s\u3000\u00a0]*$")


def _is_blank(s: str) -> bool:
    return not s or bool(_BLANK.match(s))


def detect_convention(lines: list[str]) -> str:
    """Which paragraph convention a plain-text file follows.

    - indented: hard-wrapped copy whose paragraphs start with an indent
      (1980s wire copy);
    - line-per-paragraph: runs of lines that each end a sentence, with few or
      no blank lines between them;
    - blank-line: everything else (paragraphs separated by blank lines, lines
      inside a paragraph being wraps).
    """
    from .text import ends_sentence

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
    indented = sum(1 for s in nonblank if _INDENT.match(s))
    # Many indented starts, most lines continuation lines, few blank lines.
    if indented >= 2 and indented < len(nonblank) * 0.6 and len(groups) - 1 < indented:
        return INDENTED
    multi = [s for g in groups if len(g) > 1 for s in g]
    if len(multi) < 3:
        return BLANK_LINE
    ending = sum(1 for s in multi if ends_sentence(s))
    if ending >= 0.6 * len(multi):
        return LINE_PER_PARAGRAPH
    return BLANK_LINE


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
        new_para = (
            convention == LINE_PER_PARAGRAPH
            or (convention == INDENTED and bool(_INDENT.match(s)))
        )
        if new_para and current:
            flush()
            pending_gap = 0
        if not current:
            gap = pending_gap
            pending_gap = 0
        current.append(ln)
    flush()
    return convention, blocks
