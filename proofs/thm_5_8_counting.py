"""Theorem 5.8's counting step: 2 <= h(α)·h(l/n) with h(x) = (e/x)^x, solved exactly for l/n.

The appendix bounds the number of labellings a class must realise:
2^n / Σ_{i<=αn} C(n, i) <= |R| <= Σ_{j<=l} C(n, j), and with
Σ_{i<=k} C(n, i) <= (en/k)^k concludes 2 <= h(α)·h(l/n), hence l = Ω(n).
Here ``x*(α)``, the least l/n allowed by that inequality, is enclosed in a
certified rational bracket (logarithms from a series with a bounded tail), the
threshold α0 above which h(α) >= 2 and the step gives nothing is bracketed the
same way, and the exact integer counting is checked for every n up to
``n_max``: the least l with Σ_{i<=⌊αn⌋} C(n, i)·Σ_{j<=l} C(n, j) >= 2^n must be
at least x*·n.

>>> r = check(alphas=["1/10"], n_max=20)
>>> r.verdict, r.evidence["rows"][0]["violations"]
('holds-on-instances', 0)
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import accumulate
from math import comb
from typing import Any

from proofs._certified import ln_bounds
from proofs._util import decimal_text
from proofs.claim import FAILS, HOLDS_ON_INSTANCES, OUT_OF_REACH, ClaimResult, figure, table
from verify.exact import require_int, require_rational_range

ID = "thm-5.8-counting"
TITLE = "Theorem 5.8: the counting step 2 <= h(α)·h(l/n)"
STATEMENT = (
    "2^n / Σ_{i≤αn} C(n,i) ≤ |R| ≤ Σ_{j≤l} C(n,j), then 2 ≤ h(α)·h(l/n) with "
    "h(x) = (e/x)^x, so l = Ω(n) (Appendix E, proof of Theorem 5.8)."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"alphas": ["1/20", "1/10", "1/5", "3/10", "1/3"], "n_max": 60},
    "default": {"alphas": ["1/20", "1/10", "1/5", "3/10", "1/3"], "n_max": 200},
    "full": {"alphas": ["1/100", "1/20", "1/10", "1/5", "3/10", "1/3"], "n_max": 600},
}

_BITS = 40  # width of the certified brackets: 2^-40


def _g_interval(x: Fraction, bits: int) -> tuple[Fraction, Fraction]:
    """Enclosure of g(x) = x·(1 − ln x) = ln h(x), g(0) = 0."""
    if x == 0:
        return Fraction(0), Fraction(0)
    lo, hi = ln_bounds(x, bits)
    return x * (1 - hi), x * (1 - lo)


def _compare_g(x: Fraction, alpha: Fraction) -> int:
    """Sign of g(x) − (ln 2 − g(α)), certified (refining precision as needed)."""
    for bits in (60, 120, 240, 480):
        glo, ghi = _g_interval(x, bits)
        alo, ahi = _g_interval(alpha, bits)
        l2lo, l2hi = ln_bounds(2, bits)
        tlo, thi = l2lo - ahi, l2hi - alo
        if glo > thi:
            return 1
        if ghi < tlo:
            return -1
    raise ArithmeticError(f"cannot separate g({x}) from ln 2 - g({alpha})")


def _bracket(sign_at: Any, lo: Fraction, hi: Fraction) -> tuple[Fraction, Fraction]:
    """Bisection on an increasing certified sign function: sign(lo) < 0 < sign(hi)."""
    while hi - lo > Fraction(1, 2**_BITS):
        mid = (lo + hi) / 2
        if sign_at(mid) > 0:
            hi = mid
        else:
            lo = mid
    return lo, hi


def x_star(alpha: Fraction) -> tuple[Fraction, Fraction] | None:
    """Certified bracket of the least x with 2 <= h(α)·h(x); None when h(α) >= 2."""
    if _compare_g(Fraction(0), alpha) >= 0:  # ln 2 − g(α) <= 0
        return None
    return _bracket(lambda x: _compare_g(x, alpha), Fraction(0), Fraction(1))


def alpha_zero() -> tuple[Fraction, Fraction]:
    """Certified bracket of α0 in (0, 1) with h(α0) = 2 (g(α0) = ln 2)."""

    def sign(a: Fraction) -> int:
        return _compare_g(Fraction(0), a)  # sign of g(a) − ln 2

    return _bracket(sign, Fraction(0), Fraction(1))


def _prefix_sums(n: int) -> list[int]:
    """[Σ_{j<=l} C(n, j) for l = 0..n]."""
    return list(accumulate(comb(n, j) for j in range(n + 1)))


def _least_l(n: int, alpha: Fraction, prefix: list[int]) -> int:
    """Least l with Σ_{i<=⌊αn⌋} C(n, i) · Σ_{j<=l} C(n, j) >= 2^n (exact integers)."""
    s_alpha = prefix[(alpha * n).__floor__()]
    need = -(-(2**n) // s_alpha)  # ceil(2^n / s_alpha)
    return bisect_left(prefix, need)


@dataclass
class _Counting:
    """Each α's least l/n over n = 1..n_max against its bracket of x*(α): the evidence rows,
    the table rows, the figure's series and the counts below and inside the brackets."""

    ns: list[int]
    prefixes: dict[int, list[int]]
    rows: list[dict[str, Any]] = field(default_factory=list)
    table_rows: list[list[Any]] = field(default_factory=list)
    series: list[dict[str, Any]] = field(default_factory=list)
    total_violations: int = 0
    total_ambiguous: int = 0

    def add_alpha(self, alpha: Fraction) -> None:
        """The least l for every n at this α, compared with x*(α) when h(α) < 2."""
        ns = self.ns
        br = x_star(alpha)
        ls = [_least_l(n, alpha, self.prefixes[n]) for n in ns]
        min_ratio = min(Fraction(l, n) for l, n in zip(ls, ns, strict=True))
        if br is None:
            self.rows.append({"alpha": alpha, "x_star": None, "h_alpha_ge_2": True,
                              "violations": 0, "ambiguous": 0, "min_ratio": min_ratio})
            self.table_rows.append([alpha, "none (h(α) ≥ 2)", "", decimal_text(min_ratio, 4),
                                    "step gives no bound"])
            return
        lo, hi = br
        violations = [(n, l) for n, l in zip(ns, ls, strict=True) if Fraction(l, n) <= lo]
        ambiguous = [(n, l) for n, l in zip(ns, ls, strict=True) if lo < Fraction(l, n) < hi]
        self.total_violations += len(violations)
        self.total_ambiguous += len(ambiguous)
        self.rows.append({
            "alpha": alpha, "x_star": {"lo": lo, "hi": hi, "decimal": decimal_text(lo, 9)},
            "h_alpha_ge_2": False, "violations": len(violations), "ambiguous": len(ambiguous),
            "first_violation": violations[0] if violations else None,
            "min_ratio": min_ratio,
            "least_l_at_n_max": ls[-1],
        })
        self.table_rows.append([alpha, decimal_text(lo, 6), decimal_text(hi, 6),
                                decimal_text(min_ratio, 4),
                                "ok" if not violations else "violated"])
        colour = f"C{len(self.series) // 2 % 10}"  # the measurement and its bound share a colour
        self.series.append({"label": f"least l/n, α={alpha}", "x": ns,
                            "y": [Fraction(l, n) for l, n in zip(ls, ns, strict=True)],
                            "style": "step", "color": colour})
        self.series.append({"label": f"x*(α={alpha})", "x": [1, ns[-1]], "y": [lo, lo],
                            "style": "dashed", "color": colour})


