"""The robust classifier f* of Proposition 3.2, its Lipschitz quotients and robust error.

f*(x) = (d(x,B) − d(x,A)) / (d(x,A) + d(x,B)), with d the distance to a finite
set.  Sign convention: f* labels x as +1 iff f*(x) > 0 and −1 iff f*(x) < 0;
f*(x) = 0 is wrong for both labels.

* Under ℓ∞ and ℓ1 the distances are rational, so f* and its Lipschitz quotients
  are exact Fractions.
* Under ℓ2 the distances are square roots of rationals: values are certified
  rational intervals built from integer square roots (exact when the squared
  distances are squares of rationals).
* The robust error at radius r (closed ball) is decided exactly: under ℓ∞ and
  ℓ1 with z3 over linear real arithmetic, under ℓ2 with z3 over nonlinear real
  arithmetic (only the ball constraint is quadratic: d(x', o) <= d(x', s) is
  linear in x').  Under ℓ∞/ℓ1: x with label y is misclassified by some
  x' with ||x' − x|| <= r iff there are x' and t with d(x', other class) <= t <=
  d(x', own class) (the denominator of f* is positive for disjoint sets, so the
  sign of f* is the sign of d(x',B) − d(x',A)).  Points that cannot matter are
  pruned first with the 1-Lipschitz bounds of distance functions; a found x' is
  re-checked in Fractions; "no x'" is z3's exact refutation.

>>> A, B = [(0,)], [(2,)]
>>> f_star((1,), A, B, "inf"), f_star(("1/2",), A, B, "1")
(Fraction(0, 1), Fraction(1, 2))
>>> robust_error(A, B, 1, "inf").evidence["misclassified"]
2
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from verify.errors import CertificateError, InvalidArgument
from verify.exact import require_int, require_rational_range, to_rational
from verify.geometry.checks import Check
from verify.geometry.norms import (
    _key,
    nearest_keys,
    parse_norm,
    rational_points,
    sqrt_interval,
)
from verify.geometry.pointsets import Point, PointSet

__all__ = [
    "f_star",
    "f_star_interval",
    "f_star_intervals",
    "lipschitz_check",
    "lipschitz_quotient",
    "robust_error",
]

Interval = tuple[Fraction, Fraction]
_TIMEOUT_MS = 120_000  # per perturbed-point query; a time-out is reported, never as robust


def _prep(x: object, A: object, B: object, norm: str
          ) -> tuple[Point, tuple[Point, ...], tuple[Point, ...], str]:
    norm = parse_norm(norm)
    pa = rational_points(A, "A")
    pb = rational_points(B, "B")
    if not isinstance(x, Sequence) or isinstance(x, str) or not x:
        raise InvalidArgument("x: expected a non-empty sequence of rationals")
    px = tuple(to_rational(v, "x") for v in x)
    if not len(px) == len(pa[0]) == len(pb[0]):
        raise InvalidArgument(
            f"f_star: dimensions differ (x {len(px)}, A {len(pa[0])}, B {len(pb[0])})"
        )
    return px, pa, pb, norm


def _dist_interval(key: Fraction, norm: str, bits: int) -> Interval:
    if norm == "2":
        return sqrt_interval(key, bits)
    return key, key


def _f_interval(px: Point, pa: Sequence[Point], pb: Sequence[Point], norm: str,
                bits: int) -> Interval:
    ka = min(_key(px, a, norm) for a in pa)
    kb = min(_key(px, b, norm) for b in pb)
    if ka == 0 and kb == 0:
        raise InvalidArgument(f"f_star: {_show(px)} lies in both A and B; f* is undefined")
    return _interval_from_keys(ka, kb, norm, bits)


def _interval_from_keys(ka: Fraction, kb: Fraction, norm: str, bits: int) -> Interval:
    a_lo, a_hi = _dist_interval(ka, norm, bits)
    b_lo, b_hi = _dist_interval(kb, norm, bits)
    # f* increases with d(x,B) and decreases with d(x,A).
    lo = (b_lo - a_hi) / (a_hi + b_lo) if a_hi + b_lo > 0 else Fraction(-1)
    hi = (b_hi - a_lo) / (a_lo + b_hi) if a_lo + b_hi > 0 else Fraction(1)
    return max(lo, Fraction(-1)), min(hi, Fraction(1))


def _show(p: Sequence[Fraction]) -> str:
    return "(" + ", ".join(str(c) for c in p) + ")"


def f_star_interval(x: Sequence[object], A: object, B: object, norm: str,
                    bits: int = 64) -> Interval:
    """A certified rational interval [lo, hi] containing f*(x).

    Exact (lo == hi) under ℓ∞ and ℓ1, and under ℓ2 when both distances are
    rational; otherwise of width about 2^-bits.

    Examples
    --------
    >>> f_star_interval((0, 0), [(1, 0)], [(0, 2)], "2")
    (Fraction(1, 3), Fraction(1, 3))
    >>> lo, hi = f_star_interval((0, 0), [(1, 1)], [(0, 2)], "2"); lo < hi, float(lo)
    (True, 0.171572875253...)
    """
    px, pa, pb, norm = _prep(x, A, B, norm)
    bits = require_int(bits, "bits", low=1, high=100_000)
    return _f_interval(px, pa, pb, norm, bits)


def f_star_intervals(points: object, A: object, B: object, norm: str,
                     bits: int = 64) -> list[Interval]:
    """:func:`f_star_interval` at many points at once (vectorised exact kernel).

    Examples
    --------
    >>> f_star_intervals([(0,), (1,), ("1/2",)], [(0,)], [(1,)], "inf")[2]
    (Fraction(0, 1), Fraction(0, 1))
    """
    norm = parse_norm(norm)
    bits = require_int(bits, "bits", low=1, high=100_000)
    X = rational_points(points, "points")
    ka = nearest_keys(X, A, norm)
    kb = nearest_keys(X, B, norm)
    out = []
    for x, a, b in zip(X, ka, kb, strict=True):
        if a == 0 and b == 0:
            raise InvalidArgument(f"f_star: {_show(x)} lies in both A and B; f* is undefined")
        out.append(_interval_from_keys(a, b, norm, bits))
    return out


def f_star(x: Sequence[object], A: object, B: object, norm: str) -> Fraction:
    """The exact value f*(x) = (d(x,B) − d(x,A)) / (d(x,A) + d(x,B)).

    Under ℓ2 this works only when the value is rational (both distances
    rational); otherwise use :func:`f_star_interval`.

    Examples
    --------
    >>> f_star((0, 0), [(1, 0)], [(0, 3)], "inf")
    Fraction(1, 2)
    >>> f_star((0, 0), [(1, 1)], [(0, 2)], "2")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: f_star: under l2 f*(0, 0) is irrational; use f_star_interval
    """
    px, pa, pb, norm = _prep(x, A, B, norm)
    lo, hi = _f_interval(px, pa, pb, norm, 64)
    if lo != hi:
        raise InvalidArgument(
            f"f_star: under l2 f*{_show(px)} is irrational; use f_star_interval"
        )
    return lo


def lipschitz_quotient(x: Sequence[object], y: Sequence[object], A: object, B: object,
                       norm: str, bits: int = 64) -> Interval:
    """Certified interval for |f*(x) − f*(y)| / ||x − y|| (exact under ℓ∞ and ℓ1).

    Examples
    --------
    >>> lipschitz_quotient((0,), ("1/2",), [(0,)], [(1,)], "inf")
    (Fraction(2, 1), Fraction(2, 1))
    >>> lo, hi = lipschitz_quotient((0, 0), (1, 0), [(0, 0)], [(3, 3)], "2", bits=30)
    >>> lo <= hi and hi - lo < Fraction(1, 10**6)
    True
    """
    px, pa, pb, norm = _prep(x, A, B, norm)
    py, _, _, _ = _prep(y, pa, pb, norm)
    bits = require_int(bits, "bits", low=1, high=100_000)
    k = _key(px, py, norm)
    if k == 0:
        raise InvalidArgument("lipschitz_quotient: x and y coincide")
    fx = _f_interval(px, pa, pb, norm, bits)
    fy = _f_interval(py, pa, pb, norm, bits)
    dlo, dhi = fx[0] - fy[1], fx[1] - fy[0]
    if dlo >= 0:
        nlo, nhi = dlo, dhi
    elif dhi <= 0:
        nlo, nhi = -dhi, -dlo
    else:
        nlo, nhi = Fraction(0), max(-dlo, dhi)
    r_lo, r_hi = _dist_interval(k, norm, bits)
    return nlo / r_hi, nhi / r_lo


def lipschitz_check(x: Sequence[object], y: Sequence[object], A: object, B: object,
                    norm: str, eps: object) -> Check:
    """Is |f*(x) − f*(y)| <= ||x − y|| / eps (the 1/eps-Lipschitz bound of Prop. 3.2)?

    Under ℓ2 the interval is refined (up to 2^-2048) until it decides; if it still
    straddles 1/eps, ``holds`` is None (undecided), never False.

    Examples
    --------
    >>> c = lipschitz_check((0,), (1,), [(0,)], [(2,)], "inf", 1)
    >>> c.holds, c.evidence["quotient"], c.evidence["bound"]
    (True, Fraction(1, 1), Fraction(1, 1))
    """
    e = require_rational_range(eps, "eps", 0, None, low_open=True)
    bound = 1 / e
    bits = 64
    while True:
        lo, hi = lipschitz_quotient(x, y, A, B, norm, bits)
        if hi <= bound or lo > bound or bits >= 2048:
            break
        bits *= 4
    ev: dict[str, Any] = {"norm": parse_norm(norm), "bound": bound, "eps": e}
    if lo == hi:
        ev["quotient"] = lo
    else:
        ev["quotient_interval"] = [lo, hi]
    if hi <= bound:
        return Check("lipschitz", True, ev)
    if lo > bound:
        return Check("lipschitz", False, ev)
    ev["reason"] = "the certified interval still contains 1/eps"
    return Check("lipschitz", None, ev)


def _z3_abs(z3: Any, e: Any) -> Any:
    return z3.If(e >= 0, e, -e)


def _z3_le(z3: Any, xs: Sequence[Any], p: Point, t: Any, norm: str) -> Any:
    """||x' − p|| <= t."""
    diffs = [xk - z3.RealVal(str(c)) for xk, c in zip(xs, p, strict=True)]
    if norm == "inf":
        return z3.And(*[z3.And(dk <= t, -dk <= t) for dk in diffs])
    return z3.Sum([_z3_abs(z3, dk) for dk in diffs]) <= t


