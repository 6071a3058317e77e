"""Golden test of the realizability certificate's producer (``make_realize_certificate``),
pinned before it was split by concern: the certificate (its ``seconds`` left out) for
every kind of answer and class, and its refusals."""

from __future__ import annotations

import json

import pytest

from tests.enumeration.golden import digest, untimed
from verify.certify.producer import make_realize_certificate
from verify.encodings.result import Decision
from verify.errors import InvalidArgument, SolverError
from verify.nets import ReLUNet

CUBE = [[0, 0], [0, 1], [1, 0], [1, 1]]
LINE = [[0], [1], [2], [3]]
NO = Decision.unrealizable(solver="z3", version="x", encoding="LRA", seconds=0.1)
YES = Decision.realizable(ReLUNet.from_lists([([[1, 1]], ["-1/2"])]), solver="z3",
                          version="x", encoding="LRA", seconds=0.1)
MAYBE = Decision.unknown("time-out", solver="z3", version="x", encoding="LRA", seconds=0.1)

GOLDEN = {  # (points, labels, architecture, class, decision, prove): digest
    ("cube", "-++-", "2-1-1", "real", "no", True): "50d4d75e343919d1f36dfd6afb986b5e",
    ("cube", "-++-", "2-1", "real", "no", True): "45203ab9970b5898ac64bb146466e3e5",
    ("cube", "-++-", "2-1-1-1", "real", "no", True): "819b3bd75ba0d8cda80ac252c8fe9236",
    ("line", "+-+-", "1-1-2-1", "real", "no", True): "b2b157807f2ca7eb763251d69e5c0279",
    ("cube", "-++-", "2-1-1", "real", "no", False): "4c030accf54cdd4bf6b3e3abdf752cd6",
    ("cube", "-++-", "2-2-2-1", "real", "no", True): "bbfbf6a7aa2b5a4dc797cd4698047f7a",
    ("cube", "-++-", "2-1", "int:1", "no", True): "2a569284e4101e9439bec954291c9a5a",
    ("cube", "-+++", "2-1", "real", "yes", True): "b1377b4ae4fb26cd25897bdad87f647f",
    ("cube", "-+++", "2-1-1", "int:2", "maybe", True): "1417a7c0828f393526c22e651fb7447b",
    ("line", (1, -1, 1, -1), (1, 2, 1), "real", "no", True): "9b7e83093d3feedeacaa150f6cd54106",
}


@pytest.mark.parametrize("case", list(GOLDEN), ids=str)
def test_realize_certificate_golden(case):
    pts, labels, arch, cls, decision, prove = case
    cert = make_realize_certificate(CUBE if pts == "cube" else LINE, labels, arch, cls,
                                    {"no": NO, "yes": YES, "maybe": MAYBE}[decision],
                                    prove=prove)
    assert digest(json.dumps(untimed(cert), sort_keys=True)) == GOLDEN[case]


def test_realize_certificate_refusals():
    with pytest.raises(SolverError, match="found a witness"):
        make_realize_certificate(CUBE, "-+++", "2-1-1", "real", NO)
    with pytest.raises(InvalidArgument, match="did not finish within 0 s"):
        make_realize_certificate(CUBE, "-++-", "2-1-1", "real", NO, timeout=0)
    with pytest.raises(InvalidArgument):
        make_realize_certificate(CUBE, "-++", "2-1-1", "real", NO)
