"""Robustness by z3: linear real arithmetic on the ℓ∞ box, nonlinear on the ℓ2 ball.

Stable units are fixed by exact bounds (:mod:`verify.encodings.robust_bounds`),
unstable ones get a Boolean phase; a slow first query is followed by input
bisection, each sub-box first tried with the exact bounds.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from verify.encodings.robust_ball import Norm, Point, is_counterexample
from verify.encodings.robust_bounds import hidden_bounds, unproved_boxes
from verify.encodings.robust_kkt import _q, _rat, nearest_in_pattern
from verify.limits import limit_text
from verify.nets.network import ReLUNet

__all__ = ["z3_check", "z3_portfolio", "z3_version"]


def z3_version() -> str:
    import z3

    return str(z3.get_version_string())


def z3_check(
    net: ReLUNet, x: Point, y: int, r: Fraction, norm: Norm, timeout: float | None,
    box: tuple[Sequence[Fraction], Sequence[Fraction]] | None = None,
) -> tuple[str, Point | None, str]:
    """Return ("verified"|"counterexample"|"unknown", rational point or None, note).

    The query ranges over ``box`` (default x ± r) intersected with the ball."""
    import z3

    from verify.encodings.z3memory import z3_check, z3_reason

    lo, hi = box if box is not None else ([v - r for v in x], [v + r for v in x])
    bounds = hidden_bounds(net, lo, hi)
    # measured: z3's default solver beats SolverFor("QF_LRA") on these queries
    s = z3.Solver() if norm == "inf" else z3.SolverFor("QF_NRA")
    if timeout is not None:
        s.set("timeout", max(1, int(timeout * 1000)))
    xs = _region(s, x, r, norm, lo, hi)
    acts = _misclassified(s, net, y, bounds, xs)
    res = z3_check(s)
    note = f"{len(acts)} unstable units"
    if res == z3.unsat:
        return "verified", None, note
    if res == z3.unknown:
        return "unknown", None, f"z3: {z3_reason(s)}"
    found = _counterexample_of_model(net, x, y, r, norm, s.model(), xs, acts, bounds, timeout)
    if found is not None:
        return "counterexample", found[0], note + found[1]
    return "unknown", None, "z3 reported a misclassified point that could not be made rational"


def _region(s: Any, x: Point, r: Fraction, norm: Norm, lo: Sequence[Fraction],
            hi: Sequence[Fraction]) -> list[Any]:
    """The inputs' variables, asserted in the box [lo, hi] (and, under ℓ2, in the ball
    of radius r about x)."""
    import z3

    m = len(x)
    xs = [z3.Real(f"x{k}") for k in range(m)]
    for k in range(m):
        s.add(xs[k] >= _q(lo[k]), xs[k] <= _q(hi[k]))
    if norm == "2":
        s.add(z3.Sum([(xs[k] - _q(x[k])) * (xs[k] - _q(x[k])) for k in range(m)]) <= _q(r * r))
    return xs


def _misclassified(s: Any, net: ReLUNet, y: int, bounds: list[list[tuple[Fraction, Fraction]]],
                   xs: list[Any]) -> list[tuple[Any, Any]]:
    """The network on ``xs`` asserted to misclassify (``y·f ≤ 0``): the units that
    ``bounds`` fix stable are 0 or linear, the others get a phase Boolean.  Returns the
    unstable units' (Boolean, pre-activation)."""
    import z3

    h: list[Any] = list(xs)
    acts: list[tuple[Any, Any]] = []  # (Bool, pre-activation expr) of unstable units
    for i, layer in enumerate(net.layers[:-1]):
        nh = []
        for j, (row, b) in enumerate(zip(layer.weights, layer.bias, strict=True)):
            lb, ub = bounds[i][j]
            if ub <= 0:
                nh.append(z3.RealVal(0))
                continue
            z = z3.Sum([_q(w) * h[k] for k, w in enumerate(row) if w != 0] + [_q(b)])
            v = z3.Real(f"h{i}_{j}")
            if lb >= 0:
                s.add(v == z)
            else:
                a = z3.Bool(f"a{i}_{j}")
                s.add(z3.Implies(a, z3.And(v == z, z >= 0)))
                s.add(z3.Implies(z3.Not(a), z3.And(v == 0, z <= 0)))
                acts.append((a, z))
            nh.append(v)
        h = nh
    out = net.layers[-1]
    f = z3.Sum([_q(w) * h[k] for k, w in enumerate(out.weights[0]) if w != 0] + [_q(out.bias[0])])
    s.add(_q(Fraction(y)) * f <= 0)
    return acts


