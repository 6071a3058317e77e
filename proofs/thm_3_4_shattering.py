"""Theorem 3.4's shattering step on small grids.

The appendix takes K = ⌊1/(2ε)⌋ + 1 and the grid G = {2ε·(i_1, …, i_d) : 0 <= i_j < K}.
Every labelling of G splits it into two 2ε-separated sets in [0,1]^d, so a class
that classifies every such pair must shatter G: VC-dim >= K^d > (2ε)^{−d}.
Checked exactly: G lies in [0,1]^d, its minimum pairwise distance is >= 2ε under
ℓ∞ and ℓ2 (so the same grid serves both norms), and K^d > (2ε)^{−d}.  On the
smallest grids the step is then run on real classes: the realized set of each
one-hidden-layer architecture d-h-1 (exact, from the encodings module) shows
which widths shatter G, i.e. which networks could satisfy the hypothesis.

>>> r = check(cases=[{"eps": "1/4", "d": 1}], widths=[1, 2], timeout=20)
>>> r.verdict, r.evidence["cases"][0]["smallest_shattering_width"]
('holds-on-instances', 2)
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations, product
from typing import Any

from proofs.claim import FAILS, HOLDS_ON_INSTANCES, ClaimResult, table
from verify.exact import require_int, require_rational_range

ID = "thm-3.4-shattering"
TITLE = "Theorem 3.4: the shattering step on small grids"
STATEMENT = (
    "If for any 2ε-separated A, B ⊂ [0,1]^d some f ∈ F_n classifies A, B with zero test "
    "error, then n = Ω((2ε)^{−d/2}(d log(1/2ε))^{−1/2}) (Theorem 3.4); proof: the grid "
    "{2ε·(i_1,…,i_d) : 0 ≤ i_j < K}, K = ⌊1/(2ε)⌋ + 1, must be shattered, so K^d ≤ VC-dim."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"cases": [{"eps": "1/4", "d": 1}, {"eps": "1/2", "d": 2},
                        {"eps": "1/4", "d": 2}], "widths": [1, 2], "timeout": 20,
              "measure_max_points": 4, "certify_max_points": 4},
    "default": {"cases": [{"eps": "1/4", "d": 1}, {"eps": "1/6", "d": 1}, {"eps": "1/8", "d": 1},
                          {"eps": "1/2", "d": 2}, {"eps": "1/4", "d": 2}, {"eps": "1/2", "d": 3},
                          {"eps": "1/4", "d": 3}, {"eps": "1/6", "d": 2}],
                "widths": [1, 2, 3], "timeout": 60, "measure_max_points": 9,
                "certify_max_points": 8},
    "full": {"cases": [{"eps": "1/4", "d": 1}, {"eps": "1/6", "d": 1}, {"eps": "1/8", "d": 1},
                       {"eps": "1/2", "d": 2}, {"eps": "1/4", "d": 2},
                       {"eps": "1/4", "d": 3}, {"eps": "1/6", "d": 2}, {"eps": "1/2", "d": 3}],
             "widths": [1, 2, 3, 4], "timeout": 300, "measure_max_points": 9,
             "certify_max_points": 9},
}


def _grid(eps: Fraction, d: int) -> tuple[int, list[tuple[Fraction, ...]]]:
    K = math.floor(1 / (2 * eps)) + 1
    pts = [tuple(2 * eps * i for i in idx) for idx in product(range(K), repeat=d)]
    return K, pts


def _grid_geometry(e: Fraction, d: int) -> tuple[dict[str, Any], list[tuple[Fraction, ...]],
                                                  bool]:
    """The grid of ε and d checked exactly: inside [0,1]^d, its least distances under ℓ∞ and
    ℓ2 (squared) against 2ε, and K^d > (2ε)^−d; the case's entry, the points, and whether
    all three hold."""
    from verify.geometry.norms import distance_key

    K, pts = _grid(e, d)
    n = len(pts)
    inside = all(0 <= c <= 1 for p in pts for c in p)
    if n > 1:
        min_inf = min(distance_key(p, q, "inf") for p, q in combinations(pts, 2))
        min_l2sq = min(distance_key(p, q, "2") for p, q in combinations(pts, 2))
    else:
        min_inf, min_l2sq = None, None
    sep_ok = n == 1 or (min_inf is not None and min_l2sq is not None
                        and min_inf >= 2 * e and min_l2sq >= 4 * e * e)
    count_ok = Fraction(K) ** d > (2 * e) ** -d
    entry: dict[str, Any] = {
        "eps": e, "d": d, "K": K, "points": n, "in_unit_cube": inside,
        "min_distance_inf": min_inf, "min_distance_l2_squared": min_l2sq,
        "two_eps": 2 * e, "count_exceeds_volume_bound": count_ok,
        "volume_bound": (2 * e) ** -d, "measured": [],
        "smallest_shattering_width": None,
    }
    return entry, pts, inside and sep_ok and count_ok


def _measure_widths(entry: dict[str, Any], pts: list[tuple[Fraction, ...]], widths: list[int],
                    timeout: object, certify_max_points: int,
                    certificates: list[dict[str, Any]]) -> None:
    """The realized set of d-h-1 for each width h in turn, until one shatters the grid; each
    complete count is certified (up to ``certify_max_points`` points) or noted as not."""
    from proofs._certificates import count_certificate
    from verify.encodings.realize import realized_set

    e, d, n = entry["eps"], entry["d"], len(pts)
    narrower_unknown = False  # a narrower width left incomplete may also shatter
    for h in widths:
        arch = f"{d}-{require_int(h, 'width', 1, 16)}-1"
        res = realized_set(pts, arch, "real", timeout=timeout)
        shattered = res.complete and res.count == 2**n
        entry["measured"].append({"architecture": arch, "count": res.count,
                                  "of": 2**n, "complete": res.complete,
                                  "reason": res.reason, "shattered": shattered})
        subject = (f"{arch} networks realize exactly {res.count} of the {2**n} "
                   f"labelings of the grid of ε = {e}, d = {d}")
        if res.complete and n <= certify_max_points:
            # the count, refutations included, as a certificate
            certificates.append(count_certificate(subject, pts, arch, "real", res.labelings))
        elif res.complete:
            certificates.append({
                "subject": subject, "certificate": None, "check": None,
                "note": f"not certified at this run size ({n} points, more than "
                        f"certify_max_points = {certify_max_points})"})
        if shattered:
            entry["shattering_width"] = h
            if not narrower_unknown:
                entry["smallest_shattering_width"] = h
            break
        narrower_unknown = narrower_unknown or not res.complete


def _table_row(entry: dict[str, Any]) -> list[Any]:
    """The case's geometry and its realized-set counts, for the table."""
    meas = "; ".join(f"{m['architecture']}: {m['count']}/{m['of']}"
                     + ("" if m["complete"] else " (incomplete)") for m in entry["measured"])
    return [entry["eps"], entry["d"], entry["K"], entry["points"],
            "yes" if entry["in_unit_cube"] else "NO", entry["min_distance_inf"],
            "yes" if entry["count_exceeds_volume_bound"] else "NO", meas or "not measured"]


