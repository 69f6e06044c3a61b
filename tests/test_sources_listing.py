"""Daily Papers listings: the bundled sample and the shared corpus, ids and de-duplication."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from graphkit.sources import ReadStats, read_papers

LISTING_COUNTS = {
    "000_11f171b19cd07a14.txt": 68,
    "001_f0d7dc048480bec7.txt": 75,
    "002_aed1214fd264828e.txt": 66,
    "003_f90ed773a4a50576.txt": 82,
    "004_44a1f0b37e753806.txt": 58,
}


def _sha_id(title: str) -> str:
    folded = re.sub(r"\s+", " ", title).strip().lower()
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:12]


@pytest.mark.parametrize("name", sorted(LISTING_COUNTS))
def test_each_listing_parses_every_entry(sample_dir: Path, name: str) -> None:
    stats = ReadStats()
    papers = list(read_papers([sample_dir / name], stats=stats))
    assert stats.records == LISTING_COUNTS[name]
    assert stats.skipped == 0
    assert len(papers) == stats.papers == LISTING_COUNTS[name] - stats.duplicates
    for paper in papers:
        assert paper.title and len(paper.title) < 200
        assert len(paper.abstract) > 200
        assert paper.source == name
        assert not re.search(r"\s{2}", paper.title + paper.abstract)


def test_sample_deduplicates_349_entries_to_243_papers(sample_dir: Path) -> None:
    stats = ReadStats()
    papers = list(read_papers([sample_dir], stats=stats))
    assert (stats.files, stats.records, stats.duplicates) == (5, 349, 106)
    assert stats.papers == stats.distinct == len(papers) == 243
    assert len({p.id for p in papers}) == 243


def test_shared_corpus_matches_the_bundled_sample(shared_dir: Path, sample_dir: Path) -> None:
    corpus = sorted((shared_dir / "corpus" / "daily-papers").glob("*.txt"))
    assert [p.name for p in corpus] == sorted(LISTING_COUNTS)
    stats = ReadStats()
    papers = list(read_papers(corpus, stats=stats))
    assert (stats.records, len(papers)) == (349, 243)
    assert [p.id for p in papers] == [p.id for p in read_papers([sample_dir])]


def test_ids_follow_the_contract(sample_dir: Path) -> None:
    for paper in read_papers([sample_dir]):
        assert paper.id == _sha_id(paper.title)
        assert re.fullmatch(r"[0-9a-f]{12}", paper.id)


def test_known_paper_id_and_first_occurrence_order(sample_dir: Path) -> None:
    papers = list(read_papers([sample_dir]))
    first = papers[0]
    assert first.title.startswith("EfficientViT: Memory Efficient Vision Transformer")
    assert first.id == _sha_id(first.title)
    assert first.source == "000_11f171b19cd07a14.txt" and first.line == 11


def test_meta_blocks_keep_author_count_and_date(sample_dir: Path) -> None:
    papers = {p.title: p for p in read_papers([sample_dir / "003_f90ed773a4a50576.txt"])}
    first = papers["Understanding the Behaviour of Contrastive Loss"]
    assert (first.author_count, first.date) == (2, "2020-12-15")
    no_year = papers[
        "BEVANet: Bilateral Efficient Visual Attention Network for Real-Time Semantic Segmentation"
    ]
    assert (no_year.author_count, no_year.date) == (5, "Aug 10")
    assert all(p.author_count and p.date for p in papers.values())


def test_trailing_count_after_a_date_is_not_part_of_it(sample_dir: Path) -> None:
    dates = {p.date for p in read_papers([sample_dir / "003_f90ed773a4a50576.txt"])}
    assert "Mar 7" in dates and "Jul 18" in dates
    assert not any(re.search(r"[A-Z][a-z]{2} \d+ \d+$", d) for d in dates)


def test_duplicates_merge_metadata_from_later_files(sample_dir: Path) -> None:
    papers = {p.title: p for p in read_papers([sample_dir])}
    merged = papers[
        "Unified Embedding: Battle-Tested Feature Representations for Web-Scale ML Systems"
    ]
    assert merged.source == "000_11f171b19cd07a14.txt"
    assert merged.author_count is not None and merged.date is not None
    with_meta = sum(1 for p in papers.values() if p.author_count)
    assert with_meta == 82


def test_header_date_is_kept_as_listing_date(sample_dir: Path) -> None:
    paper = next(iter(read_papers([sample_dir / "000_11f171b19cd07a14.txt"])))
    assert paper.extra["listing_date"] == "Mar 11"
    assert paper.date is None


def test_reading_is_lazy(sample_dir: Path) -> None:
    stats = ReadStats()
    papers = read_papers([sample_dir], stats=stats)
    assert stats.records == 0
    next(papers)
    assert stats.papers == 1 and stats.records == 349


def test_listing_without_abstracts(tmp_path: Path) -> None:
    path = Path(__file__).parent / "fixtures" / "sources" / "listing_no_abstracts.txt"
    papers = list(read_papers([path]))
    assert [p.title for p in papers] == [
        "A Title Without Abstract",
        "Another Title Without Abstract",
        "Third Title: Still No Abstract?",
    ]
    assert all(p.abstract == "" for p in papers)
