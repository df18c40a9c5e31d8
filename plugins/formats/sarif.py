"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

One run, ``tool.driver`` named ``newslint``, with a ``reportingDescriptor``
for every installed rule (``report.rules``): ``id`` is the rule's code,
``name`` its kebab-case name, ``shortDescription`` its one-line summary,
``fullDescription`` its "What it does" section, ``help`` its whole
documentation (``text`` and ``markdown``) and ``defaultConfiguration.level``
its default severity. A finding from a rule not in ``report.rules`` gets a
minimal descriptor so that every ``ruleIndex`` resolves.

Positions
    ``run.columnKind`` is ``unicodeCodePoints``: our columns count code
    points, not the UTF-16 code units SARIF assumes by default. Lines and
    columns are 1-based; ``endColumn`` is exclusive, as in SARIF.

    Fix replacements (``deletedRegion.charOffset``/``charLength``) use the
    offsets of the JSON report: code points into the decoded file before
    newline normalisation (a byte-order mark is not counted). They are *not*
    UTF-16 code units nor bytes; we chose code points to agree with
    ``columnKind``, and a consumer that applies them must index the decoded
    text by code point (Python ``str`` does). A pure deletion has no
    ``insertedContent``. ``fix.properties.applicability`` says whether the
    fix is ``safe`` or ``unsafe``.

Paths
    ``artifactLocation.uri`` is the path as a relative URI reference: forward
    slashes, a leading ``./`` dropped, percent-encoded (so CJK names and
    spaces survive). An absolute path under the current folder is made
    relative to it; any other absolute path becomes a ``file://`` URI.

Fingerprints
    ``partialFingerprints["newslint/v1"]`` is a SHA-256 of the rule code, the
    path, the flagged text (from the finding's first line) and the message
    with every run of digits replaced by ``#`` (messages such as "repeats
    lines 66-70" name lines). It holds no line number or offset, so it
    survives edits that move the finding.
    Identical findings in one file are told apart by a ``:N`` occurrence
    suffix.

Files that could not be linted are ``toolExecutionNotifications`` of
``invocations[0]``, whose ``executionSuccessful`` is false when there are any.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from lint import hookimpl
from lint.api import Format
from lint.i18n import N_
from lint.lang.compiled import compile_re
from lint.model import Finding, Report, Severity

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/newslint/newslint"
FINGERPRINT_KEY = "newslint/v1"

_DIGITS = compile_re(r"\d+")
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.OFF: "none"}


def level(severity) -> str:
    try:
        return _LEVEL[Severity.parse(severity)]
    except ValueError:
        return "warning"


def path_to_uri(path: str) -> str:
    """A relative URI reference for ``path`` (absolute only when it must be)."""
    p = path.replace("\\", "/")
    if re.match(r"^[A-Za-z]:/", p) or p.startswith("/"):
        try:
            rel = Path(path).resolve().relative_to(Path.cwd().resolve())
        except (ValueError, OSError):
            return Path(path).resolve().as_uri() if os.path.isabs(path) else "file:///" + quote(p, safe="/:")
        p = rel.as_posix()
    while p.startswith("./"):
        p = p[2:]
    p = str(PurePosixPath(p)) if p else "."
    return quote(p, safe="/")


def _section(doc: str, title: str) -> str:
    m = re.search(rf"^##\s*{re.escape(title)}\s*\n(.*?)(?=^##|\Z)", doc, re.S | re.M)
    return m.group(1).strip() if m else ""


def _plain(markdown: str) -> str:
    """Markdown headings to plain lines, for ``help.text``."""
    return re.sub(r"^#+\s*", "", markdown, flags=re.M).strip()


def rule_descriptor(cls) -> dict:
    doc = cls.doc() if hasattr(cls, "doc") else ""
    short = (cls.one_line() if hasattr(cls, "one_line") else "") or cls.name
    full = _section(doc, "What it does") or _section(doc, "作用") or short
    severity = getattr(cls, "severity", "warning")
    desc = {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full, "markdown": full},
        "help": {"text": _plain(doc) or short, "markdown": doc or short},
        "defaultConfiguration": {"level": level(severity)},
    }
    if level(severity) == "none":
        desc["defaultConfiguration"]["enabled"] = False
    url = cls.documentation_url() if hasattr(cls, "documentation_url") else None
    if url:
        desc["helpUri"] = url  # the rule's page (docs/rules/, generated from its docstring)
    tags = [t for t in ("news-copy", getattr(cls, "plugin", "")) if t]
    desc["properties"] = {"tags": tags}
    return desc


