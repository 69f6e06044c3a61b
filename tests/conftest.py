"""Shared fixtures: where the repository and the shared data sets are."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GRAPHKIT_SHARED", REPO.parent / "shared"))
SAMPLE = REPO / "graphkit" / "data" / "sample"


def _require(path: Path) -> Path:
    """Return ``path``; skip when it is absent, except under CI where it must exist."""
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing; CI runs with shared/ beside the clone")
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session", autouse=True)
def _pattern_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the gazetteer's pattern cache of the test run (and of the processes it starts) in
    a temporary folder, not in the user's cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def ctrl_c_reaches_children() -> Iterator[None]:
    """Processes the test starts take Ctrl-C (SIGINT) as a terminal's foreground job does,
    even when the test run itself ignores it (as a shell's background job does, which its
    children would inherit): a handled signal is reset to the default in a new program."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The bundled sample corpus (five Daily Papers listings)."""
    return SAMPLE


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data folder beside the repository (corpus, gold sets, benchmarks)."""
    return _require(SHARED)


@pytest.fixture(scope="session")
def dev_gold(shared_dir: Path) -> Path:
    """The dev gold set annotated by GUIDELINES.md."""
    return _require(shared_dir / "annotation" / "dev.jsonl")


@pytest.fixture(scope="session")
def dev2_gold(shared_dir: Path) -> Path:
    """The second gold set annotated by GUIDELINES.md (60 other papers)."""
    return _require(shared_dir / "annotation" / "dev2.jsonl")
