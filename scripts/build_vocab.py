"""Build graphkit's curated vocabulary files from the raw name lists.

Reads the noisy lists (``methods.tsv``, ``datasets.tsv``, ``metrics.tsv``,
``tasks.tsv`` with columns name, aliases, source, id, url, count), the
hand-written lists in ``graphkit/data/vocab/curation/`` (``general.tsv``:
well-known names that win over the raw lists; ``exclude.tsv``: umbrella terms
and generic words that are never entities), and writes one curated file per
type into ``graphkit/data/vocab/``. Rerun it after changing either input:

    python scripts/build_vocab.py --source ../shared/vocab

Needs the ``wordfreq`` package for the English word frequencies that decide
which one-word names are ordinary words.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from graphkit.atomic import atomic_write
from graphkit.extract.vocab import (
    BUILTIN_FILES,
    COLUMNS,
    EXACT,
    VOCAB_DIR,
    VOCAB_TYPES,
    VocabEntry,
    match_attr,
    read_vocab_file,
)
from graphkit.keys import fold

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "vocab"
CURATION_DIR = VOCAB_DIR / "curation"

RAW_FILES = dict(zip(VOCAB_TYPES, (path.name for path in BUILTIN_FILES), strict=True))

COMMON_ZIPF = 3.5
"""A plain word at least this frequent in English (Zipf scale) is an ordinary word."""

RARE_ZIPF = 2.5
"""A plain word less frequent than this is safe to match in any case."""

METRIC_HEADS = {
    "accuracy", "error", "errors", "score", "scores", "rate", "ratio", "precision", "recall",
    "distance", "similarity", "correlation", "coefficient", "index", "measure", "metric",
    "divergence", "entropy", "time", "latency", "throughput", "speed", "cost", "size", "count",
    "gain", "curve", "deviation", "overlap", "percentage", "success", "length", "reward",
    "regret", "perplexity", "likelihood", "agreement", "consistency", "fidelity", "quality",
    "memory", "usage", "consumption", "parameters", "flops", "auc", "iou", "map", "ap",
}  # fmt: skip
"""Last words that make a phrase from the leaderboard metric lists a measure."""

NOT_A_TASK = re.compile(
    r"(?:free|based|aware|wise|specific|level|like|driven|agnostic|supervised|shot|"
    r"image|images|data|video|videos|text|label|labels|model|models|network|networks|series)$",
    re.IGNORECASE,
)
"""Endings that make a name from the task lists a modifier, a kind of data or a model."""

TECHNIQUE = re.compile(
    r"\b(?:quantization|quantisation|factorization|factorisation|decomposition|distillation|"
    r"pruning|augmentation|regularization|regularisation|normalization|hashing|engineering|"
    r"arithmetic|sampling|dictionary learning|ensembling|initialization|embeddings?|attention)$",
    re.IGNORECASE,
)
"""Endings that make a name from the leaderboard task lists a technique, filed as a method."""

DANGLING = {"of", "and", "for", "in", "on", "to", "with", "by", "from", "at", "or", "the", "a"}
"""Lower-case words that never start a name: a row that starts with one was cut off."""

MAX_WORDS = 7
MAX_CHARS = 60

SPLIT_WORDS = {
    "test", "val", "valid", "validation", "dev", "train", "training", "trainval",
    "test-dev", "test-std", "testdev", "minival", "val2017", "test2017", "test2015",
    "set", "split", "subset", "full", "clean", "public", "private", "seen", "unseen",
    "easy", "medium", "hard", "overall", "average", "mean",
}  # fmt: skip
SETTING = re.compile(
    r"^(?:\d+-?(?:shot|way|fold|class|classes|view|views|bit|bits)|zero-shot|few-shot|"
    r"one-shot|sigma\d+|\d+%|\d+x|x\d+|[a-z]{2,3}-[a-z]{2,3})$",
    re.IGNORECASE,
)
LANGUAGE_PAIR = re.compile(r"\b[a-z]{2,3}-[a-z]{2,3}\b")
NUMBER_UNIT = re.compile(r"^\d+(?:\.\d+)?[a-zA-Z]{0,2}$")
SPAM = re.compile(
    r"https?:|www\.|[\w.]+@[a-z]+\.[a-z]|\?|!|\d{7,}|customer|whatsapp|helpline", re.IGNORECASE
)
TRAILING_PAREN = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
ANY_PAREN = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
ARROWS = re.compile(r"\s*(?:->|→|⇒|=>)\s*")
SPACED_DASH = re.compile(r"\s+[-–—:]\s+|:\s+")


@dataclass
class Candidate:
    """One curated entry in the making."""

    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    vocab_id: str = ""
    url: str = ""
    match: str = "auto"
    sources: int = 1
    hand: bool = False


def zipf(word: str) -> float:
    """Return the Zipf frequency of an English word (0 for unknown words)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")


