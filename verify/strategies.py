"""Hypothesis strategies for the objects of the paper, for use in your own tests.

Everything drawn is exact: coordinates are :class:`~fractions.Fraction`.

* :func:`rationals`, :func:`points`, :func:`point_sets` — rational points in a box;
* :func:`norms`, :func:`eps_values`, :func:`labelings`, :func:`point_set_specs`;
* :func:`separated_sets` — labelled finite sets A (+1), B (−1) in [0,1]^d that are
  2ε-separated under a chosen norm, optionally with separation *exactly* 2ε;
* :func:`separated_instances` — the same with d, ε and the norm drawn too.

Example of use in a test::

    from hypothesis import given
    from verify.strategies import separated_instances
    from verify.geometry import separation

    @given(separated_instances())
    def test_separated(inst):
        assert separation(inst.A, inst.B, inst.norm, inst.eps).holds

To look at a value (in a doctest, a notebook), :func:`sample` draws one quickly and
reproducibly; it does not shrink, so unlike ``hypothesis.find`` it does not look for
the simplest value:

>>> inst = sample(separated_sets(2, Fraction(1, 4), "inf", exact_boundary=True))
>>> from verify.geometry import separation
>>> separation(inst.A, inst.B, "inf").evidence["distance"]
Fraction(1, 2)
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import NamedTuple, TypeVar

from hypothesis import strategies as st

from verify.exact import require_int, require_rational_range, to_rational
from verify.geometry.norms import NORMS, _key, parse_norm
from verify.geometry.pointsets import Point

T = TypeVar("T")

__all__ = [
    "SeparatedSets",
    "eps_values",
    "labelings",
    "norms",
    "point_set_specs",
    "point_sets",
    "points",
    "rationals",
    "sample",
    "separated_instances",
    "separated_sets",
]


def sample(strategy: st.SearchStrategy[T],
           condition: Callable[[T], bool] | None = None) -> T:
    """One value of ``strategy`` satisfying ``condition``, fast and reproducible.

    The value is the first one generated (derandomised, no example database, no
    shrinking): the same on every run with the same Hypothesis version, but not
    the simplest one as :func:`hypothesis.find` would return after shrinking —
    which can take a minute for composite strategies.  For examples and
    doctests; tests use ``@given``.

    >>> sample(labelings(2), lambda y: y[0] == 1)[0]
    1
    """
    from hypothesis import Phase, find, settings

    return find(strategy, condition or (lambda _value: True),
                settings=settings(database=None, derandomize=True, phases=[Phase.generate],
                                  max_examples=1000))


def rationals(min_value: object = 0, max_value: object = 1,
              max_denominator: int = 16) -> st.SearchStrategy[Fraction]:
    """Fractions in [min_value, max_value] with denominator <= ``max_denominator``.

    >>> x = sample(rationals("1/3", 1), lambda x: x > Fraction(1, 2))
    >>> Fraction(1, 2) < x <= 1, x.denominator <= 16
    (True, True)
    """
    lo, hi = to_rational(min_value, "min_value"), to_rational(max_value, "max_value")
    return st.fractions(min_value=lo, max_value=hi,
                        max_denominator=require_int(max_denominator, "max_denominator", low=1))


def points(d: int, lo: object = 0, hi: object = 1,
           max_denominator: int = 16) -> st.SearchStrategy[Point]:
    """Rational points of the box [lo, hi]^d.

    >>> p = sample(points(2), lambda p: sum(p) > 1)
    >>> len(p), all(0 <= c <= 1 for c in p), sum(p) > 1
    (2, True, True)
    """
    d = require_int(d, "d", low=1)
    c = rationals(lo, hi, max_denominator)
    return st.tuples(*[c] * d)


def point_sets(d: int, min_size: int = 1, max_size: int = 8, lo: object = 0, hi: object = 1,
               max_denominator: int = 16) -> st.SearchStrategy[tuple[Point, ...]]:
    """Finite sets (tuples of distinct points) in [lo, hi]^d.

    >>> s = sample(point_sets(1, min_size=3))
    >>> 3 <= len(s) <= 8, len(set(s)) == len(s)
    (True, True)
    """
    return st.lists(points(d, lo, hi, max_denominator), min_size=min_size, max_size=max_size,
                    unique=True).map(tuple)


def norms() -> st.SearchStrategy[str]:
    """One of ``"inf"``, ``"1"``, ``"2"``.

    >>> sample(norms(), lambda n: n == "2")
    '2'
    """
    return st.sampled_from(NORMS)


def eps_values(low: object = "1/16", high: object = "1/2",
               max_denominator: int = 16) -> st.SearchStrategy[Fraction]:
    """Rational ε in [low, high] (low > 0).

    >>> e = sample(eps_values()); Fraction(1, 16) <= e <= Fraction(1, 2), e.denominator <= 16
    (True, True)
    """
    lo = require_rational_range(low, "low", 0, None, low_open=True)
    return rationals(lo, high, max_denominator)


def labelings(n: int) -> st.SearchStrategy[tuple[int, ...]]:
    """Sign vectors in {−1, +1}^n.

    >>> sample(labelings(3), lambda y: sum(y) == 3)
    (1, 1, 1)
    """
    n = require_int(n, "n", low=1)
    return st.tuples(*[st.sampled_from((-1, 1))] * n)


def point_set_specs(max_points: int = 64) -> st.SearchStrategy[str]:
    """Spec strings ``grid:K:m``, ``stilde:K:d``, ``cube:n`` naming at most ``max_points``.

    >>> from verify.geometry.pointsets import parse_spec
    >>> s = sample(point_set_specs(), lambda s: s.startswith("cube"))
    >>> s.startswith("cube:"), len(parse_spec(s)) <= 64
    (True, True)
    """
    cap = require_int(max_points, "max_points", low=1)
    grids = st.tuples(st.integers(1, 8), st.integers(1, 4)).filter(
        lambda t: t[0] ** t[1] <= cap).map(lambda t: f"grid:{t[0]}:{t[1]}")
    stildes = st.tuples(st.integers(1, 8), st.integers(2, 5)).filter(
        lambda t: t[0] ** (t[1] - 1) <= cap).map(lambda t: f"stilde:{t[0]}:{t[1]}")
    cubes = st.integers(1, 8).filter(lambda n: 2**n <= cap).map(lambda n: f"cube:{n}")
    return st.one_of(cubes, grids, stildes)


class SeparatedSets(NamedTuple):
    """Labelled sets A (+1) and B (−1), 2ε-separated under ``norm``.

    ``exact_boundary`` is True iff the minimum distance is exactly 2ε.
    """

    A: tuple[Point, ...]
    B: tuple[Point, ...]
    eps: Fraction
    norm: str
    exact_boundary: bool

    @property
    def points(self) -> tuple[Point, ...]:
        """A then B."""
        return self.A + self.B

    @property
    def labels(self) -> tuple[int, ...]:
        """+1 for A, −1 for B, in the order of :attr:`points`."""
        return (1,) * len(self.A) + (-1,) * len(self.B)


@st.composite
def _separated(draw: st.DrawFn, d: int, eps: Fraction, norm: str, max_size: int,
               exact_boundary: bool | None, max_denominator: int) -> SeparatedSets:
    two = 2 * eps
    need = two * two if norm == "2" else two
    exact = draw(st.booleans()) if exact_boundary is None else exact_boundary
    a = list(draw(points(d, 0, 1, max_denominator)))
    k = draw(st.integers(0, d - 1))
    gap = two if exact else two + draw(rationals(Fraction(1, max_denominator), 1,
                                                 max_denominator))
    if a[k] + gap <= 1:
        b = [*a[:k], a[k] + gap, *a[k + 1:]]
    elif a[k] - gap >= 0:
        b = [*a[:k], a[k] - gap, *a[k + 1:]]
    else:
        a[k], gap = Fraction(0), two if exact else min(gap, Fraction(1))
        b = [*a[:k], gap, *a[k + 1:]]
    A: list[Point] = [tuple(a)]
    B: list[Point] = [tuple(b)]
    extra = draw(st.lists(st.tuples(points(d, 0, 1, max_denominator), st.booleans()),
                          max_size=max(0, max_size - 2)))
    for p, in_a in extra:
        own, other = (A, B) if in_a else (B, A)
        if p not in own and all(_key(p, q, norm) >= need for q in other):
            own.append(p)
    at_boundary = min(_key(p, q, norm) for p in A for q in B) == need
    assert at_boundary or not exact
    return SeparatedSets(tuple(A), tuple(B), eps, norm, at_boundary)


def separated_sets(d: int, eps: object, norm: str, max_size: int = 8,
                   exact_boundary: bool | None = None,
                   max_denominator: int = 12) -> st.SearchStrategy[SeparatedSets]:
    """Non-empty A, B ⊂ [0,1]^d with ||a − b|| >= 2ε for all a ∈ A, b ∈ B.

    Parameters
    ----------
    d : int
    eps : rational in (0, 1/2]
    norm : "inf", "1" or "2"
    max_size : int
        At most this many points in A ∪ B (at least 2).
    exact_boundary : bool or None
        True: the minimum distance is exactly 2ε (some pair attains it);
        False: the first pair is drawn farther apart than 2ε when it fits in the
        cube (other pairs may still be exactly 2ε apart); None: either.  The
        drawn value's ``exact_boundary`` field says whether the minimum distance
        is exactly 2ε.

    Examples
    --------
    >>> s = sample(separated_sets(1, "1/4", "1", exact_boundary=False))
    >>> len(s.A) >= 1, len(s.B) >= 1, s.exact_boundary
    (True, True, False)
    """
    d = require_int(d, "d", low=1)
    e = require_rational_range(eps, "eps", 0, Fraction(1, 2), low_open=True)
    norm = parse_norm(norm)
    den = require_int(max_denominator, "max_denominator", low=1)
    return _separated(d, e, norm, require_int(max_size, "max_size", low=2), exact_boundary,
                      den)


def separated_instances(dims: tuple[int, ...] = (1, 2, 3), max_size: int = 6,
                        exact_boundary: bool | None = None) -> st.SearchStrategy[SeparatedSets]:
    """:func:`separated_sets` with the dimension, ε (in [1/16, 1/2]) and the norm drawn too.

    >>> sample(separated_instances(), lambda s: s.norm == "2").norm
    '2'
    """
    return st.tuples(st.sampled_from(dims), eps_values(), norms()).flatmap(
        lambda t: separated_sets(t[0], t[1], t[2], max_size, exact_boundary))
