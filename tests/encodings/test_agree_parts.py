"""The parts of ``max_agreement`` (split by concern), each on its contract.

The whole is pinned too: the result's JSON (without times and z3's version, and with
the witness re-checked rather than compared) on seven inputs, computed before the split.
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

import verify.encodings.agree as agree
from verify.encodings.agree import _constant_net, _milp_start, _raise_exactly, max_agreement
from verify.encodings.lra import OneHiddenLRA
from verify.errors import SolverError
from verify.geometry.pointsets import as_points
from verify.jsonio import dumps
from verify.labels import parse_labels

CASES = {
    "line": ([[0], [1], [2]], "+-+", "1-1", {}),
    "grid21": ("grid:2:1", "+-", "1-1", {}),
    "xor-1": ("cube:2", "-++-", "2-1-1", {}),
    "xor-2": ("cube:2", "-++-", "2-2-1", {}),
    "grid-alt": ("grid:3:2", "+-+-+-+-+", "2-1-1", {"weight_bound": 4}),
    "cube3-parity": ("cube:3", "+--+-++-", "3-2-1", {"milp_timeout": 5}),
    "all-minus": ("cube:2", "----", "2-1", {}),
}


def summary(r):
    j = json.loads(dumps(r.to_json()))
    prov = j["provenance"]
    for k in ("seconds", "version"):
        prov.pop(k, None)
    if isinstance(prov.get("milp"), dict):
        prov["milp"].pop("seconds", None)
    return json.dumps(j, sort_keys=True)


def masked(text):
    """The witness left out: z3's model depends on the terms earlier queries in the same
    process created (the suite's order), not on this question alone; it is re-checked
    exactly instead."""
    j = json.loads(text)
    j["witness"] = "re-checked"
    return j


@pytest.mark.parametrize("name", list(CASES))
def test_max_agreement_is_unchanged(name):
    points, labels, arch, kw = CASES[name]
    r = max_agreement(points, labels, arch, **kw)
    assert masked(summary(r)) == masked(GOLDEN[name])
    pts, ys = as_points(points), parse_labels(labels, r.n)
    assert sum(1 for x, v in zip(pts, ys, strict=True) if v * r.witness.evaluate(x) > 0) \
        == r.agreement


def test_a_failing_milp_only_loses_the_warm_start(monkeypatch):
    def failing(*args, **kwargs):
        raise SolverError("HiGHS: out of memory")

    monkeypatch.setattr(agree, "milp_agreement", failing)
    net, prov = _milp_start([(F(0),), (F(1),)], (1, -1), 0, 16, None)
    assert net is None and prov == {"error": "SolverError: HiGHS: out of memory"}
    r = max_agreement("cube:2", "-++-", "2-2-1")
    assert (r.agreement, r.optimal) == (4, True)  # z3 alone still reaches the optimum


def test_raising_stops_at_the_optimum_and_rechecks_every_witness():
    pts = [(F(0), F(0)), (F(0), F(1)), (F(1), F(0)), (F(1), F(1))]
    y = (-1, 1, 1, -1)
    start = _constant_net((2, 1, 1), -1)  # right on the two points labelled -1
    best, net, optimal, reason = _raise_exactly(OneHiddenLRA(pts, 1), pts, y, 2, start, None)
    assert (best, optimal, reason) == (3, True, None)  # XOR: one unit gets 3 of 4
    assert sum(1 for x, v in zip(pts, y, strict=True) if v * net.evaluate(x) > 0) == 3


GOLDEN = {
    'line': (
        '{"agreement": 2, "n": 3, "optimal": true, "provenance": {"architecture": "1-1", '
        '"class": "real", "encoding": "z3 LRA: one hidden layer, output weights \\u00b11, '
        'margin 1, Boolean ReLU phases", "milp": {"exact_count_of_rational_witness": 2, "'
        'objective_float": 2.0, "solver": "HiGHS (scipy.optimize.milp)", "status": "Optim'
        'ization terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": "|h'
        'idden weights|, |hidden biases| <= 16; margin 1; its optimum is a lower bound fo'
        'r the real class"}, "solver": "z3"}, "reason": null, "witness": {"architecture":'
        ' "1-1", "layers": [{"bias": ["1/1"], "weights": [["0/1"]]}]}}'
    ),
    'grid21': (
        '{"agreement": 2, "n": 2, "optimal": true, "provenance": {"architecture": "1-1", '
        '"class": "real", "encoding": "z3 LRA: one hidden layer, output weights \\u00b11, '
        'margin 1, Boolean ReLU phases", "milp": {"exact_count_of_rational_witness": 2, "'
        'objective_float": 2.0, "solver": "HiGHS (scipy.optimize.milp)", "status": "Optim'
        'ization terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": "|h'
        'idden weights|, |hidden biases| <= 16; margin 1; its optimum is a lower bound fo'
        'r the real class"}, "solver": "z3"}, "reason": null, "witness": {"architecture":'
        ' "1-1", "layers": [{"bias": ["15/1"], "weights": [["-16/1"]]}]}}'
    ),
    'xor-1': (
        '{"agreement": 3, "n": 4, "optimal": true, "provenance": {"architecture": "2-1-1"'
        ', "class": "real", "encoding": "z3 LRA: one hidden layer, output weights \\u00b11'
        ', margin 1, Boolean ReLU phases", "milp": {"exact_count_of_rational_witness": 3,'
        ' "objective_float": 3.0, "solver": "HiGHS (scipy.optimize.milp)", "status": "Opt'
        'imization terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": "'
        '|hidden weights|, |hidden biases| <= 16; margin 1; its optimum is a lower bound '
        'for the real class"}, "solver": "z3"}, "reason": null, "witness": {"architecture'
        '": "2-1-1", "layers": [{"bias": ["16/1"], "weights": [["16/1", "16/1"]]}, {"bias'
        '": ["47/1"], "weights": [["-1/1"]]}]}}'
    ),
    'xor-2': (
        '{"agreement": 4, "n": 4, "optimal": true, "provenance": {"architecture": "2-2-1"'
        ', "class": "real", "encoding": "z3 LRA: one hidden layer, output weights \\u00b11'
        ', margin 1, Boolean ReLU phases", "milp": {"exact_count_of_rational_witness": 4,'
        ' "objective_float": 4.0, "solver": "HiGHS (scipy.optimize.milp)", "status": "Opt'
        'imization terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": "'
        '|hidden weights|, |hidden biases| <= 16; margin 1; its optimum is a lower bound '
        'for the real class"}, "solver": "z3"}, "reason": null, "witness": {"architecture'
        '": "2-2-1", "layers": [{"bias": ["2/1", "-16/1"], "weights": [["-16/1", "-2/1"],'
        ' ["16/1", "16/1"]]}, {"bias": ["1/1"], "weights": [["-1/1", "-1/1"]]}]}}'
    ),
    'grid-alt': (
        '{"agreement": 6, "n": 9, "optimal": true, "provenance": {"architecture": "2-1-1"'
        ', "class": "real", "encoding": "z3 LRA: one hidden layer, output weights \\u00b11'
        ', margin 1, Boolean ReLU phases", "milp": {"exact_count_of_rational_witness": 5,'
        ' "objective_float": 5.0, "solver": "HiGHS (scipy.optimize.milp)", "status": "Opt'
        'imization terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": "'
        '|hidden weights|, |hidden biases| <= 4; margin 1; its optimum is a lower bound f'
        'or the real class"}, "solver": "z3"}, "reason": null, "witness": {"architecture"'
        ': "2-1-1", "layers": [{"bias": ["-6/1"], "weights": [["6/1", "6/1"]]}, {"bias": '
        '["-1/1"], "weights": [["1/1"]]}]}}'
    ),
    'cube3-parity': (
        '{"agreement": 7, "n": 8, "optimal": true, "provenance": {"architecture": "3-2-1"'
        ', "class": "real", "encoding": "z3 LRA: one hidden layer, output weights \\u00b11'
        ', margin 1, Boolean ReLU phases", "milp": {"exact_count_of_rational_witness": 7,'
        ' "objective_float": 7.0, "solver": "HiGHS (scipy.optimize.milp)", "status": "Opt'
        'imization terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": "'
        '|hidden weights|, |hidden biases| <= 16; margin 1; its optimum is a lower bound '
        'for the real class"}, "solver": "z3"}, "reason": null, "witness": {"architecture'
        '": "3-2-1", "layers": [{"bias": ["0/1", "192/49"], "weights": [["384/49", "-16/1'
        '", "-16/1"], ["286/49", "-192/49", "-192/49"]]}, {"bias": ["-143/49"], "weights"'
        ': [["-1/1", "1/1"]]}]}}'
    ),
    'all-minus': (
        '{"agreement": 4, "n": 4, "optimal": true, "provenance": {"architecture": "2-1", '
        '"class": "real", "encoding": "z3 LRA: one hidden layer, output weights \\u00b11, '
        'margin 1, Boolean ReLU phases", "milp": {"exact_count_of_rational_witness": 4, "'
        'objective_float": 4.0, "solver": "HiGHS (scipy.optimize.milp)", "status": "Optim'
        'ization terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": "|h'
        'idden weights|, |hidden biases| <= 16; margin 1; its optimum is a lower bound fo'
        'r the real class"}, "solver": "z3"}, "reason": null, "witness": {"architecture":'
        ' "2-1", "layers": [{"bias": ["-1/1"], "weights": [["0/1", "0/1"]]}]}}'
    ),
}
