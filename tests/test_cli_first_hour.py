"""What a new user hits in the first hour: usage errors, baselines, terminal
safety, --diff positions, fitting the terminal, encodings, fix hints, and the
ruff-style options (--output-file, --exit-zero, --exclude ...)."""
from __future__ import annotations

import json

import pytest

from conftest import EXAMPLE, ROOT, rules_plugin, run_cli, run_json
from lint.model import Finding, Report, Severity
from lint.lang.text import display_width
from plugins.formats.text import TextFormat

RULES = rules_plugin("Typo", "Shout", "Joiner", "Quote", "Crash")


@pytest.fixture
def ws(tmp_path):
    (tmp_path / "rules.py").write_text(RULES)
    (tmp_path / "newslint.yml").write_text("plugins: [rules.py]\nselect: [TT]\n")
    return tmp_path


# --- 1. unknown rules and codes on the command line ----------------------------


@pytest.mark.parametrize("option", ["--select", "--ignore"])
@pytest.mark.parametrize("value,suggestion", [("NL999", None), ("dupe-paragraph", "duplicate-paragraph"), ("NL101,nl10x", None)])
def test_unknown_rule_on_the_command_line_is_a_usage_error(option, value, suggestion):
    proc = run_cli("check", "--no-config", option, value, EXAMPLE)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert proc.stdout.decode() == ""
    assert "no rule is named or coded" in err and option in err
    if suggestion:
        assert f"did you mean '{suggestion}'" in err


@pytest.mark.parametrize("selector", ["nl101", "Nl101", "NL101", "duplicate-paragraph", "Duplicate-Paragraph"])
def test_rule_selectors_match_case_insensitively(selector):
    proc, report = run_json("--no-config", "--select", selector, EXAMPLE)
    assert proc.returncode == 1, proc.stderr
    assert {f["code"] for f in report["findings"]} == {"NL101"}


def test_ignore_prefix_matches_case_insensitively():
    proc, report = run_json("--no-config", "--ignore", "nl1", EXAMPLE)
    assert report["findings"] and not any(f["code"].startswith("NL1") for f in report["findings"])


def test_rule_command_takes_a_lower_case_code():
    assert run_cli("rule", "nl101").stdout.decode() == run_cli("rule", "NL101").stdout.decode()
    bad = run_cli("rule", "dupe-paragraph")
    assert bad.returncode == 2 and "did you mean 'duplicate-paragraph'" in bad.stderr.decode()


# --- 2. baselines are written only when asked ------------------------------------


def test_missing_baseline_is_an_error_that_says_how_to_create_one(ws):
    (ws / "a.txt").write_text("Headline\n\nteh dog.\n")
    proc = run_cli("check", "--baseline", "baseline.json", "a.txt", cwd=ws)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "baseline.json" in err and "--write-baseline" in err
    assert not (ws / "baseline.json").exists()


def test_write_baseline_is_explicit_and_needs_a_file(ws):
    (ws / "a.txt").write_text("Headline\n\nteh dog.\n")
    proc = run_cli("check", "--baseline", "b.json", "--write-baseline", "a.txt", cwd=ws)
    assert proc.returncode == 0 and (ws / "b.json").exists()
    assert "wrote 1 finding to baseline" in proc.stderr.decode()
    proc = run_cli("check", "--write-baseline", "a.txt", cwd=ws)
    assert proc.returncode == 2 and "--baseline" in proc.stderr.decode()


def test_baseline_summary_says_how_many_it_hid(ws):
    f = ws / "a.txt"
    f.write_text("Headline\n\nteh dog.\n\nteh cat.\n")
    run_cli("check", "--baseline", "b.json", "--write-baseline", "a.txt", cwd=ws)
    f.write_text("Headline\n\nteh dog.\n\nteh cat.\n\nteh fox.\n")
    out = run_cli("check", "--baseline", "b.json", "a.txt", cwd=ws).stdout.decode()
    assert "Found 1 finding" in out and "2 more hidden by the baseline" in out
    f.write_text("Headline\n\nteh dog.\n\nteh cat.\n")
    out = run_cli("check", "--baseline", "b.json", "a.txt", cwd=ws).stdout.decode()
    assert "No findings in 1 file" in out and "2 hidden by the baseline" in out


