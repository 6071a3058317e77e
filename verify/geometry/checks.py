"""Geometric checks that return a verdict with its evidence.

A :class:`Check` has a ``name``, a verdict ``holds`` (True, False, or None when
it could not be decided — never False by default) and ``evidence``: exact
values that let a reader verify the verdict by hand.

>>> separation([(0, 0)], [(1, 0)], "inf", eps="1/2").holds
True
>>> in_unit_cube([(0, "3/2")]).evidence["violations"][0]["point"]
[Fraction(0, 1), Fraction(3, 2)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verify.errors import InvalidArgument
from verify.exact import require_rational_range
from verify.geometry.norms import (
    norm_key,
    parse_norm,
    rational_points,
    set_distance,
    sqrt_interval,
)
from verify.geometry.pointsets import Point
from verify.jsonio import dataclass_json, json_meta
from verify.limits import Deadline

__all__ = ["Check", "hyperplane_check", "in_unit_ball", "in_unit_cube", "separation"]

_MAX_SHOWN = 5


@dataclass(frozen=True)
class Check:
    """A named verdict with exact evidence.

    ``holds`` is True or False when decided, None when undecided (the reason is
    then in ``evidence["reason"]``).  JSON form: ``{"name", "holds", **evidence}``.
    """

    name: str
    holds: bool | None
    evidence: dict[str, Any] = field(default_factory=dict, metadata=json_meta(write=False))

    def json_extra(self) -> dict[str, Any]:
        return self.evidence

    def to_json(self) -> dict[str, Any]:
        return dataclass_json(self, keep_fractions=True)


def separation(A: object, B: object, norm: str, eps: object = None,
               timeout: object = None) -> Check:
    """Exact minimum distance between A and B under ``norm``; is it >= 2*eps?

    Parameters
    ----------
    A, B : spec, PointSet or rows of rationals
    norm : "inf", "1" or "2"
        Under ℓ2 the evidence has ``distance_squared`` (compared with 4 eps^2) and
        a certified interval ``distance_interval`` for display.
    eps : rational, optional
        If given (> 0), ``holds`` says whether A, B are 2eps-separated (distance
        >= 2 eps, Definition 1.1 with 2eps); else ``holds`` says A, B are disjoint.
    timeout : seconds, optional
        A time limit for comparing the pairs (see :func:`set_distance`).

    Examples
    --------
    >>> c = separation([(0, 0)], [(1, 1), (2, 0)], "2", eps="1/2")
    >>> c.holds, c.evidence["distance_squared"], c.evidence["pair"]["b"]
    (True, Fraction(2, 1), [Fraction(1, 1), Fraction(1, 1)])
    >>> separation([(0,)], [(1,)], "1", eps=0)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: eps must lie in (0, inf], got 0
    """
    norm = parse_norm(norm)
    e = None if eps is None else require_rational_range(eps, "eps", 0, None, low_open=True)
    res = set_distance(A, B, norm, timeout)
    ev: dict[str, Any] = dict(res.to_json())
    if res.squared:
        lo, hi = sqrt_interval(res.value)
        ev["distance_interval"] = [lo, hi]
    if e is None:
        holds = res.value > 0
        ev["required"] = "disjoint (distance > 0)"
    else:
        need = 4 * e * e if res.squared else 2 * e
        holds = res.value >= need
        ev["eps"] = e
        ev["required_squared" if res.squared else "required"] = need
    return Check("separation", holds, ev)


def in_unit_cube(points: object) -> Check:
    """Do all points lie in the closed cube [0,1]^d?

    Examples
    --------
    >>> in_unit_cube("grid:3:2").holds
    True
    >>> c = in_unit_cube([(0, 1), (-1, "1/2")]); c.holds, c.evidence["count_outside"]
    (False, 1)
    """
    pts = rational_points(points)
    bad = [i for i, p in enumerate(pts) if any(c < 0 or c > 1 for c in p)]
    ev: dict[str, Any] = {
        "domain": "[0,1]^d",
        "count": len(pts),
        "count_outside": len(bad),
        "violations": [{"index": i, "point": list(pts[i])} for i in bad[:_MAX_SHOWN]],
    }
    return Check("in_unit_cube", not bad, ev)


def in_unit_ball(points: object, norm: str, center: object = None) -> Check:
    """Do all points lie in the closed unit ball of ``norm`` (centre 0 by default)?

    Examples
    --------
    >>> in_unit_ball([(0, 1), ("3/5", "4/5")], "2").holds
    True
    >>> c = in_unit_ball([(1, 1)], "2"); c.holds, c.evidence["violations"][0]["norm_key"]
    (False, Fraction(2, 1))
    """
    norm = parse_norm(norm)
    pts = rational_points(points)
    ctr: tuple[Fraction, ...]
    if center is None:
        ctr = tuple(Fraction(0) for _ in pts[0])
    else:
        ctr_pts = rational_points([center], "center")
        ctr = ctr_pts[0]
        if len(ctr) != len(pts[0]):
            raise InvalidArgument("in_unit_ball: the centre has the wrong dimension")
    bad = []
    for i, p in enumerate(pts):
        k = norm_key([a - b for a, b in zip(p, ctr, strict=True)], norm)
        if k > 1:
            bad.append({"index": i, "point": list(p), "norm_key": k})
    ev: dict[str, Any] = {
        "domain": f"closed unit l{norm} ball",
        "norm_key_is_squared": norm == "2",
        "count": len(pts),
        "count_outside": len(bad),
        "violations": bad[:_MAX_SHOWN],
    }
    return Check("in_unit_ball", not bad, ev)


def _dot(w: Sequence[Fraction], x: Point) -> Fraction:
    return sum((a * b for a, b in zip(w, x, strict=True)), Fraction(0))


_LOOK = 1 << 14  # points between two looks at the clock in hyperplane_check


def _margins(w: Sequence[Fraction], b: Fraction, A: Sequence[Point], B: Sequence[Point],
             deadline: Deadline | None = None) -> tuple[Fraction, Fraction] | None:
    """min over A and max over B of w.x + b; None when ``deadline`` passes first (a look
    at the clock every :data:`_LOOK` points)."""
    ends: list[Fraction] = []
    for pts, pick in ((A, min), (B, max)):
        end: Fraction | None = None
        for start in range(0, len(pts), _LOOK):
            if deadline is not None and deadline.expired():
                return None
            part = pick(_dot(w, x) + b for x in pts[start:start + _LOOK])
            end = part if end is None else pick(end, part)
        if end is None:
            raise InvalidArgument("hyperplane_check: A and B must not be empty")
        ends.append(end)
    return ends[0], ends[1]


def hyperplane_check(w: Sequence[Fraction], b: Fraction, A: Sequence[Point],
                     B: Sequence[Point], how: str, deadline: Deadline | None = None
                     ) -> Check | None:
    """The check that w·x + b > 0 on A and < 0 on B, in Fractions; None if it fails.

    With ``deadline``, the clock is looked at every 16384 points: past it the check is
    undecided (``holds`` None, the reason says so), never a failure.

    >>> from fractions import Fraction as F
    >>> hyperplane_check([F(1)], F(-1, 2), [(F(1),)], [(F(0),)], "given").holds
    True
    >>> hyperplane_check([F(1)], F(0), [(F(1),)], [(F(0),)], "given") is None
    True
    """
    margins = _margins(w, b, A, B, deadline)
    if margins is None:
        assert deadline is not None
        return Check("linearly_separable", None, {
            "reason": f"time-out after {deadline.limit_text()} (while the hyperplane found "
                      f"by {how} was checked exactly)"})
    lo, hi = margins
    if lo > 0 > hi:
        return Check("linearly_separable", True, {
            "witness": "hyperplane", "w": list(w), "b": b,
            "min_on_A": lo, "max_on_B": hi, "found_by": how,
            "rule": "w.x + b > 0 on A and < 0 on B, checked in Fractions",
        })
    return None
