"""Plain data types shared by the core and every plugin.

Checks report *offsets* (0-based code points into ``Document.text``); the
engine converts them to lines and columns once, in one place.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Optional


class Severity(enum.IntEnum):
    """Ordered so that ``finding.severity >= fail_on`` reads naturally."""

    OFF = 0
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning, info or off)") from None

    def __str__(self) -> str:  # "error", "warning", ...
        return self.name.lower()


SEVERITY_NAMES = ("error", "warning", "info", "off")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (offsets into Document.text)."""

    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of non-overlapping edits that together repair one finding.

    ``applicability`` is ``"safe"`` (meaning cannot change: applied by --fix)
    or ``"unsafe"`` (needs an editor's eye: applied only with --unsafe-fixes).
    """

    message: str
    edits: tuple[Edit, ...]
    applicability: str = "safe"

    @classmethod
    def delete(cls, start: int, end: int, message: str, applicability: str = "safe") -> "Fix":
        return cls(message, (Edit(start, end, ""),), applicability)

    @classmethod
    def replace(cls, start: int, end: int, text: str, message: str, applicability: str = "safe") -> "Fix":
        return cls(message, (Edit(start, end, text),), applicability)


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding points at, e.g. the first copy of a paragraph."""

    start: int
    end: int
    message: str = ""


@dataclass(slots=True)
class Finding:
    """One problem, as a check reports it. Positions are filled in by the engine.

    Slotted: a long document has tens of thousands of findings, and slots
    weigh less than an instance's values and dictionary pointer."""

    rule: str
    code: str
    severity: Severity
    message: str
    start: int
    end: int
    related: list[Related] = field(default_factory=list)
    fix: Optional[Fix] = None
    # filled in by the engine:
    path: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    related_positions: list[dict] = field(default_factory=list)
    # offsets as reported to users: into the decoded original text
    offset: int = 0
    end_offset: int = 0
    fix_edits: list[dict] = field(default_factory=list)
    # the text of the finding's first line, for formats that show source
    source_line: str = ""
    # content fingerprint (rule, path, flagged text), for baselines and SARIF
    fingerprint: str = ""
    # "line", or "paragraph" where the source has no lines (DOCX): then line
    # is the paragraph number and column the character in it
    position_kind: str = "line"
    # the English message when ``message`` is a translation (lint.i18n), so
    # that fingerprints (SARIF) stay the same in every language; "" otherwise
    english: str = field(default="", compare=False, repr=False)

    def to_dict(self) -> dict:
        """The finding as the JSON report contract spells it (plus
        ``"position": "paragraph"`` for sources without lines, e.g. DOCX)."""
        d = {
            "path": self.path,
            "rule": self.rule,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.offset,
            "end_offset": self.end_offset,
            "related": list(self.related_positions),
            "fix": None
            if self.fix is None
            else {
                "applicability": self.fix.applicability,
                "message": self.fix.message,
                "edits": list(self.fix_edits),
            },
        }
        if self.position_kind != "line":
            d["position"] = self.position_kind
        return d


@dataclass
class FileError:
    """A file that could not be linted (unreadable, binary, undecodable, ...)."""

    path: str
    message: str
    # more for --verbose (a crashed rule's traceback); not part of the JSON report
    detail: str = ""
    #: ``"read"`` (the file could not be read or decoded), ``"crash"`` (a rule
    #: raised: the run is not cached, so the next one tries again) or
    #: ``"write"`` (fixes could not be written)
    kind: str = "read"

    def to_dict(self) -> dict:
        return {"path": self.path, "message": self.message}


@dataclass
class Report:
    """Everything one run produced; what formatters render."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    files: int = 0
    tool_version: str = ""
    rules: dict = field(default_factory=dict)  # rule name -> rule class, for formats that want docs
