"""Special files (named pipes, sockets, devices) are skipped, reported once, and never block."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")

PARA = "The council met on Monday to talk about the new bridge over the river and agreed to pay for it next year."
DUP = f"{PARA}\n\nIt was a long meeting.\n\n{PARA}\n"


def _run(*args, timeout=30):
    e = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "lint.cli", *map(str, args)], cwd=ROOT, capture_output=True, env=e, timeout=timeout)


def test_a_fifo_in_a_folder_is_skipped_and_reported_once(tmp_path):
    (tmp_path / "draft.txt").write_text(DUP, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    proc = _run("check", "--format", "json", "--no-config", "--no-cache", tmp_path, timeout=30)
    report = json.loads(proc.stdout)
    assert [f["code"] for f in report["findings"]] == ["NL101"]  # the regular file is still linted
    errors = [e for e in report["errors"] if e["path"].endswith("pipe.txt")]
    assert len(errors) == 1 and "not a regular file" in errors[0]["message"] and "named pipe" in errors[0]["message"]
    assert proc.returncode == 2


def test_a_named_fifo_and_a_socket_do_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    sock = socket.socket(socket.AF_UNIX)
    path = str(tmp_path / "s.txt")
    try:
        sock.bind(path)
    except OSError:
        pytest.skip("cannot bind a unix socket here")
    try:
        proc = _run("check", "--no-config", "--no-cache", tmp_path / "pipe.md", path, tmp_path, timeout=30)
    finally:
        sock.close()
    err = proc.stdout.decode() + proc.stderr.decode()
    assert "pipe.md" in err and "named pipe" in err and "socket" in err
    assert err.count("pipe.md") == 2  # named once and found once in the folder: each reported by its path
    assert proc.returncode == 2


def test_read_file_never_blocks_on_a_fifo(tmp_path):
    from lint.run.files import read_file

    os.mkfifo(tmp_path / "p")
    data, problem = read_file(str(tmp_path / "p"))
    assert data is None and "not a regular file" in problem
