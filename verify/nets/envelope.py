"""The enveloping architecture of Section 4 and exact embeddings into it.

The enveloping architecture for M parameters and m inputs has M − 1 hidden
layers of M units: ``m-M-…-M-1``.  :func:`embed` rewrites a network into it
without changing the function it computes.

Construction (exact, no approximation):

1. :func:`prune` removes hidden units that cannot matter: a unit whose incoming
   weights are all zero outputs the constant ReLU(b), which is folded into the
   next layer's bias; a unit whose outgoing weights are all zero is dropped.
   The function is unchanged.  If a whole layer disappears the network is
   constant and becomes the linear net ``m-1`` with zero weights.
2. Each hidden layer is padded with zero units (zero weights and bias, so they
   output ReLU(0) = 0, and zero outgoing weights).
3. Missing depth is filled with identity layers placed after the last hidden
   layer: its outputs are ≥ 0, so ReLU(h) = h carries them unchanged.  A
   network with no hidden layer computes z = w·x + b; it is carried with two
   units ReLU(z), ReLU(−z) and recovered as their difference.

Size (non-zero weights) of the result: size(pruned net) + h_L·(M − 1 − L) for the
identity layers, where L ≥ 1 is the pruned net's number of hidden layers and h_L
the width of the last one; for a linear net z = w·x + b with w ≠ 0 and M ≥ 2 it
is 2·nnz(w) + 2 + 2·(M − 2); for a constant net it is 0.

Conditions: after pruning, every hidden width is ≤ M and there are at most
M − 1 hidden layers (for a net with no hidden layer and non-zero w, M ≥ 2).
Both hold for every network of size (non-zero weights) ≤ M: after pruning each
hidden unit has a non-zero incoming weight, so a width is at most the size,
and each of the L + 1 layers holds a non-zero weight, so L + 1 ≤ size.

>>> from verify.nets.network import ReLUNet
>>> net = ReLUNet.from_lists([([[1, -1]], [0]), ([[2]], [-1])])
>>> big = embed(net, 3)
>>> big.architecture, big.evaluate([3, 1]) == net.evaluate([3, 1])
('2-3-3-1', True)
"""

from __future__ import annotations

from fractions import Fraction

from verify.bounds.architecture import enveloping_counts, enveloping_widths
from verify.errors import InvalidArgument
from verify.exact import require_int
from verify.nets.network import Layer, ReLUNet

__all__ = ["embed", "enveloping_architecture", "enveloping_size", "prune"]

_Mat = list[list[Fraction]]
_Vec = list[Fraction]
_ZERO = Fraction(0)


def enveloping_architecture(M: int, m: int) -> tuple[int, ...]:
    """Widths of the enveloping network: m inputs, M − 1 hidden layers of M, 1 output.

    The one definition is :func:`verify.bounds.architecture.enveloping_widths`.

    Examples
    --------
    >>> enveloping_architecture(3, 2)
    (2, 3, 3, 1)
    >>> enveloping_architecture(1, 4)
    (4, 1)
    """
    return enveloping_widths(M, m)


def enveloping_size(M: int, m: int) -> dict[str, int]:
    """Parameter counts of the enveloping architecture.

    ``total`` = W = M³ − M² + mM + 1 (:func:`verify.bounds.enveloping_parameters`),
    ``biases`` = (M − 1)·M + 1 (one per unit), ``weights`` = the rest,
    m·M + (M − 2)·M² + M for M ≥ 2 (m for M = 1).  W exceeds M³ when m ≥ M.

    Examples
    --------
    >>> enveloping_size(3, 2)
    {'weights': 18, 'biases': 7, 'total': 25}
    >>> enveloping_size(1, 4)
    {'weights': 4, 'biases': 1, 'total': 5}
    """
    counts = enveloping_counts(M, m)
    return {"weights": counts.W - counts.U, "biases": counts.U, "total": counts.W}


def _raw(net: ReLUNet) -> list[tuple[_Mat, _Vec]]:
    return [([list(r) for r in layer.weights], list(layer.bias)) for layer in net.layers]


def _constant_net(m: int, c: Fraction) -> ReLUNet:
    return ReLUNet((Layer((tuple([_ZERO] * m),), (c,)),))


