"""Measure graphkit's speed on N distinct, realistic abstracts made from the bundled sample.

python benchmarks/bench.py --abstracts 5000
python benchmarks/bench.py --memory 10000 100000

The abstracts recombine and perturb the sentences of the sample: each one
keeps the sentences of a base abstract, swaps one for a sentence of another
abstract, renames the coined names no vocabulary knows (``EfficientViT`` -> ``EfficientViTq3``)
and redraws the digits, so no two texts are the same and spaCy's tokenizer
cache cannot make repeated text look fast.

Every figure is measured in one run on the same text: ``floor_aps`` (the
tokenizer alone: ``make_doc`` of a fresh ``spacy.blank("en")``, whose
tokenizer graphkit's pipeline uses with one infix added, a full stop glued to the next
sentence), ``extract_aps`` (graphkit's
extraction in one process, as ``graphkit extract --workers 1`` runs it: a
``RenewingExtractor``, whose pipeline the garbage collector does not walk),
``parallel_aps`` (one worker per core, in a
pool that has started up, on the path of ``graphkit extract``: the workers
extract and write the ``extractions.jsonl`` lines, the parent passes them
on), the graph build, the RDF export (N-Triples, triples/s), the HTML
write and the peak memory. The tokenizer, the single process and the pool first
take the same warm-up text (two batches per worker), so all are timed warm.
The floor, the single process and the two pools take the text in turn, 64
batches at a time, so a machine whose speed drifts during the run slows
all alike.
``parallel_speedup`` is ``parallel_aps / extract_aps``, so the pool also
pays for the JSON lines that the single process does not write;
``parallel_lines_speedup`` compares with one process that extracts and
writes the same lines, and ``parallel_objects_aps`` is a pool that sends
``Extraction`` records back to the parent, which writes the lines (the Python
API, ``ExtractionPool.extract``).
The last line is ``key=value`` pairs for scripts.
``pipeline_tokenizer_aps`` is ``make_doc`` of the extractor's own pipeline
after the run, on other generated text: it shows what the extractor's set-up
does to its tokenizer.

``--profile`` instead times each component of the extractor's pipeline.
``--memory N...`` instead runs ``graphkit extract`` in a subprocess on N
generated abstracts for each N and reports its peak memory (max RSS);
``--build N`` times ``graphkit build`` end to end on N abstracts, with the seconds of
each phase its summary reports (``phase_*_s``) and the CPU seconds of the build and its
workers together (``build_N_cpu_s``: on a shared machine, the figure the load moves
least), the peak RSS of its largest process (``build_N_rss_mb``) and the peak of the
summed PSS of all its processes at once (``build_N_pss_mb``: forked and pooled processes
included, shared pages counted once); ``--stream`` or ``--no-stream`` chooses how it
builds (default: its own choice, streamed from 200,000 papers), with ``--build`` or
``--update``; a streamed build's
``phase_extract_s`` includes the workers' rendering of each paper's sections, and its
``phase_graph_s`` the appending of them and the entity parts. ``--update N M`` builds
N abstracts, then times ``graphkit build --update`` of M more (``update_ratio``: the
update's time over the build's).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from graphkit.models import Paper

SAMPLE = Path(__file__).resolve().parents[1] / "graphkit" / "data" / "sample"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])")
COINED = re.compile(r"\b(?=\w*[A-Z])(?=\w*[a-z])[A-Za-z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*\b")
"""Words with a capital after the first letter (EfficientViT, OptFS): coined names."""
SEGMENT_BATCHES = 64
"""Batches per turn when the floor and the single process take the text in turn."""
DIGITS = re.compile(r"\d")
SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def sample_papers() -> list[tuple[str, str]]:
    """(title, abstract) of each paper of the bundled sample."""
    from graphkit.sources import read_papers

    return [(p.title, p.abstract) for p in read_papers([SAMPLE]) if p.abstract]


def _suffix(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, len(SUFFIX_ALPHABET))
        digits += SUFFIX_ALPHABET[rest]
        if not number:
            return digits


def known_names() -> set[str]:
    """Every name and alias of the built-in vocabularies: these are kept, as in real text."""
    from graphkit.extract.vocab import load_vocabulary

    return {form for entry in load_vocabulary() for form in (entry.name, *entry.aliases)}


def generate(count: int, seed: int = 0) -> Iterator[Paper]:
    """``count`` distinct papers recombined from the sample, streamed (memory stays flat)."""
    base = sample_papers()
    known = known_names()
    sentences = [SENTENCE.split(abstract) for _, abstract in base]
    pool = [s for group in sentences for s in group]
    coined = sorted({m[0] for _, a in base for m in COINED.finditer(a)} - known)
    rng = random.Random(seed)
    for number in range(count):
        title, _ = base[number % len(base)]
        mine = list(sentences[number % len(base)])
        if len(mine) > 2:
            mine[rng.randrange(1, len(mine) - 1)] = rng.choice(pool)
        tag = _suffix(number)
        new_title = _perturb(title, tag, known, rng)
        if not any(m[0] not in known for m in COINED.finditer(title)):
            new_title = f"{rng.choice(coined)}{tag}: {new_title}"
        yield Paper(
            id=f"bench-{number:07d}",
            title=new_title,
            abstract=_perturb(" ".join(mine), tag, known, rng),
            source="bench",
        )


def _perturb(text: str, tag: str, known: set[str], rng: random.Random) -> str:
    """Add ``tag`` to each coined name that no vocabulary knows; redraw every digit."""
    text = COINED.sub(lambda m: m[0] if m[0] in known else m[0] + tag, text)
    return DIGITS.sub(lambda _: str(rng.randrange(10)), text)


def _timed(action: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def _children_cpu() -> float:
    """CPU seconds used so far by the live child processes of this one (Linux ``/proc``)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(count: int, workers: int, batch_size: int) -> dict[str, float]:
    """Run every stage on ``count`` generated papers; return the figures.

    Rates are given by wall time (``*_aps``) and by CPU time (``*_cpu_aps``):
    on a shared machine the CPU figures show what the code costs, the wall
    figures what the machine gave.
    """
    import spacy

    from graphkit.models import Extraction
    from graphkit.run.parallel import ExtractionPool, RenewingExtractor

    papers = list(generate(count))
    warmup = list(generate(workers * batch_size * 2, seed=2))
    figures: dict[str, float] = {"abstracts": count, "workers": workers}
    extractor = RenewingExtractor({})
    extractor.extract(warmup, batch_size=batch_size)

    blank = spacy.blank("en")
    for text in (t for p in warmup for t in (p.title, p.abstract)):
        blank.make_doc(text)
    began = time.perf_counter()
    with ExtractionPool(workers, batch_size=batch_size) as pool:
        list(pool.lines(warmup))
        figures["parallel_startup_s"] = time.perf_counter() - began
        with ExtractionPool(workers, batch_size=batch_size) as records_pool:
            list(records_pool.extract(warmup))
            turns = _Turns(blank, extractor, pool, records_pool, batch_size)
            turns.run(papers)
    timings = turns.timings
    figures["floor_aps"] = count / timings["floor"]
    figures["floor_cpu_aps"] = count / timings["floor_cpu"]
    figures["extract_aps"] = count / timings["extract"]
    figures["extract_cpu_aps"] = count / timings["extract_cpu"]
    figures["extract_lines_aps"] = count / (timings["extract"] + timings["lines"])
    figures["parallel_aps"] = count / timings["pool"]
    figures["parallel_parent_cpu_s"] = timings["pool_parent_cpu"]
    figures["parallel_workers_cpu_s"] = timings["pool_workers_cpu"]
    figures["parallel_cpu_aps"] = count / (timings["pool_parent_cpu"] + timings["pool_workers_cpu"])
    figures["parallel_objects_aps"] = count / timings["records_pool"]
    lines = turns.output["single"]
    if turns.output["pool"] != lines:
        raise SystemExit("lines made by the workers differ from single-process lines")
    if turns.output["records_pool"] != lines:
        raise SystemExit("parallel extraction differs from single-process extraction")

    others = [t for p in generate(count, seed=1) for t in (p.title, p.abstract)]
    _, seconds = _timed(lambda: _tokenize(extractor.nlp, others))
    figures["pipeline_tokenizer_aps"] = count / seconds
    extractor.close()

    single = [Extraction.from_dict(json.loads(line)) for line in lines]
    del lines

    figures["ratio"] = figures["extract_aps"] / figures["floor_aps"]
    figures["ratio_cpu"] = figures["extract_cpu_aps"] / figures["floor_cpu_aps"]
    figures["parallel_speedup"] = figures["parallel_aps"] / figures["extract_aps"]
    figures["parallel_lines_speedup"] = figures["parallel_aps"] / figures["extract_lines_aps"]
    figures["parallel_objects_speedup"] = (
        figures["parallel_objects_aps"] / figures["extract_lines_aps"]
    )
    figures["parallel_cpu_efficiency"] = figures["parallel_cpu_aps"] / figures["extract_cpu_aps"]
    figures["entities_per_paper"] = sum(len(e.entities) for e in single) / count
    figures.update(_graph_and_exports(single))
    figures["peak_rss_mb"] = _peak_rss_mb()
    return figures


