"""The self-contained HTML report (``newslint check --format html``).

One file, no external assets: CSS and a little JavaScript are inline, and a
Content-Security-Policy allows nothing else (no scripts but the report's own,
no images, no fetches), so even a draft that got past the escaping could run
nothing. Every piece of text that comes from a draft (the text, paths,
messages) goes through :func:`html.escape`.

The text shown is the file as it is on disk, decoded as newslint decodes it
(BOM, UTF-8, then the legacy encodings it can vouch for); a source that cannot
be shown (standard input, a DOCX file, a file changed since) is listed with its
findings only.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter, OrderedDict
from importlib import resources
from typing import Callable, Optional

from lint.i18n import get_language, message_of, ntr, render, tr
from lint.model import Finding, Report
from lint.ruledocs import rule_doc_url
from lint.web.highlight import LineIndex, Span, guess_lang, segments

SEVERITIES = ("error", "warning", "info")


def css() -> str:
    return resources.files("lint.web").joinpath("static/newslint.css").read_text(encoding="utf-8")


def esc(s: object) -> str:
    """Escape text for HTML content and quoted attributes. A carriage return is
    written as a character reference, so the browser keeps it (HTML parsing
    would otherwise turn CRLF into LF) and the page's text equals the file's."""
    return html.escape(str(s), quote=True).replace("\r", "&#13;").replace("\x00", "\ufffd")


def read_source(path: str) -> tuple[Optional[str], str]:
    """The decoded text of ``path`` as on disk, or None and why not."""
    from lint.api import ReadError
    from lint.doc.decode import decode

    if path in ("-", "") or path.startswith("<"):
        return None, tr("read from standard input: the text is not shown")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as err:
        return None, tr("cannot read the file to show it: {reason}", reason=err.strerror or err)
    if path.lower().endswith(".docx"):
        return None, tr("a DOCX file: the text is not shown")
    try:
        return decode(data).text, ""
    except ReadError as err:
        return None, tr("cannot decode the file to show it: {reason}", reason=render(message_of(err)))


SCRIPT = """
(function () {
  function mark(key) {
    var els = document.querySelectorAll('[data-f~="' + key + '"], [data-r~="' + key + '"]');
    for (var i = 0; i < els.length; i++) {
      els[i].classList.remove('flash'); void els[i].offsetWidth; els[i].classList.add('flash');
    }
    return els;
  }
  function go(key) {
    var el = document.getElementById(key);
    if (!el) return;
    el.scrollIntoView({block: 'center'});
    mark(key);
    var items = document.querySelectorAll('.finding.current');
    for (var i = 0; i < items.length; i++) items[i].classList.remove('current');
    var li = document.querySelector('.finding[data-key="' + key + '"]');
    if (li) li.classList.add('current');
    if (history.replaceState) history.replaceState(null, '', '#' + key);
  }
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest('a.goto');
    if (a) { ev.preventDefault(); go(a.getAttribute('href').slice(1)); return; }
    var hl = ev.target.closest('.hl');
    if (hl) {
      var key = (hl.getAttribute('data-f') || '').split(' ')[0];
      var li = document.querySelector('.finding[data-key="' + key + '"]');
      if (li) {
        li.scrollIntoView({block: 'nearest'});
        var items = document.querySelectorAll('.finding.current');
        for (var i = 0; i < items.length; i++) items[i].classList.remove('current');
        li.classList.add('current');
      }
    }
  });
})();
"""

REPORT_CSS = """
.page { max-width: 1500px; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
.summary { display: flex; flex-wrap: wrap; gap: 1.5rem; margin: .5rem 0 1.5rem; }
.summary > div { flex: 1 1 22rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; width: 3.5rem; }
td.path { overflow-wrap: anywhere; }
.bar { height: .7rem; border-radius: 3px; background: #8c959f; min-width: 2px; }
.bar.error { background: var(--err); } .bar.warning { background: var(--warn); } .bar.info { background: var(--info); }
td.barcell { width: 40%; }
section.file { margin: 2rem 0; }
.cols { display: grid; grid-template-columns: minmax(0, 3fr) minmax(17rem, 2fr); gap: 1rem; align-items: start; }
.side { position: sticky; top: 0; max-height: 100vh; overflow: auto; padding: .2rem; }
.errors li { overflow-wrap: anywhere; }
@media (max-width: 900px) { .cols { grid-template-columns: 1fr; } .side { position: static; max-height: none; } }
"""


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _rule_link(f: Finding, rules: dict) -> str:
    url = rule_doc_url(f.code, f.rule, rules.get(f.rule))
    name = esc(f.rule)
    if url is None:
        return f'<span class="rule">{name}</span>'
    return f'<a class="rule" href="{esc(url)}" target="_blank" rel="noopener noreferrer">{name}</a>'


def html_lang() -> str:
    """The ``lang`` attribute of a page in the run's language."""
    return {"zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant"}.get(get_language(), "en")


def severity_name(sev: str) -> str:
    """A severity as a label (the ``class`` and the data keep the English word)."""
    return {"error": tr("error"), "warning": tr("warning"), "info": tr("info")}.get(sev, sev)


def severity_count(sev: str, n: int) -> str:
    if sev == "error":
        return ntr("{n} error", "{n} errors", n)
    if sev == "warning":
        return ntr("{n} warning", "{n} warnings", n)
    return ntr("{n} info", "{n} infos", n)


def render_report(report: Report, version: str = "", read: Callable[[str], tuple] = read_source) -> str:
    by_file: "OrderedDict[str, list[Finding]]" = OrderedDict()
    for f in report.findings:
        by_file.setdefault(f.path, []).append(f)
    rules = report.rules or {}
    sev_total = Counter(str(f.severity) for f in report.findings)
    by_rule = Counter((f.code, f.rule) for f in report.findings)
    rule_sev = {}
    for f in report.findings:
        key = (f.code, f.rule)
        if str(f.severity) == "error" or key not in rule_sev:
            rule_sev[key] = str(f.severity)

    out: list[str] = []
    w = out.append
    w(f'<!DOCTYPE html>\n<html lang="{html_lang()}">\n<head>\n<meta charset="utf-8">\n')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    w(f'<meta http-equiv="Content-Security-Policy" content="{esc(_csp(SCRIPT))}">\n')
    w('<meta name="referrer" content="no-referrer">\n')
    n = len(report.findings)
    title = esc(ntr("newslint report: {n} finding", "newslint report: {n} findings", n))
    w(f"<title>{title}</title>\n")
    w("<style>\n" + css() + REPORT_CSS + '</style>\n</head>\n<body>\n<div class="page">\n')
    heading = esc(tr("newslint report"))
    w(f"<header>\n<h1>{heading}</h1>\n")
    parts = [
        f'<span class="badge {s}">{esc(severity_count(s, sev_total[s]))}</span>' for s in SEVERITIES if sev_total[s]
    ]
    total = f'<span id="total-findings">{n}</span>'
    w(
        '<p class="muted" id="totals">'
        + ntr(
            "{total} finding {badges} in {nfiles} of {files} checked",
            "{total} findings {badges} in {nfiles} of {files} checked",
            n,
            total=total,
            badges=" ".join(parts),
            nfiles=len(by_file),
            files=esc(ntr("{n} file", "{n} files", report.files)),
        )
        + (esc(tr("; {n} could not be linted", n=len(report.errors))) if report.errors else "")
        + (f" · newslint {esc(version)}" if version else "")
        + "</p>\n</header>\n"
    )

    # --- summary: files, severities, rules -------------------------------------------
    w(
        '<div class="summary">\n<div>\n<h2>'
        + esc(tr("Files"))
        + '</h2>\n<table class="files">\n<tr><th>'
        + esc(tr("file"))
        + "</th>"
    )
    w(
        "".join(f'<th class="n">{esc(severity_name(s))}</th>' for s in SEVERITIES)
        + '<th class="n">'
        + esc(tr("all"))
        + "</th></tr>\n"
    )
    for i, (path, fs) in enumerate(by_file.items()):
        c = Counter(str(f.severity) for f in fs)
        w(f'<tr><td class="path"><a href="#file-{i}">{esc(path)}</a></td>')
        w("".join(f'<td class="n">{c[s] or ""}</td>' for s in SEVERITIES) + f'<td class="n">{len(fs)}</td></tr>\n')
    if not by_file:
        w('<tr><td colspan="5" class="muted">' + esc(tr("No findings.")) + "</td></tr>\n")
    w("</table>\n</div>\n<div>\n<h2>" + esc(tr("By severity")) + '</h2>\n<table class="sev">\n')
    top = max(sev_total.values(), default=1)
    for s in SEVERITIES:
        pct = 100 * sev_total[s] / top if top else 0
        w(
            f'<tr><td>{esc(severity_name(s))}</td><td class="n">{sev_total[s]}</td><td class="barcell"><div class="bar {s}" style="width:{pct:.1f}%"></div></td></tr>\n'
        )
    w('</table>\n<h2 style="margin-top:1rem">' + esc(tr("By rule")) + '</h2>\n<table class="rules">\n')
    top = max(by_rule.values(), default=1)
    for (code, rule), k in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        url = rule_doc_url(code, rule, rules.get(rule))
        name = f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(rule)}</a>' if url else esc(rule)
        w(
            f'<tr><td class="code">{esc(code)}</td><td>{name}</td><td class="n">{k}</td>'
            f'<td class="barcell"><div class="bar {rule_sev[(code, rule)]}" style="width:{100 * k / top:.1f}%"></div></td></tr>\n'
        )
    w("</table>\n</div>\n</div>\n")

    if report.errors:
        w('<section class="errors">\n<h2>' + esc(tr("Could not be linted")) + "</h2>\n<ul>\n")
        for e in report.errors:
            w(f"<li><code>{esc(e.path)}</code>: {esc(render(e.message))}</li>\n")
        w("</ul>\n</section>\n")

    # --- one section per file ------------------------------------------------------------
    for i, (path, fs) in enumerate(by_file.items()):
        _file_section(w, i, path, fs, rules, read)

    w("</div>\n<script>" + SCRIPT + "</script>\n</body>\n</html>\n")
    return "".join(out)


def _file_section(w, i: int, path: str, fs: list[Finding], rules: dict, read) -> None:
    text, why = read(path)
    if text is not None and any(f.end_offset > len(text) for f in fs):
        text, why = None, tr("the file changed since it was checked: the text is not shown")
    paragraphs = any(f.position_kind != "line" for f in fs)
    if paragraphs:
        text, why = None, tr("positions are paragraphs, not lines: the text is not shown")
    w(f'<section class="file" id="file-{i}" data-path="{esc(path)}">\n')
    count = esc(ntr("{n} finding", "{n} findings", len(fs)))
    w(f'<h2>{esc(path)} <span class="muted">· {count}</span></h2>\n')
    w('<div class="cols">\n<div class="main">\n')
    rel_offsets: dict[str, tuple[int, int]] = {}
    if text is None:
        w(f'<p class="muted">{esc(why)}</p>\n')
    else:
        idx = LineIndex(text)
        spans = []
        for j, f in enumerate(fs):
            spans.append(Span(f.offset, f.end_offset, f"f{i}-{j}", "f", str(f.severity)))
            for k, r in enumerate(f.related_positions or []):
                try:
                    a = idx.offset(int(r["line"]), int(r["column"]))
                    b = idx.offset(int(r["end_line"]), int(r["end_column"]))
                except (KeyError, TypeError, ValueError):
                    continue
                key = f"r{i}-{j}-{k}"
                rel_offsets[key] = (a, b)
                spans.append(Span(a, max(a, b), key, "r"))
        titles = {f"f{i}-{j}": f"{f.code} {render(f.message)}" for j, f in enumerate(fs)}
        w(f'<pre class="src" lang="{guess_lang(text)}">')
        seen: set[str] = set()
        for seg in segments(text, spans):
            body = esc(seg.text)
            if not seg.findings and not seg.related:
                w(body)
                continue
            attrs = []
            ids = [s.key for s in seg.findings + seg.related if s.key not in seen]
            if ids:
                attrs.append(f'id="{ids[0]}"')
                seen.add(ids[0])
            # a segment can be the first of several spans: later ones get an empty anchor
            anchors = "".join(f'<span id="{k}"></span>' for k in ids[1:])
            seen.update(ids[1:])
            if seg.findings:
                classes = ["hl", seg.severity or "warning"]
                if len(seg.findings) > 1:
                    classes.append("multi")
                if seg.point:
                    classes.append("point")
                if seg.related:
                    classes.append("rel")
                attrs.append(f'class="{" ".join(classes)}"')
                attrs.append(f'data-f="{" ".join(s.key for s in seg.findings)}"')
                if seg.related:
                    attrs.append(f'data-r="{" ".join(s.key for s in seg.related)}"')
                attrs.append(f'title="{esc(chr(10).join(titles[s.key] for s in seg.findings))}"')
                w(f"{anchors}<mark {' '.join(attrs)}>{body}</mark>")
            else:
                attrs.append('class="rel"')
                attrs.append(f'data-r="{" ".join(s.key for s in seg.related)}"')
                w(f"{anchors}<span {' '.join(attrs)}>{body}</span>")
        w("</pre>\n")
    w('</div>\n<aside class="side">\n<ol class="findings">\n')
    for j, f in enumerate(fs):
        key = f"f{i}-{j}"
        sev = str(f.severity)
        if f.position_kind == "line":
            where = tr("line {line}:{column}", line=f.line, column=f.column)
        else:
            where = tr("paragraph {line}:{column}", line=f.line, column=f.column)
        w(f'<li class="finding {sev}" data-key="{key}">\n')
        loc = (
            f'<a class="goto where" href="#{key}">{where}</a>'
            if text is not None
            else f'<span class="where">{where}</span>'
        )
        w(f'{loc} <span class="badge {sev}">{esc(severity_name(sev))}</span> <span class="code">{esc(f.code)}</span>\n')
        w(f'<div class="msg">{esc(render(f.message))}</div>\n<div class="meta">{_rule_link(f, rules)}')
        for k, r in enumerate(f.related_positions or []):
            label = esc(
                tr("{label} (line {line})", label=render(r.get("message")) or tr("related"), line=int(r.get("line", 0)))
            )
            rkey = f"r{i}-{j}-{k}"
            if rkey in rel_offsets:
                w(f' <a class="goto related" href="#{rkey}">{label}</a>')
            else:
                w(f' <span class="related">{label}</span>')
        w("</div>\n")
        if f.fix is not None and f.fix_edits:
            if f.fix.applicability == "safe":
                w(
                    '<div class="fix">'
                    + tr(
                        "Fix (safe, applied by {flag}): {message}",
                        flag="<code>--fix</code>",
                        message=esc(render(f.fix.message)),
                    )
                    + "</div>\n"
                )
            else:
                unsafe = '<span class="unsafe">' + esc(tr("Unsafe fix")) + "</span>"
                w(
                    '<div class="fix">'
                    + tr(
                        "{unsafe} (check it first; applied by {flags}): {message}",
                        unsafe=unsafe,
                        flags="<code>--fix --unsafe-fixes</code>",
                        message=esc(render(f.fix.message)),
                    )
                    + "</div>\n"
                )
        w("</li>\n")
    w("</ol>\n</aside>\n</div>\n</section>\n")
