"""The set-up before the main loops looks at the clock too: the point-symmetry group's
search (point_symmetry_group) and separation's conversion of the points stop at the
deadline.  On a fake clock that advances a second at every look: no timing."""

from __future__ import annotations

import types

import pytest

from verify import limits
from verify.errors import BudgetExceeded
from verify.geometry import chambers
from verify.geometry.pointsets import as_points


@pytest.fixture
def ticking(monkeypatch):
    """Every read of ``verify.limits``' clock returns the time and then advances it 1 s."""
    clock = types.SimpleNamespace(now=1000.0, reads=0)

    def monotonic():
        clock.reads += 1
        clock.now += 1.0
        return clock.now - 1.0

    monkeypatch.setattr(limits, "time", types.SimpleNamespace(monotonic=monotonic))
    return clock


def test_the_symmetry_search_stops_at_the_deadline_and_finds_the_group_without_one(
        ticking, monkeypatch):
    pts = as_points("grid:100:2")  # 10000 points
    group = chambers.point_symmetry_group(pts)
    assert group is not None and len(group) == 8  # the square's dihedral group D4
    assert ticking.reads == 1  # no deadline: only its start is read, and never expires
    ticking.reads = 0

    def never(*a):
        raise AssertionError("the search went on past the deadline")

    monkeypatch.setattr(chambers, "_pivot_columns", never)
    assert chambers.point_symmetry_group(pts, deadline=limits.Deadline(2.5)) is None
    assert ticking.reads == 4  # the start, then three looks: two while the points are
    # validated (every 4096), one before they are put in a set; none in the search itself


def test_the_count_of_chambers_shares_one_clock_with_its_symmetry_search(ticking, monkeypatch):
    real = chambers.point_symmetry_group

    def slow(*a, **k):  # the search takes 100 s of the clock, then answers
        ticking.now += 100
        return real(*a, **{**k, "deadline": None})

    monkeypatch.setattr(chambers, "point_symmetry_group", slow)
    assert chambers.chamber_count("grid:4:2") == 174  # 2 x OEIS A114043(4) = 2 x 87
    with pytest.raises(BudgetExceeded, match=r"^time-out after 10 s: the characteristic"):
        chambers.chamber_count("grid:4:2", timeout=10)


def test_the_distance_stops_while_converting_the_points(ticking):
    from verify.geometry.norms import set_distance

    a, b = as_points("grid:150:2"), as_points("grid:149:2")  # 2 chunks of 16384 each
    with pytest.raises(BudgetExceeded, match=r"^time-out after 2\.5 s: the distance between "
                       r"22500 and 22201 points was not finished \(while converting the "
                       r"points to integers\)"):
        set_distance(a, b, "inf", limits.Deadline(2.5))
    assert ticking.reads == 4  # the start, then three looks: stopped within the conversion


def test_the_float_proposal_stops_while_converting_the_points(ticking):
    from verify.encodings.separability import _float_candidate

    a, b = [(0,)] * 20000, [(1,)] * 20000  # two chunks each
    assert _float_candidate(a, b, limits.Deadline(3.5)) is None
    assert ticking.reads == 5  # the start, left(), then three looks
    w, c = _float_candidate([(0,)], [(1,)], limits.Deadline(None))
    assert w[0] * 1 + c < 0 < w[0] * 0 + c  # without a limit: a proposal (> 0 on A, < 0 on B)


# --- time-out messages name the user's --timeout, not the time left after reading ------


@pytest.fixture
def slow_points(monkeypatch, ticking):
    """Reading a point set takes 1.8 s of the ticking clock."""
    from verify.geometry import pointsets

    real = pointsets.parse_spec

    def parse_spec(spec, deadline=None):
        out = real(spec, deadline)
        ticking.now += 1.8
        return out

    monkeypatch.setattr(pointsets, "parse_spec", parse_spec)
    return ticking


def test_a_count_after_a_slow_points_file_names_the_users_limit(cli, slow_points):
    # --timeout 5: reading takes 1.8 s (and the looks 1 s each), the count gets the 2.2 s
    # left (a TimeLeft); its time-out message names the 5 s given, not the 2.2 s
    line = cli.error(["count", "halfspaces", "--points", "grid:4:2", "--timeout", "5"])
    assert line == ("error: time-out after 5 s (--timeout): the characteristic polynomial of "
                    "grid:4:2 was not finished")