def _tokenize(nlp: Any, texts: list[str]) -> None:
    for text in texts:
        nlp.make_doc(text)


class _Turns:
    """Time the floor, one process and the two pools on the same papers, a segment of
    ``SEGMENT_BATCHES`` batches at a time, each in turn, in rotating order.

    Taking them in turn gives all the same machine: on a shared machine whose
    speed drifts over a run, timing one after the other would put the drift
    into their ratios. Segments are long enough for each to run with warm CPU
    caches, as in a real run; each pool waits for its last batch at the end of
    a segment, which costs it about one batch per segment. Only lines are
    kept: holding every record would make the garbage collector walk more
    objects with every paper and slow the extraction down.
    """

    def __init__(
        self, blank: Any, extractor: Any, pool: Any, records_pool: Any, batch_size: int
    ) -> None:
        self.blank = blank
        self.extractor = extractor
        self.pool = pool
        self.records_pool = records_pool
        self.batch_size = batch_size
        self.timings: dict[str, float] = {}
        self.output: dict[str, list[str]] = {"single": [], "pool": [], "records_pool": []}

    def run(self, papers: list[Paper]) -> None:
        """Time every step on every segment of ``papers``."""
        steps = (self.floor, self.single, self.pooled, self.records)
        size = SEGMENT_BATCHES * self.batch_size
        for number, start in enumerate(range(0, len(papers), size)):
            segment = papers[start : start + size]
            turn = number % len(steps)
            for step in steps[turn:] + steps[:turn]:
                step(segment)

    def _add(self, key: str, seconds: float) -> None:
        self.timings[key] = self.timings.get(key, 0.0) + seconds

    def floor(self, segment: list[Paper]) -> None:
        """The tokenizer of a fresh ``spacy.blank("en")``."""
        began, began_cpu = time.perf_counter(), time.process_time()
        for paper in segment:
            self.blank.make_doc(paper.title)
            self.blank.make_doc(paper.abstract)
        self._add("floor", time.perf_counter() - began)
        self._add("floor_cpu", time.process_time() - began_cpu)

    def single(self, segment: list[Paper]) -> None:
        """Extraction in this process, batch by batch, then the lines apart."""
        from graphkit.run.parallel import extraction_line

        for start in range(0, len(segment), self.batch_size):
            batch = segment[start : start + self.batch_size]
            began, began_cpu = time.perf_counter(), time.process_time()
            extractions = self.extractor.extract(batch, batch_size=self.batch_size)
            extracted = time.perf_counter()
            self._add("extract_cpu", time.process_time() - began_cpu)
            self.output["single"].extend(extraction_line(e) for e in extractions)
            self._add("extract", extracted - began)
            self._add("lines", time.perf_counter() - extracted)

    def pooled(self, segment: list[Paper]) -> None:
        """The workers extract and write the lines (``graphkit extract``)."""
        began, began_cpu, workers_cpu = time.perf_counter(), time.process_time(), _children_cpu()
        self.output["pool"].extend(self.pool.lines(segment))
        self._add("pool", time.perf_counter() - began)
        self._add("pool_parent_cpu", time.process_time() - began_cpu)
        self._add("pool_workers_cpu", _children_cpu() - workers_cpu)

    def records(self, segment: list[Paper]) -> None:
        """The workers send records, written to lines here (``ExtractionPool.extract``)."""
        from graphkit.run.parallel import extraction_line

        began = time.perf_counter()
        self.output["records_pool"].extend(
            extraction_line(e) for e in self.records_pool.extract(segment)
        )
        self._add("records_pool", time.perf_counter() - began)


