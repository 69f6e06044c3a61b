"""The ``graphkit_patterns`` spaCy component: the rule table's token rules, run by one engine.

Each rule of the table (``graphkit.extract.rules``) finds names that are in
no vocabulary, by spaCy ``Matcher`` token patterns or by an anchor and a
walker. An anchor is a lexeme flag, so one column of the doc
(``flags.ANCHOR``) tells where any walker may start, and the anchor token's
word bits tell which: rare tokens only, tested in compiled code. The runs of
capitalised words are found from the same column. Candidates go to
``doc.spans["graphkit_candidates"]`` with the rule's id as ``span.id_``.

The built-in table is package data; ``add_rules`` adds a user's rule file,
and ``to_disk`` / ``from_disk`` save and load the added rules with the
pipeline, as spaCy's ``SpanRuler`` does with its patterns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from graphkit.extract import flags
from graphkit.extract.gazetteer import SPANS_KEY, add_candidates
from graphkit.extract.rules import Pattern, Rule, RuleTable, builtin_table, parse_rule, read_rules
from graphkit.extract.walkers import Scan, walker
from graphkit.extract.wordbits import TITLE_BIT, WordBits

RULES_FILE_NAME = "rules.jsonl"
"""The file, in the component's folder, that holds the rules added to the built-in table."""

Handler = Callable[[Scan, int, Token, int], None]
"""A walker bound to its rule (a ``partial``, which adds no Python frame) and to its pattern's
tests: called with the scan, the anchor's index, the anchor token and its word bits."""


def _heading(doc: Doc) -> bool:
    """True for a short text without a closing full stop: a title or heading."""
    return 0 < len(doc) <= 40 and doc[-1].text not in (".", "!", "?")


def _bound(rule: Rule, pattern: Pattern) -> Handler:
    """The pattern's walker bound to its rule, behind the pattern's before and after tests."""
    walk = walker(pattern.walker or "")
    before = 1 << flags.anchor_flag(pattern.before) if pattern.before else 0
    after = 1 << flags.anchor_flag(pattern.after) if pattern.after else 0
    if not (before or after):
        return partial(walk, rule)

    def tested(scan: Scan, i: int, token: Token, bits: int) -> None:
        doc, known = scan.doc, scan.known
        if before and (i == 0 or not known[doc[i - 1].orth] & before):
            return
        if after and (i + 1 >= len(doc) or not known[doc[i + 1].orth] & after):
            return
        walk(rule, scan, i, token, bits)

    return tested


