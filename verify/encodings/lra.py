"""One hidden layer, real weights: an exact z3 encoding in linear real arithmetic.

The class is all networks ``f(x) = c + Σ_j a_j·ReLU(w_j·x + b_j)`` with ``h``
hidden units and real weights.  Two reductions make it linear:

1. **Output weights ±1.**  ReLU is positively homogeneous, ``ReLU(t·u) = t·ReLU(u)``
   for ``t > 0``; so a unit with ``a_j ≠ 0`` computes the same function as the unit
   with incoming weights and bias scaled by ``|a_j|`` and output weight
   ``a_j/|a_j| = ±1``.  A unit with ``a_j = 0`` contributes nothing and equals the
   unit with output weight +1 and all incoming weights and bias 0.  (Tested in
   ``tests/encodings/test_lra.py``; see :func:`normalise_output_weights`.)
2. **Margin 1.**  The net is positively homogeneous in (hidden weights, hidden
   biases, output bias) jointly; if ``min_i y_i·f(x_i) = μ > 0``, dividing them by
   μ gives ``min_i y_i·f(x_i) = 1``.  So "``y_i·f(x_i) > 0`` for all i" is
   equivalent to "``y_i·f(x_i) ≥ 1`` for all i".

Each ReLU is a case split: per point i and unit j a Boolean ``a_ij`` with
``a_ij → u_ij ≥ 0 ∧ h_ij = u_ij`` and ``¬a_ij → u_ij ≤ 0 ∧ h_ij = 0``; pure linear
real arithmetic plus Booleans, which z3 decides exactly and completely.

Labels are Boolean variables ``y_i`` (``y_i → out_i ≥ 1``, ``¬y_i → out_i ≤ −1``),
so one incremental solver answers every labeling of the same points (through
``check(assumptions)``) and can enumerate the realized set (block a found
labeling, repeat).

Symmetry breaking among hidden units: units are interchangeable, so the output
signs are ordered ``s_1 ≥ s_2 ≥ …`` and, within units of equal sign, biases are
ordered ``b_j ≥ b_{j+1}``.  Optionally (``min_positive``) at least ``⌈h/2⌉`` units
have sign +1: sound whenever the caller also accepts label negation as a symmetry
(−f has the opposite output signs).

>>> from fractions import Fraction as F
>>> enc = OneHiddenLRA([(F(0), F(0)), (F(0), F(1)), (F(1), F(0)), (F(1), F(1))], 2)
>>> status, net = enc.check((-1, 1, 1, -1))
>>> status, net.realizes(enc.points, (-1, 1, 1, -1))
('sat', True)
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import z3

from verify.encodings.z3memory import z3_check, z3_reason
from verify.geometry.pointsets import Point
from verify.nets.network import ReLUNet

__all__ = ["BuildClock", "OneHiddenLRA", "normalise_output_weights", "z3_fraction", "z3_version"]


def z3_version() -> str:
    """The z3 version string (for provenance).

    >>> z3_version().count(".") >= 2
    True
    """
    return str(z3.get_version_string())


def z3_timeout_ms(seconds: float | None) -> int:
    """z3's ``timeout`` parameter for a limit in seconds (None: no limit; at least 1 ms).

    >>> z3_timeout_ms(None), z3_timeout_ms(2.5), z3_timeout_ms(0)
    (4294967295, 2500, 1)
    """
    return 4294967295 if seconds is None else max(1, int(seconds * 1000))


class BuildClock:
    """The deadline of building an encoding, checked every ``every`` steps (ReLU phases).

    A small encoding is always built whole (a tiny time limit still leaves its
    cheap witnesses); a huge one stops within seconds of ``deadline`` (a
    ``time.perf_counter()`` value; None: no limit) with ``TimeoutError``.

    >>> clock = BuildClock(time.perf_counter() - 1, every=2)   # already past
    >>> clock.step(0, 5)
    >>> clock.step(1, 5)
    Traceback (most recent call last):
    ...
    TimeoutError: while building the encoding (1 of 5 points)
    """

    EVERY = 4096
    """Steps between two looks at the clock (z3 builds a few thousand phases a second)."""

    def __init__(self, deadline: float | None, every: int | None = None) -> None:
        self.deadline = deadline
        self.every = self.EVERY if every is None else every
        self.steps = 0

    def step(self, i: int, n: int) -> None:
        """One step done at point ``i`` of ``n``."""
        self.steps += 1
        if (self.deadline is not None and self.steps % self.every == 0
                and time.perf_counter() > self.deadline):
            raise TimeoutError(f"while building the encoding ({i} of {n} points)")


class Z3Query:
    """What every z3 query object of the engines shares: provenance, limit, reason.

    Subclasses set ``self.solver`` (a ``z3.Solver``) and ``self.encoding`` (text).
    """

    solver: Any
    encoding: str

    def provenance(self) -> dict[str, Any]:
        return {"solver": "z3", "version": z3_version(), "encoding": self.encoding}

    def set_timeout(self, seconds: float | None) -> None:
        """Per-check time limit (None: no limit)."""
        self.solver.set("timeout", z3_timeout_ms(seconds))

    def reason_unknown(self) -> str:
        return z3_reason(self.solver)


def z3_fraction(value: Any, digits: int = 40) -> Fraction:
    """An exact rational from a z3 numeral; algebraic numbers are approximated.

    Rational numerals (every model of linear real arithmetic) convert exactly.
    An irrational algebraic number is replaced by a rational within
    ``10**-digits``; callers re-check any witness built from it exactly.

    >>> z3_fraction(z3.RealVal("3/7"))
    Fraction(3, 7)
    >>> z3_fraction(z3.IntVal(-4))
    Fraction(-4, 1)
    """
    if z3.is_rational_value(value):
        return Fraction(int(value.numerator_as_long()), int(value.denominator_as_long()))
    if z3.is_int_value(value):
        return Fraction(int(value.as_long()))
    if z3.is_algebraic_value(value):
        approx = value.approx(digits)
        return Fraction(int(approx.numerator_as_long()), int(approx.denominator_as_long()))
    raise TypeError(f"not a z3 numeral: {value!r}")


def normalise_output_weights(net: ReLUNet) -> ReLUNet:
    """The same function with every output weight in {−1, +1} (one hidden layer).

    Unit j with output weight ``a_j ≠ 0`` gets incoming weights and bias times
    ``|a_j|`` and output weight ``sign(a_j)``; a unit with ``a_j = 0`` becomes the
    zero unit with output weight +1.

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[2], [1]], [1, 5]), ([[-3, 0]], [1])])
    >>> out = normalise_output_weights(net)
    >>> [list(map(str, r)) for r in out.layers[0].weights], list(map(str, out.layers[1].weights[0]))
    ([['6'], ['0']], ['-1', '1'])
    >>> all(net.evaluate([x]) == out.evaluate([x]) for x in range(-3, 4))
    True
    """
    if len(net.layers) != 2:
        raise ValueError("normalise_output_weights needs exactly one hidden layer")
    hidden, output = net.layers
    rows, bias, signs = [], [], []
    for j, a in enumerate(output.weights[0]):
        if a == 0:
            rows.append([Fraction(0)] * len(hidden.weights[j]))
            bias.append(Fraction(0))
            signs.append(Fraction(1))
        else:
            t = abs(a)
            rows.append([t * v for v in hidden.weights[j]])
            bias.append(t * hidden.bias[j])
            signs.append(Fraction(1 if a > 0 else -1))
    return ReLUNet.from_lists([(rows, bias), ([signs], [output.bias[0]])])


def _integer_scale(points: Sequence[Point]) -> int:
    """The least common denominator of all coordinates."""
    scale = 1
    for p in points:
        for c in p:
            scale = math.lcm(scale, c.denominator)
    return scale


class OneHiddenLRA(Z3Query):
    """The incremental z3 encoding of one labeled point set and ``m-h-1``.

    Parameters
    ----------
    points : sequence of Point
        Rational points (validated by the caller).
    hidden : int
        Number of hidden units h >= 1, or 0 for the linear classifiers ``m-1``.
    min_positive : bool
        Require at least ⌈h/2⌉ output signs +1 (sound only together with label
        negation symmetry).
    deadline : float, optional
        A ``time.perf_counter()`` value: building a large encoding (n·h ReLU
        phases, checked every 4096) past it raises ``TimeoutError``.
    """

    encoding = "z3 LRA: one hidden layer, output weights ±1, margin 1, Boolean ReLU phases"

    def __init__(self, points: Sequence[Point], hidden: int, *, min_positive: bool = False,
                 deadline: float | None = None):
        self.points = tuple(points)
        self.hidden = hidden
        self.dim = len(self.points[0])
        self.scale = _integer_scale(self.points)
        self.last_labels: tuple[int, ...] = ()
        self._neg: list[Any] | None = None
        self.solver = z3.SolverFor("QF_LRA")
        n, h, m = len(self.points), hidden, self.dim

        clock = BuildClock(deadline)
        self.W, self.B, self.S = [], [], []
        for j in range(h):
            clock.step(0, n)
            self.W.append([z3.Real(f"w_{j}_{k}") for k in range(m)])
            self.B.append(z3.Real(f"b_{j}"))
            self.S.append(z3.Bool(f"s_{j}"))
        self.C = z3.Real("c")
        self.Y = [z3.Bool(f"y_{i}") for i in range(n)]
        self.V = [z3.Real(f"v_{k}") for k in range(m)]  # used only when h == 0 (m-1)
        s = self.solver
        for j in range(h - 1):
            clock.step(0, n)
            s.add(z3.Implies(self.S[j + 1], self.S[j]))
            s.add(z3.Implies(self.S[j] == self.S[j + 1], self.B[j] >= self.B[j + 1]))
        if min_positive and h > 1:
            s.add(self.S[(h + 1) // 2 - 1])
        for i, p in enumerate(self.points):
            xi = [int(c * self.scale) for c in p]
            terms = []
            for j in range(h):
                clock.step(i, n)
                u = z3.Sum([xi[k] * self.W[j][k] for k in range(m) if xi[k] != 0] + [self.B[j]])
                a = z3.Bool(f"a_{i}_{j}")
                hv = z3.Real(f"h_{i}_{j}")
                s.add(z3.If(a, z3.And(u >= 0, hv == u), z3.And(u <= 0, hv == 0)))
                terms.append(z3.If(self.S[j], hv, -hv))
            if h == 0:
                terms = [xi[k] * self.V[k] for k in range(m) if xi[k] != 0]
            out = self.C + z3.Sum(terms) if terms else self.C + 0
            s.add(z3.If(self.Y[i], out >= 1, out <= -1))

    def literals(self, labels: Sequence[int]) -> list[Any]:
        """Assumption literals fixing the labeling."""
        return [y if v > 0 else z3.Not(y) for y, v in zip(self.Y, labels, strict=True)]

    def check(self, labels: Sequence[int] | None = None) -> tuple[str, ReLUNet | None]:
        """Run one check; returns ``("sat", net)``, ``("unsat", None)`` or ``("unknown", None)``.

        With ``labels`` the labeling is assumed; without, any labeling not yet
        blocked is searched (the labeling found is then in ``last_labels``).
        The returned net is built from the exact model (the caller re-checks it).
        """
        assumptions = self.literals(labels) if labels is not None else []
        result = z3_check(self.solver, *assumptions)
        if result == z3.sat:
            model = self.solver.model()
            self.last_labels = self.model_labels(model)
            return "sat", self.witness(model)
        if result == z3.unsat:
            return "unsat", None
        return "unknown", None

    def model_labels(self, model: Any) -> tuple[int, ...]:
        """The labeling chosen in a model."""
        return tuple(1 if z3.is_true(model.eval(y, model_completion=True)) else -1 for y in self.Y)

    def witness(self, model: Any) -> ReLUNet:
        """The network of a model, with exact rational weights."""

        def val(v: Any) -> Fraction:
            return z3_fraction(model.eval(v, model_completion=True))

        if self.hidden == 0:
            return ReLUNet.from_lists([([[val(v) * self.scale for v in self.V]], [val(self.C)])])
        rows = [[val(w) * self.scale for w in row] for row in self.W]
        bias = [val(b) for b in self.B]
        signs = [1 if z3.is_true(model.eval(sv, model_completion=True)) else -1 for sv in self.S]
        return ReLUNet.from_lists([(rows, bias), ([signs], [val(self.C)])])

    def fix_labels(self, fixed: Mapping[int, int]) -> None:
        """Constrain point i to label ``fixed[i]`` (±1) in every later check (a shard's prefix)."""
        for i, v in fixed.items():
            self.solver.add(self.Y[i] if v > 0 else z3.Not(self.Y[i]))

    def block(self, labels: Sequence[int]) -> None:
        """Exclude one labeling from future searches (the clause ∨_i [y_i ≠ labels_i])."""
        if self._neg is None:
            self._neg = [z3.Not(y) for y in self.Y]
        lits = [neg if v > 0 else y for y, neg, v in zip(self.Y, self._neg, labels, strict=True)]
        # Low-level z3 calls: the high-level Or() re-checks every argument, which dominated
        # the time of enumerating thousands of labelings.
        ctx = self.solver.ctx
        args = (z3.Ast * len(lits))(*(lit.as_ast() for lit in lits))
        clause = z3.BoolRef(z3.Z3_mk_or(ctx.ref(), len(lits), args), ctx)
        z3.Z3_solver_assert(ctx.ref(), self.solver.solver, clause.as_ast())
