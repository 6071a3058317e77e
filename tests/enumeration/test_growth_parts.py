"""The parts of ``halfspace_growth`` (split by concern), each on its contract.

The whole is pinned too: its JSON and provenance on seven inputs (exhaustive sizes,
the greedy extension with and without the local search, homogeneous), computed
before the function was split into these parts.
"""

from __future__ import annotations

import itertools
import json

import pytest

from verify.enumeration.growth import (
    _best_extension,
    _best_of_all,
    _SubsetChambers,
    _swap_search,
    _tighten_upper,
    halfspace_growth,
)
from verify.geometry.dichotomies import cover_count, halfspace_dichotomies
from verify.geometry.pointsets import as_points
from verify.jsonio import dumps

CASES = [
    ("grid:3:2", False, {}),
    ("grid:4:2", False, {"max_subsets": 50}),
    ("grid:4:2", False, {"max_subsets": 50, "local_search": 0}),
    ("grid:4:2", False, {"max_subsets": 50, "local_search": 3}),
    ("cube:4", False, {"max_subsets": 30, "local_search": 20}),
    ("stilde:3:3", True, {"max_subsets": 100}),
    ("grid:3:2", True, {"max_subsets": 20}),
]

GOLDEN = [
    (
        '{"growth": {"points": 9, "count": 58, "profile": [1, 2, 4, 8, 14, 22, 32, 40, 50'
        ', 58], "vc_dimension": 3, "shattered_set": [0, 1, 3], "witnesses": [[], [0], [0,'
        ' 1], [0, 1, 3], [0, 1, 3, 4], [0, 1, 3, 5, 7], [0, 1, 3, 5, 7, 8], [0, 1, 2, 3, '
        '5, 6, 7], [0, 1, 2, 3, 5, 6, 7, 8], [0, 1, 2, 3, 4, 5, 6, 7, 8]], "complete": tr'
        'ue, "profile_bounds": [[1, 1], [2, 2], [4, 4], [8, 8], [14, 14], [22, 22], [32, '
        '32], [40, 40], [50, 50], [58, 58]], "vc_bounds": [3, 3]}, "provenance": {"method'
        '": "chamber counts of subsets (characteristic polynomial)", "max_subsets": 20000'
        ', "exhaustive_sizes": [1, 2, 3, 4, 5, 6, 7, 8]}}'
    ),
    (
        '{"growth": {"points": 16, "count": 174, "profile": [1, 2, 4, 8, 14, 22, 32, 44, '
        '58, null, null, null, null, null, null, 158, 174], "vc_dimension": 3, "shattered'
        '_set": [0, 1, 4], "witnesses": [[], [0], [0, 1], [0, 1, 4], [0, 1, 4, 5], [0, 1,'
        ' 4, 5, 11], [0, 1, 4, 5, 11, 14], [1, 2, 4, 5, 11, 12, 14], [1, 3, 4, 5, 10, 11,'
        ' 12, 14], [1, 2, 3, 4, 5, 10, 11, 12, 14], [1, 2, 3, 4, 5, 7, 10, 11, 12, 14], ['
        '1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 14], [1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14],'
        ' [0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14], [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 1'
        '1, 12, 13, 14], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15], [0, 1, 2, 3,'
        ' 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]], "complete": false, "profile_bounds"'
        ': [[1, 1], [2, 2], [4, 4], [8, 8], [14, 14], [22, 22], [32, 32], [44, 44], [58, '
        '58], [70, 74], [84, 92], [98, 112], [114, 134], [128, 158], [142, 158], [158, 15'
        '8], [174, 174]], "vc_bounds": [3, 3]}, "provenance": {"method": "chamber counts '
        'of subsets (characteristic polynomial)", "max_subsets": 50, "exhaustive_sizes": '
        '[1, 15]}}'
    ),
    (
        '{"growth": {"points": 16, "count": 174, "profile": [1, 2, 4, 8, 14, 22, 32, null'
        ', null, null, null, null, null, null, null, 158, 174], "vc_dimension": 3, "shatt'
        'ered_set": [0, 1, 4], "witnesses": [[], [0], [0, 1], [0, 1, 4], [0, 1, 4, 5], [0'
        ', 1, 4, 5, 11], [0, 1, 4, 5, 11, 14], [0, 1, 2, 4, 5, 11, 14], [0, 1, 2, 4, 5, 7'
        ', 11, 14], [0, 1, 2, 4, 5, 7, 11, 12, 14], [0, 1, 2, 4, 5, 7, 9, 11, 12, 14], [0'
        ', 1, 2, 4, 5, 7, 9, 10, 11, 12, 14], [0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 14], ['
        '0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14], [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11,'
        ' 12, 13, 14], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15], [0, 1, 2, 3, 4'
        ', 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]], "complete": false, "profile_bounds": '
        '[[1, 1], [2, 2], [4, 4], [8, 8], [14, 14], [22, 22], [32, 32], [42, 44], [54, 58'
        '], [68, 74], [82, 92], [96, 112], [110, 134], [126, 158], [142, 158], [158, 158]'
        ', [174, 174]], "vc_bounds": [3, 3]}, "provenance": {"method": "chamber counts of'
        ' subsets (characteristic polynomial)", "max_subsets": 50, "exhaustive_sizes": [1'
        ', 15]}}'
    ),
    (
        '{"growth": {"points": 16, "count": 174, "profile": [1, 2, 4, 8, 14, 22, 32, null'
        ', null, null, null, null, null, null, null, 158, 174], "vc_dimension": 3, "shatt'
        'ered_set": [0, 1, 4], "witnesses": [[], [0], [0, 1], [0, 1, 4], [0, 1, 4, 5], [0'
        ', 1, 4, 5, 11], [0, 1, 4, 5, 11, 14], [0, 1, 2, 4, 5, 11, 14], [0, 1, 2, 4, 5, 7'
        ', 11, 14], [0, 1, 2, 4, 5, 7, 11, 12, 14], [0, 1, 2, 4, 5, 7, 9, 11, 12, 14], [0'
        ', 1, 2, 4, 5, 7, 9, 10, 11, 12, 14], [0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 14], ['
        '0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14], [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11,'
        ' 12, 13, 14], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15], [0, 1, 2, 3, 4'
        ', 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]], "complete": false, "profile_bounds": '
        '[[1, 1], [2, 2], [4, 4], [8, 8], [14, 14], [22, 22], [32, 32], [42, 44], [54, 58'
        '], [68, 74], [82, 92], [96, 112], [110, 134], [126, 158], [142, 158], [158, 158]'
        ', [174, 174]], "vc_bounds": [3, 3]}, "provenance": {"method": "chamber counts of'
        ' subsets (characteristic polynomial)", "max_subsets": 50, "exhaustive_sizes": [1'
        ', 15]}}'
    ),
    (
        '{"growth": {"points": 16, "count": 1882, "profile": [1, 2, 4, 8, 16, 32, 62, nul'
        'l, null, null, null, null, null, null, null, 1512, 1882], "vc_dimension": 5, "sh'
        'attered_set": [0, 1, 2, 4, 8], "witnesses": [[], [0], [0, 1], [0, 1, 2], [0, 1, '
        '2, 4], [0, 1, 2, 4, 8], [0, 1, 2, 4, 8, 15], [1, 2, 3, 4, 5, 8, 15], [1, 2, 3, 4'
        ', 5, 8, 10, 15], [1, 2, 3, 4, 5, 6, 8, 10, 15], [1, 2, 3, 4, 5, 6, 8, 9, 10, 15]'
        ', [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15], [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15],'
        ' [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, '
        '11, 12, 15], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], [0, 1, 2, 3, 4,'
        ' 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]], "complete": false, "profile_bounds": ['
        '[1, 1], [2, 2], [4, 4], [8, 8], [16, 16], [32, 32], [62, 62], [106, 114], [174, '
        '198], [264, 326], [386, 512], [542, 772], [724, 1124], [942, 1512], [1202, 1512]'
        ', [1512, 1512], [1882, 1882]], "vc_bounds": [5, 5]}, "provenance": {"method": "c'
        'hamber counts of subsets (characteristic polynomial)", "max_subsets": 30, "exhau'
        'stive_sizes": [1, 15]}}'
    ),
    (
        '{"growth": {"points": 9, "count": 58, "profile": [1, 2, 4, 8, 14, 22, 32, 40, 50'
        ', 58], "vc_dimension": 3, "shattered_set": [0, 1, 3], "witnesses": [[], [0], [0,'
        ' 1], [0, 1, 3], [0, 1, 3, 4], [1, 2, 3, 4, 8], [0, 1, 3, 5, 7, 8], [0, 1, 2, 3, '
        '5, 6, 7], [0, 1, 2, 3, 5, 6, 7, 8], [0, 1, 2, 3, 4, 5, 6, 7, 8]], "complete": tr'
        'ue, "profile_bounds": [[1, 1], [2, 2], [4, 4], [8, 8], [14, 14], [22, 22], [32, '
        '32], [40, 40], [50, 50], [58, 58]], "vc_bounds": [3, 3]}, "provenance": {"method'
        '": "chamber counts of subsets (characteristic polynomial)", "max_subsets": 100, '
        '"exhaustive_sizes": [1, 2, 3, 6, 7, 8]}}'
    ),
    (
        '{"growth": {"points": 9, "count": 14, "profile": [1, 2, 4, 6, 8, 10, 12, 14, 14,'
        ' 14], "vc_dimension": 2, "shattered_set": [0, 1], "witnesses": [[], [0], [0, 1],'
        ' [0, 1, 2], [0, 1, 2, 3], [0, 1, 2, 3, 5], [0, 1, 2, 3, 5, 6], [0, 1, 2, 3, 5, 6'
        ', 7], [0, 1, 2, 3, 4, 5, 6, 7], [0, 1, 2, 3, 4, 5, 6, 7, 8]], "complete": true, '
        '"profile_bounds": [[1, 1], [2, 2], [4, 4], [6, 6], [8, 8], [10, 10], [12, 12], ['
        '14, 14], [14, 14], [14, 14]], "vc_bounds": [2, 2]}, "provenance": {"method": "ch'
        'amber counts of subsets (characteristic polynomial)", "max_subsets": 20, "exhaus'
        'tive_sizes": [1, 8]}}'
    ),
]


