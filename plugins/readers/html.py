"""HTML reader: ``.html`` and ``.htm`` pages become blocks of copy text.

Parsed with the standard library's ``html.parser`` (no dependency; it keeps
the position of every tag, text run and character reference). ``<h1>`` is a
headline, ``<h2>``-``<h6>`` subheads, ``<p>`` and ``<blockquote>`` body text,
``<figcaption>`` a caption, ``<li>`` a list item. Scripts, styles, navigation,
templates, ``<noscript>``, the page ``<head>``, and page-level ``<header>``,
``<footer>`` and ``<aside>`` (outside ``<article>``) are not copy and are
skipped. Text in inline tags (``<a>``, ``<b>``, ``<em>``, ``<span>`` ...) joins
the copy text; whitespace collapses as a browser shows it; character
references are decoded; ``<br>`` is a line break inside the block.

A full web page (page chrome present: ``<html>``/``<body>`` with navigation,
header, footer, sidebars, comment sections, forms) is read on its article
only (option ``html-content: article``, the default): trafilatura extracts
the main content, reader comments left out, and the reader keeps its own
blocks whose text makes up that extraction (aligned in page order; where a
teaser repeats a paragraph, the copy among the article's neighbours wins),
plus the ``<h1>`` the page's ``<title>``/``og:title`` carries. A fragment
without page chrome, a page whose extraction is empty or does not line up
with the page's blocks, and ``html-content: all`` are read whole. The
document's ``content_note`` says which (``newslint inspect`` shows it).

The document's text is the copy; every finding is reported at the line and
column of the HTML source (see :class:`lint.doc.mapped.MappedDocument`).
``<!-- newslint-disable ... -->`` comments work as in Markdown.

:class:`lint.doc.markup.Extractor` is shared with the XML reader (NITF, NewsML-G2 XHTML).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from lint import hookimpl
from lint.api import Reader
from lint.doc import document as D
from lint.doc.decode import codec_name
from lint.doc.kinds import Convention
from lint.doc.mapped import MappedDocument
from lint.doc.markup import (
    ENTITY,
    HAS_ID,
    HTML_BLOCKS,
    HTML_CONTAINERS,
    HTML_PAGE_CHROME,
    HTML_VOID,
    META_CHARSET,
    NOT_COPY,
    Entry,
    Extractor,
    decode_markup,
    escape_markup,
    html_role,
)
from lint.lang.compiled import compile_re

# --- HTML parsing ----------------------------------------------------------------------


_ROOT_TAGS = {"html", "head", "body"}
# ARIA landmark roles of page furniture, and the name each is shown by
_CHROME_ROLES = {
    "navigation": "nav",
    "banner": "header",
    "contentinfo": "footer",
    "complementary": "aside",
    "menubar": "menu",
    "search": "search",
}
# class/id words that name page furniture (whole words of the value, split at
# spaces, hyphens and underscores; "comments-area", "site_footer", "navbar")
_CHROME_WORDS = compile_re(
    r"(?:^|[\s_-])(comments?|commentlist|disqus|sidebar|navbar|nav|navigation|menu|breadcrumbs?|footer|masthead"
    r"|banner|newsletter|subscribe|subscription|related|recent|share|sharing|social|sponsor|sponsored|promo"
    r"|widget|toolbar|topbar|login|signup|search|cookies?)(?=$|[\s_-])",
    re.I,
)
_CHROME_NAMES = {
    "comment": "comments",
    "commentlist": "comments",
    "disqus": "comments",
    "navbar": "nav",
    "navigation": "nav",
    "breadcrumb": "breadcrumbs",
    "masthead": "header",
    "subscription": "subscribe",
    "sharing": "share",
    "sponsored": "sponsor",
    "cookie": "cookies",
    "signup": "login",
}


@lru_cache(maxsize=None)
def _parser_class() -> type:
    """The page parser, defined on first use: html.parser costs start-up time
    and most runs read no HTML."""
    import html
    from html.parser import HTMLParser

    class _Parser(HTMLParser):
        def __init__(self, source: str):
            super().__init__(convert_charrefs=False)
            self.source = source
            self.x = Extractor(source)
            # evidence that this is a whole web page rather than a fragment
            self.saw_root = False
            self.chrome: set[str] = set()
            self._title: Optional[list[str]] = None
            self.titles: list[str] = []
            self._nl = D.lf_line_starts(source)  # (html.parser counts lines at LF alone)

        def _pos(self) -> int:
            line, col = self.getpos()
            return self._nl[line - 1] + col

        def _page_signals(self, tag: str, attrs) -> None:
            chrome = self.chrome
            if tag in _ROOT_TAGS:
                self.saw_root = True
            elif tag in ("nav", "menu", "form", "input"):
                chrome.add(tag if tag != "input" else "form")
            elif tag in HTML_PAGE_CHROME and not any(e.tag == "article" for e in self.x.stack):
                chrome.add(tag)
            elif tag == "title":
                self._title = []
            for k, v in attrs:
                if not v:
                    continue
                if k == "role":
                    role = _CHROME_ROLES.get(v.strip().lower())
                    if role:
                        chrome.add(role)
                elif k in ("class", "id"):
                    m = _CHROME_WORDS.search(v)
                    if m:
                        w = m.group(1).lower()
                        chrome.add(_CHROME_NAMES.get(w, w))
                elif tag == "meta" and k == "content" and ("property", "og:title") in attrs:
                    self.titles.append(html.unescape(v))

        def handle_starttag(self, tag, attrs):
            x = self.x
            self._page_signals(tag, attrs)
            ident = any(k in ("id", "name") and v for k, v in attrs)
            if tag in HTML_VOID:
                if tag == "br":
                    pos = self._pos()
                    x.br(pos, len(self.get_starttag_text() or "<br>"))
                elif tag == "hr":
                    x.flush()
                else:
                    x.note(NOT_COPY)
                return
            pos = self._pos()
            if tag in HTML_BLOCKS or tag in HTML_CONTAINERS or tag in HTML_PAGE_CHROME:
                self._implied_end(tag, pos)
            role, kind, fm = html_role(tag, x.stack)
            entry = Entry(tag, role, kind, fm, start=pos)
            if ident:
                if role == "block":
                    entry.unsafe = HAS_ID
                else:
                    x.note(HAS_ID)
            x.open(entry)

        def _implied_end(self, tag: str, pos: int = -1) -> None:
            """HTML's implied end tags: a block closes an open <p>; <li> closes <li>."""
            stack = self.x.stack
            for i in range(len(stack) - 1, -1, -1):
                e = stack[i]
                if e.role == "inline":
                    continue
                if (
                    e.tag == "p"
                    or (tag == e.tag and tag in ("li", "dt", "dd"))
                    or (tag in ("dt", "dd") and e.tag in ("dt", "dd"))
                ):
                    self.x.close(e.tag, pos)
                break

        def handle_startendtag(self, tag, attrs):
            if tag in HTML_VOID:
                self.handle_starttag(tag, attrs)
            elif any(k in ("id", "name") and v for k, v in attrs):
                self.x.note(HAS_ID)  # <a name="x"/>: an anchor a link may point at

        def handle_endtag(self, tag):
            if tag == "title" and self._title is not None:
                self.titles.append(html.unescape("".join(self._title)))
                self._title = None
            pos = self._pos()
            if tag == "br":  # </br> is read as <br>
                self.x.br(pos, len("</br>"))
                return
            end = self.source.find(">", pos)
            self.x.close(tag, pos, end + 1 if end >= 0 else -1)

        def handle_data(self, data):
            if self._title is not None:
                self._title.append(data)
            pos = self._pos()
            if self.source.startswith(data, pos):
                self.x.text(data, pos)
            else:  # should not happen; keep the text, without an exact map
                self.x.atom(data, pos, 0)

        def _ref(self, pos: int):
            m = ENTITY.match(self.source, pos)
            if not m:
                return
            span = m.group()
            ch = html.unescape(span)
            if ch == span:
                self.x.text(span, pos)
            else:
                self.x.atom(ch, pos, len(span))

        def handle_entityref(self, name):
            self._ref(self._pos())

        def handle_charref(self, name):
            self._ref(self._pos())

        def handle_comment(self, data):
            pos = self._pos()
            end = self.source.find("-->", pos)
            end = end + 3 if end >= 0 else pos + len(data) + 7
            if "newslint-" in data:
                self.x.comments.append((pos, end))
            self.x.note(NOT_COPY)

    return _Parser


