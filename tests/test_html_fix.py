"""NL101's fix in HTML and XML: an exact repeated paragraph is removed with its
element (``Block.element``, ``Document.remove_blocks``), only where that is safe;
plain text and Markdown keep the copy-text edit they always had."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from conftest import run_cli, run_json
from lint.doc import document as D
from lint.config import load_config
from lint.run.engine import Linter
from lint.run.fixes import fix_text
from lint.model import Edit
from plugins.readers.html import html_document
from plugins.readers.xml import xml_document
from lint.testing import make_document
from lint.doc.mapped import CopyBuilder

# our own sentences, long enough for NL101 (min-chars-latin)
P1 = "The harbour ferry will carry passengers again from Monday, a month after a storm damaged the landing stage."
P2 = "Engineers replaced two pontoons and the gangway over the past three weeks, the operator said on Friday."
P3 = "Season tickets will be extended by a month at no extra cost, and a new timetable is due next week."
P4 = "Traders near the terminal said their takings fell by a third while the crossing was closed to the public."

PAGE = """<!DOCTYPE html>
<html lang="en">
<body>
  <article>
    <h1>Ferry service to resume</h1>
    <p class="lede">{p1}</p>
    <p>{p2}</p>
    <p class="lede">{p1}</p>
    <p>{p3}</p>
  </article>
