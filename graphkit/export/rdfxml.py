"""RDF/XML output: XML 1.0 cannot hold most control characters, even escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_XML_FORBIDDEN = re.compile(r"(?<!\\)((?:\\\\)*)\\u00(?:0[0-8BCEF]|1[0-9A-F])")
"""An N-Triples escape of a character that XML 1.0 forbids (U+0000-U+001F except tab, line feed
and carriage return), not itself escaped by a backslash."""


def xml_safe_lines(lines: Iterable[str]) -> Iterator[str]:
    """N-Triples lines with the characters XML 1.0 forbids replaced by U+FFFD."""
    for line in lines:
        yield _XML_FORBIDDEN.sub(r"\1\\uFFFD", line) if "\\u00" in line else line
