"""Two wide hidden layers by boxes: branch and bound over the bounded free weights, in LRA.

A third back end for ``m-h1-h2-1`` in exact arithmetic (after z3 and cvc5
nonlinear arithmetic on the normal form of :mod:`verify.encodings.wide`), built
from linear real arithmetic only: its witnesses and refutations are exact, but
it is a semi-decision for refutations (see the end of this docstring).  It is
measured in ``benchmarks/bench_deep.py`` and not used by the per-orbit driver:
on every instance measured the relaxation of :mod:`verify.encodings.wide` alone
refuted at least as much, faster.

**Normal form with bounded free weights.**  Write the network as
``f = c + Σ_k a_k·ReLU(Σ_j V_kj·u_j + d_k)``, ``u_j = ReLU(w_j·x + b_j)``.
(1) Output weights ±1: scale second-layer unit k (row ``V_k·``, ``d_k``) by
``|a_k|`` (a unit with ``a_k = 0`` is the zero unit with ``a_k = +1``).  (2) Then,
for each first-layer unit j whose column ``V_·j`` is not zero, with
``t_j = max_k |V_kj|``: multiply ``w_j, b_j`` by ``t_j`` and divide the column by it —
the function is unchanged (positive homogeneity), every entry of the column is in
[−1, 1] and one of them, ``V_{k(j)j}``, is ±1 (``k(j)``: the *designated* unit).  A
zero column is a unit that contributes nothing: it equals the unit with
``w_j = 0, b_j = 0`` and the column (+1 at k = 0, 0 elsewhere).  (3) Permuting the
units of each layer (first-layer units with their columns, second-layer units
with their rows, biases and output signs) sorts the designation into one of
:func:`verify.encodings.wide.designations` (one per partition of h1 into at most
h2 parts).  (4) Margin 1 by joint homogeneity in (first layer, d, c).  So every
network is, up to these exact changes, one of the cases with its
``F = h1·(h2 − 1)`` free weights ``p_kj`` in the box [−1, 1]^F.

**Boxes.**  With every ``u_ij = ReLU(w_j·x_i + b_j) ≥ 0`` and ``p ∈ [lo, hi]``,
``p·u_ij`` lies in ``[lo·u_ij, hi·u_ij]``: replacing each product by a variable
``t_ikj`` with those bounds gives linear real arithmetic with Boolean ReLU phases
(z3, exact and complete) that holds for every network whose free weights lie in
the box.  An unsatisfiable box holds no network; a satisfiable one is split in
half along its widest side (the first split of each side is the sign split at
0).  When every box of every case is refuted, the labeling is unrealizable.  A
satisfiable box is first tried for a witness: its free weights fixed to a
rational point (the ratio ``t/u`` the model suggests, then the box's centre), the
question is again linear, and a model is a network (re-checked by callers).
The search stops at its deadline with ``unknown`` (never a refutation);
boxes can keep being satisfiable when a labeling is unrealizable only in the
limit, so this is a semi-decision for refutations, not a decision procedure.

>>> from verify.geometry.pointsets import grid
>>> status, net, stats = box_decide(grid(4, 1), (1, -1, 1, -1), (1, 2, 2, 1), 30)
>>> status, net.realizes(grid(4, 1), (1, -1, 1, -1))
('realizable', True)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import z3

from verify.encodings.lra import z3_fraction
from verify.encodings.wide import build_query, designations
from verify.geometry.pointsets import Point
from verify.nets.network import Layer, ReLUNet

__all__ = ["BoxCase", "box_decide", "normalise_bounded"]

Box = tuple[tuple[Fraction, Fraction], ...]


class BoxCase:
    """One designation case: the relaxed query of :mod:`verify.encodings.wide` with box
    bounds pushed per box, and the exact query for fixed free weights."""

    def __init__(self, points: Sequence[Point], labels: Sequence[int], widths: Sequence[int],
                 design: tuple[int, ...]):
        self.relaxed = build_query(points, labels, widths, design, "z3", relaxed=True)
        self.exact = build_query(points, labels, widths, design, "z3", relaxed=False)
        self.free = sorted(self.relaxed.P)
        self.n = len(points)

    def check_box(self, box: Box, seconds: float | None) -> str:
        """``sat``/``unsat``/``unknown`` of the relaxation with every free weight in its
        interval of ``box`` (in the order of ``self.free``).

        On unit j's active points the stand-in ``aff_i`` of ``p·u_ij`` lies between
        ``lo·u_ij`` and ``hi·u_ij``, and for two active points ``aff_i − aff_i2`` between
        ``lo·Δu`` and ``hi·Δu`` (Δu's sign is the order Boolean of the relaxation): both
        hold for ``aff = p·u`` with p in [lo, hi].
        """
        q = self.relaxed
        s = q.solver
        s.push()
        for (lo, hi), (k, j) in zip(box, self.free, strict=True):
            lo_q, hi_q = _q(lo), _q(hi)
            for i in range(self.n):
                aff, pre = q.affs[i][k, j], q.pres[i][j]
                s.add(z3.Implies(q.actives[i][j], z3.And(aff >= lo_q * pre, aff <= hi_q * pre)))
            for i in range(self.n):
                for i2 in range(i + 1, self.n):
                    du = q.pres[i][j] - q.pres[i2][j]
                    da = q.affs[i][k, j] - q.affs[i2][k, j]
                    both = z3.And(q.actives[i][j], q.actives[i2][j])
                    s.add(z3.Implies(both, z3.If(z3.Bool(f"o_{j}_{i}_{i2}"),
                                                 z3.And(da >= lo_q * du, da <= hi_q * du),
                                                 z3.And(da <= lo_q * du, da >= hi_q * du))))
        try:
            status = q.check(seconds)
            self._model = s.model() if status == "sat" else None
        finally:
            s.pop()
        return status

    def suggest(self, box: Box) -> list[Fraction]:
        """Free weights from the last model: ``aff/u`` at the active point with the
        largest u, clamped to the box (the centre when no point is active)."""
        assert self._model is not None
        q, model = self.relaxed, self._model
        out = []
        for (lo, hi), (k, j) in zip(box, self.free, strict=True):
            best = None
            for i in range(self.n):
                if not z3.is_true(model.eval(q.actives[i][j], model_completion=True)):
                    continue
                u = z3_fraction(model.eval(q.pres[i][j], model_completion=True))
                if u > 0 and (best is None or u > best[0]):
                    best = (u, z3_fraction(model.eval(q.affs[i][k, j], model_completion=True)))
            p = (lo + hi) / 2 if best is None else best[1] / best[0]
            out.append(min(max(p, lo), hi))
        return out

    def check_point(self, values: Sequence[Fraction], seconds: float | None
                    ) -> ReLUNet | None:
        """The exact query with the free weights fixed (then linear); its network or None."""
        q = self.exact
        q.solver.push()
        try:
            for v, key in zip(values, self.free, strict=True):
                q.solver.add(q.P[key] == _q(v))
            return q.witness() if q.check(seconds) == "sat" else None
        finally:
            q.solver.pop()


def normalise_bounded(net: ReLUNet) -> tuple[ReLUNet, tuple[int, ...]]:
    """The same function with output weights ±1 and every column of the second layer's
    weights of largest absolute value 1 (steps 1 and 2 of the module docstring), and
    the designated unit ``k(j)`` of each column (its first entry of absolute value 1).

    >>> net = ReLUNet.from_lists([([[2], [-1]], [1, 3]), ([[0, 4], [3, "1/2"]], [1, 0]),
    ...                           ([["-1/2", 2]], [1])])
    >>> out, k = normalise_bounded(net)
    >>> k, [[str(v) for v in row] for row in out.layers[1].weights]
    ((1, 0), [['0', '1'], ['1', '1/2']])
    >>> all(net.evaluate([x]) == out.evaluate([x]) for x in range(-5, 6))
    True
    """
    first, second, out = net.layers
    rows2, bias2, signs = [], [], []
    for k, a in enumerate(out.weights[0]):
        t = abs(a)
        rows2.append([t * v for v in second.weights[k]] if a else [Fraction(0)] * len(first.bias))
        bias2.append(t * second.bias[k])
        signs.append(Fraction(-1) if a < 0 else Fraction(1))
    rows1, bias1, design = [], [], []
    for j in range(len(first.bias)):
        t = max(abs(rows2[k][j]) for k in range(len(rows2)))
        if t == 0:  # contributes nothing: the zero unit, column (1, 0, ...)
            rows1.append(tuple(Fraction(0) for _ in first.weights[j]))
            bias1.append(Fraction(0))
            rows2[0][j] = Fraction(1)
            design.append(0)
            continue
        rows1.append(tuple(t * w for w in first.weights[j]))
        bias1.append(t * first.bias[j])
        for k in range(len(rows2)):
            rows2[k][j] /= t
        design.append(next(k for k in range(len(rows2)) if abs(rows2[k][j]) == 1))
    return ReLUNet((Layer(tuple(rows1), tuple(bias1)),
                    Layer(tuple(tuple(r) for r in rows2), tuple(bias2)),
                    Layer((tuple(signs),), out.bias))), tuple(design)


def _q(v: Fraction) -> Any:
    return z3.RealVal(f"{v.numerator}/{v.denominator}")


def box_decide(points: Sequence[Point], labels: Sequence[int], widths: Sequence[int],
               seconds: float | None) -> tuple[str, ReLUNet | None, dict[str, Any]]:
    """Decide one labeling of ``m-h1-h2-1`` by boxes: ``(status, net, stats)``.

    ``realizable`` (net not yet re-checked: callers re-check it exactly),
    ``unrealizable`` (every box of every designation case refuted in LRA) or
    ``unknown`` (the deadline passed; ``stats["reason"]`` says so).  ``stats``
    counts boxes refuted and split and LRA queries.
    """
    start = time.monotonic()
    stats: dict[str, Any] = {"boxes_refuted": 0, "boxes_split": 0, "queries": 0,
                             "point_queries": 0}

    def left() -> float | None:
        return None if seconds is None else seconds - (time.monotonic() - start)

    for design in designations(widths[1], widths[2]):
        case = BoxCase(points, labels, widths, design)
        one = (Fraction(-1), Fraction(1))
        stack: list[Box] = [tuple(one for _ in case.free)]
        while stack:
            rest = left()
            if rest is not None and rest <= 0:
                stats["reason"] = f"deadline ({seconds:g} s) with {len(stack)} boxes open"
                return "unknown", None, stats
            box = stack.pop()
            stats["queries"] += 1
            status = case.check_box(box, None if rest is None else max(rest, 0.001))
            if status == "unsat":
                stats["boxes_refuted"] += 1
                continue
            if status == "unknown":
                stats["reason"] = "z3 LRA stopped (time limit)"
                return "unknown", None, stats
            for values in (case.suggest(box), [(lo + hi) / 2 for lo, hi in box]):
                stats["point_queries"] += 1
                rest = left()
                net = case.check_point(values, None if rest is None else max(rest, 0.001))
                if net is not None:
                    return "realizable", net, stats
            stats["boxes_split"] += 1
            side = max(range(len(box)), key=lambda r: box[r][1] - box[r][0])
            lo, hi = box[side]
            mid = (lo + hi) / 2
            for half in ((mid, hi), (lo, mid)):
                stack.append(tuple(half if r == side else box[r] for r in range(len(box))))
    return "unrealizable", None, stats
