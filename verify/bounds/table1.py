"""Table 1 of the paper as numbers.

Each row of Table 1 is written as an explicit function of (N, d, k, eps, c,
delta).  The paper gives only O/Omega/O~ forms: every unknown constant is set
to 1 and every row says so (``flags``); logarithms are natural.  The values
are certified intervals (outward-rounded interval arithmetic); the text shown
is the midpoint, for reading ("numeric").
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from verify.bounds.certified import Certified, certify
from verify.errors import InvalidArgument
from verify.exact import fraction_text, require_int, to_rational

__all__ = ["TABLE1_FORMULAS", "Table1Row", "table1_rows"]

_C1 = "unknown constants set to 1"

#: (theorem, bound, setting, paper's form, formula used, flags)
TABLE1_FORMULAS: tuple[tuple[str, str, str, str, str, tuple[str, ...]], ...] = (
    ("2.2", "upper", "robust training", "O(Nd)",
     "N d ln(d/delta) + N ln(N/delta)^7",
     (_C1, "polylog read as ln^7 (appendix: log^7(N/delta) per ball)")),
    ("2.3", "lower", "robust training", "Omega(sqrt(Nd))", "sqrt(N d)", (_C1,)),
    ("3.3", "upper", "general", "exp(O(d))", "((1-c) eps)^(-d)",
     (_C1, "log factors of O~ dropped")),
    ("3.4", "lower", "general", "exp(Omega(d))",
     "(2 eps)^(-d/2) (d ln(1/(2 eps)))^(-1/2)", (_C1,)),
    ("4.3", "lower", "linear separable", "exp(Omega(d))", "(2 eps)^(-(d-1)/6)", (_C1,)),
    ("5.5", "upper", "k-dim manifold", "exp(O(k))",
     "((1-c) eps / sqrt(d))^(-kt), kt = k max(1, ln d)",
     (_C1, "log factors of O~ dropped", "kt = O(k log d) read as k max(1, ln d)")),
    ("5.8", "lower", "k-dim manifold", "exp(Omega(k))",
     "(2 eps sqrt(d/k))^(-k/2)", (_C1,)),
)


@dataclass(frozen=True)
class Table1Row:
    """One row of Table 1 evaluated at one parameter point."""

    theorem: str
    bound: str
    setting: str
    paper_form: str
    formula: str
    value: Certified
    flags: tuple[str, ...]

    def json_extra(self) -> dict[str, Any]:
        """``value`` is a certified interval with a numeric midpoint; its ends again."""
        return {"lower": fraction_text(self.value.lower), "upper": fraction_text(self.value.upper)}


def _check(
    N: object, d: object, k: object, eps: object, c: object, delta: object
) -> tuple[int, int, int, Fraction, Fraction, Fraction]:
    Ni = require_int(N, "N", low=1, high=10**12)
    di = require_int(d, "d", low=1, high=10**6)
    ki = require_int(k, "k", low=1, high=di)
    e = to_rational(eps, "eps")
    if not 0 < e < Fraction(1, 2):
        raise InvalidArgument(f"eps must lie in (0, 1/2), got {e}")
    cc = to_rational(c, "c")
    if not 0 < cc < 1:
        raise InvalidArgument(f"c must lie in (0, 1), got {cc}")
    de = to_rational(delta, "delta")
    if not 0 < de < e / 2:
        raise InvalidArgument(f"delta must lie in (0, eps/2) (Theorem 2.2), got {de}")
    return Ni, di, ki, e, cc, de


def table1_rows(
    N: object = 1000,
    d: object = 10,
    k: object = 2,
    eps: object = "1/10",
    c: object = "1/2",
    delta: object = "1/100",
) -> list[Table1Row]:
    """Every row of Table 1 at one parameter point, constants set to 1 (flagged).

    Parameters
    ----------
    N : int
        Number of training points (Theorems 2.2, 2.3).
    d : int
        Ambient dimension.
    k : int
        Intrinsic dimension, 1 <= k <= d (Theorems 5.5, 5.8).
    eps : rational in (0, 1/2)
        Separation 2 eps.
    c : rational in (0, 1)
        Robust radius c eps (Theorems 3.3, 5.5).
    delta : rational in (0, eps/2)
        Robustness radius of Theorem 2.2.

    Examples
    --------
    >>> rows = table1_rows(N=100, d=4, k=2, eps="1/4", c="1/2", delta="1/10")
    >>> [(r.theorem, r.bound) for r in rows][:3]
    [('2.2', 'upper'), ('2.3', 'lower'), ('3.3', 'upper')]
    >>> rows[1].value.numeric                 # sqrt(100 * 4)
    '2.000000e+1'
    >>> rows[4].value.numeric                 # (1/2)^(-1/2)
    '1.414214e+0'
    """
    Ni, di, ki, e, cc, de = _check(N, d, k, eps, c, delta)

    def q(ctx: Any, x: Fraction) -> Any:
        return ctx.mpf(x.numerator) / ctx.mpf(x.denominator)

    builders = {
        "2.2": lambda ctx: Ni * di * ctx.log(di / q(ctx, de))
        + Ni * ctx.log(Ni / q(ctx, de)) ** 7,
        "2.3": lambda ctx: ctx.sqrt(ctx.mpf(Ni * di)),
        "3.3": lambda ctx: ((1 - q(ctx, cc)) * q(ctx, e)) ** (-di),
        "3.4": lambda ctx: (2 * q(ctx, e)) ** (-ctx.mpf(di) / 2)
        / ctx.sqrt(di * ctx.log(1 / (2 * q(ctx, e)))),
        "4.3": lambda ctx: (2 * q(ctx, e)) ** (-ctx.mpf(di - 1) / 6),
        "5.5": lambda ctx: ((1 - q(ctx, cc)) * q(ctx, e) / ctx.sqrt(ctx.mpf(di)))
        ** (-(ki * ctx.log(di)) if di >= 3 else -ctx.mpf(ki)),  # ln d >= 1 iff d >= 3
        "5.8": lambda ctx: (2 * q(ctx, e) * ctx.sqrt(ctx.mpf(di) / ki)) ** (-ctx.mpf(ki) / 2),
    }
    rows = []
    for thm, bound, setting, form, formula, flags in TABLE1_FORMULAS:
        value = certify(builders[thm], formula)
        rows.append(Table1Row(thm, bound, setting, form, formula, value, flags))
    return rows