@pytest.mark.parametrize(("case", "golden"), list(zip(CASES, GOLDEN, strict=True)),
                         ids=[f"{s}-{h}-{len(kw)}" for s, h, kw in CASES])
def test_halfspace_growth_is_unchanged(case, golden):
    spec, homogeneous, kw = case
    g = halfspace_growth(spec, homogeneous, **kw)
    got = {"growth": json.loads(dumps(g.to_json())), "provenance": g.provenance}
    assert json.dumps(got) == golden


GRID = _SubsetChambers(as_points("grid:3:2"), False)


def test_symmetry_representatives_give_the_same_maximum():
    plain = _SubsetChambers(as_points("grid:3:2"), True)  # homogeneous: no symmetries used
    assert GRID.elems and not plain.elems
    for m in range(1, 9):
        best, sub = _best_of_all(GRID, m)
        assert sub is not None and GRID.count(sub) == best
        every = max(GRID.count(t) for t in itertools.combinations(range(9), m))
        assert best == every


def test_extension_and_swaps_only_report_counts_they_computed():
    best, sub = _best_extension(GRID, (0, 1), 8)
    assert sub is not None and set(sub) > {0, 1} and GRID.count(sub) == best
    assert _swap_search(GRID, 6, (0, 1, 2), 8, 0) == (6, (0, 1, 2))  # no budget: unchanged
    assert _swap_search(GRID, 8, (0, 1, 3), 8, 10) == (8, (0, 1, 3))  # at the cap: unchanged
    best, sub = _swap_search(GRID, 6, (0, 1, 2), 8, 10)
    assert sub is not None and GRID.count(sub) == best == cover_count(3, 3)


