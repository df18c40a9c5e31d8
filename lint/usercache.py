"""newslint's folder in the user's cache, and keeping it small.

Per-machine files that only save time live there: the entry-point list
(``lint.manager``), the parsed default config (``lint.config``), the word
lexicon (``lint.lang.words``) and compiled patterns (``lint.lang.compiled``).
Each is named after what it was made from, so an upgrade writes a new file;
:func:`prune` keeps the newest few of each kind so that old ones do not pile
up. Deleting the folder is always safe. Findings are cached per project, not
here (``lint.run.cache``).
"""

from __future__ import annotations

import os

__all__ = ["user_cache_dir", "prune"]


def user_cache_dir() -> str:
    """``~/.cache/newslint`` on Linux (under ``$XDG_CACHE_HOME`` when set); the
    platform's own place elsewhere."""
    from platformdirs import user_cache_dir as _platform_cache

    return _platform_cache("newslint", appauthor=False)


def prune(folder: str, prefix: str, suffix: str, keep: int) -> None:
    """Keep the ``keep`` most recently written files of one kind (names that
    start with ``prefix`` and end with ``suffix``) in ``folder``."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    files = [os.path.join(folder, f) for f in names if f.startswith(prefix) and f.endswith(suffix)]
    if len(files) <= keep:
        return

    def written(path: str) -> float:
        try:
            return os.stat(path).st_mtime
        except OSError:
            return 0.0

    files.sort(key=written, reverse=True)
    for f in files[keep:]:
        try:
            os.unlink(f)
        except OSError:
            pass
