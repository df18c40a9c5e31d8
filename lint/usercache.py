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

import marshal
import os
import zlib
from typing import Any

__all__ = ["user_cache_dir", "prune", "read_cached", "write_cached"]


def user_cache_dir() -> str:
    """``~/.cache/newslint`` on Linux (under ``$XDG_CACHE_HOME`` when set); the
    platform's own place elsewhere."""
    from platformdirs import user_cache_dir as _platform_cache

    return _platform_cache("newslint", appauthor=False)


def read_cached(path: str) -> Any:
    """The value :func:`write_cached` saved at ``path``, or None when there is
    none or it is damaged (its checksum is verified before it is read back)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    if len(data) < 4 or int.from_bytes(data[:4], "little") != zlib.crc32(data[4:]):
        return None
    try:
        return marshal.loads(data[4:])
    except (ValueError, EOFError, TypeError):
        return None


def write_cached(path: str, value: Any) -> None:
    """Save ``value`` (built-in types only: str, numbers, lists, tuples, dicts)
    atomically, with a checksum. marshal, not JSON: reading it back needs no
    import (start-up time) and keeps tuples. Raises OSError."""
    from lint.atomic import write_new

    data = marshal.dumps(value)
    write_new(path, zlib.crc32(data).to_bytes(4, "little") + data, make_folder=True)


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
