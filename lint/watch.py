"""``newslint check --watch``: lint, then re-lint each file as it is saved.

For an editor working in a terminal beside the draft. Built on watchfiles
(imported only here). A changed file is re-linted when ``newslint check``
would lint it: named on the command line, or found in a named folder and
matching the config's ``include`` and not its ``exclude``.
"""

from __future__ import annotations

import copy
import os
import sys
import time
from typing import Callable

from .i18n import ntr, tr


def _err(msg: str) -> None:
    print(f"newslint: {msg}", file=sys.stderr, flush=True)


def lintable(path: str, named_files: set, named_dirs: list, config) -> bool:
    """Whether ``newslint check`` over the named paths would lint ``path``."""
    from lint.run.files import rel_path

    real = os.path.abspath(path)
    if real in named_files:
        return True
    if not any(real == d or real.startswith(d.rstrip(os.sep) + os.sep) for d in named_dirs):
        return False
    if not os.path.isfile(real):
        return False
    rel = rel_path(real, config.root)
    return config.is_included(rel) and not config.is_excluded(rel)


def run(args, check: Callable, load: Callable, stop_event=None) -> int:
    """Run ``check(args)`` once over the paths, then again over each batch of
    saved files until Ctrl-C. Returns the status of the last run."""
    paths = args.paths or ["."]
    if "-" in paths:
        _err(tr("--watch needs files or folders, not - (standard input)"))
        return 2
    try:
        import watchfiles
    except ImportError as err:  # pragma: no cover - a dependency
        _err(tr("--watch needs watchfiles: pip install watchfiles ({error})", error=err))
        return 2
    once = copy.copy(args)
    once.watch = False
    status = check(once)
    linter = load(args)
    if linter is None:
        return status
    named_files = {os.path.abspath(p) for p in paths if os.path.isfile(p)}
    named_dirs = [os.path.abspath(p) for p in paths if os.path.isdir(p)]
    watched = [p for p in paths if os.path.exists(p)]
    if not watched:
        return status
    _err(tr("watching {paths} for changes (Ctrl-C to stop)", paths=", ".join(paths)))
    try:
        for changes in watchfiles.watch(*watched, debounce=150, step=50, stop_event=stop_event, raise_interrupt=True):
            files = sorted({p for _change, p in changes if lintable(p, named_files, named_dirs, linter.config)})
            if not files:
                continue
            shown = ", ".join(os.path.relpath(f) for f in files)
            _err(tr("{time} {path} changed", time=time.strftime("%H:%M:%S"), path=shown))
            again = copy.copy(once)
            again.paths = files
            status = check(again)
            _err(ntr("re-linted {n} file; watching", "re-linted {n} files; watching", len(files)))
    except KeyboardInterrupt:
        pass
    return status