def _z3_ge(z3: Any, xs: Sequence[Any], p: Point, t: Any, norm: str) -> Any:
    """||x' − p|| >= t."""
    diffs = [xk - z3.RealVal(str(c)) for xk, c in zip(xs, p, strict=True)]
    if norm == "inf":
        return z3.Or(*[z3.Or(dk >= t, -dk >= t) for dk in diffs])
    return z3.Sum([_z3_abs(z3, dk) for dk in diffs]) >= t


def _worst_point(z3: Any, x: Point, own: Sequence[Point], other: Sequence[Point],
                 r: Fraction, norm: str) -> Point | dict[str, Any] | None:
    d_own = min(_key(x, s, norm) for s in own)
    d_oth = min(_key(x, o, norm) for o in other)
    if d_oth - r > d_own + r:
        return None  # d(x',other) >= d_oth - r > d_own + r >= d(x',own) on the ball
    reach = d_own + 2 * r
    own_n = [s for s in own if _key(x, s, norm) <= reach]
    oth_n = [o for o in other if _key(x, o, norm) <= reach]
    xs = [z3.Real(f"x{k}") for k in range(len(x))]
    t = z3.Real("t")
    s = z3.Solver()
    s.set("timeout", _TIMEOUT_MS)
    s.add(_z3_le(z3, xs, x, z3.RealVal(str(r)), norm))
    s.add(z3.Or(*[_z3_le(z3, xs, o, t, norm) for o in oth_n]))
    s.add(*[_z3_ge(z3, xs, p, t, norm) for p in own_n])
    res = s.check()
    if res == z3.unsat:
        return None
    if res != z3.sat:
        return {"unknown": f"z3 answered {res}: {s.reason_unknown()}"}
    m = s.model()
    vals = []
    for v in xs:
        q = m.eval(v, model_completion=True)
        vals.append(Fraction(q.numerator_as_long(), q.denominator_as_long()))
    return tuple(vals)


