"""Bound (1): exact members against independent computations, and properties."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from verify.bounds import bound_chain, check_parameters, middle_equals_rhs_statement
from verify.errors import InvalidArgument

# alpha in [0, 1/2) as a rational p/q
alphas = st.builds(
    lambda q, p: Fraction(p % ((q + 1) // 2), q), st.integers(1, 60), st.integers(0, 10**6)
)
params = st.tuples(st.integers(1, 12), st.integers(2, 4), alphas).filter(
    lambda t: t[0] ** (t[1] - 1) <= 1500
)


def naive(n: int, alpha: Fraction, V: int) -> tuple:
    """The three members from the formulas, with math.comb and Fraction directly."""
    a = math.ceil((1 - alpha) * n)
    lhs = Fraction(2**V * math.comb(a, V), math.comb(n, V))
    middle = None if V == n else (2 * ((1 - alpha) * n - V) / Fraction(n - V)) ** V
    return a, lhs, middle, (2 * (1 - 2 * alpha)) ** n


def test_worked_example_K3_d3():
    c = bound_chain(3, 3, "1/10")
    assert c.n == 9 and [r.V for r in c.readings] == [4, 5]
    floor, ceil = c.readings
    assert (floor.a, floor.lhs, ceil.lhs) == (9, 16, 32)
    assert floor.middle == Fraction(2825761, 390625)  # (2(81/10-4)/5)^4 = (41/25)^4
    assert floor.rhs_squared == Fraction(8, 5) ** 9
    assert (floor.lhs_ge_middle, floor.middle_ge_rhs, floor.lhs_ge_rhs) == (True, False, True)
    assert (ceil.lhs_ge_middle, ceil.middle_ge_rhs, ceil.lhs_ge_rhs) == (True, True, True)


@given(params)
@example((1, 2, Fraction(0)))
@example((3, 2, Fraction(1, 10)))
@example((2, 3, Fraction(49, 100)))
def test_members_match_naive_formulas(t):
    K, d, alpha = t
    c = bound_chain(K, d, alpha)
    assert c.n == K ** (d - 1)
    assert [r.V for r in c.readings] == sorted({c.n // 2, (c.n + 1) // 2})
    for r in c.readings:
        a, lhs, middle, rhs_sq = naive(c.n, alpha, r.V)
        assert (r.a, r.lhs, r.middle, r.rhs_squared) == (a, lhs, middle, rhs_sq)
        assert r.lhs_ge_rhs == (lhs**2 >= rhs_sq)
        if middle is not None:
            assert r.lhs_ge_middle == (lhs >= middle)
            assert r.middle_ge_rhs == (middle >= 0 and middle**2 >= rhs_sq)
        assert r.guaranteed_count == math.ceil(lhs)


@given(params)
@example((2, 3, Fraction(1, 3)))
def test_lhs_ge_middle_whenever_V_lt_n(t):
    # each factor 2(a-i)/(n-i), i < V, is >= 2(a-V)/(n-V) >= 2((1-alpha)n-V)/(n-V) >= 0
    c = bound_chain(*t)
    for r in c.readings:
        if r.V < c.n:
            assert r.lhs_ge_middle is True


@given(params.filter(lambda t: t[0] ** (t[1] - 1) % 2 == 0))
@example((2, 2, Fraction(0)))
@example((4, 3, Fraction(1, 7)))
def test_even_n_middle_equals_rhs_and_chain_holds(t):
    (r,) = bound_chain(*t).readings
    assert r.middle_eq_rhs is True and r.middle**2 == r.rhs_squared
    assert (r.lhs_ge_middle, r.middle_ge_rhs, r.lhs_ge_rhs) == (True, True, True)


@given(params.filter(lambda t: t[0] ** (t[1] - 1) % 2 == 1 and t[0] > 1))
@example((3, 2, Fraction(0)))
def test_odd_n_ceil_reading_keeps_the_conclusion(t):
    ceil = bound_chain(*t).readings[1]
    assert ceil.kind == "ceil(n/2)" and ceil.lhs_ge_rhs is True


@pytest.mark.parametrize("K,d", [(3, 2), (3, 3), (5, 2), (7, 3), (9, 4)])
def test_odd_n_floor_reading_fails_at_alpha_zero(K, d):
    # alpha = 0: lhs = 2^V with V = (n-1)/2, while rhs = 2^(n/2): the printed chain fails
    floor = bound_chain(K, d, 0).readings[0]
    n = K ** (d - 1)
    assert floor.lhs == 2 ** ((n - 1) // 2)
    assert floor.lhs_ge_rhs is False and floor.middle_ge_rhs is False


@given(alphas)
@example(Fraction(1, 4))
@example(Fraction(0))
def test_K1_degenerate(alpha):
    floor, ceil = bound_chain(1, 5, alpha).readings
    assert (floor.V, ceil.V) == (0, 1)
    assert floor.middle == 1 and floor.middle_ge_rhs == (alpha >= Fraction(1, 4))
    assert ceil.middle is None and ceil.lhs_ge_middle is None and ceil.middle_ge_rhs is None
    assert ceil.lhs == 2 and ceil.lhs_ge_rhs is True


def test_chosen_V_beyond_a_gives_zero_lhs():
    c = bound_chain(4, 2, "1/4", V=4)  # n = 4, a = 3
    (r,) = c.readings
    assert r.lhs == 0 and r.middle is None and not r.lhs_ge_rhs
    r = bound_chain(10, 2, "2/5", V=7).readings[0]  # a = 6 < V = 7 < n = 10
    assert r.lhs == 0 and r.middle == (Fraction(2 * (6 - 7), 3)) ** 7 and r.lhs_ge_middle
    assert any("C(a, V) = 0" in note for note in r.notes)


def test_literal_a_reported_when_integer():
    r = bound_chain(10, 2, "1/10").readings[0]
    assert r.a_literal == 9 and r.a == 9
    assert r.to_json()["a_literal_is_integer"] is True


def test_large_n_matches_math_comb():
    # the prime-exponent evaluation of lhs against math.comb + Fraction at n = 10^4
    c = bound_chain(100, 3, "3/20")
    (r,) = c.readings
    assert r.lhs == Fraction(2**5000 * math.comb(8500, 5000), math.comb(10**4, 5000))
    assert r.middle == Fraction(7, 5) ** 5000 and r.middle_eq_rhs


@pytest.mark.parametrize(
    "args,msg",
    [
        ((0, 3, "1/10"), "K must be >= 1"),
        ((3, 1, "1/10"), "d must be >= 2"),
        ((3, 3, "1/2"), "alpha must lie in [0, 1/2)"),
        ((3, 3, "-1/10"), "alpha must lie in [0, 1/2)"),
        ((3, 3, 0.1), "float"),
        ((3, 3, "x"), "not a rational"),
        ((10, 8, "1/10"), "exceeds the limit"),
        ((2, 10**7, "0"), "d must be <="),
    ],
)
def test_bad_input(args, msg):
    with pytest.raises(InvalidArgument, match=msg.replace("[", r"\[").replace(")", r"\)")):
        check_parameters(*args)


def test_bad_V():
    with pytest.raises(InvalidArgument, match="V must be <= 9"):
        bound_chain(3, 3, "1/10", V=10)


def test_symbolic_statement_matches_exact_values():
    s = middle_equals_rhs_statement()
    assert s["difference"] == "0" and s["base_simplified"] == "2 - 4*alpha"
    a_, n_ = sp.symbols("alpha n", positive=True)
    middle = sp.sympify(s["middle"], locals={"alpha": a_, "n": n_})
    for K, d, alpha in [(2, 3, Fraction(1, 10)), (4, 2, Fraction(1, 7)), (6, 3, Fraction(0))]:
        (r,) = bound_chain(K, d, alpha).readings
        value = middle.subs({a_: sp.Rational(alpha.numerator, alpha.denominator), n_: r.V * 2})
        assert sp.Rational(value) == sp.Rational(r.middle.numerator, r.middle.denominator)
        assert sp.Rational(value) ** 2 == sp.Rational(
            r.rhs_squared.numerator, r.rhs_squared.denominator
        )
