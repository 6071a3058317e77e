"""Golden test of the ``int:Q`` SAT encoding's construction (``OneHiddenSAT``), pinned
before it was split by concern: the behaviours with their representatives, the variable
pool and every clause given to the solver, in order; and the refusals."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import ClassVar

import pysat.solvers
import pytest

from tests.enumeration.golden import digest
from verify.encodings.sat import OneHiddenSAT
from verify.errors import InvalidArgument
from verify.geometry.pointsets import as_points


class _Recording(pysat.solvers.Solver):
    """Glucose, keeping every clause it is given."""

    clauses: ClassVar[list[list[int]]] = []

    def add_clause(self, clause, no_return=True):
        _Recording.clauses.append(list(clause))
        return super().add_clause(clause, no_return)

    def append_formula(self, formula, no_return=True):
        _Recording.clauses.extend(list(c) for c in formula)
        return super().append_formula(formula, no_return)


ENCODINGS = {  # (points, hidden, q, pb): digest of the encoding
    ("cube:2", 0, 1, False): "d81b91548830f0d2f40f50c2c2ee7a4b",
    ("cube:2", 1, 1, False): "91c40137f539493598637ccad6799f48",
    ("cube:2", 2, 1, False): "146a3881dec14c10c03c46d7f7b5d194",
    ("grid:3:1", 2, 1, False): "330aec57c560b7d30612ec294c972aab",
    ("half", 1, 1, False): "e45f79b0964594fc8a1b2b3d1da6ac68",
    ("cube:2", 2, 1, True): "e7b09c7db2d240dd18c12f45def5a829",
    ("cube:2", 0, 1, True): "c2b4cbedced4dd9cca3477c0aace6428",
}


@pytest.mark.parametrize("case", list(ENCODINGS), ids=str)
def test_encoding_golden(case, monkeypatch):
    spec, hidden, q, pb = case
    points = [(Fraction(1, 2), Fraction(0)), (Fraction(0), Fraction(1, 3)),
              (Fraction(1), Fraction(1))] if spec == "half" else as_points(spec)
    monkeypatch.setattr(pysat.solvers, "Solver", _Recording)
    _Recording.clauses = []
    enc = OneHiddenSAT(points, hidden, q, pb=pb)
    text = json.dumps([enc.behaviours, sorted(map(str, enc.pool.obj2id.items())), enc.pool.top,
                       enc.Y, enc.Z, enc.C, enc.encoding, _Recording.clauses])
    assert digest(text) == ENCODINGS[case]


def test_refusals():
    with pytest.raises(InvalidArgument, match="43046721 parameter choices per unit exceed"):
        OneHiddenSAT(as_points("cube:2"), 1, 40)
    with pytest.raises(InvalidArgument, match="8012006001 parameter choices"):
        OneHiddenSAT(as_points("cube:2"), 0, 10**3)
    with pytest.raises(TimeoutError, match="while building"):
        OneHiddenSAT(as_points("cube:2"), 1, 1, deadline=0.0)
    with pytest.raises(TimeoutError, match="while building"):
        OneHiddenSAT(as_points("cube:2"), 0, 1, deadline=0.0)
