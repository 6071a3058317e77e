"""The sharded driver: a realized set computed shard by shard, serially or on Dask.

:func:`sharded_realized_set` plans the prefix shards of
:mod:`verify.enumeration.shards`, hands them to an engine
(:mod:`verify.enumeration.engine`: this process, a Dask ``LocalCluster`` of
``workers`` processes, or an existing cluster), and merges the results as they
complete.  The answer does not depend on the number of workers or on the order
shards finish in: shards are disjoint by construction (checked again on
receipt), and the merged set is assembled in shard order.  Its labelings,
count, growth profile and digest are those of the serial run
(:func:`verify.enumeration.realized.realized_labelings`).

Storage and resumption (the store of :mod:`verify.enumeration.store`, with its
integrity rules): each shard is a run of its own, keyed by the question, the
plan and the shard's index; its labelings and witnesses are written as soon as
its result arrives, and a completed shard records its count and digest.  A run
that is killed or interrupted (Ctrl-C), or that times out, keeps every
finished shard; the next run re-checks them (every witness exactly, count and
digest reproduced) and computes only the others.  When every shard is done the
whole answer is also recorded as the question's own run, so later serial runs
read it from the store.

>>> import tempfile
>>> r = sharded_realized_set("cube:2", "2-1-1", workers=1, cache_dir=tempfile.mkdtemp())
>>> r.count, r.complete, r.provenance["shards"]
(14, True, 4)
"""

from __future__ import annotations

import hashlib
import itertools
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from verify.encodings.classes import parse_class
from verify.encodings.result import RealizedSet
from verify.enumeration.engine import Engine, make_engine, wall_clock
from verify.enumeration.labelings import labeling_array
from verify.enumeration.realized import kernel_seeds, network_class, record_whole_run
from verify.enumeration.shards import (
    HalfspaceShardTask,
    PrefixPlan,
    RealizedShardResult,
    RealizedShardTask,
    check_shard_result,
    code_version,
    plan_prefix_shards,
    require_code_version,
    run_realized_shard,
    shard_estimate,
    symmetry_group,
)
from verify.enumeration.store import RealizedStore, opened_store
from verify.errors import InvalidArgument
from verify.geometry.pointsets import Point, PointSet, as_points
from verify.limits import Deadline, current_max_memory
from verify.nets.network import ReLUNet, format_architecture, parse_architecture
from verify.progress import progress

__all__ = ["shardable", "sharded_growth_profile", "sharded_halfspace_set",
           "sharded_realized_set"]

_SHARD_ENGINE = "prefix shard 1"
"""Identifies the shard computation in the store's completion records."""

_GRACE = 5.0  # seconds the driver waits past the deadline for the workers' partial results