class PatternFinder:
    """The engine of the rule table: token patterns, anchors with walkers, capitalised runs."""

    def __init__(
        self, nlp: Language, name: str = "graphkit_patterns", *, spans_key: str = SPANS_KEY
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.vocab = nlp.vocab
        self.table: RuleTable = builtin_table()
        self.added: list[Rule] = []
        self._known = WordBits(nlp.vocab)
        self._compile()

    def add_rules(self, rules: str | Path | Iterable[dict[str, Any]]) -> None:
        """Add the rules of a rule file (or of records); one with a built-in rule's id
        replaces it."""
        if isinstance(rules, str | Path):
            found = read_rules(rules)
        else:
            found = [parse_rule(record, f"record {n}") for n, record in enumerate(rules, 1)]
        self.added.extend(found)
        self.table.add(found)
        self._compile()

    def _compile(self) -> None:
        """Bind each pattern to its rule: anchors to lexeme flags, token patterns to a
        Matcher; set the ``ANCHOR`` flag to the table's anchors."""
        anchors: list[tuple[int, Handler, bool]] = []
        anchor_flags: dict[int, flags.Getter] = {}
        self._runs: list[tuple[Callable[..., None], Rule]] = []
        self.matcher = Matcher(self.vocab)
        self._matched: dict[int, Rule] = {}
        for rule in self.table.rules:
            self.vocab.strings.add(rule.id)
            for label in rule.labels:
                self.vocab.strings.add(label)
            for n, pattern in enumerate(rule.patterns):
                if pattern.tokens is not None:
                    key = self.vocab.strings.add(f"{rule.id}#{n}")
                    self.matcher.add(key, [pattern.tokens])
                    self._matched[key] = rule
                elif pattern.runs:
                    self._runs.append((walker(pattern.walker or ""), rule))
                else:
                    flag_id = flags.anchor_flag(pattern.anchor or {})
                    anchor_flags[flag_id] = flags.FLAGS[flag_id]
                    heading = pattern.where == "heading"
                    anchors.append((1 << flag_id, _bound(rule, pattern), heading))
        flags.set_anchors(anchor_flags)
        flags.register_flags(self.vocab)
        self.anchors = [(mask, handler) for mask, handler, _ in anchors]
        self.anchor_mask = 0
        self.text_mask = 0
        for mask, _, heading in anchors:
            self.anchor_mask |= mask
            if not heading:
                self.text_mask |= mask
        self._dispatch: dict[int, tuple[Handler, ...]] = {}
        self._known.clear()

    def __call__(self, doc: Doc) -> Doc:
        """Add the rules' candidate spans to ``doc.spans[spans_key]``."""
        spans: list[Span] = []
        if len(doc):
            scan = Scan(doc, self._known, spans)
            self._scan(scan)
            if self._matched:
                for key, start, end in self.matcher(doc):
                    rule = self._matched[key]
                    scan.add(start, end, rule.label, rule)
        add_candidates(doc, self.spans_key, spans)
        return doc

    def _scan(self, scan: Scan) -> None:
        """Run the walkers of each anchor token, then those of the runs of two or more
        capitalised tokens.

        One ``ANCHOR`` column finds both: the word's bits tell the walkers, and its
        ``IS_TITLE`` bit the runs of capitalised words."""
        doc, known, dispatch = scan.doc, scan.known, self._dispatch
        mask = self.anchor_mask if _heading(doc) else self.text_mask
        runs: list[tuple[int, int]] = []
        first = last = -2
        for i in doc.to_array(flags.ANCHOR).nonzero()[0].tolist():
            token = doc[i]
            bits = known[token.orth]
            if rules := bits & mask:
                for handler in dispatch.get(rules) or self._handlers(rules):
                    handler(scan, i, token, bits)
            if bits & TITLE_BIT:
                if i != last + 1:
                    if last > first:
                        runs.append((first, last + 1))
                    first = i
                last = i
        if last > first:
            runs.append((first, last + 1))
        if not self._runs:
            return
        for start, end in runs:
            if start == 0 or doc[start - 1].check_flag(flags.SENTENCE_END):
                start += 1
            if end - start >= 2:
                for walk, rule in self._runs:
                    walk(rule, scan, start, end)

    def _handlers(self, bits: int) -> tuple[Handler, ...]:
        """The handlers a token with the anchor bits ``bits`` starts, in table order (cached
        per set of bits)."""
        handlers = tuple(handler for mask, handler in self.anchors if bits & mask)
        self._dispatch[bits] = handlers
        return handlers

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the added rules to ``path/rules.jsonl`` (the built-in ones ship with graphkit)."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / RULES_FILE_NAME, [rule.to_json() for rule in self.added])

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> PatternFinder:
        """Load the rules that ``to_disk`` saved."""
        rules_file = ensure_path(path) / RULES_FILE_NAME
        self.added = []
        self.table.reset(builtin_table().rules)
        if rules_file.exists():
            self.add_rules(rules_file)
        else:
            self._compile()
        return self


@Language.factory("graphkit_patterns", default_config={"spans_key": SPANS_KEY})
def make_patterns(nlp: Language, name: str, spans_key: str) -> PatternFinder:
    """Build the token-rule component with the built-in rule table."""
    return PatternFinder(nlp, name, spans_key=spans_key)
