"""Reading markup into copy: what the HTML and XML readers share.

Element roles (block, container, inline, skipped), the :class:`Extractor`
that turns a stream of tags and text into blocks of copy with their source
spans (through :class:`lint.doc.mapped.CopyBuilder`), which elements a fix
may remove whole, how fix text is escaped back into markup, and decoding a
file that declares its own encoding. Readers (plugins) build on this; no
reader imports another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Collection, Optional

from lint.api import ReadError
from lint.doc import document as D
from lint.doc.decode import decode
from lint.doc.mapped import CopyBuilder, MappedDocument
from lint.i18n import _
from lint.lang.compiled import compile_re

META_CHARSET = compile_re(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

_WS = compile_re(r"[ \t\n\r\f]+")
ENTITY = compile_re(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?")

# --- HTML element roles --------------------------------------------------------

HTML_BLOCKS = {
    "h1": (D.HEADLINE, True),
    "h2": (D.SUBHEAD, True),
    "h3": (D.SUBHEAD, True),
    "h4": (D.SUBHEAD, True),
    "h5": (D.SUBHEAD, True),
    "h6": (D.SUBHEAD, True),
    "p": (D.BODY, False),
    "blockquote": (D.BODY, False),
    "figcaption": (D.CAPTION, True),
    "caption": (D.CAPTION, True),
    "li": (D.LIST, True),
    "dt": (D.BODY, False),
    "dd": (D.BODY, False),
    "pre": (D.BODY, False),
    "address": (D.BODY, False),
    "td": (D.BODY, False),
    "th": (D.BODY, False),
}
HTML_SKIP = {
    "script",
    "style",
    "nav",
    "noscript",
    "template",
    "head",
    "title",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "select",
    "textarea",
    "canvas",
    "audio",
    "video",
}
HTML_PAGE_CHROME = {"header", "footer", "aside"}  # skipped unless inside <article>
HTML_INLINE = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "cite",
    "code",
    "data",
    "del",
    "dfn",
    "em",
    "font",
    "i",
    "ins",
    "kbd",
    "mark",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
    "label",
    "big",
    "tt",
    "strike",
    "nobr",
    "ruby",
    "rt",
    "rp",
}
HTML_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
HTML_CONTAINERS = {
    "html",
    "body",
    "main",
    "article",
    "section",
    "div",
    "figure",
    "ul",
    "ol",
    "dl",
    "menu",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "details",
    "summary",
    "fieldset",
    "center",
    "hgroup",
    "search",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements a fix may remove whole (a repeated paragraph), when the block is all
# they hold and their parent is a container (<div>, <article>, <ul>, <body>):
# removing one leaves the structure around it as it was. Not table cells and
# captions (a table would lose a cell), not <dt>/<dd> (a term would lose its
# definition), not a <p> inside a <li>, <blockquote> or <td> (an empty item,
# quote or cell would be left).
REMOVABLE = {"p", "li", "blockquote", "pre", "address", *_HEADINGS}
_TABLE = {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup"}
_WS_CHARS = " \t\n\r\f"
# why removing an element needs an editor's eye (BlockElement.unsafe)
HAS_ID = "it has an id or name a link may point at"
NOT_COPY = "it holds markup that is not copy (an image, a comment, a script)"
MAX_DEPTH = 512  # open elements kept on the stack (as browsers' parsers cap the tree depth)


@dataclass
class Entry:
    tag: str
    role: str  # "block", "container", "inline", "skip"
    kind: str = D.BODY
    from_markup: bool = False
    mode: str = "html"
    # where the element's opening tag starts in the source (-1: not known); a
    # block element whose text is one whole block gets a D.BlockElement
    start: int = -1
    removable: bool = False  # the tag and its place allow removing it whole
    split: bool = False  # it holds other blocks, or its text became several
    unsafe: str = ""  # why removing it needs an editor's eye


def html_role(tag: str, stack: list[Entry]) -> tuple[str, str, bool]:
    """(role, kind, kind_from_markup) of an HTML element opened under ``stack``."""
    if tag in HTML_SKIP:
        return "skip", D.BODY, False
    if tag in HTML_PAGE_CHROME and not any(e.tag in ("article", "main") for e in stack):
        return "skip", D.BODY, False
    if tag in HTML_BLOCKS:
        kind, fm = HTML_BLOCKS[tag]
        if tag not in _HEADINGS:
            # a paragraph inside a list item or a figure caption takes its kind
            for e in reversed(stack):
                if e.tag in ("li", "figcaption", "caption"):
                    return "block", e.kind, True
        return "block", kind, fm
    if tag in HTML_CONTAINERS:
        return "container", D.BODY, False
    if tag in HTML_INLINE or any(e.role == "block" for e in stack):
        return "inline", D.BODY, False
    return "container", D.BODY, False


# --- the extractor: a stack of open elements feeding a CopyBuilder ---------------


class Extractor:
    """Collects copy text block by block, each piece tied to its source span."""

    def __init__(self, source: str):
        self.source = source
        self.cb = CopyBuilder()
        self.stack: list[Entry] = []
        self.skipping = 0
        self.tokens: list[tuple] = []
        self.kind: tuple[str, bool] = (D.BODY, False)
        self.comments: list[tuple[int, int]] = []
        # a block whose whitespace-normalised text is in here is dropped (NewsML-G2
        # headline repeated as the content's <h1>)
        self.drop_repeated: dict[str, set] = {}
        self.seen_text: dict[str, set] = {}
        # when set, flush() collects blocks here, ``(kind, from_markup, tokens)``,
        # instead of emitting them: the HTML reader picks the article's blocks first
        self.pending: Optional[list[tuple]] = None

    # structure
    def open(self, entry: Entry, removable_tags: Collection[str] = REMOVABLE) -> None:
        """Open ``entry``; a block element whose ``start`` is known and whose
        tag is in ``removable_tags`` may later be removed whole by a fix."""
        if len(self.stack) >= MAX_DEPTH:
            # deeper elements are read as if their tags were not there: finding an
            # element's role scans the stack, so unbounded nesting was quadratic
            return
        if not self.skipping:
            if entry.role in ("block", "container"):
                self.flush()
                outer = self._block()
                if outer is not None:
                    outer.split = True  # it holds another block
            elif entry.role == "skip":
                self.note(NOT_COPY)
            if entry.role == "block" and entry.start >= 0 and entry.tag in removable_tags:
                parent = self.stack[-1] if self.stack else None
                entry.removable = (parent is None or parent.role == "container") and not any(
                    e.tag in _TABLE for e in self.stack
                )
        if entry.role == "skip":
            self.skipping += 1
        self.stack.append(entry)

    def _block(self) -> Optional[Entry]:
        """The innermost open block element."""
        for e in reversed(self.stack):
            if e.role == "block":
                return e
        return None

    def note(self, why: str) -> None:
        """The innermost open block holds something that makes removing it
        whole unsafe (``why``)."""
        if self.skipping:
            return
        b = self._block()
        if b is not None and not b.unsafe:
            b.unsafe = why

    def close(self, tag: str, at: int = -1, end: int = -1) -> bool:
        """Close the innermost open ``tag`` and everything opened inside it.
        ``at``: where the closing starts in the source (the end tag, or the tag
        or end of input that implies it); ``end``: where the end tag ends (-1
        when the end is implied)."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                break
        else:
            return False
        self._pop(i, at, end)
        return True

    def close_all(self, at: int) -> None:
        """The end of the input closes every open element."""
        if self.stack:
            self._pop(0, at, -1)

    def _pop(self, i: int, at: int, end: int) -> None:
        popped = self.stack[i:]
        del self.stack[i:]
        boundary = False
        inner: Optional[Entry] = None
        for e in popped:
            if e.role == "skip":
                self.skipping -= 1
            elif e.role in ("block", "container"):
                boundary = True
                if e.role == "block":
                    inner = e
        if boundary and not self.skipping:
            element = None
            if inner is not None and inner.removable and not inner.split and at >= 0:
                if inner is popped[0] and end >= 0:
                    stop = end
                else:  # implied: the element's content ends before the whitespace
                    stop = at
                    while stop > inner.start and self.source[stop - 1] in _WS_CHARS:
                        stop -= 1
                element = D.BlockElement(inner.start, stop, inner.tag, inner.unsafe)
            self.flush(element)

    def current_kind(self) -> tuple[str, bool]:
        for e in reversed(self.stack):
            if e.role == "block":
                return e.kind, e.from_markup
        return D.BODY, False

    # content
    def _token(self, tok: tuple) -> None:
        if self.skipping:
            return
        if not self.tokens:
            self.kind = self.current_kind()
        self.tokens.append(tok)

    def text(self, s: str, pos: int) -> None:
        """Verbatim source text ``s`` at ``pos``."""
        if self.skipping or not s:
            return
        i = 0
        for m in _WS.finditer(s):
            if m.start() > i:
                self._token(("t", s[i : m.start()], pos + i, m.start() - i))
            self._token(("w", None, pos + m.start(), m.end() - m.start()))
            i = m.end()
        if i < len(s):
            self._token(("t", s[i:], pos + i, len(s) - i))

    def atom(self, s: str, pos: int, n: int) -> None:
        """``s`` stands for the whole source span ``[pos, pos + n)`` (an entity)."""
        if s and not s.strip(" \t\n\r\f"):
            self._token(("w", None, pos, n))
        elif s:
            self._token(("a", s, pos, n))

    def br(self, pos: int, n: int) -> None:
        self._token(("br", "\n", pos, n))

    def flush(self, element: Optional[D.BlockElement] = None) -> None:
        """Emit the text collected so far as blocks. ``element``: the element
        being closed, whose whole content that text is."""
        toks, self.tokens = self.tokens, []
        if not toks:
            return
        if element is None:
            b = self._block()
            if b is not None:
                b.split = True  # its text is cut (<hr>, a nested block)
        kind, fm = self.kind
        # collapse whitespace, drop it at the ends and around line breaks
        out: list[tuple] = []
        ws: Optional[list[int]] = None
        for tok in toks:
            t = tok[0]
            if t == "w":
                if ws is None:
                    ws = [tok[2], tok[3]]
                elif ws[0] + ws[1] == tok[2]:
                    ws[1] += tok[3]
                continue
            if t == "br":
                ws = None
                if out and out[-1][0] == "br":
                    out[-1] = ("para", None, out[-1][2], out[-1][3])  # <br><br>: a paragraph break
                elif out and out[-1][0] != "para":
                    out.append(tok)
                continue
            if ws is not None and out and out[-1][0] not in ("br", "para"):
                out.append(("a", " ", ws[0], ws[1]))
            ws = None
            out.append(tok)
        while out and out[-1][0] in ("br", "para"):
            out.pop()
        # split at paragraph breaks, emit
        pieces: list[list[tuple]] = [[]]
        for tok in out:
            if tok[0] == "para":
                pieces.append([])
            else:
                pieces[-1].append(tok)
        if sum(1 for piece in pieces if piece) != 1:
            element = None  # <br><br> made several blocks of one element
        for piece in pieces:
            if not piece:
                continue
            if kind in self.drop_repeated:
                norm = " ".join("".join(t[1] for t in piece).split())
                if norm in self.drop_repeated[kind]:
                    continue
            if self.pending is not None:
                self.pending.append((kind, fm, piece, element))
            else:
                self.emit(kind, fm, piece, element)

    def emit(self, kind: str, fm: bool, piece: list[tuple], element: Optional[D.BlockElement] = None) -> None:
        for t, s, pos, n in piece:
            if t == "t":
                self.cb.text(s, pos)
            else:
                self.cb.atom(s, pos, n)
        self.cb.end_block(kind, fm, soft_wrap=False, element=element)

    def build(self, path: str, **kw) -> MappedDocument:
        self.flush()
        return self.cb.build(self.source, path, comments=self.comments, **kw)


def escape_markup(s: str) -> str:
    import html  # (here: the html package loads its entity table, start-up time most runs need not pay)

    return html.escape(s, quote=False)


def decode_markup(data: bytes, options: dict, declared: Optional[str]):
    """Decode with the user's encoding, else UTF-8/BOM/detection, else the
    encoding the document declares."""
    try:
        return decode(data, options.get("encoding"))
    except ReadError:
        if options.get("encoding") or not declared:
            raise
        try:
            return decode(data, declared)
        except ReadError:
            raise ReadError(
                _("cannot decode as {encoding} (the encoding the file declares) or as UTF-8", encoding=declared)
            ) from None