def is_acronym(short: str, long: str) -> bool:
    """True when ``short`` abbreviates ``long``: same first letter, its letters in order."""
    letters = [c.lower() for c in short if c.isalnum()]
    if not 2 <= len(letters) <= 10 or not any(c.isupper() for c in short):
        return False
    if not long or letters[0] != long[0].lower():
        return False
    rest = iter(long.lower())
    return all(c in rest for c in letters)


def tidy(text: str) -> str:
    """Collapse white space, straighten quotes and drop stray edge punctuation."""
    text = re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip()
    text = text.strip(" .,;:\"'")
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "").strip()
    return text


def junk_reason(form: str, etype: str) -> str | None:
    """Return why a cleaned form is not a usable name, or None when it is."""
    if not re.search(r"[A-Za-z]", form):
        return "no letters"
    if not form[0].isalnum():
        return "starts with a symbol (table header)"
    if SPAM.search(form):
        return "spam or question"
    if len(form) > MAX_CHARS or len(form.split()) > MAX_WORDS:
        return "too long"
    if re.search(r"[=<>+*{}\\|,;]", form):
        return "setting or list"
    letters = sum(c.isalpha() for c in form)
    if NUMBER_UNIT.match(form) or (letters < 2 and not re.match(r"^[A-Z]\d+$", form)):
        return "number or single letter"
    words = form.split()
    if len(words) >= 3 and all(w.isupper() and len(w) >= 4 for w in words):
        return "shouting"
    if len(words) > 1 and words[0] in DANGLING:
        return "starts with a function word (a cut-off name)"
    if etype in ("task", "dataset") and LANGUAGE_PAIR.search(form):
        return "language-pair leaderboard"
    if etype == "metric" and form[0].isdigit():
        return "metric setting"
    words = re.split(r"[\s\-]+", form)
    last = words[-1]
    if etype == "metric" and len(words) > 1 and plain(last) and last.lower() not in METRIC_HEADS:
        return "not a measure"
    if etype == "task" and NOT_A_TASK.search(form):
        return "not a task"
    if re.fullmatch(r"[A-Z]{2}s?", form):
        return "two-letter acronym"
    return None


def strip_settings(form: str, etype: str) -> tuple[list[str], list[str]]:
    """Split a raw form into (names of this entry, names of other entries of the type).

    "Mean IoU (test)" gives "Mean IoU"; "Amazon Counterfactual Dataset (ACD)" gives
    the name and its abbreviation; "COCO test-dev" gives "COCO"; "A->B" gives
    two datasets; "X / Y" gives two spellings.
    """
    form = tidy(form)
    acronym = ""
    paren = TRAILING_PAREN.match(form)
    if paren:
        form = paren.group(1).strip()
        if is_acronym(paren.group(2).strip(), form):
            acronym = paren.group(2).strip()
    form = tidy(ANY_PAREN.sub("", form))
    others: list[str] = []
    if etype == "dataset" and ARROWS.search(form):
        parts = [tidy(p) for p in ARROWS.split(form) if tidy(p)]
        form, others = (parts[0], parts[1:]) if parts else ("", [])
    names = []
    for spelling in form.split(" / "):
        spelling = tidy(spelling)
        if etype in ("dataset", "metric", "task"):
            spelling = tidy(SPACED_DASH.split(spelling)[0])
        if etype in ("dataset", "metric"):
            words = spelling.split()
            while len(words) > 1 and (words[-1].lower() in SPLIT_WORDS or SETTING.match(words[-1])):
                words.pop()
            spelling = " ".join(words)
        names.append(spelling)
    names.append(acronym)
    return [n for n in dict.fromkeys(names) if n], others


def plain(word: str) -> bool:
    """True for a word in ordinary spelling: letters only, no capital after the first."""
    return word.isalpha() and word[1:] == word[1:].lower()


def commonness(form: str, etype: str, generic: set[str]) -> tuple[str | None, str]:
    """Decide how a form may match: (reason to drop or None, match policy).

    Acronyms, CamelCase and names with digits match in their own case. A
    one-word name in ordinary spelling is dropped when it is a common English
    word, matched in its own case when it is a word of middling frequency
    (and always for datasets, which are proper names), and in any case when
    rare. Metric and task names of one ordinary word are dropped: the real
    ones come from the hand-written list. Longer names match in any case,
    except dataset names made of common words, which must keep their case.
    """
    if fold(form) in generic:
        return "umbrella or generic term", ""
    words = [w for w in re.split(r"[\s\-]+", form) if w]
    lowered = [w.lower() for w in words]
    if all(w in STOP_WORDS for w in lowered):
        return "stop words", ""
    if len(words) == 1:
        if not plain(form.replace("'", "")):
            return None, "exact"
        if etype in ("metric", "task"):
            return f"one ordinary word ({etype})", ""
        frequency = zipf(form)
        if frequency >= COMMON_ZIPF:
            return "common English word", ""
        if etype == "dataset" or frequency >= RARE_ZIPF:
            if form[0].islower():
                return "ordinary word in lower case", ""
            return None, "exact"
        return None, "lower"
    content = [w for w in lowered if w not in STOP_WORDS]
    common = all(zipf(w) >= RARE_ZIPF for w in content)
    if etype == "dataset":
        if not all(plain(w) for w in words) or not common:
            return None, "exact" if not all(plain(w) for w in words) else "lower"
        capitals = all(w[0].isupper() for w in words if w.lower() not in STOP_WORDS)
        return (None, "exact") if capitals else ("phrase of common words", "")
    if all(plain(w) for w in words) and common and len(content) < 2:
        return "one content word", ""
    return None, "lower"


