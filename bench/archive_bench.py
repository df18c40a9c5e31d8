#!/usr/bin/env python3
"""Benchmark: `newslint archive` on a LocalCluster against a plain single-process run.

    python bench/archive_bench.py [--docs 4000] [--workers 2] [--partition-size 250] [--seed 8]

Generates deterministic documents (fixed seed) from clean real articles
(../shared/corpus/dev/clean when it exists, else tests/fixtures/clean)
(about 3 in 5 clean, the rest with an exact duplicated paragraph or a
hard-wrapped paragraph), writes them as one JSON-lines file, then measures:

* single process: parse the JSON lines, lint each document with one Linter
  (built once, not timed), write the finding rows as JSON lines;
* cluster: ``lint_archive`` on a LocalCluster (processes, 1 thread each) with
  warmed-up workers (their Linter already built), from the same file to
  partitioned JSON lines, end to end (planning, scheduling, writing, manifest).
  Cluster start-up is not timed;
* parallel ceiling (no Dask): the same partitions linted by ``workers`` plain
  processes at once (a ProcessPoolExecutor). It shows what the hardware gives
  two busy processes (shared cores, SMT, other tenants), so that Dask's own
  overhead can be told apart from the machine's.

The runs are interleaved (single, cluster, ceiling, repeated) and the best of
each is reported. It prints documents/s, MB/s and per-worker efficiency =
cluster throughput / (workers x single-process throughput), target >= 90%,
plus the cluster against the ceiling. The single-process and cluster rows must
be identical; the script checks that (and says if plugins changed meanwhile).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lint.archive import lint_archive, lint_doc, Doc, read_rows, make_spec, get_linter, encode_jsonl  # noqa: E402
from lint.config import load_config  # noqa: E402

SHARED_CLEAN = ROOT.parent / "shared" / "corpus" / "dev" / "clean"  # real articles, when beside the checkout
FIXTURE_CLEAN = ROOT / "tests" / "fixtures" / "clean"
CLEAN = SHARED_CLEAN if SHARED_CLEAN.is_dir() else FIXTURE_CLEAN


def generate(n: int, seed: int) -> list[dict]:
    rnd = random.Random(seed)
    stories = [(p.parent.name, p.stem, p.read_text(encoding="utf-8")) for p in sorted(CLEAN.glob("*/*.txt"))]
    docs = []
    for i in range(n):
        lang, stem, text = stories[rnd.randrange(len(stories))]
        paras = text.rstrip("\n").split("\n\n")
        kind = rnd.choice(["clean", "clean", "clean", "dup", "wrap"])
        if len(paras) < 4:
            kind = "clean"
        k = rnd.randrange(2, len(paras)) if len(paras) > 2 else 0
        if kind == "dup":
            paras.insert(k + 1, paras[k])
        elif kind == "wrap":
            w = rnd.choice([40, 50, 60])
            p = paras[k]
            paras[k] = "\n".join(p[j:j + w // 2] for j in range(0, len(p), w // 2)) if lang.startswith("zh") else textwrap.fill(p, w)
        docs.append({"id": f"{lang}/{i:06d}-{kind}-{stem}", "text": "\n\n".join(paras) + "\n"})
    return docs


def single_process(src: Path, out: Path, spec) -> tuple[float, int, list]:
    linter = get_linter(spec)  # built once, outside the timing, as on a warmed worker
    t0, c0 = time.perf_counter(), time.process_time()
    rows = []
    nbytes = 0
    with open(src, "rb") as fh:
        for line in fh:
            nbytes += len(line)
            obj = json.loads(line)
            rows.extend(lint_doc(linter, Doc(str(obj["id"]), obj["text"])))
    out.write_bytes(encode_jsonl(rows))
    return time.perf_counter() - t0, time.process_time() - c0, rows


_POOL_LINTER = None


def _pool_init(spec) -> None:
    global _POOL_LINTER
    _POOL_LINTER = get_linter(spec)


def _pool_lint(docs: list) -> int:
    return sum(len(lint_doc(_POOL_LINTER, Doc(d["id"], d["text"]))) for d in docs)


def _plugin_mtimes() -> dict:
    return {p.name: p.stat().st_mtime_ns for p in (ROOT / "plugins").glob("*.py")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partition-size", type=int, default=250)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=2, help="timed runs of each; the best is reported")
    args = ap.parse_args()

    from concurrent.futures import ProcessPoolExecutor

    from dask.distributed import Client, LocalCluster

    tmp = Path(tempfile.mkdtemp(prefix="newslint-bench-"))
    try:
        docs = generate(args.docs, args.seed)
        src = tmp / "corpus.jsonl"
        src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        mb = src.stat().st_size / 1e6
        n = len(docs)
        cfg = load_config(no_config=True)
        spec = make_spec(config=cfg)
        print(f"source stories: {CLEAN}")
        print(f"data: {n:,} documents, {mb:.2f} MB ({src.stat().st_size / n:,.0f} bytes/doc), seed {args.seed}")
        print(f"machine: {os.cpu_count()} cores; cluster: {args.workers} worker processes x 1 thread; "
              f"partition size {args.partition_size}")
        mtimes = _plugin_mtimes()
        load = os.getloadavg()
        chunks = [docs[i:i + args.partition_size] for i in range(0, n, args.partition_size)]

        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        client = Client(cluster)
        pool = ProcessPoolExecutor(args.workers, initializer=_pool_init, initargs=(spec,))
        try:
            warm = tmp / "warm.jsonl"
            warm.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs[: args.workers * 4]), encoding="utf-8")
            lint_archive(warm, tmp / "warm-out", scheduler=client, config=cfg, partition_size=4, progress=False)
            list(pool.map(_pool_lint, [docs[:2]] * (args.workers * 2)))
            single, timed, ceiling = [], [], []
            for r in range(args.repeat):
                t, cpu, rows1 = single_process(src, tmp / "single.jsonl", spec)
                single.append((t, cpu))
                out = tmp / f"cluster-{r}"
                c0 = time.process_time()  # this process: the client and (LocalCluster) the scheduler
                s = lint_archive(src, out, scheduler=client, config=cfg, partition_size=args.partition_size, progress=False)
                assert s.written == s.partitions and s.documents == n
                stats = [json.loads(p.read_text()) for p in (out / "_stats").glob("*.json")]
                driver = time.process_time() - c0
                timed.append((s.elapsed, sum(x["seconds"] for x in stats), sum(x["cpu_seconds"] for x in stats), r, driver))
                t0 = time.perf_counter()
                list(pool.map(_pool_lint, chunks))
                ceiling.append(time.perf_counter() - t0)
            t1, cpu1 = min(single)
            t2, busy, cpu2, best, driver = min(timed)
            t3 = min(ceiling)
            rows2 = read_rows(tmp / f"cluster-{best}")
        finally:
            pool.shutdown()
            client.close()
            cluster.close()

        changed = _plugin_mtimes() != mtimes
        diff = sum(1 for a, b in zip(rows1, rows2) if a != b) + abs(len(rows1) - len(rows2))
        d1, d2, d3 = n / t1, n / t2, n / t3
        w = args.workers
        print(f"single process   : {t1:7.2f} s  {d1:8,.0f} docs/s  {mb / t1:6.2f} MB/s")
        print(f"cluster ({w} w)    : {t2:7.2f} s  {d2:8,.0f} docs/s  {mb / t2:6.2f} MB/s  (speed-up {t1 / t2:.2f}x)")
        print(f"ceiling ({w} procs): {t3:7.2f} s  {d3:8,.0f} docs/s  {mb / t3:6.2f} MB/s  (no Dask)")
        print(f"per-worker rate: {d2 / w:,.0f} docs/s ({mb / t2 / w:.2f} MB/s); single process {d1:,.0f} docs/s")
        print(f"per-worker efficiency: {d2 / (w * d1):.1%}  (target >= 90%)")
        print(f"cluster vs parallel ceiling: {d2 / d3:.1%}  (Dask's own overhead; the rest is the machine)")
        print(f"worker busy time {busy:.2f} s of {w} x {t2:.2f} s wall: utilisation {busy / (w * t2):.1%}")
        print(f"CPU per document: single {cpu1 / n * 1e3:.2f} ms, cluster workers {cpu2 / n * 1e3:.2f} ms "
              f"-> CPU efficiency per worker {cpu1 / cpu2:.1%}; client+scheduler used {driver:.2f} s CPU "
              f"({driver / cpu2:.1%} of the workers')")
        print(f"load average before the runs: {load[0]:.2f} (other processes on the machine count against every figure)")
        findings = sum(1 for r in rows1 if "error" not in r)
        print(f"findings: {findings:,}; rows identical to the single-process run: {diff == 0}"
              + (f" ({diff} differ; plugins/*.py changed during the run)" if diff and changed else f" ({diff} differ)" if diff else ""))
        return 0 if diff == 0 or changed else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
