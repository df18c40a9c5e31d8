"""The HTML report and the review page in a real browser: headless Chromium
(Debian's ``chromium`` + ``chromium-driver``) driven by Selenium.

Checked in the browser's DOM: one highlight per finding, each highlight's text
equal to the finding's span in the file, clicking a finding scrolls to it,
"apply" on the repeated paragraph's safe fix removes it and its finding, and a
hostile draft runs no script (no dialog, no request to a watching server).

Skipped, with the reason, where Chromium, its driver or Selenium is missing;
.ci/run installs them.
"""
from __future__ import annotations

import contextlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("NEWSLINT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("NEWSLINT_CHROMEDRIVER", "/usr/bin/chromedriver")
HOSTILE = ROOT / "tests" / "fixtures" / "web" / "hostile.txt"
SAMPLE = ROOT / "examples" / "zh-newspaper-page.txt"


def _why_no_browser() -> str:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    for p, pkg in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not os.access(p, os.X_OK):
            return f"{p} not found (apt-get install {pkg})"
    return ""


@pytest.fixture(scope="module")
def browser():
    why = _why_no_browser()
    if why:
        pytest.skip(why)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="newslint-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        f"--user-data-dir={profile}",
    ):
        opts.add_argument(arg)
    opts.set_capability("unhandledPromptBehavior", "ignore")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class _Beacon(http.server.BaseHTTPRequestHandler):
    hits: list = []

    def do_GET(self):  # noqa: N802
        type(self).hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    do_POST = do_GET  # noqa: N815

    def log_message(self, *a):
        pass


@pytest.fixture
def beacon():
    """A server that records every request: a hostile draft's only way out."""
    _Beacon.hits = []
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Beacon)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield srv.server_address[1], _Beacon.hits
    finally:
        srv.shutdown()


def _hostile_text(port: int) -> str:
    extra = (
        f'\n\nThe photo desk sent <img src="http://127.0.0.1:{port}/img.png"> and '
        f'<script src="http://127.0.0.1:{port}/s.js"></script> with the copy.\n'
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css"><style>@import "http://127.0.0.1:{port}/y.css";</style>\n'
    )
    return HOSTILE.read_text(encoding="utf-8") + extra


def _assert_nothing_ran(driver, hits):
    from selenium.common.exceptions import NoAlertPresentException

    time.sleep(0.5)
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.execute_script("return window.__pwned === undefined")
    assert hits == []


