"""Repository URLs to their root, other URLs as links."""

from __future__ import annotations

import pytest

from graphkit.extract.urls import repo_root, strip_url
from graphkit.models import Paper
from graphkit.run.extractor import Extractor


@pytest.mark.parametrize(
    "url, root",
    [
        (
            "https://github.com/microsoft/Cream/tree/main/EfficientViT.",
            "https://github.com/microsoft/Cream",
        ),
        ("https://www.github.com/a/b).", "https://github.com/a/b"),
        ("github.com/a/b.git", "https://github.com/a/b"),
        ("http://gitlab.com/group/proj/-/blob/x.py", "https://gitlab.com/group/proj"),
        ("https://gitee.com/o/n;", "https://gitee.com/o/n"),
        ("https://bitbucket.org/o/n/src/master/", "https://bitbucket.org/o/n"),
        (
            "https://huggingface.co/datasets/org/set/viewer",
            "https://huggingface.co/datasets/org/set",
        ),
        ("https://huggingface.co/org/model,", "https://huggingface.co/org/model"),
        ("https://x.github.io/project/", None),
        ("https://arxiv.org/abs/2305.07027", None),
        ("https://github.com/microsoft", None),
        ("https://github.com/o/SeaS{https://x.org}", "https://github.com/o/SeaS"),
    ],
)
def test_repo_root(url, root):
    assert repo_root(url) == root


def test_strip_url_keeps_balanced_brackets():
    assert (
        strip_url("https://en.wikipedia.org/wiki/X_(y))") == "https://en.wikipedia.org/wiki/X_(y)"
    )
    assert strip_url("https://a.org/b.") == "https://a.org/b"


def test_repo_and_link_entities():
    text = (
        "Code: https://github.com/microsoft/Cream/tree/main/EfficientViT. "
        "Project page: https://x.github.io/proj/."
    )
    found = Extractor().extract_paper(Paper(id="p", title="T", abstract=text)).entities
    repo = next(e for e in found if e.type == "repo")
    assert repo.name == "https://github.com/microsoft/Cream"
    assert repo.aliases == ["https://github.com/microsoft/Cream/tree/main/EfficientViT"]
    assert repo.proposed
    assert repo.id == "repo/github.com/microsoft/cream"
    link = next(e for e in found if e.type == "link")
    assert link.name == "https://x.github.io/proj/"
    mention = repo.mentions[0]
    assert text[mention.start : mention.end] == mention.text