def sharded_realized_set(
    points: PointSet | Sequence[Sequence[object]] | str,
    arch: str,
    cls: str = "real",
    *,
    workers: object = None,
    client: Any = None,
    scheduler: str | None = None,
    shards: int | None = None,
    cache_dir: str | None = None,
    use_cache: bool = True,
    timeout: object = None,
    symmetries: bool = True,
    seed_q: int | None = None,
    runner: Callable[[RealizedShardTask], RealizedShardResult] | None = None,
    on_note: Callable[[str], None] | None = None,
    engine: Engine | None = None,
    on_found: Callable[[int, ReLUNet], None] | None = None,
) -> RealizedSet:
    """Every labeling realized by ``arch`` networks of class ``cls``, computed in shards.

    Parameters
    ----------
    points, arch, cls
        As in :func:`verify.enumeration.realized.realized_labelings`: one hidden
        layer (``m-h-1``, ``m-1``), chains ``m-h-1-…-1``, class ``real`` or
        ``int:Q`` (then by the SAT encoding, shard by shard).
    workers : int or "auto", optional
        A Dask ``LocalCluster`` of this many worker processes (``auto``: one per
        core); 1, or Dask not installed: the shards run in this process.
    client : distributed.Client, optional
        Run on this client's cluster.
    scheduler : str, optional
        Address of an existing Dask scheduler (``tcp://HOST:8786``); default
        ``$DASK_SCHEDULER_ADDRESS`` when neither ``workers`` nor ``client`` is given.
    shards : int, optional
        About how many shards to aim at (default grows with the number of
        points, :func:`verify.enumeration.shards.default_target`); the plan, and
        so what a later run resumes, depends on it, never on the workers.
    cache_dir, use_cache
        The store (see the module docstring).
    timeout : seconds, optional
        For the whole run; shards not finished by then leave the set incomplete
        (every labeling listed is realizable, the others unknown).
    symmetries : bool
        Use the point set's symmetries and label negation (sound; faster).
    seed_q : int, optional
        Seed with the ``int:seed_q`` kernel's witnesses (one hidden layer, class
        real; 0: none; default as the serial run).
    runner : callable, optional
        The function run on each shard (default :func:`run_realized_shard`).
    on_note : callable(str), optional
        Receives a note when the request could not be honoured as asked (Dask
        not installed: serial).
    engine : Engine, optional
        Run on this engine (:mod:`verify.enumeration.engine`) instead of one made
        from ``workers``, ``client`` and ``scheduler``; it is not closed here.
    on_found : callable(bits, net), optional
        Called for every labeling of a shard's result as it arrives (after it is
        stored), not for shards read back from the store.

    Returns
    -------
    RealizedSet
        Provenance adds ``method`` ``"sharded"``, ``engine``, ``shards``,
        ``shards_from_store``, ``plan`` (key points, group order, screening),
        ``shard_seconds`` (min, median, max), ``driver_seconds`` and ``workers``.

    Examples
    --------
    >>> r = sharded_realized_set("grid:3:2", "2-2-1", workers=1, use_cache=False)
    >>> r.count, r.provenance["shards"], r.provenance["shards_computed"]
    (360, 6, 6)
    >>> sharded_realized_set("cube:2", "2-2-2-1", workers=1, use_cache=False)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: shards need one hidden layer ... 2-2-2-1 runs without --workers
    """
    start = time.perf_counter()
    pts = as_points(points)
    deadline = Deadline(timeout)
    widths, arch_text, kind, _q, cls_text = network_class(pts, arch, cls)
    _check_shardable(widths, kind)
    key = RealizedStore.run_key(pts, arch_text, cls_text)
    with opened_store(cache_dir, use_cache) as store:
        if store is not None:
            cached = _whole_run_from_store(store, key, pts, widths)
            if cached is not None:
                return cached
        group = symmetry_group(pts, kind, symmetries)
        plan = _plan(pts, arch_text, cls_text, group, shards, deadline)
        seeds = _seeds(pts, widths, arch_text, kind, plan, seed_q)
        t_plan = time.perf_counter() - start
        driver = _Driver(pts, arch_text, cls_text, plan, store, key, deadline, on_found)
        t_run = _run_pending(driver, seeds, runner or run_realized_shard, engine,
                             workers=workers, client=client, scheduler=scheduler,
                             on_note=on_note)
        return driver.finish(t_plan, t_run, time.perf_counter() - start)


def _run_pending(
    driver: _Driver, seeds: dict[int, list[tuple[int, ReLUNet]]],
    runner: Callable[[RealizedShardTask], RealizedShardResult], engine: Engine | None, *,
    workers: object, client: Any, scheduler: str | None,
    on_note: Callable[[str], None] | None,
) -> float:
    """Resume ``driver`` from its store, then run the shards still to do, each with its
    seeds (:func:`_run_on_engine`); the seconds the shards took."""
    driver.resume()
    tasks, priorities = driver.pending(seeds)
    t_run = time.perf_counter()
    if tasks:
        _run_on_engine(driver, runner, tasks, priorities, engine,
                       workers=workers, client=client, scheduler=scheduler, on_note=on_note)
    return time.perf_counter() - t_run


