"""Folder inputs: subfolders are read, stray files are left out with a warning, and an input
without papers is an error that leaves earlier outputs alone unless --allow-empty."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from graphkit import cli
from graphkit.run.pipeline import OUTPUT_FILES
from graphkit.sources import ReadStats, expand_paths, read_papers

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def _jsonl(path: Path, *titles: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"title": t}) + "\n" for t in titles), encoding="utf-8")
    return path


def test_subfolders_are_read_in_name_order(tmp_path: Path) -> None:
    _jsonl(tmp_path / "2024" / "b.jsonl", "Paper Three")
    _jsonl(tmp_path / "2023" / "a.jsonl", "Paper One", "Paper Two")
    _jsonl(tmp_path / "2023" / ".hidden" / "c.jsonl", "Hidden Paper")
    _jsonl(tmp_path / "top.jsonl", "Paper Four")
    papers = list(read_papers([tmp_path]))
    assert [p.title for p in papers] == ["Paper One", "Paper Two", "Paper Three", "Paper Four"]


def test_stray_files_in_a_folder_are_ignored_with_one_warning_each(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _jsonl(tmp_path / "papers.jsonl", "Kept Paper")
    (tmp_path / "README.md").write_text("# Corpus\n\nPapers by year.\n")
    (tmp_path / "notes.txt").write_text("Remember to add the 2025 papers.\n")
    (tmp_path / "listing.txt").write_bytes((FIXTURES / "listing_no_abstracts.txt").read_bytes())
    stats = ReadStats()
    with caplog.at_level(logging.WARNING, logger="graphkit.sources"):
        papers = list(read_papers([tmp_path], stats=stats))
    assert "Kept Paper" in [p.title for p in papers] and len(papers) > 1
    assert stats.ignored == 2
    ignored = [r.getMessage() for r in caplog.records if r.getMessage().startswith("ignored")]
    assert len(ignored) == 2
    assert any(str(tmp_path / "README.md") in m for m in ignored)
    assert any(str(tmp_path / "notes.txt") in m and "--format listing" in m for m in ignored)


def test_a_named_file_of_unknown_format_is_still_an_error(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Corpus\n")
    assert cli.main(["build", "-o", str(tmp_path / "out"), str(readme)]) == 1


def test_expand_paths_recurses(tmp_path: Path) -> None:
    deep = _jsonl(tmp_path / "a" / "b" / "c.jsonl", "Deep")
    assert expand_paths([tmp_path]) == [deep]


@pytest.mark.parametrize("command", ["build", "extract"])
def test_no_papers_is_an_error_and_earlier_outputs_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture, command: str
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "2023").mkdir(parents=True)
    (corpus / "2023" / "empty.jsonl").write_text("")
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUT_FILES:
        (out / name).write_text("previous\n")
    target = out if command == "build" else out / "extractions.jsonl"
    assert cli.main([command, "-o", str(target), str(corpus)]) == 1
    err = capsys.readouterr().err
    assert str(corpus) in err and "no papers" in err and "--allow-empty" in err
    assert all((out / name).read_text() == "previous\n" for name in OUTPUT_FILES)
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)


def test_allow_empty_extract_writes_an_empty_file(tmp_path: Path) -> None:
    target = tmp_path / "x.jsonl"
    empty = str(FIXTURES / "empty.jsonl")
    assert cli.main(["extract", "-q", "-o", str(target), "--allow-empty", empty]) == 0
    assert target.read_text() == ""
