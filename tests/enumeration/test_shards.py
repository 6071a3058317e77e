"""Shards of realized sets and halfspace enumerations: the plan covers the question exactly,
and the shards, merged, give the serial answer (no Dask needed here; see test_dask.py)."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.encodings.realize import realized_set
from verify.encodings.symmetry import transform_labels
from verify.enumeration.engine import SerialEngine, make_engine, parse_workers
from verify.enumeration.kernel import int_realized_set
from verify.enumeration.sharded import (
    shardable,
    sharded_growth_profile,
    sharded_halfspace_set,
    sharded_realized_set,
)
from verify.enumeration.shards import (
    PrefixPlan,
    RealizedShardTask,
    check_shard_result,
    halfspace_ranges,
    plan_prefix_shards,
    run_realized_shard,
    symmetry_group,
)
from verify.errors import InvalidArgument
from verify.geometry.dichotomies import (
    combinations_from,
    halfspace_dichotomies,
    iter_halfspace_dichotomies,
    top_candidates,
)
from verify.geometry.pointsets import as_points
from verify.strategies import point_sets


def _check_plan_partitions_prefixes(plan: PrefixPlan) -> None:
    """Every prefix of K in exactly one shard's orbit, reached by its transversal element;
    the stabilizer fixes the representative; H maps K onto K."""
    key, group, mask = plan.key_points, plan.group, plan.key_mask
    for e in plan.subgroup:
        assert {group[e][0].image[i] for i in key} == set(key)
    seen: dict[int, int] = {}
    for s in plan.shards:
        assert s.orbit[0] == s.prefix and group[s.transversal[0]][0].image == tuple(
            range(plan.n)) and not group[s.transversal[0]][1]
        for q, e in zip(s.orbit, s.transversal, strict=True):
            assert transform_labels(s.prefix, *group[e]) & mask == q
            assert q not in seen
            seen[q] = s.index
        for e in s.stabilizer:
            assert transform_labels(s.prefix, *group[e]) & mask == s.prefix
        # the orbit is closed under H: nothing of it lies in another shard
        for e in plan.subgroup:
            assert transform_labels(s.prefix, *group[e]) & mask in s.orbit
    every = {sum(1 << i for k, i in enumerate(key) if (v >> k) & 1)
             for v in range(1 << len(key))}
    assert set(seen) == every  # the union of the shards' orbits is every prefix
    for q in every:  # locate() agrees, and its element maps q to the representative
        index, e = plan.locate(q)
        assert seen[q] == index
        assert transform_labels(q, *group[e]) & mask == plan.shards[index].prefix


@pytest.mark.parametrize("spec,kind", [
    ("grid:3:2", "real"), ("grid:4:2", "real"), ("grid:5:2", "real"), ("grid:6:2", "real"),
    ("cube:3", "real"), ("cube:4", "real"), ("stilde:3:3", "real"), ("grid:5:2", "int"),
    ("grid:4:1", "real"),
])
def test_plan_orbits_partition_every_prefix(spec, kind):
    pts = as_points(spec)
    _check_plan_partitions_prefixes(plan_prefix_shards(pts, symmetry_group(pts, kind)))


@settings(max_examples=30)
@given(st.one_of(point_sets(2, min_size=3, max_size=9, max_denominator=2),  # often symmetric
                 point_sets(3, min_size=3, max_size=8, max_denominator=1),
                 point_sets(2, min_size=3, max_size=9)),
       st.sampled_from([2, 4, 16, 64]))
def test_plan_partitions_prefixes_of_any_point_set(ps, target):
    pts = as_points(ps)
    _check_plan_partitions_prefixes(
        plan_prefix_shards(pts, symmetry_group(pts, "real"), target=target))


def test_plan_is_deterministic_and_independent_of_workers():
    pts = as_points("grid:5:2")
    a = plan_prefix_shards(pts, symmetry_group(pts, "real"))
    b = plan_prefix_shards(pts, symmetry_group(pts, "real"))
    assert a.plan_id() == b.plan_id() and a.key_points == (6, 7, 8, 11, 12, 13, 16, 17, 18)
    assert len(a.shards) == 51 and a.prefixes == 512


def test_screening_drops_only_unrealizable_prefixes():
    pts = as_points("grid:4:2")
    G = symmetry_group(pts, "real")
    plan = plan_prefix_shards(pts, G)
    key = plan.key_points
    sub = realized_set([pts[i] for i in key], "2-1-1")
    ok = [sum(1 << i for k, i in enumerate(key) if (int(b) >> k) & 1) for b in sub.labelings]
    screened = plan_prefix_shards(pts, G, realizable=ok, key_points=key)
    assert screened.screened and sorted(q for s in screened.shards for q in s.orbit) == sorted(ok)
    full = realized_set(pts, "2-1-1")
    assert all(int(b) & plan.key_mask in set(ok) for b in full.labelings)


def _run_all_shards(spec, arch, cls):
    pts = as_points(spec)
    G = symmetry_group(pts, "int" if cls.startswith("int") else "real")
    plan = plan_prefix_shards(pts, G)
    out = []
    for s in plan.shards:
        task = RealizedShardTask(s.index, pts, arch, cls, tuple(plan.fixed(s).items()),
                                 tuple(G[e] for e in s.stabilizer),
                                 tuple(G[e] for e in s.transversal))
        r = run_realized_shard(task)
        check_shard_result(plan, r)
        assert r.complete
        out.extend(r.labelings)
    return out


@pytest.mark.parametrize("spec,arch,cls,expected", [
    ("cube:2", "2-1-1", "real", 14),
    ("grid:3:2", "2-2-1", "real", 360),
    ("grid:3:2", "2-1-1-1", "real", 58),
    ("grid:3:2", "2-1", "real", 58),
])
def test_shards_are_disjoint_and_union_is_the_serial_set(spec, arch, cls, expected):
    labs = _run_all_shards(spec, arch, cls)
    assert len(labs) == len(set(labs)) == expected  # nothing counted twice
    assert sorted(labs) == realized_set(spec, arch, cls).labelings.tolist()


def test_int_shards_by_sat_match_the_numpy_kernel():
    # two independent algorithms: SAT per shard (prefix fixed) and the integer kernel
    labs = _run_all_shards("grid:3:2", "2-2-1", "int:1")
    assert sorted(labs) == int_realized_set("grid:3:2", "2-2-1", 1).labelings.tolist()
    labs = _run_all_shards("cube:3", "3-1", "int:1")
    assert sorted(labs) == int_realized_set("cube:3", "3-1", 1).labelings.tolist()


def test_halfspaces_brute_force_on_cube_2():
    # brute force: the 16 labelings of the square minus XOR and XNOR
    r = sharded_halfspace_set("cube:2", workers=1, shards=3)
    assert r.labelings.tolist() == [b for b in range(16) if b not in (0b0110, 0b1001)]


class _ShuffledEngine(SerialEngine):
    """Runs the shards in this process in a seeded random order."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def map_unordered(self, fn, tasks, priorities, timeout=None, shared=None):
        order = list(range(len(tasks)))
        self.rng.shuffle(order)
        for i in order:
            yield fn(tasks[i])


