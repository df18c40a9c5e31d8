"""Which files a run lints, and reading them safely.

Named files are always linted; folders are walked in sorted order, keeping
files that match ``include`` and skipping ``exclude``. Only regular files are
read, and never in a way that blocks (a named pipe, a socket, a device is
reported once and skipped).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from lint.config import Config
from lint.i18n import N_, _

PathLike = Union[str, os.PathLike]


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, N_("a named pipe")),
    (stat.S_ISSOCK, N_("a socket")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISDIR, N_("a folder")),
)


def special_file_message(mode: int) -> Optional[str]:
    """Why a file of this ``st_mode`` is not linted, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), N_("a special file"))
    return _("not a regular file ({kind}): skipped", kind=_(kind))


def read_file(path: str) -> tuple[Optional[bytes], Optional[str]]:
    """A file's bytes, or the message saying why it cannot be read.

    Opened without blocking (a named pipe with no writer would wait forever),
    and only a regular file is read."""
    nonblock = getattr(os, "O_NONBLOCK", 0)
    try:
        with open(path, "rb", opener=lambda p, flags: os.open(p, flags | nonblock)) as fh:
            problem = special_file_message(os.fstat(fh.fileno()).st_mode)
            if problem is not None:
                return None, problem
            return fh.read(), None
    except OSError as err:
        if err.errno == errno.ENXIO:  # a socket, or a device with nobody behind it
            try:
                return None, special_file_message(os.stat(path).st_mode) or _(
                    "cannot read: {reason}", reason=str(err.strerror or err)
                )
            except OSError:
                pass
        return None, _("cannot read: {reason}", reason=str(err.strerror or err))


# the error of a named path that does not exist (text output says "no such file or folder: PATH")
MISSING = _("no such file or directory")


def iter_files(paths: Iterable[PathLike], config: Config) -> Iterator[tuple[str, str, str, Optional[str]]]:
    """Yield ``(display path, real path, path relative to the config root, error)``.

    Named files are always linted; folders are walked, keeping files that match
    ``include`` and skipping ``exclude``. Symlinked folders are followed once;
    a loop is reported as an error.
    """
    root = config.root
    for p in paths:
        p = os.fspath(p)
        try:
            st = os.stat(p)
        except FileNotFoundError:
            if os.path.islink(p):
                yield p, p, rel_path(p, root), _("broken symlink")
            else:
                yield p, p, rel_path(p, root), MISSING
            continue
        except OSError as err:
            yield p, p, rel_path(p, root), _("cannot read: {reason}", reason=str(err.strerror or err))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(p, config, {(st.st_dev, st.st_ino)})
        else:
            yield p, p, rel_path(p, root), special_file_message(st.st_mode)


def rel_path(p: str, root: Path) -> str:
    """``p`` relative to ``root`` in POSIX form (as config patterns match it)."""
    try:
        return Path(os.path.abspath(p)).relative_to(root).as_posix()
    except ValueError:
        return Path(p).as_posix().lstrip("./") or p


def _walk(top: str, config: Config, ancestors: set) -> Iterator[tuple[str, str, str, Optional[str]]]:
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError as err:
        yield top, top, rel_path(top, config.root), _("cannot read folder: {reason}", reason=str(err.strerror or err))
        return
    for entry in entries:
        path = os.path.join(top, entry.name) if top not in (".", "") else entry.name
        rel = rel_path(path, config.root)
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError:
            is_dir = False
        if is_dir:
            if config.is_excluded(rel, is_dir=True):
                continue
            try:
                st = entry.stat()
            except OSError as err:
                yield path, path, rel, _("cannot read folder: {reason}", reason=str(err.strerror or err))
                continue
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                yield path, path, rel, _("symlink loop: this folder contains itself")
                continue
            yield from _walk(path, config, ancestors | {key})
            continue
        if config.is_excluded(rel) or not config.is_included(rel):
            continue
        if entry.is_symlink() and not os.path.exists(path):
            yield path, path, rel, _("broken symlink")
            continue
        try:
            problem = special_file_message(entry.stat().st_mode)  # follows symlinks; cached by scandir
        except OSError as err:
            problem = _("cannot read: {reason}", reason=str(err.strerror or err))
        yield path, path, rel, problem


def size_of(path: str) -> int:
    """A file's size in bytes (0 when it cannot be read): what the progress bar counts."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