def _run_on_engine(
    driver: _Driver, runner: Callable[[RealizedShardTask], RealizedShardResult],
    tasks: list[RealizedShardTask], priorities: list[int], engine: Engine | None, *,
    workers: object, client: Any, scheduler: str | None,
    on_note: Callable[[str], None] | None,
) -> None:
    """Run ``tasks`` through ``driver`` on ``engine``, or on an engine made here.

    An engine made here (from ``workers``, ``client`` and ``scheduler``; a note
    to ``on_note`` when the request could not be honoured) is closed afterwards,
    also on an interruption; a given ``engine`` is left open.
    """
    own: Engine | None = None
    try:
        if engine is None:
            own, note = make_engine(workers, client, scheduler,
                                    memory_limit=_per_worker_memory(workers))
            if note and on_note is not None:
                on_note(note)
        eng = engine if engine is not None else own
        assert eng is not None
        driver.engine_name = eng.describe()
        driver.workers = eng.workers
        driver.run(eng, runner, tasks, priorities)
    finally:
        if own is not None:
            own.close()


def seeds_bits(seeds: dict[int, list[tuple[int, ReLUNet]]]) -> list[int]:
    """The labelings of every shard's seeds, in one list.

    >>> seeds_bits({0: [(3, None)], 1: [], 2: [(5, None), (6, None)]})
    [3, 5, 6]
    """
    return [b for items in seeds.values() for b, _ in items]


def _seconds_summary(secs: list[float], total: bool = True) -> dict[str, float] | None:
    """min, median, max (and the total) of the sorted shard times ``secs``; None for none.

    >>> _seconds_summary([0.5, 1.0, 4.0])
    {'min': 0.5, 'median': 1.0, 'max': 4.0, 'total': 5.5}
    >>> _seconds_summary([], total=False) is None
    True
    """
    if not secs:
        return None
    out = {"min": secs[0], "median": statistics.median(secs), "max": secs[-1]}
    if total:
        out["total"] = round(sum(secs), 6)
    return out


def shardable(arch: str, cls: str = "real") -> bool:
    """Can this class be computed in shards?  Halfspaces, one hidden layer, ``m-h-1-…-1``.

    >>> shardable("2-2-1"), shardable("halfspaces"), shardable("2-2-2-1"), shardable("x")
    (True, True, False, False)
    """
    if arch.strip() in ("halfspaces", "halfspace"):
        return True
    try:
        widths = parse_architecture(arch)
        kind, _ = parse_class(cls)
        _check_shardable(widths, kind)
    except InvalidArgument:
        return False
    return True


def _check_shardable(widths: tuple[int, ...], kind: str) -> None:
    from verify.encodings.chain import is_chain

    if len(widths) <= 3 or (kind == "real" and is_chain(widths)):
        return
    raise InvalidArgument("shards need one hidden layer (m-h-1, m-1; or m-h-1-...-1 with real "
                          f"weights); {format_architecture(widths)} runs without --workers")


