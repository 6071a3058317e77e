"""The parts of the checker's ``_check_realize`` (split by concern), through the whole.

Pinned before the split: the check's JSON of realize certificates (the witnesses
written out; the refutations from the deterministic refuters) and of their edits
(every rejection, trust and claim), and the lines of the malformed ones.
"""

from __future__ import annotations

import copy
import json

import pytest

from verify.certify.checker import check_certificate
from verify.certify.producer import make_realize_certificate
from verify.encodings.result import Decision
from verify.errors import InvalidArgument

CUBE = [[0, 0], [0, 1], [1, 0], [1, 1]]
NO = Decision.unrealizable(solver="z3", version="4", encoding="LRA", seconds=0.5)
_AND = {"layers": [{"weights": [["1", "1"]], "bias": ["-3/2"]}]}  # +1 only at (1, 1)
_AND_211 = {"layers": [{"weights": [["1", "1"]], "bias": ["-1"]},
                       {"weights": [["1"]], "bias": ["-1/2"]}]}


def _cert(labels, arch, cls, status, witness=None, points=CUBE):
    answer = {"status": status}
    if witness is not None:
        answer["witness"] = witness
    return {"format": "verify-certificate", "version": 3, "kind": "realize",
            "question": {"points": points, "labels": labels, "architecture": arch,
                         "class": cls}, "answer": answer}


def _cases():
    yield "real-1", _cert("---+", "2-1", "real", "realizable", _AND)
    yield "real-211", _cert("---+", "2-1-1", "real", "realizable", _AND_211)
    yield "int-ok", _cert("---+", "2-1-1", "int:2", "realizable",
                          {"layers": [{"weights": [[1, 1]], "bias": [-1]},
                                      {"weights": [[2]], "bias": [-1]}]})
    yield "int-outside", _cert("---+", "2-1", "int:1", "realizable", _AND)
    yield "wrong-arch", _cert("---+", "2-2-1", "real", "realizable", _AND_211)
    yield "not-realized", _cert("-+-+", "2-1", "real", "realizable", _AND)
    yield "unknown", {**_cert("-++-", "2-1", "real", "unknown"),
                      "answer": {"status": "unknown", "reason": "time-out"}}
    yield "no-refutation", _cert("-++-", "2-1", "real", "unrealizable")
    yield "carries-true-witness", _cert("---+", "2-1", "real", "unrealizable", _AND)
    yield "carries-other-witness", _cert("-++-", "2-1", "real", "unrealizable", _AND)
    yield "trusted-deep", _cert("-++-", "2-2-2-1", "real", "unrealizable")
    xor = make_realize_certificate(CUBE, "-++-", "2-1-1", "real", NO)
    yield "refuted-211", xor
    yield "refuted-1", make_realize_certificate(CUBE, "-++-", "2-1", "real", NO)
    yield "refuted-chain", make_realize_certificate(CUBE, "-++-", "2-1-1-1", "real", NO)
    line = [[0], [1], [2], [3]]
    yield "refuted-one-feature", make_realize_certificate(line, "+-+-", "1-1-2-1", "real", NO)
    bad = copy.deepcopy(xor)
    bad["answer"]["refutation"]["tree"] = {"leaf": "farkas", "y": []}
    yield "refutation-edited", bad
    yield "int-refuted", make_realize_certificate(CUBE, "-++-", "2-1", "int:1", NO)
    yield "int-false-refutation", make_realize_certificate(CUBE, "---+", "2-1", "int:3", NO)
    yield "int-deep-trusted", make_realize_certificate(CUBE, "-++-", "2-1-1-1", "int:1", NO)


def summary(cert):
    try:
        return json.dumps(check_certificate(cert).to_json(), sort_keys=True)
    except InvalidArgument as exc:
        return f"InvalidArgument: {exc}"


def test_realize_checks_are_unchanged():
    got = {name: summary(cert) for name, cert in _cases()}
    assert got == GOLDEN


@pytest.mark.parametrize(("cert", "message"), [
    (_cert("-++-", "2-1", "halfspaces", "unknown"),
     "certificate: realize takes class real or int:Q"),
    (_cert("-++-", "2-1", "real", "maybe"), "certificate: unknown status 'maybe'"),
])
def test_malformed_realize_certificates_are_refused_as_before(cert, message):
    with pytest.raises(InvalidArgument) as err:
        check_certificate(cert)
    assert str(err.value) == message


