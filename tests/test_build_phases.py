"""``-v`` shows what a build reads and each phase after extraction; without it the build
prints only its summary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAPERS = Path(__file__).parent / "fixtures" / "sources" / "plain.jsonl"


def _build(tmp_path: Path, *flags: str) -> str:
    command = [sys.executable, "-m", "graphkit", *flags, "build", "-o", str(tmp_path), str(PAPERS)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_verbose_tells_inputs_and_phases(tmp_path: Path) -> None:
    err = _build(tmp_path, "-v")
    assert f"INFO: reading {PAPERS} as jsonl" in err
    for phase in ("settling the graph", "writing graph.json", "writing graph.ttl"):
        assert f"INFO: {phase} ..." in err
    assert _build(tmp_path) == ""
