"""Lint large archives on a Dask (``dask.distributed``) cluster.

Install with ``pip install 'newslint[archive]'`` (add ``[parquet]`` for Parquet
input and output). See ``docs/archive.md``.

Python API::

    from lint.archive import lint_bag, lint_archive

    rows = lint_bag(bag_of_docs)                 # a dask.bag.Bag of row dicts
    summary = lint_archive("corpus.jsonl", "findings/", scheduler="local")

Rows (one per finding, plus one per document-level error) are:

* a finding: ``{"id": ..., **finding}`` where ``finding`` is exactly the object
  of ``newslint check --format json`` (``path``, ``rule``, ``code``,
  ``severity``, ``message``, ``line``, ``column``, ``end_line``,
  ``end_column``, ``offset``, ``end_offset``, ``related``, ``fix``). ``path``
  is the document id (for a folder: the file's path relative to the folder).
* an error: ``{"id": ..., "path": ..., "error": message}`` -- undecodable or
  unreadable input, a malformed JSON line, a rule that crashed, or any other
  exception while linting that one document.

``id`` is always a string. Documents are processed in a deterministic order
(inputs sorted), so partition ``k`` always holds the same documents and a rerun
into the same output folder skips partitions that are already written.

Workers build the :class:`~lint.run.engine.Linter` once per process (cached by a
fingerprint of the config), lazily, inside the first task. The merged config
and the *source* of every local plugin named in it travel with the tasks, so
workers on other machines load exactly the house rules the client loaded.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from lint import __version__
from lint.atomic import write_new
from lint.config import Config, ConfigError, load_config
from lint.model import Severity

PathLike = Union[str, "os.PathLike[str]"]

MANIFEST = "_SUCCESS"
STATS_DIR = "_stats"
RUN_FILE = "_run.json"  # the settings of the run that owns the folder, written before anything else
SCHEMA_VERSION = 1

# automatic partition size: about this many partitions per worker (load balance,
# a visible progress bar, little lost on a resume), within these bounds
PARTITIONS_PER_WORKER = 8
MAX_PARTITION_SIZE = 1000  # a partition's rows are held in memory on a worker

# Parquet output columns. ``related`` and ``fix`` hold the JSON text of the
# corresponding JSON-report values (``fix`` is null when there is none).
PARQUET_COLUMNS = [
    ("id", "string"),
    ("path", "string"),
    ("rule", "string"),
    ("code", "string"),
    ("severity", "string"),
    ("message", "string"),
    ("line", "int64"),
    ("column", "int64"),
    ("end_line", "int64"),
    ("end_column", "int64"),
    ("offset", "int64"),
    ("end_offset", "int64"),
    ("related", "string"),
    ("fix", "string"),
    ("error", "string"),
]


class ArchiveError(Exception):
    """A usage or input problem that stops the whole run (exit status 2)."""


class ArchiveInterrupted(Exception):
    """Ctrl-C: the partitions written so far are kept; the same command resumes."""

    def __init__(self, out: str, written: int, todo: int, total: int):
        self.out, self.written, self.todo, self.total = out, written, todo, total
        super().__init__(
            f"interrupted: {written} of {todo} partitions written this run ({total} in all) to {out}; "
            "run the same command again to resume (finished partitions are kept)"
        )


# --- the linting spec: what every task needs to build a Linter -----------------------


@dataclass(frozen=True)
class LintSpec:
    """The merged config plus the source of each local plugin, picklable and small."""

    data: dict
    plugins: tuple  # ((file name, source text), ...)
    fingerprint: str

    @classmethod
    def from_config(cls, cfg: Config) -> "LintSpec":
        blocked = set(cfg.blocked)
        plugins = []
        for p in cfg.plugins:
            if str(p) in blocked or p.stem in blocked:
                continue
            try:
                plugins.append((p.name, p.read_text(encoding="utf-8")))
            except OSError as err:
                raise ArchiveError(f"local plugin {str(p)!r}: cannot read: {err.strerror or err}") from None
        data = copy.deepcopy(cfg.data)
        data["plugins"] = []  # replaced by the shipped sources on the worker
        from . import i18n

        if i18n.get_language() != "en":  # the run's language (--lang, the locale): the workers write in it
            data["lang"] = i18n.get_language()
        blob = json.dumps([data, plugins], sort_keys=True, default=str).encode("utf-8")
        return cls(data, tuple(plugins), hashlib.sha256(blob).hexdigest()[:16])

    @property
    def fail_on(self) -> Severity:
        return Severity.parse(self.data.get("fail-on", "error"))


_LINTERS: dict = {}
_LINTERS_LOCK = threading.Lock()


def get_linter(spec: LintSpec):
    """The process-wide Linter for ``spec``: built on first use, then reused."""
    linter = _LINTERS.get(spec.fingerprint)
    if linter is not None:
        return linter
    with _LINTERS_LOCK:
        linter = _LINTERS.get(spec.fingerprint)
        if linter is None:
            linter = _LINTERS[spec.fingerprint] = _build_linter(spec)
    return linter


def _build_linter(spec: LintSpec):
    from lint.run.engine import Linter

    data = copy.deepcopy(spec.data)
    paths = []
    if spec.plugins:
        base = Path(tempfile.gettempdir()) / f"newslint-plugins-{spec.fingerprint}"
        for i, (name, source) in enumerate(spec.plugins):
            folder = base / str(i)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / name
            if not target.is_file() or target.read_text(encoding="utf-8") != source:
                write_new(str(target), source)
            paths.append(str(target))
    data["plugins"] = paths
    # located=[]: the config was validated on the client already
    cfg = Config(data, Path.cwd(), ["<shipped config>"], {}, [])
    return Linter(cfg)


# --- linting documents ---------------------------------------------------------------


@dataclass
class Doc:
    """One input document. ``data`` is bytes (decoded like a file) or str (already text)."""

    id: str
    data: Any = None
    path: Optional[str] = None  # display path; defaults to the id
    rel: Optional[str] = None  # path for per-file config overrides; defaults to the display path
    error: Optional[str] = None  # set when the document could not even be read
    size: int = 0


def _error_row(doc_id: str, path: str, message: str) -> dict:
    return {"id": doc_id, "path": path, "error": message}


def lint_doc(linter, doc: Doc, lang: Optional[str] = None) -> list[dict]:
    """Rows for one document, messages in ``lang`` (default English). Never
    raises: any failure becomes an error row."""
    from lint.api import ReadError
    from lint.i18n import localize_findings, message_of, render

    path = doc.path if doc.path is not None else doc.id
    if doc.error is not None:
        return [_error_row(doc.id, path, doc.error)]
    try:
        if isinstance(doc.data, str):
            try:
                document = linter.read_text(doc.data, path)
            except UnicodeEncodeError as err:
                return [_error_row(doc.id, path, f"undecodable text: {err.reason} at character {err.start}")]
            findings, errors = linter.lint_document(document, path, doc.rel)
        elif isinstance(doc.data, (bytes, bytearray, memoryview)):
            findings, errors = linter.lint_bytes(bytes(doc.data), path, doc.rel)
        else:
            return [_error_row(doc.id, path, f"no text: expected a string, got {type(doc.data).__name__}")]
    except ReadError as err:
        return [_error_row(doc.id, path, render(message_of(err), lang or "en"))]
    except Exception as err:  # noqa: BLE001 - one document must never stop the job
        return [_error_row(doc.id, path, f"internal error: {type(err).__name__}: {err}")]
    rows = [{"id": doc.id, **f.to_dict()} for f in localize_findings(findings, lang or "en")]
    rows.extend(_error_row(doc.id, e.path, render(e.message, lang or "en")) for e in errors)
    return rows


def _as_doc(item: Any) -> Doc:
    if isinstance(item, Doc):
        return item
    if isinstance(item, dict):
        doc_id = item.get("id")
        if doc_id is None:
            return Doc(id="", error="document has no 'id'", path="")
        doc_id = str(doc_id)
        if "text" not in item:
            return Doc(id=doc_id, error="document has no 'text'")
        return Doc(id=doc_id, data=item["text"], path=item.get("path"), rel=item.get("rel"))
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return Doc(id=str(item[0]), data=item[1])
    return Doc(
        id=repr(item)[:80], error=f"not a document: {type(item).__name__} (expected a dict with 'id' and 'text')"
    )


def _lint_partition(items: Iterable, spec: LintSpec) -> list[dict]:
    linter = get_linter(spec)
    rows: list[dict] = []
    for item in items:
        try:
            doc = _as_doc(item)
        except Exception as err:  # noqa: BLE001
            doc = Doc(id="?", error=f"not a document: {type(err).__name__}: {err}")
        rows.extend(lint_doc(linter, doc, spec.data.get("lang")))
    return rows


def make_spec(
    config_path: Optional[PathLike] = None, no_config: bool = False, config: Optional[Config] = None
) -> LintSpec:
    """Load (and validate, by building a Linter here) the config, as ``newslint check`` does."""
    from lint.run.engine import Linter

    cfg = config if config is not None else load_config(config_path, no_config=no_config)
    Linter(cfg)  # raises ConfigError / PluginError now, on the client, not on every worker
    return LintSpec.from_config(cfg)


def lint_bag(bag, config_path: Optional[PathLike] = None, no_config: bool = False, *, config: Optional[Config] = None):
    """Lint a ``dask.bag.Bag`` of documents; return a Bag of rows (see the module doc).

    A document is a dict with ``id`` and ``text`` (``str``: already decoded, or
    ``bytes``: decoded like a file, with BOM detection and the config's
    ``encoding``), optionally ``path`` (the path reported and used to pick a
    reader, default: the id) and ``rel`` (the path matched by config
    ``overrides``, default: ``path``); or an ``(id, text)`` pair.
    """
    spec = make_spec(config_path, no_config, config)
    return bag.map_partitions(_lint_partition, spec)


# --- inputs: deterministic partitions ------------------------------------------------


@dataclass(frozen=True)
class Partition:
    index: int
    kind: str  # "files", "jsonl", "parquet"
    args: tuple

    def key(self) -> str:
        return hashlib.sha256(json.dumps([self.kind, self.args], default=str).encode("utf-8")).hexdigest()[:16]


def auto_partition_size(n_docs: int, workers: int) -> int:
    """Documents per partition for ``n_docs`` documents on ``workers`` workers:
    about PARTITIONS_PER_WORKER partitions each, at most MAX_PARTITION_SIZE."""
    workers = max(1, int(workers or 1))
    size = -(-max(0, n_docs) // (workers * PARTITIONS_PER_WORKER))  # ceiling division
    return max(1, min(MAX_PARTITION_SIZE, size))


class Plan(list):
    """The partitions of an input (a list), with the documents per partition used."""

    size: int = 0


def _file_partitions(source: str, cfg: Config, size: Optional[int], workers: int) -> Plan:
    from lint.run.files import iter_files

    top = os.path.abspath(source)
    entries = []
    for _display, real, rel, error in iter_files([source], cfg):
        doc_id = Path(os.path.relpath(os.path.abspath(real), top)).as_posix()
        entries.append((doc_id, os.path.abspath(real), rel, error))
    size = size or auto_partition_size(len(entries), workers)
    # iter_files walks each folder in sorted order: the same order as `newslint check`
    plan = Plan(Partition(i, "files", tuple(entries[s : s + size])) for i, s in enumerate(range(0, len(entries), size)))
    plan.size = size
    return plan


def _count_lines(files: list[str]) -> int:
    n = 0
    for path in files:
        last = b"\n"
        with open(path, "rb") as fh:
            while True:
                block = fh.read(1 << 24)
                if not block:
                    break
                n += block.count(b"\n")
                last = block[-1:]
        n += last != b"\n"  # a last line without a newline
    return n


def _jsonl_files(source: str) -> list[str]:
    if os.path.isdir(source):
        out: list[str] = []
        for dirpath, dirnames, filenames in os.walk(source):
            dirnames.sort()
            out.extend(
                os.path.join(dirpath, f)
                for f in filenames
                if f.endswith((".jsonl", ".ndjson")) and not f.startswith((".", "_"))
            )
        return sorted(os.path.abspath(p) for p in out)
    return [os.path.abspath(source)]


def _jsonl_partitions(files: list[str], size: int) -> list[Partition]:
    """Byte ranges of ``size`` lines each (blank lines included), per file."""
    parts: list[Partition] = []
    chunk = 1 << 24
    for path in files:
        start, first_line, lines, pos = 0, 1, 0, 0
        with open(path, "rb") as fh:
            while True:
                block = fh.read(chunk)
                if not block:
                    break
                n = block.count(b"\n")
                if lines + n < size:
                    lines += n
                    pos += len(block)
                    continue
                i = 0
                while True:
                    j = block.find(b"\n", i)
                    if j < 0:
                        break
                    lines += 1
                    i = j + 1
                    if lines == size:
                        end = pos + i
                        parts.append(Partition(len(parts), "jsonl", (path, start, end, first_line)))
                        start, first_line, lines = end, first_line + size, 0
                pos += len(block)
        if pos > start:
            parts.append(Partition(len(parts), "jsonl", (path, start, pos, first_line)))
    return parts


def _parquet_files(source: str) -> list[str]:
    if os.path.isdir(source):
        out: list[str] = []
        for dirpath, dirnames, filenames in os.walk(source):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            out.extend(
                os.path.join(dirpath, f)
                for f in filenames
                if f.endswith((".parquet", ".parq")) and not f.startswith((".", "_"))
            )
        return sorted(os.path.abspath(p) for p in out)
    return [os.path.abspath(source)]


def _parquet_partitions(files: list[str], size: int) -> list[Partition]:
    import pyarrow.parquet as pq

    parts: list[Partition] = []
    for path in files:
        meta = pq.ParquetFile(path).metadata
        names = set(meta.schema.names)
        if not {"id", "text"} <= names:
            raise ArchiveError(
                f"{path}: a Parquet input needs 'id' and 'text' columns (has: {', '.join(sorted(names))})"
            )
        for s in range(0, meta.num_rows, size):
            parts.append(Partition(len(parts), "parquet", (path, s, min(s + size, meta.num_rows))))
    return parts


def _detect(source: str) -> str:
    if not os.path.exists(source):
        raise ArchiveError(f"{source}: no such file or directory")
    if os.path.isdir(source):
        # the first visible file decides (a folder of files may be huge: do not walk it twice)
        for dirpath, dirnames, filenames in os.walk(source):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            for f in sorted(filenames):
                if f.startswith((".", "_")):
                    continue
                if f.endswith((".parquet", ".parq")):
                    return "parquet"
                if f.endswith((".jsonl", ".ndjson")):
                    return "jsonl"
                return "files"
        return "files"
    if source.endswith((".parquet", ".parq")):
        return "parquet"
    if source.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    raise ArchiveError(f"{source}: not a folder, a JSON-lines file (.jsonl) or a Parquet file (.parquet)")


def plan_partitions(
    source: PathLike,
    cfg: Config,
    partition_size: Optional[int] = None,
    input_format: str = "auto",
    workers: Optional[int] = None,
) -> Plan:
    """Split the input into deterministic partitions of ``partition_size``
    documents; None chooses the size from the number of documents and
    ``workers`` (see :func:`auto_partition_size`)."""
    source = os.fspath(source)
    if partition_size is not None and partition_size < 1:
        raise ArchiveError("partition size must be at least 1")
    workers = workers or os.cpu_count() or 1
    kind = _detect(source) if input_format == "auto" else input_format
    if kind == "files":
        if not os.path.isdir(source):
            raise ArchiveError(f"{source}: not a folder")
        return _file_partitions(source, cfg, partition_size, workers)
    if kind == "jsonl":
        files = _jsonl_files(source)
        size = partition_size or auto_partition_size(_count_lines(files), workers)
        plan = Plan(_jsonl_partitions(files, size))
        plan.size = size
        return plan
    if kind == "parquet":
        try:
            import pyarrow  # noqa: F401
            import pyarrow.parquet as pq
        except ImportError:
            raise ArchiveError("Parquet input needs pyarrow: pip install 'newslint[parquet]'") from None
        files = _parquet_files(source)
        if partition_size is None:
            rows = 0
            for path in files:
                rows += pq.ParquetFile(path).metadata.num_rows
            partition_size = auto_partition_size(rows, workers)
        plan = Plan(_parquet_partitions(files, partition_size))
        plan.size = partition_size
        return plan
    raise ArchiveError(f"unknown input format {input_format!r} (use auto, files, jsonl or parquet)")


def read_partition(part: Partition) -> Iterator[Doc]:
    """The documents of one partition. Reading problems become per-document errors."""
    if part.kind == "files":
        for doc_id, real, rel, error in part.args:
            if error is not None:
                yield Doc(doc_id, path=doc_id, rel=rel, error=error)
                continue
            from lint.run.files import read_file

            data, problem = read_file(real)  # never blocks: a named pipe is refused, not waited on
            if problem is not None:
                yield Doc(doc_id, path=doc_id, rel=rel, error=problem)
                continue
            assert data is not None  # read_file gives bytes or a problem
            yield Doc(doc_id, data, path=doc_id, rel=rel, size=len(data))
    elif part.kind == "jsonl":
        path, start, end, first_line = part.args
        with open(path, "rb") as fh:
            fh.seek(start)
            blob = fh.read(end - start)
        for lineno, line in enumerate(blob.split(b"\n"), first_line):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except (ValueError, UnicodeDecodeError) as err:
                yield Doc(where, error=f"malformed JSON line: {err}", size=len(line))
                continue
            if not isinstance(obj, dict) or obj.get("id") is None or "text" not in obj:
                yield Doc(where, error="a JSON line needs an object with 'id' and 'text'", size=len(line))
                continue
            # only id and text: other fields (a dataset's own "path", say) are not ours
            yield Doc(str(obj["id"]), obj["text"], size=len(line))
    elif part.kind == "parquet":
        import pyarrow.parquet as pq

        path, s, e = part.args
        pf = pq.ParquetFile(path)
        meta = pf.metadata
        groups, offset, first = [], 0, None
        for g in range(meta.num_row_groups):
            n = meta.row_group(g).num_rows
            if offset + n > s and offset < e:
                groups.append(g)
                if first is None:
                    first = offset
            offset += n
        table = pf.read_row_groups(groups, columns=["id", "text"]) if groups else None
        if table is None:
            return
        table = table.slice(s - first, e - s)
        ids = table.column("id").to_pylist()
        texts = table.column("text").to_pylist()
        for k, (doc_id, text) in enumerate(zip(ids, texts)):
            if doc_id is None:
                yield Doc(f"{path}#{s + k}", error="null id")
                continue
            size = len(text) if isinstance(text, (bytes, str)) else 0
            yield Doc(str(doc_id), text, size=size)
    else:  # pragma: no cover
        raise ArchiveError(f"unknown partition kind {part.kind!r}")


# --- output --------------------------------------------------------------------------


def part_name(index: int, output_format: str) -> str:
    return f"part-{index:05d}." + ("jsonl" if output_format == "jsonl" else "parquet")


def encode_jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def encode_parquet(rows: list[dict]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(n, getattr(pa, t)()) for n, t in PARQUET_COLUMNS])
    cols: dict = {n: [] for n, _ in PARQUET_COLUMNS}
    for r in rows:
        for n, _t in PARQUET_COLUMNS:
            v = r.get(n)
            if n == "related" and "error" not in r:
                v = json.dumps(v, ensure_ascii=False)
            elif n == "fix" and v is not None:
                v = json.dumps(v, ensure_ascii=False)
            cols[n].append(v)
    table = pa.table(cols, schema=schema)
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def parquet_rows(path: PathLike) -> list[dict]:
    """Read a Parquet part back into the same row dicts as the JSON-lines output."""
    import pyarrow.parquet as pq

    out = []
    for r in pq.read_table(os.fspath(path)).to_pylist():
        if r.get("error") is not None:
            out.append({"id": r["id"], "path": r["path"], "error": r["error"]})
            continue
        r.pop("error", None)
        r["related"] = json.loads(r["related"]) if r["related"] is not None else []
        r["fix"] = json.loads(r["fix"]) if r["fix"] is not None else None
        out.append(r)
    return out


def _stats_path(out: str, index: int) -> str:
    return os.path.join(out, STATS_DIR, f"part-{index:05d}.json")


def run_partition(part: Partition, spec: LintSpec, out: str, output_format: str) -> dict:
    """Lint one partition and write it atomically; return its stats."""
    t0, c0 = time.perf_counter(), time.process_time()
    linter = get_linter(spec)
    rows: list[dict] = []
    docs = nbytes = 0
    try:
        for doc in read_partition(part):
            docs += 1
            nbytes += doc.size
            rows.extend(lint_doc(linter, doc, spec.data.get("lang")))
    except Exception as err:  # noqa: BLE001 - e.g. a vanished input file: keep what was read
        docs += 1
        where = part.args[0] if part.kind != "files" else "?"
        rows.append(
            _error_row(f"{where}#partition-{part.index}", str(where), f"cannot read input: {type(err).__name__}: {err}")
        )
    fail_on = spec.fail_on
    by_sev: dict = {}
    for r in rows:
        if "error" not in r:
            by_sev[r["severity"]] = by_sev.get(r["severity"], 0) + 1
    stats = {
        "partition": part.index,
        "file": part_name(part.index, output_format),
        "input": part.key(),
        "config": spec.fingerprint,
        "documents": docs,
        "bytes": nbytes,
        "findings": sum(by_sev.values()),
        "failing": sum(n for s, n in by_sev.items() if Severity.parse(s) >= fail_on),
        "errors": sum(1 for r in rows if "error" in r),
        "by_severity": by_sev,
        "seconds": 0.0,
        "cpu_seconds": 0.0,
        "worker_pid": os.getpid(),
    }
    data = encode_jsonl(rows) if output_format == "jsonl" else encode_parquet(rows)
    stats["seconds"] = round(time.perf_counter() - t0, 4)
    stats["cpu_seconds"] = round(time.process_time() - c0, 4)
    os.makedirs(os.path.join(out, STATS_DIR), exist_ok=True)
    # stats first, data last: a partition is done when its data file exists
    write_new(_stats_path(out, part.index), json.dumps(stats), sync=True)
    write_new(os.path.join(out, stats["file"]), data, sync=True)
    return stats


def _done(out: str, part: Partition, spec: LintSpec, output_format: str) -> Optional[dict]:
    """The stats of a partition already written by an equivalent run, else None."""
    if not os.path.isfile(os.path.join(out, part_name(part.index, output_format))):
        return None
    try:
        with open(_stats_path(out, part.index), encoding="utf-8") as fh:
            stats = json.load(fh)
    except (OSError, ValueError):
        return None
    if stats.get("input") != part.key() or stats.get("config") != spec.fingerprint:
        return None
    return stats


# --- the driver ----------------------------------------------------------------------


@dataclass
class Summary:
    documents: int = 0
    bytes: int = 0
    findings: int = 0
    failing: int = 0  # findings at or above fail-on
    errors: int = 0
    partitions: int = 0
    written: int = 0
    skipped: int = 0
    elapsed: float = 0.0
    out: str = ""
    dashboard: Optional[str] = None
    by_severity: dict = field(default_factory=dict)
    written_files: list = field(default_factory=list)
    linted: int = 0  # documents linted by this run (not in partitions skipped as already written)
    linted_bytes: int = 0
    partition_size: int = 0

    @property
    def docs_per_second(self) -> float:
        """This run's rate: skipped partitions took no time and do not count."""
        return self.linted / self.elapsed if self.elapsed else 0.0

    @property
    def exit_status(self) -> int:
        if self.errors:
            return 2
        return 1 if self.failing else 0

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "bytes": self.bytes,
            "findings": self.findings,
            "failing": self.failing,
            "errors": self.errors,
            "by_severity": self.by_severity,
            "partitions": self.partitions,
            "partition_size": self.partition_size,
            "written": self.written,
            "skipped": self.skipped,
            "linted": self.linted,
            "elapsed": round(self.elapsed, 3),
            "docs_per_second": round(self.docs_per_second, 1),
        }

    def text(self) -> str:
        mb = self.bytes / 1e6
        rate = f"{self.docs_per_second:,.0f} docs/s, {self.linted_bytes / 1e6 / self.elapsed if self.elapsed else 0:,.1f} MB/s"
        return (
            f"{self.documents:,} documents ({mb:,.1f} MB), {self.findings:,} findings, {self.errors:,} errors; "
            f"{self.partitions} partitions of {self.partition_size:,}: {self.written} written, {self.skipped} skipped; "
            f"{self.linted:,} linted in {self.elapsed:,.1f} s ({rate}) -> {self.out}"
        )


