"""Benchmark of sharded enumeration on Dask, run by hand, on an otherwise idle machine:

    python benchmarks/bench_dask.py [--frontier-timeout 600] [--skip-frontier] [--skip-serial]
        [--skip-simulated] [--skip-target] [--skip-pinned]

0. The pinned check moved out of the test suite (``tests/enumeration/test_dask.py``,
   15 s there): real-weight 2-2-1 on ``grid:4:2`` sharded on a LocalCluster of 2
   worker processes gives the 4594 labelings of the serial engine, whose SHA-256
   (sorted, little-endian uint64) is pinned; the run stops with an error if not.
1. The target (issue 13): real-weight 2-2-1 on ``grid:5:2`` (2^25 labelings) with
   ``--workers 2`` (a Dask LocalCluster of 2 worker processes, cluster start-up
   included) against ``--workers 1`` (the same shards one after the other in this
   process), in the same run; and the serial, unsharded engine (the baseline of
   the toolkit before shards), with the CPU time of this process (the work
   sharding adds, whatever the load).  Count (37,828 expected), time, ratio, shard
   count, time per shard (min / median / max) and the driver's overhead
   (planning and seeds, receiving results, merging, cluster start-up).
2. The frontier, each bounded by ``--frontier-timeout`` on 2 workers: 2-2-1 on
   ``grid:6:2``, 2-3-1 on ``grid:5:2``, 3-2-1 on ``stilde:4:3``: count (exact when
   finished, else the labelings found: a lower bound), time, shards finished; an
   unfinished run gets a rough projection (elapsed × shards / shards finished).
3. A simulated cluster: LocalClusters of 1, 2, 4 and 8 worker processes on this
   machine on the same question (2-1-1 on ``grid:4:2`` with ``--shards 512``: 298
   small shards, the hardest case for the driver): the driver process's CPU time
   per shard (it also runs the scheduler) as the workers grow.

Every run uses no store (``use_cache=False``), so nothing is read back.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from verify.enumeration.realized import realized_labelings


def _run(spec: str, arch: str, **kw: Any) -> tuple[Any, float, float]:
    t, c = time.perf_counter(), time.process_time()
    r = realized_labelings(spec, arch, use_cache=False, **kw)
    return r, time.perf_counter() - t, time.process_time() - c


def _shards_line(r: Any) -> str:
    p = r.provenance
    s = p.get("shard_seconds") or {}
    d = p.get("driver_seconds") or {}
    overhead = d.get("total_wall", 0) - d.get("shards_wall", 0) + d.get("receiving_results", 0)
    return (f"{p['shards']} shards (plan: key points {p['plan']['key_points']}, group of order "
            f"{p['plan']['group_order']}, screened {p['plan']['screened']}); per shard "
            f"min {s.get('min', 0):.2f} s, median {s.get('median', 0):.2f} s, "
            f"max {s.get('max', 0):.2f} s, total {s.get('total', 0):.1f} s; driver: planning "
            f"and seeds {d.get('planning_and_seeds', 0):.2f} s, receiving results "
            f"{d.get('receiving_results', 0):.3f} s, merging {d.get('merging', 0):.3f} s "
            f"(driver overhead outside the shards {overhead:.2f} s)")


def target(args: argparse.Namespace) -> None:
    print("== target: 2-2-1 on grid:5:2, --workers 2 against --workers 1 ==")
    one, t1, c1 = _run("grid:5:2", "2-2-1", workers=1)
    print(f"--workers 1: {one.count} labelings, complete {one.complete}, {t1:.1f} s "
          f"(CPU {c1:.1f} s, solver models {one.provenance.get('solver_models')})")
    print("   " + _shards_line(one))
    two, t2, _ = _run("grid:5:2", "2-2-1", workers=2)
    print(f"--workers 2: {two.count} labelings, complete {two.complete}, {t2:.1f} s "
          "(LocalCluster start-up included)")
    print("   " + _shards_line(two))
    same = one.labelings.tobytes() == two.labelings.tobytes()
    print(f"ratio workers 1 / workers 2: {t1 / t2:.2f}x (target >= 1.7x); same set: {same}; "
          f"37,828: {two.count == 37828}")
    if not args.skip_serial:
        base, tb, cb = _run("grid:5:2", "2-2-1")
        print(f"serial engine without shards (baseline): {base.count} labelings in {tb:.1f} s "
              f"(CPU {cb:.1f} s, solver models {base.provenance.get('solver_models')}); "
              f"CPU sharded / unsharded in this process: {c1 / cb:.2f}x; "
              f"ratio baseline / workers 2: {tb / t2:.2f}x; same set: "
              f"{base.labelings.tobytes() == two.labelings.tobytes()}")


def frontier(args: argparse.Namespace) -> None:
    print(f"== frontier: 2 workers, at most {args.frontier_timeout:g} s each ==")
    for spec, arch in (("grid:6:2", "2-2-1"), ("grid:5:2", "2-3-1"), ("stilde:4:3", "3-2-1")):
        r, t, _ = _run(spec, arch, workers=2, timeout=args.frontier_timeout)
        p = r.provenance
        done = p.get("shards_computed", 0)
        if r.complete:
            print(f"{arch} on {spec}: exactly {r.count} labelings in {t:.1f} s on 2 workers")
        else:
            proj = t * p["shards"] / max(done, 1)
            print(f"{arch} on {spec}: at least {r.count} labelings after {t:.1f} s on 2 "
                  f"workers; {done} of {p['shards']} shards finished; rough projection "
                  f"{proj / 3600:.1f} h on 2 workers ({proj * 2 / 3600:.1f} core-hours)"
                  + ("" if done else " (no shard finished: a lower bound of the time only)"))
        print("   " + _shards_line(r))


def simulated(args: argparse.Namespace) -> None:
    import logging

    import distributed

    print("== simulated cluster: worker processes on this machine (2 cores), 2-1-1 on grid:4:2 "
          "in --shards 512 (298 small shards) ==")
    for w in (1, 2, 4, 8):
        t0 = time.perf_counter()
        cluster = distributed.LocalCluster(n_workers=w, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.ERROR)
        client = distributed.Client(cluster)
        start = time.perf_counter() - t0
        try:
            r, t, cpu = _run("grid:4:2", "2-1-1", client=client, shards=512)
        finally:
            client.close()
            cluster.close()
        p = r.provenance
        n = p["shards"]
        s = p["shard_seconds"]
        print(f"{w} worker(s): {r.count} labelings (174 expected), {n} shards in {t:.1f} s wall "
              f"(cluster start-up {start:.1f} s, not included); driver process CPU {cpu:.2f} s "
              f"= {1000 * cpu / n:.1f} ms per shard (planning, scheduler and merge included); "
              f"receiving results {1000 * p['driver_seconds']['receiving_results'] / n:.2f} ms "
              f"per shard; shards: median {s['median']:.3f} s, total {s['total']:.1f} s")


# SHA-256 of the 4594 labelings of grid:4:2 realized by 2-2-1 (sorted, little-endian uint64),
# from the serial, unsharded engine (realized_labelings without workers)
GRID42_221 = "1721ded5b72254ca5e20ed2eb44fd4709b099639e5b45b1e80633ca696b09ea9"


def pinned(args: argparse.Namespace) -> None:
    import hashlib
    import logging

    import distributed

    from verify.enumeration.sharded import sharded_realized_set

    print("== pinned: 2-2-1 on grid:4:2 sharded on 2 worker processes ==")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    try:
        t = time.perf_counter()
        r = sharded_realized_set("grid:4:2", "2-2-1", client=client, use_cache=False)
        t = time.perf_counter() - t
    finally:
        client.close()
        cluster.close()
    digest = hashlib.sha256(r.labelings.astype("<u8").tobytes()).hexdigest()
    ok = r.complete and r.count == 4594 and digest == GRID42_221
    print(f"{r.count} labelings (4594 expected), complete {r.complete}, {t:.1f} s; SHA-256 "
          f"{'matches' if ok else 'DIFFERS from'} the serial engine's pinned digest")
    if not ok:
        raise SystemExit("error: the sharded set of grid:4:2 is not the serial one")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--frontier-timeout", type=float, default=600.0)
    ap.add_argument("--skip-frontier", action="store_true")
    ap.add_argument("--skip-serial", action="store_true")
    ap.add_argument("--skip-simulated", action="store_true")
    ap.add_argument("--skip-target", action="store_true")
    ap.add_argument("--skip-pinned", action="store_true")
    args = ap.parse_args()
    if not args.skip_pinned:
        pinned(args)
    if not args.skip_target:
        target(args)
    if not args.skip_simulated:
        simulated(args)
    if not args.skip_frontier:
        frontier(args)


if __name__ == "__main__":
    main()
