"""Output formats: json-lines, sarif, github, junit and concise.

The findings come from house rules defined here (loaded through ``plugins:``
in a config, as a newsroom would), so these tests do not depend on what the
core rules find.
"""
from __future__ import annotations

import json
import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, run_cli
from lint.config import load_config
from lint.run.engine import Linter
from lint.run.runner import lint_paths
from lint.model import FileError, Finding, Report, Severity

SCHEMA_PATH = ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json"
FORMATS = ("json-lines", "sarif", "github", "junit", "concise")

HOUSE = textwrap.dedent(
    '''
    import re
    from lint import Check, Fix, hookimpl


    class PlaceholderTK(Check):
        """## What it does
        Flags the placeholder "TK" left in copy.

        ## Why is this bad?
        It means a fact was never filled in.

        ## Example
        The mayor, TK, said the budget was fine.
        """
        name = "placeholder-tk"
        code = "HS001"
        severity = "error"

        def check(self, doc, ctx):
            first = None
            for m in re.finditer("TK", doc.text):
                related = [(first.start(), first.end(), "first placeholder")] if first else []
                ctx.report(m.start(), m.end(), "Placeholder TK left in copy", related=related,
                           fix=Fix.delete(m.start(), m.end(), "Remove the placeholder"))
                first = first or m


    class OddMessage(Check):
        """## What it does
        Flags "Smith" with a message full of characters formats must escape.

        ## Why is this bad?
        Names need checking.

        ## Example
        Smith said so.
        """
        name = "odd-message"
        code = "HS002"
        severity = "warning"

        def check(self, doc, ctx):
            for m in re.finditer("Smith", doc.text):
                ctx.report(m.start(), m.end(), "Name 100% unverified,\\nsee: desk",
                           fix=Fix.replace(m.start(), m.end(), "Smyth", "Spell it Smyth", "unsafe"))


    class LongSpan(Check):
        """## What it does
        Flags "ACROSS" and "LINES" split over two lines.

        ## Why is this bad?
        Test rule.

        ## Example
        ACROSS
        LINES
        """
        name = "long-span"
        code = "HS003"
        severity = "info"

        def check(self, doc, ctx):
            for m in re.finditer("ACROSS\\nLINES", doc.text):
                ctx.report(m.start(), m.end(), "Span across lines")


    @hookimpl
    def newslint_register_checks():
        return [PlaceholderTK, OddMessage, LongSpan]
    '''
)

# "𠮷" is outside the BMP: one code point, two UTF-16 code units.
DRAFT = "Council budget\n\nThe mayor, TK, said the budget was fine.\nSmith agreed. ACROSS\nLINES here. 𠮷TK again.\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "house.py").write_text(HOUSE, encoding="utf-8")
    (tmp_path / "newslint.yml").write_text("plugins: [house.py]\nselect: [HS]\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def lint_project(project, *names, text=None):
    if text is not None:
        (project / "draft.txt").write_text(text, encoding="utf-8")
    linter = Linter(load_config(project / "newslint.yml"))
    report = lint_paths(linter, [str(project / n) for n in (names or ("draft.txt",))])
    report.tool_version = "0.1.0"
    return linter, report


def render(linter, name, report, **options):
    return linter.registry.formats[name]().render(report, {"color": False, "quiet": False, "statistics": False, **options})


@pytest.fixture
def linted(project):
    linter, report = lint_project(project, "draft.txt", "missing.txt")
    # sanity: the house rules found what the tests below rely on
    assert [(f.code, f.line, f.column) for f in report.findings] == [
        ("HS001", 3, 12),
        ("HS002", 4, 1),
        ("HS003", 4, 15),
        ("HS001", 5, 14),
    ]
    assert [e.path for e in report.errors] == [str(project / "missing.txt")]
    return linter, report


def empty_report():
    return Report(files=1, tool_version="0.1.0")


# --- registration ----------------------------------------------------------------------


def test_every_format_is_registered_and_listed():
    proc = run_cli("formats")
    assert proc.returncode == 0
    listed = {line.split()[0]: line for line in proc.stdout.decode().splitlines() if line.strip()}
    for name in FORMATS:
        assert name in listed, name
        assert len(listed[name].split(None, 1)) == 2  # has a description


# --- json-lines -----------------------------------------------------------------------


def test_json_lines_one_object_per_finding_then_errors(linted):
    linter, report = linted
    out = render(linter, "json-lines", report)
    lines = out.split("\n")
    assert lines[-1] == ""  # ends with a newline
    lines = lines[:-1]
    assert len(lines) == len(report.findings) + len(report.errors) == 5
    objs = [json.loads(line) for line in lines]
    assert objs[:4] == [f.to_dict() for f in report.findings]
    assert objs[4] == {"path": report.errors[0].path, "error": "no such file or directory"}
    assert all("rule" in o for o in objs[:4]) and "rule" not in objs[4]
    # same objects as the JSON report
    json_report = json.loads(render(linter, "json", report))
    assert objs[:4] == json_report["findings"]


def test_json_lines_empty_and_line_separators():
    fmt_out = Linter().registry.formats["json-lines"]().render(empty_report(), {})
    assert fmt_out == ""
    f = Finding("r", "HS001", Severity.ERROR, "a\u2028b\u2029c\x85d\ne", 0, 1, path="p.txt", line=1, column=1, end_line=1, end_column=2)
    out = Linter().registry.formats["json-lines"]().render(Report(findings=[f]), {})
    assert len(out.splitlines()) == 1
    assert json.loads(out)["message"] == "a\u2028b\u2029c\x85d\ne"


# --- concise ------------------------------------------------------------------------------


def test_concise_lines(linted, project):
    linter, report = linted
    out = render(linter, "concise", report)
    p = str(project / "draft.txt")
    assert out.splitlines() == [
        f"{p}:3:12: HS001 Placeholder TK left in copy",
        f"{p}:4:1: HS002 Name 100% unverified, see: desk",
        f"{p}:4:15: HS003 Span across lines",
        f"{p}:5:14: HS001 Placeholder TK left in copy",
        f"{project / 'missing.txt'}: error: no such file or directory",
    ]
    # vim's %f:%l:%c: %m parses every finding line
    efm = re.compile(r"^(?P<f>.+?):(?P<l>\d+):(?P<c>\d+): (?P<m>.*)$")
    for line, f in zip(out.splitlines(), report.findings):
        m = efm.match(line)
        assert (m["f"], int(m["l"]), int(m["c"])) == (f.path, f.line, f.column)
    assert "\x1b" not in out
    assert render(linter, "concise", empty_report()) == ""


# --- github -------------------------------------------------------------------------------


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_commands_and_escaping(linted, project):
    linter, report = linted
    out = render(linter, "github", report)
    lines = out.splitlines()
    assert len(lines) == 5
    p = str(project / "draft.txt")
    assert lines[0] == f"::error file={p},line=3,col=12,endLine=3,endColumn=14,title=HS001 placeholder-tk::Placeholder TK left in copy"
    # warning; the message keeps ',' and ':' but escapes '%' and the newline
    assert lines[1] == f"::warning file={p},line=4,col=1,endLine=4,endColumn=6,title=HS002 odd-message::Name 100%25 unverified,%0Asee: desk"
    assert _unescape(lines[1].split("::", 2)[2]) == "Name 100% unverified,\nsee: desk"
    # info -> notice; a multi-line span gives no columns
    assert lines[2] == f"::notice file={p},line=4,endLine=5,title=HS003 long-span::Span across lines"
    assert lines[4] == f"::error file={project / 'missing.txt'}::no such file or directory"
    assert render(linter, "github", empty_report()) == ""


def test_github_escapes_properties():
    f = Finding("odd-rule", "HS009", Severity.ERROR, "50%\r\ndone", 0, 1, path="a,b:c%d.txt", line=2, column=3, end_line=2, end_column=4)
    out = Linter().registry.formats["github"]().render(Report(findings=[f], errors=[FileError("x:y,z.txt", "bad\nthing")]), {})
    assert out.splitlines() == [
        "::error file=a%2Cb%3Ac%25d.txt,line=2,col=3,endLine=2,endColumn=4,title=HS009 odd-rule::50%25%0D%0Adone",
        "::error file=x%3Ay%2Cz.txt::bad%0Athing",
    ]


# --- junit --------------------------------------------------------------------------------


def test_junit_counts_and_failures(linted, project):
    linter, report = linted
    root = ET.fromstring(render(linter, "junit", report))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1 and suites[0].get("name") == "newslint"
    suite = suites[0]
    cases = suite.findall("testcase")
    draft, missing = str(project / "draft.txt"), str(project / "missing.txt")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [(draft, draft), (missing, missing)]
    for el in (root, suite):
        assert (el.get("tests"), el.get("failures"), el.get("errors")) == ("2", "4", "1")
    failures = cases[0].findall("failure")
    assert len(failures) == 4 and not cases[0].findall("error")
    assert [(x.get("message"), x.get("type")) for x in failures] == [
        ("HS001 Placeholder TK left in copy", "placeholder-tk"),
        ("HS002 Name 100% unverified,\nsee: desk", "odd-message"),
        ("HS003 Span across lines", "long-span"),
        ("HS001 Placeholder TK left in copy", "placeholder-tk"),
    ]
    assert failures[0].text.startswith(f"{draft}:3:12: HS001 [error] Placeholder TK left in copy")
    assert failures[3].text.startswith(f"{draft}:5:14: ")
    errors = cases[1].findall("error")
    assert len(errors) == 1 and errors[0].get("message") == "no such file or directory"
    assert sum(len(c.findall("failure")) for c in cases) == int(suite.get("failures"))


def test_junit_clean_run_is_one_passing_testcase():
    out = Linter().registry.formats["junit"]().render(empty_report(), {})
    root = ET.fromstring(out)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["newslint"]
    assert list(cases[0]) == []  # no failure, no error
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "0")


