"""--fix, --unsafe-fixes, --diff, suppressions and baselines, through the real command."""
from __future__ import annotations

import json
import os
import stat

import pytest

from conftest import rules_plugin, run_cli, run_json

RULES = rules_plugin("Typo", "Shout", "Clash", "Joiner")


@pytest.fixture
def ws(tmp_path):
    (tmp_path / "rules.py").write_text(RULES)
    (tmp_path / "newslint.yml").write_text("plugins: [rules.py]\nselect: [TT]\n")
    return tmp_path


def test_fix_applies_safe_fixes_only_and_reports(ws):
    f = ws / "a.txt"
    f.write_text("Headline\n\nteh LOUD cat saw teh dog.\n")
    proc = run_cli("check", "--fix", "a.txt", cwd=ws)
    assert f.read_text() == "Headline\n\nthe LOUD cat saw the dog.\n"
    assert "fixed 2 findings in 1 file; 1 remaining" in proc.stderr.decode()
    assert proc.returncode == 0  # the remaining finding is a warning


def test_unsafe_fixes(ws):
    f = ws / "a.txt"
    f.write_text("Headline\n\nteh LOUD dog.\n")
    run_cli("check", "--fix", "--unsafe-fixes", "a.txt", cwd=ws)
    assert f.read_text() == "Headline\n\nthe loud dog.\n"


def test_overlapping_fixes_do_not_corrupt_and_relint_until_stable(ws):
    f = ws / "a.txt"
    original = "Headline\n\nteh cat and teh cat.\n"
    f.write_text(original)
    proc = run_cli("check", "--fix", "a.txt", cwd=ws)
    out = f.read_text()
    # each span is fixed by exactly one rule; which one wins is deterministic (the first by position, then code)
    assert out in ("Headline\n\nthe cat and the cat.\n",)
    assert "XXX" not in out


def test_fixed_text_plus_removed_spans_equals_original(ws):
    """Replaying the edits backwards must give back the input exactly."""
    from lint.config import load_config
    from lint.run.engine import Linter
    from lint.run.fixes import select_fixes

    linter = Linter(load_config(cwd=ws))
    raw = "Headline\r\n\r\nteh LOUD split\r\nline, teh end. NOISE teh\r\n"
    doc = linter.read_text(raw, "a.txt")
    findings, _ = linter.lint_document(doc, "a.txt")
    chosen = select_fixes(findings, unsafe=True)
    edits = sorted((e for f in chosen for e in f.fix_edits), key=lambda e: e["offset"])
    from lint.run.fixes import apply_edits

    fixed, removed = apply_edits(raw, chosen, "\r\n")
    # rebuild the original from the fixed text and the removed spans
    rebuilt, pos_fixed, pos_orig = [], 0, 0
    for e, gone in zip(edits, removed):
        keep = e["offset"] - pos_orig
        rebuilt.append(fixed[pos_fixed : pos_fixed + keep])
        rebuilt.append(gone)
        pos_fixed += keep + len(e["replacement"].replace("\n", "\r\n"))
        pos_orig = e["end_offset"]
    rebuilt.append(fixed[pos_fixed:])
    assert "".join(rebuilt) == raw
    # everything outside the edits is untouched
    assert fixed == "Headline\r\n\r\nthe loud split line, the end. noise the\r\n"


def test_fix_keeps_crlf_bom_utf16_and_mode(ws):
    f = ws / "a.txt"
    text = "Headline\r\n\r\nteh dog 中文.\r\n"
    f.write_bytes(text.encode("utf-16"))
    os.chmod(f, 0o640)
    run_cli("check", "--fix", "a.txt", cwd=ws)
    data = f.read_bytes()
    assert data.startswith(b"\xff\xfe")
    assert data.decode("utf-16") == "Headline\r\n\r\nthe dog 中文.\r\n"
    assert stat.S_IMODE(os.stat(f).st_mode) == 0o640
    g = ws / "b.txt"
    g.write_bytes(b"\xef\xbb\xbf" + "Headline\r\n\r\nteh dog.\r\n".encode())
    run_cli("check", "--fix", "b.txt", cwd=ws)
    assert g.read_bytes() == b"\xef\xbb\xbf" + "Headline\r\n\r\nthe dog.\r\n".encode()
    assert not [p for p in os.listdir(ws) if p.startswith(".newslint-")]


