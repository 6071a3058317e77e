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
