"""The exact robust error of f* (Proposition 3.2) at a radius, decided with z3.

Sign convention: f* labels x as +1 iff f*(x) > 0 and −1 iff f*(x) < 0;
f*(x) = 0 is wrong for both labels.

The robust error at radius r (closed ball) is decided exactly: under ℓ∞ and
ℓ1 with z3 over linear real arithmetic, under ℓ2 with z3 over nonlinear real
arithmetic (only the ball constraint is quadratic: d(x', o) <= d(x', s) is
linear in x').  Under ℓ∞/ℓ1: x with label y is misclassified by some
x' with ||x' − x|| <= r iff there are x' and t with d(x', other class) <= t <=
d(x', own class) (the denominator of f* is positive for disjoint sets, so the
sign of f* is the sign of d(x',B) − d(x',A)).  A found x' is re-checked in
Fractions; "no x'" is z3's exact refutation.

>>> robust_error([(0,)], [(2,)], 1, "inf").evidence["misclassified"]
2
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from verify.errors import CertificateError, InvalidArgument
from verify.exact import require_rational_range
from verify.geometry.checks import Check
from verify.geometry.fstar import f_star_bounds
from verify.geometry.norms import _key, parse_norm, rational_points
from verify.geometry.pointsets import Point, PointSet

__all__ = ["Perturbation", "robust_error"]

_TIMEOUT_MS = 120_000  # per perturbed-point query; a time-out is reported, never as robust


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


@dataclass(frozen=True)
class Perturbation:
    """What z3 found in the closed ball around one labelled point x.

    ``status`` is ``"robust"`` (no x' in the ball is misclassified: z3's
    refutation, or a distance test before any query), ``"misclassified"`` (an x'
    that f* gets wrong: ``point`` when its coordinates are rational — the caller
    re-checks it in Fractions — or ``algebraic``, z3's exact algebraic form under
    ℓ2), or ``"undecided"`` (``reason``: z3 answered unknown).
    """

    status: Literal["robust", "misclassified", "undecided"]
    point: Point | None = None
    algebraic: dict[str, Any] | None = None
    reason: str | None = None


_ROBUST = Perturbation("robust")


def _unknown(res: Any, solver: Any) -> Perturbation:
    from verify.encodings.z3memory import z3_reason

    return Perturbation("undecided", reason=f"z3 answered {res}: {z3_reason(solver)}")


def _check(solver: Any) -> Any:
    from verify.encodings.z3memory import z3_check

    return z3_check(solver)


def _worst_point(z3: Any, x: Point, own: Sequence[Point], other: Sequence[Point],
                 r: Fraction, norm: str) -> Perturbation:
    """An x' with ||x' − x|| <= r (ℓ∞ or ℓ1) at least as near to ``other`` as to ``own``."""
    d_own = min(_key(x, s, norm) for s in own)
    d_oth = min(_key(x, o, norm) for o in other)
    if d_oth - r > d_own + r:
        return _ROBUST  # d(x',other) >= d_oth - r > d_own + r >= d(x',own) on the ball
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
    res = _check(s)
    if res == z3.unsat:
        return _ROBUST
    if res != z3.sat:
        return _unknown(res, s)
    from verify.encodings.lra import z3_fraction

    m = s.model()  # linear arithmetic (l_inf, l_1): the model's values are rational
    return Perturbation("misclassified",
                        tuple(z3_fraction(m.eval(v, model_completion=True)) for v in xs))


def _l2_far(ko: Fraction, ks: Fraction, r: Fraction) -> bool:
    """sqrt(ko) > sqrt(ks) + 2r, decided exactly."""
    lhs = ko - ks - 4 * r * r
    return lhs > 0 and lhs * lhs > 16 * r * r * ks


def _worst_point_l2(z3: Any, x: Point, own: Sequence[Point], other: Sequence[Point],
                    r: Fraction) -> Perturbation:
    """A point x' with ||x' − x||_2 <= r nearer (or as near) to ``other`` than to ``own``.

    Uses: d(x', o) <= d(x', s) iff 2 x'·(s − o) <= |s|^2 − |o|^2 (linear in x'),
    so only the ball constraint is quadratic (z3 NRA, a decision procedure).
    A witness with irrational coordinates is reported in z3's algebraic form
    (checked by z3's exact algebraic arithmetic).
    """
    ks = min(_key(x, s, "2") for s in own)
    ko = min(_key(x, o, "2") for o in other)
    if _l2_far(ko, ks, r):
        return _ROBUST
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
    res = _check(sol)
    if res == z3.unsat:
        return _ROBUST
    if res != z3.sat:
        return _unknown(res, sol)
    m = sol.model()
    vals = [m.eval(v, model_completion=True) for v in xs]
    if all(z3.is_rational_value(v) for v in vals):
        from verify.encodings.lra import z3_fraction

        return Perturbation("misclassified", tuple(z3_fraction(v) for v in vals))
    return Perturbation("misclassified", algebraic={
        "perturbed_approx": [v.as_decimal(20) if z3.is_algebraic_value(v) else str(v)
                             for v in vals],
        "perturbed_exact": [v.sexpr() for v in vals],
        "witness": "algebraic; constraints checked by z3 in exact algebraic arithmetic"})


def _labelled(pa: tuple[Point, ...], pb: tuple[Point, ...], sample: object,
              labels: Sequence[int] | str | None) -> list[tuple[Point, int]]:
    """The labelled points to measure on: A (+1) then B (−1), or ``sample`` with its labels."""
    if sample is None:
        if labels is not None:
            raise InvalidArgument("robust_error: labels given without a sample")
        return [(x, 1) for x in pa] + [(x, -1) for x in pb]
    ps = rational_points(sample, "sample")
    if len(ps[0]) != len(pa[0]):
        raise InvalidArgument("robust_error: the sample has the wrong dimension")
    if labels is None and isinstance(sample, PointSet):
        labels = sample.labels
    if labels is None:
        raise InvalidArgument("robust_error: a sample needs labels")
    from verify.labels import parse_labels

    return list(zip(ps, parse_labels(labels, len(ps)), strict=True))


def _perturbation(z3: Any, x: Point, label: int, pa: tuple[Point, ...], pb: tuple[Point, ...],
                  r: Fraction, norm: str) -> Perturbation:
    """The z3 query of the norm for one labelled point (own class first)."""
    own, other = (pa, pb) if label > 0 else (pb, pa)
    if norm == "2":
        return _worst_point_l2(z3, x, own, other, r)
    return _worst_point(z3, x, own, other, r, norm)


def _recheck(x: Point, label: int, xp: Point, pa: tuple[Point, ...], pb: tuple[Point, ...],
             r: Fraction, norm: str) -> tuple[Fraction, Fraction]:
    """Re-check a rational x' in Fractions against the full sets: its keys to A and B.

    Raises CertificateError when x' is outside the ball or not misclassified.
    """
    da = min(_key(xp, a, norm) for a in pa)
    db = min(_key(xp, b, norm) for b in pb)
    limit = r * r if norm == "2" else r
    if _key(xp, x, norm) > limit or label * (db - da) > 0:
        raise CertificateError("z3 returned a perturbed point that is not misclassified")
    return da, db


def _witness(x: Point, label: int, xp: Point, keys: tuple[Fraction, Fraction],
             pa: tuple[Point, ...], pb: tuple[Point, ...], norm: str) -> dict[str, Any]:
    """The evidence of a re-checked x' (``keys``: its distance keys to A and B)."""
    da, db = keys
    if norm == "2":
        return {"point": list(x), "label": label, "perturbed": list(xp),
                "distance_squared_to_point": _key(xp, x, norm),
                "d_A_squared": da, "d_B_squared": db,
                "f_star_interval": list(f_star_bounds(xp, pa, pb, norm, 64))}
    return {"point": list(x), "label": label, "perturbed": list(xp),
            "distance_to_point": _key(xp, x, norm),
            "d_A": da, "d_B": db, "f_star": (db - da) / (da + db)}


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
    todo = _labelled(pa, pb, sample, labels)
    witnesses: list[dict[str, Any]] = []
    undecided: list[dict[str, Any]] = []
    bad = 0
    for x, label in todo:
        found = _perturbation(z3, x, label, pa, pb, rad, norm)
        xp = found.point
        if found.status == "undecided":
            undecided.append({"point": list(x), "label": label, "unknown": found.reason})
        elif found.status == "misclassified" and xp is None:  # algebraic (ℓ2)
            bad += 1
            if len(witnesses) < 5:
                witnesses.append({"point": list(x), "label": label, **(found.algebraic or {})})
        elif found.status == "misclassified" and xp is not None:  # rational: re-checked here
            keys = _recheck(x, label, xp, pa, pb, rad, norm)
            bad += 1
            if len(witnesses) < 5:
                witnesses.append(_witness(x, label, xp, keys, pa, pb, norm))
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