# --- 6. control characters never reach the terminal raw ---------------------------

HOSTILE = "Headline\n\nteh \x1b]0;pwned\x07 dog \x1b[31mred\x7f \x9b2J \u202eevil.\n\nquote: \x1b[2Jgone\x08\n"


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_control_characters_are_escaped(ws, fmt):
    (ws / "a.txt").write_bytes(HOSTILE.encode("utf-8"))
    proc = run_cli("check", "--format", fmt, "a.txt", cwd=ws)
    out = proc.stdout.decode()
    assert "TT001" in out and "TT005" in out, out
    bad = [ch for ch in out if (ord(ch) < 32 and ch not in "\n") or 0x7F <= ord(ch) <= 0x9F or ch == "\u202e"]
    assert bad == [], repr(out)
    if fmt == "text":
        assert "␛]0;pwned␇" in out
        assert "\\x9b" in out


def test_escaped_source_line_keeps_the_caret_under_the_span():
    f = Finding("demo", "NL999", Severity.ERROR, "m", 0, 0, path="a.txt", line=1, column=4, end_line=1, end_column=7)
    f.source_line = "a\x1b\x9bteh z"
    out = TextFormat().render(Report(findings=[f], files=1), {"color": False, "width": 80})
    src, carets = out.splitlines()[1:3]
    # the span 'teh' sits under the carets, whatever the escapes' widths
    start = carets.index("^")
    assert src[start : start + 3] == "teh" and carets.strip() == "^^^"


# --- 7. --diff reports positions in the file on disk ------------------------------


def test_diff_reports_positions_of_the_file_on_disk(ws):
    # the safe join on line 3 pulls every later line up by one in the fixed text
    text = "Headline\n\nsplit\nthe line.\n\nA calm line.\n\nA LOUD line.\n"
    (ws / "a.txt").write_text(text)
    run_cli("check", "--diff", "--format", "json", "--output-file", "report.json", "a.txt", cwd=ws)
    report = json.loads((ws / "report.json").read_text())
    loud = [f for f in report["findings"] if f["code"] == "TT002"]
    assert [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in loud] == [(8, 3, 8, 7)]
    assert text[loud[0]["offset"] : loud[0]["end_offset"]] == "LOUD"
    out = run_cli("check", "--diff", "a.txt", cwd=ws).stdout.decode()
    assert "a.txt:8:3: TT002" in out and "    8 | A LOUD line." in out
    assert (ws / "a.txt").read_text() == text


# --- 9. context fits the terminal ----------------------------------------------------


def _finding(line: str, start: int, end: int, **kw) -> Finding:
    f = Finding("demo", "NL999", Severity.ERROR, "msg", 0, 0, path="a.txt", line=1, column=start + 1,
                end_line=1, end_column=end + 1, **kw)
    f.source_line = line
    return f


@pytest.mark.parametrize("width", [80, 60])
def test_whole_long_line_fits_the_terminal(width):
    line = "word " * 40
    out = TextFormat().render(Report(findings=[_finding(line, 0, len(line))], files=1), {"width": width})
    body = out.splitlines()[1:3]
    assert all(display_width(x) <= width for x in body), body
    assert "…" in body[0]
    assert body[1].count("^") <= width


def test_span_in_a_long_cjk_line_is_windowed_with_elision_markers():
    line = "甲" * 60 + "目标" + "乙" * 60
    f = _finding(line, 60, 62)
    src, carets = TextFormat().render(Report(findings=[f], files=1), {"width": 80}).splitlines()[1:3]
    assert display_width(src) <= 80 and display_width(carets) <= 80
    assert src.count("…") == 2
    # the carets sit under 目标 by display columns (CJK counts 2)
    col = display_width(carets[: carets.index("^")])
    prefix = ""
    for ch in src:
        if display_width(prefix) >= col:
            break
        prefix += ch
    assert src[len(prefix) : len(prefix) + 2] == "目标" and carets.count("^") == 4


