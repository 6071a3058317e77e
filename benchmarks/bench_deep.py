"""Benchmark of exact realized sets of deep classes, run by hand:

    python benchmarks/bench_deep.py [--baseline-timeout 30] [--query-timeout 5] [--skip-grid4]
                                    [--skip-backends] [--skip-classes] [--skip-refutations]
                                    [--refute-timeout 20]

Baseline (named in the issue): the former single-refutation run: ONE incremental
z3 NRA solver (:class:`verify.encodings.nra.DeepNRA`, no normal form) that finds
labelings one at a time, blocks each with its symmetry orbit, and ends with one
query refuting all the others, bounded by ``--baseline-timeout`` (written out
below, :func:`single_refutation`).

New code, in the same process (:func:`verify.encodings.realized_set`):

* ``m-h-1-…-1`` (2-1-1-1, 2-2-1-1): the exact linear reduction (the realized set
  equals m-h-1's; every witness converted and re-checked);
* ``m-1-h-1`` (2-1-2-1): the exact linear encoding of one ReLU feature along which
  the labels change sign at most K(h) times, one incremental solver;
* ``m-h1-h2-1`` (2-2-2-1, 3-2-2-1): one query per symmetry orbit, seeded by the
  subclasses' labelings, the relaxation (cheap pass), a fixed-first-layer search
  in LRA, z3 NRA, then cvc5 on pass 2.

For each: count, complete or not, time, time per orbit, the share of orbits
decided by each method, the growth profile and the VC dimension.  Then the back
ends against each other, one query per labeling (or orbit representative):
the linear back end, z3 NRA and cvc5 NRA (normal form, generic case) on 2-1-2-1
over every labeling of cube:2 and grid:2:2 and the 51 orbits of grid:3:2 (27 of
them unknown to z3 at 5 s before the linear back end), and z3, cvc5 and the
un-normalised DeepNRA on 2-2-2-1 over every labeling of cube:2 and grid:2:2.
Last, labelings that need a refutation (1-2-2-1 on grid:8:1 and on the orbits of
grid:10:1 with >= 7 sign changes, 2-2-2-1 on eight collinear points in the plane):
the LRA relaxation alone, the box branch and bound over the bounded free weights
(:mod:`verify.encodings.wide_boxes`) and z3 NRA on the normal form.
"""

from __future__ import annotations

import argparse
import time
from fractions import Fraction
from typing import Any

from verify.encodings import realized_set
from verify.encodings.nra import DeepNRA
from verify.encodings.orbits import orbit_representatives
from verify.encodings.symmetry import orbit, point_symmetries
from verify.encodings.wide import backend_available, decide_two_layer
from verify.encodings.wide_boxes import box_decide
from verify.enumeration.growth import growth_profile
from verify.geometry.pointsets import as_points
from verify.labels import pack_labels, unpack_labels
from verify.nets.network import parse_architecture


def single_refutation(spec: str, arch: str, seconds: float) -> tuple[int, bool, float]:
    """The baseline: (labelings found, complete, time) of one incremental DeepNRA solver."""
    pts = as_points(spec)
    n = len(pts)
    enc = DeepNRA(pts, parse_architecture(arch))
    syms = point_symmetries(pts)
    found: set[int] = set()
    start = time.perf_counter()
    while True:
        left = seconds - (time.perf_counter() - start)
        if left <= 0:
            return len(found), False, time.perf_counter() - start
        enc.set_timeout(left)
        status, net = enc.check()
        if status != "sat" or net is None:
            return len(found), status == "unsat", time.perf_counter() - start
        y = enc.last_labels
        assert net.realizes(pts, y)
        for b, g in orbit(pack_labels(y), net, syms).items():
            if b not in found:
                assert g.realizes(pts, unpack_labels(b, n))
                found.add(b)
                enc.block(unpack_labels(b, n))


def _profile(r: Any) -> str:
    g = growth_profile(r.labelings, r.n)
    lo, hi = g.vc_bounds
    return f"growth {list(g.profile)}, VC {lo if lo == hi else f'{lo}..{hi}'}"


def classes(args: argparse.Namespace) -> None:
    cases = [("grid:3:2", "2-1-1-1"), ("grid:3:2", "2-2-1-1"), ("grid:3:2", "2-2-2-1"),
             ("grid:3:2", "2-1-2-1"), ("cube:3", "3-2-2-1")]
    if not args.skip_grid4:
        cases += [("grid:4:2", "2-1-1-1"), ("grid:4:2", "2-2-1-1")]
    for spec, arch in cases:
        t = time.perf_counter()
        new = realized_set(spec, arch, query_timeout=args.query_timeout)
        t_new = time.perf_counter() - t
        prov = new.provenance
        print(f"{spec} {arch}: new  count {new.count} complete {new.complete} in {t_new:.2f} s")
        if "decided_by" in prov:
            total = prov["orbits"]
            shares = ", ".join(f"{k} {v} ({100 * v / total:.0f}%)"
                               for k, v in prov["decided_by"].items())
            per_query = prov["seconds_per_decided_query"]
            queries = ("no solver query needed" if per_query is None else
                       f"{prov['queries_decided']} solver queries decided, {per_query} s each")
            print(f"    {total} orbits; decided by: {shares}; unknown {new.unknown_orbits}; "
                  f"{queries}; per orbit {t_new / total:.4f} s")
        else:
            how = prov.get("reduction") or prov.get("encoding", "")
            print(f"    {how}; solver models {prov.get('solver_models')}, "
                  f"symmetry group {prov.get('symmetry_group')}, final: {prov.get('final')}")
        print(f"    {_profile(new)}")
        if spec == "grid:4:2":
            continue  # the baseline is hopeless there (65,536 labelings)
        found, complete, t_old = single_refutation(spec, arch, args.baseline_timeout)
        ratio = f"{t_old / t_new:.1f}x" if complete else \
            f"> {t_old / t_new:.1f}x (the baseline did not finish)"
        print(f"    baseline (single refutation, {args.baseline_timeout:g} s): {found} found, "
              f"complete {complete}, {2**new.n - found if not complete else 0} unknown, "
              f"in {t_old:.2f} s; time ratio {ratio}")
        if complete:
            assert found == new.count


