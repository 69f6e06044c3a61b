"""Faulty files get a message naming file and line, never a traceback, and skipping skips:
broken compression, JSON too deep or with huge numbers, UTF-16 text, overlong fields, and
JSON Lines whose first record is longer than the format sniffer reads."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from collections.abc import Callable
from pathlib import Path

import pytest

from graphkit import cli
from graphkit.errors import InputError
from graphkit.sources import ReadStats, detect_format, read_papers
from graphkit.sources.base import MAX_FIELD

COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
}


def _records(count: int) -> bytes:
    lines = (json.dumps({"title": f"Paper number {i}", "abstract": "Text."}) for i in range(count))
    return "".join(line + "\n" for line in lines).encode()


def _lines(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", list(COMPRESSORS))
def test_truncated_compressed_file_names_file_and_line(tmp_path: Path, suffix: str) -> None:
    data = COMPRESSORS[suffix](_records(20000))
    path = tmp_path / f"papers.jsonl{suffix}"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="corrupt or truncated") as info:
        list(read_papers([path]))
    assert info.value.path == str(path) and info.value.line is not None
    stats = ReadStats()
    kept = list(read_papers([path], on_error="skip", stats=stats))
    assert stats.skipped == 1
    assert len(kept) == info.value.line - 1


def test_fake_gzip_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "papers.jsonl.gz"
    path.write_bytes(_records(3))
    assert cli.main(["build", "-q", "-o", str(tmp_path / "out"), str(path)]) == 1
    assert f"{path}:1: corrupt or truncated gzip data" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_deeply_nested_json_is_a_bad_record(tmp_path: Path, suffix: str) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    path = _lines(tmp_path / f"deep{suffix}", '{"title": "Fine", "x": ' + deep + "}")
    with pytest.raises(InputError, match="nested too deeply") as info:
        list(read_papers([path], format=suffix[1:]))
    assert info.value.line == 1


def test_huge_integer_costs_one_record(tmp_path: Path) -> None:
    path = _lines(
        tmp_path / "big.jsonl",
        '{"title": "First"}',
        '{"title": "Huge", "upvotes": ' + "9" * 5000 + "}",
        '{"title": "Last"}',
    )
    with pytest.raises(InputError, match="more than 4300 digits") as info:
        list(read_papers([path]))
    assert info.value.line == 2
    assert [p.title for p in read_papers([path], on_error="skip")] == ["First", "Last"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
@pytest.mark.parametrize("name", ["papers.jsonl", "papers.csv", "papers.txt", "papers.dat"])
def test_utf16_file_says_it_is_utf16(tmp_path: Path, encoding: str, name: str) -> None:
    path = tmp_path / name
    path.write_bytes('{"title": "A paper", "abstract": "Some text."}\n'.encode(encoding))
    with pytest.raises(InputError, match=r"is UTF-(16|32)[ a-zA-Z-]* text") as info:
        list(read_papers([path]))
    assert info.value.line == 1
    with pytest.raises(InputError, match="UTF-"):
        list(read_papers([path], format="jsonl"))


def test_jsonl_with_a_long_first_record_is_json_lines(tmp_path: Path) -> None:
    long = "word " * 150_000
    path = _lines(
        tmp_path / "papers.jsonl",
        json.dumps({"title": "Long One", "abstract": long}),
        json.dumps({"title": "Short One"}),
    )
    assert detect_format(path) == "jsonl"
    as_json = tmp_path / "papers.json"
    as_json.write_bytes(path.read_bytes())
    assert detect_format(as_json) == "jsonl"
    assert [p.title for p in read_papers([as_json])] == ["Long One", "Short One"]


def test_overlong_abstract_costs_one_record(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = _lines(
        tmp_path / "papers.jsonl",
        json.dumps({"title": "Too Long", "abstract": "word " * (MAX_FIELD // 4)}),
        json.dumps({"title": "Fine Paper", "abstract": "We use ResNet on ImageNet."}),
    )
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", "-q", "-o", str(out), str(path)]) == 1
    assert f"{path}:1: the abstract has" in capsys.readouterr().err
    assert cli.main(["extract", "-q", "-o", str(out), "--on-error", "skip", str(path)]) == 0
    assert [json.loads(line)["title"] for line in out.read_text().splitlines()] == ["Fine Paper"]


def test_xml_with_an_unknown_encoding_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text('<?xml version="1.0" encoding="UUUTF-8"?>\n<feed></feed>\n')
    with pytest.raises(InputError, match="malformed XML") as info:
        list(read_papers([path]))
    assert info.value.line == 1
