"""GitHub Actions workflow commands: findings become annotations on the PR diff.

One command per finding::

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE rule-name::message

The command is ``error``, ``warning`` or ``notice`` for severity error,
warning and info. ``col`` and ``endColumn`` are given only when the finding
starts and ends on the same line: GitHub accepts columns on single-line
annotations only. Columns count code points, as everywhere in newslint.

A file that could not be linted becomes ``::error file=PATH::message``.

Escaping follows ``@actions/core``: in the message ``%``, CR and LF become
``%25``, ``%0D`` and ``%0A``; in property values ``:`` and ``,`` also become
``%3A`` and ``%2C``. The runner decodes them, so a message shows as written.
Other control characters (ESC, BEL, C1 ...) are shown escaped (``␛``,
``\\x9b``): the log is read in a terminal-like viewer.
"""

from __future__ import annotations

from lint import hookimpl
from lint.api import Format
from lint.i18n import N_
from lint.lang.text import escape_controls
from lint.model import Report, Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    text = escape_controls(text, keep="\r\n\t")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, props: list[tuple[str, object]], message: str) -> str:
    args = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{kind} {args}::{escape_data(message)}"


class GithubFormat(Format):
    name = "github"
    description = N_("GitHub Actions workflow commands (annotations on the pull request)")

    def render(self, report: Report, options: dict) -> str:
        out: list[str] = []
        for f in report.findings:
            props: list[tuple[str, object]] = [("file", f.path), ("line", f.line)]
            if f.end_line == f.line:
                props += [("col", f.column), ("endLine", f.end_line), ("endColumn", f.end_column)]
            else:
                props += [("endLine", f.end_line)]
            props.append(("title", f"{f.code} {f.rule}"))
            out.append(_command(_COMMAND.get(f.severity, "warning"), props, f.message))
        for e in report.errors:
            out.append(_command("error", [("file", e.path)], e.message))
        return "".join(line + "\n" for line in out)


@hookimpl
def newslint_register_formats():
    return [GithubFormat]