def _client_for(scheduler, workers: Optional[int]):
    """(client, cluster-or-None). ``scheduler``: 'local', an address, or a Client."""
    from dask.distributed import Client, LocalCluster

    if scheduler is None or scheduler == "local":
        import signal

        n = workers or os.cpu_count() or 1
        # worker processes inherit an ignored SIGINT: Ctrl-C in the terminal reaches
        # the whole process group, and only this process should handle it
        old = (
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            if threading.current_thread() is threading.main_thread()
            else None
        )
        try:
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
        finally:
            if old is not None:
                signal.signal(signal.SIGINT, old)
        return Client(cluster), cluster
    if isinstance(scheduler, str):
        return Client(scheduler), None
    return scheduler, None  # a Client (or anything with submit/gather)


def _worker_count(client, fallback: int) -> int:
    try:
        info = client.scheduler_info()
        n = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
        return n or fallback
    except Exception:  # noqa: BLE001 - a stand-in client without scheduler_info
        return fallback


def _quiet_dask() -> None:
    """After Ctrl-C: no tracebacks or CancelledError warnings from Dask's shutdown."""
    import logging

    prefixes = ("distributed", "asyncio", "tornado")
    names = [n for n in list(logging.root.manager.loggerDict) if n.split(".")[0] in prefixes]
    for name in set(names) | set(prefixes):  # children too: Dask sets some levels explicitly
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def _settings(source: str, output_format: str, size: int) -> dict:
    return {"version": SCHEMA_VERSION, "source": source, "output_format": output_format, "partition_size": size}


