"""``-`` stands for standard input, read like a file and named ``<stdin>`` in messages."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from graphkit import cli
from graphkit.sources import read_papers

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_dash_reads_standard_input_among_files(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b'{"title": "From Standard Input"}\n{"title": "Second One"}\n')
    papers = list(read_papers([FIXTURES / "single.json", "-"]))
    assert [p.title for p in papers][-2:] == ["From Standard Input", "Second One"]
    assert papers[-1].source == "<stdin>"


def test_errors_in_standard_input_name_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    _stdin(monkeypatch, b'{"title": "Good"}\n{"title": bad}\n')
    assert cli.main(["extract", "-q", "-", "-o", str(tmp_path / "x.jsonl")]) == 1
    assert "<stdin>:2: invalid JSON" in capsys.readouterr().err


def test_extract_from_standard_input(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _stdin(monkeypatch, b"title,abstract\nPiped Paper,We use ResNet on ImageNet.\n")
    out = tmp_path / "x.jsonl"
    assert cli.main(["extract", "-q", "-", "-o", str(out)]) == 0
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["title"] == "Piped Paper"
    assert {e["name"] for e in record["entities"]} >= {"ResNet", "ImageNet"}
