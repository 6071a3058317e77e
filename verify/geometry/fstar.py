"""The robust classifier f* of Proposition 3.2, its Lipschitz quotients and robust error.

f*(x) = (d(x,B) − d(x,A)) / (d(x,A) + d(x,B)), with d the distance to a finite
set.  Sign convention: f* labels x as +1 iff f*(x) > 0 and −1 iff f*(x) < 0;
f*(x) = 0 is wrong for both labels.

* Under ℓ∞ and ℓ1 the distances are rational, so f* and its Lipschitz quotients
  are exact Fractions.
* Under ℓ2 the distances are square roots of rationals: values are certified
  rational intervals built from integer square roots (exact when the squared
  distances are squares of rationals).
* The robust error of f* at a radius is decided with a solver, in
  :mod:`verify.encodings.fstar_robust`.

>>> A, B = [(0,)], [(2,)]
>>> f_star((1,), A, B, "inf"), f_star(("1/2",), A, B, "1")
(Fraction(0, 1), Fraction(1, 2))
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from verify.errors import InvalidArgument
from verify.exact import require_int, require_rational_range, to_rational
from verify.geometry.checks import Check
from verify.geometry.norms import (
    _key,
    nearest_keys,
    parse_norm,
    rational_points,
    sqrt_interval,
)
from verify.geometry.pointsets import Point

__all__ = [
    "f_star",
    "f_star_bounds",
    "f_star_interval",
    "f_star_intervals",
    "lipschitz_check",
    "lipschitz_quotient",
]

Interval = tuple[Fraction, Fraction]


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


def f_star_bounds(px: Point, pa: Sequence[Point], pb: Sequence[Point], norm: str,
                  bits: int) -> Interval:
    """A certified interval for f*(px) from validated points (exact under ℓ∞ and ℓ1)."""
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
    return f_star_bounds(px, pa, pb, norm, bits)


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
    return _intervals_from_keys(X, nearest_keys(X, A, norm), nearest_keys(X, B, norm), norm,
                                bits)


def _intervals_from_keys(X: Sequence[Point], ka: Sequence[Fraction], kb: Sequence[Fraction],
                         norm: str, bits: int = 64) -> list[Interval]:
    """f* at the points ``X`` from their distance keys (squared under ℓ2) to A and to B,
    as :func:`nearest_keys` gives them (for a caller that has the keys already)."""
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
    lo, hi = f_star_bounds(px, pa, pb, norm, 64)
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
    fx = f_star_bounds(px, pa, pb, norm, bits)
    fy = f_star_bounds(py, pa, pb, norm, bits)
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
