"""Two wide hidden layers (``m-h1-h2-1``): normal form, exact queries, linear refutations.

The class is every network ``f = c + Σ_k a_k·ReLU(Σ_j V_kj·u_j + d_k)``,
``u_j = ReLU(w_j·x + b_j)``, with real weights.  Positive homogeneity
(``a·ReLU(t) = sign(a)·ReLU(|a|·t)``, ``a ≠ 0``) normalises it exactly:

1. **Output weights ±1**: second-layer unit k's row ``V_k·`` and bias ``d_k`` times
   ``|a_k|``; a unit with ``a_k = 0`` becomes the zero unit with ``a_k = +1``.
2. **One ±1 weight per first-layer unit**: for each first-layer unit j pick a
   second-layer unit ``k(j)`` with ``V_{k(j)j} ≠ 0`` (its *designated* unit), multiply
   ``w_j, b_j`` by ``|V_{k(j)j}|`` and divide column j of V by it; then
   ``V_{k(j)j} = ±1``.  A unit with an all-zero column is dead and equals the zero
   unit designated to k = 0 with weight +1.  Units are interchangeable, so the
   designation ``k(·)`` can be taken, up to permuting the units of each layer,
   non-decreasing with block sizes non-increasing: one *case* per partition of
   h1 into at most h2 parts (2-2-2-1: two cases, ``k = (0, 0)`` and ``(0, 1)``).
   The other ``h1·(h2 − 1)`` weights ``p_kj`` stay free: only they multiply
   first-layer outputs, so only they make the question nonlinear.
3. **Margin 1**: f is positively homogeneous in (first layer, second-layer biases,
   output bias) jointly, so ``y_i·f(x_i) > 0`` for all i iff ``≥ 1`` for all i.
4. **One case decides.**  ``y_i·f(x_i) > 0`` at finitely many points is kept by every
   small enough change of the weights (f(x_i) is continuous in them), so a
   realizable labeling is realized by a network with no zero weight, and such a
   network has every designation, ``k = (0, …, 0)`` among them.  So a labeling is
   realizable iff that *generic case* is satisfiable: :func:`decide_two_layer` asks
   only it (the other cases of :func:`designations` are needed to write every
   network in normal form, not to decide).

See :func:`normalise_two_layer` (tested on random networks: same function, exactly).

Per labeling and case, the exact query (:func:`build_query`) is nonlinear real
arithmetic with Boolean ReLU phases, answered by z3 (nlsat) or cvc5; a model's
algebraic numbers are rounded to rationals and the network is re-checked
exactly by the caller, never trusted.  A cheap, exact **linear refutation**
comes first: replacing each product ``p_kj·(w_j·x + b_j)`` on unit j's active
points by a free affine function ``P_kj·(x, 1)`` there (0 where unit j is off)
gives a larger class (take ``P_kj = p_kj·(w_j, b_j)``) decided in linear real
arithmetic; when the relaxation is unsatisfiable, so is the labeling.  It is
tightened by what the products keep: ``p_kj·u_j`` has one sign on unit j's active
points (a Boolean per free weight), and orders them as ``u_j`` does (reversed when
``p_kj < 0``; a Boolean per pair of points and unit); and, as in reduction 4, a
generic network has no first-layer pre-activation exactly 0 at a point (those
are hyperplanes in weight space), so the relaxation's first-layer phases are
strict (at 0, ``u_j = 0`` while the affine stand-in for ``p_kj·u_j`` would be free).

With one first-layer unit (``m-1-h-1``) the question is linear outright
(:mod:`verify.encodings.onefeature`): the back end ``linear`` decides it exactly
and completely; for h1 >= 2 ``linear`` is the tightened relaxation alone (it
refutes or says unknown).

>>> from verify.geometry.pointsets import cube
>>> designations(2, 2), designations(3, 2)
([(0, 0), (0, 1)], [(0, 0, 0), (0, 0, 1)])
>>> status, net, _ = decide_two_layer(cube(2), (-1, 1, 1, -1), (2, 1, 2, 1), 10)
>>> status, net.realizes(cube(2), (-1, 1, 1, -1))      # XOR: a bump of one ReLU unit's output
('realizable', True)
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from types import ModuleType
from typing import Any, cast

import z3

from verify.encodings.lra import z3_fraction, z3_timeout_ms, z3_version
from verify.encodings.query_process import QueryProcess, usable
from verify.errors import SolverError
from verify.geometry.pointsets import Point
from verify.limits import limit_text
from verify.nets.network import Layer, ReLUNet

__all__ = [
    "BACKENDS",
    "CVC5_NOT_BOUNDED",
    "backend_available",
    "backend_version",
    "build_query",
    "decide_two_layer",
    "designations",
    "embed_first_layer",
    "embed_second_layer",
    "first_layer_search",
    "generic_case",
    "is_two_layer",
    "normalise_two_layer",
]

BACKENDS = ("z3", "cvc5", "linear")


def is_two_layer(widths: Sequence[int]) -> bool:
    """``m-h1-h2-1`` with h2 >= 2 (two hidden layers, the second wide).

    >>> is_two_layer((2, 2, 2, 1)), is_two_layer((2, 2, 1, 1)), is_two_layer((2, 2, 2, 2, 1))
    (True, False, False)
    """
    return len(widths) == 4 and widths[2] >= 2


def designations(h1: int, h2: int) -> list[tuple[int, ...]]:
    """One designation ``k(·)`` per partition of h1 into at most h2 parts (see the module)."""
    out: list[tuple[int, ...]] = []

    def parts(left: int, most: int, acc: list[int]) -> None:
        if left == 0:
            out.append(tuple(k for k, size in enumerate(acc) for _ in range(size)))
            return
        if len(acc) == h2:
            return
        for size in range(min(left, most), 0, -1):
            parts(left - size, size, [*acc, size])

    parts(h1, h1, [])
    return sorted(out)


def normalise_two_layer(net: ReLUNet) -> tuple[ReLUNet, tuple[int, ...]]:
    """The same function in normal form, and its designation ``k(j)`` per first-layer unit.

    Output weights are ±1 and ``V[k(j)][j]`` is ±1 for every first-layer unit j.

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[2], [-1]], [1, 3]), ([[0, 4], [3, "1/2"]], [1, 0]),
    ...                           ([["-1/2", 2]], [1])])
    >>> out, k = normalise_two_layer(net)
    >>> k, [[str(v) for v in row] for row in out.layers[1].weights], out.layers[2].weights
    ((1, 0), [['0', '1'], ['1', '1/2']], ((Fraction(-1, 1), Fraction(1, 1)),))
    >>> all(net.evaluate([x]) == out.evaluate([x]) for x in range(-5, 6))
    True
    """
    if len(net.layers) != 3:
        raise ValueError(f"normalise_two_layer needs two hidden layers, got {net.architecture}")
    first, second, out = net.layers
    rows2, bias2, signs = [], [], []
    for k, a in enumerate(out.weights[0]):
        t = abs(a)
        rows2.append([t * v for v in second.weights[k]])
        bias2.append(t * second.bias[k])
        signs.append(Fraction(-1) if a < 0 else Fraction(1))
    rows1, bias1, design = [], [], []
    for j in range(len(first.weights)):
        column = [rows2[k][j] for k in range(len(rows2))]
        k_j = next((k for k, v in enumerate(column) if v != 0), None)
        if k_j is None:  # dead unit: zero, designated to unit 0 with weight +1
            rows1.append(tuple(Fraction(0) for _ in first.weights[j]))
            bias1.append(Fraction(0))
            rows2[0][j] = Fraction(1)
            design.append(0)
            continue
        t = abs(column[k_j])
        rows1.append(tuple(t * w for w in first.weights[j]))
        bias1.append(t * first.bias[j])
        for k in range(len(rows2)):
            rows2[k][j] /= t
        design.append(k_j)
    layers = (Layer(tuple(rows1), tuple(bias1)),
              Layer(tuple(tuple(r) for r in rows2), tuple(bias2)),
              Layer((tuple(signs),), out.bias))
    return ReLUNet(layers), tuple(design)


def _positive_shift(values: Sequence[Fraction]) -> Fraction:
    """The least D >= 1 with ``v + D >= 1`` for every value v."""
    return 1 - min(Fraction(0), min(values, default=Fraction(0)))


def embed_first_layer(net: ReLUNet, widths: Sequence[int], points: Sequence[Point]) -> ReLUNet:
    """An ``m-h1-h2-1`` network equal on ``points`` to the ``m-h1-1`` network ``net``.

    Second-layer unit 0 computes ``ReLU(t + D)`` (``t`` = net without its output bias,
    ``t + D >= 1`` on the points), the other units are zero, the output is
    ``z_0 − D + c``.  Exact; callers re-check.

    >>> from verify.geometry.pointsets import cube
    >>> f = ReLUNet.from_lists([([[1, 1], [1, -1]], [-1, 0]), ([[-2, 1]], ["1/2"])])
    >>> g = embed_first_layer(f, (2, 2, 3, 1), cube(2))
    >>> g.architecture, [g.evaluate(x) == f.evaluate(x) for x in cube(2)]
    ('2-2-3-1', [True, True, True, True])
    """
    hidden, out = net.layers
    h1, h2, c = widths[1], widths[2], out.bias[0]
    shift = _positive_shift([net.evaluate(x) - c for x in points])
    zero = tuple(Fraction(0) for _ in range(h1))
    second = Layer((out.weights[0], *([zero] * (h2 - 1))), (shift, *([Fraction(0)] * (h2 - 1))))
    final = Layer(((Fraction(1), *([Fraction(0)] * (h2 - 1))),), (c - shift,))
    return ReLUNet((hidden, second, final))


def embed_second_layer(net: ReLUNet, widths: Sequence[int], points: Sequence[Point]) -> ReLUNet:
    """An ``m-h1-h2-1`` network (h1 >= m) equal on ``points`` to the ``m-h2-1`` network ``net``.

    First-layer unit r < m computes ``ReLU(x_r + E_r)`` with ``x_r + E_r >= 1`` on the
    points (the others are zero); the second layer undoes the shift.  Exact.

    >>> from verify.geometry.pointsets import cube
    >>> f = ReLUNet.from_lists([([[1, 1], [1, -1]], [-1, 0]), ([[-2, 1]], ["1/2"])])
    >>> g = embed_second_layer(f, (2, 3, 2, 1), cube(2))
    >>> g.architecture, [g.evaluate(x) == f.evaluate(x) for x in cube(2)]
    ('2-3-2-1', [True, True, True, True])
    """
    hidden, out = net.layers
    m, h1 = widths[0], widths[1]
    if h1 < m:
        raise ValueError(f"embed_second_layer needs h1 >= m, got {widths}")
    shifts = [_positive_shift([x[r] for x in points]) for r in range(m)]
    rows = [tuple(Fraction(int(r == k)) for k in range(m)) for r in range(h1)]
    first = Layer(tuple(rows), tuple(shifts[r] if r < m else Fraction(0) for r in range(h1)))
    second_rows = tuple((*row, *([Fraction(0)] * (h1 - m))) for row in hidden.weights)
    second_bias = tuple(b - sum((w * e for w, e in zip(row, shifts, strict=True)), Fraction(0))
                        for row, b in zip(hidden.weights, hidden.bias, strict=True))
    return ReLUNet((first, Layer(second_rows, second_bias), out))


def first_layer_search(
    points: Sequence[Point], widths: Sequence[int], labelings: Sequence[Sequence[int]],
    candidates: int = 300, seed: int = 0, seconds: float | None = None,
) -> dict[int, ReLUNet]:
    """Witnesses for some of ``labelings``: fixed first layers, the rest decided in LRA.

    With the first layer fixed (rational weights), ``m-h1-h2-1`` on the points is
    ``h1-h2-1`` on the images ``u(x_i)``: one hidden layer, decided exactly by
    :class:`verify.encodings.lra.OneHiddenLRA`.  Candidate first layers are drawn
    (seeded) with small integer weights and each unit's kink halfway between two
    points.  Returns index -> network (first layer + the LRA witness), not yet
    re-checked; labelings not found are simply not in the result (never refuted).
    ``seconds`` bounds the whole search (checked before every query: one candidate
    asks many; each query gets at most 1 s and at most the time left).

    >>> from verify.geometry.pointsets import cube
    >>> found = first_layer_search(cube(3), (3, 2, 2, 1), [(-1, 1, 1, -1, 1, -1, -1, 1)], 50)
    >>> found[0].realizes(cube(3), (-1, 1, 1, -1, 1, -1, -1, 1))      # 3-bit parity
    True
    """
    import random

    from verify.encodings.lra import OneHiddenLRA

    start = time.monotonic()
    m, h1, h2 = widths[0], widths[1], widths[2]
    rng = random.Random(seed)
    found: dict[int, ReLUNet] = {}
    for _ in range(candidates):
        if len(found) == len(labelings):
            break
        if seconds is not None and time.monotonic() - start > seconds:
            break
        rows, bias = [], []
        for _j in range(h1):
            w = [Fraction(rng.randint(-3, 3)) for _ in range(m)]
            a, b = rng.sample(range(len(points)), 2) if len(points) > 1 else (0, 0)
            va = sum((wk * xk for wk, xk in zip(w, points[a], strict=True)), Fraction(0))
            vb = sum((wk * xk for wk, xk in zip(w, points[b], strict=True)), Fraction(0))
            rows.append(w)
            bias.append(-(va + vb) / 2)
        first = Layer(tuple(tuple(r) for r in rows), tuple(bias))
        images = [tuple(max(Fraction(0), sum((wk * xk for wk, xk in zip(r, x, strict=True)),
                                             Fraction(0)) + b0)
                        for r, b0 in zip(rows, bias, strict=True)) for x in points]
        enc = OneHiddenLRA(images, h2)
        for idx, y in enumerate(labelings):
            if idx in found:
                continue
            left = None if seconds is None else seconds - (time.monotonic() - start)
            if left is not None and left <= 0:  # checked per query: one candidate asks many
                break
            enc.set_timeout(1.0 if left is None else min(1.0, left))
            status, tail = enc.check(y)
            if status == "sat" and tail is not None:
                found[idx] = ReLUNet((first, *tail.layers))
    return found


def backend_available(name: str) -> bool:
    """Is the exact back end installed (z3 and linear always; cvc5 with the ``cvc5`` extra)?

    >>> backend_available("z3"), backend_available("linear")
    (True, True)
    """
    if name in ("z3", "linear"):
        return True
    try:
        import cvc5.pythonic  # noqa: F401
    except ImportError:
        return False
    return True


def _module(backend: str) -> ModuleType:
    if backend == "z3":
        return z3
    if backend == "cvc5":
        import cvc5.pythonic as cvc5_pythonic

        return cvc5_pythonic
    raise ValueError(f"unknown back end {backend!r}; expected one of {BACKENDS}")


def backend_version(backend: str) -> str:
    """The version text of an exact back end (``linear`` runs on z3).

    >>> backend_version("linear") == backend_version("z3")
    True
    """
    if backend == "linear":
        backend = "z3"
    if backend == "z3":
        return z3_version()
    from importlib.metadata import version

    return version("cvc5")


_ALGEBRAIC = re.compile(r"real_algebraic_number <(.*), \((\S+), (\S+)\)>")


def _value(backend: str, v: Any) -> Fraction:
    """An exact rational from a model value; an algebraic number is refined to 10⁻⁴⁰."""
    if backend == "z3":
        return z3_fraction(v)
    if hasattr(v, "as_fraction"):
        return Fraction(v.as_fraction())
    match = _ALGEBRAIC.search(v.sexpr())
    if match is None:
        raise TypeError(f"not a cvc5 numeral: {v.sexpr()}")
    import sympy

    x = sympy.Symbol("x")
    poly = sympy.Poly(sympy.sympify(match.group(1).replace("^", "**")), x)
    lo, hi = sympy.Rational(match.group(2)), sympy.Rational(match.group(3))
    low, _ = poly.refine_root(lo, hi, eps=sympy.Rational(1, 10**40))
    return Fraction(int(low.p), int(low.q))


class _Query:
    """One case of the normal form on fixed points and labels, in one back end."""

    def __init__(self, points: Sequence[Point], labels: Sequence[int], widths: Sequence[int],
                 design: tuple[int, ...], backend: str, relaxed: bool):
        S = self.mod = _module(backend)
        self.backend, self.relaxed, self.design = backend, relaxed, design
        self.scale = math.lcm(1, *(c.denominator for p in points for c in p))
        self.solver = S.SolverFor("QF_LRA" if relaxed else "QF_NRA")
        self.stopped: str | None = None  # why the last check stopped, if the memory budget
        self._declare(widths)
        self._order_interchangeable_units()
        pres: list[list[Any]] = []
        actives: list[list[Any]] = []
        affs: list[dict[tuple[int, int], Any]] = []
        for i, (p, y) in enumerate(zip(points, labels, strict=True)):
            xi = [int(c * self.scale) for c in p]
            pre, active, u = self._first_layer(i, xi)
            affs.append(self._labelled_output(i, xi, y, active, u))
            pres.append(pre)
            actives.append(active)
        # kept for callers that add constraints (verify.encodings.wide_boxes)
        self.pres, self.actives, self.affs = pres, actives, affs
        if relaxed:
            self._tighten(pres, actives, affs)

    def _declare(self, widths: Sequence[int]) -> None:
        """The unknowns: first-layer weights ``W``, ``B`` and signs ``sigma``; the second
        layer's free weights ``P`` (relaxed: an affine form per unit and point) with their
        signs ``tau``; its biases ``D``, the output's signs ``Sk`` and bias ``C``."""
        S, design = self.mod, self.design
        m, h1, h2 = widths[0], widths[1], widths[2]
        self.W = [[S.Real(f"w_{j}_{k}") for k in range(m)] for j in range(h1)]
        self.B = [S.Real(f"b_{j}") for j in range(h1)]
        self.sigma = [S.Bool(f"sigma_{j}") for j in range(h1)]
        self.P: dict[tuple[int, int], Any] = {}
        self.tau: dict[tuple[int, int], Any] = {}
        for k in range(h2):
            for j in range(h1):
                if design[j] != k:
                    self.P[k, j] = ([S.Real(f"P_{k}_{j}_{r}") for r in range(m + 1)]
                                    if self.relaxed else S.Real(f"p_{k}_{j}"))
                    self.tau[k, j] = S.Bool(f"tau_{k}_{j}")  # relaxed: sign of p_kj
        self.D = [S.Real(f"d_{k}") for k in range(h2)]
        self.Sk = [S.Bool(f"s_{k}") for k in range(h2)]
        self.C = S.Real("c")

    def _order_interchangeable_units(self) -> None:
        """Units next to each other in one designation block are interchangeable: their
        signs and biases ordered."""
        S, s, design = self.mod, self.solver, self.design
        for j in range(len(self.W) - 1):
            if design[j] == design[j + 1]:
                s.add(S.Implies(self.sigma[j + 1], self.sigma[j]))
                s.add(S.Implies(self.sigma[j] == self.sigma[j + 1], self.B[j] >= self.B[j + 1]))

    def _first_layer(self, i: int, xi: list[int]) -> tuple[list[Any], list[Any], list[Any]]:
        """Point ``i`` (integer coordinates ``xi``) in the first layer: each unit's
        pre-activation, its activity literal and its value, with the ReLU's constraint
        (relaxed: no pre-activation is 0)."""
        S, s = self.mod, self.solver
        pres, active, u = [], [], []
        for j in range(len(self.W)):
            pre = S.Sum([xi[r] * self.W[j][r] for r in range(len(xi)) if xi[r]] + [self.B[j]])
            a, hv = S.Bool(f"a_{i}_{j}"), S.Real(f"h_{i}_{j}")
            if self.relaxed:  # generic: no pre-activation is 0 (else u = 0 and P·x free)
                s.add(S.If(a, S.And(pre > 0, hv == pre), S.And(pre < 0, hv == 0)))
            else:
                s.add(S.If(a, S.And(pre >= 0, hv == pre), S.And(pre <= 0, hv == 0)))
            pres.append(pre)
            active.append(a)
            u.append(hv)
        return pres, active, u

    def _labelled_output(self, i: int, xi: list[int], y: int, active: list[Any],
                         u: list[Any]) -> dict[tuple[int, int], Any]:
        """Point ``i`` through the second layer and the output, which must be ≥ 1 for
        ``y = +1`` and ≤ −1 for ``y = −1``; returns the relaxed affine terms it used."""
        S, s, m = self.mod, self.solver, len(xi)
        aff_i: dict[tuple[int, int], Any] = {}
        out = []
        for k in range(len(self.D)):
            terms = []
            for j in range(len(self.W)):
                if self.design[j] == k:
                    terms.append(S.If(self.sigma[j], u[j], -u[j]))
                elif self.relaxed:
                    aff = S.Sum([xi[r] * self.P[k, j][r] for r in range(m) if xi[r]]
                                + [self.P[k, j][m]])
                    aff_i[k, j] = aff
                    terms.append(S.If(active[j], aff, 0))
                else:
                    terms.append(self.P[k, j] * u[j])
            g, z = S.Bool(f"g_{i}_{k}"), S.Real(f"z_{i}_{k}")
            pre2 = S.Sum([*terms, self.D[k]])
            s.add(S.If(g, S.And(pre2 >= 0, z == pre2), S.And(pre2 <= 0, z == 0)))
            out.append(S.If(self.Sk[k], z, -z))
        f = self.C + S.Sum(out)
        s.add(f >= 1 if y > 0 else f <= -1)
        return aff_i

    def _tighten(self, pres: list[list[Any]], actives: list[list[Any]],
                 affs: list[dict[tuple[int, int], Any]]) -> None:
        """What ``p_kj·u_j`` keeps: one sign on unit j's active points, and u_j's order.

        Sound for every p (p = 0 gives P = 0, which meets both signs and orders).
        """
        S, s = self.mod, self.solver
        n = len(pres)
        for (k, j), tau in self.tau.items():
            for i in range(n):
                aff = affs[i][k, j]
                s.add(S.Implies(actives[i][j], S.If(tau, aff >= 0, aff <= 0)))
        for j in range(len(self.W)):
            free = [(k, jj) for (k, jj) in self.tau if jj == j]
            if not free:
                continue
            for i in range(n):
                for i2 in range(i + 1, n):
                    o = S.Bool(f"o_{j}_{i}_{i2}")  # u_j(x_i) >= u_j(x_i2) on active points
                    s.add(S.If(o, pres[i][j] >= pres[i2][j], pres[i][j] <= pres[i2][j]))
                    both = S.And(actives[i][j], actives[i2][j])
                    for key in free:
                        a1, a2 = affs[i][key], affs[i2][key]
                        s.add(S.Implies(both, S.If(o == self.tau[key], a1 >= a2, a1 <= a2)))

    def check(self, seconds: float | None) -> str:
        self.solver.set("timeout" if self.backend == "z3" else "tlimit-per", z3_timeout_ms(seconds))
        self.stopped = None
        if self.backend == "z3":
            from verify.encodings.z3memory import MEMORY_LIMIT, z3_check, z3_reason

            r = z3_check(self.solver)
            why = z3_reason(self.solver) if r == z3.unknown else ""
            self.stopped = why if why.startswith(MEMORY_LIMIT) else None
        else:
            r = self.solver.check()
        return "sat" if r == self.mod.sat else "unsat" if r == self.mod.unsat else "unknown"

    def witness(self) -> ReLUNet:
        """The network of the model (exact rationals; algebraic numbers rounded)."""
        assert not self.relaxed
        S, model = self.mod, self.solver.model()

        def val(v: Any) -> Fraction:
            return _value(self.backend, model.eval(v, model_completion=True))

        def sign(v: Any) -> int:
            return 1 if S.is_true(model.eval(v, model_completion=True)) else -1

        rows2 = [[Fraction(sign(self.sigma[j])) if self.design[j] == k else val(self.P[k, j])
                  for j in range(len(self.W))] for k in range(len(self.D))]
        return ReLUNet.from_lists([
            ([[val(w) * self.scale for w in row] for row in self.W], [val(b) for b in self.B]),
            (rows2, [val(d) for d in self.D]),
            ([[sign(s) for s in self.Sk]], [val(self.C)]),
        ])


