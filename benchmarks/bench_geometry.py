"""Exact set distance: the integer NumPy kernel against a pure-Fraction double loop.

Run by hand: ``python benchmarks/bench_geometry.py``.  Both methods are exact; the
script checks they agree and prints the time of each and the ratio.
"""

from __future__ import annotations

import random
import time
from fractions import Fraction

from verify.geometry.norms import _key, nearest_keys, set_distance


def baseline(A, B, norm):
    return min(_key(a, b, norm) for a in A for b in B)


def main() -> None:
    rng = random.Random(0)
    for n, d in ((200, 3), (600, 4)):
        A = [tuple(Fraction(rng.randint(0, 96), 96) for _ in range(d)) for _ in range(n)]
        B = [tuple(Fraction(rng.randint(0, 60), 60) + 2 for _ in range(d)) for _ in range(n)]
        for norm in ("inf", "1", "2"):
            t0 = time.perf_counter()
            slow = baseline(A, B, norm)
            t1 = time.perf_counter()
            fast = set_distance(A, B, norm).value
            t2 = time.perf_counter()
            assert slow == fast
            print(f"set_distance n={n} d={d} l{norm}: baseline {t1 - t0:.3f} s, "
                  f"kernel {t2 - t1:.4f} s, ratio {(t1 - t0) / (t2 - t1):.1f}x")
        t0 = time.perf_counter()
        slow_keys = [min(_key(x, b, "2") for b in B) for x in A]
        t1 = time.perf_counter()
        fast_keys = nearest_keys(A, B, "2")
        t2 = time.perf_counter()
        assert slow_keys == fast_keys
        print(f"nearest_keys n={n} d={d} l2: baseline {t1 - t0:.3f} s, "
              f"kernel {t2 - t1:.4f} s, ratio {(t1 - t0) / (t2 - t1):.1f}x")


if __name__ == "__main__":
    main()