</body>
</html>
"""


def page(**kw) -> str:
    return PAGE.format(p1=P1, p2=P2, p3=P3, **kw)


def nl101(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["code"] == "NL101"]


def lint_html(src: str, path: str = "a.html") -> list[dict]:
    doc = html_document(src, path) if path.endswith(".html") else xml_document(src, path)
    linter = Linter(load_config(no_config=True))
    findings, _ = linter.lint_document(doc, path)
    return [{"fix": f.fix, "edits": f.fix_edits} for f in findings if f.code == "NL101"]


# --- the command ------------------------------------------------------------------------


def test_diff_shows_the_removal_of_the_repeated_paragraph(tmp_path):
    (tmp_path / "a.html").write_text(page())
    proc = run_cli("check", "--no-config", "--diff", "a.html", cwd=tmp_path)
    out = proc.stdout.decode()
    assert out.startswith("--- a/a.html\n+++ b/a.html\n")
    removed = [ln for ln in out.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    added = [ln for ln in out.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert removed == [f'-    <p class="lede">{P1}</p>'] and added == []
    assert "would fix 1 finding in 1 file" in proc.stderr.decode()
    assert (tmp_path / "a.html").read_text() == page()  # --diff writes nothing


def test_fix_removes_the_element_and_keeps_every_other_byte(tmp_path):
    src = page()
    (tmp_path / "a.html").write_text(src)
    proc = run_cli("check", "--no-config", "--fix", "a.html", cwd=tmp_path)
    assert "fixed 1 finding" in proc.stderr.decode()
    line = f'\n    <p class="lede">{P1}</p>'
    assert src.count(line) == 2
    cut = src.rindex(line)
    assert (tmp_path / "a.html").read_text() == src[:cut] + src[cut + len(line) :]
    # round trip: read back, the repeat is gone and NL101 finds nothing
    _, report = run_json("--no-config", "a.html", cwd=tmp_path)
    assert nl101(report) == []
    text = html_document((tmp_path / "a.html").read_text(), "a.html").text
    assert text.count(P1) == 1 and P2 in text and P3 in text


def test_json_offers_the_fix_as_safe_with_a_source_edit(tmp_path):
    src = page()
    (tmp_path / "a.html").write_text(src)
    _, report = run_json("--no-config", "a.html", cwd=tmp_path)
    (f,) = nl101(report)
    assert f["fix"]["applicability"] == "safe"
    (e,) = f["fix"]["edits"]
    assert src[e["offset"] : e["end_offset"]] == f'\n    <p class="lede">{P1}</p>'


def test_fix_keeps_crlf_newlines(tmp_path):
    src = page().replace("\n", "\r\n")
    (tmp_path / "a.html").write_bytes(src.encode())
    run_cli("check", "--no-config", "--fix", "a.html", cwd=tmp_path)
    line = f'\r\n    <p class="lede">{P1}</p>'
    cut = src.rindex(line)
    assert (tmp_path / "a.html").read_bytes() == (src[:cut] + src[cut + len(line) :]).encode()


def test_an_id_makes_the_fix_unsafe(tmp_path):
    src = page()
    last = src.rindex('<p class="lede">')
    src = src[:last] + '<p class="lede" id="ferry">' + src[last + len('<p class="lede">') :]
    (tmp_path / "a.html").write_text(src)
    _, report = run_json("--no-config", "a.html", cwd=tmp_path)
    (f,) = nl101(report)
    assert f["fix"]["applicability"] == "unsafe"
    run_cli("check", "--no-config", "--fix", "a.html", cwd=tmp_path)
    assert (tmp_path / "a.html").read_text() == src  # not a safe fix
    run_cli("check", "--no-config", "--fix", "--unsafe-fixes", "a.html", cwd=tmp_path)
    assert 'id="ferry"' not in (tmp_path / "a.html").read_text()


# --- where the element may go, and where not ----------------------------------------------


@pytest.mark.parametrize(
    "src,fixed",
    [
        # implied end tags: the element ends where its content does
        (f"<p>{P1}\n<p>{P2}\n<p>{P1}\n<p>{P3}\n", f"<p>{P1}\n<p>{P2}\n<p>{P3}\n"),
        (f"<p>{P1}\n<p>{P2}\n<p>{P1}\n", f"<p>{P1}\n<p>{P2}\n"),
        # on one line: no whitespace to take
        (f"<div><p>{P1}</p><p>{P2}</p><p>{P1}</p></div>", f"<div><p>{P1}</p><p>{P2}</p></div>"),
        # inline markup and entities inside are part of the element
        (
            f"<p>{P1}</p>\n<p>{P2}</p>\n<p><b>The harbour</b> ferry{P1[17:]}</p>\n<p>{P3}</p>\n",
            f"<p>{P1}</p>\n<p>{P2}</p>\n<p>{P3}</p>\n",
        ),
        # a run of two paragraphs repeated: both go, in one edit
        (
            f"<p>{P1}</p>\n<p>{P2}</p>\n<p>{P3}</p>\n<p>{P1}</p>\n<p>{P2}</p>\n<p>{P4}</p>\n",
            f"<p>{P1}</p>\n<p>{P2}</p>\n<p>{P3}</p>\n<p>{P4}</p>\n",
        ),
    ],
)
def test_safe_removals(src, fixed):
    (f,) = lint_html(src)
    assert f["fix"] is not None and f["fix"].applicability == "safe"
    (e,) = f["edits"]
    assert src[: e["offset"]] + src[e["end_offset"] :] == fixed


@pytest.mark.parametrize(
    "src",
    [
        # the repeat shares its element with other text
        f"<p>{P2}</p>\n<p>{P1}<br><br>{P1}</p>\n",
        f"<p>{P1}</p>\n<p>{P2}<br><br>{P1}</p>\n",
        # a table cell: the table would lose a cell
        f"<table><tr><td>{P1}</td></tr><tr><td>{P2}</td></tr><tr><td>{P1}</td></tr></table>\n",
        f"<table><tr><td><p>{P1}</p></td></tr><tr><td><p>{P2}</p></td></tr><tr><td><p>{P1}</p></td></tr></table>\n",
        # a paragraph that is all a quote holds: an empty quote would be left
        f"<p>{P1}</p>\n<p>{P2}</p>\n<blockquote><p>{P1}</p></blockquote>\n",
        # <hr> between the two paragraphs of a repeated run: it would go too
        f"<p>{P1}</p>\n<p>{P2}</p>\n<p>{P3}</p>\n<p>{P1}</p>\n<hr>\n<p>{P2}</p>\n<p>{P4}</p>\n",
    ],
)
def test_no_fix_where_the_element_cannot_go_whole(src):
    found = lint_html(src)
    assert found, "NL101 should still report the repeat"
    assert all(f["fix"] is None and f["edits"] == [] for f in found)


@pytest.mark.parametrize(
    "inner",
    [f"{P1}<img src=\"ferry.jpg\" alt=\"\">", f"{P1}<!-- keep -->", f"<a id=\"x\"></a>{P1}", f"{P1}<script>x()</script>"],
)
def test_markup_that_is_not_copy_makes_the_fix_unsafe(inner):
    src = f"<p>{P1}</p>\n<p>{P2}</p>\n<p>{inner}</p>\n"
    (f,) = lint_html(src)
    assert f["fix"] is not None and f["fix"].applicability == "unsafe"


def test_a_paragraph_only_part_of_an_element_gets_no_element():
    src = f"<p>{P1}</p><p>{P2}<br><br>{P3}</p><ul><li>{P4}<ul><li>{P1}</li></ul></li></ul><td>{P2}</td>"
    doc = html_document(src, "x.html")
    els = [b.element for b in doc.blocks]
    assert [b.text for b in doc.blocks] == [P1, P2, P3, P4, P1, P2]
    assert els[0] == D.BlockElement(0, len(f"<p>{P1}</p>"), "p", "")
    assert els[1] is None and els[2] is None  # split by <br><br>
    assert els[3] is None  # the <li> holds a list
    assert els[4] is not None and src[els[4].start : els[4].end] == f"<li>{P1}</li>"
    assert els[5] is None  # a table cell


def test_nitf_paragraph_is_removed_and_the_xml_stays_well_formed():
    paras = "\n".join(f"      <p>{t}</p>" for t in (P1, P2, P1, P3))
    src = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<nitf>\n  <body>\n    <body.content>\n'
        f"{paras}\n    </body.content>\n  </body>\n</nitf>\n"
    )
    (f,) = lint_html(src, "a.nitf")
    assert f["fix"].applicability == "safe"
    (e,) = f["edits"]
    fixed = src[: e["offset"]] + src[e["end_offset"] :]
    line = f"\n      <p>{P1}</p>"
    cut = src.index(line, src.index(line) + 1)
    assert fixed == src[:cut] + src[cut + len(line) :]
    ET.fromstring(fixed)
    assert lint_html(fixed, "a.nitf") == []


def test_only_a_removal_asked_for_maps_to_the_element():
    src = f"<p>{P1}</p>\n<p>{P2}</p>\n<p>{P1}</p>\n"
    doc = html_document(src, "x.html")
    start, end = doc.blocks[1].end, doc.blocks[2].end
    assert doc.source_edit(start, end, "") is None  # another rule's deletion: crosses markup
    edit, how = doc.remove_blocks(2, 2)
    assert (edit.start, edit.end, how) == (start, end, "safe")
    e = doc.source_edit(start, end, "")
    assert src[e["offset"] : e["end_offset"]] == f"\n<p>{P1}</p>"


# --- plain text, Markdown and DOCX are as they were ---------------------------------------


def test_plain_text_removal_is_the_copy_edit_it_always_was():
    doc = make_document(f"{P1}\n\n{P2}\n\n{P1}\n")
    edit, how = doc.remove_blocks(2, 2)
    assert edit == Edit(doc.blocks[1].end, doc.blocks[2].end, "") and how == "safe"
    assert doc.source_edit(edit.start, edit.end, "") == {
        "offset": doc.blocks[1].end,
        "end_offset": doc.blocks[2].end,
        "replacement": "",
    }
    assert all(b.element is None for b in doc.blocks)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_plain_text_and_markdown_fix_unchanged(tmp_path, suffix):
    (tmp_path / ("a" + suffix)).write_text(f"{P1}\n\n{P2}\n\n{P1}\n\n{P3}\n")
    _, report = run_json("--no-config", "a" + suffix, cwd=tmp_path)
    (f,) = nl101(report)
    assert f["fix"]["applicability"] == "safe"
    assert f["fix"]["edits"] == [
        {"offset": len(f"{P1}\n\n{P2}"), "end_offset": len(f"{P1}\n\n{P2}\n\n{P1}"), "replacement": ""}
    ]


def test_a_document_that_cannot_be_written_offers_no_removal():
    cb = CopyBuilder()
    for i, t in enumerate((P1, P2, P1)):
        cb.text(t, 0)
        cb.end_block(element=D.BlockElement(0, len(t), "p"))
    doc = cb.build(P1, "x.docx", fixable=False)
    assert doc.remove_blocks(2, 2)[1] is None
    assert doc.source_edit(doc.blocks[1].end, doc.blocks[2].end, "") is None


# --- property: fixing HTML never changes how the rest of the file reads --------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LINTER = None


def _nl101_linter() -> Linter:
    global _LINTER
    if _LINTER is None:
        _LINTER = Linter(load_config(no_config=True).with_cli(select=["NL101"]))
    return _LINTER


_TEXTS = [P1, P2, P3, P4, P1.replace("Monday", "Tuesday"), "Short line."]


@st.composite
def html_drafts(draw) -> str:
    """Fragments of paragraphs drawn from a few texts (so they repeat), in the
    shapes a draft takes: plain, implied end tags, attributes, inline markup,
    lists, quotes, table cells, <br><br>, comments, images, wrappers."""
    parts = []
    for _ in range(draw(st.integers(2, 9))):
        t = draw(st.sampled_from(_TEXTS))
        shape = draw(
            st.sampled_from(
                ["p", "p", "p", "implied", "attr", "id", "inline", "li", "quote", "td", "brbr", "comment", "img",
                 "div", "h2", "entity"]
            )
        )
        ws = draw(st.sampled_from(["\n", "\n  ", "", " ", "\r\n", "\n\n"]))
        u = draw(st.sampled_from(_TEXTS))
        parts.append(
            ws
            + {
                "p": f"<p>{t}</p>",
                "implied": f"<p>{t}",
                "attr": f'<p class="x" style="color:red">{t}</p>',
                "id": f'<p id="a{len(parts)}">{t}</p>',
                "inline": f"<p><em>{t[:10]}</em>{t[10:]}</p>",
                "li": f"<ul><li>{t}</li><li>{u}</li></ul>",
                "quote": f"<blockquote><p>{t}</p></blockquote>",
                "td": f"<table><tr><td>{t}</td><td>{u}</td></tr></table>",
                "brbr": f"<p>{t}<br><br>{u}</p>",
                "comment": f"<p>{t}<!-- note --></p>",
                "img": f'<p><img src="a.jpg">{t}</p>',
                "div": f"<div>{t}</div>",
                "h2": f"<h2>{t}</h2>",
                "entity": f"<p>{t.replace(',', '&#44;')}</p>",
            }[shape]
        )
    return "".join(parts) + "\n"


def _texts(src: str) -> list[str]:
    return [b.text for b in html_document(src, "a.html").blocks]


@settings(max_examples=150, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(src=html_drafts(), unsafe=st.booleans())
def test_fixing_html_changes_nothing_but_the_removed_paragraphs(src, unsafe):
    lt = _nl101_linter()
    result = fix_text(lt, src, "a.html", unsafe=unsafe)
    before, after = _texts(src), _texts(result.text)
    # what is left reads as before: the blocks, in order, minus the removed ones
    it = iter(before)
    assert all(any(t == b for b in it) for t in after), (before, after)
    assert (len(after) < len(before)) == bool(result.applied)
    if not unsafe:  # safe fixes remove exact repeats only: every text still reads once at least
        assert set(after) == set(before)
    # the fixed file has no repeat left that the fix could remove
    doc = lt.read_text(result.text, "a.html")
    findings, _ = lt.lint_document(doc, "a.html")
    assert not [f for f in findings if f.fix is not None and (unsafe or f.fix.applicability == "safe")]


def test_property_examples_do_exercise_the_fix():
    """The drafts above do make fixes (the property is not vacuous)."""
    src = f"<p>{P1}</p>\n<p>{P2}</p>\n<p>{P1}</p>\n"
    result = fix_text(_nl101_linter(), src, "a.html")
    assert len(result.applied) == 1 and result.text == f"<p>{P1}</p>\n<p>{P2}</p>\n"
    assert json.dumps(_texts(result.text)) == json.dumps([P1, P2])
