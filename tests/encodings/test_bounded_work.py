"""Bounded work: a huge encoding is refused before it is built, and a time limit
stops the building of one (the answer is then unknown, never unrealizable); the
per-orbit driver stops seeding, searching and asking at the run's deadline (on a
fake clock: no timing here)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from verify.encodings.orbits import decide_orbits
from verify.encodings.realize import ENCODING_BYTES_PER_PHASE, encoding_bytes, realize
from verify.encodings.sweep import sweep_witnesses
from verify.geometry.pointsets import grid
from verify.labels import unpack_labels
from verify.limits import Deadline, set_max_memory

LABELS = "+-+--+-++"


def test_the_estimate_counts_one_phase_per_point_and_hidden_unit():
    assert encoding_bytes(9, (2, 99999, 1)) == 9 * 99999 * ENCODING_BYTES_PER_PHASE
    assert encoding_bytes(9, (2, 3, 4, 1)) == 9 * 7 * ENCODING_BYTES_PER_PHASE
    assert encoding_bytes(9, (2, 1)) == 0  # a linear classifier has no ReLU phase


def test_a_wide_network_is_refused_up_front(cli):
    line = cli.error(["realize", "--points", "grid:3:2", "--labels", LABELS,
                      "--arch", "2-99999-1", "--timeout", "20", "--max-memory", "1G"])
    assert line == ("error: the encoding of 9 points and 2-99999-1 needs about 4.3 GiB; "
                    "limit 1 GiB (set with --max-memory)")


@pytest.fixture
def roomy() -> object:
    set_max_memory("64G")
    yield
    set_max_memory(None)


def test_the_time_limit_stops_the_building_of_the_encoding(roomy):
    # 9 x 99999 ReLU phases take minutes to build: the limit is checked while building
    d = realize("grid:3:2", LABELS, "2-99999-1", timeout=0.2)
    assert d.status == "unknown"
    assert d.reason.startswith("time-out after 0.2 s (while building the encoding (")


def test_too_many_pairs_are_refused_before_they_are_compared(cli, monkeypatch):
    from verify.geometry import norms

    compared = []
    monkeypatch.setattr(norms, "PAIR_WORK", 255)  # grid:4:2 against itself: 256 pairs
    monkeypatch.setattr(norms, "_scaled_matrices", lambda *a: compared.append(a))
    line = cli.error(["separation", "grid:4:2", "grid:4:2", "--norm", "inf", "--linear"])
    assert line.startswith("error: the distance between 16 and 16 points compares 2.6e+02 "
                           "pairs (about 0 min here); at most 3e+02 without --timeout")
    assert compared == []  # refused before any pair was compared


def test_with_a_time_limit_the_pairs_are_compared_or_the_limit_is_reported(cli, monkeypatch):
    from verify.geometry import norms

    monkeypatch.setattr(norms, "PAIR_WORK", 255)
    d = cli.json(["separation", "grid:4:2", "cube:2", "--norm", "inf", "--timeout", "60"])
    assert d["distance"] == "0/1"  # (1, 1) is in both: within the limit, the exact answer
    line = cli.error(["separation", "grid:4:2", "grid:4:2", "--norm", "inf",
                      "--timeout", "1e-9"])  # expired before the points are converted
    assert line == ("error: time-out after 1e-09 s (--timeout): the distance between 16 and 16 "
                    "points was not finished (while converting the points to integers)")


def test_a_count_with_a_huge_encoding_is_refused_up_front(cli, tmp_path, monkeypatch):
    import importlib

    mod = importlib.import_module("verify.encodings.realize")  # the module, not the function
    seeding = importlib.import_module("verify.enumeration.realized")
    built, seeded = [], []
    monkeypatch.setattr(mod, "_encoder", lambda *a, **k: built.append(a))
    monkeypatch.setattr(seeding, "_seed_set", lambda *a, **k: seeded.append(a))
    line = cli.error(["count", "relu", "--points", "grid:3:2", "--arch", "2-99999-1",
                      "--max-memory", "1G", "--cache-dir", str(tmp_path)])
    assert line == ("error: the encoding of 9 points and 2-99999-1 needs about 4.3 GiB; "
                    "limit 1 GiB (set with --max-memory)")
    assert built == [] and seeded == []  # refused before the seeding kernel or an encoding


def test_linear_separability_past_its_time_limit_is_unknown_never_no():
    from verify.encodings.separability import linearly_separable

    xor_a, xor_b = [(0, 0), (1, 1)], [(0, 1), (1, 0)]  # the hulls meet: z3 is needed
    assert linearly_separable(xor_a, xor_b, timeout=60).holds is False
    late = linearly_separable(xor_a, xor_b, timeout=1e-9)  # expired before any query
    assert late.holds is None and late.evidence["reason"] == "time-out after 1e-09 s"


@pytest.mark.parametrize("arch", [
    "2-50-1-1-1",  # m-h-1-...-1 (ChainLRA): 9 x 52 phases
    "2-1-50-1",    # m-1-h-1 (OneFeatureLRA): 9 x (1 + 51 thresholds)
    "2-50-2-2-1",  # any other depth (DeepNRA): 9 x 54 phases
])
def test_the_deep_encodings_stop_building_at_the_time_limit(arch, monkeypatch):
    import importlib

    from verify.encodings.lra import BuildClock
    from verify.encodings.realize import realized_set

    monkeypatch.setattr(BuildClock, "EVERY", 64)  # the clock is read every 64 phases
    mod = importlib.import_module("verify.encodings.realize")
    built = []
    encoder = mod._encoder
    monkeypatch.setattr(mod, "_encoder", lambda *a, **k: built.append(a) or encoder(*a, **k))
    d = realize("grid:3:2", LABELS, arch, timeout="1e-9")  # past before the first look
    assert len(built) == 1 and d.status == "unknown"  # never unrealizable
    assert d.reason.startswith("time-out after 1e-09 s (while building the encoding (1 of 9")
    r = realized_set("grid:3:2", arch, timeout="1e-9")
    assert not r.complete and r.count == 0 and "time-out" in r.reason
    assert r.reason.startswith("time-out after 1e-09 s (while building") or (
        "not reached: the run's time-out" in r.reason)  # DeepNRA: one query per orbit


def test_a_small_deep_encoding_is_built_whole_past_its_deadline():
    """Fewer than 4096 phases: the clock is never looked at, so an encoding given a deadline
    already past is built whole — the same assertions as one built without a deadline.
    The linear encodings then decide XOR exactly; the nonlinear one is only compared (an
    NRA query without a time limit can run for many minutes: z3's search depends on what
    else the process created before, and once ran here for more than 15 minutes)."""
    import time

    from verify.encodings.chain import ChainLRA
    from verify.encodings.nra import DeepNRA
    from verify.encodings.onefeature import OneFeatureLRA
    from verify.geometry.pointsets import cube

    past = time.perf_counter() - 1  # fewer than 4096 phases: never checked
    for kind, arch in ((ChainLRA, (2, 1, 1, 1)), (OneFeatureLRA, (2, 1, 2, 1)),
                       (DeepNRA, (2, 2, 2, 1))):
        enc = kind(cube(2), arch, deadline=past)
        whole = kind(cube(2), arch)
        assert [a.sexpr() for a in enc.solver.assertions()] == [
            a.sexpr() for a in whole.solver.assertions()]
        if kind is DeepNRA:
            continue
        status, net = enc.check((1, -1, -1, 1))
        assert status in ("sat", "unsat")
        assert status == "unsat" or net.realizes(cube(2), (1, -1, -1, 1))


def test_the_float_proposal_runs_within_the_time_limit(monkeypatch):
    import scipy.optimize

    from verify.encodings.separability import linearly_separable

    calls = []
    real = scipy.optimize.linprog

    def spy(*args, **kwargs):
        calls.append(kwargs.get("options"))
        return real(*args, **kwargs)

    monkeypatch.setattr(scipy.optimize, "linprog", spy)
    a, b = [(0, 0), (1, 0)], [(0, 2), (1, 2)]
    assert linearly_separable(a, b, timeout=60).holds is True
    assert len(calls) == 1 and 0 < calls[0]["time_limit"] <= 60  # HiGHS is told the time left
    assert linearly_separable(a, b).holds is True and calls[1] == {}  # no limit: none given
    late = linearly_separable(a, b, timeout=1e-9)  # expired: HiGHS is not started
    assert len(calls) == 2 and late.holds is None


def test_a_float_proposal_stopped_at_its_limit_leaves_the_exact_answer(monkeypatch):
    import scipy.optimize

    from verify.encodings.separability import linearly_separable

    stopped = scipy.optimize.OptimizeResult(status=1, x=None)  # HiGHS: time limit reached
    monkeypatch.setattr(scipy.optimize, "linprog", lambda *a, **k: stopped)
    c = linearly_separable([(0, 0), (1, 0)], [(0, 2), (1, 2)], timeout=60)
    assert c.holds is True and c.evidence["solver"] == "z3"  # z3 decides, re-checked
    xor = linearly_separable([(0, 0), (1, 1)], [(0, 1), (1, 0)], timeout=60)
    half = Fraction(1, 2)
    assert xor.holds is False and xor.evidence["certificate"]["point"] == [half, half]


def test_a_points_file_too_large_to_read_is_refused_before_it_is_parsed(
        cli, tmp_path, monkeypatch):
    import os

    from verify.geometry import pointsets

    path = tmp_path / "many.json"
    path.write_text("[" + ",".join(f"[{i % 10}, {i % 7}]" for i in range(4000)) + "]")
    size = os.path.getsize(path)  # 40 KiB of text: about 2.5 MiB once read
    parsed = []
    real = pointsets.load_json
    monkeypatch.setattr(pointsets, "load_json", lambda *a, **k: parsed.append(a) or real(*a, **k))
    line = cli.error(["realize", "--points", str(path), "--labels", "+" * 4000,
                      "--arch", "2-1", "--max-memory", "1M"])
    need = pointsets.format_bytes(size * pointsets.POINTS_MEMORY_PER_FILE_BYTE)
    assert line == (f"error: reading the points file {str(path)!r} "
                    f"({pointsets.format_bytes(size)}) needs about {need}; limit 1 MiB "
                    "(set with --max-memory)")
    assert parsed == []  # refused before the file was parsed
    d = cli.json(["realize", "--points", str(path), "--labels", "+" * 4000,
                  "--arch", "2-1", "--max-memory", "1G"])  # within the limit: read
    assert len(parsed) == 1 and d["status"] == "realizable"


def _points_file(tmp_path, n):
    path = tmp_path / f"points-{n}.json"
    path.write_text("[" + ",".join(f'[{i % 10}, "{i % 7}/3"]' for i in range(n)) + "]")
    return path


def test_reading_a_points_file_stops_at_the_time_limit(cli, tmp_path, monkeypatch):
    # the deadline is looked at every 4096 rows (while the nesting is checked and while
    # the rows become points): an expired limit stops a large file, one error line naming
    # the time-out (a file half read is no point set, never an answer); before, the whole
    # file was read whatever --timeout said (2·10^6 points: 11 s and more)
    from verify.errors import BudgetExceeded
    from verify.geometry import pointsets
    from verify.limits import Deadline

    path = _points_file(tmp_path, 10000)
    with pytest.raises(BudgetExceeded, match=r"^time-out after 1e-09 s while reading the "
                                             r"points file '.*points-10000\.json'$"):
        pointsets.load_points_json(str(path), Deadline(1e-9))
    ticks = []
    monkeypatch.setattr(pointsets, "_TICK_ROWS", 1000)  # rows become points, ticking
    monkeypatch.setattr("verify.jsonload.TICK_NODES", 10**9)  # the nesting check never ticks
    real = pointsets._reading_clock

    def counted(p, d):
        tick = real(p, d)
        return None if tick is None else (lambda: ticks.append(1) or tick())

    monkeypatch.setattr(pointsets, "_reading_clock", counted)
    with pytest.raises(BudgetExceeded):
        pointsets.load_points_json(str(path), Deadline(1e-9))
    assert ticks == [1]  # stopped at the first look, after 1000 rows
    ps = pointsets.load_points_json(str(path), Deadline(3600))  # within the limit: all read
    assert len(ps) == 10000 and ps.points[9998] == (8, Fraction(2, 3)) and len(ticks) == 11
    monkeypatch.undo()
    line = cli.error(["separation", str(path), "cube:2", "--norm", "inf", "--timeout", "1e-9"])
    assert line == (f"error: time-out after 1e-09 s (--timeout) while reading the points file "
                    f"{str(path)!r}")


def test_a_small_points_file_is_read_whole_past_its_deadline(cli, tmp_path):
    from verify.geometry import pointsets
    from verify.limits import Deadline

    path = _points_file(tmp_path, 100)  # fewer rows than between two looks at the clock
    assert len(pointsets.parse_spec(str(path), Deadline(1e-9))) == 100
    run = cli(["realize", "--points", str(path), "--labels", "+" * 100, "--arch", "2-1",
               "--timeout", "1e-9", "--json"])
    # read, then decided (exit 0) or unknown at the time limit (exit 3): never refused
    assert (run.code, run.err) in ((0, ""), (3, "")), run.err
    assert json.loads(run.out)["status"] in ("realizable", "unknown")


class _FakeDeadline(Deadline):
    """A run's 60 s deadline on a fake clock: time left until ``over`` is set, then expired."""

    def __init__(self, *_args: object) -> None:
        super().__init__(60)
        self.over = False

    def left(self) -> float:
        return 0.0 if self.over else 60.0

    def expired(self) -> bool:
        return self.over


