"""Tests for NL104 mixed-articles."""
from pathlib import Path

import lint
from tests.gen.inject import generate

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "mixed-articles"


def _fixture(name):
    """A case of tests/fixtures/mixed-articles/ (test_rule_fixtures.py runs each one
    against its labels; the tests here reuse some of them)."""
    return (FIXTURES / name).read_text(encoding="utf-8")


def findings(text):
    return [f for f in lint.check_text(text, path="t.txt") if f.rule == "mixed-articles"]


ZH_MIXED = """市民公园完成改造 今起开放

央视网消息（新闻联播）：经过一年改造，本市东湖市民公园今天重新开放，新增步道五公里、座椅三百余个。

公园管理处介绍，改造保留了原有的湖岸树木，并新建了儿童游乐区和无障碍通道。

附近居民表示，公园开放后散步锻炼更加方便，周末将带孩子来游玩。

央视网消息（新闻联播）：国家统计局今天发布数据，上月全国规模以上工业增加值同比增长百分之五点二。

分行业看，装备制造业和高技术制造业增速较快，汽车和电子设备产量明显增加。

统计局负责人表示，工业生产总体平稳，市场需求继续恢复。
"""

EN_MIXED = """Council approves new tram line

The city council voted on Tuesday to extend the tram line from the central station to the airport, a project costing 400 million pounds.

Councillors said the extension would cut journey times for commuters and reduce traffic on the ring road.

Construction of the tram extension is due to start next spring, with the first trams running to the airport terminal by 2028.

LONDON (Reuters) - Striker Jamie Vance scored twice as United beat Rovers 3-1 in the league on Saturday afternoon.

Vance opened the scoring after ten minutes with a header, and the goalkeeper could not stop his second.

United manager Paul Greer praised the striker and said the squad was ready for the cup semi-final.
"""

ZH_CLEAN = _fixture("clean-zh-one-story-with-subhead-caption-and-signoff.txt")
EN_CLEAN = _fixture("clean-en-one-story-with-byline-subhead-and-signoff.txt")


def _story_2_starts_at_the_dateline(text):
    """One finding, on the second dateline's line (9), and the message and the
    one `related` location name that same line as where story 2 starts."""
    fs = findings(text)
    assert len(fs) == 1
    f = fs[0]
    assert _lines(f, text) == (9, 9)
    assert "File holds 2 stories; the second starts at line 9 (a second dateline at line 9" in f.message
    assert [(_lines(r, text), r.message) for r in f.related] == [((9, 9), "story 2 starts here")]


def test_flags_chinese_second_dateline():
    _story_2_starts_at_the_dateline(ZH_MIXED)


def test_flags_english_second_dateline():
    _story_2_starts_at_the_dateline(EN_MIXED)


def test_finding_is_narrow():
    doc_lines = ZH_MIXED.count("\n")
    f = findings(ZH_MIXED)[0]
    line = ZH_MIXED[: f.start].count("\n") + 1
    end_line = ZH_MIXED[: f.end].count("\n") + 1
    assert line == 9 and end_line - line <= 2 < doc_lines


def test_clean_corpus_no_findings(shared_clean):
    clean = shared_clean
    bad = [p.name for p in sorted(clean.rglob("*.txt")) if findings(p.read_text(encoding="utf-8"))]
    assert len(bad) <= 1, bad


def _match(f, text, lines):
    a = text[: f.start].count("\n") + 1
    b = text[: max(f.start, f.end - 1)].count("\n") + 1
    lo, hi = lines
    return a <= hi and lo <= b and (b - a + 1) <= max(2 * (hi - lo + 1), hi - lo + 5)


def test_generated_accuracy():
    cases = generate([HERE / "fixtures" / "clean"], seed=5, count=120)
    hit = expected = false = 0
    for c in cases:
        exp = [e for e in c.expected["expect"] if e["rule"] == "mixed-articles"]
        opt = [e for e in c.expected["optional"] if e["rule"] == "mixed-articles"]
        expected += len(exp)
        for f in findings(c.text):
            if any(_match(f, c.text, e["lines"]) for e in exp):
                hit += 1
            elif not any(_match(f, c.text, e["lines"]) for e in opt):
                false += 1
    recall = hit / expected
    precision = hit / max(1, hit + false)
    assert recall >= 0.85, (recall, precision)
    assert precision >= 0.90, (recall, precision)