def entry_policy(forms: list[tuple[str, str]]) -> str:
    """One match policy for an entry's forms: ``auto`` where it fits, else the strictest."""
    policies = {p for _, p in forms}
    if policies == {"lower"}:
        return "lower"
    if any(p == "exact" and match_attr(f, "auto") != EXACT for f, p in forms):
        return "exact"
    return "auto"


def read_raw(path: Path, etype: str) -> Iterable[tuple[int, dict[str, str]]]:
    """Yield (line number, row) of one raw list."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        yield from enumerate(reader, start=2)


def raw_vocab_id(row: dict[str, str]) -> str:
    """Prefix the source's own id with the source it comes from."""
    rid = (row.get("id") or "").strip()
    if not rid:
        return ""
    source = row.get("source", "")
    if "methods.json" in source:
        return f"pwc:{rid}"
    if "transformers" in source:
        return f"hf:{rid}"
    return f"tdms:{rid}"


class Curator:
    """Turn raw rows into curated entries, keeping a tally of what was dropped and why."""

    def __init__(self, generic: set[str], log: Callable[[str], None] | None = None) -> None:
        self.generic = generic
        self.dropped: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = defaultdict(list)
        self.log = log

    def drop(self, reason: str, etype: str, form: str) -> None:
        key = f"{etype}: {reason}"
        self.dropped[key] += 1
        if len(self.examples[key]) < 8:
            self.examples[key].append(form)

    def forms(self, raw_forms: list[str], etype: str) -> tuple[list[tuple[str, str]], list[str]]:
        """Clean raw spellings into (form, policy) pairs plus names of separate entries."""
        kept: list[tuple[str, str]] = []
        others: list[str] = []
        for raw in raw_forms:
            names, more = strip_settings(raw, etype)
            others += more
            for name in names:
                reason = junk_reason(name, etype)
                policy = ""
                if reason is None:
                    reason, policy = commonness(name, etype, self.generic)
                if reason:
                    self.drop(reason, etype, name)
                else:
                    kept.append((name, policy))
        return kept, others

    def candidate(
        self, etype: str, raw_forms: list[str], vocab_id: str = "", url: str = "", sources: int = 1
    ) -> list[Candidate]:
        """Build the candidates of one raw row (several when a row names several things)."""
        kept, others = self.forms(raw_forms, etype)
        result = []
        if kept:
            match = entry_policy(kept)
            name = kept[0][0]
            aliases = [f for f, _ in kept[1:] if f != name]
            result.append(Candidate(etype, name, aliases, vocab_id, url, match, sources))
        for other in others:
            result += self.candidate(etype, [other], sources=sources)
        return result


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """Merge candidates of one type that share a folded spelling, keeping the first name.

    A hand-written candidate keeps its name and policy over raw ones.
    """
    merged: list[Candidate] = []
    owner: dict[str, int] = {}
    for cand in sorted(candidates, key=lambda c: not c.hand):
        keys = [fold(f) for f in (cand.name, *cand.aliases)]
        target = next((owner[k] for k in keys if k in owner), None)
        if target is None:
            target = len(merged)
            merged.append(cand)
        else:
            kept = merged[target]
            kept.aliases += [a for a in [cand.name, *cand.aliases] if a not in kept.aliases]
            kept.vocab_id = kept.vocab_id or cand.vocab_id
            kept.url = kept.url or cand.url
            kept.sources += cand.sources
            if kept.match != cand.match and not kept.hand:
                kept.match = "auto" if "exact" not in (kept.match, cand.match) else "exact"
        for key in keys:
            owner.setdefault(key, target)
    for cand in merged:
        cand.aliases = [a for a in dict.fromkeys(cand.aliases) if a.lower() != cand.name.lower()]
    return merged


