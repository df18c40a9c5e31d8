"""Shared test helpers."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# the suite expects English messages whatever the machine's locale (tests of the
# other languages pass --lang or their own locale variables)
os.environ["LANGUAGE"] = "en"

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "zh-newspaper-page.txt"


def run_cli(*args, cwd=None, input=None, env=None):
    """Run the real `newslint` entry point in a subprocess."""
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    return subprocess.run(
        [sys.executable, "-m", "lint.cli", *map(str, args)],
        cwd=cwd or ROOT,
        input=input,
        capture_output=True,
        env={**e, "PYTHONPATH": os.pathsep.join([str(ROOT), e.get("PYTHONPATH", "")])},
    )


def run_json(*args, **kw):
    proc = run_cli("check", "--format", "json", *args, **kw)
    return proc, json.loads(proc.stdout.decode("utf-8"))


@pytest.fixture
def shared():
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
