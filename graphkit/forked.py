"""Work run in a forked process beside the building one.

A large build ends with work that only reads what the building process holds (the
aggregates of a streamed graph, its parts): writing the entity sections of one range
of keys, or the view, while the building process writes the rest. A forked process
shares that memory as it was, so nothing is sent to it, and only its result comes
back. Where the system cannot fork, the work is done at once, in this process.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from types import TracebackType
from typing import Any, Generic, TypeVar

from graphkit.errors import GraphkitError

T = TypeVar("T")


def can_fork() -> bool:
    """Whether this system starts processes by forking."""
    return "fork" in multiprocessing.get_all_start_methods()


class Forked(Generic[T]):
    """``function(*args)`` run in a forked process: :meth:`result` waits for what it
    returned, or raises a :class:`~graphkit.errors.GraphkitError` saying why ``what``
    failed. The process ignores Ctrl-C: the building process stops it (:meth:`close`,
    also on leaving a ``with`` block)."""

    def __init__(self, what: str, function: Callable[..., T], *args: Any) -> None:
        self.what = what
        self._process: Any = None
        if not can_fork():
            self._value = function(*args)
            return
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(function, args, writer))
        self._process.start()
        writer.close()

    def result(self) -> T:
        """What the function returned, once its process ends."""
        if self._process is None:
            return self._value
        try:
            done, value = self._reader.recv()
        except EOFError:
            self._process.join()
            done, value = False, f"its process stopped (exit code {self._process.exitcode})"
        self._process.join()
        self.close()
        if not done:
            raise GraphkitError(f"{self.what} failed: {value}")
        return value

    def close(self) -> None:
        """Stop the process if it still runs, and reap it."""
        if self._process is None:
            return
        self._reader.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._process = None

    def __enter__(self) -> Forked[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _run(function: Callable[..., Any], args: tuple[Any, ...], pipe: Any) -> None:
    """Run ``function(*args)`` in the forked process; send (True, its result) or (False,
    why it failed) through ``pipe``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        found = (True, function(*args))
    except Exception as exc:
        found = (False, f"{type(exc).__name__}: {exc}")
    pipe.send(found)
    pipe.close()
