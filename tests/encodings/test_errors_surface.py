"""Errors are errors, not verdicts: only named solver failures become ``unknown``.

A solver failure (z3.Z3Exception, SolverError) or a time-out is ``unknown`` with
its reason; InvalidArgument reaches the caller; any other exception is a bug and
surfaces unchanged.
"""

from __future__ import annotations

import pytest
import z3

from verify.encodings import lra, realize, realized_set, robust_at
from verify.encodings.agree import max_agreement
from verify.errors import InvalidArgument, SolverError
from verify.nets.network import ReLUNet


class _Bug(Exception):
    """Stands for a programming error inside a back end."""


def _raiser(exc: BaseException):
    def check(*_args: object, **_kwargs: object) -> object:
        raise exc
    return check


@pytest.mark.parametrize("exc", [z3.Z3Exception("out of memory"), SolverError("inconsistent")])
def test_realize_named_solver_failure_is_unknown(monkeypatch, exc):
    monkeypatch.setattr(lra.OneHiddenLRA, "check", _raiser(exc))
    d = realize("cube:2", "-++-", "2-2-1")
    assert d.status == "unknown"
    assert d.reason.startswith(f"solver error: {type(exc).__name__}")


def test_realize_timeout_is_unknown(monkeypatch):
    monkeypatch.setattr(lra.OneHiddenLRA, "check", _raiser(TimeoutError("building")))
    d = realize("cube:2", "-++-", "2-2-1", timeout=5)
    assert d.status == "unknown" and d.reason.startswith("time-out after 5 s")


@pytest.mark.parametrize("exc", [_Bug("a bug"), InvalidArgument("bad"), KeyError("k")])
def test_realize_bug_and_bad_input_surface(monkeypatch, exc):
    monkeypatch.setattr(lra.OneHiddenLRA, "check", _raiser(exc))
    with pytest.raises(type(exc)):
        realize("cube:2", "-++-", "2-2-1")


def test_realized_set_solver_failure_is_incomplete(monkeypatch):
    monkeypatch.setattr(lra.OneHiddenLRA, "check", _raiser(z3.Z3Exception("boom")))
    r = realized_set("cube:2", "2-1-1", sweep=False)
    assert not r.complete and r.reason == "solver error: Z3Exception: boom"


def test_realized_set_bug_surfaces(monkeypatch):
    monkeypatch.setattr(lra.OneHiddenLRA, "check", _raiser(_Bug("a bug")))
    with pytest.raises(_Bug):
        realized_set("cube:2", "2-1-1", sweep=False)


_NET = ReLUNet.from_lists([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], [-1])])


def test_robust_milp_beyond_float_range_is_unknown():
    # 10^400 has no float: HiGHS cannot be asked, which is an unknown, not a crash
    r = robust_at(_NET, [10**400, 1], 1, "1/4", "inf", method="milp")
    assert r.status == "unknown" and "float range" in r.reason


def test_agree_milp_bug_surfaces(monkeypatch):
    from verify.encodings import agree

    monkeypatch.setattr(agree, "milp_agreement", _raiser(_Bug("a bug")))
    with pytest.raises(_Bug):
        max_agreement("cube:2", "-++-", "2-1-1")


def test_agree_milp_failure_only_loses_the_warm_start(monkeypatch):
    from verify.encodings import agree

    monkeypatch.setattr(agree, "milp_agreement", _raiser(SolverError("HiGHS failed")))
    r = max_agreement("cube:2", "-++-", "2-1-1")
    assert (r.agreement, r.optimal) == (3, True)
    assert r.provenance["milp"] == {"error": "SolverError: HiGHS failed"}
