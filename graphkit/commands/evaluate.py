"""``graphkit evaluate``: score extraction quality against a gold set or a public benchmark."""

from __future__ import annotations

import argparse
import json
from collections import Counter

from graphkit.commands._options import add_rules_option, check_rules
from graphkit.errors import UsageError
from graphkit.evaluation.evaluate import (
    BENCHMARKS,
    benchmark_recall,
    evaluate_golds,
    format_benchmark,
    format_report,
    format_rules,
    pooled,
)
from graphkit.evaluation.results import (
    evaluate_results_files,
    format_results_report,
    pooled_results,
)


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``evaluate``."""
    parser = subparsers.add_parser(
        "evaluate",
        help="score extraction against a gold set or a benchmark",
        description=(
            "Score entity extraction by the annotation guidelines: precision, recall and F1 "
            "per type and over all types, and the accuracy of 'proposed'. Without --pred the "
            "extractor runs on the gold file's own titles and abstracts. Several gold files are "
            "scored each on its own, then together, with the precision of each rule. "
            "--benchmark also reports mention-level recall on a public benchmark."
        ),
    )
    parser.add_argument(
        "--gold", nargs="+", metavar="GOLD.jsonl", help="gold annotations (JSON lines), one or more"
    )
    parser.add_argument(
        "--pred", metavar="PRED.jsonl", help="extractions to score (graphkit extract output)"
    )
    parser.add_argument(
        "--results-gold",
        metavar="RESULTS.jsonl",
        help="also score results (RESULTS.md) against these gold results, for the papers of "
        "--gold or --pred",
    )
    parser.add_argument(
        "--benchmark", choices=sorted(BENCHMARKS), help="also score recall on this benchmark"
    )
    parser.add_argument(
        "--benchmark-dir", metavar="DIR", help="folder holding scierc/, scirex/, tdmsci/"
    )
    parser.add_argument(
        "--split",
        help="benchmark split (default: test for scierc and tdmsci, dev for scirex)",
    )
    parser.add_argument(
        "--vocab",
        action="append",
        default=[],
        metavar="FILE",
        help="extra vocabulary file for the extractor (repeatable)",
    )
    add_rules_option(parser)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="also list the N most frequent false positives and misses",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Score and print."""
    if not args.gold and not args.benchmark:
        raise UsageError("give --gold GOLD.jsonl, --benchmark NAME, or both")
    if args.pred and not args.gold:
        raise UsageError("--pred needs --gold")
    if args.results_gold and not args.gold:
        raise UsageError("--results-gold needs --gold")
    if args.benchmark and not args.benchmark_dir:
        raise UsageError("--benchmark needs --benchmark-dir DIR")
    extractor = None
    if not args.pred or args.benchmark:
        from graphkit.run.extractor import Extractor

        check_rules(args.rules)
        extractor = Extractor(extra_vocab=args.vocab, rules=args.rules)
    output: dict = {}
    text: list[str] = []
    if args.gold:
        reports = evaluate_golds(args.gold, args.pred, extractor=extractor)
        report = pooled(one for _, one in reports)
        titled = [(f"{path}:", one) for path, one in reports]
        if len(reports) > 1:
            titled.append((f"all {len(reports)} gold files:", report))
            output["gold_files"] = {path: one.to_dict() for path, one in reports}
        output["gold"] = report.to_dict()
        text.extend(f"{format_report(one, title)}\n{format_rules(one)}" for title, one in titled)
        if args.errors:
            for kind in ("fp", "fn"):
                tally = Counter((e["type"], e["name"]) for e in report.errors if e["kind"] == kind)
                listed = "; ".join(f"{t}:{n} x{c}" for (t, n), c in tally.most_common(args.errors))
                text.append(f"{kind}: {listed}")
    if args.results_gold:
        files = evaluate_results_files(args.results_gold, args.gold, args.pred, extractor=extractor)
        results = pooled_results(one for _, one in files)
        output["results"] = results.to_dict()
        if len(files) > 1:
            output["results_files"] = {path: one.to_dict() for path, one in files}
            text.extend(
                format_results_report(one, f"{args.results_gold} ({path}):") for path, one in files
            )
        text.append(format_results_report(results, f"{args.results_gold}:"))
        if args.errors:
            tally = Counter(e["kind"] for e in results.errors)
            text.append(
                "result errors: " + ", ".join(f"{k} x{c}" for k, c in sorted(tally.items()))
            )
    if args.benchmark:
        result = benchmark_recall(
            args.benchmark, args.benchmark_dir, split=args.split, extractor=extractor
        )
        output["benchmark"] = result.to_dict()
        text.append(format_benchmark(result))
    if args.json:
        print(json.dumps(output, indent=2, sort_keys=True))
    else:
        print("\n\n".join(text))
    return 0
