"""Bytes to text: BOMs, UTF-8, detected legacy encodings, and a clear error.

With no encoding given: a BOM decides; else UTF-8; else, when the bytes are
not UTF-8 (or their NUL bytes suggest UTF-16 without a BOM), charset-normalizer
(imported only then) proposes an encoding, and it is used only when it is one
newslint can vouch for (GB18030/GBK/GB2312, Big5/CP950/Big5-HKSCS, UTF-16,
UTF-32), decodes and re-encodes the bytes exactly (so ``--fix`` writes the
file back byte for byte), reads as text in that script, and no rival reading
comes close. Anything else is refused with a clear error, never decoded into
silent garbage; the error names the encoding the bytes most likely are
(:func:`suggest_encoding`), for ``--encoding``.

Binary data is refused whatever the encoding, even a named one that decodes
any byte (latin-1): a NUL, or more than MAX_CONTROL_SHARE control characters.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Optional

from lint.api import ReadError
from lint.i18n import _
from lint.lang.compiled import compile_re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def encode_like(text: str, encoding: str, bom: bool) -> bytes:
    """``text`` encoded as the file it came from was (encoding and byte-order
    mark): what --fix and the review page write back."""
    data = text.encode(encoding)
    if bom:
        data = next((mark for mark, name in _BOMS if name == encoding), b"") + data
    return data


@dataclass
class Decoded:
    text: str
    encoding: str
    bom: bool
    newline: str  # the file's dominant newline: "\n", "\r\n" or "\r"


def dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"))
    return best[1] if best[0] else "\n"


def decode(data: bytes, encoding: Optional[str] = None) -> Decoded:
    """Decode file bytes. With no ``encoding``: a BOM decides, else UTF-8.

    Raises ReadError for binary data and for bytes that are not valid in the
    encoding, naming the byte offset.
    """
    bom = False
    enc = encoding
    body = data
    if enc is None:
        for mark, name in _BOMS:
            if data.startswith(mark):
                enc, bom, body = name, True, data[len(mark) :]
                break
    if enc is None:
        nul = data.find(b"\x00", 0, 8192)
        if nul >= 0:
            guess = _utf16_without_bom(data)
            if guess is not None:
                return guess
            raise ReadError(_("not text: binary data (a NUL byte) at byte {at}", at=nul))
        enc = "utf-8"
    try:
        codecs.lookup(enc)
    except LookupError:
        raise ReadError(_("unknown encoding {name!r}", name=enc)) from None
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as err:
        at = err.start + (len(data) - len(body))
        line = data[:at].count(b"\n") + 1
        hint: object = ""
        if encoding is None:
            guess = detect(data)
            if guess is not None:
                return guess
            likely = suggest_encoding(data)
            if likely:
                hint = _(" (name the file's encoding with --encoding; it looks like --encoding {name})", name=likely)
            else:
                hint = _(" (name the file's encoding with --encoding)")
        raise ReadError(
            _(
                "cannot decode as {encoding}: invalid byte 0x{byte:02x} at byte {at} (line {line}){hint}",
                encoding=enc,
                byte=body[err.start],
                at=at,
                line=line,
                hint=hint,
            )
        ) from None
    # binary data stays binary whatever encoding was named (latin-1 decodes any bytes)
    if "\x00" in text[:8192] and not bom:
        raise ReadError(_("not text: binary data (a NUL character) at character {at}", at=text.index(chr(0))))
    head = text[:8192]
    bad = _controls(head)
    if bad > max(MIN_CONTROLS, MAX_CONTROL_SHARE * len(head)):
        raise ReadError(_("not text: binary data ({bad} control characters in the first {n})", bad=bad, n=len(head)))
    return Decoded(text, enc, bom, dominant_newline(text))


# Binary data read in a single-byte encoding: more than this share of the first
# 8192 characters are control characters (and more than MIN_CONTROLS of them).
# Copy has next to none; a stray ESC or two is encoding-damage's to report.
MAX_CONTROL_SHARE = 0.05
MIN_CONTROLS = 8


_CONTROL = compile_re(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _controls(text: str) -> int:
    return len(_CONTROL.findall(text))


# --- detection ------------------------------------------------------------------

# charset-normalizer's names (Python codec names) -> the name newslint reports
# and writes back with; GBK/GB2312 are read as their superset GB18030 when the
# bytes round-trip identically.
_FAMILIES = {
    "gb18030": "gb",
    "gbk": "gb",
    "gb2312": "gb",
    "hz": None,
    "big5": "big5",
    "cp950": "big5",
    "big5hkscs": "big5",
    "utf_16": "utf16",
    "utf_16_le": "utf16",
    "utf_16_be": "utf16",
    "utf_32": "utf32",
    "utf_32_le": "utf32",
    "utf_32_be": "utf32",
}
_PREFERRED = {"gb": ("gb18030", "gbk"), "big5": ("big5", "cp950", "big5hkscs")}
MAX_CHAOS = 0.10  # charset-normalizer's "mess" ratio of the best reading
MIN_MARGIN = 0.08  # how much messier a rival reading in another family must be


def codec_name(enc: str) -> str:
    """The codec's canonical name (so --fix writes back in it), or the name as
    given when Python knows no such codec."""
    try:
        return codecs.lookup(enc).name
    except LookupError:
        return enc


def _round_trips(data: bytes, enc: str) -> Optional[str]:
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None
    try:
        if text.encode(enc) != data:
            return None
    except UnicodeEncodeError:
        return None
    return text


def _han_share(text: str) -> float:
    """Share of the non-ASCII, non-space characters that are CJK (Han, CJK
    punctuation, fullwidth forms): Chinese read in the right encoding is
    nearly all CJK; read in a wrong one it is a jumble of other scripts."""
    import unicodedata

    other = cjk = 0
    for ch in text:
        if ch.isascii() or ch.isspace():
            continue
        o = ord(ch)
        if (
            0x4E00 <= o <= 0x9FFF
            or 0x3400 <= o <= 0x4DBF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x20000 <= o <= 0x2FFFF
            or 0xF900 <= o <= 0xFAFF
            or o in (0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019, 0x00B7)
        ):
            cjk += 1
        elif unicodedata.category(ch)[0] in "LNPS":
            other += 1
        else:
            other += 2  # controls, unassigned, private use: a bad sign
    total = cjk + other
    return cjk / total if total else 0.0


def _printable_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if not (ch.isprintable() or ch in "\n\r\t\f"))
    return 1 - bad / len(text)


def detect(data: bytes) -> Optional[Decoded]:
    """A confident reading of non-UTF-8 bytes, or None (see the module doc)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    results = list(from_bytes(data))
    if not results:
        return None
    best = results[0]
    family = _FAMILIES.get(best.encoding)
    if family is None or best.chaos > MAX_CHAOS:
        return None
    for rival in results[1:]:
        if _FAMILIES.get(rival.encoding) != family and rival.chaos - best.chaos < MIN_MARGIN:
            return None
    if family in ("utf16", "utf32"):
        enc = codec_name(best.encoding)
        text = _round_trips(data, enc)
        if text is None or _printable_share(text) < 0.98 or "\x00" in text:
            return None
        # UTF-16 with few NULs is mostly CJK; random bytes spread over every script
        if sum(ch.isascii() for ch in text) < 0.9 * len(text) and _han_share(text) < 0.85:
            return None
        return Decoded(text, enc, False, dominant_newline(text))
    for cand in _PREFERRED[family] + (best.encoding,):
        text = _round_trips(data, cand)
        if text is not None:
            if _han_share(text) < 0.85 or _printable_share(text) < 0.99:
                return None
            enc = codec_name(cand)
            return Decoded(text, enc, False, dominant_newline(text))
    return None