def test_junit_survives_characters_xml_cannot_hold():
    f = Finding("r", "HS001", Severity.ERROR, "form\x0cfeed <&> \"q\"", 0, 1, path="a\x01.txt", line=1, column=1, end_line=1, end_column=2,
                source_line="x\x0by")
    out = Linter().registry.formats["junit"]().render(Report(findings=[f]), {})
    failure = ET.fromstring(out).find("testsuite/testcase/failure")
    assert failure.get("message") == "HS001 form\ufffdfeed <&> \"q\""
    assert ET.fromstring(out).find("testsuite/testcase").get("name") == "a\ufffd.txt"


# --- sarif --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def assert_valid_sarif(doc, schema):
    # the schema declares draft-04; validate with that and with Draft-07 too
    declared = jsonschema.validators.validator_for(schema)
    assert declared is jsonschema.Draft4Validator
    for cls in (declared, jsonschema.Draft7Validator):
        cls.check_schema(schema)
        errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_schema_rejects_broken_sarif(sarif_schema):
    # the validation below is not vacuous
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}
    assert list(jsonschema.Draft4Validator(sarif_schema).iter_errors(bad))
    assert list(jsonschema.Draft4Validator(sarif_schema).iter_errors({"version": "2.1.0"}))


def apply_replacements(text: str, replacements: list[dict]) -> str:
    for r in sorted(replacements, key=lambda r: r["deletedRegion"]["charOffset"], reverse=True):
        start = r["deletedRegion"]["charOffset"]
        end = start + r["deletedRegion"]["charLength"]
        text = text[:start] + r.get("insertedContent", {}).get("text", "") + text[end:]
    return text


