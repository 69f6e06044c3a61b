"""``graphkit build`` and ``graphkit.build``: outputs, summary, exit codes, atomicity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import graphkit
from graphkit import cli
from graphkit.run.pipeline import OUTPUT_FILES, sample_paths
from graphkit.run.update import INDEX_FILE
from graphkit.sources import read_papers

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Build the bundled sample once through the command line; return the folder and stdout."""
    import contextlib
    import io

    out = tmp_path_factory.mktemp("build") / "outputs"
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        assert cli.main(["build", "-o", str(out)]) == 0
    return out, stdout.getvalue()


def test_sample_paths_are_the_five_listings(sample_dir: Path) -> None:
    assert [p.name for p in sample_paths()] == sorted(p.name for p in sample_dir.glob("*.txt"))


def test_build_writes_every_output(sample_build: tuple[Path, str]) -> None:
    out, _ = sample_build
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUT_FILES, INDEX_FILE])


def test_build_reports_243_papers(sample_build: tuple[Path, str]) -> None:
    _, stdout = sample_build
    assert (
        "papers: 243 from the bundled sample (349 records, 106 duplicates merged, 0 skipped)"
        in stdout
    )
    for word in ("entities:", "method", "dataset", "metric", "task", "repo", "edges:", "time:"):
        assert word in stdout
    results = next(line for line in stdout.splitlines() if line.startswith("results: "))
    total, _, kinds = results.removeprefix("results: ").partition(" (")
    assert int(total) > 0 and "absolute" in kinds and "relative" in kinds


def test_extractions_have_one_line_per_paper_in_input_order(
    sample_build: tuple[Path, str], sample_dir: Path
) -> None:
    out, _ = sample_build
    lines = (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 243
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [p.id for p in read_papers([sample_dir])]
    assert all(isinstance(r["entities"], list) and r["title"] for r in records)
    assert sum(1 for r in records if r.get("author_count")) == 82


def test_graph_json_loads_back_with_every_paper(sample_build: tuple[Path, str]) -> None:
    out, _ = sample_build
    kg = graphkit.load(out / "graph.json")
    assert kg.stats()["papers"] == 243


def test_rerun_is_byte_identical(sample_build: tuple[Path, str], tmp_path: Path) -> None:
    out, _ = sample_build
    again = tmp_path / "again"
    assert cli.main(["build", "-q", "-o", str(again)]) == 0
    for name in OUTPUT_FILES:
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_build_api_returns_the_graph_without_writing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    kg = graphkit.build([FIXTURES / "plain.jsonl", FIXTURES / "papers.csv"])
    assert kg.stats()["papers"] == 6
    assert list(tmp_path.iterdir()) == []


def test_input_error_exits_1_naming_file_and_line(tmp_path: Path, capsys) -> None:
    bad = FIXTURES / "bad" / "bad_line.jsonl"
    assert cli.main(["build", "-o", str(tmp_path / "out"), str(bad)]) == 1
    assert f"{bad}:2: invalid JSON" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_skip_builds_the_rest_and_counts_it(tmp_path: Path, capsys) -> None:
    bad = FIXTURES / "bad" / "bad_line.jsonl"
    out = tmp_path / "out"
    assert cli.main(["build", "--on-error", "skip", "-o", str(out), str(bad)]) == 0
    assert (
        "papers: 2 from 1 files (2 records, 0 duplicates merged, 1 skipped)"
        in capsys.readouterr().out
    )
    assert len((out / "extractions.jsonl").read_text().splitlines()) == 2


@pytest.mark.parametrize(
    "argv",
    [["--workers", "-1"], ["--top", "0"], ["--format", "listing", "--workers", "-2"]],
)
def test_bad_options_exit_2(tmp_path: Path, argv: list[str]) -> None:
    assert cli.main(["build", "-o", str(tmp_path / "out"), *argv]) == 2


def test_unknown_format_choice_exits_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["build", "--format", "yaml", "-o", str(tmp_path)])
    assert info.value.code == 2


def test_missing_input_and_vocab_exit_1(tmp_path: Path) -> None:
    assert cli.main(["build", "-o", str(tmp_path / "o"), str(tmp_path / "absent.json")]) == 1
    assert cli.main(["build", "-o", str(tmp_path / "o"), "--vocab", str(tmp_path / "v.tsv")]) == 1


def test_empty_input_writes_empty_outputs_when_allowed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    empty = str(FIXTURES / "empty.json")
    assert cli.main(["build", "-q", "-o", str(out), "--allow-empty", empty]) == 0
    assert (out / "extractions.jsonl").read_text() == ""
    assert graphkit.load(out / "graph.json").stats()["papers"] == 0


def test_interrupt_leaves_previous_outputs_and_no_partial_file(tmp_path: Path, monkeypatch) -> None:
    import graphkit.export.html

    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUT_FILES:
        (out / name).write_text("previous\n")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(graphkit.export.html, "write_html", interrupted)
    assert cli.main(["build", "-q", "-o", str(out), str(FIXTURES / "plain.jsonl")]) == 130
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)
    assert all((out / name).read_text() == "previous\n" for name in OUTPUT_FILES)


@pytest.mark.parametrize("format", ["ttl", "trig"])
def test_rdf_serialized_by_a_second_process_is_byte_identical(
    sample_build: tuple[Path, str], tmp_path: Path, format: str
) -> None:
    """Large graphs are serialized by a child process; it must write the same bytes."""
    from graphkit.export.rdf import write_rdf

    out, _ = sample_build
    graph = graphkit.load(out / "graph.json").graph
    alone = write_rdf(graph, tmp_path / f"alone.{format}", format, separate_process=False)
    child = write_rdf(graph, tmp_path / f"child.{format}", format, separate_process=True)
    assert alone == child > 0
    assert (tmp_path / f"child.{format}").read_bytes() == (
        tmp_path / f"alone.{format}"
    ).read_bytes()
    if format == "ttl":
        assert (tmp_path / "child.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
