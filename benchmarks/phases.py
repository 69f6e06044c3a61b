"""Time the phases of ``graphkit build`` that come after extraction, for one or more checkouts.

python benchmarks/phases.py --extractions outputs/extractions.jsonl --rounds 3
python benchmarks/phases.py --extractions FILE --code /tmp/before --code .

The extractions (an ``extractions.jsonl`` of an earlier build) are laid out as a
one-shard folder, which ``graphkit build`` merges without extracting: what is
left is reading the lines, the graph and the outputs. Each round runs every
checkout once, in turn, so a machine whose speed drifts slows all alike; the
figures are the medians over the rounds of each phase, the total and the peak
memory. ``--code`` puts a checkout first on ``PYTHONPATH`` (default: this one).
The last line is ``key=value`` pairs for scripts, suffixed by the checkout's
position when there are several.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]

PHASE = re.compile(r"([\w.]+) ([\d.]+) s")
"""One phase of the ``time:`` line of the ``graphkit build`` summary."""


def shard_folder(extractions: Path, folder: Path) -> Path:
    """A folder that ``graphkit build`` reads as one shard of ``extractions``."""
    folder.mkdir(parents=True, exist_ok=True)
    shard = folder / "extractions-00000.jsonl"
    if not shard.exists():
        shard.symlink_to(extractions.resolve())
    with extractions.open(encoding="utf-8") as handle:
        papers = sum(1 for _ in handle)
    manifest = {"papers": papers, "shards": [{"index": 0, "papers": papers, "jsonl": shard.name}]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def run_build(code: Path, shards: Path, output: Path) -> dict[str, float]:
    """Run ``graphkit build`` of ``code`` on ``shards``; its seconds, phases and peak RSS (MB)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "graphkit", "build", str(shards), "-o", str(output)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    summary = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"graphkit build of {code} failed")
    figures = {"total_s": time.perf_counter() - start, "rss_mb": usage.ru_maxrss / 1024}
    times = next((line for line in summary.splitlines() if line.startswith("time: ")), "")
    figures.update({f"{n}_s": float(v) for n, v in PHASE.findall(times.partition("(")[2])})
    return figures


def main() -> None:
    """Parse the flags, run the rounds, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extractions", type=Path, required=True)
    parser.add_argument("--code", type=Path, action="append", help="checkout to time (repeat)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    codes = args.code or [HERE]
    runs: list[list[dict[str, float]]] = [[] for _ in codes]
    with tempfile.TemporaryDirectory() as tmp:
        shards = shard_folder(args.extractions, Path(tmp) / "shards")
        for _ in range(args.rounds):
            for index, code in enumerate(codes):
                runs[index].append(run_build(code, shards, Path(tmp) / f"out-{index}"))
    line = []
    for index, (code, rounds) in enumerate(zip(codes, runs, strict=True)):
        suffix = f"_{index}" if len(codes) > 1 else ""
        print(code)
        for key in rounds[0]:
            value = statistics.median(r.get(key, 0.0) for r in rounds)
            print(f"  {key:<22} {value:>10.2f}")
            line.append(f"{key}{suffix}={value:.3g}")
    print(" ".join(line))


if __name__ == "__main__":
    main()