def _utf16_without_bom(data: bytes) -> Optional[Decoded]:
    """UTF-16 without a BOM: text with ASCII in it has a NUL in every other
    byte, on one side. Decoded only when that pattern is clear and the text
    is printable."""
    if len(data) % 2 or len(data) < 4:
        return None
    sample = data[:8192]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.2 * half and even == 0:
        enc = "utf-16-le"
    elif even > 0.2 * half and odd == 0:
        enc = "utf-16-be"
    else:
        return detect(data)
    text = _round_trips(data, enc)
    if text is None or "\x00" in text or _printable_share(text) < 0.98:
        return None
    return Decoded(text, enc, False, dominant_newline(text))


# The most used legacy encodings (web usage), most used first: the tie-breaker
# among readings that are equally clean.
_COMMON = (
    "cp1252",
    "gb18030",
    "shift_jis",
    "cp1251",
    "euc_kr",
    "big5",
    "euc_jp",
    "cp1250",
    "iso8859_2",
    "cp1256",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1257",
    "cp874",
    "koi8_r",
    "iso8859_15",
    "latin_1",
)


def _scripts_mixed_in_words(text: str) -> int:
    """Words (runs of letters) written in more than one script: a wrong
    single-byte reading turns the accented letter of a Latin word into a
    Cyrillic, Greek or Arabic one ("Cafй")."""
    import unicodedata

    mixed = 0
    scripts: set = set()
    for ch in text + " ":
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            scripts.add(name.split(" ", 1)[0] if name else "?")
        else:
            if len(scripts) > 1:
                mixed += 1
            scripts = set()
    return mixed


def suggest_encoding(data: bytes) -> Optional[str]:
    """The encoding the bytes most likely are, to name in an error message (not
    used to decode): among charset-normalizer's cleanest readings, the one that
    mixes scripts inside words least, then the most used encoding."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    results = list(from_bytes(data[:65536]))
    if not results:
        return None
    least = min(r.chaos for r in results)
    best: Optional[tuple] = None
    for r in results:
        if r.chaos > least + 0.05:
            continue
        for enc in dict.fromkeys([r.encoding, *r.could_be_from_charset]):
            try:
                text = data[:65536].decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
            rank = _COMMON.index(enc) if enc in _COMMON else len(_COMMON)
            key = (_scripts_mixed_in_words(text), r.chaos, rank)
            if best is None or key < best[0]:
                best = (key, enc)
    return best[1] if best else None
