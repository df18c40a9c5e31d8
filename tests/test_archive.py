"""`newslint archive` / lint.archive on a real 2-worker LocalCluster (processes)."""
from __future__ import annotations

import json
import os
import random
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")

from dask.distributed import Client, LocalCluster  # noqa: E402

from lint.archive import lint_archive, lint_bag, lint_doc, Doc, read_rows  # noqa: E402
from lint.config import load_config  # noqa: E402
from lint.run.engine import Linter  # noqa: E402
from lint.run.files import iter_files  # noqa: E402

from conftest import ROOT, run_cli  # noqa: E402

CLEAN = ROOT / "tests" / "fixtures" / "clean"
MARKER = "KABOOM"

HOUSE_RULES = '''
import re
from lint import Check, hookimpl

class NoCliches(Check):
    """Flags "at the end of the day"; crashes on a marker word."""
    name = "no-cliches"
    code = "HS001"
    severity = "warning"

    def check(self, doc, ctx):
        if "KABOOM" in doc.text:
            raise RuntimeError("house rule exploded")
        for m in re.finditer("at the end of the day", doc.text, re.I):
            ctx.report(m.start(), m.end(), "Cliché")

@hookimpl
def newslint_register_checks():
    return [NoCliches]
'''


def _wrap(para: str, lang: str, width: int) -> str:
    if lang == "zh":
        return "\n".join(para[i:i + width // 2] for i in range(0, len(para), width // 2))
    return textwrap.fill(para, width)


def generate(n: int, seed: int = 8) -> list[tuple[str, str]]:
    """(id, text): clean stories, exact duplicated paragraphs, hard-wrapped paragraphs."""
    rnd = random.Random(seed)
    stories = [(p.parent.name, p.stem, p.read_text(encoding="utf-8")) for p in sorted(CLEAN.glob("*/*.txt"))]
    docs = []
    for i in range(n):
        lang, stem, text = stories[rnd.randrange(len(stories))]
        paras = text.rstrip("\n").split("\n\n")
        kind = rnd.choice(["clean", "clean", "clean", "dup", "wrap"])
        k = rnd.randrange(2, len(paras))
        if kind == "dup":
            paras.insert(k + 1, paras[k])
        elif kind == "wrap":
            paras[k] = _wrap(paras[k], lang, rnd.choice([40, 50, 60]))
        if i % 37 == 0:
            paras.insert(2, "At the end of the day, the council voted.")
        docs.append((f"{lang}/{i:04d}-{kind}-{stem}.txt", "\n\n".join(paras) + "\n"))
    return docs


def expected_rows(linter: Linter, docs) -> list[dict]:
    """What a plain single-process run (Linter.lint_bytes) reports, as archive rows."""
    rows = []
    for doc_id, data, rel in docs:
        findings, errors = linter.lint_bytes(data, doc_id, rel)
        rows.extend({"id": doc_id, **f.to_dict()} for f in findings)
        rows.extend({"id": doc_id, "path": e.path, "error": e.message} for e in errors)
    return rows


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    c = Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


@pytest.fixture(scope="module")
def docs():
    return generate(320)


@pytest.fixture(scope="module")
def folder_run(tmp_path_factory, client, docs):
    """A folder input with a local plugin, an excluded folder and two poisoned documents."""
    tmp = tmp_path_factory.mktemp("folder")
    corpus = tmp / "corpus"
    for doc_id, text in docs:
        (corpus / doc_id).parent.mkdir(parents=True, exist_ok=True)
        (corpus / doc_id).write_text(text, encoding="utf-8")
    (corpus / "en" / "0005-poison.txt").write_bytes(b"Headline\n\nValid start \xff\xfe\xc3\x28 then junk.\n")
    boom = docs[7][1].replace("\n\n", f"\n\nSomething {MARKER} here.\n\n", 1)
    boom = boom.rstrip("\n") + "\n\n" + boom.split("\n\n")[3] + "\n"  # and a duplicate, for NL101
    (corpus / "zh" / "0007-boom.txt").write_text(boom, encoding="utf-8")
    (corpus / "skip").mkdir()
    (corpus / "skip" / "ignored.txt").write_text("never linted\n")
    plugdir = tmp / "house"
    plugdir.mkdir()
    (plugdir / "house_rules.py").write_text(HOUSE_RULES)
    cfg = tmp / "newslint.yml"
    cfg.write_text("plugins: [house/house_rules.py]\nexclude: ['skip/']\n")
    out = tmp / "out"
    summary = lint_archive(corpus, out, scheduler=client, config_path=cfg, partition_size=40)
    return tmp, corpus, cfg, out, summary


def test_folder_findings_equal_single_process_run(folder_run):
    tmp, corpus, cfg, out, summary = folder_run
    config = load_config(cfg)
    linter = Linter(config)
    inputs = []
    for display, real, rel, error in iter_files([corpus], config):
        assert error is None
        inputs.append((Path(real).relative_to(corpus).as_posix(), Path(real).read_bytes(), rel))
    assert not any(i[0].startswith("skip/") for i in inputs)
    want = expected_rows(linter, inputs)
    got = read_rows(out)
    assert got == want
    codes = {r.get("code") for r in got}
    assert {"NL101", "NL102", "HS001"} <= codes  # the local plugin ran on the workers
    assert summary.documents == len(inputs) == 322
    assert summary.partitions == summary.written == 9 and summary.skipped == 0
    assert summary.findings == sum(1 for r in got if "error" not in r)
    stats = [json.loads(p.read_text()) for p in sorted((out / "_stats").glob("*.json"))]
    pids = {s["worker_pid"] for s in stats}
    assert len(pids) == 2 and os.getpid() not in pids  # two worker processes did the work
    manifest = json.loads((out / "_SUCCESS").read_text())
    assert manifest["summary"]["documents"] == 322 and len(manifest["partitions"]) == 9


def test_poisoned_documents_become_error_rows(folder_run):
    tmp, corpus, cfg, out, summary = folder_run
    rows = read_rows(out)
    errors = [r for r in rows if "error" in r]
    assert sorted(r["id"] for r in errors) == ["en/0005-poison.txt", "zh/0007-boom.txt"]
    poison = next(r for r in errors if r["id"] == "en/0005-poison.txt")
    assert poison["error"].startswith("cannot decode as utf-8: invalid byte 0xff")
    boom = next(r for r in errors if r["id"] == "zh/0007-boom.txt")
    assert "no-cliches (HS001) crashed: RuntimeError: house rule exploded" in boom["error"]
    # the crashing document still gets the other rules' findings; its neighbours are linted
    assert any(r["id"] == "zh/0007-boom.txt" and r.get("code") == "NL101" for r in rows)
    assert summary.errors == 2 and summary.exit_status == 2


def test_unexpected_exception_is_an_error_row():
    class Broken:
        def lint_bytes(self, data, path, rel):
            raise MemoryError("reader blew up")

    rows = lint_doc(Broken(), Doc("x", b"text"))
    assert rows == [{"id": "x", "path": "x", "error": "internal error: MemoryError: reader blew up"}]


def test_resume_rewrites_only_missing_partition(folder_run, client):
    tmp, corpus, cfg, out, _ = folder_run
    parts = sorted(out.glob("part-*.jsonl"))
    before = {p.name: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in parts}
    (out / "part-00003.jsonl").unlink()
    summary = lint_archive(corpus, out, scheduler=client, config_path=cfg, partition_size=40)
    assert summary.written == 1 and summary.written_files == ["part-00003.jsonl"]
    assert summary.skipped == 8 and summary.documents == 322
    after = {p.name: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted(out.glob("part-*.jsonl"))}
    assert after.keys() == before.keys()
    for name in before:
        assert after[name][0] == before[name][0]
        if name != "part-00003.jsonl":
            assert after[name][1:] == before[name][1:], f"{name} was written twice"
    assert not list(out.glob(".*.tmp"))
    # nothing missing: a third run writes nothing at all
    again = lint_archive(corpus, out, scheduler=client, config_path=cfg, partition_size=40)
    assert again.written == 0 and again.skipped == 9


def _jsonl_docs(docs):
    return [{"id": doc_id, "text": text} for doc_id, text in docs]


def test_jsonl_input_and_bag_api(tmp_path, client, docs):
    src = tmp_path / "corpus.jsonl"
    lines = [json.dumps(d, ensure_ascii=False) for d in _jsonl_docs(docs[:150])]
    lines.insert(10, "{not json")
    lines.insert(20, '{"id": "surrogate", "text": "bad \\ud800 text"}')
    lines.insert(30, "")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = lint_archive(src, out, scheduler=client, no_config=True, partition_size=25)
    assert summary.partitions == 7
    rows = read_rows(out)
    linter = Linter(load_config(no_config=True))
    want = expected_rows(linter, [(i, t.encode("utf-8"), None) for i, t in docs[:150]])
    assert [r for r in rows if "error" not in r] == [r for r in want if "error" not in r]
    errors = {r["id"]: r["error"] for r in rows if "error" in r}
    assert set(errors) == {f"{src}:11", "surrogate"}
    assert errors[f"{src}:11"].startswith("malformed JSON line")
    assert errors["surrogate"].startswith("undecodable text")
    assert summary.documents == 152 and summary.exit_status == 2

    import dask.bag as db

    bag = db.from_sequence(_jsonl_docs(docs[:150]), npartitions=6)
    assert lint_bag(bag, no_config=True).compute() == want


def test_parquet_round_trip(tmp_path, client, docs):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "dataset"
    src.mkdir()
    half = len(docs) // 2
    for k, chunk in enumerate([docs[:half], docs[half:]]):
        table = pa.table({"id": [d[0] for d in chunk], "text": [d[1] for d in chunk]})
        pq.write_table(table, src / f"part-{k}.parquet", row_group_size=33)
    out_pq, out_js = tmp_path / "out-pq", tmp_path / "out-js"
    s1 = lint_archive(src, out_pq, scheduler=client, no_config=True, output_format="parquet", partition_size=50)
    s2 = lint_archive(src, out_js, scheduler=client, no_config=True, output_format="jsonl", partition_size=50)
    assert s1.partitions == s2.partitions == 8
    assert len(list(out_pq.glob("part-*.parquet"))) == 8
    linter = Linter(load_config(no_config=True))
    want = expected_rows(linter, [(i, t.encode("utf-8"), None) for i, t in docs])
    assert read_rows(out_pq) == read_rows(out_js) == want


def test_cli_against_a_scheduler_address(tmp_path, client, docs):
    corpus = tmp_path / "c"
    for doc_id, text in docs[:60]:
        (corpus / doc_id).parent.mkdir(parents=True, exist_ok=True)
        (corpus / doc_id).write_text(text, encoding="utf-8")
    addr = client.scheduler.address
    proc = run_cli("archive", corpus, "--out", tmp_path / "out", "--scheduler", addr, "--no-config", "--partition-size", "20")
    err = proc.stderr.decode()
    assert proc.returncode == 1, err  # findings at or above fail-on (error), no error rows
    assert "60 documents" in err and "3 written, 0 skipped" in err and "dashboard:" in err
    bad = run_cli("archive", tmp_path / "missing", "--out", tmp_path / "o2", "--scheduler", addr)
    assert bad.returncode == 2 and "no such file or directory" in bad.stderr.decode()


# --- the output folder, partition sizes, interrupts (issue items 19-21) ------------------------


def _write_corpus(folder: Path, docs) -> Path:
    for doc_id, text in docs:
        (folder / doc_id).parent.mkdir(parents=True, exist_ok=True)
        (folder / doc_id).write_text(text, encoding="utf-8")
    return folder


def test_a_folder_written_with_other_settings_is_refused_unless_overwrite(tmp_path, client, docs):
    from lint.archive import ArchiveError

    corpus = _write_corpus(tmp_path / "c", docs[:120])
    out = tmp_path / "out"
    lint_archive(corpus, out, scheduler=client, no_config=True, partition_size=10)
    assert len(list(out.glob("part-*.jsonl"))) == 12
    with pytest.raises(ArchiveError, match="other settings.*--overwrite"):
        lint_archive(corpus, out, scheduler=client, no_config=True, partition_size=50)
    summary = lint_archive(corpus, out, scheduler=client, no_config=True, partition_size=50, overwrite=True)
    assert sorted(p.name for p in out.glob("part-*.jsonl")) == [f"part-0000{i}.jsonl" for i in range(3)]
    assert len(list((out / "_stats").glob("*.json"))) == 3
    linter = Linter(load_config(no_config=True))
    want = expected_rows(linter, [(i, t.encode("utf-8"), None) for i, t in sorted(docs[:120])])  # folder walk order
    assert read_rows(out) == want and summary.documents == 120


def test_read_rows_counts_only_what_the_manifest_lists(tmp_path, client, docs):
    corpus = _write_corpus(tmp_path / "c", docs[:30])
    out = tmp_path / "out"
    lint_archive(corpus, out, scheduler=client, no_config=True, partition_size=10)
    want = read_rows(out)
    (out / "part-00007.jsonl").write_text(json.dumps({"id": "stale", "path": "stale", "error": "old"}) + "\n")
    assert read_rows(out) == want


def test_cli_refuses_a_folder_of_another_run_and_overwrite_replaces_it(tmp_path, client, docs):
    corpus = _write_corpus(tmp_path / "c", docs[:40])
    out = tmp_path / "out"
    addr = client.scheduler.address
    first = run_cli("archive", corpus, "--out", out, "--scheduler", addr, "--no-config", "--partition-size", "5")
    assert first.returncode in (0, 1), first.stderr.decode()
    refused = run_cli("archive", corpus, "--out", out, "--scheduler", addr, "--no-config", "--partition-size", "20")
    err = refused.stderr.decode()
    assert refused.returncode == 2 and "--overwrite" in err and "partition size 5" in err, err
    again = run_cli("archive", corpus, "--out", out, "--scheduler", addr, "--no-config", "--partition-size", "20", "--overwrite")
    assert again.returncode in (0, 1), again.stderr.decode()
    assert len(list(out.glob("part-*.jsonl"))) == 2


def test_partitions_are_chosen_from_the_input_size_and_the_workers(tmp_path):
    from lint.archive import auto_partition_size, plan_partitions

    assert auto_partition_size(1000, 2) <= 125  # a 1,000-file folder gives every worker several partitions
    assert 1000 / auto_partition_size(1000, 2) >= 8
    assert auto_partition_size(1000, 16) < auto_partition_size(1000, 2)
    assert auto_partition_size(5, 4) >= 1
    assert auto_partition_size(10_000_000, 2) <= 1000  # bounded: a partition's rows are held in memory
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(200):
        (corpus / f"{i:03d}.txt").write_text("Headline\n\nA line of text.\n")
    parts = plan_partitions(corpus, load_config(no_config=True), None, workers=2)
    assert len(parts) >= 8 and sum(len(p.args) for p in parts) == 200


def test_a_resumed_run_does_not_count_skipped_documents_in_its_rate(tmp_path, client, docs):
    corpus = _write_corpus(tmp_path / "c", docs[:60])
    out = tmp_path / "out"
    first = lint_archive(corpus, out, scheduler=client, no_config=True, partition_size=20)
    assert first.linted == 60 and first.docs_per_second > 0
    (out / "part-00001.jsonl").unlink()
    second = lint_archive(corpus, out, scheduler=client, no_config=True, partition_size=20)
    assert second.documents == 60 and second.linted == 20 and second.skipped == 2
    assert second.docs_per_second == pytest.approx(20 / second.elapsed)
    assert "20 linted" in second.text()
    third = lint_archive(corpus, out, scheduler=client, no_config=True, partition_size=20)
    assert third.linted == 0 and third.docs_per_second == 0


@pytest.mark.slow
def test_ctrl_c_prints_one_line_saying_how_to_resume(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "c"
    corpus.mkdir()
    page = (ROOT / "examples" / "zh-newspaper-page.txt").read_text(encoding="utf-8")
    for i in range(400):
        (corpus / f"{i:04d}.txt").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "lint.cli", "archive", str(corpus), "--out", str(out), "--no-config",
         "--workers", "2", "--partition-size", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
    )
    deadline = time.time() + 120
    while time.time() < deadline and not list(out.glob("part-*.jsonl")):
        time.sleep(0.2)
    assert list(out.glob("part-*.jsonl")), "no partition was written"
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    err = err.decode()
    assert proc.returncode == 130, err
    assert "CancelledError" not in err and "Traceback" not in err and "WARNING" not in err, err
    lines = [line for line in err.splitlines() if "interrupted" in line]
    assert len(lines) == 1 and "run the same command again to resume" in lines[0], err
