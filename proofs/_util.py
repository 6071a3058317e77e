"""Small helpers shared by the claim checks (private): exact decimals, the (K, d) grid of
Theorem 4.3's checks, and the verdict of a claim whose corrected form has a proof.

>>> decimal_text(Fraction(1, 3), 5)
'0.33333'
>>> decimal_text(Fraction(-7, 2), 2)
'-3.50'
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from proofs.claim import FAILS, HOLDS_ON_INSTANCES, HOLDS_WITH_CORRECTION, PROVED_CORRECTED
from verify.errors import InvalidArgument
from verify.exact import require_int

__all__ = ["class_spec", "corrected_verdict", "decimal_text", "kd_grid"]


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


def kd_grid(Ks: list[int], ds: list[int], max_n: int,
            skipped: list[list[int]] | None = None) -> Iterator[tuple[int, int]]:
    """The pairs (K, d) of the grid with n = K^(d−1) <= ``max_n``, K first; each K and d
    checked (2 <= K <= 10^6, 2 <= d <= 64) when reached; the pairs left out go to ``skipped``.

    >>> left: list[list[int]] = []
    >>> list(kd_grid([2, 200], [2, 3], 1000, left)), left
    ([(2, 2), (2, 3), (200, 2)], [[200, 3]])
    """
    for K in Ks:
        K = require_int(K, "K", 2, 10**6)
        for d in ds:
            d = require_int(d, "d", 2, 64)
            if K ** (d - 1) > max_n:
                if skipped is not None:
                    skipped.append([K, d])
                continue
            yield K, d


def corrected_verdict(refuted: bool, proved: bool, printed_fails: bool) -> str:
    """Fails when refuted; else proved (corrected) when the corrected form's proof checks out;
    else holds with correction when the printed form fails somewhere; else holds on instances.

    >>> corrected_verdict(False, True, True), corrected_verdict(True, True, True)
    ('proved-corrected', 'fails')
    >>> corrected_verdict(False, False, True), corrected_verdict(False, False, False)
    ('holds-with-correction', 'holds-on-instances')
    """
    if refuted:
        return FAILS
    if proved:
        return PROVED_CORRECTED
    return HOLDS_WITH_CORRECTION if printed_fails else HOLDS_ON_INSTANCES


def class_spec(cls: Any) -> dict[str, Any]:
    """A class the checks measure, as they read it: ``{"points": …, "kind": "halfspaces"}``
    or ``{"points": …, "kind": "relu", "arch": …}`` (with ``"class"``, ``"timeout"``
    optional); anything else is refused by name before any work.

    >>> class_spec({"points": "grid:3:2", "kind": "halfspaces"})["kind"]
    'halfspaces'
    >>> class_spec({"points": "grid:3:2", "kind": "relus"})
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: class {'points': 'grid:3:2', 'kind': 'relus'}: kind must be ...
    """
    if not isinstance(cls, dict) or "points" not in cls:
        raise InvalidArgument(f"class {cls!r}: expected a table with 'points' and 'kind'")
    if cls.get("kind") not in ("halfspaces", "relu"):
        raise InvalidArgument(f"class {cls!r}: kind must be 'halfspaces' or 'relu'")
    if cls["kind"] == "relu" and "arch" not in cls:
        raise InvalidArgument(f"class {cls!r}: a relu class needs its 'arch' (e.g. '2-2-1')")
    return cls
