"""The parts of ``milp_agreement`` (split by concern), each on its contract.

The whole is pinned too: HiGHS's witness (rationalised), its exact count, the
objective and the status on five inputs, computed before the split (the model's
variables and rows are built in the same order, so HiGHS takes the same path).
"""

from __future__ import annotations

import json

import pytest

from verify.encodings.milp import _big_m, _encode, milp_agreement
from verify.geometry.pointsets import as_points
from verify.jsonio import dumps

CASES = {
    "xor-1": ("cube:2", (-1, 1, 1, -1), 1, {}),
    "xor-2": ("cube:2", (-1, 1, 1, -1), 2, {}),
    "line-0": ([(0,), (1,), (2,)], (1, -1, 1), 0, {}),
    "grid-2": ("grid:3:2", (1, -1, 1, -1, 1, -1, 1, -1, 1), 2, {"weight_bound": 4}),
    "cube3-1": ("cube:3", (1, -1, -1, 1, -1, 1, 1, -1), 1, {"weight_bound": 2}),
}


def summary(r):
    witness = None if r.witness is None else json.loads(dumps(r.witness.to_json()))
    return json.dumps({"witness": witness, "exact_count": r.exact_count,
                       "milp_objective": r.milp_objective, "optimal": r.optimal,
                       "status": r.status, "weight_bound": r.weight_bound}, sort_keys=True)


@pytest.mark.parametrize("name", list(CASES))
def test_milp_agreement_is_unchanged(name):
    points, labels, hidden, kw = CASES[name]
    assert summary(milp_agreement(as_points(points), labels, hidden, **kw)) == GOLDEN[name]



@pytest.mark.parametrize(("n", "m", "h"), [(3, 1, 0), (4, 2, 1), (4, 2, 2), (9, 2, 3)])
def test_the_model_has_the_documented_size(n, m, h):
    pts = [[float(i + k) for k in range(m)] for i in range(n)]
    mdl = _encode(pts, [1] * n, h, 16.0)
    units = max(h, 1)
    shared = 1 + units * m + (2 * h)  # c, w, and b, s per unit
    assert len(mdl.names) == shared + (3 * n * h) + n  # h, z, g per point and unit; k
    assert len(mdl.rows) == n * (6 * h + 1)
    assert len(mdl.integ) == h + n * h + n  # s, z, k
    Mu, Cb, Mo = _big_m(pts, h, 16.0)
    assert mdl.hi[mdl.names["c"]] == Cb and Mo >= Cb + 1
    assert all(mdl.hi[mdl.names[("h", i, j)]] == Mu for i in range(n) for j in range(h))


GOLDEN = {
    'xor-1': (
        '{"exact_count": 3, "milp_objective": 3.0, "optimal": true, "status": "Optimizati'
        'on terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": 16, "wit'
        'ness": {"architecture": "2-1-1", "layers": [{"bias": ["16/1"], "weights": [["16/'
        '1", "16/1"]]}, {"bias": ["47/1"], "weights": [["-1/1"]]}]}}'
    ),
    'xor-2': (
        '{"exact_count": 4, "milp_objective": 4.0, "optimal": true, "status": "Optimizati'
        'on terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": 16, "wit'
        'ness": {"architecture": "2-2-1", "layers": [{"bias": ["2/1", "-16/1"], "weights"'
        ': [["-16/1", "-2/1"], ["16/1", "16/1"]]}, {"bias": ["1/1"], "weights": [["-1/1",'
        ' "-1/1"]]}]}}'
    ),
    'line-0': (
        '{"exact_count": 2, "milp_objective": 2.0, "optimal": true, "status": "Optimizati'
        'on terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": 16, "wit'
        'ness": {"architecture": "1-1", "layers": [{"bias": ["1/1"], "weights": [["0/1"]]'
        '}]}}'
    ),
    'grid-2': (
        '{"exact_count": 6, "milp_objective": 6.0, "optimal": true, "status": "Optimizati'
        'on terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": 4, "witn'
        'ess": {"architecture": "2-2-1", "layers": [{"bias": ["-4/1", "-4/1"], "weights":'
        ' [["3/1", "3/1"], ["4/1", "4/1"]]}, {"bias": ["7/3"], "weights": [["-1/1", "-1/1'
        '"]]}]}}'
    ),
    'cube3-1': (
        '{"exact_count": 6, "milp_objective": 6.0, "optimal": true, "status": "Optimizati'
        'on terminated successfully. (HiGHS Status 7: Optimal)", "weight_bound": 2, "witn'
        'ess": {"architecture": "3-1-1", "layers": [{"bias": ["0/1"], "weights": [["2/1",'
        ' "2/1", "-2/1"]]}, {"bias": ["1/1"], "weights": [["-1/1"]]}]}}'
    ),
}
