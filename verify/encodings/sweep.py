"""Cheap witnesses first: a NumPy sweep over random small-integer one-hidden-layer nets.

Points are scaled to integers (common denominator D).  For many random hidden
layers with small integer weights and biases at once, the hidden values
``H = ReLU(P·Wᵀ + b)`` are integers; for each output sign pattern s the output
without bias is ``v = H·s`` and every threshold between two consecutive distinct
values of v gives a labeling (output bias ``c = −(v_(k−1) + v_(k))/2``); the
constant labelings are left to the solver.  Labelings are bit-packed and
de-duplicated in NumPy.
The sweep only PROPOSES labelings: each comes with an exact rational network that
the caller re-checks with exact arithmetic before using it.  It never refutes.

>>> from verify.geometry.pointsets import cube
>>> found = sweep_witnesses(cube(2), 2, nets=200, seed=1)
>>> all(net.realizes(cube(2), [1 if (b >> i) & 1 else -1 for i in range(4)])
...     for b, net in found.items())
True
>>> len(found) <= 16
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from verify.geometry.pointsets import Point
from verify.nets.network import ReLUNet

__all__ = ["sweep_two_layer_witnesses", "sweep_witnesses"]


def sweep_witnesses(
    points: Sequence[Point], hidden: int, nets: int = 20000, weight_range: int = 6,
    seed: int = 0,
) -> dict[int, ReLUNet]:
    """Labelings found by random small-integer nets ``m-h-1``, each with a network.

    Parameters
    ----------
    points : sequence of Point
    hidden : int
        Hidden units h >= 1.
    nets : int
        Number of random hidden layers tried.
    weight_range : int
        Hidden weights drawn from [−R, R]; biases from the range that puts the
        kink inside the point cloud.
    seed : int
        Seed of the NumPy generator (the sweep is deterministic).

    Returns
    -------
    dict bits -> ReLUNet, not yet re-checked (callers re-check exactly).
    """
    n, m = len(points), len(points[0])
    if n > 62:
        return {}
    scale = 1
    for p in points:
        for c in p:
            scale = math.lcm(scale, c.denominator)
    rows = [[int(c * scale) for c in p] for p in points]
    span = max(sum(abs(v) for v in r) for r in rows) * weight_range + 1
    if span * hidden * 4 >= 2**62:  # int64 overflow guard: no proposals, the solver decides
        return {}
    P = np.array(rows, dtype=np.int64)
    rng = np.random.default_rng(seed)
    W = rng.integers(-weight_range, weight_range + 1, size=(nets, hidden, m))
    B = rng.integers(-span, span + 1, size=(nets, hidden))
    H = np.maximum(np.einsum("nk,thk->tnh", P, W) + B[:, None, :], 0)  # (T, n, h)
    return {b: _net(W[t], B[t], s, c, scale) for b, (t, s, c) in _thresholds(H).items()}


def _thresholds(H: np.ndarray) -> dict[int, tuple[int, np.ndarray, Fraction]]:
    """Labelings ``c + H[t]·s`` over every output sign vector s and threshold c.

    ``H`` (T, n, h) holds the last hidden layer's exact integer values of T random
    nets; returns bits -> (net index t, signs s, output bias c).
    """
    n, hidden = H.shape[1], H.shape[2]
    bits_of = (np.uint64(1) << np.arange(n, dtype=np.uint64))
    out: dict[int, tuple[int, np.ndarray, Fraction]] = {}
    for positives in range(hidden + 1):
        s = np.array([1] * positives + [-1] * (hidden - positives), dtype=np.int64)
        V = 2 * (H @ s)  # doubled so that midpoints are integers
        order = np.argsort(V, axis=1, kind="stable")
        sorted_v = np.take_along_axis(V, order, axis=1)
        # suffix OR of point bits in sorted order: labeling with the top n-k points positive
        suffix = np.bitwise_or.accumulate(bits_of[order][:, ::-1], axis=1)[:, ::-1]
        gaps = sorted_v[:, 1:] > sorted_v[:, :-1]  # (T, n-1): threshold between k-1 and k
        t_idx, k_idx = np.nonzero(gaps)
        labs = suffix[t_idx, k_idx + 1]
        uniq, first = np.unique(labs, return_index=True)
        for lab, pos in zip(uniq.tolist(), first.tolist(), strict=True):
            if lab in out:
                continue
            t, k = int(t_idx[pos]), int(k_idx[pos]) + 1
            c = -Fraction(int(sorted_v[t, k - 1]) + int(sorted_v[t, k]), 4)
            out[int(lab)] = (t, s, c)
    return out


def sweep_two_layer_witnesses(
    points: Sequence[Point], widths: Sequence[int], nets: int = 20000, weight_range: int = 3,
    seed: int = 0,
) -> dict[int, ReLUNet]:
    """Labelings found by random small-integer nets ``m-h1-h2-1``, each with a network.

    Like :func:`sweep_witnesses`, with a random integer second layer; proposals
    only (callers re-check them exactly).

    >>> from verify.geometry.pointsets import cube
    >>> found = sweep_two_layer_witnesses(cube(2), (2, 2, 2, 1), nets=300, seed=1)
    >>> 0b0110 in found, all(net.realizes(cube(2), [1 if (b >> i) & 1 else -1 for i in range(4)])
    ...                       for b, net in found.items())
    (True, True)
    """
    n, m, h1, h2 = len(points), widths[0], widths[1], widths[2]
    if n > 62:
        return {}
    scale = math.lcm(1, *(c.denominator for p in points for c in p))
    rows = [[int(c * scale) for c in p] for p in points]
    span = max(sum(abs(v) for v in r) for r in rows) * weight_range + 1
    span2 = h1 * span * weight_range + 1
    if span2 * h2 * 4 >= 2**62:  # int64 overflow guard: no proposals, the solver decides
        return {}
    P = np.array(rows, dtype=np.int64)
    rng = np.random.default_rng(seed)
    W = rng.integers(-weight_range, weight_range + 1, size=(nets, h1, m))
    B = rng.integers(-span, span + 1, size=(nets, h1))
    V = rng.integers(-weight_range, weight_range + 1, size=(nets, h2, h1))
    D = rng.integers(-span2 // 2, span2 // 2 + 1, size=(nets, h2))
    H1 = np.maximum(np.einsum("nk,thk->tnh", P, W) + B[:, None, :], 0)  # (T, n, h1)
    H2 = np.maximum(np.einsum("tnj,tkj->tnk", H1, V) + D[:, None, :], 0)  # (T, n, h2)
    out = {}
    for b, (t, s, c) in _thresholds(H2).items():
        first = [[int(w) * scale for w in row] for row in W[t]]
        out[b] = ReLUNet.from_lists([(first, [int(v) for v in B[t]]),
                                     ([[int(v) for v in row] for row in V[t]],
                                      [int(v) for v in D[t]]),
                                     ([[int(v) for v in s]], [c])])
    return out


def _net(W: np.ndarray, B: np.ndarray, s: np.ndarray, c: Fraction, scale: int) -> ReLUNet:
    rows = [[int(w) * scale for w in row] for row in W]
    return ReLUNet.from_lists([(rows, [int(b) for b in B]), ([[int(v) for v in s]], [c])])
