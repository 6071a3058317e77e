"""Exact robustness verification of a given ReLU network around labelled points.

Question, for each labelled point (x, y) and radius r ≥ 0: is y·f(x') > 0 for
every x' in the closed ball {x' : ‖x' − x‖ ≤ r} (ℓ∞ or ℓ2)?  (Sign convention:
f(x') = 0 counts as misclassified.)  Each point gets a :class:`RobustnessResult`:

* ``verified`` — the solver proved there is no misclassified point in the ball
  (z3: exact; the MILP method labels its "verified" as ``exact = False``);
* ``counterexample`` — a rational x' in the closed ball with y·f(x') ≤ 0,
  re-checked in exact arithmetic with :meth:`ReLUNet.evaluate` before it is
  returned;
* ``unknown`` — time-out or solver failure, with the reason.  Never false.

Encodings. Cheap witnesses first: the centre, x ± r·e_k, the box corners and a
few fixed rational points of the ball are evaluated exactly; a misclassified one
is returned at once. Otherwise, bounds of every pre-activation over the box x ±
r are computed exactly (interval arithmetic intersected with back-substituted
linear ReLU relaxations, in Fractions); units that are always active or always
inactive become linear, the others get a Boolean activation variable a with a →
(h = z ∧ z ≥ 0), ¬a → (h = 0 ∧ z ≤ 0). If the bounds already give y·f > 0 on the
box, that is an exact proof and no solver runs; if z3 needs more than 2 s on the
whole ball, the box is bisected (up to 64 sub-boxes), the bounds prove what they
can and z3 decides the remaining sub-boxes. ℓ∞: z3 linear real arithmetic (exact
and complete). ℓ2: the ball constraint Σ(x'_k − x_k)² ≤ r² makes it nonlinear
real arithmetic (z3 nlsat: exact when it answers). If z3's model has irrational
coordinates, the activation pattern it found is kept and the point of that
linear region nearest to x is computed exactly (KKT conditions, solved in linear
real arithmetic); it is rational and lies in the ball. ``milp``: HiGHS through
:func:`scipy.optimize.milp` with big-M constraints from the same exact bounds,
ℓ∞ only; its optimum is floating point, so a counterexample is re-checked
exactly and a "verified" verdict is labelled numeric.

>>> from verify.nets.network import ReLUNet
>>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
>>> robust_at(net, [1], 1, "1/4").status
'verified'
>>> r = robust_at(net, [1], 1, "1/2"); r.status, r.counterexample, r.value
('counterexample', (Fraction(1, 2),), Fraction(0, 1))
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from verify.encodings.failures import describe, solver_failures
from verify.errors import InvalidArgument, SolverError
from verify.exact import require_rational_range, to_rational
from verify.labels import parse_labels
from verify.limits import parse_timeout
from verify.nets.network import ReLUNet

__all__ = [
    "BOUNDS_SOLVER",
    "Norm",
    "RobustnessReport",
    "RobustnessResult",
    "in_ball",
    "is_counterexample",
    "parse_norm",
    "proved_by_bounds",
    "robust_at",
    "verify_robustness",
]

Norm = Literal["inf", "2"]
RobustStatus = Literal["verified", "counterexample", "unknown"]
Point = tuple[Fraction, ...]
_METHODS = ("z3", "milp")
BOUNDS_SOLVER = "exact-bounds"
"""Provenance ``solver`` of a verdict proved by exact bounds alone (re-checkable)."""


def parse_norm(norm: object) -> Norm:
    """``"inf"`` (also ``"linf"``, ``"∞"``) or ``"2"`` (also ``"l2"``, 2).

    >>> parse_norm("linf"), parse_norm(2)
    ('inf', '2')
    >>> parse_norm("1")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: norm: '1' is not supported; use inf or 2
    """
    text = str(norm).strip().lower()
    if text in ("inf", "linf", "l_inf", "∞", "infinity", "max"):
        return "inf"
    if text in ("2", "l2", "l_2"):
        return "2"
    raise InvalidArgument(f"norm: {str(norm)!r} is not supported; use inf or 2")


@dataclass(frozen=True)
class RobustnessResult:
    """The answer for one labelled point.

    Attributes
    ----------
    index, point, label : the question
    status : "verified", "counterexample" or "unknown"
    counterexample : rational point in the closed ball with label·f ≤ 0, re-checked
    value : f(counterexample), exact
    reason : why the answer is unknown
    exact : False only for a MILP "verified" (floating point)
    provenance : solver, version, encoding, seconds, …
    """

    index: int
    point: Point
    label: int
    status: RobustStatus
    counterexample: Point | None = None
    value: Fraction | None = None
    reason: str | None = None
    exact: bool = True
    provenance: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "point": list(self.point),
            "label": self.label,
            "status": self.status,
            "counterexample": None if self.counterexample is None else list(self.counterexample),
            "value": self.value,
            "reason": self.reason,
            "exact": self.exact,
            "provenance": self.provenance,
        }


@dataclass(frozen=True)
class RobustnessReport:
    """Results for every point.  ``robust`` is True (all verified exactly), False
    (some counterexample) or None (otherwise: unknown or numeric only)."""

    radius: Fraction
    norm: Norm
    results: tuple[RobustnessResult, ...]

    @property
    def robust(self) -> bool | None:
        if any(r.status == "counterexample" for r in self.results):
            return False
        if all(r.status == "verified" and r.exact for r in self.results):
            return True
        return None

    @property
    def counts(self) -> dict[str, int]:
        out = {"verified": 0, "counterexample": 0, "unknown": 0}
        for r in self.results:
            out[r.status] += 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "robust": self.robust,
            "radius": self.radius,
            "norm": self.norm,
            "counts": self.counts,
            "results": [r.to_json() for r in self.results],
        }


def in_ball(
    center: Sequence[Fraction], radius: Fraction, p: Sequence[Fraction], norm: Norm
) -> bool:
    """Exactly: is ‖p − center‖ ≤ radius (closed ball)?

    >>> in_ball((Fraction(0), Fraction(0)), Fraction(1), (Fraction(3, 5), Fraction(4, 5)), "2")
    True
    """
    diffs = [a - b for a, b in zip(p, center, strict=True)]
    if norm == "inf":
        return max(abs(v) for v in diffs) <= radius
    return sum(v * v for v in diffs) <= radius * radius


def is_counterexample(
    net: ReLUNet, center: Sequence[object], label: int, radius: object, norm: object,
    p: Sequence[object],
) -> bool:
    """Exactly: is ``p`` in the closed ball and label·f(p) ≤ 0?

    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
    >>> [is_counterexample(net, [1], 1, "1/2", "inf", [p]) for p in ("1/2", 0)]
    [True, False]
    """
    c = tuple(to_rational(v, "point") for v in center)
    q = tuple(to_rational(v, "counterexample") for v in p)
    if len(q) != len(c):
        return False
    r = to_rational(radius, "radius")
    return in_ball(c, r, q, parse_norm(norm)) and label * net.evaluate(q) <= 0


def _interval_bounds(
    net: ReLUNet, lo: Sequence[Fraction], hi: Sequence[Fraction]
) -> list[list[tuple[Fraction, Fraction]]]:
    """Exact bounds of every hidden pre-activation over the box [lo, hi]."""
    out = []
    low, high = list(lo), list(hi)
    for layer in net.layers[:-1]:
        bounds = []
        for row, b in zip(layer.weights, layer.bias, strict=True):
            l_ = b + sum((w * (low[k] if w > 0 else high[k]) for k, w in enumerate(row)),
                         Fraction(0))
            u_ = b + sum((w * (high[k] if w > 0 else low[k]) for k, w in enumerate(row)),
                         Fraction(0))
            bounds.append((l_, u_))
        out.append(bounds)
        low = [max(lb, Fraction(0)) for lb, _ in bounds]
        high = [max(ub, Fraction(0)) for _, ub in bounds]
    return out


def _relax(lb: Fraction, ub: Fraction) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """Linear bounds λl·z + μl ≤ ReLU(z) ≤ λu·z + μu valid for lb ≤ z ≤ ub."""
    zero, one = Fraction(0), Fraction(1)
    if ub <= 0:
        return zero, zero, zero, zero
    if lb >= 0:
        return one, zero, one, zero
    lam = ub / (ub - lb)
    return (one if ub > -lb else zero), zero, lam, -lam * lb


def _tight_bounds(
    net: ReLUNet, lo: Sequence[Fraction], hi: Sequence[Fraction], with_output: bool = False
) -> list[list[tuple[Fraction, Fraction]]]:
    """Exact pre-activation bounds over the box: interval bounds intersected with
    bounds from back-substitution of linear ReLU relaxations (DeepPoly-style),
    all in Fractions, hence sound.  With ``with_output``, the output's bounds too."""
    zero = Fraction(0)
    bounds: list[list[tuple[Fraction, Fraction]]] = []
    relax: list[list[tuple[Fraction, Fraction, Fraction, Fraction]]] = []
    inter = _interval_bounds(net, lo, hi)
    for i, layer in enumerate(net.layers if with_output else net.layers[:-1]):
        cur = []
        for j, (row, b) in enumerate(zip(layer.weights, layer.bias, strict=True)):
            sides = []
            for upper in (False, True):
                c, const = list(row), b
                for k in range(i - 1, -1, -1):
                    nc = []
                    for cj, (ll, ml, lu, mu) in zip(c, relax[k], strict=True):
                        use_upper = (cj > 0) == upper
                        lam, mu_ = (lu, mu) if use_upper else (ll, ml)
                        nc.append(cj * lam)
                        const += cj * mu_
                    W = net.layers[k].weights
                    const += sum((a * bb for a, bb in zip(nc, net.layers[k].bias, strict=True)),
                                 zero)
                    c = [sum((nc[t] * W[t][q] for t in range(len(nc)) if nc[t] != 0), zero)
                         for q in range(len(W[0]))]
                pick_hi = [(cq > 0) == upper for cq in c]
                sides.append(const + sum((cq * (hi[q] if ph else lo[q])
                                          for q, (cq, ph) in enumerate(zip(c, pick_hi,
                                                                           strict=True))), zero))
            l_, u_ = sides[0], sides[1]
            if i < len(inter):
                l_, u_ = max(l_, inter[i][j][0]), min(u_, inter[i][j][1])
            cur.append((l_, u_))
        bounds.append(cur)
        relax.append([_relax(l_, u_) for l_, u_ in cur])
    return bounds