def _previous_settings(out: str) -> Optional[dict]:
    """The settings of the run that wrote ``out``; {} when it holds newslint
    output of unknown settings; None when it holds none."""
    for name in (RUN_FILE, MANIFEST):
        try:
            with open(os.path.join(out, name), encoding="utf-8") as fh:
                doc = json.load(fh)
            return {k: doc.get(k) for k in ("source", "output_format", "partition_size")}
        except (OSError, ValueError, AttributeError):
            continue
    try:
        names = os.listdir(out)
    except OSError:
        return None
    return {} if any(n.startswith("part-") or n == STATS_DIR for n in names) else None


def _clear_output(out: str, keep: set) -> None:
    """Remove newslint's own files in ``out`` that are not in ``keep`` (never anything else)."""
    for name in os.listdir(out):
        if name.startswith("part-") and name.endswith((".jsonl", ".parquet")) and name not in keep:
            os.unlink(os.path.join(out, name))
    stems = {k.rsplit(".", 1)[0] for k in keep}
    stats = os.path.join(out, STATS_DIR)
    for name in os.listdir(stats) if os.path.isdir(stats) else ():
        if name.startswith("part-") and name.endswith(".json") and name[: -len(".json")] not in stems:
            os.unlink(os.path.join(stats, name))


def _describe_difference(prev: dict, now: dict) -> str:
    if not prev:
        return "settings not recorded"
    out = []
    if prev.get("source") != now["source"]:
        out.append(f"source {prev.get('source')}")
    if prev.get("output_format") != now["output_format"]:
        out.append(f"output format {prev.get('output_format')}")
    if prev.get("partition_size") != now["partition_size"]:
        out.append(f"partition size {prev.get('partition_size')}")
    return ", ".join(out)


