"""JUnit XML, for CI systems that show test reports (Jenkins, GitLab, Azure).

Layout::

    <testsuites name="newslint" tests=".." failures=".." errors="..">
      <testsuite name="newslint" tests=".." failures=".." errors=".." skipped="0">
        <testcase classname="PATH" name="PATH">
          <failure message="CODE message" type="rule-name">PATH:LINE:COL: CODE [severity] message (rule-name)</failure>
          <error message="..." type="error">PATH: ...</error>
        </testcase>
      </testsuite>
    </testsuites>

One ``<testcase>`` per file that has findings or errors (newslint reports
no list of clean files, only their number), in order of first appearance,
holding one ``<failure>`` per finding and one ``<error>`` per error. When
nothing at all was found the suite holds one passing testcase named
``newslint``, so that CI shows a green test rather than an empty report.

Counts: ``tests`` is the number of ``<testcase>`` elements, ``failures`` the
number of ``<failure>`` elements (findings) and ``errors`` the number of
``<error>`` elements (files or rules that could not be run).

The XML is built with :mod:`xml.etree.ElementTree`. Characters XML 1.0
cannot hold (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are written
as U+FFFD so that the document always parses.
"""

from __future__ import annotations

from lint import hookimpl
from lint.api import Format
from lint.i18n import N_
from lint.lang.compiled import compile_re
from lint.model import Report

_NOT_XML = compile_re("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: object) -> str:
    return _NOT_XML.sub("\ufffd", str(text))


class JunitFormat(Format):
    name = "junit"
    description = N_("JUnit XML: one testcase per file with findings, one failure per finding")

    def render(self, report: Report, options: dict) -> str:
        import xml.etree.ElementTree as ET

        cases: dict = {}

        def case(path: str):
            el = cases.get(path)
            if el is None:
                el = cases[path] = ET.Element("testcase", {"classname": _x(path), "name": _x(path)})
            return el

        for f in report.findings:
            body = [f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message} ({f.rule})"]
            if f.end_line != f.line or f.end_column != f.column:
                body.append(f"ends at {f.end_line}:{f.end_column}")
            if f.source_line:
                body.append(f"{f.line:>5} | {f.source_line}")
            for r in f.related_positions:
                body.append(f"related: {f.path}:{r['line']}:{r['column']}: {r.get('message', '')}".rstrip())
            if f.fix is not None:
                body.append(f"fix ({f.fix.applicability}): {f.fix.message}")
            el = ET.SubElement(case(f.path), "failure", {"message": _x(f"{f.code} {f.message}"), "type": _x(f.rule)})
            el.text = _x("\n".join(body))
        for e in report.errors:
            el = ET.SubElement(case(e.path), "error", {"message": _x(e.message), "type": "error"})
            el.text = _x(f"{e.path}: error: {e.message}")
        if not cases:
            cases["newslint"] = ET.Element("testcase", {"classname": "newslint", "name": "newslint"})

        counts = {
            "tests": str(len(cases)),
            "failures": str(len(report.findings)),
            "errors": str(len(report.errors)),
        }
        root = ET.Element("testsuites", {"name": "newslint", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "newslint", **counts, "skipped": "0"})
        suite.extend(cases.values())
        ET.indent(root)
        return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


@hookimpl
def newslint_register_formats():
    return [JunitFormat]
