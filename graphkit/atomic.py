"""Atomic file output: write beside the target, then rename into place."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from graphkit.errors import OutputError
from graphkit.staging import remove_stale, tag

WRITE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO, errno.EACCES, errno.EPERM}
)
"""Errors of writing that mean the output cannot be written (full disk, read-only, ...)."""

TEMP_SUFFIX = ".tmp"


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success rename it over ``path``.

    If the body raises (bad input, Ctrl-C), the temporary file is removed and
    whatever was at ``path`` before is left untouched; temporary files of ``path``
    that killed runs left are removed first. An output that cannot be
    written (a folder at ``path`` or a file in the way of its folder, no
    permission, a full disk) is an :class:`~graphkit.errors.OutputError` naming it.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(target, "it is a folder; give a file name")
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
        kwargs.setdefault("newline", "\n")
    prefix = f".{target.name}."
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(target.parent, prefix, TEMP_SUFFIX)
        fd, tmp = tempfile.mkstemp(prefix=prefix + tag(), suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise folder_error(target, exc) from exc
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if exc.errno in WRITE_ERRNOS or exc.filename in (tmp, str(target)):
            raise OutputError.of(target, exc) from exc
        raise
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def folder_error(target: Path, exc: OSError) -> OutputError:
    """The error for an output whose folder cannot be made: it names a file in the way."""
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                return OutputError(target, f"{parent} is a file, not a folder")
            break
    return OutputError.of(target, exc)


def _umask() -> int:
    """Return the process umask without changing it."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
