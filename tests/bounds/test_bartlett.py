"""Bartlett et al. bounds, the enveloping network, and Table 1 values."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from verify.bounds import (
    bartlett_growth_log2_upper,
    bartlett_vc_upper,
    bartlett_vc_upper_pl,
    enveloping_counts,
    enveloping_parameters,
    enveloping_widths,
    growth_exponent,
    layer_counts,
    remark9_growth_log2_upper,
    smallest_enveloping_M,
    table1_rows,
    theorem10_vc_upper,
    vc_upper,
)
from verify.errors import InvalidArgument
from verify.nets.envelope import enveloping_architecture, enveloping_size

widths_st = st.lists(st.integers(1, 6), min_size=2, max_size=5).map(lambda w: [*w[:-1], 1])


def mp(x: Fraction) -> mpmath.mpf:
    return mpmath.mpf(x.numerator) / x.denominator


def contains(cert, value) -> bool:
    return mp(cert.lower) <= value <= mp(cert.upper)


def test_layer_counts_by_hand():
    c = layer_counts([3, 4, 2, 1])  # W_1 = 16, W_2 = 16 + 10 = 26, W_3 = 26 + 3 = 29
    assert (c.L, c.W, c.sum_W, c.U) == (3, 29, 71, 7)
    assert c.R == 4 * 1 + 2 * 2 + 1 * 3  # D = 1: R = sum i k_i
    assert layer_counts([3, 4, 2, 1], D=2).R == 4 * 1 + 2 * (1 + 1 * 2) + 1 * (1 + 2 * 4)


@given(widths_st, st.integers(1, 3), st.integers(1, 3))
@example([2, 3, 1], 1, 1)
def test_certified_bounds_contain_the_formula(widths, p, D):
    c = layer_counts(widths, D)
    with mpmath.workdps(50):
        e, lg = mpmath.e, (lambda x: mpmath.log(x, 2))
        thm7 = c.L + c.sum_W * lg(4 * e * p * c.R * lg(2 * e * p * c.R))
        thm10 = 2 * c.W * lg(16 * e * max(c.U + 1, 2 * D * c.U) * (1 + p) ** c.U)
        m = c.sum_W + 3
        growth = sum(
            1 + Wi * lg(2 * e * m * k * p * f / mpmath.mpf(Wi)) for k, Wi, f in c.per_layer
        )
        f_L = 1 + (c.L - 1) * D ** (c.L - 1)
        rem9 = c.sum_W * lg(4 * e * m * p * f_L)
        assert contains(bartlett_vc_upper(widths, p, D), thm7)
        assert contains(theorem10_vc_upper(widths, p, D), thm10)
        g, ok = bartlett_growth_log2_upper(widths, m, p, D)
        assert ok and contains(g, growth)
        r9, ok9 = remark9_growth_log2_upper(widths, m, p, D)
        assert contains(r9, rem9) and ok9 == (c.U <= c.sum_W)
    assert bartlett_vc_upper(widths).upper - bartlett_vc_upper(widths).lower < Fraction(1, 10**20)


@given(widths_st)
def test_piecewise_linear_form_equals_general_form_for_D1(widths):
    assert bartlett_vc_upper_pl(widths).upper == bartlett_vc_upper(widths, 1, 1).upper


@pytest.mark.parametrize("M", range(1, 11))
@pytest.mark.parametrize("d", [1, 2, 5, 12])
def test_enveloping_closed_form_matches_layer_list(M, d):
    a, b = enveloping_counts(M, d), layer_counts(enveloping_widths(M, d))
    assert (a.L, a.W, a.sum_W, a.U, a.R) == (b.L, b.W, b.sum_W, b.U, b.R)
    assert enveloping_parameters(M, d) == b.W == M**3 - M**2 + d * M + 1
    assert (b.W <= M**3) == (d < M)
    # one definition: the networks side lists and counts the same architecture
    assert enveloping_architecture(M, d) == enveloping_widths(M, d)
    # independent count: weights and biases of the listed layers
    widths = enveloping_widths(M, d)
    weights = sum(widths[i] * widths[i + 1] for i in range(len(widths) - 1))
    assert enveloping_size(M, d) == {"weights": weights, "biases": sum(widths[1:]),
                                     "total": b.W}


def test_smallest_M_is_minimal():
    for bound in ("thm7", "thm10", "w2logw", "wlogwl"):
        s = smallest_enveloping_M("1/100", 7, bound=bound)
        assert s.target == Fraction(50**6, 20)
        assert vc_upper(enveloping_counts(s.M, 7), bound).lower >= s.target
        if s.M > 1:
            assert vc_upper(enveloping_counts(s.M - 1, 7), bound).upper < s.target


def test_smallest_M_exact_target_and_alpha_condition():
    s = smallest_enveloping_M("1/10", 5, alpha="1/10", target="exact")
    assert s.target >= Fraction(5**4, 20)  # the exact bound meets 0.05 n here
    with pytest.raises(InvalidArgument, match="10e"):
        smallest_enveloping_M("1/10", 5, alpha="1/5")
    with pytest.raises(InvalidArgument, match="eps"):
        smallest_enveloping_M("0", 5)
    with pytest.raises(InvalidArgument, match="bound must be"):
        smallest_enveloping_M("1/10", 5, bound="nope")


def test_growth_exponents_of_the_bounds():
    # W ~ M^3: W^2 log W gives n^(1/6) (the paper's exponent), Theorem 7 about n^(1/4)
    fits = {}
    for bound in ("thm7", "w2logw"):
        sizes = [smallest_enveloping_M("1/100", d, bound=bound) for d in (9, 11, 13)]
        fits[bound] = growth_exponent(sizes).slope
    assert 0.14 < fits["w2logw"] < 0.18
    assert 0.2 < fits["thm7"] < 0.26


def test_table1_rows_against_direct_formulas():
    N, d, k, eps, c, delta = 500, 7, 3, Fraction(1, 8), Fraction(1, 3), Fraction(1, 20)
    rows = {r.theorem: r for r in table1_rows(N, d, k, eps, c, delta)}
    with mpmath.workdps(40):
        e, cc, de = mp(eps), mp(c), mp(delta)
        ln = mpmath.log
        expected = {
            "2.2": N * d * ln(d / de) + N * ln(N / de) ** 7,
            "2.3": mpmath.sqrt(N * d),
            "3.3": ((1 - cc) * e) ** (-d),
            "3.4": (2 * e) ** (-mpmath.mpf(d) / 2) / mpmath.sqrt(d * ln(1 / (2 * e))),
            "4.3": (2 * e) ** (-mpmath.mpf(d - 1) / 6),
            "5.5": ((1 - cc) * e / mpmath.sqrt(d)) ** (-(k * ln(d))),
            "5.8": (2 * e * mpmath.sqrt(mpmath.mpf(d) / k)) ** (-mpmath.mpf(k) / 2),
        }
        for thm, value in expected.items():
            assert contains(rows[thm].value, value), thm
    assert all("unknown constants set to 1" in r.flags for r in rows.values())


@pytest.mark.parametrize(
    "kw,msg",
    [
        ({"k": 11, "d": 10}, "k must be <= 10"),
        ({"eps": "1/2"}, "eps must lie"),
        ({"c": "1"}, "c must lie"),
        ({"delta": "1/10", "eps": "1/10"}, "delta must lie"),
        ({"N": 0}, "N must be >= 1"),
        ({"eps": 0.1}, "float"),
    ],
)
def test_table1_bad_input(kw, msg):
    with pytest.raises(InvalidArgument, match=msg):
        table1_rows(**kw)


def test_bartlett_bad_widths():
    with pytest.raises(InvalidArgument):
        layer_counts([3])
    with pytest.raises(InvalidArgument):
        layer_counts([3, 0, 1])
    with pytest.raises(InvalidArgument):
        layer_counts("3-2-1")
