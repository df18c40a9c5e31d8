"""Baselines: adopt newslint on an existing archive by recording today's findings.

A finding is recorded by a content fingerprint (path, rule, and the flagged
text with whitespace folded), not by its line number, so later runs keep
recognising it after unrelated edits move it. Identical fingerprints are
counted, so a new, third copy of a paragraph is still reported when two were
recorded.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Iterable

from lint.atomic import write_new
from lint.i18n import _
from lint.lang.compiled import compile_regex
from lint.model import Finding

VERSION = 1
_WS = compile_regex(r"\s+")


def fingerprint(f: Finding, text: str) -> str:
    flagged = _WS.sub(" ", text[f.start : f.end]).strip() if text else ""
    import hashlib  # (imported where used: a run with no findings needs neither it nor json)

    basis = "\x1f".join((f.path.replace(os.sep, "/"), f.rule, flagged or f.message))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def write(path: str, prints: Iterable[str]) -> int:
    import json

    counts = Counter(prints)
    data = {"version": VERSION, "tool": "newslint", "fingerprints": dict(sorted(counts.items()))}
    write_new(path, json.dumps(data, indent=1, sort_keys=False) + "\n")
    return sum(counts.values())


class BaselineError(Exception):
    pass


def load(path: str) -> Counter:
    import json

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as err:
        raise BaselineError(_("{path}: cannot read baseline: {reason}", path=path, reason=str(err))) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("fingerprints"), dict):
        raise BaselineError(_("{path}: not a newslint baseline (version {version})", path=path, version=VERSION))
    return Counter({k: int(v) for k, v in data["fingerprints"].items()})


def split_new(findings: list[Finding], prints: list[str], known: Counter) -> list[Finding]:
    """The findings not accounted for by the baseline."""
    left = Counter(known)
    new = []
    for f, fp in zip(findings, prints):
        if left[fp] > 0:
            left[fp] -= 1
        else:
            new.append(f)
    return new
