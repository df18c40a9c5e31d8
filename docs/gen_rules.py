"""Write docs/rules/<code>-<name>.md for every built-in rule, from its docstring.

    python docs/gen_rules.py           # rewrite the pages
    python docs/gen_rules.py --check   # exit 1 and name the stale pages (tests/test_docs.py)

A page is the rule's heading, its default severity and plugin, its docstring
(What it does / Why is this bad? / Example), its options with the comment
above each in config.yml (as `newslint rule CODE` prints them), and where to
set them. Only built-in rules (modules under ``plugins.``) get a page; a
third-party rule documents itself (``doc_url``). A page for a rule that no
longer exists is reported as stale too.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "docs" / "rules"


def _builtin_checks() -> dict[str, type]:
    from lint.manager import load_plugins

    registry = load_plugins()
    return {
        name: cls
        for name, cls in registry.checks.items()
        if (getattr(cls, "__module__", "") or "").startswith("plugins.")
    }


def _option_notes(name: str) -> dict:
    from lint.cli import _option_notes

    return _option_notes(name)


def render(cls: type) -> str:
    """The Markdown page of one rule class."""
    lines = [f"# {cls.code} {cls.name}", "", f"Default severity: {cls.severity}. Plugin: {cls.plugin}.", ""]
    lines.append(cls.doc().rstrip())
    options = getattr(cls, "options", None) or {}
    if options:
        notes = _option_notes(cls.name)
        lines += ["", "## Options", ""]
        for key, spec in cls.declared_options().items():
            bounds = spec.range_text()
            line = f"- `{key}` (default: `{spec.default!r}`{', ' + bounds if bounds else ''})"
            if key in notes:
                line += f": {notes[key]}"
            lines.append(line)
    lines += [
        "",
        f"Set options and the severity under `rules: {{{cls.name}: ...}}` (or `{cls.code}:`) in "
        f"`newslint.yml`; `newslint rule {cls.code}` prints this page.",
    ]
    return "\n".join(lines) + "\n"


def pages() -> dict[Path, str]:
    """Every page that should exist, by path."""
    from lint.ruledocs import rule_doc_path

    return {ROOT / rule_doc_path(cls.code, name): render(cls) for name, cls in _builtin_checks().items()}


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def stale(expected: dict[Path, str]) -> list[str]:
    """Pages that differ from the docstrings, are missing, or name no rule."""
    out = []
    for path, text in sorted(expected.items()):
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            out.append(f"{_shown(path)}: missing")
            continue
        if current != text:
            out.append(f"{_shown(path)}: differs from the rule's docstring and options")
    for path in sorted(RULES_DIR.glob("*.md")):
        if path not in expected:
            out.append(f"{_shown(path)}: no built-in rule has this page")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale pages and exit 1 instead of writing")
    args = parser.parse_args(argv)
    expected = pages()
    if args.check:
        problems = stale(expected)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            print("run: python docs/gen_rules.py", file=sys.stderr)
        return 1 if problems else 0
    RULES_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in expected.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path.relative_to(ROOT)}")
    for path in RULES_DIR.glob("*.md"):
        if path not in expected:
            path.unlink()
            print(f"removed {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