def _l2_far(ko: Fraction, ks: Fraction, r: Fraction) -> bool:
    """sqrt(ko) > sqrt(ks) + 2r, decided exactly."""
    lhs = ko - ks - 4 * r * r
    return lhs > 0 and lhs * lhs > 16 * r * r * ks


def _worst_point_l2(z3: Any, x: Point, own: Sequence[Point], other: Sequence[Point],
                    r: Fraction) -> Point | dict[str, Any] | None:
    """A point x' with ||x' − x||_2 <= r nearer (or as near) to ``other`` than to ``own``.

    Uses: d(x', o) <= d(x', s) iff 2 x'·(s − o) <= |s|^2 − |o|^2 (linear in x'),
    so only the ball constraint is quadratic (z3 NRA, a decision procedure).
    Returns a rational point, or a dict describing an algebraic witness (checked
    by z3's exact algebraic arithmetic), or None when no such x' exists.
    """
    ks = min(_key(x, s, "2") for s in own)
    ko = min(_key(x, o, "2") for o in other)
    if _l2_far(ko, ks, r):
        return None
    own_n = [s for s in own if not _l2_far(_key(x, s, "2"), ks, r)]
    oth_n = [o for o in other if not _l2_far(_key(x, o, "2"), ks, r)]
    xs = [z3.Real(f"x{k}") for k in range(len(x))]
    sol = z3.Solver()
    sol.set("timeout", _TIMEOUT_MS)
    rv = z3.RealVal(str(r))
    sol.add(z3.Sum([(xk - z3.RealVal(str(c))) ** 2 for xk, c in zip(xs, x, strict=True)])
            <= rv * rv)

    def sq(p: Point) -> Any:
        return z3.RealVal(str(sum((c * c for c in p), Fraction(0))))

    cells = []
    for o in oth_n:
        cells.append(z3.And(*[
            2 * z3.Sum([xk * z3.RealVal(str(sk - ok)) for xk, sk, ok in zip(xs, s, o, strict=True)])
            <= sq(s) - sq(o) for s in own_n]))
    sol.add(z3.Or(*cells))
    res = sol.check()
    if res == z3.unsat:
        return None
    if res != z3.sat:
        return {"unknown": f"z3 answered {res}: {sol.reason_unknown()}"}
    m = sol.model()
    vals = [m.eval(v, model_completion=True) for v in xs]
    if all(z3.is_rational_value(v) for v in vals):
        return tuple(Fraction(v.numerator_as_long(), v.denominator_as_long()) for v in vals)
    return {"perturbed_approx": [v.as_decimal(20) if z3.is_algebraic_value(v) else str(v)
                                 for v in vals],
            "perturbed_exact": [v.sexpr() for v in vals],
            "witness": "algebraic; constraints checked by z3 in exact algebraic arithmetic"}


