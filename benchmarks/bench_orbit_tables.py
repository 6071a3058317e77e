"""Benchmark: the per-orbit driver's tables, built once (``_orbit_tables``).

Run by hand:  python benchmarks/bench_orbit_tables.py
Baseline: the tables as built before 5b0cdc6, the canonical labeling of all 2^n
labelings twice (once for ``orbit_representatives``, once in ``_Orbits``) and
``np.unique``.  New: ``verify.encodings.orbits._orbit_tables`` (once).  The tables
are asserted equal; the ratio is new / baseline (min of 3, same process).
"""

from __future__ import annotations

import time

import numpy as np

from verify.encodings import orbits
from verify.encodings.symmetry import point_symmetries
from verify.geometry.pointsets import parse_spec


def baseline(n: int, syms: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    canon = orbits._canonical(n, syms)
    reps, sizes = np.unique(canon, return_counts=True)
    return orbits._canonical(n, syms), reps, sizes


def main() -> None:
    for spec in ("grid:4:2", "cube:4", "grid:2:4"):
        pts = parse_spec(spec).points
        syms = point_symmetries(pts)
        n = len(pts)
        tb, ta = [], []
        for _ in range(3):
            t = time.perf_counter()
            old = baseline(n, syms)
            tb.append(time.perf_counter() - t)
            t = time.perf_counter()
            new = orbits._orbit_tables(n, syms)
            ta.append(time.perf_counter() - t)
            assert all((a == b).all() for a, b in zip(old, new, strict=True))
        print(f"{spec}: n = {n}, {len(syms)} symmetries: baseline {min(tb) * 1e3:.0f} ms, "
              f"once {min(ta) * 1e3:.0f} ms, ratio {min(ta) / min(tb):.2f}")


if __name__ == "__main__":
    main()
