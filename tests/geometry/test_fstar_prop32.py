"""f* of Proposition 3.2: exact values, Lipschitz bound, robust error, the printed statement."""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from verify.encodings import prop32_check, robust_error
from verify.errors import InvalidArgument
from verify.geometry import (
    distance_key,
    f_star,
    f_star_interval,
    f_star_intervals,
    lipschitz_check,
    lipschitz_quotient,
)
from verify.strategies import (
    SeparatedSets,
    points,
    rationals,
    separated_instances,
    separated_sets,
)

F = Fraction
# The printed statement's counterexample: A, B exactly 2eps apart (eps = 1/4).
PINNED = SeparatedSets(((F(0),),), ((F(1, 2),),), F(1, 4), "inf", True)


def _float_fstar(x, A, B, norm) -> float:
    def d(p, S):
        arr = np.array(S, dtype=float) - np.array(p, dtype=float)
        if norm == "inf":
            return float(np.abs(arr).max(axis=1).min())
        if norm == "1":
            return float(np.abs(arr).sum(axis=1).min())
        return float(np.sqrt((arr**2).sum(axis=1)).min())
    da, db = d(x, A), d(x, B)
    return (db - da) / (da + db)


def test_f_star_agrees_with_numpy_on_many_random_cases() -> None:
    rng = random.Random(3)
    for _ in range(300):
        d = rng.randint(1, 4)
        A = [tuple(F(rng.randint(0, 20), 20) for _ in range(d)) for _ in range(rng.randint(1, 4))]
        B = [tuple(F(rng.randint(21, 40), 20) for _ in range(d)) for _ in range(rng.randint(1, 4))]
        x = tuple(F(rng.randint(-10, 50), 20) for _ in range(d))
        for norm in ("inf", "1", "2"):
            lo, hi = f_star_interval(x, A, B, norm)
            approx = _float_fstar(x, A, B, norm)
            assert float(lo) - 1e-12 <= approx <= float(hi) + 1e-12
            assert hi - lo <= F(1, 2**50)
            if norm != "2":
                assert f_star(x, A, B, norm) == lo == hi


def test_f_star_is_plus_one_on_A_and_minus_one_on_B() -> None:
    A, B = [(0, 0), (0, 1)], [(1, 1)]
    for norm in ("inf", "1", "2"):
        assert all(f_star(a, A, B, norm) == 1 for a in A)
        assert f_star(B[0], A, B, norm) == -1


@settings(max_examples=40)
@given(separated_instances(), st.data())
@example(PINNED, None)
def test_lipschitz_bound_one_over_eps(inst, data) -> None:
    d = len(inst.A[0])
    if data is None:
        pairs = [((F(1, 8),), (F(3, 8),))]
    else:
        box = points(d, "-1/4", "5/4", 24)
        pairs = [data.draw(st.tuples(box, box).filter(lambda t: t[0] != t[1]))
                 for _ in range(3)]
    for x, y in pairs:
        chk = lipschitz_check(x, y, inst.A, inst.B, inst.norm, inst.eps)
        assert chk.holds is True, chk.evidence


def test_lipschitz_bound_is_attained_in_one_dimension() -> None:
    # A = {0}, B = {1/2}, eps = 1/4: f* = 1 - 4x on [0, 1/2], slope exactly 1/eps.
    assert lipschitz_quotient((F(1, 8),), (F(3, 8),), [(0,)], [(F(1, 2),)], "inf") == (4, 4)


@settings(max_examples=25)
@given(separated_instances(dims=(1, 2), max_size=5), rationals(0, "63/64", 64))
@example(PINNED, F(63, 64))
def test_zero_robust_error_below_eps(inst, frac) -> None:
    r = inst.eps * frac
    chk = robust_error(inst.A, inst.B, r, inst.norm)
    assert chk.holds is True, chk.evidence
    assert chk.evidence["error"] == 0


@settings(max_examples=25)
@given(separated_instances(dims=(1, 2), max_size=5, exact_boundary=True))
@example(PINNED)
def test_printed_statement_fails_when_the_separation_is_exactly_2eps(inst) -> None:
    """Proposition 3.2 as printed (closed ball, radius eps) fails: the midpoint of a pair
    exactly 2eps apart is within eps of both points and f* = 0 there."""
    chk = robust_error(inst.A, inst.B, inst.eps, inst.norm)
    assert chk.holds is False
    w = chk.evidence["witnesses"][0]
    assert "perturbed" in w
    xp = tuple(w["perturbed"])
    lo, hi = f_star_interval(xp, inst.A, inst.B, inst.norm)
    assert (lo <= 0) if w["label"] == 1 else (hi >= 0)
    limit = inst.eps**2 if inst.norm == "2" else inst.eps
    assert distance_key(xp, w["point"], inst.norm) <= limit
    report = prop32_check(inst.A, inst.B, inst.eps, inst.norm)
    printed = report[-1]
    assert printed.name == "printed_statement_radius_eps" and printed.holds is False
    assert printed.evidence["counterexample"]["f_star"] == 0


def test_printed_statement_counterexample_has_exact_coordinates() -> None:
    checks = prop32_check(PINNED.A, PINNED.B, PINNED.eps, "inf")
    ce = checks[-1].evidence["counterexample"]
    assert ce["point"] == [F(0)] and ce["perturbed"] == [F(1, 4)] and ce["f_star"] == 0


