"""Benchmarks of issue 5 (run by hand: ``python benchmarks/bench_enumeration.py``).

Each item times the new code and a named baseline in the same process and prints
the ratio.  Floats appear only in timings; every count printed is exact.
"""

from __future__ import annotations

import itertools
import math
import time

import numpy as np
from scipy.optimize import linprog

from verify.enumeration.growth import growth_profile
from verify.enumeration.kernel import int_realized_set, naive_weight_count
from verify.enumeration.realized import realized_labelings
from verify.geometry.dichotomies import halfspace_dichotomies
from verify.geometry.pointsets import as_points


def timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


def lp_per_labeling(spec: str, sample: int) -> tuple[float, int]:
    """Baseline: one HiGHS LP feasibility problem per labeling (y_i (w.x_i + b) >= 1)."""
    pts = np.array([[float(c) for c in p] for p in as_points(spec)])
    n, m = pts.shape
    rng = np.random.default_rng(0)
    labs = rng.integers(0, 2**n, size=sample)
    t = time.perf_counter()
    feasible = 0
    for bits in labs:
        y = np.array([1.0 if (int(bits) >> i) & 1 else -1.0 for i in range(n)])
        a_ub = -y[:, None] * np.hstack([pts, np.ones((n, 1))])
        res = linprog(np.zeros(m + 1), A_ub=a_ub, b_ub=-np.ones(n), bounds=[(None, None)] * (m + 1),
                      method="highs")
        feasible += res.status == 0
    per = (time.perf_counter() - t) / sample
    return per * 2**n, feasible


def bench_halfspaces() -> None:
    print("== halfspace dichotomies (exact flat recursion) ==")
    res, t_new = timed(halfspace_dichotomies, "grid:4:2")
    t_lp, _ = lp_per_labeling("grid:4:2", 400)
    print(f"grid:4:2: {len(res)} dichotomies in {t_new:.4f} s; one LP per labeling "
          f"(65536 LPs, extrapolated from 400): {t_lp:.1f} s; ratio {t_lp / t_new:,.0f}x")
    for spec in ("grid:12:2", "cube:5"):
        res, t = timed(halfspace_dichotomies, spec)
        print(f"{spec}: {len(res)} dichotomies in {t:.2f} s")
    print("cube:6: not attempted: the flat search starts from C(64, 6) = 74,974,368 "
          "6-subsets (15,028,134 dichotomies, OEIS A000609(6)); out of reach of this method")


def python_loop_rate(spec: str, q: int, count: int) -> float:
    """Baseline: pure-Python integer evaluation of 2-h-1 networks, one weight vector at a time."""
    pts = as_points(spec)
    den = math.lcm(*(c.denominator for p in pts for c in p))
    xs = [[int(c * den) for c in p] for p in pts]
    coef = range(-q, q + 1)
    vecs = itertools.islice(itertools.product(coef, repeat=9), count)
    t = time.perf_counter()
    labs = set()
    for w in vecs:
        f = [w[6] * max(0, w[0] * x[0] + w[1] * x[1] + w[2] * den)
             + w[7] * max(0, w[3] * x[0] + w[4] * x[1] + w[5] * den) + w[8] * den for x in xs]
        if all(v != 0 for v in f):
            labs.add(sum(1 << i for i, v in enumerate(f) if v > 0))
    return count * len(pts) / (time.perf_counter() - t)


def matmul_rate() -> float:
    """The machine's int64 matrix-product rate in output entries/s (shape N x 3 @ 3 x 16)."""
    rng = np.random.default_rng(0)
    a = rng.integers(-5, 5, size=(2_000_000, 3), dtype=np.int64)
    b = rng.integers(-5, 5, size=(3, 16), dtype=np.int64)
    _, t = timed(np.matmul, a, b)
    return a.shape[0] * b.shape[1] / t


def bench_kernel() -> None:
    print("== int:Q kernel ==")
    spec, arch, q = "grid:4:2", "2-2-1", 2
    r, t = timed(int_realized_set, spec, arch, q)
    naive = naive_weight_count(arch, q)
    rate = naive * r.n / t
    py = python_loop_rate(spec, q, 40_000)
    mm = matmul_rate()
    print(f"{spec} {arch} int:{q}: {r.count} labelings, {naive:,} weight vectors x {r.n} points "
          f"in {t:.3f} s = {rate:.3g} (weight vectors x points)/s")
    print(f"pure-Python loop: {py:.3g}/s -> kernel is {rate / py:,.0f}x faster")
    print(f"int64 matmul (N x 3 @ 3 x 16): {mm:.3g} entries/s -> kernel effective rate is "
          f"{rate / mm:.2f}x the machine's integer matrix-product rate")
    r, t = timed(int_realized_set, "grid:3:2", "2-3-1", 1)
    naive = naive_weight_count("2-3-1", 1)
    print(f"grid:3:2 2-3-1 int:1: {r.count} labelings, {naive:,} weight vectors in {t:.3f} s "
          f"= {naive * r.n / t:.3g}/s")


def bench_growth() -> None:
    print("== growth profiles ==")
    rng = np.random.default_rng(1)
    real = realized_labelings("grid:4:2", "2-2-1", use_cache=False)
    cases = [("halfspaces on grid:4:2", halfspace_dichotomies("grid:4:2"), 16),
             ("real 2-2-1 on grid:4:2", real.labelings, 16)]
    for n in (16, 20):
        cases.append((f"5000 random labelings, n = {n}",
                      np.unique(rng.integers(0, 2**n, size=5000).astype(np.uint64)), n))
    for name, labs, n in cases:
        g, t = timed(growth_profile, labs, n)
        print(f"{name}: profile {g.profile} (VC {g.vc_dimension}) in {t:.2f} s")
    # baseline: every subset, projection + np.unique (no table, no pruning), on n = 16
    labs, n = cases[2][1], 16
    t0 = time.perf_counter()
    subsets = list(itertools.combinations(range(n), 8))[:2000]
    for s in subsets:
        mask = np.uint64(sum(1 << i for i in s))
        np.unique(labs & mask)
    per = (time.perf_counter() - t0) / len(subsets)
    _, t = timed(growth_profile, labs, n)
    print(f"baseline (mask + unique per subset, all 2^16 subsets, extrapolated): "
          f"{per * 2**n:.2f} s; ratio {per * 2**n / t:.1f}x")


def bench_real() -> None:
    print("== exact real-weight realized sets (no cache) ==")
    for spec, arch, timeout in [("grid:3:2", "2-2-1", None), ("grid:3:2", "2-3-1", None),
                                ("grid:4:2", "2-2-1", None), ("grid:5:2", "2-2-1", 30)]:
        r, t = timed(realized_labelings, spec, arch, use_cache=False, timeout=timeout)
        state = "complete" if r.complete else f"stopped by a {timeout} s time-out (lower bound)"
        print(f"{spec} {arch} real: {r.count} labelings of {2**r.n} in {t:.1f} s ({state})")


if __name__ == "__main__":
    bench_halfspaces()
    bench_kernel()
    bench_growth()
    bench_real()
