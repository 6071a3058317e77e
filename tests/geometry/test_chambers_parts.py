"""Golden tests of the chamber count's search tree and of the point-symmetry search.

Their exact results (the Betti numbers, the tree's node count, the group's rows in order)
and their refusals were digested before ``_tree`` and ``point_symmetry_group`` were split
by concern; the digests must not change.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.enumeration.golden import digest, untimed
from verify.errors import InvalidArgument
from verify.geometry import chambers as chambers_mod
from verify.geometry.chambers import characteristic_polynomial, point_symmetry_group
from verify.limits import Deadline

POLYNOMIALS = {  # (points, homogeneous, symmetry): digest of (betti, hyperplanes, provenance)
    ("cube:3", False, True): "db54a06a7d1f43e491ab68b3cef8f26c",
    ("cube:3", False, False): "f1b0a2c6c1171e92ea35265d47c8c9ab",
    ("grid:3:3", False, True): "e7fe1718538c285822ce04fe64498d76",
    ("stilde:3:4", False, True): "d7751918ce5765bdbec9900ce08e041e",
    ("cube:4", False, True): "f7bf4f0d68915ffe93e509cf7ba8aaae",
    ("grid:2:4", True, True): "6e1eaee6af675a6913166ca0a26904e3",
    ("grid:4:3", False, True): "1b57dd5bf9d0d7fcb8fa135f43eff645",
    ("grid:3:4", False, True): "26ebc3f8352d607eea1a214bfb70449d",
    ("grid:2:5", False, False): "753a895b2b6e2297edb2883b0c4f64a0",
    ("rand3", False, False): "58ff0ab4ac2b82e8f6a931125a118eda",
    ("rand3", False, True): "58ff0ab4ac2b82e8f6a931125a118eda",
    ("rand4h", True, True): "ab49c8c52c22187e0d5d3d3709ac40e0",
}


def _points(name):
    if name == "rand3":
        rng = np.random.default_rng(7)
        return sorted({tuple(p) for p in rng.integers(-4, 5, size=(12, 3)).tolist()})
    if name == "rand4h":
        rng = np.random.default_rng(11)
        return [p for p in rng.integers(-3, 4, size=(10, 4)).tolist() if any(p)]
    return name


@pytest.mark.parametrize("case", list(POLYNOMIALS), ids=str)
def test_polynomial_golden(case):
    name, homogeneous, symmetry = case
    p = characteristic_polynomial(_points(name), homogeneous=homogeneous, symmetry=symmetry)
    text = json.dumps([list(p.betti), p.hyperplanes, untimed(p.provenance)], sort_keys=True)
    assert digest(text) == POLYNOMIALS[case]


GROUPS = {  # (points, homogeneous): digest of the group's rows, in order
    ("cube:3", False): "d4fe6ab1ed1b0d728a6b45c168acf64e",
    ("grid:3:2", False): "27d86d8d0e3ba6ad929f7f3d8c2d2906",
    ("grid:4:3", False): "ebbf78dae32a437b44c872bb3312d138",
    ("stilde:3:3", False): "27d86d8d0e3ba6ad929f7f3d8c2d2906",
    ("rand3", False): "1c1d83db095197491d7b031c916d998b",
    ("cube:3", True): "50622abab171081f52f5ae3f111fb503",
    ("pm", True): "ae284d50f261e47c455fa618090147f9",
    ("line", False): "dd24d822b31d5fee260c542639c3cb82",
}


def _group_points(name):
    if name == "pm":
        return [[1, 0], [0, 1], [1, 1], [-1, 1], [2, 1], [1, 2]]
    if name == "line":
        return [[0, 0], [1, 1], [2, 2], [3, 3]]
    return _points(name)


@pytest.mark.parametrize("case", list(GROUPS), ids=str)
def test_symmetry_group_golden(case):
    name, homogeneous = case
    g = point_symmetry_group(_group_points(name), homogeneous=homogeneous)
    assert g is not None
    assert digest(json.dumps([str(g.dtype), g.tolist()])) == GROUPS[case]


class _StopsAfter(Deadline):
    """A deadline that passes at its ``k``-th look."""

    def __init__(self, k):
        super().__init__(5)
        self.looks, self.k = 0, k

    def expired(self):
        self.looks += 1
        return self.looks >= self.k


def test_symmetry_group_none_cases():
    assert point_symmetry_group("cube:3", max_work=47 * 8) is None
    assert point_symmetry_group([[2**40, 0], [0, 1], [1, 1]]) is None
    looks = []
    for k in range(1, 12):
        g = point_symmetry_group("cube:3", deadline=_StopsAfter(k))
        looks.append(None if g is None else len(g))
    assert looks == [None] * 10 + [48]  # the 11th look is the last


def test_tree_refusals(monkeypatch):
    msgs = []
    for k in (1, 4, 7, 40):  # (the nodes done at a look do not depend on the chunks' sizes)
        monkeypatch.setattr(chambers_mod, "Deadline", lambda _t, k=k: _StopsAfter(k))
        try:
            p = characteristic_polynomial("grid:2:5", symmetry=False)
            msgs.append(list(p.betti))
        except InvalidArgument as e:
            msgs.append(str(e))
    monkeypatch.undo()
    with pytest.raises(InvalidArgument) as big:
        characteristic_polynomial("cube:5", max_memory=100)
    msgs.append(str(big.value))
    assert digest(json.dumps(msgs)) == "9be6f4e9435478f63ec71619af9713ae"
