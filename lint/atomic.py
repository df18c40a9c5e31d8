"""Writing files so that a reader sees the old file or the new one, never half.

One home for the temporary-file-and-rename pattern, used by everything newslint
writes: fixes to a user's file and the review page's save (:func:`replace_file`:
keeps the file's permissions and owner, refuses a read-only file, syncs to
disk), and its own files (:func:`write_new`: baselines, cache entries, the
entry-point list, archive output parts; :func:`atomic_path` for files another
library writes, such as the SQLite lexicon).
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from typing import Iterator, Union

Data = Union[bytes, str]


@contextmanager
def atomic_path(path: str, *, make_folder: bool = False) -> Iterator[str]:
    """A temporary path beside ``path`` to write to; on leaving the block it is
    renamed over ``path`` (or removed, if the block raised)."""
    folder = os.path.dirname(path) or "."
    if make_folder:
        os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _write(tmp: str, data: Data, sync: bool) -> None:
    with open(tmp, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        if sync:
            fh.flush()
            os.fsync(fh.fileno())


def write_new(path: str, data: Data, *, make_folder: bool = False, sync: bool = False) -> None:
    """Write one of newslint's own files (text is written as UTF-8)."""
    with atomic_path(path, make_folder=make_folder) as tmp:
        _write(tmp, data, sync)


def replace_file(path: str, data: bytes) -> None:
    """Replace a user's file (through a symlink, the file it points at),
    keeping its permission bits and, where allowed, its owner. Raises OSError
    on failure and leaves the original untouched; a read-only file is refused."""
    real = os.path.realpath(path)
    st = os.stat(real)
    if not os.access(real, os.W_OK) or not (st.st_mode & 0o222):
        raise PermissionError(13, "file is read-only", path)
    with atomic_path(real) as tmp:
        _write(tmp, data, sync=True)
        os.chmod(tmp, st.st_mode & 0o7777)
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass
