"""Width-1 layers after the first (``m-h-1-1``, ``m-h-1-1-1``, …): exact linear encodings.

The class is every network ``f = c + e_L·ReLU(e_{L−1}·ReLU(… ReLU(Σ_j v_j·u_j + d_2) …) + d_L)``
with ``u_j = ReLU(w_j·x + b_j)`` (h first-layer units) and real weights.  Three
reductions, each exact:

1. **Every weight but the first layer's is ±1.**  ReLU is positively homogeneous,
   ``e·ReLU(t) = sign(e)·ReLU(|e|·t)`` for ``e ≠ 0``.  Going from the output back,
   an output weight or a width-1 layer's weight ``e ≠ 0`` becomes ``sign(e)`` once
   the layer below it (its weight and bias) is multiplied by ``|e|``; finally each
   second-layer weight ``v_j ≠ 0`` becomes ``sign(v_j)`` once unit j's weights and
   bias are multiplied by ``|v_j|``.  A weight ``e = 0`` makes everything below it
   irrelevant: it equals weight +1 with every layer below it zero (their ReLU
   outputs are then 0), and ``v_j = 0`` equals ``v_j = +1`` with unit j zero.  So
   the weights after the first layer can be taken in {−1, +1} (0 is subsumed).
   See :func:`normalise_chain` (tested on random networks in
   ``tests/encodings/test_width1_chain.py``: the normalised network computes the same
   function, exactly).
2. **Margin 1.**  With those weights fixed, f is positively homogeneous in the
   first layer's weights and biases and every later bias jointly; so
   "``y_i·f(x_i) > 0`` for all i" is equivalent to "``y_i·f(x_i) ≥ 1`` for all i".
   Each ReLU is a Boolean phase (``a → t ≥ 0 ∧ z = t``, ``¬a → t ≤ 0 ∧ z = 0``);
   the question is linear real arithmetic with Booleans, decided exactly and
   completely by z3 (:class:`ChainLRA`; its phases are explicit variables,
   ``a_{i}_{j}`` for the first layer and ``g_{i}_{l}`` for the chain).
3. **Same labelings as ``m-h-1``.**  Write ``t(x) = Σ_j v_j·u_j(x)``; then
   ``f = g(t)`` with g a composition of maps ``s ↦ ReLU(±s + d)`` and ``s ↦ ±s + c``,
   each monotone, so g is monotone.  If f realizes y (``y_i·f(x_i) > 0``) and g is
   non-decreasing, every +1 point has a larger t than every −1 point (else
   ``g(t_+) ≤ g(t_−) < 0``), so ``t − θ`` (θ between them) realizes y: an ``m-h-1``
   network; ``θ − t`` when g is non-increasing.  Conversely an ``m-h-1`` network
   ``c + t`` is ``(t + D) − D + c`` with ``D`` so large that ``t + D > 0`` on the points,
   which a chain computes exactly there (:func:`chain_from_one_hidden`).  So on
   every finite point set the realized set of ``m-h-1-…-1`` equals that of
   ``m-h-1``, and whole realized sets are enumerated through the one-hidden-layer
   engine, every witness converted and re-checked exactly.

>>> from verify.geometry.pointsets import cube
>>> enc = ChainLRA(cube(2), (2, 1, 1, 1))
>>> enc.check((-1, 1, 1, -1))[0], enc.check((1, 1, 1, -1))[0]    # XOR is not a threshold of t
('unsat', 'sat')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import z3

from verify.encodings.lra import BuildClock, Z3Query, z3_fraction
from verify.encodings.z3memory import z3_check
from verify.geometry.pointsets import Point
from verify.nets.network import Layer, ReLUNet

__all__ = [
    "ChainLRA",
    "chain_from_one_hidden",
    "is_chain",
    "normalise_chain",
    "one_hidden_from_chain",
]


def is_chain(widths: Sequence[int]) -> bool:
    """Is the architecture ``m-h-1-…-1`` with at least two hidden layers?

    >>> [is_chain(w) for w in [(2, 3, 1, 1), (2, 1, 1, 1, 1), (2, 2, 1), (2, 2, 2, 1)]]
    [True, True, False, False]
    """
    return len(widths) >= 4 and all(w == 1 for w in widths[2:])


def _scaled(layer: Layer, t: Fraction) -> Layer:
    return Layer(tuple(tuple(t * v for v in row) for row in layer.weights),
                 tuple(t * v for v in layer.bias))


def _zero(layer: Layer) -> Layer:
    return _scaled(layer, Fraction(0))


def normalise_chain(net: ReLUNet) -> ReLUNet:
    """The same function with every weight after the first layer in {−1, +1}.

    Reduction 1 of the module docstring, for ``m-h-1-…-1`` networks.

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[2], [1]], [1, 5]), ([[-3, 0]], [1]), ([["1/2"]], [1])])
    >>> out = normalise_chain(net)
    >>> [[str(v) for v in layer.weights[0]] for layer in out.layers[1:]]
    [['-1', '1'], ['1']]
    >>> all(net.evaluate([x]) == out.evaluate([x]) for x in range(-4, 5))
    True
    """
    if not is_chain(net.widths):
        raise ValueError(f"normalise_chain needs an m-h-1-...-1 network, got {net.architecture}")
    layers = list(net.layers)
    for ell in range(len(layers) - 1, 1, -1):  # width-1 weights, from the output back
        e = layers[ell].weights[0][0]
        if e == 0:
            for k in range(ell):
                layers[k] = _zero(layers[k])
            e_new = Fraction(1)
        else:
            layers[ell - 1] = _scaled(layers[ell - 1], abs(e))
            e_new = Fraction(1 if e > 0 else -1)
        layers[ell] = Layer(((e_new,),), layers[ell].bias)
    first, second = layers[0], layers[1]
    rows, bias, signs = [], [], []
    for j, v in enumerate(second.weights[0]):
        t = abs(v)
        rows.append(tuple(t * w for w in first.weights[j]))
        bias.append(t * first.bias[j])
        signs.append(Fraction(-1) if v < 0 else Fraction(1))
    layers[0] = Layer(tuple(rows), tuple(bias))
    layers[1] = Layer((tuple(signs),), second.bias)
    return ReLUNet(tuple(layers))


def chain_from_one_hidden(
    net: ReLUNet, widths: Sequence[int], points: Sequence[Point]
) -> ReLUNet:
    """An ``m-h-1-…-1`` network equal to the ``m-h-1`` network ``net`` on ``points``.

    ``net = c + t``; the chain computes ``z = ReLU(t + D)`` with ``D = 1 − min(0, min t)``
    (so ``t + D ≥ 1`` on the points), passes z through identity layers
    ``ReLU(z + 0)`` and outputs ``z − D + c``.  Exact; callers re-check the labeling.

    Examples
    --------
    >>> from verify.geometry.pointsets import cube
    >>> f = ReLUNet.from_lists([([[1, 1]], [-1]), ([[-2]], ["1/2"])])
    >>> g = chain_from_one_hidden(f, (2, 1, 1, 1), cube(2))
    >>> g.architecture, [g.evaluate(x) == f.evaluate(x) for x in cube(2)]
    ('2-1-1-1', [True, True, True, True])
    """
    widths = tuple(widths)
    if len(net.layers) != 2 or not is_chain(widths) or net.widths[:2] != widths[:2]:
        raise ValueError(f"cannot embed {net.architecture} into {widths}")
    hidden, out = net.layers
    c = out.bias[0]
    low = min((net.evaluate(x) - c for x in points), default=Fraction(0))
    shift = 1 - min(Fraction(0), low)
    layers = [hidden, Layer((out.weights[0],), (shift,))]
    layers += [Layer(((Fraction(1),),), (Fraction(0),)) for _ in widths[3:-1]]
    layers.append(Layer(((Fraction(1),),), (c - shift,)))
    return ReLUNet(tuple(layers))


def one_hidden_from_chain(net: ReLUNet, points: Sequence[Point]) -> ReLUNet | None:
    """An ``m-h-1`` network labelling ``points`` as the chain ``net`` does (reduction 3).

    ``t − θ`` or ``θ − t`` with θ halfway between the two label classes' t values;
    None when ``net`` is zero at some point (it then realizes no labeling).

    >>> from verify.geometry.pointsets import cube
    >>> g = ReLUNet.from_lists([([[1, 1]], [-1]), ([[1]], [1]), ([[-1]], ["3/2"])])
    >>> f = one_hidden_from_chain(g, cube(2))
    >>> f.architecture, [f.classify(x) for x in cube(2)] == [g.classify(x) for x in cube(2)]
    ('2-1-1', True)
    """
    if not is_chain(net.widths):
        raise ValueError(f"one_hidden_from_chain needs m-h-1-...-1, got {net.architecture}")
    signs = [net.classify(x) for x in points]
    if 0 in signs:
        return None
    first, second = net.layers[0], net.layers[1]
    t_net = ReLUNet((first, Layer(second.weights, (Fraction(0),))))
    t = [t_net.evaluate(x) for x in points]
    pos = [v for v, y in zip(t, signs, strict=True) if y > 0]
    neg = [v for v, y in zip(t, signs, strict=True) if y < 0]
    if not pos or not neg:  # a constant labeling: output weights 0, bias ±1
        zero = tuple(Fraction(0) for _ in second.weights[0])
        return ReLUNet((first, Layer((zero,), (Fraction(signs[0]),))))
    if min(pos) > max(neg):
        theta, e = (min(pos) + max(neg)) / 2, Fraction(1)
    elif max(pos) < min(neg):
        theta, e = (max(pos) + min(neg)) / 2, Fraction(-1)
    else:  # impossible for a monotone chain (reduction 3): an internal error
        raise AssertionError("a chain's labels are not a threshold of t")
    return ReLUNet((first, Layer((tuple(e * v for v in second.weights[0]),), (-e * theta,))))


def _relu_phase(solver: Any, pre: Any, name: str) -> Any:
    """A fresh real ``z = ReLU(pre)`` with its explicit Boolean phase ``name``."""
    a = z3.Bool(name)
    z = z3.Real(f"{name}_out")
    solver.add(z3.If(a, z3.And(pre >= 0, z == pre), z3.And(pre <= 0, z == 0)))
    return z


class ChainLRA(Z3Query):
    """The exact z3 encoding of ``m-h-1-…-1`` (reductions 1 and 2) on fixed points.

    Variables: first-layer weights ``w_j_k`` and biases ``b_j`` (points scaled to
    integers by their common denominator), second-layer signs ``s_j`` (Boolean,
    true = +1) and bias ``d_2``, the signs ``e_l`` (true = +1) and biases ``d_l`` of
    the later layers, the output sign ``e_out`` and bias ``c``; phases ``a_i_j``
    (first layer) and ``g_i_l`` (chain); labels ``y_i``.  The interface is that of
    :class:`verify.encodings.lra.OneHiddenLRA` (``check``, ``block``, …), and like it
    building past ``deadline`` (a ``time.perf_counter()`` value) raises ``TimeoutError``.
    """

    encoding = ("z3 LRA: m-h-1-...-1, weights after the first layer ±1, margin 1, "
                "Boolean ReLU phases")

    def __init__(self, points: Sequence[Point], widths: Sequence[int], *,
                 deadline: float | None = None):
        self.points = tuple(points)
        self.widths = tuple(widths)
        if not is_chain(self.widths):
            raise ValueError(f"ChainLRA needs m-h-1-...-1, got {self.widths}")
        h, m = self.widths[1], self.widths[0]
        depth = len(self.widths) - 2  # hidden layers; layers 2..depth have width 1
        self.scale = math.lcm(1, *(c.denominator for p in self.points for c in p))
        self.last_labels: tuple[int, ...] = ()
        s = self.solver = z3.SolverFor("QF_LRA")
        self.W = [[z3.Real(f"w_{j}_{k}") for k in range(m)] for j in range(h)]
        self.B = [z3.Real(f"b_{j}") for j in range(h)]
        self.S = [z3.Bool(f"s_{j}") for j in range(h)]
        self.D = [z3.Real(f"d_{ell}") for ell in range(2, depth + 1)]
        self.E = [z3.Bool(f"e_{ell}") for ell in range(3, depth + 1)] + [z3.Bool("e_out")]
        self.C = z3.Real("c")
        self.Y = [z3.Bool(f"y_{i}") for i in range(len(self.points))]
        for j in range(h - 1):  # interchangeable first-layer units
            s.add(z3.Implies(self.S[j + 1], self.S[j]))
            s.add(z3.Implies(self.S[j] == self.S[j + 1], self.B[j] >= self.B[j + 1]))
        clock, n = BuildClock(deadline), len(self.points)
        for i, p in enumerate(self.points):
            xi = [int(c * self.scale) for c in p]
            t = []
            for j in range(h):
                clock.step(i, n)
                pre = z3.Sum([xi[k] * self.W[j][k] for k in range(m) if xi[k]] + [self.B[j]])
                u = _relu_phase(s, pre, f"a_{i}_{j}")
                t.append(z3.If(self.S[j], u, -u))
            z = _relu_phase(s, z3.Sum([*t, self.D[0]]), f"g_{i}_2")
            for ell in range(3, depth + 1):
                clock.step(i, n)
                pre = z3.If(self.E[ell - 3], z, -z) + self.D[ell - 2]
                z = _relu_phase(s, pre, f"g_{i}_{ell}")
            out = self.C + z3.If(self.E[-1], z, -z)
            s.add(z3.If(self.Y[i], out >= 1, out <= -1))

    def check(self, labels: Sequence[int] | None = None) -> tuple[str, ReLUNet | None]:
        """``("sat", net)``, ``("unsat", None)`` or ``("unknown", None)``.

        The net is built from the exact model; callers re-check it.
        """
        lits = [] if labels is None else [
            y if v > 0 else z3.Not(y) for y, v in zip(self.Y, labels, strict=True)]
        result = z3_check(self.solver, *lits)
        if result == z3.sat:
            model = self.solver.model()
            self.last_labels = tuple(
                1 if z3.is_true(model.eval(y, model_completion=True)) else -1 for y in self.Y)
            return "sat", self._witness(model)
        return ("unsat" if result == z3.unsat else "unknown"), None

    def _witness(self, model: Any) -> ReLUNet:
        def val(v: Any) -> Fraction:
            return z3_fraction(model.eval(v, model_completion=True))

        def sign(v: Any) -> int:
            return 1 if z3.is_true(model.eval(v, model_completion=True)) else -1

        layers: list[tuple[list[list[Any]], list[Any]]] = [
            ([[val(w) * self.scale for w in row] for row in self.W], [val(b) for b in self.B]),
            ([[sign(v) for v in self.S]], [val(self.D[0])]),
        ]
        layers += [([[sign(e)]], [val(d)]) for e, d in zip(self.E[:-1], self.D[1:], strict=True)]
        layers.append(([[sign(self.E[-1])]], [val(self.C)]))
        return ReLUNet.from_lists(layers)

    def block(self, labels: Sequence[int]) -> None:
        """Exclude one labeling from later ``check()`` calls without assumptions."""
        self.solver.add(z3.Or([z3.Not(y) if v > 0 else y
                               for y, v in zip(self.Y, labels, strict=True)]))