def test_diff_writes_nothing(ws):
    f = ws / "a.txt"
    f.write_text("Headline\n\nteh dog.\n")
    proc = run_cli("check", "--diff", "a.txt", cwd=ws)
    out = proc.stdout.decode()
    assert "-teh dog.\n+the dog.\n" in out and out.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert f.read_text() == "Headline\n\nteh dog.\n"
    assert "would fix 1 finding in 1 file" in proc.stderr.decode()


def test_stdin_fix_prints_fixed_text(ws):
    proc = run_cli("check", "--fix", "--stdin-filename", "a.txt", "-", cwd=ws, input=b"Headline\n\nteh dog.\n")
    assert proc.stdout.decode() == "Headline\n\nthe dog.\n"


def test_read_only_file_is_an_error_and_untouched(ws):
    f = ws / "a.txt"
    f.write_text("Headline\n\nteh dog.\n")
    os.chmod(f, 0o444)
    proc = run_cli("check", "--fix", "a.txt", cwd=ws)
    assert proc.returncode == 2
    assert "a.txt: error: cannot write fixes: file is read-only" in proc.stdout.decode()
    assert f.read_text() == "Headline\n\nteh dog.\n"


def test_markdown_suppressions(ws):
    md = ws / "a.md"
    md.write_text(
        "# Title\n\n<!-- newslint-disable-next-line typo -->\nteh one.\n\nteh two.\n\n"
        "<!-- newslint-disable TT001 -->\n\nteh three.\n\n<!-- newslint-enable TT001 -->\n\nteh four.\n\n"
        "<!-- newslint-disable-next-line shout -->\nquiet line.\n\n<!-- newslint-disable-next-line nosuchrule -->\nfine.\n"
    )
    (ws / "newslint.yml").write_text("plugins: [rules.py]\nselect: [TT001, NL001]\n")
    proc, report = run_json("a.md", cwd=ws)
    got = sorted((f["code"], f["line"]) for f in report["findings"])
    assert got == [("NL001", 16), ("NL001", 19), ("TT001", 6), ("TT001", 14)]
    msgs = {f["line"]: f["message"] for f in report["findings"] if f["code"] == "NL001"}
    assert "names no enabled rule: shout" in msgs[16]
    assert "names no enabled rule: nosuchrule" in msgs[19]


def test_file_level_suppression_and_plain_text_has_none(ws):
    (ws / "a.md").write_text("<!-- newslint-disable-file -->\n# T\n\nteh dog.\n")
    (ws / "a.txt").write_text("<!-- newslint-disable-file -->\nT\n\nteh dog.\n")
    proc, report = run_json("a.md", "a.txt", cwd=ws)
    assert [(f["path"], f["code"]) for f in report["findings"] if f["code"] == "TT001"] == [("a.txt", "TT001")]


def test_unused_suppression_fix_removes_the_comment_line(ws):
    md = ws / "a.md"
    md.write_text("# T\n\n<!-- newslint-disable-next-line typo -->\nclean line.\n")
    (ws / "newslint.yml").write_text("plugins: [rules.py]\nselect: [TT001, NL001]\n")
    run_cli("check", "--fix", "a.md", cwd=ws)
    assert md.read_text() == "# T\n\nclean line.\n"


