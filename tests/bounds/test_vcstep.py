"""Sauer–Shelah forms, the VC step and the alpha threshold, against independent truths."""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations

import mpmath
import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from verify.bounds import (
    alpha_ok,
    alpha_threshold,
    min_dimension_for_growth,
    min_dimension_weak_form,
    sauer_shelah_sum,
    vc_step,
    weak_form_ge,
)
from verify.bounds import vcstep as vs
from verify.bounds._num import e_bracket
from verify.errors import InvalidArgument


def brute_class_size(m: int, D: int) -> int:
    """Number of subsets of size <= D of an m-set, counted one by one."""
    return sum(1 for k in range(m + 1) for _ in combinations(range(m), k) if k <= D)


def test_sauer_sum_against_brute_force_counting():
    # the class of all subsets of size <= D has VC-dim D and growth exactly sum C(m, i)
    for m in range(0, 11):
        for D in range(0, 12):
            assert sauer_shelah_sum(m, D) == brute_class_size(m, D)


def test_sauer_sum_oeis():
    # A000124 (central polygonal numbers) and A000125 (cake numbers)
    assert [sauer_shelah_sum(m, 2) for m in range(10)] == [1, 2, 4, 7, 11, 16, 22, 29, 37, 46]
    assert [sauer_shelah_sum(m, 3) for m in range(10)] == [1, 2, 4, 8, 15, 26, 42, 64, 93, 130]


def test_weak_form_dominates_sum_exhaustively():
    # Lemma A.4: sum_{i<=D} C(m, i) <= (em/D)^D for m > D + 1 >= 2
    for m in range(3, 16):
        for D in range(1, m - 1):
            count = brute_class_size(m, D) if m <= 10 else sauer_shelah_sum(m, D)
            assert weak_form_ge(m, D, count)


@given(st.integers(1, 200), st.integers(1, 200), st.integers(1, 10**6))
def test_weak_form_against_mpmath(V, D, c):
    D = min(D, V)
    with mpmath.workdps(60):
        value = (mpmath.e * V / D) ** D
        if abs(value - c) < mpmath.mpf(10) ** -40 * c:
            return
        assert weak_form_ge(V, D, c) == (value >= c)


def slow_min_dimension(V: int, c: int) -> int:
    D = 0
    while sum(math.comb(V, i) for i in range(D + 1)) < c:
        D += 1
    return D


@given(st.integers(0, 60), st.data())
@example(0, None)
def test_min_dimension_small(V, data):
    c = 1 if data is None else data.draw(st.integers(1, 2**V))
    D = min_dimension_for_growth(V, c)
    assert D == slow_min_dimension(V, c)
    assert sauer_shelah_sum(V, D) >= c and (D == 0 or sauer_shelah_sum(V, D - 1) < c)


@given(st.integers(6, 400), st.data())
@example(10, None)
def test_min_dimension_fast_path_agrees(V, data):
    if data is None:
        c = sauer_shelah_sum(10, 3)  # a count exactly on a partial sum
    else:
        D0 = data.draw(st.integers(0, V))
        c = max(1, sauer_shelah_sum(V, D0) + data.draw(st.integers(-1, 1)))
        c = min(c, 2**V)
    old = vs._SMALL_V
    vs._SMALL_V = 5
    try:
        fast = min_dimension_for_growth(V, c)
    finally:
        vs._SMALL_V = old
    assert fast == min_dimension_for_growth(V, c)


