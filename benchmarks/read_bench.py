"""CPU time of reading papers in the main process of a build, per paper, for one or more checkouts.

python benchmarks/read_bench.py --papers 100000 --rounds 5
python benchmarks/read_bench.py --papers 100000 --code /tmp/before --code .

Generated abstracts (``bench.py``'s, one JSON Lines file) are read the way
``graphkit build`` reads them: ``read_papers`` with a de-duplication ``Index``,
both passes, every paper taken. Each round runs every checkout once, in turn, in a
fresh process, so a machine whose speed drifts slows all alike; a run's figure
is its CPU time (``time.process_time``, which the load on a shared machine moves
far less than wall time) over the papers read. The figures are the medians over
the rounds; with several checkouts, each one's ratio to the first is printed too.
``--code`` puts a checkout first on ``PYTHONPATH`` (default: this one). The last
line is ``key=value`` pairs for scripts, suffixed by the checkout's position when
there are several.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]

CHILD = """
import sys, time
import graphkit
from graphkit.sources import ReadStats, read_papers
from graphkit.sources.dedup import Index
start = time.process_time()
count = sum(1 for _ in read_papers([sys.argv[1]], stats=ReadStats(), index=Index(), updates={}))
print(count, (time.process_time() - start) / count * 1e6, graphkit.__file__)
"""
"""One run: read the file, print the papers read, the CPU microseconds per paper and where
graphkit came from (the working folder is the checkout, which comes first on ``sys.path``)."""


def run(code: Path, source: Path) -> tuple[int, float]:
    """Read ``source`` with the graphkit of checkout ``code`` in a fresh process; return the
    papers read and the CPU microseconds per paper."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-c", CHILD, str(source)]
    done = subprocess.run(command, cwd=code, env=env, check=True, capture_output=True, text=True)
    count, cpu, module = done.stdout.split()
    if not Path(module).is_relative_to(code):
        raise SystemExit(f"graphkit was imported from {module}, not from {code}")
    return int(count), float(cpu)


def main() -> None:
    """Generate the input, run every checkout ``--rounds`` times in turn, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=100_000, help="generated papers to read")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each checkout")
    parser.add_argument(
        "--code", type=Path, action="append", help="a checkout to measure (repeatable)"
    )
    args = parser.parse_args()
    codes = [path.resolve() for path in args.code or [HERE]]
    sys.path.insert(0, str(HERE / "benchmarks"))
    from bench import _write_input

    figures: dict[int, list[float]] = {n: [] for n in range(len(codes))}
    with tempfile.TemporaryDirectory() as tmp:
        source = _write_input(Path(tmp) / "papers.jsonl", args.papers)
        for _ in range(args.rounds):
            for n, code in enumerate(codes):
                count, cpu = run(code, source)
                figures[n].append(cpu)
                print(f"{code}: {count} papers, {cpu:.1f} us CPU per paper", flush=True)
    pairs = []
    for n, code in enumerate(codes):
        suffix = f"_{n}" if len(codes) > 1 else ""
        median = statistics.median(figures[n])
        ratio = median / statistics.median(figures[0])
        print(f"{code}: median {median:.1f} us per paper" + (f", {ratio:.2f}x" if n else ""))
        pairs.append(f"read_us_per_paper{suffix}={median:.1f}")
        if n:
            pairs.append(f"read_ratio{suffix}={ratio:.3f}")
    print(" ".join(pairs))


if __name__ == "__main__":
    main()
