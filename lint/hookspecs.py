"""The newslint plugin API: every hook a plugin may implement.

A plugin is a module (or object) with functions marked ``@lint.hookimpl``.
Packages declare their plugin modules under the entry-point group
``newslint``; newslint's own checks, formats and readers are registered the
same way, in its ``pyproject.toml``::

    [project.entry-points.newslint]
    house-style = "newslint_house_style.rules"

A newsroom can also name a local module in its config
(``plugins: [house_rules.py]``) without packaging it.

Hooks follow the ``newslint_register_*`` pattern: each returns a list of
classes, and the core flattens the lists. A plugin that implements a hook name
not declared here is rejected when plugins load, so a typo fails loudly.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("newslint")
hookimpl = pluggy.HookimplMarker("newslint")


@hookspec
def newslint_register_checks():
    """Return a list of check classes (subclasses of :class:`lint.Check`).

    Each class declares ``name`` (kebab-case, unique), ``code`` (one to four
    capital letters and three digits, unique, e.g. ``NL101`` or ``HS001``),
    ``severity`` (the default: error, warning, info or off), ``options``
    (a dict of option names to default values; the config may override them,
    and values are validated against the defaults' types), and a docstring with
    ``## What it does``, ``## Why is this bad?`` and ``## Example`` sections,
    printed by ``newslint rule NAME``. Its ``check(doc, ctx)`` method yields
    findings made with ``ctx.report(...)``.
    """


@hookspec
def newslint_register_formats():
    """Return a list of output format classes (subclasses of :class:`lint.Format`).

    Each declares ``name`` (what ``--format`` takes) and ``render(report, ctx)``
    returning the whole output as a string.
    """


@hookspec
def newslint_register_readers():
    """Return a list of reader classes (subclasses of :class:`lint.Reader`).

    Each declares ``name``, ``suffixes`` (e.g. ``(".md", ".markdown")``) and
    ``read(data: bytes, path: str, options) -> Document``. The plain-text reader
    takes every suffix no other reader claims. Decoding helpers live in
    :mod:`lint.doc.decode`; a reader raises :class:`lint.ReadError` for input it
    cannot read.
    """
