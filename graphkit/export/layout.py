"""Force-directed node positions computed in Python, so the browser draws a graph without physics.

A Fruchterman-Reingold layout in NumPy: repulsion between all pairs (in row blocks to bound
memory), attraction along edges, and a pull to the centre that keeps separate components and
lone nodes close. Seeded, so the same graph gets the same positions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BLOCK = 256
"""Rows of the pairwise repulsion computed at once (memory: BLOCK x nodes x 2 floats)."""

PAIR_BUDGET = 5e8
"""Pairwise force evaluations spent at most; large graphs get fewer iterations."""


def force_layout(
    count: int,
    edges: Sequence[tuple[int, int]],
    *,
    iterations: int = 100,
    spacing: float = 90.0,
    gravity: float = 2.0,
    seed: int = 0,
) -> list[tuple[int, int]]:
    """Return integer ``(x, y)`` positions for nodes ``0..count-1`` joined by ``edges``.

    The result is scaled so that the median edge is ``spacing`` pixels long. ``gravity`` pulls
    every node towards the centre, so small components stay near the large one. Iterations
    shrink for large graphs so that the work stays within :data:`PAIR_BUDGET`.
    """
    if count == 0:
        return []
    if count == 1:
        return [(0, 0)]
    rng = np.random.default_rng(seed)
    side = np.sqrt(count)
    pos = rng.uniform(-side / 2, side / 2, size=(count, 2)).astype(np.float32)
    pairs = np.array(sorted({(a, b) for a, b in edges if a != b}), dtype=np.int64).reshape(-1, 2)
    steps = max(10, min(iterations, int(PAIR_BUDGET / (count * count))))
    temperature = side / 8
    for step in range(steps):
        disp = _repulsion(pos)
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            dist = np.sqrt((delta**2).sum(axis=1))[:, None]
            pull = delta * dist
            np.add.at(disp, pairs[:, 0], -pull)
            np.add.at(disp, pairs[:, 1], pull)
        disp -= gravity * pos
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)[:, None]
        cap = temperature * (1 - step / steps) + 0.01
        pos += disp / length * np.minimum(length, cap)
    pos -= pos.mean(axis=0)
    unit = 1.0
    if len(pairs):
        unit = float(np.median(np.sqrt(((pos[pairs[:, 0]] - pos[pairs[:, 1]]) ** 2).sum(axis=1))))
    scale = spacing / max(unit, 1e-3)
    return [(round(float(x) * scale), round(float(y) * scale)) for x, y in pos]


def _repulsion(pos: np.ndarray) -> np.ndarray:
    """Sum over all other nodes of the repulsive force ``1/d`` (ideal distance 1)."""
    x, y = pos[:, 0], pos[:, 1]
    disp = np.empty_like(pos)
    for start in range(0, len(pos), BLOCK):
        rows = slice(start, start + BLOCK)
        dx = x[rows, None] - x[None, :]
        dy = y[rows, None] - y[None, :]
        inv = dx * dx
        inv += dy * dy
        np.maximum(inv, 1e-4, out=inv)
        np.reciprocal(inv, out=inv)
        dx *= inv
        dy *= inv
        disp[rows, 0] = dx.sum(axis=1)
        disp[rows, 1] = dy.sum(axis=1)
    return disp