def test_baseline_reports_only_new_findings_after_lines_move(ws):
    f = ws / "a.txt"
    f.write_text("Headline\n\nteh dog.\n")
    base = ws / "baseline.json"
    proc = run_cli("check", "--baseline", base, "--write-baseline", "a.txt", cwd=ws)
    assert proc.returncode == 0 and base.exists()
    assert "wrote 1 finding to baseline" in proc.stderr.decode()
    # an unrelated edit moves the old finding down two lines; a new one appears
    f.write_text("Headline\n\nA new first paragraph.\n\nteh dog.\n\nteh fox.\n")
    proc, report = run_json("--baseline", base, "a.txt", cwd=ws)
    assert [(x["line"], x["message"]) for x in report["findings"]] == [(7, "typo")]
    assert proc.returncode == 1
    # --write-baseline records the current state
    run_cli("check", "--baseline", base, "--write-baseline", "a.txt", cwd=ws)
    proc, report = run_json("--baseline", base, "a.txt", cwd=ws)
    assert report["findings"] == [] and proc.returncode == 0
    assert json.loads(base.read_text())["version"] == 1


def test_bad_baseline_file(ws):
    (ws / "a.txt").write_text("Headline\n\nteh dog.\n")
    (ws / "b.json").write_text("{not json")
    proc = run_cli("check", "--baseline", "b.json", "a.txt", cwd=ws)
    assert proc.returncode == 2 and "cannot read baseline" in proc.stderr.decode()


def test_a_chain_of_suppressions_each_used_only_inside_the_next_is_removed_in_one_pass():
    """Fixes converge: a suppression used only by a finding inside another unused
    suppression is unused too, so removing one never makes the next one unused
    on the following pass (the property test's 10-pass limit on repetitive copy)."""
    from lint.config import load_config
    from lint.run.engine import Linter
    from lint.run.fixes import MAX_PASSES, fix_text

    line = "市政府今天宣布了新的预算方案<!-- newslint-disable-next-line \n-->。\n"
    text = "标题\n\n" + line * 15
    linter = Linter(load_config(no_config=True))
    result = fix_text(linter, text, "draft.md")
    assert result.passes <= 2, [f"{f.rule}: {f.message}" for f in result.applied]
    assert result.passes < MAX_PASSES
    assert fix_text(linter, result.text, "draft.md").text == result.text


def test_a_comment_ends_no_sentence():
    """The "!" of "<!--" is not a sentence end (it made NL207's sentences depend on
    suppression comments, so removing one created a new repeat)."""
    from lint.doc.sentences import split_sentences

    text = "市政府今天宣布了新的预算方案<!-- newslint-disable-next-line \n-->。市场反应平稳。"
    assert [text[a:b] for a, b in split_sentences(text, "zh")] == [text[: text.index("。") + 1], "市场反应平稳。"]


def test_fix_edit_and_related_are_slotted_values():
    # a long document's findings hold tens of thousands of them
    import pickle

    from lint.model import Edit, Fix, Related

    fix = Fix.replace(3, 5, "x", "Replace")
    for obj in (fix, fix.edits[0], Related(1, 2, "first copy")):
        assert not hasattr(obj, "__dict__")
        assert pickle.loads(pickle.dumps(obj)) == obj and hash(pickle.loads(pickle.dumps(obj))) == hash(obj)
    assert fix.edits == (Edit(3, 5, "x"),)


def test_finding_is_slotted_and_keeps_its_fields():
    # one per finding of a long document: no instance dictionary, and the
    # same fields, equality (english aside), copies and pickles as before
    import copy
    import dataclasses
    import pickle

    from lint.model import Finding, Fix, Related, Severity

    f = Finding("rule", "NL999", Severity.ERROR, "msg", 1, 4, [Related(0, 1, "x")], Fix.delete(1, 4, "Delete"))
    f.line, f.fix_edits, f.english = 3, [{"offset": 1, "end_offset": 4, "replacement": ""}], "english"
    assert not hasattr(f, "__dict__")
    assert [x.name for x in dataclasses.fields(Finding)][:8] == [
        "rule", "code", "severity", "message", "start", "end", "related", "fix"
    ]
    for g in (pickle.loads(pickle.dumps(f)), copy.deepcopy(f), dataclasses.replace(f)):
        assert g == f and g.to_dict() == f.to_dict() and g.english == "english"
    assert dataclasses.replace(f, english="") == f  # not compared
    assert dataclasses.replace(f, line=4) != f
    assert Finding("r", "c", Severity.INFO, "m", 0, 0).related == []
