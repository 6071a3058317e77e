"""Certified rational enclosures of logarithms (private helper of the claim checks).

``ln_bounds(q, bits)`` returns Fractions ``lo <= ln(q) <= hi`` with
``hi - lo <= 2**-bits``, from the series ln q = 2·atanh((q−1)/(q+1)) after
range reduction by powers of two, with its tail bounded explicitly.  No
floating point is involved.

>>> lo, hi = ln_bounds(2, 20)
>>> lo < Fraction(6931471805599, 10**13) < hi
True
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["ln_bounds"]


def _atanh_series(z: Fraction, bits: int) -> tuple[Fraction, Fraction]:
    """Enclosure of 2·atanh(z) for |z| <= 1/3."""
    assert abs(z) <= Fraction(1, 3)
    total = Fraction(0)
    power = z
    z2 = z * z
    k = 0
    eps = Fraction(1, 2 ** (bits + 2))
    while True:
        total += 2 * power / (2 * k + 1)
        k += 1
        power *= z2
        tail = 2 * abs(power) / ((2 * k + 1) * (1 - z2))
        if tail <= eps:
            break
    if z >= 0:
        return total, total + tail
    return total - tail, total


def ln_bounds(q: Fraction | int, bits: int = 60) -> tuple[Fraction, Fraction]:
    """Rational ``(lo, hi)`` with ``lo <= ln(q) <= hi`` and ``hi - lo <= 2**-bits``.

    >>> ln_bounds(1)
    (Fraction(0, 1), Fraction(0, 1))
    """
    q = Fraction(q)
    if q <= 0:
        raise ValueError("ln of a non-positive number")
    if q == 1:
        return Fraction(0), Fraction(0)
    k = 0
    while q > Fraction(4, 3):
        q /= 2
        k += 1
    while q < Fraction(2, 3):
        q *= 2
        k -= 1
    extra = bits + 4 + abs(k).bit_length()
    lo, hi = _atanh_series((q - 1) / (q + 1), extra)
    l2lo, l2hi = _atanh_series(Fraction(1, 3), extra)  # ln 2 = 2·atanh(1/3)
    if k >= 0:
        return lo + k * l2lo, hi + k * l2hi
    return lo + k * l2hi, hi + k * l2lo