def robust_error(A: object, B: object, r: object, norm: str = "inf",
                 sample: object = None, labels: Sequence[int] | str | None = None) -> Check:
    """Exact robust error of f* (built from A, B) on a labelled finite set at radius r.

    The labelled set is A (+1) ∪ B (−1) by default, or ``sample`` with ``labels``
    (a :class:`PointSet` may carry its labels).  Every point counts once (uniform
    distribution).  A point x with
    label y is misclassified at radius r if some x' with ||x' − x|| <= r (closed
    ball) has y·f*(x') <= 0 (f* = 0 is wrong for both labels).

    Parameters
    ----------
    A, B : spec, PointSet or rows of rationals
        Disjoint non-empty sets of the same dimension.
    r : rational >= 0
    sample, labels : optional
        Another labelled finite set (points as a spec, PointSet or rows; labels
        as ``"+-"`` text or ±1) on which to measure the robust error of f*.
    norm : "inf", "1" or "2"
        Under ℓ2 the decision uses z3's nonlinear real arithmetic (exact); a
        witness with irrational coordinates is reported in z3's algebraic form.

    Returns
    -------
    Check
        ``holds`` is True iff the robust error is 0 (None if z3 left a point
        undecided and none was misclassified); evidence has ``error``
        (a Fraction), ``misclassified``, ``total`` and up to 5 ``witnesses``
        (point, label, perturbed point x', its exact distances and f*(x')).

    Examples
    --------
    >>> c = robust_error([(0, 0)], [(1, 0)], "1/2", "inf")
    >>> c.holds, c.evidence["error"], c.evidence["witnesses"][0]["f_star"]
    (False, Fraction(1, 1), Fraction(0, 1))
    >>> robust_error([(0, 0)], [(1, 0)], "49/100", "1").holds
    True
    """
    norm = parse_norm(norm)
    rad = require_rational_range(r, "r", 0, None)
    pa = rational_points(A, "A")
    pb = rational_points(B, "B")
    if len(pa[0]) != len(pb[0]):
        raise InvalidArgument(f"robust_error: dimensions differ ({len(pa[0])} and {len(pb[0])})")
    if set(pa) & set(pb):
        raise InvalidArgument("robust_error: A and B share a point; f* is undefined there")
    import z3

    t0 = time.perf_counter()
    witnesses: list[dict[str, Any]] = []
    undecided: list[dict[str, Any]] = []
    bad = 0
    if sample is None:
        if labels is not None:
            raise InvalidArgument("robust_error: labels given without a sample")
        todo = [(x, 1) for x in pa] + [(x, -1) for x in pb]
    else:
        ps = rational_points(sample, "sample")
        if len(ps[0]) != len(pa[0]):
            raise InvalidArgument("robust_error: the sample has the wrong dimension")
        if labels is None and isinstance(sample, PointSet):
            labels = sample.labels
        if labels is None:
            raise InvalidArgument("robust_error: a sample needs labels")
        from verify.labels import parse_labels

        ys = parse_labels(labels, len(ps))
        todo = list(zip(ps, ys, strict=True))
    for x, label in todo:
        own, other = (pa, pb) if label > 0 else (pb, pa)
        if norm == "2":
            found = _worst_point_l2(z3, x, own, other, rad)
            if found is None:
                continue
            if isinstance(found, dict) and "unknown" in found:
                undecided.append({"point": list(x), "label": label, **found})
                continue
            if isinstance(found, dict):
                bad += 1
                if len(witnesses) < 5:
                    witnesses.append({"point": list(x), "label": label, **found})
                continue
            xp: Point = found
        else:
            maybe = _worst_point(z3, x, own, other, rad, norm)
            if maybe is None:
                continue
            if isinstance(maybe, dict):
                undecided.append({"point": list(x), "label": label, **maybe})
                continue
            xp = maybe
        # Re-check the perturbed point in Fractions against the full sets.
        da = min(_key(xp, a, norm) for a in pa)
        db = min(_key(xp, b, norm) for b in pb)
        limit = rad * rad if norm == "2" else rad
        if _key(xp, x, norm) > limit or label * (db - da) > 0:
            raise CertificateError("z3 returned a perturbed point that is not misclassified")
        bad += 1
        if len(witnesses) < 5:
            if norm == "2":
                witnesses.append({
                    "point": list(x), "label": label, "perturbed": list(xp),
                    "distance_squared_to_point": _key(xp, x, norm),
                    "d_A_squared": da, "d_B_squared": db,
                    "f_star_interval": list(_f_interval(xp, pa, pb, norm, 64)),
                })
            else:
                witnesses.append({
                    "point": list(x), "label": label, "perturbed": list(xp),
                    "distance_to_point": _key(xp, x, norm),
                    "d_A": da, "d_B": db, "f_star": (db - da) / (da + db),
                })
    total = len(todo)
    holds = False if bad else (None if undecided else True)
    extra: dict[str, Any] = {}
    if undecided:
        extra = {"undecided": len(undecided), "undecided_points": undecided[:5],
                 "reason": "z3 did not decide some points; error is a lower bound"}
    return Check("robust_error", holds, {
        "norm": norm, "radius": rad, "ball": "closed", "total": total,
        "misclassified": bad, "error": Fraction(bad, total), "witnesses": witnesses, **extra,
        "solver": "z3", "version": z3.get_version_string(),
        "logic": "NRA" if norm == "2" else "LRA",
        "seconds": round(time.perf_counter() - t0, 4),
    })
