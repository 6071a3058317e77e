"""Two or more hidden layers, real weights: z3 nonlinear real arithmetic.

The network ``f = c + Σ_j s_j·ReLU(u_j)`` where ``u`` is the last hidden layer's
pre-activation.  Positive homogeneity still fixes the output weights to
``s_j = ±1`` (scale the incoming weights and bias of unit j by ``|a_j|``) and the
margin to 1 (scale the first layer's weights and biases, every later bias and
the output bias by the same t > 0: f scales by t).  Each ReLU is a Boolean case
split as in :mod:`verify.encodings.lra`; the weights of the second and later
hidden layers multiply hidden values that are themselves unknowns, so the
problem is nonlinear real arithmetic, which z3 decides exactly (nlsat) when it
answers.  A time-out gives ``unknown``, never a refutation.  A model may hold
irrational algebraic numbers; they are replaced by rationals within 10⁻⁴⁰ and
the witness is re-checked exactly by the caller (the margin of 1 leaves room).

>>> DeepNRA([(0,), (1,), (2,)], (1, 1, 1, 1)).check((1, -1, 1))  # 1-1-1-1 is monotone
('unsat', None)
>>> status, net = DeepNRA([(0,), (1,), (2,)], (1, 2, 1, 1)).check((1, -1, 1))
>>> status, net.realizes([(0,), (1,), (2,)], (1, -1, 1))
('sat', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import z3

from verify.encodings.lra import BuildClock, Z3Query, z3_fraction
from verify.encodings.z3memory import z3_check
from verify.geometry.pointsets import Point
from verify.nets.network import ReLUNet

__all__ = ["DeepNRA"]


class DeepNRA(Z3Query):
    """Incremental z3 NRA encoding for ``m-h1-…-hk-1`` (k >= 1) on fixed points.

    ``deadline`` (a ``time.perf_counter()`` value, optional): building past it
    raises ``TimeoutError`` (checked every 4096 ReLU phases, :class:`BuildClock`).
    """

    encoding = ("z3 NRA: output weights ±1, margin 1, Boolean ReLU phases, "
                "products of later-layer weights and hidden values")

    def __init__(self, points: Sequence[Point], widths: Sequence[int], *,
                 deadline: float | None = None):
        self.points = tuple(tuple(Fraction(c) for c in p) for p in points)
        self.widths = tuple(widths)
        self.solver = z3.SolverFor("QF_NRA")
        self.last_labels: tuple[int, ...] = ()
        n = len(self.points)
        depth = len(self.widths) - 2  # hidden layers
        self.W: list[list[list[Any]]] = []
        self.B: list[list[Any]] = []
        for layer in range(depth):
            fan_in, width = self.widths[layer], self.widths[layer + 1]
            self.W.append([[z3.Real(f"w{layer}_{j}_{k}") for k in range(fan_in)]
                           for j in range(width)])
            self.B.append([z3.Real(f"b{layer}_{j}") for j in range(width)])
        last = self.widths[-2]
        self.S = [z3.Bool(f"s_{j}") for j in range(last)]
        self.C = z3.Real("c")
        self.Y = [z3.Bool(f"y_{i}") for i in range(n)]
        s = self.solver
        clock = BuildClock(deadline)
        for j in range(last - 1):
            s.add(z3.Implies(self.S[j + 1], self.S[j]))
        for i, p in enumerate(self.points):
            h: list[Any] = [z3.RealVal(str(c)) for c in p]
            for layer in range(depth):
                nxt = []
                for j, row in enumerate(self.W[layer]):
                    clock.step(i, n)
                    u = z3.Sum([w * v for w, v in zip(row, h, strict=True)] + [self.B[layer][j]])
                    a = z3.Bool(f"a{layer}_{i}_{j}")
                    hv = z3.Real(f"h{layer}_{i}_{j}")
                    s.add(z3.If(a, z3.And(u >= 0, hv == u), z3.And(u <= 0, hv == 0)))
                    nxt.append(hv)
                h = nxt
            out = self.C + z3.Sum([z3.If(sj, hv, -hv) for sj, hv in zip(self.S, h, strict=True)])
            s.add(z3.If(self.Y[i], out >= 1, out <= -1))

    def check(self, labels: Sequence[int] | None = None) -> tuple[str, ReLUNet | None]:
        """``("sat", net)``, ``("unsat", None)`` or ``("unknown", None)``."""
        assumptions = [] if labels is None else [
            y if v > 0 else z3.Not(y) for y, v in zip(self.Y, labels, strict=True)]
        result = z3_check(self.solver, *assumptions)
        if result == z3.sat:
            model = self.solver.model()
            self.last_labels = tuple(
                1 if z3.is_true(model.eval(y, model_completion=True)) else -1 for y in self.Y)
            return "sat", self._witness(model)
        if result == z3.unsat:
            return "unsat", None
        return "unknown", None

    def _witness(self, model: Any) -> ReLUNet:
        def val(v: Any) -> Fraction:
            return z3_fraction(model.eval(v, model_completion=True))

        layers: list[tuple[list[list[Fraction]], list[Fraction]]] = [
            ([[val(w) for w in row] for row in W], [val(b) for b in B])
            for W, B in zip(self.W, self.B, strict=True)
        ]
        signs = [Fraction(1 if z3.is_true(model.eval(sj, model_completion=True)) else -1)
                 for sj in self.S]
        layers.append(([signs], [val(self.C)]))
        return ReLUNet.from_lists(layers)

    def block(self, labels: Sequence[int]) -> None:
        self.solver.add(z3.Or([z3.Not(y) if v > 0 else y
                               for y, v in zip(self.Y, labels, strict=True)]))
