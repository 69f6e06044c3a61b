"""Workers in scripts: the README's examples keep the main guard, and a script without it
is told what is missing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAPERS = Path(__file__).parent / "fixtures" / "sources" / "plain.jsonl"


def test_readme_examples_with_workers_have_the_main_guard() -> None:
    blocks = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(), re.DOTALL)
    with_workers = [b for b in blocks if "workers=" in b or "ExtractionPool(" in b]
    assert with_workers
    assert all('if __name__ == "__main__":' in block for block in with_workers)


def test_script_without_main_guard_is_told_what_is_missing(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text(
        "from graphkit.run.parallel import iter_extractions\n"
        "from graphkit.sources import read_papers\n"
        f"print(len(list(iter_extractions(read_papers([{str(PAPERS)!r}]), workers=2))))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert 'under `if __name__ == "__main__":`' in last
