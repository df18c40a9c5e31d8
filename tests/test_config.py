"""Config: defaults, the user's file, validation with file and line, select/ignore, overrides."""
from __future__ import annotations

import pytest
import yaml

from conftest import ROOT, run_cli
from lint.config import ConfigError, defaults_path, load_config
from lint.run.engine import Linter


def linter_for(tmp_path, text, name="newslint.yml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return Linter(load_config(cwd=tmp_path))


def error_of(tmp_path, text):
    with pytest.raises(ConfigError) as info:
        linter_for(tmp_path, text)
    return str(info.value)


def test_defaults_document_every_rule_and_option():
    """config.yml lists each built-in rule with its default severity and all options."""
    data = yaml.safe_load(defaults_path().read_text(encoding="utf-8"))
    linter = Linter(load_config(no_config=True))
    assert set(data["rules"]) == set(linter.registry.checks)
    for name, cls in linter.registry.checks.items():
        settings = data["rules"][name]
        assert settings["severity"] == cls.severity, name
        assert set(settings) - {"severity"} == set(cls.options), name
        for opt, value in cls.options.items():
            assert settings[opt] == value, (name, opt)


def test_defaults_text_has_a_comment_for_each_option():
    text = defaults_path().read_text(encoding="utf-8")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if line.startswith("    ") and ":" in stripped and not stripped.startswith("#") and not stripped.startswith("severity"):
            assert "#" in line or lines[i - 1].strip().startswith("#"), f"undocumented option: {line}"


def test_user_file_is_found_in_a_parent_folder(tmp_path):
    (tmp_path / "newslint.yml").write_text("fail-on: warning\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    cfg = load_config(cwd=sub)
    assert str(cfg.fail_on) == "warning"
    assert cfg.sources[-1] == str(tmp_path / "newslint.yml")


def test_dot_name_and_no_config(tmp_path):
    (tmp_path / ".newslint.yml").write_text("fail-on: info\n")
    assert str(load_config(cwd=tmp_path).fail_on) == "info"
    assert str(load_config(cwd=tmp_path, no_config=True).fail_on) == "error"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("fail-on: warning\nbogus: 1\n", "newslint.yml:2: unknown key 'bogus'"),
        ("rules:\n  duplicate-paragrap:\n    severity: off\n", "newslint.yml:2: unknown rule 'duplicate-paragrap' (did you mean 'duplicate-paragraph'?)"),
        ("rules:\n  broken-line-wrap:\n    nonsense: 3\n", "newslint.yml:3: rule 'broken-line-wrap' has no option 'nonsense'"),
        ("rules:\n  broken-line-wrap:\n    severity: loud\n", "newslint.yml:3: rules.broken-line-wrap.severity: 'loud' is not one of error, warning, info, off"),
        ("fail-on: [1]\n", "newslint.yml:1: fail-on: [1] is not one of"),
        ("select: [NL9]\n", "newslint.yml:1: select: no rule is named or coded 'NL9'"),
        ("ignore:\n  - NL101\n  - nope\n", "newslint.yml:3: ignore: no rule is named or coded 'nope'"),
        ("rules: {\n", "newslint.yml:2: malformed YAML"),
        ("- a\n- b\n", "newslint.yml:1: the config must be a mapping"),
        ("include: *.txt\n", "malformed YAML"),
        ("fail-on: warning\nfail-on: info\n", "newslint.yml:2: duplicate key 'fail-on'"),
        ("overrides:\n  - rules: {}\n", "newslint.yml:2: overrides.0: 'files' is a required property"),
    ],
)
def test_mistakes_name_file_and_line(tmp_path, text, expected):
    msg = error_of(tmp_path, text)
    assert expected in msg, msg
    assert str(tmp_path) in msg


def test_option_type_is_checked(tmp_path):
    cls = Linter(load_config(no_config=True)).registry.checks
    name, opt, default = next((n, o, v) for n, c in cls.items() for o, v in c.options.items())
    bad = "text" if not isinstance(default, str) else 5
    msg = error_of(tmp_path, f"rules:\n  {name}:\n    {opt}: {bad!r}\n")
    assert "newslint.yml:3:" in msg and "expected" in msg


def test_python_objects_are_refused(tmp_path):
    msg = error_of(tmp_path, "fail-on: !!python/object/apply:os.system ['echo hi']\n")
    assert "newslint.yml:1" in msg


