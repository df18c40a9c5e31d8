"""newslint in the editor's language: catalogs complete and fresh, Chinese
output from --lang / lang: / the locale, and machine-readable output that does
not change meaning with the language."""
from __future__ import annotations

import ast
import json
import pickle
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, run_json
from lint import i18n
from lint.i18n import Message, _, ngettext

HAN = re.compile(r"[\u3400-\u9fff]")
EXAMPLES = ROOT / "examples"
# the locale variables of a Chinese desk (LANGUAGE, pinned to en for the suite, emptied)
ZH_ENV = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def _gen():
    pytest.importorskip("babel")
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import gen_catalogs
    finally:
        sys.path.pop(0)
    return gen_catalogs


# --- the catalogs --------------------------------------------------------------------


def test_every_message_is_translated_and_no_entry_is_stale():
    """What `python docs/gen_catalogs.py --check` reports: a message in the code
    with no Chinese translation, a catalog entry the code no longer has, a .mo
    older than its .po, a rule doc not translated or translated from an older
    docstring. A new rule cannot ship English-only."""
    problems = _gen().problems()
    assert problems == [], "\n".join(problems[:40]) + "\nrun: python docs/gen_catalogs.py (then translate)"


def test_a_stale_compiled_catalog_is_caught():
    gen = _gen()
    cat = gen.load("zh_Hans")
    mo = gen.po_path("zh_Hans").with_suffix(".mo")
    assert gen.mo_matches(mo, cat)
    for m in cat:
        if m.id == "Apply":
            m.string = "套用"
    assert not gen.mo_matches(mo, cat)


def test_extraction_sees_every_marked_message():
    """Babel skips messages inside f-strings and calls nested in another
    marked call; every literal passed to a marking function must reach the
    catalog all the same."""
    gen = _gen()
    extracted = set()
    for m in gen.extract():
        if m.id:
            extracted.add(m.id if isinstance(m.id, str) else m.id[0])
    missed = []
    files = sorted((ROOT / "lint").rglob("*.py")) + sorted((ROOT / "plugins").glob("*.py"))
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in gen.KEYWORDS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and node.args[0].value not in extracted
            ):
                missed.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.args[0].value!r}")
    assert missed == []


def _entries(lang):
    gen = _gen()
    for m in gen.load(lang):
        if m.id:
            ids = [m.id] if isinstance(m.id, str) else list(m.id)
            strings = [m.string] if isinstance(m.string, str) else list(m.string)
            yield ids, strings


def _fields(s: str) -> set:
    brace = {f.split("!")[0].split(":")[0] for f in re.findall(r"(?<!\{)\{([^{}]*)\}", s)}
    percent = set(re.findall(r"%\(\w+\)[sdr]|%[sdr]", s))
    return brace | percent


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
def test_translations_keep_every_placeholder(lang):
    for ids, strings in _entries(lang):
        for s in strings:
            assert _fields(s) == _fields(ids[0]), (ids[0], s)


def test_chinese_typography():
    """Full-width punctuation next to Han characters, no space between two
    Han characters, and one style of quotation marks: “” in Simplified
    Chinese, 「」 in Traditional."""
    han = r"[\u3400-\u9fff]"
    for lang, wrong_quotes in (("zh_Hans", "「」『』"), ("zh_Hant", "“”‘’")):
        for ids, strings in _entries(lang):
            for s in strings:
                assert not re.search(rf"{han}[,:;!?()]|[,;!?()]{han}", s), (lang, s)
                assert not re.search(rf"{han} +{han}", s), (lang, s)
                assert not any(q in s for q in wrong_quotes), (lang, s)
                assert not re.search(rf'{han}"|"{han}', s), (lang, s)


# --- messages ------------------------------------------------------------------------


def test_message_is_its_english_text_and_renders_in_chinese():
    m = _("Paragraph repeats the one at {where} ({label})", where=_("line {line}", line=66), label=_("exact copy"))
    assert m == "Paragraph repeats the one at line 66 (exact copy)"
    assert m.render("en") == str(m)
    assert m.render("zh_Hans") == "本段重复了第66行的段落（完全相同）"
    assert m.render("zh_Hant") == "本段重複了第66行的段落（完全相同）"


def test_messages_are_slotted():
    # a long document's findings hold tens of thousands of messages: no
    # instance dictionary each (it outweighed the message)
    m = _("Paragraph repeats the one at {where} ({label})", where=_("line {line}", line=3), label=_("exact copy"))
    assert not hasattr(m, "__dict__")
    with pytest.raises(AttributeError):
        m.extra = 1  # type: ignore[attr-defined]
    assert m._p == ("where", m.params["where"], "label", m.params["label"])  # one flat tuple, no dictionary kept
    assert m.params == {"where": "line 3", "label": "exact copy"} and m.params is not m.params
    assert (m.msgid, m.params["where"].params, m.plural, m.n) == (
        "Paragraph repeats the one at {where} ({label})",
        {"line": 3},
        None,
        None,
    )


