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


def _hooks():
    import yaml

    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _registered_suffixes():
    from lint.config import load_config
    from lint.run.engine import Linter

    suffixes = set()
    for reader in Linter(load_config(no_config=True)).registry.readers:
        suffixes.update(s for s in reader.suffixes if s != "*")
    suffixes.update({".txt", ".text"})  # the plain-text reader takes any suffix; these are its own
    return sorted(suffixes)


@pytest.mark.parametrize("hook_id", ["newslint", "newslint-fix"])
def test_hook_matches_every_suffix_a_reader_is_registered_for(tmp_path, hook_id):
    """pre-commit's own file selection (the ``files`` pattern and the identify tags
    of a real file) lets through every suffix a registered reader declares, so the
    hook cannot drift from the readers: an HTML, NITF or DOCX draft is linted too."""
    import re

    identify = pytest.importorskip("identify.identify")
    hook = next(h for h in _hooks() if h["id"] == hook_id)
    suffixes = _registered_suffixes()
    assert {".html", ".nitf", ".docx", ".md", ".txt"} <= set(suffixes)
    files = re.compile(hook.get("files", ""))
    exclude = re.compile(hook["exclude"]) if hook.get("exclude") else None
    missed = []
    for suffix in suffixes:
        f = tmp_path / f"draft{suffix}"
        f.write_bytes(b"PK\x03\x04\x14\x00\x00\x00binary zip\x00" if suffix == ".docx" else b"<p>A draft.</p>\n")
        tags = identify.tags_from_path(str(f))
        ok = (
            bool(files.search(f.name))
            and not (exclude and exclude.search(f.name))
            and set(hook.get("types", ["file"])) <= tags
            and (not hook.get("types_or") or bool(set(hook["types_or"]) & tags))
            and not (set(hook.get("exclude_types", [])) & tags)
        )
        if not ok:
            missed.append(suffix)
    assert not missed, f"hook {hook_id!r} skips {missed}"


def test_readme_precommit_rev_exists():
    """The README's pre-commit snippet names a rev that exists in this repository
    (no made-up release tag)."""
    import re

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of newslint")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"\.pre-commit-config\.yaml\n.*?rev:\s*(\S+)", readme, re.S)
    assert m, "README has no pre-commit snippet"
    rev = m.group(1)
    ok = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True)
    assert ok.returncode == 0, f"README's rev {rev!r} does not exist in this repository"