def _wait(driver, script, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {script}")


MARK_TEXTS = """
var root = arguments[0] ? document.querySelector(arguments[0]) : document;
var out = {};
root.querySelectorAll('[data-f]').forEach(function (el) {
  el.getAttribute('data-f').split(' ').forEach(function (k) { out[k] = (out[k] || '') + el.textContent; });
});
return out;
"""

IN_VIEW = """
var el = document.getElementById(arguments[0]);
var r = el.getBoundingClientRect();
var box = arguments[1] ? document.querySelector(arguments[1]).getBoundingClientRect() : {top: 0, bottom: window.innerHeight};
return r.bottom > box.top && r.top < box.bottom;
"""


# --- the report -----------------------------------------------------------------------------


def _write_report(tmp_path, *paths) -> tuple[Path, dict]:
    html_proc = run_cli("check", "--format", "html", "--no-cache", "--no-config", *paths)
    data = json.loads(run_cli("check", "--format", "json", "--no-cache", "--no-config", *paths).stdout)
    out = tmp_path / "report.html"
    out.write_bytes(html_proc.stdout)
    return out, data


def test_report_in_the_browser(browser, tmp_path):
    report, data = _write_report(tmp_path, str(SAMPLE.relative_to(ROOT)))
    browser.get(report.as_uri())
    findings = data["findings"]
    texts = browser.execute_script(MARK_TEXTS, None)
    assert len(texts) == len(findings) > 20
    raw = SAMPLE.read_text(encoding="utf-8")
    for j, f in enumerate(findings):
        assert texts[f"f0-{j}"] == raw[f["offset"] : f["end_offset"]], (j, f["code"])
    # clicking a finding far down the list scrolls its highlight into view
    last = f"f0-{len(findings) - 1}"
    browser.execute_script("window.scrollTo(0, 0)")
    assert not browser.execute_script(IN_VIEW, last, None)
    browser.find_element("css selector", f'li[data-key="{last}"] a.goto').click()
    _wait(browser, f"return (function(){{ {IN_VIEW.replace('arguments[0]', repr(last)).replace('arguments[1]', 'null')} }})()")
    assert "flash" in browser.find_element("id", last).get_attribute("class")
    # a related link leads to the first copy
    rel = browser.find_element("css selector", "a.related")
    key = rel.get_attribute("href").split("#")[1]
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    rel.click()
    _wait(browser, f"return (function(){{ {IN_VIEW.replace('arguments[0]', repr(key)).replace('arguments[1]', 'null')} }})()")


def test_report_of_a_hostile_draft_runs_nothing(browser, tmp_path, beacon):
    port, hits = beacon
    draft = tmp_path / "hostile.txt"
    draft.write_text(_hostile_text(port), encoding="utf-8")
    report, data = _write_report(tmp_path, str(draft))
    # the beacon works: a page that is allowed to load it is seen
    browser.get(f"http://127.0.0.1:{port}/control")
    assert hits == ["/control"]
    hits.clear()
    browser.get(report.as_uri())
    _assert_nothing_ran(browser, hits)
    pre = browser.execute_script("return document.querySelector('pre.src').textContent")
    assert pre == draft.read_text(encoding="utf-8")
    assert browser.execute_script("return document.querySelectorAll('img, iframe, link, script[src]').length") == 0
    assert len(browser.execute_script(MARK_TEXTS, None)) == len(data["findings"])


# --- the review page ------------------------------------------------------------------------


@contextlib.contextmanager
def _serve(root, *extra):
    """``newslint serve ROOT`` in its own process; yields its URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "lint.cli", "serve", str(root), "--port", "0", "--no-config", *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        text=True,
    )
    try:
        line = proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert m, (line, proc.stderr.read() if proc.poll() is not None else "")
        yield m.group(0)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def served(tmp_path):
    """``newslint serve`` on a copy of the examples, in its own process."""
    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as err:
        pytest.skip(f"the web extra is not installed: {err}")
    root = tmp_path / "drafts"
    root.mkdir()
    shutil.copy(SAMPLE, root / "zh-newspaper-page.txt")
    shutil.copy(ROOT / "examples" / "en-draft.txt", root / "en-draft.txt")
    with _serve(root) as url:
        yield url, root


def _open(browser, url, name):
    browser.get(f"{url}?file={name}")
    _wait(browser, "return document.querySelectorAll('#findings .finding').length > 0 || /No findings/.test(document.getElementById('findings').textContent)")


def _page_findings(browser):
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#findings .finding')).map(function (li) {"
        " return [li.getAttribute('data-key'), li.getAttribute('data-id')]; })"
    )


def test_served_page_marks_findings_and_applies_a_fix(browser, served):
    url, root = served
    _open(browser, url, "zh-newspaper-page.txt")
    text = browser.execute_script("return document.getElementById('text').value")
    assert text == SAMPLE.read_text(encoding="utf-8").replace("\r\n", "\n")
    from lint.run.engine import Linter

    linter = Linter()
    expected = linter.lint_document(linter.read_text(text, "zh-newspaper-page.txt"), "zh-newspaper-page.txt")[0]
    items = _page_findings(browser)
    assert len(items) == len(expected) > 20
    texts = browser.execute_script(MARK_TEXTS, "#backdrop")
    assert len(texts) == len(items)
    for (key, ident), f in zip(items, expected):
        code, start, end, _rule = ident.split(":", 3)
        assert (code, int(start), int(end)) == (f.code, f.offset, f.end_offset)
        assert texts[key] == text[f.offset : f.end_offset], ident
    # ordered by position
    assert [f.offset for f in expected] == sorted(f.offset for f in expected)

    # clicking the last finding scrolls the editor to it
    last = items[-1][0]
    browser.execute_script("document.getElementById('scroll').scrollTop = 0")
    assert not browser.execute_script(IN_VIEW, "hl-" + last, "#scroll")
    browser.find_element("css selector", f'#findings li[data-key="{last}"] .msg').click()
    _wait(browser, f"return (function(){{ {IN_VIEW.replace('arguments[0]', repr('hl-' + last)).replace('arguments[1]', repr('#scroll'))} }})()")

    # "apply" on the safe fix of the repeated paragraph removes it, and its finding
    dup = next(f for f in expected if f.code == "NL101" and f.fix and f.fix.applicability == "safe")
    copy = text[dup.offset : dup.end_offset]
    before = text.count(copy)
    ident = f"{dup.code}:{dup.offset}:{dup.end_offset}:{dup.rule}"
    browser.find_element("css selector", f'#findings li[data-id="{ident}"] button.apply').click()
    _wait(browser, f"return !document.querySelector('#findings li[data-id=\"{ident}\"]')")
    after_text = browser.execute_script("return document.getElementById('text').value")
    assert after_text.count(copy) == before - 1
    assert len(_page_findings(browser)) < len(items)
    assert all(i[1] != ident for i in _page_findings(browser))
    # highlights follow the new text
    texts = browser.execute_script(MARK_TEXTS, "#backdrop")
    assert len(texts) == len(_page_findings(browser))
    # nothing is written until Save; then the file is the edited text
    assert (root / "zh-newspaper-page.txt").read_bytes() == SAMPLE.read_bytes()
    browser.find_element("id", "save").click()
    _wait(browser, "return /Saved/.test(document.getElementById('status').textContent)")
    assert (root / "zh-newspaper-page.txt").read_text(encoding="utf-8") == after_text


def test_served_page_relints_as_the_editor_types(browser, served):
    url, _root = served
    _open(browser, url, "en-draft.txt")
    n = len(_page_findings(browser))
    ta = browser.find_element("id", "text")
    browser.execute_script("var t = arguments[0]; t.setSelectionRange(t.value.length, t.value.length); t.focus();", ta)
    para = "\n\nThe bridge will open to traffic in the spring of next year, the council said on Tuesday.\n"
    ta.send_keys(para + para)
    _wait(browser, f"return document.querySelectorAll('#findings .finding').length > {n}")
    codes = browser.execute_script("return Array.from(document.querySelectorAll('#findings .finding')).map(li => li.getAttribute('data-id').split(':')[0])")
    assert "NL101" in codes
    assert browser.find_element("id", "save").is_enabled()


def test_served_page_with_a_hostile_draft_runs_nothing(browser, served, beacon):
    url, root = served
    port, hits = beacon
    (root / "hostile.txt").write_text(_hostile_text(port), encoding="utf-8")
    _open(browser, url, "hostile.txt")
    _assert_nothing_ran(browser, hits)
    text = browser.execute_script("return document.getElementById('text').value")
    assert "<script>window.__pwned" in text
    assert browser.execute_script("return document.querySelectorAll('img, iframe, link, script[src]').length") == 0
    n = len(_page_findings(browser))
    assert n > 3 and len(browser.execute_script(MARK_TEXTS, "#backdrop")) == n
    # messages quoting the draft are text, not markup
    msgs = browser.execute_script("return Array.from(document.querySelectorAll('#findings .msg')).map(e => e.textContent).join(' ')")
    assert "<img src=x" in msgs
    # pasting it runs nothing either
    browser.find_element("id", "paste").click()
    ta = browser.find_element("id", "text")
    browser.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", ta, _hostile_text(port))
    _wait(browser, "return document.querySelectorAll('#findings .finding').length > 3")
    _assert_nothing_ran(browser, hits)


@pytest.fixture
def served_zh(tmp_path):
    """`newslint serve --lang zh`: the review page in Chinese."""
    pytest.importorskip("starlette")
    pytest.importorskip("uvicorn")
    root = tmp_path / "drafts"
    root.mkdir()
    shutil.copy(SAMPLE, root / "zh-newspaper-page.txt")
    with _serve(root, "--lang", "zh") as url:
        yield url


def test_served_page_in_chinese(browser, served_zh):
    browser.get(f"{served_zh}?file=zh-newspaper-page.txt")
    _wait(browser, "return document.querySelectorAll('#findings .finding').length > 0")
    assert browser.execute_script("return document.documentElement.lang") == "zh-Hans"
    assert browser.find_element("id", "save").text == "保存"
    assert "个问题" in browser.find_element("id", "counts").text
    messages = browser.execute_script(
        "return Array.from(document.querySelectorAll('#findings .msg')).map(function (e) { return e.textContent; })"
    )
    assert messages and all(re.search(r"[\u4e00-\u9fff]", m) for m in messages)
    wheres = browser.execute_script(
        "return Array.from(document.querySelectorAll('#findings .where')).map(function (e) { return e.textContent; })"
    )
    assert all(re.fullmatch(r"第\d+行第\d+列", w) for w in wheres), wheres[:3]
    button = browser.find_element("css selector", "#findings li button.apply")
    assert button.text in ("应用", "应用…")
    if button.text == "应用":
        button.click()
        _wait(browser, "return /已应用/.test(document.getElementById('status').textContent)")
