"""Robustness by HiGHS MILP (ℓ∞ only): big-M constraints from exact bounds; its
counterexamples are re-checked exactly, its "verified" is floating point (numeric).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from verify.encodings.robust_ball import Point, is_counterexample
from verify.encodings.robust_bounds import tight_bounds
from verify.nets.network import ReLUNet

__all__ = ["milp_check"]


def milp_check(
    net: ReLUNet, x: Point, y: int, r: Fraction, timeout: float | None
) -> tuple[str, Point | None, str, float | None]:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    m = len(x)
    lo = [v - r for v in x]
    hi = [v + r for v in x]
    bounds = tight_bounds(net, lo, hi)
    # variable layout: x' (m), then for each hidden unit h, then binaries
    nvar = m
    h_idx: list[list[int]] = []
    for layer_b in bounds:
        h_idx.append(list(range(nvar, nvar + len(layer_b))))
        nvar += len(layer_b)
    unstable = [(i, j) for i, lb in enumerate(bounds) for j, (lo_, up) in enumerate(lb)
                if lo_ < 0 < up]
    a_idx = {u: nvar + t for t, u in enumerate(unstable)}
    nvar += len(unstable)
    lb_v = np.zeros(nvar)
    ub_v = np.zeros(nvar)
    pad = 1e-9
    for k in range(m):
        lb_v[k], ub_v[k] = float(lo[k]), float(hi[k])
    integrality = np.zeros(nvar)
    A_rows, lows, ups = [], [], []
    prev = list(range(m))
    for i, layer in enumerate(net.layers[:-1]):
        for j, (row, b) in enumerate(zip(layer.weights, layer.bias, strict=True)):
            lo_, up = bounds[i][j]
            hj = h_idx[i][j]
            lb_v[hj] = 0.0
            ub_v[hj] = max(0.0, float(up)) * (1 + pad) + pad
            base = np.zeros(nvar)
            base[hj] = 1.0
            for k, w in enumerate(row):
                base[prev[k]] -= float(w)
            fb = float(b)
            if up <= 0:
                ub_v[hj] = 0.0
            elif lo_ >= 0:
                A_rows.append(base)
                lows.append(fb)
                ups.append(fb)
            else:
                aj = a_idx[(i, j)]
                integrality[aj] = 1
                lb_v[aj], ub_v[aj] = 0.0, 1.0
                A_rows.append(base)  # h - Wh >= b
                lows.append(fb)
                ups.append(np.inf)
                l_pad = float(lo_) * (1 + pad) - pad
                r2 = base.copy()
                r2[aj] = -l_pad  # h - Wh - l a <= b - l
                A_rows.append(r2)
                lows.append(-np.inf)
                ups.append(fb - l_pad)
                r3 = np.zeros(nvar)
                r3[hj], r3[aj] = 1.0, -(float(up) * (1 + pad) + pad)  # h - u a <= 0
                A_rows.append(r3)
                lows.append(-np.inf)
                ups.append(0.0)
        prev = h_idx[i]
    c = np.zeros(nvar)
    out = net.layers[-1]
    for k, w in enumerate(out.weights[0]):
        c[prev[k]] += y * float(w)
    cons = [LinearConstraint(np.array(A_rows), np.array(lows), np.array(ups))] if A_rows else []
    opts: dict[str, Any] = {}
    if timeout is not None:
        opts["time_limit"] = float(timeout)
    res = milp(c, constraints=cons, integrality=integrality, bounds=Bounds(lb_v, ub_v),
               options=opts)
    note = f"{len(unstable)} unstable units"
    if res.x is None:
        return "unknown", None, f"HiGHS: {res.message}", None
    opt = float(res.fun) + y * float(out.bias[0])
    cand: Point = tuple(
        min(max(Fraction(float(v)), lo[k]), hi[k]) for k, v in enumerate(res.x[:m])
    )
    if is_counterexample(net, x, y, r, "inf", cand):
        return "counterexample", cand, note, opt
    for den in (10**3, 10**6, 10**9):
        c2 = tuple(min(max(v.limit_denominator(den), lo[k]), hi[k]) for k, v in enumerate(cand))
        if is_counterexample(net, x, y, r, "inf", c2):
            return "counterexample", c2, note, opt
    if res.status == 0 and opt > 1e-7:
        return "verified", None, note + f"; HiGHS optimum of y*f = {opt:.6g} (numeric)", opt
    return "unknown", None, f"HiGHS optimum {opt:.3g} is too close to 0 to decide", opt
