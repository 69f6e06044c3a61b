"""``graphkit extract``: one JSON object per paper, streamed, written only when the run succeeds."""

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

from graphkit.cli import main
from graphkit.sources import read_papers


@pytest.fixture(scope="module")
def sample_output(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """extractions.jsonl of the sample corpus, written quietly."""
    path = tmp_path_factory.mktemp("extract") / "sample.jsonl"
    assert main(["extract", str(sample_dir), "-o", str(path), "--quiet"]) == 0
    return path


def test_one_record_per_paper_in_input_order(sample_dir: Path, sample_output: Path) -> None:
    records = [json.loads(line) for line in sample_output.read_text("utf-8").splitlines()]
    assert [r["id"] for r in records] == [p.id for p in read_papers([sample_dir])]
    for record in records:
        assert list(record)[:2] == ["id", "title"]
        for entity in record["entities"]:
            assert entity["type"] in {"method", "dataset", "metric", "task", "repo", "link"}
            assert entity["id"].startswith(entity["type"] + "/")
            assert entity["mentions"], entity


def test_rerun_is_byte_identical_and_workers_do_not_change_it(
    sample_dir: Path, sample_output: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again.jsonl"
    command = ["extract", str(sample_dir), "-o", str(again), "-q", "--workers", "2"]
    assert main([*command, "--batch-size", "16"]) == 0
    assert again.read_bytes() == sample_output.read_bytes()


def test_summary_goes_to_stderr_unless_quiet_and_no_bar_off_a_terminal(
    sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    files = sorted(sample_dir.iterdir())[:1]
    out = tmp_path / "one.jsonl"
    assert main(["extract", *map(str, files), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    count = len(out.read_text("utf-8").splitlines())
    assert captured.out == ""
    assert f"{count}/{count}" not in captured.err
    assert "papers/s" in captured.err
    assert f"extracted {count} papers" in captured.err
    assert main(["extract", *map(str, files), "-o", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def _jsonl(path: Path, count: int, bad_line: int | None = None) -> Path:
    lines = [
        json.dumps({"id": f"p{i}", "title": f"Paper {i}", "abstract": "We train ResNet-50."})
        for i in range(count)
    ]
    if bad_line is not None:
        lines[bad_line - 1] = "{not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_bad_record_leaves_the_old_output_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 300, bad_line=250)
    out = tmp_path / "out.jsonl"
    out.write_text("earlier output\n", encoding="utf-8")
    assert main(["extract", str(source), "-o", str(out), "-q", "--batch-size", "8"]) == 1
    assert "in.jsonl:250" in capsys.readouterr().err
    assert out.read_text("utf-8") == "earlier output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_skip_goes_past_a_bad_record(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 30, bad_line=10)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "-o", str(out), "-q", "--on-error", "skip"]) == 0
    ids = [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()]
    assert "p9" not in ids and "p10" in ids


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]
)
@pytest.mark.usefixtures("ctrl_c_reaches_children")
def test_ctrl_c_or_a_stop_signal_leaves_no_output(tmp_path: Path, signum: int, code: int) -> None:
    """Interrupt a run that is reading from a pipe, half way through its input."""
    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "graphkit", "extract", str(fifo), "-o", str(out), "-q"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    lines = [json.dumps({"id": f"p{i}", "title": f"Paper {i}"}) + "\n" for i in range(200)]
    writer = fifo.open("w", encoding="utf-8")
    writer.writelines(lines)
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
    assert process.returncode == code, err
    assert "interrupted" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_bad_flags_are_usage_errors(sample_dir: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "x.jsonl")
    assert main(["extract", str(sample_dir), "-o", out, "--workers", "-1"]) == 2
    assert main(["extract", str(sample_dir), "-o", out, "--shards", "3"]) == 2
    assert main(["extract", str(sample_dir), "-o", out, "--batch-size", "0"]) == 2
    assert not Path(out).exists()