def test_extends_merges_and_detects_loops(tmp_path):
    (tmp_path / "base.yml").write_text("fail-on: warning\nignore: [NL104]\n")
    linter = linter_for(tmp_path, "extends: base.yml\nselect: [NL1]\n")
    cfg = linter.config
    assert str(cfg.fail_on) == "warning" and cfg.data["select"] == ["NL1"] and cfg.data["ignore"] == ["NL104"]
    assert "mixed-articles" not in cfg.rule_settings(linter.registry)
    (tmp_path / "a.yml").write_text("extends: b.yml\n")
    (tmp_path / "b.yml").write_text("extends: a.yml\n")
    with pytest.raises(ConfigError, match="loops"):
        load_config(tmp_path / "a.yml")


def test_select_ignore_severity_and_overrides(tmp_path):
    linter = linter_for(
        tmp_path,
        "select: [NL10]\nignore: [truncated-ending]\nrules:\n  mixed-articles: {severity: off}\n"
        "  duplicate-paragraph: {severity: warning}\n"
        "overrides:\n  - files: ['wire/**']\n    ignore: [broken-line-wrap]\n",
    )
    reg = linter.registry
    top = linter.config.rule_settings(reg, "story.txt")
    assert set(top) == {"duplicate-paragraph", "broken-line-wrap"}
    assert str(top["duplicate-paragraph"].severity) == "warning"
    wire = linter.config.rule_settings(reg, "wire/x/story.txt")
    assert set(wire) == {"duplicate-paragraph"}


def test_explicit_select_turns_on_an_off_rule(tmp_path):
    linter = linter_for(tmp_path, "select: [NL104]\nrules:\n  mixed-articles: {severity: off}\n")
    assert set(linter.config.rule_settings(linter.registry)) == {"mixed-articles"}


def test_config_command_prints_effective_config(tmp_path):
    (tmp_path / "newslint.yml").write_text("fail-on: warning\n")
    proc = run_cli("config", cwd=tmp_path)
    assert proc.returncode == 0
    data = yaml.safe_load(proc.stdout.decode())
    assert data["fail-on"] == "warning" and "duplicate-paragraph" in data["rules"]


def test_bad_config_exits_2_with_one_message(tmp_path):
    (tmp_path / "newslint.yml").write_text("rules:\n  nope: {}\n")
    (tmp_path / "a.txt").write_text("Headline\n\nText.\n")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    err = proc.stderr.decode().strip().splitlines()
    assert len(err) == 1 and err[0].startswith("newslint: ") and "newslint.yml:2: unknown rule 'nope'" in err[0]


def test_missing_config_file_named_on_the_command_line(tmp_path):
    proc = run_cli("check", "--config", tmp_path / "nope.yml", ROOT / "examples")
    assert proc.returncode == 2 and "config file not found" in proc.stderr.decode()


# --- every mistake at once, ranges, codes, did-you-mean (issue items 11-14) ------------------------


def test_every_mistake_is_reported_at_once_with_its_line(tmp_path):
    text = (
        "fail_on: warning\n"                      # 1: unknown key
        "rules:\n"
        "  duplicate-paragraph:\n"
        "    severity: warn\n"                    # 4: bad value
        "    min-copy-coverage: 5\n"              # 5: out of range
        "  broken-line-wrap:\n"
        "    nonsense: 3\n"                       # 7: unknown option
        "select: [NL9]\n"                         # 8: no such rule
    )
    msg = error_of(tmp_path, text)
    lines = msg.splitlines()
    for n in (1, 4, 5, 7, 8):
        assert any(f"newslint.yml:{n}:" in line for line in lines), (n, msg)
    assert len(lines) == 5, msg


def test_bad_config_on_the_command_line_lists_every_mistake(tmp_path):
    (tmp_path / "newslint.yml").write_text("bogus: 1\nrules:\n  nope: {}\n")
    (tmp_path / "a.txt").write_text("Headline\n\nText.\n")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "newslint.yml:1: unknown key 'bogus'" in err and "newslint.yml:3: unknown rule 'nope'" in err


@pytest.mark.parametrize(
    "rule,opt,value,needle",
    [
        ("duplicate-paragraph", "min-copy-coverage", "5", "between 0 and 1"),
        ("duplicate-paragraph", "min-copy-coverage", "-0.1", "between 0 and 1"),
        ("duplicate-paragraph", "ngram-cjk", "0", "at least 1"),
        ("broken-line-wrap", "column-tolerance", "-3", "at least 0"),
    ],
)
def test_option_values_are_range_checked(tmp_path, rule, opt, value, needle):
    msg = error_of(tmp_path, f"rules:\n  {rule}:\n    {opt}: {value}\n")
    assert f"newslint.yml:3: rules.{rule}.{opt}: {value} is out of range" in msg and needle in msg, msg