def test_shard_order_does_not_change_the_answer():
    runs = [sharded_realized_set("grid:3:2", "2-2-1", use_cache=False,
                                 engine=_ShuffledEngine(seed)) for seed in range(3)]
    base = runs[0]
    assert base.count == 360
    for r in runs[1:]:
        assert r.labelings.dtype == base.labelings.dtype
        assert r.labelings.tobytes() == base.labelings.tobytes()
        assert list(r.witnesses) == list(base.witnesses)


def test_sharded_int_class_and_chain_through_the_driver():
    r = sharded_realized_set("grid:3:2", "2-2-1", "int:1", workers=1, use_cache=False)
    assert r.labelings.tolist() == int_realized_set("grid:3:2", "2-2-1", 1).labelings.tolist()
    r = sharded_realized_set("grid:3:2", "2-1-1-1", workers=1, use_cache=False)
    assert r.count == 58 and all(w.architecture == "2-1-1-1" for w in r.witnesses.values())


def test_timeout_gives_an_incomplete_set_of_realizable_labelings():
    from verify.encodings.realize import realizes_bits

    pts = as_points("grid:4:2")
    r = sharded_realized_set(pts, "2-2-1", workers=1, use_cache=False, timeout=0.5,
                             seed_q=0)
    assert not r.complete and "time-out" in r.reason
    assert all(realizes_bits(r.witnesses[b], pts, b) for b in r.labelings.tolist())


