"""SIGTERM and SIGHUP stop a run as Ctrl-C does, and staging files that killed runs left are
removed by the next run (those of runs still going are kept)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graphkit import cli
from graphkit.staging import STALE_AGE, tag

REPO = Path(__file__).resolve().parents[1]
PAPERS = str(Path(__file__).parent / "fixtures" / "sources" / "plain.jsonl")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_stop_signal_leaves_no_output(tmp_path: Path, signum: int) -> None:
    """Stop a run that is reading from a pipe, half way through its input."""
    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "graphkit", "extract", str(fifo), "-o", str(out), "-q"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    writer = fifo.open("w", encoding="utf-8")
    writer.writelines(json.dumps({"title": f"Paper {i}"}) + "\n" for i in range(50))
    writer.flush()
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.jsonl.*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(tmp_path.glob(".out.jsonl.*")), "the run never started writing"
    process.send_signal(signum)
    closer = threading.Timer(5, writer.close)
    closer.start()
    _, err = process.communicate(timeout=60)
    closer.cancel()
    if not writer.closed:
        writer.close()
    assert process.returncode == 128 + signum, err
    assert "interrupted" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


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
