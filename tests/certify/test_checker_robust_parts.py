"""The parts of the checker's ``_check_robust`` (split by concern), through the whole.

Pinned before the split: the check's JSON of a robustness certificate (written out
below, so no solver runs) and of sixteen edits of it (every rejection, trust, numeric
verdicts, the claims, the l2 ball), of two proof-carrying certificates, and the lines
of the malformed ones.
"""

from __future__ import annotations

import copy
import json

import pytest

from verify.certify.checker import check_certificate
from verify.certify.producer import make_robust_certificate
from verify.encodings.robust import verify_robustness
from verify.errors import InvalidArgument
from verify.nets import ReLUNet, robust_memorizer

_BOUNDS = {"solver": "exact-bounds", "version": "1", "encoding": "bounds"}
BASE = {
    "format": "verify-certificate", "version": 3, "kind": "robust",
    "question": {
        "network": {"architecture": "2-2-1", "layers": [
            {"weights": [["1", "0"], ["0", "1"]], "bias": ["0", "-1/2"]},
            {"weights": [["1", "-1"]], "bias": ["1/4"]}]},
        "points": [["0", "0"], ["0", "1"], ["1", "0"], ["1", "1"]],
        "labels": "+-++", "radius": "1/8", "norm": "inf"},
    "answer": {"robust": False, "results": [
        {"index": 0, "status": "verified", "exact": True, "provenance": _BOUNDS},
        {"index": 1, "status": "counterexample", "counterexample": ["1/8", "7/8"],
         "value": "0"},
        {"index": 2, "status": "verified", "exact": True, "provenance": _BOUNDS},
        {"index": 3, "status": "verified", "exact": True, "provenance": _BOUNDS}]},
}


def _edit(path_value_pairs):
    cert = copy.deepcopy(BASE)
    for path, value in path_value_pairs:
        node = cert
        for key in path[:-1]:
            node = node[key]
        if value is _DROP:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    return cert


_DROP = object()
R1 = ("answer", "results", 1)
Z3 = {"solver": "z3", "version": "4", "encoding": "LRA"}
EDITS = {
    "base": [],
    "claims-robust": [(("answer", "robust"), True)],
    "cex-dimension": [((*R1, "counterexample"), ["0"])],
    "cex-outside": [((*R1, "counterexample"), ["0", "3/4"])],
    "cex-correct": [((*R1, "counterexample"), ["0", "9/8"]), ((*R1, "value"), _DROP)],
    "cex-value": [((*R1, "value"), "1/3")],
    "bounds-fail": [((*R1, "status"), "verified"), ((*R1, "provenance"), _BOUNDS)],
    "trusted": [((*R1, "status"), "verified"), ((*R1, "provenance"), Z3)],
    "numeric-robust": [((*R1, "status"), "verified"), ((*R1, "provenance"), Z3),
                       ((*R1, "exact"), False), (("answer", "robust"), True)],
    "trusted-robust": [((*R1, "status"), "verified"), ((*R1, "provenance"), Z3),
                       (("answer", "robust"), True)],
    "no-cex": [((*R1, "status"), "unknown")],
    "undecided": [((*R1, "status"), "unknown"), (("answer", "robust"), None)],
    "missing": [(("answer", "results"), BASE["answer"]["results"][:1]),
                (("answer", "robust"), True)],
    "l2": [(("question", "norm"), "2")],
    "l2-inside": [(("question", "norm"), "2"), ((*R1, "counterexample"), ["0", "7/8"]),
                  ((*R1, "value"), "3/8")],
    "bad-proof": [((*R1, "status"), "verified"), ((*R1, "provenance"), Z3),
                  ((*R1, "proof"), {"leaves": []})],
}


def summary(check):
    return json.dumps(check.to_json(), sort_keys=True)


@pytest.mark.parametrize("name", list(EDITS))
def test_robust_checks_are_unchanged(name):
    try:
        got = summary(check_certificate(_edit(EDITS[name])))
    except InvalidArgument as exc:
        got = f"InvalidArgument: {exc}"
    assert got == GOLDEN[name]