def flagged_text(f: Finding) -> str:
    line = f.source_line or ""
    start = max(0, f.column - 1)
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    return line[start : max(start, end)]


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    start_line = max(1, line)
    start_col = max(1, column)
    end_line = max(start_line, end_line)
    end_col = max(1, end_column)
    if end_line == start_line:
        end_col = max(start_col, end_col)
    return {"startLine": start_line, "startColumn": start_col, "endLine": end_line, "endColumn": end_col}


class SarifFormat(Format):
    name = "sarif"
    description = N_("SARIF 2.1.0 (GitHub code scanning and other dashboards)")

    def render(self, report: Report, options: dict) -> str:
        import hashlib  # (here, not at the top: every run loads this plugin, few write SARIF)
        import json

        rules: list[dict] = []
        index: dict[str, int] = {}
        for name, cls in report.rules.items():
            if not getattr(cls, "code", "") or cls.code in index:
                continue
            index[cls.code] = len(rules)
            rules.append(rule_descriptor(cls))
        for f in report.findings:
            if f.code not in index:
                index[f.code] = len(rules)
                rules.append({"id": f.code, "name": f.rule, "shortDescription": {"text": f.rule}})

        seen: dict[str, int] = {}
        results = []
        for f in report.findings:
            uri = path_to_uri(f.path)
            location = {"artifactLocation": {"uri": uri}, "region": _region(f.line, f.column, f.end_line, f.end_column)}
            # the fingerprint is the English message's, whatever language the report speaks
            english = str(f.english or f.message)
            digest = hashlib.sha256(
                "\0".join((f.code, f.path.replace("\\", "/"), flagged_text(f), _DIGITS.sub("#", english))).encode(
                    "utf-8", "surrogatepass"
                )
            ).hexdigest()
            seen[digest] = seen.get(digest, 0) + 1
            result: dict = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": level(f.severity),
                "message": {"text": f.message or f.rule},
                "locations": [{"physicalLocation": location}],
                "partialFingerprints": {FINGERPRINT_KEY: f"{digest}:{seen[digest]}"},
            }
            if english != f.message:  # a translated report carries the English message too
                result["properties"] = {"message-en": english}
            related = []
            for i, r in enumerate(f.related_positions, start=1):
                rel: dict = {
                    "id": i,
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": _region(r["line"], r["column"], r["end_line"], r["end_column"]),
                    },
                }
                if r.get("message"):
                    rel["message"] = {"text": r["message"]}
                related.append(rel)
            if related:
                result["relatedLocations"] = related
            if f.fix is not None and f.fix_edits:
                replacements = []
                for e in f.fix_edits:
                    rep: dict = {
                        "deletedRegion": {"charOffset": e["offset"], "charLength": e["end_offset"] - e["offset"]}
                    }
                    if e["replacement"]:
                        rep["insertedContent"] = {"text": e["replacement"]}
                    replacements.append(rep)
                result["fixes"] = [
                    {
                        "description": {"text": f.fix.message or "Fix"},
                        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
                        "properties": {"applicability": f.fix.applicability},
                    }
                ]
            results.append(result)

        invocation: dict = {"executionSuccessful": not report.errors}
        if report.errors:
            invocation["toolExecutionNotifications"] = [
                {
                    "level": "error",
                    "message": {"text": e.message},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": path_to_uri(e.path)}}}],
                }
                for e in report.errors
            ]
        driver: dict = {"name": "newslint", "informationUri": INFORMATION_URI, "rules": rules}
        if report.tool_version:
            driver["version"] = report.tool_version
            driver["semanticVersion"] = report.tool_version
        doc = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": driver},
                    "invocations": [invocation],
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@hookimpl
def newslint_register_formats():
    return [SarifFormat]
