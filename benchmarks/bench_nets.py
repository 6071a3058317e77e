"""Benchmark of the network kernels and of robustness verification, run by hand:

    python benchmarks/bench_nets.py

1. Exact evaluation on many points: per-point Fraction evaluation
   (``ReLUNet.evaluate``, the baseline) against the scaled integer kernel
   (``evaluate_exact``), and integer nets through ``evaluate_int``.
2. Robustness (l_inf): a plain z3 encoding (every ReLU an ``If`` term, no bounds,
   one query per point, capped at 60 s) against ``verify_robustness`` (sampled
   counterexamples first; exact back-substituted bounds prove the point or fix the
   stable units; Boolean activations for the others; input bisection when z3 is
   slow).  Both are exact; verdicts are compared.
"""

from __future__ import annotations

import itertools
import random
import time
from fractions import Fraction

import numpy as np
import z3

from verify.encodings.robust import verify_robustness
from verify.geometry.pointsets import grid
from verify.nets import ReLUNet, evaluate_exact, evaluate_int, robust_memorizer


def random_net(widths, rng, den=4):  # type: ignore[no-untyped-def]
    layers = []
    for a, b in itertools.pairwise(widths):
        W = [[Fraction(rng.randint(-6, 6), rng.randint(1, den)) for _ in range(a)]
             for _ in range(b)]
        layers.append((W, [Fraction(rng.randint(-6, 6), rng.randint(1, den)) for _ in range(b)]))
    return ReLUNet.from_lists(layers)


def timed(fn):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def bench_eval() -> None:
    rng = random.Random(1)
    net = random_net((2, 16, 16, 1), rng)
    pts = grid(60, 2)
    base, tb = timed(lambda: [net.evaluate(p) for p in pts])
    new, tn = timed(lambda: evaluate_exact(net, pts))
    assert base == new
    print(f"exact eval, 2-16-16-1 rational net, grid:60:2 ({len(pts)} points): "
          f"Fraction loop {tb:.3f} s, integer kernel {tn:.3f} s, ratio {tb / tn:.1f}x")
    inet = random_net((3, 32, 32, 1), rng, den=1)
    X = np.array([[rng.randint(-50, 50) for _ in range(3)] for _ in range(20000)])
    sample = X[:2000]
    base, tb = timed(lambda: [inet.evaluate([int(v) for v in row]) for row in sample])
    new, tn = timed(lambda: evaluate_int(inet, X))
    assert [Fraction(int(v)) for v in new[:2000]] == base
    tb_all = tb * len(X) / len(sample)
    print(f"integer eval, 3-32-32-1 integer net, 20000 points (dtype {new.dtype}): Fraction "
          f"loop {tb_all:.2f} s (extrapolated from 2000), int64 kernel {tn:.4f} s, "
          f"ratio {tb_all / tn:.0f}x")


BASELINE_CAP = 60  # seconds per baseline query; a capped query counts as 60 s


def plain_z3_robust(net: ReLUNet, x, y, r) -> str:  # type: ignore[no-untyped-def]
    """Baseline: every ReLU an If term over the box, no bounds, one query per point."""
    s = z3.Solver()
    s.set("timeout", BASELINE_CAP * 1000)
    xs = [z3.Real(f"x{k}") for k in range(len(x))]
    for k, c in enumerate(x):
        s.add(xs[k] >= z3.RealVal(str(c - r)), xs[k] <= z3.RealVal(str(c + r)))
    h = list(xs)
    for i, layer in enumerate(net.layers):
        z = [z3.Sum([z3.RealVal(str(w)) * h[k] for k, w in enumerate(row)] +
                    [z3.RealVal(str(b))]) for row, b in zip(layer.weights, layer.bias, strict=True)]
        h = z if i == len(net.layers) - 1 else [z3.If(v > 0, v, 0) for v in z]
    s.add(y * h[0] <= 0)
    res = s.check()
    if res == z3.unsat:
        return "verified"
    return "counterexample" if res == z3.sat else "time-out"


def bench_robust() -> None:
    pts = [list(p) for p in itertools.product((0, 1), repeat=3)]
    labels = [1 if sum(p) % 2 else -1 for p in pts]
    cases = [("memorizer of cube:3 parity (3-24-24-16-8-1), delta 1/4",
              robust_memorizer(pts, labels, "1/2", "1/4"), pts, labels, Fraction(1, 4))]
    rng = random.Random(7)
    for widths, r in (((3, 12, 12, 1), Fraction(1, 8)), ((3, 12, 12, 12, 1), Fraction(1, 4))):
        net = random_net(widths, rng)
        cases.append((f"random {'-'.join(map(str, widths))} net, radius {r}", net, pts,
                      [1 if net.evaluate(p) > 0 else -1 for p in pts], r))
    net = random_net((3, 16, 16, 16, 1), random.Random(3))  # point 0 is a hard query
    cases.append(("random 3-16-16-16-1 net, radius 1/4", net, pts[:2],
                  [1 if net.evaluate(p) > 0 else -1 for p in pts[:2]], Fraction(1, 4)))
    for name, net, P, Y, r in cases:
        base, tb = timed(lambda net=net, P=P, Y=Y, r=r: [plain_z3_robust(net, p, y, r)
                                                        for p, y in zip(P, Y, strict=True)])
        rep, tn = timed(lambda net=net, P=P, Y=Y, r=r: verify_robustness(net, P, Y, r, "inf"))
        capped = base.count("time-out")
        assert all(b in ("time-out", res.status) for b, res in zip(base, rep.results, strict=True))
        more = f" (>=; {capped} baseline queries capped at {BASELINE_CAP} s)" if capped else ""
        print(f"robustness, {name}, {len(P)} points: plain If encoding {tb:.3f} s, "
              f"new {tn:.3f} s, ratio {tb / tn:.1f}x{more} (verdicts agree: {rep.counts})")


if __name__ == "__main__":
    bench_eval()
    bench_robust()
