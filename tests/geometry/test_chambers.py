"""Characteristic polynomials and chamber counts against independent truths.

Truths: the intersection lattice and its Möbius function computed here from
scratch in Fractions (a second algorithm), the enumeration of the dichotomies
(a third), hand-computed polynomials, Cover's theorem, OEIS A000609 (checked
through A000615, threshold functions of exactly n variables) and A034997, and
the Betti numbers published with CountingChambers.jl's tests.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from verify.errors import InvalidArgument
from verify.geometry import chambers as chambers_mod
from verify.geometry.chambers import (
    chamber_count,
    characteristic_polynomial,
    characteristic_polynomial_of_vectors,
    point_symmetry_group,
)
from verify.geometry.dichotomies import cover_count, halfspace_dichotomies


def _rank(rows: list[tuple[int, ...]]) -> int:
    mat = [[Fraction(v) for v in r] for r in rows]
    rank, cols = 0, len(mat[0]) if mat else 0
    for c in range(cols):
        piv = next((i for i in range(rank, len(mat)) if mat[i][c] != 0), None)
        if piv is None:
            continue
        mat[rank], mat[piv] = mat[piv], mat[rank]
        for i in range(len(mat)):
            if i != rank and mat[i][c] != 0:
                f = mat[i][c] / mat[rank][c]
                mat[i] = [a - f * b for a, b in zip(mat[i], mat[rank], strict=True)]
        rank += 1
    return rank


def lattice_betti(vectors: list[tuple[int, ...]]) -> list[int]:
    """|μ| summed by rank over the intersection lattice (flats = closed sets of hyperplanes)."""
    ell = len(vectors[0])
    hyp: list[tuple[int, ...]] = []
    for v in vectors:
        if not any(v):
            return [0] * (ell + 1)
        if not any(_rank([v, h]) == 1 for h in hyp):
            hyp.append(v)
    n = len(hyp)

    def closure(s: frozenset[int]) -> frozenset[int]:
        r = _rank([hyp[i] for i in s]) if s else 0
        return frozenset(j for j in range(n) if _rank([hyp[i] for i in s | {j}]) == r)

    flats = {frozenset()}
    frontier = {frozenset()}
    while frontier:
        nxt = set()
        for f in frontier:
            for j in range(n):
                if j not in f:
                    g = closure(f | {j})
                    if g not in flats:
                        nxt.add(g)
        flats |= nxt
        frontier = nxt
    order = sorted(flats, key=len)
    mu: dict[frozenset[int], int] = {}
    for f in order:
        mu[f] = 1 if not f else -sum(mu[g] for g in order if g < f)
    betti = [0] * (ell + 1)
    for f in flats:
        betti[_rank([hyp[i] for i in f]) if f else 0] += abs(mu[f])
    return betti


def lifted(points: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    return [(*p, 1) for p in points]


small_sets = st.integers(1, 3).flatmap(
    lambda m: st.lists(st.tuples(*[st.integers(-1, 2) for _ in range(m)]), min_size=1,
                       max_size=7)
)


@settings(max_examples=40, deadline=None)
@given(small_sets, st.booleans())
@example([(0, 0), (1, 1), (2, 2), (0, 1)], False)  # three collinear points
@example([(0, 0, 0), (1, 0, 0), (0, 1, 0), (1, 1, 0), (2, 2, 0)], False)  # coplanar in R^3
@example([(1, 1), (1, 1), (2, 0)], False)  # a repeated point
@example([(1, 0), (-1, 0), (0, 1), (2, 0)], True)  # opposite and parallel vectors
@example([(0, 0), (1, 2)], True)  # the origin: no chamber, chi = 0
def test_polynomial_matches_the_lattice_and_the_enumeration(points, homogeneous):
    p = characteristic_polynomial(points, homogeneous=homogeneous)
    vecs = points if homogeneous else lifted(points)
    assert list(p.betti) == lattice_betti([tuple(v) for v in vecs])
    assert p.chambers == len(halfspace_dichotomies(points, homogeneous=homogeneous))
    assert p.evaluate(-1) * (-1) ** p.dimension == p.chambers  # Zaslavsky
    if p.chambers:
        assert p.evaluate(1) == 0  # a central arrangement with a hyperplane
    nosym = characteristic_polynomial(points, homogeneous=homogeneous, symmetry=False)
    assert nosym.betti == p.betti


@pytest.mark.parametrize("spec", ["grid:2:2", "grid:3:2", "grid:4:2", "grid:5:2", "grid:2:3",
                                  "grid:3:3", "cube:3", "cube:4", "stilde:3:3", "stilde:4:3"])
def test_poly_equals_enumeration_on_named_sets(spec):
    poly = characteristic_polynomial(spec)
    assert poly.chambers == len(halfspace_dichotomies(spec))
    assert poly.chambers == characteristic_polynomial(spec, symmetry=False).chambers


@pytest.mark.parametrize("spec", ["grid:3:2", "stilde:3:3", "cube:3"])
def test_homogeneous_poly_equals_enumeration(spec):
    assert chamber_count(spec, homogeneous=True) == len(
        halfspace_dichotomies(spec, homogeneous=True))


# OEIS A000615: threshold functions of exactly n variables; A000609(n) = sum_k C(n,k) A000615(k)
A000615 = [2, 2, 8, 72, 1536, 86080, 14487040, 8274797440]
A000609 = [2, 4, 14, 104, 1882, 94572, 15028134, 8378070864]


def test_a000609_from_a000615():
    assert A000609 == [sum(math.comb(n, k) * A000615[k] for k in range(n + 1)) for n in range(8)]


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_cube_counts_oeis_a000609(n):
    assert chamber_count(f"cube:{n}") == A000609[n]


def test_threshold_and_resonance_betti_numbers_published_with_countingchambers():
    # the Betti numbers in the tests of CountingChambers.jl (Brysiewicz, Eble, Kühne)
    threshold = {3: [1, 8, 28, 44, 23], 4: [1, 16, 120, 460, 820, 465],
                 5: [1, 32, 496, 4240, 19660, 43014, 27129],
                 6: [1, 64, 2016, 36848, 400400, 2453248, 7111650, 5023907]}
    for n, betti in threshold.items():
        assert list(characteristic_polynomial(f"cube:{n}").betti) == betti
    resonance = {3: [1, 7, 15, 9], 4: [1, 15, 80, 170, 104], 5: [1, 31, 375, 2130, 5270, 3485],
                 6: [1, 63, 1652, 22435, 159460, 510524, 371909]}
    for d, betti in resonance.items():
        pts = [p for p in itertools.product((0, 1), repeat=d) if any(p)]
        assert list(characteristic_polynomial(pts, homogeneous=True).betti) == betti


@pytest.mark.parametrize(("d", "expected"), [(1, 2), (2, 6), (3, 32), (4, 370), (5, 11292),
                                             (6, 1066044)])
def test_resonance_counts_oeis_a034997(d, expected):
    pts = [p for p in itertools.product((0, 1), repeat=d) if any(p)]
    assert chamber_count(pts, homogeneous=True) == expected


@pytest.mark.parametrize(("n", "m"), [(5, 1), (7, 2), (9, 3), (10, 4), (9, 5)])
def test_cover_general_position(n, m):
    pts = [[t**j for j in range(1, m + 1)] for t in range(1, n + 1)]  # moment curve
    assert chamber_count(pts) == cover_count(n, m + 1)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_braid_arrangement_by_hand(n):
    vecs = []
    for i, j in itertools.combinations(range(n), 2):
        v = [0] * n
        v[i], v[j] = 1, -1
        vecs.append(v)
    expected = [1]
    for k in range(n):  # t (t - 1) ... (t - n + 1)
        expected = [a - k * b for a, b in zip([*expected, 0], [0, *expected], strict=True)]
    p = characteristic_polynomial_of_vectors(vecs)
    assert p.coefficients == expected and p.chambers == math.factorial(n)


@pytest.mark.parametrize("n", [1, 2, 5, 9])
def test_points_on_a_line_by_hand(n):
    # n distinct points of R: chi = t^2 - n t + (n - 1), 2n dichotomies
    p = characteristic_polynomial([[k] for k in range(n)])
    assert p.coefficients == [1, -n, n - 1] and p.chambers == 2 * n


def test_grid_counts_oeis_a114043():
    def a114043(k: int) -> int:
        n = k - 1
        v = sum((n + 1 - i) * (n + 1 - j) for i in range(1, n + 1) for j in range(1, n + 1)
                if math.gcd(i, j) == 1)
        return 2 * (n * n + n + v) + 1

    for K in (2, 3, 7, 12, 25):
        assert chamber_count(f"grid:{K}:2") == 2 * a114043(K)


def test_symmetry_groups_closed_forms_and_exact_maps():
    assert len(point_symmetry_group("cube:4")) == 2**4 * 24
    assert len(point_symmetry_group("grid:4:3")) == 2**3 * 6
    assert len(point_symmetry_group("stilde:3:3")) == 8  # the last coordinate is constant
    # every element preserves the rank of every subset of lifted points (a matroid map)
    pts = [tuple(int(c) for c in p) for p in chambers_mod.as_points("cube:3")]
    vecs = lifted(pts)
    group = point_symmetry_group("cube:3")
    rng = np.random.default_rng(1)
    for g in group[rng.choice(len(group), 10, replace=False)]:
        for size in (2, 3, 4):
            s = rng.choice(8, size, replace=False)
            assert _rank([vecs[i] for i in s]) == _rank([vecs[int(g[i])] for i in s])


def test_refusals_are_invalid_arguments(monkeypatch):
    huge = [[10**12, 1], [1, 2], [3, 5], [7, 1]]
    with pytest.raises(InvalidArgument, match="int64 kernel's range"):
        characteristic_polynomial(huge)
    monkeypatch.setattr(chambers_mod, "_LINE_WORK", 10)
    with pytest.raises(InvalidArgument, match="cross products"):
        characteristic_polynomial("grid:4:2")
    monkeypatch.undo()
    with pytest.raises(InvalidArgument, match="time-out"):
        characteristic_polynomial("cube:6", timeout=1e-9)
    with pytest.raises(InvalidArgument, match="limit"):
        characteristic_polynomial("cube:5", max_memory=100)
    with pytest.raises(InvalidArgument, match="repeated"):
        point_symmetry_group([[0], [0]])


def test_polynomial_text_and_zero_vector():
    assert characteristic_polynomial("cube:2").text() == "t^3 - 4t^2 + 6t - 3"
    p = characteristic_polynomial_of_vectors([[0, 0], [1, 1]])
    assert p.coefficients == [0, 0, 0] and p.chambers == 0
