"""Certificates: round trip, exact re-check of witnesses and counterexamples, tampering."""

from __future__ import annotations

import copy
import json
from fractions import Fraction

import pytest

from verify.certify import check_certificate, load_certificate
from verify.certify.producer import (
    make_realize_certificate,
    make_robust_certificate,
    write_certificate,
)
from verify.cli import main
from verify.encodings.result import Decision
from verify.encodings.robust import verify_robustness
from verify.errors import InvalidArgument
from verify.nets import Layer, ReLUNet, robust_memorizer

CUBE = [[0, 0], [0, 1], [1, 0], [1, 1]]
XOR = "-++-"
# 2|x1 - x2| - 1 realizes XOR on the cube: 2 ReLU(x1 - x2) + 2 ReLU(x2 - x1) - 1
XOR_NET = ReLUNet.from_lists([([[1, -1], [-1, 1]], [0, 0]), ([[2, 2]], [-1])])


def _roundtrip(cert, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "cert.json"
    write_certificate(str(path), cert)
    return load_certificate(str(path))


def test_realizable_certificate_round_trips_and_checks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cert = make_realize_certificate(CUBE, XOR, "2-2-1", "int:2",
                                    Decision.realizable(XOR_NET, solver="z3", version="x"))
    check = check_certificate(_roundtrip(cert, tmp_path))
    assert check.verdict == "verified" and len(check.checked) == 2 and not check.trusted
    # the same witness does not realize the complementary labeling
    bad = copy.deepcopy(cert)
    bad["question"]["labels"] = "+--+"
    assert check_certificate(bad).verdict == "rejected"
    # and is outside int:0
    bad2 = copy.deepcopy(cert)
    bad2["question"]["class"] = "int:1"
    assert "outside the class" in check_certificate(bad2).rejected[0]
    # a witness of the wrong architecture is rejected
    bad3 = copy.deepcopy(cert)
    bad3["question"]["architecture"] = "2-3-1"
    assert "architecture" in check_certificate(bad3).rejected[0]


def test_refutation_is_reported_as_trusted() -> None:
    d = Decision.unrealizable(solver="z3", version="4.13.0", encoding="LRA", seconds=0.5)
    check = check_certificate(make_realize_certificate(CUBE, XOR, "2-1-1", "real", d))
    assert check.verdict == "verified" and not check.trusted
    assert any("Farkas leaves" in c for c in check.checked)
    # the same answer without its proof: a real m-h-1 refutation must be proved
    bare = make_realize_certificate(CUBE, XOR, "2-1-1", "real", d, prove=False)
    check = check_certificate(bare)
    assert check.verdict == "rejected" and "no refutation proof" in check.rejected[0]
    # width-1 layers after the first: the m-h-1 proof and the reduction, lemma C1, named
    check = check_certificate(make_realize_certificate(CUBE, XOR, "2-1-1-1", "real", d))
    assert check.verdict == "verified" and "C1" in check.checked[-1]
    # other deeper networks cannot be proved: trusted from the named solver
    check = check_certificate(make_realize_certificate(CUBE, XOR, "2-2-2-1", "real", d))
    assert check.verdict == "partly-trusted"
    assert check.trusted == ["refutation not re-checkable, trusted from z3 4.13.0 "
                             "(encoding: LRA; 0.5 s)"]


def test_robust_certificate_counterexamples_rechecked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    net = robust_memorizer(CUBE, "+--+", "1/2", "1/4")
    last = net.layers[-1]
    bad_net = ReLUNet((*net.layers[:-1], Layer(last.weights, (last.bias[0] - 1,))))
    rep = verify_robustness(bad_net, CUBE, "+--+", "1/4", "inf")
    cert = _roundtrip(make_robust_certificate(bad_net, CUBE, "+--+", rep), tmp_path)
    check = check_certificate(cert)
    assert check.verdict == ("partly-trusted" if check.trusted else "verified")
    assert "2 counterexample(s) re-checked" in check.checked[0]
    # the two -1 points: verified by exact bounds (re-checked) or by z3 (trusted)
    n_bounds = sum(r["provenance"]["solver"] == "exact-bounds" for r in cert["answer"]["results"])
    assert len(check.trusted) == 2 - n_bounds
    assert (len(check.checked) == 2) == (n_bounds > 0)
    # move a counterexample out of the ball: rejected
    t1 = copy.deepcopy(cert)
    t1["answer"]["results"][0]["counterexample"] = ["-1/2", "0"]
    assert "outside the closed ball" in check_certificate(t1).rejected[0]
    # a correctly classified point is not a counterexample
    t2 = copy.deepcopy(cert)
    t2["question"]["network"] = net.to_json()
    assert any("classified correctly" in f for f in check_certificate(t2).rejected)
    # a wrong recorded value
    t3 = copy.deepcopy(cert)
    t3["answer"]["results"][0]["value"] = "7/1"
    assert "recorded value" in check_certificate(t3).rejected[0]


def test_robust_claim_must_match_results() -> None:
    net = robust_memorizer(CUBE, "+--+", "1/2", "1/4")
    rep = verify_robustness(net, CUBE, "+--+", "1/4", "inf")
    cert = make_robust_certificate(net, CUBE, "+--+", rep)
    check = check_certificate(cert)
    assert cert["answer"]["robust"] is True and check.verdict != "rejected"
    assert check.verdict == ("partly-trusted" if check.trusted else "verified")
    cert["answer"]["results"] = cert["answer"]["results"][:3]
    assert check_certificate(cert).verdict == "rejected"


@pytest.mark.parametrize(
    "mutate",
    [
        lambda c: c.pop("kind"),
        lambda c: c.update(format="other"),
        lambda c: c.update(kind="agree"),
        lambda c: c["question"].update(labels="+-x+"),
        lambda c: c["question"].update(points=[[0, 0], [1]]),
        lambda c: c["question"].update(architecture="3-2-1"),
        lambda c: c["answer"].update(status="maybe"),
        lambda c: c["answer"].update(witness={"layers": [{"weights": [[1.5]], "bias": [0]}]}),
    ],
)
def test_malformed_certificates_raise(mutate) -> None:  # type: ignore[no-untyped-def]
    cert = make_realize_certificate(CUBE, XOR, "2-2-1", "real", Decision.realizable(XOR_NET))
    mutate(cert)
    with pytest.raises(InvalidArgument):
        check_certificate(cert)


def test_cli_check_certificate_exit_codes(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    cert = make_realize_certificate(CUBE, XOR, "2-2-1", "real", Decision.realizable(XOR_NET))
    good = tmp_path / "good.json"
    write_certificate(str(good), cert)
    assert main(["check-certificate", str(good)]) == 0
    text = capsys.readouterr().out
    assert text.rstrip().endswith("VERIFIED") and "VALID" not in text.replace("VERIFIED", "")
    cert["question"]["labels"] = "++++"
    bad = tmp_path / "bad.json"
    write_certificate(str(bad), cert)
    assert main(["check-certificate", str(bad), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "rejected" and out["rejected"] and out["count"] is None
    assert set(out) >= {"verdict", "checked", "trusted", "rejected", "count"}
    junk = tmp_path / "junk.json"
    junk.write_text("{not json")
    for path in (str(junk), str(tmp_path / "missing.json")):
        assert main(["check-certificate", path]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error:") and err.count("\n") == 1


def test_decimal_in_certificate_is_exact(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "c.json"
    cert = make_realize_certificate([[Fraction(1, 10)]], "+", "1-1-1", "real",
                                    Decision.realizable(
                                        ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/10"])])))
    text = json.dumps(cert).replace('"1/10"', "0.1", 1)  # the point as a JSON decimal
    path.write_text(text)
    # f(1/10) = 0 exactly: the witness fails (a float reading could pass or fail by rounding)
    assert check_certificate(load_certificate(str(path))).verdict == "rejected"


def test_bound_proofs_are_rechecked_and_forged_ones_rejected() -> None:
    net = robust_memorizer(CUBE, "+--+", "1/2", "1/4")
    rep = verify_robustness(net, CUBE, "+--+", "1/4", "inf")
    cert = make_robust_certificate(net, CUBE, "+--+", rep)
    solvers = [r["provenance"]["solver"] for r in cert["answer"]["results"]]
    assert "exact-bounds" in solvers  # the memorizer's -1 points are proved by bounds
    check = check_certificate(cert)
    assert check.verdict != "rejected"
    assert any("verified by exact bounds" in c for c in check.checked)
    # forge: claim a bound proof at a radius where robustness fails
    forged = copy.deepcopy(cert)
    forged["question"]["radius"] = "3/4"
    forged["answer"]["robust"] = None
    assert any("bound proof does not hold" in f for f in check_certificate(forged).rejected)


def test_refutation_carrying_a_realizing_witness_is_rejected() -> None:
    # a tampered certificate: "unrealizable" but the network inside realizes XOR exactly
    cert = make_realize_certificate(CUBE, XOR, "2-2-1", "real",
                                    Decision.realizable(XOR_NET, solver="z3"))
    cert["answer"]["status"] = "unrealizable"
    check = check_certificate(cert)
    assert not check.verdict == "verified" and "refutation is false" in check.rejected[0]
    # any network in a refutation is rejected, even one that does not realize the labeling
    cert["answer"]["witness"] = ReLUNet.from_lists([([[0, 0], [0, 0]], [0, 0]),
                                                    ([[1, 1]], [1])]).to_json()
    check = check_certificate(cert)
    assert not check.verdict == "verified" and "must not carry a witness" in check.rejected[0]
    cert["answer"]["witness"] = None
    assert check_certificate(cert).verdict == "rejected"  # and no refutation proof either
