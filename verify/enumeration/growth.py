"""Growth function, VC dimension and one-inclusion graph of a set of labelings.

For a set R of labelings of n points (bit-packed, see
:mod:`verify.enumeration.labelings`) the *growth function* is
Π(m) = max over m-subsets T of |R|_T|, the number of distinct projections of
R onto T.  The *VC dimension* is the largest m with Π(m) = 2^m (a shattered
set); by convention it is −1 when R is empty (not even the empty set is
shattered by an empty class).

Two exact back ends:

* ``n ≤ 22``: the indicator table of R over {0,1}^n is marginalised one point
  at a time (an OR over one axis), depth-first over all subsets, so each
  subset's count is a ``count_nonzero`` of its table.  Branch and bound skips
  a subtree when no subset in it can beat the best counts found so far (a
  subset's count is at most its parent's, at most 2^m and at most |R|).
* larger ``n``: for each m, the subsets are examined in lexicographic order by
  a compiled kernel (:mod:`verify.enumeration._growth_kernel`: the partition of
  R by a subset's points, refined one point at a time and shared between
  subsets with a common prefix); a size stops as soon as a subset reaches
  min(2^m, |R|), and once Π(m) = |R| every larger m has Π = |R| (a superset
  of the witness).  If more than ``max_subsets`` subsets of one size would be
  needed, the remaining entries are reported as ``None`` (unknown), never guessed.

>>> from verify.geometry.dichotomies import halfspace_dichotomies
>>> g = growth_profile(halfspace_dichotomies("cube:2"), 4)
>>> g.profile, g.vc_dimension, g.shattered_set
([1, 2, 4, 8, 14], 3, (1, 2, 3))
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from verify.bounds.vcstep import sauer_shelah_sum
from verify.display import Displayable
from verify.enumeration.labelings import _words, labeling_array
from verify.errors import InvalidArgument
from verify.jsonio import dataclass_json, json_meta
from verify.progress import progress

if TYPE_CHECKING:
    from verify.geometry.pointsets import Point
    from verify.limits import Deadline

__all__ = [
    "GrowthProfile",
    "growth_profile",
    "halfspace_growth",
    "haussler_check",
    "lift_profile",
    "one_inclusion_graph",
    "sauer_shelah",
]

TABLE_MAX_N = 22
_WORK_PER_SIZE = 20_000_000  # (subsets x labelings) examined per size at most, by default
_KERNEL_BYTES = 1 << 26  # the partitions kept by best_in_range's kernel (more are recomputed)


@dataclass(repr=False)
class GrowthProfile(Displayable):
    """``profile[m]`` = Π(m) (None if undetermined), ``witnesses[m]`` a subset attaining it.

    ``lower[m] ≤ Π(m) ≤ upper[m]`` are certified bounds (equal where determined);
    ``witnesses[m]`` attains ``lower[m]``.
    """

    n: int = field(metadata=json_meta(key="points"))
    size: int = field(metadata=json_meta(key="count"))
    lower: list[int] = field(metadata=json_meta(write=False))
    upper: list[int] = field(metadata=json_meta(write=False))
    witnesses: list[tuple[int, ...] | None]
    provenance: dict[str, Any] = field(default_factory=dict, metadata=json_meta(write=False))

    JSON_ORDER = ("points", "count", "profile", "vc_dimension", "shattered_set", "witnesses",
                  "complete", "profile_bounds", "vc_bounds")

    def _display_items(self) -> list[tuple[str, Any]]:
        lo, hi = self.vc_bounds
        return [("n", self.n), ("count", self.size),
                ("vc_dimension", lo if lo == hi else f"{lo}..{hi}"),
                ("shattered_set", self.shattered_set), ("profile", self.profile),
                ("complete", self.complete)]

    def _display_table(self) -> Any:
        from verify.tables import Table

        return Table(f"Growth function of {self.size} labelings of {self.n} points",
                     ["m", "Π(m)", "lower", "upper", "witness subset"],
                     [[m, self.profile[m], self.lower[m], self.upper[m],
                       None if self.witnesses[m] is None else str(list(self.witnesses[m] or ()))]
                      for m in range(self.n + 1)])

    @property
    def profile(self) -> list[int | None]:
        return [lo if lo == hi else None for lo, hi in zip(self.lower, self.upper, strict=True)]

    @property
    def complete(self) -> bool:
        return self.lower == self.upper

    @property
    def vc_bounds(self) -> tuple[int, int]:
        """Certified (lowest, highest) possible VC dimension (−1 for an empty class)."""
        lo = max((m for m, v in enumerate(self.lower) if v == 2**m), default=-1)
        hi = next((m - 1 for m, v in enumerate(self.upper) if v < 2**m), self.n)
        return lo, hi

    @property
    def vc_dimension(self) -> int:
        """The VC dimension (−1 for an empty class).

        Raises InvalidArgument when it is not determined (only possible beyond
        22 points with ``max_subsets`` limiting the search); see :attr:`vc_bounds`.
        """
        lo, hi = self.vc_bounds
        if lo != hi:
            raise InvalidArgument(
                f"the VC dimension is not determined: between {lo} and {hi} "
                "(examine more subsets with a larger max_subsets)"
            )
        return lo

    @property
    def shattered_set(self) -> tuple[int, ...] | None:
        d = self.vc_bounds[0]
        return None if d < 0 else self.witnesses[d]

    def json_extra(self) -> dict[str, Any]:
        lo, hi = self.vc_bounds
        return {"profile": self.profile, "vc_dimension": lo if lo == hi else None,
                "shattered_set": self.shattered_set, "complete": self.complete,
                "profile_bounds": list(zip(self.lower, self.upper, strict=True)),
                "vc_bounds": self.vc_bounds}

    def to_json(self) -> dict[str, Any]:
        return dataclass_json(self)


def sauer_shelah(m: int, d: int) -> int:
    """Sauer–Shelah: a class of VC dimension d has Π(m) ≤ Σ_{i ≤ d} C(m, i).

    Examples
    --------
    >>> [sauer_shelah(m, 2) for m in range(5)]
    [1, 2, 4, 7, 11]
    """
    if d < 0:
        return 0
    return sauer_shelah_sum(m, d)


def growth_profile(
    labels: Any, n: int | None = None, max_subsets: int = 200_000, *,
    max_work: int = _WORK_PER_SIZE, best_of: BestOf | None = None,
) -> GrowthProfile:
    """Π(m) for m = 0..n with a witness subset for each, exactly.

    Parameters
    ----------
    labels : array of labelings (any order; duplicates allowed), or a realized set
        (any object with ``labelings`` and ``n``, e.g. from
        :func:`verify.enumeration.realized_labelings`; then ``n`` is its own)
    n : int
        Number of points (taken from a realized set when omitted).
    max_subsets : int
        For n > 22, the largest number of subsets examined for one size.
    max_work : int
        For n > 22, at most this many (subsets × labelings) examined for one size
        (default 2·10^7).
    best_of : callable, optional
        For n > 22, how the subsets of one size are examined (default: in this
        process; :func:`verify.enumeration.sharded.sharded_growth_profile` passes
        one that runs ranges of subsets as shards).  The answer is the same.

    Examples
    --------
    >>> growth_profile(np.array([0, 1, 2], dtype=np.uint64), 2).profile
    [1, 2, 3]
    >>> growth_profile(np.zeros(0, dtype=np.uint64), 2).vc_dimension
    -1
    """
    if hasattr(labels, "labelings") and hasattr(labels, "n"):
        if n is not None and n != labels.n:
            raise InvalidArgument(f"n = {n} but the realized set has {labels.n} points")
        labels, n = labels.labelings, labels.n
    if n is None:
        raise InvalidArgument("growth_profile needs n (the number of points) for an array")
    arr = labeling_array(labels.tolist() if isinstance(labels, np.ndarray) else labels, n)
    size = len(arr)
    if size == 0:
        zeros = [0] * (n + 1)
        return GrowthProfile(n, 0, zeros, list(zeros), [tuple(range(m)) for m in range(n + 1)],
                             {"method": "empty class"})
    if n <= TABLE_MAX_N:
        prof, wit = _table_profile(arr, n)
        return GrowthProfile(n, size, prof, list(prof), wit,
                             {"method": "indicator-table marginalisation"})
    lower, upper, wit = _batch_profile(arr, n, max_subsets, max_work,
                                       best_of or _best_over_subsets)
    prov: dict[str, Any] = {"method": "masked batches with early exits",
                            "max_subsets": max_subsets}
    if max_work != _WORK_PER_SIZE:
        prov["max_work"] = max_work
    return GrowthProfile(n, size, lower, upper, wit, prov)


def lift_profile(g: GrowthProfile, kept: Sequence[int], n: int) -> GrowthProfile:
    """The growth profile on n points of a class that labels strictly only the points ``kept``.

    ``g`` is the profile of the class's labelings of the points ``kept`` (indices
    into the n points, increasing; ``g.n == len(kept)``).  A subset containing
    any other point has no labeling (e.g. the origin for homogeneous
    halfspaces), so Π(m) is ``g``'s for m ≤ |kept| (a best subset avoids the
    other points) and 0 beyond; witnesses are mapped back to the n points.  The
    ``count`` is 0 when a point is left out (no labeling of all n points).

    >>> g = growth_profile(np.array([0, 1, 2, 3], dtype=np.uint64), 2)
    >>> h = lift_profile(g, (0, 2), 3)
    >>> h.profile, h.vc_dimension, h.shattered_set, h.size, h.witnesses[3]
    ([1, 2, 4, 0], 2, (0, 2), 0, (0, 1, 2))
    """
    k = len(kept)
    if g.n != k or any(not 0 <= i < n for i in kept) or list(kept) != sorted(set(kept)):
        raise InvalidArgument(f"lift_profile: {k} increasing indices below {n} are needed "
                              f"for a profile of {g.n} points")
    pad = [0] * (n - k)
    wit: list[tuple[int, ...] | None] = [
        None if w is None else tuple(kept[i] for i in w) for w in g.witnesses]
    wit += [tuple(range(m)) for m in range(k + 1, n + 1)]
    prov = dict(g.provenance, labelled_points=list(kept))
    return GrowthProfile(n, g.size if k == n else 0, list(g.lower) + pad,
                         list(g.upper) + pad, wit, prov)


def _table_profile(arr: np.ndarray, n: int) -> tuple[list[int], list[tuple[int, ...] | None]]:
    table = np.zeros(1 << n, dtype=bool)
    table[arr.astype(np.int64)] = True
    size = len(arr)
    caps = [min(1 << m, size) for m in range(n + 1)]
    best = [0] * (n + 1)
    wit: list[tuple[int, ...] | None] = [None] * (n + 1)
    best[n], wit[n] = size, tuple(range(n))

    def visit(tab: np.ndarray, kept: list[int], last_removed: int) -> None:
        k = len(kept)
        count = int(np.count_nonzero(tab))
        if count > best[k] or wit[k] is None:
            best[k], wit[k] = count, tuple(kept)
        positions = [p for p in range(k) if kept[p] > last_removed]
        if not positions:
            return
        smallest = k - len(positions)
        if all(min(count, caps[s]) <= best[s] for s in range(smallest, k)):
            return
        for p in positions:
            child = tab.reshape(1 << (k - 1 - p), 2, 1 << p).any(axis=1).reshape(-1)
            visit(child, kept[:p] + kept[p + 1 :], kept[p])

    visit(table, list(range(n)), -1)
    return list(best), wit


BestOf = Callable[[np.ndarray, int, int, int, int], tuple[int, tuple[int, ...], bool]]
"""``best(words, n, m, cap, limit)``: (max count, first subset attaining it, exhaustive) over
the first ``limit`` m-subsets in lexicographic order (see :func:`_best_over_subsets`)."""


def _best_over_subsets(
    words: np.ndarray, n: int, m: int, cap: int, limit: int
) -> tuple[int, tuple[int, ...], bool]:
    """Max distinct projections over the first ``limit`` m-subsets; True if that max is Π(m)
    (every subset seen, or the cap min(2^m, |R|) reached).  The subset returned is the
    first one, in lexicographic order, attaining the max."""
    best, best_t = best_in_range(words, n, m, cap, 0, limit)
    return best, best_t, limit >= math.comb(n, m) or best >= cap


def best_in_range(
    words: np.ndarray, n: int, m: int, cap: int, start: int, stop: int
) -> tuple[int, tuple[int, ...]]:
    """Max distinct projections over the m-subsets of lexicographic ranks start..stop − 1,
    and the first subset attaining it; stops early once ``cap`` is reached.

    ``words`` are the labelings as little-endian 64-bit words (one row each;
    several past 64 points).  The subsets are generated in the compiled kernel
    (:func:`verify.enumeration._growth_kernel.best_of_range`) from the first
    one, in calls of at most 4·10^6 (subset, labeling) pairs; each subset's
    count of distinct projections is exact (integers only).  ``cap`` must be
    at least every count (min(2^m, |R|)).  Ranges of one size may be examined
    separately (shards): the max over their union is the max of their maxima,
    attained first in the first range that attains it.  Memory: 3 + d int64
    rows of |R| for the partitions (d ≤ m − 1 levels kept, as many as fit in
    64 MiB; deeper ones are recomputed) and 4 int64 per labeling for the stamps.

    >>> w = np.array([[0], [1], [2], [4]], dtype=np.uint64)
    >>> best_in_range(w, 3, 2, 4, 0, 3), best_in_range(w, 3, 2, 4, 1, 3)
    ((3, (0, 1)), (3, (0, 2)))
    """
    from verify.enumeration import _growth_kernel as kern
    from verify.geometry.dichotomies import combinations_from

    if words.ndim != 2 or words.dtype != np.uint64 or 64 * words.shape[1] < n or not 0 <= m <= n:
        # the kernel reads bit p of a row in word p // 64 without bounds checks
        raise InvalidArgument(f"best_in_range: {m}-subsets of {n} points need rows of "
                              f"{max(1, (n + 63) // 64)} uint64 words, got an array "
                              f"{words.dtype} {words.shape}")
    size = words.shape[0]
    total = math.comb(n, m)
    stop = min(stop, total)
    best, best_t = -1, tuple(range(m))
    if start >= stop:
        return best, best_t
    w = np.ascontiguousarray(words)
    combo = np.array(next(combinations_from(n, m, start, stop)), dtype=np.int64)
    best_combo = np.zeros(m, dtype=np.int64)
    depth = max(0, min(m - 1, _KERNEL_BYTES // (8 * max(1, size)) - 3))  # levels kept
    ids = np.zeros((depth + 3, size), dtype=np.int64)
    stamp = np.zeros(2 * size + 1, dtype=np.int64)
    remap = np.zeros(2 * size, dtype=np.int64)
    step = max(1, 4_000_000 // max(1, size))  # subsets per call: Ctrl-C is seen between calls
    todo = stop - start
    while todo > 0:
        piece = min(step, todo)
        found, seen = kern.best_of_range(w, n, combo, piece, cap, best, best_combo, ids, stamp,
                                         remap)
        if found > best:
            best, best_t = int(found), tuple(int(v) for v in best_combo)
        todo -= piece
        if best >= cap or seen < piece:
            return best, best_t
    return best, best_t


def _count_subset(arr: np.ndarray, subset: tuple[int, ...]) -> int:
    mask = sum(1 << i for i in subset)
    if arr.dtype != object:
        return len(np.unique(arr & np.uint64(mask)))
    return len({int(v) & mask for v in arr.tolist()})


def _batch_profile(
    arr: np.ndarray, n: int, max_subsets: int, max_work: int = _WORK_PER_SIZE,
    best_of: BestOf = _best_over_subsets,
) -> tuple[list[int], list[int], list[tuple[int, ...] | None]]:
    """Certified bounds lower[m] <= Pi(m) <= upper[m], exact where all subsets were examined."""
    size = len(arr)
    lower = [0] * (n + 1)
    upper = [min(1 << m, size) for m in range(n + 1)]
    wit: list[tuple[int, ...] | None] = [None] * (n + 1)
    lower[0], upper[0], wit[0] = 1, 1, ()
    words = _words(arr, n)
    with progress(n, f"growth profile of {size} labelings") as bar:
        for m in range(1, n + 1):
            bar.advance()
            w = wit[m - 1]
            if lower[m - 1] == size and w is not None:
                # a superset of a subset on which R is injective keeps R injective
                extra = next(i for i in range(n) if i not in w)
                lower[m] = upper[m] = size
                wit[m] = tuple(sorted((*w, extra)))
                continue
            cap = min(1 << m, size)
            # one (subset, labeling) pair costs the kernel the same for labelings of one
            # word or several (benchmarks/bench_growth_words.py: 2 and 3 words against 1,
            # ratios 0.87-1.05 at m = 4 to 24), not m times more (the numpy code before the
            # kernel gathered the m bits in m passes)
            limit = max(1, min(max_subsets, max_work // size))
            best, best_t, exhaustive = best_of(words, n, m, cap, limit)
            lower[m], wit[m] = best, best_t
            if exhaustive:
                upper[m] = best
    # lower bounds: a witness plus one point has at least the witness's count
    for m in range(1, n + 1):
        prev = wit[m - 1]
        if lower[m - 1] > lower[m] and prev is not None:
            extra = next(i for i in range(n) if i not in prev)
            t = tuple(sorted((*prev, extra)))
            lower[m], wit[m] = _count_subset(arr, t), t
    # upper bounds: Pi is non-decreasing, Pi(m) <= 2 Pi(m - 1), Sauer-Shelah once VC <= d
    for _ in range(n + 2):
        changed = False
        d_hi = next((k - 1 for k, v in enumerate(upper) if v < 2**k), n)
        for m in range(1, n + 1):
            new_hi = min(upper[m], 2 * upper[m - 1], sauer_shelah(m, d_hi))
            if m < n:
                new_hi = min(new_hi, upper[m + 1])
            if new_hi != upper[m]:
                changed = True
                upper[m] = new_hi
        if not changed:
            break
    assert all(lo <= hi for lo, hi in zip(lower, upper, strict=True))
    return lower, upper, wit


def one_inclusion_graph(labels: np.ndarray, n: int) -> nx.Graph:
    """Vertices: the labelings; edges: pairs at Hamming distance 1.

    Examples
    --------
    >>> g = one_inclusion_graph(np.array([0, 1, 3], dtype=np.uint64), 2)
    >>> sorted(g.edges())
    [(0, 1), (1, 3)]
    """
    arr = labeling_array(labels.tolist(), n)
    vals = [int(v) for v in arr.tolist()]
    present = set(vals)
    g = nx.Graph()
    g.add_nodes_from(vals)
    for i in range(n):
        bit = 1 << i
        g.add_edges_from((v, v | bit) for v in vals if not v & bit and (v | bit) in present)
    return g


def haussler_check(labels: np.ndarray, n: int, vc_dimension: int | None = None) -> dict[str, Any]:
    """Haussler's density bound: the one-inclusion graph has edges ≤ d_VC · vertices.

    Examples
    --------
    >>> haussler_check(np.array([0, 1, 2, 3], dtype=np.uint64), 2)
    {'vertices': 4, 'edges': 4, 'vc_dimension': 2, 'holds': True}
    """
    g = one_inclusion_graph(labels, n)
    d = vc_dimension if vc_dimension is not None else growth_profile(labels, n).vc_dimension
    if d is None:
        raise InvalidArgument("haussler_check: the VC dimension is unknown")
    e, v = g.number_of_edges(), g.number_of_nodes()
    return {"vertices": v, "edges": e, "vc_dimension": d, "holds": e <= max(d, 0) * v}


def halfspace_growth(
    points: Any,
    homogeneous: bool = False,
    *,
    max_subsets: int = 20_000,
    local_search: int = 500,
    timeout: object = None,
) -> GrowthProfile:
    """Π(m) of halfspaces on ``points`` from chamber counts of subsets (no labelings listed).

    Π(m) is the largest number of halfspace dichotomies of an m-subset, i.e. the
    largest chamber count (:func:`verify.geometry.chambers.chamber_count`) of
    the subset's arrangement.  Certified bounds for every m:

    * lower: the exact count of a subset (the witness) — all m-subsets when
      there are at most ``max_subsets`` of them (one per orbit of the point
      set's symmetries is counted), else the best extension of the (m−1)-witness
      by one point, improved by swapping one point in and one out (at most
      ``local_search`` counts per size);
    * upper: Cover's bound ``C(m, d + 1)`` (``C(m, d)`` homogeneous; reached
      exactly by subsets in general position), ``2^m``, ``Π(m) ≤ 2 Π(m − 1)`` and
      ``Π(m) ≤ Π(m + 1)``, with Π(n) the count of the whole set.

    Π(m) is exact where the bounds meet (``profile[m]`` is None elsewhere).

    Examples
    --------
    >>> g = halfspace_growth("grid:3:2")
    >>> g.profile, g.vc_dimension
    ([1, 2, 4, 8, 14, 22, 32, 40, 50, 58], 3)
    """
    from verify.geometry.dichotomies import cover_count
    from verify.geometry.pointsets import as_points
    from verify.limits import Deadline

    pts = as_points(points)
    n, dim = len(pts), len(pts[0])
    deadline = Deadline(timeout)
    cap = dim if homogeneous else dim + 1
    chambers = _SubsetChambers(pts, homogeneous, deadline)
    lower = [0] * (n + 1)
    upper = [min(2**m, cover_count(m, cap)) for m in range(n + 1)]
    wit: list[tuple[int, ...] | None] = [None] * (n + 1)
    lower[0], upper[0], wit[0] = 1, 1, ()
    full = chambers.count(tuple(range(n)))
    lower[n] = upper[n] = full
    wit[n] = tuple(range(n))
    exhaustive = [False] * (n + 1)
    with progress(n, "growth function from chamber counts") as bar:
        for m in range(1, n):
            bar.advance()
            if deadline.expired():
                break
            if math.comb(n, m) <= max_subsets:
                lower[m], wit[m] = _best_of_all(chambers, m)
                exhaustive[m] = True
                continue
            best, best_t = _best_extension(chambers, wit[m - 1] or (), upper[m])
            lower[m], wit[m] = _swap_search(chambers, best, best_t, upper[m], local_search)
    for m in range(n + 1):
        if exhaustive[m]:
            upper[m] = lower[m]
    # Π(m) ≤ Π(m + 1) needs an (m + 1)-subset of points that some halfspace labels
    # strictly: every point but the origin for halfspaces through it (f(0) = 0)
    _tighten_upper(upper, n - sum(1 for p in pts if not any(p)) if homogeneous else n)
    for m in range(n + 1):
        if wit[m] is None:  # not reached before the time-out
            lower[m] = 0
    assert all(lo <= hi for lo, hi in zip(lower, upper, strict=True))
    prov = {"method": "chamber counts of subsets (characteristic polynomial)",
            "max_subsets": max_subsets, "exhaustive_sizes": [m for m in range(n + 1)
                                                               if exhaustive[m]]}
    return GrowthProfile(n, full, lower, upper, wit, prov)


class _SubsetChambers:
    """Chamber counts (halfspace dichotomies) of subsets of one point set, by index.

    ``canonical(sub)``: is ``sub`` the least of its images under the point set's
    symmetries (at most 64 of them; none for homogeneous halfspaces or repeated
    points)?  Counting only canonical subsets gives the same maximum.

    >>> from verify.geometry.pointsets import as_points
    >>> ch = _SubsetChambers(as_points("cube:2"), False)
    >>> ch.count(()), ch.count((0, 3)), ch.count((0, 1, 2, 3))
    (1, 4, 14)
    >>> ch.canonical((0, 1)), ch.canonical((2, 3))
    (True, False)
    """

    def __init__(self, pts: Sequence[Point], homogeneous: bool, deadline: Deadline | None = None):
        from verify.geometry.chambers import point_symmetry_group

        self.pts, self.homogeneous, self.n = pts, homogeneous, len(pts)
        group = None
        if not homogeneous and len(set(pts)) == self.n and self.n > 1:
            group = point_symmetry_group(pts, deadline=deadline)  # None past the deadline
        self.elems = [] if group is None else [tuple(int(v) for v in g) for g in group[1:65]]

    def count(self, sub: tuple[int, ...]) -> int:
        """The number of halfspace dichotomies of the points ``sub`` (1 for none)."""
        from verify.geometry.chambers import chamber_count

        if not sub:
            return 1
        return chamber_count([self.pts[i] for i in sub], self.homogeneous, symmetry=False)

    def canonical(self, sub: tuple[int, ...]) -> bool:
        """Is the sorted ``sub`` the least of its images under the symmetries kept?"""
        return all(tuple(sorted(g[i] for i in sub)) >= sub for g in self.elems)


def _best_of_all(chambers: _SubsetChambers, m: int) -> tuple[int, tuple[int, ...] | None]:
    """The largest count of an m-subset and the first subset that has it (all subsets,
    one per symmetry orbit).

    >>> from verify.geometry.pointsets import as_points
    >>> _best_of_all(_SubsetChambers(as_points("cube:2"), False), 3)
    (8, (0, 1, 2))
    """
    best, best_t = -1, None
    for sub in itertools.combinations(range(chambers.n), m):
        if chambers.elems and not chambers.canonical(sub):
            continue
        c = chambers.count(sub)
        if c > best:
            best, best_t = c, sub
    return best, best_t


def _best_extension(
    chambers: _SubsetChambers, prev: tuple[int, ...], cap: int
) -> tuple[int, tuple[int, ...] | None]:
    """The best subset ``prev`` plus one point (stopping at the first that reaches ``cap``).

    >>> from verify.geometry.pointsets import as_points
    >>> _best_extension(_SubsetChambers(as_points("cube:2"), False), (0, 1), 8)
    (8, (0, 1, 2))
    """
    best, best_t = -1, None
    for extra in range(chambers.n):
        if extra in prev:
            continue
        sub = tuple(sorted((*prev, extra)))
        c = chambers.count(sub)
        if c > best:
            best, best_t = c, sub
        if best >= cap:
            break
    return best, best_t


def _swap_search(
    chambers: _SubsetChambers, best: int, best_t: tuple[int, ...] | None, cap: int,
    budget: int,
) -> tuple[int, tuple[int, ...] | None]:
    """Swap one point in for one point out while the count grows and stays below ``cap``.

    At most ``budget`` counts; returns the best count and its subset (``best_t``
    unchanged when no swap helps).

    >>> from verify.geometry.pointsets import as_points
    >>> _swap_search(_SubsetChambers(as_points("grid:3:2"), False), 6, (0, 1, 2), 8, 10)  # a line
    (8, (1, 2, 3))
    """
    improved = best < cap
    while improved and budget > 0 and best_t is not None:
        improved = False
        inside = set(best_t)
        for out_p, in_p in itertools.product(best_t, range(chambers.n)):
            if in_p in inside or budget <= 0:
                continue
            budget -= 1
            sub = tuple(sorted((*(i for i in best_t if i != out_p), in_p)))
            c = chambers.count(sub)
            if c > best:
                best, best_t, improved = c, sub, best < cap
                break
    return best, best_t


def _tighten_upper(upper: list[int], free: int | None = None) -> None:
    """Lower ``upper`` in place to a fixed point of Π(m) ≤ 2 Π(m − 1) and Π(m) ≤ Π(m + 1).

    The second only up to m + 1 = ``free`` (default: every m), the number of points
    a halfspace of the class labels strictly: a larger subset contains a point that
    no halfspace labels (the origin, homogeneous), and its count may drop to 0.

    >>> u = [1, 2, 4, 8, 16, 14]
    >>> _tighten_upper(u); u
    [1, 2, 4, 8, 14, 14]
    >>> u = [1, 2, 4, 8, 16, 0]
    >>> _tighten_upper(u, free=4); u
    [1, 2, 4, 8, 16, 0]
    """
    n = len(upper) - 1
    free = n if free is None else free
    for _ in range(n + 2):
        changed = False
        for m in range(1, n + 1):
            hi = min(upper[m], 2 * upper[m - 1], upper[m + 1] if m < free else upper[m])
            if hi != upper[m]:
                upper[m], changed = hi, True
        if not changed:
            break
