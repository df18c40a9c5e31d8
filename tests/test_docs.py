"""The project's documents stay true to the code: rule pages, the docs index,
the changelog and the version (issue "For the people who carry it on")."""
from __future__ import annotations

import importlib.util
import re

from conftest import ROOT

import lint


def _gen_rules():
    spec = importlib.util.spec_from_file_location("gen_rules", ROOT / "docs" / "gen_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_pages_are_generated_from_the_docstrings():
    gen = _gen_rules()
    problems = gen.stale(gen.pages())
    assert not problems, "stale rule pages (run `python docs/gen_rules.py`):\n" + "\n".join(problems)


def test_a_stale_page_is_caught(tmp_path, monkeypatch):
    gen = _gen_rules()
    expected = gen.pages()
    path, text = next(iter(expected.items()))
    copy = tmp_path / path.name
    copy.write_text(text.replace("## Example", "## Examples", 1), encoding="utf-8")
    monkeypatch.setattr(gen, "RULES_DIR", tmp_path)
    problems = gen.stale({copy: text, tmp_path / "NL999-gone.md": "x"})
    assert any("differs" in p for p in problems) and any("missing" in p for p in problems)


def test_every_builtin_rule_has_a_page():
    gen = _gen_rules()
    names = {p.name for p in gen.pages()}
    assert "NL101-duplicate-paragraph.md" in names and "NL001-unused-suppression.md" in names
    assert len(names) == len(gen._builtin_checks())
