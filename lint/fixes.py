"""Applying fixes: non-overlapping edits, re-lint until stable, atomic writes.

Edits are applied to the decoded *original* text (the engine reports fix
edits as offsets into it), so a file keeps its newline style; its encoding
and BOM are kept when it is written back.
"""
from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from typing import Optional

from .model import Finding

MAX_PASSES = 10


@dataclass
class FixResult:
    text: str
    applied: list[Finding] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # text the applied edits replaced, in order
    passes: int = 0


def select_fixes(findings: list[Finding], unsafe: bool = False) -> list[Finding]:
    """Fixable findings whose edits overlap no edit of an earlier-chosen fix."""
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    candidates = [f for f in findings if f.fix is not None and f.fix_edits and (unsafe or f.fix.applicability == "safe")]
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


def apply_edits(text: str, findings: list[Finding], newline: str = "\n") -> tuple[str, list[str]]:
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
        pos = e["end_offset"]
    out.append(text[pos:])
    return "".join(out), removed


def fix_text(linter, raw: str, path: str, rel_path: Optional[str] = None, unsafe: bool = False, newline: str = "\n") -> FixResult:
    """Lint, apply the chosen fixes, and repeat until nothing more applies
    (at most MAX_PASSES times). ``raw`` is the decoded original text."""
    result = FixResult(raw)
    for _ in range(MAX_PASSES):
        doc = linter.read_text(result.text, path, rel_path)
        findings, _errors = linter.lint_document(doc, path, rel_path)
        chosen = select_fixes(findings, unsafe)
        if not chosen:
            break
        result.text, removed = apply_edits(result.text, chosen, newline)
        result.applied.extend(chosen)
        result.removed.extend(removed)
        result.passes += 1
    return result


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
        )
    )


def encode_like(text: str, encoding: str, bom: bool) -> bytes:
    import codecs

    data = text.encode(encoding)
    if bom:
        marks = {
            "utf-8": codecs.BOM_UTF8,
            "utf-16-le": codecs.BOM_UTF16_LE,
            "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE,
            "utf-32-be": codecs.BOM_UTF32_BE,
        }
        data = marks.get(encoding, b"") + data
    return data


def atomic_write(path: str, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename over the
    original, keeping its permission bits. Raises OSError on failure and
    leaves the original untouched."""
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    st = os.stat(real)
    if not os.access(real, os.W_OK) or not (st.st_mode & 0o222):
        raise PermissionError(13, "file is read-only", path)
    fd, tmp = tempfile.mkstemp(prefix=".newslint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
