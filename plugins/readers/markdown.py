"""Markdown reader: headings, paragraphs, list items and quotes become blocks.

Parsed with markdown-it-py (CommonMark). Front matter, fenced and indented
code, and HTML blocks (including ``<!-- comments -->``) are not copy and are
skipped; inline code spans and autolinks are declared in
``Document.not_copy``, so rules that read characters see them masked in
``Document.copy_text``. A single newline inside a paragraph is a soft wrap, so the
paragraph's block is marked ``soft_wrap`` and wrap checks leave it alone.
Every block keeps its exact position in the original file.
"""

from __future__ import annotations

import regex

from lint import hookimpl
from lint.api import Reader
from lint.doc.decode import decode
from lint.doc.document import BODY, HEADLINE, LIST, SUBHEAD, Block, Document
from lint.doc.kinds import Convention
from lint.lang.text import lazy as _lazy

_FRONT_MATTER = _lazy(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", regex.S)


class MarkdownReader(Reader):
    name = "markdown"
    suffixes = (".md", ".markdown", ".mdown", ".mkd")

    def read(self, data: bytes, path: str, options: dict) -> Document:
        d = decode(data, options.get("encoding"))
        probe = Document(
            d.text, path, encoding=d.encoding, bom=d.bom, newline=d.newline, reader=self.name, blocks=[], markup=True
        )
        blocks = markdown_blocks(probe)
        doc = Document(
            d.text,
            path,
            encoding=d.encoding,
            bom=d.bom,
            newline=d.newline,
            reader=self.name,
            blocks=blocks,
            convention=Convention.MARKUP,
            markup=True,
        )
        doc.not_copy = tuple(inline_code_spans(doc))
        return doc


def markdown_blocks(doc: Document) -> list[Block]:
    from markdown_it import MarkdownIt

    text = doc.text
    skip_lines = 0
    m = _FRONT_MATTER.match(text)
    if m:
        skip_lines = text[: m.end()].count("\n")
        if not text[: m.end()].endswith("\n"):
            skip_lines += 1
    body = "\n".join(text.split("\n")[skip_lines:])
    md = MarkdownIt("commonmark")
    tokens = md.parse(body)
    blocks: list[Block] = []
    headings_seen = 0
    in_list = 0
    last_line_end = skip_lines
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            in_list += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            in_list -= 1
        if tok.type not in ("heading_open", "paragraph_open") or tok.map is None:
            continue
        first, last = tok.map[0] + skip_lines + 1, tok.map[1] + skip_lines  # 1-based inclusive
        # trim trailing blank lines inside the map (setext underline stays part of the heading)
        lines = [doc.line(n) for n in range(first, min(last, doc.line_count) + 1)]
        while lines and not doc.text[lines[-1].start : lines[-1].end].strip():
            lines.pop()
        if not lines:
            continue
        start, end = lines[0].start, lines[-1].end
        if tok.type == "heading_open":
            kind = HEADLINE if (tok.tag == "h1" or headings_seen == 0) else SUBHEAD
            headings_seen += 1
            if len(lines) == 2 and regex.match(r"^\s*(=+|-+)\s*$", doc.text[lines[1].start : lines[1].end]):
                lines = lines[:1]  # setext underline
                end = lines[0].end
        elif in_list:
            kind = LIST
        else:
            kind = BODY
        gap = max(0, first - last_line_end - 1)
        last_line_end = lines[-1].number
        b = Block.of(text, len(blocks), start, end, lines, doc._line_starts, kind=kind, soft_wrap=True, gap_before=gap)
        b.kind_from_markup = kind != BODY
        blocks.append(b)
    return blocks


# an inline code span: a run of backticks, anything, the same run (CommonMark)
_CODE_SPAN = _lazy(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", regex.S)
# an autolink: <scheme:...> or <user@host>
_AUTOLINK = _lazy(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")


def inline_code_spans(doc: Document) -> list[tuple[int, int]]:
    """Inline code spans and autolinks inside the blocks: markup, not copy.
    (Fenced and indented code blocks never become blocks.)"""
    spans: list[tuple[int, int]] = []
    for b in doc.blocks:
        t = b.text
        if "`" in t:
            spans += [(b.start + m.start(), b.start + m.end()) for m in _CODE_SPAN.finditer(t)]
        if "<" in t:
            spans += [(b.start + m.start(), b.start + m.end()) for m in _AUTOLINK.finditer(t)]
    return sorted(spans)


@hookimpl
def newslint_register_readers():
    return [MarkdownReader]
