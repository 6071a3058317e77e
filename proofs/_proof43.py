"""General proofs of the corrected equation (1) and VC step of Theorem 4.3 (private).

Corrected (1).  For every n >= 1 and 0 <= α <= 1/4, with V = ⌈n/2⌉ and
a = ⌈(1 − α)n⌉,

    2^V·C(a, V)/C(n, V) >= (2(1 − 2α))^V >= C_α^n,   C_α = sqrt(2(1 − 2α)).

Proof.  (i) a >= V, since (1 − α)n >= 3n/4 >= n/2 and ⌈·⌉ is monotone, and
a <= n.  (ii) C(a, V)/C(n, V) = Π_{i<V} r(i) with r(i) = (a − i)/(n − i), and
r(i) − r(i+1) = (n − a)/((n − i)(n − i − 1)) >= 0, so every factor is at least
r(V − 1) = (a − V + 1)/(n − V + 1) > 0.  (iii) With a = (1 − α)n + s, s >= 0:
(a − V + 1) − (1 − 2α)(n − V + 1) = α(n − 2V + 2) + s >= α + s >= 0 because
2V <= n + 1; so r(V − 1) >= 1 − 2α and the left side is >= (2(1 − 2α))^V.
(iv) 2(1 − 2α) >= 1 for α <= 1/4 and V >= n/2, so (2(1 − 2α))^V >=
(2(1 − 2α))^(n/2) = C_α^n.  The identities of (ii) and (iii) are checked by
sympy; (i)–(iv) are then checked by exhaustion for small n.

Corrected VC step.  If a class realizes at least (2(1 − 2α))^V labelings of a
V-point set, V >= 1, and 2(1 − 2α) > (10e)^(1/10) (α < α* ≈ 0.15217), then its
VC dimension D satisfies D >= V/10, hence D >= n/20 = 0.05·n for V = ⌈n/2⌉.

Proof.  D = 0 allows 1 < (2(1 − 2α))^V labelings.  For 1 <= D < V/10,
Sauer–Shelah gives at most Σ_{i<=D} C(V, i) <= (eV/D)^D (valid for 1 <= D <= V,
checked here by exhaustion for V <= ``v_max``), and g(D) = D·ln(eV/D) has
g'(D) = ln(V/D) >= 0 on (0, V] (sympy), so the count is at most
exp(g(V/10)) = (10e)^(V/10) < (2(1 − 2α))^V: a contradiction.  (The paper's
side condition V > D + 1 is not needed; D = 0 is treated on its own.)

>>> p = eq1_proof(n_max=12, alpha_den_max=8)
>>> p["symbolic"]["factor_difference"], p["symbolic"]["key_difference"]
('0', '0')
>>> p["exhaustive"]["failures"]
0
>>> vc_step_proof(v_max=12)["exhaustive"]["failures"]
0
"""

from __future__ import annotations

from fractions import Fraction
from math import comb
from typing import Any

__all__ = ["eq1_proof", "vc_step_proof"]


def _alphas(den_max: int, high: Fraction) -> list[Fraction]:
    """All rationals p/q in [0, high] with q <= den_max."""
    return sorted({Fraction(p, q) for q in range(1, den_max + 1) for p in range(q + 1)
                   if Fraction(p, q) <= high})


