"""The layout's rules, checked on the source (no imports run):

- the core (``lint/``) never imports a plugin;
- a plugin imports the core only through its public surface (``lint``,
  ``lint.api``, ``lint.model``, ``lint.doc.*``, ``lint.lang.*``), never
  another plugin;
- there is no import cycle among the core's modules (imports inside
  functions count: a lazy import is still a dependency);
- ``lint.doc.kinds`` imports nothing.

Run ``python -m pytest tests/test_architecture.py -q`` to see the proof; a
failure names the offending import or prints the cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PUBLIC_FOR_PLUGINS = ("lint", "lint.api", "lint.model", "lint.hookspecs", "lint.testing", "lint.i18n")
PUBLIC_PACKAGES_FOR_PLUGINS = ("lint.doc", "lint.lang", "lint.web")  # lint.web: the HTML report a format renders


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of the project modules ``path`` imports (anywhere in it)."""
    mod = _module_name(path)
    package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # "from pkg import sub" imports the submodule when there is one
            names = [target] + [f"{target}.{a.name}" for a in node.names]
        else:
            continue
        for n in names:
            if n.split(".")[0] in ("lint", "plugins"):
                out.add(n)
    return out


def _project_modules(top: str) -> dict[str, Path]:
    return {_module_name(p): p for p in (ROOT / top).rglob("*.py") if "__pycache__" not in p.parts}


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def test_the_core_never_imports_a_plugin():
    bad = [(m, n) for m, p in _project_modules("lint").items() for n in _imports(p) if n.startswith("plugins")]
    assert bad == []


def test_plugins_use_only_the_public_surface_and_no_other_plugin():
    bad = []
    for mod, path in _project_modules("plugins").items():
        for name in _imports(path):
            if name.startswith("plugins"):
                bad.append((mod, name))
            elif name in PUBLIC_FOR_PLUGINS or name.startswith(tuple(p + "." for p in PUBLIC_PACKAGES_FOR_PLUGINS)):
                continue
            elif name.startswith("lint.") and name.rpartition(".")[0] in PUBLIC_FOR_PLUGINS:
                continue  # "from lint import hookimpl" and friends
            elif name in PUBLIC_PACKAGES_FOR_PLUGINS:
                continue
            else:
                bad.append((mod, name))
    assert bad == []


def _graph() -> dict[str, set[str]]:
    known = _project_modules("lint")
    graph: dict[str, set[str]] = {}
    for mod, path in known.items():
        deps = {_resolve(n, known) for n in _imports(path)}
        # a package's own __init__ is not a dependency edge worth a cycle (its
        # submodules are imported through it by Python itself)
        graph[mod] = {d for d in deps if d and d != mod and not mod.startswith(d + ".")} - {"lint"}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle, or [] (depth-first search for a back edge)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str]:
        state[n] = 1
        stack.append(n)
        for d in sorted(graph.get(n, ())):
            if state.get(d) == 1:
                return stack[stack.index(d) :] + [d]
            if d not in state:
                found = visit(d)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return []

    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return []


def test_the_core_has_no_import_cycle():
    graph = _graph()
    assert len(graph) > 25  # the walk saw the core
    assert _cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_block_kinds_import_nothing():
    tree = ast.parse((ROOT / "lint" / "doc" / "kinds.py").read_text(encoding="utf-8"))
    imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [ast.unparse(n) for n in imports] == ["from enum import Enum"]


def test_a_rule_instance_keeps_no_state_from_the_documents_it_checked():
    """The engine reuses one instance of each rule for every document: what a
    check works out about a document lives in locals or a per-document pass,
    never on the instance (nor on the document's __dict__)."""
    import lint
    from lint.run.engine import Linter

    linter = Linter()
    rules = linter.rules_for("draft.txt")
    before = {r.name: dict(vars(r)) for r in rules}
    zh = (ROOT / "examples" / "zh-newspaper-page.txt").read_text(encoding="utf-8")
    en = (ROOT / "examples" / "en-draft.txt").read_text(encoding="utf-8")
    for text in (zh, en, zh):
        lint.check_text(text, path="draft.txt", linter=linter)
    assert len(rules) >= 14
    for r in linter.rules_for("draft.txt"):
        assert dict(vars(r)) == before[r.name], r.name
    doc = linter.read_text(zh, "draft.txt")
    fields = set(vars(doc))
    linter.lint_document(doc, "draft.txt")
    from functools import cached_property

    from lint.doc.document import Document

    declared = {k for k, v in vars(Document).items() if isinstance(v, cached_property)}
    assert {"han_bigrams", "word_set", "lang"} <= declared
    # what checking added to the document is its declared, lazily computed analysis
    assert {k for k in vars(doc) if k not in fields} <= declared


def test_patterns_compile_through_the_shared_cache():
    """lint/ and plugins/ compile patterns with lint.lang.compiled (compile_re,
    compile_regex), lint.lang.text.lazy or rx, never re.compile or
    regex.compile directly: those are compiled afresh by every new process."""
    offenders = []
    for top in ("lint", "plugins"):
        for path in (ROOT / top).rglob("*.py"):
            if "__pycache__" in path.parts or path == ROOT / "lint" / "lang" / "compiled.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                f = node.func if isinstance(node, ast.Call) else None
                if (
                    isinstance(f, ast.Attribute)
                    and f.attr == "compile"
                    and isinstance(f.value, ast.Name)
                    and f.value.id in ("re", "regex")
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
