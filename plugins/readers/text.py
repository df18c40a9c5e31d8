"""Plain-text reader: ``.txt`` and any suffix no other reader claims."""

from __future__ import annotations

from lint import hookimpl
from lint.api import Reader
from lint.doc.decode import decode
from lint.doc.document import Document


class TextReader(Reader):
    name = "text"
    suffixes = ("*",)

    def read(self, data: bytes, path: str, options: dict) -> Document:
        d = decode(data, options.get("encoding"))
        return Document(d.text, path, encoding=d.encoding, bom=d.bom, newline=d.newline, reader=self.name)


@hookimpl
def newslint_register_readers():
    return [TextReader]
