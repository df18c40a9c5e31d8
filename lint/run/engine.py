"""read -> Document -> checks -> findings -> suppressions -> sorted report.

The CLI and the Python API (``lint.check_text``, ``lint.check_paths``) both
go through :class:`Linter`.
"""

from __future__ import annotations

import os
from operator import attrgetter
from typing import Optional, Union

from lint.api import Check, Context, ReadError
from lint.config import Config, load_config, validate
from lint.doc.classify import classify_document
from lint.doc.document import Document
from lint.i18n import _, join, message_of
from lint.manager import Registry, load_plugins
from lint.model import FileError, Finding

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

    def prepare_run(self, expected_bytes: int) -> None:
        """Tell the rules in force that a run of ``expected_bytes`` bytes of
        input is about to start (:meth:`Check.prepare_run`; the Chinese
        segmenter is told too, :func:`lint.lang.words.prepare_batch`). A rule
        that fails to prepare only loses the head start: the run goes on."""
        from lint.lang import words

        words.prepare_batch(expected_bytes)
        for cls in dict.fromkeys(type(r) for r in self.rules_for(None)):
            try:
                cls.prepare_run(expected_bytes)
            except Exception:  # noqa: BLE001 - preparing is an optimisation; the check itself will report
                pass

    # --- one document ----------------------------------------------------------
    def reader_options(self, rel_path: Optional[str] = None) -> dict:
        """What readers are told: the input encoding and the reader settings
        (``html-content``), per-file overrides applied."""
        return self.config.reader_options(rel_path)

    def read(self, data: bytes, path: str, rel_path: Optional[str] = None) -> Document:
        """Read ``data`` with the reader for ``path``, then classify its blocks:
        the two first steps of the lint path."""
        reader = self.registry.reader_for(path)()
        return classify_document(
            reader.read(data, path, self.reader_options(rel_path if rel_path is not None else path))
        )

    def read_text(self, text: str, path: str, rel_path: Optional[str] = None) -> Document:
        """A document from already-decoded text, read by the reader for ``path`` and classified."""
        reader = self.registry.reader_for(path)()
        options = dict(self.reader_options(rel_path if rel_path is not None else path), encoding="utf-8")
        return classify_document(reader.read(text.encode("utf-8"), path, options))

    def lint_document(
        self, doc: Document, display_path: str, rel_path: Optional[str] = None
    ) -> tuple[list[Finding], list[FileError]]:
        return self._lint(doc, display_path, rel_path)

    def _lint(
        self, doc: Document, display_path: str, rel_path: Optional[str] = None, owned: bool = False
    ) -> tuple[list[Finding], list[FileError]]:
        """Lint ``doc``; ``owned``: the caller made it for this call alone and
        drops it afterwards (lint_bytes), so its blocks may go before the
        findings are placed."""
        findings: list[Finding] = []
        errors: list[FileError] = []
        rules = self.rules_for(rel_path if rel_path is not None else display_path)
        late = [r for r in rules if r.after_suppressions]
        for rule in rules:
            if rule in late:
                continue
            findings.extend(self._run(rule, Context(rule, doc), doc, display_path, errors))
        directives = []
        if doc.markup:
            from lint.run import suppress

            directives = suppress.parse(doc)
            findings = suppress.filter_findings(findings, directives)
        enabled = {r.name: r.code for r in rules}
        for rule in late:
            ctx = Context(rule, doc, directives=directives, enabled_rules=enabled)
            findings.extend(self._run(rule, ctx, doc, display_path, errors))
        doc.drop_analyses()  # the rules are done with them
        if owned and type(doc) is Document:
            # placing the findings in a plain document (text, Markdown) reads
            # the text and the line starts, never the blocks (a long file's
            # tens of thousands weigh about as much as a fifth of its
            # findings): let them go first. A mapped document (HTML, XML,
            # DOCX) reads them to turn a block removal into a source edit.
            doc.drop_blocks()
        n = len(doc.text)
        rel = rel_path if rel_path is not None else display_path
        # equal source lines and fingerprints are one string: a repeated
        # paragraph's findings show the same line and share a fingerprint
        shared: dict[str, str] = {}
        for f in findings:
            f.start = max(0, min(f.start, n))
            f.end = max(f.start, min(f.end, n))
            locate(doc, f, display_path, rel, shared)
        # by (start, code, end): three stable sorts by one field each, the
        # last by the first field, order findings as one sort by the tuple
        # would, without a key tuple per finding (the last thing made when
        # every finding is complete: the run's peak on a long file)
        findings.sort(key=attrgetter("end"))
        findings.sort(key=attrgetter("code"))
        findings.sort(key=attrgetter("start"))
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
                    kind="crash",
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
        return self._lint(doc, display_path, rel_path, owned=True)


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


def locate(
    doc: Document, f: Finding, path: str, rel_path: Optional[str] = None, shared: Optional[dict[str, str]] = None
) -> None:
    """Fill in a finding's lines, columns, original offsets and fingerprint.
    ``shared`` (text -> the same text), when given, makes equal source lines
    and fingerprints of a document's findings one string each."""
    from lint.run.baseline import fingerprint

    if shared is None:
        shared = {}
    f.path = rel_path if rel_path is not None else path
    fp = fingerprint(f, doc.text)
    f.fingerprint = shared.setdefault(fp, fp)
    f.path = path
    f.line, f.column = doc.position(f.start)
    end_line, f.end_column = doc.position(f.end)
    f.end_line = f.line if end_line == f.line else end_line  # one int object for both
    f.offset, f.end_offset = doc.original_offset(f.start), doc.original_offset(f.end)
    source_line = doc.line_text(f.line)
    f.source_line = shared.setdefault(source_line, source_line)
    f.related_positions = []
    for r in f.related:
        line, col = doc.position(r.start)
        end_line, end_col = doc.position(r.end)
        f.related_positions.append(
            {
                "line": line,
                "column": col,
                "end_line": line if end_line == line else end_line,
                "end_column": end_col,
                "message": r.message,
            }
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
