"""Parsing and checking of exact rationals.

Exact entry points take ``int``, :class:`fractions.Fraction`, or text such as
``"1/10"``, ``"0.1"`` (read as 1/10) or ``"-3"``.  A Python ``float`` is refused:
a caller who really means a float converts it explicitly with
``Fraction(x)`` (which keeps its binary value) or ``Fraction(str(x))``.

>>> to_rational("0.1")
Fraction(1, 10)
>>> to_rational(0.1)
Traceback (most recent call last):
...
verify.errors.InvalidArgument: alpha: a float (0.1) is not exact; pass "0.1" or Fraction(1, 10)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from fractions import Fraction
from numbers import Rational

from verify.errors import InvalidArgument

__all__ = [
    "MAX_INT_DIGITS",
    "fraction_text",
    "int_text",
    "rational_list",
    "require_int",
    "require_rational_range",
    "scientific",
    "scientific_sqrt",
    "shown_int",
    "shown_text",
    "to_rational",
]

RationalLike = int | Fraction | str

# ASCII digits only: Python's int() and Fraction() also read other scripts' digits
# ("\u0663" is 3), which a command line must refuse like "0x10".
_RATIONAL_TEXT = re.compile(
    r"""^\s*[+-]?(
        [0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)? |   # 12, 1.5, 1e-3
        \.[0-9]+([eE][+-]?[0-9]+)?           |   # .5
        [0-9]+\s*/\s*[0-9]+                     # 3/7
    )\s*$""",
    re.VERBOSE | re.ASCII,
)
_INT_TEXT = re.compile(r"[+-]?[0-9]+", re.ASCII)
_MAX_TEXT = 4000
#: Most digits of an integer read from text (Python's own limit is 4300).
MAX_INT_DIGITS = 4000
_MAX_EXPONENT = 10_000
_BIG_BITS = 12_000


def to_rational(value: object, name: str = "alpha") -> Fraction:
    """Return ``value`` as an exact :class:`~fractions.Fraction`.

    Parameters
    ----------
    value : int, Fraction, or str
        The number. Text may be an integer, a decimal (read exactly) or ``p/q``.
    name : str
        The argument's name, used in the error message.

    Raises
    ------
    InvalidArgument
        For floats, booleans, non-numeric text, a zero denominator, or other types.

    Examples
    --------
    >>> to_rational("3/6")
    Fraction(1, 2)
    >>> to_rational("1e-2")
    Fraction(1, 100)
    >>> to_rational(7, "K")
    Fraction(7, 1)
    >>> to_rational("abc", "eps")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: eps: 'abc' is not a rational number (use 3/7, 0.25 or 4)
    """
    if isinstance(value, bool):
        raise InvalidArgument(f"{name}: a boolean is not a number")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise InvalidArgument(f"{name}: {value!r} is not a rational number")
        raise InvalidArgument(
            f'{name}: a float ({value!r}) is not exact; pass "{value!r}" or '
            f"{Fraction(str(value))!r}"
        )
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, str):
        if len(value) > _MAX_TEXT:
            raise InvalidArgument(
                f"{name}: a text of {len(value)} characters; a rational is at most "
                f"{_MAX_TEXT} characters here"
            )
        if not _RATIONAL_TEXT.match(value):
            raise InvalidArgument(
                f"{name}: {shown_text(value)!r} is not a rational number (use 3/7, 0.25 or 4)"
            )
        text = value.replace(" ", "")
        exponent = re.search(r"[eE]([+-]?\d+)$", text)
        if exponent and abs(int(exponent.group(1))) > _MAX_EXPONENT:
            raise InvalidArgument(
                f"{name}: the exponent in {value[:40]!r} is beyond ±{_MAX_EXPONENT}"
            )
        if "/" in text:
            num, den = text.split("/")
            if int(den) == 0:
                raise InvalidArgument(f"{name}: zero denominator in {value!r}")
            return Fraction(int(num), int(den))
        return Fraction(text)
    raise InvalidArgument(f"{name}: expected an int, Fraction or text, got {type(value).__name__}")


def rational_list(values: Iterable[object], name: str = "value") -> list[Fraction]:
    """Convert every item with :func:`to_rational`.

    >>> rational_list(["1/2", 3])
    [Fraction(1, 2), Fraction(3, 1)]
    """
    return [to_rational(v, name) for v in values]


def require_int(
    value: object, name: str, low: int | None = None, high: int | None = None
) -> int:
    """Return ``value`` as an ``int`` within ``[low, high]`` (either end optional).

    Text of an integer (ASCII digits, at most :data:`MAX_INT_DIGITS` of them) is
    accepted; floats, booleans, fractions, other scripts' digits and ``0x10`` are
    refused.  This is the one parser of integer text in the toolkit.

    >>> require_int("4", "K", low=1)
    4
    >>> require_int(0, "K", low=1)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: K must be >= 1, got 0
    >>> require_int("\u0663", "K")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: K must be an integer (digits 0-9), got '\u0663'
    >>> require_int("7" * 5000, "K")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: K: an integer of 5000 digits; at most 4000 digits are read
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidArgument(f"{name} must be an integer, got {shown_text(repr(value))}")
    if isinstance(value, str):
        text = value.strip()
        if not _INT_TEXT.fullmatch(text):
            raise InvalidArgument(
                f"{name} must be an integer (digits 0-9), got {shown_text(value)!r}"
            )
        digits = len(text.lstrip("+-"))
        if digits > MAX_INT_DIGITS:
            raise InvalidArgument(
                f"{name}: an integer of {digits} digits; at most {MAX_INT_DIGITS} digits are read"
            )
        value = int(text)
    if low is not None and value < low:
        raise InvalidArgument(f"{name} must be >= {low}, got {shown_int(value)}")
    if high is not None and value > high:
        raise InvalidArgument(f"{name} must be <= {high}, got {shown_int(value)}")
    return value


