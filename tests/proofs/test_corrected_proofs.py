"""The general proofs of corrected (1) and of the corrected VC step, against brute force."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest

from proofs._proof43 import eq1_proof, hamming_ball_refutation, vc_step_proof

# e > 2.718281828: a rational lower bound of e, independent of the toolkit's brackets
_E_LOW = Fraction(2718281828, 10**9)


def _lhs(n: int, a: int, V: int) -> Fraction:
    """2^V C(a, V) / C(n, V) with math.comb (a second route to the bounds module's value)."""
    return Fraction(2**V * comb(a, V), comb(n, V))


def _ceil(x: Fraction) -> int:
    return -(-x.numerator // x.denominator)


def test_eq1_proof_and_brute_force_agree() -> None:
    p = eq1_proof(n_max=30, alpha_den_max=10)
    assert p["holds"] and p["exhaustive"]["failures"] == 0
    assert p["symbolic"]["factor_difference"] == p["symbolic"]["key_difference"] == "0"
    for n in range(1, 31):
        V = _ceil(Fraction(n, 2))
        for alpha in (Fraction(0), Fraction(1, 10), Fraction(1, 5), Fraction(1, 4)):
            a = _ceil((1 - alpha) * n)
            base = 2 * (1 - 2 * alpha)
            # lhs >= base^V, and base^(2V) >= base^n is (base^V)^2 >= (C_alpha^n)^2
            assert _lhs(n, a, V) >= base**V and base ** (2 * V) >= base**n


@pytest.mark.parametrize("n, alpha, V", [
    (3, Fraction(0), 1),          # V = floor(n/2): 2 < 2^(3/2)
    (3, Fraction(3, 10), 2),      # alpha > 1/4: base 4/5 < 1, V > n/2 loses
])
def test_broken_readings_of_eq1_are_refuted(n: int, alpha: Fraction, V: int) -> None:
    a = _ceil((1 - alpha) * n)
    rhs_squared = (2 * (1 - 2 * alpha)) ** n
    broken_first = _lhs(n, a, V) ** 2 < rhs_squared
    broken_second = (2 * (1 - 2 * alpha)) ** (2 * V) < rhs_squared
    assert broken_first or broken_second


def test_vc_step_proof_sauer_bound_by_a_second_route() -> None:
    p = vc_step_proof(v_max=25)
    assert p["holds"] and p["exhaustive"]["cases"] == 25 * 26 // 2
    assert p["symbolic"]["g_prime_minus_log_V_over_D"] == "0"
    # with a rational e_low < e: (e_low V / D)^D >= sum implies (eV/D)^D >= sum
    for V in range(1, 26):
        for D in range(1, V + 1):
            assert (_E_LOW * V / D) ** D >= sum(comb(V, i) for i in range(D + 1))
    # the side condition V > D + 1 is not needed: V = 2, D = 2 (sum 4 <= e^2)
    assert (_E_LOW * 2 / 2) ** 2 >= 4


def test_condition_on_alpha_is_needed() -> None:
    """Labelings with at most D ones: VC dimension D, sum_{i<=D} C(V, i) of them."""
    r = hamming_ball_refutation("1/5", 100)
    need = Fraction(6, 5) ** 100
    assert sum(comb(100, i) for i in range(6)) < need <= sum(comb(100, i) for i in range(7))
    assert r["D"] == 6 and r["refutes"]
    # below the threshold the same class never refutes (D >= V/10)
    assert not hamming_ball_refutation("1/10", 200)["refutes"]