# --- the article of a full page ---------------------------------------------------

MIN_ARTICLE_CHARS = 200  # shorter extractions (whitespace removed) are not trusted
# share of the extracted text the reader's blocks must account for; below it the
# two disagree about the page and the whole page is read (the extractor also
# keeps consent and language banners the reader skips, hence not more)
MIN_COVERAGE = 0.25
# pages with more blocks than this (real articles have hundreds) are extracted
# without trafilatura's fallback extractors, whose time grows with the square
FAST_EXTRACTION_BLOCKS = 3000
MAX_PLACES = 8  # places in the extracted text tried per block (keeps the alignment near-linear)
_NORM_DROP = compile_re(r"[\s\u200b-\u200f\u2060\ufeff\u00ad]+")


def _norm(s: str) -> str:
    """Text as compared with the extractor's: NFKC, case-folded, no whitespace or
    invisible characters (the two disagree about spaces, entities and breaks)."""
    import unicodedata

    return _NORM_DROP.sub("", unicodedata.normalize("NFKC", s)).casefold()


def extract_article_text(source: str, fast: bool = False) -> Optional[str]:
    """The page's main content as trafilatura finds it (no comments), or None.
    ``fast`` skips trafilatura's fallback extractors (which take time quadratic
    in the number of paragraphs)."""
    import trafilatura  # heavy: imported only when a full page is read

    try:
        res = trafilatura.bare_extraction(source, include_comments=False, with_metadata=False, fast=fast)
    except Exception:  # noqa: BLE001 - a failed extraction falls back to the whole page
        return None
    body = getattr(res, "body", None) if res is not None else None
    if body is None:
        return None
    return "".join(body.itertext())


