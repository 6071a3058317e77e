"""Shared test configurations for the three checks of Proposition 3.2 (private).

Each configuration is a pair of finite sets A (+1), B (−1) in [0,1]^2 that are
exactly 2ε-separated under both ℓ∞ and ℓ2 (the separation is attained), so the
checks run at the boundary case of the hypothesis.

>>> [c["name"] for c in configurations("1/4")]
['segment', 'two-clusters', 'diagonal']
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from verify.exact import require_rational_range

__all__ = ["STATEMENT", "configurations", "lattice_points"]

STATEMENT = (
    "For 2ε-separated A, B ⊂ [0,1]^d under ℓp, p ∈ {2, +∞}, the classifier "
    "f*(x) := (d_p(x,B) − d_p(x,A)) / (d_p(x,A) + d_p(x,B)) is ε^{-1}-Lipschitz "
    "continuous, and satisfies L_P^{p,ε}(f*) = 0 for any probability distribution P "
    "on A ∪ B (Proposition 3.2)."
)


def configurations(eps: object) -> list[dict[str, Any]]:
    """Three exactly 2ε-separated configurations in [0,1]^2 (needs ε <= 1/4)."""
    e = require_rational_range(eps, "eps", 0, Fraction(1, 4), low_open=True)
    t = 2 * e
    return [
        {"name": "segment", "A": [(0, 0)], "B": [(t, 0)]},
        {"name": "two-clusters", "A": [(0, 0), (0, 1)], "B": [(t, 0), (t, 1), (1, 1)]},
        {"name": "diagonal", "A": [(0, 0), (1 - t, 1 - t)], "B": [(1, 1), (t, 1)]},
    ]


def lattice_points(step: object) -> list[tuple[Fraction, Fraction]]:
    """The points of [0,1]^2 on the lattice of the given step (1/step an integer)."""
    s = require_rational_range(step, "step", 0, 1, low_open=True)
    k = 1 / s
    if k.denominator != 1:
        raise ValueError("1/step must be an integer")
    m = int(k)
    return [(Fraction(i, m), Fraction(j, m)) for i in range(m + 1) for j in range(m + 1)]
