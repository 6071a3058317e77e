"""Quantities of Theorem 5.8's proof in certified rational brackets (private helper).

Bishop–Gromov (non-negative Ricci curvature): a geodesic ball of radius r has
volume at most V_k·r^k, V_k = π^(k/2)/Γ(k/2 + 1), so a maximal r-packing of M has at
least vol(M)/(V_k·(2r)^k) points.  With r = 2ε√d (the appendix) that is

    vol(M)·C_k·(2ε·√(d/k))^(−k),   C_k = 1/((2√k)^k·V_k),

and C_k^(1/k) → 1/(2√(2πe)) ≈ 0.121 (Stirling).

>>> lo, hi = ck_root_bounds(1)
>>> lo <= Fraction(1, 4) <= hi
True
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial
from typing import Any

from proofs._certified import e_bounds, pi_bounds, root_bounds

__all__ = ["ck_root_bounds", "limit_bounds", "unit_ball_volume_rational_part"]


def unit_ball_volume_rational_part(k: int) -> tuple[Fraction, int]:
    """(q, j) with V_k = q·π^j exactly.

    >>> unit_ball_volume_rational_part(2), unit_ball_volume_rational_part(3)
    ((Fraction(1, 1), 1), (Fraction(4, 3), 1))
    """
    j = k // 2
    if k % 2 == 0:
        return Fraction(1, factorial(j)), j
    return Fraction(2**k * factorial(j), factorial(k)), j


def ck_root_bounds(k: int, bits: int = 40) -> tuple[Fraction, Fraction]:
    """A certified bracket of C_k^(1/k) = 1/(2·√k·V_k^(1/k))."""
    q, j = unit_ball_volume_rational_part(k)
    p_lo, p_hi = pi_bounds(bits + 8 + 2 * k)
    # C_k² = 1/(4^k·k^k·q²·π^(2j)), decreasing in π
    sq_lo = 1 / (4**k * k**k * q * q * p_hi ** (2 * j))
    sq_hi = 1 / (4**k * k**k * q * q * p_lo ** (2 * j))
    return root_bounds(sq_lo, sq_hi, 2 * k, bits)


def limit_bounds(bits: int = 40) -> tuple[Fraction, Fraction]:
    """A certified bracket of 1/(2√(2πe)) (the square root of 1/(8πe))."""
    p_lo, p_hi = pi_bounds(bits + 8)
    e_lo, e_hi = e_bounds(bits + 8)
    return root_bounds(1 / (8 * p_hi * e_hi), 1 / (8 * p_lo * e_lo), 2, bits)


def decimal(x: Fraction, digits: int = 6) -> str:
    """x truncated to ``digits`` decimals (for display next to exact brackets)."""
    from proofs._util import decimal_text

    return decimal_text(x, digits)


def bracket_json(b: tuple[Fraction, Fraction], digits: int = 6) -> dict[str, Any]:
    return {"lo": b[0], "hi": b[1], "decimal": decimal(b[0], digits)}
