"""Concise: one line per finding, for editors' quickfix lists.

    path:line:col: CODE message

matches vim's default ``errorformat`` (``%f:%l:%c: %m``), Emacs'
compilation mode and most editors' "problem matchers". Files that could not
be linted follow, one line each::

    path: error: message

No source lines, no summary, no colour. A line break inside a message or path
(which would split one entry into two) is written as a single space; other
control characters (ESC, BEL, C1 ...) are shown escaped (``␛``, ``\\x9b``), never
written raw to the terminal.
"""

from __future__ import annotations

from lint import hookimpl
from lint.api import Format
from lint.i18n import N_
from lint.lang.compiled import compile_re
from lint.lang.text import escape_controls
from lint.model import Report

_BREAKS = compile_re(r"\s*(?:\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029])\s*")


def _one_line(text: str) -> str:
    return escape_controls(_BREAKS.sub(" ", text), keep="\t")


class ConciseFormat(Format):
    name = "concise"
    description = N_("path:line:col: CODE message, one line per finding (for quickfix lists)")

    def render(self, report: Report, options: dict) -> str:
        out = [f"{_one_line(f.path)}:{f.line}:{f.column}: {f.code} {_one_line(f.message)}" for f in report.findings]
        out += [f"{_one_line(e.path)}: error: {_one_line(e.message)}" for e in report.errors]
        return "".join(line + "\n" for line in out)


@hookimpl
def newslint_register_formats():
    return [ConciseFormat]
