"""HTML pages: a full web page is linted on its article only (html-content: article),
a fragment whole, and html-content: all reads every page whole."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, run_cli, run_json
from lint.doc.classify import classify_document

FIXTURES = ROOT / "tests" / "fixtures" / "readers" / "html-content"
PAGE = (FIXTURES / "full-page.html").read_text(encoding="utf-8")
FRAGMENT = (FIXTURES / "fragment.html").read_text(encoding="utf-8")
REPEATED = "Volunteers will hang more than four thousand paper lanterns"
COMMENT = "I remember carrying a lantern along that towpath"


def line_col(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def occurrences(source: str, needle: str) -> list[int]:
    out, i = [], source.find(needle)
    while i >= 0:
        out.append(i)
        i = source.find(needle, i + 1)
    return out


def article_span(source: str) -> tuple[int, int]:
    return line_col(source, source.index("<article>"))[0], line_col(source, source.index("</article>"))[0]


def read(source: str, content: str = "article"):
    from plugins.readers.html import HtmlReader

    return classify_document(HtmlReader().read(source.encode("utf-8"), "page.html", {"html-content": content}))


def core(report, path):
    return [f for f in report["findings"] if f["path"] == path and f["code"].startswith("NL1")]


# --- the fixture is what the tests say it is ----------------------------------------


def test_fixture_repeats_the_paragraph_in_chrome_and_in_the_article():
    offsets = occurrences(PAGE, REPEATED)
    first, last = article_span(PAGE)
    lines = [line_col(PAGE, o)[0] for o in offsets]
    # in the nav, a teaser rail before the article, twice in the article, a related box after it
    assert PAGE.index("<nav") < offsets[0] < PAGE.index("</nav>")
    assert PAGE.index('class="teaser-rail"') < offsets[1] < PAGE.index("<article>")
    assert [first < n < last for n in lines] == [False, False, True, True, False]
    assert len(occurrences(PAGE, COMMENT)) == 2 and PAGE.index('id="comments"') < occurrences(PAGE, COMMENT)[0]


# --- article ------------------------------------------------------------------------------


def test_full_page_reports_the_article_duplicate_at_its_source_position(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    _, report = run_json("page.html", "--no-config", "--no-cache", cwd=tmp_path)
    found = core(report, "page.html")
    # only the article's own repeat: not the nav or teaser copies, the related box, or the comment thread
    assert [f["code"] for f in found] == ["NL101"]
    [dup] = found
    first_copy, second_copy = occurrences(PAGE, REPEATED)[2:4]
    assert (dup["line"], dup["column"]) == line_col(PAGE, second_copy)
    assert PAGE[dup["offset"] : dup["offset"] + len(REPEATED)] == REPEATED
    assert dup["related"][0]["line"] == line_col(PAGE, first_copy)[0]


def test_article_blocks_come_from_the_article_even_when_a_teaser_repeats_one():
    doc = read(PAGE)
    first, last = article_span(PAGE)
    assert doc.content_note.startswith("article (a full page")
    assert all(first < b.first_line < last for b in doc.blocks)
    body = [b for b in doc.blocks if REPEATED in b.text]
    # the teaser rail before the article holds the same text; the article's two copies are the ones kept
    assert [b.first_line for b in body] == [line_col(PAGE, o)[0] for o in occurrences(PAGE, REPEATED)[2:4]]
    # the headline is kept (the page's <title> carries it); comments and footer are not
    assert doc.blocks[0].kind == "headline" and doc.blocks[0].text.startswith("Lantern festival returns")
    assert COMMENT not in doc.text and "All rights reserved" not in doc.text and "Most read" not in doc.text


def test_suppression_comment_in_the_article_still_works(tmp_path):
    second = occurrences(PAGE, REPEATED)[3] - len("<p>")
    quiet = PAGE[:second] + "<!-- newslint-disable-next-line duplicate-paragraph -->\n  " + PAGE[second:]
    (tmp_path / "quiet.html").write_text(quiet, encoding="utf-8")
    _, report = run_json("quiet.html", "--no-config", "--no-cache", cwd=tmp_path)
    assert core(report, "quiet.html") == []
    assert not [f for f in report["findings"] if f["code"] == "NL001"]  # the suppression was used


def test_fix_touches_only_the_article(tmp_path):
    # a zero-width space (encoding-damage, safe fix) in an article paragraph and in the comments
    zw = "\u200b"
    page = PAGE.replace("welcomed the decision", f"welcomed{zw} the decision").replace(
        "the parade is finally coming", f"the parade{zw} is finally coming"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    proc = run_cli("check", "--fix", "--no-config", "--no-cache", "--select", "encoding-damage", "page.html", cwd=tmp_path)
    fixed = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert proc.returncode in (0, 1), proc.stderr
    # the article's character is gone; the comment's, outside the linted content, has no finding and no fix
    assert fixed == page.replace(f"welcomed{zw} the decision", "welcomed the decision")


# --- fragment ---------------------------------------------------------------------------


def test_fragment_is_read_whole_without_the_extractor(tmp_path):
    (tmp_path / "fragment.html").write_text(FRAGMENT, encoding="utf-8")
    _, report = run_json("fragment.html", "--no-config", "--no-cache", cwd=tmp_path)
    [dup] = core(report, "fragment.html")
    assert dup["code"] == "NL101"
    assert (dup["line"], dup["column"]) == line_col(FRAGMENT, occurrences(FRAGMENT, "Visitors will be able")[1])
    code = (
        "import sys; from plugins.readers.html import HtmlReader; "
        f"d = HtmlReader().read(open({str(FIXTURES / 'fragment.html')!r}, 'rb').read(), 'f.html', {{}}); "
        "print(len(d.blocks), d.content_note, 'trafilatura' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split(" ", 1) == ["6", "all (a fragment: no page chrome) False\n"]


def test_page_with_chrome_but_no_article_is_read_whole():
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><div class='menu'><p>Sections</p></div>"
        "<p>Subscribe today.</p><footer><p>Contact us</p></footer></body></html>"
    )
    doc = read(page)
    assert doc.content_note.startswith("all (a full page")
    assert "no usable article" in doc.content_note
    assert [b.text for b in doc.blocks] == ["Sections", "Subscribe today."]


# --- html-content: all ------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["flag", "config", "override"])
def test_all_lints_the_whole_page(tmp_path, how):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    args = ["page.html", "--no-cache"]
    if how == "flag":
        args += ["--no-config", "--html-content", "all"]
    elif how == "config":
        (tmp_path / "newslint.yml").write_text("html-content: all\n", encoding="utf-8")
    else:
        (tmp_path / "newslint.yml").write_text(
            "overrides:\n  - files: ['*.html']\n    html-content: all\n", encoding="utf-8"
        )
    _, report = run_json(*args, cwd=tmp_path)
    dups = [f for f in core(report, "page.html") if f["code"] == "NL101"]
    lines = {f["line"] for f in dups}
    teaser, first, second, related = (line_col(PAGE, o)[0] for o in occurrences(PAGE, REPEATED)[1:])
    # both article copies repeat the teaser rail's, and the related box repeats it again
    assert {first, second, related} <= lines
    assert all(f["related"][0]["line"] == teaser for f in dups if f["line"] in (first, second, related))
    # and the comment thread's repeated comment is linted too
    assert any(n > line_col(PAGE, PAGE.index('id="comments"'))[0] for n in lines)


def test_the_findings_cache_knows_the_setting(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache"), "--no-config"]
    _, article = run_json("page.html", *cache, cwd=tmp_path)
    _, whole = run_json("page.html", *cache, "--html-content", "all", cwd=tmp_path)
    assert len(core(whole, "page.html")) > len(core(article, "page.html")) == 1


# --- inspect and config -------------------------------------------------------------------------


def test_inspect_shows_the_choice():
    page = str(FIXTURES / "full-page.html")
    out = run_cli("inspect", page, "--no-config").stdout.decode()
    assert "content:    article (a full page [" in out and "blocks kept)" in out
    out = run_cli("inspect", page, "--no-config", "--html-content", "all").stdout.decode()
    assert "content:    all (html-content: all)" in out
    out = run_cli("inspect", str(FIXTURES / "fragment.html"), "--no-config").stdout.decode()
    assert "content:    all (a fragment: no page chrome)" in out
    # plain text has no such choice
    out = run_cli("inspect", str(ROOT / "examples" / "zh-newspaper-page.txt"), "--no-config").stdout.decode()
    assert "content:" not in out


def test_config_rejects_an_unknown_value(tmp_path):
    (tmp_path / "newslint.yml").write_text("rules: {}\nhtml-content: everything\n", encoding="utf-8")
    proc = run_cli("check", "x.html", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"newslint.yml:2: html-content: 'everything' is not one of article, all" in proc.stderr


def test_reader_options_follow_overrides():
    from lint.config import Config

    cfg = Config({"html-content": "article", "overrides": [{"files": ["archive/**"], "html-content": "all"}]}, ROOT)
    assert cfg.reader_options("archive/2019/a.html")["html-content"] == "all"
    assert cfg.reader_options("news/a.html")["html-content"] == "article"
    assert cfg.with_cli(html_content="article").reader_options("archive/2019/a.html")["html-content"] == "article"