def test_the_time_left_is_a_number_that_remembers_the_limit(ticking):
    d = limits.Deadline(5, "--timeout")  # the command's clock: started at 1000
    ticking.now += 1.8  # reading the points
    left = d.remaining()
    assert left == 5 - 2.8  # read at 1002.8 (the start's read advanced the clock 1 s)
    assert isinstance(left, limits.TimeLeft) and limits.limit_text(left) == "5 s (--timeout)"
    work = limits.Deadline(left)  # the work's own clock, of the time left
    assert work.at - work.start == pytest.approx(2.2) and work.limit_text() == "5 s (--timeout)"
    assert limits.Deadline(2.2).limit_text() == "2.2 s"  # a limit given as such: itself


def test_realize_json_names_the_users_limit_and_keeps_its_keys(cli, monkeypatch):
    from verify.encodings.lra import BuildClock

    monkeypatch.setattr(BuildClock, "EVERY", 64)  # the clock is read every 64 phases
    plain = cli.json(["realize", "--points", "cube:2", "--labels", "+--+", "--arch", "2-2-1",
                      "--json"])
    late = cli.json(["realize", "--points", "grid:3:2", "--labels", "+-+--+-++",
                     "--arch", "2-1-50-1", "--timeout", "1e-9", "--json"], code=3)
    assert late["status"] == "unknown" and set(late) == set(plain)
    assert late["reason"].startswith("time-out after 1e-09 s (--timeout) (while building")


def test_z3s_encodings_of_separability_stop_while_they_are_built(ticking, monkeypatch):
    import time

    from verify.encodings import separability

    monkeypatch.setattr(separability, "_CHUNK", 2)  # a look every 2 points
    a, b = [(0,), (2,), (4,), (6,)], [(1,), (3,), (5,), (7,)]  # interleaved: not separable
    late = separability._z3_hyperplane(a, b, limits.Deadline(2.5))
    assert late is not None and late.holds is None
    assert late.evidence["reason"] == "time-out after 2.5 s"
    assert ticking.reads == 4  # the start, then looks at A[0], A[2] and B[0] (expired)
    late = separability._hull_certificate(a, b, limits.Deadline(2.5), time.perf_counter())
    assert late.holds is None and late.evidence["reason"] == "time-out after 2.5 s"
    # without a limit: z3 proves there is no hyperplane, and the hulls meet
    assert separability._z3_hyperplane(a, b, limits.Deadline(None)) is None
    done = separability._hull_certificate(a, b, limits.Deadline(None), time.perf_counter())
    assert done.holds is False


def test_the_count_of_chambers_stops_while_the_points_become_vectors(ticking):
    pts = as_points("grid:200:2")  # 40000 points: a look every 16384
    with pytest.raises(BudgetExceeded, match=r"^time-out after 2\.5 s: the characteristic "
                       r"polynomial of 40000 points was not finished$"):
        chambers.chamber_count(pts, timeout=2.5)
    assert ticking.reads == 4  # the start, then looks at points 0, 16384 and 32768 (expired)


def test_the_exact_check_of_a_hyperplane_stops_at_the_deadline_undecided(ticking):
    from fractions import Fraction

    from verify.encodings.separability import linearly_separable
    from verify.geometry.checks import hyperplane_check

    A = [(Fraction(i + 1), Fraction(0)) for i in range(20000)]  # x > 0
    B = [(Fraction(-1), Fraction(i)) for i in range(3)]  # x < 0
    w, b = [Fraction(1), Fraction(0)], Fraction(0)
    assert hyperplane_check(w, b, A, B, "given").holds is True
    ticking.reads = 0
    c = hyperplane_check(w, b, A, B, "given", limits.Deadline(1.5))
    assert c is not None and c.holds is None  # undecided, never "does not separate"
    assert c.evidence["reason"] == ("time-out after 1.5 s (while the hyperplane found by "
                                    "given was checked exactly)")
    assert ticking.reads == 3  # the start, the look before point 0, the one before 16384
    # through separation: a time-out while the candidate is checked is unknown, not "no"
    got = linearly_separable(A, B, candidate=([1, 0], 0), timeout=1.5)
    assert got.holds is None and "time-out after 1.5 s" in got.evidence["reason"]
