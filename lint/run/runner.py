"""Linting many files: the findings cache and parallel worker processes
(``lint_paths``, ``check_paths``; one document at a time is lint.run.engine).

Each file is read, looked up in the cache, linted on a miss and stored, in
whichever process handles it; results come back in input order, so output is
identical whatever ``--jobs`` is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from lint.i18n import _, message_of
from lint.model import FileError, Finding, Report
from lint.run.engine import Linter
from lint.run.files import PathLike, iter_files, read_file, size_of

if TYPE_CHECKING:
    from lint.config import Config
    from lint.run.cache import Cache

# per-process state, set up once per worker
_LINTER: Optional[Linter] = None
_CACHE: "Optional[Cache]" = None
_FIX: "Optional[FixMode]" = None


@dataclass(frozen=True)
class FixMode:
    """What a run does with fixes: ``apply`` writes them to the files,
    ``diff`` shows them as a unified diff (writing nothing), ``show`` lists
    them; ``unsafe`` includes unsafe fixes. Findings are then reported at their
    positions in the file as it is on disk (after ``apply``, the fixed file)."""

    apply: bool = False
    diff: bool = False
    show: bool = False
    unsafe: bool = False


@dataclass
class FileResult:
    """What linting one input produced, in the order of the inputs."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    cache_hit: bool = False
    #: fixes: how many were applied (or would be, with ``diff``) ...
    applied: int = 0
    #: ... the unified diff (``diff``), the listing (``show``), notes for stderr
    diff: Optional[str] = None
    listing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: the fixed text of an input that is not a file (stdin)
    fixed_text: Optional[str] = None


# below this many files, worker start-up costs more than it saves
MIN_FILES_PER_JOB = 8


def _setup(linter, cache_folder: Optional[str], fix: Optional[FixMode] = None) -> None:
    global _LINTER, _CACHE, _FIX
    _LINTER = linter
    _CACHE = None
    _FIX = fix
    if cache_folder and fix is None:  # fixed files are linted after the fix: not cached
        from lint.run.cache import Cache

        _CACHE = Cache(cache_folder, linter)


def _init_worker(config, cache_folder: Optional[str], linter=None, fix: Optional[FixMode] = None) -> None:
    if linter is None:  # spawn: rebuild from the config
        linter = Linter(config)
    _setup(linter, cache_folder, fix)


def lint_one(entry: tuple) -> FileResult:
    """Lint (and, in fix mode, fix) one ``(display, real, rel)`` file."""
    display, real, rel = entry
    data, problem = read_file(real)
    if problem is not None:
        return FileResult(errors=[FileError(display, problem)])
    assert data is not None and _LINTER is not None  # read_file gives bytes or a problem; _setup ran
    if _FIX is not None:
        return fix_one(_LINTER, data, display, rel, real, _FIX)
    key = None
    if _CACHE is not None:
        key = _CACHE.key(data, display, rel)
        hit = _CACHE.get(key)
        if hit is not None:
            return FileResult(hit[0], hit[1], cache_hit=True)
    findings, errors = _LINTER.lint_bytes(data, display, rel)
    if _CACHE is not None and key is not None:
        _CACHE.put(key, findings, errors)
    return FileResult(findings, errors)