def eq1_proof(n_max: int, alpha_den_max: int) -> dict[str, Any]:
    """Sympy identities of the proof of corrected (1), and exhaustion for n <= ``n_max``.

    The exhaustion checks, for every n <= n_max and every α = p/q <= 1/4 with
    q <= alpha_den_max: a >= V, every factor r(i) >= r(V − 1) >= 1 − 2α, the left
    side >= (2(1 − 2α))^V, and (2(1 − 2α))^(2V) >= (2(1 − 2α))^n (C_α^n squared).
    """
    import sympy as sp

    from verify.bounds.chain import bound1_lhs

    n, a, i, s, alpha, V = sp.symbols("n a i s alpha V")
    r = (a - i) / (n - i)
    factor = sp.simplify(r - r.subs(i, i + 1) - (n - a) / ((n - i) * (n - i - 1)))
    key = sp.expand(((1 - alpha) * n + s - V + 1) - (1 - 2 * alpha) * (n - V + 1)
                    - (alpha * (n - 2 * V + 2) + s))
    base_at_quarter = sp.simplify(2 * (1 - 2 * sp.Rational(1, 4)))
    failures: list[dict[str, Any]] = []
    cases = 0
    for nn in range(1, n_max + 1):
        VV = -(-nn // 2)
        for al in _alphas(alpha_den_max, Fraction(1, 4)):
            cases += 1
            aa = -(-((1 - al) * nn).numerator // ((1 - al) * nn).denominator)
            base = 2 * (1 - 2 * al)
            lhs = bound1_lhs(nn, aa, VV)
            ratios = [Fraction(aa - k, nn - k) for k in range(VV)]
            ok = (VV <= aa <= nn
                  and all(x >= ratios[-1] for x in ratios)
                  and ratios[-1] >= 1 - 2 * al
                  and lhs >= base ** VV
                  and base ** (2 * VV) >= base ** nn)
            if not ok:
                failures.append({"n": nn, "alpha": al, "V": VV, "a": aa, "lhs": lhs})
    return {
        "statement": "for n >= 1, 0 <= α <= 1/4, V = ⌈n/2⌉, a = ⌈(1−α)n⌉: "
                     "2^V·C(a,V)/C(n,V) >= (2(1−2α))^V >= C_α^n",
        "symbolic": {
            "factor_difference": str(factor),
            "factor_identity": "r(i) − r(i+1) = (n − a)/((n − i)(n − i − 1)), "
                               "r(i) = (a − i)/(n − i)",
            "key_difference": str(key),
            "key_identity": "((1−α)n + s − V + 1) − (1−2α)(n − V + 1) = α(n − 2V + 2) + s",
            "base_at_alpha_one_quarter": str(base_at_quarter),
        },
        "exhaustive": {"n_max": n_max, "alpha_denominators_up_to": alpha_den_max,
                       "cases": cases, "failures": len(failures),
                       "failure_examples": failures[:5]},
        "holds": factor == 0 and key == 0 and not failures,
    }


def vc_step_proof(v_max: int) -> dict[str, Any]:
    """Sympy facts of the corrected VC step, and exhaustion of its Sauer bound for V <= v_max.

    Exhaustion: Σ_{i<=D} C(V, i) <= (eV/D)^D for all 1 <= D <= V <= v_max (exact,
    with rational brackets of e).
    """
    import sympy as sp

    from verify.bounds.vcstep import alpha_threshold, weak_form_ge

    D, Vs = sp.symbols("D V", positive=True)
    g = D * sp.log(sp.E * Vs / D)
    derivative = sp.simplify(sp.diff(g, D) - sp.log(Vs / D))
    at_tenth = sp.simplify(sp.expand_log(g.subs(D, Vs / 10), force=True)
                           - Vs / 10 * sp.log(10 * sp.E))
    failures: list[list[int]] = []
    cases = 0
    for VV in range(1, v_max + 1):
        for DD in range(1, VV + 1):
            cases += 1
            if not weak_form_ge(VV, DD, sum(comb(VV, k) for k in range(DD + 1))):
                failures.append([VV, DD])
    thr = alpha_threshold()
    return {
        "statement": "a class with at least (2(1−2α))^V labelings on V >= 1 points has "
                     "VC-dim >= V/10 when 2(1−2α) > (10e)^(1/10); with V = ⌈n/2⌉ that is "
                     ">= 0.05·n",
        "symbolic": {"g_prime_minus_log_V_over_D": str(derivative),
                     "g_at_V_over_10_minus_V_ln10e_over_10": str(at_tenth)},
        "alpha_threshold": thr.to_json(),
        "exhaustive": {"v_max": v_max, "cases": cases, "failures": len(failures),
                       "failure_examples": failures[:5]},
        "holds": derivative == 0 and at_tenth == 0 and not failures,
    }


def hamming_ball_refutation(alpha: object, V: int) -> dict[str, Any]:
    """The class of labelings with at most D ones against "VC-dim >= V/10".

    That class has VC dimension exactly D and Σ_{i<=D} C(V, i) labelings.  Returns the
    least D whose count reaches (2(1 − 2α))^V (exact rationals): when D < V/10 the
    statement "at least (2(1 − 2α))^V labelings forces VC-dim >= V/10" is refuted at α.

    Examples
    --------
    >>> r = hamming_ball_refutation("1/5", 100)
    >>> r["D"], r["refutes"]
    (6, True)
    >>> hamming_ball_refutation("1/10", 100)["refutes"]
    False
    """
    from verify.exact import require_int, require_rational_range

    a = require_rational_range(alpha, "alpha", 0, Fraction(1, 2), high_open=True)
    VV = require_int(V, "V", 1, 10**5)
    need = (2 * (1 - 2 * a)) ** VV
    total, D = 0, -1
    while total < need:
        D += 1
        total += comb(VV, D)
    return {"alpha": a, "V": VV, "D": D, "labelings": total, "needed": need,
            "refutes": 10 * D < VV}
