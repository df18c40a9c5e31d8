"""Readers for HTML, NITF / NewsML-G2 XML and DOCX; source positions through the
copy-text map; suppressions in HTML; legacy Chinese encodings."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_json
from lint.api import ReadError
from lint.doc.decode import decode
from lint.doc.document import Document
from lint.doc.mapped import MappedDocument
from lint.doc.classify import classify_document
from lint.testing import make_document
from lint.run.engine import Linter
from lint.doc.decode import encode_like

FIX = ROOT / "tests" / "fixtures" / "readers"

HOUSE_RULE = '''
import re
from lint import Check, hookimpl

class Phrase(Check):
    """## What it does
    Flags a phrase.
    ## Why is this bad?
    House style.
    ## Example
    landing stage
    """
    name = "house-phrase"
    code = "HS001"
    severity = "warning"
    options = {"phrase": "landing stage"}

    def check(self, doc, ctx):
        for m in re.finditer(re.escape(self.options["phrase"]), doc.text):
            ctx.report(m.start(), m.end(), "Phrase: " + m.group())

@hookimpl
def newslint_register_checks():
    return [Phrase]
'''


def house(tmp_path, phrase):
    (tmp_path / "house_rules.py").write_text(HOUSE_RULE)
    (tmp_path / "newslint.yml").write_text(f"plugins: [house_rules.py]\nrules:\n  house-phrase:\n    phrase: {json.dumps(phrase)}\n")


def source_positions(source: str, needle: str) -> list[tuple[int, int]]:
    """(line, column), 1-based, of each occurrence of ``needle`` in ``source``."""
    out = []
    i = source.find(needle)
    while i >= 0:
        line = source.count("\n", 0, i) + 1
        col = i - (source.rfind("\n", 0, i) + 1) + 1
        out.append((line, col))
        i = source.find(needle, i + 1)
    return out


def phrase_hits(tmp_path, name):
    proc, report = run_json(name, cwd=tmp_path)
    assert not report["errors"], report["errors"]
    return [f for f in report["findings"] if f["code"] == "HS001"]


# --- positions in the source: HTML, NITF, NewsML-G2 -----------------------------

HTML = """<!DOCTYPE html>
<html lang="en">
<head><title>Harbour ferry</title>
<script>var s = "the landing stage";</script>
<style>p { margin: 0 }</style></head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
  <h1>Harbour ferry service to resume after storm repairs</h1>
  <p class="byline">By Maria Lopez</p>
  <p>The harbour ferry will carry passengers again from Monday, a month after a winter storm
     tore away part of the <em>landing</em> stage at the Gosport terminal.</p>
  <p>Engineers rebuilt the landing stage for &pound;1.2&nbsp;million &amp; replaced the gangway.</p>
  <figure><img src="ferry.jpg" alt=""><figcaption>The repaired landing stage on Thursday.</figcaption></figure>
