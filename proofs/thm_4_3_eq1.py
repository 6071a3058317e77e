"""Equation (1) of Theorem 4.3's proof, step by step, over a grid of K, d, α.

The chain (1) is 2^V·C((1−α)n, V)/C(n, V) >= (2((1−α)n − V)/(n − V))^V >= C_α^n
with n = K^(d−1), V = n/2 and C_α = sqrt(2(1 − 2α)).  The paper treats V and
(1 − α)n as integers.  For every (K, d, α) of the grid both roundings of V are
evaluated with a = ⌈(1 − α)n⌉ (the count the argument guarantees), exactly, by
the bounds module (irrational members compared by squaring).  The verdict
separates the printed chain (each of its two inequalities) from the conclusion
the argument needs (left side >= C_α^n).

The corrected reading V = ⌈n/2⌉, a = ⌈(1 − α)n⌉ is then proved for every n >= 1
and 0 <= α <= 1/4 (:func:`proofs._proof43.eq1_proof`: sympy for the algebra,
exhaustion for small n), which gives the verdict "proved (corrected)".

>>> r = check(Ks=[2, 3], ds=[2, 3], alphas=["1/10"], proof_n_max=8, proof_alpha_den=4)
>>> r.verdict, r.evidence["conclusion_failures"], r.evidence["conclusion_failures_at_ceil_V"]
('proved-corrected', 1, 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from proofs._proof43 import eq1_proof
from proofs._util import corrected_verdict, kd_grid
from proofs.claim import (
    FAILS,
    HOLDS_WITH_CORRECTION,
    PROVED_CORRECTED,
    ClaimResult,
    table,
)
from verify.exact import require_int

if TYPE_CHECKING:
    from verify.bounds.chain import BoundChain, Reading

ID = "thm-4.3-eq1"
TITLE = "Equation (1), step by step"
STATEMENT = (
    "C(K^{d−1}, V)^{-1} · 2^V · C((1−α)K^{d−1}, V) ≥ "
    "(2((1−α)K^{d−1} − V)/(K^{d−1} − V))^V ≥ C_α^{K^{d−1}}, with V = K^{d−1}/2 and "
    "C_α = sqrt(2(1−2α)) > 1 for α = 0.1 (equation (1), proof sketch of Theorem 4.3)."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"Ks": [2, 3, 4, 5], "ds": [2, 3], "alphas": ["0", "1/10", "1/5", "3/10"],
              "proof_n_max": 16, "proof_alpha_den": 8},
    "default": {"Ks": [2, 3, 4, 5, 6, 7], "ds": [2, 3, 4],
                "alphas": ["0", "1/20", "1/10", "1/8", "1/5", "1/4", "3/10", "2/5"],
                "proof_n_max": 40, "proof_alpha_den": 16},
    "full": {"Ks": list(range(2, 13)), "ds": [2, 3, 4, 5],
             "alphas": ["0", "1/20", "1/10", "1/8", "1/5", "1/4", "3/10", "2/5", "9/20"],
             "proof_n_max": 120, "proof_alpha_den": 24},
}
_MAX_N = 20000


def _mark(v: bool | None) -> str:
    return "n/a" if v is None else ("yes" if v else "NO")


@dataclass
class _Grid:
    """Every reading of (1) on the grid: the table rows, the counts and the failures."""

    rows: list[list[Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {
        "readings": 0, "lhs_ge_middle_fails": 0, "middle_ge_rhs_fails": 0,
        "middle_undefined": 0})
    printed_failures: list[dict[str, Any]] = field(default_factory=list)
    conclusion_failures: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[list[int]] = field(default_factory=list)
    no_reading: list[dict[str, Any]] = field(default_factory=list)

    def add_reading(self, K: int, d: int, chain: BoundChain, r: Reading) -> None:
        """Count one reading (V, a) of the chain at (K, d, α) and keep its failures."""
        self.counts["readings"] += 1
        if r.middle is None:
            self.counts["middle_undefined"] += 1
        if r.lhs_ge_middle is False:
            self.counts["lhs_ge_middle_fails"] += 1
        if r.middle_ge_rhs is False:
            self.counts["middle_ge_rhs_fails"] += 1
        where = {"K": K, "d": d, "alpha": chain.alpha, "n": chain.n, "V": r.V, "a": r.a}
        if r.lhs_ge_middle is False or r.middle_ge_rhs is False:
            self.printed_failures.append({**where, "middle": r.middle,
                                          "rhs_squared": r.rhs_squared, "notes": list(r.notes)})
        if not r.lhs_ge_rhs:
            self.conclusion_failures.append({**where, "lhs": r.lhs,
                                             "rhs_squared": r.rhs_squared})
        self.rows.append([K, d, chain.alpha, chain.n, r.V, r.a, _mark(r.lhs_ge_middle),
                          _mark(r.middle_ge_rhs), _mark(r.lhs_ge_rhs)])

    def ceil_failures(self) -> list[dict[str, Any]]:
        """The conclusion's failures with V = ⌈n/2⌉."""
        return [f for f in self.conclusion_failures if 2 * f["V"] >= f["n"]]


