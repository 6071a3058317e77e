"""The class ``int:Q`` (integer weights and biases in [−Q, Q]), one hidden layer: SAT.

Exact for the class.  Points are scaled by the least common denominator D of
their coordinates so every pre-activation is an integer.  A hidden unit with
output weight is a triple ``(w_j, b_j, a_j)`` in a finite set; its contribution
to the output at point i is the integer ``a_j·ReLU(D·(w_j·x_i + b_j))``.  Each
unit chooses exactly one *behaviour* (the vector of contributions over all
points; triples with equal vectors are merged, keeping one representative),
encoded one-hot with a cardinality constraint; the output bias is one-hot too.
The output at point i is the bias plus the units' contributions, encoded as
one-hot partial sums (clauses ``S_{j−1} = s ∧ contribution_j = v → S_j = s + v``);
the label Boolean ``y_i`` forbids final sums ``≤ 0`` (or ``≥ 0``) — integers, so
this is exactly ``y_i·f(x_i) > 0``.  With ``pb=True`` the output is instead one
pseudo-Boolean sum with a big-M label literal, sent to CNF by pblib
(``pysat.pb``, adder encoding): slower, kept as an independent cross-check.  The
SAT solver is Glucose 4 (python-sat), used incrementally with assumptions.
Units are interchangeable, so their chosen
behaviours are ordered (symmetry breaking).

>>> from fractions import Fraction as F
>>> enc = OneHiddenSAT([(F(0), F(0)), (F(0), F(1)), (F(1), F(0)), (F(1), F(1))], 2, 1)
>>> enc.check((-1, 1, 1, -1))    # XOR needs a weight of magnitude 2
('unsat', None)
>>> status, net = enc.check((-1, -1, -1, 1))
>>> status, net.realizes(enc.points, (-1, -1, -1, 1))
('sat', True)
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any, cast

from verify.errors import InvalidArgument
from verify.geometry.pointsets import Point
from verify.nets.network import ReLUNet

__all__ = ["MAX_BEHAVIOURS", "OneHiddenSAT", "pysat_version"]

MAX_BEHAVIOURS = 200_000


def pysat_version() -> str:
    """The python-sat version (for provenance).

    >>> pysat_version().startswith("1.")
    True
    """
    import pysat

    return str(pysat.__version__)


class OneHiddenSAT:
    """Incremental SAT encoding of ``int:Q`` networks ``m-h-1`` (h = 0: ``m-1``) on points."""

    encoding = ("python-sat: one-hot unit behaviours (w, b, a) in [-Q, Q], "
                "one-hot partial sums of the output, label Booleans")

    def __init__(self, points: Sequence[Point], hidden: int, q: int, pb: bool = False,
                 deadline: float | None = None):
        from pysat.formula import IDPool
        from pysat.pb import EncType as PBType
        from pysat.pb import PBEnc
        from pysat.solvers import Solver

        self.points = tuple(points)
        self.hidden, self.q = hidden, q
        scale = math.lcm(1, *(c.denominator for p in self.points for c in p))
        xs = [[int(c * scale) for c in p] for p in self.points]
        rng = range(-q, q + 1)
        self.behaviours = sorted(self._behaviours(xs, scale, hidden, rng, deadline).items())
        self.pool = IDPool()
        self.Y = [self.pool.id(("y", i)) for i in range(len(xs))]
        units = max(hidden, 1)
        self.Z = [[self.pool.id(("z", j, t)) for t in range(len(self.behaviours))]
                  for j in range(units)]
        self.C = [self.pool.id(("c", v)) for v in rng] if hidden else []
        self.solver = Solver(name="glucose4")
        if pb:
            self.encoding = ("python-sat: one-hot unit behaviours (w, b, a) in [-Q, Q], "
                             "pseudo-Boolean outputs via pblib (adder), label Booleans")
        self.last_labels: tuple[int, ...] = ()
        self._timer: threading.Timer | None = None
        self._timeout: float | None = None
        self._stopped = ""
        self._one_behaviour_each(units)
        for i in range(len(xs)):
            self._check_deadline(deadline)
            if pb:
                self._pb_output(i, units, rng if self.C else range(0), scale, PBEnc, PBType)
            else:
                self._sum_output(i, units, rng if self.C else range(0), scale)

    def _behaviours(self, xs: list[list[int]], scale: int, hidden: int, rng: range,
                    deadline: float | None) -> dict[tuple[int, ...], tuple[int, ...]]:
        """Each behaviour (the vector of a unit's integer contributions at the points
        ``xs``, scaled by ``scale``) with the first parameters giving it: ``(w, b)`` of a
        linear output when ``hidden`` is 0, else ``(w, b, a)`` of ``a·ReLU(w·x + b)``."""
        m = len(xs[0])
        behaviours: dict[tuple[int, ...], tuple[int, ...]] = {}
        if hidden == 0:
            self._check_size(len(rng) ** (m + 1))
            for params in itertools.product(rng, repeat=m + 1):
                vec = tuple(sum(w * x for w, x in zip(params[:m], xi, strict=True))
                            + params[m] * scale for xi in xs)
                behaviours.setdefault(vec, params)
            return behaviours
        self._check_size(len(rng) ** (m + 2))
        for params in itertools.product(rng, repeat=m + 1):
            self._check_deadline(deadline)
            pre = [sum(w * x for w, x in zip(params[:m], xi, strict=True))
                   + params[m] * scale for xi in xs]
            act = [v if v > 0 else 0 for v in pre]
            for a in rng:
                behaviours.setdefault(tuple(a * v for v in act), (*params, a))
        return behaviours

    def _one_behaviour_each(self, units: int) -> None:
        """Each unit takes exactly one behaviour, in order of their indices (the units
        are interchangeable), and the output bias exactly one value."""
        from pysat.card import CardEnc, EncType

        add = self.solver.append_formula
        for j in range(units):
            add(CardEnc.equals(lits=self.Z[j], bound=1, vpool=self.pool,
                               encoding=EncType.seqcounter).clauses)
            if j + 1 < units:  # behaviour index of unit j <= that of unit j+1
                for t in range(len(self.behaviours)):
                    add([[-self.Z[j + 1][t], *self.Z[j][: t + 1]]])
        if self.C:
            add(CardEnc.equals(lits=self.C, bound=1, vpool=self.pool,
                               encoding=EncType.seqcounter).clauses)

    def _pb_output(self, i: int, units: int, rng: range, scale: int, PBEnc: Any,
                   PBType: Any) -> None:
        """Output sign at point i as two pseudo-Boolean constraints (pblib, adder encoding)."""
        lits: list[int] = []
        weights: list[int] = []
        for j in range(units):
            for t, (vec, _) in enumerate(self.behaviours):
                if vec[i]:
                    lits.append(self.Z[j][t])
                    weights.append(vec[i])
        for v, lit in zip(rng, self.C, strict=True):
            if v:
                lits.append(lit)
                weights.append(v * scale)
        low = sum(w for w in weights if w < 0)
        high = sum(w for w in weights if w > 0)
        add = self.solver.append_formula
        # y_i -> sum >= 1 :  sum + (1 - low)·¬y_i >= 1
        add(PBEnc.atleast(lits=[*lits, -self.Y[i]], weights=[*weights, 1 - low], bound=1,
                          vpool=self.pool, encoding=PBType.adder).clauses)
        # ¬y_i -> sum <= -1 :  -sum + (high + 1)·y_i >= 1
        add(PBEnc.atleast(lits=[*lits, self.Y[i]], weights=[*(-w for w in weights), high + 1],
                          bound=1, vpool=self.pool, encoding=PBType.adder).clauses)

    def _sum_output(self, i: int, units: int, rng: range, scale: int) -> None:
        """Output sign at point i through one-hot partial sums (direct encoding).

        ``e[v]`` ⇔ the unit's contribution at point i is v; partial sums
        ``S_j = S_{j−1} + contribution_j`` with clauses ``S_{j−1}=s ∧ e=v → S_j=s+v``,
        starting from the output bias; the label forbids final sums of the wrong
        sign.  A satisfying assignment has its true partial sums forced true, so
        the forbidden values exclude every wrong output (extra true values only
        add constraints).
        """
        add = self.solver.add_clause
        if self.C:
            cur = {v * scale: lit for v, lit in zip(rng, self.C, strict=True)}
        else:
            cur = {0: None}
        for j in range(units):
            by_value: dict[int, list[int]] = {}
            for t, (vec, _) in enumerate(self.behaviours):
                by_value.setdefault(vec[i], []).append(self.Z[j][t])
            nxt: dict[int, int | None] = {}
            for v, zs in by_value.items():
                e = self.pool.id(("e", i, j, v))
                add([-e, *zs])
                for z in zs:
                    add([-z, e])
                for total, lit in cur.items():
                    target = nxt.get(total + v)
                    if target is None:
                        target = nxt[total + v] = self.pool.id(("S", i, j, total + v))
                    add([-e, target] if lit is None else [-lit, -e, target])
            cur = nxt
        for total, lit in cur.items():
            assert lit is not None
            if total <= 0:
                add([-self.Y[i], -lit])
            if total >= 0:
                add([self.Y[i], -lit])

    @staticmethod
    def _check_deadline(deadline: float | None) -> None:
        if deadline is not None and time.perf_counter() > deadline:
            raise TimeoutError("time limit reached while building the SAT encoding")

    @staticmethod
    def _check_size(space: int) -> None:
        if space > MAX_BEHAVIOURS:
            raise InvalidArgument(
                f"class int:Q: {space} parameter choices per unit exceed the SAT encoding's "
                f"limit of {MAX_BEHAVIOURS}; use a smaller Q"
            )

    def provenance(self) -> dict[str, Any]:
        return {"solver": "python-sat glucose4", "version": pysat_version(),
                "encoding": self.encoding, "behaviours": len(self.behaviours)}

    def set_timeout(self, seconds: float | None) -> None:
        self._timeout = seconds

    def reason_unknown(self) -> str:
        return self._stopped or "timeout (interrupted)"

    def check(self, labels: Sequence[int] | None = None) -> tuple[str, ReLUNet | None]:
        """``("sat", net)``, ``("unsat", None)`` or ``("unknown", None)`` (time-out, or the
        memory budget: see :meth:`reason_unknown`).

        Glucose solves watched: interrupted when the process's resident memory passes the
        memory budget (read every 10 ms, :func:`verify.encodings.memory_bound.watched`;
        it can overshoot by what glucose allocates in that time); this check and every
        later one is then unknown with the reason "memory limit: …", never unsat.
        """
        from verify.encodings.memory_bound import SolverMemoryLimit

        if self._stopped:
            return "unknown", None
        assumptions = [] if labels is None else [
            y if v > 0 else -y for y, v in zip(self.Y, labels, strict=True)]
        try:
            result = self._solve(assumptions)
        except SolverMemoryLimit as exc:
            self._stopped = str(exc)
            return "unknown", None
        if result is None:
            return "unknown", None
        if not result:
            return "unsat", None
        model = set(lit for lit in self.solver.get_model() or [] if lit > 0)
        self.last_labels = tuple(1 if y in model else -1 for y in self.Y)
        return "sat", self._witness(model)

    def _solve(self, assumptions: list[int]) -> bool | None:
        """Glucose, interrupted at the time-out or past the memory budget
        (:func:`verify.encodings.memory_bound.watched`); None when interrupted."""
        from verify.encodings.memory_bound import watched

        try:
            with watched(self.solver.interrupt, self._timeout, "python-sat glucose4") as watch:
                result = self.solver.solve_limited(assumptions=assumptions,
                                                   expect_interrupt=True)
        finally:
            self.solver.clear_interrupt()
        if watch.memory and result is None:
            raise watch.share.error()
        return cast("bool | None", result)

    def _witness(self, model: set[int]) -> ReLUNet:
        m = len(self.points[0])
        chosen = []
        for row in self.Z:
            t = next(t for t, z in enumerate(row) if z in model)
            chosen.append(self.behaviours[t][1])
        if self.hidden == 0:
            params = chosen[0]
            return ReLUNet.from_lists([([list(params[:m])], [params[m]])])
        c = next(v for v, lit in zip(range(-self.q, self.q + 1), self.C, strict=True)
                 if lit in model)
        rows = [list(p[:m]) for p in chosen]
        bias = [p[m] for p in chosen]
        out = [p[m + 1] for p in chosen]
        return ReLUNet.from_lists([(rows, bias), ([out], [c])])

    def fix_labels(self, fixed: Mapping[int, int]) -> None:
        """Constrain point i to label ``fixed[i]`` (±1) in every later check (a shard's prefix)."""
        for i, v in fixed.items():
            self.solver.add_clause([self.Y[i] if v > 0 else -self.Y[i]])

    def block(self, labels: Sequence[int]) -> None:
        self.solver.add_clause([-y if v > 0 else y for y, v in zip(self.Y, labels, strict=True)])

    def delete(self) -> None:
        self.solver.delete()
