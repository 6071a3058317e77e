"""The smallest enveloping network whose VC upper bound reaches a target, and its growth.

Section 4.3: a network family robust at error alpha needs VC dimension at
least a target (0.05 K^(d-1) in the paper); a network with at most W
parameters embeds into the enveloping network of M - 1 hidden layers of M
units, whose VC dimension is at most one of Bartlett et al.'s bounds
(:mod:`verify.bounds.bartlett`).  :func:`smallest_enveloping_M` finds the
smallest M whose bound reaches the target, exactly (certified intervals,
refined until they separate).

>>> s = smallest_enveloping_M("1/10", 6)
>>> (s.M, s.parameters)
(2, 17)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from verify.bounds.architecture import enveloping_counts, enveloping_parameters
from verify.bounds.bartlett import BOUNDS, vc_upper
from verify.bounds.certified import PREC as _PREC
from verify.bounds.certified import Certified
from verify.errors import InvalidArgument
from verify.exact import fraction_text, require_int, to_rational
from verify.jsonio import json_meta

__all__ = ["EnvelopingSize", "ExponentFit", "growth_exponent", "smallest_enveloping_M"]


def _reaches(M: int, d: int, bound: str, target: Fraction) -> bool:
    """Exactly decide upper_bound(M) >= target (refining precision if needed)."""
    c = enveloping_counts(M, d)
    prec = _PREC
    while prec <= 4096:
        cert = vc_upper(c, bound, prec=prec)
        if cert.lower >= target:
            return True
        if cert.upper < target:
            return False
        prec *= 4
    raise InvalidArgument(f"cannot separate the {bound} bound at M = {M} from the target {target}")


@dataclass(frozen=True)
class EnvelopingSize:
    """The smallest enveloping network whose VC upper bound reaches a target."""

    eps: Fraction = field(metadata=json_meta(convert=fraction_text))
    K: int
    d: int
    n: int
    target: Fraction = field(metadata=json_meta(convert=fraction_text))
    bound: str
    M: int
    parameters: int
    vc_upper_at_M: Certified


def _grid(eps: object, d: object) -> tuple[Fraction, int, int, int]:
    """eps and d checked, K = floor(1/(2 eps)) and n = K^(d-1) within their limits.

    >>> _grid("1/10", 6)
    (Fraction(1, 10), 6, 5, 3125)
    """
    e = to_rational(eps, "eps")
    if not (0 < e <= Fraction(1, 2)):
        raise InvalidArgument(f"eps must lie in (0, 1/2], got {e}")
    di = require_int(d, "d", low=2, high=10**4)
    K = math.floor(1 / (2 * e))
    if K > 10**9:
        raise InvalidArgument(f"eps = {e} gives K = {K} > 10^9; choose a larger eps")
    n = K ** (di - 1)
    if n.bit_length() > 20000:
        raise InvalidArgument("n = K^(d-1) has more than 20000 bits; choose a smaller d")
    return e, di, K, n


def _target(target: object, alpha: object, K: int, d: int, n: int) -> Fraction:
    """The VC dimension to reach: ``paper`` n/20 (alpha within the paper's condition),
    ``exact`` the exact lower bound of :func:`verify.bounds.vc_step`, or the number given.

    >>> _target("paper", "1/10", 5, 6, 3125), _target("exact", "1/10", 5, 4, 125)
    (Fraction(625, 4), Fraction(17, 1))
    """
    from verify.bounds.vcstep import _alpha_ok_exact, vc_step

    a = to_rational(alpha, "alpha")
    if not (0 <= a < Fraction(1, 2)):
        raise InvalidArgument(f"alpha must lie in [0, 1/2), got {a}")
    if target == "paper":
        if not _alpha_ok_exact(a):
            raise InvalidArgument(
                f"alpha = {a}: the paper's step needs 2(1-2alpha) > (10e)^(1/10) "
                "(alpha < 0.15216...); use target='exact'"
            )
        return Fraction(n, 20)
    if target == "exact":
        return Fraction(vc_step(K, d, a).min_vc_dimension)
    return to_rational(target, "target")


def _smallest_reaching(d: int, bound: str, target: Fraction) -> int:
    """The least M whose enveloping network's VC upper bound reaches ``target``: M = 1, or
    doubling from 4 past it, then bisection (the bound grows with M).

    >>> _smallest_reaching(6, "thm7", Fraction(625, 4)), _smallest_reaching(6, "thm7", 1)
    (2, 1)
    """
    lo = 1
    if _reaches(lo, d, bound, target):
        return lo
    hi = 4
    while not _reaches(hi, d, bound, target):
        lo = hi
        hi *= 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _reaches(mid, d, bound, target):
            hi = mid
        else:
            lo = mid
    return hi


def smallest_enveloping_M(
    eps: object,
    d: object,
    alpha: object = "1/10",
    bound: str = "thm7",
    target: object = "paper",
) -> EnvelopingSize:
    """The smallest M whose enveloping network's VC upper bound reaches the target.

    A network family robust at error alpha needs VC-dim >= target (Section 4.3),
    so every M below the answer is ruled out by the chosen upper bound.

    Parameters
    ----------
    eps : rational in (0, 1/2]
        Separation; K = floor(1/(2 eps)) and n = K^(d-1).
    d : int >= 2
    alpha : rational in [0, 1/2)
        Used by ``target="exact"``; with ``"paper"`` it must satisfy the paper's
        condition 2(1 - 2 alpha) > (10e)^(1/10) (alpha < 0.15216...).
    bound : str
        A key of :data:`BOUNDS`.
    target : "paper", "exact", or a rational
        "paper": 0.05 K^(d-1) = n/20; "exact": the exact VC lower bound of
        :func:`verify.bounds.vc_step` (n <= 10^6); or a given number.

    Examples
    --------
    >>> s = smallest_enveloping_M("1/10", 6)     # K = 5, n = 5^5, target n/20
    >>> (s.K, s.n, s.target, s.M, s.parameters)
    (5, 3125, Fraction(625, 4), 2, 17)
    >>> smallest_enveloping_M("1/100", 6, bound="w2logw").M
    11
    """
    e, di, K, n = _grid(eps, d)
    if bound not in BOUNDS:
        raise InvalidArgument(f"bound must be one of {', '.join(BOUNDS)}, got {bound!r}")
    tgt = _target(target, alpha, K, di, n)
    hi = _smallest_reaching(di, bound, tgt)  # the least M that reaches the target
    return EnvelopingSize(
        eps=e,
        K=K,
        d=di,
        n=n,
        target=tgt,
        bound=bound,
        M=hi,
        parameters=enveloping_parameters(hi, di),
        vc_upper_at_M=vc_upper(enveloping_counts(hi, di), bound),
    )


@dataclass(frozen=True)
class ExponentFit:
    """Least-squares slope of log M against log n (n = K^(d-1)); numeric (floats)."""

    bound: str
    slope: float = field(metadata=json_meta(key="numeric_slope"))
    last_step_slope: float | None = field(metadata=json_meta(key="numeric_last_step_slope"))
    paper_exponent: Fraction = field(
        metadata=json_meta(key="paper_exponent_of_n", convert=fraction_text))
    points: tuple[tuple[int, int, int], ...]  # (d, n bit length, M)


def growth_exponent(sizes: Sequence[EnvelopingSize]) -> ExponentFit:
    """Fit log M = s log n + c over the given sizes (same bound); numeric.

    The paper states M = Omega(K^((d-1)/6)), i.e. exponent 1/6 of n = K^(d-1).

    >>> fit = growth_exponent([smallest_enveloping_M("1/100", d, bound="w2logw")
    ...                        for d in (8, 10, 12)])
    >>> 0.15 < fit.slope < 0.18
    True
    """
    pts = [s for s in sizes if s.M > 2]
    if len(pts) < 2:
        raise InvalidArgument("need at least two sizes with M > 2 to fit an exponent")
    if len({s.bound for s in pts}) != 1:
        raise InvalidArgument("all sizes must use the same bound")
    xs = [_ln_int(s.n) for s in pts]
    ys = [math.log(s.M) for s in pts]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        raise InvalidArgument("the sizes must have different n")
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    last = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2]) if xs[-1] != xs[-2] else None
    return ExponentFit(
        bound=pts[0].bound,
        slope=slope,
        last_step_slope=last,
        paper_exponent=Fraction(1, 6),
        points=tuple((s.d, s.n.bit_length(), s.M) for s in pts),
    )


def _ln_int(n: int) -> float:
    shift = max(n.bit_length() - 60, 0)
    return math.log(n >> shift) + shift * math.log(2)