</article>
<footer>Copyright Harbour News</footer>
</body>
</html>
"""


def test_html_blocks_and_kinds():
    from plugins.readers.html import HtmlReader

    # the whole page (html-content: all); the article-only reading of full pages
    # (which drops the byline and caption, as trafilatura does) is in test_html_content.py
    doc = classify_document(HtmlReader().read(HTML.encode(), "story.html", {"html-content": "all"}))
    assert isinstance(doc, MappedDocument) and doc.markup and doc.reader == "html"
    got = [(b.kind, b.text) for b in doc.blocks]
    assert got[0] == ("headline", "Harbour ferry service to resume after storm repairs")
    assert got[1][0] == "byline"
    # whitespace collapses, inline tags join, entities decode; script/style/nav/footer skipped
    assert got[2][1].startswith("The harbour ferry will carry passengers again from Monday, a month after a winter storm tore away")
    assert got[3] == ("body", "Engineers rebuilt the landing stage for \u00a31.2\u00a0million & replaced the gangway.")
    assert got[4] == ("caption", "The repaired landing stage on Thursday.")
    assert len(got) == 5 and "Home" not in doc.text and "Copyright" not in doc.text and "var s" not in doc.text
    assert doc.blocks[0].kind_from_markup and doc.blocks[4].kind_from_markup


def test_html_findings_point_at_the_source(tmp_path):
    (tmp_path / "story.html").write_text(HTML)
    house(tmp_path, "landing stage")
    # the whole page, figure caption included (the article alone leaves the caption out)
    with open(tmp_path / "newslint.yml", "a", encoding="utf-8") as fh:
        fh.write("html-content: all\n")
    hits = phrase_hits(tmp_path, "story.html")
    # the one inside <em>landing</em> stage is a phrase of the copy too, but the one in <script> is not
    want = source_positions(HTML, "landing stage")
    in_script = source_positions(HTML, 'the landing stage";')[0]
    want = [p for p in want if p != (in_script[0], in_script[1] + 4)]
    em_line, em_col = source_positions(HTML, "<em>landing</em>")[0]
    want = sorted(want + [(em_line, em_col + 4)])
    assert sorted((h["line"], h["column"]) for h in hits) == want
    # the end too, and the offsets are into the file
    html_hit = next(h for h in hits if h["line"] == source_positions(HTML, "rebuilt the landing")[0][0])
    assert HTML[html_hit["offset"] : html_hit["end_offset"]] == "landing stage"
    assert html_hit["end_column"] == html_hit["column"] + len("landing stage")


def test_html_entity_maps_to_its_source_span(tmp_path):
    (tmp_path / "story.html").write_text(HTML)
    house(tmp_path, "\u00a31.2\u00a0million & replaced")
    [hit] = phrase_hits(tmp_path, "story.html")
    assert (hit["line"], hit["column"]) == source_positions(HTML, "&pound;1.2")[0]
    assert HTML[hit["offset"] : hit["end_offset"]] == "&pound;1.2&nbsp;million &amp; replaced"


@pytest.mark.parametrize("name", ["story.nitf", "story.nml"])
def test_xml_findings_point_at_the_source(tmp_path, name):
    shutil.copy(FIX / name, tmp_path / name)
    source = (FIX / name).read_text(encoding="utf-8")
    house(tmp_path, "\u00a31.2 million")  # written &#163;1.2 million in the XML
    [hit] = phrase_hits(tmp_path, name)
    assert (hit["line"], hit["column"]) == source_positions(source, "&#163;1.2 million")[0]
    assert source[hit["offset"] : hit["end_offset"]] == "&#163;1.2 million"
    house(tmp_path, "passengers again")
    [hit] = phrase_hits(tmp_path, name)
    assert (hit["line"], hit["column"]) == source_positions(source, "passengers again")[0]


def test_nitf_kinds():
    from plugins.readers.xml import XmlReader

    doc = classify_document(XmlReader().read((FIX / "story.nitf").read_bytes(), "story.nitf", {}))
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["headline", "subhead", "byline", "dateline", "body", "body", "caption", "credit", "body", "signoff"]
    assert doc.blocks[2].text == "By Maria Lopez, Transport Correspondent"
    assert "Ferries return on Monday" not in doc.text  # the abstract repeats the lede: not read
    assert doc.convention == "markup" and doc.reader == "xml" and doc.markup


def test_newsml_g2_kinds_and_headline_read_once():
    from plugins.readers.xml import XmlReader

    doc = classify_document(XmlReader().read((FIX / "story.nml").read_bytes(), "story.nml", {}))
    assert [b.kind for b in doc.blocks] == ["headline", "byline", "body", "body", "body"]
    assert doc.text.count("Harbour ferry service to resume") == 1
    assert "BRITAIN-FERRY" not in doc.text and "Ferries return" not in doc.text


def test_newsml_g2_with_inline_nitf():
    from plugins.readers.xml import XmlReader

    nitf = (FIX / "story.nitf").read_text(encoding="utf-8")
    inner = nitf[nitf.index("<nitf") :]
    g2 = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">\n'
        "<header><sent>2024-04-12T09:15:00Z</sent></header>\n<itemSet><newsItem guid=\"x\" version=\"1\">\n"
        "<contentMeta><headline>Harbour ferry service to resume after storm repairs</headline></contentMeta>\n"
        '<contentSet><inlineXML contenttype="application/nitf+xml">\n' + inner + "</inlineXML></contentSet>\n"
        "</newsItem></itemSet></newsMessage>\n"
    )
    doc = classify_document(XmlReader().read(g2.encode(), "msg.xml", {}))
    assert [b.kind for b in doc.blocks][:4] == ["headline", "subhead", "byline", "dateline"]
    assert doc.text.count("Harbour ferry service to resume") == 1
    i = doc.text.index("Gosport")
    line, col = doc.position(i)
    assert g2.split("\n")[line - 1][col - 1 :].startswith("Gosport")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE nitf [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<nitf><body><body.content><p>&lol3;</p></body.content></body></nitf>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE nitf [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<nitf><body><body.content><p>&secret;</p></body.content></body></nitf>
"""


