"""Robustness proofs with input bisection (format version 3): the checker recomputes its
exact bounds on each half of a bisected box; a tampered bisection is REJECTED."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.certify import check_certificate
from verify.certify.producer import make_robust_certificate
from verify.encodings.robust import RobustnessReport, robust_at, verify_robustness
from verify.encodings.robust_proof import prove_box
from verify.errors import InvalidArgument
from verify.nets import ReLUNet

SCHEMA = Path(__file__).resolve().parents[2] / "verify" / "certify" / "schema.json"
# f(x) = 1/8 + ReLU(x - 1/4) - 2·ReLU(x - 1/2) + 2·ReLU(x - 3/4): minimum 1/8 on [0, 1],
# three units unstable on the box [0, 1] = 1/2 ± 1/2
NET = ReLUNet.from_lists([([[1], [1], [1]], ["-1/4", "-1/2", "-3/4"]),
                          ([[1, -2, 2]], ["1/8"])])
X, R = (Fraction(1, 2),), Fraction(1, 2)


def _certificate(proof: dict[str, Any] | None) -> dict[str, Any]:
    rep = verify_robustness(NET, [list(X)], "+", R)
    assert rep.robust is True  # z3 agrees: the point is robust
    cert = make_robust_certificate(NET, [list(X)], "+", rep)
    res = cert["answer"]["results"][0]
    res["proof"] = json.loads(json.dumps(proof, default=str))  # rationals as text
    res["provenance"] = {"solver": "z3"}
    return cert


def _proof(cert: dict[str, Any]) -> dict[str, Any]:
    tree: dict[str, Any] = cert["answer"]["results"][0]["proof"]["tree"]
    return tree


def test_bisection_closes_what_a_small_phase_split_cannot() -> None:
    # the phase split alone needs 15 nodes; with 3 nodes per box, bisection closes it
    assert prove_box(NET, X, 1, R, bisect=False, max_nodes=11) is None
    assert prove_box(NET, X, 1, R, bisect=False, max_nodes=3) is None
    proof = prove_box(NET, X, 1, R, box_nodes=3)
    assert proof is not None
    tree = proof["tree"]
    assert tree["bisect"] == [0, Fraction(1, 2)]
    assert tree["low"] == {"bounds": True}      # on [0, 1/2] the bounds suffice
    assert "phase" in tree["high"]               # on [1/2, 1]: units 0, 1 stable, split unit 2
    check = check_certificate(_certificate(proof))
    assert check.verdict == "verified", check.rejected
    assert not check.trusted
    assert any("; 1 input bisections" in c and "R9" in c for c in check.checked)


def test_bisection_proofs_follow_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="installed with the [test] extra")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    cert = _certificate(prove_box(NET, X, 1, R, box_nodes=3))
    validator.validate(cert)
    bad = copy.deepcopy(cert)
    del _proof(bad)["high"]
    assert not validator.is_valid(bad)


@pytest.mark.parametrize("tamper", ["outside", "at-edge", "missing", "moved-down", "moved-up",
                                    "swapped", "bounds-at-root"])
def test_tampered_bisections_are_rejected(tamper: str) -> None:
    cert = _certificate(prove_box(NET, X, 1, R, box_nodes=3))
    tree = _proof(cert)
    if tamper == "outside":
        tree["bisect"][1] = "2"                 # split value outside the box [0, 1]
    elif tamper == "at-edge":
        tree["bisect"][1] = "1"                 # not strictly inside: one half is a face
    elif tamper == "missing":
        del tree["high"]                        # a missing child
    elif tamper == "moved-down":
        tree["bisect"][1] = "3/8"               # altered child boxes: [0, 3/8], [3/8, 1]
    elif tamper == "moved-up":
        tree["bisect"][1] = "5/8"               # [0, 5/8], [5/8, 1]
    elif tamper == "swapped":
        # the high half's leaves rely on units 0, 1 being on, which holds only there
        tree["low"], tree["high"] = tree["high"], tree["low"]
    else:
        cert["answer"]["results"][0]["proof"]["tree"] = {"bounds": True}
    check = check_certificate(cert)
    assert check.verdict == "rejected", tamper
    assert check.rejected


def test_bisection_needs_format_version_3() -> None:
    cert = _certificate(prove_box(NET, X, 1, R, box_nodes=3))
    assert cert["version"] == 3
    old = copy.deepcopy(cert)
    old["version"] = 2
    with pytest.raises(InvalidArgument, match="version 3"):
        check_certificate(old)
    # a version-2 proof (phase splits only) is still checked as before
    plain = _certificate(prove_box(NET, X, 1, R, bisect=False))
    plain["version"] = 2
    assert check_certificate(plain).verdict == "verified"


def test_no_proof_when_a_half_holds_a_misclassified_point() -> None:
    # this f is -1/8 on [0, 1/4]: a misclassified point, no bisection can prove it
    low = ReLUNet.from_lists([([[1], [1], [1]], ["-1/4", "-1/2", "-3/4"]),
                              ([[1, -2, 2]], ["-1/8"])])
    assert prove_box(low, X, 1, R, box_nodes=3) is None


def test_theorem_2_2_memorizer_in_dimension_3_is_verified() -> None:
    # the report cites these proofs for d = 3 (certify_max_d = 3 at default size)
    from proofs import thm_2_2_linf

    r = thm_2_2_linf.check(instances=[{"N": 6, "d": 3}], eps="1/5", seed=1, probes=[],
                           probe_instances=0, certify_max_d=3)
    assert r.verdict == "holds-on-instances"
    check = r.certificates[0]["check"]
    assert check["verdict"] == "verified" and not check["trusted"]
    assert any("input bisections" in c for c in check["checked"])
    assert thm_2_2_linf.SIZES["default"]["certify_max_d"] == 3


rationals = st.builds(Fraction, st.integers(-6, 6), st.integers(1, 4))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(rationals, rationals), min_size=3, max_size=3),
       st.lists(st.tuples(rationals, rationals, rationals), min_size=2, max_size=2),
       st.lists(rationals, min_size=6, max_size=6), st.tuples(rationals, rationals),
       st.sampled_from([1, -1]), st.builds(Fraction, st.integers(1, 3), st.integers(1, 4)))
def test_bisection_proofs_on_two_hidden_layers_agree_with_z3(w1, w2, b, x, y, r) -> None:  # type: ignore[no-untyped-def]
    # 2-3-2-1 networks; phase splits only on boxes with <= 1 unstable unit (3 nodes
    # each), else bisection: every proof found is verified, none where z3 found a
    # counterexample
    net = ReLUNet.from_lists([([list(row) for row in w1], b[:3]),
                              ([list(row) for row in w2], b[3:5]), ([[1, -1]], b[5:])])
    pt = tuple(x)
    res = robust_at(net, pt, y, r, "inf", sample=False)
    proof = prove_box(net, pt, y, r, max_nodes=400, box_nodes=3, split_units=1)
    if res.status == "counterexample":
        assert proof is None  # a box with a misclassified point has no proof
    if proof is not None:
        cert = make_robust_certificate(net, [list(pt)], "+" if y > 0 else "-",
                                       RobustnessReport(r, "inf", (res,)))
        result = cert["answer"]["results"][0]
        result.update(proof=json.loads(json.dumps(proof, default=str)),
                      provenance={"solver": "z3"}, status="verified")
        cert["answer"]["robust"] = True
        check = check_certificate(cert)
        assert check.verdict == "verified", check.rejected


def test_l2_memorizer_proved_by_a_bisected_box() -> None:
    # under l2 the box proof (bisected) comes first; it proves the ball inside the box
    from verify.nets import robust_memorizer

    cube = [[0, 0], [0, 1], [1, 0], [1, 1]]
    net = robust_memorizer(cube, "-++-", "1/2", "1/4")
    rep = verify_robustness(net, cube, "-++-", "3/10", "2", prove=True)
    assert rep.robust is True
    assert any("bisect" in json.dumps(res.proof, default=str) for res in rep.results)
    check = check_certificate(make_robust_certificate(net, cube, "-++-", rep))
    assert check.verdict == "verified" and not check.trusted
