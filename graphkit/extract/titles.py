"""Title shapes: "Name: what it does" titles name the paper's own method.

When a title starts with a short name followed by a colon, the name is the
thing the paper proposes: a mention covering it is marked proposed, and a
name that no rule found becomes a METHOD mention (rule ``title_name``).
A title without a colon that opens with a name followed by a linking word
("X for Y"), or that is a short name as a whole, does the same; so do plain
capitalised words before a colon. Opening words that no rule found become a
method only when they look like a name and the abstract uses them again.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graphkit.extract.gazetteer import VOCABULARY_RULES
from graphkit.extract.lexicon import GENERIC_WORDS, VERBS, WEAK_TASK_HEADS, head_type
from graphkit.extract.words import words
from graphkit.keys import canonical_key
from graphkit.models import Mention

RULE = "title_name"
"""The rule of the title's own name (its record in the rule table says ``by`` this module)."""
SLOGAN_WORDS = words("slogan_words")
MAX_NAME_TOKENS = 4
OPENING_LINKS = words("title_links")
"""The words that, after the name opening a title, say what it is for ("X for Y")."""
MEANS_LINKS = frozenset({"via", "with", "through", "using"})
"""The title words after which the title names the means of the work ("... via X")."""
MAX_OPENING_WORDS = 6
MAX_WHOLE_TITLE = 4
"""A title of this many words or fewer, with no link word, may be a name as a whole."""
_OWN = ("METHOD", "DATASET")


def title_name(doc: Doc | None) -> tuple[int, int] | None:
    """Return the character span of the name before a title's colon, or None."""
    if doc is None or not len(doc):
        return None
    colon = next((t.i for t in doc[: MAX_NAME_TOKENS + 1] if t.text == ":"), None)
    if colon is None or colon == 0:
        return None
    head = doc[:colon]
    words = [t for t in head if not t.is_punct]
    if not words or any(t.lower_ in GENERIC_WORDS or t.lower_ in SLOGAN_WORDS for t in words):
        return None
    shaped = any(
        any(c.isupper() for c in t.text[1:]) or any(c.isdigit() for c in t.text) for t in words
    )
    if not shaped and (len(words) > 1 or not (words[0].is_title or words[0].is_upper)):
        return None
    return head.start_char, head.end_char


def title_mentions(
    doc: Doc | None,
    mentions: list[Mention],
    title: str | None = None,
    abstract: str | None = None,
) -> list[Mention]:
    """Mark the title's own name proposed everywhere in the paper, adding it when missing.

    ``title`` is the text the doc was made from (``doc.text`` when not given);
    ``abstract`` the paper's abstract, where a title's opening words found by no rule
    must recur to be taken as a name.
    """
    if title is not None:
        mentions = _means_names(mentions, title)
    if title is not None and ":" not in title:
        return _opening_name(mentions, title, abstract)
    found = title_name(doc)
    if found is None or doc is None:
        return _before_colon(mentions, title, abstract)
    title = doc.text if title is None else title
    start, end = found
    text = title[start:end]
    key = canonical_key(text)
    covering = [m for m in mentions if m.field == "title" and m.start == start and m.end == end]
    label = covering[0].label if covering else "METHOD"
    if label not in ("METHOD", "DATASET"):
        return mentions
    result = [
        _proposed(m) if m.label == label and not m.proposed and canonical_key(m.text) == key else m
        for m in mentions
    ]
    if not covering:
        inside = [m for m in mentions if m.field == "title" and m.start < end and m.end > start]
        if inside:
            return result
        sentence = title.strip()
        result.append(Mention(text, label, "title", start, end, sentence, RULE, proposed=True))
    return result


def _opening_name(
    mentions: list[Mention], title: str, abstract: str | None = None
) -> list[Mention]:
    """Mark proposed everywhere the method or dataset that opens a title with no colon and is
    followed by a linking word ("X for Y", "X with Y"), or that is the whole of a short title:
    such a title names the paper's own thing first, as "Name: what it does" does. The name is
    the title's words before the link, found as a mention in the title or anywhere in the
    abstract; found by no rule, it is a new method when its words are capitalised, its last
    word names no task and the abstract uses it again (``_unfound_name``)."""
    words = title.split()
    link = next((i for i, w in enumerate(words) if w.lower() in OPENING_LINKS), None)
    if link is None and len(words) <= MAX_WHOLE_TITLE:
        link = len(words)
    if link is None or not 0 < link <= MAX_OPENING_WORDS:
        return mentions
    key = canonical_key(" ".join(words[:link]))
    labels = {m.label for m in mentions if m.label in _OWN and canonical_key(m.text) == key}
    if not labels and abstract:
        return _unfound_name(mentions, title, words[:link], key, abstract)
    if len(labels) != 1:
        return mentions
    (label,) = labels
    name = " ".join(words[:link])
    start = title.find(name)
    end = start + len(name)
    return [
        _proposed(m) if m.label == label and not m.proposed and canonical_key(m.text) == key else m
        for m in mentions
        if not (start >= 0 and m.field == "title" and start <= m.start and m.end <= end)
        or canonical_key(m.text) == key
    ]


