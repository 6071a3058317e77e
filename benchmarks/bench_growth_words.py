"""Benchmark of issue 9: the growth kernel's cost past 64 points (labelings of several words).

Run by hand (about a minute), on an otherwise idle machine::

    python benchmarks/bench_growth_words.py

The growth profile's work estimate (``_batch_profile``: at most ``max_work`` (subsets ×
labelings) per size) charged each m-subset ``|R|`` for one-word labelings and ``m·|R|``
for several words (the numpy code before the compiled kernel gathered the m bits in m
passes).  This measures what the kernel really spends per (subset, labeling) pair for
the same subsets of the same labelings stored as one 64-bit word and as two or three
(the bits of point p at bit p of the row, the words past the first all zero but read:
the subsets are moved past bit 64 by relabelling the points), for m from 4 to 24.
Baseline: one word, in the same run.  The ratio (several words / one word) is what the
estimate should charge; the subsets and labelings are identical, so are the counts.
Labelings: the halfspace dichotomies of 60 points on the moment curve in R^2 (3542).
Each timing is the best of ``--repeat`` runs of ``time.process_time``.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verify.enumeration.growth import best_in_range
from verify.enumeration.labelings import _words, labeling_array
from verify.geometry.dichotomies import halfspace_dichotomies

N = 60
SUBSETS = 50_000


def spread(arr: np.ndarray, n: int, words: int) -> tuple[np.ndarray, int]:
    """The labelings of ``n`` points with point p moved to bit ``p + 64·(words − 1)``: rows
    of ``words`` words whose bits sit in the last word only (every word read is real)."""
    out = np.zeros((len(arr), words), dtype=np.uint64)
    out[:, words - 1] = arr
    return out, n + 64 * (words - 1)


def moved(best_t: tuple[int, ...], shift: int) -> tuple[int, ...]:
    return tuple(p - shift for p in best_t)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3, help="runs of each (the best is kept)")
    args = p.parse_args()
    labels = halfspace_dichotomies([[t, t * t] for t in range(1, N + 1)])
    arr = labeling_array(labels, N)
    one = _words(arr, N)
    size = len(one)
    best_in_range(one, N, 2, 4, 0, 3)  # compiled or loaded from numba's cache: not timed
    print(f"{size} labelings of {N} points; the first {SUBSETS} m-subsets of the points "
          "(of the last word's bits for several words)")
    for m in (4, 8, 12, 16, 20, 24):
        cap = min(2**m, size)
        times = {}
        answers = {}
        for words in (1, 2, 3):
            w, n = (one, N) if words == 1 else spread(arr, N, words)
            shift = n - N
            # the m-subsets of the last N points: ranks of the subsets of {shift, ..., n-1}
            # are not contiguous, so time the subsets of the points themselves, relabelled
            best = math.inf
            for _ in range(args.repeat):
                t = time.process_time()
                got = _best_of_last(w, n, N, m, cap)
                best = min(best, time.process_time() - t)
            times[words] = best
            answers[words] = (got[0], moved(got[1], shift))
        if len(set(answers.values())) != 1:
            raise SystemExit(f"m = {m}: the answers differ: {answers}")
        pairs = SUBSETS * size
        print(f"m = {m:2d}: ns per (subset, labeling): 1 word {1e9 * times[1] / pairs:.2f}, "
              f"2 words {1e9 * times[2] / pairs:.2f} (ratio {times[2] / times[1]:.2f}), "
              f"3 words {1e9 * times[3] / pairs:.2f} (ratio {times[3] / times[1]:.2f}); "
              f"best count {answers[1][0]}")


def _best_of_last(w: np.ndarray, n: int, last: int, m: int, cap: int
                  ) -> tuple[int, tuple[int, ...]]:
    """best_in_range over the first SUBSETS m-subsets of the last ``last`` of ``n`` points:
    the kernel on the rows with the points renumbered (the bits stay where they are)."""
    from verify.enumeration import _growth_kernel as kern
    from verify.geometry.dichotomies import combinations_from

    shift = n - last
    size = w.shape[0]
    combo = np.array(next(combinations_from(last, m, 0, SUBSETS)), dtype=np.int64) + shift
    best_combo = np.zeros(m, dtype=np.int64)
    depth = max(0, min(m - 1, 2**26 // (8 * size) - 3))
    ids = np.zeros((depth + 3, size), dtype=np.int64)
    stamp = np.zeros(2 * size + 1, dtype=np.int64)
    remap = np.zeros(2 * size, dtype=np.int64)
    found, seen = kern.best_of_range(np.ascontiguousarray(w), n, combo, SUBSETS, cap, -1,
                                     best_combo, ids, stamp, remap)
    if seen != SUBSETS:
        raise SystemExit(f"m = {m}: the kernel stopped after {seen} subsets (cap reached)")
    return int(found), tuple(int(v) for v in best_combo)


if __name__ == "__main__":
    main()
