"""Human-readable text: one line per finding, the source line, a caret underline."""
from __future__ import annotations

from collections import Counter

from lint import hookimpl
from lint.api import Format
from lint.model import Report, Severity
from lint.text import display_width

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class TextFormat(Format):
    name = "text"
    description = "path:line:col: CODE [severity] message (rule), with the source line underlined"

    def render(self, report: Report, options: dict) -> str:
        color = options.get("color", False)
        quiet = options.get("quiet", False)

        def c(code: str, s: str) -> str:
            return f"{code}{s}{_RESET}" if color else s

        out: list[str] = []
        for f in report.findings:
            sev = str(f.severity)
            head = f"{c(_BOLD, f.path)}:{f.line}:{f.column}: {c(_BOLD, f.code)} [{c(_COLORS.get(f.severity, ''), sev)}] {f.message} ({f.rule})"
            out.append(head)
            if quiet:
                continue
            line = f.source_line.replace("\t", " ")
            if len(line) > 200:  # keep the caret on screen for very long lines
                lo = max(0, f.column - 1 - 60)
                line = ("…" if lo else "") + line[lo : lo + 160] + "…"
                col = f.column - lo + (1 if lo else 0)
            else:
                col = f.column
            end_col = f.end_column if f.end_line == f.line else len(line) + 1
            pad = display_width(line[: col - 1])
            width = max(1, display_width(line[col - 1 : max(col, end_col) - 1]))
            gutter = f"{f.line:>5} | "
            out.append(c(_DIM, gutter) + line)
            out.append(" " * len(gutter) + " " * pad + c(_COLORS.get(f.severity, ""), "^" * width))
            if f.end_line > f.line:
                out.append(" " * len(gutter) + c(_DIM, f"(continues to line {f.end_line})"))
            for r in f.related_positions:
                out.append(" " * len(gutter) + c(_DIM, f"related: line {r['line']}: {r['message']}"))
        for e in report.errors:
            out.append(f"{c(_BOLD, e.path)}: error: {e.message}")
        if options.get("statistics"):
            counts = Counter((f.code, f.rule) for f in report.findings)
            if counts:
                out.append("")
                for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                    out.append(f"{n:6}  {code}  {rule}")
        if not quiet:
            by_sev = Counter(str(f.severity) for f in report.findings)
            parts = [f"{by_sev[s]} {s}{'s' if by_sev[s] != 1 else ''}" for s in ("error", "warning", "info") if by_sev[s]]
            files = f"{report.files} file{'s' if report.files != 1 else ''}"
            if report.findings:
                summary = f"Found {len(report.findings)} finding{'s' if len(report.findings) != 1 else ''} ({', '.join(parts)}) in {files}."
            else:
                summary = f"No findings in {files}."
            if report.errors:
                summary += f" {len(report.errors)} file{'s' if len(report.errors) != 1 else ''} could not be linted."
            if out:
                out.append("")
            out.append(summary)
        return "\n".join(out) + "\n" if out else ""


@hookimpl
def newslint_register_formats():
    return [TextFormat]
