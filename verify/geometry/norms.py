"""Exact ℓ∞, ℓ1 and ℓ2 distances between rational points.

Every distance here is exact.  Under ℓ∞ and ℓ1 the distance of two rational
points is rational and is returned as a :class:`~fractions.Fraction`.  Under ℓ2
the *squared* distance is rational; it is what every comparison uses, and a
square root is taken only for display, as a certified rational interval
(:func:`sqrt_interval`).  The common name for "distance under ℓ∞/ℓ1, squared
distance under ℓ2" is the distance *key* (:func:`distance_key`): it orders
pairs exactly as the distance does.

Distances between finite sets use an exact integer kernel: coordinates are put
over a common denominator and the distance matrix is computed blockwise in
NumPy ``int64`` when no overflow is possible, in Python integers otherwise.

>>> from fractions import Fraction as F
>>> distance_key((0, 0), (F(1, 2), 1), "inf"), distance_key((0, 0), (F(1, 2), 1), "2")
(Fraction(1, 1), Fraction(5, 4))
>>> set_distance([(0, 0)], [(1, 1), (F(1, 3), 0)], "1").value
Fraction(1, 3)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import MAX_EMAX, MIN_EMIN, ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from fractions import Fraction

import numpy as np

from verify.errors import BudgetExceeded, InvalidArgument
from verify.exact import require_int, to_rational
from verify.geometry.pointsets import Point, PointSet, as_points
from verify.jsonio import dataclass_json, json_meta
from verify.limits import Deadline
from verify.progress import progress

__all__ = [
    "NORMS",
    "SetDistance",
    "distance_key",
    "interval_text",
    "key_is_squared",
    "nearest_keys",
    "norm_key",
    "parse_norm",
    "point_distance",
    "rational_points",
    "set_distance",
    "sqrt_interval",
]

NORMS = ("inf", "1", "2")
_ALIASES = {
    "inf": "inf", "linf": "inf", "l_inf": "inf", "infinity": "inf", "∞": "inf", "max": "inf",
    "1": "1", "l1": "1", "l_1": "1", "2": "2", "l2": "2", "l_2": "2",
}
_INT64_SAFE = 2**62
_BLOCK = 1 << 20


def parse_norm(norm: object) -> str:
    """Return the canonical name ``"inf"``, ``"1"`` or ``"2"`` of a norm.

    Parameters
    ----------
    norm : str or int
        ``inf`` (also ``linf``, ``∞``), ``1`` or ``2`` (also ``l1``, ``l2``).

    Examples
    --------
    >>> parse_norm("Linf"), parse_norm(2)
    ('inf', '2')
    >>> parse_norm("3")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: norm: unknown norm '3'; use inf, 1 or 2
    """
    key = str(norm).strip().lower() if isinstance(norm, str | int) else None
    if isinstance(norm, bool) or key not in _ALIASES:
        raise InvalidArgument(f"norm: unknown norm {str(norm)!r}; use inf, 1 or 2")
    return _ALIASES[key]


def key_is_squared(norm: str) -> bool:
    """True iff the distance key of ``norm`` is the squared distance (ℓ2).

    >>> key_is_squared("2"), key_is_squared("inf")
    (True, False)
    """
    return parse_norm(norm) == "2"


def rational_points(points: object, name: str = "points") -> tuple[Point, ...]:
    """Validate points given as a spec, a :class:`PointSet` or rows of rationals.

    Refuses an empty set, floats and points of different dimensions.

    Examples
    --------
    >>> rational_points([[0, "1/2"]])
    ((Fraction(0, 1), Fraction(1, 2)),)
    >>> rational_points([], "A")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: A: the point set is empty
    """
    if isinstance(points, str | PointSet):
        pts = as_points(points)
    elif isinstance(points, Sequence) and not isinstance(points, bytes):
        if not points:
            raise InvalidArgument(f"{name}: the point set is empty")
        rows = [list(p) if isinstance(p, Sequence) and not isinstance(p, str) else p
                for p in points]
        from verify.geometry.pointsets import points_from_rows

        pts = points_from_rows(rows, name)
    else:
        raise InvalidArgument(f"{name}: expected a spec, a PointSet or a list of points")
    if not pts:
        raise InvalidArgument(f"{name}: the point set is empty")
    return pts


def _point(x: object, name: str) -> Point:
    if not isinstance(x, Sequence) or isinstance(x, str) or not x:
        raise InvalidArgument(f"{name}: expected a non-empty sequence of rationals")
    return tuple(to_rational(v, name) for v in x)


def _same_dim(d1: int, d2: int, what: str) -> None:
    if d1 != d2:
        raise InvalidArgument(f"{what}: dimensions differ ({d1} and {d2})")


def norm_key(v: Sequence[object], norm: str) -> Fraction:
    """The exact norm of ``v`` under ℓ∞ or ℓ1, or its squared norm under ℓ2.

    Examples
    --------
    >>> norm_key((3, -4), "inf"), norm_key((3, -4), "1"), norm_key((3, -4), "2")
    (Fraction(4, 1), Fraction(7, 1), Fraction(25, 1))
    """
    norm = parse_norm(norm)
    x = _point(v, "vector")
    if norm == "inf":
        return max(abs(c) for c in x)
    if norm == "1":
        return sum((abs(c) for c in x), Fraction(0))
    return sum((c * c for c in x), Fraction(0))


def distance_key(x: Sequence[object], y: Sequence[object], norm: str) -> Fraction:
    """Exact distance under ℓ∞/ℓ1; exact *squared* distance under ℓ2.

    Examples
    --------
    >>> distance_key((0, 0), (1, "1/2"), "1")
    Fraction(3, 2)
    >>> distance_key((0,), (0, 1), "inf")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: distance: dimensions differ (1 and 2)
    """
    norm = parse_norm(norm)
    a, b = _point(x, "x"), _point(y, "y")
    _same_dim(len(a), len(b), "distance")
    return _key(a, b, norm)


def _key(a: Point, b: Point, norm: str) -> Fraction:
    if norm == "inf":
        return max(abs(p - q) for p, q in zip(a, b, strict=True))
    if norm == "1":
        return sum((abs(p - q) for p, q in zip(a, b, strict=True)), Fraction(0))
    return sum(((p - q) ** 2 for p, q in zip(a, b, strict=True)), Fraction(0))


def _decimal(x: Fraction, rounding: str, digits: int) -> str:
    with localcontext() as ctx:
        ctx.prec = digits
        ctx.rounding = rounding
        ctx.Emax, ctx.Emin = MAX_EMAX, MIN_EMIN
        return str(Decimal(x.numerator) / Decimal(x.denominator))


def interval_text(lo: object, hi: object, digits: int = 12) -> str:
    """``"[lo, hi]"`` in decimals rounded outward, so the text still contains the
    exact interval (a rational lower end rounds down, an upper end rounds up).

    Examples
    --------
    >>> interval_text(*sqrt_interval(2))
    '[1.41421356237, 1.41421356238]'
    >>> interval_text(Fraction(1, 3), Fraction(1, 3), 3)
    '[0.333, 0.334]'
    >>> interval_text(1, 1)
    '[1, 1]'
    """
    a, b = to_rational(lo, "lo"), to_rational(hi, "hi")
    n = require_int(digits, "digits", low=1, high=100)
    return f"[{_decimal(a, ROUND_FLOOR, n)}, {_decimal(b, ROUND_CEILING, n)}]"


def sqrt_interval(q: object, bits: int = 64) -> tuple[Fraction, Fraction]:
    """A certified rational interval [lo, hi] containing sqrt(q), of width <= 2^-bits.

    Exact (lo == hi) when q is the square of a rational.  Uses integer square
    roots only.

    Examples
    --------
    >>> sqrt_interval("9/4")
    (Fraction(3, 2), Fraction(3, 2))
    >>> lo, hi = sqrt_interval(2, bits=10); lo * lo <= 2 <= hi * hi, hi - lo <= Fraction(1, 2**10)
    (True, True)
    """
    x = to_rational(q, "sqrt argument")
    bits = require_int(bits, "bits", low=1, high=100_000)
    if x < 0:
        raise InvalidArgument(f"sqrt: negative argument {x}")
    n, d = x.numerator, x.denominator
    rn, rd = math.isqrt(n), math.isqrt(d)
    if rn * rn == n and rd * rd == d:
        r = Fraction(rn, rd)
        return r, r
    # sqrt(n/d) = sqrt(n*d)/d ; scale by 2^bits
    scale = 1 << bits
    s = math.isqrt(n * d * scale * scale)
    lo = Fraction(s, d * scale)
    hi = Fraction(s + 1, d * scale)
    return lo, hi


def point_distance(
    x: Sequence[object], points: object, norm: str
) -> tuple[Fraction, int]:
    """Distance key from ``x`` to a finite set, and the index of the nearest point.

    Ties go to the first nearest point in the set's order.

    Examples
    --------
    >>> point_distance((0, 0), [(2, 0), (1, 1), (0, 1)], "2")
    (Fraction(1, 1), 2)
    """
    norm = parse_norm(norm)
    a = _point(x, "x")
    pts = rational_points(points, "set")
    _same_dim(len(a), len(pts[0]), "point_distance")
    res = set_distance([a], pts, norm)
    return res.value, res.pair[1]


_UNWRITTEN = json_meta(write=False)


@dataclass(frozen=True)
class SetDistance:
    """Exact distance between two finite sets and the first pair attaining it.

    ``value`` is the distance (ℓ∞, ℓ1) or the squared distance (ℓ2, then
    ``squared`` is True); ``pair`` holds the indices (i in A, j in B); ``a``, ``b``
    are the points themselves.
    """

    norm: str
    value: Fraction = field(metadata=_UNWRITTEN)
    squared: bool = field(metadata=_UNWRITTEN)
    pair: tuple[int, int] = field(metadata=_UNWRITTEN)
    a: Point = field(metadata=_UNWRITTEN)
    b: Point = field(metadata=_UNWRITTEN)

    def json_extra(self) -> dict[str, object]:
        """``distance`` (or ``distance_squared``) and the pair with its points."""
        key = "distance_squared" if self.squared else "distance"
        return {key: self.value, "pair": {"index_a": self.pair[0], "index_b": self.pair[1],
                                          "a": self.a, "b": self.b}}

    def to_json(self) -> dict[str, object]:
        return dataclass_json(self, keep_fractions=True)


_CHUNK = 1 << 14  # points converted between two looks at the clock


def _integer_rows(pts: Sequence[Point], den: int,
                  look: Callable[[int], None] | None = None) -> np.ndarray:
    """The points times ``den`` (a multiple of every denominator) as integer rows;
    ``look(i)`` is called before every 16384 points (it raises to stop).

    >>> from fractions import Fraction as F
    >>> _integer_rows([(F(1, 2), F(3)), (F(-1, 3), F(0))], 6).tolist()
    [[3, 18], [-2, 0]]
    """
    rows: list[list[int]] = []
    for lo in range(0, len(pts), _CHUNK):
        if look is not None:
            look(lo)
        rows.extend([c.numerator * (den // c.denominator) for c in p]
                    for p in pts[lo:lo + _CHUNK])
    big = max((abs(v) for r in rows for v in r), default=0)
    dim = len(pts[0])
    bound = max(4 * big * big * dim, 2 * big * dim) + 1
    if bound < _INT64_SAFE:
        return np.array(rows, dtype=np.int64)
    return np.array(rows, dtype=object)


def _common_denominator(*sets: Sequence[Point],
                        look: Callable[[int], None] | None = None) -> int:
    """The least common multiple of every coordinate's denominator (``look`` as in
    :func:`_integer_rows`, with the index within each set).

    >>> from fractions import Fraction as F
    >>> _common_denominator([(F(1, 2), F(1, 3))], [(F(1, 4),)])
    12
    """
    den = 1
    for s in sets:
        for lo in range(0, len(s), _CHUNK):
            if look is not None:
                look(lo)
            den = math.lcm(den, *(c.denominator for p in s[lo:lo + _CHUNK] for c in p))
    return den


def key_blocks(a: np.ndarray, b: np.ndarray, norm: str, cells: int = _BLOCK
               ) -> Iterator[tuple[int, np.ndarray]]:
    """The matrix of distance keys between the integer rows ``a`` and ``b``, in blocks.

    Yields ``(start, M)`` with ``M[i, j]`` the ℓ∞ or ℓ1 distance, or the squared ℓ2
    distance, between ``a[start + i]`` and ``b[j]``; a block holds about ``cells``
    coordinate differences, so memory stays bounded whatever the sizes.  Rows of
    dtype ``object`` (Python integers, for values past int64) stay exact.

    >>> [(s, m.tolist()) for s, m in key_blocks(np.array([[0, 0], [3, 4]]),
    ...                                           np.array([[0, 1]]), "2", cells=2)]
    [(0, [[1]]), (1, [[18]])]
    """
    if a.dtype == object or b.dtype == object:
        a, b = a.astype(object), b.astype(object)
    step = max(1, cells // max(1, len(b) * a.shape[1]))
    for start in range(0, len(a), step):
        diff = a[start:start + step, None, :] - b[None, :, :]
        if norm == "inf":
            yield start, np.abs(diff).max(axis=2)
        elif norm == "1":
            yield start, np.abs(diff).sum(axis=2)
        else:
            yield start, (diff * diff).sum(axis=2)


def _scaled_matrices(A: Sequence[Point], B: Sequence[Point], norm: str,
                     look: Callable[[int], None] | None = None,
                     ) -> tuple[int, Iterator[tuple[int, np.ndarray]]]:
    den = _common_denominator(A, B, look=look)
    ia, ib = _integer_rows(A, den, look), _integer_rows(B, den, look)
    return (den * den if norm == "2" else den), key_blocks(ia, ib, norm)


def nearest_keys(points: object, S: object, norm: str) -> list[Fraction]:
    """For each point, the exact distance key (squared under ℓ2) to the nearest point of S.

    Examples
    --------
    >>> nearest_keys([(0, 0), (2, 2)], [(1, 0), (3, 3)], "inf")
    [Fraction(1, 1), Fraction(1, 1)]
    """
    norm = parse_norm(norm)
    X = rational_points(points, "points")
    T = rational_points(S, "S")
    _same_dim(len(X[0]), len(T[0]), "nearest_keys")
    scale, blocks = _scaled_matrices(X, T, norm)
    out: list[Fraction] = []
    for _, mat in blocks:
        out.extend(Fraction(int(v), scale) for v in mat.min(axis=1))
    return out


PAIR_WORK = 10**9
"""Pairs of points :func:`set_distance` compares without a time limit (about a minute)."""

_PAIRS_PER_SECOND = 2 * 10**7  # measured on 2 busy cores, 2-D integer rows


def set_distance(a_points: object, b_points: object, norm: str,
                 timeout: object = None) -> SetDistance:
    """Exact minimum distance between two finite sets, with the first attaining pair.

    Every pair is compared (in blocks of bounded memory): more than
    :data:`PAIR_WORK` pairs are refused up front without a time limit, and past
    ``timeout`` the work stops with ``BudgetExceeded`` (a distance has no partial
    answer).

    Parameters
    ----------
    a_points, b_points : spec, PointSet or rows of rationals
        Non-empty sets of the same dimension.
    norm : "inf", "1" or "2"
        Under ``"2"`` the value is the squared distance.
    timeout : seconds, optional

    Examples
    --------
    >>> r = set_distance([(0, 0), (1, 0)], [(3, 4), (1, 1)], "2")
    >>> r.value, r.pair, r.squared
    (Fraction(1, 1), (1, 1), True)
    >>> set_distance("cube:2", [(0, 0, 0)], "inf")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: set_distance: dimensions differ (2 and 3)
    """
    norm = parse_norm(norm)
    A = rational_points(a_points, "A")
    B = rational_points(b_points, "B")
    _same_dim(len(A[0]), len(B[0]), "set_distance")
    deadline = Deadline(timeout)
    pairs = len(A) * len(B)
    what = f"the distance between {len(A)} and {len(B)} points"
    if pairs > PAIR_WORK and deadline.seconds is None:
        raise BudgetExceeded(
            f"{what} compares {pairs:.1e} pairs (about "
            f"{pairs / _PAIRS_PER_SECOND / 60:.0f} min here); at most {PAIR_WORK:.0e} "
            "without --timeout")
    def look(_: int) -> None:  # the conversion of the points to integer rows
        if deadline.expired():
            raise BudgetExceeded(f"time-out after {deadline.limit_text()}: {what} was not "
                                 "finished (while converting the points to integers)")

    scale, blocks = _scaled_matrices(A, B, norm, look)
    best: int | None = None
    best_pair = (0, 0)
    with progress(len(A), what) as bar:
        for start, mat in blocks:
            if deadline.expired():
                raise BudgetExceeded(f"time-out after {deadline.limit_text()}: {what} was not "
                                     f"finished ({start} of {len(A)} points of A compared)")
            flat = int(np.argmin(mat))
            i, j = divmod(flat, mat.shape[1])
            val = int(mat[i, j])
            if best is None or val < best:
                best, best_pair = val, (start + i, j)
            bar.advance(mat.shape[0])
    assert best is not None
    value = Fraction(best, scale)
    i, j = best_pair
    assert _key(A[i], B[j], norm) == value
    return SetDistance(norm, value, norm == "2", best_pair, A[i], B[j])