def proved_by_bounds(
    net: ReLUNet, y: int, lo: Sequence[Fraction], hi: Sequence[Fraction]
) -> bool:
    """Exact sufficient test: the back-substituted bounds give y·f > 0 on the box.

    Sound (True means y·f(x') > 0 for every x' in the box [lo, hi]); not complete.

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
    >>> proved_by_bounds(net, 1, [Fraction(3, 4)], [Fraction(5, 4)])
    True
    >>> proved_by_bounds(net, 1, [Fraction(1, 4)], [Fraction(5, 4)])
    False
    """
    lb, ub = _tight_bounds(net, lo, hi, with_output=True)[-1][0]
    return lb > 0 if y > 0 else ub < 0


def _unproved_boxes(
    net: ReLUNet, y: int, lo: list[Fraction], hi: list[Fraction], depth: int
) -> list[tuple[list[Fraction], list[Fraction]]]:
    """Bisect the box (widest side first) up to ``depth`` times; return the
    sub-boxes where :func:`proved_by_bounds` fails."""
    if proved_by_bounds(net, y, lo, hi):
        return []
    k = max(range(len(lo)), key=lambda t: hi[t] - lo[t])
    if depth == 0 or hi[k] == lo[k]:
        return [(lo, hi)]
    mid = (lo[k] + hi[k]) / 2
    left_hi = [mid if t == k else v for t, v in enumerate(hi)]
    right_lo = [mid if t == k else v for t, v in enumerate(lo)]
    return (_unproved_boxes(net, y, lo, left_hi, depth - 1)
            + _unproved_boxes(net, y, right_lo, hi, depth - 1))


