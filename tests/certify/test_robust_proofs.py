"""Robustness proofs: z3's "verified" comes with phase splits and Farkas leaves that the
checker re-derives; tampered proofs are rejected; l2 beyond the box is proved by l2 leaves
(the KKT multipliers of the region's nearest point)."""

from __future__ import annotations

import copy
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from verify.certify import check_certificate
from verify.certify.producer import make_robust_certificate
from verify.encodings.robust import robust_at, verify_robustness
from verify.encodings.robust_proof import prove_box
from verify.nets import ReLUNet, robust_memorizer

CUBE = [[0, 0], [0, 1], [1, 0], [1, 1]]
rationals = st.builds(Fraction, st.integers(-6, 6), st.integers(1, 4))


def test_memorizer_certificate_is_verified_without_trust() -> None:
    net = robust_memorizer(CUBE, "-++-", "1/2", "1/4")
    rep = verify_robustness(net, CUBE, "-++-", "1/4", prove=True)
    assert rep.robust is True
    check = check_certificate(make_robust_certificate(net, CUBE, "-++-", rep))
    assert check.verdict == "verified", (check.trusted, check.rejected)
    assert not check.trusted


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(rationals, rationals), min_size=3, max_size=3),
       st.lists(rationals, min_size=3, max_size=3), rationals,
       st.tuples(rationals, rationals), st.sampled_from([1, -1]),
       st.builds(Fraction, st.integers(1, 3), st.integers(1, 4)))
def test_proofs_agree_with_z3_and_check(w, b, c, x, y, r) -> None:  # type: ignore[no-untyped-def]
    net = ReLUNet.from_lists([([list(row) for row in w], b), ([[1, -1, 1]], [c])])
    pt = tuple(x)
    res = robust_at(net, pt, y, r, "inf", sample=False)
    proof = prove_box(net, pt, y, r)
    if res.status == "counterexample":
        assert proof is None  # a box with a misclassified point has no proof
    if proof is not None:
        cert = make_robust_certificate(net, [list(pt)], "+" if y > 0 else "-",
                                       _report(res, r))
        cert["answer"]["results"][0]["proof"] = proof
        cert["answer"]["results"][0]["provenance"] = {"solver": "z3"}
        cert["answer"]["results"][0]["status"] = "verified"
        cert["answer"]["robust"] = True
        assert check_certificate(cert).verdict == "verified"


def _report(res, r):  # type: ignore[no-untyped-def]
    from verify.encodings.robust import RobustnessReport

    return RobustnessReport(r, "inf", (res,))


def test_tampered_proofs_are_rejected() -> None:
    net = ReLUNet.from_lists([([[1], [-1]], [0, 0]), ([[1, 1]], ["-1/2"])])  # |x| - 1/2
    res = robust_at(net, [2], 1, "1", "inf", sample=False, prove=True)
    assert res.status == "verified"
    cert = make_robust_certificate(net, [[2]], "+", _report(res, Fraction(1)))
    cert["answer"]["results"][0]["proof"] = prove_box(net, (Fraction(2),), 1, Fraction(1))
    cert["answer"]["results"][0]["provenance"] = {"solver": "z3"}
    assert check_certificate(cert).verdict == "verified"
    # a larger radius: the same proof no longer excludes the box
    wide = copy.deepcopy(cert)
    wide["question"]["radius"] = "2"
    assert check_certificate(wide).verdict == "rejected"
    # an altered weight
    stack = [cert["answer"]["results"][0]["proof"]["tree"]]
    leaves = []
    while stack:
        node = stack.pop()
        if "farkas" in node:
            leaves.append(node)
        else:
            stack += [node.get("on"), node.get("off")] if "phase" in node else []
    for k in range(len(leaves)):
        bad = copy.deepcopy(cert)
        bstack = [bad["answer"]["results"][0]["proof"]["tree"]]
        bl = []
        while bstack:
            node = bstack.pop()
            if "farkas" in node:
                bl.append(node)
            elif "phase" in node:
                bstack += [node["on"], node["off"]]
        bl[k]["farkas"][0][3] = -1
        assert check_certificate(bad).verdict == "rejected"


