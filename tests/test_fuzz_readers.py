"""Fuzzing every reader: generated and mutated files give papers or graphkit's own input
errors, never another exception, and ``--on-error skip`` always finishes.

A short budget runs by default; set ``GRAPHKIT_FUZZ_EXAMPLES`` (e.g. 5000) for a long run.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import lzma
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.errors import InputError
from graphkit.sources import ReadStats, read_papers

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
SEEDS = {
    "plain.jsonl": "jsonl",
    "hf_daily.json": "json",
    "wrapped.json": "json",
    "arxiv_api.atom": "atom",
    "papers.csv": "csv",
    "papers.tsv": "tsv",
    "papers.bib": "bibtex",
    "listing_no_abstracts.txt": "listing",
}
COMPRESSORS = {"": bytes, ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}
EXAMPLES = int(os.environ.get("GRAPHKIT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_edit = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 20), st.integers(0, 255)),
    st.tuples(st.just("cut"), st.integers(0, 1 << 20), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 20), st.integers(0, 255)),
    st.tuples(st.just("repeat"), st.integers(0, 1 << 20), st.integers(1, 64)),
)
_chunk = st.sampled_from(
    [b"{", b"}", b"[", b"]", b'"', b",", b"\n", b"\\", b"<", b">", b"@", b"\xff", b"\x00"]
)


def _mutate(data: bytes, edits: list[tuple[str, int, int]]) -> bytes:
    out = bytearray(data)
    for kind, where, value in edits:
        at = where % (len(out) + 1)
        if kind == "flip" and at < len(out):
            out[at] = value
        elif kind == "cut":
            del out[at:]
        elif kind == "insert":
            out[at:at] = bytes([value])
        elif kind == "repeat":
            out[at:at] = bytes(out[at : at + value]) * 3
    return bytes(out)


def _read_both_ways(name: str, data: bytes, format: str | None) -> None:
    """Read ``data`` as file ``name``: raising stops only at graphkit's input errors, and
    skipping finishes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        with contextlib.suppress(InputError):
            list(read_papers([path], format=format))
        stats = ReadStats()
        list(read_papers([path], format=format, on_error="skip", stats=stats))


@pytest.mark.parametrize("seed", list(SEEDS))
@FUZZ
@given(
    edits=st.lists(_edit, max_size=6),
    extra=st.lists(_chunk, max_size=8),
    forced=st.booleans(),
    suffix=st.sampled_from(list(COMPRESSORS)),
)
def test_mutated_files(
    seed: str, edits: list[tuple[str, int, int]], extra: list[bytes], forced: bool, suffix: str
) -> None:
    data = _mutate((FIXTURES / seed).read_bytes(), edits) + b"".join(extra)
    _read_both_ways(seed + suffix, COMPRESSORS[suffix](data), SEEDS[seed] if forced else None)


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz"])
@FUZZ
@given(edits=st.lists(_edit, min_size=1, max_size=4))
def test_mutated_compressed_data(suffix: str, edits: list[tuple[str, int, int]]) -> None:
    data = COMPRESSORS[suffix]((FIXTURES / "plain.jsonl").read_bytes())
    _read_both_ways("plain.jsonl" + suffix, _mutate(data, edits), None)


@pytest.mark.parametrize("name", ["x.json", "x.jsonl", "x.csv", "x.bib", "x.atom", "x.txt", "x"])
@FUZZ
@given(data=st.binary(max_size=2000))
def test_generated_bytes(name: str, data: bytes) -> None:
    _read_both_ways(name, data, None)
