"""Outputs that cannot be written get a message naming the output path and exit code 1, and
earlier outputs stay as they were: a file in the way, a folder given for a file, a full disk."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit import cli
from graphkit.run.pipeline import OUTPUT_FILES

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "sources"
PAPERS = str(FIXTURES / "plain.jsonl")


def test_output_folder_under_a_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    assert cli.main(["build", "-q", "-o", str(blocker / "out"), PAPERS]) == 1
    assert f"cannot write {blocker / 'out'}: {blocker} is a file" in capsys.readouterr().err
    assert cli.main(["extract", "-q", "-o", str(blocker / "x.jsonl"), PAPERS]) == 1
    assert f"{blocker} is a file, not a folder" in capsys.readouterr().err
    assert cli.main(["build", "-q", "-o", str(blocker), PAPERS]) == 1
    assert "exists and is not a folder" in capsys.readouterr().err


def test_extract_to_an_existing_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["extract", "-q", "-o", str(tmp_path), PAPERS]) == 1
    assert f"cannot write {tmp_path}: it is a folder" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    assert cli.main(["extract", "-q", "-o", str(locked / "x.jsonl"), PAPERS]) == 1
    assert f"cannot write {locked / 'x.jsonl'}" in capsys.readouterr().err


def _limit_file_size() -> None:
    """In the child: files may not grow past 4 KB, and writing past it fails with EFBIG."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("command", ["build", "extract"])
def test_full_disk_keeps_earlier_outputs(tmp_path: Path, command: str) -> None:
    source = tmp_path / "papers.jsonl"
    records = ({"title": f"Paper {i}", "abstract": "We use ResNet on ImageNet."} for i in range(40))
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUT_FILES:
        (out / name).write_text("previous\n")
    target = out if command == "build" else out / "extractions.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "graphkit", command, "-q", "-o", str(target), str(source)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=_limit_file_size,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"cannot write {target}: File too large" in result.stderr
    assert all((out / name).read_text() == "previous\n" for name in OUTPUT_FILES)
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)