def lint_archive(
    source: PathLike,
    out: PathLike,
    scheduler: Any = "local",
    output_format: str = "jsonl",
    partition_size: Optional[int] = None,
    config_path: Optional[PathLike] = None,
    no_config: bool = False,
    *,
    config: Optional[Config] = None,
    workers: Optional[int] = None,
    input_format: str = "auto",
    progress: Optional[bool] = None,
    overwrite: bool = False,
    log=None,
) -> Summary:
    """Lint a folder of files, a JSON-lines file/folder or a Parquet dataset on Dask.

    Writes ``out/part-NNNNN.jsonl`` (or ``.parquet``), one per input partition
    of ``partition_size`` documents (None: chosen from the number of documents
    and workers), each atomically; per-partition stats in ``out/_stats/``; and
    ``out/_SUCCESS`` (a JSON manifest) when every partition is written.

    A run owns its output folder: a folder written with other settings (source,
    output format, partition size) is refused with ArchiveError unless
    ``overwrite``, which clears newslint's files in it first. With the same
    settings, partitions already written by an equivalent run (same documents,
    same config) are skipped: that is how an interrupted run resumes (with an
    automatic size, the size recorded in the folder is reused). Ctrl-C raises
    :class:`ArchiveInterrupted`. ``progress``: a bar on stderr (None: when
    stderr is a terminal). Returns a :class:`Summary`.
    """
    if output_format not in ("jsonl", "parquet"):
        raise ArchiveError(f"unknown output format {output_format!r} (use jsonl or parquet)")
    if output_format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ArchiveError("Parquet output needs pyarrow: pip install 'newslint[parquet]'") from None
    log = log or (lambda msg: None)
    t0 = time.perf_counter()
    cfg = config if config is not None else load_config(config_path, no_config=no_config)
    spec = make_spec(config=cfg)
    out = os.path.abspath(os.fspath(out))
    src = os.path.abspath(os.fspath(source))
    prev = None if overwrite else _previous_settings(out)
    client = cluster = None
    try:
        size = partition_size
        if size is None and prev and prev.get("source") == src and prev.get("output_format") == output_format:
            size = prev.get("partition_size")  # resume with the size the folder was written with
        n_workers = workers or os.cpu_count() or 1
        if size is None and scheduler not in (None, "local"):
            client, cluster = _client_for(scheduler, workers)
            n_workers = _worker_count(client, n_workers)
        parts = plan_partitions(source, cfg, size, input_format, workers=n_workers)
        size = parts.size if isinstance(parts, Plan) else size
        now = _settings(src, output_format, size)
        if prev is not None and {k: prev.get(k) for k in now if k != "version"} != {
            k: now[k] for k in now if k != "version"
        }:
            raise ArchiveError(
                f"{out} holds the output of a run with other settings ({_describe_difference(prev, now)}); "
                "pass --overwrite to replace it, or choose another --out"
            )
        os.makedirs(out, exist_ok=True)
        manifest = os.path.join(out, MANIFEST)
        if os.path.exists(manifest):
            os.unlink(manifest)
        # the run owns the folder: stale partitions (another size, another format, fewer inputs) go
        _clear_output(out, {part_name(p.index, output_format) for p in parts} if prev is not None else set())
        write_new(os.path.join(out, RUN_FILE), json.dumps(now) + "\n", sync=True)
        for folder in (out, os.path.join(out, STATS_DIR)):  # leftovers of a killed run
            for name in os.listdir(folder) if os.path.isdir(folder) else ():
                if name.startswith(".part-") and name.endswith(".tmp"):
                    try:
                        os.unlink(os.path.join(folder, name))
                    except OSError:
                        pass

        summary = Summary(partitions=len(parts), out=out, partition_size=size or 0)
        results: list[dict] = []
        todo = []
        for p in parts:
            st = _done(out, p, spec, output_format)
            if st is None:
                todo.append(p)
            else:
                results.append(st)
                summary.skipped += 1

        if todo:
            if client is None:
                client, cluster = _client_for(scheduler, workers)
            new = _run_partitions(client, todo, spec, out, output_format, parts, summary, progress, log)
            results.extend(new)
            summary.written = len(new)
            summary.written_files = sorted(s["file"] for s in new)
            summary.linted = sum(s["documents"] for s in new)
            summary.linted_bytes = sum(s["bytes"] for s in new)
    finally:
        if cluster is not None and client is not None:  # (_client_for makes a client for every cluster)
            client.close()
            cluster.close()

    results.sort(key=lambda s: s["partition"])
    for st in results:
        summary.documents += st["documents"]
        summary.bytes += st["bytes"]
        summary.findings += st["findings"]
        summary.failing += st["failing"]
        summary.errors += st["errors"]
        for sev, n in st["by_severity"].items():
            summary.by_severity[sev] = summary.by_severity.get(sev, 0) + n
    summary.elapsed = time.perf_counter() - t0
    doc = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "newslint", "version": __version__},
        "source": src,
        "output_format": output_format,
        "partition_size": size,
        "config": spec.fingerprint,
        "fail_on": str(spec.fail_on),
        "summary": summary.to_dict(),
        "partitions": [{k: st[k] for k in ("partition", "file", "documents", "findings", "errors")} for st in results],
    }
    write_new(manifest, json.dumps(doc, indent=1) + "\n", sync=True)
    return summary


