"""Two wide hidden layers: normal form, two exact back ends, the per-orbit driver, unknowns."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest

from verify.encodings import realize, realized_set
from verify.encodings.orbits import decide_orbits
from verify.encodings.realize import realizes_bits
from verify.encodings.wide import backend_available, decide_two_layer, normalise_two_layer
from verify.geometry.pointsets import as_points
from verify.labels import unpack_labels
from verify.nets.network import ReLUNet


def _random_net(rng: random.Random, widths) -> ReLUNet:
    def r() -> Fraction:
        if rng.random() < 0.25:
            return Fraction(0)
        return Fraction(rng.randint(-5, 5), rng.randint(1, 3))

    return ReLUNet.from_lists([([[r() for _ in range(a)] for _ in range(b)],
                                [r() for _ in range(b)])
                               for a, b in itertools.pairwise(widths)])


def test_normal_form_computes_the_same_function_exactly():
    rng = random.Random(11)
    for _ in range(300):
        widths = (rng.randint(1, 3), rng.randint(1, 3), rng.randint(2, 3), 1)
        net = _random_net(rng, widths)
        out, design = normalise_two_layer(net)
        assert all(abs(v) == 1 for v in out.layers[2].weights[0])
        assert all(abs(out.layers[1].weights[k][j]) == 1 for j, k in enumerate(design))
        for _ in range(8):
            x = [Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(widths[0])]
            assert out.evaluate(x) == net.evaluate(x)


@pytest.mark.skipif(not backend_available("cvc5"), reason="cvc5 (optional extra) not installed")
# every labeling of cube:2 (the square; grid:2:2 is an affine copy of it) and of three points
# on a line, where some labelings are refuted; cube:2 and grid:2:2 with 2-2-2-1 are compared
# in benchmarks/bench_deep.py (tens of seconds)
@pytest.mark.parametrize("spec, arch", [("cube:2", "2-1-2-1"), ("grid:3:1", "1-1-2-1")])
def test_z3_and_cvc5_agree_on_every_labeling(spec, arch):
    pts = as_points(spec)
    widths = tuple(int(w) for w in arch.split("-"))
    n = len(pts)
    # three orbits of the square (cvc5 needs seconds on XOR), every labeling on the line
    labelings = [0b0000, 0b0001, 0b0011] if spec == "cube:2" else range(2**n)  # XOR: benchmark
    for bits in labelings:
        y = unpack_labels(bits, n)
        answers = []
        for backend in ("z3", "cvc5"):
            status, net, _ = decide_two_layer(pts, y, widths, 60, backend, relax_first=False)
            assert status != "unknown"
            if net is not None:
                assert net.realizes(pts, y)
            answers.append(status)
        assert answers[0] == answers[1]


@pytest.mark.parametrize("spec", ["cube:2", "grid:2:2"])
def test_normal_form_and_plain_nra_agree_on_every_labeling_2_2_2_1(spec):
    """z3 on the normal form (the per-orbit back end) against z3 on the plain,
    un-normalised encoding (DeepNRA), every labeling of the square: decided answers
    agree and every witness is re-checked.  Independent truth: 2-2-1 realizes all 16
    labelings of four points in general position (XOR included), so 2-2-2-1 does too.
    A plain query may time out (unknown; z3's nonlinear search depends on the process's
    earlier queries), which is never a disagreement."""
    from verify.encodings.nra import DeepNRA

    pts = as_points(spec)
    decided_plain = 0
    for bits in range(16):
        y = unpack_labels(bits, 4)
        status, net, _ = decide_two_layer(pts, y, (2, 2, 2, 1), 60, "z3", relax_first=False)
        assert status == "realizable" and net is not None and net.realizes(pts, y)
        enc = DeepNRA(pts, (2, 2, 2, 1))
        enc.set_timeout(1)
        raw, plain = enc.check(y)
        assert raw in ("sat", "unknown")       # never unsat: the labeling is realized
        if raw == "sat":
            assert plain is not None and plain.realizes(pts, y)
            decided_plain += 1
    assert decided_plain >= 1


def test_the_relaxation_never_refutes_a_realized_labeling():
    pts = as_points("grid:3:1")
    for bits in range(8):
        y = unpack_labels(bits, 3)
        exact = decide_two_layer(pts, y, (1, 1, 2, 1), 60, relax_first=False)[0]
        relaxed = decide_two_layer(pts, y, (1, 1, 2, 1), 60)[0]
        assert relaxed == exact


def test_orbit_counts_subclass_inclusions_and_witnesses():
    pts = as_points("grid:2:2")
    deep = realized_set(pts, "2-2-2-1", query_timeout=30)
    assert deep.complete and deep.count == 16 and deep.upper == 16  # grid:3:2: benchmark
    shallow = {int(b) for b in realized_set(pts, "2-1-1").labelings}
    assert shallow <= {int(b) for b in deep.labelings} and len(shallow) == 14  # 2-1-1 ⊆ 2-2-2-1
    assert all(w.widths == (2, 2, 2, 1) and realizes_bits(w, pts, int(b))
               for b, w in deep.witnesses.items())


def test_a_query_that_times_out_is_unknown_never_unrealizable(monkeypatch):
    from verify.encodings import wide

    monkeypatch.setattr(wide, "QUERY_GRACE", 0.05)  # a query past 1 ms is stopped soon after
    checkerboard = "-+-+-+-+-"
    d = realize("grid:3:2", checkerboard, "2-2-2-1", timeout=0.001)
    assert d.status in ("unknown", "realizable")
    assert d.status != "unrealizable"
    r = realized_set("grid:3:2", "2-2-2-1", sweep=False, query_timeout=0.001, timeout=2)
    assert not r.complete and r.unknown_orbits and r.reason
    assert r.lower == r.count < r.upper <= 512
    assert r.upper - r.count == r.unknown_labelings
    assert not r.provenance["refutations"] or all(
        ref["method"] in ("relaxation", "z3") for ref in r.provenance["refutations"])


def test_driver_keeps_unknown_orbits_out_of_the_count():
    pts = as_points("cube:2")

    def never(y, seconds, pass_no):
        return "unknown", None, {"method": "stub"}

    r = decide_orbits(pts, never, realizes=lambda net, b: realizes_bits(net, pts, b),
                      query_timeout=0.01)
    assert (r.count, r.lower, r.upper, r.complete) == (0, 0, 16, False)
    assert r.unknown_orbits == r.provenance["orbits"] == 4


@pytest.fixture
def fresh_query_process(monkeypatch):
    """A new query process for the test, started after its stubs are in place."""
    from verify.encodings import wide
    from verify.encodings.query_process import QueryProcess

    qp = QueryProcess(wide._served)
    monkeypatch.setattr(wide, "_QUERIES", qp)
    yield qp
    qp.stop()


@pytest.mark.skipif(not backend_available("cvc5"), reason="cvc5 (optional extra) not installed")
@pytest.mark.usefixtures("fresh_query_process")
def test_a_cvc5_query_that_overruns_its_limit_is_stopped_and_unknown(monkeypatch):
    # cvc5 does not check its own limit inside one step of its nonlinear procedure (minutes
    # past 5 s on a 2-1-2-1 orbit of grid:3:2); a stub query that never returns stands in
    import os
    import time

    from verify.encodings import wide
    from verify.errors import SolverError

    pts, y = as_points("cube:2"), (1, -1, -1, 1)
    monkeypatch.setattr(wide, "QUERY_GRACE", 0.05)  # the stub never answers: no need to wait
    monkeypatch.setattr(wide, "_run_query", lambda *a: time.sleep(600))
    status, net, prov = decide_two_layer(pts, y, (2, 2, 2, 1), 0.1, "cvc5", relax_first=False)
    assert (status, net) == ("unknown", None) and "did not stop" in prov["reason"]

    def crash(*a):
        os._exit(7)

    monkeypatch.setattr(wide, "_run_query", crash)
    with pytest.raises(SolverError, match="exit code 7"):
        decide_two_layer(pts, y, (2, 2, 2, 1), 5, "cvc5", relax_first=False)

    def bug(*a):
        raise KeyError("planted")

    monkeypatch.setattr(wide, "_run_query", bug)
    with pytest.raises(RuntimeError, match=r"internal error .* KeyError"):
        decide_two_layer(pts, y, (2, 2, 2, 1), 5, "cvc5", relax_first=False)


@pytest.mark.usefixtures("fresh_query_process")
def test_a_z3_query_that_overruns_its_limit_is_stopped(monkeypatch):
    # z3's nonlinear procedure can also run far past its own limit (minutes past 1 ms on a
    # 2-2-2-1 labeling of grid:3:2, in a process that had asked other queries before): a
    # limited query runs in the query process, which is stopped past the limit
    import time

    from verify.encodings import wide

    pts, y = as_points("cube:2"), (1, -1, -1, 1)
    real = wide._run_query
    monkeypatch.setattr(wide, "QUERY_GRACE", 0.05)  # the stub never answers: no need to wait
    monkeypatch.setattr(wide, "_run_query",
                        lambda *a: time.sleep(600) if a[1] == y else real(*a))
    status, net, prov = decide_two_layer(pts, y, (2, 2, 2, 1), 0.1, "z3", relax_first=False)
    assert (status, net) == ("unknown", None)
    assert prov["reason"].startswith("z3 did not stop at its time limit (0.1 s)")
    d = realize(pts, "+--+", "2-2-2-1", timeout=0.1)  # the command's path
    assert d.status == "unknown" and "z3 did not stop at its time limit" in d.reason
    # the next query gets a new query process and its answer
    other = (1, 1, 1, -1)
    status, net, _ = decide_two_layer(pts, other, (2, 2, 2, 1), 30, "z3", relax_first=False)
    assert status == "realizable" and net is not None and net.realizes(pts, other)


def test_a_limited_z3_query_gives_the_answer_of_one_asked_here():
    from verify.encodings import wide

    pts = as_points("cube:2")
    for y in [(1, -1, -1, 1), (1, 1, 1, 1), (1, -1, 1, -1)]:
        here = decide_two_layer(pts, y, (2, 2, 2, 1), None, "z3", relax_first=False)
        there = decide_two_layer(pts, y, (2, 2, 2, 1), 30, "z3", relax_first=False)
        assert here[0] == there[0] == "realizable"
        assert there[1] is not None and there[1].realizes(pts, y)  # the witness crossed over
    assert wide._QUERIES._proc is not None  # asked there, in the one query process


def test_a_query_process_that_dies_or_fails_is_an_error_never_an_answer(monkeypatch,
                                                                        fresh_query_process):
    import os

    from verify.encodings import wide
    from verify.errors import SolverError

    pts, y = as_points("cube:2"), (1, -1, -1, 1)

    def crash(*a):
        os._exit(7)

    monkeypatch.setattr(wide, "_run_query", crash)
    with pytest.raises(SolverError, match=r"z3 query process ended without an answer .*7"):
        decide_two_layer(pts, y, (2, 2, 2, 1), 5, "z3", relax_first=False)

    def bug(*a):
        raise KeyError("planted")

    monkeypatch.setattr(wide, "_run_query", bug)  # the next query starts a new process
    with pytest.raises(RuntimeError, match=r"internal error in the z3 query process: KeyError"):
        decide_two_layer(pts, y, (2, 2, 2, 1), 5, "z3", relax_first=False)
    fresh_query_process.stop()

    def z3_fails(*a):
        import z3

        raise z3.Z3Exception("planted")

    monkeypatch.setattr(wide, "_run_query", z3_fails)
    with pytest.raises(SolverError, match="z3 failed: Z3Exception"):
        decide_two_layer(pts, y, (2, 2, 2, 1), 5, "z3", relax_first=False)


def test_cvc5_is_not_run_where_its_memory_cannot_be_bounded(monkeypatch):
    # in a process that cannot start the query process (a Dask worker is daemonic), cvc5
    # would run unbounded (its GMP aborts the whole process past an address-space limit):
    # it is not run there; the query is unknown with the reason, never a refutation
    from verify.encodings import query_process, wide
    from verify.encodings.realize import _two_layer_decider

    monkeypatch.setattr(wide, "usable", lambda: False)
    monkeypatch.setattr(wide, "_run_query", lambda *a: pytest.fail("cvc5 was run"))
    pts, y = as_points("cube:2"), (1, -1, -1, 1)
    assert wide._bounded_query(pts, y, (2, 2, 2, 1), (1, 1), "cvc5", 5) == (
        "unknown", None, wide.CVC5_NOT_BOUNDED)
    # and the escalation of a wide class tries z3 alone there, with all of the time
    asked = []
    monkeypatch.setattr(query_process, "usable", lambda: False)
    monkeypatch.setattr(wide, "backend_available", lambda b: True)
    monkeypatch.setattr(wide, "decide_two_layer",
                        lambda p, y, w, s, b, **k: asked.append((b, s)) or ("unknown", None, {}))
    _two_layer_decider(pts, (2, 2, 2, 1))(y, 6.0, 2)
    assert asked == [("z3", 6.0)]
    monkeypatch.setattr(query_process, "usable", lambda: True)
    asked.clear()
    _two_layer_decider(pts, (2, 2, 2, 1))(y, 6.0, 2)
    assert asked == [("z3", 3.0), ("cvc5", 3.0)]
