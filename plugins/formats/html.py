"""A self-contained HTML report: each file's text with its findings marked in
place, a summary by file, severity and rule, and links to each rule's page.

    newslint check --format html drafts/ > report.html
"""

from __future__ import annotations

from lint import hookimpl
from lint.api import Format
from lint.i18n import N_
from lint.model import Report


class HtmlFormat(Format):
    name = "html"
    description = N_("one self-contained HTML page: each draft with its findings marked in place")

    def render(self, report: Report, options: dict) -> str:
        from lint.web.report import render_report

        return render_report(report, version=report.tool_version)


@hookimpl
def newslint_register_formats():
    return [HtmlFormat]
