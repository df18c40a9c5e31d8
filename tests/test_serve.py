"""`newslint serve`: the review page's server, driven with Starlette's TestClient
(the browser checks are in test_browser.py)."""
from __future__ import annotations

import codecs
import os
import shutil
import warnings

import pytest

pytest.importorskip("starlette")
pytest.importorskip("jinja2")
pytest.importorskip("httpx")

from conftest import ROOT, run_cli  # noqa: E402

from lint.run.engine import Linter  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from lint.web.serve import create_app  # noqa: E402

BASE = "http://127.0.0.1:8765"
TOKEN = "test-token"
EN = "Harbour board delays the ferry contract\n\nThe harbour board said on Monday that it would wait for a second survey before it signs the new ferry contract with the island operator.\n\nBoard members asked for the costs of the older boats to be set out in full at the next meeting of the board.\n\nThe harbour board said on Monday that it would wait for a second survey before it signs the new ferry contract with the island operator.\n\nA spokesman said the timetable would not change for the summer.\n"


@pytest.fixture(scope="module")
def linter():
    return Linter()


@pytest.fixture
def drafts(tmp_path):
    root = tmp_path / "drafts"
    root.mkdir()
    (root / "en.txt").write_text(EN, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "zh-newspaper-page.txt", root / "zh.txt")
    (root / "sub").mkdir()
    (root / "sub" / "b.md").write_text("# Title\n\nA short note.\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the page\n", encoding="utf-8")
    return root


def client_for(root, linter, **kw) -> TestClient:
    app = create_app(str(root), linter, token=TOKEN, **kw)
    return TestClient(app, base_url=BASE, headers={"X-Newslint-Token": TOKEN, "Origin": BASE})


def post(c, url, body, **kw):
    return c.post(url, json=body, **kw)


# --- the page and the file list ----------------------------------------------------------


def test_page_carries_token_and_a_strict_csp(drafts, linter):
    c = client_for(drafts, linter)
    r = c.get("/")
    assert r.status_code == 200
    assert f'content="{TOKEN}"' in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'nonce-" in csp and "connect-src 'self'" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in r.text


def test_files_lists_drafts_under_path_only(drafts, linter):
    os.symlink(drafts.parent / "secret.txt", drafts / "link-out.txt")
    c = client_for(drafts, linter)
    files = c.get("/api/files").json()["files"]
    assert set(files) == {"en.txt", "zh.txt", "sub/b.md"}


# --- open, lint, fix, save ------------------------------------------------------------------


def test_open_gives_text_findings_and_segments(drafts, linter):
    c = client_for(drafts, linter)
    r = post(c, "/api/open", {"path": "zh.txt"})
    assert r.status_code == 200, r.text
    d = r.json()
    raw = (drafts / "zh.txt").read_bytes().decode("utf-8")
    assert d["text"] == raw.replace("\r\n", "\n") and d["fixable"]
    assert d["newline"] == "LF" and d["encoding"] == "utf-8"
    assert "".join(s[0] for s in d["segments"]) == d["text"]
    keys = {k for s in d["segments"] for k in s[1]}
    assert len(keys) == len(d["findings"]) > 10
    for f in d["findings"]:
        joined = "".join(s[0] for s in d["segments"] if f["key"] in s[1])
        assert joined == d["text"][f["offset"] : f["end_offset"]] == f["text"]
    # the same findings as `newslint check` on the same text (the same lint path)
    cli = linter.lint_document(linter.read_text(d["text"], "zh.txt"), "zh.txt")[0]
    assert [(f.code, f.offset, f.end_offset) for f in cli] == [(f["code"], f["offset"], f["end_offset"]) for f in d["findings"]]
    nl101 = [f for f in d["findings"] if f["code"] == "NL101"]
    assert nl101 and all(f["doc_url"].endswith("docs/rules/NL101-duplicate-paragraph.md") for f in nl101)
    assert all(r["key"] and r["u16"] for f in nl101 for r in f["related"])


def test_pasted_text_is_linted_without_a_file(drafts, linter):
    c = client_for(drafts, linter)
    d = post(c, "/api/lint", {"path": None, "text": EN}).json()
    assert [f["code"] for f in d["findings"]] == ["NL101"]
    assert d["findings"][0]["path"] == "pasted.txt"