def _chain(texts: list[str], article: str) -> list[int]:
    """Indices of the blocks (normalised ``texts``, in page order) that make up
    ``article``: the in-order, non-overlapping placement of blocks in the
    article text that covers most of it. Where two blocks could take the same
    place (a teaser repeating a paragraph), the one next to its neighbours in
    the page wins. Weighted longest chain, O(matches log n)."""
    n = len(article)
    size = n + 2
    tree_v = [0] * (size + 1)  # Fenwick tree of (best chain value, item) by end position
    tree_i = [-1] * (size + 1)

    def query(pos: int) -> tuple[int, int]:  # best chain ending at or before pos
        best, item = 0, -1
        i = pos + 1
        while i > 0:
            if tree_v[i] > best:
                best, item = tree_v[i], tree_i[i]
            i -= i & -i
        return best, item

    def update(pos: int, value: int, item: int) -> None:
        i = pos + 1
        while i <= size:
            if value > tree_v[i]:
                tree_v[i], tree_i[i] = value, item
            i += i & -i

    items: list[tuple[int, int, int, int, int]] = []  # (block, start, end, value, previous item)
    prev_block_items: list[int] = []
    frontier = 0  # the end of the previous block's best place
    for b, t in enumerate(texts):
        here: list[int] = []
        if t:
            # where the block can sit: its first places in the text, and its first
            # places after the previous block (a page of many equal paragraphs)
            places: set[int] = set()
            for lo in (0, frontier):
                start, found = article.find(t, lo), 0
                while start >= 0 and found < MAX_PLACES // 2:
                    places.add(start)
                    found += 1
                    start = article.find(t, start + 1)
            starts = sorted(places)
            # the previous block's places, by end (equal lengths: in order), with the
            # best chain value among those ending at or before each point
            prev = prev_block_items
            k, best_prev, best_prev_item = 0, -1, -1
            for start in starts:
                end = start + len(t)
                while k < len(prev) and items[prev[k]][2] <= start:
                    if items[prev[k]][3] > best_prev:
                        best_prev, best_prev_item = items[prev[k]][3], prev[k]
                    k += 1
                # weight 2 per character, +1 for following the page's previous block
                best, item = query(start)
                value = best + 2 * len(t)
                if best_prev_item >= 0 and best_prev + 2 * len(t) + 1 > value:
                    value, item = best_prev + 2 * len(t) + 1, best_prev_item
                items.append((b, start, end, value, item))
                here.append(len(items) - 1)
        for j in here:
            update(items[j][2], items[j][3], j)
        if here:
            prev_block_items = here
            frontier = items[max(here, key=lambda j: items[j][3])][2]
        else:
            prev_block_items = []
    _, item = query(n)
    keep: list[int] = []
    while item >= 0:
        keep.append(items[item][0])
        item = items[item][4]
    return keep[::-1]


