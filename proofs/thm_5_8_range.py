"""Theorem 5.8: for which ε does the stated lower bound exceed 1?

N_k = Ω((2ε√(d/k))^(−k/2)) exceeds 1 exactly when 2ε√(d/k) < 1, i.e. 4ε²d < k, i.e.
ε < √(k/d)/2; with the Bishop–Gromov constant kept (thm-5.8-packing-constant, and
vol(M) = 1) exactly when ε < √(k/d)/(4√(2πe)).  Section 5 motivates the theorem by
MNIST, d = 784 with intrinsic dimension about k = 10: there the stated bound says
something only for ε < √10/56 ≈ 0.0565, and the honest one only for ε ≈ 0.0068
and below, while the usual ℓ∞ radii on MNIST are 0.1 and 0.3.  Decided exactly
(rational comparisons, certified brackets of π and e).

>>> r = check(pairs=[{"d": 784, "k": 10}], radii=["1/10", "1/20"])
>>> r.verdict, r.evidence["pairs"][0]["stated_exceeds_one"]
('holds-with-correction', {'1/10': False, '1/20': True})
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from proofs._certified import e_bounds, pi_bounds, root_bounds
from proofs._util import decimal_text
from proofs.claim import HOLDS_WITH_CORRECTION, ClaimResult, table
from verify.exact import fraction_text, require_int, require_rational_range

ID = "thm-5.8-range"
TITLE = "Theorem 5.8: the range of ε where the stated lower bound exceeds 1"
STATEMENT = (
    "N_k = Ω((2ε√(d/k))^{−k/2}) (Theorem 5.8), 'a lower bound that grows exponentially with "
    "respect to k — the curse of dimensionality is inevitable' (abstract), for data such as "
    "MNIST (d = 784, intrinsic dimension about 10; Section 5)."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"pairs": [{"d": 784, "k": 10}], "radii": ["1/10", "3/10", "1/20", "1/200"]},
    "default": {"pairs": [{"d": 784, "k": 10}, {"d": 3072, "k": 20}, {"d": 100, "k": 5}],
                "radii": ["3/10", "1/10", "8/255", "1/20", "1/100", "1/200"]},
    "full": {"pairs": [{"d": 784, "k": 10}, {"d": 3072, "k": 20}, {"d": 100, "k": 5},
                       {"d": 150528, "k": 40}],
             "radii": ["3/10", "1/10", "8/255", "1/20", "1/100", "1/200", "1/1000"]},
}


def _pair_thresholds(pair: dict[str, Any], rs: list[Fraction], pi: tuple[Fraction, Fraction],
                     e: tuple[Fraction, Fraction]) -> tuple[dict[str, Any], list[Any]]:
    """The exact thresholds on ε for one (d, k), stated and with the constant, and which
    radii fall below each; the pair's evidence and table row."""
    (p_lo, p_hi), (e_lo, e_hi) = pi, e
    d = require_int(pair["d"], "d", 1, 10**7)
    k = require_int(pair["k"], "k", 1, d)
    # stated: ε < sqrt(k/d)/2; honest: ε < sqrt(k/d)/(4·sqrt(2πe)) (vol(M) = 1)
    stated = root_bounds(Fraction(k, 4 * d), Fraction(k, 4 * d), 2, 40)
    honest = root_bounds(Fraction(k, 32 * d) / (p_hi * e_hi),
                         Fraction(k, 32 * d) / (p_lo * e_lo), 2, 40)
    exceeds = {fraction_text(r): 4 * r * r * d < k for r in rs}
    # 32·π·e·ε²·d < k, decided with the brackets (None: too close to tell)
    honest_exceeds: dict[str, bool | None] = {}
    for r in rs:
        if 32 * p_hi * e_hi * r * r * d < k:
            honest_exceeds[fraction_text(r)] = True
        elif 32 * p_lo * e_lo * r * r * d >= k:
            honest_exceeds[fraction_text(r)] = False
        else:
            honest_exceeds[fraction_text(r)] = None
    entry = {"d": d, "k": k, "stated_threshold": {"lo": stated[0], "hi": stated[1],
                                                  "decimal": decimal_text(stated[0])},
             "honest_threshold": {"lo": honest[0], "hi": honest[1],
                                  "decimal": decimal_text(honest[0])},
             "stated_exceeds_one": exceeds, "honest_exceeds_one": honest_exceeds}
    row = [d, k, decimal_text(stated[0], 5), decimal_text(honest[0], 5),
           " ".join(f"{r}" for r in rs if exceeds[fraction_text(r)]) or "none",
           " ".join(f"{r}" for r in rs if honest_exceeds[fraction_text(r)]) or "none"]
    return entry, row


def _explanation(first: dict[str, Any], rs: list[Fraction]) -> str:
    """Both thresholds at the first pair (MNIST), and the radii where the bound says anything."""
    return (
        "The stated bound (2ε√(d/k))^(−k/2) exceeds 1 exactly when 4ε²d < k; with the "
        "Bishop–Gromov constant kept (vol(M) = 1) exactly when 32πe·ε²d < k (decided with "
        f"certified brackets of π and e). At d = {first['d']}, k = {first['k']} (MNIST as in "
        f"Section 5): ε < {first['stated_threshold']['decimal']}… (stated) and ε < "
        f"{first['honest_threshold']['decimal']}… (honest constant). Of the radii "
        + ", ".join(fraction_text(r) for r in rs) + ", the stated bound exceeds 1 only for "
        + (", ".join(r for r, v in first["stated_exceeds_one"].items() if v) or "none")
        + " and the honest one only for "
        + (", ".join(r for r, v in first["honest_exceeds_one"].items() if v) or "none")
        + ". For the usual ℓ∞ radii 0.1 and 0.3 the theorem gives no size bound at all "
        "there: the exponential growth in k holds only for ε < √(k/d)/2 (and, with the "
        "constant, ε < √(k/d)/(4√(2πe)))."
    )


def check(pairs: list[dict[str, Any]], radii: list[Any]) -> ClaimResult:
    """The exact thresholds on ε for each (d, k), and which radii fall below them."""
    rs = [require_rational_range(r, "radius", 0, Fraction(1, 2), low_open=True) for r in radii]
    pi, e = pi_bounds(60), e_bounds(60)
    out: list[dict[str, Any]] = []
    rows: list[list[Any]] = []
    for pair in pairs:
        entry, row = _pair_thresholds(pair, rs, pi, e)
        out.append(entry)
        rows.append(row)
    first = out[0]
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT, parameters={"pairs": pairs, "radii": rs},
        verdict=HOLDS_WITH_CORRECTION,
        evidence={"pairs": out}, explanation=_explanation(first, rs), evidence_kind="exact",
        reason=(f"exceeds 1 only for ε < √(k/d)/2 (4ε²d < k, exact): ε < "
                f"{first['stated_threshold']['decimal'][:6]} at d = {first['d']}, "
                f"k = {first['k']}, and ε < {first['honest_threshold']['decimal'][:6]} with "
                "the Bishop–Gromov constant; vacuous at the usual ε = 0.1, 0.3"),
        tables=[table("thm58_range", "Theorem 5.8: largest eps for which the lower bound "
                      "exceeds 1 (stated form; with the Bishop-Gromov constant, vol(M) = 1)",
                      ["d", "k", "eps below (stated)", "eps below (constant kept)",
                       "radii where stated > 1", "radii where honest > 1"], rows)],
    )