def test_cli_uses_the_terminal_width(ws):
    (ws / "a.txt").write_text("Headline\n\n" + "quote: " + "very long words " * 20 + "\n")
    out = run_cli("check", "a.txt", cwd=ws, env={"COLUMNS": "70"}).stdout.decode()
    assert all(display_width(x) <= 70 for x in out.splitlines() if not x.startswith("a.txt:")), out


def test_broken_line_wrap_points_at_the_break():
    proc, report = run_json("--no-config", "--select", "NL102", ROOT / "examples" / "en-draft.txt")
    f = next(x for x in report["findings"] if x["line"] == 8)
    # line 8 is 73 characters long: the finding starts at its last character
    assert (f["line"], f["column"], f["end_line"]) == (8, 73, 10)
    out = run_cli("check", "--no-config", "--select", "NL102", ROOT / "examples" / "en-draft.txt").stdout.decode()
    lines = out.splitlines()
    i = next(i for i, x in enumerate(lines) if x.startswith(str(ROOT / "examples" / "en-draft.txt") + ":8:"))
    assert lines[i + 2].count("^") <= 2


# --- 10. encodings ---------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"Text\x00\x01\x02 more", bytes(range(1, 256)) * 20])
@pytest.mark.parametrize("encoding", ["latin1", "cp1252", None])
def test_binary_detection_holds_whatever_the_encoding(tmp_path, data, encoding):
    f = tmp_path / "blob.txt"
    f.write_bytes(data)
    args = ["--encoding", encoding] if encoding else []
    proc, report = run_json("--no-config", *args, f)
    assert proc.returncode == 2
    assert report["findings"] == []
    msg = report["errors"][0]["message"]
    # never garbage findings: binary, or (where the encoding has holes) undecodable
    assert "binary" in msg or "cannot decode" in msg, msg


def test_undecodable_latin1_suggests_its_likely_encoding(tmp_path):
    f = tmp_path / "cafe.txt"
    f.write_bytes("Café society\n".encode("latin-1"))
    proc, report = run_json("--no-config", f)
    msg = report["errors"][0]["message"]
    assert "cp1252" in msg and "gb18030" not in msg, msg


def test_latin1_text_with_latin1_encoding_still_reads(tmp_path):
    f = tmp_path / "cafe.txt"
    f.write_bytes("Headline\n\nThe café opened today.\n".encode("latin-1"))
    proc, report = run_json("--no-config", "--encoding", "latin1", f)
    assert report["errors"] == []


# --- 22. fix hints ----------------------------------------------------------------------


def test_fixable_findings_are_marked_and_counted(ws):
    (ws / "a.txt").write_text("Headline\n\nteh LOUD dog.\n\nteh cat.\n")
    out = run_cli("check", "a.txt", cwd=ws).stdout.decode()
    heads = [x for x in out.splitlines() if x.startswith("a.txt:")]
    assert [h.split()[1:3] for h in heads] == [["TT001", "[*]"], ["TT002", "[warning]"], ["TT001", "[*]"]]
    assert out.rstrip().endswith("2 fixable with `--fix` (1 more with `--unsafe-fixes`).")
    out = run_cli("check", "--unsafe-fixes", "a.txt", cwd=ws).stdout.decode()
    assert "TT002 [*]" in out and out.rstrip().endswith("3 fixable with `--fix`.")


