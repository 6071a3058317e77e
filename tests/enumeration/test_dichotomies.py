"""Halfspace dichotomies against brute force, Cover's theorem and OEIS sequences."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import z3
from hypothesis import example, given, settings
from hypothesis import strategies as st

from verify.geometry.dichotomies import (
    count_halfspace_dichotomies,
    cover_count,
    halfspace_dichotomies,
)


def brute_force(points: list[tuple[int, ...]], homogeneous: bool) -> list[int]:
    """One exact z3 (linear real arithmetic) feasibility query per labeling."""
    n, m = len(points), len(points[0])
    w = [z3.Real(f"w{j}") for j in range(m)]
    b = z3.Real("b")
    found = []
    for bits in range(2**n):
        s = z3.Solver()
        for i, p in enumerate(points):
            val = sum(z3.RealVal(str(Fraction(c))) * w[j] for j, c in enumerate(p))
            if not homogeneous:
                val = val + b
            s.add(val > 0 if (bits >> i) & 1 else val < 0)
        if s.check() == z3.sat:
            found.append(bits)
    return found


small_sets = st.integers(1, 3).flatmap(
    lambda m: st.lists(
        st.tuples(*[st.integers(-1, 2) for _ in range(m)]), min_size=1, max_size=6
    )
)


@settings(max_examples=25)
@given(small_sets, st.booleans())
@example([(0, 0), (1, 1), (2, 2), (0, 1)], False)  # three collinear points
@example([(0, 0, 0), (1, 0, 0), (0, 1, 0), (1, 1, 0), (2, 2, 0)], False)  # coplanar in R^3
@example([(1, 1), (1, 1), (2, 0)], False)  # a repeated point
@example([(1, 0), (-1, 0), (0, 1)], True)  # opposite vectors, homogeneous
@example([(0, 0), (1, 2)], True)  # the origin: no strict homogeneous dichotomy
def test_matches_brute_force(points, homogeneous):
    got = halfspace_dichotomies(points, homogeneous=homogeneous).tolist()
    assert got == brute_force(points, homogeneous)


@pytest.mark.parametrize(("n", "m"), [(5, 1), (6, 2), (7, 2), (7, 3), (8, 3), (9, 4)])
def test_cover_affine_general_position(n, m):
    # points on the moment curve (t, t^2, ..., t^m): any m+1 are affinely independent
    pts = [[t**j for j in range(1, m + 1)] for t in range(1, n + 1)]
    assert count_halfspace_dichotomies(pts) == cover_count(n, m + 1)


@pytest.mark.parametrize(("n", "d"), [(5, 2), (7, 3), (8, 4)])
def test_cover_homogeneous_general_position(n, d):
    # vectors (1, t, ..., t^(d-1)): any d of them are independent (Vandermonde)
    vecs = [[t**j for j in range(d)] for t in range(1, n + 1)]
    assert count_halfspace_dichotomies(vecs, homogeneous=True) == cover_count(n, d)


@pytest.mark.parametrize(("n", "expected"), [(1, 4), (2, 14), (3, 104), (4, 1882)])
def test_cube_oeis_a000609(n, expected):
    # OEIS A000609: threshold functions of n or fewer variables: 2, 4, 14, 104, 1882, 94572
    assert count_halfspace_dichotomies(f"cube:{n}") == expected


def a114043(k: int) -> int:
    """OEIS A114043(k): unordered line partitions of a k x k grid (Alekseyev's formula)."""
    n = k - 1
    v = sum(
        (n + 1 - i) * (n + 1 - j)
        for i in range(1, n + 1)
        for j in range(1, n + 1)
        if math.gcd(i, j) == 1
    )
    return 2 * (n * n + n + v) + 1


def test_a114043_formula_against_listed_terms():
    # first terms as listed in OEIS A114043
    assert [a114043(k) for k in range(1, 9)] == [1, 7, 29, 87, 201, 419, 749, 1283]


@pytest.mark.parametrize("K", [2, 3, 4, 5, 6, 8, 9])
def test_grid_oeis_a114043(K):
    # each unordered partition {A, B} gives two labelings (A positive or B positive)
    assert count_halfspace_dichotomies(f"grid:{K}:2") == 2 * a114043(K)


def test_large_point_sets_use_python_ints():
    res = halfspace_dichotomies("grid:9:2")  # 81 points > 64
    assert res.dtype == object
    assert len(res) == 2 * a114043(9)
    assert res[-1] == 2**81 - 1 and res[0] == 0
    assert all(isinstance(v, int) for v in res[:5])


def test_closed_under_negation_and_sorted():
    res = halfspace_dichotomies("cube:3")
    full = np.uint64(2**8 - 1)
    assert np.array_equal(np.sort(res ^ full), res)
    assert np.all(np.diff(res.astype(np.int64)) > 0)


def test_rational_coordinates():
    pts = [[Fraction(1, 3), "1/7"], ["0.5", 2], [1, "-1/2"], [0, 0]]
    brute = brute_force([tuple(Fraction(c) for c in p) for p in pts], False)
    assert halfspace_dichotomies(pts).tolist() == brute


def test_float_refused():
    from verify.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        halfspace_dichotomies([[0.5, 1]])


def test_huge_coordinates_switch_to_python_integers():
    # entries far beyond int64: the flat normals are computed with Python integers
    pts = [
        [10**40, 1, 0],
        [3, Fraction(10**45, 7), 1],
        [-5 * 10**41, 2, 5],
        [1, 1, 1],
        [2 * 10**42, 3, -1],
        [0, 0, 0],
    ]
    exact = [tuple(Fraction(c) for c in p) for p in pts]
    assert halfspace_dichotomies(pts).tolist() == brute_force(exact, False)
    assert halfspace_dichotomies(pts[:5], homogeneous=True).tolist() == brute_force(
        exact[:5], True
    )
