"""`newslint lsp` under abuse, end to end over stdio with raw JSON-RPC (so
malformed frames can be sent): garbage bytes, bad Content-Length, invalid
JSON, unknown methods, bad params, a document closed while it is linted,
rapid edits, plugins that raise. In every case the server keeps serving (a
later request is answered) and logs the problem.
"""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls")

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 20.0

RULES = '''
import os, time
from lint import Check, Fix, hookimpl

class Slow(Check):
    """## What it does\\nFlags 'slow', slowly.\\n## Why is this bad?\\nTest.\\n## Example\\nslow\\n"""
    name = "slow"; code = "SL001"; severity = "error"
    def check(self, doc, ctx):
        if "slow" in doc.text:
            time.sleep(1.0)
        i = doc.text.find("cliche")
        if i >= 0:
            ctx.report(i, i + 6, "Cliche", fix=Fix.replace(i, i + 6, "phrase", "Replace"))

class Raises(Check):
    """## What it does\\nRaises.\\n## Why is this bad?\\nTest.\\n## Example\\nboom\\n"""
    name = "raises"; code = "SL002"; severity = "error"
    def check(self, doc, ctx):
        if "boom" in doc.text:
            raise RuntimeError("kaput")
        if "exit" in doc.text:
            raise SystemExit(4)
        if "nonsense" in doc.text:
            ctx.report(None, "x", "nonsense")

@hookimpl
def newslint_register_checks():
    return [Slow, Raises]
'''
CORE = "[duplicate-paragraph, broken-line-wrap, truncated-ending, mixed-articles, unused-suppression]"


class RawServer:
    """The real server process, spoken to in raw JSON-RPC frames."""

    def __init__(self, ws: Path):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
               "NEWSLINT_LSP_LOG": "WARNING"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "lint.cli", "lsp"], cwd=ws, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.messages: "queue.Queue[dict]" = queue.Queue()
        self.seen: list[dict] = []
        self.stderr: list[bytes] = []
        self.next_id = 100
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(iter(self.proc.stderr.readline, b"")), daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            self.messages.put(json.loads(out.read(length)))

    # --- sending ---
    def raw(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg: dict) -> None:
        body = json.dumps(msg).encode("utf-8")
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params) -> int:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    # --- receiving ---
    def wait(self, pred, what: str, timeout: float = TIMEOUT) -> dict:
        for m in self.seen:
            if pred(m):
                return m
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                m = self.messages.get(timeout=0.05)
            except queue.Empty:
                continue
            self.seen.append(m)
            if m.get("method") == "client/registerCapability" and "id" in m:
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
            if pred(m):
                return m
        raise AssertionError(f"timed out waiting for {what}; stderr: {b''.join(self.stderr)[-2000:]!r}")

    def response(self, rid: int, timeout: float = TIMEOUT) -> dict:
        return self.wait(lambda m: m.get("id") == rid and ("result" in m or "error" in m), f"response {rid}", timeout)

    def publishes(self, uri: str) -> list[dict]:
        self.drain()
        return [m["params"] for m in self.seen if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]

    def drain(self, seconds: float = 0.0) -> None:
        end = time.monotonic() + seconds
        while True:
            try:
                self.seen.append(self.messages.get(timeout=max(0.0, end - time.monotonic())))
            except queue.Empty:
                if time.monotonic() >= end:
                    return

    def logs(self) -> str:
        self.drain()
        texts = [m["params"]["message"] for m in self.seen if m.get("method") in ("window/logMessage", "window/showMessage")]
        return "\n".join(texts) + "\n" + b"".join(self.stderr).decode("utf-8", "replace")

    # --- the session ---
    def start(self, ws: Path) -> None:
        rid = self.request("initialize", {"processId": None, "rootUri": ws.as_uri(), "capabilities": {},
                                          "initializationOptions": {"debounce": 0.05}})
        assert "result" in self.response(rid)
        self.notify("initialized", {})

    def alive(self) -> None:
        """A request still gets its answer."""
        rid = self.request("textDocument/codeAction", {
            "textDocument": {"uri": "file:///nowhere.txt"},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []},
        })
        assert self.response(rid).get("result") == []

    def open(self, path: Path, text: str, version: int = 1) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}})
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})

    def stop(self) -> int:
        try:
            rid = self.request("shutdown", None)
            self.response(rid, timeout=10)
            self.notify("exit", None)
            return self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def server(tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "rules.py").write_text(RULES, encoding="utf-8")
    (ws / "newslint.yml").write_text(f"plugins: [rules.py]\nblock-plugins: {CORE}\nselect: [SL]\n", encoding="utf-8")
    s = RawServer(ws)
    s.ws = ws
    s.start(ws)
    yield s
    if s.proc.poll() is None:
        s.stop()


