"""Bytes to text: BOMs, UTF-8, UTF-16, and a clear error for anything else."""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Optional

from .api import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


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
            raise ReadError(f"not text: binary data (a NUL byte) at byte {nul}")
        enc = "utf-8"
    try:
        codecs.lookup(enc)
    except LookupError:
        raise ReadError(f"unknown encoding {enc!r}") from None
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as err:
        at = err.start + (len(data) - len(body))
        line = data[:at].count(b"\n") + 1
        hint = " (name the file's encoding with --encoding, e.g. --encoding gb18030)" if encoding is None else ""
        raise ReadError(f"cannot decode as {enc}: invalid byte 0x{body[err.start]:02x} at byte {at} (line {line}){hint}") from None
    if "\x00" in text[:8192] and not bom and encoding is None:
        raise ReadError(f"not text: binary data (a NUL character) at character {text.index(chr(0))}")
    return Decoded(text, enc, bom, dominant_newline(text))
