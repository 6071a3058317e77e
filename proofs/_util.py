"""Small formatting helpers shared by the claim checks (private).

>>> decimal_text(Fraction(1, 3), 5)
'0.33333'
>>> decimal_text(Fraction(-7, 2), 2)
'-3.50'
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["decimal_text"]


def decimal_text(x: Fraction | int, digits: int = 6) -> str:
    """``x`` truncated toward zero to ``digits`` decimals, computed exactly.

    >>> decimal_text(2, 3)
    '2.000'
    """
    x = Fraction(x)
    sign = "-" if x < 0 else ""
    x = abs(x)
    scaled = x.numerator * 10**digits // x.denominator
    whole, frac = divmod(scaled, 10**digits)
    if digits == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{frac:0{digits}d}"
