"""Linting many files: the findings cache and parallel worker processes
(``lint_paths``, ``check_paths``; one document at a time is lint.run.engine).

Each file is read, looked up in the cache, linted on a miss and stored, in
whichever process handles it; results come back in input order, so output is
identical whatever ``--jobs`` is.
"""

from __future__ import annotations

import os
from typing import Optional

from typing import TYPE_CHECKING, Iterable

from lint.model import FileError, Finding, Report
from lint.run.engine import Linter
from lint.run.files import PathLike, iter_files, read_file, size_of

if TYPE_CHECKING:
    from lint.config import Config

# per-process state, set up once per worker
_LINTER = None
_CACHE = None

# below this many files, worker start-up costs more than it saves
MIN_FILES_PER_JOB = 8


def _setup(linter, cache_folder: Optional[str]) -> None:
    global _LINTER, _CACHE
    _LINTER = linter
    _CACHE = None
    if cache_folder:
        from lint.run.cache import Cache

        _CACHE = Cache(cache_folder, linter)


def _init_worker(config, cache_folder: Optional[str], linter=None) -> None:
    if linter is None:  # spawn: rebuild from the config
        linter = Linter(config)
    _setup(linter, cache_folder)


def lint_one(entry: tuple) -> tuple[list[Finding], list[FileError], int]:
    """Lint one ``(display, real, rel)`` file; returns findings, errors and cache hits."""
    display, real, rel = entry
    data, problem = read_file(real)
    if problem is not None:
        return [], [FileError(display, problem)], 0
    key = None
    if _CACHE is not None:
        key = _CACHE.key(data, display, rel)
        hit = _CACHE.get(key)
        if hit is not None:
            return hit[0], hit[1], 1
    findings, errors = _LINTER.lint_bytes(data, display, rel)
    if _CACHE is not None and key is not None:
        _CACHE.put(key, findings, errors)
    return findings, errors, 0


def lint_files(linter, entries: list[tuple], jobs: int = 1, cache_folder: Optional[str] = None):
    """Yield ``(findings, errors, cache_hit)`` for each entry, in order."""
    jobs = max(1, jobs)
    if jobs == 1 or len(entries) < MIN_FILES_PER_JOB * 2:
        _setup(linter, cache_folder)
        for e in entries:
            yield lint_one(e)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        # children inherit the loaded plugins and linter: no start-up cost
        ctx = multiprocessing.get_context("fork")
        initargs = (linter.config, cache_folder, linter)
    else:  # pragma: no cover - Windows/macOS spawn
        ctx = multiprocessing.get_context("spawn")
        initargs = (linter.config, cache_folder, None)
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
) -> Report:
    """Lint files and folders (the same path ``newslint check`` takes).
    ``progress``: a bar on stderr (None: when stderr is a terminal; see lint.progress)."""
    from lint.progress import Progress, wanted

    report = Report(rules=linter.registry.checks)
    entries = []
    for display, real, rel, error in iter_files(paths, linter.config):
        if error is not None:
            report.errors.append(FileError(display, error))
        else:
            entries.append((display, real, rel))
    sizes = [size_of(e[1]) for e in entries] if wanted(progress) else [0] * len(entries)
    with Progress(total=sum(sizes), unit="B", unit_scale=True, desc="newslint", enabled=wanted(progress)) as bar:
        if entries:
            bar.update(0, postfix=os.path.basename(entries[0][0]))
        for k, (findings, errors, _hit) in enumerate(lint_files(linter, entries, jobs, cache_folder)):
            report.files += 1
            report.findings.extend(findings)
            report.errors.extend(errors)
            bar.update(sizes[k], postfix=os.path.basename(entries[k + 1][0]) if k + 1 < len(entries) else "")
    return report


def check_paths(
    paths: Iterable[PathLike], config: "Optional[Config]" = None, linter: Optional[Linter] = None
) -> Report:
    """Lint files and folders; return a Report of findings and per-file errors."""
    linter = linter or Linter(config)
    return lint_paths(linter, paths)