def _evaluate_grid(Ks: list[int], ds: list[int], alphas: list[Any]) -> _Grid:
    """Both readings of V at every (K, d, α) with n = K^(d−1) <= 20000, exactly."""
    from verify.bounds.chain import bound_chain

    grid = _Grid()
    for K, d in kd_grid(Ks, ds, _MAX_N, grid.skipped):
        for alpha in alphas:
            chain = bound_chain(K, d, alpha)
            if not any(r.lhs_ge_rhs for r in chain.readings):
                grid.no_reading.append({"K": K, "d": d, "alpha": chain.alpha, "n": chain.n})
            for r in chain.readings:
                grid.add_reading(K, d, chain, r)
    return grid


def _grid_evidence(grid: _Grid) -> dict[str, Any]:
    """The counts, the failures (first six of each kind) and the symbolic middle = rhs."""
    from verify.bounds.chain import bound_chain, middle_equals_rhs_statement

    return {
        **grid.counts,
        "printed_chain_failures": len(grid.printed_failures),
        "printed_chain_failure_examples": grid.printed_failures[:6],
        "conclusion_failures": len(grid.conclusion_failures),
        "conclusion_failure_examples": grid.conclusion_failures[:6],
        "conclusion_failures_at_ceil_V": len(grid.ceil_failures()),
        "grid_points_without_any_reading": grid.no_reading,
        "skipped_too_large": grid.skipped,
        "degenerate_K1": bound_chain(1, 2, "1/10").to_json(),
        "symbolic_middle_equals_rhs": middle_equals_rhs_statement(),
    }


def _correction_text(ceil_fails: list[tuple[int, int, str]]) -> str:
    """The correction the grid supports, with the grid points where V = ⌈n/2⌉ fails."""
    if not ceil_fails:
        return "So the step holds with the correction V = ⌈n/2⌉, a = ⌈(1−α)n⌉. "
    return ("So the step holds with the correction a = ⌈(1−α)n⌉ and V = ⌈n/2⌉, except at "
            + ", ".join(f"(K, d, α) = ({k}, {d}, {a})" for k, d, a in ceil_fails[:5])
            + (f" and {len(ceil_fails) - 5} more" if len(ceil_fails) > 5 else "")
            + ", where only V = ⌊n/2⌋ gives the conclusion. ")


def _proof_text(proof: dict[str, Any]) -> str:
    """The corrected reading's proof, with its exhaustion's figures."""
    if not proof["holds"]:
        return "The proof of the corrected reading did not check out: see corrected_proof."
    ex = proof["exhaustive"]
    return (
        "Proof of the corrected reading for every n ≥ 1 and 0 ≤ α ≤ 1/4 (V = ⌈n/2⌉, "
        "a = ⌈(1−α)n⌉): a ≥ V since (1−α)n ≥ 3n/4; C(a,V)/C(n,V) = Π_{i<V} (a−i)/(n−i) "
        "and the factors decrease in i (sympy: r(i) − r(i+1) = (n−a)/((n−i)(n−i−1))), so "
        "it is ≥ ((a−V+1)/(n−V+1))^V; (a−V+1) − (1−2α)(n−V+1) = α(n−2V+2) + s ≥ 0 with "
        "a = (1−α)n + s (sympy), so the left side is ≥ (2(1−2α))^V, which is ≥ "
        "(2(1−2α))^(n/2) = C_α^n since 2(1−2α) ≥ 1 and V ≥ n/2. Exhaustion: "
        f"{ex['cases']} cases (n ≤ {ex['n_max']}, α = p/q ≤ 1/4, q ≤ "
        f"{ex['alpha_denominators_up_to']}), {ex['failures']} failures.")


