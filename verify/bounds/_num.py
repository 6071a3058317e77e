"""Private exact-number helpers of :mod:`verify.bounds`.

Rational brackets of e, exact comparisons of big rationals with a cheap
bit-length pre-test, decimal text of huge rationals, and scientific notation
computed in integers (truncated, never rounded through a float).
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache
from typing import Any

from verify.exact import fraction_text, scientific, scientific_sqrt

__all__: list[str] = []


# ``"p/q"`` and decimal text of numbers of any size: one implementation, in verify.exact.
big_text = fraction_text
# scientific notation computed in integers: one implementation, in verify.exact.
sci = scientific
sci_sqrt = scientific_sqrt


def _log2_int(p: int) -> tuple[float, float]:
    """Floats lo < log2(p) < hi for an integer p >= 1 (from its top 53 bits)."""
    shift = max(p.bit_length() - 53, 0)
    t = p >> shift
    return math.log2(t) + shift, math.log2(t + 1) + shift


def power_ge(x: Fraction, k: int, y: Fraction) -> bool:
    """Exactly decide ``x**k >= y`` for rationals x >= 0, y >= 0 and an integer k >= 1.

    A pre-test on logarithms of the leading 53 bits decides when the two sides
    differ by far more than any rounding error; every other case is decided by
    exact integer products.

    >>> power_ge(Fraction(3, 2), 2, Fraction(9, 4))
    True
    >>> power_ge(Fraction(3, 2), 2, Fraction(9, 4) + Fraction(1, 10**30))
    False
    >>> power_ge(Fraction(2**500), 3, Fraction(1, 7))
    True
    """
    return power_ge_ints(x.numerator, x.denominator, k, y.numerator, y.denominator)


def power_ge_ints(p: int, q: int, k: int, yn: int, yd: int) -> bool:
    """``(p/q)**k >= yn/yd`` for integers p, yn >= 0 and q, yd, k >= 1 (not necessarily reduced)."""
    if yn == 0:
        return True
    if p == 0:
        return False
    pl, ph = _log2_int(p)
    ql, qh = _log2_int(q)
    yl = _log2_int(yn)[0] - _log2_int(yd)[1]
    yh = _log2_int(yn)[1] - _log2_int(yd)[0]
    lo, hi = k * (pl - qh), k * (ph - ql)
    # each float log2 is within 1e-13 of its value; products and sums add rounding
    margin = 1e-12 * (k + abs(lo) + abs(hi) + abs(yl) + abs(yh)) + 1e-9
    if hi + margin < yl:
        return False
    if lo - margin > yh:
        return True
    return p**k * yd >= yn * q**k


def ceil_fraction(x: Fraction) -> int:
    """``ceil(x)`` in integers."""
    return -((-x.numerator) // x.denominator)


@lru_cache(maxsize=64)
def e_bracket(terms: int) -> tuple[Fraction, Fraction]:
    """Rationals ``lo < e < hi`` from the series: lo = sum_{k<=terms} 1/k!,
    hi = lo + 1/(terms! * terms).

    >>> lo, hi = e_bracket(10)
    >>> lo < Fraction(27182818284, 10**10) < hi
    True
    """
    assert terms >= 2
    lo = Fraction(0)
    fact = 1
    for k in range(terms + 1):
        if k:
            fact *= k
        lo += Fraction(1, fact)
    return lo, lo + Fraction(1, fact * terms)


def e_power_ge(D: int, r: Fraction) -> bool:
    """Exactly decide ``e**D >= r`` for an integer D >= 1 and a rational r.

    e**D is irrational for D >= 1, so refining the bracket of e always ends.

    >>> e_power_ge(1, Fraction(271828, 100000))
    True
    >>> e_power_ge(1, Fraction(271829, 100000))
    False
    """
    return e_power_ge_ints(D, r.numerator, r.denominator)


def e_power_ge_ints(D: int, rn: int, rd: int) -> bool:
    """``e**D >= rn/rd`` for integers D, rd >= 1 (rn/rd need not be reduced)."""
    assert D >= 1 and rd >= 1
    if rn <= 0:
        return True
    terms = 20
    while True:
        lo, hi = e_bracket(terms)
        if power_ge_ints(lo.numerator, lo.denominator, D, rn, rd):
            return True
        if not power_ge_ints(hi.numerator, hi.denominator, D, rn, rd):
            return False
        terms *= 2


def approx(x: Fraction | int, limit: int = 12) -> str | Fraction:
    """``x`` itself if its ``p/q`` text is short, else its scientific notation with "≈".

    >>> approx(Fraction(3, 4))
    Fraction(3, 4)
    >>> approx(Fraction(2**200, 3))
    '≈5.35646e+59'
    """
    f = Fraction(x)
    if f.numerator.bit_length() + f.denominator.bit_length() <= 4 * limit:
        if len(str(f.numerator)) + len(str(f.denominator)) + 1 <= limit:
            return f
    return "≈" + sci(f)


@lru_cache(maxsize=4)
def _primes_upto(m: int) -> tuple[int, ...]:
    sieve = bytearray([1]) * (m + 1)
    sieve[0:2] = b"\x00\x00"[: min(2, m + 1)]
    for p in range(2, math.isqrt(m) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytearray(len(range(p * p, m + 1, p)))
    return tuple(i for i in range(m + 1) if sieve[i])


def _legendre(m: int, p: int) -> int:
    """Exponent of the prime p in m!."""
    e = 0
    while m:
        m //= p
        e += m
    return e


def _product(xs: list[int]) -> int:
    """Product by a balanced tree (fast for many big factors)."""
    if not xs:
        return 1
    while len(xs) > 1:
        nxt = [xs[i] * xs[i + 1] for i in range(0, len(xs) - 1, 2)]
        if len(xs) % 2:
            nxt.append(xs[-1])
        xs = nxt
    return xs[0]


def coprime_fraction(num: int, den: int) -> Fraction:
    """A Fraction from coprime num, den > 0 without the gcd (caller guarantees it)."""
    maker: Any = getattr(Fraction, "_from_coprime_ints", None)
    if maker is not None:  # Python >= 3.12
        result: Fraction = maker(num, den)
        return result
    make: Any = Fraction
    made: Fraction = make(num, den, _normalize=False)  # Python 3.11
    return made


def factorial_ratio(up: list[int], down: list[int], two_power: int = 0) -> Fraction:
    """Exactly ``2**two_power * prod(u! for u in up) / prod(v! for v in down)``,
    reduced through prime exponents (no gcd of big integers).

    >>> factorial_ratio([5], [2, 3], two_power=1)    # 2 * C(5, 2)
    Fraction(20, 1)
    >>> factorial_ratio([3], [6], two_power=-2)
    Fraction(1, 480)
    """
    top = max([*up, *down, 2])
    nums: list[int] = []
    dens: list[int] = []
    for p in _primes_upto(top):
        e = sum(_legendre(u, p) for u in up) - sum(_legendre(v, p) for v in down)
        if p == 2:
            e += two_power
        if e > 0:
            nums.append(p**e)
        elif e < 0:
            dens.append(p ** (-e))
    return coprime_fraction(_product(nums), _product(dens))


def approx_sqrt(x: Fraction) -> str | Fraction:
    """sqrt(x) for a rational x >= 0: exact (via :func:`approx`) when x is a square
    of a rational, else ``"≈"`` and its truncated scientific notation.

    >>> approx_sqrt(Fraction(4, 9)), approx_sqrt(Fraction(2))
    (Fraction(2, 3), '≈1.41421e+0')
    """
    if x.numerator.bit_length() > 200 or x.denominator.bit_length() > 200:
        # its square root has more than 12 digits: only the decimal form is shown,
        # so skip the (slow, for huge x) exact square test
        return "≈" + sci_sqrt(x)
    rn, rd = math.isqrt(x.numerator), math.isqrt(x.denominator)
    if rn * rn == x.numerator and rd * rd == x.denominator:
        return approx(Fraction(rn, rd))
    return "≈" + sci_sqrt(x)