def _graph_and_exports(extractions: list) -> dict[str, float]:
    from graphkit.export.rdf import write_rdf
    from graphkit.graph import KnowledgeGraph

    figures: dict[str, float] = {}
    kg = KnowledgeGraph()
    _, figures["graph_build_s"] = _timed(lambda: kg.add_papers(extractions))
    figures["graph_nodes"] = kg.graph.number_of_nodes()
    figures["graph_edges"] = kg.graph.number_of_edges()
    with tempfile.TemporaryDirectory() as tmp:
        triples, seconds = _timed(lambda: write_rdf(kg.graph, Path(tmp) / "graph.nt", "nt"))
        figures["rdf_triples"] = triples
        figures["rdf_tps"] = triples / seconds
        try:
            from graphkit.export.html import write_html
        except ImportError:
            return figures
        _, figures["html_s"] = _timed(lambda: write_html(kg.graph, Path(tmp) / "graph.html"))
    return figures


def component_costs(count: int) -> dict[str, float]:
    """Microseconds per abstract (title and abstract) spent in each stage of the extractor.

    A fresh extractor runs the tokenizer, then each pipeline component in
    turn over all docs, then the linking of mentions into entities. The
    tokenizer of a fresh ``spacy.blank("en")`` is timed on the same text for
    comparison.
    """
    import spacy

    from graphkit.run.extractor import Extractor

    papers = list(generate(count))
    extractor = Extractor()
    nlp = extractor.nlp
    texts = [t for p in papers for t in (p.title, p.abstract)]
    costs: dict[str, float] = {}
    blank = spacy.blank("en")
    _, fresh = _timed(lambda: [blank.make_doc(t) for t in texts])
    docs, seconds = _timed(lambda: [nlp.make_doc(t) for t in texts])
    costs["tokenizer"] = seconds
    for name, component in nlp.pipeline:
        docs, seconds = _timed(lambda c=component, d=docs: [c(doc) for doc in d])
        costs[name] = seconds
    fields = [{"title": t, "abstract": a} for t, a in zip(texts[::2], texts[1::2], strict=True)]
    pairs = [{"title": docs[i], "abstract": docs[i + 1]} for i in range(0, len(docs), 2)]
    _, costs["link (Extractor.entities)"] = _timed(
        lambda: [extractor.entities(p, f) for p, f in zip(pairs, fields, strict=True)]
    )
    total = sum(costs.values())
    figures = {f"{name} us": seconds / count * 1e6 for name, seconds in costs.items()}
    figures.update({f"{name} %": seconds / total * 100 for name, seconds in costs.items()})
    figures["total us"] = total / count * 1e6
    figures["fresh spacy.blank tokenizer us"] = fresh / count * 1e6
    return figures