def test_min_dimension_weak_form_is_minimal():
    for V in range(1, 30):
        for c in (1, 2, V, 2 ** (V // 2), 2**V):
            D, side = min_dimension_weak_form(V, c)
            if c <= 1:  # (eV/0)^0 = 1: VC dimension 0 allows one labeling
                assert D == 0
            else:
                assert weak_form_ge(V, D, c) and (D == 1 or not weak_form_ge(V, D - 1, c))
            assert side == (V > D + 1)


def test_count_above_two_to_the_V_is_refused():
    with pytest.raises(InvalidArgument, match="exceeds 2"):
        min_dimension_for_growth(3, 9)
    with pytest.raises(InvalidArgument):
        min_dimension_weak_form(3, 9)


def test_e_bracket_contains_e():
    for terms in (5, 10, 20):
        lo, hi = e_bracket(terms)
        with mpmath.workdps(50):
            e = mpmath.e
            assert mpmath.mpf(lo.numerator) / lo.denominator < e
            assert e < mpmath.mpf(hi.numerator) / hi.denominator


def test_alpha_threshold_digits_and_symbolic_form():
    t = alpha_threshold()
    with mpmath.workdps(40):
        exact = mpmath.mpf(1) / 2 - (10 * mpmath.e) ** (mpmath.mpf(1) / 10) / 4
        assert mpmath.mpf(t.lower.numerator) / t.lower.denominator <= exact
        assert exact < mpmath.mpf(t.upper.numerator) / t.upper.denominator
    assert len(t.decimal.lstrip("0.")) >= 12
    closed = sp.Rational(1, 2) - (10 * sp.E) ** sp.Rational(1, 10) / 4
    assert sp.simplify(sp.sympify(t.exact) - closed) == 0
    assert alpha_ok(t.lower) and not alpha_ok(t.upper)


@given(st.fractions(min_value=0, max_value=Fraction(49, 100), max_denominator=10**6))
@example(Fraction(1, 10))
@example(Fraction(0))
def test_alpha_ok_against_mpmath(alpha):
    with mpmath.workdps(50):
        a = mpmath.mpf(alpha.numerator) / alpha.denominator
        expected = 2 * (1 - 2 * a) > (10 * mpmath.e) ** (mpmath.mpf(1) / 10)
    assert alpha_ok(alpha) == expected


def test_alpha_ok_refuses_floats_and_range():
    with pytest.raises(InvalidArgument, match="float"):
        alpha_ok(0.1)
    with pytest.raises(InvalidArgument):
        alpha_ok("1/2")


def test_vc_step_paper_example():
    s = vc_step(3, 3, "1/10")
    assert s.paper_vc_bound == Fraction(9, 20)
    assert [r.count for r in s.readings] == [16, 32]
    assert s.min_vc_dimension == 5 and s.meets_paper_bound and s.alpha_ok
    j = s.to_json()
    assert j["paper_vc_bound"] == "9/20" and j["min_vc_dimension"] == 5


@given(st.integers(2, 10), st.integers(2, 4),
       st.sampled_from(["0", "1/20", "1/10", "3/20", "2/5", "49/100"]))
@example(10, 3, "49/100")  # lhs < 1: one labeling guaranteed, which forces VC-dim >= 0 only
def test_vc_step_consistent_with_sauer(K, d, alpha):
    if K ** (d - 1) > 3000:
        return
    s = vc_step(K, d, alpha)
    for r in s.readings:
        assert sauer_shelah_sum(r.V, r.min_dimension) >= r.count
        assert r.min_dimension == 0 or sauer_shelah_sum(r.V, r.min_dimension - 1) < r.count
        if r.weak_form_lower_bound is not None:
            # the weak form can only give a weaker (smaller or equal) bound
            assert r.weak_form_lower_bound <= r.min_dimension
    # with alpha <= 1/10 the exact bound meets the paper's 0.05 n
    if Fraction(alpha) <= Fraction(1, 10):
        assert s.meets_paper_bound


def test_scan_V_profile_matches_direct_computation():
    from verify.bounds import scan_V

    for K, d, alpha in [(4, 3, Fraction(1, 10)), (5, 2, Fraction(1, 5)), (3, 4, Fraction(0))]:
        s = scan_V(K, d, alpha)
        n = K ** (d - 1)
        a = math.ceil((1 - alpha) * n)
        assert len(s.by_V) == a
        for V in range(1, a + 1):
            count = math.ceil(Fraction(2**V * math.comb(a, V), math.comb(n, V)))
            assert s.by_V[V - 1] == slow_min_dimension(V, count)
        assert s.best_min_dimension == max(s.by_V)
        assert s.by_V[s.best_V - 1] == s.best_min_dimension
        assert s.best_min_dimension >= vc_step(K, d, alpha).min_vc_dimension
    # alpha = 0: V = n recovers VC-dim >= n, the paper's alpha = 0 argument
    assert scan_V(3, 3, 0).best_min_dimension == 9


def test_scan_V_refuses_large_n():
    from verify.bounds import scan_V

    with pytest.raises(InvalidArgument, match="2000"):
        scan_V(100, 3, "1/10")
