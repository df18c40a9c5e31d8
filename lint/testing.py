"""Helpers for testing checks, for newslint's own tests and plugin authors.

from lint.testing import run_check
doc, findings = run_check(MyRule, "Headline\\n\\nSome copy.\\n", **{"min-chars": 10})
"""

from __future__ import annotations

from lint.api import Context
from lint.doc.classify import classify_document
from lint.doc.document import Document
from lint.model import Finding


def make_document(text: str, path: str = "<text>", **kw) -> Document:
    """A plain-text Document of ``text``, read and classified as the engine
    reads a ``.txt`` file (``kw``: Document's keyword arguments)."""
    return classify_document(Document.from_text(text, path, **kw))


def run_check(check_cls, text: str, reader: str = "text", **options) -> tuple[Document, list[Finding]]:
    """Run one check on ``text`` (read as plain text) with ``options``; return
    the document and the findings it reported (offsets only: no positions)."""
    doc = make_document(text, reader=reader)
    check = check_cls(options)
    ctx = Context(check, doc)
    produced = check.check(doc, ctx)
    if produced is not None:
        for f in produced:
            if f not in ctx.findings:
                ctx.findings.append(f)
    return doc, ctx.findings


def findings_in(check_cls, folder, **options) -> list[str]:
    """``"file: message"`` for every finding of one check over the .txt files of
    a folder (recursively): what a must-not-flag corpus test asserts is empty."""
    from pathlib import Path

    hits = []
    for p in sorted(Path(folder).rglob("*.txt")):
        _, fs = run_check(check_cls, p.read_text(encoding="utf-8"), **options)
        hits += [f"{p.name}: {f.message}" for f in fs]
    return hits
