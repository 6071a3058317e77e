"""Benchmark of certified counting, run by hand, on an otherwise idle machine:

    python benchmarks/bench_certify.py [--skip-grid4] [--alternatives]
        [--robust | --only-robust]

For 2-1-1, 2-2-1 and 2-3-1 on grid:3:2 and 2-2-1 on grid:4:2, in the same
process: the *baseline* is the uncertified exact count
(:func:`verify.enumeration.realized.realized_labelings` without the cache: the
z3 enumeration seeded by the integer kernel and the sweep); the *certified*
count is the same enumeration followed by the certificate
(:func:`verify.certify.producer.make_count_certificate`: witnesses listed, one
refutation tree for every other labeling), written gzip-compressed, then
checked by :func:`verify.certify.checker.check_certificate`.  Printed: time to
produce, compressed size, Farkas leaves, lemmas, check time, and the ratio
certified / uncertified.  Goal (issue 10): 2-2-1 on grid:4:2 in at most 5× the
uncertified time, checked in under a minute.

``--alternatives`` also measures the LP engines on the nodes of one refutation:
the incremental dual simplex of :mod:`verify.encodings.smalllp` against HiGHS
through ``scipy.optimize.linprog`` on the same LPs.

``--robust`` measures robustness proofs (ℓ∞ and ℓ2, the ℓ2 ones beyond the box
closed by KKT leaves): per case, z3's verdict without a proof (baseline), the
same with the proof (``prove=True``), the checker's time and verdict, and the
proof's leaves and input bisections; the cube:3 parity memorizer (3-24-24-16-8-1,
18–22 units unstable on the box at 4 of its 8 points) is the deep case: phase
splits alone found no proof there (4 points stayed trusted from z3); with
adaptive input bisection (format version 3) every point is proved.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import numpy as np

from verify.certify.checker import check_certificate
from verify.certify.format import load_certificate
from verify.certify.producer import make_count_certificate, write_certificate
from verify.enumeration.realized import realized_labelings
from verify.geometry.pointsets import grid


def run_case(K: int, arch: str) -> dict[str, float | int | str]:
    pts = grid(K, 2)
    t0 = time.perf_counter()
    base = realized_labelings(pts, arch, "real", use_cache=False)
    t_base = time.perf_counter() - t0
    assert base.complete
    t0 = time.perf_counter()
    again = realized_labelings(pts, arch, "real", use_cache=False)
    cert = make_count_certificate(pts, arch, "real", again.labelings.tolist(),
                                  dict(again.witnesses), spec=f"grid:{K}:2")
    path = os.path.join(tempfile.mkdtemp(), "count.json.gz")
    write_certificate(path, cert)
    t_cert = time.perf_counter() - t0
    size = os.path.getsize(path)
    t0 = time.perf_counter()
    check = check_certificate(load_certificate(path))
    t_check = time.perf_counter() - t0
    assert check.verdict == "verified", check.rejected
    assert check.count == base.count
    stats = cert["answer"]["refutation"]["stats"]
    return {"case": f"{arch} on grid:{K}:2", "count": check.count, "uncertified_s": t_base,
            "certified_s": t_cert, "ratio": t_cert / t_base, "size_kb": size / 1024,
            "leaves": stats["leaves"], "lemmas": stats["lemmas"],
            "refuted_prefixes": stats["refuted_prefixes"], "check_s": t_check}


def alternatives() -> None:
    """SmallLP against scipy's HiGHS on the node LPs of a grid:3:2 2-2-1 refutation."""
    from scipy.optimize import linprog

    from verify.encodings.refute import OneHiddenRefuter
    from verify.encodings.smalllp import SmallLP

    ref = OneHiddenRefuter(grid(3, 2), 2)
    labels = dict(enumerate((1, -1, 1, -1, 1, -1, 1, -1, 1)))
    lps: list[tuple[list[list[int]], list[int]]] = []
    orig = ref._bnb

    def spy(lab, signs, ph, deadline):  # type: ignore[no-untyped-def]
        lps.append(([list(r) for r in ref._rows], list(ref._rhs)))
        return orig(lab, signs, ph, deadline)

    ref._bnb = spy  # type: ignore[method-assign]
    ref.refute(labels)
    lps = [(rows, rhs) for rows, rhs in lps if rows]
    t0 = time.perf_counter()
    for rows, rhs in lps:
        lp = SmallLP(ref.nvar)
        lp.push([[float(v) for v in r] for r in rows], [float(v) for v in rhs])
        lp.solve()
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    for rows, rhs in lps:
        A = np.asarray(rows, dtype=float)
        k = len(rows)
        linprog(np.r_[np.zeros(ref.nvar), 1.0], A_ub=-np.c_[A, np.ones(k)],
                b_ub=-np.asarray(rhs, dtype=float),
                bounds=[(None, None)] * ref.nvar + [(0, None)], method="highs")
    t_highs = time.perf_counter() - t0
    print(f"LP engines on {len(lps)} node LPs of one refutation (cold start each): "
          f"SmallLP {t_small * 1e3 / len(lps):.3f} ms/LP, HiGHS (linprog) "
          f"{t_highs * 1e3 / len(lps):.3f} ms/LP, ratio {t_highs / t_small:.1f}x")