def test_l2_beyond_the_box_is_verified_by_l2_leaves() -> None:
    # f = x1 + x2 - 1/2 at (1, 1) with label +: the l2 ball of radius 1 misses the line
    # x1 + x2 = 1/2 (distance 3/(2*sqrt 2) > 1), the l_inf box of radius 1 crosses it
    net = ReLUNet.from_lists([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], ["-1/2"])])
    assert prove_box(net, (Fraction(1), Fraction(1)), 1, Fraction(1)) is None
    rep = verify_robustness(net, [[1, 1]], "+", "1", "2", prove=True)
    assert rep.robust is True
    check = check_certificate(make_robust_certificate(net, [[1, 1]], "+", rep))
    assert check.verdict == "verified", (check.trusted, check.rejected)
    # the leaf is the KKT one: the weight of -y*f >= 0 is the multiplier 3/4
    # (nearest point (1/4, 1/4), p - x = 3/4 * (-1, -1))
    assert rep.results[0].proof == {"tree": {"farkas": [["v", 0, 0, Fraction(3, 4)]]}}
    # a radius just past the distance 3/(2*sqrt 2) ~ 1.0607: a counterexample, no proof
    rep = verify_robustness(net, [[1, 1]], "+", "107/100", "2", prove=True)
    assert rep.robust is False
    # the weight made smaller so the combined inequality no longer clears the ball
    rep = verify_robustness(net, [[1, 1]], "+", "1", "2", prove=True)
    cert = make_robust_certificate(net, [[1, 1]], "+", rep)
    cert["answer"]["results"][0]["proof"]["tree"]["farkas"][0][3] = "1/100"
    assert check_certificate(cert).verdict == "verified"  # positive scaling changes nothing
    cert["question"]["radius"] = "11/10"  # past the distance: the leaf no longer holds
    assert check_certificate(cert).verdict == "rejected"


def test_l2_leaves_after_phase_splits() -> None:
    # |x1| + |x2| - 1/4 at (1, 1), label +, radius 11/10: on the box all four units are
    # unstable and the corner (-1/10, -1/10) is misclassified; the l2 ball is not (the
    # diamond |x1| + |x2| <= 1/4 is at distance (7/4)/sqrt 2 > 11/10 from (1, 1))
    net = ReLUNet.from_lists([([[1, 0], [-1, 0], [0, 1], [0, -1]], [0, 0, 0, 0]),
                              ([[1, 1, 1, 1]], ["-1/4"])])
    x, r = (Fraction(1), Fraction(1)), Fraction(11, 10)
    assert prove_box(net, x, 1, r) is None
    proof = prove_box(net, x, 1, r, norm="2")
    assert proof is not None and "phase" in proof["tree"]
    assert robust_at(net, x, 1, r, "2", sample=False).status == "verified"
    rep = verify_robustness(net, [list(x)], "+", r, "2", prove=True)
    check = check_certificate(make_robust_certificate(net, [list(x)], "+", rep))
    assert check.verdict == "verified", (check.trusted, check.rejected)
    # past the distance 1.2374: a counterexample, and no proof
    assert prove_box(net, x, 1, Fraction(5, 4), norm="2") is None
    assert robust_at(net, x, 1, Fraction(5, 4), "2").status == "counterexample"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(rationals, rationals), min_size=3, max_size=3),
       st.lists(rationals, min_size=3, max_size=3), rationals,
       st.tuples(rationals, rationals), st.sampled_from([1, -1]),
       st.builds(Fraction, st.integers(1, 3), st.integers(1, 4)))
def test_l2_proofs_agree_with_z3_and_check(w, b, c, x, y, r) -> None:  # type: ignore[no-untyped-def]
    net = ReLUNet.from_lists([([list(row) for row in w], b), ([[1, -1, 1]], [c])])
    pt = tuple(x)
    res = robust_at(net, pt, y, r, "2", sample=False)
    proof = prove_box(net, pt, y, r, norm="2")
    if res.status == "counterexample":
        assert proof is None  # a ball with a misclassified point has no proof
    if res.status == "verified":
        assert proof is not None  # no limit is reached on 3 units: z3's verdict is proved
    if proof is not None:
        from verify.encodings.robust import RobustnessReport

        cert = make_robust_certificate(net, [list(pt)], "+" if y > 0 else "-",
                                       RobustnessReport(r, "2", (res,)))
        cert["answer"]["results"][0]["proof"] = proof
        cert["answer"]["results"][0]["provenance"] = {"solver": "z3"}
        cert["answer"]["results"][0]["status"] = "verified"
        cert["answer"]["robust"] = True
        assert check_certificate(cert).verdict == "verified"
