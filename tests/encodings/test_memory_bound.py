"""python-sat, HiGHS and cvc5 (in the query process) solve under the memory budget: a query
that runs past its share is ``unknown`` with the reason "memory limit: …", never unsat, never
a count; a query that dies for another reason stays an error.

The queries are stubs that allocate far past a small budget (256 MiB or more against a
share of a few MiB), so whether they run out does not depend on the machine."""

from __future__ import annotations

import os
import resource
import signal

import numpy as np
import pytest

from verify.encodings import wide
from verify.encodings.memory_bound import SolverMemoryLimit, address_space, highs
from verify.encodings.query_process import QueryProcess
from verify.encodings.sat import OneHiddenSAT
from verify.encodings.wide import decide_two_layer
from verify.encodings.z3memory import MEMORY_LIMIT
from verify.geometry.pointsets import cube
from verify.limits import memory_limit

BIG = 2**30  # bytes a stub asks for: far past every budget below


def _allocate(n: int) -> int:
    return len(np.empty(n // 8))  # address space: refused past the bound, never touched


def _die(message: bytes, how: int) -> None:
    os.write(2, message)
    os.kill(os.getpid(), how)


@pytest.fixture
def process():
    qp = QueryProcess(_allocate)
    yield qp
    qp.stop()


def test_a_query_past_its_share_is_a_memory_stop_and_the_next_one_answers(process, capfd):
    kind, share = process.ask((BIG,), 60.0, memory=64 * 2**20)
    assert kind == "memory"
    assert share.budget == 64 * 2**20 and share.held > 0 and share.share < BIG
    assert process._proc is None  # the child that ran out is not asked again
    assert process.ask((2**20,), 60.0, memory=64 * 2**20) == ("ok", 2**17)
    assert process.ask((BIG,), 60.0) == ("ok", BIG // 8)  # no budget, no bound


@pytest.mark.parametrize(("said", "how", "memory"), [
    (b"GNU MP: Cannot allocate memory (size=8)\n", signal.SIGABRT, True),  # cvc5's way
    (b"terminate called after throwing an instance of 'std::bad_alloc'\n", signal.SIGABRT, True),
    (b"", signal.SIGKILL, True),  # the kernel's out-of-memory killer
    (b"Assertion failed\n", signal.SIGABRT, False),  # not memory: an error, as before
])
def test_a_child_that_dies_is_a_memory_stop_only_when_it_ran_out(said, how, memory, capfd):
    qp = QueryProcess(_die)
    try:
        kind, payload = qp.ask((said, how), 60.0, memory=2**30)
    finally:
        qp.stop()
    assert (kind == "memory") is memory
    if not memory:
        assert (kind, payload) == ("ended", -how)
    assert said.decode() in capfd.readouterr().err  # the child's own words reach our stderr


def test_a_nonlinear_query_past_its_share_is_unknown_never_unrealizable(monkeypatch):
    qp = QueryProcess(wide._served)
    monkeypatch.setattr(wide, "_QUERIES", qp)
    monkeypatch.setattr(wide, "_run_query", lambda *a: _allocate(BIG))
    try:
        with memory_limit("64M"):
            status, net, prov = decide_two_layer(cube(2), (1, -1, -1, 1), (2, 2, 2, 1), 60,
                                                 "z3", relax_first=False)
    finally:
        qp.stop()
    assert (status, net) == ("unknown", None)
    assert prov["reason"].startswith(f"{MEMORY_LIMIT}: z3 needs more than")
    assert prov["reason"].endswith("limit 64 MiB (set with --max-memory)")


def test_glucose_past_the_budget_is_interrupted_and_unknown_for_good_never_unsat(monkeypatch):
    import threading

    from verify.encodings.memory_bound import share_now

    pts = cube(2)
    y = tuple(1 if p[0] == 1 else -1 for p in pts)  # x1 > 1/2: 2·x1 − 1 realizes it
    enc = OneHiddenSAT(pts, 0, 2)
    status, net = enc.check(y)
    assert status == "sat" and net is not None and net.realizes(pts, y)  # before the budget
    stopped = threading.Event()
    calls = []

    def hungry(*a, **k):  # holds 64 MiB more than the process did, until interrupted
        calls.append(np.ones(2**23))
        assert stopped.wait(60), "never interrupted"
        return None

    monkeypatch.setattr(enc.solver, "solve_limited", hungry)
    monkeypatch.setattr(enc.solver, "interrupt", stopped.set)
    budget = share_now("").held + 16 * 2**20
    with memory_limit(budget):
        assert enc.check(y) == ("unknown", None)
    assert enc.reason_unknown().startswith(f"{MEMORY_LIMIT}: python-sat glucose4 needs")
    monkeypatch.undo()
    calls.clear()
    assert enc.check(y) == ("unknown", None)  # not asked again


def test_highs_past_its_share_is_a_solver_memory_limit_and_the_bound_is_lifted():
    from scipy.optimize import linprog

    before = resource.getrlimit(resource.RLIMIT_AS)
    a = np.ones((2048, 2048))  # 32 MiB: SciPy's copy alone needs more than a 1 MiB share
    with pytest.raises(SolverMemoryLimit, match=r"^memory limit: HiGHS needs more than 1 MiB"):
        highs(linprog, np.zeros(2048), A_ub=a, b_ub=np.ones(2048), method="highs",
              limit="1K")
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    res = highs(linprog, [1.0, 1.0], A_ub=[[-1.0, -1.0]], b_ub=[-1.0], bounds=[(0, 2)] * 2,
                method="highs")
    assert res.status == 0 and res.fun == 1.0  # within the budget: solved (x + y >= 1)


def test_highs_saying_memory_limit_is_a_solver_memory_limit():
    class Result:
        status, message = 4, "(HiGHS Status 18: Memory limit reached)"

    with pytest.raises(SolverMemoryLimit, match="HiGHS"):
        highs(lambda: Result())
    Result.message = "Time limit reached"
    assert highs(lambda: Result()).status == 4  # not memory: the caller's to judge


def test_a_tighter_limit_already_in_force_is_kept():
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with address_space("HiGHS", "1T"):
        inner = resource.getrlimit(resource.RLIMIT_AS)
    assert inner[1] == hard and (soft == resource.RLIM_INFINITY or inner[0] <= soft)
    assert resource.getrlimit(resource.RLIMIT_AS) == (soft, hard)


def test_a_child_started_while_stderr_is_captured_answers(monkeypatch):
    # faulthandler on (pytest turns it on) and sys.stderr without a descriptor (a capture):
    # the child points faulthandler at descriptor 2 and answers
    import faulthandler
    import io

    was = faulthandler.is_enabled()
    faulthandler.enable()
    monkeypatch.setattr("sys.stderr", io.StringIO())
    qp = QueryProcess(_allocate)
    try:
        assert qp.ask((2**20,), 60.0, memory=2**30) == ("ok", 2**17)
    finally:
        qp.stop()
        if not was:
            faulthandler.disable()
