"""The logarithm lost when a VC lower bound meets VC ≤ W²·ln W (private helper).

Theorems 2.3 and 5.8 (and 3.4) end the same way: a class of networks with W
parameters must have VC dimension at least x, and VC-dim ≤ C·W²·ln W, so
W²·ln W ≥ x/C.  That gives W ≥ sqrt(x'/ln x') with x' = x/C — not W = Ω(sqrt(x)):

* proof of the lower bound (for x ≥ e): if W < sqrt(x/ln x) then ln W < (1/2)·ln x,
  so W²·ln W < (x/ln x)·(1/2)·ln x = x/2 < x (the identity is checked by sympy);
* the Ω(sqrt(x)) form does not follow: W(x) = ⌈sqrt(3x/ln x)⌉ satisfies
  W²·ln W ≥ (3x/ln x)·(1/2)·ln(3x/ln x) = (3x/2)·(1 − ln(ln(x)/3)/ln x) ≥ x, because
  ln(u/3)/u ≤ 1/(3e) < 1/3 for u > 0 (checked here with certified logarithms for
  every x listed), while W²/x → 0 (about 3/ln x): the premise allows W = o(sqrt(x)).

>>> smallest_w(100)
8
>>> r = log_loss([10**2, 10**6])
>>> [row["W_min"] for row in r["rows"]], r["sympy_identity"]
([8, 408], 'x/2')
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

from proofs._certified import ln_bounds

__all__ = ["ln_ge", "log_loss", "smallest_w", "w_squared_ln_w_ge"]


def ln_ge(q: Fraction | int, value: Fraction) -> bool | None:
    """Decide ln(q) >= value with certified brackets (None if too close to tell)."""
    for bits in (64, 160, 400):
        lo, hi = ln_bounds(q, bits)
        if lo >= value:
            return True
        if hi < value:
            return False
    return None


def w_squared_ln_w_ge(W: int, x: Fraction | int) -> bool:
    """Exactly decide W²·ln W >= x (certified logarithm; W >= 1).

    Examples
    --------
    >>> w_squared_ln_w_ge(7, 95), w_squared_ln_w_ge(6, 65)
    (True, False)
    """
    if W == 1:
        return x <= 0
    decided = ln_ge(W, Fraction(x) / (W * W))
    if decided is None:  # equality would need ln W rational, impossible for W >= 2
        raise ArithmeticError(f"cannot decide {W}^2 ln {W} >= {x}")
    return decided


def smallest_w(x: Fraction | int) -> int:
    """The least integer W >= 1 with W²·ln W >= x (exact, by bisection)."""
    x = Fraction(x)
    if x <= 0:
        return 1
    lo, hi = 1, 2
    while not w_squared_ln_w_ge(hi, x):
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if w_squared_ln_w_ge(mid, x):
            hi = mid
        else:
            lo = mid
    return hi


def log_loss(xs: list[int]) -> dict[str, Any]:
    """For each x: the least W with W²·ln W >= x, the witness ⌈sqrt(3x/ln x)⌉ and W²/x.

    ``W_min²/x`` (exact) falls toward 0: the premise is met by W = o(sqrt(x)).
    """
    import sympy as sp

    xs_sym, lnx = sp.symbols("x L", positive=True)
    identity = sp.simplify((xs_sym / lnx) * (lnx / 2))
    rows: list[dict[str, Any]] = []
    for x in xs:
        w_min = smallest_w(x)
        # witness W = ceil(sqrt(3x / ln x)) from a certified upper end of ln x
        ln_hi = ln_bounds(x, 64)[1]
        target = Fraction(3 * x) / ln_hi
        w = math.isqrt(target.numerator // target.denominator)
        while Fraction(w * w) < target:
            w += 1
        rows.append({"x": x, "W_min": w_min, "W_min_squared_over_x": Fraction(w_min**2, x),
                     "witness_W": w, "witness_meets_premise": w_squared_ln_w_ge(w, x),
                     "witness_squared_over_x": Fraction(w * w, x)})
    ratios = [r["W_min_squared_over_x"] for r in rows]
    return {
        "rows": rows,
        "ratio_decreasing": all(a > b for a, b in itertools.pairwise(ratios)),
        "sympy_identity": str(identity.subs(lnx, sp.log(xs_sym))),
        "statement": "W²·ln W >= x (x >= e) gives W >= sqrt(x/ln x), and W = "
                     "⌈sqrt(3x/ln x)⌉ meets it with W²/x → 0: Ω(sqrt(x)) does not follow",
    }
