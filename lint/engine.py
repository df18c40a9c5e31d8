"""read -> Document -> checks -> findings -> suppressions -> sorted report.

The CLI and the Python API (``lint.check_text``, ``lint.check_paths``) both
go through :class:`Linter`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .api import Check, Context, ReadError
from .config import Config, load_config, validate
from .document import Document
from .i18n import N_, _, join, message_of
from .manager import Registry, load_plugins
from .model import FileError, Finding, Report

PathLike = Union[str, os.PathLike]


class Linter:
    """Plugins and config loaded once; lint many documents."""

    def __init__(self, config: Optional[Config] = None, registry: Optional[Registry] = None):
        self.config = config if config is not None else load_config(no_config=True)
        self.registry = registry if registry is not None else load_plugins(self.config.plugins, self.config.blocked)
        validate(self.config, self.registry)
        self._rules_cache: dict[tuple, list[Check]] = {}
        self._scope_cache: dict[Optional[str], list[Check]] = {}

    # --- rules ---------------------------------------------------------------
    def rules_for(self, rel_path: Optional[str]) -> list[Check]:
        # without per-file overrides every file gets the same rules
        scope = rel_path if self.config.data.get("overrides") else None
        cached = self._scope_cache.get(scope)
        if cached is not None:
            return cached
        settings = self.config.rule_settings(self.registry, rel_path)
        key = tuple((n, int(s.severity), repr(sorted(s.options.items()))) for n, s in settings.items())
        rules = self._rules_cache.get(key)
        if rules is None:
            rules = [self.registry.checks[n](s.options, str(s.severity)) for n, s in settings.items()]
            self._rules_cache[key] = rules
        if len(self._scope_cache) < 10000:
            self._scope_cache[scope] = rules
        return rules

    # --- one document ----------------------------------------------------------
    def reader_options(self, rel_path: Optional[str] = None) -> dict:
        """What readers are told: the input encoding and the reader settings
        (``html-content``), per-file overrides applied."""
        return self.config.reader_options(rel_path)

    def read(self, data: bytes, path: str, rel_path: Optional[str] = None) -> Document:
        reader = self.registry.reader_for(path)()
        return reader.read(data, path, self.reader_options(rel_path if rel_path is not None else path))

    def read_text(self, text: str, path: str, rel_path: Optional[str] = None) -> Document:
        """A document from already-decoded text, read by the reader for ``path``."""
        reader = self.registry.reader_for(path)()
        options = dict(self.reader_options(rel_path if rel_path is not None else path), encoding="utf-8")
        return reader.read(text.encode("utf-8"), path, options)

    def lint_document(
        self, doc: Document, display_path: str, rel_path: Optional[str] = None
    ) -> tuple[list[Finding], list[FileError]]:
        findings: list[Finding] = []
        errors: list[FileError] = []
        rules = self.rules_for(rel_path if rel_path is not None else display_path)
        late = [r for r in rules if getattr(r, "after_suppressions", False)]
        for rule in rules:
            if rule in late:
                continue
            findings.extend(self._run(rule, Context(rule, doc), doc, display_path, errors))
        directives = []
        if doc.markup:
            from . import suppress

            directives = suppress.parse(doc)
            findings = suppress.filter_findings(findings, directives)
        for rule in late:
            ctx = Context(rule, doc)
            ctx.directives = directives  # type: ignore[attr-defined]
            ctx.enabled_rules = {r.name: r.code for r in rules}  # type: ignore[attr-defined]
            findings.extend(self._run(rule, ctx, doc, display_path, errors))
        n = len(doc.text)
        rel = rel_path if rel_path is not None else display_path
        for f in findings:
            f.start = max(0, min(f.start, n))
            f.end = max(f.start, min(f.end, n))
            locate(doc, f, display_path, rel)
        findings.sort(key=lambda f: (f.start, f.code, f.end))
        return findings, errors

    @staticmethod
    def _run(rule: Check, ctx: Context, doc: Document, display_path: str, errors: list[FileError]) -> list[Finding]:
        try:
            produced = rule.check(doc, ctx)
            if produced is not None:
                for f in produced:
                    if f not in ctx.findings:
                        ctx.findings.append(f)
            for f in ctx.findings:  # checked here: a bad position would crash the engine after this try
                _check_finding(f)
        except (Exception, SystemExit) as err:  # noqa: BLE001 - one broken rule must not stop the others
            import traceback

            errors.append(
                FileError(
                    display_path,
                    _(
                        "rule {name} ({code}) crashed: {error}: {detail}",
                        name=rule.name,
                        code=rule.code,
                        error=type(err).__name__,
                        detail=str(err),
                    ),
                    "".join(traceback.format_exception(type(err), err, err.__traceback__)),
                )
            )
            return []
        return ctx.findings

    def lint_bytes(
        self, data: bytes, display_path: str, rel_path: Optional[str] = None
    ) -> tuple[list[Finding], list[FileError]]:
        try:
            doc = self.read(data, display_path, rel_path)
        except ReadError as err:
            return [], [FileError(display_path, message_of(err))]
        return self.lint_document(doc, display_path, rel_path)

    # --- many files --------------------------------------------------------------
    def lint_paths(
        self,
        paths: Iterable[PathLike],
        jobs: int = 1,
        cache_folder: Optional[str] = None,
        progress: Optional[bool] = False,
    ) -> Report:
        """Lint files and folders (the same path ``newslint check`` takes).
        ``progress``: a bar on stderr (None: when stderr is a terminal; see lint.progress)."""
        from .progress import Progress, wanted
        from .runner import lint_files

        report = Report(rules=self.registry.checks)
        entries = []
        for display, real, rel, error in iter_files(paths, self.config):
            if error is not None:
                report.errors.append(FileError(display, error))
            else:
                entries.append((display, real, rel))
        sizes = [_size(e[1]) for e in entries] if wanted(progress) else [0] * len(entries)
        with Progress(total=sum(sizes), unit="B", unit_scale=True, desc="newslint", enabled=wanted(progress)) as bar:
            if entries:
                bar.update(0, postfix=os.path.basename(entries[0][0]))
            for k, (findings, errors, _hit) in enumerate(lint_files(self, entries, jobs, cache_folder)):
                report.files += 1
                report.findings.extend(findings)
                report.errors.extend(errors)
                bar.update(sizes[k], postfix=os.path.basename(entries[k + 1][0]) if k + 1 < len(entries) else "")
        return report


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _check_finding(f: object) -> None:
    """Raise TypeError/ValueError for a finding the engine cannot place or fix
    (a third-party rule's mistake): positions must be integers, edits ordered
    with text replacements."""
    if not isinstance(f, Finding):
        raise TypeError(f"a check must report Finding objects, not {type(f).__name__}")
    spans = [(f.start, f.end)] + [(r.start, r.end) for r in f.related]
    edits = list(f.fix.edits) if f.fix is not None else []
    for a, b in spans + [(e.start, e.end) for e in edits]:
        if not (isinstance(a, int) and isinstance(b, int)):
            raise TypeError(f"finding positions must be integers, got {a!r}, {b!r}")
    for e in edits:
        if e.end < e.start or not isinstance(e.replacement, str):
            raise ValueError(f"bad fix edit {e!r}")


def locate(doc: Document, f: Finding, path: str, rel_path: Optional[str] = None) -> None:
    """Fill in a finding's lines, columns, original offsets and fingerprint."""
    from .baseline import fingerprint

    f.path = rel_path if rel_path is not None else path
    f.fingerprint = fingerprint(f, doc.text)
    f.path = path
    f.line, f.column = doc.position(f.start)
    f.end_line, f.end_column = doc.position(f.end)
    f.offset, f.end_offset = doc.original_offset(f.start), doc.original_offset(f.end)
    f.source_line = doc.line_text(f.line)
    f.related_positions = []
    for r in f.related:
        line, col = doc.position(r.start)
        end_line, end_col = doc.position(r.end)
        f.related_positions.append(
            {"line": line, "column": col, "end_line": end_line, "end_column": end_col, "message": r.message}
        )
    if f.fix is not None:
        edits = [doc.source_edit(e.start, e.end, e.replacement) for e in f.fix.edits]
        placed = [e for e in edits if e is not None]
        if len(placed) < len(edits):
            # the fix cannot be written into the source faithfully (it crosses
            # markup, or the format is not writable): keep the finding, drop the fix
            f.fix, f.fix_edits = None, []
        else:
            f.fix_edits = placed
    f.position_kind = doc.position_kind


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, N_("a named pipe")),
    (stat.S_ISSOCK, N_("a socket")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISDIR, N_("a folder")),
)


