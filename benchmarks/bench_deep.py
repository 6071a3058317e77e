"""Benchmark of exact realized sets of deep classes, run by hand:

    python benchmarks/bench_deep.py [--baseline-timeout 60] [--query-timeout 10] [--skip-grid4]

Baseline (named in the issue): the former single-refutation run: one incremental
z3 NRA solver (:class:`verify.encodings.nra.DeepNRA`) that finds labelings one
at a time and ends with ONE query refuting all the others
(``realized_set(..., strategy="incremental")``), bounded by ``--baseline-timeout``.

New code, in the same process:

* ``m-h-1-…-1`` (2-1-1-1, 2-2-1-1): the exact linear reduction (the realized set
  equals m-h-1's; every witness converted and re-checked);
* ``m-h1-h2-1`` (2-2-2-1, 3-2-2-1): one query per symmetry orbit, seeded by the
  subclasses' labelings, a fixed-first-layer search in LRA, the linear relaxation,
  z3 NRA, then cvc5 on pass 2.

For each: count, complete or not, time, time per decided orbit query, the share
of orbits decided by each method, the growth profile and the VC dimension.  Then
the back ends against each other: z3 NRA and cvc5 NRA on the normal form of
2-2-2-1 on every labeling of cube:2 and grid:2:2, and the un-normalised
(:class:`DeepNRA`) query, with time per query and agreement.
"""

from __future__ import annotations

import argparse
import time

from verify.encodings import realized_set
from verify.encodings.nra import DeepNRA
from verify.encodings.wide import backend_available, decide_two_layer
from verify.enumeration.growth import growth_profile
from verify.geometry.pointsets import as_points
from verify.labels import unpack_labels


def _run(spec: str, arch: str, **kw: object) -> tuple[object, float]:
    t = time.perf_counter()
    r = realized_set(spec, arch, **kw)  # type: ignore[arg-type]
    return r, time.perf_counter() - t


def _profile(r: object) -> str:
    g = growth_profile(r.labelings, r.n)  # type: ignore[attr-defined]
    lo, hi = g.vc_bounds
    return f"growth {list(g.profile)}, VC {lo if lo == hi else f'{lo}..{hi}'}"


def classes(args: argparse.Namespace) -> None:
    cases = [("grid:3:2", "2-1-1-1"), ("grid:3:2", "2-2-1-1"), ("grid:3:2", "2-2-2-1"),
             ("cube:3", "3-2-2-1")]
    if not args.skip_grid4:
        cases += [("grid:4:2", "2-1-1-1"), ("grid:4:2", "2-2-1-1")]
    for spec, arch in cases:
        new, t_new = _run(spec, arch, query_timeout=args.query_timeout)
        prov = new.provenance  # type: ignore[attr-defined]
        print(f"{spec} {arch}: new  count {new.count} complete {new.complete} "  # type: ignore[attr-defined]
              f"in {t_new:.2f} s")
        if "decided_by" in prov:
            total = prov["orbits"]
            shares = ", ".join(f"{k} {v} ({100 * v / total:.0f}%)"
                               for k, v in prov["decided_by"].items())
            print(f"    {total} orbits; decided by: {shares}; unknown {new.unknown_orbits}; "  # type: ignore[attr-defined]
                  f"per decided query {prov['seconds_per_decided_query']} s; "
                  f"per orbit {t_new / total:.4f} s")
        else:
            print(f"    {prov.get('reduction', '')}")
        print(f"    {_profile(new)}")
        if spec == "grid:4:2":
            continue  # the baseline is hopeless there (65,536 labelings)
        old, t_old = _run(spec, arch, strategy="incremental", timeout=args.baseline_timeout)
        print(f"    baseline (single refutation, {args.baseline_timeout:g} s): count {old.count} "  # type: ignore[attr-defined]
              f"complete {old.complete} in {t_old:.2f} s; ratio {t_old / t_new:.1f}x"
              + ("" if old.complete else " (baseline unfinished: a lower bound)"))  # type: ignore[attr-defined]
        if old.complete and new.complete:  # type: ignore[attr-defined]
            assert old.labelings.tolist() == new.labelings.tolist()  # type: ignore[attr-defined]


def backends(args: argparse.Namespace) -> None:
    names = [b for b in ("z3", "cvc5") if backend_available(b)]
    for spec in ("cube:2", "grid:2:2"):
        pts = as_points(spec)
        n = len(pts)
        totals = {b: 0.0 for b in [*names, "DeepNRA"]}
        agree = True
        for bits in range(2**n):
            y = unpack_labels(bits, n)
            answers = []
            for b in names:
                t = time.perf_counter()
                status, net, _ = decide_two_layer(pts, y, (2, 2, 2, 1), args.query_timeout * 6,
                                                  b, relax_first=False)
                totals[b] += time.perf_counter() - t
                if net is not None:
                    assert net.realizes(pts, y)
                answers.append(status)
            t = time.perf_counter()
            enc = DeepNRA(pts, (2, 2, 2, 1))
            enc.set_timeout(args.query_timeout * 6)
            raw, _net = enc.check(y)
            totals["DeepNRA"] += time.perf_counter() - t
            answers.append({"sat": "realizable", "unsat": "unrealizable"}.get(raw, "unknown"))
            decided = {a for a in answers if a != "unknown"}
            agree &= len(decided) <= 1
        per = ", ".join(f"{b} {v / 2**n:.3f} s/query" for b, v in totals.items())
        print(f"{spec} 2-2-2-1, all {2**n} labelings: {per}; answers agree: {agree}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--baseline-timeout", type=float, default=60.0)
    p.add_argument("--query-timeout", type=float, default=10.0)
    p.add_argument("--skip-grid4", action="store_true")
    args = p.parse_args()
    classes(args)
    backends(args)


if __name__ == "__main__":
    main()