def _compare(pts: Any, widths: tuple[int, ...], labelings: list[int], names: list[str],
             seconds: float, title: str) -> None:
    n = len(pts)
    totals = {b: 0.0 for b in names}
    answers: dict[str, dict[str, int]] = {b: {} for b in names}
    disagree = 0
    for bits in labelings:
        y = unpack_labels(bits, n)
        got = []
        for b in names:
            t = time.perf_counter()
            if b == "DeepNRA":
                enc = DeepNRA(pts, widths)
                enc.set_timeout(seconds)
                raw, net = enc.check(y)
                status = {"sat": "realizable", "unsat": "unrealizable"}.get(raw, "unknown")
            elif b == "boxes":
                status, net, _ = box_decide(pts, y, widths, seconds)
            elif b == "relaxation":
                status, net, _ = decide_two_layer(pts, y, widths, seconds, "linear")
            else:
                status, net, prov = decide_two_layer(pts, y, widths, seconds, b,
                                                     relax_first=False)
                if "did not stop" in str(prov.get("reason")):
                    status = "unknown (stopped past the limit)"
            totals[b] += time.perf_counter() - t
            if net is not None:
                assert net.realizes(pts, y), (b, bits)
            answers[b][status] = answers[b].get(status, 0) + 1
            got.append(status)
        disagree += len({a for a in got if not a.startswith("unknown")}) > 1
    arch = "-".join(map(str, widths))
    print(f"{title} {arch}, {len(labelings)} queries, {seconds:g} s each:")
    for b in names:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(answers[b].items()))
        print(f"    {b:8s} {totals[b] / len(labelings):8.3f} s/query  ({counts})")
    print(f"    decided answers disagree on {disagree} queries")


def backends(args: argparse.Namespace) -> None:
    solvers = [b for b in ("z3", "cvc5") if backend_available(b)]
    for spec in ("cube:2", "grid:2:2"):
        pts = as_points(spec)
        _compare(pts, (2, 1, 2, 1), list(range(16)), ["linear", *solvers],
                 args.query_timeout, f"{spec}, every labeling,")
    pts = as_points("grid:3:2")
    reps, _ = orbit_representatives(9, point_symmetries(pts))
    _compare(pts, (2, 1, 2, 1), [int(b) for b in reps], ["linear", *solvers],
             args.query_timeout, "grid:3:2, every orbit,")
    for spec in ("cube:2", "grid:2:2"):
        pts = as_points(spec)
        _compare(pts, (2, 2, 2, 1), list(range(16)), [*solvers, "DeepNRA"],
                 args.query_timeout * 6, f"{spec}, every labeling,")


def refutations(args: argparse.Namespace) -> None:
    """Labelings that need a refutation: the LRA relaxation alone, the box branch and
    bound (:mod:`verify.encodings.wide_boxes`) and z3 NRA on the normal form."""
    t = args.refute_timeout
    names = ["relaxation", "boxes", "z3"]
    alternating = pack_labels([1 if i % 2 == 0 else -1 for i in range(8)])
    _compare(as_points("grid:8:1"), (1, 2, 2, 1), [alternating], names, t,
             "grid:8:1, alternating (7 sign changes),")
    line = [(Fraction(i, 8), Fraction(2 * i, 8) + 1) for i in range(1, 9)]
    _compare(line, (2, 2, 2, 1), [alternating], names, t,
             "8 collinear points in the plane (planted), alternating,")
    pts = as_points("grid:10:1")
    reps, _ = orbit_representatives(10, point_symmetries(pts))
    hard = [int(b) for b in reps if _changes(int(b), 10) >= 7]   # 1-2-2-1 refutes these
    _compare(pts, (1, 2, 2, 1), hard, names, t, "grid:10:1, every orbit with >= 7 changes,")


def _changes(bits: int, n: int) -> int:
    return sum(((bits >> i) & 1) != ((bits >> (i + 1)) & 1) for i in range(n - 1))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--baseline-timeout", type=float, default=30.0)
    p.add_argument("--query-timeout", type=float, default=5.0)
    p.add_argument("--skip-grid4", action="store_true")
    p.add_argument("--skip-backends", action="store_true")
    p.add_argument("--skip-classes", action="store_true")
    p.add_argument("--skip-refutations", action="store_true")
    p.add_argument("--refute-timeout", type=float, default=20.0,
                   help="seconds per query in the refutation section")
    args = p.parse_args()
    if not args.skip_classes:
        classes(args)
    if not args.skip_backends:
        backends(args)
    if not args.skip_refutations:
        refutations(args)


if __name__ == "__main__":
    main()
