"""Lemma 5.6 as printed: the size Õ((√d·L/δ)^(−k̃)) has its ratio inverted.

As printed, a ReLU network with at most Õ((√d·L/δ)^(−k̃)) parameters approximates any
L-Lipschitz g on M to within δ.  Whenever √d·L > δ (every d ≥ 1 once L > δ; in the
application L = 1/ε and δ = 1 − c) the base exceeds 1, so the bound is below 1 and
tends to 0 as d grows; even with the polylog factors of Õ, x·ln(1/x)^p → 0
(sympy).  A network with no non-zero weight is constant, and a constant cannot
approximate g(x) = L·x_1 on the flat segment M = [0,1] × {1/2}^(d−1) (k = 1) to
within δ < L/2 (g takes the values 0 and L).  So for large d the printed lemma
promises what no network does: it fails.  Theorem 5.5 uses the inverse,
((1 − c)ε/√d)^(−k̃) = (√d·L/δ)^(k̃) with L = 1/ε, δ = 1 − c — the corrected form
Õ((δ/(√d·L))^(−k̃)).

>>> r = check(instances=[{"d": 784, "k": 10, "eps": "1/10", "c": "1/2"}])
>>> r.verdict, r.evidence["instances"][0]["base_squared"]
('fails', Fraction(313600, 1))
"""

from __future__ import annotations

from typing import Any

from proofs.claim import FAILS, NOT_CHECKED, ClaimResult, table
from verify.exact import require_int, require_rational_range

ID = "lemma-5.6-ratio"
TITLE = "Lemma 5.6 as printed: the size bound's ratio is inverted"
STATEMENT = (
    "For any small δ > 0 and an L-Lipschitz g : M → R there exists g̃ implemented by a ReLU "
    "network with at most Õ((√d L/δ)^{−k̃}) parameters such that |g − g̃| < δ on M, where "
    "k̃ is the same as in Theorem 5.5 (Lemma 5.6)."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"instances": [{"d": 784, "k": 10, "eps": "1/10", "c": "1/2"}]},
    "default": {"instances": [{"d": 2, "k": 1, "eps": "1/4", "c": "1/2"},
                              {"d": 784, "k": 10, "eps": "1/10", "c": "1/2"},
                              {"d": 3072, "k": 20, "eps": "1/10", "c": "1/2"}]},
    "full": {"instances": [{"d": 2, "k": 1, "eps": "1/4", "c": "1/2"},
                           {"d": 784, "k": 10, "eps": "1/10", "c": "1/2"},
                           {"d": 3072, "k": 20, "eps": "1/10", "c": "1/2"},
                           {"d": 150528, "k": 40, "eps": "1/100", "c": "9/10"}]},
}


def symbolic_facts() -> dict[str, str]:
    """sympy: x·ln(1/x)^p → 0 as x → 0+ (p > 0); Theorem 5.5's base = 1/(Lemma 5.6's)."""
    import sympy as sp

    x, p, d, eps, c = sp.symbols("x p d epsilon c", positive=True)
    lim = sp.limit(x * sp.log(1 / x) ** p, x, 0, "+")
    lemma_base = sp.sqrt(d) * (1 / eps) / (1 - c)
    theorem_base = (1 - c) * eps / sp.sqrt(d)
    return {"limit_x_log_power": str(lim),
            "lemma_base_times_theorem_base": str(sp.simplify(lemma_base * theorem_base))}


def check(instances: list[dict[str, Any]]) -> ClaimResult:
    """At each instance (L = 1/ε, δ = 1 − c): is the printed bound below 1 (exactly)?"""
    sym = symbolic_facts()
    out = []
    rows = []
    for inst in instances:
        d = require_int(inst["d"], "d", 1, 10**7)
        k = require_int(inst["k"], "k", 1, d)
        e = require_rational_range(inst["eps"], "eps", 0, 1, low_open=True, high_open=True)
        c = require_rational_range(inst["c"], "c", 0, 1, low_open=True, high_open=True)
        L, delta = 1 / e, 1 - c
        base_sq = d * L * L / (delta * delta)  # (√d·L/δ)² exactly
        below_one = base_sq > 1  # then (√d·L/δ)^(−k̃) < 1 for every k̃ > 0
        out.append({"d": d, "k": k, "eps": e, "c": c, "L": L, "delta": delta,
                    "base_squared": base_sq, "printed_bound_below_one": below_one,
                    "constant_fails": delta < L / 2})
        rows.append([d, k, e, c, base_sq, "yes" if below_one else "no"])
    refuted = (sym["limit_x_log_power"] == "0"
               and all(x["printed_bound_below_one"] and x["constant_fails"] for x in out))
    verdict = FAILS if refuted else NOT_CHECKED
    explanation = (
        "With L = 1/ε and δ = 1 − c (the application in Theorem 5.5) the base √d·L/δ of the "
        "printed bound exceeds 1 at every listed instance (its square: "
        + ", ".join(str(x["base_squared"]) for x in out)
        + "), so Õ((√d L/δ)^(−k̃)) is below 1 and tends to 0 as d grows; polylog factors do "
        f"not help (sympy: x·ln(1/x)^p → {sym['limit_x_log_power']}). A network with no "
        "non-zero weight computes a constant, and no constant is within δ < L/2 of "
        "g(x) = L·x_1 on the flat segment [0,1] × {1/2}^(d−1) (k = 1), which takes the values "
        "0 and L. So, as printed, the lemma fails for large d. Theorem 5.5's own size "
        "((1 − c)ε/√d)^(−k̃) is the inverse of the printed base (sympy: their product is "
        f"{sym['lemma_base_times_theorem_base']}): the intended bound is "
        "Õ((δ/(√d·L))^(−k̃)) = Õ((√d·L/δ)^(k̃))."
    )
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT, parameters={"instances": instances},
        verdict=verdict, evidence={"symbolic": sym, "instances": out},
        explanation=explanation,
        evidence_kind="counterexample+symbolic" if refuted else "none",
        reason=("the printed (√d L/δ)^(−k̃) is < 1 and → 0 (L > δ): it promises a constant "
                "network for L·x_1 to within δ < L/2; the intended size is (√d L/δ)^(k̃), "
                "as Theorem 5.5 uses" if refuted else "no instance refutes it"),
        tables=[table("lemma56", "Lemma 5.6 as printed: base sqrt(d) L / delta (squared, "
                      "exact) with L = 1/eps, delta = 1 - c; a base above 1 makes the bound "
                      "below 1", ["d", "k", "eps", "c", "(sqrt(d) L/delta)^2",
                                  "printed bound < 1"], rows)],
    )
