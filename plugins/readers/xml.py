"""XML reader for the IPTC news standards: NITF and NewsML-G2.

``.xml``, ``.nitf`` and ``.nml`` files are read by their root element:

- ``<nitf>``: ``hl1`` is a headline, ``hl2`` a subhead, ``byline`` a byline,
  ``dateline`` a dateline, ``p`` body text, ``media-caption`` a caption,
  ``media-producer`` a credit, ``li`` a list item, ``tagline`` a sign-off.
  The ``head``, ``abstract`` (it repeats the lede), tables and media
  references are not copy.
- ``<newsItem>`` / ``<newsMessage>`` (NewsML-G2): ``contentMeta/headline``
  is the headline, ``contentMeta/by`` the byline; the copy is the
  ``contentSet``'s ``inlineXML``, either XHTML (read as the HTML reader does)
  or inline NITF. A content ``<h1>``/``<hl1>`` that repeats the headline is
  read once.

Anything else is refused ("not NITF or NewsML-G2"). The XML is checked first
with defusedxml: entity declarations (which allow "billion laughs" expansion)
and external entities are refused with a clear error. The copy is then
collected with expat (the same safeguards set), whose byte index of every
event is turned into a code-point offset into the decoded file, so findings
point at the line and column in the XML source. Character references,
predefined entities, CDATA sections and CRLF newlines are mapped to their
source spans.
"""

from __future__ import annotations

from typing import Optional, TypedDict

from lint import hookimpl
from lint.api import Reader, ReadError
from lint.doc import document as D
from lint.doc.decode import codec_name
from lint.doc.kinds import Convention
from lint.doc.mapped import MappedDocument
from lint.doc.markup import (
    HAS_ID,
    NOT_COPY,
    REMOVABLE,
    Entry,
    Extractor,
    decode_markup,
    escape_markup,
    html_role,
)
from lint.i18n import _
from lint.lang.compiled import compile_re

_XML_DECL_ENC = compile_re(rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_REF = compile_re(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);")

NITF_BLOCKS = {
    "hl1": (D.HEADLINE, True),
    "hl2": (D.SUBHEAD, True),
    "byline": (D.BYLINE, True),
    "dateline": (D.DATELINE, True),
    "p": (D.BODY, False),
    "media-caption": (D.CAPTION, True),
    "media-producer": (D.CREDIT, True),
    "li": (D.LIST, True),
    "dt": (D.BODY, False),
    "dd": (D.BODY, False),
    "tagline": (D.SIGNOFF, True),
    "pre": (D.BODY, False),
}
NITF_SKIP = {
    "head",
    "abstract",
    "docdata",
    "table",
    "nitf-table",
    "media-reference",
    "media-metadata",
    "media-object",
    "ed",
    "distributor",
    "series",
    "rights",
    "bibliography",
    "body.end.note",
}
G2_META_BLOCKS = {"headline": (D.HEADLINE, True), "by": (D.BYLINE, True), "dateline": (D.DATELINE, True)}
# NITF elements a fix may remove whole (see read_html.REMOVABLE)
NITF_REMOVABLE = {"p", "li", "hl2", "pre"}
G2_CONTAINERS = {"newsMessage", "itemSet", "newsItem", "packageItem", "contentSet", "inlineXML"}


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1].rsplit(" ", 1)[-1]