def _counterexample_of_model(
    net: ReLUNet, x: Point, y: int, r: Fraction, norm: Norm, model: Any, xs: list[Any],
    acts: list[tuple[Any, Any]], bounds: list[list[tuple[Fraction, Fraction]]],
    timeout: float | None,
) -> tuple[Point, str] | None:
    """A rational counterexample from z3's model, re-checked exactly, with what to add to
    the note: the model's point itself, a rational approximation of its algebraic
    coordinates, or the nearest point of its linear region; None when none is one."""
    import z3

    vals = [model.eval(xk, model_completion=True) for xk in xs]
    if all(z3.is_rational_value(v) for v in vals):
        cand: Point = tuple(_rat(v) for v in vals)
        if is_counterexample(net, x, y, r, norm, cand):
            return cand, ""
    else:
        for digits in (12, 30, 80):
            cand = tuple(
                _rat(v.approx(digits)) if z3.is_algebraic_value(v) else _rat(v) for v in vals
            )
            if is_counterexample(net, x, y, r, norm, cand):
                return cand, "; rational approximation of z3's model"
    pattern = [z3.is_true(model.eval(a, model_completion=True)) for a, _ in acts]
    cand2 = nearest_in_pattern(net, x, y, bounds, pattern, timeout)
    if cand2 is not None and is_counterexample(net, x, y, r, norm, cand2):
        return cand2, "; nearest point of z3's linear region"
    return None


_FIRST_Z3_SECONDS = 2.0
_SPLIT_DEPTH = 6


def z3_portfolio(
    net: ReLUNet, x: Point, y: int, r: Fraction, norm: Norm, timeout: float | None
) -> tuple[str, Point | None, str]:
    """Exact in every branch: (1) z3 on the whole ball with a short budget; (2)
    bisect the box up to 2^6 sub-boxes, prove what the exact bounds prove, and give
    z3 the rest, each with the time left.  (The bound proof on the whole box is
    tried before, by :func:`robust_at`.)"""
    t0 = time.perf_counter()

    def left() -> float | None:
        return None if timeout is None else timeout - (time.perf_counter() - t0)

    lo = [v - r for v in x]
    hi = [v + r for v in x]
    first = _FIRST_Z3_SECONDS if timeout is None else min(timeout, _FIRST_Z3_SECONDS)
    status, cex, note = z3_check(net, x, y, r, norm, first)
    if status != "unknown":
        return status, cex, "z3 on the whole ball; " + note
    boxes = unproved_boxes(net, y, lo, hi, _SPLIT_DEPTH)
    reasons = []
    for blo, bhi in boxes:
        budget = left()
        if budget is not None and budget <= 0:
            return ("unknown", None,
                    f"time-out after {limit_text(timeout)} ({len(boxes)} sub-boxes left)")
        status, cex, note = z3_check(net, x, y, r, norm, budget, box=(blo, bhi))
        if status == "counterexample":
            return status, cex, "z3 on a sub-box; " + note
        if status == "unknown":
            reasons.append(note)
    if reasons:
        return "unknown", None, f"{len(reasons)} of {len(boxes)} sub-boxes undecided: {reasons[0]}"
    return "verified", None, (f"box bisected up to {_SPLIT_DEPTH} times: the rest proved by "
                              f"exact bounds, {len(boxes)} sub-box(es) by z3")