def _proof_certificates():
    cube = [[0, 0], [0, 1], [1, 0], [1, 1]]
    net = robust_memorizer(cube, "-++-", "1/2", "1/4")
    yield make_robust_certificate(net, cube, "-++-",
                                  verify_robustness(net, cube, "-++-", "1/4", prove=True))
    net2 = ReLUNet.from_lists([([[1, 1], [1, -1]], [0, 0]), ([[1, 1]], ["-1/2"])])
    yield make_robust_certificate(net2, [[1, 1]], "+",
                                  verify_robustness(net2, [[1, 1]], "+", "1", "2", prove=True))


def test_proof_certificates_check_as_before():
    got = [json.loads(summary(check_certificate(c))) for c in _proof_certificates()]
    assert [(g["verdict"], g["checked"], g["trusted"], g["rejected"]) for g in got] == PROOFS


@pytest.mark.parametrize(("edits", "message"), [
    ([(("question", "radius"), "-1")], "certificate: radius must be >= 0"),
    ([(("question", "norm"), "1")], "certificate: norm '1' must be inf or 2"),
    ([(("question", "points"), [["0"]]), (("question", "labels"), "+")],
     "certificate: points have dimension 1, the network takes 2 inputs"),
    ([(("answer", "results"), {})], "certificate: answer 'results' must be a list"),
    ([(("answer", "results", 1, "index"), 0)], "certificate: point 0 has two results"),
    ([((*R1, "status"), "maybe")], "certificate: unknown status 'maybe' for point 1"),
    ([((*R1, "counterexample"), "1/8")],
     "certificate: counterexample of point 1 is not a list"),
])
def test_malformed_robust_certificates_are_refused_as_before(edits, message):
    with pytest.raises(InvalidArgument) as err:
        check_certificate(_edit(edits))
    assert str(err.value) == message


