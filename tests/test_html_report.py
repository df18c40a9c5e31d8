"""`--format html`: the self-contained report (parsed here with lxml; the
browser checks are in test_browser.py)."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import defaultdict

import lxml.html
import pytest

from lint.model import Finding, Report, Severity
from lint.ruledocs import rule_doc_path, rule_doc_url
from lint.web.highlight import LineIndex, Span, Utf16Index, guess_lang, segments
from lint.web.report import render_report
from lint.run.runner import lint_paths

from conftest import ROOT, run_cli

HOSTILE = ROOT / "tests" / "fixtures" / "web" / "hostile.txt"


def _marks(html_text: str):
    """{finding key: joined text of its highlight segments}, and the tree."""
    tree = lxml.html.document_fromstring(html_text)
    texts: dict[str, str] = defaultdict(str)
    for el in tree.xpath("//*[@data-f]"):
        for key in el.get("data-f").split():
            texts[key] += el.text_content()
    return texts, tree


def _report_of(*paths) -> tuple[str, dict]:
    html_proc = run_cli("check", "--format", "html", "--no-cache", "--no-config", *paths)
    json_proc = run_cli("check", "--format", "json", "--no-cache", "--no-config", *paths)
    assert html_proc.returncode == 1, html_proc.stderr
    return html_proc.stdout.decode("utf-8"), json.loads(json_proc.stdout)


# --- segments ------------------------------------------------------------------------


def test_segments_cover_the_text_and_overlaps_list_every_span():
    text = "abcdefghij"
    spans = [Span(2, 6, "a", "f", "warning"), Span(4, 8, "b", "f", "error"), Span(5, 5, "p", "f", "info"), Span(0, 2, "r", "r")]
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    by_key = defaultdict(str)
    for s in segs:
        for sp in s.findings + s.related:
            by_key[sp.key] += s.text
    assert by_key == {"a": "cdef", "b": "efgh", "r": "ab", "p": ""}
    overlap = [s for s in segs if len(s.findings) == 2]
    assert [s.text for s in overlap] == ["e", "f"] and overlap[0].severity == "error"
    point = [s for s in segs if s.point]
    assert len(point) == 1 and point[0].start == 5


def test_segments_clip_spans_outside_the_text():
    segs = segments("abc", [Span(2, 99, "a"), Span(-5, 1, "b")])
    assert "".join(s.text for s in segs) == "abc"
    assert [s.text for s in segs if s.findings] == ["a", "c"]


def test_line_index_counts_lines_like_the_engine():
    text = "one\r\ntwo\rthree\nfour"
    idx = LineIndex(text)
    assert text[idx.offset(2, 1) :].startswith("two")
    assert text[idx.offset(3, 2) :].startswith("hree")
    assert idx.offset(4, 99) == len(text)


def test_utf16_offsets_count_astral_characters_twice():
    text = "a😀b𠀀c"
    u = Utf16Index(text)
    assert [u(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]


def test_guess_lang():
    assert guess_lang("新华社北京电 今天上午召开会议。") == "zh"
    assert guess_lang("The council met on Tuesday.") == "en"


# --- rule pages ------------------------------------------------------------------------


def test_rule_doc_links():
    from plugins.checks.duplicate_paragraph import DuplicateParagraph

    assert rule_doc_path("NL101", "duplicate-paragraph") == "docs/rules/NL101-duplicate-paragraph.md"
    assert rule_doc_url("NL101", "duplicate-paragraph", DuplicateParagraph).endswith("/docs/rules/NL101-duplicate-paragraph.md")

    class Outside:
        __module__ = "house_rules"

    assert rule_doc_url("HS001", "house", Outside) is None
    Outside.doc_url = "https://example.org/house"
    assert rule_doc_url("HS001", "house", Outside) == "https://example.org/house"


# --- the report of the examples ----------------------------------------------------------


def test_report_marks_every_finding_with_its_exact_text():
    page, data = _report_of("examples/")
    assert page.startswith("<!DOCTYPE html>")
    texts, tree = _marks(page)
    findings = data["findings"]
    assert len(texts) == len(findings) > 0
    sections = tree.xpath("//section[@class='file']")
    keys_by_path = {}
    for sec in sections:
        i = sec.get("id").split("-")[1]
        keys_by_path[sec.get("data-path")] = i
    seen = defaultdict(int)
    for f in findings:
        raw = (ROOT / f["path"]).read_bytes().decode("utf-8-sig")
        i = keys_by_path[f["path"]]
        key = f"f{i}-{seen[f['path']]}"
        seen[f["path"]] += 1
        # the page's text equals the file's, CRLF and all
        assert texts[key] == raw[f["offset"] : f["end_offset"]], (key, f["code"])
    # each file's text is there in full
    for sec in sections:
        pre = sec.xpath(".//pre[contains(@class, 'src')]")[0]
        raw = (ROOT / sec.get("data-path")).read_bytes().decode("utf-8-sig")
        assert pre.text_content() == raw
    assert tree.xpath("//pre[@lang='zh']") and tree.xpath("//pre[@lang='en']")


def test_report_summary_links_and_related_spans():
    page, data = _report_of("examples/")
    _texts, tree = _marks(page)
    assert tree.xpath("//*[@id='total-findings']")[0].text == str(len(data["findings"]))
    rule_links = {a.get("href") for a in tree.xpath("//table[@class='rules']//a")}
    assert any(h.endswith("docs/rules/NL101-duplicate-paragraph.md") for h in rule_links)
    assert any(h.endswith("docs/rules/NL104-mixed-articles.md") for h in rule_links)
    # every related link (first copy, story boundary) leads to an element in the page
    related = tree.xpath("//a[contains(@class, 'related')]")
    assert len(related) >= 5
    for a in related:
        target = a.get("href")[1:]
        assert tree.xpath(f"//*[@id='{target}']"), target
    labels = {a.text_content().split(" (")[0] for a in related}
    assert {"first copy", "story 2 starts here"} <= labels
    # the first copy of the English example's repeated paragraph is marked where it is
    en = next(f for f in data["findings"] if f["code"] == "NL101" and f["path"].endswith("en-draft.txt"))
    raw = (ROOT / en["path"]).read_text(encoding="utf-8")
    rel = en["related"][0]
    idx = LineIndex(raw)
    a, b = idx.offset(rel["line"], rel["column"]), idx.offset(rel["end_line"], rel["end_column"])
    section = tree.xpath("//section[@data-path='examples/en-draft.txt']")[0]
    li = [x for x in section.xpath(".//li[contains(@class, 'finding')]") if "NL101" in x.text_content()][0]
    key = li.xpath(".//a[contains(@class, 'related')]")[0].get("href")[1:]
    rel_text = "".join(el.text_content() for el in section.xpath(".//*[@data-r]") if key in el.get("data-r").split())
    assert rel_text == raw[a:b]
    # every file link in the summary points at a section
    for a in tree.xpath("//table[@class='files']//a"):
        assert tree.xpath(f"//*[@id='{a.get('href')[1:]}']")


def test_report_csp_allows_only_its_own_script():
    page, _ = _report_of("examples/")
    tree = lxml.html.document_fromstring(page)
    scripts = tree.xpath("//script")
    assert len(scripts) == 1
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']")[0].get("content")
    digest = base64.b64encode(hashlib.sha256(scripts[0].text.encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "img-src 'none'" in csp
    assert not re.search(r"(?:src|href)=\"(?!#|https://github\.com/)", page)  # no external assets


# --- hostile drafts ------------------------------------------------------------------------


def test_hostile_draft_is_escaped_everywhere():
    page, data = _report_of(str(HOSTILE.relative_to(ROOT)))
    texts, tree = _marks(page)
    assert len(texts) == len(data["findings"]) > 3
    # nothing from the draft became markup
    assert len(tree.xpath("//script")) == 1
    assert not tree.xpath("//img | //iframe")
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        assert not any(a.lower().startswith("on") for a in el.attrib), (el.tag, el.attrib)
    pre = tree.xpath("//pre[contains(@class, 'src')]")[0]
    assert pre.text_content() == HOSTILE.read_text(encoding="utf-8")
    assert "<script>window.__pwned" in pre.text_content()
    assert "<script>window" not in page and "<img src=x" not in page
    # messages quoting the draft are escaped too
    msgs = [li.text_content() for li in tree.xpath("//div[@class='msg']")]
    assert any("<img src=x" in m for m in msgs)


def test_hostile_path_and_message_are_escaped():
    f = Finding("x-rule", "NL999", Severity.ERROR, '<b onmouseover="alert(1)">m</b>', 0, 1)
    f.path, f.line, f.column, f.offset, f.end_offset = '"><script>alert(1)</script>.txt', 1, 1, 0, 1
    report = Report(findings=[f], files=1)
    page = render_report(report, read=lambda p: ("x", ""))
    tree = lxml.html.document_fromstring(page)
    assert len(tree.xpath("//script")) == 1 and not tree.xpath("//b")
    assert tree.xpath("//section")[0].get("data-path") == f.path


def test_unreadable_sources_list_findings_without_text():
    f = Finding("x-rule", "NL999", Severity.WARNING, "m", 0, 4)
    f.path, f.line, f.column, f.offset, f.end_offset = "-", 1, 1, 0, 4
    page = render_report(Report(findings=[f], files=1))
    tree = lxml.html.document_fromstring(page)
    assert not tree.xpath("//pre") and "standard input" in page
    assert len(tree.xpath("//li[contains(@class, 'finding')]")) == 1
    # a file that shrank since it was checked: no stale highlights
    page = render_report(Report(findings=[f], files=1), read=lambda p: ("ab", ""))
    assert "changed since" in page and "<pre" not in page


def test_clean_run_renders_a_page_with_no_findings(tmp_path):
    (tmp_path / "ok.txt").write_text("The council met on Tuesday and agreed the budget.\n", encoding="utf-8")
    proc = run_cli("check", "--format", "html", "--no-cache", "--no-config", str(tmp_path))
    assert proc.returncode == 0
    page = proc.stdout.decode()
    assert "No findings." in page and "0 findings" in page


@pytest.mark.slow
def test_1mb_draft_renders_quickly(tmp_path):
    import time

    from lint.run.engine import Linter

    para = "The harbour board met on Monday to discuss the ferry timetable for the summer season.\n\n"
    body = (para * (1_000_000 // len(para) + 1))[:1_000_000]
    path = tmp_path / "big.txt"
    path.write_text(body, encoding="utf-8")
    linter = Linter()
    report = lint_paths(linter, [str(path)])
    assert report.findings
    t = time.perf_counter()
    page = render_report(report)
    elapsed = time.perf_counter() - t
    texts, _ = _marks(page)
    assert len(texts) == len(report.findings)
    assert elapsed < 20, elapsed
    assert len(page) > 1_000_000