def test_sarif_valid_with_rules_results_fixes_and_errors(linted, project, sarif_schema):
    linter, report = linted
    doc = json.loads(render(linter, "sarif", report))
    assert_valid_sarif(doc, sarif_schema)
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("newslint", "0.1.0")
    assert driver["informationUri"].startswith("https://")

    # every installed rule has metadata, core rules included
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [cls.code for cls in report.rules.values()]
    assert {"NL101", "NL102", "NL103", "NL104", "HS001", "HS002", "HS003"} <= {r["id"] for r in rules}
    hs1 = next(r for r in rules if r["id"] == "HS001")
    assert hs1["name"] == "placeholder-tk"
    assert hs1["shortDescription"]["text"] == 'Flags the placeholder "TK" left in copy.'
    assert hs1["fullDescription"]["text"] == 'Flags the placeholder "TK" left in copy.'
    assert "## Why is this bad?" in hs1["help"]["markdown"] and "## Example" in hs1["help"]["markdown"]
    assert "It means a fact was never filled in." in hs1["help"]["text"] and "##" not in hs1["help"]["text"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules}
    assert (levels["HS001"], levels["HS002"], levels["HS003"]) == ("error", "warning", "note")

    results = run["results"]
    assert len(results) == 4
    for res, f in zip(results, report.findings):
        assert res["ruleId"] == f.code
        assert rules[res["ruleIndex"]]["id"] == f.code
        assert res["message"]["text"] == f.message
        loc = res["locations"][0]["physicalLocation"]
        try:  # an absolute path: relative to the current folder if under it, else a file URI
            expected = Path(f.path).resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            expected = Path(f.path).resolve().as_uri()
        assert loc["artifactLocation"]["uri"] == expected
        assert loc["region"] == {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    assert [r["level"] for r in results] == ["error", "warning", "note", "error"]
    # columns are code points: "𠮷TK" puts TK at column 2 (UTF-16 would say 3)
    assert results[3]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 14
    assert DRAFT.splitlines()[4][13 - 1] == "𠮷"

    # related locations
    assert "relatedLocations" not in results[0]
    rel = results[3]["relatedLocations"]
    assert rel == [{"id": 1, "physicalLocation": {"artifactLocation": results[3]["locations"][0]["physicalLocation"]["artifactLocation"],
                                                 "region": {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 14}},
                    "message": {"text": "first placeholder"}}]

    # fixes: applying the SARIF replacements (code-point offsets) repairs exactly the span
    assert "fixes" not in results[2]
    fixed = apply_replacements(DRAFT, results[0]["fixes"][0]["artifactChanges"][0]["replacements"])
    assert fixed == DRAFT.replace("The mayor, TK,", "The mayor, ,")
    fixed = apply_replacements(DRAFT, results[3]["fixes"][0]["artifactChanges"][0]["replacements"])
    assert fixed == DRAFT.replace("𠮷TK", "𠮷")
    fix = results[1]["fixes"][0]
    assert fix["description"]["text"] == "Spell it Smyth" and fix["properties"]["applicability"] == "unsafe"
    assert apply_replacements(DRAFT, fix["artifactChanges"][0]["replacements"]) == DRAFT.replace("Smith", "Smyth")

    # fingerprints: present and distinct even for the two identical TK findings
    prints = [r["partialFingerprints"]["newslint/v1"] for r in results]
    assert len(set(prints)) == 4

    # the missing file is a failed-execution notification
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    notes = inv["toolExecutionNotifications"]
    assert [(n["level"], n["message"]["text"]) for n in notes] == [("error", "no such file or directory")]


def test_sarif_fingerprints_survive_moved_lines(project):
    linter, before = lint_project(project)
    _, after = lint_project(project, text="Breaking\n\nA new first paragraph.\n\n" + DRAFT)
    assert [f.line + 4 for f in before.findings] == [f.line for f in after.findings]

    def prints(report):
        doc = json.loads(render(linter, "sarif", report))
        return [r["partialFingerprints"]["newslint/v1"] for r in doc["runs"][0]["results"]]

    assert prints(before) == prints(after)
    # but a different flagged text is a different fingerprint
    _, changed = lint_project(project, text=DRAFT.replace("Smith", "Smith Smith"))
    assert set(prints(changed)) - set(prints(before))


def test_sarif_clean_run_and_uris(sarif_schema):
    fmt = Linter().registry.formats["sarif"]()
    doc = json.loads(fmt.render(Report(files=1, tool_version="0.1.0", rules=Linter().registry.checks), {}))
    assert_valid_sarif(doc, sarif_schema)
    run = doc["runs"][0]
    assert run["results"] == []
    assert run["invocations"][0]["executionSuccessful"] is True
    assert "toolExecutionNotifications" not in run["invocations"][0]

    def uri(path):
        f = Finding("x-rule", "XX001", Severity.INFO, "m", 0, 1, path=path, line=1, column=1, end_line=1, end_column=2)
        d = json.loads(fmt.render(Report(findings=[f]), {}))
        assert_valid_sarif(d, sarif_schema)
        # a rule unknown to report.rules still gets a descriptor
        assert d["runs"][0]["tool"]["driver"]["rules"][d["runs"][0]["results"][0]["ruleIndex"]]["id"] == "XX001"
        return d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]

    assert uri("drafts/page.txt") == "drafts/page.txt"
    assert uri("./drafts/page.txt") == "drafts/page.txt"
    assert uri("drafts\\page.txt") == "drafts/page.txt"
    assert uri("稿件/第一 版.txt") == "%E7%A8%BF%E4%BB%B6/%E7%AC%AC%E4%B8%80%20%E7%89%88.txt"
    assert uri(str(Path.cwd() / "a" / "b.txt")) == "a/b.txt"
    assert uri("/definitely/elsewhere/b.txt").startswith("file:///")