def _explanation(grid: _Grid, ceil_fails: list[tuple[int, int, str]],
                 proof: dict[str, Any]) -> str:
    """What was evaluated, where the printed chain and the conclusion fail, the proof."""
    printed, conclusion = grid.printed_failures, grid.conclusion_failures
    odd = [f for f in printed if f["n"] % 2 == 1]
    at_ceil = len(grid.ceil_failures())
    return (
        f"All {grid.counts['readings']} readings (V = ⌊n/2⌋ and ⌈n/2⌉, a = ⌈(1−α)n⌉) on the "
        f"grid were evaluated exactly. The printed chain breaks at {len(printed)} readings "
        f"({len(odd)} of them with n odd, where V = n/2 is not an integer): there the middle "
        "member, computed with the literal (1−α)n, falls below C_α^n. When V = n/2 and "
        "(1−α)n are integers the middle equals C_α^n exactly (sympy: base 2 − 4α). The "
        "conclusion the argument needs, 2^V·C(a,V)/C(n,V) ≥ C_α^n, fails at "
        f"{len(conclusion)} readings, {len(conclusion) - at_ceil} of them "
        "with V = ⌊n/2⌋ < n/2 (e.g. α = 0, n odd: 2^⌊n/2⌋ < 2^(n/2)) and "
        f"{at_ceil} with V = ⌈n/2⌉; {len(grid.no_reading)} grid points have no valid reading. "
        + (_correction_text(ceil_fails) if not grid.no_reading else "")
        + "For K = 1 (ε > 1/4) the argument degenerates: n = 1 and the reading V = 0 gives "
        "1 < C_α. " + _proof_text(proof))


def _reason(verdict: str, grid: _Grid, contradictions: list[dict[str, Any]],
            ceil_fails: list[tuple[int, int, str]]) -> str:
    """The verdict's reason in one line."""
    printed = len(grid.printed_failures)
    if verdict == FAILS:
        return (f"{len(grid.no_reading)} grid point(s) where no reading of V gives (1), "
                f"{len(contradictions)} failure(s) of the corrected reading at α ≤ 1/4")
    if verdict == PROVED_CORRECTED:
        return (f"as printed (V = n/2, (1−α)n) the chain breaks at {printed} readings; with "
                "V = ⌈n/2⌉, a = ⌈(1−α)n⌉ it gives ≥ (2(1−2α))^V ≥ C_α^n for all n ≥ 1, "
                "α ≤ 1/4 (proved)")
    if verdict == HOLDS_WITH_CORRECTION:
        return (f"the printed chain breaks at {printed} readings (V = n/2, (1−α)n not "
                "integers); V = ⌈n/2⌉, a = ⌈(1−α)n⌉ gives the conclusion"
                + (" except at " + str(len(ceil_fails)) + " grid point(s)" if ceil_fails
                   else ""))
    return f"every reading holds exactly at {grid.counts['readings']} readings of the grid"


def check(Ks: list[int], ds: list[int], alphas: list[Any], proof_n_max: int = 16,
          proof_alpha_den: int = 8) -> ClaimResult:
    """Evaluate every member and inequality of (1) on the grid (n = K^(d−1) <= 20000),
    then prove the corrected reading (exhaustion up to ``proof_n_max``, α = p/q <= 1/4
    with q <= ``proof_alpha_den``)."""
    grid = _evaluate_grid(Ks, ds, alphas)
    evidence = _grid_evidence(grid)
    proof = eq1_proof(require_int(proof_n_max, "proof_n_max", 1, 2000),
                      require_int(proof_alpha_den, "proof_alpha_den", 1, 64))
    evidence["corrected_proof"] = proof
    # the proof covers alpha <= 1/4: a failure of the corrected reading there would refute it
    contradictions = [f for f in grid.ceil_failures() if f["alpha"] <= Fraction(1, 4)]
    evidence["corrected_reading_failures_alpha_le_quarter"] = contradictions[:5]
    verdict = corrected_verdict(bool(grid.no_reading or contradictions), proof["holds"],
                                bool(grid.printed_failures or grid.conclusion_failures))
    # grid points where V = ⌈n/2⌉ fails the conclusion (the other reading then works)
    ceil_fails = sorted({(f["K"], f["d"], str(f["alpha"])) for f in grid.ceil_failures()})
    evidence["grid_points_needing_floor_V"] = [list(t) for t in ceil_fails]
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"Ks": Ks, "ds": ds, "alphas": alphas, "proof_n_max": proof_n_max,
                    "proof_alpha_den": proof_alpha_den},
        verdict=verdict, evidence=evidence,
        explanation=_explanation(grid, ceil_fails, proof),
        evidence_kind={FAILS: "counterexample",
                       PROVED_CORRECTED: "symbolic+exhaustive+exact"}.get(verdict,
                                                                           "exact+symbolic"),
        reason=_reason(verdict, grid, contradictions, ceil_fails),
        tables=[table("eq1", "Equation (1) step by step: each reading of V and a = ⌈(1−α)n⌉ "
                      "(yes/NO: the inequality holds exactly)",
                      ["K", "d", "alpha", "n", "V", "a", "lhs ≥ middle", "middle ≥ rhs",
                       "lhs ≥ rhs"], grid.rows)],
    )