def test_message_survives_pickle_and_the_cache_format():
    m = ngettext("{n} finding", "{n} findings", 3)
    for back in (pickle.loads(pickle.dumps(m)), i18n.from_json(json.loads(json.dumps(i18n.to_json(m))))):
        assert isinstance(back, Message) and back == "3 findings"
        assert back.render("zh_Hans") == "3个问题"


def test_choosing_the_language():
    assert i18n.choose("zh", "en", {}) == "zh_Hans"
    assert i18n.choose(None, "zh-Hant", {"LANG": "en_US.UTF-8"}) == "zh_Hant"
    assert i18n.choose(None, None, {"LANG": "zh_CN.UTF-8"}) == "zh_Hans"
    assert i18n.choose(None, None, {"LANG": "zh_TW.UTF-8"}) == "zh_Hant"
    assert i18n.choose(None, None, {"LANGUAGE": "fr:zh_CN", "LANG": "en_US.UTF-8"}) == "zh_Hans"
    assert i18n.choose(None, None, {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}) == "en"  # LC_ALL decides
    assert i18n.choose(None, None, {"LANG": "fr_FR.UTF-8"}) == "en"
    assert i18n.choose(None, None, {}) == "en"


# --- the command line ----------------------------------------------------------------


def _finding_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if re.match(r"\S+:\d+:\d+: NL\d+", ln)]


@pytest.mark.parametrize("how", ["--lang", "LANG"])
def test_check_speaks_chinese(how):
    args = ["check", "--no-config", "--no-cache", "--color", "never", EXAMPLES]
    proc = run_cli(*args, "--lang", "zh") if how == "--lang" else run_cli(*args, env=ZH_ENV)
    out = proc.stdout.decode("utf-8")
    findings = _finding_lines(out)
    assert len(findings) > 20
    for line in findings:  # the message, between the [severity] and the (rule)
        message = re.sub(r"^.*?\] ", "", line).rsplit(" (", 1)[0]
        assert HAN.search(message), line
    others = [ln for ln in out.splitlines() if ln.strip() and ln not in findings and not re.match(r"\s*\d+ \| ", ln)]
    for line in others:  # continuation and related lines, the summary and the fix hint
        if set(line.strip()) <= set("^"):
            continue
        assert HAN.search(line), line
    assert "发现" in out and "个问题" in out


def test_english_is_the_default_and_unchanged():
    base = run_cli("check", "--no-config", "--no-cache", "--color", "never", EXAMPLES)
    en = run_cli("check", "--no-config", "--no-cache", "--color", "never", "--lang", "en", EXAMPLES, env=ZH_ENV)
    assert base.stdout == en.stdout
    assert not HAN.search(base.stdout.decode("utf-8").split("\n\n")[-1])  # the summary
    assert b"Paragraph repeats the one at lines 5-6 (re-wrapped copy" in base.stdout


