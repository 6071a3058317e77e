"""Proposition 3.2, second part, at radii r < ε: f* has zero robust error.

For each exactly 2ε-separated configuration and each radius r < ε, the robust
error of f* on A ∪ B (closed ℓ∞ ball of radius r, uniform weights) is decided
exactly with the geometry module's procedure (z3 over linear real arithmetic,
witnesses re-checked in Fractions).  Under ℓ2 the same conclusion follows from
the triangle inequality: d(x', A) <= r < ε < 2ε − r <= d(x', B); it is
reported as an argument, not a computation.

>>> check(eps="1/4", radii=["1/8"]).verdict
'holds'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from proofs._prop32 import STATEMENT, configurations
from proofs.claim import FAILS, HOLDS, ClaimResult, table
from verify.exact import require_rational_range

ID = "prop-3.2-robust"
TITLE = "Proposition 3.2: zero robust error of f* at radius r < ε"
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"eps": "1/4", "radii": ["0", "1/8", "249/1000"]},
    "default": {"eps": "1/4", "radii": ["0", "1/16", "1/8", "3/16", "249/1000", "2499/10000"]},
    "full": {"eps": "1/8", "radii": ["0", "1/32", "1/16", "3/32", "1249/10000",
                                     "12499/100000"]},
}


def check(eps: object, radii: list[Any]) -> ClaimResult:
    """Decide the ℓ∞ robust error of f* at each radius r < ε on each configuration."""
    from verify.geometry.fstar import robust_error

    e = require_rational_range(eps, "eps", 0, Fraction(1, 4), low_open=True)
    rs = [require_rational_range(r, "radius", 0, e, high_open=True) for r in radii]
    rows: list[list[Any]] = []
    failures: list[dict[str, Any]] = []
    for cfg in configurations(e):
        for r in rs:
            c = robust_error(cfg["A"], cfg["B"], r, "inf")
            err = c.evidence["error"]
            rows.append([cfg["name"], r, err, c.evidence["misclassified"], c.evidence["total"]])
            if not c.holds:
                failures.append({"config": cfg["name"], "radius": r, **c.evidence})
    evidence = {"eps": e, "radii": rs, "cases": len(rows), "failures": failures[:5],
                "l2_argument": "d(x',A) <= r < eps < 2eps - r <= d(x',B) for ||x'-x||_2 <= r, "
                               "x in A, so f*(x') > 0 (symmetrically for B)"}
    explanation = (
        f"The robust error of f* at every radius r < ε = {e} was decided exactly under ℓ∞ on "
        f"three exactly 2ε-separated configurations ({len(rows)} cases, "
        f"{len(failures)} with positive error). A misclassified perturbation would need "
        "d(x', B) ≤ d(x', A), impossible when d(x', own class) ≤ r < ε and the classes are "
        "2ε apart; the same triangle-inequality argument covers ℓ2."
    )
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"eps": e, "radii": rs},
        verdict=FAILS if failures else HOLDS, evidence=evidence, explanation=explanation,
        tables=[table("prop32_robust", f"Proposition 3.2: exact ℓ∞ robust error of f* at "
                      f"radii below ε = {e}",
                      ["configuration", "radius", "robust error", "misclassified", "points"],
                      rows)],
    )