def _explanation(cases: int, out: list[dict[str, Any]],
                 geometric_failures: list[dict[str, Any]]) -> str:
    """The geometry of the step, and the widths that first shattered each measured grid."""
    measured = [c for c in out if c["smallest_shattering_width"] is not None]
    return (
        f"For {cases} grids the geometry of the step was checked exactly: "
        + ("the grid lies in "
           "[0,1]^d, distinct points are at least 2ε apart under ℓ∞ and under ℓ2 (they differ by "
           "a multiple of 2ε in some coordinate), so every labelling gives a 2ε-separated pair "
           "and the class must shatter the grid; and K^d > (2ε)^{−d} since K > 1/(2ε). "
           if not geometric_failures else
           f"{len(geometric_failures)} grids fail (in_unit_cube, min distances against 2ε, or "
           "K^d > (2ε)^{−d}; see the cases with those fields). ")
        + "On the smallest grids the exact realized sets "
        "of d-h-1 networks show the step at work: "
        + ("; ".join(f"ε = {c['eps']}, d = {c['d']}: {c['points']} points first shattered at "
                     f"width {c['smallest_shattering_width']}" for c in measured)
           if measured else "no measured width shattered its grid within the limits")
        + ". The size bound then follows from VC-dim ≤ O(W² log W) (the appendix's form)."
    )


def check(cases: list[dict[str, Any]], widths: list[int], timeout: object,
          measure_max_points: int = 9, certify_max_points: int = 9) -> ClaimResult:
    """Check the grid's geometry exactly and measure shattering by small networks; the
    realized sets of grids of at most ``certify_max_points`` points get certificates."""
    from proofs._certificates import with_certificates

    out: list[dict[str, Any]] = []
    geometric_failures: list[dict[str, Any]] = []
    certificates: list[dict[str, Any]] = []
    certify_max_points = require_int(certify_max_points, "certify_max_points", 0, 24)
    for case in cases:
        e = require_rational_range(case["eps"], "eps", 0, Fraction(1, 2), low_open=True)
        d = require_int(case["d"], "d", 1, 6)
        entry, pts, geometry_ok = _grid_geometry(e, d)
        if not geometry_ok:
            geometric_failures.append(entry)
        if len(pts) <= measure_max_points:
            _measure_widths(entry, pts, widths, timeout, certify_max_points, certificates)
        out.append(entry)
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"cases": cases, "widths": widths, "timeout": timeout,
                    "measure_max_points": measure_max_points,
                    "certify_max_points": certify_max_points},
        verdict=FAILS if geometric_failures else HOLDS_ON_INSTANCES,
        evidence={"cases": out, "geometric_failures": len(geometric_failures)},
        explanation=_explanation(len(cases), out, geometric_failures),
        evidence_kind="counterexample" if geometric_failures else with_certificates(
            "exact+solver", certificates),
        reason=(f"{len(geometric_failures)} grid(s) fail the geometry of the step"
                if geometric_failures else
                f"the grid of {len(cases)} cases is in [0,1]^d, 2ε-separated under ℓ∞ and ℓ2, "
                "with K^d > (2ε)^(−d); the VC bound W² log W is cited, not checked"),
        tables=[table("thm34_shattering", "Theorem 3.4: the grid of the shattering step and "
                      "exact realized-set counts of d-h-1 networks",
                      ["eps", "d", "K", "points", "in [0,1]^d", "min l_inf distance",
                       "K^d exceeds (2eps)^-d", "realized labelings"],
                      [_table_row(entry) for entry in out])],
        certificates=certificates,
    )
