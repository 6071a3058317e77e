"""Growth function, VC dimension, one-inclusion graph, double counting: brute force checks."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from verify.enumeration.double_counting import distances_to_set, double_counting, promised_count
from verify.enumeration.growth import (
    growth_profile,
    haussler_check,
    one_inclusion_graph,
    sauer_shelah,
)
from verify.geometry.dichotomies import cover_count, halfspace_dichotomies


def brute_profile(values: list[int], n: int) -> list[int]:
    out = []
    for m in range(n + 1):
        best = 0
        for t in itertools.combinations(range(n), m):
            proj = {tuple((v >> i) & 1 for i in t) for v in values}
            best = max(best, len(proj))
        out.append(best)
    return out


sets = st.integers(1, 7).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.integers(0, 2**n - 1), min_size=1, max_size=40))
)


@given(sets)
@example((1, [0]))
@example((3, [0, 7]))
@example((4, list(range(16))))
def test_profile_matches_brute_force(case):
    n, values = case
    arr = np.array(values, dtype=np.uint64)
    g = growth_profile(arr, n)
    assert g.profile == brute_profile(values, n)
    for m, t in enumerate(g.witnesses):
        assert t is not None and len(t) == m
        assert len({tuple((v >> i) & 1 for i in t) for v in values}) == g.profile[m]
    d = g.vc_dimension
    assert g.profile[d] == 2**d and (d == n or g.profile[d + 1] < 2 ** (d + 1))
    # Sauer–Shelah for the measured VC dimension
    assert all(g.profile[m] <= sauer_shelah(m, d) for m in range(n + 1))


@given(sets)
def test_batch_backend_equals_table_backend(case):
    from verify.enumeration import growth

    n, values = case
    arr = np.array(sorted(set(values)), dtype=np.uint64)
    lower, upper, wit = growth._batch_profile(arr, n, 10**6)
    assert lower == upper == growth_profile(arr, n).profile
    assert all(w is not None and len(w) == m for m, w in enumerate(wit))


@given(sets, st.integers(1, 5))
@example((7, [0, 1, 2, 3, 127, 64, 65]), 1)
def test_batch_bounds_are_certified(case, limit):
    # with few subsets examined per size, the reported interval must contain the truth
    from verify.enumeration import growth

    n, values = case
    arr = np.array(sorted(set(values)), dtype=np.uint64)
    lower, upper, wit = growth._batch_profile(arr, n, limit)
    truth = brute_profile(values, n)
    for m in range(n + 1):
        assert lower[m] <= truth[m] <= upper[m]
        t = wit[m]
        assert t is not None and len(t) == m
        assert len({tuple((v >> i) & 1 for i in t) for v in values}) == lower[m]


def test_large_n_uses_batches_and_is_exact_on_halfspaces():
    # 25 points on the moment curve in the plane: general position, so every m-subset has
    # Cover's count of dichotomies: Pi(m) = C(m, 3) = 2 * (1 + (m-1) + C(m-1, 2)).
    pts = [[t, t * t] for t in range(1, 26)]
    res = halfspace_dichotomies(pts)
    g = growth_profile(res, 25, max_subsets=20000)
    assert g.provenance["method"].startswith("masked")
    for m in range(0, 5):
        assert g.profile[m] == min(2**m, cover_count(m, 3))
    assert g.vc_dimension == 3
    assert g.profile[25] == len(res) == cover_count(25, 3)
    assert None in g.profile  # sizes with too many subsets are unknown, not guessed


def test_cube_halfspaces_vc_dimension():
    # halfspaces in R^n have VC dimension n + 1; cube:3 is shattered at 4 points
    g = growth_profile(halfspace_dichotomies("cube:3"), 8)
    assert g.vc_dimension == 4
    assert g.profile[8] == 104


def test_one_inclusion_graph_and_haussler():
    res = halfspace_dichotomies("cube:3")
    g = one_inclusion_graph(res, 8)
    vals = res.tolist()
    expected = sum(
        1 for a, b in itertools.combinations(vals, 2) if (a ^ b).bit_count() == 1
    )
    assert g.number_of_nodes() == 104 and g.number_of_edges() == expected
    h = haussler_check(res, 8)
    assert h["holds"] and h["edges"] <= 4 * h["vertices"]
    # the full cube {0,1}^3: n 2^(n-1) edges, VC dimension 3
    full = np.arange(8, dtype=np.uint64)
    assert haussler_check(full, 3) == {"vertices": 8, "edges": 12, "vc_dimension": 3,
                                        "holds": True}


@given(sets)
def test_distances_and_double_counting_brute_force(case):
    n, values = case
    arr = np.array(values, dtype=np.uint64)
    dist = distances_to_set(arr, n)
    brute = [min((phi ^ v).bit_count() for v in values) for phi in range(2**n)]
    assert dist.tolist() == brute
    r = double_counting(arr, n)
    rho = max(brute)
    assert r.alpha == Fraction(rho, n)
    assert r.V == n // 2
    assert r.promised == Fraction(2**r.V * math.comb(n - rho, r.V), math.comb(n, r.V))
    assert r.measured == brute_profile(values, n)[r.V]
    assert r.holds == (r.measured >= r.promised)


def test_double_counting_holds_by_the_argument():
    # The averaging argument is a theorem: measured >= promised for every class.
    rng = np.random.default_rng(7)
    for _ in range(20):
        n = int(rng.integers(2, 10))
        vals = rng.integers(0, 2**n, size=int(rng.integers(1, 30)), dtype=np.uint64)
        assert double_counting(vals, n).holds


def test_promised_count_against_binomials():
    # Independent of verify.bounds (which works through prime exponents): the
    # binomial coefficients of math.comb, for every n <= 12, a <= n, V <= n.
    for n in range(13):
        for a in range(n + 1):
            for V in range(n + 1):
                want = Fraction(2**V * math.comb(a, V), math.comb(n, V))
                assert promised_count(n, a, V) == want, (n, a, V)
    # halfspaces on grid:3:2 (n = 9 = 3^(3-1)): the worst labeling is 3 errors away
    # (covering radius by brute force below), so a = 6 and, at V = 4,
    # 2^4 C(6, 4) / C(9, 4) = 16 * 15 / 126 = 40/21
    labels = halfspace_dichotomies("grid:3:2")
    r = double_counting(labels, 9)
    vals = [int(v) for v in labels]
    rho = max(min(bin(phi ^ v).count("1") for v in vals) for phi in range(2**9))
    assert (rho, r.a, r.V) == (3, 6, 4) and r.promised == Fraction(40, 21)
    # and the same reading as bound (1) in verify.bounds
    from verify.bounds.chain import bound_chain

    (reading,) = bound_chain(3, 3, r.alpha, V=r.V).readings
    assert reading.a == r.a and reading.lhs == r.promised


def test_promised_count_examples():
    assert promised_count(4, 4, 2) == 4  # alpha = 0: 2^V
    assert promised_count(6, 2, 3) == 0  # fewer correct points than V


def test_empty_class_refused():
    from verify.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        double_counting(np.zeros(0, dtype=np.uint64), 3)


def test_undetermined_vc_dimension_is_not_guessed():
    from verify.enumeration.growth import GrowthProfile
    from verify.errors import InvalidArgument

    g = GrowthProfile(3, 8, [1, 2, 4, 6], [1, 2, 4, 8], [(), (0,), (0, 1), (0, 1, 2)])
    assert g.vc_bounds == (2, 3) and g.profile == [1, 2, 4, None]
    assert g.to_json()["vc_dimension"] is None
    with pytest.raises(InvalidArgument):
        _ = g.vc_dimension


def test_more_than_64_points_gathers_words_exactly():
    # 70 points on the moment curve: Pi(m) = Cover's count; the labelings are Python ints
    from verify.enumeration import growth

    pts = [[t, t * t] for t in range(1, 71)]
    res = halfspace_dichotomies(pts)
    assert res.dtype == object and len(res) == cover_count(70, 3)
    g = growth_profile(res, 70, max_subsets=250)  # any limit: the bounds are certified
    assert g.profile[:4] == [1, 2, 4, 8] and g.vc_bounds[0] == 3  # upper: too many 4-subsets
    for m in range(71):
        assert g.lower[m] <= min(2**m, cover_count(m, 3)) <= g.upper[m]
    # the word-gathering path agrees with plain Python on a few subsets
    words = growth._words(res, 70)
    best, subset, _ = growth._best_over_subsets(words, 70, 66, 10**9, 5)
    assert best == max(
        len({v & sum(1 << i for i in t) for v in res.tolist()})
        for t in itertools.islice(itertools.combinations(range(70), 66), 5)
    )
    assert len(subset) == 66
