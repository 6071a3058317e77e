"""Benchmarks of issue 11: chamber counts by the characteristic polynomial.

Run by hand, on an otherwise idle machine::

    python benchmarks/bench_chambers.py [--quick] [--sage-limit S]

Each target is timed with the new code; the baselines are the enumeration
(``halfspace_dichotomies``) and, where it answers within ``--sage-limit``
seconds (in a child process), SageMath's ``HyperplaneArrangements(...).n_regions()``
(install the passagemath packages in a separate venv to compare; they are not
a dependency).  The ratio is printed wherever a baseline answers.  The first
call compiles the numba kernel (cached on disk afterwards); it is timed apart.
Floats appear only in timings; every count printed is exact.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing as mp
import time
from typing import Any

from verify.geometry.chambers import characteristic_polynomial
from verify.geometry.dichotomies import halfspace_dichotomies

A000609 = {5: 94572, 6: 15028134, 7: 8378070864}
A034997 = {6: 1066044, 7: 347326352}


def timed(fn: Any, *args: Any, **kw: Any) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


def resonance(d: int) -> list[tuple[int, ...]]:
    return [p for p in itertools.product((0, 1), repeat=d) if any(p)]


def _sage_worker(vectors: list[list[int]], queue: Any) -> None:
    try:
        from sage.all__sagemath_polyhedra import QQ, HyperplaneArrangements
    except ImportError as exc:  # not installed here
        queue.put(("missing", str(exc)))
        return
    names = tuple(f"x{i}" for i in range(len(vectors[0])))
    H = HyperplaneArrangements(QQ, names)
    t = time.perf_counter()
    arr = H([[0, *v] for v in vectors])  # (constant, coefficients): central hyperplanes v.x = 0
    n = int(arr.n_regions())
    queue.put(("ok", n, time.perf_counter() - t))


def sage_regions(vectors: list[list[int]], limit: float) -> tuple[str, Any, Any]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_sage_worker, args=(vectors, queue))
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return ("timeout", None, limit)
    return queue.get() if not queue.empty() else ("failed", None, None)


def lifted(spec: str) -> list[list[int]]:
    from verify.geometry.dichotomies import integer_vectors
    from verify.geometry.pointsets import as_points

    return [[int(v) for v in r] for r in integer_vectors(as_points(spec)).tolist()]


def report(name: str, count: int, t: float, expected: int | None, vectors: list[list[int]] | None,
           sage_limit: float) -> None:
    check = "" if expected is None else ("  (OEIS: ok)" if count == expected else "  MISMATCH")
    print(f"{name}: {count:,} chambers in {t:.2f} s{check}", flush=True)
    if vectors is None or sage_limit <= 0:
        return
    status, n, ts = sage_regions(vectors, sage_limit)
    if status == "ok":
        same = "same count" if n == count else f"DIFFERENT count {n}"
        print(f"    SageMath n_regions: {ts:.2f} s ({same}); ratio {ts / t:,.1f}x", flush=True)
    elif status == "timeout":
        print(f"    SageMath n_regions: no answer within {sage_limit:g} s "
              f"(ratio > {sage_limit / t:,.0f}x)", flush=True)
    else:
        print(f"    SageMath: {status} {n or ''}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="skip cube:7, R7 and grid:100:2")
    ap.add_argument("--sage-limit", type=float, default=120.0,
                    help="seconds given to SageMath per case (0: skip)")
    args = ap.parse_args()

    _, t = timed(characteristic_polynomial, "cube:2")
    print(f"first call (numba compilation, or loading the cache): {t:.1f} s")

    print("== enumeration (baseline) against the polynomial ==")
    for spec in ("grid:12:2", "cube:5"):
        labs, t_enum = timed(halfspace_dichotomies, spec)
        poly, t_poly = timed(characteristic_polynomial, spec)
        assert poly.chambers == len(labs)
        print(f"{spec}: {len(labs):,} dichotomies; enumerate {t_enum:.2f} s, poly "
              f"{t_poly:.3f} s; ratio {t_enum / t_poly:,.0f}x")

    print("== targets ==")
    p, t = timed(characteristic_polynomial, "cube:6")
    report("cube:6 (target < 10 s)", p.chambers, t, A000609[6], lifted("cube:6"),
           args.sage_limit)
    p, t = timed(characteristic_polynomial, resonance(6), homogeneous=True)
    report("resonance {0,1}^6 minus 0, homogeneous (target < 60 s)", p.chambers, t, A034997[6],
           [list(v) for v in resonance(6)], args.sage_limit)
    grid_sizes = (10, 20, 50) if args.quick else (10, 20, 50, 100)
    for K in grid_sizes:
        p, t = timed(characteristic_polynomial, f"grid:{K}:2")
        report(f"grid:{K}:2", p.chambers, t, None, lifted(f"grid:{K}:2") if K <= 20 else None,
               args.sage_limit)
    if not args.quick:
        p, t = timed(characteristic_polynomial, resonance(7), homogeneous=True)
        report("resonance R7 (127 hyperplanes in R^7)", p.chambers, t, A034997[7], None, 0)
        p, t = timed(characteristic_polynomial, "cube:7")
        report("cube:7 (128 hyperplanes in R^8)", p.chambers, t, A000609[7], None, 0)

    print("== enumeration of cube:6 ==")
    try:
        halfspace_dichotomies("cube:6")
    except Exception as exc:  # the refusal up front, with its estimate
        print(f"refused up front: {exc}")


if __name__ == "__main__":
    main()
