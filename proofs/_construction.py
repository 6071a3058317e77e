"""Shared runner for the two checks of Theorem 4.3's construction (private).

>>> rows, failed, evidence = run_cases("inf", [{"eps": "1/4", "d": 2, "c": "1/2"}])
>>> sorted(failed)   # only the open-ball variant fails (the lift sits on the sphere)
['stilde_cover_open_ball']
>>> rows[0][4:]
['8 of 9', 'stilde_cover_open_ball']
"""

from __future__ import annotations

from typing import Any

__all__ = ["STATEMENT", "run_cases"]

STATEMENT = (
    "There exist two linear separable sets A, B ⊂ [0,1]^d that are 2ε-separated under ℓp "
    "such that … robust radius cε (Theorem 4.3); proof: K = ⌊1/(2ε)⌋, "
    "S_φ = {(i_1/K, …, i_{d−1}/K, 1/2 + ε0·φ(i))}, split by x^(d) = 1/2 into A_φ, B_φ; "
    "robustness at cε gives labelings of S̃ = {(i/K, 1/2)}."
)


def _mark(v: bool | None) -> str:
    return "undecided" if v is None else ("yes" if v else "NO")


def run_cases(norm: str, cases: list[dict[str, Any]], count: int = 8
              ) -> tuple[list[list[Any]], dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Run ``construction_checks`` on each case; return table rows, failures by check, evidence.

    Each table row is ``[eps, d, c, reading, "k of m", "checks not holding"]``
    (short enough for a LaTeX table; every check's value is in the evidence).
    """
    from verify.geometry import construction_checks

    rows: list[list[Any]] = []
    failed: dict[str, list[dict[str, Any]]] = {}
    evidence: list[dict[str, Any]] = []
    for case in cases:
        checks = construction_checks(None, case["d"], case["eps"], case["c"], norm=norm,
                                     eps0=case.get("eps0"), count=count)
        reading = "appendix ε0 = cε" if case.get("eps0") is None else f"ε0 = {case['eps0']}"
        names = [c.name for c in checks]
        for c in checks:
            if c.holds is not True:
                failed.setdefault(c.name, []).append({**case, "holds": c.holds, **c.evidence})
        evidence.append({**case, "reading": reading,
                         "checks": {c.name: c.holds for c in checks},
                         "phis_checked": max((c.evidence.get("phis_checked", 0) for c in checks),
                                             default=0)})
        not_holding = [f"{n} ({_mark(c.holds)})" if c.holds is None else n
                       for n, c in zip(names, checks, strict=True) if c.holds is not True]
        rows.append([case["eps"], case["d"], case["c"], reading,
                     f"{len(names) - len(not_holding)} of {len(names)}",
                     ", ".join(not_holding) or "none"])
    return rows, failed, evidence
