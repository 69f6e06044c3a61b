"""CPU time of the main process of a build, per paper, for one or more checkouts: its reading
of the input, and with ``--build`` all of it in a streamed build with worker processes.

python benchmarks/read_bench.py --papers 100000 --rounds 5
python benchmarks/read_bench.py --papers 100000 --code /tmp/before --code .
python benchmarks/read_bench.py --build --papers 5000 --workers 2 --code /tmp/before --code .

Generated abstracts (``bench.py``'s, one JSON Lines file) are read the way
``graphkit build`` reads them: ``read_papers`` with a de-duplication ``Index``,
both passes, every paper taken (``read_us``). ``--build`` instead runs
``graphkit build FILE --stream --workers N`` in the measured process and reports that
process's CPU alone, not its workers': all of it (``main_us``), its main thread's
(``main_thread_us``: reading, the parts of the streamed outputs, the writes) and the
rest (``pool_threads_us``: the pool's threads, which pickle the papers to the workers
and unpickle what they send back).

Each round runs every checkout once, in turn, in a fresh process, so a machine whose
speed drifts slows all alike; a run's figures are CPU time (which the load on a shared
machine moves far less than wall time) over the papers. The figures are the medians over
the rounds; with several checkouts, each one's ratio to the first is printed too.
``--code`` puts a checkout first on ``PYTHONPATH`` (default: this one). The last line is
``key=value`` pairs for scripts, suffixed by the checkout's position when there are several.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]

READ = """
import json, sys, time
import graphkit
from graphkit.sources import ReadStats, read_papers
from graphkit.sources.dedup import Index
start = time.process_time()
count = sum(1 for _ in read_papers([sys.argv[1]], stats=ReadStats(), index=Index(), updates={}))
cpu = time.process_time() - start
print(json.dumps({"module": graphkit.__file__, "read_us": cpu / count * 1e6}))
"""
"""One reading run: print where graphkit came from (the working folder is the checkout, which
comes first on ``sys.path``) and the CPU microseconds per paper."""

BUILD = """
import json, resource, sys, tempfile, time
import graphkit
from graphkit.cli import main
count = sum(1 for _ in open(sys.argv[1], encoding="utf-8"))
with tempfile.TemporaryDirectory() as out:
    main(["build", sys.argv[1], "-o", out, "--stream", "--workers", sys.argv[2], "--quiet"])
usage = resource.getrusage(resource.RUSAGE_SELF)
total, thread = usage.ru_utime + usage.ru_stime, time.thread_time()
print(json.dumps({
    "module": graphkit.__file__,
    "main_us": total / count * 1e6,
    "main_thread_us": thread / count * 1e6,
    "pool_threads_us": (total - thread) / count * 1e6,
}))
"""
"""One build run: the CPU microseconds per paper of the process that runs the build (the
worker processes are not counted: ``RUSAGE_SELF``), of its main thread and of its others."""


def run(code: Path, program: str, *args: str) -> dict[str, float]:
    """Run ``program`` with the graphkit of checkout ``code`` in a fresh process; return its
    figures."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-c", program, *args]
    done = subprocess.run(command, cwd=code, env=env, check=True, capture_output=True, text=True)
    figures = json.loads(done.stdout.splitlines()[-1])
    module = figures.pop("module")
    if not Path(module).is_relative_to(code):
        raise SystemExit(f"graphkit was imported from {module}, not from {code}")
    return figures


def main() -> None:
    """Generate the input, run every checkout ``--rounds`` times in turn, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=100_000, help="generated papers")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each checkout")
    parser.add_argument("--build", action="store_true", help="a streamed build, not reading")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of --build")
    parser.add_argument(
        "--code", type=Path, action="append", help="a checkout to measure (repeatable)"
    )
    args = parser.parse_args()
    codes = [path.resolve() for path in args.code or [HERE]]
    sys.path.insert(0, str(HERE / "benchmarks"))
    from bench import _write_input

    runs: dict[int, list[dict[str, float]]] = {n: [] for n in range(len(codes))}
    with tempfile.TemporaryDirectory() as tmp:
        source = str(_write_input(Path(tmp) / "papers.jsonl", args.papers))
        program, extra = (BUILD, [str(args.workers)]) if args.build else (READ, [])
        for _ in range(args.rounds):
            for n, code in enumerate(codes):
                figures = run(code, program, source, *extra)
                runs[n].append(figures)
                shown = ", ".join(f"{key} {value:.1f}" for key, value in figures.items())
                print(f"{code}: {shown} (CPU us per paper)", flush=True)
    pairs = []
    for n, code in enumerate(codes):
        suffix = f"_{n}" if len(codes) > 1 else ""
        for key in runs[n][0]:
            median = statistics.median(run[key] for run in runs[n])
            shown = f"{code}: median {key} {median:.1f} us per paper"
            pairs.append(f"{key}{suffix}={median:.1f}")
            if n:
                ratio = median / statistics.median(run[key] for run in runs[0])
                shown += f", {ratio:.2f}x"
                pairs.append(f"{key}_ratio{suffix}={ratio:.3f}")
            print(shown)
    print(" ".join(pairs))


if __name__ == "__main__":
    main()