def build_query(points: Sequence[Point], labels: Sequence[int], widths: Sequence[int],
                design: tuple[int, ...], backend: str = "z3", relaxed: bool = False) -> _Query:
    """The query of one case (``relaxed``: the linear relaxation of the module docstring)."""
    return _Query(points, labels, widths, design, backend, relaxed)


def encoding_text(backend: str, relaxed: bool) -> str:
    if relaxed:
        return ("z3 LRA relaxation of m-h1-h2-1 (generic case): each free second-layer product "
                "replaced by a free affine function on the unit's active points, with one sign "
                "and the unit's order there; margin 1")
    return (f"{backend} NRA: m-h1-h2-1 normal form, generic case (output weights ±1, every "
            "first-layer unit into second-layer unit 0 with weight ±1), margin 1, Boolean ReLU "
            "phases")


def generic_case(widths: Sequence[int]) -> tuple[int, ...]:
    """The designation ``k = (0, …, 0)`` (reduction 4: it alone decides).

    >>> generic_case((2, 3, 2, 1))
    (0, 0, 0)
    """
    return (0,) * widths[1]


def decide_two_layer(
    points: Sequence[Point], labels: Sequence[int], widths: Sequence[int],
    seconds: float | None, backend: str = "z3", relax_first: bool = True,
) -> tuple[str, ReLUNet | None, dict[str, Any]]:
    """Decide one labeling of ``m-h1-h2-1``: ``(status, net, provenance)``.

    ``status`` is ``realizable`` (net from the model, NOT yet re-checked: callers
    re-check it exactly), ``unrealizable`` (the generic case refuted, by the linear
    relaxation or the exact back end) or ``unknown`` (time-out, or the back end
    ``linear`` on h1 >= 2 when the relaxation does not refute).  ``seconds``
    bounds the whole decision.  ``backend``: ``z3`` or ``cvc5`` (nonlinear real
    arithmetic, after the relaxation when ``relax_first``), or ``linear`` (exact
    and complete for ``m-1-h-1``; the relaxation alone for h1 >= 2).  With a limit,
    the nonlinear query runs in the query process, stopped at the limit plus a grace
    (:func:`_bounded_query`: the solvers' nonlinear procedures can run far past their
    own limits).

    >>> from verify.geometry.pointsets import grid
    >>> decide_two_layer(grid(4, 1), (1, -1, 1, -1), (1, 1, 2, 1), None, "linear")[0]
    'unrealizable'
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown back end {backend!r}; expected one of {BACKENDS}")
    start = time.monotonic()
    design = generic_case(widths)
    prov: dict[str, Any] = {"case": list(design)}

    def left() -> float | None:
        return None if seconds is None else max(seconds - (time.monotonic() - start), 0.001)

    def done(status: str, net: ReLUNet | None, method: str, solver: str, encoding: str,
             ) -> tuple[str, ReLUNet | None, dict[str, Any]]:
        prov.update(method=method, solver=solver, version=backend_version(solver),
                    encoding=encoding,
                    seconds=round(time.monotonic() - start, 6))
        return status, net, prov

    if backend == "linear" and widths[1] == 1:
        from verify.encodings.onefeature import OneFeatureLRA

        budget = left()
        try:  # building stops at the time limit (BuildClock), as in the other deep encodings
            enc = OneFeatureLRA(points, widths, deadline=None if budget is None
                                else time.perf_counter() + budget)
        except TimeoutError as exc:
            prov["reason"] = f"time-out after {limit_text(seconds)} ({exc})"
            return done("unknown", None, "linear", "z3",
                        "z3 LRA: m-1-h-1 as one ReLU feature (stopped while building)")
        enc.set_timeout(left())
        raw, net = enc.check(labels)
        status = {"sat": "realizable", "unsat": "unrealizable"}.get(raw, "unknown")
        if status == "unknown":
            prov["reason"] = f"z3 LRA stopped ({enc.reason_unknown()})"
        return done(status, net, "linear", "z3", enc.encoding)
    if relax_first or backend == "linear":
        relaxed = build_query(points, labels, widths, design, "z3", relaxed=True)
        if relaxed.check(left()) == "unsat":
            return done("unrealizable", None, "relaxation", "z3", encoding_text("z3", True))
        if backend == "linear":
            prov["reason"] = ("the linear back end decides m-h1-h2-1 only for h1 = 1; "
                              "the relaxation does not refute this labeling")
            return done("unknown", None, "linear", "z3", encoding_text("z3", True))
    status, witness, reason = _bounded_query(points, labels, widths, design, backend, left())
    if reason is not None:
        prov["reason"] = reason
    if status == "sat":
        return done("realizable", witness, backend, backend, encoding_text(backend, False))
    return done("unrealizable" if status == "unsat" else "unknown", None, backend, backend,
                encoding_text(backend, False))


def _run_query(points: Sequence[Point], labels: Sequence[int], widths: Sequence[int],
               design: tuple[int, ...], backend: str, seconds: float | None,
               ) -> tuple[str, ReLUNet | None, str | None]:
    """One exact query in this process: ``(status, net of the model or None, reason)``
    (the reason: z3 stopped by the memory budget, else None)."""
    q = build_query(points, labels, widths, design, backend)
    status = q.check(seconds)
    return status, (q.witness() if status == "sat" else None), q.stopped


def _served(budget: int, *args: Any) -> tuple[str, ReLUNet | None, str | None]:
    """:func:`_run_query` as the query process runs it (looked up when it is called),
    under the asking process's memory budget of the moment."""
    from verify.limits import memory_limit

    with memory_limit(budget):
        return _run_query(*args)


