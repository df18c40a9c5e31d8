"""Check what `python -m build` made: one wheel and one sdist of the version in
lint/__init__.py, the wheel holding the packages, config.yml, the HTML report's
template and stylesheet, py.typed, the compiled message catalogs and translated
rule pages, and nothing else (no tests, corpus, caches,
bytecode, fuzz crashers or docs).

    python .ci/check_dist.py DIST_FOLDER
"""
from __future__ import annotations

import re
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = re.search(r'^__version__ = "([^"]+)"', (ROOT / "lint" / "__init__.py").read_text(encoding="utf-8"), re.M).group(1)

#: the only files a wheel may hold besides its metadata (regexes on the path)
WHEEL_ALLOWED = (
    r"lint/(?:(?:doc|lang|run)/)?[a-z0-9_]+\.py",
    r"lint/web/[a-z_]+\.py",
    r"lint/web/static/[a-z_-]+\.(css|js)",
    r"lint/web/templates/[a-z_-]+\.html",
    r"lint/lang/lists/[a-z0-9-]+\.txt",
    r"lint/py\.typed",
    r"lint/config\.yml",
    r"plugins/(?:(?:checks|formats|readers)/)?[a-z_]+\.py",
    r"lint/locale/zh_Han[st]/LC_MESSAGES/newslint\.mo",
    r"lint/locale/zh_Han[st]/rules/NL\d{3}\.md",
    rf"newslint-{re.escape(VERSION)}\.dist-info/(METADATA|WHEEL|RECORD|entry_points\.txt|licenses/LICENSE)",
)
#: files the wheel must hold
WHEEL_REQUIRED = ("lint/config.yml", "lint/py.typed", "lint/__init__.py", "lint/web/templates/serve.html",
                  "plugins/readers/text.py", "plugins/checks/truncated_ending.py", "lint/doc/document.py",
                  "lint/lang/words.py", "lint/run/engine.py",
                  "lint/lang/lists/function-words-en.txt", "lint/locale/zh_Hans/LC_MESSAGES/newslint.mo",
                  "lint/locale/zh_Hant/LC_MESSAGES/newslint.mo", "lint/locale/zh_Hans/rules/NL101.md")
SDIST_REQUIRED = ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "CONTRIBUTING.md", "config.yml",
                  "lint/locale/zh_Hans/LC_MESSAGES/newslint.po", "babel.cfg", "docs/gen_catalogs.py",
                  "lint/__init__.py", "examples/zh-newspaper-page.txt", "tests/conftest.py")
SDIST_FORBIDDEN = re.compile(r"(^|/)(__pycache__|\.newslint_cache|\.hypothesis|\.venv|crashers)(/|$)|\.pyc$")


def main(dist: Path) -> list[str]:
    problems = []
    wheels = sorted(dist.glob("*.whl"))
    sdists = sorted(dist.glob("*.tar.gz"))
    if [w.name for w in wheels] != [f"newslint-{VERSION}-py3-none-any.whl"]:
        problems.append(f"expected one wheel of version {VERSION}, found {[w.name for w in wheels]}")
    if [s.name for s in sdists] != [f"newslint-{VERSION}.tar.gz"]:
        problems.append(f"expected one sdist of version {VERSION}, found {[s.name for s in sdists]}")
    if problems:
        return problems
    names = zipfile.ZipFile(wheels[0]).namelist()
    for name in names:
        if not any(re.fullmatch(p, name) for p in WHEEL_ALLOWED):
            problems.append(f"wheel holds {name}, which it should not")
    for name in WHEEL_REQUIRED:
        if name not in names:
            problems.append(f"wheel lacks {name}")
    meta = zipfile.ZipFile(wheels[0]).read(f"newslint-{VERSION}.dist-info/entry_points.txt").decode()
    if "[newslint]" not in meta or "duplicate-paragraph = plugins.checks.duplicate_paragraph" not in meta:
        problems.append("wheel's entry points do not register the built-in plugins")
    prefix = f"newslint-{VERSION}/"
    members = [m[len(prefix):] for m in tarfile.open(sdists[0]).getnames() if m.startswith(prefix)]
    for name in SDIST_REQUIRED:
        if name not in members:
            problems.append(f"sdist lacks {name}")
    for name in members:
        if SDIST_FORBIDDEN.search(name):
            problems.append(f"sdist holds {name}, which it should not")
    return problems


if __name__ == "__main__":
    found = main(Path(sys.argv[1]))
    for line in found:
        print(f"check_dist: {line}", file=sys.stderr)
    if not found:
        print(f"check_dist: newslint {VERSION}: wheel and sdist hold what they should")
    sys.exit(1 if found else 0)
