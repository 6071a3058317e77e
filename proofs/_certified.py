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

__all__ = ["e_bounds", "ln_bounds", "pi_bounds", "root_bounds"]


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


def _atan_inverse(n: int, bits: int) -> tuple[Fraction, Fraction]:
    """Enclosure of atan(1/n) (n >= 2) from its alternating series."""
    x = Fraction(1, n)
    total = Fraction(0)
    term = x
    k = 0
    eps = Fraction(1, 2 ** (bits + 4))
    while term / (2 * k + 1) > eps:
        total += (-1) ** k * term / (2 * k + 1)
        term *= x * x
        k += 1
    nxt = term / (2 * k + 1)  # the first omitted term bounds the error (alternating)
    return (total - nxt, total) if k % 2 else (total, total + nxt)


def pi_bounds(bits: int = 60) -> tuple[Fraction, Fraction]:
    """Rationals ``lo <= π <= hi`` (Machin: π = 16·atan(1/5) − 4·atan(1/239)).

    >>> lo, hi = pi_bounds(40)
    >>> Fraction(3141592653589793, 10**15) < hi and lo < Fraction(3141592653589794, 10**15)
    True
    >>> hi - lo < Fraction(1, 2**36)
    True
    """
    a_lo, a_hi = _atan_inverse(5, bits)
    b_lo, b_hi = _atan_inverse(239, bits)
    return 16 * a_lo - 4 * b_hi, 16 * a_hi - 4 * b_lo


def e_bounds(bits: int = 60) -> tuple[Fraction, Fraction]:
    """Rationals ``lo <= e <= hi`` from Σ 1/n!, the tail after 1/n! bounded by 2/(n+1)!.

    >>> lo, hi = e_bounds(40)
    >>> lo < Fraction(271828182845904, 10**14) < hi
    True
    """
    total, term, n = Fraction(0), Fraction(1), 0
    while True:
        total += term
        n += 1
        term /= n
        if 2 * term <= Fraction(1, 2**bits):
            return total, total + 2 * term


def root_bounds(lo: Fraction, hi: Fraction, k: int, bits: int = 40
                ) -> tuple[Fraction, Fraction]:
    """Rationals a <= lo^(1/k) and b >= hi^(1/k) (0 < lo <= hi), on the grid 2^-bits.

    >>> root_bounds(Fraction(2), Fraction(2), 2, 20)[0] < Fraction(14142136, 10**7)
    True
    """
    scale = 2**bits

    def largest_below(q: Fraction) -> int:  # largest j with (j/scale)^k <= q
        a, b = 0, scale
        while (Fraction(b, scale)) ** k <= q:
            b *= 2
        while b - a > 1:
            mid = (a + b) // 2
            if Fraction(mid, scale) ** k <= q:
                a = mid
            else:
                b = mid
        return a

    j_lo = largest_below(lo)
    j_hi = largest_below(hi)
    if Fraction(j_hi, scale) ** k < hi:
        j_hi += 1
    return Fraction(j_lo, scale), Fraction(j_hi, scale)
