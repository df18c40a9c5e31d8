"""newslint: a plugin-based linter for news copy in Chinese and English.

The public Python API::

    import lint
    findings = lint.check_text("...", path="story.txt")
    report = lint.check_paths(["drafts/"])

Plugins subclass :class:`lint.Check`, :class:`lint.Format` or
:class:`lint.Reader` and register them with ``@lint.hookimpl``; see
:mod:`lint.hookspecs`.
"""

from __future__ import annotations

TYPE_CHECKING = False  # (not typing's: `import lint` stays free of the typing module)
if TYPE_CHECKING:  # type checkers see the real names; at run time they load lazily
    from typing import Any

    from lint.api import Check, Context, Format, Option, Reader, ReadError
    from lint.config import load_config
    from lint.doc.document import Document
    from lint.hookspecs import hookimpl
    from lint.model import Edit, Finding, Fix, Related, Report, Severity
    from lint.run.engine import Linter, check_text
    from lint.run.runner import check_paths

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "check_text",
    "check_paths",
    "Linter",
    "Check",
    "Option",
    "Context",
    "Format",
    "Reader",
    "ReadError",
    "Document",
    "Finding",
    "Fix",
    "Edit",
    "Related",
    "Report",
    "Severity",
    "hookimpl",
    "load_config",
]

_LAZY = {
    "check_text": "run.engine",
    "check_paths": "run.runner",
    "Linter": "run.engine",
    "Check": "api",
    "Option": "api",
    "Context": "api",
    "Format": "api",
    "Reader": "api",
    "ReadError": "api",
    "Document": "doc.document",
    "Finding": "model",
    "Fix": "model",
    "Edit": "model",
    "Related": "model",
    "Report": "model",
    "Severity": "model",
    "hookimpl": "hookspecs",
    "load_config": "config",
}


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'lint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{mod}", __name__), name)
    globals()[name] = value
    return value
