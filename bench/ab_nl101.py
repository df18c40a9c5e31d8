#!/usr/bin/env python3
"""NL101 A/B: the duplicate-paragraph rule of a git revision (before)
against the working tree's (after), in one process, on the same documents.

    python bench/ab_nl101.py                     # before = where this branch left main
    python bench/ab_nl101.py --rev HEAD~3 --sizes 1,4,20 --reps 3
    python bench/ab_nl101.py --corpus ../shared/corpus/dev examples

For each document both rules run on the same Document object (read once):
their findings (span, message, related span, fix) must be identical; the
rule's own time (median of --reps, runs alternated A, B, A, B ...) and its
peak memory (tracemalloc around the rule alone) are printed side by side.
The big documents are bench/run.py's: real paragraphs with duplicates and
re-wrapped copies, so documents over 400,000 characters take the strided
index path.
"""
from __future__ import annotations

import argparse
import gc
import importlib.util
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# where the rule lives, after and before the package move
MODULES = ("plugins/checks/duplicate_paragraph.py", "plugins/duplicate_paragraph.py")


def after_module():
    try:
        import plugins.checks.duplicate_paragraph as mod
    except ImportError:
        import plugins.duplicate_paragraph as mod
    return mod


def default_rev() -> str:
    """The commit this branch left main at (the rule as it was)."""
    out = subprocess.run(["git", "merge-base", "HEAD", "main"], capture_output=True, text=True, cwd=ROOT)
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else "HEAD~1"


def load_rev(rev: str):
    for path in MODULES:
        out = subprocess.run(["git", "show", f"{rev}:{path}"], capture_output=True, text=True, cwd=ROOT)
        if out.returncode == 0:
            break
    else:
        sys.exit(f"ab_nl101: no {' or '.join(MODULES)} at {rev}")
    src = out.stdout
    spec = importlib.util.spec_from_loader("nl101_before", loader=None)
    mod = importlib.util.module_from_spec(spec)
    mod.__file__ = f"<{rev}:{path}>"
    sys.modules["nl101_before"] = mod
    exec(compile(src, mod.__file__, "exec"), mod.__dict__)
    return mod


def make_rule(cls, linter):
    settings = linter.config.rule_settings(linter.registry, None)["duplicate-paragraph"]
    return cls(settings.options, str(settings.severity))


def run_rule(rule, doc):
    from lint.api import Context

    ctx = Context(rule, doc)
    produced = rule.check(doc, ctx)
    if produced is not None:
        ctx.findings.extend(f for f in produced if f not in ctx.findings)
    out = []
    for f in ctx.findings:
        fix = f.fix
        fx = None if fix is None else (fix.message if hasattr(fix, "message") else None, repr(fix))
        out.append((f.start, f.end, f.message, repr(getattr(f, "related", None)), fx))
    return out


def timed(rule, doc):
    gc.collect()
    t = time.perf_counter()
    out = run_rule(rule, doc)
    return time.perf_counter() - t, out