EN_HEADLINE_SPLICE = """Ferry operator orders three electric boats

The island ferry company has ordered three battery-powered boats from a Norwegian shipyard, replacing its diesel fleet by 2028.

The electric ferries will charge at each harbour during the ten-minute turnaround, the ferry company said.

Harbour engineers are upgrading the grid connection at both ferry terminals to carry the charging load.

Veteran goalkeeper signs new contract

Goalkeeper Tom Hardy has signed a two-year contract extension with Rovers, keeping the veteran keeper at the club until he is 38.

Hardy made 41 league appearances for Rovers last season and kept 15 clean sheets as the goalkeeper of the season.

The ferry company expects passenger numbers to grow once the quieter electric boats enter service.
"""


def test_flags_english_second_headline_spliced():
    fs = findings(EN_HEADLINE_SPLICE)
    assert len(fs) == 1
    line = EN_HEADLINE_SPLICE[: fs[0].start].count("\n") + 1
    assert line == 9
    assert len(fs[0].related) == 2  # story B starts, story A resumes


# ---------------------------------------------------------------- headline-body mismatch
# A scraped page whose headline belongs to another story: nothing in the body shares its terms
# (flag-*-headline-from-another-story.txt in tests/fixtures/mixed-articles/).

EN_SWAPPED = _fixture("flag-en-headline-from-another-story.txt")
ZH_SWAPPED = _fixture("flag-zh-headline-from-another-story.txt")


def _lines(f, text):
    return text[: f.start].count("\n") + 1, text[: max(f.start, f.end - 1)].count("\n") + 1


def test_matching_headlines_not_flagged():
    # the same bodies under their own headlines (abstract or punny wording, inflected words)
    en = EN_SWAPPED.replace("Striker signs three-year contract with Rovers", "Councillors back airport trams")
    zh = ZH_SWAPPED.replace("女子排球联赛总决赛落幕 主队夺冠", "改造后的东湖公园迎来游客")
    assert findings(en) == []
    assert findings(zh) == []


def _swap_cases(root, lang_dirs):
    cases = []
    for d in lang_dirs:
        files = sorted((root / d).glob("*.txt"))
        texts = [p.read_text(encoding="utf-8").split("\n", 1) for p in files]
        for i, (_, rest) in enumerate(texts):
            other = texts[(i + 7) % len(texts)][0]
            cases.append((d, other + "\n" + rest))
    return cases


def test_headline_swap_accuracy_fixtures():
    """Headlines swapped between our own clean articles: most are caught, originals stay clean."""
    root = HERE / "fixtures" / "clean"
    cases = _swap_cases(root, ["en", "zh"])
    hit = sum(1 for _, t in cases if findings(t))
    assert hit / len(cases) >= 0.55, hit
    clean = [p for d in ("en", "zh") for p in sorted((root / d).glob("*.txt"))]
    assert not [p.name for p in clean if findings(p.read_text(encoding="utf-8"))]


def test_headline_swap_accuracy_shared(shared_clean):
    root = shared_clean
    cases = _swap_cases(root, ["en-bbc", "zh-cctv"])
    by = {}
    for d, t in cases:
        by.setdefault(d, []).append(bool(findings(t)))
    assert sum(by["en-bbc"]) / len(by["en-bbc"]) >= 0.65, sum(by["en-bbc"])
    assert sum(by["zh-cctv"]) / len(by["zh-cctv"]) >= 0.45, sum(by["zh-cctv"])


def _ocr_page(second_title):
    """An unbroken OCR-style page: no blank line, two stories, hard-wrapped at ~45 columns."""
    import textwrap

    a = ("The county commissioners met on Monday to consider the new bridge over the river. "
         "The old wooden bridge was built in 1880 and the engineers say its timbers are rotten. "
         "A steel bridge would cost forty thousand dollars and the commissioners will ask the "
         "state for help with the cost. Farmers on the west bank have long asked for the bridge "
         "to be replaced, as the ferry is slow and the river floods each spring. ") * 4
    b = ("Miss Helen Carter of Boston gave a recital of piano music at the opera house on Friday "
         "evening before a large audience. She played works by Chopin and Liszt, and the audience "
         "called her back three times. Miss Carter studied music in Vienna and will give a second "
         "recital in the spring. The proceeds go to the library fund of the ladies' club. ") * 4
    lines = ["THE DAILY RECORD", "BRIDGE PLANS DISCUSSED."] + textwrap.wrap(a, 45)
    lines += [second_title] + textwrap.wrap(b, 45)
    return "\n".join(lines * 2) + "\n", len(textwrap.wrap(a, 45)) + 3


