"""``milp_check`` (HiGHS's MILP over the ℓ∞ ball), pinned before its split by concern.

On thirteen questions that take every path (stable active, stable inactive and
unstable units; no hidden layer; two hidden layers; HiGHS's float point a
counterexample as it is, or only once rounded to a small denominator; an optimum
clear of 0, one too close to 0 to decide, and no solution within the time limit)
the answer — status, counterexample, note and HiGHS's optimum — and a digest of
the model handed to HiGHS (objective, rows and their sides, variable bounds,
integrality, options) are compared with the values computed before the split.
A coordinate beyond the float range raises ``OverflowError`` (the caller turns
it into an unknown).
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction as F

import pytest
import scipy.optimize

from verify.encodings.robust_milp import milp_check
from verify.nets.network import ReLUNet

N = ReLUNet.from_lists
IDENT = N([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], [-1])])
ABS = N([([[1], [-1]], [0, 0]), ([[1, 1]], [0])])
ABS_THIRD = N([([[1], [-1]], ["-1/3", "1/3"]), ([[1, 1]], [0])])
ABS_TINY = N([([[1], [-1]], [0, 0]), ([[1, 1]], ["1/1000000000"])])
ABS_ONE = N([([[1], [-1]], [0, 0]), ([[1, 1]], [1])])
LINEAR = N([([[2, -3]], [1])])
DEEP = N([([[1, -1], [2, 1]], [0, "-1/2"]), ([[1, -1], ["1/2", 1]], ["1/4", 0]),
          ([[1, -2]], ["1/8"])])

CASES = {
    "stable-verified": (IDENT, (1, 1), 1, "1/4", None),
    "stable-cex": (IDENT, ("1/2", "1/2"), 1, "1/4", None),
    "inactive": (IDENT, (-2, -2), -1, "1/4", None),
    "unstable-cex": (IDENT, (0, 0), -1, 1, None),
    "unstable-verified": (ABS_ONE, (0,), 1, 1, None),
    "optimum-zero": (ABS, ("1/2",), 1, "1/2", None),
    "rounded-cex": (ABS_THIRD, ("1/2",), 1, "1/2", None),
    "too-close": (ABS_TINY, ("1/2",), 1, "1/2", None),
    "no-hidden": (LINEAR, (0, 0), 1, "1/10", None),
    "no-hidden-timed": (LINEAR, (0, 0), 1, "1/100", 5),
    "deep": (DEEP, ("1/3", "1/5"), 1, "1/2", None),
    "deep-negative": (DEEP, ("1/3", "1/5"), -1, "1/2", None),
    "no-solution": (DEEP, ("1/3", "1/5"), 1, "1/2", 0),
}


def _digest(obj):
    return hashlib.sha256(json.dumps(obj, sort_keys=True).encode()).hexdigest()[:32]


def _model(c, constraints, integrality, bounds, options):
    rows = [[con.A.tolist(), con.lb.tolist(), con.ub.tolist()] for con in constraints]
    return _digest([c.tolist(), rows, integrality.tolist(), bounds.lb.tolist(),
                    bounds.ub.tolist(), options])


def _answer(ans):
    status, cex, note, opt = ans
    return [status, None if cex is None else [str(v) for v in cex], note, repr(opt)]


@pytest.mark.parametrize("name", list(CASES))
def test_milp_check_is_unchanged(name, monkeypatch):
    net, x, y, r, timeout = CASES[name]
    real = scipy.optimize.milp
    models = []

    def recording(c, *, constraints, integrality, bounds, options):
        models.append(_model(c, constraints, integrality, bounds, options))
        return real(c, constraints=constraints, integrality=integrality, bounds=bounds,
                    options=options)

    monkeypatch.setattr(scipy.optimize, "milp", recording)
    ans = milp_check(net, tuple(F(v) for v in x), y, F(r), timeout)
    assert (_answer(ans), models) == GOLDEN[name]


def test_a_value_beyond_the_float_range_raises_overflow():
    with pytest.raises(OverflowError):
        milp_check(IDENT, (F(10**400), F(1)), 1, F(1, 4), None)


GOLDEN: dict[str, object] = {
    'stable-verified': (
        ['verified', None,
         '0 unstable units; HiGHS optimum of y*f = 0.5 (numeric)',
         '0.5'],
        ['73901daeb4df8333809b9fa5cdc93c08']),
    'stable-cex': (
        ['counterexample', ['1/4', '1/4'],
         '0 unstable units',
         '-0.5'],
        ['310c100920fbc7ade839e4017bcff0d6']),
    'inactive': (
        ['verified', None,
         '0 unstable units; HiGHS optimum of y*f = 1 (numeric)',
         '1.0'],
        ['df87c008ff0f5cda2c0518db07cf3c76']),
    'unstable-cex': (
        ['counterexample', ['1', '1'],
         '2 unstable units',
         '-1.0000000040000003'],
        ['a15a6131d2b9ea3d3e811d94acd0ef19']),
    'unstable-verified': (
        ['verified', None,
         '2 unstable units; HiGHS optimum of y*f = 1 (numeric)',
         '1.0'],
        ['9ff2f5d1bb28706d0d7727c0fdc8ab09']),
    'optimum-zero': (
        ['counterexample', ['0'],
         '0 unstable units',
         '0.0'],
        ['82f1e7e3438ff680e280d304ea950a62']),
    'rounded-cex': (
        ['counterexample', ['1/3'],
         '2 unstable units',
         '0.0'],
        ['73a019bb351ca1bae25a76eb28330e0b']),
    'too-close': (
        ['unknown', None,
         'HiGHS optimum 1e-09 is too close to 0 to decide',
         '1e-09'],
        ['82f1e7e3438ff680e280d304ea950a62']),
    'no-hidden': (
        ['verified', None,
         '0 unstable units; HiGHS optimum of y*f = 0.5 (numeric)',
         '0.5'],
        ['309375ab1560e01c541655c7031fcbe1']),
    'no-hidden-timed': (
        ['verified', None,
         '0 unstable units; HiGHS optimum of y*f = 0.95 (numeric)',
         '0.95'],
        ['412c546d94d6ec469202c1b6a8b5c7b0']),
    'deep': (
        ['counterexample', ['5/6', '3152519739159347/4503599627370496'],
         '3 unstable units',
         '-3.7416666666666667'],
        ['a7995b49e8270b84c3f7a79a3730e516']),
    'deep-negative': (
        ['counterexample',
         ['-6004799503160661/36028797018963968', '-6004799503160661/36028797018963968'],
         '3 unstable units',
         '-0.375'],
        ['be107a38a3438e6b31c7be8a987984dc']),
    'no-solution': (
        ['unknown', None,
         'HiGHS: Time limit reached. (HiGHS Status 13: model_status is Time limit '
         'reached; primal_status is None)',
         'None'],
        ['d15b6cc46291c714bf567069c93ae7c8']),
}
