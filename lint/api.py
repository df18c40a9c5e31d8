"""Base classes plugins subclass: Check, Format and Reader."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Optional

from .model import Finding, Fix, Related, Report, Severity

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class ReadError(Exception):
    """Input that cannot be linted. The message names the problem; the core adds the path."""


class Context:
    """What a check gets besides the document: its options and a way to report."""

    def __init__(self, check: "Check", doc: "Document"):
        self.check = check
        self.doc = doc
        self.options = check.options
        self.findings: list[Finding] = []

    def report(
        self,
        start: int,
        end: int,
        message: str,
        *,
        related: Iterable[Related | tuple] = (),
        fix: Optional[Fix] = None,
        severity: Optional[str | Severity] = None,
    ) -> Finding:
        rel = [r if isinstance(r, Related) else Related(*r) for r in related]
        f = Finding(
            rule=self.check.name,
            code=self.check.code,
            severity=Severity.parse(severity) if severity is not None else self.check.effective_severity,
            message=message,
            start=start,
            end=end,
            related=rel,
            fix=fix,
        )
        self.findings.append(f)
        return f


class Check:
    """A rule. Subclass it, set the class attributes, implement :meth:`check`."""

    name: ClassVar[str] = ""
    code: ClassVar[str] = ""
    severity: ClassVar[str] = "warning"
    options: ClassVar[dict[str, Any]] = {}
    #: one-line summary; defaults to the first sentence of "## What it does"
    summary: ClassVar[str] = ""
    #: filled in by the plugin manager: the plugin (entry point or module) name
    plugin: ClassVar[str] = ""

    def __init__(self, options: Optional[dict] = None, severity: Optional[str] = None):
        merged = dict(type(self).options)
        merged.update(options or {})
        self.options = merged
        self.effective_severity = Severity.parse(severity or type(self).severity)

    def check(self, doc: "Document", ctx: Context) -> Iterable[Finding] | None:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def one_line(cls) -> str:
        if cls.summary:
            return cls.summary
        text = cls.doc()
        m = re.search(r"## What it does\s*\n(.+?)(?:\n\s*\n|\n##|$)", text, re.S)
        para = (m.group(1) if m else text).strip().replace("\n", " ")
        m = re.search(r"(?<!\.)(?:\.|。)(?=\s|$)", para)
        return para[: m.end()] if m else para


class Format:
    """An output format. ``render`` returns the whole output as text."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def render(self, report: Report, options: dict) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


class Reader:
    """An input reader: bytes in, :class:`lint.document.Document` out."""

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()

    def read(self, data: bytes, path: str, options: dict) -> "Document":  # pragma: no cover - abstract
        raise NotImplementedError
