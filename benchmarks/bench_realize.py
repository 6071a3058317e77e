"""Benchmark of exact realizability for 2-2-1, run by hand:

    python benchmarks/bench_realize.py [--sample 200] [--nonlinear-sample 4] [--skip-grid4]

Baseline (named in the issue): one fresh z3 query per labeling, every ReLU an
``If`` term, output weights fixed to ±1 (a Boolean sign per unit), margin 1.
On grid:3:2 it is run on all 512 labelings; on grid:4:2 on a random SAMPLE,
extrapolated to all 65,536 (a timed-out query counts as its time limit: the
estimate is then a lower bound).  A2 is the same query without the ±1
reduction (real output weights, strict signs: nonlinear), on a small sample.
The new code is timed in the same process, in stages, so the
output says what each idea contributes:

  B. the Boolean-phase LRA encoding (QF_LRA solver) with ONE incremental solver
     and ``check(assumptions)`` per labeling (learned lemmas carry over);
  C. AllSAT: find a labeling, block it, repeat; the final ``unsat`` refutes every
     remaining labeling at once (symmetry breaking among hidden units on);
  D. C + orbits under the grid's symmetries × label negation (each transformed
     witness re-checked exactly) and "at least ⌈h/2⌉ output signs +1";
  E. D + cheap witnesses first: a NumPy sweep over random small-integer nets
     proposes labelings (re-checked exactly, blocked with their orbits) before
     the solver runs (= :func:`verify.encodings.realized_set`, the default).

Every variant's realized set is compared with D's.
"""

from __future__ import annotations

import argparse
import random
import time

import z3

from verify.encodings import realized_set
from verify.encodings.lra import OneHiddenLRA
from verify.geometry.pointsets import grid
from verify.labels import unpack_labels


def baseline_query(points, labels, hidden, timeout_s):  # type: ignore[no-untyped-def]
    """One z3 query: ReLUs as If terms, output weights ±1 through Boolean signs."""
    s = z3.Solver()
    s.set("timeout", int(timeout_s * 1000))
    m = len(points[0])
    W = [[z3.Real(f"w{j}_{k}") for k in range(m)] for j in range(hidden)]
    B = [z3.Real(f"b{j}") for j in range(hidden)]
    S = [z3.Bool(f"s{j}") for j in range(hidden)]
    c = z3.Real("c")
    for x, y in zip(points, labels, strict=True):
        terms = []
        for j in range(hidden):
            u = z3.Sum([W[j][k] * z3.RealVal(str(x[k])) for k in range(m)]) + B[j]
            r = z3.If(u > 0, u, 0)
            terms.append(z3.If(S[j], r, -r))
        out = c + z3.Sum(terms)
        s.add(out >= 1 if y > 0 else out <= -1)
    t = time.perf_counter()
    result = s.check()
    return str(result), time.perf_counter() - t


def incremental_assumptions(points, hidden):  # type: ignore[no-untyped-def]
    """Stage B: one solver, one check(assumptions) per labeling."""
    n = len(points)
    enc = OneHiddenLRA(points, hidden)
    found = set()
    for bits in range(1 << n):
        labels = unpack_labels(bits, n)
        status, net = enc.check(labels)
        if status == "sat":
            assert net is not None and net.realizes(points, labels)
            found.add(bits)
        elif status != "unsat":
            raise RuntimeError(status)
    return found


def timed(fn):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def nonlinear_query(points, labels, hidden, timeout_s):  # type: ignore[no-untyped-def]
    """Stage A2: real output weights (no ±1 reduction): nonlinear, strict signs."""
    s = z3.Solver()
    s.set("timeout", int(timeout_s * 1000))
    m = len(points[0])
    W = [[z3.Real(f"w{j}_{k}") for k in range(m)] for j in range(hidden)]
    B = [z3.Real(f"b{j}") for j in range(hidden)]
    A = [z3.Real(f"a{j}") for j in range(hidden)]
    c = z3.Real("c")
    for x, y in zip(points, labels, strict=True):
        terms = []
        for j in range(hidden):
            u = z3.Sum([W[j][k] * z3.RealVal(str(x[k])) for k in range(m)]) + B[j]
            terms.append(A[j] * z3.If(u > 0, u, 0))
        out = c + z3.Sum(terms)
        s.add(out > 0 if y > 0 else out < 0)
    t = time.perf_counter()
    result = s.check()
    return str(result), time.perf_counter() - t