def select_article(blocks: list[tuple], titles: list[str], article: Optional[str]) -> Optional[list[int]]:
    """Indices of the reader's ``blocks`` that belong to the extracted
    ``article`` text, or None when the extraction is not usable."""
    if not article:
        return None
    norm_article = _norm(article)
    if len(norm_article) < MIN_ARTICLE_CHARS:
        return None
    texts = [_norm("".join(t[1] for t in piece)) for _, _, piece, _ in blocks]
    keep = _chain(texts, norm_article)
    covered = sum(len(texts[i]) for i in keep)
    if covered < MIN_COVERAGE * len(norm_article):
        return None  # the reader's blocks and the extractor's text do not line up
    # the headline: trafilatura leaves the title out of the text; keep the
    # last <h1> before the article when the page's <title>/og:title carries it
    if keep:
        norm_titles = [_norm(t) for t in titles if t and t.strip()]
        for i in range(keep[0] - 1, -1, -1):
            kind = blocks[i][0]
            if kind == D.HEADLINE and texts[i] and any(texts[i] in t for t in norm_titles):
                keep.insert(0, i)
                break
    return keep


def html_document(source: str, path: str, content: str = "article", **kw) -> MappedDocument:
    """The copy of an HTML page. ``content``: "article" reads only the main
    content of a full page (one with page chrome: navigation, header, footer,
    sidebars, comment sections), found by trafilatura; a fragment, or "all",
    is read whole."""
    p = _parser_class()(source)
    x = p.x
    x.pending = []
    p.feed(source)
    p.close()
    x.close_all(len(source))
    x.flush()
    blocks, x.pending = x.pending, None
    full_page = bool(p.chrome) and (p.saw_root or len(p.chrome) >= 2)
    chrome = ", ".join(sorted(p.chrome)[:6]) + (", ..." if len(p.chrome) > 6 else "")
    keep: Optional[list[int]] = None
    if content == "all":
        note = "all (html-content: all)"
    elif not full_page:
        note = "all (a fragment: no page chrome)"
    else:
        article = extract_article_text(source, fast=len(blocks) > FAST_EXTRACTION_BLOCKS)
        keep = select_article(blocks, p.titles, article)
        if keep is None:
            note = f"all (a full page [{chrome}], but no usable article was extracted: the whole page is read)"
        else:
            note = f"article (a full page [{chrome}]: {len(keep)} of {len(blocks)} blocks kept)"
    for i in range(len(blocks)) if keep is None else keep:
        x.emit(*blocks[i])
    doc = x.build(path, reader="html", markup=True, convention=Convention.MARKUP, escape=escape_markup, **kw)
    doc.content_note = note
    return doc


class HtmlReader(Reader):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def read(self, data: bytes, path: str, options: dict) -> D.Document:
        m = META_CHARSET.search(data[:4096])
        declared = codec_name(m.group(1).decode("ascii")) if m else None
        d = decode_markup(data, options, declared)
        content = options.get("html-content") or "article"
        return html_document(d.text, path, content, encoding=d.encoding, bom=d.bom, newline=d.newline)


@hookimpl
def newslint_register_readers():
    return [HtmlReader]