def test_show_fixes_lists_each_fix_and_writes_nothing(ws):
    text = "Headline\n\nteh LOUD dog.\n\nteh cat.\n"
    (ws / "a.txt").write_text(text)
    proc = run_cli("check", "--show-fixes", "a.txt", cwd=ws)
    out = proc.stdout.decode()
    assert "a.txt:3:1: TT001 Correct to 'the': 'teh' → 'the'" in out
    assert "a.txt:5:1: TT001 Correct to 'the': 'teh' → 'the'" in out
    assert "TT002 Lower" not in out
    assert (ws / "a.txt").read_text() == text
    # with --fix it lists what it changed
    proc = run_cli("check", "--fix", "--show-fixes", "a.txt", cwd=ws)
    assert "a.txt:3:1: TT001 Correct to 'the'" in proc.stdout.decode()
    assert (ws / "a.txt").read_text() == "Headline\n\nthe LOUD dog.\n\nthe cat.\n"


# --- 23. ruff's everyday options ----------------------------------------------------------


def test_output_file(ws):
    (ws / "a.txt").write_text("Headline\n\nteh dog.\n")
    proc = run_cli("check", "--output-format", "json", "--output-file", "out/report.json", "a.txt", cwd=ws)
    assert proc.returncode == 1 and proc.stdout.decode() == ""
    report = json.loads((ws / "out" / "report.json").read_text())
    assert [f["code"] for f in report["findings"]] == ["TT001"]


def test_exit_zero_but_errors_still_fail(ws):
    (ws / "a.txt").write_text("Headline\n\nteh dog.\n")
    assert run_cli("check", "--exit-zero", "a.txt", cwd=ws).returncode == 0
    assert run_cli("check", "--exit-zero", "a.txt", "missing.txt", cwd=ws).returncode == 2


def test_exclude_and_extend_exclude(ws):
    for name in ("a.txt", "old/b.txt", "tmp/c.txt"):
        (ws / name).parent.mkdir(exist_ok=True)
        (ws / name).write_text("Headline\n\nteh dog.\n")
    (ws / "newslint.yml").write_text("plugins: [rules.py]\nselect: [TT]\nexclude: ['old/']\n")

    def files(*args):
        proc, report = run_json(*args, ".", cwd=ws)
        return sorted({f["path"] for f in report["findings"]})

    assert files() == ["a.txt", "tmp/c.txt"]
    assert files("--extend-exclude", "tmp/") == ["a.txt"]
    assert files("--exclude", "tmp/,a.txt") == ["old/b.txt"]


# --- 25. verbose crashes, check's usage, missing paths ------------------------------------


def test_verbose_prints_a_crashing_plugins_traceback(ws):
    (ws / "a.txt").write_text("Headline\n\nboom.\n")
    quiet = run_cli("check", "a.txt", cwd=ws)
    assert quiet.returncode == 2 and "ValueError: oops" in quiet.stdout.decode()
    assert "Traceback" not in quiet.stdout.decode() + quiet.stderr.decode()
    loud = run_cli("check", "--verbose", "a.txt", cwd=ws)
    err = loud.stderr.decode()
    assert "Traceback (most recent call last)" in err and "explode_here" in err and "ValueError: oops" in err


def test_unknown_option_prints_checks_usage():
    proc = run_cli("check", "--nope", EXAMPLE)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert err.startswith("usage: newslint check") and "unrecognized arguments: --nope" in err


def test_missing_path_is_named_plainly(ws):
    (ws / "a.txt").write_text("Headline\n\nThe dog.\n")
    proc = run_cli("check", "a.txt", "drafts/nope.txt", cwd=ws)
    out = proc.stdout.decode() + proc.stderr.decode()
    assert proc.returncode == 2
    assert "no such file or folder: drafts/nope.txt" in out
    assert "could not be linted" not in out


# --- 26. .docx positions are paragraphs --------------------------------------------------------


def test_docx_findings_say_paragraph(ws):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for text in ("Headline", "A calm paragraph.", "teh dog barked."):
        d.add_paragraph(text)
    d.save(ws / "a.docx")
    out = run_cli("check", "a.docx", cwd=ws).stdout.decode()
    head = next(x for x in out.splitlines() if "TT001" in x)
    assert head.startswith("a.docx: paragraph 3, column 1: TT001"), out
    assert "line" not in out.replace("(typo)", "")
