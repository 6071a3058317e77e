"""One first-layer unit, a wide second layer (``m-1-h-1``, h >= 2): exactly linear.

The class is every network ``f = g(u(x))`` with ``u(x) = ReLU(w·x + b)`` (one
first-layer unit: a scalar *feature*) and ``g(t) = c + Σ_k a_k·ReLU(v_k·t + d_k)``
a ``1-h-1`` network of the real line, all weights real.  Its nonlinear normal
form (:mod:`verify.encodings.wide`) keeps ``h − 1`` free second-layer weights
that multiply u; this module removes them exactly.

**Reduction.**  ``f`` realizes y on the points iff some feature u orders them so
that (a) points with equal u have equal labels and (b) along increasing u the
labels change sign at most ``K(h)`` times, where ``K(1) = 1``, ``K(2) = 2`` and
``K(h) = h + 1`` for h >= 3 (:func:`max_sign_changes`).  Proof:

* *At most K(h).*  g is continuous and piecewise linear with at most h
  breakpoints, so at most h + 1 linear pieces and at most h + 1 sign changes,
  one per piece.  All h + 1 need every piece to cross zero, hence consecutive
  slopes of alternating signs, all non-zero.  A unit with ``v_k > 0`` is active
  right of its breakpoint, one with ``v_k < 0`` left of it; write
  ``c_k = a_k·v_k``.  The leftmost slope is the sum of ``c_k`` over left-active
  units and the rightmost over right-active ones, so both kinds occur.  For
  h = 1 that is impossible; for h = 2 (units A left-, B right-active) the
  slopes are ``c_A, 0, c_B`` (A's breakpoint first: a constant piece) or
  ``c_A, c_A + c_B, c_B`` (B's first: the middle cannot have the sign opposite
  to both ends).  So K(1) = 1, K(2) = 2.
* *Every sequence with at most K(h) changes, on any distinct values.*  With
  k <= h changes: right-active units only, one breakpoint in each gap where
  the label changes; g is constant (the first label) left of the first
  breakpoint and each slope is free, so every piece can cross zero inside the
  next gap.  With h + 1 changes, h >= 3: slopes ``c_A, c_A + c_B,
  c_A + c_B + c_C, c_B + c_C`` (A left-active with the rightmost of three
  breakpoints, B and C right-active) alternate for e.g. ``c = (2, −3, 2)``;
  with the zeros placed in the gaps the one relation between the slopes
  (``σ_3 = σ_2 − σ_0``) is met by moving the breakpoints (σ_0 grows without
  bound as A's pieces shorten), and each further right-active unit adds a
  piece with a free slope.  (Brute force agrees: ``1-h-1`` on ``grid:n:1``,
  h <= 4, n <= 7, in ``tests/encodings/test_onefeature.py``.)
* f = g∘u, so (⇒) holds with that u, and (⇐) composes u with the g above.

**Encoding** (:class:`OneFeatureLRA`).  Linear real arithmetic with Booleans:
the feature's weights ``w_k``, bias ``b`` and phase ``a_i`` per point;
thresholds ``t_1 <= … <= t_K``; per point and threshold a Boolean ``c_i_r``
(``c → u_i >= t_r + 1``, ``¬c → u_i <= t_r − 1``); the label
``y_i = s ⊕ c_i_1 ⊕ … ⊕ c_i_K`` (s: the label left of every threshold).  Margin 1
is exact: the feature and the thresholds scale together.  Decided exactly and
completely by z3; a refutation is a refutation of the class.  A witness: the
model's feature (exact rationals), then the ``1-h-1`` net on its values from
:class:`verify.encodings.lra.OneHiddenLRA` (it exists by the proof; if it did
not, that would be a bug, raised as such), composed and re-checked by callers.

>>> from verify.geometry.pointsets import grid
>>> enc = OneFeatureLRA(grid(4, 1), (1, 1, 2, 1))
>>> enc.check((1, -1, 1, -1))[0], enc.check((1, -1, -1, 1))[0]   # 3 changes; 2 changes
('unsat', 'sat')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import z3

from verify.encodings.lra import BuildClock, OneHiddenLRA, Z3Query, z3_fraction
from verify.encodings.z3memory import z3_check
from verify.geometry.pointsets import Point
from verify.nets.network import Layer, ReLUNet

__all__ = ["OneFeatureLRA", "is_one_feature", "max_sign_changes"]


def is_one_feature(widths: Sequence[int]) -> bool:
    """``m-1-h-1`` with h >= 2 (one first-layer unit, a wide second layer).

    >>> is_one_feature((2, 1, 2, 1)), is_one_feature((2, 2, 2, 1)), is_one_feature((2, 1, 1, 1))
    (True, False, False)
    """
    return len(widths) == 4 and widths[1] == 1 and widths[2] >= 2


def max_sign_changes(h: int) -> int:
    """K(h): the most sign changes a ``1-h-1`` ReLU network has along the real line.

    >>> [max_sign_changes(h) for h in range(1, 6)]
    [1, 2, 4, 5, 6]
    """
    if h < 1:
        raise ValueError(f"max_sign_changes needs h >= 1, got {h}")
    return h if h <= 2 else h + 1


def _xor(lits: Sequence[Any]) -> Any:
    out = lits[0]
    for lit in lits[1:]:
        out = z3.Xor(out, lit)
    return out


class OneFeatureLRA(Z3Query):
    """The exact z3 LRA encoding of ``m-1-h-1`` on fixed points (see the module docstring).

    The interface is that of :class:`verify.encodings.lra.OneHiddenLRA` (``check``
    with or without labels, ``block``, ``set_timeout``, ``provenance``), so one
    incremental solver enumerates a whole realized set.  Building past ``deadline``
    (a ``time.perf_counter()`` value) raises ``TimeoutError``, as there.
    """

    def __init__(self, points: Sequence[Point], widths: Sequence[int], *,
                 deadline: float | None = None):
        self.points = tuple(points)
        self.widths = tuple(widths)
        if not is_one_feature(self.widths):
            raise ValueError(f"OneFeatureLRA needs m-1-h-1 with h >= 2, got {self.widths}")
        m, h = self.widths[0], self.widths[2]
        self.k = max_sign_changes(h)
        self.encoding = (f"z3 LRA: m-1-h-1 as one ReLU feature along which the labels change "
                         f"sign at most K = {self.k} times (exact reduction), margin 1")
        self.scale = math.lcm(1, *(c.denominator for p in self.points for c in p))
        self.last_labels: tuple[int, ...] = ()
        s = self.solver = z3.SolverFor("QF_LRA")
        self.W = [z3.Real(f"w_{r}") for r in range(m)]
        self.B = z3.Real("b")
        self.T = [z3.Real(f"t_{r}") for r in range(1, self.k + 1)]
        self.S = z3.Bool("s")
        self.Y = [z3.Bool(f"y_{i}") for i in range(len(self.points))]
        for r in range(self.k - 1):
            s.add(self.T[r] <= self.T[r + 1])
        clock, n = BuildClock(deadline), len(self.points)
        for i, p in enumerate(self.points):
            clock.step(i, n)
            xi = [int(c * self.scale) for c in p]
            pre = z3.Sum([xi[r] * self.W[r] for r in range(m) if xi[r]] + [self.B])
            a, u = z3.Bool(f"a_{i}"), z3.Real(f"u_{i}")
            s.add(z3.If(a, z3.And(pre >= 0, u == pre), z3.And(pre <= 0, u == 0)))
            above = []
            for r, t in enumerate(self.T, start=1):
                clock.step(i, n)
                c = z3.Bool(f"c_{i}_{r}")
                s.add(z3.If(c, u >= t + 1, u <= t - 1))
                above.append(c)
            s.add(self.Y[i] == _xor([self.S, *above]))

    def check(self, labels: Sequence[int] | None = None) -> tuple[str, ReLUNet | None]:
        """``("sat", net)``, ``("unsat", None)`` or ``("unknown", None)``.

        With ``labels`` the labeling is assumed; without, any labeling not yet
        blocked is searched (then in ``last_labels``).  The net is exact; callers
        re-check it.
        """
        lits = [] if labels is None else [
            y if v > 0 else z3.Not(y) for y, v in zip(self.Y, labels, strict=True)]
        result = z3_check(self.solver, *lits)
        if result == z3.sat:
            model = self.solver.model()
            self.last_labels = tuple(
                1 if z3.is_true(model.eval(y, model_completion=True)) else -1 for y in self.Y)
            net = self._witness(model, self.last_labels)
            return ("sat", net) if net is not None else ("unknown", None)
        return ("unsat" if result == z3.unsat else "unknown"), None

    def _witness(self, model: Any, labels: tuple[int, ...]) -> ReLUNet | None:
        """The model's feature, then the ``1-h-1`` net on its values (exact LRA).

        None if that LRA query was stopped (a time-out of the caller's solver).
        """
        w = [z3_fraction(model.eval(v, model_completion=True)) * self.scale for v in self.W]
        b = z3_fraction(model.eval(self.B, model_completion=True))
        values = [max(Fraction(0), sum((wk * xk for wk, xk in zip(w, x, strict=True)),
                                       Fraction(0)) + b) for x in self.points]
        tail = OneHiddenLRA([(v,) for v in values], self.widths[2])
        status, g = tail.check(labels)
        if status == "unknown":
            return None
        if g is None:  # impossible by the reduction's proof: a bug, never a verdict
            raise RuntimeError(f"internal error: no 1-{self.widths[2]}-1 net on the feature's "
                               "values; the one-feature reduction failed")
        return ReLUNet((Layer((tuple(w),), (b,)), *g.layers))

    def block(self, labels: Sequence[int]) -> None:
        """Exclude one labeling from later ``check()`` calls without assumptions."""
        self.solver.add(z3.Or([z3.Not(y) if v > 0 else y
                               for y, v in zip(self.Y, labels, strict=True)]))
