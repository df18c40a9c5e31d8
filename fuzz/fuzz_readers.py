#!/usr/bin/env python3
"""Coverage-guided fuzzing (atheris) of newslint's readers and the rules behind them.

The first byte of each input picks the reader (text, Markdown, HTML, XML as
.xml and .nitf, DOCX as raw bytes, DOCX with the rest as its document body);
the rest is the file. The harness reads it and lints it with every built-in
rule. ReadError is the expected refusal of bad input; any other exception, a
rule that crashed, or a finding outside the document is a crash.

    python fuzz/fuzz_readers.py fuzz/corpus/readers -atheris_runs=100000

Crashers are written to fuzz/corpus/crashers/ (``crash-<sha1>``); each is
replayed by tests/test_hostile.py::test_fuzz_crashers_are_fixed.
Replay one by hand: ``python fuzz/fuzz_readers.py fuzz/corpus/crashers/crash-...``.
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402


def test_one_input(data: bytes) -> None:
    path, body = common.reader_input(data)
    common.lint_one(path, body)


if __name__ == "__main__":
    common.main(test_one_input)