def _partition_docs(part: Partition) -> int:
    if part.kind == "files":
        return len(part.args)
    if part.kind == "parquet":
        return part.args[2] - part.args[1]
    return 0  # jsonl: lines are counted as they are read


def _run_partitions(client, todo, spec, out, output_format, parts, summary, progress, log) -> list[dict]:
    """Submit the partitions, follow them (a progress bar on a terminal), gather
    their stats. Ctrl-C cancels what is left and raises ArchiveInterrupted."""
    from dask.distributed import as_completed

    from lint.progress import Progress

    summary.dashboard = getattr(client, "dashboard_link", None)
    if summary.dashboard:
        log(f"dashboard: {summary.dashboard}")
    log(f"{len(parts)} partitions ({summary.skipped} already written), {len(todo)} to lint")
    futures = []
    done: list[dict] = []
    try:
        futures = client.map(run_partition, todo, spec=spec, out=out, output_format=output_format, pure=False)
        total_docs = sum(_partition_docs(p) for p in todo)
        with Progress(
            total=total_docs or len(todo), unit="doc" if total_docs else "part", desc="archive", enabled=progress
        ) as bar:
            step = max(1, len(todo) // 10)
            for k, f in enumerate(as_completed(futures), 1):
                st = f.result()
                done.append(st)
                bar.update(st["documents"] if total_docs else 1)
                if not bar.shown and (k % step == 0 or k == len(todo)):
                    log(f"{k}/{len(todo)} partitions written")
    except KeyboardInterrupt:
        _quiet_dask()
        try:
            client.run(_quiet_dask)  # the workers would log each cancelled task
        except Exception:  # noqa: BLE001
            pass
        try:
            client.cancel(futures)
        except Exception:  # noqa: BLE001
            pass
        raise ArchiveInterrupted(out, len(done), len(todo), len(parts)) from None
    return done


def read_rows(out: PathLike) -> list[dict]:
    """Every row of an output folder, in partition order (JSON-lines or Parquet).
    When the run finished (``_SUCCESS``), only the partitions its manifest lists."""
    out = os.fspath(out)
    rows: list[dict] = []
    listed = None
    try:
        with open(os.path.join(out, MANIFEST), encoding="utf-8") as fh:
            listed = {p["file"] for p in json.load(fh)["partitions"]}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    for name in sorted(os.listdir(out)):
        if listed is not None and name not in listed:
            continue
        if name.startswith("part-") and name.endswith(".jsonl"):
            with open(os.path.join(out, name), encoding="utf-8") as fh:
                rows.extend(json.loads(line) for line in fh if line.strip())
        elif name.startswith("part-") and name.endswith(".parquet"):
            rows.extend(parquet_rows(os.path.join(out, name)))
    return rows


# --- CLI -----------------------------------------------------------------------------


def main(args) -> int:
    """``newslint archive``: see ``lint.cli``."""
    from lint.manager import PluginError

    def log(msg: str) -> None:
        print(f"newslint: {msg}", file=sys.stderr, flush=True)

    try:
        import dask.distributed  # noqa: F401
    except ImportError as err:
        log(f"archive mode needs Dask: pip install 'newslint[archive]' ({err})")
        return 2
    if args.workers is not None and args.workers < 1:
        log("--workers must be at least 1")
        return 2
    try:
        summary = lint_archive(
            args.source,
            args.out,
            scheduler=args.scheduler,
            workers=args.workers,
            output_format=args.output_format,
            partition_size=args.partition_size,
            config_path=args.config,
            no_config=args.no_config,
            log=log,
            overwrite=getattr(args, "overwrite", False),
            progress=False if getattr(args, "quiet", False) else None,
        )
    except ArchiveInterrupted as err:
        log(str(err))
        return 130
    except KeyboardInterrupt:  # before any partition was submitted
        _quiet_dask()
        log(f"interrupted before linting began; nothing written to {args.out}")
        return 130
    except (ArchiveError, ConfigError, PluginError) as err:
        log(str(err))
        return 2
    except OSError as err:
        if getattr(err, "filename", None):
            log(f"{err.filename}: {err.strerror or err}")
        else:
            log(f"archive run failed: {type(err).__name__}: {err}")
        return 2
    except Exception as err:  # noqa: BLE001 - e.g. cannot reach the scheduler, a worker lost
        log(f"archive run failed: {type(err).__name__}: {err}")
        return 2
    log(summary.text())
    return summary.exit_status
