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

Workers build the :class:`~lint.engine.Linter` once per process (cached by a
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

from . import __version__
from .config import Config, ConfigError, load_config
from .model import Severity

PathLike = Union[str, "os.PathLike[str]"]

MANIFEST = "_SUCCESS"
STATS_DIR = "_stats"
SCHEMA_VERSION = 1

# Parquet output columns. ``related`` and ``fix`` hold the JSON text of the
# corresponding JSON-report values (``fix`` is null when there is none).
PARQUET_COLUMNS = [
    ("id", "string"), ("path", "string"), ("rule", "string"), ("code", "string"),
    ("severity", "string"), ("message", "string"),
    ("line", "int64"), ("column", "int64"), ("end_line", "int64"), ("end_column", "int64"),
    ("offset", "int64"), ("end_offset", "int64"),
    ("related", "string"), ("fix", "string"), ("error", "string"),
]


class ArchiveError(Exception):
    """A usage or input problem that stops the whole run (exit status 2)."""


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
    from .engine import Linter

    data = copy.deepcopy(spec.data)
    paths = []
    if spec.plugins:
        base = Path(tempfile.gettempdir()) / f"newslint-plugins-{spec.fingerprint}"
        for i, (name, source) in enumerate(spec.plugins):
            folder = base / str(i)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / name
            if not target.is_file() or target.read_text(encoding="utf-8") != source:
                tmp = folder / f".{name}.{os.getpid()}.tmp"
                tmp.write_text(source, encoding="utf-8")
                os.replace(tmp, target)
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


def lint_doc(linter, doc: Doc) -> list[dict]:
    """Rows for one document. Never raises: any failure becomes an error row."""
    from .api import ReadError

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
        return [_error_row(doc.id, path, str(err))]
    except Exception as err:  # noqa: BLE001 - one document must never stop the job
        return [_error_row(doc.id, path, f"internal error: {type(err).__name__}: {err}")]
    rows = [{"id": doc.id, **f.to_dict()} for f in findings]
    rows.extend(_error_row(doc.id, e.path, e.message) for e in errors)
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
    return Doc(id=repr(item)[:80], error=f"not a document: {type(item).__name__} (expected a dict with 'id' and 'text')")


def _lint_partition(items: Iterable, spec: LintSpec) -> list[dict]:
    linter = get_linter(spec)
    rows: list[dict] = []
    for item in items:
        try:
            doc = _as_doc(item)
        except Exception as err:  # noqa: BLE001
            doc = Doc(id="?", error=f"not a document: {type(err).__name__}: {err}")
        rows.extend(lint_doc(linter, doc))
    return rows


def make_spec(config_path: Optional[PathLike] = None, no_config: bool = False, config: Optional[Config] = None) -> LintSpec:
    """Load (and validate, by building a Linter here) the config, as ``newslint check`` does."""
    from .engine import Linter

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


def _file_partitions(source: str, cfg: Config, size: int) -> list[Partition]:
    from .engine import iter_files

    top = os.path.abspath(source)
    entries = []
    for _display, real, rel, error in iter_files([source], cfg):
        doc_id = Path(os.path.relpath(os.path.abspath(real), top)).as_posix()
        entries.append((doc_id, os.path.abspath(real), rel, error))
    # iter_files walks each folder in sorted order: the same order as `newslint check`
    return [Partition(i, "files", tuple(entries[s:s + size])) for i, s in enumerate(range(0, len(entries), size))]


def _jsonl_files(source: str) -> list[str]:
    if os.path.isdir(source):
        out = []
        for dirpath, dirnames, filenames in os.walk(source):
            dirnames.sort()
            out.extend(os.path.join(dirpath, f) for f in filenames if f.endswith((".jsonl", ".ndjson")) and not f.startswith((".", "_")))
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
        out = []
        for dirpath, dirnames, filenames in os.walk(source):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            out.extend(os.path.join(dirpath, f) for f in filenames if f.endswith((".parquet", ".parq")) and not f.startswith((".", "_")))
        return sorted(os.path.abspath(p) for p in out)
    return [os.path.abspath(source)]


def _parquet_partitions(files: list[str], size: int) -> list[Partition]:
    import pyarrow.parquet as pq

    parts: list[Partition] = []
    for path in files:
        meta = pq.ParquetFile(path).metadata
        names = set(meta.schema.names)
        if not {"id", "text"} <= names:
            raise ArchiveError(f"{path}: a Parquet input needs 'id' and 'text' columns (has: {', '.join(sorted(names))})")
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


def plan_partitions(source: PathLike, cfg: Config, partition_size: int = 1000, input_format: str = "auto") -> list[Partition]:
    """Split the input into deterministic partitions of ``partition_size`` documents."""
    source = os.fspath(source)
    if partition_size < 1:
        raise ArchiveError("partition size must be at least 1")
    kind = _detect(source) if input_format == "auto" else input_format
    if kind == "files":
        if not os.path.isdir(source):
            raise ArchiveError(f"{source}: not a folder")
        return _file_partitions(source, cfg, partition_size)
    if kind == "jsonl":
        return _jsonl_partitions(_jsonl_files(source), partition_size)
    if kind == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ArchiveError("Parquet input needs pyarrow: pip install 'newslint[parquet]'") from None
        return _parquet_partitions(_parquet_files(source), partition_size)
    raise ArchiveError(f"unknown input format {input_format!r} (use auto, files, jsonl or parquet)")


def read_partition(part: Partition) -> Iterator[Doc]:
    """The documents of one partition. Reading problems become per-document errors."""
    if part.kind == "files":
        for doc_id, real, rel, error in part.args:
            if error is not None:
                yield Doc(doc_id, path=doc_id, rel=rel, error=error)
                continue
            from .engine import read_file

            data, problem = read_file(real)  # never blocks: a named pipe is refused, not waited on
            if problem is not None:
                yield Doc(doc_id, path=doc_id, rel=rel, error=problem)
                continue
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


def _atomic_write(path: str, data: bytes) -> None:
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


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
            rows.extend(lint_doc(linter, doc))
    except Exception as err:  # noqa: BLE001 - e.g. a vanished input file: keep what was read
        docs += 1
        where = part.args[0] if part.kind != "files" else "?"
        rows.append(_error_row(f"{where}#partition-{part.index}", str(where), f"cannot read input: {type(err).__name__}: {err}"))
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
    _atomic_write(_stats_path(out, part.index), json.dumps(stats).encode("utf-8"))
    _atomic_write(os.path.join(out, stats["file"]), data)
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

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.elapsed if self.elapsed else 0.0

    @property
    def exit_status(self) -> int:
        if self.errors:
            return 2
        return 1 if self.failing else 0

    def to_dict(self) -> dict:
        return {
            "documents": self.documents, "bytes": self.bytes, "findings": self.findings,
            "failing": self.failing, "errors": self.errors, "by_severity": self.by_severity,
            "partitions": self.partitions, "written": self.written, "skipped": self.skipped,
            "elapsed": round(self.elapsed, 3), "docs_per_second": round(self.docs_per_second, 1),
        }

    def text(self) -> str:
        mb = self.bytes / 1e6
        rate = f"{self.docs_per_second:,.0f} docs/s, {mb / self.elapsed if self.elapsed else 0:,.1f} MB/s"
        return (
            f"{self.documents:,} documents ({mb:,.1f} MB), {self.findings:,} findings, {self.errors:,} errors; "
            f"{self.partitions} partitions: {self.written} written, {self.skipped} skipped; "
            f"{self.elapsed:,.1f} s ({rate}) -> {self.out}"
        )


def _client_for(scheduler, workers: Optional[int]):
    """(client, cluster-or-None). ``scheduler``: 'local', an address, or a Client."""
    from dask.distributed import Client, LocalCluster

    if scheduler is None or scheduler == "local":
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
        return Client(cluster), cluster
    if isinstance(scheduler, str):
        return Client(scheduler), None
    return scheduler, None  # a Client (or anything with submit/gather)


def lint_archive(
    source: PathLike,
    out: PathLike,
    scheduler: Any = "local",
    output_format: str = "jsonl",
    partition_size: int = 1000,
    config_path: Optional[PathLike] = None,
    no_config: bool = False,
    *,
    config: Optional[Config] = None,
    workers: Optional[int] = None,
    input_format: str = "auto",
    progress: Optional[bool] = None,
    log=None,
) -> Summary:
    """Lint a folder of files, a JSON-lines file/folder or a Parquet dataset on Dask.

    Writes ``out/part-NNNNN.jsonl`` (or ``.parquet``), one per input partition
    of ``partition_size`` documents, each atomically; per-partition stats in
    ``out/_stats/``; and ``out/_SUCCESS`` (a JSON manifest) when every
    partition is written. Partitions already written by an equivalent run
    (same documents, same config) are skipped. Returns a :class:`Summary`.
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
    parts = plan_partitions(source, cfg, partition_size, input_format)
    out = os.path.abspath(os.fspath(out))
    os.makedirs(out, exist_ok=True)
    manifest = os.path.join(out, MANIFEST)
    if os.path.exists(manifest):
        os.unlink(manifest)
    for folder in (out, os.path.join(out, STATS_DIR)):  # leftovers of a killed run
        for name in os.listdir(folder) if os.path.isdir(folder) else ():
            if name.startswith(".part-") and name.endswith(".tmp"):
                try:
                    os.unlink(os.path.join(folder, name))
                except OSError:
                    pass

    summary = Summary(partitions=len(parts), out=out)
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
        client, cluster = _client_for(scheduler, workers)
        try:
            summary.dashboard = getattr(client, "dashboard_link", None)
            if summary.dashboard:
                log(f"dashboard: {summary.dashboard}")
            log(f"{len(parts)} partitions ({summary.skipped} already written), {len(todo)} to lint")
            futures = client.map(run_partition, todo, spec=spec, out=out, output_format=output_format, pure=False)
            show = sys.stdout.isatty() if progress is None else progress  # the bar is drawn on stdout
            if show:
                from dask.distributed import progress as dask_progress

                dask_progress(futures)
            else:
                from dask.distributed import as_completed

                step = max(1, len(todo) // 10)
                for k, _f in enumerate(as_completed(futures), 1):
                    if k % step == 0 or k == len(todo):
                        log(f"{k}/{len(todo)} partitions written")
            new = client.gather(futures)
        finally:
            if cluster is not None:
                client.close()
                cluster.close()
        results.extend(new)
        summary.written = len(new)
        summary.written_files = sorted(s["file"] for s in new)

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
        "source": os.path.abspath(os.fspath(source)),
        "output_format": output_format,
        "partition_size": partition_size,
        "config": spec.fingerprint,
        "fail_on": str(spec.fail_on),
        "summary": summary.to_dict(),
        "partitions": [{k: st[k] for k in ("partition", "file", "documents", "findings", "errors")} for st in results],
    }
    _atomic_write(manifest, (json.dumps(doc, indent=1) + "\n").encode("utf-8"))
    return summary


def read_rows(out: PathLike) -> list[dict]:
    """Every row of an output folder, in partition order (JSON-lines or Parquet)."""
    out = os.fspath(out)
    rows: list[dict] = []
    for name in sorted(os.listdir(out)):
        if name.startswith("part-") and name.endswith(".jsonl"):
            with open(os.path.join(out, name), encoding="utf-8") as fh:
                rows.extend(json.loads(line) for line in fh if line.strip())
        elif name.startswith("part-") and name.endswith(".parquet"):
            rows.extend(parquet_rows(os.path.join(out, name)))
    return rows


# --- CLI -----------------------------------------------------------------------------


def main(args) -> int:
    """``newslint archive``: see ``lint.cli``."""
    from .manager import PluginError

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
            args.source, args.out,
            scheduler=args.scheduler, workers=args.workers,
            output_format=args.output_format, partition_size=args.partition_size,
            config_path=args.config, no_config=args.no_config, log=log,
        )
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
