"""Rule fixtures: input files with their expected findings, one runner for all.

Each rule has one folder, named for the rule: ``tests/fixtures/<rule-name>/``
for newslint's own rules, ``tests/plugins/<rule-name>/`` for a rule a local
plugin brings. It holds small documents written for the tests, named for the
case they show:

- ``flag-<case>.txt`` (or ``.md``, ``.html``) beside ``flag-<case>.expected.yml``,
  in the labels format ``../shared/tools/score.py`` reads: each entry of
  ``expect`` must be found (its rule or one of its ``alt`` rules, on a line
  span that overlaps the entry's ``lines`` without being much wider; see
  ``conftest.score``), ``optional`` entries may be;
- ``clean-<case>.txt`` with no labels file, or with an ``expect: []`` one: no
  finding of the scored rules at all.

The scored rules are the labels file's ``scored_rules``, else the rule the
folder is named for. Every other finding of a scored rule is a false alarm and
fails the case, and each ``expect`` entry stands for exactly one finding (two
findings on one entry fail the case). An entry may also pin:

- ``evidence: "..."``: the finding's message names it;
- ``exact: true``: the finding spans exactly ``lines``;
- ``text: "..."``: the finding covers exactly this text (e.g. the one mark
  left open); it also tells apart two findings on the same lines;
- ``related: [l1, l2, ...]``: the first lines of the finding's related
  locations, in order;
- ``first: [l1, l2]`` (a copy's label): the finding starts on the first line of
  ``lines`` and its first related location (the first copy) on ``l1``.

The whole linter runs with the default configuration, as a user would run it.
A folder with a ``newslint.yml`` is linted with that config instead (read as
``--config`` reads it): that is how a folder names the local plugin that
brings its rule (``plugins: [house_rules.py]``).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import lint
from conftest import ROOT, label_matches, report_findings, score
from lint.config import load_config
from lint.run.engine import Linter

FOLDERS = [ROOT / "tests" / "fixtures", ROOT / "tests" / "plugins"]
SUFFIXES = (".txt", ".md", ".html")


def _is_case(doc: Path) -> bool:
    return doc.suffix in SUFFIXES and doc.name.startswith(("flag-", "clean-"))


def _rule_folders() -> list[Path]:
    """Every folder that holds flag-/clean- cases directly."""
    return [
        folder
        for root in FOLDERS if root.is_dir()
        for folder in sorted(p for p in root.iterdir() if p.is_dir())
        if any(_is_case(doc) for doc in folder.iterdir())
    ]


def _cases():
    for folder in _rule_folders():
        for doc in sorted(folder.iterdir()):
            if _is_case(doc):
                yield pytest.param(doc, id=f"{folder.name}/{doc.name}")


def _config(folder: Path):
    own = folder / "newslint.yml"
    return load_config(own) if own.is_file() else None


def _labels(doc: Path) -> dict:
    yml = doc.with_name(doc.name[: -len(doc.suffix)] + ".expected.yml")
    if yml.is_file():
        spec = yaml.safe_load(yml.read_text(encoding="utf-8")) or {}
        assert spec.get("file", doc.name) == doc.name, f"{yml.name} names {spec['file']}"
        return spec
    assert doc.name.startswith("clean-"), f"{doc.name}: a flag- case needs {yml.name}"
    return {}


def _line(text: str, offset: int) -> int:
    return text[:offset].count("\n") + 1


@pytest.mark.parametrize("doc", list(_cases()))
def test_fixture(doc: Path):
    spec = _labels(doc)
    scored = spec.get("scored_rules") or [doc.parent.name]
    expect = spec.get("expect") or []
    if doc.name.startswith("clean-"):
        assert not expect, f"{doc.name}: a clean- case expects nothing"
    else:
        assert expect, f"{doc.name}: a flag- case must expect at least one finding"
    report = lint.check_paths([str(doc)], config=_config(doc.parent))
    assert not report.errors, report.errors
    found = report_findings(report)
    missed, false = score(found, spec, scored)
    assert not missed and not false, f"missed: {missed}\nfalse alarms: {false}"
    text = doc.read_text(encoding="utf-8")
    for e in expect:
        hits = [(f, g) for f, g in zip(found, report.findings) if label_matches(f, e)
                and ("text" not in e or text[g.start : g.end] == e["text"])]
        assert len(hits) == 1, f"{e}: {len(hits)} findings, one expected: {[f for f, _ in hits]}"
        (rule, span, message), finding = hits[0]
        if "evidence" in e:
            assert e["evidence"] in message, (e["evidence"], message)
        if e.get("exact"):
            assert span == tuple(e["lines"]), (span, e["lines"])
        if "text" in e:
            assert text[finding.start : finding.end] == e["text"], (text[finding.start : finding.end], e["text"])
        if "related" in e:
            assert [_line(text, r.start) for r in finding.related] == e["related"], finding.related
        if "first" in e:
            assert finding.related, f"{e}: the finding points at no first copy"
            got = (span[0], _line(text, finding.related[0].start))
            assert got == (e["lines"][0], e["first"][0]), (got, e)


def test_every_rule_folder_is_a_rule():
    """A folder of cases is named for a rule the linter (with the folder's config) runs."""
    for folder in _rule_folders():
        assert folder.name in Linter(_config(folder)).registry.checks, folder


def test_cases_cover_flags_and_clean():
    """Every rule folder shows what the rule flags and what it must leave alone."""
    for folder in _rule_folders():
        names = [doc.name for doc in folder.iterdir() if _is_case(doc)]
        assert any(n.startswith("flag-") for n in names) and any(n.startswith("clean-") for n in names), folder
    # NL103's labelled set (moved from test_truncated_ending.py)
    labelled = [p.name for p in (ROOT / "tests" / "fixtures" / "truncated-ending").glob("*.expected.yml")]
    assert sum(n.startswith("flag-") for n in labelled) >= 8
    assert sum(n.startswith("clean-") for n in labelled) >= 10
