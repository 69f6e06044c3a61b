"""Work in a forked process (:mod:`graphkit.forked`): its result comes back, its failure is
told, and it is stopped when the building process leaves it."""

from __future__ import annotations

import os
import time

import pytest

from graphkit import forked
from graphkit.errors import GraphkitError
from graphkit.forked import Forked


def where(shared: list[int]) -> tuple[int, int]:
    """The process this runs in, and how much of ``shared`` it sees."""
    return os.getpid(), sum(shared)


def test_the_work_runs_in_another_process_that_shares_memory() -> None:
    shared = list(range(1000))
    pid, seen = Forked("summing", where, shared).result()
    assert pid != os.getpid() and seen == sum(shared)


def fails() -> None:
    raise ValueError("no such entity")


def dies() -> None:
    os._exit(3)


def test_a_failure_is_told_with_what_failed() -> None:
    with pytest.raises(GraphkitError, match="writing the view failed: ValueError: no such entity"):
        Forked("writing the view", fails).result()
    with pytest.raises(GraphkitError, match=r"summing failed: .*exit code 3"):
        Forked("summing", dies).result()


def test_leaving_the_block_stops_the_process() -> None:
    started = time.monotonic()
    with Forked("waiting", time.sleep, 60) as child:
        process = child._process
        assert process is not None and process.is_alive()
    assert not process.is_alive() and time.monotonic() - started < 30


def test_without_fork_the_work_is_done_at_once_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert Forked("summing", where, [1, 2]).result() == (os.getpid(), 3)
