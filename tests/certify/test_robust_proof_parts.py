"""The parts of the checker's ``check_box_proof`` (split by concern), through the whole.

Pinned before the split: its rejected parts and counts on proofs from ``prove_box``
(phase splits alone, with bisection) and on edits of them (every rejection and every
malformed node), computed before the split.
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction

from verify.certify import _values as V
from verify.certify._robust_proof import check_box_proof
from verify.encodings.robust_proof import prove_box
from verify.errors import InvalidArgument
from verify.nets import ReLUNet

NET = ReLUNet.from_lists([([[1], [1], [1]], ["-1/4", "-1/2", "-3/4"]),
                          ([[1, -2, 2]], ["1/8"])])
X, R = (Fraction(1, 2),), Fraction(1, 2)


def _json(obj):
    return json.loads(json.dumps(obj, default=str))


def _proofs():
    phases = _json(prove_box(NET, X, 1, R, bisect=False, max_nodes=40))
    bisected = _json(prove_box(NET, X, 1, R, box_nodes=3))
    yield "phases", phases, {}
    yield "bisected", bisected, {}
    yield "bisected-v2", bisected, {"bisect": False}

    def edit(proof, change):
        p = copy.deepcopy(proof)
        change(p["tree"])
        return p

    yield "bisect-outside", edit(bisected, lambda t: t.update(bisect=[0, "2"])), {}
    yield "bisect-no-half", edit(bisected, lambda t: t.pop("high")), {}
    yield "bisect-malformed", edit(bisected, lambda t: t.update(bisect=[0])), {}
    yield "bounds-fail", {"tree": {"bounds": True}}, {}
    yield "bounds-malformed", {"tree": {"bounds": 1}}, {}
    yield "phase-no-side", edit(phases, lambda t: t.pop("on", None) or t.pop("off")), {}
    yield "phase-malformed", {"tree": {"phase": [0]}}, {}
    yield "unknown-node", {"tree": {"what": 1}}, {}
    yield "not-a-node", {"tree": [1]}, {}
    yield "farkas-wrong", edit(phases, lambda t: t.update(farkas=[1, 2, 3])) \
        if "farkas" in phases["tree"] else {"tree": {"farkas": [1, 2, 3]}}, {}


def summary(proof, kw):
    counts = {}
    try:
        errors = check_box_proof(V.network(_json(NET.to_json()), "network"), X, 1, R, "inf",
                                 proof, counts=counts, **kw)
    except InvalidArgument as exc:
        return f"InvalidArgument: {exc}"
    return json.dumps({"errors": errors, "counts": counts}, sort_keys=True)


def test_check_box_proof_is_unchanged():
    assert {name: summary(proof, kw) for name, proof, kw in _proofs()} == GOLDEN


GOLDEN = {
    'phases': (
        '{"counts": {"bisections": 0, "leaves": 7}, "errors": []}'
    ),
    'bisected': (
        '{"counts": {"bisections": 1, "leaves": 3}, "errors": []}'
    ),
    'bisected-v2': (
        'InvalidArgument: certificate: bisection nodes need format version 3'
    ),
    'bisect-outside': (
        '{"counts": {"bisections": 0, "leaves": 0}, "errors": ["proof node at root: bisec'
        'tion value 2 of coordinate 0 is not inside the box\'s range [0, 1]"]}'
    ),
    'bisect-no-half': (
        '{"counts": {"bisections": 0, "leaves": 0}, "errors": ["proof node at root: a bis'
        'ection lacks its \'high\' half"]}'
    ),
    'bisect-malformed': (
        'InvalidArgument: certificate: malformed bisection at root'
    ),
    'bounds-fail': (
        '{"counts": {"bisections": 0, "leaves": 0}, "errors": ["proof node at root: the e'
        'xact bounds over the box do not give label*f > 0"]}'
    ),
    'bounds-malformed': (
        'InvalidArgument: certificate: malformed bounds leaf at root'
    ),
    'phase-no-side': (
        '{"counts": {"bisections": 0, "leaves": 3}, "errors": ["proof node at root: a pha'
        'se split lacks its \'on\' side"]}'
    ),
    'phase-malformed': (
        'InvalidArgument: certificate: malformed phase split at root'
    ),
    'unknown-node': (
        'InvalidArgument: certificate: unknown proof node at root'
    ),
    'not-a-node': (
        'InvalidArgument: certificate: malformed proof node at root'
    ),
    'farkas-wrong': (
        'InvalidArgument: certificate: a proof entry must be [kind, layer, unit, weight]'
    ),
}