def prune(net: ReLUNet) -> ReLUNet:
    """An equivalent network without constant or unused hidden units.

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[1], [0], [2]], [0, 3, 1]), ([[1, 2, 0]], [0])])
    >>> small = prune(net)
    >>> small.architecture, [small.evaluate([x]) == net.evaluate([x]) for x in (-2, 5)]
    ('1-1-1', [True, True])
    """
    m = net.widths[0]
    layers = _raw(net)
    # forward: fold units with no incoming weight into the next layer's bias
    for i in range(len(layers) - 1):
        W, b = layers[i]
        W2, b2 = layers[i + 1]
        keep = [j for j, row in enumerate(W) if any(v != 0 for v in row)]
        for j in range(len(W)):
            if j not in keep:
                c = max(b[j], _ZERO)
                b2 = [b2[k] + W2[k][j] * c for k in range(len(b2))]
        layers[i] = ([W[j] for j in keep], [b[j] for j in keep])
        layers[i + 1] = ([[row[j] for j in keep] for row in W2], b2)
    # backward: drop units with no outgoing weight
    for i in range(len(layers) - 2, -1, -1):
        W, b = layers[i]
        W2, b2 = layers[i + 1]
        keep = [j for j in range(len(W)) if any(row[j] != 0 for row in W2)]
        layers[i] = ([W[j] for j in keep], [b[j] for j in keep])
        layers[i + 1] = ([[row[j] for j in keep] for row in W2], b2)
    if any(len(W) == 0 for W, _ in layers[:-1]):
        return _constant_net(m, layers[-1][1][0])
    out = layers[-1][0]
    if all(v == 0 for v in out[0]):
        return _constant_net(m, layers[-1][1][0])
    return ReLUNet(tuple(Layer(tuple(map(tuple, W)), tuple(b)) for W, b in layers))


def _fits(net: ReLUNet, M: int) -> bool:
    hidden = net.widths[1:-1]
    if not hidden:
        return True
    return len(hidden) <= M - 1 and max(hidden) <= M


def embed(net: ReLUNet, M: int) -> ReLUNet:
    """A network of the enveloping architecture (M, m) computing exactly f.

    Parameters
    ----------
    net : ReLUNet
    M : int
        The enveloping parameter: M − 1 hidden layers of M units.

    Raises
    ------
    InvalidArgument
        If the pruned network has a hidden layer wider than M or more than
        M − 1 hidden layers (never the case when ``net.size <= M``).

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[1, 1]], [-1])])
    >>> e = embed(net, 2); e.architecture, e.evaluate([3, 4])
    ('2-2-1', Fraction(6, 1))
    >>> embed(ReLUNet.from_lists([([[1], [1], [1]], [0, 1, 2]), ([[1, 1, 1]], [0])]), 2)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: embed: the network 1-3-1 (pruned: 1-3-1) does not fit ...
    """
    M = require_int(M, "M", low=1, high=10_000)
    m = net.widths[0]
    src = net if _fits(net, M) else prune(net)
    if not _fits(src, M):
        raise InvalidArgument(
            f"embed: the network {net.architecture} (pruned: {src.architecture}) does not fit "
            f"{M - 1} hidden layers of {M} units; it needs widths <= M and depth <= M - 1"
        )
    if M == 1:
        if len(src.widths) != 2:
            raise InvalidArgument("embed: M = 1 allows only networks without hidden layers")
        return src
    raw = _raw(src)
    constant = len(raw) == 1 and all(v == 0 for v in raw[0][0][0])
    if len(raw) == 1:  # linear: carry z with ReLU(z), ReLU(-z)
        w, c = raw[0][0][0], raw[0][1][0]
        if all(v == 0 for v in w):
            raw = [([[_ZERO] * m], [_ZERO]), ([[_ZERO]], [c])]
        else:
            raw = [([w, [-v for v in w]], [c, -c]), ([[Fraction(1), Fraction(-1)]], [_ZERO])]
    hidden = raw[:-1]
    out_w, out_b = raw[-1]
    layers: list[tuple[_Mat, _Vec]] = []
    prev = m
    for W, b in hidden:
        cols = len(W[0])
        rows = [[*row, *([_ZERO] * (prev - cols))] for row in W]
        rows += [[_ZERO] * prev for _ in range(M - len(W))]
        layers.append((rows, [*b, *([_ZERO] * (M - len(b)))]))
        prev = M
    last_width = 0 if constant else len(hidden[-1][0])
    for _ in range(M - 1 - len(hidden)):
        ident = [[Fraction(int(i == j and i < last_width)) for j in range(M)] for i in range(M)]
        layers.append((ident, [_ZERO] * M))
    layers.append(([[*out_w[0], *([_ZERO] * (M - len(out_w[0])))]], list(out_b)))
    result = ReLUNet(tuple(Layer(tuple(map(tuple, W)), tuple(b)) for W, b in layers))
    assert result.widths == enveloping_architecture(M, m)
    return result