def codes(pub: dict) -> list[str]:
    return [d["code"] for d in pub["diagnostics"]]


def test_malformed_json_rpc_is_logged_and_the_server_keeps_serving(server):
    s = server
    s.alive()
    s.raw(b"\x00\xff\xfe garbage that is no header\r\n\r\n")
    s.alive()
    s.raw(b"Content-Length: abc\r\n\r\n{}\r\n")
    s.alive()
    s.raw(b"Content-Length: 12\r\n\r\n{not json!!}")  # the right length, invalid JSON
    s.alive()
    s.raw(b"Content-Length: 4\r\n\r\n[1,2]\r\n")  # too short: the rest is read as a header line
    s.alive()
    s.raw(b"Content-Length: 60\r\n\r\n{}" + b" " * 58)  # valid JSON, not a JSON-RPC message
    s.alive()
    s.raw(b"Content-Length: 19\r\n\r\n" + b'"just a string"    ')
    s.alive()
    s.raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n")  # a legal extra header
    s.alive()
    # a request for a method nobody implements: an error response, not silence
    rid = s.request("newslint/doesNotExist", {"x": 1})
    err = s.response(rid)["error"]
    assert err["code"] == -32601
    s.notify("$/unknownNotification", {"x": 1})
    # requests with nonsense params
    # (pygls cannot structure these, so it logs "Invalid Params" and sends no answer)
    s.request("textDocument/codeAction", {"textDocument": 5})
    s.notify("textDocument/didOpen", {"textDocument": {"uri": None}})
    s.notify("textDocument/didChange", {"textDocument": {"uri": "file:///never-opened.txt", "version": 2},
                                        "contentChanges": [{"text": "x"}]})
    s.notify("textDocument/didClose", {"textDocument": {"uri": "file:///never-opened.txt"}})
    s.notify("textDocument/didSave", {"textDocument": {"uri": "file:///never-opened.txt"}})
    s.alive()
    # and it still lints
    uri = s.open(s.ws / "a.txt", "Headline\n\nA cliche here.\n")
    pub = s.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, "diagnostics")
    assert codes(pub["params"]) == ["SL001"]
    logs = s.logs()
    assert "Unable to handle message" in logs and "Invalid Params" in logs, logs[-3000:]
    assert s.stop() == 0


def test_a_document_closed_while_it_is_being_linted(server):
    s = server
    uri = s.open(s.ws / "a.txt", "Headline\n\nA slow cliche here.\n")
    time.sleep(0.3)  # the lint (1 s) is running now
    s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    s.alive()
    s.drain(1.5)  # the lint finishes after the close
    pubs = s.publishes(uri)
    assert pubs and pubs[-1]["diagnostics"] == []  # cleared, and no stale diagnostics after that
    # reopened: linted afresh
    s.open(s.ws / "a.txt", "Headline\n\nA cliche here.\n", version=7)
    pub = s.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == 7, "fresh diagnostics")
    assert codes(pub["params"]) == ["SL001"]


def test_rapid_edits_publish_only_the_latest_version(server):
    s = server
    uri = s.open(s.ws / "a.txt", "Headline\n\nA slow draft.\n")
    last = 300
    for v in range(2, last + 1):
        s.change(uri, v, f"Headline\n\nDraft {v}.\n" + ("A cliche here.\n" if v == last else ""))
    s.alive()
    pub = s.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == last, "the last version")
    assert codes(pub["params"]) == ["SL001"]
    s.drain(0.5)
    versions = [p.get("version") for p in s.publishes(uri)]
    assert versions[-1] == last
    assert len(versions) < 20  # debounced: not one lint per keystroke
    assert versions == sorted(versions)  # never an older version after a newer one


@pytest.mark.parametrize("trigger,logged", [
    ("boom", "rule raises (SL002) crashed: RuntimeError: kaput"),
    ("exit", "rule raises (SL002) crashed: SystemExit: 4"),
    ("nonsense", "rule raises (SL002) crashed: TypeError"),
])
def test_a_plugin_that_raises_is_logged_and_the_server_keeps_serving(server, trigger, logged):
    s = server
    uri = s.open(s.ws / "a.txt", f"Headline\n\nA cliche, {trigger}.\n")
    pub = s.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, "diagnostics")
    assert codes(pub["params"]) == ["SL001"]  # the other rule still reports
    s.wait(lambda m: m.get("method") == "window/logMessage" and logged in m["params"]["message"], "the crash logged")
    s.alive()
    s.change(uri, 2, "Headline\n\nFine now, a cliche.\n")
    pub = s.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == 2, "version 2")
    assert codes(pub["params"]) == ["SL001"]
    assert s.stop() == 0
