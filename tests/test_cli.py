"""The `newslint` command as a user runs it: exit codes, formats, stdin, bad input."""
from __future__ import annotations

import json
import os

import pytest

from conftest import EXAMPLE, ROOT, run_cli, run_json


def test_version():
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == "newslint 0.1.0"


def test_json_report_follows_the_contract(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("Headline\n\nA complete paragraph.\n", encoding="utf-8")
    proc, report = run_json(f)
    assert proc.returncode == 0, proc.stderr
    assert report["version"] == 1
    assert report["tool"] == {"name": "newslint", "version": "0.1.0"}
    assert report["errors"] == []
    assert report["summary"] == {"files": 1, "findings": len(report["findings"]), "errors": 0}


def test_clean_file_exits_zero_and_says_so(tmp_path):
    f = tmp_path / "ok.txt"
    f.write_text("Headline\n\nA complete paragraph.\n", encoding="utf-8")
    proc = run_cli("check", f)
    assert proc.returncode == 0
    assert "No findings in 1 file." in proc.stdout.decode()


def test_stdin_with_stdin_filename():
    proc, report = run_json("--stdin-filename", "drafts/x.txt", "-", input="标题\n\n正文。\n".encode())
    assert proc.returncode == 0
    assert report["summary"]["files"] == 1
    for f in report["findings"]:
        assert f["path"] == "drafts/x.txt"


def test_folder_walk_honours_include_and_exclude(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nText.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# Title\n\nText.\n")
    (tmp_path / "notes.csv").write_text("a,b\n")
    (tmp_path / "skip").mkdir()
    (tmp_path / "skip" / "c.txt").write_text("Headline\n\nText.\n")
    (tmp_path / "newslint.yml").write_text("exclude: ['skip/']\n")
    proc, report = run_json(".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert report["summary"]["files"] == 2


@pytest.mark.parametrize(
    "name,data,needle",
    [
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Caf\u00e9 society\n".encode("latin-1"), "cannot decode as utf-8"),
    ],
)
def test_bad_input_is_reported_and_other_files_still_linted(tmp_path, name, data, needle):
    (tmp_path / name).write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("Headline\n\nA paragraph.\n")
    proc, report = run_json(tmp_path / name, good)
    assert proc.returncode == 2
    assert len(report["errors"]) == 1
    err = report["errors"][0]
    assert err["path"].endswith(name) and needle in err["message"]
    assert report["summary"]["files"] == 2
    # also one clear line on stderr naming the file
    assert name in proc.stderr.decode() and needle in proc.stderr.decode()


def test_text_output_names_the_bad_file(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    proc = run_cli("check", tmp_path / "bin.txt")
    assert proc.returncode == 2
    out = proc.stdout.decode()
    assert "bin.txt: error: not text: binary data (a NUL byte) at byte 0" in out


def test_empty_file_is_clean(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc, report = run_json(tmp_path / "empty.txt")
    assert proc.returncode == 0
    assert report["errors"] == [] and report["findings"] == []


def test_missing_file_and_broken_symlink(tmp_path):
    link = tmp_path / "dangling.txt"
    os.symlink(tmp_path / "nowhere.txt", link)
    proc, report = run_json(tmp_path / "missing.txt", link)
    assert proc.returncode == 2
    msgs = {os.path.basename(e["path"]): e["message"] for e in report["errors"]}
    assert msgs == {"missing.txt": "no such file or directory", "dangling.txt": "broken symlink"}


def test_broken_symlink_found_while_walking(tmp_path):
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    (tmp_path / "ok.txt").write_text("Headline\n\nText.\n")
    proc, report = run_json(tmp_path)
    assert proc.returncode == 2
    assert [e["message"] for e in report["errors"]] == ["broken symlink"]
    assert report["summary"]["files"] == 1


def test_directory_loop_is_an_error_not_a_hang(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "ok.txt").write_text("Headline\n\nText.\n")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    proc, report = run_json(tmp_path / "d")
    assert proc.returncode == 2
    assert any("symlink loop" in e["message"] for e in report["errors"])
    assert report["summary"]["files"] == 1


def test_unreadable_file(tmp_path, monkeypatch, capsys):
    """Root can read anything, so simulate EACCES at open()."""
    import builtins

    from lint import cli

    bad = tmp_path / "locked.txt"
    bad.write_text("x")
    good = tmp_path / "good.txt"
    good.write_text("Headline\n\nText.\n")
    real_open = builtins.open

    def fake_open(path, *a, **kw):
        if str(path) == str(bad):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **kw)

    monkeypatch.setattr(builtins, "open", fake_open)
    code = cli.main(["check", "--no-config", "--format", "json", str(bad), str(good)])
    report = json.loads(capsys.readouterr().out)
    assert code == 2
    assert report["errors"] == [{"path": str(bad), "message": "cannot read: Permission denied"}]
    assert report["summary"]["files"] == 2


def test_utf16_and_bom_inputs_are_read(tmp_path):
    text = "标题\r\n\r\n正文。\r\n"
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    proc, report = run_json(tmp_path / "u16.txt", tmp_path / "bom.txt")
    assert proc.returncode == 0, report
    assert report["errors"] == []
    proc = run_cli("inspect", tmp_path / "u16.txt")
    out = proc.stdout.decode()
    assert "utf-16-le with BOM" in out and "CRLF" in out


def test_encoding_option(tmp_path):
    (tmp_path / "gb.txt").write_bytes("标题\n\n正文。\n".encode("gb18030"))
    proc, report = run_json("--encoding", "gb18030", tmp_path / "gb.txt")
    assert proc.returncode == 0 and report["errors"] == []


def test_never_writes_to_input(tmp_path):
    f = tmp_path / "page.txt"
    data = EXAMPLE.read_bytes()
    f.write_bytes(data)
    before = os.stat(f).st_mtime_ns
    run_cli("check", f)
    run_cli("check", "--format", "json", f)
    assert f.read_bytes() == data and os.stat(f).st_mtime_ns == before


def test_rules_and_rule_docs():
    proc = run_cli("rules")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert out.splitlines()[0].split()[:4] == ["CODE", "NAME", "SEVERITY", "PLUGIN"]
    for code, name in [("NL101", "duplicate-paragraph"), ("NL102", "broken-line-wrap"), ("NL103", "truncated-ending"), ("NL104", "mixed-articles")]:
        assert code in out and name in out
        by_code = run_cli("rule", code).stdout.decode()
        by_name = run_cli("rule", name).stdout.decode()
        assert by_code == by_name
        for section in ("## What it does", "## Why is this bad?", "## Example"):
            assert section in by_code, (name, section)
    bad = run_cli("rule", "NL999")
    assert bad.returncode == 2 and "NL999" in bad.stderr.decode()


def test_inspect_shows_blocks():
    proc = run_cli("inspect", EXAMPLE)
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "paragraphs: blank-line" in out and "language:   zh" in out
    assert "byline" in out and "dateline" in out and "credit" in out
    assert any(line.split()[:2] == ["3", "headline"] for line in out.splitlines())


def test_text_output_has_source_line_and_caret_by_display_width(tmp_path):
    from lint.model import Finding, Report, Severity
    from plugins.formats.text import TextFormat

    f = Finding("demo", "NL999", Severity.ERROR, "msg", 0, 0, path="a.txt", line=3, column=3, end_line=3, end_column=5)
    f.source_line = "中文重复段落"
    out = TextFormat().render(Report(findings=[f], files=1), {"color": False})
    lines = out.splitlines()
    assert lines[0] == "a.txt:3:3: NL999 [error] msg (demo)"
    assert lines[1] == "    3 | 中文重复段落"
    # two wide characters before the span: 4 columns; two in it: 4 carets
    assert lines[2] == " " * 8 + " " * 4 + "^^^^"
    assert lines[-1] == "Found 1 finding (1 error) in 1 file."


def test_color_only_when_asked_or_tty_and_never_with_no_color(tmp_path):
    f = tmp_path / "p.txt"
    f.write_bytes(EXAMPLE.read_bytes())
    plain = run_cli("check", f).stdout.decode()
    assert "\033[" not in plain  # not a TTY
    forced = run_cli("check", "--color", "always", f).stdout.decode()
    if "Found" in forced and "finding" in forced:
        assert "\033[" in forced
    no_color = run_cli("check", "--color", "auto", f, env={"NO_COLOR": "1"}).stdout.decode()
    assert "\033[" not in no_color


def test_example_page_is_flagged_with_exit_1():
    proc, report = run_json(EXAMPLE)
    assert proc.returncode == 1
    rules = {f["rule"] for f in report["findings"]}
    assert {"duplicate-paragraph", "broken-line-wrap", "truncated-ending", "mixed-articles"} <= rules


def test_fail_on_and_statistics(tmp_path):
    f = tmp_path / "p.txt"
    f.write_bytes(EXAMPLE.read_bytes())
    proc = run_cli("check", "--statistics", "--quiet", f)
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert any(line.split()[1:] == ["NL101", "duplicate-paragraph"] for line in out.splitlines() if line.strip())
    # nothing is at or above error once every rule is ignored
    proc = run_cli("check", "--ignore", "NL1", f)
    assert proc.returncode == 0


def test_select_limits_rules():
    proc, report = run_json("--select", "NL101", EXAMPLE)
    assert {f["code"] for f in report["findings"]} == {"NL101"}


def test_unknown_format_is_a_usage_error():
    proc = run_cli("check", "--format", "nope", EXAMPLE)
    assert proc.returncode == 2 and "unknown format 'nope'" in proc.stderr.decode()


def test_python_api_uses_the_same_engine(tmp_path):
    import lint

    text = EXAMPLE.read_text(encoding="utf-8")
    findings = lint.check_text(text, path="page.txt")
    proc, report = run_json("--no-config", EXAMPLE)
    assert [(f.code, f.line, f.end_line) for f in findings] == [(f["code"], f["line"], f["end_line"]) for f in report["findings"]]
    rep = lint.check_paths([EXAMPLE])
    assert rep.files == 1 and len(rep.findings) == len(findings)


def test_rule_doc_explains_options_from_config_yml():
    out = run_cli("rule", "broken-line-wrap").stdout.decode()
    assert "## Options" in out
    line = next(l for l in out.splitlines() if l.startswith("- `column-tolerance`"))
    assert "(default: 2): " in line and "column width" in line


def test_english_example_draft():
    proc, report = run_json("--select", "NL1", ROOT / "examples" / "en-draft.txt")
    assert proc.returncode == 1
    got = {(f["rule"], f["line"]) for f in report["findings"]}
    assert ("duplicate-paragraph", 15) in got and ("truncated-ending", 18) in got
    assert ("broken-line-wrap", 8) in got
