"""Measure extraction speed against the tokenizer alone on the same texts.

    python scripts/bench_extract.py ../shared/annotation/dev.jsonl --repeat 20

Prints words per second for the tokenizer, for the spaCy pipeline with
graphkit's components, and for the whole Extractor (pipeline plus linking),
and the pipeline's share of tokenizer speed (target: at least 50%).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from graphkit.extract import Extractor
from graphkit.models import Paper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("papers", type=Path, help="JSON lines with title and abstract")
    parser.add_argument("--repeat", type=int, default=10, help="passes over the papers")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.papers.open(encoding="utf-8") if line.strip()]
    papers = [
        Paper(id=f"{i}-{r['id']}", title=r.get("title") or "", abstract=r.get("abstract") or "")
        for i in range(args.repeat)
        for r in records
    ]
    texts = [p.text(f) for p in papers for f in ("title", "abstract")]
    extractor = Extractor()
    nlp = extractor.nlp
    words = sum(len(d) for d in nlp.tokenizer.pipe(texts[: len(texts) // args.repeat]))
    words *= args.repeat

    def rate(run) -> float:
        started = time.perf_counter()
        run()
        return words / (time.perf_counter() - started)

    tokenizer = rate(lambda: [None for _ in nlp.tokenizer.pipe(texts, batch_size=256)])
    pipeline = rate(lambda: [None for _ in nlp.pipe(texts, batch_size=256)])
    whole = rate(lambda: [None for _ in extractor.extract(papers, batch_size=128)])
    print(f"{words} words in {len(papers)} papers")
    print(f"tokenizer only     {tokenizer:10.0f} words/s")
    print(f"graphkit pipeline  {pipeline:10.0f} words/s  ({pipeline / tokenizer:.0%} of tokenizer)")
    print(f"Extractor.extract  {whole:10.0f} words/s  ({whole / tokenizer:.0%} of tokenizer)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