def _explanation(counting: _Counting, n_max: int, a0: tuple[Fraction, Fraction]) -> str:
    """The equivalence with l/n ≥ x*(α), what was counted, the outcome, the side condition."""
    if counting.total_violations:
        outcome = ("so the step fails: see first_violation (n, l) in each row of the "
                   "evidence. ")
    elif counting.total_ambiguous:
        outcome = (f"but {counting.total_ambiguous} ratios l/n fall inside a bracket of x*, "
                   "so nothing is concluded. ")
    else:
        outcome = "so the step and its conclusion l = Ω(n) hold. "
    return (
        "With h(x) = (e/x)^x, ln h(x) = x(1 − ln x) is increasing on (0, 1], so "
        "2 ≤ h(α)·h(l/n) is equivalent to l/n ≥ x*(α), the root of "
        "x(1 − ln x) = ln 2 − α(1 − ln α). Each x* is enclosed in a rational bracket of "
        f"width 2^-{_BITS} whose ends are certified by rational bounds on logarithms. "
        f"For every n ≤ {n_max} the least l with Σ_{{i≤⌊αn⌋}} C(n,i)·Σ_{{j≤l}} C(n,j) ≥ 2^n "
        f"was computed in integers and compared with x*·n ({counting.total_violations} below "
        "it), " + outcome + "The step needs h(α) < 2, i.e. "
        f"α < α0 ≈ {decimal_text(a0[0], 6)}, a side condition the paper leaves implicit in its "
        "universal constant C1; for α ≥ α0 the inequality gives no bound."
    )


