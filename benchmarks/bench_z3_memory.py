"""Benchmark: what bounding z3's memory costs (:func:`verify.encodings.z3memory.z3_check`).

Run by hand:  python benchmarks/bench_z3_memory.py
Baseline: every query module calls ``solver.check`` directly (no memory limit).
New: every check runs through ``z3_check`` (the budget less the process's memory
set as z3's ``memory_max_size`` for the check, put back after).  Workloads: the
incremental realized set of 2-2-1 on grid:3:2 and of 3-2-1 on cube:3 (many small LRA
checks: the worst case for a per-check cost) and of 2-1-2-1 on grid:3:2 (a query per
orbit).
Both give the same counts (checked here); the ratio is new / baseline.
"""

from __future__ import annotations

import time
from typing import Any

from verify.encodings import chain, lra, nra, onefeature
from verify.encodings import z3memory as zm
from verify.encodings.realize import realized_set

MODULES = (lra, nra, chain, onefeature, zm)  # wide.py imports z3_check from zm per query
CHECK = zm.z3_check


def _plain(solver: Any, *assumptions: Any, limit: object = None) -> Any:
    return solver.check(*assumptions)


def run(patched: bool, points: str, arch: str) -> tuple[float, int]:
    for mod in MODULES:
        mod.z3_check = _plain if patched else CHECK  # type: ignore[attr-defined]
    t = time.perf_counter()
    res = realized_set(points, arch, sweep=False)
    return time.perf_counter() - t, res.count


def main() -> None:
    for points, arch in (("grid:3:2", "2-2-1"), ("cube:3", "3-2-1"), ("grid:3:2", "2-1-2-1")):
        base, new = [], []
        for _ in range(3):
            tb, cb = run(True, points, arch)
            tn, cn = run(False, points, arch)
            assert cb == cn, (cb, cn)
            base.append(tb)
            new.append(tn)
        print(f"{arch} on {points}: count {cn}; baseline {min(base):.3f} s, "
              f"z3_check {min(new):.3f} s, ratio {min(new) / min(base):.3f}")


if __name__ == "__main__":
    main()
