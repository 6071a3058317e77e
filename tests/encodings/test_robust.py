"""Robustness verification: exact verdicts, re-checked counterexamples, z3 against MILP."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import verify.encodings.robust as robust_mod
from verify.encodings.robust import (
    RobustnessResult,
    is_counterexample,
    robust_at,
    verify_robustness,
)
from verify.errors import InvalidArgument, SolverError
from verify.nets import Layer, ReLUNet, robust_memorizer

rationals = st.builds(
    Fraction, st.integers(min_value=-6, max_value=6), st.integers(min_value=1, max_value=4)
)


@st.composite
def one_hidden(draw, m=1, width=3):  # type: ignore[no-untyped-def]
    W = [[draw(rationals) for _ in range(m)] for _ in range(width)]
    b = [draw(rationals) for _ in range(width)]
    out = [[draw(rationals) for _ in range(width)]]
    return ReLUNet.from_lists([(W, b), (out, [draw(rationals)])])


def _rechecked(res: RobustnessResult, net: ReLUNet, radius: object, norm: str) -> None:
    """Every counterexample is in the closed ball and misclassified, exactly."""
    if res.status == "counterexample":
        assert res.counterexample is not None
        assert is_counterexample(net, res.point, res.label, radius, norm, res.counterexample)
        assert res.value == net.evaluate(res.counterexample)


def _shift_output(net: ReLUNet, delta: Fraction) -> ReLUNet:
    last = net.layers[-1]
    return ReLUNet((*net.layers[:-1], Layer(last.weights, (last.bias[0] + delta,))))


PTS = [[0, 0], [1, 1], [0, 1], [1, 0], [Fraction(1, 2), Fraction(1, 2)]]
LABELS = "+-+-+"


@pytest.mark.parametrize("method", ["z3", "milp"])
def test_memorizer_is_verified_robust_and_a_perturbed_copy_is_refuted(method: str) -> None:
    net = robust_memorizer(PTS, LABELS, "1/4", "1/8")
    rep = verify_robustness(net, PTS, LABELS, "1/8", "inf", method=method)
    assert rep.counts == {"verified": 5, "counterexample": 0, "unknown": 0}
    assert rep.robust is (True if method == "z3" else None)  # MILP "verified" is numeric
    bad = _shift_output(net, Fraction(-1))  # f - 1: every +1 point is now misclassified
    rep2 = verify_robustness(bad, PTS, LABELS, "1/8", "inf", method=method)
    assert rep2.robust is False
    assert [r.status for r in rep2.results] == [
        "counterexample", "verified", "counterexample", "verified", "counterexample"]
    for r in rep2.results:
        _rechecked(r, bad, "1/8", "inf")


def test_memorizer_in_l2_ball_is_verified() -> None:
    net = robust_memorizer(PTS[:4], LABELS[:4], "1/2", "1/4")
    rep = verify_robustness(net, PTS[:4], LABELS[:4], "1/4", "2")
    assert rep.robust is True


def _brute_force_1d(net: ReLUNet, x: Fraction, y: int, r: Fraction) -> bool:
    """1 input, 1 hidden layer: f is linear between the breakpoints -b/w, so the
    minimum of y*f over [x-r, x+r] is attained at an end or a breakpoint."""
    cands = [x - r, x + r]
    for row, b in zip(net.layers[0].weights, net.layers[0].bias, strict=True):
        if row[0] != 0 and x - r <= -b / row[0] <= x + r:
            cands.append(-b / row[0])
    return all(y * net.evaluate([c]) > 0 for c in cands)


@given(one_hidden(), rationals, st.sampled_from([1, -1]),
       st.builds(Fraction, st.integers(0, 8), st.integers(1, 4)))
@example(ReLUNet.from_lists([([[1]], [0]), ([[1]], [-1])]), Fraction(2), 1, Fraction(1))
@example(ReLUNet.from_lists([([[1]], [0]), ([[1]], [-1])]), Fraction(2), 1, Fraction(0))
def test_z3_and_milp_agree_with_breakpoint_brute_force(net, x, y, r) -> None:  # type: ignore[no-untyped-def]
    truth = _brute_force_1d(net, x, y, r)
    for method in ("z3", "milp"):
        res = robust_at(net, [x], y, r, "inf", method=method, sample=False)
        _rechecked(res, net, r, "inf")
        assert res.status == ("verified" if truth else "counterexample"), method


@given(one_hidden(m=2, width=2), st.tuples(rationals, rationals), st.sampled_from([1, -1]),
       st.builds(Fraction, st.integers(0, 4), st.integers(1, 4)))
def test_z3_and_milp_agree_in_two_dimensions(net, x, y, r) -> None:  # type: ignore[no-untyped-def]
    a = robust_at(net, x, y, r, "inf", method="z3", sample=False)
    b = robust_at(net, x, y, r, "inf", method="milp")
    _rechecked(a, net, r, "inf")
    _rechecked(b, net, r, "inf")
    assert a.status == b.status
    # l2 ball is inside the l_inf ball: l_inf-robust implies l2-robust
    c = robust_at(net, x, y, r, "2", sample=False)
    _rechecked(c, net, r, "2")
    if a.status == "verified":
        assert c.status == "verified"


def test_l2_tangent_counterexample_is_rational_and_exact() -> None:
    # f(x) = 5 - 3 x1 - 4 x2 touches 0 on the unit circle only at (3/5, 4/5)
    net = ReLUNet.from_lists([([[3, 4]], [10]), ([[-1]], [15])])
    res = robust_at(net, [0, 0], 1, 1, "2")
    assert res.status == "counterexample"
    assert res.counterexample == (Fraction(3, 5), Fraction(4, 5)) and res.value == 0
    assert robust_at(net, [0, 0], 1, "99/100", "2").status == "verified"
    # the exact fallback (nearest point of the activation region) finds the same point
    bounds = robust_mod._interval_bounds(net, [Fraction(-1)] * 2, [Fraction(1)] * 2)
    near = robust_mod._nearest_in_pattern(net, (Fraction(0), Fraction(0)), 1, bounds, [], None)
    assert near == (Fraction(3, 5), Fraction(4, 5))


def test_nearest_point_with_an_unstable_unit() -> None:
    # f(x) = ReLU(x1) - 1 around 0 with label +1: region "active" and f <= 0; nearest is 0
    net = ReLUNet.from_lists([([[1, 0]], [0]), ([[1]], [-1])])
    zero = (Fraction(0), Fraction(0))
    bounds = robust_mod._interval_bounds(net, [Fraction(-1)] * 2, [Fraction(1)] * 2)
    assert robust_mod._nearest_in_pattern(net, zero, 1, bounds, [True], None) == zero
    assert robust_mod._nearest_in_pattern(net, zero, 1, bounds, [False], None) == zero


def test_radius_zero_is_plain_classification_and_zero_output_is_wrong() -> None:
    net = ReLUNet.from_lists([([[1]], [0]), ([[1]], [-1])])
    for x, y, want in [(2, 1, "verified"), (1, 1, "counterexample"), (1, -1, "counterexample"),
                       (0, -1, "verified")]:
        res = robust_at(net, [x], y, 0, "inf")
        assert res.status == want
        if want == "counterexample":
            assert res.counterexample == (Fraction(x),)


def test_solver_crash_is_unknown(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise SolverError("simulated crash")

    monkeypatch.setattr(robust_mod, "_z3_portfolio", boom)
    monkeypatch.setattr(robust_mod, "proved_by_bounds", lambda *a: False)
    net = ReLUNet.from_lists([([[1]], [0]), ([[1]], [-1])])
    res = robust_at(net, [2], 1, "1/2")
    assert res.status == "unknown" and "simulated crash" in (res.reason or "")
    rep = verify_robustness(net, [[2]], "+", "1/2")
    assert rep.robust is None


def test_a_bug_in_the_back_end_surfaces(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def bug(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug")

    monkeypatch.setattr(robust_mod, "_z3_portfolio", bug)
    monkeypatch.setattr(robust_mod, "proved_by_bounds", lambda *a: False)
    net = ReLUNet.from_lists([([[1]], [0]), ([[1]], [-1])])
    with pytest.raises(RuntimeError, match="a bug"):
        robust_at(net, [2], 1, "1/2")


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"radius": "-1"}, "radius"),
        ({"radius": 0.5}, "float"),
        ({"norm": "1"}, "norm"),
        ({"labels": "+-"}, "labels"),
        ({"method": "lp"}, "method"),
        ({"method": "milp", "norm": "2"}, "milp"),
    ],
)
def test_bad_arguments(kwargs, match) -> None:  # type: ignore[no-untyped-def]
    net = ReLUNet.from_lists([([[1]], [0]), ([[1]], [-1])])
    args = {"points": [[2]], "labels": "+", "radius": "1/2", "norm": "inf", **kwargs}
    with pytest.raises(InvalidArgument, match=match):
        verify_robustness(net, args.pop("points"), args.pop("labels"), args.pop("radius"),
                          args.pop("norm"), **args)


def test_every_grid_point_of_a_memorizer_on_cube3() -> None:
    pts = [list(p) for p in itertools.product((0, 1), repeat=3)]
    labels = "".join("+" if sum(p) % 2 else "-" for p in pts)  # parity: hardest labeling
    net = robust_memorizer(pts, labels, "1/2", "1/4")
    rep = verify_robustness(net, pts, labels, "1/4", "inf")
    assert rep.robust is True and rep.counts["verified"] == 8


@st.composite
def net_and_box(draw):  # type: ignore[no-untyped-def]
    m = draw(st.integers(1, 3))
    widths = [m, *(draw(st.integers(1, 4)) for _ in range(draw(st.integers(1, 3)))), 1]
    layers = [([[draw(rationals) for _ in range(a)] for _ in range(b)],
               [draw(rationals) for _ in range(b)]) for a, b in itertools.pairwise(widths)]
    x = [draw(rationals) for _ in range(m)]
    r = draw(st.builds(Fraction, st.integers(0, 8), st.integers(1, 4)))
    inner = draw(st.lists(st.lists(st.integers(-8, 8), min_size=m, max_size=m), min_size=1,
                          max_size=6))
    return ReLUNet.from_lists(layers), x, r, [[xi + r * Fraction(t, 8) for xi, t in
                                               zip(x, row, strict=True)] for row in inner]


@given(net_and_box())
def test_back_substituted_bounds_are_sound_and_tighter(case) -> None:  # type: ignore[no-untyped-def]
    net, x, r, samples = case
    lo, hi = [Fraction(v) - r for v in x], [Fraction(v) + r for v in x]
    tight = robust_mod._tight_bounds(net, lo, hi)
    loose = robust_mod._interval_bounds(net, lo, hi)
    for p in samples:
        h = p
        for i, layer in enumerate(net.layers[:-1]):
            z = [sum((w * v for w, v in zip(row, h, strict=True)), b)
                 for row, b in zip(layer.weights, layer.bias, strict=True)]
            for j, zj in enumerate(z):
                assert tight[i][j][0] <= zj <= tight[i][j][1]
                assert loose[i][j][0] <= tight[i][j][0] and tight[i][j][1] <= loose[i][j][1]
            h = [max(v, Fraction(0)) for v in z]


@st.composite
def two_hidden(draw):  # type: ignore[no-untyped-def]
    widths = [2, draw(st.integers(1, 3)), draw(st.integers(1, 3)), 1]
    return ReLUNet.from_lists([([[draw(rationals) for _ in range(a)] for _ in range(b)],
                                [draw(rationals) for _ in range(b)])
                               for a, b in itertools.pairwise(widths)])


@given(two_hidden(), st.tuples(rationals, rationals), st.sampled_from([1, -1]),
       st.builds(Fraction, st.integers(0, 4), st.integers(1, 4)))
def test_z3_milp_and_sampling_agree_on_two_hidden_layers(net, x, y, r) -> None:  # type: ignore[no-untyped-def]
    a = robust_at(net, x, y, r, "inf", method="z3", sample=False)
    b = robust_at(net, x, y, r, "inf", method="milp")
    c = robust_at(net, x, y, r, "inf", method="z3")  # sampled witnesses first
    for res in (a, b, c):
        _rechecked(res, net, r, "inf")
    assert a.status == b.status == c.status
    pt = tuple(Fraction(v) for v in x)
    plain = robust_mod._z3_check(net, pt, y, r, "inf", None)  # one query, no bound proof
    assert plain[0] == a.status
    if plain[1] is not None:
        assert is_counterexample(net, pt, y, r, "inf", plain[1])


@given(two_hidden(), st.tuples(rationals, rationals), st.sampled_from([1, -1]),
       st.builds(Fraction, st.integers(1, 4), st.integers(1, 4)), st.sampled_from(["inf", "2"]))
def test_bisection_path_agrees_with_one_query(net, x, y, r, norm) -> None:  # type: ignore[no-untyped-def]
    import verify.encodings.robust_z3 as z3_mod

    pt = tuple(Fraction(v) for v in x)
    real = z3_mod.z3_check

    def slow_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("box") is None:
            return "unknown", None, "simulated time-out"
        return real(*args, **kwargs)

    whole = real(net, pt, y, r, norm, None)
    z3_mod.z3_check = slow_first  # the portfolio calls the module's z3_check
    try:
        split = z3_mod.z3_portfolio(net, pt, y, r, norm, None)
    finally:
        z3_mod.z3_check = real
    assert split[0] == whole[0]
    if split[1] is not None:
        assert is_counterexample(net, pt, y, r, norm, split[1])


def test_a_deep_thin_network_is_decided_without_the_quadratic_bounds():
    # 800 layers of the identity on two ReLU units, then f(x) = x1 + x2 (x >= 0): the
    # back-substituted bounds cost ~4·800² products of Fractions (3000 layers ran without
    # end, past --timeout); past MAX_BOUNDS_WORK the interval bounds stand in (sound) and
    # z3 decides, the answers those of the closed form
    from verify.encodings.robust_bounds import MAX_BOUNDS_WORK, bounds_work

    identity = ([[1, 0], [0, 1]], [0, 0])
    net = ReLUNet.from_lists([identity] * 800 + [([[1, 1]], [0])])
    assert bounds_work(net) > MAX_BOUNDS_WORK
    points = [[1, 1], ["1/20", 0], [2, 3]]
    report = verify_robustness(net, points, [1, 1, -1], "1/10", "inf", timeout=60)
    # x + [-1/10, 1/10]^2 stays where x1 + x2 > 0 for (1, 1) only; (1/20, 0) reaches
    # x1 + x2 = 0 (f = 0 counts as wrong); f > 0 everywhere near (2, 3), labelled -1
    assert [r.status for r in report.results] == ["verified", "counterexample",
                                                  "counterexample"]
    for r, y in zip(report.results[1:], (1, -1), strict=True):
        assert y * net.evaluate(r.counterexample) <= 0