def _leaves(tree: object) -> int:
    """Leaves of a robustness proof tree (Farkas and bounds leaves)."""
    if not isinstance(tree, dict):
        return 0
    if "farkas" in tree or "bounds" in tree:
        return 1
    return sum(_leaves(tree.get(key)) for key in ("off", "on", "low", "high"))


def _bisections(tree: object) -> int:
    """Input-bisection nodes of a robustness proof tree."""
    if not isinstance(tree, dict):
        return 0
    return int("bisect" in tree) + sum(_bisections(tree.get(key))
                                       for key in ("off", "on", "low", "high"))


def robust_cases() -> None:
    """Robustness proofs: z3 alone, z3 with the proof, the checker."""
    from verify.certify.producer import make_robust_certificate
    from verify.encodings.robust import verify_robustness
    from verify.geometry.pointsets import as_points
    from verify.nets import ReLUNet, robust_memorizer

    line = ReLUNet.from_lists([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], ["-1/2"])])
    diamond = ReLUNet.from_lists([([[1, 0], [-1, 0], [0, 1], [0, -1]], [0, 0, 0, 0]),
                                  ([[1, 1, 1, 1]], ["-1/4"])])
    cube2 = [[0, 0], [0, 1], [1, 0], [1, 1]]
    mem2 = robust_memorizer(cube2, "-++-", "1/2", "1/4")
    cube3 = [list(p) for p in as_points("cube:3")]
    parity = [1 if sum(int(c) for c in p) % 2 else -1 for p in cube3]
    mem3 = robust_memorizer(cube3, parity, "1/2", "1/4")
    cases = [("x1+x2-1/2 at (1,1)", line, [[1, 1]], "+", "1", "2"),
             ("|x1|+|x2|-1/4 at (1,1)", diamond, [[1, 1]], "+", "11/10", "2"),
             ("memorizer cube:2", mem2, cube2, "-++-", "1/4", "inf"),
             ("memorizer cube:2", mem2, cube2, "-++-", "1/4", "2"),
             ("memorizer cube:2", mem2, cube2, "-++-", "3/10", "2"),
             ("parity memorizer cube:3", mem3, cube3, parity, "1/4", "inf")]
    print(f"\n{'robustness case':<30} {'norm':>4} {'r':>6} {'z3 s':>7} {'proof s':>8} "
          f"{'ratio':>6} {'leaves':>7} {'bisect':>6} {'check s':>8}  verdict")
    for name, net, pts, ys, r, norm in cases:
        t0 = time.perf_counter()
        verify_robustness(net, pts, ys, r, norm)
        t_base = time.perf_counter() - t0
        t0 = time.perf_counter()
        rep = verify_robustness(net, pts, ys, r, norm, prove=True)
        t_proof = time.perf_counter() - t0
        leaves = sum(_leaves((res.proof or {}).get("tree")) for res in rep.results)
        cuts = sum(_bisections((res.proof or {}).get("tree")) for res in rep.results)
        t0 = time.perf_counter()
        check = check_certificate(make_robust_certificate(net, pts, ys, rep))
        t_check = time.perf_counter() - t0
        print(f"{name:<30} {norm:>4} {r:>6} {t_base:>7.2f} {t_proof:>8.2f} "
              f"{t_proof / t_base:>6.2f} {leaves:>7} {cuts:>6} {t_check:>8.2f}  {check.verdict}"
              f"{' (robust: ' + str(rep.robust) + ')' if rep.robust is not True else ''}"
              f"{'; ' + str(len(check.trusted)) + ' part(s) trusted' if check.trusted else ''}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skip-grid4", action="store_true")
    ap.add_argument("--only-alternatives", action="store_true")
    ap.add_argument("--alternatives", action="store_true")
    ap.add_argument("--robust", action="store_true", help="also robustness proofs")
    ap.add_argument("--only-robust", action="store_true")
    args = ap.parse_args()
    if args.only_alternatives:
        alternatives()
        return
    if args.only_robust:
        robust_cases()
        return
    cases = [(3, "2-1-1"), (3, "2-2-1"), (3, "2-3-1")] + ([] if args.skip_grid4 else
                                                          [(4, "2-2-1")])
    print(f"{'case':<18} {'count':>6} {'uncert s':>9} {'cert s':>8} {'ratio':>6} "
          f"{'size KiB':>9} {'leaves':>7} {'lemmas':>7} {'check s':>8}")
    for K, arch in cases:
        r = run_case(K, arch)
        print(f"{r['case']:<18} {r['count']:>6} {r['uncertified_s']:>9.2f} "
              f"{r['certified_s']:>8.2f} {r['ratio']:>6.2f} {r['size_kb']:>9.1f} "
              f"{r['leaves']:>7} {r['lemmas']:>7} {r['check_s']:>8.2f}")
    if args.alternatives:
        alternatives()
    if args.robust:
        robust_cases()


if __name__ == "__main__":
    main()
