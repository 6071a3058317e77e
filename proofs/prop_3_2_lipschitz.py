"""Proposition 3.2, first part: f* is 1/ε-Lipschitz.

The Lipschitz quotient |f*(x) − f*(y)| / ||x − y|| is computed for every pair of
points of a rational lattice in [0,1]^2 (plus the points of A and B), for three
exactly 2ε-separated configurations, under ℓ∞ (exact Fractions) and ℓ2
(certified intervals, refined until they decide).  The claim fails if some
quotient exceeds 1/ε; the largest quotient found is reported, and on the
``segment`` configuration it equals 1/ε exactly, so the constant is tight.

>>> r = check(eps="1/4", step="1/2", norms=["inf"])
>>> r.verdict, r.evidence["max_quotient"]["inf"]
('holds-on-instances', '4/1')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from typing import Any

from proofs._prop32 import STATEMENT, configurations, lattice_points
from proofs.claim import FAILS, HOLDS_ON_INSTANCES, OUT_OF_REACH, ClaimResult, table
from verify.exact import fraction_text, require_rational_range

ID = "prop-3.2-lipschitz"
TITLE = "Proposition 3.2: f* is 1/ε-Lipschitz"
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"eps": "1/4", "step": "1/4", "norms": ["inf", "2"]},
    "default": {"eps": "1/4", "step": "1/8", "norms": ["inf", "2"]},
    "full": {"eps": "1/8", "step": "1/16", "norms": ["inf", "2"]},
}


@dataclass
class _LargestQuotient:
    """The largest Lipschitz quotient found under one norm: exact, or an upper end."""

    value: Fraction | None = None
    exact: bool = False
    at: dict[str, Any] = field(default_factory=dict)

    def offer(self, q: Fraction, exact: bool, at: dict[str, Any]) -> None:
        """Keep ``q`` if larger (an exact value beats an equal upper end)."""
        if self.value is None or q > self.value or (q == self.value and exact
                                                    and not self.exact):
            self.value, self.exact, self.at = q, exact, at


@dataclass
class _Scan:
    """Every pair checked under every norm: the largest quotients, the table rows, the
    violations and the pairs the certified intervals left undecided."""

    e: Fraction
    largest: dict[str, _LargestQuotient] = field(default_factory=dict)
    rows: list[list[Any]] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    undecided: int = 0
    pairs_checked: int = 0

    def scan_norm(self, norm: str, pts: list[tuple[Fraction, Fraction]]) -> None:
        """The quotient of every pair of the lattice and each configuration's points."""
        from verify.geometry.checks import separation
        from verify.geometry.fstar import lipschitz_check

        e = self.e
        best = _LargestQuotient()
        for cfg in configurations(e):
            sep = separation(cfg["A"], cfg["B"], norm, eps=e)
            assert sep.holds, f"configuration {cfg['name']} is not 2ε-separated"
            cand = sorted(set(pts) | {tuple(Fraction(c) for c in p)
                                       for p in cfg["A"] + cfg["B"]})
            for x, y in combinations(cand, 2):
                c = lipschitz_check(x, y, cfg["A"], cfg["B"], norm, e)
                self.pairs_checked += 1
                if c.holds is None:
                    self.undecided += 1
                    continue
                q = c.evidence.get("quotient")
                exact = q is not None
                if q is None:  # an upper end: attains nothing, only bounds the quotient
                    q = c.evidence["quotient_interval"][1]
                best.offer(q, exact, {"config": cfg["name"], "x": x, "y": y})
                if c.holds is False:
                    self.violations.append({"norm": norm, "config": cfg["name"], "x": x,
                                            "y": y, **c.evidence})
        self.largest[norm] = best
        self.rows.append([norm, best.value if best.exact or best.value is None
                          else f"≤ {best.value}", 1 / e,
                          "yes" if best.value == 1 / e and best.exact else "no",
                          best.at.get("config")])

    def text(self, norm: str) -> str | None:
        """The largest quotient under ``norm`` as text (None when no pair was decided)."""
        value = self.largest[norm].value
        return fraction_text(value) if value is not None else None


def _explanation(scan: _Scan, step: object, attained: list[str]) -> str:
    """What was checked, the violations and undecided pairs, and whether 1/ε is attained."""
    violations, undecided = scan.violations, scan.undecided
    return (
        f"For ε = {scan.e}, every pair among the lattice points of step {step} in [0,1]^2 and "
        f"the points of three exactly 2ε-separated configurations was checked "
        f"({scan.pairs_checked} pairs, ℓ∞ exactly, ℓ2 by certified intervals): "
        f"{len(violations)} quotients exceed 1/ε, {undecided} undecided"
        + (" (so nothing is concluded: an undecided pair could hide a violation). "
           if undecided and not violations else ". ")
        + ("The bound is attained exactly (under "
           + ", ".join("ℓ∞" if n == "inf" else "ℓ" + n for n in attained)
           + ", on the segment configuration, where f* falls linearly from 1 to −1 over a "
           "length 2ε), so 1/ε is the best constant. " if attained else "")
        + "This matches the general argument: |∇f*| ≤ 2/(d_A + d_B) ≤ 1/ε."
    )


def check(eps: object, step: object, norms: list[str]) -> ClaimResult:
    """Check the Lipschitz bound of f* on all pairs of lattice points.

    Parameters
    ----------
    eps : rational in (0, 1/4]
    step : rational, the lattice step (1/step an integer)
    norms : list of "inf" and/or "2"
    """
    e = require_rational_range(eps, "eps", 0, Fraction(1, 4), low_open=True)
    pts = lattice_points(step)
    scan = _Scan(e)
    for norm in norms:
        scan.scan_norm(norm, pts)
    violations, undecided = scan.violations, scan.undecided
    evidence = {
        "bound": 1 / e,
        "max_quotient": {n: scan.text(n) for n in norms},
        "max_quotient_at": {n: scan.largest[n].at for n in norms},
        "max_quotient_exact": {n: scan.largest[n].exact for n in scan.largest},
        "pairs_checked": scan.pairs_checked,
        "undecided_pairs": undecided,
        "violations": violations[:5],
        "violation_count": len(violations),
    }
    attained = [n for n in norms if scan.text(n) == fraction_text(1 / e)
                and scan.largest[n].exact]
    if violations:
        verdict = FAILS
    elif undecided:  # an undecided pair could hide a violation: nothing is concluded
        verdict = OUT_OF_REACH
    else:
        verdict = HOLDS_ON_INSTANCES
    reason = {
        FAILS: f"{len(violations)} pair(s) with quotient above 1/ε",
        OUT_OF_REACH: f"{undecided} pair(s) undecided by certified intervals",
        HOLDS_ON_INSTANCES: f"quotient ≤ 1/ε on all {scan.pairs_checked} lattice pairs"
        + (" and attained exactly" if attained else ""),
    }[verdict]
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"eps": e, "step": step, "norms": norms},
        verdict=verdict, evidence=evidence, explanation=_explanation(scan, step, attained),
        evidence_kind={FAILS: "counterexample", OUT_OF_REACH: "none"}.get(verdict, "exact"),
        reason=reason,
        tables=[table("prop32_lipschitz", f"Proposition 3.2: largest Lipschitz quotient of f* "
                      f"found, against 1/ε (ε = {e})",
                      ["norm", "max quotient", "1/eps", "attained", "configuration"],
                      scan.rows)],
    )
