#!/usr/bin/env python3
"""Findings digest: prove a change leaves findings as they were (or show how
they moved).

    python bench/digest.py                       # the dev corpus and the examples
    python bench/digest.py PATH ... --save a.json
    python bench/digest.py --compare a.json b.json

Lints the paths with the installed ``newslint`` (defaults only, no cache) and
prints one SHA-256 over every finding's (path, rule, line, column, end line,
end column, message), with counts per rule. ``--save`` keeps the findings so
that two runs (before and after a refactor or a speed-up) can be compared
finding by finding with ``--compare``.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def lint(paths: list[str]) -> list[tuple]:
    cmd = ["newslint", "check", "--format", "json", "--no-config", "--no-cache", *paths]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode not in (0, 1):
        sys.exit(f"digest: {' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    report = json.loads(proc.stdout)
    rows = []
    for f in report["findings"]:
        rows.append((f["path"], f["rule"], f["line"], f["column"], f.get("end_line"), f.get("end_column"), f["message"]))
    return sorted(rows, key=lambda r: tuple("" if v is None else v for v in r))


def digest(rows: list[tuple]) -> str:
    h = hashlib.sha256()
    for r in rows:
        h.update(json.dumps(r, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def summary(rows: list[tuple]) -> str:
    counts = collections.Counter(r[1] for r in rows)
    lines = [f"findings {len(rows)}  sha256 {digest(rows)}"]
    lines += [f"  {rule:24} {n}" for rule, n in sorted(counts.items())]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--save", help="write the findings to this JSON file")
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="compare two saved runs")
    args = ap.parse_args()
    if args.compare:
        a, b = ([tuple(r) for r in json.loads(Path(p).read_text(encoding="utf-8"))] for p in args.compare)
        print("before:", summary(a), "after:", summary(b), sep="\n")
        gone, new = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        for r in gone[:50]:
            print("-", *r)
        for r in new[:50]:
            print("+", *r)
        print(f"{len(gone)} findings gone, {len(new)} new")
        return 0 if not gone and not new else 1
    paths = args.paths or ([str(DEV)] if DEV.is_dir() else []) + [str(ROOT / "examples")]
    rows = lint(paths)
    if args.save:
        Path(args.save).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    print(summary(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
