"""Records that share an id but not a title: merged with a warning naming both, and counted."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from graphkit import cli
from graphkit.sources import ReadStats, read_papers


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_same_id_other_title_is_warned_with_both_titles_and_places(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = _write(tmp_path / "a.jsonl", [{"id": "2301.00001", "title": "Sparse Experts"}])
    second = _write(
        tmp_path / "b.jsonl",
        [
            {"id": "x1", "title": "Other"},
            {"id": "2301.00001", "title": "Dense Retrieval", "abstract": "Text."},
        ],
    )
    stats = ReadStats()
    with caplog.at_level(logging.WARNING, logger="graphkit.sources"):
        papers = list(read_papers([first, second], stats=stats))
    assert [p.title for p in papers] == ["Sparse Experts", "Other"]
    assert stats.conflicts == 1 and stats.duplicates == 1
    warning = next(r.getMessage() for r in caplog.records if "another title" in r.getMessage())
    assert "b.jsonl:2" in warning and "a.jsonl:1" in warning
    assert "'Sparse Experts'" in warning and "'Dense Retrieval'" in warning


def test_same_paper_twice_is_no_conflict(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    record = {"id": "2301.00001", "title": "Sparse  experts"}
    source = _write(tmp_path / "a.jsonl", [record, {**record, "title": "sparse Experts"}])
    stats = ReadStats()
    with caplog.at_level(logging.WARNING, logger="graphkit.sources"):
        list(read_papers([source], stats=stats))
    assert stats.conflicts == 0 and stats.duplicates == 1
    assert not caplog.records


def test_build_summary_counts_conflicts(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    source = _write(
        tmp_path / "a.jsonl",
        [{"id": "p1", "title": "Sparse Experts"}, {"id": "p1", "title": "Dense Retrieval"}],
    )
    assert cli.main(["build", "-o", str(tmp_path / "out"), str(source)]) == 0
    captured = capsys.readouterr()
    assert "(2 records, 1 duplicates merged, 1 id conflicts, 0 skipped)" in captured.out
