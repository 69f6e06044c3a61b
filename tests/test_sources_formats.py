"""The JSON, JSON Lines, Atom, CSV/TSV and BibTeX readers and format detection."""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
import sys
from pathlib import Path

import pytest

from graphkit.errors import InputError, UsageError
from graphkit.ids import normalize_space, title_id
from graphkit.sources import ReadStats, detect_format, read_papers

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def _read(name: str, **kwargs) -> list:
    return list(read_papers([FIXTURES / name], **kwargs))


def test_hugging_face_daily_papers_json() -> None:
    first, second = _read("hf_daily.json")
    assert first.id == first.arxiv_id == "1706.03762"
    assert first.title == "Attention Is All You Need"
    assert first.abstract.startswith("We propose a new network architecture, the Transformer")
    assert first.authors == ["Ashish Vaswani", "Noam Shazeer"] and first.author_count == 2
    assert first.date == "2017-06-12"
    assert first.extra["upvotes"] == 42
    assert second.id == "2309.06180"


def test_arxiv_bulk_metadata_jsonl() -> None:
    first, old, third = _read("arxiv_metadata.jsonl")
    assert first.id == "0704.0001"
    assert first.title == (
        "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"
    )
    assert first.abstract.startswith("A fully differential calculation")
    assert first.authors == ["C. Balázs", "E. L. Berger", "P. M. Nadolsky"]
    assert first.doi == "10.1103/PhysRevD.76.013009" and first.date == "2008-11-13"
    assert first.extra["categories"] == "hep-ph"
    assert old.id == "cs/9901001"
    assert third.id == "1706.03762" and third.doi == "10.48550/arXiv.1706.03762"


def test_arxiv_metadata_named_json_is_read_as_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "arxiv-metadata-oai-snapshot.json"
    shutil.copy(FIXTURES / "arxiv_metadata.jsonl", path)
    assert detect_format(path) == "jsonl"
    assert len(list(read_papers([path]))) == 3


def test_plain_jsonl_normalises_white_space_and_hashes_missing_ids() -> None:
    messy, own_id, bare = _read("plain.jsonl")
    assert messy.title == "A Record with Messy Space"
    assert messy.abstract == "First line. Second line."
    assert messy.id == title_id("a record with messy space")
    assert own_id.id == "p-2" and own_id.date == "2020-12-15" and own_id.author_count == 2
    assert bare.abstract == ""


SPACES = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
"""Every white space character: ASCII controls, NBSP, the Unicode separators."""


def test_white_space_is_every_unicode_space_collapsed_and_stripped() -> None:
    rng = random.Random(7)
    alphabet = ["a", "b", ".", "é", "\u200b", *SPACES]
    texts = ["", " ", "plain text", "x", *SPACES]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(1, 12))) for _ in range(5000)]
    for text in texts:
        assert normalize_space(text) == re.sub(r"\s+", " ", text).strip(), repr(text)