@settings(max_examples=25)
@given(separated_sets(2, "1/4", "inf", max_size=5), rationals(0, "1/2", 16))
def test_robust_error_is_sound_against_sampling(inst, r) -> None:
    """Every sampled perturbation that is misclassified is counted by the exact method."""
    chk = robust_error(inst.A, inst.B, r, "inf")
    sampled_bad = 0
    steps = [F(k, 4) * r for k in range(-4, 5)]
    for label, own in ((1, inst.A), (-1, inst.B)):
        for x in own:
            if any(label * f_star(tuple(c + h for c, h in zip(x, hs, strict=True)),
                                  inst.A, inst.B, "inf") <= 0
                   for hs in itertools.product(steps, repeat=2)):
                sampled_bad += 1
    assert chk.evidence["misclassified"] >= sampled_bad


def test_robust_error_l2_matches_closed_form_for_two_points() -> None:
    # A = {(0,0)}, B = {(1,1)}: misclassified iff r >= sqrt(2)/2 (distance to the bisector).
    for r, bad in ((F(7, 10), False), (F(71, 100), True), (F(1), True)):
        assert (robust_error([(0, 0)], [(1, 1)], r, "2").holds is False) == bad
        assert (r >= math.sqrt(2) / 2) == bad


def test_bad_input() -> None:
    with pytest.raises(InvalidArgument):
        f_star((0,), [(0,)], [(0,)], "inf")
    with pytest.raises(InvalidArgument):
        robust_error([(0,)], [(0,)], 0, "inf")
    with pytest.raises(InvalidArgument):
        robust_error([(0,)], [(1,)], -1, "inf")
    with pytest.raises(InvalidArgument):
        lipschitz_check((0,), (1,), [(0,)], [(2,)], "inf", 0)
    with pytest.raises(InvalidArgument):
        lipschitz_quotient((0,), (0,), [(0,)], [(2,)], "inf")


def test_vectorised_f_star_matches_pointwise() -> None:
    rng = random.Random(11)
    A = [(F(rng.randint(0, 9), 9), F(rng.randint(0, 9), 9)) for _ in range(5)]
    B = [(F(rng.randint(20, 29), 9), F(rng.randint(0, 9), 9)) for _ in range(5)]
    X = [(F(rng.randint(-9, 40), 9), F(rng.randint(-9, 18), 9)) for _ in range(30)]
    for norm in ("inf", "1", "2"):
        assert f_star_intervals(X, A, B, norm) == [f_star_interval(x, A, B, norm) for x in X]


def test_robust_error_on_another_labelled_sample() -> None:
    A, B = [(0, 0)], [(1, 0)]
    # (1/4, 0) is labelled +1; within 1/4 it reaches (1/2, 0) where f* = 0.
    chk = robust_error(A, B, "1/4", "inf", sample=[(F(1, 4), 0), (F(1, 4), 0)], labels="+-")
    assert chk.evidence["misclassified"] == 2 and chk.evidence["total"] == 2
    chk = robust_error(A, B, "1/5", "inf", sample=[(F(1, 4), 0), (F(3, 4), 0)], labels="+-")
    assert chk.holds is True
    chk = robust_error(A, B, "1/5", "2", sample=[(F(1, 4), 0)], labels="-")
    assert chk.holds is False  # f*(1/4, 0) > 0 already: wrong label at x' = x
    with pytest.raises(InvalidArgument):
        robust_error(A, B, "1/5", "inf", sample=[(0, 0)])


def test_an_undecided_point_is_never_reported_as_robust(monkeypatch) -> None:
    import verify.encodings.fstar_robust as fs

    monkeypatch.setattr(fs, "_worst_point",
                        lambda *a: fs.Perturbation("undecided", reason="z3 answered unknown"))
    chk = robust_error([(0,)], [(1,)], "1/10", "inf")
    assert chk.holds is None and chk.evidence["undecided"] == 2


@pytest.mark.parametrize(("spec", "norm"), [("grid:2:2", "inf"), ("grid:2:2", "1"),
                                            ("grid:3:1", "inf"), ("grid:2:2", "2")])
def test_exhaustive_prop32_on_small_grids(spec, norm) -> None:
    """Every split of a small grid into non-empty A, B, with eps = half the separation:
    zero robust error just below eps, and the printed statement fails at eps."""
    from verify.geometry import parse_spec, set_distance

    pts = parse_spec(spec).points
    n = len(pts)
    for bits in range(1, 2**n - 1):
        A = [p for i, p in enumerate(pts) if bits >> i & 1]
        B = [p for i, p in enumerate(pts) if not bits >> i & 1]
        key = set_distance(A, B, norm).value
        if norm == "2":
            root = math.isqrt(key.numerator * key.denominator)
            if root * root != key.numerator * key.denominator:
                continue  # eps would be irrational
            eps = F(root, key.denominator) / 2
        else:
            eps = key / 2
        assert robust_error(A, B, eps * F(15, 16), norm).holds is True
        at_eps = robust_error(A, B, eps, norm)
        assert at_eps.holds is False and at_eps.evidence["misclassified"] >= 2
