"""Exact distances against brute force and a float computation."""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from verify.errors import InvalidArgument
from verify.geometry import (
    distance_key,
    nearest_keys,
    norm_key,
    parse_norm,
    point_distance,
    set_distance,
    sqrt_interval,
)
from verify.strategies import norms, point_sets


def _float_dist(a: np.ndarray, b: np.ndarray, norm: str) -> float:
    if norm == "inf":
        return float(np.max(np.abs(a - b)))
    if norm == "1":
        return float(np.sum(np.abs(a - b)))
    return float(np.sum((a - b) ** 2))


def test_exact_distances_agree_with_numpy_on_many_random_cases() -> None:
    rng = random.Random(7)
    for _ in range(400):
        d = rng.randint(1, 5)
        x = [Fraction(rng.randint(-50, 50), rng.randint(1, 30)) for _ in range(d)]
        y = [Fraction(rng.randint(-50, 50), rng.randint(1, 30)) for _ in range(d)]
        for norm in ("inf", "1", "2"):
            exact = distance_key(x, y, norm)
            approx = _float_dist(np.array(x, dtype=float), np.array(y, dtype=float), norm)
            assert float(exact) == pytest.approx(approx, rel=1e-12, abs=1e-12)


@given(point_sets(2, max_size=6), point_sets(2, max_size=6), norms())
@example(((Fraction(0), Fraction(0)),), ((Fraction(0), Fraction(0)),), "2")
def test_set_distance_is_the_brute_force_minimum(A, B, norm) -> None:
    res = set_distance(A, B, norm)
    keys = [(distance_key(a, b, norm), i, j) for i, a in enumerate(A) for j, b in enumerate(B)]
    best = min(keys)
    assert res.value == best[0]
    assert res.pair == (best[1], best[2])  # first attaining pair in order
    assert res.squared == (norm == "2")


def test_set_distance_with_huge_denominators_uses_python_integers() -> None:
    big = Fraction(1, 10**30)
    A = [(big, Fraction(0)), (Fraction(1), Fraction(1))]
    B = [(2 * big, Fraction(0))]
    res = set_distance(A, B, "2")
    assert res.value == big * big
    assert set_distance(A, B, "inf").value == big


def test_point_distance_index_and_value() -> None:
    assert point_distance((0, 0), [(3, 4), (1, 1)], "2") == (Fraction(2), 1)
    assert point_distance((0, 0), [(3, 4), (1, 1)], "1") == (Fraction(2), 1)
    assert norm_key((3, -4), "inf") == 4


@given(st.fractions(min_value=0, max_value=10**6, max_denominator=10**6),
       st.integers(1, 200))
@example(Fraction(2), 64)
@example(Fraction(0), 5)
def test_sqrt_interval_is_certified(q, bits) -> None:
    lo, hi = sqrt_interval(q, bits)
    assert 0 <= lo <= hi
    assert lo * lo <= q <= hi * hi
    assert hi - lo <= Fraction(1, 2**bits)
    if lo == hi:
        assert lo * lo == q


@pytest.mark.parametrize("bad", ["3", "p", "", "l3", True])
def test_unknown_norm_is_refused(bad) -> None:
    with pytest.raises(InvalidArgument):
        parse_norm(bad)


def test_bad_points_are_refused() -> None:
    with pytest.raises(InvalidArgument, match="dimensions differ"):
        set_distance([(0, 0)], [(0,)], "inf")
    with pytest.raises(InvalidArgument, match="empty"):
        set_distance([], [(0,)], "inf")
    with pytest.raises(InvalidArgument, match="float"):
        distance_key((0.5,), (0,), "inf")


@given(point_sets(3, max_size=5), point_sets(3, max_size=5), norms())
def test_nearest_keys_is_the_brute_force_minimum(X, S, norm) -> None:
    assert nearest_keys(X, S, norm) == [min(distance_key(x, s, norm) for s in S) for x in X]