def test_tighten_upper_reaches_the_fixed_point():
    u = [1, 2, 4, 8, 16, 32, 20]
    _tighten_upper(u)
    assert u == [1, 2, 4, 8, 16, 20, 20]
    assert all(u[m] <= 2 * u[m - 1] and u[m] <= u[m + 1] for m in range(1, 6))


@pytest.mark.parametrize("max_subsets", [20_000, 10])
@pytest.mark.parametrize("spec", ["cube:2", "cube:3"])
def test_homogeneous_halfspaces_with_the_origin_among_the_points(spec, max_subsets):
    # f(0) = 0 for every halfspace through the origin: a subset holding it has no
    # dichotomy, so Π is not monotone at m = n (this used to fail an internal assertion).
    # Independent truth: the flat recursion on every subset.
    pts = as_points(spec)
    n = len(pts)
    truth = [max(len(halfspace_dichotomies([pts[i] for i in t], True)) if t else 1
                 for t in itertools.combinations(range(n), m)) for m in range(n + 1)]
    g = halfspace_growth(spec, True, max_subsets=max_subsets)
    assert truth[-1] == 0 and g.lower[-1] == g.upper[-1] == 0
    assert all(lo <= v <= hi for lo, v, hi in zip(g.lower, truth, g.upper, strict=True))
    if max_subsets > 2**n:
        assert g.profile == truth and g.vc_dimension == {4: 2, 8: 3}[n]
