"""The progress bar: on a terminal (stderr), never in a pipe or with --quiet (issue item 18)."""
from __future__ import annotations

import os
import select
import subprocess
import sys
import time

import pytest

from conftest import ROOT

pytest.importorskip("tqdm")
pty = pytest.importorskip("pty")

STORY = "Council approves bridge\n\n" + "The council voted on Tuesday to approve a new bridge over the river. " * 40 + "\n"


def _run_with_stderr_on_a_terminal(args, cwd, timeout=120):
    """Run newslint with stdout to a pipe and stderr to a pseudo-terminal; return (rc, stdout, terminal output)."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSLINT_PROGRESS_DELAY": "0", "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    import tempfile

    stdout = tempfile.TemporaryFile()  # not a pipe: nobody reads it while the child runs
    proc = subprocess.Popen([sys.executable, "-m", "lint.cli", *map(str, args)], cwd=cwd, stdout=stdout,
                            stderr=slave, stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    while select.select([master], [], [], 0.2)[0]:  # what is left in the terminal after the child exited
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    stdout.seek(0)
    out = stdout.read()
    os.close(master)
    return proc.returncode, out.decode(), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "drafts"
    d.mkdir()
    for i in range(40):
        (d / f"story-{i:02d}.txt").write_text(STORY, encoding="utf-8")
    return d


def test_check_shows_a_bar_on_a_terminal(folder):
    rc, out, term = _run_with_stderr_on_a_terminal(["check", "--no-config", "--no-cache", "--format", "json", folder], folder.parent)
    assert rc in (0, 1), term
    assert "newslint:" in term and "%|" in term and "B/s" in term, term  # tqdm's bar, on stderr
    assert "%|" not in out  # never on stdout


def test_check_shows_no_bar_with_quiet(folder):
    rc, out, term = _run_with_stderr_on_a_terminal(["check", "--no-config", "--no-cache", "--quiet", folder], folder.parent)
    assert "%|" not in term, term


def test_check_shows_no_bar_when_stderr_is_not_a_terminal(folder):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSLINT_PROGRESS_DELAY": "0"}
    proc = subprocess.run([sys.executable, "-m", "lint.cli", "check", "--no-config", "--no-cache", str(folder)],
                          capture_output=True, env=env, timeout=120)
    assert "%|" not in proc.stderr.decode() and "%|" not in proc.stdout.decode()


@pytest.mark.slow
def test_archive_shows_a_bar_on_a_terminal(folder, tmp_path):
    pytest.importorskip("dask.distributed")
    rc, out, term = _run_with_stderr_on_a_terminal(
        ["archive", folder, "--out", tmp_path / "out", "--no-config", "--workers", "1", "--partition-size", "5"], tmp_path, timeout=240)
    assert rc in (0, 1), term
    assert "archive:" in term and "%|" in term and "doc" in term, term
    assert "partitions written" not in term  # the bar replaces the plain progress lines
