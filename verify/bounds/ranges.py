"""Parameter ranges for tables: ``"1:6"``, ``"2:10:2"``, ``"0,1/10,1/5"``, mixed.

Syntax: a comma-separated list of items; an item is a single value or an
inclusive range ``start:stop`` or ``start:stop:step`` (step > 0; required for
non-integer rationals).  Values are exact (int or Fraction); the result keeps
the order given and drops repeats.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TypeVar

from verify.errors import InvalidArgument
from verify.exact import require_int, to_rational

__all__ = ["MAX_VALUES", "RANGE_SYNTAX", "parse_int_values", "parse_rational_values"]

#: Largest number of values one range may produce.
MAX_VALUES = 1000

RANGE_SYNTAX = (
    "comma-separated values or inclusive ranges start:stop[:step], "
    "e.g. 1:6, 2:10:2, 0,1/10,1/5"
)


def _items(text: object, name: str) -> list[str]:
    if not isinstance(text, str) or not text.strip():
        raise InvalidArgument(f"{name}: expected {RANGE_SYNTAX}")
    return [t.strip() for t in text.split(",")]


T = TypeVar("T", int, Fraction)


def _dedup(values: Sequence[T]) -> list[T]:
    out: list[T] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def parse_rational_values(text: object, name: str = "value") -> list[Fraction]:
    """Parse rational values and ranges.

    Examples
    --------
    >>> parse_rational_values("0,1/10,1/5")
    [Fraction(0, 1), Fraction(1, 10), Fraction(1, 5)]
    >>> parse_rational_values("0:1/4:1/8")
    [Fraction(0, 1), Fraction(1, 8), Fraction(1, 4)]
    >>> parse_rational_values("1:x", "alpha")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: alpha: 'x' is not a rational number (use 3/7, 0.25 or 4)
    """
    out: list[Fraction] = []
    for item in _items(text, name):
        parts = item.split(":")
        if len(parts) == 1:
            out.append(to_rational(parts[0], name))
            continue
        if len(parts) not in (2, 3):
            raise InvalidArgument(f"{name}: {item!r}: expected {RANGE_SYNTAX}")
        lo, hi = to_rational(parts[0], name), to_rational(parts[1], name)
        step = to_rational(parts[2], name) if len(parts) == 3 else Fraction(1)
        if step <= 0:
            raise InvalidArgument(f"{name}: {item!r}: the step must be > 0")
        if hi < lo:
            raise InvalidArgument(f"{name}: {item!r}: the range is empty (stop < start)")
        if (hi - lo) / step >= MAX_VALUES:
            raise InvalidArgument(f"{name}: {item!r} has more than {MAX_VALUES} values")
        x = lo
        while x <= hi:
            out.append(x)
            x += step
        if len(out) > MAX_VALUES:
            raise InvalidArgument(f"{name}: more than {MAX_VALUES} values")
    return _dedup(out)


def parse_int_values(
    text: object, name: str = "value", low: int | None = None, high: int | None = None
) -> list[int]:
    """Parse integer values and ranges, each checked against [low, high].

    Examples
    --------
    >>> parse_int_values("1:4,7", "K")
    [1, 2, 3, 4, 7]
    >>> parse_int_values("2:10:4", "d")
    [2, 6, 10]
    >>> parse_int_values("0:3", "K", low=1)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: K must be >= 1, got 0
    """
    if isinstance(text, int) and not isinstance(text, bool):
        return [require_int(text, name, low, high)]
    out: list[int] = []
    for item in _items(text, name):
        parts = item.split(":")
        if len(parts) == 1:
            out.append(require_int(parts[0], name, low, high))
            continue
        if len(parts) not in (2, 3):
            raise InvalidArgument(f"{name}: {item!r}: expected {RANGE_SYNTAX}")
        lo = require_int(parts[0], name, low, high)
        hi = require_int(parts[1], name, low, high)
        step = require_int(parts[2], f"{name} step", 1) if len(parts) == 3 else 1
        if hi < lo:
            raise InvalidArgument(f"{name}: {item!r}: the range is empty (stop < start)")
        if (hi - lo) // step >= MAX_VALUES:
            raise InvalidArgument(f"{name}: {item!r} has more than {MAX_VALUES} values")
        out.extend(range(lo, hi + 1, step))
        if len(out) > MAX_VALUES:
            raise InvalidArgument(f"{name}: more than {MAX_VALUES} values")
    return _dedup(out)
