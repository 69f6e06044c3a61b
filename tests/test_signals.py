"""Staging files that killed runs left are removed by the next run (those of runs still going
are kept). That SIGTERM and SIGHUP stop a run as Ctrl-C does is tested in test_extract_cli."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from graphkit import cli
from graphkit.staging import STALE_AGE, tag

PAPERS = str(Path(__file__).parent / "fixtures" / "sources" / "plain.jsonl")


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _old(path: Path) -> Path:
    then = time.time() - STALE_AGE - 60
    os.utime(path, (then, then))
    return path


def test_next_build_removes_staging_folders_of_killed_runs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    host = tag().partition("~")[0]
    dead = out / f".build-{host}~{_dead_pid()}~abc"
    (dead / "graph.ttl").parent.mkdir(parents=True)
    (dead / ".graph.ttl.x.tmp").write_text("half written")
    running = out / f".build-{tag()}def"
    running.mkdir()
    old = out / ".build-oldstyle"
    old.mkdir()
    _old(old)
    recent = out / ".build-recent"
    recent.mkdir()
    assert cli.main(["build", "-q", "-o", str(out), PAPERS]) == 0
    assert not dead.exists() and not old.exists()
    assert running.exists() and recent.exists()


def test_next_extract_removes_temporary_files_of_killed_runs(tmp_path: Path) -> None:
    host = tag().partition("~")[0]
    dead = tmp_path / f".x.jsonl.{host}~{_dead_pid()}~abc.tmp"
    dead.write_text("half written")
    other = tmp_path / f".other.jsonl.{host}~{_dead_pid()}~abc.tmp"
    other.write_text("another output's")
    assert cli.main(["extract", "-q", "-o", str(tmp_path / "x.jsonl"), PAPERS]) == 0
    assert not dead.exists() and other.exists()