def test_apply_one_safe_fix_then_save_keeps_encoding_bom_and_newlines(drafts, linter):
    text = EN.replace("\n", "\r\n")
    (drafts / "bom.txt").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    c = client_for(drafts, linter)
    d = post(c, "/api/open", {"path": "bom.txt"}).json()
    assert d["bom"] and d["newline"] == "CRLF" and d["encoding"] == "utf-8"
    dup = next(f for f in d["findings"] if f["code"] == "NL101")
    assert dup["fix"]["applicability"] == "safe"
    fixed = post(c, "/api/fix", {"path": "bom.txt", "text": d["text"], "id": dup["id"]}).json()
    assert fixed["applied"] == 1
    assert fixed["text"].count("would wait for a second survey") == 1
    assert not [f for f in fixed["findings"] if f["code"] == "NL101"]
    # nothing is written until Save
    assert (drafts / "bom.txt").read_bytes() == codecs.BOM_UTF8 + text.encode("utf-8")
    s = post(c, "/api/save", {"path": "bom.txt", "text": fixed["text"], "sha": d["sha"]}).json()
    assert s["saved"] and s["changed"]
    data = (drafts / "bom.txt").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    body = data[3:].decode("utf-8")
    assert body == fixed["text"].replace("\n", "\r\n") and "\n" not in body.replace("\r\n", "")
    # the same result as `newslint check --fix` on the same file
    (drafts / "cli.txt").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert run_cli("check", "--fix", "--no-cache", "--no-config", str(drafts / "cli.txt")).returncode in (0, 1)
    assert (drafts / "cli.txt").read_bytes() == data


def test_save_keeps_a_legacy_encoding(drafts, linter):
    text = "市议会周二批准新建跨河大桥，工程预计明年春季开工，总投资约十二亿元。当地居民普遍表示欢迎，但也有人担心施工期间的噪音问题。\n\n议会表示，资金将来自交通预算和地区补助。\n"
    (drafts / "gb.txt").write_bytes(text.encode("gb18030"))
    c = client_for(drafts, linter)
    d = post(c, "/api/open", {"path": "gb.txt"}).json()
    assert d["encoding"].lower().replace("-", "") in ("gb18030", "gbk", "gb2312"), d["encoding"]
    edited = d["text"].replace("明年", "下月")
    assert post(c, "/api/save", {"path": "gb.txt", "text": edited, "sha": d["sha"]}).status_code == 200
    assert (drafts / "gb.txt").read_bytes() == edited.encode("gb18030")


def test_unsafe_fix_needs_confirmation(drafts, linter):
    c = client_for(drafts, linter)
    d = post(c, "/api/open", {"path": "zh.txt"}).json()
    unsafe = next(f for f in d["findings"] if f["fix"] and f["fix"]["applicability"] == "unsafe")
    r = post(c, "/api/fix", {"path": "zh.txt", "text": d["text"], "id": unsafe["id"]})
    assert r.status_code == 409 and "unsafe" in r.json()["error"]
    r = post(c, "/api/fix", {"path": "zh.txt", "text": d["text"], "id": unsafe["id"], "unsafe": True})
    assert r.status_code == 200 and r.json()["text"] != d["text"]
    r = post(c, "/api/fix", {"path": "zh.txt", "text": d["text"] + "x", "id": "NL101:1:2:nope"})
    assert r.status_code == 409


def test_apply_all_safe_fixes_matches_the_cli(drafts, linter):
    c = client_for(drafts, linter)
    d = post(c, "/api/open", {"path": "zh.txt"}).json()
    r = post(c, "/api/fix", {"path": "zh.txt", "text": d["text"], "all": True}).json()
    assert r["applied"] > 3
    assert not any(f["fix"] and f["fix"]["applicability"] == "safe" for f in r["findings"])
    saved = post(c, "/api/save", {"path": "zh.txt", "text": r["text"], "sha": d["sha"]})
    assert saved.status_code == 200
    shutil.copy(ROOT / "examples" / "zh-newspaper-page.txt", drafts / "cli.txt")
    run_cli("check", "--fix", "--no-cache", "--no-config", str(drafts / "cli.txt"))
    assert (drafts / "zh.txt").read_bytes() == (drafts / "cli.txt").read_bytes()


def test_restore_newlines_keeps_untouched_lines_byte_for_byte():
    from lint.web.serve import restore_newlines

    original = "one\r\ntwo\nthree\r\nfour\rfive"
    text = original.replace("\r\n", "\n").replace("\r", "\n")
    assert restore_newlines(original, text, "\n") == original
    edited = text.replace("three\n", "three and a half\nnew line\n")
    assert restore_newlines(original, edited, "\r\n") == "one\r\ntwo\nthree and a half\r\nnew line\r\nfour\rfive"
    assert restore_newlines(original, text.replace("two\n", ""), "\n") == "one\r\nthree\r\nfour\rfive"


