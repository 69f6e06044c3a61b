"""Make the README's screenshots of the interactive view from the bundled sample.

Builds the sample's graph, writes its page and opens it in headless chromium (a 1400x900
window, as a user would) to save three PNGs under ``docs/images/``: the overview map, an
entity's panel (trend and results) and the leaderboards. Rerun after changing the view.

python scripts/screenshots.py [--out docs/images] [--scale 0.7]
"""

from __future__ import annotations

import argparse
import base64
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from cdp import Browser, Page

from graphkit.export.html import write_html
from graphkit.run.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
READY = "window.graphkitView && window.graphkitView.ready"

PANEL_ENTITY = """(() => {
  const d = graphkitView.data;
  let best = -1, score = -1;
  for (let i = 0; i < d.canvas; i++) {
    const n = d.nodes[i];
    const s = (n.m || []).length + (n.r ? 20 : 0);
    if (n.t !== 'paper' && s > score) { best = i; score = s; }
  }
  return best;
})()"""
"""The drawn entity with results and the longest trend."""


def save(page: Page, path: Path, scale: float) -> Path:
    """Save the viewport, scaled, as a PNG."""
    width, height = page.evaluate("[window.innerWidth, window.innerHeight]")
    clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": scale}
    shot = page.call("Page.captureScreenshot", format="png", clip=clip)
    path.write_bytes(base64.b64decode(shot["data"]))
    print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB)", file=sys.stderr)
    return path


def main() -> None:
    """Write the overview, entity panel and leaderboard screenshots."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--scale", type=float, default=0.7)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page_path = write_html(build().graph, Path(tmp) / "graph.html")
        with Browser(Path(tmp) / "profile", width=1400, height=900) as browser:
            page = browser.new_page()
            page.navigate(page_path.as_uri())
            page.wait_for(READY)
            save(page, args.out / "view-overview.png", args.scale)
            page.evaluate(f"graphkitView.select({page.evaluate(PANEL_ENTITY)}, true)")
            save(page, args.out / "view-entity.png", args.scale)
            page.evaluate("graphkitView.showTab('boards')")
            page.evaluate("graphkitView.select(graphkitView.data.boards[0], false)")
            save(page, args.out / "view-leaderboards.png", args.scale)
            page.close()


if __name__ == "__main__":
    main()
