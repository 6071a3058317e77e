"""Theorem 5.8: the order of quantifiers — a small manifold refutes the statement.

As printed, the sequence N_k and the constant C1 come first and then, for every
complete compact k-dimensional M ⊂ [0,1]^d with non-negative Ricci curvature,
there are 2ε-separated A, B ⊂ M with inf{L_P^{∞,cε}(f) : f ∈ F_{N_k}} ≥ C1·μ0.
Take M a circle of radius ρ < ε (k = 1; a closed curve has zero Ricci curvature,
it is compact and complete) centred at (1/2, …, 1/2) in the plane of the first two
coordinates.  Any two of its points are at ℓ∞ distance at most 2ρ < 2ε, so of two
2ε-separated A, B ⊂ M one is empty (or, if both must be non-empty, none exist);
a constant network (no non-zero weight, in every F_N) then has robust error 0 <
C1·μ0.  The statement fails; the packing bound of the proof carries vol(M)
(here 2πρ), so N_k must depend on M — e.g. N_k = Ω(√vol(M)·(…)^(−k/2)), or vol(M)
bounded below.  Checked exactly on rational points of the circle (Pythagorean
parametrization): pairwise ℓ∞ distances ≤ 2ρ < 2ε.

>>> r = check(d=3, rho="1/10", eps="1/8", points=12)
>>> r.verdict, r.evidence["max_linf_distance"] <= 2 * r.evidence["rho"]
('fails', True)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from proofs.claim import FAILS, NOT_CHECKED, ClaimResult
from verify.exact import require_int, require_rational_range

ID = "thm-5.8-quantifiers"
TITLE = "Theorem 5.8: order of quantifiers (a small manifold)"
STATEMENT = (
    "There exists a sequence {N_k} with N_k = Ω((2ε√(d/k))^{−k/2}) and a universal constant "
    "C1 > 0 such that: let M ⊂ [0,1]^d be a complete and compact k-dimensional Riemannian "
    "manifold with non-negative Ricci curvature, then there exist two 2ε-separated sets "
    "A, B ⊂ M under ℓ∞ such that for any μ0-balanced P on S = A ∪ B and c ∈ (0,1), "
    "inf{L_P^{∞,cε}(f) : f ∈ F_{N_k}} ≥ C1μ0 (Theorem 5.8)."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"d": 3, "rho": "1/10", "eps": "1/8", "points": 12},
    "default": {"d": 10, "rho": "1/10", "eps": "1/8", "points": 40},
    "full": {"d": 784, "rho": "1/100", "eps": "1/50", "points": 200},
}


def circle_points(d: int, rho: Fraction, count: int) -> list[tuple[Fraction, ...]]:
    """Rational points of the circle of radius ρ about (1/2, …, 1/2) in coordinates 1, 2:
    ((1 − t²)/(1 + t²), 2t/(1 + t²))·ρ for t = j/count (and the reflections)."""
    out = []
    for j in range(-count, count + 1):
        t = Fraction(j, max(count // 4, 1))
        u, v = (1 - t * t) / (1 + t * t), 2 * t / (1 + t * t)
        for su in (1, -1):
            p = [Fraction(1, 2)] * d
            p[0] += su * rho * u
            p[1] += rho * v
            out.append(tuple(p))
    return sorted(set(out))


def check(d: int, rho: object, eps: object, points: int) -> ClaimResult:
    """Pairwise ℓ∞ distances on a small circle against 2ε."""
    dd = require_int(d, "d", 2, 100_000)
    r = require_rational_range(rho, "rho", 0, Fraction(1, 2), low_open=True)
    e = require_rational_range(eps, "eps", 0, Fraction(1, 2), low_open=True)
    pts = circle_points(dd, r, require_int(points, "points", 2, 10_000))
    on_circle = all((p[0] - Fraction(1, 2)) ** 2 + (p[1] - Fraction(1, 2)) ** 2 == r * r
                    for p in pts)
    inside = all(0 <= c <= 1 for p in pts for c in p)
    # pairwise ℓ∞ distances: only the first two coordinates differ
    mx = max(max(abs(p[0] - q[0]), abs(p[1] - q[1])) for p in pts for q in pts)
    small = r < e
    evidence = {"d": dd, "rho": r, "eps": e, "points_checked": len(pts),
                "on_circle": on_circle, "inside_unit_cube": inside, "max_linf_distance": mx,
                "two_eps": 2 * e, "linf_diameter_bound": 2 * r, "volume": "2πρ"}
    applies = small and on_circle and inside and mx < 2 * e
    verdict = FAILS if applies else NOT_CHECKED
    explanation = (
        f"M = circle of radius ρ = {r} about (1/2, …, 1/2) in the plane of x1, x2 (d = {dd}, "
        "k = 1: compact, complete, zero Ricci curvature). Its ℓ∞ diameter is at most 2ρ = "
        f"{2 * r} < 2ε = {2 * e}; on {len(pts)} rational points of M (exactly on the circle, "
        f"inside [0,1]^d) the largest pairwise ℓ∞ distance is {mx}. So of any two "
        "2ε-separated A, B ⊂ M one is empty, and a constant network — no non-zero weight, "
        "in every F_N — has robust error 0 < C1μ0 for any N_k and C1 > 0: as printed, with "
        "N_k and C1 chosen before M, the theorem fails. The proof's packing bound is "
        "vol(M)·C_k·(2ε√(d/k))^(−k) (thm-5.8-packing-constant), < 1 here; corrected: N_k "
        "depends on M through vol(M) (N_k = Ω(√vol(M)·(4√(2πe)ε√(d/k))^(−k/2)) up to a log), "
        "or the theorem assumes vol(M) bounded below."
        if applies else
        "The circle chosen is not small enough to refute the statement (ρ ≥ ε); nothing "
        "is concluded."
    )
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"d": dd, "rho": r, "eps": e, "points": points},
        verdict=verdict, evidence=evidence, explanation=explanation,
        evidence_kind="counterexample" if applies else "none",
        reason=(f"a circle of radius {r} < ε (k = 1, Ricci 0) has ℓ∞ diameter < 2ε: one "
                "class is empty, a constant network has zero error; N_k must depend on "
                "vol(M)" if applies else "ρ ≥ ε: the circle does not refute it"),
    )
