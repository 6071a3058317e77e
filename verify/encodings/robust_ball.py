"""The ball of a robustness question: norms, membership, counterexamples (exact).

Shared by the robustness back ends (:mod:`verify.encodings.robust` and the
modules it uses); a counterexample is a rational point of the closed ball with
``label·f ≤ 0`` (f = 0 counts as misclassified).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

from verify.errors import InvalidArgument
from verify.exact import to_rational
from verify.geometry.norms import parse_norm as any_norm
from verify.nets.network import ReLUNet

__all__ = ["Norm", "Point", "in_ball", "is_counterexample", "parse_norm"]

Norm = Literal["inf", "2"]
Point = tuple[Fraction, ...]


def parse_norm(norm: object) -> Norm:
    """``"inf"`` (also ``"linf"``, ``"∞"``) or ``"2"`` (also ``"l2"``, 2).

    >>> parse_norm("linf"), parse_norm(2)
    ('inf', '2')
    >>> parse_norm("1")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: norm: '1' is not supported; use inf or 2
    """
    try:
        name = any_norm(norm)  # the one parser of norm names; robustness has no l1 back end
    except InvalidArgument:
        name = None
    if name == "inf":
        return "inf"
    if name == "2":
        return "2"
    raise InvalidArgument(f"norm: {str(norm)!r} is not supported; use inf or 2")




def in_ball(
    center: Sequence[Fraction], radius: Fraction, p: Sequence[Fraction], norm: Norm
) -> bool:
    """Exactly: is ‖p − center‖ ≤ radius (closed ball)?

    >>> in_ball((Fraction(0), Fraction(0)), Fraction(1), (Fraction(3, 5), Fraction(4, 5)), "2")
    True
    """
    diffs = [a - b for a, b in zip(p, center, strict=True)]
    if norm == "inf":
        return max(abs(v) for v in diffs) <= radius
    return sum(v * v for v in diffs) <= radius * radius


def is_counterexample(
    net: ReLUNet, center: Sequence[object], label: int, radius: object, norm: object,
    p: Sequence[object],
) -> bool:
    """Exactly: is ``p`` in the closed ball and label·f(p) ≤ 0?

    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
    >>> [is_counterexample(net, [1], 1, "1/2", "inf", [p]) for p in ("1/2", 0)]
    [True, False]
    """
    c = tuple(to_rational(v, "point") for v in center)
    q = tuple(to_rational(v, "counterexample") for v in p)
    if len(q) != len(c):
        return False
    r = to_rational(radius, "radius")
    return in_ball(c, r, q, parse_norm(norm)) and label * net.evaluate(q) <= 0
