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
The peer ratios need the peers installed in the benchmark's environment
(`pip install proselint`; `pip install datatrove spacy` for datatrove's
Gopher repetition + C4 + FineWeb + Gopher quality filters); a peer that is
not installed is skipped with a message. Both peers run on the corpus's
English files only, chosen by newslint's own reading of each file's language
(``Document.lang``); the run says which files those are.

    python bench/run.py --profile  # where the time goes: cProfile over the corpus,
                                   # in-process (like --jobs 1), grouped by rule / core module
"""
from __future__ import annotations

import argparse
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

# issue 15 ("Speed and memory, round two")
TARGETS = {
    "throughput": 4.0,  # MB/s, full default rule set, in-process (= --jobs 1 --no-cache)
    "floor": 5.0,  # at most this many times the bare read+decode+split+tokenise loop
    "peer": 8.0,  # at least this many times proselint's speed
    "datatrove": 5.0,  # at least this many times datatrove's four filters together
    "scaling": 2.1,  # time per doubling of one file's size, 1 -> 16 MB
    "latency_ms": 90.0,  # one draft, new process, cold (no slower than before)
    "startup_x": 3.0,  # issue 12: a new process linting one draft, over `python -c 'import pluggy, regex, yaml'`
    "memory_x": 10.0,  # peak memory / file size, 20 MB file
    "memory_1mb": 60.0,  # MB peak for a 1 MB file
    "jobs": 1.7,
}


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def times_of(fn, reps: int) -> list[float]:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def median_time(fn, reps: int) -> float:
    return statistics.median(times_of(fn, reps))


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
        ORIGIN[dst] = f"clean {p.parent.relative_to(source_dir())}"
    dst = folder / "sample-page.txt"
    shutil.copyfile(SAMPLE, dst)
    files.append(dst)
    ORIGIN[dst] = "the sample page"
    for case in generate([source_dir()], SEED, generated):
        dst = folder / f"gen-{case.name}.txt"
        dst.write_text(case.text, encoding="utf-8")
        files.append(dst)
        ORIGIN[dst] = f"generated from {case.lang}"
    return files


# corpus file -> where it came from (its source folder, generated, the sample)
ORIGIN: dict[Path, str] = {}


def _origin(f: Path) -> str:
    return ORIGIN.get(f, f.parent.name)


def english_files(files: list[Path], verbose: bool = True) -> list[Path]:
    """The English files, by newslint's own reading of each file's language
    (``Document.lang``: the language with most letters), never by a piece of
    the file name (``gen-case-...`` contains "en-")."""
    import collections

    from lint.config import load_config
    from lint import Linter

    linter = Linter(load_config(no_config=True))
    en, other = [], []
    for f in files:
        doc = linter.read(f.read_bytes(), str(f), str(f))
        (en if doc.lang == "en" else other).append(f)
    if verbose:
        used = collections.Counter(_origin(f) for f in en)
        left = collections.Counter(_origin(f) for f in other)
        fmt = lambda c: ", ".join(f"{n} {k}" for k, n in sorted(c.items())) or "none"  # noqa: E731
        print(f"peer files: {len(en)} of {len(files)} are English by Document.lang ({fmt(used)}); left out: {fmt(left)}")
    return en


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
    from lint import Linter

    data = [(str(f), f.read_bytes()) for f in files]
    mb = sum(len(d) for _, d in data) / 1e6
    cfg = load_config(no_config=True)
    full = Linter(cfg)

    def run(linter):
        for path, d in data:
            linter.lint_bytes(d, path, path)

    t_full = median_time(lambda: run(full), reps)
    rate = mb / t_full
    print(f"corpus: {len(files)} files, {mb:.2f} MB")
    print(f"throughput, default rules: {rate:7.2f} MB/s  ({t_full:.3f} s)   target >= {TARGETS['throughput']} MB/s  {verdict(rate >= TARGETS['throughput'])}")
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
    for name, r in sorted(rows.items(), key=lambda kv: kv[1]):
        print(f"  {name:22} {r:7.2f} MB/s")
    ratio = t_full / t_floor
    print(f"floor ratio: {ratio:.2f}x the bare read+decode+split+tokenise loop ({t_floor:.3f} s)   target <= {TARGETS['floor']}x  {verdict(ratio <= TARGETS['floor'])}")
    return t_full, mb


def _ours(en, texts):
    from lint.config import load_config
    from lint import Linter

    linter = Linter(load_config(no_config=True))

    def run_ours():
        for f, t in zip(en, texts):
            linter.lint_bytes(t.encode(), str(f), str(f))

    return run_ours


def bench_peer(en, reps):
    try:
        import proselint  # noqa: F401
    except ImportError:
        print("peer ratio (proselint): skipped (pip install proselint in this environment to measure it)")
        return
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

    run_ours = _ours(en, texts)
    t_p = median_time(run_prose, max(1, reps // 2))
    t_o = median_time(run_ours, reps)
    ratio = t_p / t_o
    print(f"peer ratio: newslint {mb / t_o:.2f} MB/s vs proselint {mb / t_p:.3f} MB/s on {len(en)} English files: {ratio:.1f}x   target >= {TARGETS['peer']}x  {verdict(ratio >= TARGETS['peer'])}")


def bench_datatrove(en, reps):
    """datatrove's Gopher repetition + C4 + FineWeb + Gopher quality filters
    run together (as in one pipeline: a document one filter drops goes no
    further) on the same English texts, as datatrove Documents, in-process."""
    try:
        from datatrove.data import Document as DTDocument
        from datatrove.pipeline.filters import (
            C4QualityFilter,
            FineWebQualityFilter,
            GopherQualityFilter,
            GopherRepetitionFilter,
        )
    except ImportError:
        print("peer ratio (datatrove): skipped (pip install datatrove spacy in this environment to measure it)")
        return
    texts = [f.read_text(encoding="utf-8") for f in en]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    filters = [GopherRepetitionFilter(), C4QualityFilter(), FineWebQualityFilter(), GopherQualityFilter()]
    kept = []

    def run_dt():
        kept.clear()
        for i, t in enumerate(texts):
            doc = DTDocument(text=t, id=str(i))
            ok = True
            for flt in filters:
                r = flt.filter(doc)
                if not (r is True or (isinstance(r, tuple) and r[0])):
                    ok = False
                    break
            kept.append(ok)

    try:
        run_dt()  # loads the word tokenizer (spaCy) once, outside the timing
    except ImportError as err:
        print(f"peer ratio (datatrove): skipped ({err})")
        return
    run_ours = _ours(en, texts)
    t_d = median_time(run_dt, max(1, reps // 2))
    t_o = median_time(run_ours, reps)
    ratio = t_d / t_o
    print(f"peer ratio: newslint {mb / t_o:.2f} MB/s vs datatrove (4 filters, {sum(kept)}/{len(kept)} kept) {mb / t_d:.3f} MB/s on {len(en)} English files: {ratio:.1f}x   target >= {TARGETS['datatrove']}x  {verdict(ratio >= TARGETS['datatrove'])}")


def bench_scaling(files, reps, sizes_mb):
    from lint.config import load_config
    from lint import Linter

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
    print(f"  worst doubling: x{worst:.2f}   target <= {TARGETS['scaling']}  {verdict(worst <= TARGETS['scaling'])}")


def bench_latency(reps):
    exe = shutil.which("newslint") or f"{sys.executable} -m lint.cli"
    draft = ROOT / "tests" / "fixtures" / "clean" / "en"
    one = sorted(draft.glob("*.txt"))[0] if draft.is_dir() else SAMPLE
    zh = sorted((ROOT / "tests" / "fixtures" / "clean" / "zh").glob("*.txt"))
    # the English draft the latency target is about, a short Chinese story, and
    # the Chinese sample page (two stories that NL104 must segment to tell apart)
    drafts = [one] + zh[:1] + [ROOT / "examples" / "zh-newspaper-page.txt"]
    with tempfile.TemporaryDirectory() as tmp:
        run_one = lambda argv: subprocess.run(argv, capture_output=True, cwd=tmp)  # noqa: E731
        argvs = [exe.split() + ["check", "--no-config", "--no-cache", str(d)] for d in drafts]
        for argv in argvs:
            run_one(argv)  # warm the OS cache and newslint's user cache
        # the floors: a bare interpreter, and one importing newslint's own base libraries
        bare = [sys.executable, "-c", "pass"]
        libs = [sys.executable, "-c", "import pluggy, regex, yaml"]
        run_one(libs)
        # the median, and the fastest run: a new process's time swings by tens
        # of milliseconds on a busy or virtual machine; the fastest is steadier
        n = max(reps, 9)
        runs_bare = times_of(lambda: run_one(bare), n)
        runs_libs = times_of(lambda: run_one(libs), n)
        t_bare, t_libs = statistics.median(runs_bare), statistics.median(runs_libs)
        runs = [times_of(lambda a=argv: run_one(a), n) for argv in argvs]
        times = [statistics.median(r) for r in runs]
        fastest = [min(r) for r in runs]
        fastest_libs = min(runs_libs)
        argv_cached = exe.split() + ["check", "--no-config", str(one)]
        run_one(argv_cached)
        tc = median_time(lambda: run_one(argv_cached), reps)
    ms = times[0] * 1000
    print(
        f"latency: `newslint check one-draft.txt` as a new process: {ms:.0f} ms, fastest {fastest[0] * 1000:.0f} ms (cached: {tc * 1000:.0f} ms); "
        f"`python -c pass` {t_bare * 1000:.0f} ms, `python -c 'import pluggy, regex, yaml'` {t_libs * 1000:.0f} ms "
        f"({times[0] / t_libs:.1f}x that)   target <= {TARGETS['latency_ms']:.0f} ms  {verdict(ms <= TARGETS['latency_ms'])}"
    )
    for d, t, f in zip(drafts, times, fastest):
        x = t / t_libs
        print(
            f"  start-up, {d.relative_to(ROOT)} ({d.stat().st_size / 1000:.1f} KB): {t * 1000:.0f} ms = {x:.1f}x "
            f"the import line (fastest runs: {f / fastest_libs:.1f}x)   target <= {TARGETS['startup_x']:.0f}x  {verdict(x <= TARGETS['startup_x'])}"
        )


def bench_memory(files, size_mb, target_x=None, target_mb=None):
    paras = paragraphs(files)
    text = big_text(paras, int(size_mb * 1e6), random.Random(SEED + 1))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        big.write_text(text, encoding="utf-8")
        # VmHWM is this process's own peak; ru_maxrss would carry over the
        # benchmark's own peak across fork+exec on Linux
        code = (
            "import sys; from lint import Linter; from lint.config import load_config\n"
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
        mb = peak_kb / 1024
        line = f"peak memory: {mb:.0f} MB for a {size / 1e6:.1f} MB file ({x:.1f}x the file; {base_kb / 1024:.0f} MB before linting)"
        if target_x is not None:
            line += f"   target <= {target_x:.0f}x  {verdict(x <= target_x)}"
        if target_mb is not None:
            line += f"   target <= {target_mb:.0f} MB  {verdict(mb <= target_mb)}"
        print(line)


def bench_profile(files):
    """cProfile over the corpus, linted in-process with the default rules
    (what `--jobs 1 --no-cache` does), own time grouped by area: each rule's
    module, each core module, each library. Time spent in builtins and the
    standard library goes to the area that called it."""
    import cProfile
    import pstats

    from lint.config import load_config
    from lint import Linter

    linter = Linter(load_config(no_config=True))
    data = [(str(f), f.read_bytes()) for f in files]
    mb = sum(len(d) for _, d in data) / 1e6
    # warm, twice: lazy imports, lexicon and compiled patterns on the first
    # pass; on the second the segmenter passes its 50,000 characters and loads
    # jieba's whole dictionary (once a process: not a per-file cost)
    for _ in range(2):
        for path, d in data:
            linter.lint_bytes(d, path, path)
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    for path, d in data:
        linter.lint_bytes(d, path, path)
    prof.disable()
    wall = time.perf_counter() - t
    stats = pstats.Stats(prof).stats

    rule_of = {}
    for name, cls in linter.registry.checks.items():
        mod = sys.modules.get(cls.__module__)
        if mod is not None and getattr(mod, "__file__", None):
            rule_of[os.path.realpath(mod.__file__)] = f"{cls.code} {name}"
    stdlib = os.path.realpath(os.path.dirname(os.__file__))
    root = os.path.realpath(ROOT)

    def own_area(fn):
        file = fn[0]
        if file.startswith("~") or file.startswith("<"):
            return None  # a builtin: its caller's
        real = os.path.realpath(file)
        if real in rule_of:
            return rule_of[real]
        if "site-packages" in real:
            return "lib " + real.split("site-packages" + os.sep, 1)[1].split(os.sep)[0].removesuffix(".py")
        if real.startswith(root + os.sep):
            rel = os.path.relpath(real, root)
            parts = rel.split(os.sep)
            if parts[0] == "lint":
                return "core " + "/".join(parts[1:])[: -len(".py")]
            if parts[0] == "plugins":
                return "plugin " + parts[-1][: -len(".py")]
            return rel
        if real.startswith(stdlib):
            return None  # the standard library: its caller's
        return "other"

    memo: dict = {}

    def dist(fn, stack):
        """Area -> share of fn's own time (a builtin's or the standard
        library's goes to its callers, in proportion to the time each
        call edge took; edges back into a recursion are skipped)."""
        if fn in memo:
            return memo[fn]
        area = own_area(fn)
        if area is not None:
            memo[fn] = {area: 1.0}
            return memo[fn]
        stack.add(fn)
        callers = {c: v for c, v in stats[fn][4].items() if c not in stack}
        by_time = sum(v[2] for v in callers.values())
        by_calls = sum(v[1] for v in callers.values())
        out: dict = {}
        for caller, v in callers.items():
            w = v[2] / by_time if by_time else (v[1] / by_calls if by_calls else 0.0)
            if w:
                for a, share in dist(caller, stack).items():
                    out[a] = out.get(a, 0.0) + w * share
        stack.discard(fn)
        memo[fn] = out or {"other": 1.0}
        return memo[fn]

    by_area: dict = {}
    for fn, (cc, nc, tt, ct, callers) in stats.items():
        for a, share in dist(fn, set()).items():
            by_area[a] = by_area.get(a, 0.0) + tt * share
    total = sum(by_area.values())
    print(f"profile: {len(files)} files, {mb:.2f} MB, default rules, in-process; {wall:.2f} s under cProfile ({mb / wall:.2f} MB/s), own time by area:")
    rows = sorted(by_area.items(), key=lambda kv: -kv[1])
    small = [kv for kv in rows if kv[1] < 0.001 * total]
    if small:  # under 0.1% each
        rows = [kv for kv in rows if kv[1] >= 0.001 * total] + [(f"({len(small)} more areas, each < 0.1%)", sum(v for _, v in small))]
    for a, v in rows:
        print(f"  {100 * v / total:5.1f}%  {v:7.3f} s  {a}")


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
    ap.add_argument("--only", help="comma-separated: throughput,peer,datatrove,scaling,latency,memory,jobs,archive (archive runs only when named)")
    ap.add_argument("--profile", action="store_true", help="only print where the time goes (cProfile, grouped by rule and module)")
    args = ap.parse_args()
    reps = 3 if args.quick else 5
    only = set(args.only.split(",")) if args.only else None
    want = lambda k: only is None or k in only  # noqa: E731
    print(f"newslint benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, source articles: {source_dir()}")
    with tempfile.TemporaryDirectory() as tmp:
        files = build_corpus(Path(tmp) / "corpus")
        if args.profile:
            bench_profile(files)
            return 0
        if want("throughput"):
            bench_throughput(files, reps)
        if want("peer") or want("datatrove"):
            en = english_files(files)
            if want("peer"):
                bench_peer(en, reps)
            if want("datatrove"):
                bench_datatrove(en, reps)
        if want("scaling"):
            bench_scaling(files, 3 if not args.quick else 1, [1, 2, 4] if args.quick else [1, 2, 4, 8, 16])
        if want("latency"):
            bench_latency(reps * 3)
        if want("memory"):
            bench_memory(files, 1, target_mb=TARGETS["memory_1mb"])
            bench_memory(files, 5 if args.quick else 20, target_x=TARGETS["memory_x"])
        if want("jobs"):
            bench_jobs_and_cache(files, reps)
    if only is not None and "archive" in only:
        # the Dask archive benchmark (needs: pip install '.[archive]')
        subprocess.run([sys.executable, str(ROOT / "bench" / "archive_bench.py")] + (["--docs", "1500"] if args.quick else []))
    return 0


if __name__ == "__main__":
    sys.exit(main())
