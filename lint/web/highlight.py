"""Marking findings in place: split a text into segments at every span edge.

Both the HTML report (rendered here, in Python) and the review page (drawn in
the browser from the same segments) use :func:`segments`, so overlapping
spans, zero-width spans and related spans behave the same in both.

Offsets are code points into the decoded original text, as the engine reports
them (``Finding.offset`` / ``end_offset``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable, Optional

from lint.lang.compiled import compile_re

_NEWLINE = compile_re(r"\r\n|\r|\n")
_ASTRAL = compile_re("[\U00010000-\U0010ffff]")
_HAN = compile_re(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = compile_re(r"[A-Za-z\u00c0-\u024f\u3400-\u9fff\uf900-\ufaff]")

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    key: str
    kind: str = "f"  # "f": a finding; "r": a related span (first copy, story boundary)
    severity: str = "warning"


@dataclass
class Segment:
    text: str
    start: int
    findings: list[Span] = field(default_factory=list)
    related: list[Span] = field(default_factory=list)
    #: a zero-width span (an insertion point): ``text`` is empty
    point: bool = False

    @property
    def severity(self) -> Optional[str]:
        if not self.findings:
            return None
        return max((s.severity for s in self.findings), key=lambda s: SEVERITY_RANK.get(s, 0))


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """``text`` cut at every span edge; each piece lists the spans covering it.

    Zero-width spans become empty ``point`` segments at their offset. Spans are
    clipped to the text. Joining the segments' texts gives back ``text``.
    """
    n = len(text)
    real: list[Span] = []
    points: dict[int, list[Span]] = {}
    for s in spans:
        a = max(0, min(int(s.start), n))
        b = max(a, min(int(s.end), n))
        s = Span(a, b, s.key, s.kind, s.severity)
        if a == b:
            points.setdefault(a, []).append(s)
        else:
            real.append(s)
    edges = sorted({0, n, *(s.start for s in real), *(s.end for s in real), *points})
    starts: dict[int, list[Span]] = {}
    for s in real:
        starts.setdefault(s.start, []).append(s)
    active: list[Span] = []
    out: list[Segment] = []
    for i, a in enumerate(edges):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        for p in points.get(a, []):
            seg = Segment("", a, point=True)
            (seg.findings if p.kind == "f" else seg.related).append(p)
            out.append(seg)
        if i + 1 < len(edges):
            b = edges[i + 1]
            if b > a:
                out.append(
                    Segment(
                        text[a:b],
                        a,
                        [s for s in active if s.kind == "f"],
                        [s for s in active if s.kind == "r"],
                    )
                )
    return out


class LineIndex:
    """1-based (line, column) in a text, as the engine counts them (lines end
    at CRLF, CR or LF; columns are code points), to offsets."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.ends = [m.start() for m in _NEWLINE.finditer(text)] + [len(text)]

    def offset(self, line: int, column: int) -> int:
        if line < 1:
            return 0
        if line > len(self.starts):
            return len(self.text)
        start, end = self.starts[line - 1], self.ends[line - 1]
        return max(start, min(start + max(int(column), 1) - 1, end))


class Utf16Index:
    """Code-point offsets to UTF-16 code-unit offsets (what a browser's
    ``textarea.setSelectionRange`` takes)."""

    def __init__(self, text: str):
        self.astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.astral, offset)


def guess_lang(text: str) -> str:
    """``zh`` when Han characters make up a fair share of the letters, else ``en``
    (for the ``lang`` attribute: fonts and line breaking follow it)."""
    sample = text[:20000]
    letters = len(_LETTER.findall(sample))
    han = len(_HAN.findall(sample))
    return "zh" if letters and han / letters > 0.2 else "en"