def _grid32_truth():
    pts = grid(3, 2)
    return pts, sorted((b, net) for b, net in sweep_witnesses(pts, 2, nets=3000).items()
                       if net.realizes(pts, unpack_labels(b, 9)))


def test_seeding_stops_at_the_runs_deadline():
    # a seed source whose work runs past the run's time limit: no more seeds, no query,
    # no later source; the run ends incomplete with the reason
    pts, truth = _grid32_truth()
    clock, taken, started, asked = _FakeDeadline(), [], [], []

    def slow_source():
        for item in truth:
            taken.append(item[0])
            if len(taken) == 2:
                clock.over = True  # the work of this seed went past the deadline
            yield item

    def later_source():
        started.append(True)
        yield from truth

    res = decide_orbits(pts, lambda y, s, p: asked.append(y) or ("unknown", None, {}),
                        seeds=[("slow", slow_source()), ("later", later_source())],
                        realizes=lambda net, b: net.realizes(pts, unpack_labels(b, 9)),
                        timeout=clock)
    assert len(taken) == 2 and started == [] and asked == []
    assert not res.complete and res.unknown_orbits == res.provenance["orbits"] - 2
    assert res.reason.endswith("not reached: the run's time-out (60 s)")


def test_stored_seeds_are_all_taken_past_the_deadline():
    # an earlier run's witnesses are re-checked whole: a resumed run never counts fewer
    pts, truth = _grid32_truth()
    clock = _FakeDeadline()
    clock.over = True
    res = decide_orbits(pts, lambda y, s, p: ("unknown", None, {}),
                        seeds=[("stored", truth), ("sweep", truth)],
                        realizes=lambda net, b: net.realizes(pts, unpack_labels(b, 9)),
                        timeout=clock)
    assert set(res.provenance["decided_by"]) == {"seed:stored"} and not res.complete
    assert set(res.labelings) >= {b for b, _ in truth}


