"""Benchmark of issue 9: growth profiles past 22 points, the compiled subset kernel.

Run by hand (under a minute), on an otherwise idle machine::

    python benchmarks/bench_growth_kernel.py

Baseline, in the same process: the numpy ``best_in_range`` the kernel replaced
(chunks of subsets as Python tuples, (B, |R|) masked or gathered arrays, a sort
or ``lexsort`` per row; kept as ``reference_best_in_range`` in
``tests/enumeration/test_growth_kernel.py``), passed to
:func:`verify.enumeration.growth.growth_profile` as ``best_of``.  New: the
default (:mod:`verify.enumeration._growth_kernel`).  Cases: the two costliest
tests of ``tests/enumeration/test_growth.py`` (25 points with
``max_subsets=20000``; 70 points, multi-word labelings, ``max_subsets=2000``)
and a larger one (40 points on the moment curve in R^3, default limits).  Each
prints both CPU times (``time.process_time``), the ratio, and whether the two
profiles (bounds and witness subsets) are identical.  The kernel is compiled
(or loaded from numba's cache) before timing.  Only the timings are floats.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.enumeration.test_growth_kernel import reference_best_in_range
from verify.enumeration.growth import best_in_range, growth_profile
from verify.geometry.dichotomies import halfspace_dichotomies


def numpy_best(words: np.ndarray, n: int, m: int, cap: int, limit: int
               ) -> tuple[int, tuple[int, ...], bool]:
    """``best_of`` with the former numpy code (what ``_best_over_subsets`` did)."""
    best, best_t = reference_best_in_range(words, n, m, cap, 0, limit)
    return best, best_t, limit >= math.comb(n, m) or best >= cap


def timed(fn: Any, *args: Any, **kw: Any) -> tuple[Any, float]:
    t = time.process_time()
    out = fn(*args, **kw)
    return out, time.process_time() - t


CASES = [
    ("25 points, moment curve in R^2 (test_large_n_uses_batches...)", 25, 2, 20_000),
    ("70 points, moment curve in R^2, 2 words (test_more_than_64_points...)", 70, 2, 2_000),
    ("40 points, moment curve in R^3", 40, 3, 200_000),
]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=1, help="runs of each (the best is kept)")
    args = p.parse_args()
    w = np.array([[0], [1], [2], [4]], dtype=np.uint64)
    _, t_jit = timed(best_in_range, w, 3, 2, 4, 0, 3)
    print(f"kernel compiled or loaded from cache in {t_jit:.2f} s (not counted below)")
    for name, n, dim, max_subsets in CASES:
        labels = halfspace_dichotomies([[t**k for k in range(1, dim + 1)]
                                        for t in range(1, n + 1)])
        t_old = t_new = math.inf
        for _ in range(args.repeat):
            old, dt = timed(growth_profile, labels, n, max_subsets, best_of=numpy_best)
            t_old = min(t_old, dt)
            new, dt = timed(growth_profile, labels, n, max_subsets)
            t_new = min(t_new, dt)
        same = (old.lower, old.upper, old.witnesses) == (new.lower, new.upper, new.witnesses)
        print(f"{name}: {len(labels)} labelings; numpy {t_old:.2f} s, kernel {t_new:.2f} s "
              f"CPU; ratio {t_old / t_new:.1f}x; identical profiles and witnesses: {same}")
        if not same:
            raise SystemExit("the kernel's profile differs from the numpy code's")


if __name__ == "__main__":
    main()
