"""Errors raised by the toolkit.

Every error the toolkit raises on purpose derives from :class:`VerifyError`.
The command line turns any of them into one line ``error: …`` and exit code 2.

>>> issubclass(InvalidArgument, ValueError)
True
>>> str(InvalidArgument("K must be >= 1, got 0"))
'K must be >= 1, got 0'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "BudgetExceeded",
    "CacheDamaged",
    "CertificateError",
    "Interrupted",
    "InvalidArgument",
    "SolverError",
    "VerifyError",
    "items_of",
]


class VerifyError(Exception):
    """Base class of the toolkit's own errors."""


class InvalidArgument(VerifyError, ValueError):
    """An argument is malformed, out of range, or of a refused type (e.g. a float)."""


class BudgetExceeded(InvalidArgument):
    """Planned work would exceed the memory budget (refused before any of it is done)."""


class SolverError(VerifyError):
    """A back-end solver failed in a way that is not a plain time-out."""


class CertificateError(VerifyError):
    """A certificate or witness failed its exact re-check."""


class CacheDamaged(InvalidArgument):
    """A cache or saved file does not verify (damaged or edited); its message says what to do."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, with a message saying what was kept (the command line prints it, exit 130)."""


def items_of(value: object, what: str, expected: str) -> list[Any]:
    """The items of ``value`` (a list, a tuple, an array or another iterable) as a list.

    Text, bytes, a mapping or a single value (a number, None) are refused by name
    rather than iterated: ``b"3"`` is not the width 51, and a float has no items.

    >>> items_of((2, 3, 1), "architecture", "widths")
    [2, 3, 1]
    >>> items_of(0.5, "points", "rows of rationals")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: points: expected rows of rationals, got float 0.5
    >>> items_of(b"3", "K", "integers")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: K: expected integers, got bytes b'3'
    """
    if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        shown = repr(value)
        shown = shown if len(shown) <= 40 else shown[:40] + "…"
        raise InvalidArgument(f"{what}: expected {expected}, got {type(value).__name__} {shown}")
    return list(value)
