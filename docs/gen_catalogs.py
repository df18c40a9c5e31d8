#!/usr/bin/env python3
"""newslint's message catalogs: extract, update, derive, compile, check.

    python docs/gen_catalogs.py            # extract + update the .po files + derive zh_Hant + compile the .mo files
    python docs/gen_catalogs.py --check    # report what is missing or stale; exit 1 if anything is (the test runs this)

Extraction is Babel's (``babel.cfg``: lint/ and plugins/, keywords ``_``,
``N_``, ``ngettext``, ``tr``, ``ntr``); the catalogs are GNU gettext files:

- ``lint/locale/zh_Hans/LC_MESSAGES/newslint.po``: Simplified Chinese, written
  and reviewed by hand. New messages arrive with an empty ``msgstr``;
  messages gone from the code are dropped (and listed).
- ``lint/locale/zh_Hant/LC_MESSAGES/newslint.po``: Traditional Chinese,
  derived from zh_Hans with OpenCC (``s2twp``: Taiwan standard characters
  and phrases) and 「」 quotation marks; an entry edited by hand in zh_Hant
  (flagged ``#, reviewed``) is kept as it is.
- ``lint/locale/<lang>/rules/<CODE>.md``: a built-in rule's documentation;
  the first line records a hash of the English docstring (zh_Hant pages are
  derived the same way).
- ``.mo`` files: compiled from the ``.po`` files and committed (the wheel
  ships them; ``--check`` fails when one is stale).

Babel and OpenCC are needed here only (``pip install -e '.[test]'`` has them),
never at run time.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lint import i18n  # noqa: E402

LOCALE = ROOT / "lint" / "locale"
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "tr": None,
    "ntr": (1, 2),
    "gettext": None,
    "gettext_plural": (1, 2),
}
HEADER = """# {language} messages for newslint.
# {how}
# This file is distributed under the same license as newslint (MIT)."""
BUGS = "https://github.com/newslint/newslint/issues"
# fixed header dates: regenerating a catalog changes only what changed
EPOCH = __import__("datetime").datetime(2026, 1, 1, tzinfo=__import__("datetime").timezone.utc)
HANT_QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def extract():
    """A template catalog of every message in lint/ and plugins/ (no line numbers: fewer merge conflicts)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    template = Catalog(project="newslint", domain=i18n.DOMAIN, fuzzy=False)
    for filename, _lineno, message, comments, context in extract_from_dir(
        str(ROOT),
        method_map=method_map,
        options_map=options_map,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        if not message or (isinstance(message, tuple) and not message[0]):
            continue
        template.add(message, None, [(filename, None)], auto_comments=comments, context=context)
    return template


def load(lang: str):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=i18n.DOMAIN, project="newslint", creation_date=EPOCH, revision_date=EPOCH)
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=i18n.DOMAIN)


def po_bytes(catalog) -> bytes:
    from babel.messages.pofile import write_po

    buf = io.BytesIO()
    write_po(buf, catalog, width=120, ignore_obsolete=True, include_lineno=False, sort_output=True)
    return buf.getvalue()


def mo_bytes(catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def mo_matches(mo: Path, catalog) -> bool:
    """The compiled catalog holds exactly the .po's translations (compared as
    messages, not bytes: the header names the Babel version that compiled it)."""
    import gettext

    with mo.open("rb") as fh:
        have = {k: v for k, v in gettext.GNUTranslations(fh)._catalog.items() if k != ""}  # type: ignore[attr-defined]
    want: dict = {}
    for m in catalog:
        if not m.id or m.fuzzy or not all(_strings(m)):
            continue
        if isinstance(m.id, (list, tuple)):
            want.update({(m.id[0], i): s for i, s in enumerate(_strings(m))})
        else:
            want[m.id] = m.string
    return have == want


def _strings(msg) -> list[str]:
    return list(msg.string) if isinstance(msg.string, (list, tuple)) else [msg.string]


def translated(msg) -> bool:
    return all(s for s in _strings(msg)) and not msg.fuzzy


def to_hant(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2twp").convert(text).translate(HANT_QUOTES)


def to_hant_doc(text: str) -> str:
    """A rule page in Traditional Chinese: the prose converted, code (fenced
    blocks and inline spans: literal examples) left as it is, and “” turned
    into 「」 only around Chinese words (the pages also list quotation marks
    as characters)."""
    import re

    import opencc

    conv = opencc.OpenCC("s2twp")

    def prose(part: str) -> str:
        out = conv.convert(part)
        out = re.sub(r"“([^“”]*[\u4e00-\u9fff][^“”]*)”", r"「\1」", out)
        return re.sub(r"‘([^‘’]*[\u4e00-\u9fff][^‘’]*)’", r"『\1』", out)

    pieces = re.split(r"(^```.*?^```[^\n]*$|``.+?``|`[^`\n]+`)", text, flags=re.M | re.S)
    return "".join(p if i % 2 else prose(p) for i, p in enumerate(pieces))


def builtin_rules() -> list[type]:
    from lint.manager import load_plugins

    registry = load_plugins([], [])
    return [cls for cls in registry.checks.values() if cls.__module__.startswith("plugins.")]


def english_doc(cls) -> str:
    import inspect

    return inspect.cleandoc(cls.__doc__ or "")


def problems() -> list[str]:
    """Everything the completeness test fails on."""
    out = []
    template = extract()
    ids = {m.id for m in template if m.id}
    for lang in ("zh_Hans", "zh_Hant"):
        cat = load(lang)
        have = {m.id: m for m in cat if m.id}
        for mid in sorted(ids, key=str):
            m = have.get(mid)
            if m is None:
                out.append(f"{lang}: no entry for {mid!r}")
            elif not translated(m):
                out.append(f"{lang}: untranslated or fuzzy: {mid!r}")
        for mid in sorted(set(have) - ids, key=str):
            out.append(f"{lang}: stale entry (no longer in the code): {mid!r}")
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or not mo_matches(mo, cat):
            out.append(f"{lang}: {mo.relative_to(ROOT)} is missing or stale: run python docs/gen_catalogs.py")
        for cls in builtin_rules():
            found = i18n.read_rule_doc(i18n.rule_doc_path(cls.code, lang))
            if found is None:
                out.append(f"{lang}: rule {cls.code} has no translated documentation")
            elif found[0] != i18n.doc_hash(english_doc(cls)):
                out.append(f"{lang}: rule {cls.code}'s translated documentation is stale (the English docstring changed)")
    return out


def update() -> None:
    template = extract()
    hans = load("zh_Hans")
    before = {m.id for m in hans if m.id}
    hans.update(template, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False)
    gone = sorted(before - {m.id for m in template if m.id}, key=str)
    for mid in gone:
        print(f"dropped (no longer in the code): {mid!r}")
    hans.fuzzy = False
    hans.revision_date = EPOCH
    hans.header_comment = HEADER.format(
        language="Simplified Chinese (zh_Hans)", how="Written and reviewed by hand (CONTRIBUTING.md, \"Translations\")."
    )
    hans.msgid_bugs_address = BUGS
    po_path("zh_Hans").parent.mkdir(parents=True, exist_ok=True)
    po_path("zh_Hans").write_bytes(po_bytes(hans))
    missing = [m.id for m in hans if m.id and not translated(m)]
    for mid in missing:
        print(f"zh_Hans: needs a translation: {mid!r}")
    # zh_Hant: derived, except entries reviewed by hand there
    hant = load("zh_Hant")
    reviewed = {m.id: m for m in hant if m.id and "reviewed" in m.flags}
    from babel.messages.catalog import Catalog

    out = Catalog(
        locale="zh_Hant", domain=i18n.DOMAIN, project="newslint", fuzzy=False, creation_date=EPOCH, revision_date=EPOCH
    )
    out.language_team = "zh_Hant (derived from zh_Hans with OpenCC s2twp)"
    out.header_comment = HEADER.format(
        language="Traditional Chinese (zh_Hant)",
        how="Derived from zh_Hans by docs/gen_catalogs.py (OpenCC s2twp, 「」 quotes);\n"
        "# an entry flagged 'reviewed' was corrected by hand and is kept.",
    )
    out.msgid_bugs_address = BUGS
    out.last_translator = "docs/gen_catalogs.py (OpenCC s2twp)"
    for m in hans:
        if not m.id:
            continue
        if m.id in reviewed:
            out[m.id] = reviewed[m.id]
            continue
        strings = _strings(m)
        conv = [to_hant(s) if s else "" for s in strings]
        out.add(m.id, tuple(conv) if isinstance(m.id, tuple) else conv[0], locations=m.locations, flags=m.flags - {"fuzzy"})
    po_path("zh_Hant").parent.mkdir(parents=True, exist_ok=True)
    po_path("zh_Hant").write_bytes(po_bytes(out))
    for lang in ("zh_Hans", "zh_Hant"):
        po_path(lang).with_suffix(".mo").write_bytes(mo_bytes(load(lang)))
    # rule docs: zh_Hant from zh_Hans
    for cls in builtin_rules():
        found = i18n.read_rule_doc(i18n.rule_doc_path(cls.code, "zh_Hans"))
        if found is None:
            print(f"zh_Hans: rule {cls.code} needs a translated page at {i18n.rule_doc_path(cls.code, 'zh_Hans')}")
            continue
        source = found[0]
        path = i18n.rule_doc_path(cls.code, "zh_Hant")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{i18n._DOC_HEAD}{source} -->\n{to_hant_doc(found[1])}\n", encoding="utf-8")
        if source != i18n.doc_hash(english_doc(cls)):
            print(f"zh_Hans: rule {cls.code}'s page is stale: update it from the docstring, then its hash line")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="report missing or stale translations; change nothing")
    args = ap.parse_args()
    if not args.check:
        update()
    found = problems()
    for p in found:
        print(p)
    if args.check:
        print(f"{len(found)} problem(s)")
    return 1 if found and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
