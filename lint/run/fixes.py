"""Applying fixes: non-overlapping edits, re-lint until stable, atomic writes.

Edits are applied to the decoded *original* text (the engine reports fix
edits as offsets into it), so a file keeps its newline style; its encoding
and BOM are kept when it is written back.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Optional

from lint.i18n import render
from lint.model import Finding

MAX_PASSES = 10


@dataclass
class FixResult:
    text: str
    applied: list[Finding] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # text the applied edits replaced, in order
    passes: int = 0
    # per pass, the edits applied as (offset, end_offset, length of the replacement
    # written), in that pass's text: maps positions in ``text`` back to the original
    edits_by_pass: list[list[tuple[int, int, int]]] = field(default_factory=list)
    # per applied finding: (pass, finding, [(replaced text, replacement), ...])
    steps: list[tuple[int, Finding, list[tuple[str, str]]]] = field(default_factory=list)

    def to_original(self, offset: int, side: str = "start") -> int:
        """The offset in the original text of ``offset`` in the fixed text. A
        position inside replaced text maps to the start of what it replaced
        (``side="start"``) or its end (``side="end"``)."""
        for edits in reversed(self.edits_by_pass):
            offset = _back(offset, edits, side)
        return offset

    def original_offset_in_pass(self, k: int, offset: int, side: str = "start") -> int:
        """The original offset of ``offset`` in the text pass ``k`` started from."""
        for edits in reversed(self.edits_by_pass[:k]):
            offset = _back(offset, edits, side)
        return offset


def _back(p: int, edits: list[tuple[int, int, int]], side: str) -> int:
    shift = 0
    for s, e, n in edits:
        ns = s + shift
        if p < ns:
            break
        if p <= ns + n:
            if n == 0:  # a deletion point: the next character was at e, the previous before s
                return e if side == "start" else s
            if p == ns:
                return s
            if p == ns + n:
                return e
            return s if side == "start" else e
        shift += n - (e - s)
    return p - shift


def select_fixes(findings: list[Finding], unsafe: bool = False) -> list[Finding]:
    """Fixable findings whose edits overlap no edit of an earlier-chosen fix."""
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    candidates = [
        f for f in findings if f.fix is not None and f.fix_edits and (unsafe or f.fix.applicability == "safe")
    ]
    candidates.sort(key=lambda f: (min(e["offset"] for e in f.fix_edits), f.code))
    for f in candidates:
        spans = [(e["offset"], e["end_offset"]) for e in f.fix_edits]
        if any(_overlaps(a, b) for a in spans for b in taken):
            continue
        chosen.append(f)
        taken.extend(spans)
    return chosen


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # touching insertions at the same point conflict too: their order would be arbitrary
    if a[0] == a[1] == b[0] == b[1]:
        return True
    return a[0] < b[1] and b[0] < a[1]


def apply_edits(
    text: str, findings: list[Finding], newline: str = "\n", spans: Optional[list] = None
) -> tuple[str, list[str]]:
    """Apply the findings' edits; return the new text and the texts replaced.
    ``spans``, when given, receives ``(offset, end_offset, written length)`` per edit."""
    edits = sorted((e for f in findings for e in f.fix_edits), key=lambda e: (e["offset"], e["end_offset"]))
    out: list[str] = []
    removed: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos : e["offset"]])
        removed.append(text[e["offset"] : e["end_offset"]])
        rep = e["replacement"]
        if newline != "\n":
            rep = rep.replace("\n", newline)
        out.append(rep)
        if spans is not None:
            spans.append((e["offset"], e["end_offset"], len(rep)))
        pos = e["end_offset"]
    out.append(text[pos:])
    return "".join(out), removed


def fix_text(
    linter, raw: str, path: str, rel_path: Optional[str] = None, unsafe: bool = False, newline: str = "\n"
) -> FixResult:
    """Lint, apply the chosen fixes, and repeat until nothing more applies
    (at most MAX_PASSES times). ``raw`` is the decoded original text."""
    result = FixResult(raw)
    for _ in range(MAX_PASSES):
        doc = linter.read_text(result.text, path, rel_path)
        findings, _errors = linter.lint_document(doc, path, rel_path)
        chosen = select_fixes(findings, unsafe)
        if not chosen:
            break
        for f in chosen:
            result.steps.append(
                (
                    result.passes,
                    f,
                    [(result.text[e["offset"] : e["end_offset"]], e["replacement"]) for e in f.fix_edits],
                )
            )
        spans: list = []
        result.text, removed = apply_edits(result.text, chosen, newline, spans)
        result.edits_by_pass.append(spans)
        result.applied.extend(chosen)
        result.removed.extend(removed)
        result.passes += 1
    return result


def relocate(findings: list[Finding], fixed, original, result: FixResult) -> None:
    """Move findings of the fixed document ``fixed`` to where they are in
    ``original`` (the file as it is on disk, when the fixes were not written)."""

    def place(start: int, end: int) -> tuple[int, int, int, int]:
        a = result.to_original(fixed.original_offset(start), "start")
        b = max(a, result.to_original(fixed.original_offset(end), "end"))
        return a, b, original.normalised_offset(a), original.normalised_offset(b)

    for f in findings:
        f.offset, f.end_offset, f.start, f.end = place(f.start, f.end)
        f.line, f.column = original.position(f.start)
        f.end_line, f.end_column = original.position(f.end)
        f.source_line = original.line_text(f.line)
        for r, pos in zip(f.related, f.related_positions):
            _, _, rs, re_ = place(r.start, r.end)
            pos["line"], pos["column"] = original.position(rs)
            pos["end_line"], pos["end_column"] = original.position(re_)
        for e in f.fix_edits:
            e["offset"] = result.to_original(e["offset"], "start")
            e["end_offset"] = max(e["offset"], result.to_original(e["end_offset"], "end"))


def describe(result: FixResult, original, path: str) -> list[str]:
    """One line per applied fix, at its position in ``original``:
    ``path:line:col: CODE fix message: 'old' → 'new'``."""
    rows = []
    for k, f, changes in result.steps:
        raw = result.original_offset_in_pass(k, f.offset)
        line, col = original.position(original.normalised_offset(raw))
        what = ", ".join(_change(old, new) for old, new in changes)
        rows.append((raw, f"{path}:{line}:{col}: {f.code} {render(f.fix.message) if f.fix else ''}: {what}"))
    return [text for _, text in sorted(rows, key=lambda r: r[0])]


def _short(s: str, limit: int = 40) -> str:
    return repr(s if len(s) <= limit else s[: limit // 2] + "…" + s[-(limit // 2 - 1) :])


def _change(old: str, new: str) -> str:
    if not new:
        return f"delete {_short(old)}"
    if not old:
        return f"insert {_short(new)}"
    return f"{_short(old)} → {_short(new)}"


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
        )
    )
