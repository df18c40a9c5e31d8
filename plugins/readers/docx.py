"""Word reader: ``.docx`` drafts, with python-docx (``pip install 'newslint[docx]'``).

Paragraph styles give block kinds: Title and Heading 1 are headlines,
Heading 2 and below subheads, Caption a caption, List ... styles list items,
everything else is left to the classifier (body, byline, dateline ...).
A soft line break inside a paragraph (Shift+Enter) is a line break in the
copy text, which is what broken-line-wrap looks for.

A .docx has no lines, so positions are paragraphs: a finding's "line" is the
1-based number of the paragraph in the document body (empty paragraphs count,
tables are not read), and its "column" the 1-based character in that
paragraph (a soft line break counts as one character). ``doc.position_kind``
is ``"paragraph"``. Fixes are never written back into a .docx
(``doc.fixable`` is False).
"""

from __future__ import annotations

import io

from lint import hookimpl
from lint.api import Reader, ReadError
from lint.doc import document as D
from lint.doc.kinds import Convention
from lint.doc.mapped import CopyBuilder, MappedDocument
from lint.i18n import _


def style_kind(style_name: str) -> tuple[str, bool]:
    s = (style_name or "").strip().lower()
    if s in ("title", "heading 1"):
        return D.HEADLINE, True
    if s.startswith("heading") or s == "subtitle":
        return D.SUBHEAD, True
    if s == "caption":
        return D.CAPTION, True
    if s.startswith("list"):
        return D.LIST, True
    return D.BODY, False


class DocxReader(Reader):
    name = "docx"
    suffixes = (".docx",)

    def read(self, data: bytes, path: str, options: dict) -> D.Document:
        try:
            import docx  # python-docx
        except ImportError:
            raise ReadError(_("reading .docx needs python-docx: pip install 'newslint[docx]'")) from None
        import zipfile

        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ReadError(_("not a .docx: not a ZIP package"))
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as err:  # noqa: BLE001 - python-docx raises many kinds
            raise ReadError(
                _("not a readable .docx: {error}: {detail}", error=type(err).__name__, detail=str(err))
            ) from None
        return docx_document([(p.text, p.style.name if p.style is not None else "") for p in document.paragraphs], path)


def docx_document(paragraphs: list[tuple[str, str]], path: str) -> MappedDocument:
    """The source text is one line per paragraph, so a source line is a paragraph."""
    cb = CopyBuilder()
    src_lines: list[str] = []
    pos = 0
    for text, style in paragraphs:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
        src_lines.append(text.replace("\n", " "))  # a soft break is one character of its paragraph
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            i = 0
            body = text[lead : lead + len(stripped)]
            started = False
            for k, part in enumerate(body.split("\n")):
                if k:
                    i += 1  # the break
                if not part.strip():  # an empty line inside a paragraph is dropped
                    i += len(part)
                    continue
                if started:
                    cb.atom("\n", pos + lead + i - 1, 1)
                started = True
                cb.text(part, pos + lead + i)
                i += len(part)
            kind, fm = style_kind(style)
            cb.end_block(kind, fm)
        pos += len(src_lines[-1]) + 1
    source = "\n".join(src_lines)
    return cb.build(source, path, reader="docx", convention=Convention.MARKUP, position_kind="paragraph", fixable=False)


@hookimpl
def newslint_register_readers():
    return [DocxReader]