def _write_input(path: Path, count: int) -> Path:
    """``count`` generated papers as a JSON Lines file."""
    with path.open("w", encoding="utf-8") as handle:
        for paper in generate(count):
            record = {"id": paper.id, "title": paper.title, "abstract": paper.abstract}
            handle.write(json.dumps(record) + "\n")
    return path


class Run(NamedTuple):
    """What one ``graphkit`` command took."""

    seconds: float
    rss_mb: float
    """Peak RSS of any one of its processes (the kernel reports the largest of the child
    and its waited-for children)."""
    output: str
    cpu_s: float
    """CPU seconds of it and its waited-for children."""
    pss_mb: float
    """Peak of the summed proportional set size of it and all its descendants at once,
    sampled twice a second (0 where ``/proc`` does not tell): the memory the whole command
    holds, its forked and pooled processes included, shared pages counted once."""


def _run(command: list[str]) -> Run:
    """Run a ``graphkit`` command and measure it (:class:`Run`)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "graphkit", *command], stdout=subprocess.PIPE, text=True
    )
    done = threading.Event()
    peak = [0]

    def sample() -> None:
        while not done.wait(0.5):
            peak[0] = max(peak[0], _tree_pss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"graphkit {' '.join(command)} failed")
    cpu = usage.ru_utime + usage.ru_stime
    seconds = time.perf_counter() - start
    return Run(seconds, usage.ru_maxrss / 1024, output, cpu, peak[0] / 1024)


def _tree_pss_kb(root: int) -> int:
    """The summed PSS in kB of process ``root`` and its descendants now (0 without
    ``/proc/<pid>/smaps_rollup``)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rpartition(")")[2].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                total += sum(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except OSError:
            continue
    return total


def memory_check(counts: list[int], workers: int, batch_size: int) -> dict[str, float]:
    """Time and peak RSS of ``graphkit extract`` on each count of generated abstracts."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            source = _write_input(Path(tmp) / f"papers-{count}.jsonl", count)
            output = str(Path(tmp) / "out.jsonl")
            options = ["--workers", str(workers), "--batch-size", str(batch_size)]
            run = _run(["extract", str(source), "-o", output, "--quiet", *options])
            figures[f"extract_{count}_s"] = run.seconds
            figures[f"extract_{count}_rss_mb"] = run.rss_mb
            source.unlink()
    if len(counts) > 1:
        low, high = min(counts), max(counts)
        figures["rss_growth"] = figures[f"extract_{high}_rss_mb"] / figures[f"extract_{low}_rss_mb"]
    return figures


PHASE = re.compile(r"([\w.]+) ([\d.]+) s")
"""One phase of the ``time:`` line of the ``graphkit build`` summary: ``graph.ttl 10.5 s``."""


def build_check(count: int, workers: int, options: tuple[str, ...] = ()) -> dict[str, float]:
    """Time, phase times and peak RSS of ``graphkit build`` end to end on ``count``
    generated abstracts (``options``: more flags of the build, ``--stream`` or
    ``--no-stream``)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = _write_input(Path(tmp) / "papers.jsonl", count)
        output = str(Path(tmp) / "outputs")
        command = ["build", str(source), "-o", output, "--workers", str(workers), *options]
        run = _run(command)
    figures = {
        f"build_{count}_s": run.seconds,
        f"build_{count}_rss_mb": run.rss_mb,
        f"build_{count}_pss_mb": run.pss_mb,
        f"build_{count}_cpu_s": run.cpu_s,
    }
    figures.update({f"phase_{name}_s": value for name, value in _phases(run.output).items()})
    return figures


def _phases(summary: str) -> dict[str, float]:
    """The seconds of each phase on the ``time:`` line of a ``graphkit build`` summary."""
    times = next((line for line in summary.splitlines() if line.startswith("time: ")), "")
    return {name: float(value) for name, value in PHASE.findall(times.partition("(")[2])}


def update_check(
    count: int, added: int, workers: int, options: tuple[str, ...] = ()
) -> dict[str, float]:
    """Time ``graphkit build --update`` of ``added`` new abstracts onto a build of ``count``,
    against the build of ``count`` itself (``options``: more flags of both builds, ``--stream``
    or ``--no-stream``)."""
    with tempfile.TemporaryDirectory() as tmp:
        both = _write_input(Path(tmp) / "all.jsonl", count + added)
        lines = both.read_text(encoding="utf-8").splitlines(keepends=True)
        first, day = Path(tmp) / "first.jsonl", Path(tmp) / "day.jsonl"
        first.write_text("".join(lines[:count]), encoding="utf-8")
        day.write_text("".join(lines[count:]), encoding="utf-8")
        output = str(Path(tmp) / "outputs")
        options = ["-o", output, "--workers", str(workers), *options]
        built = _run(["build", str(first), *options])
        updated = _run(["build", str(day), *options, "--update"])
    figures = {
        f"build_{count}_s": built.seconds,
        f"build_{count}_rss_mb": built.rss_mb,
        f"build_{count}_pss_mb": built.pss_mb,
        f"update_{added}_s": updated.seconds,
        f"update_{added}_rss_mb": updated.rss_mb,
        "update_ratio": updated.seconds / built.seconds,
    }
    figures.update({f"update_phase_{k}_s": v for k, v in _phases(updated.output).items()})
    return figures


def _print(figures: dict[str, float], keys: tuple[str, ...]) -> None:
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        shown = f"{value:,.0f}" if value >= 100 else f"{value:.2f}"
        print(f"{key:<{width}}  {shown:>12}")
    print(" ".join(f"{k}={figures[k]:.3g}" if k in figures else f"{k}=nan" for k in keys))


def main() -> None:
    """Parse the flags, run the benchmark, print the table and the key=value line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--abstracts", type=int, default=2000, help="abstracts to generate")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument(
        "--memory", type=int, nargs="+", metavar="N", help="peak RSS of 'graphkit extract' per N"
    )
    parser.add_argument(
        "--profile", action="store_true", help="time each extractor component instead"
    )
    parser.add_argument(
        "--build", type=int, metavar="N", help="time 'graphkit build' on N abstracts instead"
    )
    parser.add_argument(
        "--update",
        type=int,
        nargs=2,
        metavar=("N", "M"),
        help="time 'graphkit build --update' of M new abstracts onto a build of N instead",
    )
    parser.add_argument(
        "--stream",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --build or --update: pass --stream or --no-stream (default: the build chooses)",
    )
    args = parser.parse_args()
    flags = () if args.stream is None else ("--stream" if args.stream else "--no-stream",)
    if args.update:
        figures = update_check(*args.update, args.workers, flags)
        _print(figures, tuple(figures))
        return
    if args.build:
        figures = build_check(args.build, args.workers, flags)
        _print(figures, tuple(figures))
        return
    if args.profile:
        figures = component_costs(args.abstracts)
        _print(figures, ("total us",))
        return
    if args.memory:
        figures = memory_check(args.memory, args.workers, args.batch_size)
        _print(figures, tuple(figures))
        return
    figures = measure(args.abstracts, args.workers, args.batch_size)
    keys = (
        "floor_aps", "extract_aps", "parallel_aps", "ratio", "parallel_speedup", "ratio_cpu",
        "parallel_objects_speedup",
        "graph_build_s", "rdf_tps", "html_s", "peak_rss_mb",
    )  # fmt: skip
    _print(figures, keys)


if __name__ == "__main__":
    main()
