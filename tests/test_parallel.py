"""graphkit.run.parallel: a pool of workers gives the single-process result, in order, and
reports failures by file and line."""

from __future__ import annotations

import gc
import json
from itertools import islice
from pathlib import Path

import pytest

from graphkit.errors import GraphkitError, InputError
from graphkit.models import Paper
from graphkit.run.parallel import (
    ExtractionPool,
    RenewingExtractor,
    extraction_line,
    iter_extraction_lines,
    iter_extractions,
    iter_extractions_with_lines,
)
from graphkit.sources import read_papers


@pytest.fixture(scope="module")
def papers(sample_dir: Path) -> list[Paper]:
    """Eighty sample papers: enough for several small batches in flight at once."""
    return list(islice(read_papers([sample_dir]), 80))


@pytest.fixture(scope="module")
def single(papers: list[Paper]) -> list[str]:
    """The lines of extractions.jsonl from one process."""
    return [extraction_line(e) for e in iter_extractions(papers, workers=1, batch_size=16)]


def test_one_record_per_paper_in_input_order(papers: list[Paper], single: list[str]) -> None:
    assert [json.loads(line)["id"] for line in single] == [p.id for p in papers]
    assert sum(len(json.loads(line)["entities"]) for line in single) > len(papers)


def test_two_workers_give_the_single_process_output(papers: list[Paper], single: list[str]) -> None:
    pooled = iter_extractions(papers, workers=2, batch_size=7)
    assert [extraction_line(e) for e in pooled] == single


@pytest.mark.parametrize("workers", [1, 2])
def test_lines_made_by_the_workers_are_the_records(
    papers: list[Paper], single: list[str], workers: int
) -> None:
    assert list(iter_extraction_lines(papers, workers=workers, batch_size=9)) == single


@pytest.mark.parametrize("workers", [1, 2])
def test_records_with_their_lines(papers: list[Paper], single: list[str], workers: int) -> None:
    pairs = list(iter_extractions_with_lines(papers, workers=workers, batch_size=9))
    assert [line for _, line in pairs] == single
    assert [extraction_line(extraction) for extraction, _ in pairs] == single


def test_a_kept_pool_serves_several_inputs(papers: list[Paper], single: list[str]) -> None:
    with ExtractionPool(2, batch_size=6) as pool:
        abandoned = pool.extract(papers[40:])
        next(abandoned)
        abandoned.close()
        first = [extraction_line(e) for e in pool.extract(papers[:40])]
        second = list(pool.lines(papers[40:]))
    assert first + second == single


def test_batch_size_does_not_change_the_output(papers: list[Paper], single: list[str]) -> None:
    assert [extraction_line(e) for e in iter_extractions(papers, batch_size=5)] == single


def test_a_renewed_pipeline_gives_the_same_output(papers: list[Paper], single: list[str]) -> None:
    extractor = RenewingExtractor({}, every=12)
    first = extractor._extractor
    lines = [extraction_line(e) for e in extractor.extract(papers[:12], batch_size=12)]
    lines += [extraction_line(e) for e in extractor.extract(papers[12:24], batch_size=12)]
    assert extractor._extractor is not first
    assert lines == single[:24]
    extractor.close()


def test_extractors_give_their_frozen_objects_back(papers: list[Paper]) -> None:
    extractor = RenewingExtractor({}, every=2)
    assert gc.get_freeze_count() > 0
    extractor.extract(papers[:2], batch_size=2)
    extractor.extract(papers[2:4], batch_size=2)  # a rebuild unfreezes, then freezes again
    assert gc.get_freeze_count() > 0
    extractor.close()
    assert gc.get_freeze_count() == 0
    assert len(list(iter_extractions(papers[:2]))) == 2
    assert gc.get_freeze_count() == 0


def _broken_input(tmp_path: Path, papers: list[Paper]) -> Path:
    """A JSON Lines file whose line 50 is not JSON."""
    lines = [json.dumps({"id": p.id, "title": p.title, "abstract": p.abstract}) for p in papers]
    lines[49] = '{"id": "x", "title": '
    path = tmp_path / "papers.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_a_bad_input_record_stops_the_run_naming_file_and_line(
    tmp_path: Path, papers: list[Paper], workers: int
) -> None:
    source = _broken_input(tmp_path, papers)
    seen = []
    with pytest.raises(InputError) as error:
        for extraction in iter_extractions(read_papers([source]), workers=workers, batch_size=8):
            seen.append(extraction.paper.id)
    assert error.value.path is not None and error.value.path.endswith("papers.jsonl")
    assert error.value.line == 50
    assert seen == [p.id for p in papers[: len(seen)]]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_paper_the_extractor_cannot_take_is_named(papers: list[Paper], workers: int) -> None:
    bad = Paper(id="broken", title=12345, abstract="Text.", source="odd.json", line=7)  # type: ignore[arg-type]
    batch = [*papers[:20], bad, *papers[20:30]]
    with pytest.raises(InputError, match=r"^odd\.json:7: paper broken: extraction failed"):
        list(iter_extractions(batch, workers=workers, batch_size=8))


def test_a_bad_vocabulary_in_the_workers_is_reported(tmp_path: Path, papers: list[Paper]) -> None:
    vocab = tmp_path / "mine.tsv"
    vocab.write_text("name\ttype\nZorbNet\tnot-a-type\n", encoding="utf-8")
    options = {"extra_vocab": [str(vocab)]}
    with pytest.raises(GraphkitError, match=r"mine\.tsv:2"):
        list(iter_extractions(papers[:4], workers=2, extractor_options=options))


def test_progress_goes_to_stderr(papers: list[Paper], capsys: pytest.CaptureFixture) -> None:
    list(iter_extractions(papers[:10], progress=True, total=10))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "10/10" in captured.err


def test_bad_settings_are_refused(papers: list[Paper]) -> None:
    with pytest.raises(ValueError, match="workers"):
        list(iter_extractions(papers, workers=0))
    with pytest.raises(ValueError, match="batch_size"):
        list(iter_extractions(papers, batch_size=0))
    with pytest.raises(ValueError, match="workers"):
        ExtractionPool(0)
    with ExtractionPool(1) as pool, pytest.raises(ValueError, match="mode"):
        next(pool.map_batches([papers[:2]], mode="everything"))
