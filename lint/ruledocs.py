"""Where a rule's documentation page lives: one helper for every format.

Built-in rules are documented at ``docs/rules/<code>-<name>.md`` in the
project's repository (generated from each rule's docstring; until those pages
are generated the links point at where they will be). A third-party rule may
set a ``doc_url`` class attribute; without one it gets no link.
"""

from __future__ import annotations

from typing import Optional

#: the project's repository (as the README's install lines name it)
REPOSITORY = "https://github.com/newslint/newslint"
#: what rule pages are linked relative to
DOCS_BASE = REPOSITORY + "/blob/main/"


def rule_doc_path(code: str, name: str) -> str:
    """``docs/rules/NL101-duplicate-paragraph.md``: the page's path in the repository."""
    return f"docs/rules/{code}-{name}.md"


def rule_doc_url(code: str, name: str, cls: Optional[type] = None, base: str = DOCS_BASE) -> Optional[str]:
    """The URL of a rule's documentation page, or None for a third-party rule
    that names none. ``cls`` is the rule class when known (``report.rules``)."""
    if cls is not None:
        own = getattr(cls, "doc_url", None)
        if own:
            return str(own)
        if not (getattr(cls, "__module__", "") or "").startswith("plugins."):
            return None
    return base + rule_doc_path(code, name)