def test_lang_in_the_config(tmp_path):
    (tmp_path / "newslint.yml").write_text("lang: zh\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("市政府今天发布通知。\n\n市政府今天发布通知，要求各区加快推进公园建设。\n\n" * 2, encoding="utf-8")
    proc = run_cli("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert "重复了第1" in proc.stdout.decode("utf-8")
    proc = run_cli("check", "--no-cache", "--lang", "en", "a.txt", cwd=tmp_path)
    assert "paragraphs repeats lines 1-3" in proc.stdout.decode("utf-8")


def test_unknown_language_is_a_usage_error():
    proc = run_cli("check", "--lang", "xx", EXAMPLES)
    assert proc.returncode == 2 and b"unknown language 'xx'" in proc.stderr


def test_json_and_sarif_mean_the_same_in_every_language():
    _, en = run_json("--no-config", "--no-cache", EXAMPLES)
    _, zh = run_json("--no-config", "--no-cache", "--lang", "zh", EXAMPLES)
    assert len(en["findings"]) == len(zh["findings"]) > 20
    for a, b in zip(en["findings"], zh["findings"]):
        assert a.keys() == b.keys()
        assert {k: v for k, v in a.items() if k not in ("message", "related", "fix")} == {
            k: v for k, v in b.items() if k not in ("message", "related", "fix")
        }
        assert HAN.search(b["message"]) and a["message"] != b["message"]
        assert [dict(r, message="") for r in a["related"]] == [dict(r, message="") for r in b["related"]]
        assert (a["fix"] is None) == (b["fix"] is None)
    sarif = [json.loads(run_cli("check", "--no-config", "--no-cache", "--format", "sarif", *lang, EXAMPLES).stdout)
             for lang in ([], ["--lang", "zh"])]
    ra, rb = (s["runs"][0]["results"] for s in sarif)
    assert [(r["ruleId"], r["level"], r["partialFingerprints"]) for r in ra] == [
        (r["ruleId"], r["level"], r["partialFingerprints"]) for r in rb
    ]
    assert all(HAN.search(r["message"]["text"]) and r["properties"]["message-en"] for r in rb)
    assert [r["id"] for r in sarif[0]["runs"][0]["tool"]["driver"]["rules"]] == [
        r["id"] for r in sarif[1]["runs"][0]["tool"]["driver"]["rules"]
    ]


def test_baseline_and_cache_do_not_depend_on_the_language(tmp_path):
    base, cache = tmp_path / "baseline.json", tmp_path / "cache"
    # findings cached and recorded in English ...
    run_cli("check", "--no-config", "--cache-dir", cache, "--baseline", base, "--write-baseline", EXAMPLES)
    proc = run_cli("check", "--no-config", "--cache-dir", cache, "--baseline", base, "--lang", "zh", EXAMPLES)
    assert proc.returncode == 0 and "没有发现问题" in proc.stdout.decode("utf-8")  # ... match in Chinese
    # and the cache, filled in English, answers in Chinese
    proc = run_cli("check", "--no-config", "--cache-dir", cache, "--lang", "zh", "--format", "json", EXAMPLES)
    messages = [f["message"] for f in json.loads(proc.stdout)["findings"]]
    assert messages and all(HAN.search(m) for m in messages)


def test_rule_doc_and_rules_in_chinese():
    doc = run_cli("rule", "NL103", "--lang", "zh", "--no-config").stdout.decode("utf-8")
    assert "## 作用" in doc and "默认级别：error" in doc and "## What it does" not in doc
    rules = run_cli("rules", "--no-config", env=ZH_ENV).stdout.decode("utf-8").splitlines()
    assert rules[0].split()[:2] == ["代码", "名称"]
    assert all(HAN.search(line.split("  ")[-1]) for line in rules[1:])


def test_help_and_usage_errors_in_chinese():
    out = run_cli("check", "--help", "--lang", "zh").stdout.decode("utf-8")
    assert out.startswith("用法：newslint check") and "显示本帮助信息并退出" in out and "不读写检查结果缓存" in out
    err = run_cli("check", "--lang", "zh", "--bogus").stderr.decode("utf-8")
    assert "错误：无法识别的参数：--bogus" in err


def test_carets_line_up_under_a_chinese_message():
    from lint.lang.text import display_width

    src = "市政府表示,新公园将于5月开放。\n"
    proc = run_cli("check", "--no-config", "--no-cache", "--lang", "zh", "--select", "NL208", "-", input=src.encode())
    lines = proc.stdout.decode("utf-8").splitlines()
    assert "中文里用了半角的“,”" in lines[0]
    gutter, source = lines[1].split("| ", 1)
    caret = lines[2]
    assert source == src.strip()
    assert caret.index("^") == len(gutter) + 2 + display_width("市政府表示")


def test_html_report_in_chinese():
    html = run_cli("check", "--no-config", "--no-cache", "--lang", "zh", "--format", "html", EXAMPLES).stdout.decode()
    assert '<html lang="zh-Hans">' in html and "<h1>newslint 检查报告</h1>" in html and "按规则" in html


def test_review_page_words():
    pytest.importorskip("starlette")
    from lint.web import serve

    template = (ROOT / "lint" / "web" / "templates" / "serve.html").read_text(encoding="utf-8")
    i18n.set_language("zh")
    words = serve.page_messages()
    unescape = lambda k: re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), k)  # noqa: E731
    used = {unescape(k) for k in re.findall(r"T\('([^']+)'", template)}
    assert len(used) >= 20
    assert used <= set(words)
    assert all(HAN.search(v) for v in words.values()), words


def test_language_server_speaks_the_clients_language():
    pytest.importorskip("pygls")
    from lint import lsp
    from lint.run.engine import check_text

    text = "市政府今天发布通知，要求各区加快推进公园建设。\n\n市政府今天发布通知，要求各区加快推进公园建设。\n"
    (f,) = [f for f in check_text(text) if f.rule == "duplicate-paragraph"]
    pm = lsp.PositionMap(text)
    d = lsp.to_diagnostic(f, pm, "file:///a.txt", 1, None, "zh_Hans")
    assert d.message.startswith("本段重复了") and d.message.endswith("(duplicate-paragraph)")
    assert d.data["fix"]["message"] == "删除重复的段落" and d.code == "NL101"
    assert lsp.fix_title({"message": "删除重复的段落", "applicability": "unsafe"}, "zh_Hans") == "删除重复的段落（不安全）"
    assert lsp.to_diagnostic(f, pm, "file:///a.txt", 1, None, "en").message.startswith("Paragraph repeats")


