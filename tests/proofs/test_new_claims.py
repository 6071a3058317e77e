"""The claims added for Theorems 2.2–5.8: key numbers against independent computations, and
a deliberately broken version of each statement refuted."""

from __future__ import annotations

import math
import random
from fractions import Fraction
from itertools import pairwise, product
from typing import Any

import mpmath
import pytest

from proofs import (
    lemma_5_6,
    table_1,
    thm_2_2_l2,
    thm_2_2_linf,
    thm_2_3_as_printed,
    thm_2_3_intended,
    thm_3_3_interpolant,
    thm_3_4_size,
    thm_4_3_envelope,
    thm_4_5,
    thm_5_5_size,
    thm_5_8_log_factor,
    thm_5_8_packing,
    thm_5_8_quantifiers,
    thm_5_8_range,
)
from proofs._certified import e_bounds, pi_bounds
from proofs._interpolant import barycentric_value, certify_box, gadget_size, interpolant_net
from proofs._vclog import smallest_w
from proofs.claim import VERDICTS

mpmath.mp.dps = 40


@pytest.mark.parametrize("module", [
    thm_2_2_linf, thm_2_2_l2, thm_2_3_as_printed, thm_2_3_intended, thm_3_3_interpolant,
    thm_3_4_size, thm_4_3_envelope, thm_4_5, thm_5_5_size, lemma_5_6, thm_5_8_packing,
    thm_5_8_range, thm_5_8_log_factor, thm_5_8_quantifiers, table_1])
def test_quick_sizes_give_a_verdict_with_kind_and_reason(module: Any) -> None:
    r = module.check(**module.SIZES["quick"])
    assert r.verdict in VERDICTS and r.verdict not in ("error", "out-of-reach")
    assert r.evidence_kind != "none" and r.reason and "\n" not in r.reason


# --- Theorem 2.2 -------------------------------------------------------------------------

def test_memorizer_size_closed_form() -> None:
    """Per +1 point: layer 1 has 2d weights; the max tree merges pairs with 4 units of 4
    weights (first level), then 8 (later levels): 8d + 16d − 32 for d = 2^j; the bump reads
    a 4-term form twice (8), the output 2.  Total 26d − 22 (d = 2^j >= 2); d = 1: 2+4+2."""
    assert thm_2_2_linf.gadget_size(1) == 8
    for j in range(1, 6):
        d = 2**j
        assert thm_2_2_linf.gadget_size(d) == 2 * d + 8 * d + (16 * d - 32) + 8 + 2
    assert thm_2_2_linf.gadget_size(3) == 60  # 6 + 16 + 4 + 24 + 8 + 2, counted by hand


def test_robust_radius_eps_is_impossible() -> None:
    """The broken statement "a memorizer exists at δ = ε" is refuted at the exact-2ε pair."""
    from verify.encodings.robust import verify_robustness
    from verify.nets import robust_memorizer

    e = Fraction(1, 5)
    pts, ys = thm_2_2_linf.data_set(4, 1, e, random.Random(0))
    net = robust_memorizer(pts, ys, e, 9 * e / 10)
    assert verify_robustness(net, pts, ys, 9 * e / 10).robust is True
    rep = verify_robustness(net, pts, ys, e)
    assert rep.robust is False  # some point's closed ε-ball holds a wrong sign (or a zero)


def test_l2_pieces_error_brackets_contain_the_true_maximum() -> None:
    for a, b in [(Fraction(1), Fraction(2)), (Fraction(3, 2), Fraction(5))]:
        lo, hi = thm_2_2_l2.reciprocal_piece_error(a, b)
        true = (mpmath.sqrt(b.numerator / mpmath.mpf(b.denominator))
                - mpmath.sqrt(a.numerator / mpmath.mpf(a.denominator))) ** 2 / (a * b)
        assert lo <= Fraction(str(true)) + Fraction(1, 10**30) and Fraction(str(true)) <= hi + \
            Fraction(1, 10**30)
    for m in (2, 3, 7):
        a, b = Fraction(1, 3), Fraction(1, 2)
        lo, hi = thm_2_2_l2.power_piece_error(a, b, m)
        # a second route: the chord error on a fine rational grid of [a, b]
        grid = [a + (b - a) * Fraction(i, 200) for i in range(201)]
        best = max(a**m + (b**m - a**m) / (b - a) * (t - a) - t**m for t in grid)
        assert lo <= best <= hi


