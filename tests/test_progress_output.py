"""What extraction prints: the progress bar's rate is the summary's, and a Dask run prints no
INFO lines of Dask's own unless ``-v``."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _run_on_a_terminal(args: list[str], cwd: Path) -> str:
    """Run ``python -m graphkit ARGS`` with stderr on a pseudo-terminal; return what it drew."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        run = subprocess.run(
            [sys.executable, "-m", "graphkit", *args],
            cwd=cwd,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=slave,
            timeout=300,
        )
    finally:
        os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    assert run.returncode == 0, b"".join(chunks).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8", "replace")


def test_the_bar_and_the_summary_give_one_rate(sample_dir: Path, tmp_path: Path) -> None:
    listing = min(sample_dir.glob("*.txt"), key=lambda p: p.stat().st_size)
    text = _run_on_a_terminal(["extract", str(listing), "-o", "out.jsonl"], tmp_path)
    bars = re.findall(r"(\d+)/(\d+) \[[^\]]*?, *([\d.]+) papers/s\]", text)
    assert bars, text
    done, total, bar_rate = bars[-1]
    assert done == total
    summary = re.search(r"extraction ([\d.]+) s, (\d+) papers/s", text)
    assert summary, text
    rate = float(summary.group(2))
    assert abs(float(bar_rate) - rate) <= max(1.0, 0.05 * rate), (bar_rate, rate)


@pytest.mark.slow
def test_a_dask_run_prints_dask_info_only_with_v(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    papers = tmp_path / "papers.jsonl"
    papers.write_text(
        json.dumps({"id": "p1", "title": "ResNet on CIFAR-10", "abstract": "We train ResNet."})
        + "\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "graphkit"]
    args = ["extract", str(papers), "--engine", "dask", "--workers", "1", "-q"]
    quiet = subprocess.run(
        [*command, *args, "-o", str(tmp_path / "a")], env=ENV, capture_output=True, text=True
    )
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ""
    loud = subprocess.run(
        [*command, "-v", *args, "-o", str(tmp_path / "b")], env=ENV, capture_output=True, text=True
    )
    assert loud.returncode == 0, loud.stderr
    assert "INFO: State start" in loud.stderr
