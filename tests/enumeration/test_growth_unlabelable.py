"""Growth functions of classes that label some point strictly never (the origin,
homogeneous halfspaces): Π(m) is the max over m-subsets of that subset's own labelings."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from verify.enumeration.growth import growth_profile, halfspace_growth, lift_profile
from verify.errors import InvalidArgument
from verify.geometry.dichotomies import halfspace_dichotomies
from verify.geometry.pointsets import as_points


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFY_CACHE_DIR", str(tmp_path / "cache"))


def _brute_profile(pts, labelings_of) -> list[int]:
    """Π(m) = max over m-subsets of the number of labelings decided for that subset alone."""
    n = len(pts)
    return [max(labelings_of([pts[i] for i in sub])
                for sub in itertools.combinations(range(n), m)) for m in range(n + 1)]


def _grid_homogeneous(sub) -> int:
    """Strict sign patterns of w·x over integer w in [-3, 3]^d (enough for the cube's
    points: every dichotomy of them is realized by such a w)."""
    if not sub:
        return 1
    d = len(sub[0])
    seen = set()
    for w in itertools.product(range(-3, 4), repeat=d):
        vals = [sum(a * b for a, b in zip(w, p, strict=True)) for p in sub]
        if all(v != 0 for v in vals):
            seen.add(tuple(v > 0 for v in vals))
    return len(seen)


def _dichotomies_homogeneous(sub) -> int:
    return 1 if not sub else len(halfspace_dichotomies(sub, homogeneous=True))


def test_cube2_homogeneous_against_integer_weights(cli):
    pts = as_points("cube:2")
    want = _brute_profile(pts, _grid_homogeneous)
    assert want == [1, 2, 4, 6, 0]
    g = cli.json(["growth", "--points", "cube:2", "--arch", "halfspaces", "--homogeneous"])
    assert g["profile"] == want and g["vc_dimension"] == 2
    assert g["origin_unlabelable"] is True and g["labelled_points"] == [1, 2, 3]
    assert g["count"] == 0 and g["sauer_shelah_holds"] and g["haussler"]["holds"]
    assert g["profile"] == halfspace_growth("cube:2", homogeneous=True).profile


def test_cube3_homogeneous_against_each_subset(cli):
    pts = as_points("cube:3")
    want = _brute_profile(pts, _dichotomies_homogeneous)
    assert want == [1, 2, 4, 8, 14, 20, 26, 32, 0]
    g = cli.json(["growth", "--points", "cube:3", "--arch", "halfspaces", "--homogeneous"])
    assert g["profile"] == want and g["vc_dimension"] == 3
    shattered = [pts[i] for i in g["shattered_set"]]
    assert (0, 0, 0) not in shattered and _dichotomies_homogeneous(shattered) == 8
    for m, w in enumerate(g["witnesses"]):  # each witness attains its Π(m)
        assert len(w) == m and _dichotomies_homogeneous([pts[i] for i in w]) == want[m]
    assert g["profile"] == halfspace_growth("cube:3", homogeneous=True).profile
    out = cli(["growth", "--points", "cube:3", "--arch", "halfspaces", "--homogeneous"])
    assert "the origin is labelled strictly by no homogeneous halfspace" in out.out


def test_without_the_origin_nothing_changes(cli):
    g = cli.json(["growth", "--points", "cube:3", "--arch", "halfspaces"])
    assert g["origin_unlabelable"] is False and g["labelled_points"] == list(range(8))
    assert g["profile"] == [1, 2, 4, 8, 16, 30, 48, 72, 104]


def test_saved_homogeneous_set_with_the_origin_is_refused(cli, tmp_path):
    out = tmp_path / "h.npz"
    cli.json(["count", "halfspaces", "--points", "cube:2", "--homogeneous", "--out", str(out)])
    err = cli.error(["growth", "--points", "cube:2", "--from", str(out)])
    assert "origin" in err


def test_lift_profile_checks_its_indices():
    g = growth_profile(np.array([0, 1], dtype=np.uint64), 1)
    assert lift_profile(g, (0,), 1).profile == [1, 2]
    with pytest.raises(InvalidArgument):
        lift_profile(g, (0, 1), 3)
    with pytest.raises(InvalidArgument):
        lift_profile(g, (3,), 3)


def _int_net_values(arch: str, q: int, pts):
    """Every network of the class, by brute force over its weights: values on the points."""
    r = range(-q, q + 1)
    if arch == "2-1":
        return [tuple(w1 * p[0] + w2 * p[1] + b for p in pts)
                for w1, w2, b in itertools.product(r, repeat=3)]
    return [tuple(a * max(0, w1 * p[0] + w2 * p[1] + b) + c for p in pts)
            for w1, w2, b, a, c in itertools.product(r, repeat=5)]


@pytest.mark.parametrize(("spec", "arch", "want"), [
    ("cube:2", "2-1", [1, 2, 4, 2, 2]),
    ("grid:3:2", "2-1-1", [1, 2, 4, 4, 4, 4, 4, 4, 2, 2]),
])
def test_int_class_growth_against_every_network(cli, spec, arch, want):
    pts = as_points(spec)
    vals = _int_net_values(arch, 1, pts)

    def strict_labelings(sub_idx):
        return len({tuple(v[i] > 0 for i in sub_idx) for v in vals
                    if all(v[i] != 0 for i in sub_idx)})

    n = len(pts)
    brute = [max(strict_labelings(s) for s in itertools.combinations(range(n), m))
             for m in range(n + 1)]
    assert brute == want
    g = cli.json(["growth", "--points", spec, "--arch", arch, "--class", "int:1"])
    assert g["profile"] == want and g["subsets_counted_directly"] is True
    assert g["vc_dimension"] == 2 and strict_labelings(g["shattered_set"]) == 4
    # the projections of the realized set of all points undercount (2 labelings of a pair)
    assert growth_profile(np.array(
        sorted({sum(1 << i for i in range(n) if v[i] > 0) for v in vals
                if all(x != 0 for x in v)}), dtype=np.uint64), n).profile[2] == 2


def test_int_class_growth_bounds_when_subsets_are_limited():
    from verify.enumeration.growth_int import int_class_growth

    g = int_class_growth("cube:2", "2-1", 1, max_subsets=2)
    assert g.profile == [1, 2, None, None, 2]
    assert g.lower[2] <= 4 <= g.upper[2] and g.lower[3] <= 2 <= g.upper[3]


def test_growth_table_and_conjecture_data_count_int_subsets_directly():
    from verify.conjecture.data import ClassData
    from verify.conjecture.sweep import PointSpec
    from verify.enumeration.growth_table import growth_table

    t = growth_table("cube:2", "2-1", cls="int:1", use_cache=False, layout="profile")
    assert [row[4] for row in t.rows] == [1, 2, 4, 2, 2]
    g = ClassData(PointSpec("cube:2"), "2-1", "int:1", use_cache=False).profile()
    assert g.profile == [1, 2, 4, 2, 2]


def test_int_class_growth_after_its_time_out_keeps_certified_bounds(monkeypatch):
    from verify.enumeration import growth_int

    class Expired:
        def __init__(self, seconds):
            pass

        def expired(self):
            return True

    monkeypatch.setattr(growth_int, "Deadline", Expired)
    g = growth_int.int_class_growth("cube:2", "2-1", 1, timeout=5)
    assert g.profile == [1, None, None, None, 2] and g.provenance["timed_out"]
    assert all(lo <= hi for lo, hi in zip(g.lower, g.upper, strict=True))
    assert g.upper == [1, 2, 4, 8, 2] and g.vc_bounds == (0, 3)


@pytest.mark.parametrize(("spec", "arch", "q"), [("cube:3", "3-1", 1), ("grid:2:2", "2-2-1", 1)])
def test_int_class_growth_equals_the_kernel_run_on_each_subset(spec, arch, q):
    # the sign vectors of the whole set, restricted to a subset, give that subset's own count
    from verify.enumeration.growth_int import int_class_growth
    from verify.enumeration.kernel import int_realized_set

    pts = as_points(spec)
    n = len(pts)
    g = int_class_growth(spec, arch, q)
    for m in range(1, n + 1):
        counts = {sub: int_realized_set([pts[i] for i in sub], arch, q, witnesses=False).count
                  for sub in itertools.combinations(range(n), m)}
        best = max(counts.values())
        assert g.profile[m] == best and counts[tuple(g.witnesses[m])] == best
