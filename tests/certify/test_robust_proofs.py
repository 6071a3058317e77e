"""Robustness proofs: z3's "verified" comes with phase splits and Farkas leaves that the
checker re-derives; tampered proofs are rejected; l2 beyond the box stays trusted."""

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


def test_l2_beyond_the_box_is_trusted_and_inside_it_verified() -> None:
    # f = x1 + x2 - 1/2 at (1, 1) with label +: the l2 ball of radius 1 misses the line
    # x1 + x2 = 1/2 (distance 3/(2*sqrt 2) > 1), the l_inf box of radius 1 crosses it
    net = ReLUNet.from_lists([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], ["-1/2"])])
    rep = verify_robustness(net, [[1, 1]], "+", "1", "2", prove=True)
    assert rep.robust is True
    check = check_certificate(make_robust_certificate(net, [[1, 1]], "+", rep))
    assert check.verdict == "partly-trusted" and "trusted from z3" in check.trusted[0]
    rep = verify_robustness(net, [[1, 1]], "+", "1/2", "2", prove=True)
    check = check_certificate(make_robust_certificate(net, [[1, 1]], "+", rep))
    assert check.verdict == "verified", (check.trusted, check.rejected)
