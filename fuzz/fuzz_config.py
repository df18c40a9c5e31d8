#!/usr/bin/env python3
"""Coverage-guided fuzzing (atheris) of the config loader.

Each input is written as ``newslint.yml`` in a private temporary folder, loaded
(lint.config.load_config; a relative ``extends`` resolves inside that
folder), validated against the registry of built-in rules
(lint.config.validate) and, when it validates, used (per-file rule settings,
include/exclude matching). ConfigError is the expected refusal; anything else
is a crash.

    python fuzz/fuzz_config.py fuzz/corpus/config -atheris_runs=100000

Crashers go to fuzz/corpus/crashers/ (``crash-<sha1>``); name a config
crasher ``config-<anything>`` there and tests/test_hostile.py replays it
through this harness.
"""
from __future__ import annotations

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402

_FOLDER = tempfile.mkdtemp(prefix="newslint-fuzz-config-")


def test_one_input(data: bytes) -> None:
    common.config_one(data, _FOLDER)


if __name__ == "__main__":
    common.main(test_one_input)