GOLDEN = {
    'base': (
        '{"checked": ["1 counterexample(s) re-checked exactly: inside the closed ball and'
        ' misclassified (label*f <= 0)", "3 point(s) verified by exact bounds, recomputed'
        ' in Fractions: label*f > 0 on the whole box x +- r"], "claim": "not robust: 2-2-'
        '1 on 4 points, l_inf radius 1/8", "count": null, "kind": "robust", "rejected": ['
        '], "trusted": [], "verdict": "verified"}'
    ),
    'claims-robust': (
        '{"checked": ["1 counterexample(s) re-checked exactly: inside the closed ball and'
        ' misclassified (label*f <= 0)", "3 point(s) verified by exact bounds, recomputed'
        ' in Fractions: label*f > 0 on the whole box x +- r"], "claim": "robust: 2-2-1 on'
        ' 4 points, l_inf radius 1/8", "count": null, "kind": "robust", "rejected": ["cla'
        'ims robust but not every point is verified"], "trusted": [], "verdict": "rejecte'
        'd"}'
    ),
    'cex-dimension': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "not robust: 2-2-1 on 4 points, l_in'
        'f radius 1/8", "count": null, "kind": "robust", "rejected": ["point 1: counterex'
        'ample has the wrong dimension", "claims not robust but has no valid counterexamp'
        'le"], "trusted": [], "verdict": "rejected"}'
    ),
    'cex-outside': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "not robust: 2-2-1 on 4 points, l_in'
        'f radius 1/8", "count": null, "kind": "robust", "rejected": ["point 1: counterex'
        'ample lies outside the closed ball", "claims not robust but has no valid counter'
        'example"], "trusted": [], "verdict": "rejected"}'
    ),
    'cex-correct': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "not robust: 2-2-1 on 4 points, l_in'
        'f radius 1/8", "count": null, "kind": "robust", "rejected": ["point 1: counterex'
        'ample is classified correctly (f = -3/8, label -1)", "claims not robust but has '
        'no valid counterexample"], "trusted": [], "verdict": "rejected"}'
    ),
    'cex-value': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "not robust: 2-2-1 on 4 points, l_in'
        'f radius 1/8", "count": null, "kind": "robust", "rejected": ["point 1: recorded '
        'value 1/3 but f = 0", "claims not robust but has no valid counterexample"], "tru'
        'sted": [], "verdict": "rejected"}'
    ),
    'bounds-fail': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "not robust: 2-2-1 on 4 points, l_in'
        'f radius 1/8", "count": null, "kind": "robust", "rejected": ["point 1: the recor'
        'ded bound proof does not hold", "claims not robust but has no valid counterexamp'
        'le"], "trusted": [], "verdict": "rejected"}'
    ),
    'trusted': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "not robust: 2-2-1 on 4 points, l_in'
        'f radius 1/8", "count": null, "kind": "robust", "rejected": ["claims not robust '
        'but has no valid counterexample"], "trusted": ["point 1: verified not re-checkab'
        'le, trusted from z3 4 (encoding: LRA)"], "verdict": "rejected"}'
    ),
    'numeric-robust': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "robust: 2-2-1 on 4 points, l_inf ra'
        'dius 1/8", "count": null, "kind": "robust", "rejected": ["claims robust exactly '
        'but some verdicts are numeric only"], "trusted": ["point 1: verified not re-chec'
        'kable, trusted from z3 4 (encoding: LRA) [numeric]"], "verdict": "rejected"}'
    ),
    'trusted-robust': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "robust: 2-2-1 on 4 points, l_inf ra'
        'dius 1/8", "count": null, "kind": "robust", "rejected": [], "trusted": ["point 1'
        ': verified not re-checkable, trusted from z3 4 (encoding: LRA)"], "verdict": "pa'
        'rtly-trusted"}'
    ),
    'no-cex': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "not robust: 2-2-1 on 4 points, l_in'
        'f radius 1/8", "count": null, "kind": "robust", "rejected": ["claims not robust '
        'but has no valid counterexample"], "trusted": [], "verdict": "rejected"}'
    ),
    'undecided': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "undecided: 2-2-1 on 4 points, l_inf'
        ' radius 1/8", "count": null, "kind": "robust", "rejected": [], "trusted": [], "v'
        'erdict": "verified"}'
    ),
    'missing': (
        '{"checked": ["1 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "robust: 2-2-1 on 4 points, l_inf ra'
        'dius 1/8", "count": null, "kind": "robust", "rejected": ["claims robust but not '
        'every point is verified"], "trusted": [], "verdict": "rejected"}'
    ),
    'l2': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "not robust: 2-2-1 on 4 points, l_2 '
        'radius 1/8", "count": null, "kind": "robust", "rejected": ["point 1: counterexam'
        'ple lies outside the closed ball", "claims not robust but has no valid counterex'
        'ample"], "trusted": [], "verdict": "rejected"}'
    ),
    'l2-inside': (
        '{"checked": ["3 point(s) verified by exact bounds, recomputed in Fractions: labe'
        'l*f > 0 on the whole box x +- r"], "claim": "not robust: 2-2-1 on 4 points, l_2 '
        'radius 1/8", "count": null, "kind": "robust", "rejected": ["point 1: counterexam'
        'ple is classified correctly (f = -1/8, label -1)", "claims not robust but has no'
        ' valid counterexample"], "trusted": [], "verdict": "rejected"}'
    ),
    'bad-proof': (
        "InvalidArgument: certificate: proof has no key 'tree'"
    ),
}
PROOFS = [tuple(p) for p in json.loads(
    '[["verified", ["2 point(s) verified by exact bounds, recomputed in Fractions: label*'
    'f > 0 on the whole box x +- r", "2 point(s) verified by phase-split proofs: every le'
    "af's linear system re-derived from the network and the ball, its Farkas combination "
    "re-checked exactly; 10 input bisections, each half's exact bounds recomputed (bounds"
    ' leaves: label*f > 0 on the half); relies on lemmas R4 (each ReLU is on or off at ea'
    'ch point; free terms with y*s = -1 bounded by -u and 0), R6 (a refutation under some'
    ' choices (a lemma) applies wherever those choices are made), R9 (a box is the union '
    'of its two closed halves along any coordinate) (proved in verify/certify/lemmas.py)"'
    '], [], []], ["verified", ["1 point(s) verified by phase-split proofs: every leaf\'s l'
    'inear system re-derived from the network and the ball, its Farkas combination re-che'
    'cked exactly; relies on lemmas R4 (each ReLU is on or off at each point; free terms '
    'with y*s = -1 bounded by -u and 0), R6 (a refutation under some choices (a lemma) ap'
    'plies wherever those choices are made) (proved in verify/certify/lemmas.py)"], [], ['
    ']]]')]