def test_a_query_that_overruns_its_limit_ends_the_run():
    # a stub solver that runs past the run's time limit: no further query, the rest unknown
    pts, _truth = _grid32_truth()
    clock, asked = _FakeDeadline(), []

    def overrunning(y, seconds, pass_no):
        asked.append((y, seconds))
        clock.over = True
        return "unknown", None, {"reason": "stub: past its limit"}

    res = decide_orbits(pts, overrunning, realizes=lambda net, b: False, query_timeout=5,
                        timeout=clock)
    assert [s for _y, s in asked] == [5]  # min(query limit, time left)
    assert (res.count, res.complete, res.unknown_labelings) == (0, False, 512)
    assert {u["reason"] for u in res.provenance["unknown"]} == {
        "stub: past its limit; pass 2 not reached: the run's time-out (60 s)",
        "not reached: the run's time-out (60 s)"}


def _no_solver_past_the_deadline(monkeypatch):
    """The run's deadline has expired as soon as it starts; any solver work fails the test."""
    import importlib

    from verify.encodings import wide

    realize_module = importlib.import_module("verify.encodings.realize")  # not the function

    class Expired(_FakeDeadline):
        def __init__(self, *args: object) -> None:
            super().__init__(*args)
            self.over = True

    def forbidden(*_a, **_k):
        raise AssertionError("solver work after the run's deadline")

    monkeypatch.setattr(realize_module, "Deadline", Expired)
    monkeypatch.setattr(realize_module, "_incremental_set", forbidden)  # the subclass seeds
    for name in ("decide_two_layer", "first_layer_search"):
        monkeypatch.setattr(wide, name, forbidden)