def _role(tag: str, stack: list[Entry], root_mode: str) -> Entry:
    parent_mode = stack[-1].mode if stack else root_mode
    kind: str  # a BlockKind, or the kind html_role (or the enclosing entry) gives
    in_block = any(e.role == "block" for e in stack)
    if parent_mode == "g2":
        if tag == "contentMeta":
            return Entry(tag, "container", mode="g2meta")
        if tag in G2_CONTAINERS:
            return Entry(tag, "container", mode="g2")
        if tag == "html":
            return Entry(tag, "container", mode="html")
        if tag == "nitf":
            return Entry(tag, "container", mode="nitf")
        return Entry(tag, "skip", mode="g2")
    if parent_mode == "g2meta":
        if tag in G2_META_BLOCKS:
            kind, fm = G2_META_BLOCKS[tag]
            return Entry(tag, "block", kind, fm, mode="g2meta-block")
        return Entry(tag, "skip", mode="g2meta")
    if parent_mode == "g2meta-block":
        return Entry(tag, "inline", mode="g2meta-block")
    if parent_mode == "html":
        role, kind, fm = html_role(tag.lower(), stack)
        if tag == "br":
            role = "br"
        return Entry(tag, role, kind, fm, mode="html")
    # NITF
    if tag in NITF_SKIP:
        return Entry(tag, "skip", mode="nitf")
    if tag == "br":
        return Entry(tag, "br", mode="nitf")
    if tag in NITF_BLOCKS:
        kind, fm = NITF_BLOCKS[tag]
        if tag == "p":
            for e in reversed(stack):
                if e.tag in ("li", "media-caption"):
                    kind, fm = e.kind, True
                    break
        return Entry(tag, "block", kind, fm, mode="nitf")
    return Entry(tag, "inline" if in_block else "container", mode="nitf")


def _check_safe(text: str) -> None:
    """Refuse entity declarations and external entities, via defusedxml."""
    try:
        import defusedxml
        from defusedxml.ElementTree import fromstring
    except ImportError:  # pragma: no cover - a declared dependency
        raise ReadError(_("reading XML needs defusedxml: pip install defusedxml")) from None
    try:
        fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as err:
        what = _("an external entity") if (err.sysid or err.pubid) else _("an entity declaration")
        raise ReadError(
            _(
                "unsafe XML refused: {what} ({name!r}); newslint does not expand XML entities "
                "(they allow 'billion laughs' expansion) or load external entities",
                what=what,
                name=err.name,
            )
        ) from None
    except defusedxml.ExternalReferenceForbidden as err:
        raise ReadError(
            _(
                "unsafe XML refused: an external reference ({ref!r}); newslint does not load external entities",
                ref=err.sysid,
            )
        ) from None
    except defusedxml.DefusedXmlException as err:
        raise ReadError(_("unsafe XML refused: {reason}", reason=str(err))) from None
    except Exception as err:  # ParseError
        raise ReadError(_("not well-formed XML: {reason}", reason=str(err))) from None


class _Offsets:
    """expat's byte index (into the UTF-8 it was fed) -> code-point offset.
    Events arrive in order, so the conversion is incremental: O(n) in all."""

    def __init__(self, text: str):
        self.ascii = text.isascii()
        self.data = b"" if self.ascii else text.encode("utf-8")
        self.b = 0
        self.c = 0

    def __call__(self, byte_index: int) -> int:
        if self.ascii:
            return byte_index
        if byte_index < self.b:  # not expected: restart
            self.b = self.c = 0
        self.c += len(self.data[self.b : byte_index].decode("utf-8", "replace"))
        self.b = byte_index
        return self.c


class _State(TypedDict):
    mode: Optional[str]  # the root's ("nitf" or "g2"), once it is open
    meta_headline: set[str]  # the headlines of a NewsML-G2 item's metadata


