"""Proposition 3.2, second part, at radii r < ε: f* has zero robust error.

For each exactly 2ε-separated configuration and each radius r < ε, the robust
error of f* on A ∪ B (closed ℓp ball of radius r, uniform weights) is decided
exactly with the geometry module's procedure under ℓ∞ and ℓ2 (z3 over linear,
respectively nonlinear, real arithmetic; witnesses re-checked exactly).

>>> check(eps="1/4", radii=["1/8"]).verdict
'holds-on-instances'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from proofs._prop32 import STATEMENT, configurations
from proofs.claim import FAILS, HOLDS_ON_INSTANCES, OUT_OF_REACH, ClaimResult, table
from verify.exact import require_rational_range

ID = "prop-3.2-robust"
TITLE = "Proposition 3.2: zero robust error of f* at radius r < ε"
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"eps": "1/4", "radii": ["0", "1/8", "249/1000"], "norms": ["inf", "2"]},
    "default": {"eps": "1/4", "radii": ["0", "1/16", "1/8", "3/16", "249/1000", "2499/10000"],
                "norms": ["inf", "2"]},
    "full": {"eps": "1/8", "radii": ["0", "1/32", "1/16", "3/32", "1249/10000",
                                     "12499/100000"], "norms": ["inf", "2"]},
}


def check(eps: object, radii: list[Any], norms: list[str] | None = None) -> ClaimResult:
    """Decide the robust error of f* at each radius r < ε on each configuration."""
    from verify.encodings.fstar_robust import robust_error

    e = require_rational_range(eps, "eps", 0, Fraction(1, 4), low_open=True)
    rs = [require_rational_range(r, "radius", 0, e, high_open=True) for r in radii]
    rows: list[list[Any]] = []
    failures: list[dict[str, Any]] = []
    norms = ["inf", "2"] if norms is None else list(norms)
    undecided = 0
    for norm in norms:
        for cfg in configurations(e):
            for r in rs:
                c = robust_error(cfg["A"], cfg["B"], r, norm)
                if c.holds is None:
                    undecided += 1
                rows.append([norm, cfg["name"], r, c.evidence.get("error"),
                             c.evidence.get("misclassified"), c.evidence.get("total")])
                if c.holds is False:
                    failures.append({"norm": norm, "config": cfg["name"], "radius": r,
                                     **c.evidence})
    evidence = {"eps": e, "radii": rs, "norms": norms, "cases": len(rows),
                "undecided": undecided, "failures": failures[:5]}
    verdict = FAILS if failures else (OUT_OF_REACH if undecided else HOLDS_ON_INSTANCES)
    explanation = (
        f"The robust error of f* at every radius r < ε = {e} was decided exactly under "
        f"{' and '.join('ℓ∞' if n == 'inf' else 'ℓ' + n for n in norms)} on three exactly "
        f"2ε-separated configurations ({len(rows)} cases, {len(failures)} with positive error, "
        f"{undecided} undecided"
        + ("; an undecided case could hide a positive error, so nothing is concluded"
           if undecided and not failures else "")
        + "). The argument: for ||x' − x|| ≤ r < ε with x in "
        "A, d(x', A) ≤ r < ε < 2ε − r ≤ d(x', B), so f*(x') > 0."
    )
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"eps": e, "radii": rs, "norms": norms},
        # an undecided case could hide a positive error: "holds" needs every case decided
        verdict=verdict, evidence=evidence, explanation=explanation,
        evidence_kind={FAILS: "counterexample", OUT_OF_REACH: "none"}.get(verdict, "solver"),
        reason={FAILS: f"{len(failures)} case(s) with positive robust error below ε",
                OUT_OF_REACH: f"{undecided} case(s) undecided",
                HOLDS_ON_INSTANCES: f"robust error 0 decided exactly in all {len(rows)} cases "
                                    "(3 configurations, radii < ε)"}[verdict],
        tables=[table("prop32_robust", f"Proposition 3.2: exact robust error of f* at "
                      f"radii below ε = {e}",
                      ["norm", "configuration", "radius", "robust error", "misclassified",
                       "points"], rows)],
    )
