"""``graphkit build NEW -o DIR --update`` leaves the files of one build over all inputs in order."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest

from graphkit.cli import main
from graphkit.run.pipeline import OUTPUT_FILES, POOL_PAPERS, run_build, sample_paths
from graphkit.run.update import INDEX_FILE
from graphkit.sources import read_papers

pytestmark = pytest.mark.slow

FILES = (*OUTPUT_FILES, INDEX_FILE)


def build(out: Path, inputs: list[Path], *, update: bool = False) -> None:
    options = ["--update"] if update else []
    assert main(["build", *map(str, inputs), "-o", str(out), "--quiet", *options]) == 0


def assert_same_files(one: Path, other: Path) -> None:
    assert sorted(p.name for p in other.iterdir()) == sorted(FILES)
    for name in FILES:
        assert (one / name).read_bytes() == (other / name).read_bytes(), name


def built_in_days(out: Path, days: list[list[Path]]) -> Path:
    build(out, days[0])
    for day in days[1:]:
        build(out, day, update=True)
    return out


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("whole")
    build(out, sample_paths())
    return out


@pytest.mark.parametrize(
    "cuts",
    [[2], [1, 2, 3, 4]],
    ids=["two days", "one listing a day"],
)
def test_days_of_listings_give_the_whole_build(
    whole: Path, tmp_path: Path, cuts: list[int]
) -> None:
    paths = sample_paths()
    bounds = [0, *cuts, len(paths)]
    days = [paths[a:b] for a, b in itertools.pairwise(bounds)]
    assert_same_files(whole, built_in_days(tmp_path / "out", days))


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_later_records_that_change_an_earlier_paper(tmp_path: Path) -> None:
    """Day two repeats day one's papers by id and by title, filling an abstract and a date:
    those papers are extracted again in their old places."""
    papers = list(read_papers(sample_paths()))[:30]
    records = [{"id": p.id, "title": p.title, "abstract": p.abstract} for p in papers]
    first = [{**r, "abstract": ""} if i % 3 == 0 else r for i, r in enumerate(records[:20])]
    second = [
        {"title": records[0]["title"], "abstract": records[0]["abstract"]},
        {"id": records[3]["id"], "title": records[3]["title"], "abstract": "Fresh text."},
        {"id": records[5]["id"], "title": records[5]["title"], "date": "2024-01-02"},
        *records[20:25],
        records[1],
    ]
    third = [*records[24:30], {"id": records[6]["id"], "title": "x", "abstract": "y"}]
    days = [
        [write_jsonl(tmp_path / "1.jsonl", first)],
        [write_jsonl(tmp_path / "2.jsonl", second)],
        [write_jsonl(tmp_path / "3.jsonl", third)],
    ]
    whole = tmp_path / "whole"
    build(whole, [path for day in days for path in day])
    assert_same_files(whole, built_in_days(tmp_path / "out", days))


def test_few_new_papers_are_extracted_in_process_with_the_files_of_a_pool(
    whole: Path, tmp_path: Path
) -> None:
    """Workers are a maximum: an update of fewer than ``pool_papers`` papers is extracted in
    the build's own process, with the files a pool of two gives."""
    paths = sample_paths()
    for pool_papers, processes in ((POOL_PAPERS, 1), (0, 2)):
        out = built_in_days(tmp_path / str(pool_papers), [paths[:2]])
        summary = run_build(
            paths[2:], output_dir=out, update=True, workers=2, pool_papers=pool_papers
        )
        assert summary.read.distinct < POOL_PAPERS
        assert summary.workers == processes
        assert_same_files(whole, out)


def test_update_of_an_empty_folder_builds_it(whole: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, sample_paths(), update=True)
    assert_same_files(whole, out)


def test_repeating_a_day_changes_nothing(whole: Path, tmp_path: Path) -> None:
    out = built_in_days(tmp_path / "out", [sample_paths()])
    build(out, sample_paths()[:2], update=True)
    assert_same_files(whole, out)


def test_a_stopped_update_keeps_the_previous_build(
    whole: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = built_in_days(tmp_path / "out", [sample_paths()[:2]])
    before = {name: (out / name).read_bytes() for name in FILES}

    def fail(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("graphkit.export.html.write_html", fail)
    command = ["build", *map(str, sample_paths()[2:]), "-o", str(out), "--update", "--quiet"]
    assert main(command) == 130
    assert {name: (out / name).read_bytes() for name in FILES} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    monkeypatch.undo()
    build(out, sample_paths()[2:], update=True)
    assert_same_files(whole, out)


def test_an_index_that_does_not_match_is_refused(tmp_path: Path, capsys) -> None:
    out = built_in_days(tmp_path / "out", [sample_paths()[:1]])
    with (out / "extractions.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert main(["build", str(sample_paths()[1]), "-o", str(out), "--update", "--quiet"]) != 0
    assert INDEX_FILE in capsys.readouterr().err
    os.remove(out / INDEX_FILE)
    assert main(["build", str(sample_paths()[1]), "-o", str(out), "--update", "--quiet"]) != 0