def xml_document(source: str, path: str, **kw) -> MappedDocument:
    import xml.parsers.expat as expat

    _check_safe(source)
    x = Extractor(source)
    offsets = _Offsets(source)
    parser = expat.ParserCreate()
    state: _State = {"mode": None, "meta_headline": set()}

    def forbid(*args):
        raise ReadError(_("unsafe XML refused: entity declarations and external entities are not allowed"))

    parser.EntityDeclHandler = forbid
    parser.UnparsedEntityDeclHandler = forbid
    parser.ExternalEntityRefHandler = forbid
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def pos() -> int:
        return offsets(parser.CurrentByteIndex)

    def start(name, attrs):
        tag = _local(name)
        if state["mode"] is None:
            if tag == "nitf":
                root = "nitf"
            elif tag in ("newsItem", "newsMessage"):
                root = "g2"
            else:
                raise ReadError(_("not NITF or NewsML-G2: the root element is <{name}>", name=name))
            state["mode"] = root
            x.open(Entry(tag, "container", mode=root))
            return
        e = _role(tag, x.stack, state["mode"])
        p = pos()
        if e.role == "br":
            end = source.find(">", p)
            x.br(p, (end + 1 - p) if end >= 0 else 0)
            e.role = "inline"
        if e.mode in ("nitf", "html") and e.kind == D.HEADLINE and state["meta_headline"]:
            x.drop_repeated[D.HEADLINE] = state["meta_headline"]
        e.start = p
        if any(_local(k) in ("id", "name") and v for k, v in attrs.items()):
            if e.role == "block":
                e.unsafe = HAS_ID
            else:
                x.note(HAS_ID)
        removable = NITF_REMOVABLE if e.mode == "nitf" else REMOVABLE if e.mode == "html" else ()
        x.open(e, removable)

    def end(name):
        tag = _local(name)
        p = pos()
        stop = source.find(">", p)
        top = x.stack[-1] if x.stack else None
        if (
            top is not None
            and top.mode == "g2meta-block"
            and top.role == "block"
            and top.kind == D.HEADLINE
            and x.tokens
        ):
            state["meta_headline"].add(" ".join("".join(t[1] or " " for t in x.tokens if t[0] != "br").split()))
        x.close(tag, p, stop + 1 if stop >= 0 else -1)

    def chars(data):
        if x.skipping:
            return
        p = pos()
        _align(x, source, data, p)

    def comment(data):
        if "newslint-" in data:
            p = pos()
            e = source.find("-->", p)
            x.comments.append((p, e + 3 if e >= 0 else p))
        x.note(NOT_COPY)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.CommentHandler = comment
    try:
        parser.Parse(source, True)  # a str is fed as UTF-8, whatever the declaration says
    except expat.ExpatError as err:
        raise ReadError(
            _(
                "not well-formed XML: {reason} at line {line}, column {column}",
                reason=expat.errors.messages[err.code],
                line=err.lineno,
                column=err.offset + 1,
            )
        ) from None
    if state["mode"] is None:
        raise ReadError(_("not NITF or NewsML-G2: no root element"))
    return x.build(path, reader="xml", markup=True, convention=Convention.MARKUP, escape=escape_markup, **kw)


def _align(x: Extractor, src: str, data: str, p: int) -> None:
    """Tie a run of character data to its source: verbatim text, character
    references and entities, CRLF/CR newlines, CDATA."""
    if src.startswith(data, p):
        x.text(data, p)
        return
    i = 0
    n = len(data)
    while i < n:
        if src.startswith("<![CDATA[", p):
            p += 9
            continue
        c = src[p] if p < len(src) else ""
        if c == data[i]:
            j = i
            while j < n and p + (j - i) < len(src) and src[p + (j - i)] == data[j]:
                j += 1
            x.text(data[i:j], p)
            p += j - i
            i = j
        elif c == "&":
            m = _REF.match(src, p)
            ln = m.end() - p if m else 1
            x.atom(data[i], p, ln)
            p += ln
            i += 1
        elif c == "\r" and data[i] == "\n":
            ln = 2 if src.startswith("\r\n", p) else 1
            x.atom("\n", p, ln)
            p += ln
            i += 1
        else:  # not expected: keep the text, mapped to where it starts
            x.atom(data[i:], p, 0)
            return


class XmlReader(Reader):
    name = "xml"
    suffixes = (".xml", ".nitf", ".nml")

    def read(self, data: bytes, path: str, options: dict) -> D.Document:
        m = _XML_DECL_ENC.match(data[:512])
        declared = codec_name(m.group(1).decode("ascii")) if m else None
        if (
            declared
            and not options.get("encoding")
            and declared.lower().replace("_", "-") not in ("utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii")
        ):
            # the XML declaration is authoritative
            from lint.doc.decode import decode

            d = decode(data, declared)
        else:
            d = decode_markup(data, options, declared)
        return xml_document(d.text, path, encoding=d.encoding, bom=d.bom, newline=d.newline)


@hookimpl
def newslint_register_readers():
    return [XmlReader]