def test_l2_broken_network_is_caught_by_the_probes(monkeypatch: pytest.MonkeyPatch) -> None:
    from verify.nets.network import ReLUNet

    real = thm_2_2_l2.build_network

    def flipped(pos: Any, info: Any) -> ReLUNet:
        net = real(pos, info)
        last = net.layers[-1]
        neg = type(last)(tuple(tuple(-w for w in row) for row in last.weights),
                         tuple(-b for b in last.bias))
        return ReLUNet((*net.layers[:-1], neg))

    monkeypatch.setattr(thm_2_2_l2, "build_network", flipped)
    r = thm_2_2_l2.check(**thm_2_2_l2.SIZES["quick"])
    assert r.verdict == "fails" and r.evidence["built"]["all_probes_correct"] is False


# --- Theorem 2.3 -------------------------------------------------------------------------

def test_split_data_is_robust_for_x1_by_box_corners() -> None:
    """Second route: min of x_1 over the box x ± δ is x_1 − δ (exact), > 0 on +1 points."""
    e, dl = Fraction(1, 4), Fraction(1, 8)
    pts, ys = thm_2_3_as_printed.split_data(30, 3, e, random.Random(5))
    assert all(y * p[0] - dl > 0 for p, y in zip(pts, ys, strict=True))
    # broken: a +1 point with first coordinate in (−δ, δ) is not robust for f = x_1
    from verify.encodings.robust import verify_robustness

    net = thm_2_3_as_printed._networks(3)["linear"]
    assert verify_robustness(net, [(Fraction(1, 16), 0, 0)], [1], dl).robust is False


def test_smallest_w_against_integer_powers() -> None:
    """W²·ln W >= x  iff  W^(W²) >= e^x, decided with rational brackets of e."""
    e_lo, e_hi = e_bounds(80)
    for x in (5, 20, 100, 1000):
        w = smallest_w(x)
        assert Fraction(w) ** (w * w) >= e_hi**x
        assert Fraction(w - 1) ** ((w - 1) ** 2) < e_lo**x
    r = thm_2_3_intended.check(xs=[100, 10**4, 10**6])
    ratios = [row["W_min_squared_over_x"] for row in r.evidence["log_loss"]["rows"]]
    assert ratios == sorted(ratios, reverse=True) and r.verdict == "holds-with-correction"


# --- Theorem 3.3 -------------------------------------------------------------------------

def test_interpolant_network_equals_barycentric_evaluation() -> None:
    from verify.nets.vectorized import evaluate_exact

    rng = random.Random(3)
    for d, h in ((1, Fraction(1, 5)), (2, Fraction(1, 4))):
        A = [tuple(Fraction(rng.randint(0, 10), 10) for _ in range(d)) for _ in range(4)]
        net, info = interpolant_net(A, [1, -1, 1, -1], h, [[0] * d, [1] * d], "inf")
        xs = [tuple(Fraction(rng.randint(-5, 105), 100) for _ in range(d)) for _ in range(50)]
        assert evaluate_exact(net, xs) == [barycentric_value(info["g"], h, x) for x in xs]
    # gadget sizes: 2d + 8 + 2(d − 2) + Σ_{j=3..d} (12 + 2(d − j)) + 4 + 1 for d >= 2
    for d in (2, 3, 4):
        closed = 2 * d + 8 + 2 * (d - 2) + sum(12 + 2 * (d - j) for j in range(3, d + 1)) + 5
        assert gadget_size(d) == closed
    assert gadget_size(1) == 5


