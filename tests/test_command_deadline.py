"""One ``--timeout`` per command: reading the points file and the work after it share
one clock (:func:`verify.cli.command_deadline`), so the work gets the time left, not
the whole limit again.  On a fake clock (reading "takes" seconds of it): no timing."""

from __future__ import annotations

import importlib
import types

import pytest

from verify import limits
from verify.encodings.result import Decision
from verify.geometry import pointsets


@pytest.fixture
def slow_reading(monkeypatch):
    """A fake clock for ``verify.limits``; reading a point set advances it by ``took``."""
    clock = types.SimpleNamespace(now=1000.0, took=7.0, reads=0)
    monkeypatch.setattr(limits, "time", types.SimpleNamespace(monotonic=lambda: clock.now))
    real = pointsets.parse_spec

    def parse_spec(spec, deadline=None):
        out = real(spec, deadline)
        clock.reads += 1
        clock.now += clock.took
        return out

    monkeypatch.setattr(pointsets, "parse_spec", parse_spec)
    return clock


def test_deadline_remaining_is_the_time_left_never_zero(slow_reading):
    d = limits.Deadline(10)
    slow_reading.now += 7.25
    assert d.remaining() == 2.75
    slow_reading.now += 5
    assert d.expired() and d.remaining() == 0.001  # the work stops at its first look
    assert limits.Deadline(None).remaining() is None
    # a limit under 5 ms is passed on as given while (almost) none of it is used
    tiny = limits.Deadline(0.001)
    assert tiny.remaining() == 0.001
    slow_reading.now += 0.01
    assert tiny.remaining() == 0.001


def test_realize_works_within_the_time_left_after_reading(cli, monkeypatch, slow_reading):
    realize_module = importlib.import_module("verify.encodings.realize")
    got = []

    def realize(ps, labels, arch, cls="real", timeout=None):
        got.append(timeout)
        return Decision.unknown("stub")

    monkeypatch.setattr(realize_module, "realize", realize)
    argv = ["realize", "--points", "grid:3:2", "--labels", "+-+--+-++", "--arch", "2-2-1",
            "--timeout", "10"]
    cli(argv)
    assert got == [3.0]  # 10 s less the 7 s of reading (it was given 10 s again)
    slow_reading.took = 0.004  # a spec: the whole limit is passed on (messages name it)
    cli(argv)
    assert got == [3.0, 10.0]


def test_count_works_within_the_time_left_after_reading(cli, monkeypatch, slow_reading):
    from verify.enumeration import realized

    got = []

    def realized_labelings(ps, arch, cls, *, timeout=None, **_kw):
        got.append(timeout)
        raise limits.BudgetExceeded("stub: stop here")

    monkeypatch.setattr(realized, "realized_labelings", realized_labelings)
    slow_reading.took = 12.0  # reading ran past the whole limit
    line = cli.error(["count", "relu", "--points", "grid:3:2", "--arch", "2-2-1",
                      "--timeout", "10", "--no-cache"])
    assert line == "error: stub: stop here" and got == [0.001]


@pytest.mark.parametrize("method", ["poly", "enumerate"])
def test_count_halfspaces_works_within_the_time_left_after_reading(cli, monkeypatch,
                                                                    slow_reading, method):
    from verify.enumeration import realized

    got = []

    def count_halfspaces(ps, homogeneous, *, method=None, timeout=None, **_kw):
        got.append(timeout)
        raise limits.BudgetExceeded("stub: stop here")

    monkeypatch.setattr(realized, "count_halfspaces", count_halfspaces)
    slow_reading.took = 7.5  # reading used 7.5 s of the 10
    line = cli.error(["count", "halfspaces", "--points", "grid:3:2", "--method", method,
                      "--timeout", "10", "--no-cache"])
    assert line == "error: stub: stop here" and got == [2.5]


def test_separation_shares_one_clock_between_reading_and_z3(cli, monkeypatch, slow_reading):
    from verify.encodings import separability
    from verify.geometry.checks import Check

    got = []

    def linearly_separable(a, b, timeout=None):
        got.append(timeout)
        return Check("linearly_separable", None, {"reason": "stub"})

    monkeypatch.setattr(separability, "linearly_separable", linearly_separable)
    slow_reading.took = 2.0
    run = cli(["separation", "grid:2:2", "cube:2", "--norm", "inf", "--linear", "--timeout", "10"])
    assert run.code == 0, run.err
    # two files read: 4 s of 10 gone; z3 runs on the command's clock (its time-out
    # message names the whole 10 s)
    assert slow_reading.reads == 2 and len(got) == 1
    assert (got[0].left(), got[0].seconds) == (6.0, 10.0)


def test_growth_reads_the_points_once(cli, slow_reading):
    slow_reading.took = 0.0
    d = cli.json(["growth", "--points", "cube:2", "--arch", "halfspaces"])
    assert slow_reading.reads == 1  # it was read twice, each with the whole --timeout
    assert d["vc_dimension"] == 3