def resolve_types(by_type: dict[str, list[Candidate]], report: Counter[str]) -> None:
    """Give each spelling one type.

    Hand-written entries win; then the method list (curated model and method
    names) wins over the leaderboard-derived lists, whose dataset, metric and
    task columns are often mixed up; among those a type wins with at least
    twice the support (rows and sources) of the next; a tie that includes the
    dataset list goes to it (leaderboards name datasets as metric columns);
    otherwise the spelling is dropped from all.
    """
    support: dict[str, Counter[str]] = defaultdict(Counter)
    hand_owner: dict[str, str] = {}
    for etype, cands in by_type.items():
        for cand in cands:
            for form in (cand.name, *cand.aliases):
                support[fold(form)][etype] += cand.sources
                if cand.hand:
                    hand_owner[fold(form)] = etype

    def owner(key: str) -> str | None:
        if key in hand_owner:
            return hand_owner[key]
        ranked = support[key].most_common()
        if len(ranked) == 1 or "method" in support[key]:
            return "method" if "method" in support[key] else ranked[0][0]
        if ranked[0][1] >= 2 * ranked[1][1]:
            return ranked[0][0]
        top = {t for t, n in ranked if n == ranked[0][1]}
        return "dataset" if "dataset" in top else None

    for etype, cands in by_type.items():
        kept = []
        for cand in cands:
            forms = [f for f in (cand.name, *cand.aliases) if owner(fold(f)) == etype]
            report[f"{etype}: spellings given to another type or ambiguous"] += (
                1 + len(cand.aliases) - len(forms)
            )
            if not forms:
                continue
            if forms[0] != cand.name and not cand.hand:
                continue
            cand.aliases = [f for f in forms if f != cand.name]
            kept.append(cand)
        by_type[etype] = kept


def read_generic(path: Path) -> set[str]:
    """Read the exclusion list: one term per line (tab, then an optional note)."""
    terms = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        term = line.split("\t")[0].strip()
        if term:
            terms.add(fold(term))
    return terms


def curate(source: Path, curation: Path) -> tuple[dict[str, list[Candidate]], Curator]:
    """Read raw and hand-written lists and return the curated candidates per type."""
    curator = Curator(read_generic(curation / "exclude.tsv"))
    by_type: dict[str, list[Candidate]] = {t: [] for t in VOCAB_TYPES}
    for entry in read_vocab_file(curation / "general.tsv"):
        by_type[entry.type].append(
            Candidate(
                entry.type,
                entry.name,
                list(entry.aliases),
                entry.vocab_id,
                entry.url,
                entry.match,
                hand=True,
            )
        )
    for etype, filename in RAW_FILES.items():
        for _, row in read_raw(source / filename, etype):
            forms = [row["name"], *(a for a in (row.get("aliases") or "").split("|") if a)]
            sources = len([s for s in (row.get("source") or "").split(" ; ") if s])
            technique = TECHNIQUE.search(tidy(ANY_PAREN.sub("", row["name"])))
            target = "method" if etype == "task" and technique else etype
            by_type[target] += curator.candidate(
                target, forms, raw_vocab_id(row), (row.get("url") or "").strip(), sources
            )
    for etype in VOCAB_TYPES:
        by_type[etype] = merge(by_type[etype])
    resolve_types(by_type, curator.dropped)
    return by_type, curator


def write(by_type: dict[str, list[Candidate]], out: Path) -> dict[str, int]:
    """Write one sorted file per type; return the number of entries written."""
    sizes = {}
    for etype, filename in RAW_FILES.items():
        cands = sorted(by_type[etype], key=lambda c: (c.name.lower(), c.name))
        with atomic_write(out / filename) as handle:
            handle.write("\t".join(COLUMNS) + "\n")
            for c in cands:
                entry = VocabEntry(c.name, etype, tuple(c.aliases), c.vocab_id, c.url, c.match)
                cells = [
                    entry.name,
                    entry.type,
                    "|".join(entry.aliases),
                    entry.vocab_id,
                    entry.url,
                    entry.match,
                ]
                handle.write("\t".join(cells) + "\n")
        sizes[etype] = len(cands)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help="folder of the raw lists (default: ../shared/vocab)",
    )
    parser.add_argument(
        "--curation", type=Path, default=CURATION_DIR, help="folder of general.tsv and exclude.tsv"
    )
    parser.add_argument(
        "--out", type=Path, default=VOCAB_DIR, help="folder to write the curated files to"
    )
    parser.add_argument(
        "--report", action="store_true", help="print what was dropped, with examples"
    )
    args = parser.parse_args(argv)
    by_type, curator = curate(args.source, args.curation)
    sizes = write(by_type, args.out)
    for etype, size in sizes.items():
        print(f"{etype}: {size} entries")
    if args.report:
        for reason, count in sorted(curator.dropped.items()):
            examples = "; ".join(curator.examples.get(reason, []))
            print(f"  dropped {count:5d}  {reason}  e.g. {examples}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