_QUERIES = QueryProcess(_served)


CVC5_NOT_BOUNDED = ("cvc5 was not run: its memory can be bounded only in a query process, "
                    "which this process cannot start (no fork, or a daemonic process such as "
                    "a Dask worker)")
"""Why a cvc5 query is ``unknown`` where no query process can be started."""

QUERY_GRACE = 1.0
"""Seconds a limited nonlinear query may run past its limit (plus half the limit) before
its query process is stopped: the solver's own limit usually stops it first."""


def _bounded_query(points: Sequence[Point], labels: Sequence[int], widths: Sequence[int],
                   design: tuple[int, ...], backend: str, seconds: float | None,
                   ) -> tuple[str, ReLUNet | None, str | None]:
    """A nonlinear query with a time limit that holds: ``(status, net, reason or None)``.

    cvc5 checks its own limit (``tlimit-per``) only between steps, and one step of
    its nonlinear procedure (cylindrical algebraic coverings: polynomial gcds in
    libpoly) can run for many minutes past it (measured on 2-1-2-1 over grid:3:2
    at 5 s); z3's nonlinear procedure too (measured: more than 4 minutes on
    2-2-2-1 at a limit of 1 ms, in a process that had asked other queries before).
    So a limited query runs in the query process (:mod:`verify.encodings.query_process`:
    one child reused from query to query), stopped after the limit plus a grace of
    ``QUERY_GRACE + seconds / 2`` s (1 s plus half the limit): then ``unknown`` with
    that reason, never ``unsat``.  A cvc5 query runs there with no time limit too:
    only there is its memory bounded.

    Memory: in the child the query runs under its share of the budget
    (``--max-memory`` less what the child holds), as an address-space limit
    (:mod:`verify.encodings.memory_bound`), and z3 under its own limit as well
    (:mod:`verify.encodings.z3memory`); a query that runs out (a ``MemoryError``,
    or a child that died out of memory: cvc5's GMP aborts) is ``unknown`` with the
    reason "memory limit: …", never ``unsat``.  Where the child cannot be started
    (no ``fork``, or a daemonic process such as a Dask worker), a z3 query runs here,
    under z3's own memory limit and within its own time limit only; a cvc5 query is not
    run at all (``unknown``, :data:`CVC5_NOT_BOUNDED`): its memory could not be bounded
    here (its GMP would abort this process).  A solver error, or a
    child that ends without an answer for another reason, is a
    :class:`SolverError`; any other exception in the child is raised here as a bug.
    """
    if backend == "cvc5" and not usable():
        return "unknown", None, CVC5_NOT_BOUNDED
    if (seconds is None and backend != "cvc5") or not usable():
        return _run_query(points, labels, widths, design, backend, seconds)
    _module(backend)  # imported before the fork, so the child imports nothing
    grace = None if seconds is None else QUERY_GRACE + seconds / 2
    from verify.limits import current_max_memory

    budget = current_max_memory()
    kind, payload = _QUERIES.ask((budget, tuple(points), tuple(labels), tuple(widths),
                                  design, backend, seconds),
                                 seconds, grace or 0.0, memory=budget)
    if kind == "ok":
        return cast(tuple[str, ReLUNet | None, str | None], payload)
    if kind == "memory":
        return "unknown", None, replace(payload, solver=backend).reason()
    if kind == "late":
        assert seconds is not None and grace is not None
        return "unknown", None, (f"{backend} did not stop at its time limit ({seconds:.3g} s); "
                                 f"its query process was stopped after {seconds + grace:.3g} s")
    if kind == "ended":
        raise SolverError(f"the {backend} query process ended without an answer "
                          f"(exit code {payload})")
    name, text = payload
    if backend.upper() in name.upper():
        raise SolverError(f"{backend} failed: {name}: {text}")
    raise RuntimeError(f"internal error in the {backend} query process: {name}: {text}")
