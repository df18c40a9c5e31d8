"""JSON report: the contract other tools read (see README, "JSON report")."""

from __future__ import annotations

from lint import hookimpl
from lint.api import Format
from lint.i18n import N_
from lint.model import Report


class JsonFormat(Format):
    name = "json"
    description = N_("one JSON object: findings, errors and a summary (a stable contract)")

    def render(self, report: Report, options: dict) -> str:
        doc = {
            "version": 1,
            "tool": {"name": "newslint", "version": report.tool_version},
            "findings": [f.to_dict() for f in report.findings],
            "errors": [e.to_dict() for e in report.errors],
            "summary": {"files": report.files, "findings": len(report.findings), "errors": len(report.errors)},
        }
        import json  # (here: every run loads this plugin, few write JSON)

        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@hookimpl
def newslint_register_formats():
    return [JsonFormat]