def test_a_deep_realized_set_past_its_deadline_stops_with_a_reason(monkeypatch):
    from verify.encodings import realized_set

    _no_solver_past_the_deadline(monkeypatch)
    r = realized_set("grid:3:2", "2-2-2-1", query_timeout=0.001, timeout=2)
    assert (r.count, r.lower, r.upper, r.complete) == (0, 0, 512, False)
    assert r.reason == "51 orbit(s) unknown (512 labelings): not reached: the run's time-out (60 s)"


def test_count_relu_past_its_deadline_stops_with_exit_3(cli, monkeypatch, tmp_path):
    _no_solver_past_the_deadline(monkeypatch)
    d = cli.json(["count", "relu", "--points", "grid:3:2", "--arch", "2-2-2-1", "--timeout",
                  "2", "--cache-dir", str(tmp_path)], code=3)
    assert d["complete"] is False and d["count"] == 0
    assert d["reason"] == ("51 orbit(s) unknown (512 labelings): not reached: the run's "
                           "time-out (60 s)")


class _LooksThenExpires(_FakeDeadline):
    """A fake clock that expires after ``after`` looks at it."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.after, self.looks = after, 0

    def expired(self) -> bool:
        self.looks += 1
        self.over = self.over or self.looks > self.after
        return self.over


def test_the_orbit_tables_are_built_once(monkeypatch):
    from verify.encodings import orbits
    from verify.encodings.symmetry import point_symmetries

    calls = []
    real = orbits._canonical
    monkeypatch.setattr(orbits, "_canonical", lambda *a: calls.append(a[0]) or real(*a))
    st = orbits._Orbits(grid(3, 2), point_symmetries(grid(3, 2)), None, lambda net, b: True)
    assert calls == [9]  # it was built twice (orbit_representatives and _Orbits)
    reps, sizes = orbits.orbit_representatives(9, point_symmetries(grid(3, 2)))
    assert (st.reps == reps).all() and (st.sizes == sizes).all() and len(reps) == 51
    assert all(st.reps[st.of(b)] == st.canon[b] for b in range(512))


@pytest.mark.parametrize("after", [0, 5])
def test_building_the_orbit_tables_stops_at_the_deadline(after):
    # grid:4:2 (16 points, 8 symmetries: 130 looks to build the tables whole); the
    # clock expires before the first or at the 6th look: no orbit is decided, no seed
    # but the stored ones is taken, nothing is asked
    pts = grid(4, 2)
    clock = _LooksThenExpires(after)

    def never(*_a):
        raise AssertionError("work after the deadline")

    def untouched():
        raise AssertionError("a seed source read after the deadline")
        yield

    stored = [(3, "net-3"), (12, "net-12"), (99, "bad")]
    res = decide_orbits(pts, never, seeds=[("stored", stored), ("sweep", untouched())],
                        realizes=lambda net, b: net == f"net-{b}", timeout=clock, search=never)
    assert clock.looks == after + 1
    assert (res.complete, res.labelings.tolist(), res.upper) == (False, [3, 12], 2**16)
    assert res.reason == ("not reached: the run's time-out (60 s) while listing the 2^16 "
                          "labelings by orbit")
    assert res.provenance["orbits"] is None and res.provenance["decided_by"] == {}


def test_small_orbit_tables_are_built_whole_past_the_deadline():
    # below 16 points the tables take a few ms: built whole, every orbit listed unknown
    clock = _LooksThenExpires(0)
    res = decide_orbits(grid(3, 2), lambda *a: ("unknown", None, {}),
                        realizes=lambda net, b: False, timeout=clock)
    assert res.provenance["orbits"] == 51 and res.unknown_labelings == 512
