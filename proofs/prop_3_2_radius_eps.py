"""Proposition 3.2 exactly as printed: zero robust error at radius exactly ε.

Definition 3.1 uses the closed ball ||x' − x|| <= δ and the statement takes
δ = ε.  For A = {0} and B = {2ε·e1} (exactly 2ε-separated, inside [0,1]^d) the
midpoint x' = ε·e1 is at distance exactly ε from both points and f*(x') = 0,
which the sign convention counts as wrong for both labels.  So the robust error
at radius ε is 1, not 0: the printed statement fails; it holds for every radius
r < ε (see ``prop-3.2-robust``), or at radius ε with an open ball.

>>> r = check(eps="1/4", dims=[2])
>>> r.verdict, r.evidence["counterexamples"][0]["f_star_midpoint"]
('fails', '0/1')
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from proofs._prop32 import STATEMENT
from proofs.claim import FAILS, NOT_CHECKED, ClaimResult, table
from verify.exact import fraction_text, require_int, require_rational_range

ID = "prop-3.2-radius-eps"
TITLE = "Proposition 3.2 as printed: radius exactly ε (closed ball)"
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"eps": "1/4", "dims": [1, 2]},
    "default": {"eps": "1/4", "dims": [1, 2, 3]},
    "full": {"eps": "1/10", "dims": [1, 2, 3, 4]},
}


def _equidistant_case(e: Fraction, d: int, norm: str) -> tuple[dict[str, Any], Fraction]:
    """A = {0}, B = {2ε·e1} in R^d: f* at x' = ε·e1 and the robust error decided at radius ε
    and 99ε/100; the case's evidence and f*(x')."""
    from verify.encodings.fstar_robust import robust_error
    from verify.geometry.checks import separation
    from verify.geometry.fstar import f_star

    A = [tuple(Fraction(0) for _ in range(d))]
    B = [tuple([2 * e] + [Fraction(0)] * (d - 1))]
    mid = tuple([e] + [Fraction(0)] * (d - 1))
    sep = separation(A, B, norm, eps=e)
    value = f_star(mid, A, B, norm)
    entry: dict[str, Any] = {
        "d": d, "norm": norm, "A": A, "B": B, "perturbed_point": mid,
        "separated": sep.holds, "distance_to_A": e, "distance_to_B": e,
        "f_star_midpoint": fraction_text(value),
    }
    entry["robust_error_at_eps"] = robust_error(A, B, e, norm).evidence.get("error")
    entry["robust_error_below_eps"] = robust_error(A, B, e * Fraction(99, 100),
                                                   norm).evidence.get("error")
    return entry, value


def _explanation(dims: list[int], rows: list[list[Any]], found: bool) -> str:
    """Why the equidistant point is misclassified, and the robust errors decided."""
    def _values(col: int) -> str:
        vals = sorted({str(r[col]) for r in rows})
        return " and ".join(vals) if vals else "not computed"

    return (
        "Definition 3.1 takes the closed ball ||x' − x|| ≤ δ, and Proposition 3.2 claims "
        "zero robust error at δ = ε. With A = {0} and B = {2ε·e1}, exactly 2ε-separated, the "
        "point x' = ε·e1 lies at distance exactly ε from both, so f*(x') = 0: under the sign "
        "convention (f = 0 is wrong for both labels) both points are misclassified; whatever "
        "value sgn(0) were given, one of the two would be, so the error is positive under any "
        "convention (at least 1/2 for the uniform P). Decided "
        f"exactly under ℓ∞ and ℓ2 for d ∈ {{{', '.join(str(d) for d in dims)}}}: robust error "
        f"{_values(4)} at radius ε, {_values(5)} at radius 99ε/100. "
        + ("The printed statement therefore fails; it holds with the radius strictly below ε "
           "(see prop-3.2-robust), or with an open ball in Definition 3.1."
           if found else "No counterexample was found at these sizes.")
    )


def check(eps: object, dims: list[int]) -> ClaimResult:
    """Exhibit the equidistant point at radius ε and decide the robust error there."""
    e = require_rational_range(eps, "eps", 0, Fraction(1, 2), low_open=True)
    counterexamples: list[dict[str, Any]] = []
    rows: list[list[Any]] = []
    for d in dims:
        d = require_int(d, "d", 1, 8)
        for norm in ("inf", "2"):
            entry, value = _equidistant_case(e, d, norm)
            if value == 0 and entry["separated"]:
                counterexamples.append(entry)
            rows.append([d, norm, "(" + ", ".join(str(c) for c in entry["perturbed_point"])
                         + ")", value, entry["robust_error_at_eps"],
                         entry["robust_error_below_eps"]])
    evidence = {"eps": e, "counterexamples": counterexamples,
                "sign_convention": "f(x) = 0 is wrong for both labels"}
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"eps": e, "dims": dims},
        # no counterexample at these sizes proves nothing: the statement is then unchecked
        verdict=FAILS if counterexamples else NOT_CHECKED, evidence=evidence,
        explanation=_explanation(dims, rows, bool(counterexamples)),
        reason=("f*(ε·e1) = 0 for A = {0}, B = {2ε·e1}: robust error > 0 at radius ε"
                if counterexamples else "no dimension was given to check"),
        tables=[table("prop32_radius_eps", f"Proposition 3.2 at radius exactly ε = {e}: "
                      "the equidistant perturbed point",
                      ["d", "norm", "x'", "f*(x')", "robust error at ε",
                       "at 99ε/100"], rows)],
    )