def test_every_option_declares_its_type_and_defaults_are_in_range():
    """The schema is built from each rule's declared options; the defaults pass it."""
    import jsonschema

    from lint.api import Option

    reg = Linter(load_config(no_config=True)).registry
    for name, cls in reg.checks.items():
        specs = cls.declared_options()
        assert set(specs) == set(cls.options), name
        for opt, spec in specs.items():
            assert isinstance(spec, Option) and spec.type in ("boolean", "integer", "number", "string", "array", "object"), (name, opt)
            jsonschema.validate(cls.options[opt], spec.schema())
    coverage = reg.checks["duplicate-paragraph"].declared_options()["min-copy-coverage"]
    assert (coverage.min, coverage.max) == (0, 1)


def test_a_third_party_rule_declares_ranges_the_same_way(tmp_path):
    (tmp_path / "house.py").write_text(
        "from lint import Check, hookimpl\nfrom lint.api import Option\n"
        "class Long(Check):\n    name = 'too-long'\n    code = 'HS001'\n"
        "    options = {'max-words': Option(40, min=5, max=200, help='longest sentence')}\n"
        "    def check(self, doc, ctx):\n        assert isinstance(self.options['max-words'], int)\n"
        "@hookimpl\ndef newslint_register_checks():\n    return [Long]\n"
    )
    msg = error_of(tmp_path, "plugins: [house.py]\nrules:\n  too-long:\n    max-words: 500\n")
    assert "newslint.yml:4: rules.too-long.max-words: 500 is out of range" in msg and "between 5 and 200" in msg
    ok = linter_for(tmp_path, "plugins: [house.py]\nrules:\n  HS001:\n    max-words: 50\n")
    assert ok.config.rule_settings(ok.registry)["too-long"].options["max-words"] == 50


def test_rules_accept_codes_as_well_as_names(tmp_path):
    linter = linter_for(
        tmp_path,
        "rules:\n  NL101: {severity: warning, min-chars: 30}\n  NL104: {severity: off}\n"
        "overrides:\n  - files: ['wire/**']\n    rules:\n      NL102: {severity: info}\n",
    )
    top = linter.config.rule_settings(linter.registry, "a.txt")
    assert str(top["duplicate-paragraph"].severity) == "warning" and top["duplicate-paragraph"].options["min-chars"] == 30
    assert "mixed-articles" not in top
    wire = linter.config.rule_settings(linter.registry, "wire/a.txt")
    assert str(wire["broken-line-wrap"].severity) == "info"


def test_a_code_in_a_later_file_overrides_a_name_in_an_earlier_one(tmp_path):
    (tmp_path / "base.yml").write_text("rules:\n  duplicate-paragraph: {severity: info, min-chars: 20}\n")
    linter = linter_for(tmp_path, "extends: base.yml\nrules:\n  NL101: {min-chars: 25}\n")
    s = linter.config.rule_settings(linter.registry)["duplicate-paragraph"]
    assert str(s.severity) == "info" and s.options["min-chars"] == 25


def test_naming_a_rule_twice_in_one_file_is_an_error(tmp_path):
    msg = error_of(tmp_path, "rules:\n  NL101: {severity: info}\n  duplicate-paragraph: {severity: warning}\n")
    assert "newslint.yml:" in msg and "NL101" in msg and "duplicate-paragraph" in msg and "same rule" in msg


def test_an_unknown_code_is_an_unknown_rule(tmp_path):
    msg = error_of(tmp_path, "rules:\n  NL109: {}\n")
    assert "newslint.yml:2: unknown rule 'NL109'" in msg


@pytest.mark.parametrize(
    "text,needle",
    [
        ("fail_on: warning\n", "newslint.yml:1: unknown key 'fail_on' (did you mean 'fail-on'?)"),
        ("rules:\n  duplicate-paragraph:\n    severity: warn\n", "'warn' is not one of error, warning, info, off (did you mean 'warning'?)"),
        ("fail-on: warnings\n", "(did you mean 'warning'?)"),
        ("rules:\n  duplicate-paragraph:\n    min_chars: 3\n", "(did you mean 'min-chars'?)"),
        ("overrides:\n  - files: ['a']\n    ignor: [NL101]\n", "newslint.yml:3: unknown key 'ignor' in overrides.0 (did you mean 'ignore'?)"),
    ],
)
def test_did_you_mean_for_keys_and_values(tmp_path, text, needle):
    msg = error_of(tmp_path, text)
    assert needle in msg, msg


def test_no_yaml_internals_in_messages(tmp_path):
    msg = error_of(tmp_path, "rules:\n  duplicate-paragraph:\n    severity: loud\n")
    assert "False" not in msg and "None" not in msg, msg