def _z3_version() -> str:
    import z3

    return str(z3.get_version_string())


def _q(v: Fraction) -> Any:
    import z3

    return z3.Q(v.numerator, v.denominator) if v.denominator != 1 else z3.RealVal(v.numerator)


def _rat(v: Any) -> Fraction:
    return Fraction(int(v.numerator_as_long()), int(v.denominator_as_long()))


def _z3_check(
    net: ReLUNet, x: Point, y: int, r: Fraction, norm: Norm, timeout: float | None,
    box: tuple[Sequence[Fraction], Sequence[Fraction]] | None = None,
) -> tuple[str, Point | None, str]:
    """Return ("verified"|"counterexample"|"unknown", rational point or None, note).

    The query ranges over ``box`` (default x ± r) intersected with the ball."""
    import z3

    m = len(x)
    lo, hi = box if box is not None else ([v - r for v in x], [v + r for v in x])
    bounds = _tight_bounds(net, lo, hi)
    # measured: z3's default solver beats SolverFor("QF_LRA") on these queries
    s = z3.Solver() if norm == "inf" else z3.SolverFor("QF_NRA")
    if timeout is not None:
        s.set("timeout", max(1, int(timeout * 1000)))
    xs = [z3.Real(f"x{k}") for k in range(m)]
    for k in range(m):
        s.add(xs[k] >= _q(lo[k]), xs[k] <= _q(hi[k]))
    if norm == "2":
        s.add(z3.Sum([(xs[k] - _q(x[k])) * (xs[k] - _q(x[k])) for k in range(m)]) <= _q(r * r))
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
    res = s.check()
    note = f"{len(acts)} unstable units"
    if res == z3.unsat:
        return "verified", None, note
    if res == z3.unknown:
        return "unknown", None, f"z3: {s.reason_unknown()}"
    model = s.model()
    vals = [model.eval(xk, model_completion=True) for xk in xs]
    if all(z3.is_rational_value(v) for v in vals):
        cand: Point = tuple(_rat(v) for v in vals)
        if is_counterexample(net, x, y, r, norm, cand):
            return "counterexample", cand, note
    else:
        for digits in (12, 30, 80):
            cand = tuple(
                _rat(v.approx(digits)) if z3.is_algebraic_value(v) else _rat(v) for v in vals
            )
            if is_counterexample(net, x, y, r, norm, cand):
                return "counterexample", cand, note + "; rational approximation of z3's model"
    pattern = [z3.is_true(model.eval(a, model_completion=True)) for a, _ in acts]
    cand2 = _nearest_in_pattern(net, x, y, bounds, pattern, timeout)
    if cand2 is not None and is_counterexample(net, x, y, r, norm, cand2):
        return "counterexample", cand2, note + "; nearest point of z3's linear region"
    return "unknown", None, "z3 reported a misclassified point that could not be made rational"