def fix_one(
    linter: "Linter", data: bytes, display: str, rel: str, real_path: Optional[str], mode: FixMode
) -> FileResult:
    """Fix one input as ``mode`` says, then lint the result. ``real_path`` is
    None for an input that is not a file (stdin): its fixed text is returned,
    not written."""
    from lint.api import ReadError
    from lint.atomic import replace_file
    from lint.doc.decode import encode_like
    from lint.run import fixes

    out = FileResult()
    try:
        doc = linter.read(data, display, rel)
    except ReadError as err:
        out.errors.append(FileError(display, message_of(err)))
        return out
    if not doc.fixable:
        if mode.apply or mode.diff:
            out.notes.append(
                _("{path}: fixes are not written into {reader} files; reporting only", path=display, reader=doc.reader)
            )
        out.findings, out.errors = linter.lint_document(doc, display, rel)
        return out
    result = fixes.fix_text(linter, doc.raw, display, rel, unsafe=mode.unsafe, newline=doc.newline)
    changed = result.text != doc.raw
    if mode.show:
        out.listing = fixes.describe(result, doc, display)
    if changed and (mode.apply or mode.diff):
        out.applied = len(result.applied)
    final = linter.read_text(result.text, display, rel) if changed else doc
    out.findings, out.errors = linter.lint_document(final, display, rel)
    written = False
    if mode.diff:
        if changed:
            out.diff = fixes.unified_diff(display, doc.raw, result.text)
    elif mode.apply and real_path is None:  # stdin: the fixed text is the output, positions are in it
        out.fixed_text = result.text
        return out
    elif mode.apply and changed and real_path is not None:  # (real_path is None: returned above)
        try:
            replace_file(real_path, encode_like(result.text, doc.encoding, doc.bom))
            written = True
        except (OSError, UnicodeEncodeError) as err:
            out.applied = 0
            why = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            out.errors.append(FileError(display, _("cannot write fixes: {reason}", reason=why), kind="write"))
    if changed and not written:
        # the fixed text was never written: report where the findings are on disk
        fixes.relocate(out.findings, final, doc, result)
    return out


def lint_files(
    linter, entries: list[tuple], jobs: int = 1, cache_folder: Optional[str] = None, fix: Optional[FixMode] = None
) -> Iterator[FileResult]:
    """Yield a :class:`FileResult` for each entry, in order."""
    jobs = max(1, jobs)
    if jobs == 1 or len(entries) < MIN_FILES_PER_JOB * 2:
        _setup(linter, cache_folder, fix)
        for e in entries:
            yield lint_one(e)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx: multiprocessing.context.BaseContext
    if "fork" in methods:
        # children inherit the loaded plugins and linter: no start-up cost
        ctx = multiprocessing.get_context("fork")
        initargs = (linter.config, cache_folder, linter, fix)
    else:  # pragma: no cover - Windows/macOS spawn
        ctx = multiprocessing.get_context("spawn")
        initargs = (linter.config, cache_folder, None, fix)
    jobs = min(jobs, max(1, len(entries) // MIN_FILES_PER_JOB))
    chunk = max(1, min(64, len(entries) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=initargs) as pool:
        yield from pool.map(lint_one, entries, chunksize=chunk)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover
        return os.cpu_count() or 1


def lint_paths(
    linter: "Linter",
    paths: Iterable[PathLike],
    jobs: int = 1,
    cache_folder: Optional[str] = None,
    progress: Optional[bool] = False,
    fix: Optional[FixMode] = None,
    on_file: Optional[Callable[[FileResult], None]] = None,
) -> Report:
    """Lint files and folders: the one path ``newslint check`` (with or without
    fixes), the Python API, the language server's workspace runs and archive
    mode share. ``progress``: a bar on stderr (None: when stderr is a terminal;
    see lint.progress). ``fix``: fix each file first (see :class:`FixMode`).
    ``on_file``: called with each file's result, in input order."""
    from lint.progress import Progress, wanted

    report = Report(rules=linter.registry.checks)
    entries = []
    for display, real, rel, error in iter_files(paths, linter.config):
        if error is not None:
            report.errors.append(FileError(display, error))
        else:
            entries.append((display, real, rel))
    sizes = [size_of(e[1]) for e in entries]
    if len(entries) > 1:
        # (before lint_files forks its workers: they share what the rules load)
        linter.prepare_run(sum(sizes))
    with Progress(total=sum(sizes), unit="B", unit_scale=True, desc="newslint", enabled=wanted(progress)) as bar:
        if entries:
            bar.update(0, postfix=os.path.basename(entries[0][0]))
        for k, res in enumerate(lint_files(linter, entries, jobs, cache_folder, fix)):
            report.files += 1
            report.findings.extend(res.findings)
            report.errors.extend(res.errors)
            if on_file is not None:
                on_file(res)
            bar.update(sizes[k], postfix=os.path.basename(entries[k + 1][0]) if k + 1 < len(entries) else "")
    return report


def check_paths(
    paths: Iterable[PathLike], config: "Optional[Config]" = None, linter: Optional[Linter] = None
) -> Report:
    """Lint files and folders; return a Report of findings and per-file errors."""
    linter = linter or Linter(config)
    return lint_paths(linter, paths)
