"""The parts of ``robust_error`` (f*'s exact robust error), each on its contract.

The whole is pinned too: its JSON (without the run's time and z3's version) on
five inputs, computed before the function was split into these parts.
"""

from fractions import Fraction as F

import pytest
import z3

from verify.encodings.fstar_robust import (
    Perturbation,
    _labelled,
    _recheck,
    _witness,
    _worst_point,
    _worst_point_l2,
    robust_error,
)
from verify.errors import CertificateError, InvalidArgument
from verify.jsonio import dumps

CASES = {
    "linf": (([(0, 0)], [(1, 0)], "1/2", "inf"), {}),
    "l1_robust": (([(0, 0)], [(1, 0)], "49/100", "1"), {}),
    "l2": (([(0, 0)], [(1, 1)], "3/4", "2"), {}),
    "l2_far": (([(0, 0)], [(1, 2)], "5/4", "2"), {}),
    "sample": (([(0, 0)], [(1, 0)], "1/5", "inf"),
               dict(sample=[(F(1, 4), 0), (F(3, 4), 0)], labels="+-")),
}

GOLDEN = {
    'linf': (
        '{"name": "robust_error", "holds": false, "norm": "inf", "radius": "1/2", "ball":'
        ' "closed", "total": 2, "misclassified": 2, "error": "1/1", "witnesses": [{"point'
        '": ["0/1", "0/1"], "label": 1, "perturbed": ["1/2", "0/1"], "distance_to_point":'
        ' "1/2", "d_A": "1/2", "d_B": "1/2", "f_star": "0/1"}, {"point": ["1/1", "0/1"], '
        '"label": -1, "perturbed": ["1/2", "0/1"], "distance_to_point": "1/2", "d_A": "1/'
        '2", "d_B": "1/2", "f_star": "0/1"}], "solver": "z3", "logic": "LRA"}'
    ),
    'l1_robust': (
        '{"name": "robust_error", "holds": true, "norm": "1", "radius": "49/100", "ball":'
        ' "closed", "total": 2, "misclassified": 0, "error": "0/1", "witnesses": [], "sol'
        'ver": "z3", "logic": "LRA"}'
    ),
    'l2': (
        '{"name": "robust_error", "holds": false, "norm": "2", "radius": "3/4", "ball": "'
        'closed", "total": 2, "misclassified": 2, "error": "1/1", "witnesses": [{"point":'
        ' ["0/1", "0/1"], "label": 1, "perturbed": ["5/8", "13/32"], "distance_squared_to'
        '_point": "569/1024", "d_A_squared": "569/1024", "d_B_squared": "505/1024", "f_st'
        'ar_interval": ["-815503006103331922709/27345999992187531414167", "-8155030061033'
        '31922707/27345999992187531414167"]}, {"point": ["1/1", "1/1"], "label": -1, "per'
        'turbed": ["3/8", "19/32"], "distance_squared_to_point": "569/1024", "d_A_squared'
        '": "505/1024", "d_B_squared": "569/1024", "f_star_interval": ["81550300610333192'
        '2707/27345999992187531414167", "815503006103331922709/27345999992187531414167"]}'
        '], "solver": "z3", "logic": "NRA"}'
    ),
    'l2_far': (
        '{"name": "robust_error", "holds": false, "norm": "2", "radius": "5/4", "ball": "'
        'closed", "total": 2, "misclassified": 2, "error": "1/1", "witnesses": [{"point":'
        ' ["0/1", "0/1"], "label": 1, "perturbed": ["0/1", "5/4"], "distance_squared_to_p'
        'oint": "25/16", "d_A_squared": "25/16", "d_B_squared": "25/16", "f_star_interval'
        '": ["0/1", "0/1"]}, {"point": ["1/1", "2/1"], "label": -1, "perturbed": ["0/1", '
        '"5/4"], "distance_squared_to_point": "25/16", "d_A_squared": "25/16", "d_B_squar'
        'ed": "25/16", "f_star_interval": ["0/1", "0/1"]}], "solver": "z3", "logic": "NRA'
        '"}'
    ),
    'sample': (
        '{"name": "robust_error", "holds": true, "norm": "inf", "radius": "1/5", "ball": '
        '"closed", "total": 2, "misclassified": 0, "error": "0/1", "witnesses": [], "solv'
        'er": "z3", "logic": "LRA"}'
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_robust_error_unchanged(name: str) -> None:
    args, kwargs = CASES[name]
    c = robust_error(*args, **kwargs)
    ev = {k: v for k, v in c.evidence.items() if k not in ("seconds", "version")}
    assert dumps({"name": c.name, "holds": c.holds, **ev}) == GOLDEN[name]


O, P = (F(0), F(0)), (F(1), F(0))


@pytest.mark.parametrize("norm", ["inf", "1"])
def test_worst_point_linear_norms(norm: str) -> None:
    assert _worst_point(z3, O, [O], [P], F(1, 10), norm) == Perturbation("robust")
    found = _worst_point(z3, O, [O], [P], F(1, 2), norm)
    assert found.status == "misclassified" and found.algebraic is None
    assert found.point is not None
    assert _recheck(O, 1, found.point, (O,), (P,), F(1, 2), norm)  # misclassified, in the ball


def test_worst_point_l2() -> None:
    assert _worst_point_l2(z3, O, [O], [P], F(49, 100)).status == "robust"
    found = _worst_point_l2(z3, O, [O], [P], F(1, 2))
    assert found.status == "misclassified"
    assert found.point == (F(1, 2), F(0))  # the only point of the ball on the bisector


def test_labelled_default_and_sample() -> None:
    assert _labelled((O,), (P,), None, None) == [(O, 1), (P, -1)]
    assert _labelled((O,), (P,), [(0, 1)], "-") == [((F(0), F(1)), -1)]
    with pytest.raises(InvalidArgument, match="labels given without a sample"):
        _labelled((O,), (P,), None, "+")
    with pytest.raises(InvalidArgument, match="needs labels"):
        _labelled((O,), (P,), [(0, 1)], None)
    with pytest.raises(InvalidArgument, match="wrong dimension"):
        _labelled((O,), (P,), [(0,)], "+")


def test_recheck_refuses_a_point_that_is_not_misclassified() -> None:
    with pytest.raises(CertificateError):
        _recheck(O, 1, (F(1, 4), F(0)), (O,), (P,), F(1, 2), "inf")  # nearer to its own class
    with pytest.raises(CertificateError):
        _recheck(O, 1, (F(1), F(0)), (O,), (P,), F(1, 2), "inf")  # outside the ball
    assert _recheck(O, 1, (F(1, 2), F(0)), (O,), (P,), F(1, 2), "inf") == (F(1, 2), F(1, 2))


def test_witness_evidence_per_norm() -> None:
    xp = (F(1, 2), F(0))
    w = _witness(O, 1, xp, (F(1, 2), F(1, 2)), (O,), (P,), "inf")
    assert w["f_star"] == 0 and w["distance_to_point"] == F(1, 2) and w["d_A"] == F(1, 2)
    w2 = _witness(O, 1, xp, (F(1, 4), F(1, 4)), (O,), (P,), "2")
    assert w2["distance_squared_to_point"] == F(1, 4) and w2["d_B_squared"] == F(1, 4)
    lo, hi = w2["f_star_interval"]
    assert lo <= 0 <= hi