def test_interpolant_certificate_refutes_a_too_coarse_grid() -> None:
    """Broken: step h = 2ε instead of h <= (1 − c)ε; the ball of A's point meets B's vertex."""
    e, c = Fraction(1, 4), Fraction(1, 2)
    A, B = [(Fraction(1, 4),)], [(Fraction(3, 4),)]
    h = 2 * e
    from proofs._interpolant import grid_indices, vertex_values

    g = vertex_values(grid_indices([Fraction(-1)], [Fraction(2)], h), h, A, B, "inf")
    ok, vertex = certify_box(g, h, A[0], 1, c * e, "inf")
    assert not ok and vertex is not None
    # and the proof's boundary case: f* − (1 − c) vanishes at distance exactly cε
    bnd = thm_3_3_interpolant.boundary_counterexample(e, c, "inf")
    assert bnd["f_star"] == 1 - c and bnd["f_value"] == 0 and bnd["distance_to_a"] == c * e


# --- Theorem 3.4 -------------------------------------------------------------------------

def test_size_factor_brackets_against_mpmath() -> None:
    for eps, d in ((Fraction(49, 100), 1), (Fraction(1, 10), 3), (Fraction(2, 5), 2)):
        lo, hi = thm_3_4_size.factor_bounds(eps, d, corrected=False)
        x = mpmath.mpf(eps.numerator) / eps.denominator
        true = (2 * x) ** (-mpmath.mpf(d) / 2) / mpmath.sqrt(d * mpmath.log(1 / (2 * x)))
        assert float(lo) <= float(true) <= float(hi)


def test_threshold_fact_needs_eps_above_one_quarter() -> None:
    """Broken version "one threshold suffices for every ε": ε = 1/5 has A = {0, 1}, B = {1/2}."""
    A, B = [Fraction(0), Fraction(1)], [Fraction(1, 2)]
    assert all(abs(a - b) >= Fraction(2, 5) for a in A for b in B)
    assert not (max(A) < min(B) or max(B) < min(A))
    assert thm_3_4_size.threshold_check([Fraction(1, 3)], 6)["failures"] == 0


# --- Theorem 4.3: the enveloping network, Theorem 4.5 -----------------------------------

def test_envelope_patterns_counted_by_hand() -> None:
    """d = 1: M = 1: constant, linear; M = 2: + 1-1-1; M = 3: + 1-1-1-1; M = 4: + 1-1-1-1-1,
    1-2-1; M = 5: + 1-1-1-1-1-1, 1-1-2-1, 1-2-1-1 (each hidden unit needs an in and an out)."""
    assert [len(thm_4_3_envelope.patterns(1, M)) for M in range(1, 6)] == [2, 3, 4, 6, 9]
    from verify.nets import enveloping_architecture

    for M, d in product(range(2, 8), range(1, 8)):
        widths = enveloping_architecture(M, d)
        W = sum((a + 1) * b for a, b in pairwise(widths))
        assert W == M**3 - M**2 + d * M + 1 and (W > M**3) == (d >= M)


def test_broken_embedding_is_refuted(monkeypatch: pytest.MonkeyPatch) -> None:
    import verify.nets as nets
    from verify.nets.network import Layer, ReLUNet

    real = nets.embed

    def off_by_one(net: ReLUNet, M: int) -> ReLUNet:
        big = real(net, M)
        last = big.layers[-1]
        return ReLUNet((*big.layers[:-1], Layer(last.weights, (last.bias[0] + 1,))))

    monkeypatch.setattr(nets, "embed", off_by_one)
    r = thm_4_3_envelope.check(ds=[1], M_max=2, seed=0)
    assert r.verdict == "fails" and r.evidence["failures"][0]["values"] is not None


def test_theorem_4_5_grid_and_the_eps_above_one_half() -> None:
    r = thm_4_5.check(eps_values=["1/4", "2/5", "3/4"], ds=[3])
    grid = {g["eps"]: g for g in r.evidence["grid"]}
    # the paper's grid is empty of growth for ε in (1/4, 1/2): K = 1
    assert grid[Fraction(2, 5)]["K_paper"] == 1 and grid[Fraction(2, 5)]["K_corrected"] == 2
    assert r.evidence["eps_above_one_half"][0]["nonempty_pair_possible"] is False
    assert r.evidence["symbolic"]["d_log_N_dd"] == "log(K)/t"


# --- Theorem 5.5 and Lemma 5.6 -----------------------------------------------------------

