"""JSON Lines: one JSON object per line, for log pipelines and ``jq -c``.

Each finding is one line holding exactly the object the JSON report puts in
``findings`` (:meth:`lint.model.Finding.to_dict`): it always has a ``"rule"``
key. After the findings comes one line per file that could not be linted::

    {"path": "drafts/bad.bin", "error": "not text: binary data (a NUL byte) at byte 12"}

An error line has an ``"error"`` key and never a ``"rule"`` key, which is how
a reader tells the two apart. There is no header and no summary; no findings
and no errors give empty output.

Every record is exactly one line whatever the text holds: JSON escapes line
feeds, and U+0085, U+2028 and U+2029 (which some line splitters, such as
Python's ``str.splitlines``, treat as line breaks) are escaped too. Non-ASCII
text is otherwise written as UTF-8, as in the JSON report.
"""

from __future__ import annotations

from lint import hookimpl
from lint.api import Format
from lint.i18n import N_
from lint.model import Report

# json.dumps(ensure_ascii=False) escapes C0 controls but leaves these raw.
# They can only occur inside JSON strings, so replacing them is always safe.
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _line(obj: dict) -> str:
    import json  # (here: every run loads this plugin, few write JSON lines)

    text = json.dumps(obj, ensure_ascii=False)
    for raw, esc in _LINE_BREAKS.items():
        if raw in text:
            text = text.replace(raw, esc)
    return text


class JsonLinesFormat(Format):
    name = "json-lines"
    description = N_("one JSON object per line: each finding (as in the JSON report), then each error")

    def render(self, report: Report, options: dict) -> str:
        lines = [_line(f.to_dict()) for f in report.findings]
        lines += [_line({"path": e.path, "error": e.message}) for e in report.errors]
        return "".join(line + "\n" for line in lines)


@hookimpl
def newslint_register_formats():
    return [JsonLinesFormat]
