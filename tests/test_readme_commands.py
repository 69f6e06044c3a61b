"""Every shell command of the README runs as written in a fresh copy of the clone.

The README's ```bash blocks are run in order, each in its own bash (``set -e``), in a
temporary copy of the files a clone has (``git ls-files``), so that they read only what ships
with graphkit. ``graphkit`` and ``python`` are this interpreter, with the copy on
``PYTHONPATH``; ``.venv/bin`` holds them too, as after the README's install commands. The
only commands not run are those that need the network or a Dask cluster (:data:`SKIPPED`,
each with its reason), and the test suite itself, which holds this test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_types import readme_example

REPO = Path(__file__).resolve().parents[1]

SKIPPED: dict[str, str] = {
    "apt-get install": "network: installs a Debian package",
    "python3 -m venv .venv": "network: the install that follows downloads packages from PyPI",
    ".venv/bin/pip install": "network: downloads packages from PyPI",
    "pip install": "network: downloads packages from PyPI",
    "python scripts/build_vocab.py": "network: the raw lists are downloads, not bundled",
    "neo4j-admin": "network: needs a Neo4j install, a download",
    "dask scheduler": "a Dask cluster",
    "dask worker": "a Dask cluster",
    "graphkit extract arxiv/": "a Dask cluster (--engine dask --scheduler tcp://HOST:8786)",
    "for f in /shared/arxiv-shards/": "a Dask cluster: the shards of the run above",
    "cat /shared/arxiv-shards/": "a Dask cluster: the shards of the run above",
    "tdb2.tdbloader": "a Dask cluster: the shards of the run above",
    ".venv/bin/python -m pytest": "the test suite itself, which holds this test",
}
"""Commands (by how they start) that are not run, with the reason."""


def readme_blocks() -> list[tuple[int, str, list[str]]]:
    """The ```bash blocks of the README: (line, section, commands joined across ``\\``)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = []
    for match in re.finditer(r"^```bash\n(.*?)^```", text, re.M | re.S):
        line = text.count("\n", 0, match.start()) + 1
        section = re.findall(r"^#+ (.+)$", text[: match.start()], re.M)[-1]
        joined = match.group(1).replace("\\\n", " ")
        commands = [c for c in joined.splitlines() if c.strip() and not c.lstrip().startswith("#")]
        blocks.append((line, section, commands))
    return blocks


def _runnable(command: str) -> tuple[str | None, list[str]]:
    """The part of ``command`` to run (None: nothing), and the :data:`SKIPPED` keys left out."""
    kept, left_out = [], []
    for part in command.split("&&"):
        start = next((key for key in SKIPPED if part.strip().startswith(key)), None)
        if start is None:
            kept.append(part.strip())
        else:
            left_out.append(start)
    return (" && ".join(kept) or None), left_out


def _fresh_clone(target: Path) -> None:
    """Copy the files a clone has (tracked, or new and not ignored) into ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = REPO / os.fsdecode(name)
        if source.is_file():
            (target / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / os.fsdecode(name))


def _tools(clone: Path) -> None:
    """``.venv/bin`` of the clone: graphkit, python and ruff of this interpreter."""
    bin_dir = clone / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, command in (("python", ""), ("graphkit", " -m graphkit")):
        (bin_dir / name).write_text(f'#!/bin/sh\nexec "{sys.executable}"{command} "$@"\n')
        (bin_dir / name).chmod(0o755)
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    (bin_dir / "ruff").symlink_to(ruff)


@pytest.mark.slow
def test_every_readme_command_runs_in_a_fresh_clone(tmp_path: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout: no list of the files a clone has")
    clone = tmp_path / "clone"
    clone.mkdir()
    _fresh_clone(clone)
    assert not (clone / "outputs" / "graph.json").exists()
    _tools(clone)
    files, _, _ = readme_example()
    env = {
        **os.environ,
        "PYTHONPATH": str(clone),
        "PATH": f"{clone / '.venv' / 'bin'}:{os.environ['PATH']}",
    }
    env.pop("GRAPHKIT_TYPES", None)
    prelude = "set -e\n"
    skipped: list[str] = []
    ran = 0
    for line, section, commands in readme_blocks():
        if section == "Add an entity type":
            for name, body in files.items():  # the files the section shows first
                (clone / name).write_text(body, encoding="utf-8")
        script = []
        for command in commands:
            runnable, reasons = _runnable(command)
            skipped += reasons
            if runnable is not None:
                script.append(runnable)
        if not script:
            continue
        run = subprocess.run(
            ["bash", "-c", prelude + "\n".join(script)],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert run.returncode == 0, f"README.md:{line} ({section}):\n{run.stdout}\n{run.stderr}"
        ran += len(script)
    assert ran >= 35, ran  # 39 commands run on this README
    assert (clone / "outputs" / "graph.json").is_file()
    assert set(skipped) == set(SKIPPED), "a reason to skip that no README command has"