def test_theorem_5_5_exponent_grows_with_d() -> None:
    r = thm_5_5_size.check(**thm_5_5_size.SIZES["quick"])
    # a second route: k ln d (ln d / 2 + ln(1/((1−c)ε))) in mpmath at d = 784, k = 10
    x = r.evidence["exponents"][0]
    true = 10 * mpmath.log(784) * (mpmath.log(784) / 2 + mpmath.log(20))
    assert float(x["ln_size"][0]) <= float(true) <= float(x["ln_size"][1])
    # broken: "exp(O(k))", i.e. ln(size)/k bounded in d, against two exact brackets
    lo_small = thm_5_5_size._exponents(10, 2, Fraction(1, 4), Fraction(1, 2))
    hi_big = thm_5_5_size._exponents(10**9, 2, Fraction(1, 4), Fraction(1, 2))
    assert hi_big["ln_size_over_k"][0] > 10 * lo_small["ln_size_over_k"][1]


def test_lemma_5_6_printed_bound_below_one_and_corrected_above() -> None:
    r = lemma_5_6.check(instances=[{"d": 1, "k": 1, "eps": "1/4", "c": "1/2"}])
    (x,) = r.evidence["instances"]
    assert x["base_squared"] == Fraction(64)  # (sqrt(1)·4/(1/2))^2
    assert r.verdict == "fails"
    # the corrected bound (base)^(+k) is >= 1: it does not promise a constant network
    assert x["base_squared"] > 1


# --- Theorem 5.8 -------------------------------------------------------------------------

def test_packing_constant_against_mpmath() -> None:
    from proofs._manifold import ck_root_bounds, limit_bounds

    for k in (1, 2, 10):
        lo, hi = ck_root_bounds(k)
        vk = mpmath.pi ** (mpmath.mpf(k) / 2) / mpmath.gamma(mpmath.mpf(k) / 2 + 1)
        true = 1 / (2 * mpmath.sqrt(k) * vk ** (mpmath.mpf(1) / k))
        assert float(lo) <= float(true) <= float(hi)
    assert ck_root_bounds(1) == (Fraction(1, 4), Fraction(1, 4))
    lo, hi = limit_bounds()
    assert float(lo) <= float(1 / (2 * mpmath.sqrt(2 * mpmath.pi * mpmath.e))) <= float(hi)
    # broken: "C_k^(1/k) >= 1/4 for every k" fails at k = 10
    assert ck_root_bounds(10)[1] < Fraction(1, 4)


def test_range_thresholds_exact() -> None:
    r = thm_5_8_range.check(pairs=[{"d": 784, "k": 10}], radii=["1/20", "1/10", "1/100"])
    (p,) = r.evidence["pairs"]
    # 4 ε² d < k: 4·784/400 = 7.84 < 10; 4·784/100 = 31.36 > 10
    assert p["stated_exceeds_one"] == {"1/20": True, "1/10": False, "1/100": True}
    true = mpmath.sqrt(mpmath.mpf(10) / 784) / (4 * mpmath.sqrt(2 * mpmath.pi * mpmath.e))
    assert float(p["honest_threshold"]["lo"]) <= float(true) <= float(p["honest_threshold"]["hi"])
    assert p["honest_exceeds_one"] == {"1/20": False, "1/10": False, "1/100": False}
    assert pi_bounds(30)[0] < Fraction(355, 113)


def test_log_factor_packing_size() -> None:
    n = thm_5_8_log_factor.packing_size(Fraction(1, 100), 784, 10)
    assert n == math.floor((Fraction(10) / (4 * Fraction(1, 10**4) * 784)) ** 5) == 32970059


def test_quantifiers_small_circle() -> None:
    pts = thm_5_8_quantifiers.circle_points(3, Fraction(1, 10), 8)
    assert all((p[0] - Fraction(1, 2)) ** 2 + (p[1] - Fraction(1, 2)) ** 2 == Fraction(1, 100)
               for p in pts)
    assert thm_5_8_quantifiers.check(d=3, rho="1/10", eps="1/8", points=8).verdict == "fails"
    # a circle as wide as 2ε refutes nothing
    assert thm_5_8_quantifiers.check(d=3, rho="1/4", eps="1/8", points=8).verdict == \
        "not-checked"