def test_a_plugin_ships_its_own_catalog(tmp_path):
    """A house rule's own gettext domain (README, "Messages in your language")."""
    babel = pytest.importorskip("babel.messages.catalog")
    from babel.messages.mofile import write_mo

    cat = babel.Catalog(locale="zh_Hans", domain="acme")
    cat.add("Headline has {n} words", "标题有{n}个词")
    folder = tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "acme.mo").open("wb") as fh:
        write_mo(fh, cat)
    t = i18n.translator("acme", tmp_path / "locale")
    m = t("Headline has {n} words", n=12)
    assert m == "Headline has 12 words" and m.render("zh_Hans") == "标题有12个词"
    back = i18n.from_json(json.loads(json.dumps(i18n.to_json(m))))
    assert back.render("zh_Hans") == "标题有12个词"
    assert Path(i18n.LOCALEDIR).is_dir()


def test_archive_rows_in_the_runs_language():
    from lint.archive import Doc, lint_doc
    from lint.run.engine import Linter

    para = "市政府今天发布通知，要求各区加快推进公园建设。"
    data = f"{para}\n\n{para}\n".encode()
    linter = Linter()
    (zh,) = lint_doc(linter, Doc("a", data), "zh_Hans")
    (en,) = lint_doc(linter, Doc("a", data))
    assert zh["message"] == "本段重复了第1行的段落（完全相同）" and en["message"].startswith("Paragraph repeats")
    assert {k: v for k, v in zh.items() if k not in ("message", "related", "fix")} == {
        k: v for k, v in en.items() if k not in ("message", "related", "fix")
    }
    (err,) = lint_doc(linter, Doc("b", b"\x00\x01binary"), "zh_Hans")
    assert err["error"].startswith("不是文本")


def test_chinese_help_wraps_by_display_width():
    from lint.lang.text import display_width

    out = run_cli("check", "--help", "--lang", "zh", env={"COLUMNS": "70"}).stdout.decode("utf-8")
    lines = out.splitlines()
    assert "选项：" in lines and "位置参数：" in lines  # a full-width colon after each heading
    assert max(display_width(line) for line in lines) <= 70


def test_messages_of_plain_values_are_made_once_and_shared():
    assert _("first copy") is _("first copy")
    assert _("line {line}", line=25) is _("line {line}", line=25)
    assert ngettext("one break", "{n} breaks", 1) is ngettext("one break", "{n} breaks", 1)
    # a bool equals 1 and a Message equals its English text: neither is shared
    # with the plain value it equals
    assert str(_("value {v}", v=True)) == "value True"
    assert str(_("value {v}", v=1)) == "value 1"
    inner = _("line {line}", line=3)
    outer = _("at {where}", where=inner)
    assert isinstance(outer.params["where"], Message)
    assert _("at {where}", where="line 3").params["where"].__class__ is str
    assert _("at {where}", where="line 3") is not outer


def test_messages_made_of_messages_are_shared_when_equal_in_every_part():
    inner = _("line {line}", line=3)
    outer = _("at {where}", where=inner)
    assert _("at {where}", where=_("line {line}", line=3)) is outer
    assert isinstance(outer.params["where"], Message)
    # not shared with a message equal as text but made of other parts
    assert _("at {where}", where=_("line {line}", line=4)) is not outer
    assert _("at {where}", where=_("line {n}", n=3)) is not outer
    assert _("at {where}", where=_("line {line}", line=True)) is not outer
    assert ngettext("{n} at {where}", "{n} at {where}", 2, where=inner) is ngettext(
        "{n} at {where}", "{n} at {where}", 2, where=inner
    )
    assert ngettext("{n} at {where}", "{n} at {where}", 2, where=inner) is not _("{n} at {where}", n=2, where=inner)
    sep = _("; ")
    joined = i18n.join(sep, [_("a"), _("b {x}", x=1)])
    assert i18n.join(sep, [_("a"), _("b {x}", x=1)]) is joined and str(joined) == "a; b 1"
    assert i18n.join(sep, [_("a"), "b 1"]) is not joined
    assert i18n.join(sep, [_("a"), _("b {x}", x=1.0)]) is not i18n.join(sep, [_("a"), _("b {x}", x=1.0)])
    # a message holding something that cannot be keyed is made anew
    assert _("at {where}", where=[object()]) is not _("at {where}", where=[object()])
