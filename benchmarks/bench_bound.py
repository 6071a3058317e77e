"""Benchmark: exact bound (1) and the VC step against naive baselines.

Run by hand:  python benchmarks/bench_bound.py
Baseline for bound (1): lhs = Fraction(2^V * comb(a, V), comb(n, V)) (math.comb and a
big-integer gcd), middle = Fraction ** V, verdicts by direct Fraction comparisons
(squaring lhs and middle).  New: prime-exponent evaluation of lhs (no gcd) and
comparisons with a bit-length pre-test.  Baseline for the VC step: summing
C(V, i) term by term until the count is reached.  Both give the same answers
(checked here).
"""

from __future__ import annotations

import math
import time
from fractions import Fraction

from verify.bounds import bound_chain, vc_step
from verify.bounds import vcstep as vs


def naive_chain(K: int, d: int, alpha: Fraction) -> list[tuple[bool, bool, bool]]:
    n = K ** (d - 1)
    out = []
    for V in sorted({n // 2, (n + 1) // 2}):
        a = math.ceil((1 - alpha) * n)
        lhs = Fraction(2**V * math.comb(a, V), math.comb(n, V))
        middle = (2 * ((1 - alpha) * n - V) / Fraction(n - V)) ** V
        rhs_sq = (2 * (1 - 2 * alpha)) ** n
        out.append((lhs >= middle, middle >= 0 and middle**2 >= rhs_sq, lhs**2 >= rhs_sq))
    return out


def naive_min_dimension(V: int, count: int) -> int:
    total, term, D = 0, 1, 0
    while True:
        total += term
        if total >= count:
            return D
        term = term * (V - D) // (D + 1)
        D += 1


def timed(f, *args):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    r = f(*args)
    return r, time.perf_counter() - t


def main() -> None:
    print("bound (1): naive baseline vs verify.bounds.bound_chain")
    for K, d, alpha in [(100, 3, "1/10"), (99, 3, "1/7"), (10, 6, "1/10"), (316, 3, "1/7")]:
        a = Fraction(alpha)
        base, tb = timed(naive_chain, K, d, a)
        chain, tn = timed(bound_chain, K, d, alpha)
        new = [(r.lhs_ge_middle, r.middle_ge_rhs, r.lhs_ge_rhs) for r in chain.readings]
        assert base == new, (K, d, alpha)
        print(f"  n = {chain.n:>7}  alpha = {alpha:>4}: baseline {tb:7.3f} s, "
              f"new {tn:7.3f} s, ratio {tb / tn:6.1f}x")
    chain, tn = timed(bound_chain, 10, 7, "1/10")
    print(f"  n = {chain.n:>7}  alpha = 1/10: new {tn:7.3f} s (baseline not run: ~30 s)")

    print("VC step, smallest D with sum_{i<=D} C(V,i) >= count: term-by-term vs fast path")
    vc_step(2, 2, "0")  # load sympy and the alpha threshold once
    for K, d in [(10, 5), (10, 6), (316, 3)]:
        chain = bound_chain(K, d, "1/10")
        r = chain.readings[0]
        count = r.guaranteed_count
        base, tb = timed(naive_min_dimension, r.V, count)
        old = vs._SMALL_V
        vs._SMALL_V = 1  # force the fast path
        try:
            new, tn = timed(vs.min_dimension_for_growth, r.V, count)
        finally:
            vs._SMALL_V = old
        assert base == new
        print(f"  V = {r.V:>6}: baseline {tb:7.3f} s, new {tn:7.3f} s, ratio {tb / tn:6.1f}x"
              f"  (D = {new})")
    step, tn = timed(vc_step, 10, 7, "1/10")
    print(f"  full vc_step at n = 10^6: {tn:.3f} s (VC-dim >= {step.min_vc_dimension})")


if __name__ == "__main__":
    main()
