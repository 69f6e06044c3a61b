"""CPU per paper of rendering a streamed build's sections in the workers, for one or more checkouts.

python benchmarks/render_bench.py --papers 3000 --rounds 5
python benchmarks/render_bench.py --code /tmp/before --code . --rounds 7
python benchmarks/render_bench.py --profile

In a streamed build each extraction worker merges its paper alone and renders its
``graph.json`` lines, its Turtle statements and its facts for the aggregates
(:class:`~graphkit.graph.paper_parts.PaperRenderer`). This script extracts ``--papers``
generated abstracts once (kept in ``--extractions``, reused when the file exists), then
times only the rendering: each round runs every checkout once, in turn, in a fresh
process that renders every extraction with a fresh renderer and reports the CPU time
(``time.process_time``) per paper. The figures are the medians over the rounds.
The extractions are kept in the temporary folder unless ``--extractions`` names a file.
Every run also hashes what it rendered (every field of every ``PaperParts``), and the
script stops when two checkouts disagree: a faster renderer must give the same bytes.
``--code`` puts a checkout first on ``PYTHONPATH`` (default: this one). ``--profile``
instead renders in this process under cProfile and prints the costliest functions.
The last line is ``key=value`` pairs for scripts, suffixed by the checkout's position
when there are several.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]


def write_extractions(path: Path, count: int) -> None:
    """Extract ``count`` generated abstracts into ``path`` (``extractions.jsonl`` lines)."""
    sys.path.insert(0, str(HERE / "benchmarks"))
    from bench import generate

    from graphkit.run.extractor import Extractor

    extractor = Extractor()
    part = path.with_suffix(".part")
    with part.open("w", encoding="utf-8") as handle:
        for extraction in extractor.extract(generate(count, seed=7)):
            handle.write(json.dumps(extraction.to_dict(), sort_keys=True) + "\n")
    part.replace(path)


def load(path: Path) -> list[Any]:
    """The extractions of ``path``."""
    from graphkit.models import Extraction

    with path.open(encoding="utf-8") as handle:
        return [Extraction.from_dict(json.loads(line)) for line in handle]


def render_once(path: Path) -> dict[str, Any]:
    """Render every extraction of ``path`` with a fresh renderer: CPU µs per paper and the
    digest of what was rendered."""
    from graphkit.graph.paper_parts import PaperRenderer

    extractions = load(path)
    renderer = PaperRenderer()
    start = time.process_time()
    parts = [renderer(extraction) for extraction in extractions]
    seconds = time.process_time() - start
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(tuple(part)).encode("utf-8"))
    return {"us": seconds / len(parts) * 1e6, "digest": digest.hexdigest()}


def run_fresh(code: Path, path: Path) -> dict[str, Any]:
    """:func:`render_once` in a fresh process with ``code`` first on ``PYTHONPATH``."""
    env = {**os.environ, "PYTHONPATH": str(code.resolve())}
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(path)]
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def profile(path: Path, top: int) -> None:
    """Render under cProfile and print the ``top`` costliest functions (own and cumulative)."""
    import cProfile
    import pstats

    from graphkit.graph.paper_parts import PaperRenderer

    extractions = load(path)
    renderer = PaperRenderer()
    profiler = cProfile.Profile()
    profiler.enable()
    for extraction in extractions:
        renderer(extraction)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    """Parse the flags, extract once, run the rounds, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=3000)
    parser.add_argument("--extractions", type=Path, help="extractions file (made if missing)")
    parser.add_argument("--code", type=Path, action="append", help="checkout to time (repeat)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile instead of timing")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(render_once(args.worker)))
        return
    path = args.extractions or Path(tempfile.gettempdir()) / f"render-bench-{args.papers}.jsonl"
    if not path.exists():
        write_extractions(path, args.papers)
    if args.profile:
        profile(path, 30)
        return
    codes = args.code or [HERE]
    runs: list[list[dict[str, Any]]] = [[] for _ in codes]
    for _ in range(args.rounds):
        for index, code in enumerate(codes):
            runs[index].append(run_fresh(code, path))
    digests = {run["digest"] for rounds in runs for run in rounds}
    if len(digests) > 1:
        raise SystemExit("the checkouts rendered different parts")
    line = []
    for index, (code, rounds) in enumerate(zip(codes, runs, strict=True)):
        suffix = f"_{index}" if len(codes) > 1 else ""
        median = statistics.median(run["us"] for run in rounds)
        print(f"{code}: render {median:.1f} us/paper (CPU, median of {len(rounds)})")
        line.append(f"render_us{suffix}={median:.1f}")
    if len(codes) > 1:
        first = statistics.median(run["us"] for run in runs[0])
        for index, rounds in enumerate(runs[1:], 1):
            ratio = statistics.median(run["us"] for run in rounds) / first
            line.append(f"ratio_{index}={ratio:.3f}")
    print(" ".join(line))


if __name__ == "__main__":
    main()