def test_halfspace_candidate_ranges_cover_every_dichotomy():
    for spec in ("cube:3", "grid:4:2", "stilde:3:3"):
        top = top_candidates(spec)
        full = halfspace_dichotomies(spec)
        for parts in (1, 2, 5):
            chunks = [c for a, b in halfspace_ranges(top, parts)
                      for c in iter_halfspace_dichotomies(spec, candidates=(a, b))]
            assert np.array_equal(np.unique(np.concatenate(chunks)), full)
    with pytest.raises(InvalidArgument, match="candidates"):
        list(iter_halfspace_dichotomies("cube:2", candidates=(3, 1)))


@given(st.integers(0, 8), st.integers(0, 8), st.integers(0, 80), st.integers(0, 80))
def test_combinations_from_is_a_slice_of_itertools(n, r, a, b):
    allc = list(itertools.combinations(range(n), r))
    assert list(combinations_from(n, r, a, b)) == allc[a:b]


def test_sharded_growth_profile_is_the_serial_profile_with_its_witnesses():
    from verify.enumeration.growth import growth_profile

    labs = halfspace_dichotomies("grid:5:2")  # 25 points: the batch back end
    serial = growth_profile(labs, 25, max_work=2 * 10**6)
    g = sharded_growth_profile(labs, 25, max_work=2 * 10**6, workers=1, shard_work=10**5)
    assert g.provenance["shards"] > 25
    assert (g.lower, g.upper, g.witnesses) == (serial.lower, serial.upper, serial.witnesses)


def test_arguments_are_checked():
    assert shardable("2-2-1", "int:2") and not shardable("2-2-2-1")
    with pytest.raises(InvalidArgument, match="2-2-2-1 runs without --workers"):
        sharded_realized_set("cube:2", "2-2-2-1", workers=1, use_cache=False)
    for bad in (0, -1, "x", True, 1.5):
        with pytest.raises(InvalidArgument, match="workers"):
            parse_workers(bad)
    with pytest.raises(InvalidArgument, match="target"):
        plan_prefix_shards(as_points("cube:2"), symmetry_group(as_points("cube:2"), "real"),
                           target=0)
    net = realized_set("cube:2", "2-1-1").witnesses[1]  # +1 on point 0 only
    with pytest.raises(InvalidArgument, match="does not have the fixed labels"):
        realized_set("cube:2", "2-1-1", known=[(1, net)], fixed={0: -1})
    eng, note = make_engine(workers=1)
    assert isinstance(eng, SerialEngine) and note is None


def test_fixed_labels_and_group_are_validated():
    pts = as_points("cube:2")
    G = symmetry_group(pts, "real")
    with pytest.raises(InvalidArgument, match="fixed"):
        realized_set(pts, "2-1-1", fixed={7: 1})
    with pytest.raises(InvalidArgument, match="fixed"):
        realized_set(pts, "2-1-1", fixed={0: 0})
    with pytest.raises(InvalidArgument, match="keep the fixed labels"):
        realized_set(pts, "2-1-1", fixed={0: 1}, group=G)  # negation moves the label
    with pytest.raises(InvalidArgument, match="2-2-2-1"):
        realized_set(pts, "2-2-2-1", fixed={0: 1})


def test_another_code_version_is_refused_on_both_sides() -> None:
    from verify.enumeration.shards import code_version, require_code_version
    from verify.errors import InvalidArgument

    require_code_version(code_version(), worker=False)
    with pytest.raises(InvalidArgument, match=r"^this worker runs verify .*, the driver old; "
                                              r"install the same version"):
        require_code_version("old", worker=True)
    with pytest.raises(InvalidArgument, match=r"^a worker runs old, the driver verify "):
        require_code_version("old", worker=False)