@pytest.mark.parametrize(
    "xml,needle",
    [
        (BILLION_LAUGHS, "an entity declaration ('lol')"),
        (EXTERNAL, "an external entity ('secret')"),
        ('<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>', "not NITF or NewsML-G2: the root element is <rss>"),
        ("<nitf><body><p>unclosed</body></nitf>", "not well-formed XML"),
    ],
)
def test_unsafe_or_foreign_xml_is_refused(xml, needle):
    from plugins.readers.xml import XmlReader

    with pytest.raises(ReadError) as err:
        classify_document(XmlReader().read(xml.encode(), "x.xml", {}))
    assert needle in str(err.value)


def test_unsafe_xml_is_reported_by_the_cli(tmp_path):
    (tmp_path / "bomb.xml").write_text(BILLION_LAUGHS)
    proc, report = run_json("bomb.xml", "--no-config", cwd=tmp_path)
    assert proc.returncode == 2
    assert "unsafe XML refused" in report["errors"][0]["message"]


def test_xml_in_a_declared_legacy_encoding():
    from plugins.readers.xml import XmlReader

    xml = '<?xml version="1.0" encoding="GB18030"?>\r\n<nitf><body><body.content>\r\n<p>市政府昨天召开新闻发布会，宣布新建的图书馆下月开放。</p>\r\n</body.content></body></nitf>\r\n'
    doc = classify_document(XmlReader().read(xml.encode("gb18030"), "zh.xml", {}))
    assert doc.encoding == "gb18030"
    i = doc.text.index("图书馆")
    assert doc.position(i) == (3, xml.split("\r\n")[2].index("图书馆") + 1)
    assert doc.line_text(3).startswith("<p>市政府")


# --- DOCX ---------------------------------------------------------------------------


def make_docx(path: Path, paragraphs):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for text, style in paragraphs:
        d.add_paragraph(text, style=style)
    d.save(str(path))


DOCX_PARAS = [
    ("Harbour ferry service to resume", "Title"),
    ("By Maria Lopez", None),
    ("", None),
    ("The harbour ferry will carry passengers again from Monday, a month after a storm tore away part of the landing stage.", None),
    ("Repairs", "Heading 2"),
    ("Engineers replaced two pontoons.", "List Bullet"),
    ("The repaired landing stage on Thursday.", "Caption"),
]


def test_docx_styles_and_paragraph_positions(tmp_path):
    make_docx(tmp_path / "draft.docx", DOCX_PARAS)
    from plugins.readers.docx import DocxReader

    doc = classify_document(DocxReader().read((tmp_path / "draft.docx").read_bytes(), "draft.docx", {}))
    assert doc.position_kind == "paragraph" and not doc.fixable
    assert [b.kind for b in doc.blocks] == ["headline", "byline", "body", "subhead", "list-item", "caption"]
    # python-docx's default template starts with no paragraph, so ours are 1..7
    house(tmp_path, "landing stage")
    hits = phrase_hits(tmp_path, "draft.docx")
    want = [(4, DOCX_PARAS[3][0].index("landing stage") + 1), (7, DOCX_PARAS[6][0].index("landing stage") + 1)]
    assert [(h["line"], h["column"]) for h in hits] == want
    assert doc.line_text(4) == DOCX_PARAS[3][0]
    # fixes are never mapped into a .docx
    i = doc.text.index("landing")
    assert doc.source_edit(i, i + 7, "jetty") is None


def test_docx_that_is_not_a_zip_is_refused():
    from plugins.readers.docx import DocxReader

    with pytest.raises(ReadError, match="not a .docx"):
        classify_document(DocxReader().read(b"plain text", "x.docx", {}))


# --- the same story in four formats gives the same findings -----------------------

STORY = [
    ("h", "Harbour ferry service to resume after storm repairs"),
    ("p", "The harbour ferry will carry passengers again from Monday, a month after a winter storm tore away part of the landing stage at the Gosport terminal."),
    ("p", "Engineers replaced two pontoons and the gangway, and the operator said the work"),  # broken: the sentence goes on
    ("p", "came in under its budget of 1.2 million pounds, helped by a mild March."),
    ("p", "Commuters had faced a forty-minute detour by road while the crossing was closed, and local traders said their takings fell by a third."),
    ("p", "The harbour ferry will carry passengers again from Monday, a month after a winter storm tore away part of the landing stage at the Gosport terminal."),
    ("p", "The operator said it would publish a new timetable next week and that season tickets would be extended by a month at no cost."),
]


