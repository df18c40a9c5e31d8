"""The pre-commit hook, run by pre-commit itself against this repository."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

DRAFT = """Council approves new bridge

The council voted on Tuesday to approve a new bridge over the river, ending a decade of debate about the crossing.

Work is due to start next spring and finish within two years, the council said in a statement.

The council voted on Tuesday to approve a new bridge over the river, ending a decade of debate about the crossing.
"""


def _git(*args, cwd):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=True).stdout.strip()


@pytest.mark.slow
def test_precommit_hook_fails_on_a_defect_and_passes_when_fixed(tmp_path):
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of newslint")
    try:
        rev = _git("rev-parse", "HEAD", cwd=ROOT)
    except subprocess.CalledProcessError:
        pytest.skip("newslint checkout has no commits")
    if _git("cat-file", "-t", f"{rev}:.pre-commit-hooks.yaml", cwd=ROOT) != "blob":
        pytest.skip("HEAD has no .pre-commit-hooks.yaml yet")
    repo = tmp_path / "newsroom"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: newslint\n"
    )
    draft = repo / "draft.txt"
    draft.write_text(DRAFT)
    _git("add", ".", cwd=repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    failed = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "newslint" in failed.stdout and "Failed" in failed.stdout
    assert "NL101" in failed.stdout
    # the editor removes the pasted copy
    draft.write_text(DRAFT.rsplit("\n\nThe council voted", 1)[0] + "\n")
    _git("add", ".", cwd=repo)
    passed = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