def _per_worker_memory(workers: object) -> int | None:
    from verify.enumeration.engine import parse_workers

    n = parse_workers(workers)
    return None if n is None else max(current_max_memory() // n, 256 * 2**20)


def _whole_run_from_store(store: RealizedStore, key: str, pts: tuple[Point, ...],
                          widths: tuple[int, ...]) -> RealizedSet | None:
    """The question's own run when it is complete in the store (verified), else None.

    The same read as the serial run's (:func:`verify.enumeration.realized._verified_set`);
    a run recorded by this driver then says that it computed no shard now.
    """
    from verify.enumeration.realized import _rechecked, _verified_set

    res = _verified_set(store, key, len(pts), _rechecked(store, key, pts, widths))
    if res is not None and res.provenance.get("method") == "sharded":
        # this run computed no shard: say so, not the old run's
        res.provenance.update(shards_computed=0, shards_from_store=res.provenance.get("shards"),
                              workers=0, engine="none (the whole run read back from the store)",
                              shard_seconds=None, driver_seconds=None)
    return res


def _plan(pts: tuple[Point, ...], arch: str, cls: str, group: list[Any], shards: int | None,
          deadline: Deadline) -> PrefixPlan:
    """The plan, screened by the realized set of the key points when that is cheap."""
    from verify.encodings.realize import realized_set

    plan = plan_prefix_shards(pts, group, target=shards)
    key = plan.key_points
    if 2 * len(key) > len(pts):
        return plan  # K is most of the question: screening would cost as much as it saves
    sub = realized_set([pts[i] for i in key], arch, cls, timeout=deadline.left())
    if not sub.complete:
        return plan
    realizable = []
    for b in sub.labelings.tolist():
        realizable.append(sum(1 << i for k, i in enumerate(key) if (int(b) >> k) & 1))
    return plan_prefix_shards(pts, group, target=shards, realizable=realizable, key_points=key)


def _seeds(pts: tuple[Point, ...], widths: tuple[int, ...], arch: str, kind: str,
           plan: PrefixPlan, seed_q: int | None) -> dict[int, list[tuple[int, ReLUNet]]]:
    """Cheap witnesses (int kernel, random sweep) moved into their shards, one per orbit.

    As in the serial run, they only propose: each worker re-checks them exactly.
    """
    from verify.encodings.sweep import sweep_witnesses
    from verify.encodings.symmetry import transform_labels, transform_net

    out: dict[int, list[tuple[int, ReLUNet]]] = {s.index: [] for s in plan.shards}
    if kind != "real" or len(widths) != 3:
        return out
    found = kernel_seeds(pts, widths, arch, kind, seed_q)[0]
    for b, w in sweep_witnesses(pts, widths[1]).items():
        found.setdefault(b, w)
    taken: set[int] = set()  # one seed per orbit of the shard's stabilizer: the shard's
    for bits in sorted(found):  # engine blocks whole orbits anyway
        where = plan.locate(bits)
        if where is None:
            continue
        s, e = where
        g, neg = plan.group[e]
        b = transform_labels(bits, g, neg)
        canon = min(transform_labels(b, *plan.group[x]) for x in plan.shards[s].stabilizer)
        if canon not in taken:
            taken.add(canon)
            out[s].append((b, transform_net(found[bits], g, neg)))
    return out


class _Driver:
    """The merge: shard results checked, stored and kept by index."""

    def __init__(self, pts: tuple[Point, ...], arch: str, cls: str, plan: PrefixPlan,
                 store: RealizedStore | None, key: str, deadline: Deadline,
                 on_found: Callable[[int, ReLUNet], None] | None = None) -> None:
        self.pts, self.arch, self.cls, self.plan = pts, arch, cls, plan
        self.widths = parse_architecture(arch, inputs=len(pts[0]))
        self.store, self.key, self.deadline = store, key, deadline
        self.plan_id = plan.plan_id()
        self.done: dict[int, RealizedShardResult] = {}
        self.partial: dict[int, list[tuple[int, ReLUNet]]] = {}
        self.from_store = 0
        self.handling = 0.0
        self.engine_name = "none (every shard read from the store)"
        self.workers: int | None = None
        self.interrupted = False
        self.on_found = on_found

    def shard_key(self, index: int) -> str:
        text = f"{self.key}:{self.plan_id}:{index}"
        return hashlib.sha256(text.encode()).hexdigest()

    def resume(self) -> None:
        """Finished shards from the store (verified), partial ones as known labelings."""
        from verify.enumeration.realized import _rechecked

        if self.store is None:
            return
        n = len(self.pts)
        for s in self.plan.shards:
            skey = self.shard_key(s.index)
            stored = _rechecked(self.store, skey, self.pts, self.widths)
            bits = [b for b, _ in stored]
            if stored and any(b & self.plan.key_mask not in s.orbit for b in bits):
                raise self.store.damaged(f"shard {s.index} holds a labeling outside the shard")
            if self.store.verified_complete(skey, n, bits, _SHARD_ENGINE):
                self.done[s.index] = RealizedShardResult(
                    s.index, bits, [w for _, w in stored], True, None, 0.0,
                    {"from_store": True})
                self.from_store += 1
            elif stored:
                self.partial[s.index] = [(b, w) for b, w in stored
                                         if b & self.plan.key_mask == s.prefix]

    def pending(self, seeds: dict[int, list[tuple[int, ReLUNet]]]
                ) -> tuple[list[RealizedShardTask], list[int]]:
        """The tasks of the shards not finished (after :meth:`resume`), each with its seeds,
        and their priorities (the shards' work estimates)."""
        todo = [s.index for s in self.plan.shards if s.index not in self.done]
        estimates = shard_estimate(self.plan, seeds_bits(seeds))
        return [self.task(i, seeds[i]) for i in todo], [estimates[i] for i in todo]

    def task(self, index: int, seeds: list[tuple[int, ReLUNet]]) -> RealizedShardTask:
        s = self.plan.shards[index]
        G = self.plan.group
        known = dict(seeds)
        known.update(self.partial.get(index, []))
        at = self.deadline.left()
        return RealizedShardTask(
            index, self.pts, self.arch, self.cls, tuple(self.plan.fixed(s).items()),
            tuple(G[e] for e in s.stabilizer), tuple(G[e] for e in s.transversal),
            tuple(sorted(known.items(), key=lambda t: t[0])),
            None if at is None else wall_clock() + at,
        )

    def run(self, engine: Engine, runner: Callable[[RealizedShardTask], RealizedShardResult],
            tasks: list[RealizedShardTask], priorities: list[int]) -> None:
        left = self.deadline.left()
        wait = None if left is None else left + _GRACE
        total = len(self.plan.shards)
        desc = f"shards of {self.arch} ({self.cls}) on {len(self.pts)} points"
        with progress(total, desc) as bar:
            bar.advance(len(self.done))
            try:
                for res in engine.map_unordered(runner, tasks, priorities, timeout=wait):
                    t = time.perf_counter()
                    self.receive(res)
                    self.handling += time.perf_counter() - t
                    bar.advance()
            except KeyboardInterrupt:
                self.interrupted = True
                raise self.interruption() from None

    def receive(self, res: RealizedShardResult) -> None:
        """Check, store and keep one shard's result (a repeated result is ignored)."""
        check_shard_result(self.plan, res)
        if res.index in self.done:
            return
        if self.store is not None:
            skey = self.shard_key(res.index)
            s = self.plan.shards[res.index]
            self.store.start(skey, f"shard {res.index} (prefix {s.prefix}) of {self.key}")
            self.store.add_many(skey, list(zip(res.labelings, res.witnesses, strict=True)))
            if res.complete:
                self.store.record_complete(skey, len(self.pts), res.labelings, _SHARD_ENGINE,
                                           {"seconds": res.seconds, **res.stats})
        if self.on_found is not None:
            for b, w in zip(res.labelings, res.witnesses, strict=True):
                self.on_found(b, w)
        if res.complete:
            self.done[res.index] = res
        elif res.labelings:
            self.partial[res.index] = list(zip(res.labelings, res.witnesses, strict=True))

    def interruption(self) -> KeyboardInterrupt:
        from verify.errors import Interrupted

        if self.store is None:
            return KeyboardInterrupt()
        return Interrupted(
            f"interrupted: {len(self.done)} of {len(self.plan.shards)} shards finished and kept "
            f"in {self.store.path}; run again to continue from them")

    def finish(self, t_plan: float, t_run: float, wall: float) -> RealizedSet:
        """The merged set in shard order; recorded as the question's run when complete."""
        t0 = time.perf_counter()
        n = len(self.pts)
        witnesses = self.merged()
        complete = len(self.done) == len(self.plan.shards)
        prov = self.provenance()
        reason = None
        if not complete:
            reason = (f"time-out after {self.deadline.limit_text()} "
                      f"({len(self.done)} of {len(self.plan.shards)} shards finished)")
            prov["reason"] = reason
        if self.store is not None:
            prov["cache"] = str(self.store.path)
            if complete:
                record_whole_run(self.store, self.key, n, list(witnesses), witnesses, prov)
        prov["driver_seconds"] = {
            "planning_and_seeds": round(t_plan, 6),
            "receiving_results": round(self.handling, 6),
            "merging": round(time.perf_counter() - t0, 6),
            "shards_wall": round(t_run, 6),
            "total_wall": round(wall + time.perf_counter() - t0, 6),
        }
        return RealizedSet(n, list(witnesses), dict(sorted(witnesses.items())), complete, prov,
                           reason)

    def merged(self) -> dict[int, ReLUNet]:
        """Every labeling found with its witness, in shard order: the finished shards'
        and the partial ones' (each labeling realizable)."""
        witnesses: dict[int, ReLUNet] = {}
        for i in range(len(self.plan.shards)):
            if i in self.done:
                r = self.done[i]
                witnesses.update(zip(r.labelings, r.witnesses, strict=True))
            else:
                witnesses.update(self.partial.get(i, []))
        return witnesses

    def provenance(self) -> dict[str, Any]:
        """How the set was computed: the engine, the plan, the shards computed and read."""
        computed = [r for r in self.done.values() if not r.stats.get("from_store")]
        return {
            "method": "sharded",
            "engine": self.engine_name,
            "workers": self.workers,
            "architecture": self.arch,
            "class": self.cls,
            "shards": len(self.plan.shards),
            "shards_computed": len(computed),
            "shards_from_store": self.from_store,
            "plan": self.plan.to_json(),
            "shard_seconds": _seconds_summary(sorted(r.seconds for r in computed)),
            "solver_models": sum(int(r.stats.get("solver_models", 0)) for r in computed),
            "code_version": code_version(),
        }


def sharded_halfspace_set(
    points: PointSet | Sequence[Sequence[object]] | str,
    homogeneous: bool = False,
    *,
    workers: object = None,
    client: Any = None,
    scheduler: str | None = None,
    shards: int | None = None,
    timeout: object = None,
    max_memory: object = None,
    on_note: Callable[[str], None] | None = None,
) -> RealizedSet:
    """The halfspace dichotomies, the flat recursion's top-level candidates split in shards.

    The parts (:func:`verify.enumeration.shards.run_halfspace_shard`) are merged
    as sets; the count is cross-checked against the characteristic polynomial
    when it is available.  Nothing is stored (the dichotomies have no witnesses
    and the polynomial counts them in seconds); a time-out leaves the set
    incomplete.

    >>> r = sharded_halfspace_set("cube:3", workers=1)
    >>> r.count, r.complete, r.provenance["shards"]
    (104, True, 8)
    """
    from verify.geometry.dichotomies import enumeration_memory
    from verify.limits import require_memory

    start = time.perf_counter()
    pts = as_points(points)
    n = len(pts)
    deadline = Deadline(timeout)
    kind = "homogeneous halfspaces" if homogeneous else "halfspaces"
    count, poly_prov = _chamber_count(pts, homogeneous, deadline, max_memory)
    prov: dict[str, Any] = {"class": kind, "method": "sharded",
                            "algorithm": "flat recursion, top-level candidates in shards",
                            **poly_prov}
    require_memory(enumeration_memory(pts, homogeneous, count),
                   f"merging the halfspace dichotomies of {n} points", max_memory)
    tasks = _halfspace_tasks(pts, homogeneous, shards, deadline)
    run = _merge_halfspace_shards(tasks, n, f"shards of the {kind} of {n} points", deadline,
                                  workers=workers, client=client, scheduler=scheduler,
                                  on_note=on_note)
    complete = len(run.finished) == len(tasks)
    if complete and count is not None and len(run.merged) != count:
        raise RuntimeError(f"internal error: the shards found {len(run.merged)} dichotomies, "
                           f"the characteristic polynomial {count}")
    prov.update({
        "engine": run.engine, "shards": len(tasks), "shards_computed": len(run.finished),
        "shard_seconds": _seconds_summary(sorted(run.seconds)),
        "driver_seconds": {"shards_wall": round(run.wall, 6),
                           "total_wall": round(time.perf_counter() - start, 6)},
        "code_version": code_version(),
    })
    reason = None
    if not complete:
        reason = (f"time-out after {deadline.limit_text()} ({len(run.finished)} of {len(tasks)} "
                  "shards finished)")
        prov["reason"] = reason
    return RealizedSet(n, run.merged, {}, complete, prov, reason)


def _chamber_count(
    pts: tuple[Point, ...], homogeneous: bool, deadline: Deadline, max_memory: object
) -> tuple[int | None, dict[str, Any]]:
    """The number of dichotomies from the characteristic polynomial, and its provenance.

    (None, the reason) where the polynomial is not available.

    >>> from verify.geometry.pointsets import as_points
    >>> _chamber_count(as_points("cube:2"), False, Deadline(None), None)
    (14, {'characteristic_polynomial': [1, -4, 6, -3]})
    """
    from verify.geometry.chambers import characteristic_polynomial

    try:
        poly = characteristic_polynomial(pts, homogeneous, timeout=deadline.left(),
                                         max_memory=max_memory)
    except InvalidArgument as exc:
        return None, {"characteristic_polynomial_unavailable": str(exc)}
    return poly.chambers, {"characteristic_polynomial": poly.coefficients}


def _halfspace_tasks(
    pts: tuple[Point, ...], homogeneous: bool, shards: object, deadline: Deadline
) -> list[HalfspaceShardTask]:
    """The shards: about ``shards`` ranges of the flat recursion's top-level candidates.

    >>> from verify.geometry.pointsets import as_points
    >>> [(t.start, t.stop) for t in _halfspace_tasks(as_points("cube:2"), False, 2,
    ...                                                Deadline(None))]
    [(0, 3), (3, 6)]
    >>> _halfspace_tasks(as_points("cube:2"), False, 0, Deadline(None))
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: shards must be a positive integer, got 0
    """
    from verify.enumeration.shards import default_target, halfspace_ranges
    from verify.geometry.dichotomies import top_candidates

    target = default_target(len(pts)) if shards is None else shards
    if isinstance(target, bool) or not isinstance(target, int) or target < 1:
        raise InvalidArgument(f"shards must be a positive integer, got {target!r}")
    ranges = halfspace_ranges(top_candidates(pts, homogeneous), target)
    at = deadline.left()
    return [HalfspaceShardTask(i, pts, homogeneous, a, b,
                               None if at is None else wall_clock() + at)
            for i, (a, b) in enumerate(ranges)]


@dataclass
class _HalfspaceMerge:
    """The union of the shards' dichotomies, which shards finished, their times and where."""

    merged: np.ndarray
    finished: set[int]
    seconds: list[float]
    engine: str
    wall: float


def _merge_halfspace_shards(
    tasks: list[HalfspaceShardTask], n: int, desc: str, deadline: Deadline, *,
    workers: object, client: Any,
    scheduler: str | None, on_note: Callable[[str], None] | None,
) -> _HalfspaceMerge:
    """Run the halfspace shards on an engine made here (closed after) and merge them as sets.

    Every result's code version is checked; a repeated result is ignored; an
    unfinished shard's dichotomies are kept (each one is a dichotomy).
    """
    from verify.enumeration.shards import run_halfspace_shard

    engine, note = make_engine(workers, client, scheduler,
                               memory_limit=_per_worker_memory(workers))
    if note and on_note is not None:
        on_note(note)
    merged = labeling_array([], n)
    finished: set[int] = set()
    secs: list[float] = []
    t_run = time.perf_counter()
    try:
        with progress(len(tasks), desc) as bar:
            left = deadline.left()
            for res in engine.map_unordered(run_halfspace_shard, tasks, [0] * len(tasks),
                                            timeout=None if left is None else left + _GRACE):
                require_code_version(res.version, worker=False)
                if res.index in finished:
                    continue
                merged = np.union1d(merged, res.labelings)
                if res.complete:
                    finished.add(res.index)
                    secs.append(res.seconds)
                bar.advance()
    finally:
        where = engine.describe()
        engine.close()
    return _HalfspaceMerge(merged, finished, secs, where, time.perf_counter() - t_run)


class _ShardedBest:
    """``best_of`` for :func:`verify.enumeration.growth.growth_profile`: ranges of subsets
    of one size as shards on an engine; the merge keeps the first range attaining the max."""

    def __init__(self, engine: Engine, shard_work: int) -> None:
        self.engine, self.shard_work = engine, shard_work
        self.handle: Any = None
        self.words_id: int | None = None
        self.shards = 0
        self.seconds: list[float] = []

    def __call__(self, words: np.ndarray, n: int, m: int, cap: int, limit: int
                 ) -> tuple[int, tuple[int, ...], bool]:
        import math

        from verify.enumeration.growth import best_in_range

        per = max(1, self.shard_work // max(1, words.shape[0] * (1 if words.shape[1] == 1
                                                                  else m)))
        todo = min(limit, math.comb(n, m))
        if todo <= per:
            best, best_t = best_in_range(words, n, m, cap, 0, todo)
        else:
            if self.words_id != id(words):
                self.handle, self.words_id = self.engine.share(words), id(words)
            cuts = [*range(0, todo, per), todo]
            tasks = [(i, n, m, cap, a, b) for i, (a, b) in enumerate(itertools.pairwise(cuts))]
            found: dict[int, tuple[int, tuple[int, ...], float]] = {}
            for res in self.engine.map_unordered(_subset_shard, tasks, [0] * len(tasks),
                                                 shared=self.handle):
                found[res[0]] = res[1:]
            assert len(found) == len(tasks)
            self.shards += len(tasks)
            self.seconds += [v[2] for v in found.values()]
            best = max(v[0] for v in found.values())
            best_t = found[min(i for i, v in found.items() if v[0] == best)][1]
        return best, best_t, limit >= math.comb(n, m) or best >= cap


