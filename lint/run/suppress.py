"""Inline suppressions for formats with comments (Markdown, HTML).

    <!-- newslint-disable RULE [RULE ...] -->      until the matching enable (or the end)
    <!-- newslint-enable RULE [RULE ...] -->
    <!-- newslint-disable-next-line RULE ... -->   the next non-blank line
    <!-- newslint-disable-file RULE ... -->        the whole file

RULE is a rule name or code (or code prefix); with no RULE the directive
covers every rule. Rules may be separated by spaces or commas. Plain-text
copy has no comment syntax and must stay clean, so it is suppressed with
per-file config (``overrides``) or a baseline instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from lint.api import rule_matches
from lint.lang.compiled import compile_regex

DIRECTIVE = compile_regex(
    r"<!--\s*newslint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)\s*-->",
)


@dataclass
class Directive:
    kind: str  # disable, enable, disable-next-line, disable-file
    rules: tuple[str, ...]  # empty: every rule
    start: int
    end: int
    # the span of text it covers: [cover_start, cover_end)
    cover_start: int = 0
    cover_end: int = 0
    used: bool = False
    # offsets of the findings it suppressed
    suppressed: list = field(default_factory=list, repr=False)

    def covers_rule(self, name: str, code: str) -> bool:
        if not self.rules:
            return True
        return any(rule_matches(r, name, code) for r in self.rules)


def _directives(doc):
    """(match, start, end, line of the comment's end) for each directive.

    Markdown keeps its comments in ``doc.text``. Readers whose comments are not
    copy (HTML, XML) list their source spans in ``doc.comments``: a directive
    there sits at the copy offset where the comment was (zero width)."""
    comments = getattr(doc, "comments", None)
    if comments is None:
        for m in DIRECTIVE.finditer(doc.text):
            yield m, m.start(), m.end(), doc.position(m.end())[0]
        return
    for s, e in comments:
        m = DIRECTIVE.search(doc.raw, s, e)
        if m:
            at = doc.normalised_offset(s)
            yield m, at, at, doc.source_position(e)[0]


def parse(doc) -> list[Directive]:
    """Find directives and compute the span each one covers."""
    text = doc.text
    out: list[Directive] = []
    open_ranges: dict[str, Directive] = {}
    for m, start, end, line in _directives(doc):
        kind = m.group(1)
        rules = tuple(r for r in regex.split(r"[\s,]+", m.group(2).strip()) if r)
        d = Directive(kind, rules, start, end)
        if kind == "disable-file":
            d.cover_start, d.cover_end = 0, len(text)
        elif kind == "disable-next-line":
            # the next line holding text (for HTML/XML: copy text)
            nxt = line + 1
            while nxt <= doc.line_count and not text[doc.line(nxt).start : doc.line(nxt).end].strip():
                nxt += 1
            if nxt <= doc.line_count:
                ln = doc.line(nxt)
                d.cover_start, d.cover_end = ln.start, ln.end
            else:
                d.cover_start = d.cover_end = len(text)
        elif kind == "disable":
            d.cover_start, d.cover_end = end, len(text)
            for key in rules or ("*",):
                open_ranges[key] = d
        else:  # enable: closes the matching disables
            for key in rules or list(open_ranges):
                opened = open_ranges.pop(key, None)
                if opened is not None:
                    opened.cover_end = start
        out.append(d)
    return out


def filter_findings(findings: list, directives: list[Directive]) -> list:
    """Drop findings a directive covers, marking directives that were used."""
    if not directives:
        return findings
    kept = []
    for f in findings:
        hit: Optional[Directive] = None
        for d in directives:
            if d.kind == "enable":
                continue
            if d.cover_start <= f.start < d.cover_end or (
                d.cover_start == d.cover_end == f.start and d.kind != "disable-next-line"
            ):
                if d.covers_rule(f.rule, f.code):
                    hit = d
                    break
        if hit is None:
            kept.append(f)
        else:
            hit.used = True
            hit.suppressed.append(f.start)
    _settle(directives)
    return kept


def _settle(directives: list[Directive]) -> None:
    """A directive whose every suppressed finding lies inside an unused directive
    (which NL001 removes) is unused too: removing the one would make the other
    unused on the next pass, one per pass. Settle that here, so fixes converge."""
    changed = True
    while changed:
        changed = False
        gone = [(d.start, d.end) for d in directives if d.kind != "enable" and not d.used]
        if not gone:
            return
        for d in directives:
            if d.used and d.suppressed and all(any(a <= off < b for a, b in gone) for off in d.suppressed):
                d.used = False
                changed = True
