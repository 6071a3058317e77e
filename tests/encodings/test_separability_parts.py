"""The parts of ``linearly_separable`` (split by concern), each on its contract.

The whole is pinned too: its JSON (without the time, z3's version and z3's models,
which are re-checked exactly rather than compared) on eight
inputs that reach each way of answering (a given hyperplane, HiGHS's proposal,
z3's hyperplane, the convex-hull certificate), computed before the split.
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

from verify.encodings.separability import (
    _hull_certificate,
    _point_sets,
    _proposed,
    _z3_hyperplane,
    linearly_separable,
)
from verify.errors import InvalidArgument
from verify.jsonio import dumps
from verify.limits import Deadline

CASES = {
    "points": ([(0, 0)], [(1, 1)], None),
    "xor": ([(0, 0), (1, 1)], [(0, 1), (1, 0)], None),
    "candidate": ([(0,), (1,)], [(3,)], ([-1], 2)),
    "bad-candidate": ([(0,), (1,)], [(3,)], ([1], 0)),
    "interval": ([(0,), (2,)], [(1,)], None),
    "huge": ([(10**400, 0)], [(0, 1)], None),
    "grid": ("grid:3:2", [(2, 2)], None),
    "touching": ([(0, 0), (1, 0)], [(1, 0), (2, 2)], None),
}


def summary(check):
    j = json.loads(dumps(check.to_json()))
    evidence = j.get("evidence", j)
    for k in ("seconds", "version"):
        evidence.pop(k, None)
    return json.dumps(j, sort_keys=True)


def masked(text):
    """z3's models left out (its hyperplanes and convex weights depend on the terms
    earlier queries in the same process created, i.e. the suite's order);
    ``linearly_separable`` re-checks each exactly."""
    j = json.loads(text)
    evidence = j.get("evidence", j)
    if evidence.get("found_by") == "z3 LRA":
        for k in ("w", "b", "min_on_A", "max_on_B"):
            evidence[k] = "re-checked"
    if "certificate" in evidence:
        for k in ("lambda", "mu", "point"):
            evidence["certificate"][k] = "re-checked"
    return j


@pytest.mark.parametrize("name", list(CASES))
def test_linearly_separable_is_unchanged(name):
    a, b, candidate = CASES[name]
    got = summary(linearly_separable(a, b, candidate=candidate))
    assert masked(got) == masked(GOLDEN[name])



def _expired() -> Deadline:
    d = Deadline(1)
    d.at = d.start - 1  # already passed, without waiting
    return d


def test_an_expired_deadline_is_unknown_never_not_separable():
    c = _hull_certificate([(0,), (2,)], [(1,)], _expired(), 0.0)
    assert c.holds is None and "time-out" in c.evidence["reason"]
    assert _proposed([(0,), (2,)], [(1,)], None, _expired()) is None  # no float proposal


def test_the_parts_refuse_and_answer_on_their_contracts():
    with pytest.raises(InvalidArgument, match="candidate w has the wrong dimension"):
        _proposed([(0,)], [(1,)], ([1, 2], 0), Deadline(None))
    pa, pb = _point_sets("cube:2", [(2, 2)])
    assert len(pa) == 4 and pb[0] == (2, 2)
    assert _z3_hyperplane(((0, 0), (1, 1)), ((0, 1), (1, 0)), Deadline(None)) is None  # XOR
    c = _hull_certificate(((0, 0), (1, 1)), ((0, 1), (1, 0)), Deadline(None), 0.0)
    assert c.holds is False and c.evidence["certificate"]["point"] == [F(1, 2), F(1, 2)]


GOLDEN = {
    'points': (
        '{"b": "1/1", "found_by": "HiGHS LP, rationalised", "holds": true, "max_on_B": "-'
        '1/1", "min_on_A": "1/1", "name": "linearly_separable", "rule": "w.x + b > 0 on A'
        ' and < 0 on B, checked in Fractions", "w": ["-2/1", "0/1"], "witness": "hyperpla'
        'ne"}'
    ),
    'xor': (
        '{"certificate": {"lambda": ["1/2", "1/2"], "mu": ["1/2", "1/2"], "point": ["1/2"'
        ', "1/2"], "rule": "sum(lambda)=sum(mu)=1, all >= 0, sum lambda_i a_i = sum mu_j '
        'b_j (checked in Fractions)"}, "holds": false, "logic": "LRA", "name": "linearly_'
        'separable", "solver": "z3"}'
    ),
    'candidate': (
        '{"b": "2/1", "found_by": "candidate", "holds": true, "max_on_B": "-1/1", "min_on'
        '_A": "1/1", "name": "linearly_separable", "rule": "w.x + b > 0 on A and < 0 on B'
        ', checked in Fractions", "w": ["-1/1"], "witness": "hyperplane"}'
    ),
    'bad-candidate': (
        '{"b": "2/1", "found_by": "HiGHS LP, rationalised", "holds": true, "max_on_B": "-'
        '1/1", "min_on_A": "1/1", "name": "linearly_separable", "rule": "w.x + b > 0 on A'
        ' and < 0 on B, checked in Fractions", "w": ["-1/1"], "witness": "hyperplane"}'
    ),
    'interval': (
        '{"certificate": {"lambda": ["1/2", "1/2"], "mu": ["1/1"], "point": ["1/1"], "rul'
        'e": "sum(lambda)=sum(mu)=1, all >= 0, sum lambda_i a_i = sum mu_j b_j (checked i'
        'n Fractions)"}, "holds": false, "logic": "LRA", "name": "linearly_separable", "s'
        'olver": "z3"}'
    ),
    'huge': (
        '{"b": "0/1", "found_by": "z3 LRA", "holds": true, "logic": "LRA", "max_on_B": "-'
        '1/1", "min_on_A": "1/1", "name": "linearly_separable", "rule": "w.x + b > 0 on A'
        ' and < 0 on B, checked in Fractions", "solver": "z3", "w": ["1/10000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000'
        '0000000000000000000000000000000000000000000000000000000000000000", "-1/1"], "wit'
        'ness": "hyperplane"}'
    ),
    'grid': (
        '{"b": "3/1", "found_by": "HiGHS LP, rationalised", "holds": true, "max_on_B": "-'
        '1/1", "min_on_A": "1/1", "name": "linearly_separable", "rule": "w.x + b > 0 on A'
        ' and < 0 on B, checked in Fractions", "w": ["0/1", "-2/1"], "witness": "hyperpla'
        'ne"}'
    ),
    'touching': (
        '{"certificate": {"lambda": ["0/1", "1/1"], "mu": ["1/1", "0/1"], "point": ["1/1"'
        ', "0/1"], "rule": "sum(lambda)=sum(mu)=1, all >= 0, sum lambda_i a_i = sum mu_j '
        'b_j (checked in Fractions)"}, "holds": false, "logic": "LRA", "name": "linearly_'
        'separable", "solver": "z3"}'
    ),
}
