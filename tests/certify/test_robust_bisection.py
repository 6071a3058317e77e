"""Robustness proofs with input bisection (format version 3): the checker recomputes its
exact bounds on each half of a bisected box; a tampered bisection is REJECTED."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from verify.certify import check_certificate
from verify.certify.producer import make_robust_certificate
from verify.encodings.robust import verify_robustness
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
