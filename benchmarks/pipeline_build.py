"""Time building graphkit's extraction pipeline in fresh processes, for one or more checkouts.

python benchmarks/pipeline_build.py --rounds 7
python benchmarks/pipeline_build.py --code /tmp/before --code . --rounds 7

Each process imports graphkit and calls ``build_pipeline()`` once, as every extracting
command and each extraction worker does. Each round runs every checkout once, in turn, so
a machine whose speed drifts slows all alike; the figures are the medians over the rounds.
The last line is ``key=value`` pairs, suffixed by the checkout's position when there are
several.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]

CHILD = """
import time
start = time.perf_counter()
from graphkit.extract import build_pipeline
imported = time.perf_counter()
build_pipeline()
print(imported - start, time.perf_counter() - imported)
"""


def run_once(code: Path) -> tuple[float, float]:
    """The import and build seconds of one fresh process on checkout ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        cwd=code,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", action="append", type=Path, help="checkout (default: this)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    codes = [c.resolve() for c in args.code or [HERE]]
    times: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(codes))}
    for _ in range(args.rounds):
        for i, code in enumerate(codes):
            times[i].append(run_once(code))
    pairs = []
    for i, code in enumerate(codes):
        imports = statistics.median(t[0] for t in times[i])
        builds = statistics.median(t[1] for t in times[i])
        print(f"{code}: import {imports:.2f} s, build_pipeline {builds:.2f} s (median)")
        suffix = f"_{i}" if len(codes) > 1 else ""
        pairs += [f"import_s{suffix}={imports:.3f}", f"build_pipeline_s{suffix}={builds:.3f}"]
    print(f"load={os.getloadavg()[0]:.2f}")
    print(" ".join(pairs))


if __name__ == "__main__":
    main()
