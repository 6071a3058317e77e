"""Constructions of Appendix B with exact rational weights.

* :func:`linf_distance_net` — ‖x − x0‖∞ exactly, from |a| = ReLU(a) + ReLU(−a)
  and max{a, b} = (|a + b| + |a − b|)/2 applied in a binary tree.
* :func:`robust_memorizer` — for a labelled set whose classes are 2ε-separated
  in ℓ∞, a network f with y·f(x') > 0 for every x' with ‖x' − x_i‖∞ ≤ δ, for
  any 0 ≤ δ < ε (Theorem 2.2's idea in the ℓ∞ case; the theorem asks δ < ε/2).

The memorizer is f(x) = Σ_{i: y_i = +1} bump(‖x − x_i‖∞) − 1/2 with
bump(t) = ReLU((ε − t)/(ε − δ)) − ReLU((δ − t)/(ε − δ)), which is 1 for t ≤ δ,
0 for t ≥ ε, and in [0, 1] between.  Proof of robustness: if ‖x' − x_i‖∞ ≤ δ
with y_i = +1, its bump is 1 and the others are ≥ 0, so f(x') ≥ 1/2.  If
‖x' − x_j‖∞ ≤ δ with y_j = −1, then for every positive x_i,
‖x' − x_i‖∞ ≥ 2ε − δ > ε, so every bump is 0 and f(x') = −1/2.

>>> net = linf_distance_net(["1/2", 0, 1])
>>> net.evaluate([1, "-1/3", "1/4"])
Fraction(3, 4)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from verify.errors import InvalidArgument
from verify.exact import require_rational_range, to_rational
from verify.labels import parse_labels
from verify.nets.network import Layer, ReLUNet

__all__ = ["linf_distance_layers", "linf_distance_net", "robust_memorizer"]

_Mat = list[list[Fraction]]
_Vec = list[Fraction]
_RawLayer = tuple[_Mat, _Vec]
_ZERO, _ONE, _HALF = Fraction(0), Fraction(1), Fraction(1, 2)


def linf_distance_layers(x0: Sequence[object]) -> list[_RawLayer]:
    """Hidden layers and a one-row linear output computing ‖x − x0‖∞.

    Returns raw layers ``[(W, b), …]`` (all but the last followed by ReLU); the
    last layer has one row.  Layer 1 has 2d units ReLU(±(x_k − x0_k)); each
    further layer takes pairs (a, b) of the current values to the four units
    ReLU(±(a + b)), ReLU(±(a − b)) whose sum is 2·max{a, b}; an unpaired value v
    is carried as ReLU(v) − ReLU(−v).  Depth 1 + ⌈log2 d⌉ hidden layers.

    Examples
    --------
    >>> [len(W) for W, _ in linf_distance_layers([0, 0, 0])]
    [6, 6, 4, 1]
    """
    c = [to_rational(v, "x0") for v in x0]
    d = len(c)
    if d == 0:
        raise InvalidArgument("x0: empty point")
    # layer 1: ReLU(x_k - c_k), ReLU(c_k - x_k)
    W: _Mat = []
    b: _Vec = []
    for k in range(d):
        e = [Fraction(int(j == k)) for j in range(d)]
        W += [e, [-v for v in e]]
        b += [-c[k], c[k]]
    layers: list[_RawLayer] = [(W, b)]
    # values as linear forms over the current layer's units: |a_k| = u+ + u-
    values: list[_Vec] = []
    for k in range(d):
        f = [_ZERO] * (2 * d)
        f[2 * k] = f[2 * k + 1] = _ONE
        values.append(f)
    while len(values) > 1:
        n_units = len(values[0])
        W, b = [], []
        new_values: list[list[tuple[int, Fraction]]] = []
        for p in range(0, len(values) - 1, 2):
            a, bb = values[p], values[p + 1]
            s = [x + y for x, y in zip(a, bb, strict=True)]
            t = [x - y for x, y in zip(a, bb, strict=True)]
            base = len(W)
            W += [s, [-v for v in s], t, [-v for v in t]]
            b += [_ZERO] * 4
            new_values.append([(base + k, _HALF) for k in range(4)])
        if len(values) % 2:
            v = values[-1]
            base = len(W)
            W += [v, [-x for x in v]]
            b += [_ZERO, _ZERO]
            new_values.append([(base, _ONE), (base + 1, -_ONE)])
        assert all(len(row) == n_units for row in W)
        layers.append((W, b))
        forms: list[_Vec] = []
        for nv in new_values:
            f = [_ZERO] * len(W)
            for idx, coef in nv:
                f[idx] = coef
            forms.append(f)
        values = forms
    layers.append(([values[0]], [_ZERO]))
    return layers


def linf_distance_net(x0: Sequence[object]) -> ReLUNet:
    """A ReLU network computing ‖x − x0‖∞ exactly.

    Examples
    --------
    >>> net = linf_distance_net([0, 0])
    >>> net.architecture, net.evaluate(["-3/2", 1]), net.evaluate([0, 0])
    ('2-4-4-1', Fraction(3, 2), Fraction(0, 1))
    """
    return _to_net(linf_distance_layers(x0))


def _to_net(raw: list[_RawLayer]) -> ReLUNet:
    return ReLUNet(tuple(Layer(tuple(map(tuple, W)), tuple(b)) for W, b in raw))


def _block_diag(blocks: list[_Mat], shared_input: bool) -> _Mat:
    rows: _Mat = []
    widths = [len(B[0]) for B in blocks]
    total = sum(widths)
    off = 0
    for B, w in zip(blocks, widths, strict=True):
        for r in B:
            if shared_input:
                rows.append(list(r))
            else:
                rows.append([*([_ZERO] * off), *r, *([_ZERO] * (total - off - w))])
        off += w
    return rows


def robust_memorizer(
    points: Sequence[Sequence[object]],
    labels: str | Sequence[int],
    eps: object,
    delta: object,
) -> ReLUNet:
    """A network that classifies every ℓ∞ ball of radius δ around the data correctly.

    Parameters
    ----------
    points : sequence of rational points
    labels : "+-…" or sequence of ±1
    eps : rational > 0
        The classes must be 2ε-separated: ‖x_i − x_j‖∞ ≥ 2ε whenever y_i ≠ y_j.
    delta : rational with 0 ≤ δ < ε
        The robustness radius (Theorem 2.2 takes δ < ε/2).

    Returns
    -------
    ReLUNet with y_i·f(x') ≥ 1/2 for all ‖x' − x_i‖∞ ≤ δ (see the module proof).

    Raises
    ------
    InvalidArgument
        If the classes are not 2ε-separated or δ is out of range.

    Examples
    --------
    >>> net = robust_memorizer([[0, 0], [1, 1], [0, 1]], "+-+", "1/2", "1/4")
    >>> [net.evaluate(x) for x in ([0, 0], ["1/4", "-1/4"], [1, "3/4"])]
    [Fraction(1, 2), Fraction(1, 2), Fraction(-1, 2)]
    >>> robust_memorizer([[0], ["1/2"]], "+-", "1/2", "1/4")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: robust_memorizer: points 0 and 1 have different labels ...
    """
    pts = [tuple(to_rational(v, f"points: point {i}") for v in p) for i, p in enumerate(points)]
    if not pts:
        raise InvalidArgument("robust_memorizer: no points")
    ys = parse_labels(labels if isinstance(labels, str) else list(labels), len(pts))
    e = require_rational_range(eps, "eps", 0, None, low_open=True)
    dl = require_rational_range(delta, "delta", 0, e, high_open=True)
    d = len(pts[0])
    if any(len(p) != d for p in pts):
        raise InvalidArgument("robust_memorizer: points of different dimensions")
    for i in range(len(pts)):
        for j in range(i + 1, len(pts)):
            if ys[i] != ys[j]:
                dist = max(abs(a - b) for a, b in zip(pts[i], pts[j], strict=True))
                if dist < 2 * e:
                    raise InvalidArgument(
                        f"robust_memorizer: points {i} and {j} have different labels at "
                        f"l_inf distance {dist} < 2*eps = {2 * e}"
                    )
    positives = [p for p, y in zip(pts, ys, strict=True) if y > 0]
    if not positives:
        return _to_net([([[_ZERO] * d], [_ZERO]), ([[_ONE]], [-_HALF])])
    gadgets = [linf_distance_layers(p) for p in positives]
    depth = len(gadgets[0])
    layers: list[_RawLayer] = []
    for k in range(depth - 1):
        W = _block_diag([g[k][0] for g in gadgets], shared_input=(k == 0))
        b = [v for g in gadgets for v in g[k][1]]
        layers.append((W, b))
    # distances t_i are the gadgets' output rows; bump layer: 2 units per positive
    outs = _block_diag([g[-1][0] for g in gadgets], shared_input=False)
    scale = 1 / (e - dl)
    W, b = [], []
    for row in outs:
        W += [[-scale * v for v in row], [-scale * v for v in row]]
        b += [e * scale, dl * scale]
    layers.append((W, b))
    layers.append(([[_ONE, -_ONE] * len(positives)], [-_HALF]))
    return _to_net(layers)