def special_file_message(mode: int) -> Optional[str]:
    """Why a file of this ``st_mode`` is not linted, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), N_("a special file"))
    return _("not a regular file ({kind}): skipped", kind=_(kind))


def read_file(path: str) -> tuple[Optional[bytes], Optional[str]]:
    """A file's bytes, or the message saying why it cannot be read.

    Opened without blocking (a named pipe with no writer would wait forever),
    and only a regular file is read."""
    nonblock = getattr(os, "O_NONBLOCK", 0)
    try:
        with open(path, "rb", opener=lambda p, flags: os.open(p, flags | nonblock)) as fh:
            problem = special_file_message(os.fstat(fh.fileno()).st_mode)
            if problem is not None:
                return None, problem
            return fh.read(), None
    except OSError as err:
        if err.errno == errno.ENXIO:  # a socket, or a device with nobody behind it
            try:
                return None, special_file_message(os.stat(path).st_mode) or _(
                    "cannot read: {reason}", reason=str(err.strerror or err)
                )
            except OSError:
                pass
        return None, _("cannot read: {reason}", reason=str(err.strerror or err))


# the error of a named path that does not exist (text output says "no such file or folder: PATH")
MISSING = _("no such file or directory")


def iter_files(paths: Iterable[PathLike], config: Config) -> Iterator[tuple[str, str, str, Optional[str]]]:
    """Yield ``(display path, real path, path relative to the config root, error)``.

    Named files are always linted; folders are walked, keeping files that match
    ``include`` and skipping ``exclude``. Symlinked folders are followed once;
    a loop is reported as an error.
    """
    root = config.root
    for p in paths:
        p = os.fspath(p)
        try:
            st = os.stat(p)
        except FileNotFoundError:
            if os.path.islink(p):
                yield p, p, _rel(p, root), _("broken symlink")
            else:
                yield p, p, _rel(p, root), MISSING
            continue
        except OSError as err:
            yield p, p, _rel(p, root), _("cannot read: {reason}", reason=str(err.strerror or err))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(p, config, {(st.st_dev, st.st_ino)})
        else:
            yield p, p, _rel(p, root), special_file_message(st.st_mode)


def _rel(p: str, root: Path) -> str:
    try:
        return Path(os.path.abspath(p)).relative_to(root).as_posix()
    except ValueError:
        return Path(p).as_posix().lstrip("./") or p


def _walk(top: str, config: Config, ancestors: set) -> Iterator[tuple[str, str, str, Optional[str]]]:
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError as err:
        yield top, top, _rel(top, config.root), _("cannot read folder: {reason}", reason=str(err.strerror or err))
        return
    for entry in entries:
        path = os.path.join(top, entry.name) if top not in (".", "") else entry.name
        rel = _rel(path, config.root)
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError:
            is_dir = False
        if is_dir:
            if config.is_excluded(rel, is_dir=True):
                continue
            try:
                st = entry.stat()
            except OSError as err:
                yield path, path, rel, _("cannot read folder: {reason}", reason=str(err.strerror or err))
                continue
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                yield path, path, rel, _("symlink loop: this folder contains itself")
                continue
            yield from _walk(path, config, ancestors | {key})
            continue
        if config.is_excluded(rel) or not config.is_included(rel):
            continue
        if entry.is_symlink() and not os.path.exists(path):
            yield path, path, rel, _("broken symlink")
            continue
        try:
            problem = special_file_message(entry.stat().st_mode)  # follows symlinks; cached by scandir
        except OSError as err:
            problem = _("cannot read: {reason}", reason=str(err.strerror or err))
        yield path, path, rel, problem


# --- Python API --------------------------------------------------------------------


def check_text(
    text: str, path: Optional[str] = None, config: Optional[Config] = None, linter: Optional[Linter] = None
) -> list[Finding]:
    """Lint a string; return its findings (positions filled in)."""
    linter = linter or Linter(config)
    display = path or "<text>"
    data = text.encode("utf-8")
    findings, errors = linter.lint_bytes(data, display, path)
    if errors:
        raise ReadError(join("; ", [e.message for e in errors]))
    return findings


def check_paths(paths: Iterable[PathLike], config: Optional[Config] = None, linter: Optional[Linter] = None) -> Report:
    """Lint files and folders; return a Report of findings and per-file errors."""
    linter = linter or Linter(config)
    return linter.lint_paths(paths)
