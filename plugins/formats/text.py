"""Human-readable text: one line per finding, the source line, a caret underline.

Options the command passes (all optional):

- ``color``: ANSI colours; ``quiet``: finding lines only, no source or summary;
  ``statistics``: a count per rule.
- ``width``: terminal columns. A source line wider than the room left beside
  the gutter is cut to a window around the finding, with ``…`` where text is
  left out (widths in display columns: CJK counts 2).
- ``unsafe_fixes``: unsafe fixes count as applicable (``--unsafe-fixes``).
- ``fix_listing`` and ``fix_listing_title``: lines describing fixes, one per
  fix (``--show-fixes``).
- ``baseline_hidden``: how many findings the baseline hid.

Control characters from the copy (ESC, BEL, NUL, C1 controls, bidi overrides)
are never written raw: they are shown escaped (``␛``, ``\\x9b``), in source
lines, messages and paths alike.

A finding with a safe fix (or any fix, with ``unsafe_fixes``) is marked
``[*]``, and the summary ends with how many ``--fix`` would repair.
"""

from __future__ import annotations

from collections import Counter

from lint import hookimpl
from lint.api import Format
from lint.i18n import N_, ntr, render, tr
from lint.lang.text import display_width, escape_char, escape_controls
from lint.model import Report, Severity

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"

DEFAULT_WIDTH = 100
MIN_ROOM = 20  # columns for source text, however narrow the terminal
ELLIPSIS = "…"
MISSING = "no such file or directory"  # lint.run.engine.MISSING: a named path that does not exist


def _shown(ch: str) -> str:
    return " " if ch == "\t" else escape_char(ch)