def run_sample(query, points, truth, sample, timeout_s):  # type: ignore[no-untyped-def]
    """Mean seconds per realizable / unrealizable labeling; time-outs count as the limit."""
    per = {True: [], False: []}  # type: ignore[var-annotated]
    timeouts = 0
    for bits in sample:
        status, secs = query(points, unpack_labels(bits, len(points)), 2, timeout_s)
        if status == "unknown":
            timeouts += 1
            secs = timeout_s
        else:
            assert (status == "sat") == (bits in truth), "baseline disagrees with the decider"
        per[bits in truth].append(secs)
    mean = {k: (sum(v) / len(v) if v else 0.0) for k, v in per.items()}
    return mean, timeouts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", type=int, default=200, help="baseline sample size on grid:4:2")
    ap.add_argument("--nonlinear-sample", type=int, default=4,
                    help="sample size of the nonlinear variant A2 on grid:3:2")
    ap.add_argument("--baseline-timeout", type=float, default=20.0, help="seconds per query")
    ap.add_argument("--skip-grid4", action="store_true", help="skip the grid:4:2 runs")
    args = ap.parse_args()
    rng = random.Random(2022)

    pts3 = grid(3, 2)
    print("== grid:3:2 (9 points, 512 labelings), architecture 2-2-1")
    full3, t_E3 = timed(lambda: realized_set(pts3, "2-2-1"))
    realized3 = set(full3.labelings)
    assert full3.complete
    print(f"E  realized_set (AllSAT+symmetry+sweep): {t_E3:8.3f} s   "
          f"{full3.count} realizable, {512 - full3.count} refuted; "
          f"{full3.provenance['solver_models']} solver models, "
          f"{full3.provenance['from_sweep']} orbit representatives from the sweep, "
          f"{full3.provenance['from_symmetry']} by symmetry")
    d3, t_D3 = timed(lambda: realized_set(pts3, "2-2-1", sweep=False))
    assert set(d3.labelings) == realized3
    print(f"D  AllSAT + symmetries, no sweep:        {t_D3:8.3f} s   same set; "
          f"{d3.provenance['solver_models']} solver models")
    c3, t_c3 = timed(lambda: realized_set(pts3, "2-2-1", symmetries=False, sweep=False))
    assert set(c3.labelings) == realized3
    print(f"C  AllSAT, no symmetries, no sweep:      {t_c3:8.3f} s   same set")
    b3, t_b3 = timed(lambda: incremental_assumptions(pts3, 2))
    assert b3 == realized3
    print(f"B  incremental, 512 x check(assumptions): {t_b3:8.3f} s   same set")
    mean, touts = run_sample(baseline_query, pts3, realized3, range(512), args.baseline_timeout)
    t_a3 = mean[True] * len(realized3) + mean[False] * (512 - len(realized3))
    print(f"A  baseline, all 512 queries run:        {t_a3:8.3f} s   "
          f"(mean {mean[True]:.3f} s realizable, {mean[False]:.3f} s unrealizable; "
          f"{touts} time-outs)")
    unreal = sorted(set(range(512)) - realized3)
    k = max(1, args.nonlinear_sample // 2)
    sample = rng.sample(sorted(realized3), k) + rng.sample(unreal, k)
    mean2, touts2 = run_sample(nonlinear_query, pts3, realized3, sample, args.baseline_timeout)
    t_a2 = mean2[True] * len(realized3) + mean2[False] * len(unreal)
    b2 = ">= " if touts2 else "~ "
    print(f"A2 real output weights (nonlinear), SAMPLE of {len(sample)}, extrapolated to 512: "
          f"{b2}{t_a2:,.0f} s (mean {mean2[True]:.2f} s realizable, {mean2[False]:.2f} s "
          f"unrealizable; {touts2} time-outs at {args.baseline_timeout:g} s)")
    print(f"   ratios: A / E = {t_a3 / t_E3:.0f}x ; A2 / E = {b2}{t_a2 / t_E3:,.0f}x ; "
          f"A / B = {t_a3 / t_b3:.1f}x ; B / C = {t_b3 / t_c3:.1f}x ; C / D = "
          f"{t_c3 / t_D3:.1f}x ; D / E = {t_D3 / t_E3:.1f}x")
    print(f"   target: all 512 in under 2 s -> {'MET' if t_E3 < 2 else 'MISSED'} ({t_E3:.2f} s)")

    if args.skip_grid4:
        return
    pts4 = grid(4, 2)
    print("== grid:4:2 (16 points, 65,536 labelings), architecture 2-2-1")
    full4, t_E4 = timed(lambda: realized_set(pts4, "2-2-1"))
    assert full4.complete
    realized4 = set(full4.labelings)
    print(f"E  realized_set (AllSAT+symmetry+sweep): {t_E4:8.2f} s   "
          f"{full4.count} realizable, {65536 - full4.count} refuted by the final unsat; "
          f"{full4.provenance['solver_models']} solver models, "
          f"{full4.provenance['from_sweep']} orbit representatives from the sweep, "
          f"{full4.provenance['from_symmetry']} by symmetry")
    d4, t_D4 = timed(lambda: realized_set(pts4, "2-2-1", sweep=False))
    assert d4.labelings == full4.labelings
    print(f"D  AllSAT + symmetries, no sweep:        {t_D4:8.2f} s   same set; "
          f"{d4.provenance['solver_models']} solver models; D / E: {t_D4 / t_E4:.1f}x")
    c4, t_c4 = timed(lambda: realized_set(pts4, "2-2-1", symmetries=False, sweep=False))
    assert c4.labelings == full4.labelings
    print(f"C  AllSAT, no symmetries, no sweep:      {t_c4:8.2f} s   same set; C / E: "
          f"{t_c4 / t_E4:.1f}x")
    k = max(1, args.sample // 2)
    sample = rng.sample(sorted(realized4), k) + rng.sample(
        sorted(set(range(65536)) - realized4), k)
    mean4, touts4 = run_sample(baseline_query, pts4, realized4, sample, args.baseline_timeout)
    t_a4 = mean4[True] * len(realized4) + mean4[False] * (65536 - len(realized4))
    b4 = ">= " if touts4 else "~ "
    print(f"A  baseline, SAMPLE of {len(sample)} labelings extrapolated to 65,536: {b4}"
          f"{t_a4:,.0f} s (mean {mean4[True]:.3f} s realizable, {mean4[False]:.3f} s "
          f"unrealizable; {touts4} time-outs); A / E = {b4}{t_a4 / t_E4:,.0f}x")
    print(f"   target: all 65,536 in under 120 s -> {'MET' if t_E4 < 120 else 'MISSED'} "
          f"({t_E4:.1f} s)")


if __name__ == "__main__":
    main()
