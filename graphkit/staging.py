"""Names of outputs in progress, and the cleaning of those that a killed run left behind.

Files and folders written before they are moved into place carry the host and
process id of the run that makes them (``.graph.ttl.host~4242~x1y2.tmp``,
``.build-host~4242~x1y2``). A later run removes those whose process is gone, and
those of other hosts or of older versions once they are a day old, so that a
run killed beyond catching (SIGKILL, power loss) costs no disk space for long.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import socket
import time
from pathlib import Path

STALE_AGE = 24 * 3600
"""Seconds after which a staging entry of another host, or without a tag, is stale."""

log = logging.getLogger("graphkit.staging")

_TAG = re.compile(r"(?P<host>[^~/]*)~(?P<pid>\d+)~")


def tag() -> str:
    """The tag of this run in staging names: ``<host>~<pid>~``."""
    host = re.sub(r"[^A-Za-z0-9.-]", "", socket.gethostname())
    return f"{host}~{os.getpid()}~"


def _alive(pid: int) -> bool:
    """Tell whether process ``pid`` runs on this host."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale(entry: Path, rest: str, now: float) -> bool:
    """Tell whether a staging entry (``rest``: its name after the prefix) was left by a run
    that is over."""
    found = _TAG.match(rest)
    if found and found["host"] == tag().partition("~")[0]:
        return not _alive(int(found["pid"]))
    try:
        return now - entry.lstat().st_mtime > STALE_AGE
    except FileNotFoundError:
        return False


def remove_stale(folder: Path, prefix: str, suffix: str = "") -> list[Path]:
    """Remove the entries of ``folder`` named ``<prefix>...<suffix>`` that runs now over left
    behind; return them."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = [e for e in folder.iterdir() if e.name.startswith(prefix)]
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.endswith(suffix) or not _stale(entry, entry.name[len(prefix) :], now):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
            log.info("removed %s, left by a run that did not finish", entry)
    return removed