def fit_line(line: str, start: int, end: int, room: int) -> tuple[str, int, int]:
    """The source line as shown, cut to ``room`` display columns around the
    span ``line[start:end]``; returns ``(shown, pad, carets)``: the text, the
    columns before the span and the columns under it (at least 1)."""
    n = len(line)
    start = max(0, min(start, n))
    end = max(start, min(end, n))
    # only a neighbourhood of the span can be shown: never measure a huge line whole
    lo = max(0, start - 2 * room)
    hi = min(n, min(end, start + 2 * room) + 2 * room)
    pieces = [_shown(ch) for ch in line[lo:hi]]
    widths = [display_width(p) for p in pieces]
    m = len(pieces)
    start, end = start - lo, min(end, hi) - lo
    if lo == 0 and hi == n and sum(widths) <= room:
        a, b = 0, m
    else:
        span = sum(widths[start:end])
        before_all = sum(widths[:start])
        after_all = sum(widths[end:]) + (room if hi < n else 0)
        if span + 2 <= room:
            free = room - span - 2
            # context on both sides; give the unused room of a short side to the other
            before = min(before_all, max(free // 2, free - after_all))
        else:  # the span alone is wider than the room: show its start
            before = min(before_all, max(0, min(8, room // 4)))
        a, used = start, 0
        while a > 0 and used + widths[a - 1] <= before:
            a -= 1
            used += widths[a]
        budget = room - (1 if a > 0 or lo > 0 else 0)
        if hi == n and sum(widths[a:]) <= budget:
            b = m
        else:
            budget -= 1
            b, used = a, 0
            while b < m and used + widths[b] <= budget:
                used += widths[b]
                b += 1
    left = a > 0 or lo > 0
    right = b < m or hi < n
    shown = (ELLIPSIS if left else "") + "".join(pieces[a:b]) + (ELLIPSIS if right else "")
    pad = (1 if left else 0) + sum(widths[a:start])
    carets = max(1, sum(widths[start : min(end, b)]))
    return shown, pad, carets


def fixable(f, unsafe: bool = False) -> bool:
    """Whether ``--fix`` (with ``unsafe``: ``--fix --unsafe-fixes``) repairs the finding."""
    return f.fix is not None and bool(f.fix_edits) and (unsafe or f.fix.applicability == "safe")


class TextFormat(Format):
    name = "text"
    description = N_("path:line:col: CODE [severity] message (rule), with the source line underlined")

    def render(self, report: Report, options: dict) -> str:
        color = options.get("color", False)
        quiet = options.get("quiet", False)
        width = options.get("width") or DEFAULT_WIDTH
        unsafe = options.get("unsafe_fixes", False)

        def c(code: str, s: str) -> str:
            return f"{code}{s}{_RESET}" if color else s

        out: list[str] = []
        for f in report.findings:
            sev = str(f.severity)
            path = escape_controls(f.path)
            unit = "paragraph" if f.position_kind == "paragraph" else "line"
            where = (
                tr("{path}: paragraph {line}, column {column}:", path=c(_BOLD, path), line=f.line, column=f.column)
                if unit == "paragraph"
                else f"{c(_BOLD, path)}:{f.line}:{f.column}:"
            )
            mark = " [*]" if fixable(f, unsafe) else ""
            message = escape_controls(f.message, keep="\t")
            head = f"{where} {c(_BOLD, f.code)}{mark} [{c(_COLORS.get(f.severity, ''), sev)}] {message} ({f.rule})"
            out.append(head)
            if quiet:
                continue
            gutter = f"{f.line:>5} | "
            end_col = f.end_column if f.end_line == f.line else len(f.source_line) + 1
            shown, pad, carets = fit_line(f.source_line, f.column - 1, end_col - 1, max(MIN_ROOM, width - len(gutter)))
            out.append(c(_DIM, gutter) + shown)
            out.append(" " * len(gutter) + " " * pad + c(_COLORS.get(f.severity, ""), "^" * carets))
            if f.end_line > f.line:
                continues = (
                    tr("(continues to paragraph {line})", line=f.end_line)
                    if unit == "paragraph"
                    else tr("(continues to line {line})", line=f.end_line)
                )
                out.append(" " * len(gutter) + c(_DIM, continues))
            for r in f.related_positions:
                label = escape_controls(r["message"], keep=chr(9))
                related = (
                    tr("related: paragraph {line}: {message}", line=r["line"], message=label)
                    if unit == "paragraph"
                    else tr("related: line {line}: {message}", line=r["line"], message=label)
                )
                out.append(" " * len(gutter) + c(_DIM, related))
        missing = 0
        for e in report.errors:
            if e.message == MISSING:
                missing += 1
                label = tr("error")
                out.append(
                    tr(
                        "{error}: no such file or folder: {path}",
                        error=c(_BOLD, label),
                        path=escape_controls(e.path),
                    )
                )
            else:
                out.append(
                    tr(
                        "{path}: error: {message}",
                        path=c(_BOLD, escape_controls(e.path)),
                        message=escape_controls(render(e.message), keep=chr(9)),
                    )
                )
        listing = options.get("fix_listing")
        if listing is not None:
            if out:
                out.append("")
            out.append(options.get("fix_listing_title") or tr("Fixes:"))
            out.extend(escape_controls(x) for x in listing)
        if options.get("statistics"):
            counts = Counter((f.code, f.rule) for f in report.findings)
            if counts:
                out.append("")
                for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                    out.append(f"{n:6}  {code}  {rule}")
        if not quiet:
            by_sev = Counter(str(f.severity) for f in report.findings)
            counted = {
                "error": ntr("{n} error", "{n} errors", by_sev["error"]),
                "warning": ntr("{n} warning", "{n} warnings", by_sev["warning"]),
                "info": ntr("{n} info", "{n} infos", by_sev["info"]),
            }
            parts = [counted[s] for s in ("error", "warning", "info") if by_sev[s]]
            files = ntr("{n} file", "{n} files", report.files)
            hidden = options.get("baseline_hidden") or 0
            n = len(report.findings)
            if report.findings:
                found = dict(counts=tr(", ").join(parts), files=files, hidden=hidden)
                if hidden:
                    summary = ntr(
                        "Found {n} finding ({counts}) in {files}; {hidden} more hidden by the baseline.",
                        "Found {n} findings ({counts}) in {files}; {hidden} more hidden by the baseline.",
                        n,
                        **found,
                    )
                else:
                    summary = ntr(
                        "Found {n} finding ({counts}) in {files}.",
                        "Found {n} findings ({counts}) in {files}.",
                        n,
                        **found,
                    )
            elif hidden:
                summary = tr("No findings in {files}; {hidden} hidden by the baseline.", files=files, hidden=hidden)
            else:
                summary = tr("No findings in {files}.", files=files)
            failed = len(report.errors) - missing
            if failed:
                summary += ntr(" {n} file could not be linted.", " {n} files could not be linted.", failed)
            if missing:
                summary += ntr(" {n} path not found.", " {n} paths not found.", missing)
            if out:
                out.append("")
            out.append(summary)
            safe = sum(1 for f in report.findings if fixable(f, unsafe))
            more = 0 if unsafe else sum(1 for f in report.findings if fixable(f, True)) - safe
            if safe or more:
                if more:
                    out.append(
                        tr("{safe} fixable with `--fix` ({more} more with `--unsafe-fixes`).", safe=safe, more=more)
                    )
                else:
                    out.append(tr("{safe} fixable with `--fix`.", safe=safe))
        return "\n".join(out) + "\n" if out else ""


@hookimpl
def newslint_register_formats():
    return [TextFormat]
