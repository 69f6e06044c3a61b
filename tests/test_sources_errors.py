"""Bad input: every reader names file and line, and skipping logs and counts."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.sources import ReadStats, read_papers

BAD = Path(__file__).parent / "fixtures" / "sources" / "bad"
EMPTY = Path(__file__).parent / "fixtures" / "sources"

# file, line named by the error, message part, titles kept when skipping, records skipped
CASES = [
    ("bad_line.jsonl", 2, "invalid JSON", ["Good Before", "Good After"], 1),
    ("missing_title.jsonl", 2, "record has no title", ["Has A Title", "Last One"], 3),
    ("missing_title.json", 3, "record has no title", ["Kept", "Also Kept"], 1),
    ("truncated.json", 3, "truncated JSON", ["Complete Record"], 1),
    ("unclosed.json", 3, "truncated JSON: the array is not closed", ["Complete Record"], 1),
    ("syntax.json", 3, "invalid JSON", ["Good"], 1),
    ("non_utf8.jsonl", 2, "not UTF-8", ["Good", "Good Again"], 1),
    ("non_utf8.json", 2, "not UTF-8", ["Good"], 1),
    ("non_utf8.txt", 7, "not UTF-8", ["First Good Paper", "Last Good Paper"], 1),
    ("orphan_meta.txt", 3, "no paper before it", ["A Paper After The Orphan Block"], 1),
    ("abstract_first.txt", 3, "abstract with no title", ["A Proper Title"], 1),
    ("doctype.atom", 2, "document type declaration is refused", [], 1),
    ("malformed.atom", 4, "malformed XML", ["Read Before The Error"], 1),
    ("truncated.atom", 5, "malformed XML", ["Complete Entry"], 1),
    ("missing_title.atom", 4, "record has no title", ["Has A Title"], 1),
    ("extra_cells.csv", 3, "row has 4 cells", ["Good Row", "Another Good Row"], 1),
    ("missing_title.csv", 3, "record has no title", ["Good Row"], 1),
    ("no_title_column.csv", 1, "no 'title' column", [], 1),
    ("non_utf8.csv", 3, "not UTF-8", ["Good", "Also Good"], 1),
    ("malformed.bib", 6, "malformed BibTeX entry", ["First Good Entry", "Second Good Entry"], 1),
    ("missing_title.bib", 1, "record has no title", ["Titled Entry"], 1),
    ("non_utf8.bib", 2, "not UTF-8", ["Fine Entry"], 1),
]


@pytest.mark.parametrize(("name", "line", "message", "kept", "skipped"), CASES)
def test_bad_input_raises_naming_file_and_line(
    name: str, line: int, message: str, kept: list[str], skipped: int
) -> None:
    with pytest.raises(InputError) as info:
        list(read_papers([BAD / name]))
    error = info.value
    assert error.path == str(BAD / name) and error.line == line
    assert message in str(error)
    assert str(error).startswith(f"{BAD / name}:{line}: ")


@pytest.mark.parametrize(("name", "line", "message", "kept", "skipped"), CASES)
def test_bad_input_is_skipped_logged_and_counted(
    caplog: pytest.LogCaptureFixture,
    name: str,
    line: int,
    message: str,
    kept: list[str],
    skipped: int,
) -> None:
    stats = ReadStats()
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        papers = list(read_papers([BAD / name], on_error="skip", stats=stats))
    assert [p.title for p in papers] == kept
    assert stats.skipped == skipped == len(stats.errors)
    assert f"{BAD / name}:{line}: " in stats.errors[0] and message in stats.errors[0]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert sum(f"{BAD / name}:" in w for w in warnings) == skipped


def test_skipping_goes_on_with_the_next_file(sample_dir: Path) -> None:
    stats = ReadStats()
    inputs = [BAD / "truncated.json", sample_dir / "004_44a1f0b37e753806.txt"]
    papers = list(read_papers(inputs, on_error="skip", stats=stats))
    assert len(papers) == 1 + 58 - stats.duplicates
    assert (stats.files, stats.skipped) == (2, 1)


def test_errors_surface_before_any_paper_is_yielded(sample_dir: Path) -> None:
    papers = read_papers([sample_dir / "000_11f171b19cd07a14.txt", BAD / "bad_line.jsonl"])
    with pytest.raises(InputError):
        next(papers)


@pytest.mark.parametrize(
    "name", ["empty.txt", "empty.json", "empty.jsonl", "empty.atom", "empty.bib", "blank.csv"]
)
def test_empty_files_give_no_papers_and_a_warning(
    caplog: pytest.LogCaptureFixture, name: str
) -> None:
    stats = ReadStats()
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        assert list(read_papers([EMPTY / name], stats=stats)) == []
    assert (stats.files, stats.records, stats.skipped) == (1, 0, 0)
    assert "empty file" in caplog.text


@pytest.mark.parametrize("fmt", ["listing", "json", "jsonl", "atom", "csv", "tsv", "bibtex"])
def test_empty_file_with_a_forced_format(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "empty"
    path.write_bytes(b"")
    assert list(read_papers([path], format=fmt)) == []


def test_on_error_must_be_raise_or_skip() -> None:
    from graphkit.errors import UsageError

    with pytest.raises(UsageError):
        read_papers([EMPTY / "plain.jsonl"], on_error="ignore")


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('{"title": "Spaced"} \t\r', None),
        (' \t{"title": "Spaced"}', None),
        ('{"title": "Spaced"} junk', "invalid JSON: Extra data (column 21)"),
        ('{"title": "Spaced"}\x0b', "invalid JSON: Extra data (column 20)"),
        ('{"title": "Spaced"}\u00a0', "invalid JSON: Extra data (column 20)"),
        ('\ufeff{"title": "Spaced"}', "invalid JSON: Unexpected UTF-8 BOM"),
        ('{"title": "Spaced"}{}', "invalid JSON: Extra data (column 20)"),
        ('"just text"', "record: expected a JSON object, got str"),
    ],
)
def test_a_json_lines_line_is_one_json_value_with_json_white_space_around(
    tmp_path: Path, line: str, error: str | None
) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_text('{"title": "First"}\n' + line + "\n", encoding="utf-8")
    if error is None:
        assert [p.title for p in read_papers([path])] == ["First", "Spaced"]
        return
    with pytest.raises(InputError) as info:
        list(read_papers([path]))
    assert info.value.line == 2 and error in str(info.value)
