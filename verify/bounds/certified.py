"""Certified real numbers: rational enclosures from outward-rounded interval arithmetic.

Bounds that contain e and logarithms are evaluated in mpmath's interval
context (outward rounding at every operation), and the two ends of the final
interval are read back as binary rationals.  So ``upper`` is a certified
rational upper bound, and for an integer quantity (a VC dimension)
``floor(upper)`` is a certified integer upper bound.  mpmath is imported only
when a value is certified, so importing :mod:`verify.bounds` stays light.

>>> c = certify(lambda ctx: ctx.e, "e")
>>> Fraction(2718, 1000) < c.lower < c.upper < Fraction(2719, 1000), c.integer_upper
(True, 2)
>>> c.upper - c.lower < Fraction(1, 2**120)
True
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from verify.bounds._num import sci
from verify.jsonio import dataclass_json

__all__ = ["PREC", "Certified", "certify", "log2"]

#: Default working precision (bits) of the interval arithmetic.
PREC = 128


@dataclass(frozen=True)
class Certified:
    """A real number known to lie in [lower, upper] (binary rationals).

    ``integer_upper`` = floor(upper): a certified upper bound for an integer
    quantity such as a VC dimension.  ``numeric`` is a decimal text of the
    midpoint, for reading only.
    """

    lower: Fraction
    upper: Fraction
    formula: str

    @property
    def integer_upper(self) -> int:
        """floor(upper)."""
        return math.floor(self.upper)

    @property
    def numeric(self) -> str:
        """Decimal text of the midpoint (7 significant digits, rounded), for reading only."""
        return sci((self.lower + self.upper) / 2, 7, rounded=True)

    JSON_ORDER = ("lower", "upper", "integer_upper", "numeric", "formula")

    def json_extra(self) -> dict[str, Any]:
        return {"integer_upper": self.integer_upper, "numeric": self.numeric}

    def to_json(self) -> dict[str, Any]:
        """JSON form (:func:`verify.jsonio.dataclass_json`)."""
        return dataclass_json(self)


def _ctx(prec: int) -> Any:
    from mpmath.ctx_iv import MPIntervalContext

    ctx = MPIntervalContext()
    ctx.prec = prec
    return ctx


def _ends(x: Any) -> tuple[Fraction, Fraction]:
    from mpmath import libmp

    lo_raw, hi_raw = x._mpi_
    out = []
    for raw in (lo_raw, hi_raw):
        man, exp = libmp.to_man_exp(raw)
        out.append(Fraction(man) * Fraction(2) ** exp)
    return out[0], out[1]


def certify(build: Callable[[Any], Any], formula: str, prec: int = PREC) -> Certified:
    """Evaluate ``build(ctx)`` in an interval context of ``prec`` bits; its certified ends.

    ``build`` receives mpmath's interval context (``ctx.e``, ``ctx.log``, ``ctx.mpf``).
    """
    lo, hi = _ends(build(_ctx(prec)))
    return Certified(lower=lo, upper=hi, formula=formula)


def log2(ctx: Any, x: Any) -> Any:
    """log2 x in the interval context ``ctx``."""
    return ctx.log(x) / ctx.log(2)
