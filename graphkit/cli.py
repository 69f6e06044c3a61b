"""The ``graphkit`` command line: a thin layer that parses flags and calls the API.

Each command lives in its own module under :mod:`graphkit.commands` and
provides ``add_parser(subparsers)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from graphkit import __version__, commands
from graphkit.errors import GraphkitError, InputError, UsageError

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2

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
    try:
        return int(args._run(args) or EXIT_OK)
    except UsageError as exc:
        print(f"graphkit {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (InputError, GraphkitError) as exc:
        print(f"graphkit {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print(f"graphkit {args.command}: interrupted; no partial output was left", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"graphkit {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