def peak(rule, doc):
    gc.collect()
    tracemalloc.start()
    run_rule(rule, doc)
    _, p = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return p


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rev", default=None, help="the 'before' revision (default: where this branch left main)")
    ap.add_argument("--sizes", default="1,2,4,8,16,20", help="big documents, MB (empty: none)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--memory", action="store_true", help="also tracemalloc peaks on the big documents")
    ap.add_argument("--corpus", nargs="*", default=None, help="also compare findings on every file under these paths")
    ap.add_argument("--bench-corpus", action="store_true", help="also the rule's MB/s on bench/run.py's corpus (A and B alternated, --reps each)")
    args = ap.parse_args()

    import run as bench  # bench/run.py
    from lint.config import load_config
    from lint import Linter

    after_mod = after_module()
    rev = args.rev or default_rev()
    print(f"before: {rev}; after: the working tree")
    before_mod = load_rev(rev)
    linter = Linter(load_config(no_config=True))
    A = make_rule(before_mod.DuplicateParagraph, linter)
    B = make_rule(after_mod.DuplicateParagraph, linter)
    differ = 0
    # warm both (lazy imports such as numpy's are paid once per process, outside the timing)
    warm = linter.read("One paragraph here, long enough to index.\n\nOne paragraph here, long enough to index.\n".encode() * 3, "w.txt")
    run_rule(A, warm), run_rule(B, warm)

    if args.corpus:
        docs = files = 0
        t_a = t_b = 0.0
        mb = 0.0
        paths = []
        for top in map(Path, args.corpus):
            paths += sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else [top]
        for path in paths:
            if path.suffix.lower() not in (".txt", ".md", ".html", ".htm", ".xml", ".docx"):
                continue
            display = str(path)
            data = path.read_bytes()
            try:
                doc = linter.read(data, display, display)
            except Exception:  # noqa: BLE001 - unreadable files are no part of the A/B
                continue
            files += 1
            mb += len(data) / 1e6
            ta, fa = timed(A, doc)
            tb, fb = timed(B, doc)
            t_a, t_b = t_a + ta, t_b + tb
            docs += bool(fa)
            if fa != fb:
                differ += 1
                print(f"DIFFER {display}: before {len(fa)} findings, after {len(fb)}")
        print(f"corpus: {files} files, {mb:.2f} MB, {docs} with NL101 findings; NL101 time before {t_a:.2f} s ({mb / t_a:.2f} MB/s), after {t_b:.2f} s ({mb / t_b:.2f} MB/s); files whose findings differ: {differ}")

    if args.bench_corpus:
        with bench.tempfile.TemporaryDirectory() as tmp:
            files = bench.build_corpus(Path(tmp) / "corpus")
            docs = [linter.read(f.read_bytes(), str(f), str(f)) for f in files]
        mb = sum(len(f) for f in (d.text.encode() for d in docs)) / 1e6
        for d in docs:  # blocks, language and sentences computed once, outside the timing
            if run_rule(A, d) != run_rule(B, d):
                differ += 1
        ta, tb = [], []
        for _ in range(args.reps):
            for rule, acc in ((A, ta), (B, tb)):
                gc.collect()
                t = time.perf_counter()
                for d in docs:
                    run_rule(rule, d)
                acc.append(time.perf_counter() - t)
        a, b = statistics.median(ta), statistics.median(tb)
        print(f"bench corpus: {len(docs)} files, {mb:.2f} MB: NL101 before {mb / a:.2f} MB/s, after {mb / b:.2f} MB/s: {a / b:.2f}x (medians of {args.reps}, alternated)")

    sizes = [float(x) for x in args.sizes.split(",") if x]
    if sizes:
        with bench.tempfile.TemporaryDirectory() as tmp:
            files = bench.build_corpus(Path(tmp) / "corpus")
            paras = bench.paragraphs(files)
        rng = random.Random(bench.SEED)
        print(f"{'size':>6} {'chars':>10} {'findings':>8}  {'before s':>9} {'after s':>8} {'speed-up':>8}" + (f"  {'before MB':>9} {'after MB':>8}" if args.memory else ""))
        for size in sizes:
            text = bench.big_text(paras, int(size * 1e6), rng)
            doc = linter.read(text.encode(), "big.txt", "big.txt")
            doc.blocks  # noqa: B018 - read once, outside the timing
            ta, tb, fa, fb = [], [], None, None
            for _ in range(args.reps):
                t, fa = timed(A, doc)
                ta.append(t)
                t, fb = timed(B, doc)
                tb.append(t)
            same = fa == fb
            differ += not same
            a, b = statistics.median(ta), statistics.median(tb)
            line = f"{size:5.1f}M {len(text):10d} {len(fb):8d}  {a:9.2f} {b:8.2f} {a / b:7.2f}x"
            if args.memory:
                line += f"  {peak(A, doc) / 1e6:9.0f} {peak(B, doc) / 1e6:8.0f}"
            print(line + ("" if same else "   FINDINGS DIFFER"))
    print("identical findings" if not differ else f"{differ} documents with different findings")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
