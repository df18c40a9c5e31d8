"""`newslint check --watch`: a file saved under watch is re-linted (issue item 24)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT

pytest.importorskip("watchfiles")

PARA = "The council voted on Tuesday to approve a new bridge over the river, ending years of debate over how to pay for it."
CLEAN = f"Council approves bridge\n\n{PARA}\n\nWork starts next spring.\n"
DUP = CLEAN + f"\n{PARA}\n"  # a paragraph pasted twice (long enough not to be a pull quote)


class Reader(threading.Thread):
    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream, self.text, self.lock = stream, "", threading.Lock()

    def run(self):
        for line in iter(self.stream.readline, b""):
            with self.lock:
                self.text += line.decode("utf-8", "replace")

    def wait_for(self, needle, timeout=30.0, after=0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if needle in self.text[after:]:
                    return True
            time.sleep(0.05)
        return False


def test_a_file_touched_under_watch_is_re_linted(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    draft = drafts / "story.txt"
    draft.write_text(CLEAN, encoding="utf-8")
    (drafts / "notes.bin").write_bytes(b"\x00not copy")  # not included: changes to it are ignored
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "lint.cli", "check", "--watch", "--no-config", "--no-cache", "--format", "concise", str(drafts)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path, start_new_session=True,
    )
    out, err = Reader(proc.stdout), Reader(proc.stderr)
    out.start(), err.start()
    try:
        assert err.wait_for("watching"), err.text
        assert "NL101" not in out.text
        time.sleep(0.5)
        draft.write_text(DUP, encoding="utf-8")  # the editor saves
        assert out.wait_for("NL101"), (out.text, err.text)
        assert "story.txt" in err.text  # says what it re-linted
        mark = len(out.text)
        draft.write_text(CLEAN, encoding="utf-8")  # fixed: re-linted again, clean
        assert err.wait_for("story.txt", after=0) and err.wait_for("re-linted", timeout=30)
        time.sleep(1.0)
        assert "NL101" not in out.text[mark:]
        assert proc.poll() is None  # still watching
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert "Traceback" not in err.text, err.text


def test_watch_needs_paths_not_stdin():
    proc = subprocess.run([sys.executable, "-m", "lint.cli", "check", "--watch", "-"], capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, input=b"", timeout=60)
    assert proc.returncode == 2 and "--watch" in proc.stderr.decode()
