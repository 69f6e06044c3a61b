"""A problem something is cast as: "formulate the pruning as a combinatorial optimization
problem", "framed as a binary pixel classification problem".

The phrase after "as a" names the form a paper gives its own problem, not the
task it addresses, so a task cue after it ("problem", "task") does not make it
one.
"""

from __future__ import annotations

from spacy.tokens import Doc


def formulated_as(doc: Doc, start: int) -> bool:
    """True for a phrase at ``start`` that follows "as a" or "as an"."""
    return start >= 2 and doc[start - 1].lower_ in ("a", "an") and doc[start - 2].lower_ == "as"