def _subset_shard(task: tuple[int, int, int, int, int, int], words: np.ndarray
                  ) -> tuple[int, int, tuple[int, ...], float]:
    """One range of m-subsets (runs on a worker): (index, max, first subset attaining it, s)."""
    from verify.enumeration.growth import best_in_range

    t = time.perf_counter()
    index, n, m, cap, start, stop = task
    best, best_t = best_in_range(words, n, m, cap, start, stop)
    return index, best, best_t, round(time.perf_counter() - t, 6)


def sharded_growth_profile(
    labels: Any, n: int, max_subsets: int = 200_000, *, max_work: int | None = None,
    workers: object = None, client: Any = None, scheduler: str | None = None,
    shard_work: int = 20_000_000, on_note: Callable[[str], None] | None = None,
) -> Any:
    """:func:`verify.enumeration.growth.growth_profile` with its m-subsets in shards.

    Beyond 22 points, the subsets examined for each size (the same ones as the
    serial run: the first ``limit`` in lexicographic order) are split into ranges
    of about ``shard_work`` (subsets × labelings) each, run on the engine, and
    merged: the max of the ranges' maxima, attained first in the first range that
    attains it — the serial answer, witnesses included.  Up to 22 points the
    indicator-table method runs in this process (seconds).

    >>> from verify.geometry.dichotomies import halfspace_dichotomies
    >>> labs = halfspace_dichotomies("grid:5:2")
    >>> g = sharded_growth_profile(labs, 25, max_work=10**6, workers=1, shard_work=10**5)
    >>> from verify.enumeration.growth import growth_profile
    >>> g.profile == growth_profile(labs, 25, max_work=10**6).profile, g.provenance["shards"] > 0
    (True, True)
    """
    from verify.enumeration.growth import _WORK_PER_SIZE, TABLE_MAX_N, growth_profile

    work = _WORK_PER_SIZE if max_work is None else max_work
    if n <= TABLE_MAX_N:
        return growth_profile(labels, n, max_subsets, max_work=work)
    engine, note = make_engine(workers, client, scheduler,
                               memory_limit=_per_worker_memory(workers))
    if note and on_note is not None:
        on_note(note)
    try:
        best = _ShardedBest(engine, shard_work)
        g = growth_profile(labels, n, max_subsets, max_work=work, best_of=best)
        g.provenance.update({
            "engine": engine.describe(), "shards": best.shards,
            "shard_seconds": _seconds_summary(sorted(best.seconds), total=False),
        })
        return g
    finally:
        engine.close()
