"""Compiled regular expressions kept between processes.

Compiling newslint's patterns (the classifier's bylines, credits and datelines,
the rules' guards) costs about 80 ms per process: more than a third of the time
a new process takes to lint one draft, for the same result every time. Neither
``re`` nor ``regex`` can save a compiled pattern (pickling one compiles it
again), but both turn a pattern into a list of integers (the matching engine's
code) in Python and hand it to a small C constructor. This module keeps those
lists in one file in the user's cache folder and hands them to the constructor
directly the next time.

The file is named after everything that could make the code differ: the
Python build (``sys.version``), the ``re`` engine's ``MAGIC``, the ``regex``
version. Any failure (a missing or damaged file, an engine that changed its
constructor, a pattern that uses ``regex``'s named lists) falls back to an
ordinary compile, so the cache can only cost time, never change a match;
``tests/test_compiled.py`` compiles every pattern both ways and compares them.
New entries are written once, atomically, when the process exits, with a
checksum that is verified before anything is read back.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
import zlib
from typing import TYPE_CHECKING, Any, AnyStr, Optional

if TYPE_CHECKING:
    import re

__all__ = ["compile_re", "compile_regex", "cache_path"]

_MAX_ENTRIES = 4000  # patterns a process may add; beyond that the file starts afresh

_lock = threading.Lock()
_entries: Optional[dict] = None  # (engine, pattern, flags) -> constructor arguments
_added = 0


def cache_path() -> str:
    import _sre

    import regex

    from lint.usercache import user_cache_dir

    tag = zlib.crc32(f"{sys.version}|{_sre.MAGIC}|{regex.__version__}".encode())
    return os.path.join(user_cache_dir(), f"patterns-{tag:08x}.marshal")


def _load() -> dict:
    global _entries
    if _entries is None:
        from lint.usercache import read_cached

        # (checksummed: damaged code must never reach a C constructor)
        loaded = read_cached(cache_path())
        _entries = loaded if isinstance(loaded, dict) else {}
    return _entries


def _recall(key: tuple) -> Optional[tuple]:
    """The constructor's arguments after the pattern, or None."""
    entry = _load().get(key)
    if entry is None:
        return None
    from array import array

    flags, code, *rest = entry
    return (flags, array("q", code).tolist(), *rest)


def _from_cache(key: tuple, construct: Any, pattern: Any) -> Any:
    """The compiled pattern from the cached constructor arguments, or None
    (not cached, or an engine whose constructor changed)."""
    args = _recall(key)
    if args is None:
        return None
    try:
        return construct(pattern, *args)
    except Exception:  # pragma: no cover - an engine that changed its constructor
        return None


def _remember(key: tuple, args: tuple) -> None:
    """Keep the constructor's arguments (flags, engine code, the rest), the
    code packed as 64-bit integers: a list of Python ints is slow to load."""
    global _added
    from array import array

    flags, code, *rest = args
    entry = (int(flags), array("q", [int(c) for c in code]).tobytes(), *rest)  # opcodes can be named ints
    with _lock:
        entries = _load()
        if key not in entries and _added < _MAX_ENTRIES:
            if not _added:
                atexit.register(_save)
            entries[key] = entry
            _added += 1


def _save() -> None:
    if not _added or _entries is None:
        return
    try:
        from lint.usercache import prune, write_cached

        entries = _entries if len(_entries) <= 2 * _MAX_ENTRIES else {}
        path = cache_path()
        write_cached(path, entries)
        prune(os.path.dirname(path), "patterns-", ".marshal", keep=4)  # other Pythons, older regex
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time


# --- re -------------------------------------------------------------------------


def compile_re(pattern: AnyStr, flags: int = 0) -> "re.Pattern[AnyStr]":
    """``re.compile(pattern, flags)``, from the cache when it holds the pattern."""
    import _sre
    import re

    flags = int(flags)
    key = ("re", pattern, flags)
    cached = _from_cache(key, _sre.compile, pattern)
    if cached is not None:
        return cached
    try:
        # what re._compiler.compile does, keeping the constructor's arguments
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        args = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        compiled = _sre.compile(pattern, *args)
    except re.error:
        raise
    except Exception:  # pragma: no cover - internals moved: compile the ordinary way
        return re.compile(pattern, flags)
    _remember(key, args)
    return compiled


# --- regex ----------------------------------------------------------------------


class _Capture(threading.local):
    active = False  # compile_regex is compiling on this thread
    args: Optional[tuple] = None  # what regex's compiler gave its constructor meanwhile


_capture = _Capture()
_hooked = False


def _hook_regex() -> None:
    """Have regex's compiler show newslint the arguments it gives its C
    constructor (only while :func:`compile_regex` compiles; everything else
    passes through unchanged)."""
    global _hooked
    if not _hooked:
        from regex import _main

        real = _main._regex

        class _Engine:
            def __getattr__(self, name: str) -> Any:
                return getattr(real, name)

            @staticmethod
            def compile(*args: Any) -> Any:
                if _capture.active and _capture.args is None:
                    _capture.args = args
                return real.compile(*args)

        _main._regex = _Engine()
        _hooked = True


def compile_regex(pattern: str, flags: int = 0) -> Any:
    """``regex.compile(pattern, flags)``, from the cache when it holds the pattern."""
    import regex

    flags = int(flags)
    key = ("regex", pattern, flags)
    try:
        from regex import _regex
    except ImportError:  # pragma: no cover - internals moved
        cached = None
    else:
        cached = _from_cache(key, _regex.compile, pattern)
    if cached is not None:
        return cached
    try:
        _hook_regex()
    except Exception:  # pragma: no cover - internals moved
        return regex.compile(pattern, flags)
    _capture.active, _capture.args = True, None
    try:
        compiled = regex.compile(pattern, flags, cache_pattern=False)
        captured = _capture.args
    finally:
        _capture.active, _capture.args = False, None
    # arguments: pattern, flags, code, group_index, index_group, named_lists, ...
    if captured is not None and len(captured) == 11 and captured[0] is pattern and not captured[5]:
        _remember(key, captured[1:])
    return compiled