def render(fmt: str) -> str:
    if fmt == "txt":
        return "\n\n".join(t for _, t in STORY) + "\n"
    if fmt == "md":
        return "\n\n".join(("# " + t) if k == "h" else t for k, t in STORY) + "\n"
    if fmt == "html":
        body = "\n".join(f"  <h1>{t}</h1>" if k == "h" else f"  <p>{t}</p>" for k, t in STORY)
        return f"<!DOCTYPE html>\n<html>\n<head><title>Ferry</title></head>\n<body>\n<article>\n{body}\n</article>\n</body>\n</html>\n"
    head = f"<hedline><hl1>{STORY[0][1]}</hl1></hedline>"
    paras = "\n".join(f"      <p>{t}</p>" for _, t in STORY[1:])
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<nitf>\n  <head><title>Ferry</title></head>\n  <body>\n'
        f"    <body.head>{head}</body.head>\n    <body.content>\n{paras}\n    </body.content>\n  </body>\n</nitf>\n"
    )


CORE = ("NL101", "NL102", "NL103", "NL104")


def test_core_rules_agree_across_formats():
    linter = Linter()
    results = {}
    for fmt, suffix in (("txt", ".txt"), ("md", ".md"), ("html", ".html"), ("nitf", ".nitf")):
        path = "story" + suffix
        data = render(fmt).encode("utf-8")
        doc = linter.read(data, path)
        findings, errors = linter.lint_bytes(data, path)
        assert not errors, errors
        got = set()
        for f in findings:
            if f.code in CORE:
                block = doc.block_at(f.start)
                got.add((f.code, " ".join(block.text.split()) if block else None))
        results[fmt] = got
    assert results["txt"], "the story should have findings"
    assert {c for c, _ in results["txt"]} >= {"NL101", "NL102"}
    for fmt in ("md", "html", "nitf"):
        assert results[fmt] == results["txt"], fmt


# --- suppressions in HTML -------------------------------------------------------------


def test_html_suppression_comments(tmp_path):
    html = render("html")
    dup = STORY[5][1]
    last = html.rindex(f"<p>{dup}</p>")
    (tmp_path / "plain.html").write_text(html)
    (tmp_path / "quiet.html").write_text(html[:last] + "<!-- newslint-disable-next-line duplicate-paragraph -->\n  " + html[last:])
    (tmp_path / "unused.html").write_text(html.replace("<article>", "<article>\n<!-- newslint-disable mixed-articles -->"))
    _, report = run_json("plain.html", "quiet.html", "unused.html", "--no-config", cwd=tmp_path)
    by = {}
    for f in report["findings"]:
        by.setdefault(f["path"], set()).add(f["code"])
    assert "NL101" in by["plain.html"]
    assert "NL101" not in by.get("quiet.html", set())
    unused = [f for f in report["findings"] if f["path"] == "unused.html" and f["code"] == "NL001"]
    assert len(unused) == 1
    # reported where the comment is followed by copy: the next line of the source
    assert unused[0]["line"] == html.split("\n").index("<article>") + 3


# --- the map itself -------------------------------------------------------------------


def test_fix_edits_map_only_to_contiguous_source():
    from plugins.readers.html import html_document

    src = "<p>The <b>council</b> voted on Tuesday &amp; left.</p>\n<p>Second paragraph.</p>\n"
    doc = html_document(src, "x.html")
    t = doc.text
    assert t == "The council voted on Tuesday & left.\n\nSecond paragraph."
    i = t.index("voted on")
    e = doc.source_edit(i, i + len("voted on"), "met <on>")
    assert src[e["offset"] : e["end_offset"]] == "voted on" and e["replacement"] == "met &lt;on&gt;"
    amp = t.index("&")
    e = doc.source_edit(amp, amp + 1, "and")
    assert src[e["offset"] : e["end_offset"]] == "&amp;"
    assert doc.source_edit(amp, amp + 3, "") is not None  # "& l": entity whole, then verbatim text
    assert doc.source_edit(t.index("The"), t.index("voted"), "") is None  # crosses <b> tags
    assert doc.source_edit(t.index("left."), t.index("Second"), "") is None  # crosses a block boundary
    # inverse mapping
    line, col = doc.position(t.index("Second"))
    assert (line, col) == (2, 4) and doc.offset(line, col) == t.index("Second")
    assert doc.normalised_offset(doc.original_offset(t.index("Tuesday"))) == t.index("Tuesday")
    # doc.line(n) is the copy of source line n, consistent with position()
    ln = doc.line(2)
    assert t[ln.start : ln.end] == "Second paragraph."
    assert doc.line_text(2) == "<p>Second paragraph.</p>"