def test_titles_and_abstracts_with_any_white_space_read_normalised(tmp_path: Path) -> None:
    path = tmp_path / "spaces.jsonl"
    rows = [
        {"id": f"s-{n}", "title": f"A{c}Title{c}", "abstract": f"{c}One.{c}{c}Two. {c}"}
        for n, c in enumerate(SPACES)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    papers = list(read_papers([path]))
    assert len(papers) == len(SPACES)
    assert {(p.title, p.abstract) for p in papers} == {("A Title", "One. Two.")}


def test_json_wrapper_object_and_single_record() -> None:
    assert [p.abstract for p in _read("wrapped.json")] == [
        "Inside a wrapper object.",
        "Summary used as the abstract.",
    ]
    (single,) = _read("single.json")
    assert single.id == "2305.07027"


def test_json_array_is_read_across_chunk_boundaries(tmp_path: Path, monkeypatch) -> None:
    import graphkit.sources.jsonfile as jsonfile

    monkeypatch.setattr(jsonfile, "CHUNK", 7)
    papers = list(read_papers([FIXTURES / "hf_daily.json"]))
    assert [p.id for p in papers] == ["1706.03762", "2309.06180"]
    assert [p.line for p in papers] == [2, 15]


def test_arxiv_atom_feed() -> None:
    first, old = _read("arxiv_api.atom")
    assert first.id == first.arxiv_id == "1706.03762"
    assert first.title == "Attention Is All You Need"
    assert first.abstract.endswith("based solely on attention mechanisms & nothing else.")
    assert first.authors == ["Ashish Vaswani", "Noam Shazeer"]
    assert first.date == "2017-06-12" and first.doi == "10.48550/arXiv.1706.03762"
    assert first.url == "http://arxiv.org/abs/1706.03762v7"
    assert first.extra["categories"] == "cs.CL cs.LG"
    assert (first.line, old.line) == (8, 30)
    assert old.id == "hep-th/9901001"


def test_csv_with_quotes_newlines_and_extra_columns() -> None:
    quoted, lora, bare = _read("papers.csv")
    assert quoted.title == "Quoted, With Comma"
    assert quoted.abstract == 'An abstract that spans two lines, with "quotes".'
    assert quoted.authors == ["Ada Lovelace", "Alan Turing"]
    assert quoted.date == "2021-03-04" and quoted.extra == {"venue": "NeurIPS"}
    assert quoted.line == 2
    assert lora.id == "2106.09685" and lora.date == "Jun 17" and lora.line == 4
    assert bare.abstract == "" and bare.line == 6


def test_tsv() -> None:
    first, second = _read("papers.tsv")
    assert first.abstract == "Its abstract, with a comma."
    assert first.id == title_id(first.title) and second.id == "t-2"


def test_bibtex_entries_macros_and_latex() -> None:
    attention, muller, misc = _read("papers.bib")
    assert attention.id == "1706.03762"
    assert attention.title == "Attention Is All You Need"
    assert (
        attention.abstract
        == "We propose the Transformer, based solely on attention & nothing else."
    )
    assert attention.authors == ["Ashish Vaswani", "Noam Shazeer"]
    assert attention.date == "2017-06"
    assert attention.extra == {"key": "vaswani2017attention", "entry_type": "inproceedings"}
    assert muller.title == "Müller's Method for BERT-style Models"
    assert muller.authors == ["Jörg Müller"]
    assert muller.id == title_id(muller.title) and muller.doi == "10.1000/xyz123"
    assert misc.id == "2001.00001" and misc.abstract == ""


def test_same_paper_in_many_formats_is_one_paper() -> None:
    stats = ReadStats()
    names = ["hf_daily.json", "arxiv_metadata.jsonl", "arxiv_api.atom", "papers.bib"]
    papers = list(read_papers([FIXTURES / n for n in names], stats=stats))
    attention = [p for p in papers if p.title == "Attention Is All You Need"]
    assert len(attention) == 1
    assert stats.duplicates == 3
    merged = attention[0]
    assert merged.source == "hf_daily.json"
    assert merged.doi == "10.48550/arXiv.1706.03762"
    assert merged.url == "http://arxiv.org/abs/1706.03762v7"


def test_listing_paper_merges_with_a_record_that_has_an_arxiv_id(sample_dir: Path) -> None:
    inputs = [sample_dir / "000_11f171b19cd07a14.txt", FIXTURES / "hf_daily.json"]
    papers = {p.title: p for p in read_papers(inputs)}
    probing = papers["Tuning Pre-trained Model via Moment Probing"]
    assert probing.id == title_id(probing.title)
    assert probing.arxiv_id == "2309.06180" and probing.authors == ["Woosuk Kwon"]
    assert len(probing.abstract) > 200


def test_same_title_with_different_given_ids_stays_two_papers(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text(
        '{"id": "2101.00001", "title": "Introduction"}\n'
        '{"id": "2101.00002", "title": "Introduction"}\n'
    )
    assert [p.id for p in read_papers([path])] == ["2101.00001", "2101.00002"]


def test_same_record_twice_in_one_file_is_one_paper(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    path.write_text('{"title": "Twice  Over"}\n{"title": "twice over", "abstract": "Later."}\n')
    stats = ReadStats()
    (paper,) = read_papers([path], stats=stats)
    assert paper.abstract == "Later." and stats.duplicates == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("hf_daily.json", "json"),
        ("plain.jsonl", "jsonl"),
        ("single.json", "json"),
        ("arxiv_api.atom", "atom"),
        ("papers.csv", "csv"),
        ("papers.tsv", "tsv"),
        ("papers.bib", "bibtex"),
        ("listing_no_abstracts.txt", "listing"),
    ],
)
def test_detection_by_extension_and_by_content(tmp_path: Path, name: str, expected: str) -> None:
    assert detect_format(FIXTURES / name) == expected
    unnamed = tmp_path / "input.data"
    shutil.copy(FIXTURES / name, unnamed)
    assert detect_format(unnamed) == expected


def test_gzip_input_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "papers.csv.gz"
    path.write_bytes(gzip.compress((FIXTURES / "papers.csv").read_bytes()))
    assert detect_format(path) == "csv"
    assert len(list(read_papers([path]))) == 3


def test_format_is_forced(tmp_path: Path) -> None:
    path = tmp_path / "records.txt"
    shutil.copy(FIXTURES / "plain.jsonl", path)
    assert len(list(read_papers([path], format="jsonl"))) == 3
    assert len(list(read_papers([path], format="ndjson"))) == 3


def test_unknown_format_name_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown input format 'yaml'"):
        read_papers([FIXTURES / "plain.jsonl"], format="yaml")


def test_unknown_content_is_an_input_error() -> None:
    with pytest.raises(InputError, match="cannot tell the input format") as info:
        list(read_papers([FIXTURES / "unknown.dat"]))
    assert info.value.path.endswith("unknown.dat")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_papers([tmp_path / "absent.json"])
