"""Block kinds and paragraph conventions: the vocabulary of the document model.

This module imports nothing, so anything (the document, the classifier, the
readers, the rules) can use it without a cycle. Members are strings too, so
``block.kind == "body"`` and JSON output keep working, and ``str(kind)`` is
the bare value.
"""

from enum import Enum


class _StrEnum(str, Enum):
    """A string enum whose ``str()`` and ``format()`` are its value (as
    Python 3.11's ``StrEnum``; newslint supports 3.10)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    # hash as the string it equals (Enum's own __hash__ is Python code, and
    # kinds are looked up in sets on every block)
    __hash__ = str.__hash__


class BlockKind(_StrEnum):
    """What a block of copy is. Checks treat anything but BODY (and LIST,
    a list item) as a legitimate short line that need not end a sentence."""

    HEADLINE = "headline"
    SUBHEAD = "subhead"
    BYLINE = "byline"
    DATELINE = "dateline"
    CAPTION = "caption"
    CREDIT = "credit"
    SIGNOFF = "signoff"
    LEADIN = "lead-in"
    ELLIPSIS = "ellipsis"
    LIST = "list-item"
    BOILERPLATE = "boilerplate"
    BODY = "body"


class Convention(_StrEnum):
    """How a file marks its paragraphs."""

    BLANK_LINE = "blank-line"  # paragraphs separated by blank lines
    LINE_PER_PARAGRAPH = "line-per-paragraph"  # each line a paragraph (web extractions, CMS exports)
    INDENTED = "indented"  # hard-wrapped, paragraphs start with an indent (wire copy)
    MARKUP = "markup"  # the markup says where paragraphs are (HTML, XML, DOCX, Markdown)


# The members under their short names, for ``from lint.doc.kinds import *``
# style use (``D.BODY`` through :mod:`lint.doc.document`).
HEADLINE = BlockKind.HEADLINE
SUBHEAD = BlockKind.SUBHEAD
BYLINE = BlockKind.BYLINE
DATELINE = BlockKind.DATELINE
CAPTION = BlockKind.CAPTION
CREDIT = BlockKind.CREDIT
SIGNOFF = BlockKind.SIGNOFF
LEADIN = BlockKind.LEADIN
ELLIPSIS = BlockKind.ELLIPSIS
LIST = BlockKind.LIST
BOILERPLATE = BlockKind.BOILERPLATE
BODY = BlockKind.BODY
KINDS = tuple(BlockKind)

BLANK_LINE = Convention.BLANK_LINE
LINE_PER_PARAGRAPH = Convention.LINE_PER_PARAGRAPH
INDENTED = Convention.INDENTED
MARKUP = Convention.MARKUP