_FIRST_Z3_SECONDS = 2.0
_SPLIT_DEPTH = 6


def _z3_portfolio(
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
    status, cex, note = _z3_check(net, x, y, r, norm, first)
    if status != "unknown":
        return status, cex, "z3 on the whole ball; " + note
    boxes = _unproved_boxes(net, y, lo, hi, _SPLIT_DEPTH)
    reasons = []
    for blo, bhi in boxes:
        budget = left()
        if budget is not None and budget <= 0:
            return "unknown", None, f"time-out after {timeout} s ({len(boxes)} sub-boxes left)"
        status, cex, note = _z3_check(net, x, y, r, norm, budget, box=(blo, bhi))
        if status == "counterexample":
            return status, cex, "z3 on a sub-box; " + note
        if status == "unknown":
            reasons.append(note)
    if reasons:
        return "unknown", None, f"{len(reasons)} of {len(boxes)} sub-boxes undecided: {reasons[0]}"
    return "verified", None, (f"box bisected up to {_SPLIT_DEPTH} times: the rest proved by "
                              f"exact bounds, {len(boxes)} sub-box(es) by z3")


def _nearest_in_pattern(
    net: ReLUNet, x: Point, y: int, bounds: list[list[tuple[Fraction, Fraction]]],
    pattern: list[bool], timeout: float | None,
) -> Point | None:
    """The point nearest to x (ℓ2) of the region with the given activation pattern
    where y·f ≤ 0, from the KKT conditions in linear real arithmetic."""
    import z3

    m = len(x)
    # affine forms (coefficients over x', constant) of every unit
    forms: list[tuple[list[Fraction], Fraction]] = [
        ([Fraction(int(j == k)) for j in range(m)], Fraction(0)) for k in range(m)
    ]
    rows: list[tuple[list[Fraction], Fraction]] = []  # constraints a·x' <= c
    it = iter(pattern)
    for i, layer in enumerate(net.layers):
        new = []
        for j, (wrow, b) in enumerate(zip(layer.weights, layer.bias, strict=True)):
            coef = [sum((w * forms[k][0][t] for k, w in enumerate(wrow)), Fraction(0))
                    for t in range(m)]
            const = b + sum((w * forms[k][1] for k, w in enumerate(wrow)), Fraction(0))
            if i == len(net.layers) - 1:
                rows.append(([y * c for c in coef], -y * const))  # y f <= 0
                continue
            lb, ub = bounds[i][j]
            active = False if ub <= 0 else True if lb >= 0 else next(it)
            if active:
                rows.append(([-c for c in coef], const))  # z >= 0
                new.append((coef, const))
            else:
                rows.append((coef, -const))  # z <= 0
                new.append(([Fraction(0)] * m, Fraction(0)))
        forms = new
    s = z3.SolverFor("QF_LRA")
    if timeout is not None:
        s.set("timeout", max(1, int(timeout * 1000)))
    xs = [z3.Real(f"x{k}") for k in range(m)]
    lam = [z3.Real(f"l{i}") for i in range(len(rows))]
    for (a, c), li in zip(rows, lam, strict=True):
        ax = z3.Sum([_q(v) * xs[t] for t, v in enumerate(a) if v != 0] + [z3.RealVal(0)])
        s.add(ax <= _q(c), li >= 0, z3.Or(li == 0, ax == _q(c)))
    for t in range(m):
        grad = [_q(a[t]) * li for (a, _), li in zip(rows, lam, strict=True) if a[t] != 0]
        s.add(xs[t] - _q(x[t]) + z3.Sum([*grad, z3.RealVal(0)]) == 0)
    if s.check() != z3.sat:
        return None
    model = s.model()
    return tuple(_rat(model.eval(v, model_completion=True)) for v in xs)


def _milp_check(
    net: ReLUNet, x: Point, y: int, r: Fraction, timeout: float | None
) -> tuple[str, Point | None, str, float | None]:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    m = len(x)
    lo = [v - r for v in x]
    hi = [v + r for v in x]
    bounds = _tight_bounds(net, lo, hi)
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


def _sampled_counterexample(net: ReLUNet, x: Point, y: int, r: Fraction, norm: Norm
                            ) -> Point | None:
    """Cheap witnesses first: the centre, the points x ± r·e_k, the corners of the box
    (ℓ∞, m ≤ 8) and a few fixed pseudo-random rational points of the ball, all
    evaluated exactly in one batch."""
    import random

    from verify.nets.vectorized import evaluate_exact

    m = len(x)
    cands: list[Point] = [x]
    for k in range(m):
        for sgn in (1, -1):
            cands.append(tuple(v + sgn * r if t == k else v for t, v in enumerate(x)))
    if norm == "inf" and m <= 8 and r > 0:
        cands += [tuple(v + s_ * r for v, s_ in zip(x, signs, strict=True))
                  for signs in itertools.product((-1, 1), repeat=m)]
    rng = random.Random(0)
    for _ in range(32):
        p = tuple(v + r * Fraction(rng.randint(-64, 64), 64) for v in x)
        if in_ball(x, r, p, norm):
            cands.append(p)
    for p, v in zip(cands, evaluate_exact(net, cands), strict=True):
        if y * v <= 0:
            return p
    return None


def robust_at(
    net: ReLUNet,
    x: Sequence[object],
    label: int,
    radius: object,
    norm: object = "inf",
    *,
    timeout: object = None,
    method: str = "z3",
    index: int = 0,
    sample: bool = True,
) -> RobustnessResult:
    """Decide whether label·f(x') > 0 on the whole closed ball of ``radius`` around x.

    Parameters
    ----------
    net : ReLUNet
    x : point (rationals)
    label : +1 or −1
    radius : rational ≥ 0
    norm : "inf" or "2"
    timeout : seconds per query (None: no limit); a time-out gives ``unknown``
    method : "z3" (exact) or "milp" (HiGHS; ℓ∞ only; verified is numeric)
    index : the point's index, recorded in the result
    sample : with z3, first try a few sample points of the ball (exactly evaluated)

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], [-1])])
    >>> robust_at(net, [1, 1], 1, "1/2", "2").status
    'verified'
    >>> r = robust_at(net, [1, 1], 1, "3/4", "2"); r.status, sum(r.counterexample) <= 1
    ('counterexample', True)
    """
    pt: Point = tuple(to_rational(v, "point") for v in x)
    if len(pt) != net.widths[0]:
        raise InvalidArgument(
            f"point has dimension {len(pt)}, the network takes {net.widths[0]} inputs"
        )
    if label not in (1, -1) or isinstance(label, bool):
        raise InvalidArgument(f"label must be +1 or -1, got {label!r}")
    r = require_rational_range(radius, "radius", 0, None)
    nm = parse_norm(norm)
    if method not in _METHODS:
        raise InvalidArgument(f"method: {method!r} is not one of {', '.join(_METHODS)}")
    timeout = parse_timeout(timeout)
    if method == "milp" and nm != "inf":
        raise InvalidArgument("method milp handles only the l_inf ball; use z3 for norm 2")
    t0 = time.perf_counter()
    exact = True
    cex: Point | None
    try:
        sampled = (_sampled_counterexample(net, pt, label, r, nm)
                   if method == "z3" and sample else None)
        if sampled is not None:
            status, cex, note = "counterexample", sampled, "found by sampling the ball"
            prov: dict[str, Any] = {"solver": "sampling", "version": "-",
                                    "encoding": "exact evaluation of sample points"}
        elif method == "z3" and proved_by_bounds(net, label, [v - r for v in pt],
                                                  [v + r for v in pt]):
            status, cex, note = "verified", None, "no solver needed"
            prov = {"solver": BOUNDS_SOLVER, "version": "1",
                    "encoding": "interval and back-substituted linear ReLU bounds in Fractions "
                                "give label*f > 0 on the box x +- r (re-checkable)"}
        elif method == "z3":
            status, cex, note = _z3_portfolio(net, pt, label, r, nm, timeout)
            prov = {
                "solver": "z3", "version": _z3_version(),
                "encoding": ("LRA" if nm == "inf" else "QF_NRA")
                + ": Boolean activation per unstable ReLU, "
                "stable units fixed by exact back-substituted bounds (Fractions), "
                "input bisection when the first query is slow",
            }
        else:
            import scipy

            try:
                status, cex, note, _opt = _milp_check(net, pt, label, r, timeout)
            except OverflowError as exc:  # HiGHS works in floats
                raise SolverError(f"HiGHS: a value beyond the float range ({exc})") from exc
            prov = {"solver": "HiGHS (scipy.optimize.milp)", "version": scipy.__version__,
                    "encoding": "big-M MILP from exact back-substituted bounds, "
                                "minimise y*f"}
            exact = status != "verified"
    except TimeoutError as exc:
        status, cex, note = "unknown", None, f"time-out ({exc})"
        prov = {"solver": method}
    except solver_failures() as exc:  # a failing back end is an unknown; a bug surfaces
        status, cex, note = "unknown", None, describe(exc)
        prov = {"solver": method}
    prov["seconds"] = round(time.perf_counter() - t0, 4)
    prov["note"] = note
    if status == "counterexample":
        assert cex is not None and is_counterexample(net, pt, label, r, nm, cex)
        return RobustnessResult(index, pt, label, "counterexample", cex, net.evaluate(cex),
                                None, True, prov)
    if status == "verified":
        return RobustnessResult(index, pt, label, "verified", exact=exact, provenance=prov)
    return RobustnessResult(index, pt, label, "unknown", reason=note, exact=False,
                            provenance=prov)


def verify_robustness(
    net: ReLUNet,
    points: object,
    labels: str | Sequence[int],
    radius: object,
    norm: object = "inf",
    *,
    timeout: object = None,
    method: str = "z3",
) -> RobustnessReport:
    """:func:`robust_at` for every labelled point.

    ``points`` may be rows of rationals, a :class:`PointSet` or a spec such as
    ``"cube:2"``; ``labels`` has one entry per point.

    Examples
    --------
    >>> from verify.nets.constructions import robust_memorizer
    >>> pts = [[0, 0], [1, 1]]
    >>> net = robust_memorizer(pts, "+-", "1/2", "1/4")
    >>> rep = verify_robustness(net, pts, "+-", "1/4"); rep.robust, rep.counts["verified"]
    (True, 2)
    """
    from verify.geometry.pointsets import as_points
    from verify.progress import progress

    pts = list(as_points(points))  # type: ignore[arg-type]
    ys = parse_labels(labels if isinstance(labels, str) else list(labels), len(pts))
    r = require_rational_range(radius, "radius", 0, None)
    nm = parse_norm(norm)
    results = []
    with progress(len(pts), "robustness") as bar:
        for i, (p, y) in enumerate(zip(pts, ys, strict=True)):
            results.append(robust_at(net, p, y, r, nm, timeout=timeout, method=method, index=i))
            bar.advance(1)
    return RobustnessReport(r, nm, tuple(results))