def test_plain_documents_are_unchanged():
    doc = make_document("a\r\nb\n", "x.txt")
    assert type(doc) is Document and doc.position_kind == "line" and doc.fixable
    assert doc.source_edit(2, 3, "c") == {"offset": 3, "end_offset": 4, "replacement": "c"}


# --- encodings ----------------------------------------------------------------------------

ZH = """本报讯（记者 李明）市政府昨天召开新闻发布会，宣布全市新建的十二座公共图书馆将于下月起陆续对外开放，市民凭身份证即可免费办理借书证。

据介绍，这批图书馆主要分布在城郊新区和老旧社区，总建筑面积约三万平方米，藏书超过八十万册。每座图书馆都设有少儿阅读区、自习室和数字阅览室，部分场馆还将延长开放时间至晚上九点。

市文化局负责人表示，下一步将推动图书馆与学校、社区服务中心合作，定期举办讲座和读书会，让更多居民在家门口享受到公共文化服务。
"""
ZH_HANT = """本報訊（記者 陳志強）颱風「海燕」昨晚在東部沿海登陸，氣象部門發布最高級別警報，沿海各縣市學校停課一天，多條渡輪航線暫停服務。

據統計，颱風登陸前後共有三萬多戶居民停電，電力公司已派出搶修隊伍連夜作業，預計今天中午前恢復大部分地區供電。

防災中心提醒民眾，颱風過境後仍可能出現強降雨和山區土石流，請避免前往河邊和山區，並隨時留意官方發布的最新消息。
"""


@pytest.mark.parametrize(
    "text,enc,want",
    [
        (ZH, "gb18030", "gb18030"),
        (ZH, "gbk", "gb18030"),  # read as its superset: same bytes back
        (ZH.split("\n")[0], "gbk", "gb18030"),  # one paragraph
        (ZH_HANT, "big5", "big5"),
        (ZH_HANT.split("\n")[0], "big5", "big5"),
        (ZH, "utf-16-le", "utf-16-le"),
        (ZH_HANT, "utf-16-be", "utf-16-be"),
        ("Council votes\n\nThe council voted on Tuesday.\n", "utf-16-le", "utf-16-le"),
    ],
)
def test_legacy_encodings_are_detected_and_round_trip(text, enc, want):
    data = text.encode(enc)
    d = decode(data)
    assert d.text == text and d.encoding == want and not d.bom
    assert encode_like(d.text, d.encoding, d.bom) == data  # --fix writes the same bytes back


@pytest.mark.parametrize("seed", range(8))
def test_random_bytes_are_refused(seed):
    rng = random.Random(seed)
    for n in (24, 300, 3000):
        for lo in (0, 0x81):  # any bytes; only high bytes (looks like double-byte CJK)
            data = bytes(rng.randrange(lo, 256) for _ in range(n))
            with pytest.raises(ReadError):
                decode(data)


def test_short_western_text_is_not_guessed():
    with pytest.raises(ReadError, match="cannot decode as utf-8"):
        decode("Caf\u00e9 society\n".encode("latin-1"))


def test_encoding_is_reported_and_fix_keeps_it(tmp_path):
    from conftest import run_cli

    text = ZH.split("\n")[0] + "\n\n" + ZH.split("\n")[0] + "\n"  # a repeated paragraph
    (tmp_path / "zh.txt").write_bytes(text.encode("gb18030"))
    out = run_cli("inspect", "zh.txt", "--no-config", cwd=tmp_path).stdout.decode()
    assert "encoding:   gb18030" in out
    run_cli("check", "--fix", "--no-config", "zh.txt", cwd=tmp_path)
    fixed = (tmp_path / "zh.txt").read_bytes()
    assert fixed.decode("gb18030").count("市政府昨天召开新闻发布会") == 1
    (tmp_path / "b5.txt").write_bytes(ZH_HANT.encode("big5"))
    assert "encoding:   big5" in run_cli("inspect", "b5.txt", "--no-config", cwd=tmp_path).stdout.decode()