def shown_text(text: str, width: int = 40) -> str:
    """``text`` cut to ``width`` characters for an error message.

    >>> shown_text("x" * 50, 10)
    'xxxxxxx...'
    """
    return text if len(text) <= width else text[: width - 3] + "..."


def shown_int(n: int) -> str:
    """An integer for an error message: in full up to 40 digits, else its size.

    >>> shown_int(-12), shown_int(10**100)
    ('-12', 'an integer of 101 digits')
    """
    if abs(n).bit_length() <= 130:
        return str(n)
    return f"an integer of {len(int_text(abs(n)))} digits"


def require_rational_range(
    value: object,
    name: str,
    low: Fraction | int | None = None,
    high: Fraction | int | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> Fraction:
    """Parse a rational and check it lies in the given interval.

    >>> require_rational_range("1/10", "alpha", 0, Fraction(1, 2), high_open=True)
    Fraction(1, 10)
    >>> require_rational_range("1/2", "alpha", 0, Fraction(1, 2), high_open=True)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: alpha must lie in [0, 1/2), got 1/2
    """
    x = to_rational(value, name)
    bad = (
        (low is not None and (x <= low if low_open else x < low))
        or (high is not None and (x >= high if high_open else x > high))
    )
    if bad:
        lo = "(" if low_open else "["
        hi = ")" if high_open else "]"
        lows = "-inf" if low is None else str(low)
        highs = "inf" if high is None else str(high)
        raise InvalidArgument(f"{name} must lie in {lo}{lows}, {highs}{hi}, got {x}")
    return x


def fraction_text(x: Fraction | int) -> str:
    """The JSON form of a rational: always ``"p/q"``, however many digits it has.

    >>> fraction_text(Fraction(-3, 6))
    '-1/2'
    >>> fraction_text(2)
    '2/1'
    >>> t = fraction_text(Fraction(-(3**30000), 7))
    >>> t.startswith("-") and t.endswith("/7") and len(t) > 14000
    True
    """
    f = Fraction(x)
    return f"{int_text(f.numerator)}/{int_text(f.denominator)}"


def int_text(n: int) -> str:
    """Decimal text of an integer of any size.

    Python refuses ``str(n)`` beyond 4300 digits, and its conversion is quadratic;
    large integers are converted through :mod:`decimal` by divide and conquer.

    >>> int_text(-12)
    '-12'
    >>> s = int_text(3**40000); s[:5], s[-5:], len(s)
    ('70825', '00001', 19085)
    """
    if abs(n).bit_length() <= _BIG_BITS:
        return str(n)
    return ("-" if n < 0 else "") + _decimal_digits(abs(n))


def _decimal_digits(n: int) -> str:
    """Digits of n >= 0 via decimal arithmetic (libmpdec multiplies in n log n)."""
    import decimal

    two = decimal.Decimal(2)
    memo: dict[int, decimal.Decimal] = {}

    def pow2(w: int) -> decimal.Decimal:
        r = memo.get(w)
        if r is None:
            if w <= 128:
                r = two**w
            elif w - 1 in memo:
                r = memo[w - 1] + memo[w - 1]
            else:
                r = pow2(w >> 1) * pow2(w - (w >> 1))
            memo[w] = r
        return r

    def inner(m: int, w: int) -> decimal.Decimal:
        if w <= 128:
            return decimal.Decimal(m)
        half = w >> 1
        hi = m >> half
        lo = m - (hi << half)
        return inner(lo, half) + inner(hi, w - half) * pow2(half)

    with decimal.localcontext() as ctx:
        ctx.prec = decimal.MAX_PREC
        ctx.Emax = decimal.MAX_EMAX
        ctx.Emin = decimal.MIN_EMIN
        ctx.traps[decimal.Inexact] = True
        return str(inner(n, n.bit_length()))


def scientific(x: Fraction | int, digits: int = 6, rounded: bool = False) -> str:
    """Scientific notation of a rational, truncated (or, with ``rounded``, rounded
    half up) to ``digits`` significant digits, computed in integers; ``"0"`` for zero.

    >>> scientific(Fraction(1, 3))
    '3.33333e-1'
    >>> scientific(2**100, 4)
    '1.267e+30'
    >>> scientific(Fraction(-5, 2), 3)
    '-2.50e+0'
    >>> scientific(Fraction(99999, 10000), 3), scientific(Fraction(99999, 10000), 3, rounded=True)
    ('9.99e+0', '1.00e+1')
    """
    f = Fraction(x)
    if f == 0:
        return "0"
    sign = "-" if f < 0 else ""
    f = abs(f)
    p, q = f.numerator, f.denominator
    # estimate floor(log10 f), then fix it with exact comparisons
    est = math.floor((p.bit_length() - q.bit_length()) * math.log10(2))
    while _ge_pow10(p, q, est + 1):
        est += 1
    while not _ge_pow10(p, q, est):
        est -= 1
    shift = digits - 1 - est
    num, den = (p * 10**shift, q) if shift >= 0 else (p, q * 10 ** (-shift))
    mant = (2 * num + den) // (2 * den) if rounded else num // den
    if mant >= 10**digits:
        mant //= 10
        est += 1
    text = str(mant)
    body = text[0] + ("." + text[1:] if digits > 1 else "")
    return f"{sign}{body}e{est:+d}"


def _ge_pow10(p: int, q: int, e: int) -> bool:
    """p/q >= 10**e."""
    if e >= 0:
        return p >= q * 10**e
    return p * 10 ** (-e) >= q


def scientific_sqrt(x: Fraction | int, digits: int = 6) -> str:
    """Scientific notation of ``sqrt(x)`` for a rational x >= 0, truncated, in integers.

    >>> scientific_sqrt(2)
    '1.41421e+0'
    >>> scientific_sqrt(Fraction(1, 10**7), 3)
    '3.16e-4'
    """
    f = Fraction(x)
    assert f >= 0
    if f == 0:
        return "0"
    p, q = f.numerator, f.denominator
    est = math.floor((p.bit_length() - q.bit_length()) * math.log10(2) / 2)
    while _ge_pow10(p, q, 2 * est + 2):
        est += 1
    while not _ge_pow10(p, q, 2 * est):
        est -= 1
    shift = digits - 1 - est
    if shift >= 0:
        mant = math.isqrt(p * 10 ** (2 * shift) // q)
    else:
        mant = math.isqrt(p // (q * 10 ** (-2 * shift)))
    text = str(mant)
    body = text[0] + ("." + text[1:] if digits > 1 else "")
    return f"{body}e{est:+d}"