GOLDEN = {
    'real-1': (
        '{"checked": ["witness 2-1 realizes the labeling on all 4 points (exact re-check)'
        '"], "claim": "realizable: labeling ---+ of 4 points by 2-1 (real)", "count": nul'
        'l, "kind": "realize", "rejected": [], "trusted": [], "verdict": "verified"}'
    ),
    'real-211': (
        '{"checked": ["witness 2-1-1 realizes the labeling on all 4 points (exact re-chec'
        'k)"], "claim": "realizable: labeling ---+ of 4 points by 2-1-1 (real)", "count":'
        ' null, "kind": "realize", "rejected": [], "trusted": [], "verdict": "verified"}'
    ),
    'int-ok': (
        '{"checked": ["witness 2-1-1 realizes the labeling on all 4 points (exact re-chec'
        'k)", "witness weights and biases are integers in [-2, 2]"], "claim": "realizable'
        ': labeling ---+ of 4 points by 2-1-1 (int:2)", "count": null, "kind": "realize",'
        ' "rejected": [], "trusted": [], "verdict": "verified"}'
    ),
    'int-outside': (
        '{"checked": [], "claim": "realizable: labeling ---+ of 4 points by 2-1 (int:1)",'
        ' "count": null, "kind": "realize", "rejected": ["witness has a weight or bias ou'
        'tside the class int:1"], "trusted": [], "verdict": "rejected"}'
    ),
    'wrong-arch': (
        '{"checked": [], "claim": "realizable: labeling ---+ of 4 points by 2-2-1 (real)"'
        ', "count": null, "kind": "realize", "rejected": ["witness has architecture 2-1-1'
        ', not 2-2-1"], "trusted": [], "verdict": "rejected"}'
    ),
    'not-realized': (
        '{"checked": [], "claim": "realizable: labeling -+-+ of 4 points by 2-1 (real)", '
        '"count": null, "kind": "realize", "rejected": ["witness does not realize the lab'
        'eling: point 1 gets f = -1/2 with label +1"], "trusted": [], "verdict": "rejecte'
        'd"}'
    ),
    'unknown': (
        '{"checked": ["answer is unknown (time-out); nothing is claimed"], "claim": "unkn'
        'own: labeling -++- of 4 points by 2-1 (real)", "count": null, "kind": "realize",'
        ' "rejected": [], "trusted": [], "verdict": "verified"}'
    ),
    'no-refutation': (
        '{"checked": [], "claim": "unrealizable: labeling -++- of 4 points by 2-1 (real)"'
        ', "count": null, "kind": "realize", "rejected": ["the answer is unrealizable but'
        ' carries no refutation proof: for 2-1 with real weights every refutation must be'
        ' proved (phase splits with Farkas leaves)"], "trusted": [], "verdict": "rejected'
        '"}'
    ),
    'carries-true-witness': (
        '{"checked": [], "claim": "unrealizable: labeling ---+ of 4 points by 2-1 (real)"'
        ', "count": null, "kind": "realize", "rejected": ["the answer is unrealizable but'
        ' its witness realizes the labeling (exact re-check): the refutation is false"], '
        '"trusted": [], "verdict": "rejected"}'
    ),
    'carries-other-witness': (
        '{"checked": [], "claim": "unrealizable: labeling -++- of 4 points by 2-1 (real)"'
        ', "count": null, "kind": "realize", "rejected": ["an unrealizable answer must no'
        't carry a witness network"], "trusted": [], "verdict": "rejected"}'
    ),
    'trusted-deep': (
        '{"checked": [], "claim": "unrealizable: labeling -++- of 4 points by 2-2-2-1 (re'
        'al)", "count": null, "kind": "realize", "rejected": [], "trusted": ["refutation '
        'not re-checkable, trusted from an unnamed solver"], "verdict": "partly-trusted"}'
    ),
    'refuted-211': (
        '{"checked": ["refutation: 6 Farkas leaves and 0 lemmas re-derived from the quest'
        'ion and re-checked in integers", "relies on lemmas R1 (output weights +-1 (posit'
        'ive homogeneity of ReLU)), R2 (margin 1 (joint homogeneity once the output weigh'
        'ts are fixed)), R3 (hidden units are interchangeable: sorted output signs cover '
        'every network), R4 (each ReLU is on or off at each point; free terms with y*s = '
        '-1 bounded by -u and 0), R5 (points scaled to integers by their common denominat'
        'or), R6 (a refutation under some choices (a lemma) applies wherever those choice'
        's are made) (proved in verify/certify/lemmas.py)"], "claim": "unrealizable: labe'
        'ling -++- of 4 points by 2-1-1 (real)", "count": null, "kind": "realize", "rejec'
        'ted": [], "trusted": [], "verdict": "verified"}'
    ),
    'refuted-1': (
        '{"checked": ["refutation: 1 Farkas leaves and 0 lemmas re-derived from the quest'
        'ion and re-checked in integers", "relies on lemmas R2 (margin 1 (joint homogenei'
        'ty once the output weights are fixed)), R5 (points scaled to integers by their c'
        'ommon denominator), R6 (a refutation under some choices (a lemma) applies wherev'
        'er those choices are made) (proved in verify/certify/lemmas.py)"], "claim": "unr'
        'ealizable: labeling -++- of 4 points by 2-1 (real)", "count": null, "kind": "rea'
        'lize", "rejected": [], "trusted": [], "verdict": "verified"}'
    ),
    'refuted-chain': (
        '{"checked": ["refutation for 2-1-1: 6 Farkas leaves and 0 lemmas re-derived from'
        ' the question and re-checked in integers", "relies on lemmas R1 (output weights '
        '+-1 (positive homogeneity of ReLU)), R2 (margin 1 (joint homogeneity once the ou'
        'tput weights are fixed)), R3 (hidden units are interchangeable: sorted output si'
        'gns cover every network), R4 (each ReLU is on or off at each point; free terms w'
        'ith y*s = -1 bounded by -u and 0), R5 (points scaled to integers by their common'
        ' denominator), R6 (a refutation under some choices (a lemma) applies wherever th'
        'ose choices are made), C1 (m-h-1-...-1 (width-1 layers after the first) realizes'
        ' only labelings m-h-1 realizes) (proved in verify/certify/lemmas.py)"], "claim":'
        ' "unrealizable: labeling -++- of 4 points by 2-1-1-1 (real)", "count": null, "ki'
        'nd": "realize", "rejected": [], "trusted": [], "verdict": "verified"}'
    ),
    'refuted-one-feature': (
        '{"checked": ["refutation by one affine feature with K = 2 thresholds: 13 Farkas '
        'leaves, 18 parity leaves and 16 lemmas re-derived from the question and re-check'
        'ed in integers", "relies on lemmas C2 (m-1-h-1 realizes y only if one affine fea'
        'ture with K thresholds gives y by the parity of the thresholds below each point)'
        ', R5 (points scaled to integers by their common denominator), R6 (a refutation u'
        'nder some choices (a lemma) applies wherever those choices are made) (proved in '
        'verify/certify/lemmas.py)"], "claim": "unrealizable: labeling +-+- of 4 points b'
        'y 1-1-2-1 (real)", "count": null, "kind": "realize", "rejected": [], "trusted": '
        '[], "verdict": "verified"}'
    ),
    'refutation-edited': (
        'InvalidArgument: certificate: malformed tree node at root'
    ),
    'int-refuted': (
        '{"checked": ["every network of 2-1 in int:1 enumerated exactly: none realizes th'
        'e labeling; relies on lemma R8 (int:Q is finite: exhaustive exact enumeration ov'
        'er multisets of hidden units) (proved in verify/certify/lemmas.py)"], "claim": "'
        'unrealizable: labeling -++- of 4 points by 2-1 (int:1)", "count": null, "kind": '
        '"realize", "rejected": [], "trusted": [], "verdict": "verified"}'
    ),
    'int-false-refutation': (
        '{"checked": [], "claim": "unrealizable: labeling ---+ of 4 points by 2-1 (int:3)'
        '", "count": null, "kind": "realize", "rejected": ["the labeling is realized by a'
        ' network of int:3 (found by exhaustive enumeration): the refutation is false"], '
        '"trusted": [], "verdict": "rejected"}'
    ),
    'int-deep-trusted': (
        '{"checked": [], "claim": "unrealizable: labeling -++- of 4 points by 2-1-1-1 (in'
        't:1)", "count": null, "kind": "realize", "rejected": [], "trusted": ["refutation'
        ' trusted from z3 4 (encoding: LRA; 0.5 s): the class int:1 is too large to re-en'
        'umerate here, or deeper than one hidden layer"], "verdict": "partly-trusted"}'
    ),
}