def test_save_refuses_a_file_changed_on_disk(drafts, linter):
    c = client_for(drafts, linter)
    d = post(c, "/api/open", {"path": "en.txt"}).json()
    (drafts / "en.txt").write_text(EN + "Someone else's line.\n", encoding="utf-8")
    r = post(c, "/api/save", {"path": "en.txt", "text": d["text"], "sha": d["sha"]})
    assert r.status_code == 409 and "changed on disk" in r.json()["error"]


# --- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, status",
    [
        ("../secret.txt", 403),
        ("sub/../../secret.txt", 403),
        ("/etc/passwd", 403),
        ("link-out.txt", 403),
        ("nope.txt", 404),
        ("", 400),
        (None, 400),
    ],
)
def test_paths_outside_path_are_refused(drafts, linter, path, status):
    os.symlink(drafts.parent / "secret.txt", drafts / "link-out.txt")
    c = client_for(drafts, linter)
    for url in ("/api/open", "/api/save"):
        r = post(c, url, {"path": path, "text": "x"})
        assert r.status_code == status, (url, r.text)
        assert "not for the page" not in r.text
        assert r.json()["error"]
    assert (drafts.parent / "secret.txt").read_text() == "not for the page\n"


def test_a_single_file_path_allows_only_that_file(drafts, linter):
    c = client_for(drafts / "en.txt", linter)
    assert c.get("/api/files").json()["files"] == ["en.txt"]
    assert post(c, "/api/open", {"path": "en.txt"}).status_code == 200
    r = post(c, "/api/open", {"path": "zh.txt"})
    assert r.status_code == 403 and "only en.txt" in r.json()["error"]


def test_other_hosts_are_refused_dns_rebinding(drafts, linter):
    app = create_app(str(drafts), linter, token=TOKEN)
    for host in ("evil.example", "evil.example:8765", "127.0.0.1.nip.io:8765"):
        c = TestClient(app, base_url=f"http://{host}", headers={"X-Newslint-Token": TOKEN})
        for r in (c.get("/"), c.get("/api/files"), c.post("/api/lint", json={"text": "x"})):
            assert r.status_code == 400 and "DNS rebinding" in r.json()["error"]
    for host in ("localhost:8765", "127.0.0.1:9", "[::1]:8765"):
        c = TestClient(app, base_url=f"http://{host}")
        assert c.get("/api/files").status_code == 200, host
    # with --host, IP literals are allowed (rebinding needs a DNS name), names still are not
    app2 = create_app(str(drafts), linter, token=TOKEN, extra_hosts=frozenset({"0.0.0.0"}))
    assert TestClient(app2, base_url="http://192.168.1.20:8765").get("/api/files").status_code == 200
    assert TestClient(app2, base_url="http://evil.example:8765").get("/api/files").status_code == 400


def test_other_origins_are_refused(drafts, linter):
    c = client_for(drafts, linter)
    for origin in ("http://evil.example", "null", "http://127.0.0.1:9999", "https://127.0.0.1:8765"):
        r = c.post("/api/lint", json={"text": "x"}, headers={"Origin": origin})
        assert r.status_code == 403 and "another origin" in r.json()["error"], origin
        assert c.get("/api/files", headers={"Origin": origin}).status_code == 403
    r = c.post("/api/lint", json={"text": "x"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert c.post("/api/lint", json={"text": "x"}).status_code == 200


def test_token_and_json_are_required_for_changes(drafts, linter):
    app = create_app(str(drafts), linter, token=TOKEN)
    bare = TestClient(app, base_url=BASE)
    r = bare.post("/api/save", json={"path": "en.txt", "text": "gone"})
    assert r.status_code == 403 and "token" in r.json()["error"]
    r = bare.post("/api/save", json={"path": "en.txt", "text": "gone"}, headers={"X-Newslint-Token": "wrong"})
    assert r.status_code == 403
    c = client_for(drafts, linter)
    r = c.post("/api/save", content=b"path=en.txt&text=gone", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415
    r = c.post("/api/lint", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert (drafts / "en.txt").read_text(encoding="utf-8") == EN


def test_bodies_over_the_limit_are_refused(drafts, linter):
    c = client_for(drafts, linter, max_body=10_000)
    r = post(c, "/api/lint", {"text": "a" * 20_000})
    assert r.status_code == 413 and "10000 bytes" in r.json()["error"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(30):
            yield b" " * 1000

    r = c.post("/api/lint", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert post(c, "/api/lint", {"text": "a" * 5_000}).status_code == 200


def test_cli_serve_needs_an_existing_path(tmp_path):
    proc = run_cli("serve", str(tmp_path / "missing"), "--no-config")
    assert proc.returncode == 2 and b"no such file" in proc.stderr
