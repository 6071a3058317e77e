"""z3's memory while solving is bounded by the budget (``--max-memory``): a hit is
``unknown`` with the reason "memory limit: …", never unsat and never a traceback.

The limit is made tiny (1 MiB: less than z3's own first context, so the first
allocation of a query past z3's 100 KB accounting step fails); the query is one
that needs far more (2-2-2-1 on grid:3:2, labels +-+-+-+-+, runs for minutes
without a limit), with a solver time limit only as a guard."""

from __future__ import annotations

import json

import pytest
import z3

from verify.encodings import z3memory
from verify.encodings.lra import OneHiddenLRA
from verify.encodings.nra import DeepNRA
from verify.encodings.realize import realize, realized_set
from verify.encodings.z3memory import MEMORY_LIMIT, z3_check, z3_memory_share, z3_reason
from verify.geometry.pointsets import grid
from verify.limits import memory_limit

HARD = (1, -1, 1, -1, 1, -1, 1, -1, 1)
HARD_TEXT = "+-+-+-+-+"
XOR_FREE = (1, 1, 1, -1, -1, -1, 1, 1, 1)  # a band: two ReLUs realize it


def _hard_query() -> tuple[DeepNRA, list[object]]:
    enc = DeepNRA(grid(3, 2), (2, 2, 2, 1))
    enc.set_timeout(60)  # a guard only: under the limit the check stops at once
    return enc, [y if v > 0 else z3.Not(y) for y, v in zip(enc.Y, HARD, strict=True)]


def test_a_check_past_the_budget_is_unknown_with_the_memory_reason():
    enc, lits = _hard_query()
    before = z3.get_param("memory_max_size")
    with memory_limit("1M"):
        result = z3_check(enc.solver, *lits)
    assert result == z3.unknown
    why = z3_reason(enc.solver)
    assert why.startswith("memory limit: z3 needs more than 1 MiB")
    assert why.endswith("limit 1 MiB (set with --max-memory)")
    assert enc.reason_unknown() == why  # what every query object reports
    assert z3.get_param("memory_max_size") == before  # put back after the check
    # that solver is not asked again (z3 then answered sat with a broken model) ...
    assert enc.check((1,) * 9) == ("unknown", None)
    assert enc.reason_unknown() == why
    # ... but a new query of the same process answers exactly under the default budget
    # (linear arithmetic: z3's NRA search depends on what the process made before and
    # once ran for minutes in the suite on an easy labeling)
    fresh = OneHiddenLRA(grid(3, 2), 2)
    status, net = fresh.check(XOR_FREE)
    assert status == "sat", z3_reason(fresh.solver)
    assert net is not None and net.realizes(grid(3, 2), XOR_FREE)
    assert not z3_reason(fresh.solver).startswith(MEMORY_LIMIT)


class _Stub:
    """A solver whose check reports what z3 does past its memory limit."""

    def __init__(self, outcome: object, reason: str = "") -> None:
        self.outcome, self.reason, self.param = outcome, reason, None

    def check(self, *assumptions: object) -> object:
        self.param = z3.get_param("memory_max_size")
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome

    def reason_unknown(self) -> str:
        return self.reason


def test_the_limit_is_the_budget_less_what_the_process_holds(monkeypatch):
    monkeypatch.setattr(z3memory, "_resident_bytes", lambda: 700 * 2**20)
    monkeypatch.setattr(z3memory, "z3_allocated", lambda: 200 * 2**20)
    assert z3_memory_share("2G") == (2**31 - 500 * 2**20, 2**31, 500 * 2**20)
    assert z3_memory_share("100M")[0] == 2**20  # never 0 (z3: no limit)
    stub = _Stub(z3.unsat)
    with memory_limit("2G"):
        assert z3_check(stub) == z3.unsat
    assert stub.param == str(2048 - 500)  # MiB, during the check only


@pytest.mark.parametrize("stub", [
    _Stub(z3.Z3Exception(b"out of memory")),      # the SMT core raises
    _Stub(z3.unknown, "sat.giveup out of memory"),  # the SAT core answers unknown
])
def test_both_ways_z3_reports_the_limit_become_unknown(stub):
    assert z3_check(stub) == z3.unknown
    assert z3_reason(stub).startswith("memory limit: z3 needs more than")


def test_other_z3_errors_and_reasons_are_left_alone():
    with pytest.raises(z3.Z3Exception):
        z3_check(_Stub(z3.Z3Exception(b"invalid argument")))
    stub = _Stub(z3.unknown, "timeout")
    assert z3_check(stub) == z3.unknown and z3_reason(stub) == "timeout"


def test_realize_past_the_budget_is_unknown_never_unrealizable():
    with memory_limit("1M"):
        d = realize("grid:3:2", HARD_TEXT, "2-2-2-1", timeout=60)
    assert d.status == "unknown"
    assert d.reason.startswith("memory limit: z3 needs more than 1 MiB")


def test_an_enumeration_past_the_budget_is_incomplete_never_smaller():
    with memory_limit("1M"):
        res = realized_set("grid:3:2", "2-2-1", sweep=False, timeout=60)
    assert not res.complete
    assert res.reason is not None and MEMORY_LIMIT in res.reason
    # every labeling it lists is realized (re-checked); the true count is 360
    assert res.count <= 360


def test_the_command_line_says_memory_limit_with_the_budget(cli):
    argv = ["realize", "--points", "grid:3:2", "--labels", HARD_TEXT, "--arch", "2-2-2-1",
            "--timeout", "60", "--max-memory", "1M"]
    code, out, err = cli(argv)
    assert code == 3 and "Traceback" not in err
    assert "reason: memory limit: z3 needs more than 1 MiB" in out
    assert "limit 1 MiB (set with --max-memory)" in out
    payload = json.loads(cli([*argv, "--json"]).out)
    assert payload["status"] == "unknown"
    assert payload["reason"].startswith("memory limit: z3 needs more than 1 MiB")
