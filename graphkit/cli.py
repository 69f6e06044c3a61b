"""The ``graphkit`` command line: a thin layer that parses flags and calls the API.

Each command lives in its own module under :mod:`graphkit.commands` and
provides ``add_parser(subparsers)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import pkgutil
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from graphkit import __version__, commands
from graphkit.errors import GraphkitError, InputError, UsageError

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""Signals that stop a command as Ctrl-C does: outputs in progress are removed."""


class Stopped(KeyboardInterrupt):
    """A stop signal, raised where the program runs so that clean-up code sees it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: object) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def _stop_signals_raise() -> Iterator[None]:
    """Make the stop signals raise :class:`Stopped` while the command runs (in the main
    thread only, where Python runs signal handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


log = logging.getLogger("graphkit")


def build_parser() -> argparse.ArgumentParser:
    """Return the top-level parser with one sub-command per command module."""
    parser = argparse.ArgumentParser(
        prog="graphkit",
        description="Turn machine-learning paper abstracts into a knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"graphkit {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="log more (repeat for debug output)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        sub_parser = module.add_parser(sub)
        sub_parser.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 input error, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="graphkit: %(levelname)s: %(message)s")
    with _stop_signals_raise():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run the command, turning graphkit's errors and interruptions into messages and codes."""
    try:
        return int(args._run(args) or EXIT_OK)
    except UsageError as exc:
        print(f"graphkit {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (InputError, GraphkitError) as exc:
        print(f"graphkit {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt as exc:
        print(f"graphkit {args.command}: interrupted; no partial output was left", file=sys.stderr)
        return 128 + exc.signum if isinstance(exc, Stopped) else EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"graphkit {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
