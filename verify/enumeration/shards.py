"""Shards of an exact enumeration: deterministic, independent, and together the whole question.

Two kinds of shards:

* **Realized sets** (one hidden layer ``m-h-1``, ``m-1``, chains ``m-h-1-…-1``,
  ``int:Q``) are split by the labels of a set K of *key points* (below); the
  shards are disjoint.
* **Halfspace dichotomies** are split by the top-level hyperplane flats of the
  flat recursion (:func:`verify.geometry.dichotomies.halfspace_dichotomies`):
  shard i takes the flats spanned by the (k−1)-subsets of lexicographic ranks in
  its range (:func:`halfspace_ranges`, :func:`run_halfspace_shard`).  Every flat
  is spanned by some (k−1)-subset, so the union of the parts is the union of the
  recursion's claim, i.e. every dichotomy; parts may overlap and are merged as
  sets.

Prefix shards of realized sets.

Notation.  G is the symmetry group of the enumeration acting on labelings: pairs
``(g, ε)`` of a point symmetry g (:func:`verify.encodings.symmetry.point_symmetries`;
coordinate permutations only for ``int:Q``) and a sign ε (label negation).  The
realized set R is G-invariant: if ``f`` realizes y, ``ε·f∘g⁻¹`` realizes ``(g, ε)·y``
(:func:`~verify.encodings.symmetry.transform_net`).  H ⊆ G is a subgroup that maps
K onto itself (K is a union of H-orbits of points).  A *prefix* is a labeling of
K; H acts on prefixes, and ``y|K`` is the prefix of a labeling y.

The plan (:func:`plan_prefix_shards`): one shard per H-orbit of prefixes, its
representative p the smallest prefix of the orbit (as an integer), a transversal
``T_p`` (for every prefix q of the orbit one element t with ``t·p = q``) and the
stabilizer ``H_p = {t : t·p = p}``.  The shard computes
``R_p = {y ∈ R : y|K = p}`` — the exact solver constrained to the labels p on K,
blocking each labeling found with its ``H_p``-orbit, one final ``unsat`` refuting
every other labeling with prefix p — and returns ``⋃_{t ∈ T_p} t·R_p`` (each
transformed witness re-checked exactly).

**Claim.**  R is the disjoint union, over the shards, of ``⋃_{t ∈ T_p} t·R_p``.

*Proof.*  (Disjoint.)  Every element of ``t·R_p`` has prefix ``t·p`` (t maps K
onto K, so ``(t·y)|K = t·(y|K)``); different t of one transversal give different
prefixes, different shards give prefixes of different orbits.  (⊆) ``t·R_p ⊆ R``
because R is G-invariant.  (⊇) Let y ∈ R with prefix q; q lies in the orbit of
exactly one representative p, and the transversal has t with ``t·p = q``; then
``t⁻¹·y ∈ R`` has prefix p, so ``t⁻¹·y ∈ R_p`` and ``y = t·(t⁻¹·y) ∈ t·R_p``.
Within a shard, ``H_p`` maps ``R_p`` onto itself (it fixes p and keeps R), so
blocking the ``H_p``-orbit of a realized labeling only blocks members of
``R_p``.  ∎

**Screening.**  If y ∈ R then ``y|K`` is realized on the points of K alone (the
same network).  When the realized set of K is known completely, prefixes outside
it have ``R_p = ∅`` and get no shard (:func:`plan_prefix_shards` with
``realizable``).

Choice of K (deterministic: it depends on the points, the group and the target
only, never on the workers).  Starting from H = G and K = ∅, the H-orbits of the
remaining points are taken in order of squared distance to the centroid (then
smallest index); a whole orbit is added while the number of prefix orbits stays
within twice the target, and the search stops at half the target or more, or
when the next orbit would overshoot (every symmetry is kept: coarser shards).
Only when K would otherwise stay with fewer than two prefix orbits (e.g.
``cube:n``, one orbit of points) does the first point of the next orbit enter
alone, and H becomes its stabilizer (fewer symmetries, finer shards).  The
plan's H is then every element of G mapping K onto itself.  For ``grid:5:2``
(H = the dihedral group × negation, 16 elements) and the default target 64, K
is the central 3 × 3 block: 512 prefixes in 51 orbits.

>>> from verify.geometry.pointsets import as_points
>>> pts = as_points("grid:3:2")
>>> plan = plan_prefix_shards(pts, symmetry_group(pts, "real"), key_points=[4])
>>> plan.key_points, len(plan.shards), plan.shards[0].orbit   # the centre's labels: one orbit
((4,), 1, (0, 16))
>>> plan = plan_prefix_shards(pts, symmetry_group(pts, "real"))
>>> plan.key_points, len(plan.shards), plan.prefixes          # centre and its 4 neighbours
((1, 3, 4, 5, 7), 6, 32)
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from verify.encodings.symmetry import PointSymmetry, point_symmetries, transform_labels
from verify.errors import InvalidArgument
from verify.geometry.pointsets import Point
from verify.jsonio import dataclass_json, json_meta
from verify.nets.network import ReLUNet

__all__ = [
    "Element",
    "HalfspaceShardResult",
    "HalfspaceShardTask",
    "PrefixPlan",
    "PrefixShard",
    "RealizedShardResult",
    "RealizedShardTask",
    "balanced_order",
    "check_shard_result",
    "code_version",
    "default_target",
    "halfspace_ranges",
    "plan_prefix_shards",
    "require_code_version",
    "run_halfspace_shard",
    "run_realized_shard",
    "shard_estimate",
    "symmetry_group",
]

Element = tuple[PointSymmetry, bool]
"""A group element acting on labelings: a point symmetry and whether labels are negated."""

_MAX_PREFIXES = 1 << 16  # prefixes of K examined by a plan
_MAX_PLAN_WORK = 1 << 24  # prefixes x group elements when the plan counts orbits


def code_version() -> str:
    """The code version a shard's result is bound to (driver and workers must agree).

    >>> code_version().startswith("verify ")
    True
    """
    from verify import __version__

    return f"verify {__version__}; shards 1"


def require_code_version(other: str, *, worker: bool) -> None:
    """Refuse work of another code version (the driver and its workers must agree).

    ``other`` is the driver's version when ``worker`` is True (a task arriving at a
    worker), else a worker's (a result arriving at the driver).

    >>> require_code_version(code_version(), worker=True)
    >>> require_code_version("verify 0.0; shards 0", worker=False)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: a worker runs verify 0.0; shards 0, the driver verify ...
    """
    mine = code_version()
    if other == mine:
        return
    who = (f"this worker runs {mine}, the driver {other}" if worker
           else f"a worker runs {other}, the driver {mine}")
    raise InvalidArgument(f"{who}; install the same version of verify on every worker")


def symmetry_group(points: Sequence[Point], kind: str, symmetries: bool = True) -> list[Element]:
    """G: point symmetries × label negation, identity first.

    ``kind`` ``"int"`` keeps coordinate permutations only (the ones that keep
    integer weights in [−Q, Q]); label negation keeps every class here.
    ``symmetries=False`` gives the trivial group.

    >>> from verify.geometry.pointsets import as_points
    >>> len(symmetry_group(as_points("grid:3:2"), "real")), len(symmetry_group(
    ...     as_points("grid:3:2"), "int"))
    (16, 4)
    """
    syms = point_symmetries(points, integral_only=(kind == "int"))
    if not symmetries:
        return [(syms[0], False)]
    return [(g, neg) for g in syms for neg in (False, True)]


@dataclass(frozen=True)
class PrefixShard:
    """One shard: representative prefix, its orbit, transversal and stabilizer.

    ``orbit[k]`` is the prefix ``transversal[k]·prefix`` (``orbit[0] = prefix``, the
    identity first); ``stabilizer`` lists the indices (into the plan's ``group``)
    of the elements fixing ``prefix``.  Prefixes are labelings whose bits lie on
    the key points only.
    """

    index: int
    prefix: int
    orbit: tuple[int, ...]
    transversal: tuple[int, ...]
    stabilizer: tuple[int, ...]


@dataclass(frozen=True)
class PrefixPlan:
    """The shards of a realized-set question (see the module docstring)."""

    n: int = field(metadata=json_meta(write=False))
    key_points: tuple[int, ...]
    group: tuple[Element, ...] = field(metadata=json_meta(write=False))
    subgroup: tuple[int, ...] = field(metadata=json_meta(key="group_order", convert=len))
    shards: tuple[PrefixShard, ...] = field(metadata=json_meta(convert=len))
    screened: bool
    target: int
    to_shard: dict[int, tuple[int, int]] = field(repr=False, compare=False,
                                                 metadata=json_meta(write=False))

    JSON_ORDER = ("key_points", "group_order", "shards", "prefixes", "screened", "target")

    @property
    def key_mask(self) -> int:
        return sum(1 << i for i in self.key_points)

    @property
    def prefixes(self) -> int:
        """Number of prefixes covered by shards (all 2^|K| unless screened)."""
        return sum(len(s.orbit) for s in self.shards)

    def locate(self, bits: int) -> tuple[int, int] | None:
        """(shard index, element index u) with ``u·bits`` in the shard's ``R_p``, or None
        when the prefix of ``bits`` was screened out (it is then not realizable)."""
        return self.to_shard.get(bits & self.key_mask)

    def fixed(self, shard: PrefixShard) -> dict[int, int]:
        """The shard's labels on the key points (point index -> ±1)."""
        return {i: 1 if (shard.prefix >> i) & 1 else -1 for i in self.key_points}

    def plan_id(self) -> str:
        """SHA-256 of the plan's content (key points, group, shards): part of store keys."""
        canon = {
            "n": self.n,
            "key_points": list(self.key_points),
            "group": [[list(g.image), neg] for g, neg in self.group],
            "subgroup": list(self.subgroup),
            "shards": [[s.prefix, list(s.orbit), list(s.transversal), list(s.stabilizer)]
                       for s in self.shards],
            "screened": self.screened,
            "version": code_version(),
        }
        return hashlib.sha256(json.dumps(canon, sort_keys=True).encode()).hexdigest()

    def json_extra(self) -> dict[str, Any]:
        return {"prefixes": self.prefixes}

    def to_json(self) -> dict[str, Any]:
        return dataclass_json(self)


def _act(bits: int, el: Element, mask: int) -> int:
    return transform_labels(bits, el[0], el[1]) & mask


def _dist2(points: Sequence[Point]) -> list[Fraction]:
    n, m = len(points), len(points[0])
    centre = [sum((p[k] for p in points), Fraction(0)) / n for k in range(m)]
    return [sum(((p[k] - centre[k]) ** 2 for k in range(m)), Fraction(0)) for p in points]


def _point_orbits(sub: list[Element], remaining: Iterable[int]) -> list[list[int]]:
    left = set(remaining)
    out = []
    while left:
        i = min(left)
        orb = sorted({g.image[i] for g, _ in sub} & left | {i})
        out.append(orb)
        left -= set(orb)
    return out


def _orbit_count(key: Sequence[int], group: Sequence[Element], sub: Sequence[int]) -> int:
    """The number of orbits of the prefixes of ``key`` under the elements ``sub`` (exact)."""
    if not key:
        return 1
    pre = _prefix_array(key)
    canon = pre.copy()
    for e in sub:
        np.minimum(canon, _act_array(pre, key, group[e]), out=canon)
    return len(np.unique(canon))


def _prefix_array(key: Sequence[int]) -> np.ndarray:
    """Every labeling of the key points (bits on the key points), increasing."""
    v = np.arange(1 << len(key), dtype=np.int64)
    out = np.zeros_like(v)
    for k, i in enumerate(key):
        out |= ((v >> k) & 1) << i
    return out


def _act_array(pre: np.ndarray, key: Sequence[int], el: Element) -> np.ndarray:
    g, neg = el
    out = np.zeros_like(pre)
    for i in key:
        out |= ((pre >> i) & 1) << g.image[i]
    if neg:
        out ^= sum(1 << i for i in key)
    return out


def _key_points(points: Sequence[Point], group: Sequence[Element], target: int
                ) -> tuple[list[int], list[int]]:
    """K and the indices of H (see the module docstring)."""
    n = len(points)
    d2 = _dist2(points)
    sub = list(range(len(group)))
    key: list[int] = []
    count = 1
    while len(key) < n:
        if key and 2 * count >= target:
            break  # about target / 2 prefix orbits or more: enough
        els = [group[i] for i in sub]
        orbits = _point_orbits(els, (i for i in range(n) if i not in key))
        orbits.sort(key=lambda o: (min(d2[i] for i in o), o[0]))
        orb = orbits[0]
        size = 1 << (len(key) + len(orb))
        if size <= _MAX_PREFIXES and size * len(sub) <= _MAX_PLAN_WORK:
            bigger = _orbit_count(sorted(key + orb), group, sub)
            if bigger <= 2 * target:
                key, count = sorted(key + orb), bigger
                continue
        if key and count >= 2:
            break  # coarser than the target, but every symmetry kept
        if (1 << (len(key) + 1)) > _MAX_PREFIXES:
            break
        x = orb[0]  # the orbit is too large: fix one point, keep its stabilizer
        sub = [i for i in sub if group[i][0].image[x] == x]
        key = sorted([*key, x])
        count = _orbit_count(key, group, sub)
    return key, sub


def default_target(n: int) -> int:
    """The default target number of shards for ``n`` points: 2^(n/4) within [8, 1024].

    Small questions get few shards (each shard costs a solver set-up and a final
    refutation), large ones many.

    >>> [default_target(n) for n in (9, 16, 25, 36, 64)]
    [8, 16, 64, 512, 1024]
    """
    return min(1024, max(8, 1 << (n // 4)))


def plan_prefix_shards(
    points: Sequence[Point],
    group: Sequence[Element],
    target: int | None = None,
    realizable: Iterable[int] | None = None,
    key_points: Sequence[int] | None = None,
) -> PrefixPlan:
    """The prefix shards of a realized-set question (deterministic).

    Parameters
    ----------
    points : the point set (rational points)
    group : the group G (:func:`symmetry_group`), identity first
    target : int, optional
        About how many prefix orbits (shards before screening) to aim at
        (default :func:`default_target` of the number of points); the plan never
        depends on the number of workers.
    realizable : iterable of prefixes, optional
        Every prefix realized on the key points alone (bits on the key points),
        from a *complete* realized set of K; other prefixes get no shard.
    key_points : sequence of point indices, optional
        K given explicitly (it must be a union of orbits of the elements of G
        that map it onto itself; those elements form H, as for a chosen K).

    Examples
    --------
    >>> from verify.geometry.pointsets import as_points
    >>> pts = as_points("grid:5:2")
    >>> plan = plan_prefix_shards(pts, symmetry_group(pts, "real"))
    >>> plan.key_points, len(plan.subgroup), len(plan.shards), plan.prefixes
    ((6, 7, 8, 11, 12, 13, 16, 17, 18), 16, 51, 512)
    """
    n = len(points)
    if target is None:
        target = default_target(n)
    if isinstance(target, bool) or not isinstance(target, int) or target < 1:
        raise InvalidArgument(f"shards: the target must be a positive integer, got {target!r}")
    if not group or group[0][0].image != tuple(range(n)) or group[0][1]:
        raise InvalidArgument("shards: the group must start with the identity")
    if key_points is None:
        key = _key_points(points, group, target)[0]
    else:
        key = sorted(set(int(i) for i in key_points))
        if any(not 0 <= i < n for i in key):
            raise InvalidArgument(f"shards: key points must be indices 0..{n - 1}")
        if 1 << len(key) > _MAX_PREFIXES:
            raise InvalidArgument(f"shards: {len(key)} key points give more than "
                                  f"{_MAX_PREFIXES} prefixes")
    kset = set(key)  # H: every element of G mapping K onto itself (a group)
    sub = [e for e, (g, _) in enumerate(group) if {g.image[i] for i in key} == kset]
    mask = sum(1 << i for i in key)
    allowed = None if realizable is None else {int(b) & mask for b in realizable}
    inverse = _inverses(group, sub)
    shards: list[PrefixShard] = []
    to_shard: dict[int, tuple[int, int]] = {}
    for q in _prefixes(key):
        if q in to_shard or (allowed is not None and q not in allowed):
            continue
        orbit: list[int] = []
        trans: list[int] = []
        stab: list[int] = []
        for e in sub:
            img = _act(q, group[e], mask)
            if img == q:
                stab.append(e)
            if img not in to_shard:
                to_shard[img] = (len(shards), inverse[e])
                orbit.append(img)
                trans.append(e)
        shards.append(PrefixShard(len(shards), q, tuple(orbit), tuple(trans), tuple(stab)))
    return PrefixPlan(n, tuple(key), tuple(group), tuple(sub), tuple(shards),
                      allowed is not None, target, to_shard)


def _prefixes(key: Sequence[int]) -> Iterable[int]:
    """Every labeling of the key points, in increasing order as integers."""
    for v in range(1 << len(key)):
        yield sum(1 << i for k, i in enumerate(key) if (v >> k) & 1)


def _inverses(group: Sequence[Element], sub: Sequence[int]) -> dict[int, int]:
    by_action = {(group[e][0].image, group[e][1]): e for e in sub}
    out = {}
    for e in sub:
        g, neg = group[e]
        inv = [0] * len(g.image)
        for i, j in enumerate(g.image):
            inv[j] = i
        out[e] = by_action[(tuple(inv), neg)]
    return out


@dataclass(frozen=True)
class RealizedShardTask:
    """Everything a worker needs to compute one shard (picklable, no open resources)."""

    index: int
    points: tuple[Point, ...]
    arch: str
    cls: str
    fixed: tuple[tuple[int, int], ...]
    stabilizer: tuple[Element, ...]
    transversal: tuple[Element, ...]
    known: tuple[tuple[int, ReLUNet], ...] = ()
    deadline: float | None = None  # seconds since the epoch (time.time()), or None
    version: str = field(default_factory=code_version)


@dataclass
class RealizedShardResult:
    """What a worker returns: the shard's labelings (expanded over its transversal,
    sorted) and a witness for each, every witness re-checked exactly by the worker."""

    index: int
    labelings: list[int]
    witnesses: list[ReLUNet]
    complete: bool
    reason: str | None
    seconds: float
    stats: dict[str, Any]
    version: str = field(default_factory=code_version)


def run_realized_shard(task: RealizedShardTask) -> RealizedShardResult:
    """Compute one shard (runs on a worker, or in the driver's process when serial).

    ``R_p`` by the exact solver with the prefix fixed and orbits under the
    stabilizer, then every labeling of ``⋃_t t·R_p`` with its transformed
    witness, re-checked exactly.  After the deadline: an incomplete result with
    the labelings found (they are realizable; the rest of the shard is unknown).

    Examples
    --------
    >>> from verify.geometry.pointsets import as_points
    >>> pts = as_points("cube:2")
    >>> G = symmetry_group(pts, "real")
    >>> plan = plan_prefix_shards(pts, G, key_points=[0])
    >>> s = plan.shards[0]
    >>> task = RealizedShardTask(0, pts, "2-1-1", "real", tuple(plan.fixed(s).items()),
    ...     tuple(G[e] for e in s.stabilizer), tuple(G[e] for e in s.transversal))
    >>> r = run_realized_shard(task)
    >>> len(r.labelings), r.complete
    (14, True)
    """
    from verify.encodings.realize import realized_set, realizes_bits
    from verify.encodings.symmetry import transform_net

    require_code_version(task.version, worker=True)
    start = time.perf_counter()
    left = None if task.deadline is None else task.deadline - time.time()
    if left is not None and left <= 0:
        return RealizedShardResult(task.index, [], [], False, "time-out before the shard started",
                                   0.0, {})
    res = realized_set(task.points, task.arch, task.cls, timeout=left, known=task.known,
                       sweep=False, fixed=dict(task.fixed), group=list(task.stabilizer))
    from verify.nets.vectorized import ScaledPoints

    scaled = ScaledPoints.of(task.points)
    out: dict[int, ReLUNet] = {}
    for g, neg in task.transversal:
        for bits, net in res.witnesses.items():
            b = transform_labels(int(bits), g, neg)
            w = transform_net(net, g, neg) if (g.image != tuple(range(len(g.image))) or neg) \
                else net
            if b in out or not realizes_bits(w, task.points, b, scaled):
                from verify.errors import SolverError

                raise SolverError(f"internal error: shard {task.index}: the transformed "
                                  f"witness for {b} failed the exact re-check")
            out[b] = w
    order = sorted(out)
    stats: dict[str, Any] = {k: res.provenance[k] for k in
                             ("solver_models", "from_symmetry", "known", "final")
                             if k in res.provenance}
    stats["realized_at_prefix"] = res.count
    return RealizedShardResult(task.index, order, [out[b] for b in order], res.complete,
                               res.reason, round(time.perf_counter() - start, 6), stats)


def shard_estimate(plan: PrefixPlan, seeds: Iterable[int]) -> list[int]:
    """Seeds per shard (labelings known realizable whose prefix lies in its orbit).

    A proxy for a shard's size, used only to start large shards first.

    >>> from verify.geometry.pointsets import as_points
    >>> pts = as_points("cube:2")
    >>> plan = plan_prefix_shards(pts, symmetry_group(pts, "real"), key_points=[0])
    >>> shard_estimate(plan, [0, 1, 3])
    [3]
    """
    counts = [0] * len(plan.shards)
    for b in seeds:
        where = plan.locate(int(b))
        if where is not None:
            counts[where[0]] += 1
    return counts


def balanced_order(estimates: Sequence[int]) -> list[int]:
    """Shard indices, largest estimate first (ties: smaller index first).

    >>> balanced_order([1, 5, 5, 0])
    [1, 2, 0, 3]
    """
    return sorted(range(len(estimates)), key=lambda i: (-estimates[i], i))


def check_shard_result(plan: PrefixPlan, result: RealizedShardResult) -> None:
    """The structural guard of a shard's result (nothing counted twice, nothing foreign).

    Labelings strictly increasing, one witness each, every prefix in the shard's
    orbit; a result of another code version is refused.
    """
    require_code_version(result.version, worker=False)
    shard = plan.shards[result.index]
    orbit = set(shard.orbit)
    mask = plan.key_mask
    labs = result.labelings
    if len(labs) != len(result.witnesses):
        raise InvalidArgument(f"shard {result.index}: labelings and witnesses differ in number")
    for a, b in itertools.pairwise(labs):
        if not a < b:
            raise InvalidArgument(f"shard {result.index}: labelings not strictly increasing")
    if any(int(b) & mask not in orbit for b in labs):
        raise InvalidArgument(f"shard {result.index}: a labeling outside the shard")



@dataclass(frozen=True)
class HalfspaceShardTask:
    """One range of top-level candidate subsets of the flat recursion
    (:func:`verify.geometry.dichotomies.iter_halfspace_dichotomies` with ``candidates``)."""

    index: int
    points: tuple[Point, ...]
    homogeneous: bool
    start: int
    stop: int
    deadline: float | None = None
    version: str = field(default_factory=code_version)


@dataclass
class HalfspaceShardResult:
    """The sorted distinct dichotomies given by the shard's flats (parts may overlap)."""

    index: int
    labelings: Any  # sorted numpy array
    complete: bool
    reason: str | None
    seconds: float
    version: str = field(default_factory=code_version)


def halfspace_ranges(top: int, target: int) -> list[tuple[int, int]]:
    """``min(target, top)`` consecutive ranges of nearly equal size covering ``0..top − 1``.

    >>> halfspace_ranges(10, 3), halfspace_ranges(2, 8), halfspace_ranges(0, 4)
    ([(0, 3), (3, 6), (6, 10)], [(0, 1), (1, 2)], [(0, 0)])
    """
    parts = max(1, min(target, top))
    cuts = [top * k // parts for k in range(parts + 1)]
    return list(itertools.pairwise(cuts))


def run_halfspace_shard(task: HalfspaceShardTask) -> HalfspaceShardResult:
    """The dichotomies of one candidate range (runs on a worker or in this process).

    >>> from verify.geometry.pointsets import as_points
    >>> r = run_halfspace_shard(HalfspaceShardTask(0, as_points("cube:2"), False, 0, 4))
    >>> len(r.labelings), r.complete
    (14, True)
    """
    from verify.geometry.dichotomies import EnumerationTimeout, iter_halfspace_dichotomies

    require_code_version(task.version, worker=True)
    start = time.perf_counter()
    left = None if task.deadline is None else task.deadline - time.time()
    chunks: list[np.ndarray] = []
    complete, reason = True, None
    if left is not None and left <= 0:
        complete, reason = False, "time-out before the shard started"
    else:
        try:
            for chunk in iter_halfspace_dichotomies(task.points, task.homogeneous, timeout=left,
                                                    candidates=(task.start, task.stop)):
                chunks.append(chunk)
        except EnumerationTimeout as exc:
            complete, reason = False, str(exc)
    dtype: Any = np.uint64 if len(task.points) <= 64 else object
    labs = np.unique(np.concatenate(chunks)) if chunks else np.zeros(0, dtype=dtype)
    return HalfspaceShardResult(task.index, labs, complete, reason,
                                round(time.perf_counter() - start, 6))
