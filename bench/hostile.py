#!/usr/bin/env python3
"""Time and peak memory of newslint on hostile and huge inputs.

    python bench/hostile.py                 # every case (the 100 MB file takes minutes)
    python bench/hostile.py --big-mb 20     # a smaller big file
    python bench/hostile.py --only line-10mb,blank-1m

Each case runs in a fresh Python process (the real CLI entry point, in
process, output to /dev/null) so its peak RSS is its own; the interpreter
with newslint and its plugins loaded is reported as the baseline. The inputs
are those of tests/test_hostile.py; there they are asserted to give a clear
error or a bounded result, here they are measured.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "gen"))

from hostile_inputs import news_bytes  # noqa: E402




LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE nitf [\n <!ENTITY lol "lol">\n'
          + "".join(f' <!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">\n' for i in range(1, 10))
          + ']>\n<nitf><body><p>&lol9;</p></body></nitf>\n')


def yaml_bomb(levels: int = 9) -> str:
    lines = ["ignore:", '  - &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"  - &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def make(case: str, d: Path, big_mb: int) -> tuple[list[str], str]:
    """Write the input for ``case`` into ``d``; return (CLI arguments, what it is)."""
    words = "the council voted on a budget for schools after long debate".split()
    if case == "big-file":
        (d / "big.txt").write_bytes(news_bytes(big_mb * 1_000_000))
        return ["big.txt"], f"{big_mb} MB of news copy"
    if case == "line-10mb":
        rnd = random.Random(2)
        (d / "line.txt").write_text(" ".join(rnd.choice(words) for _ in range(1_800_000))[:10_000_000])
        return ["line.txt"], "one 10 MB line"
    if case == "blank-1m":
        (d / "blank.txt").write_text("Council votes\n" + "\n" * 1_000_000 + "The council voted.\n")
        return ["blank.txt"], "a million blank lines"
    if case == "md-quotes-10k":
        (d / "q.md").write_text("> " * 10_000 + "The council voted.\n")
        return ["q.md"], "10 000 nested Markdown quotes"
    if case == "md-lists-10k":
        (d / "l.md").write_text("- " * 10_000 + "The council voted.\n")
        return ["l.md"], "10 000 nested Markdown lists"
    if case == "html-divs-100k":
        (d / "d.html").write_text("<div>" * 100_000 + "The council voted." + "</div>" * 100_000)
        return ["d.html"], "100 000 nested <div>"
    if case == "html-quotes-100k":
        (d / "b.html").write_text("<blockquote>" * 100_000 + "The council voted.")
        return ["b.html"], "100 000 nested unclosed <blockquote>"
    if case == "xml-deep-50k":
        (d / "x.xml").write_text("<nitf><body>" + "<p>" * 50_000 + "x" + "</p>" * 50_000 + "</body></nitf>")
        return ["x.xml"], "50 000 nested NITF <p>"
    if case == "xml-laughs":
        (d / "laughs.xml").write_text(LAUGHS)
        return ["laughs.xml"], "XML billion laughs (refused, exit 2)"
    if case == "xml-external":
        (d / "xxe.xml").write_text('<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                   "<nitf><body><p>&x;</p></body></nitf>")
        return ["xxe.xml"], "XML external entity (refused, exit 2)"
    if case == "yaml-alias-bomb":
        (d / "newslint.yml").write_text(yaml_bomb())
        (d / "a.txt").write_text("Council votes\n\nThe council voted.\n")
        return ["--config", "newslint.yml", "a.txt"], "YAML billion laughs config (refused, exit 2)"
    if case == "yaml-python":
        (d / "newslint.yml").write_text("ignore: !!python/object/apply:os.system ['touch pwned']\n")
        (d / "a.txt").write_text("Council votes\n\nThe council voted.\n")
        return ["--config", "newslint.yml", "a.txt"], "YAML python object config (refused, exit 2)"
    if case == "symlink-loop":
        (d / "c" / "sub").mkdir(parents=True)
        (d / "c" / "sub" / "a.txt").write_text("Council votes\n\nThe council voted.\n")
        os.symlink("..", d / "c" / "sub" / "up")
        return ["c"], "a directory symlink loop (reported, exit 2)"
    raise SystemExit(f"unknown case {case}")


CASES = ["big-file", "line-10mb", "blank-1m", "md-quotes-10k", "md-lists-10k", "html-divs-100k", "html-quotes-100k",
         "xml-deep-50k", "xml-laughs", "xml-external", "yaml-alias-bomb", "yaml-python", "symlink-loop"]


def child(case: str, big_mb: int) -> None:
    """Run one case in this process; print a JSON line."""
    import contextlib
    import io

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        args, what = make(case, d, big_mb)
        os.chdir(d)
        from lint.cli import main
        from lint.config import load_config
        from lint.run.engine import Linter

        Linter(load_config(no_config=True))  # load the plugins: the baseline
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        err = io.StringIO()
        t = time.perf_counter()
        with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), contextlib.redirect_stderr(err):
            extra = [] if "--config" in args else ["--no-config"]
            code = main(["check", *extra, "--no-cache", "-j", "1", "-q", "--format", "concise", *args])
        secs = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        size = sum(p.stat().st_size for p in d.rglob("*") if p.is_file() and not p.is_symlink())
        print(json.dumps({"case": case, "what": what, "exit": code, "seconds": round(secs, 2), "input_mb": round(size / 1e6, 2),
                          "baseline_mb": round(base / 1024), "peak_mb": round(peak / 1024),
                          "message": err.getvalue().strip().splitlines()[-1][:110] if err.getvalue().strip() else ""}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--big-mb", type=int, default=100, help="size of the big file (default 100)")
    ap.add_argument("--only", help="comma-separated cases: " + ",".join(CASES))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.big_mb)
        return 0
    cases = args.only.split(",") if args.only else CASES
    print(f"{'case':17} {'input':>9} {'exit':>4} {'time':>8} {'peak RSS':>9} {'(baseline)':>10}  what / message")
    for case in cases:
        proc = subprocess.run([sys.executable, __file__, "--child", case, "--big-mb", str(args.big_mb)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"{case:17} FAILED: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{case:17} {r['input_mb']:>7} MB {r['exit']:>4} {r['seconds']:>7}s {r['peak_mb']:>6} MB {r['baseline_mb']:>7} MB  "
              f"{r['what']}{' — ' + r['message'] if r['message'] else ''}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
