#!/usr/bin/env python3
"""newslint's benchmark: throughput, floor and peer ratios, scaling, latency,
peak memory, parallel speed-up and the cache.

    python bench/run.py            # everything (a few minutes)
    python bench/run.py --quick    # fewer repetitions and smaller sizes
    python bench/run.py --only throughput,latency

The corpus is built deterministically (fixed seeds) from the clean real
articles in ../shared/corpus/dev/clean when that folder exists (else from
tests/fixtures/clean), the sample page, and damaged copy generated from them
(tests/gen/inject.py). Every timing is the median of several repetitions.
The peer ratio needs proselint installed in the benchmark's environment
(`pip install proselint`); without it that figure is skipped and says so.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "gen"))

SHARED_CLEAN = ROOT.parent / "shared" / "corpus" / "dev" / "clean"
FIXTURE_CLEAN = ROOT / "tests" / "fixtures" / "clean"
SAMPLE = ROOT / "examples" / "zh-newspaper-page.txt"
SEED = 20261126

TARGETS = {
    "floor": 5.0,
    "peer": 40.0,
    "scaling": 2.2,
    "latency_ms": 120.0,
    "memory_x": 10.0,
    "jobs": 1.7,
}


def median_time(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def source_dir() -> Path:
    return SHARED_CLEAN if SHARED_CLEAN.is_dir() else FIXTURE_CLEAN


def build_corpus(folder: Path, generated: int = 150) -> list[Path]:
    """Clean articles + the sample page + generated damaged copy."""
    from inject import generate

    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for p in sorted(source_dir().rglob("*.txt")):
        dst = folder / f"clean-{p.parent.name}-{p.name}"
        shutil.copyfile(p, dst)
        files.append(dst)
    dst = folder / "sample-page.txt"
    shutil.copyfile(SAMPLE, dst)
    files.append(dst)
    for case in generate([source_dir()], SEED, generated):
        dst = folder / f"gen-{case.name}.txt"
        dst.write_text(case.text, encoding="utf-8")
        files.append(dst)
    return files


def english_files(files: list[Path]) -> list[Path]:
    return [f for f in files if "en-" in f.name or "/en/" in str(f)] or [f for f in files if f.read_text(encoding="utf-8").isascii()]


def paragraphs(files: list[Path]) -> list[str]:
    out = []
    for f in files:
        out.extend(p for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) > 40)
    return out


def big_text(paras: list[str], size: int, rng: random.Random) -> str:
    """Real paragraphs, with many exact and re-wrapped duplicates and wraps."""
    chunks = []
    total = 0
    recent: list[str] = []
    while total < size:
        r = rng.random()
        if r < 0.15 and recent:
            p = rng.choice(recent)  # a duplicate
        elif r < 0.25:
            p = rng.choice(paras)
            w = rng.randint(14, 70)
            p = "\n".join(p[i : i + w] for i in range(0, len(p), w))  # hard-wrapped
        else:
            p = rng.choice(paras)
        recent.append(p)
        if len(recent) > 50:
            recent.pop(0)
        chunks.append(p)
        total += len(p.encode("utf-8")) + 2
    return "\n\n".join(chunks) + "\n"


# --- figures -----------------------------------------------------------------------


def bench_throughput(files, reps):
    from lint.config import load_config
    from lint.run.engine import Linter

    data = [(str(f), f.read_bytes()) for f in files]
    mb = sum(len(d) for _, d in data) / 1e6
    cfg = load_config(no_config=True)
    full = Linter(cfg)

    def run(linter):
        for path, d in data:
            linter.lint_bytes(d, path, path)

    t_full = median_time(lambda: run(full), reps)
    print(f"corpus: {len(files)} files, {mb:.2f} MB")
    print(f"throughput, default rules: {mb / t_full:7.2f} MB/s  ({t_full:.3f} s)")
    rows = {}
    for name in full.registry.checks:
        one = Linter(cfg.with_cli(select=[name]))
        t = median_time(lambda: run(one), reps)
        rows[name] = mb / t
    # the reading floor: read, decode, split into paragraphs, tokenise once
    import regex

    tok = regex.compile(r"\p{Han}|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]")

    def floor():
        for path, _ in data:
            with open(path, "rb") as fh:
                text = fh.read().decode("utf-8")
            for para in text.split("\n\n"):
                tok.findall(para)

    t_floor = median_time(floor, reps)
    for name, rate in sorted(rows.items(), key=lambda kv: kv[1]):
        print(f"  {name:22} {rate:7.2f} MB/s")
    ratio = t_full / t_floor
    print(f"floor ratio: {ratio:.2f}x the bare read+decode+split+tokenise loop ({t_floor:.3f} s)   target <= {TARGETS['floor']}x  {'OK' if ratio <= TARGETS['floor'] else 'MISSED'}")
    return t_full, mb


def bench_peer(files, reps):
    try:
        import proselint  # noqa: F401
    except ImportError:
        print("peer ratio: skipped (pip install proselint in this environment to measure it)")
        return
    en = english_files(files)
    texts = [f.read_text(encoding="utf-8") for f in en]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    try:  # proselint >= 0.14: LintFile, with checks registered once
        from proselint.checks import __register__ as prose_checks
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile

        CheckRegistry().register_many(prose_checks)

        def run_prose():
            for t in texts:
                LintFile("bench.txt", t).lint()
    except ImportError:  # older proselint
        from proselint.tools import lint as prose_lint

        def run_prose():
            for t in texts:
                prose_lint(t)

    from lint.config import load_config
    from lint.run.engine import Linter

    linter = Linter(load_config(no_config=True))

    def run_ours():
        for f, t in zip(en, texts):
            linter.lint_bytes(t.encode(), str(f), str(f))

    t_p = median_time(run_prose, max(1, reps // 2))
    t_o = median_time(run_ours, reps)
    ratio = t_p / t_o
    print(f"peer ratio: newslint {mb / t_o:.2f} MB/s vs proselint {mb / t_p:.3f} MB/s on {len(en)} English files: {ratio:.1f}x   target >= {TARGETS['peer']}x  {'OK' if ratio >= TARGETS['peer'] else 'MISSED'}")


def bench_scaling(files, reps, sizes_mb):
    from lint.config import load_config
    from lint.run.engine import Linter

    linter = Linter(load_config(no_config=True))
    paras = paragraphs(files)
    rng = random.Random(SEED)
    prev = None
    worst = 0.0
    print("scaling (one file of real paragraphs, with duplicates and wraps):")
    for size in sizes_mb:
        text = big_text(paras, int(size * 1e6), rng)
        data = text.encode()
        t = median_time(lambda: linter.lint_bytes(data, "big.txt", "big.txt"), reps)
        step = t / prev if prev else None
        if step:
            worst = max(worst, step)
        print(f"  {size:5.0f} MB: {t:7.2f} s  {len(data) / 1e6 / t:6.2f} MB/s" + (f"  x{step:.2f} for 2x the size" if step else ""))
        prev = t
    print(f"  worst doubling: x{worst:.2f}   target <= {TARGETS['scaling']}  {'OK' if worst <= TARGETS['scaling'] else 'MISSED'}")


def bench_latency(reps):
    exe = shutil.which("newslint") or f"{sys.executable} -m lint.cli"
    draft = ROOT / "tests" / "fixtures" / "clean" / "en"
    one = sorted(draft.glob("*.txt"))[0] if draft.is_dir() else SAMPLE
    with tempfile.TemporaryDirectory() as tmp:
        argv = exe.split() + ["check", "--no-config", "--no-cache", str(one)]
        subprocess.run(argv, capture_output=True, cwd=tmp)  # warm the OS cache
        t = median_time(lambda: subprocess.run(argv, capture_output=True, cwd=tmp), reps)
        argv_cached = exe.split() + ["check", "--no-config", str(one)]
        subprocess.run(argv_cached, capture_output=True, cwd=tmp)
        tc = median_time(lambda: subprocess.run(argv_cached, capture_output=True, cwd=tmp), reps)
    ms = t * 1000
    print(f"latency: `newslint check one-draft.txt` as a new process: {ms:.0f} ms (cached: {tc * 1000:.0f} ms)   target <= {TARGETS['latency_ms']:.0f} ms  {'OK' if ms <= TARGETS['latency_ms'] else 'MISSED'}")


def bench_memory(files, size_mb):
    paras = paragraphs(files)
    text = big_text(paras, int(size_mb * 1e6), random.Random(SEED + 1))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        big.write_text(text, encoding="utf-8")
        # VmHWM is this process's own peak; ru_maxrss would carry over the
        # benchmark's own peak across fork+exec on Linux
        code = (
            "import sys; from lint.run.engine import Linter; from lint.config import load_config\n"
            "def hwm():\n"
            "    for line in open('/proc/self/status'):\n"
            "        if line.startswith('VmHWM:'): return int(line.split()[1])\n"
            "L=Linter(load_config(no_config=True)); d=open(sys.argv[1],'rb').read()\n"
            "base=hwm(); L.lint_bytes(d,'big.txt','big.txt'); print(hwm(), base)"
        )
        out = subprocess.run([sys.executable, "-c", code, str(big)], capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            print("peak memory: failed:", out.stderr[-500:])
            return
        peak_kb, base_kb = map(int, out.stdout.split())
        size = big.stat().st_size
        x = peak_kb * 1024 / size
        print(f"peak memory: {peak_kb / 1024:.0f} MB for a {size / 1e6:.1f} MB file ({x:.1f}x the file; {base_kb / 1024:.0f} MB before linting)   target <= {TARGETS['memory_x']:.0f}x  {'OK' if x <= TARGETS['memory_x'] else 'MISSED'}")


def bench_jobs_and_cache(files, reps):
    exe = shutil.which("newslint") or f"{sys.executable} -m lint.cli"
    ncpu = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "copy"
        folder.mkdir()
        for f in files:
            shutil.copyfile(f, folder / f.name)
        base = exe.split() + ["check", "--no-config", "-q", str(folder)]
        t1 = median_time(lambda: subprocess.run(base + ["--no-cache", "-j", "1"], capture_output=True), reps)
        tn = median_time(lambda: subprocess.run(base + ["--no-cache", "-j", str(ncpu)], capture_output=True), reps)
        cache = Path(tmp) / "cache"
        cold = median_time(lambda: (shutil.rmtree(cache, ignore_errors=True), subprocess.run(base + ["--cache-dir", str(cache), "-j", "1"], capture_output=True)), 1)
        warm = median_time(lambda: subprocess.run(base + ["--cache-dir", str(cache)], capture_output=True), reps)
    sp = t1 / tn
    print(f"parallel: {len(files)} files, -j 1 {t1:.2f} s, -j {ncpu} {tn:.2f} s: x{sp:.2f} on {ncpu} cores   target >= {TARGETS['jobs']}x  {'OK' if sp >= TARGETS['jobs'] else 'MISSED'}")
    print(f"cache: cold run {cold:.2f} s, rerun over unchanged files {warm:.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, smaller files")
    ap.add_argument("--only", help="comma-separated: throughput,peer,scaling,latency,memory,jobs,archive (archive runs only when named)")
    args = ap.parse_args()
    reps = 3 if args.quick else 5
    only = set(args.only.split(",")) if args.only else None
    want = lambda k: only is None or k in only  # noqa: E731
    print(f"newslint benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, source articles: {source_dir()}")
    with tempfile.TemporaryDirectory() as tmp:
        files = build_corpus(Path(tmp) / "corpus")
        if want("throughput"):
            bench_throughput(files, reps)
        if want("peer"):
            bench_peer(files, reps)
        if want("scaling"):
            bench_scaling(files, 3 if not args.quick else 1, [1, 2, 4] if args.quick else [1, 2, 4, 8, 16])
        if want("latency"):
            bench_latency(reps * 3)
        if want("memory"):
            bench_memory(files, 5 if args.quick else 20)
        if want("jobs"):
            bench_jobs_and_cache(files, reps)
    if only is not None and "archive" in only:
        # the Dask archive benchmark (needs: pip install '.[archive]')
        subprocess.run([sys.executable, str(ROOT / "bench" / "archive_bench.py")] + (["--docs", "1500"] if args.quick else []))
    return 0


if __name__ == "__main__":
    sys.exit(main())