def test_flags_unbroken_ocr_page():
    text, line = _ocr_page("PIANO RECITAL AT OPERA HOUSE.")
    fs = findings(text)
    assert len(fs) == 1
    a = text[: fs[0].start].count("\n") + 1
    b = text[: max(fs[0].start, fs[0].end - 1)].count("\n") + 1
    assert a == b == line


def test_unbroken_single_story_not_flagged():
    import textwrap

    a = ("The county commissioners met on Monday to consider the new bridge over the river. "
         "The old wooden bridge was built in 1880 and the engineers say its timbers are rotten. "
         "A steel bridge would cost forty thousand dollars, the commissioners said. ") * 12
    lines = textwrap.wrap(a, 45)
    lines[40:40] = ["COST OF THE NEW BRIDGE."]  # a subhead of the same story
    assert findings("\n".join(lines) + "\n") == []


def test_headline_naming_people_the_body_never_names():
    """A scraped page: the headline names Blair and the Tories, the body is about
    a different story and names neither."""
    from lint.testing import run_check
    from plugins.checks.mixed_articles import MixedArticles

    text = (
        "Blair attacks Tory tax pledge\n\n"
        "The city council has approved a new bridge over the river after a decade of debate, "
        "officials said on Tuesday.\n\n"
        "The crossing will carry two lanes of traffic and a footpath, and is due to open in 2027. "
        "Residents on both banks welcomed the decision, though some raised concerns about noise "
        "during construction.\n\n"
        "The council said work would begin next spring once the final designs were approved, and "
        "that the cost would be met from its transport budget and a regional grant.\n"
    )
    doc, findings = run_check(MixedArticles, text)
    assert len(findings) == 1 and doc.position(findings[0].start)[0] == 1
    assert "never names Tory" in findings[0].message
    # the same body under its own headline is one story
    own = text.replace("Blair attacks Tory tax pledge", "Council approves river bridge")
    assert run_check(MixedArticles, own)[1] == []


def test_message_and_related_agree_on_story_start():
    """A second dateline opens story 2: the message, the finding and `related` all
    name the dateline's line, not the paragraph after it."""
    text = EN_CLEAN.split("\n\nReuter")[0] + "\n\n" + """NAIROBI (Reuters) -

Kenya's central bank held its benchmark lending rate at 10.5 percent on Wednesday, saying inflation was within its target range.

The bank's monetary policy committee said the shilling had been stable against the dollar and food prices were easing after good rains.
"""
    fs = findings(text)
    assert len(fs) == 1
    f = fs[0]
    line = text[: f.start].count("\n") + 1
    assert text.split("\n")[line - 1].startswith("NAIROBI")
    assert f"starts at line {line} " in f.message
    assert f.related[0].message == "story 2 starts here"
    assert text[: f.related[0].start].count("\n") + 1 == line


def test_short_chinese_draft_does_not_load_the_segmenter():
    """The segmenter's dictionary takes a tenth of a second to load: a single
    short Chinese story (too short to hold two) is checked without it."""
    import subprocess
    import sys

    code = (
        "import sys, lint\n"
        f"text = {ZH_CLEAN!r}\n"
        "fs = [f for f in lint.check_text(text, path='t.txt') if f.rule == 'mixed-articles']\n"
        "print(len(fs), 'rjieba' in sys.modules or 'jieba' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=str(HERE.parent)).stdout.split()
    assert out == ["0", "False"], out


def test_headline_ngrams_found_in_the_body_by_string_search():
    # NL104's headline test looks each headline n-gram up in the body as a
    # string; that must be the same as intersecting the two n-gram sets
    from pathlib import Path

    from plugins.checks.mixed_articles import _zh_grams

    page = (Path(__file__).resolve().parents[1] / "examples" / "zh-newspaper-page.txt").read_text(encoding="utf-8")
    lines = [x for x in page.splitlines() if x.strip()]
    bodies = [page, "的的了在是和", "北京的天气\n今天 很好（完）", "ABC北京DEF天气"]
    seen = 0
    for head in lines[:40] + ["北京天气很好", "了解的情况", "天气预报"]:
        for body in bodies:
            for n in (2, 3):
                H = _zh_grams(head, n)
                assert {g for g in H if g in body} == H & _zh_grams(body, n), (head, body)
                seen += bool(H & _zh_grams(body, n))
    assert seen > 10