# --- end to end, through the real command -----------------------------------------------------


def test_cli_every_format(project, sarif_schema):
    outs = {}
    for name in FORMATS:
        proc = run_cli("check", "--format", name, "draft.txt", cwd=project)
        assert proc.returncode == 1, (name, proc.stderr.decode())  # an error-severity finding
        assert proc.stderr == b"", (name, proc.stderr.decode())
        outs[name] = proc.stdout.decode("utf-8")

    assert len(outs["json-lines"].splitlines()) == 4
    assert [json.loads(line)["code"] for line in outs["json-lines"].splitlines()] == ["HS001", "HS002", "HS003", "HS001"]

    doc = json.loads(outs["sarif"])
    assert_valid_sarif(doc, sarif_schema)
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]] == ["draft.txt"] * 4
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is True

    gh = outs["github"].splitlines()
    assert [line.split(" ", 1)[0] for line in gh] == ["::error", "::warning", "::notice", "::error"]
    assert gh[1] == "::warning file=draft.txt,line=4,col=1,endLine=4,endColumn=6,title=HS002 odd-message::Name 100%25 unverified,%0Asee: desk"

    root = ET.fromstring(outs["junit"])
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "4", "0")

    assert outs["concise"].splitlines()[0] == "draft.txt:3:12: HS001 Placeholder TK left in copy"
    assert len(outs["concise"].splitlines()) == 4


def test_cli_errors_in_every_format(project, sarif_schema):
    (project / "bad.bin").write_bytes(b"abc\x00def")
    for name in FORMATS:
        proc = run_cli("check", "--format", name, "draft.txt", "bad.bin", cwd=project)
        assert proc.returncode == 2, name
        out = proc.stdout.decode("utf-8")
        if name == "json-lines":
            last = json.loads(out.splitlines()[-1])
            assert last["path"] == "bad.bin" and "error" in last and "rule" not in last
            assert len(out.splitlines()) == 5
        elif name == "sarif":
            doc = json.loads(out)
            assert_valid_sarif(doc, sarif_schema)
            inv = doc["runs"][0]["invocations"][0]
            assert inv["executionSuccessful"] is False
            assert inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.bin"
        elif name == "github":
            assert out.splitlines()[-1].startswith("::error file=bad.bin::")
        elif name == "junit":
            root = ET.fromstring(out)
            assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "4", "1")
            assert root.find("testsuite/testcase[@name='bad.bin']/error") is not None
        elif name == "concise":
            assert out.splitlines()[-1].startswith("bad.bin: error: ")


def test_cli_clean_file(project):
    (project / "clean.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    for name in FORMATS:
        proc = run_cli("check", "--format", name, "clean.txt", cwd=project)
        assert proc.returncode == 0, name
        out = proc.stdout.decode("utf-8")
        if name in ("json-lines", "github", "concise"):
            assert out == "", name
        elif name == "junit":
            assert [c.get("name") for c in ET.fromstring(out).iter("testcase")] == ["newslint"]
        else:
            assert json.loads(out)["runs"][0]["results"] == []


def test_cli_stdin_filename(project):
    proc = run_cli("check", "--format", "concise", "--stdin-filename", "wire/story.txt", "-", cwd=project, input=DRAFT.encode())
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines()[0] == "wire/story.txt:3:12: HS001 Placeholder TK left in copy"
