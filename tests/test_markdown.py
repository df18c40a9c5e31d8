"""The Markdown reader: headings, soft wraps, skipped code/front matter/comments, exact positions."""
from __future__ import annotations

from lint.doc import document as D
from plugins.readers.markdown import MarkdownReader
from lint.doc.classify import classify_document

MD = """---
title: Draft
---

# Council approves bridge

By Jane Smith

The council voted on Tuesday
to approve the bridge.

<!-- editor: check the figures
before publishing -->

```
code that is not copy
```

## Reaction

- a new footpath
- two lanes

Residents welcomed it.
"""


def read(text):
    return classify_document(MarkdownReader().read(text.encode("utf-8"), "draft.md", {}))


def test_blocks_and_kinds():
    doc = read(MD)
    got = [(b.first_line, b.kind, b.text) for b in doc.blocks]
    assert got == [
        (5, D.HEADLINE, "# Council approves bridge"),
        (7, D.BYLINE, "By Jane Smith"),
        (9, D.BODY, "The council voted on Tuesday\nto approve the bridge."),
        (19, D.SUBHEAD, "## Reaction"),
        (21, D.LIST, "- a new footpath"),
        (22, D.LIST, "- two lanes"),
        (24, D.BODY, "Residents welcomed it."),
    ]


def test_paragraphs_are_soft_wrapped_and_positions_exact():
    doc = read(MD)
    para = doc.blocks[2]
    assert para.soft_wrap
    assert doc.text[para.start : para.end] == para.text
    assert doc.position(para.start) == (9, 1)
    assert doc.reader == "markdown" and doc.convention == "markup" and doc.markup


def test_code_front_matter_and_comments_are_not_blocks():
    text = "\n".join(b.text for b in read(MD).blocks)
    assert "code that is not copy" not in text
    assert "title: Draft" not in text
    assert "editor: check" not in text


def test_setext_heading_and_crlf():
    doc = read("Title\r\n=====\r\n\r\nBody text here.\r\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [(D.HEADLINE, "Title"), (D.BODY, "Body text here.")]
    assert doc.original_offset(doc.blocks[1].start) == "Title\r\n=====\r\n\r\n".__len__()


def test_reader_is_chosen_by_suffix():
    from lint.run.engine import Linter

    reg = Linter().registry
    assert reg.reader_for("a.md").name == "markdown"
    assert reg.reader_for("a.MARKDOWN").name == "markdown"
    assert reg.reader_for("a.txt").name == "text"
    assert reg.reader_for("notes.weird").name == "text"