def check(alphas: list[Any], n_max: int) -> ClaimResult:
    """Check the counting step of Theorem 5.8 for each α and every n <= n_max.

    Parameters
    ----------
    alphas : list of rationals in (0, 1/2)
    n_max : int
        The exact integer counting is checked for n = 1, …, n_max.

    Examples
    --------
    >>> r = check(alphas=["2/5"], n_max=10)
    >>> r.evidence["rows"][0]["x_star"] is None
    True
    """
    n_max = require_int(n_max, "n_max", 1, 5000)
    alist = [require_rational_range(a, "alpha", 0, Fraction(1, 2), low_open=True,
                                    high_open=True) for a in alphas]
    a0 = alpha_zero()
    ns = list(range(1, n_max + 1))
    counting = _Counting(ns, {n: _prefix_sums(n) for n in ns})
    for alpha in alist:
        counting.add_alpha(alpha)
    evidence = {
        "alpha0": {"lo": a0[0], "hi": a0[1], "decimal": decimal_text(a0[0], 9)},
        "n_max": n_max,
        "rows": counting.rows,
        "bracket_width": f"2^-{_BITS}",
    }
    usable = [r for r in counting.rows if r["x_star"] is not None]
    if counting.total_violations:
        verdict = FAILS
    elif not usable or counting.total_ambiguous:  # l/n inside a bracket: not decided
        verdict = OUT_OF_REACH
    else:
        verdict = HOLDS_ON_INSTANCES
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"alphas": alist, "n_max": n_max},
        verdict=verdict, evidence=evidence, explanation=_explanation(counting, n_max, a0),
        evidence_kind={FAILS: "counterexample", OUT_OF_REACH: "none"}.get(verdict, "exact"),
        reason={FAILS: f"{counting.total_violations} least l/n below the certified x*(α)",
                OUT_OF_REACH: f"{counting.total_ambiguous} ratio(s) inside a bracket of x*",
                HOLDS_ON_INSTANCES: f"least l/n ≥ x*(α) exactly for every n ≤ {n_max} and "
                                    f"{len(usable)} α (needs α < α0 ≈ "
                                    f"{decimal_text(a0[0], 4)})"}[verdict],
        tables=[table("thm58_counting", "Theorem 5.8, counting step: certified bracket of "
                      "x*(α) and the least l/n over n ≤ " + str(n_max),
                      ["alpha", "x* (lower)", "x* (upper)", "min l/n", "status"],
                      counting.table_rows)],
        figures=[figure("thm58_counting", "Theorem 5.8: least l/n against the bound x*(α)",
                        "n", "l/n", counting.series)],
    )