def _before_colon(
    mentions: list[Mention], title: str | None, abstract: str | None
) -> list[Mention]:
    """The words before a title's colon that ``title_name`` does not take for a name (no
    inner capital or digit: "Codebook Features: ...") are the paper's own method on the
    terms of ``_unfound_name``: capitalised, no task word last, used again in the
    abstract."""
    if not title or not abstract:
        return mentions
    words = title.split(":", 1)[0].split()
    if not words or len(words) > MAX_WHOLE_TITLE:
        return mentions
    key = canonical_key(" ".join(words))
    labels = {m.label for m in mentions if canonical_key(m.text) == key}
    if not labels:
        return _unfound_name(mentions, title, words, key, abstract)
    if len(labels) != 1 or not labels <= set(_OWN):
        return mentions
    return [
        _proposed(m) if not m.proposed and canonical_key(m.text) == key else m for m in mentions
    ]


def _unfound_name(
    mentions: list[Mention], title: str, words: list[str], key: str, abstract: str
) -> list[Mention]:
    """Add the opening words of a title as the paper's own method when they look like a name:
    two words or more, each capitalised (each part of a hyphenated word too), no task word
    last ("Neural Video Compression" names a problem), and used again in the abstract (in the
    singular or the plural: a title names "X Signatures", the abstract "X Signature"), where
    no rule typed them as anything else. Mentions inside them in the title give way."""
    if len(words) < 2 or not all(_capitalised(w) for w in words):
        return mentions
    if (
        head_type(words[-1].lower()) == "TASK"
        or words[-1].lower() in WEAK_TASK_HEADS
        or words[0].lower() in VERBS
    ):
        return mentions
    name = " ".join(words)
    stem = name[:-1] if name.endswith("s") else name
    if not re.search(r"(?<!\w)" + re.escape(stem) + r"s?(?!\w)", abstract, re.IGNORECASE):
        return mentions
    start = title.index(words[0])
    end = start + len(name)
    if title[start:end] != name:
        return mentions
    return _added_name(mentions, title, start, end)


def _means_names(mentions: list[Mention], title: str) -> list[Mention]:
    """The capitalised names that end a title after a word of means ("... via X and Y", "...
    with X") are the paper's own methods: marked proposed when a rule other than a
    vocabulary found them, added when no rule did and they look like a name (two words or
    more). No task word ends them and no adverb opens them; a vocabulary name there ("with
    Vision Transformers") is one the paper uses."""
    words = title.split()
    link = next((i for i in range(len(words) - 1, 0, -1) if words[i].lower() in MEANS_LINKS), None)
    if link is None:
        return mentions
    tail = " ".join(words[link + 1 :]).rstrip("?.!")
    offset = title.rfind(tail) if tail and ":" not in tail else -1
    if offset < 0:
        return mentions
    for part in re.split(r",? and |, | & ", tail):
        start = title.find(part, offset)
        offset = start + len(part)
        mentions = _means_name(mentions, title, part.split(), start, offset)
    return mentions


def _means_name(
    mentions: list[Mention], title: str, words: list[str], start: int, end: int
) -> list[Mention]:
    """One name of ``_means_names`` at ``start:end`` of the title."""
    if not words or not all(_capitalised(w) for w in words) or words[0].endswith("ly"):
        return mentions
    last = words[-1].lower()
    if head_type(last) == "TASK" or last in WEAK_TASK_HEADS:
        return mentions
    if any(m.field == "title" and m.start == start and m.end == end for m in mentions):
        return [
            _proposed(m)
            if m.field == "title"
            and m.start == start
            and m.end == end
            and m.label in _OWN
            and m.rule not in VOCABULARY_RULES
            else m
            for m in mentions
        ]
    if len(words) < 2 or any(
        m.start < start < m.end or m.start < end < m.end for m in mentions if m.field == "title"
    ):
        return mentions
    return _added_name(mentions, title, start, end)


def _added_name(mentions: list[Mention], title: str, start: int, end: int) -> list[Mention]:
    """``mentions`` with the title's ``start:end`` added as the paper's own method, in place
    of the title's mentions inside it."""
    kept = [m for m in mentions if not (m.field == "title" and m.start >= start and m.end <= end)]
    kept.append(
        Mention(title[start:end], "METHOD", "title", start, end, title.strip(), RULE, proposed=True)
    )
    return kept


def _capitalised(word: str) -> bool:
    """True when each part of a word that starts with a letter starts with a capital."""
    return all(p[:1].isupper() for p in word.split("-") if p[:1].isalpha())


def _proposed(m: Mention) -> Mention:
    """``m`` marked proposed; the constructor is cheaper than ``dataclasses.replace``."""
    return Mention(m.text, m.label, m.field, m.start, m.end, m.sentence, m.rule, True)
