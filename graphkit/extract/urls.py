"""The ``graphkit_urls`` spaCy component: code repositories and other links.

URL tokens on GitHub, GitLab, Gitee, Bitbucket and the Hugging Face Hub become
REPO candidates whose ``kb_id`` is the repository's root URL; every other URL
becomes a LINK candidate. Trailing punctuation glued to a URL is left out of
the span's meaning (the root URL) but kept in the text, as written.
"""

from __future__ import annotations

import re

from spacy.attrs import LIKE_URL
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from graphkit.extract.gazetteer import SPANS_KEY, add_candidates
from graphkit.models import LINK, SPAN_LABELS

RULE_REPO = "url_repo"
RULE_LINK = "url_link"
REPO = SPAN_LABELS["repo"]
LINK_LABEL = SPAN_LABELS[LINK]

CODE_HOSTS: dict[str, int] = {
    "github.com": 2,
    "gitlab.com": 2,
    "gitee.com": 2,
    "bitbucket.org": 2,
    "huggingface.co": 2,
}
"""Code hosts and the number of path parts that name a repository on them."""

_HF_KINDS = {"datasets", "spaces"}
_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)
_TRAILING = ".,;:!?)]}>'\"*"


_UNSAFE = re.compile(r"[\s{}<>\"|\\^`]")


def strip_url(text: str) -> str:
    """Return a URL as written minus trailing punctuation, unbalanced brackets and anything
    after a character no URL holds (LaTeX braces, quotes)."""
    text = _UNSAFE.split(text.strip(), maxsplit=1)[0]
    while text and text[-1] in _TRAILING:
        if text[-1] == ")" and text.count("(") >= text.count(")"):
            break
        text = text[:-1]
    return text


def repo_root(url: str) -> str | None:
    """Return ``https://HOST/OWNER/NAME`` for a code-host URL, else None.

    Hugging Face dataset and Space URLs keep their kind
    (``https://huggingface.co/datasets/OWNER/NAME``).
    """
    text = _SCHEME.sub("", strip_url(url))
    parts = [p for p in re.split(r"[/?#]", text)]
    host = parts[0].lower() if parts else ""
    if host not in CODE_HOSTS:
        return None
    path = [p for p in parts[1:] if p]
    if host == "huggingface.co" and path and path[0] in _HF_KINDS:
        kind, path = [path[0]], path[1:]
    else:
        kind = []
    if len(path) < CODE_HOSTS[host]:
        return None
    owner, name = path[0], path[1]
    if name.endswith(".git"):
        name = name[:-4]
    if not name or owner.lower() in {"orgs", "topics", "features", "about"}:
        return None
    return "https://" + "/".join([host, *kind, owner, name])


def is_url_text(text: str) -> bool:
    """True for text that names a web address (scheme, ``www.`` or a code host)."""
    lowered = text.lower()
    return lowered.startswith(("http://", "https://", "www.")) or any(
        lowered.startswith(host + "/") for host in CODE_HOSTS
    )


class UrlFinder:
    """Turn URL tokens into REPO or LINK candidate spans."""

    def __init__(
        self, nlp: Language, name: str = "graphkit_urls", *, spans_key: str = SPANS_KEY
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        # Matching on the flag finds every URL-like token in one compiled pass: cheaper per
        # doc than a column of token attributes.
        self.url_tokens = PhraseMatcher(nlp.vocab, attr=LIKE_URL)
        self.url_tokens.add("LIKE_URL", [Doc(nlp.vocab, words=["https://example.org"])])

    def __call__(self, doc: Doc) -> Doc:
        """Add one candidate span per URL token."""
        spans = []
        for _, start, _ in self.url_tokens(doc):
            text = doc[start].text
            if not is_url_text(text):
                continue
            root = repo_root(text)
            if root:
                spans.append(Span(doc, start, start + 1, REPO, kb_id=root, span_id=RULE_REPO))
            else:
                link = strip_url(text)
                spans.append(Span(doc, start, start + 1, LINK_LABEL, kb_id=link, span_id=RULE_LINK))
        add_candidates(doc, self.spans_key, spans)
        return doc


@Language.factory("graphkit_urls", default_config={"spans_key": SPANS_KEY})
def make_urls(nlp: Language, name: str, spans_key: str) -> UrlFinder:
    """Build the URL component."""
    return UrlFinder(nlp, name, spans_key=spans_key)
