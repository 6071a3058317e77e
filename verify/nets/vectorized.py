"""Evaluation of a network on many points at once.

Three kernels, all over a batch of points (rows):

* :func:`evaluate_float` — NumPy float64; **numeric**, never used for a verdict.
* :func:`evaluate_int` — integer weights and integer inputs, exact in NumPy int64
  when a bound on every intermediate value (see :func:`activation_bound`) stays
  below 2^62, otherwise exact in Python integers (NumPy object arrays).
* :func:`evaluate_exact` — any rational weights and inputs, exact: every layer is
  scaled by a common denominator (ReLU commutes with positive scaling), so the
  work is the integer kernel above; results are Fractions.

Sign convention: :func:`classify_batch` gives +1 where f(x) > 0, −1 where
f(x) < 0 and 0 where f(x) = 0 (wrong for both labels).

>>> from verify.nets.network import ReLUNet
>>> net = ReLUNet.from_lists([([[1, -1], [-1, 1]], [0, 0]), ([[1, 1]], ["-1/2"])])
>>> evaluate_exact(net, [[0, 0], ["1/2", 0], [1, 0]])
[Fraction(-1, 2), Fraction(0, 1), Fraction(1, 2)]
>>> classify_batch(net, [[0, 0], ["1/2", 0], [1, 0]]).tolist()
[-1, 0, 1]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from verify.errors import InvalidArgument
from verify.exact import to_rational
from verify.nets.network import ReLUNet

__all__ = [
    "INT64_SAFE",
    "ScaledPoints",
    "activation_bound",
    "classify_batch",
    "classify_scaled",
    "evaluate_exact",
    "evaluate_float",
    "evaluate_int",
]

INT64_SAFE = 2**62
"""Largest magnitude the int64 kernel accepts for any intermediate value."""


def _as_rows(points: object, m: int) -> list[tuple[Fraction, ...]]:
    if isinstance(points, np.ndarray):
        if points.dtype.kind == "f":
            raise InvalidArgument("points: a float array is not exact; use integers or Fractions")
        points = points.tolist()
    if not isinstance(points, Sequence) or isinstance(points, str):
        raise InvalidArgument("points: expected a sequence of points")
    rows = []
    for i, p in enumerate(points):
        if not isinstance(p, Sequence) or isinstance(p, str):
            raise InvalidArgument(f"points: point {i} is not a sequence of numbers")
        row = tuple(to_rational(v, f"points: point {i}") for v in p)
        if len(row) != m:
            raise InvalidArgument(f"points: point {i} has dimension {len(row)}, expected {m}")
        rows.append(row)
    return rows


def _lcm_den(values: Sequence[Fraction]) -> int:
    return math.lcm(1, *(v.denominator for v in values))


def activation_bound(net: ReLUNet, max_abs_input: int | Fraction) -> Fraction:
    """A bound on |value| of every pre-activation (and partial sum) of ``net``.

    Computed layer by layer: B_0 = max|x|, B_i = max over units of
    Σ_j |w_ij|·B_{i−1} + |b_i|.  Every partial sum of a dot product is bounded
    by the same quantity, which is what the int64 overflow guard needs.

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[3, -2]], [1]), ([[5]], [-7])])
    >>> activation_bound(net, 10)
    Fraction(262, 1)
    """
    b = abs(to_rational(max_abs_input, "max_abs_input"))
    top = b
    for layer in net.layers:
        b = max(
            sum((abs(w) for w in row), Fraction(0)) * b + abs(c)
            for row, c in zip(layer.weights, layer.bias, strict=True)
        )
        top = max(top, b)
    return top


def _forward_int(
    mats: list[tuple[list[list[int]], list[int], int, int]], H: np.ndarray, s: int, hmax: int
) -> tuple[np.ndarray, int]:
    """Integer forward pass.  ``mats`` holds (A, c, dW, dB): W = A/dW, b = c/dB.

    ``H`` (n × m) are numerators with common denominator ``s``; ``hmax`` bounds |H|.
    Returns the output numerators and their common denominator.
    """
    last = len(mats) - 1
    for i, (A, c, dW, dB) in enumerate(mats):
        s_new = math.lcm(dW * s, dB)
        ka, kc = s_new // (dW * s), s_new // dB
        rowsum = max(sum(abs(a) for a in row) for row in A)
        bound = max(rowsum * ka * hmax + abs(cc) * kc for cc in c) if c else 0
        bound = max(bound, rowsum * hmax)
        # rowsum too: with all-zero inputs (hmax = 0) the bound says nothing about A itself
        safe = (bound < INT64_SAFE and max(ka, kc, rowsum) < INT64_SAFE
                and H.dtype != object)
        if safe:
            An = np.array(A, dtype=np.int64)
            Z = (H @ An.T) * np.int64(ka) + np.array(c, dtype=np.int64) * np.int64(kc)
        else:
            An = np.array([[int(a) for a in row] for row in A], dtype=object)
            Ho = H.astype(object)
            Z = Ho.dot(An.T) * ka + np.array([int(v) * kc for v in c], dtype=object)
        H = Z if i == last else np.maximum(Z, 0)
        s, hmax = s_new, bound
    return H, s


def _integer_layers(net: ReLUNet) -> list[tuple[list[list[int]], list[int], int, int]]:
    mats = []
    for layer in net.layers:
        flat = [w for row in layer.weights for w in row]
        dW, dB = _lcm_den(flat), _lcm_den(layer.bias)
        # w·dW is an integer: numerator·(dW/denominator), no Fraction arithmetic (zeros skip)
        A = [[w.numerator * (dW // w.denominator) if w else 0 for w in row]
             for row in layer.weights]
        c = [int(b * dB) for b in layer.bias]
        mats.append((A, c, dW, dB))
    return mats


def evaluate_exact(net: ReLUNet, points: object) -> list[Fraction]:
    """f(x) for every point, exactly, through the scaled integer kernel.

    Parameters
    ----------
    net : ReLUNet
    points : sequence of points (rows of ints, Fractions or rational text)

    Returns
    -------
    list of Fraction, one per point; equal to ``[net.evaluate(x) for x in points]``.

    Examples
    --------
    >>> net = ReLUNet.from_lists([([["1/3"]], ["-1/2"]), ([[6]], ["1/7"])])
    >>> evaluate_exact(net, [[3], ["3/2"], [0]])
    [Fraction(22, 7), Fraction(1, 7), Fraction(1, 7)]
    >>> huge = ReLUNet.from_lists([([[2**70]], [1]), ([[2**70]], [-1])])
    >>> evaluate_exact(huge, [[0]]) == [huge.evaluate([0])]      # no int64 overflow
    True
    """
    m = net.widths[0]
    rows = _as_rows(points, m)
    if not rows:
        return []
    q = _lcm_den([v for r in rows for v in r])
    P = [[int(v * q) for v in r] for r in rows]
    hmax = max(abs(v) for r in P for v in r)
    H = np.array(P, dtype=np.int64) if hmax < INT64_SAFE else np.array(P, dtype=object)
    Z, s = _forward_int(_integer_layers(net), H, q, hmax)
    return [Fraction(int(v), s) for v in Z[:, 0]]


def evaluate_int(net: ReLUNet, X: object) -> np.ndarray:
    """f(x) for integer weights and integer inputs, as an exact integer array.

    The result has dtype int64 when :func:`activation_bound` is below 2^62 and
    dtype object (Python integers) otherwise, so it never overflows.

    Raises
    ------
    InvalidArgument
        If a weight or bias is not an integer, or an input is not an integer.

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[2, -1]], [0]), ([[3]], [-1])])
    >>> evaluate_int(net, [[2, 1], [0, 5]]).tolist()
    [8, -1]
    >>> big = ReLUNet.from_lists([([[2**40]], [0]), ([[2**40]], [0])])
    >>> r = evaluate_int(big, [[1]]); (r.dtype, int(r[0]) == 2**80)
    (dtype('O'), True)
    >>> evaluate_int(ReLUNet.from_lists([([["1/2"]], [0]), ([[1]], [0])]), [[1]])
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: evaluate_int: layer 0 has a non-integer weight or bias; ...
    """
    for i, layer in enumerate(net.layers):
        vals = [*(w for row in layer.weights for w in row), *layer.bias]
        if any(v.denominator != 1 for v in vals):
            raise InvalidArgument(
                f"evaluate_int: layer {i} has a non-integer weight or bias; use evaluate_exact"
            )
    m = net.widths[0]
    if isinstance(X, np.ndarray) and X.dtype.kind in "iu":
        if X.ndim != 2 or X.shape[1] != m:
            raise InvalidArgument(f"evaluate_int: inputs must have shape (n, {m}), got {X.shape}")
        H = X.astype(object) if X.dtype == np.uint64 else X.astype(np.int64)
    else:
        rows = _as_rows(X, m)
        if any(v.denominator != 1 for r in rows for v in r):
            raise InvalidArgument("evaluate_int: an input is not an integer; use evaluate_exact")
        H = np.array([[int(v) for v in r] for r in rows], dtype=object).reshape(len(rows), m)
    if H.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    hmax = max(abs(int(H.max())), abs(int(H.min())))
    if hmax < INT64_SAFE:
        H = H.astype(np.int64)
    Z, s = _forward_int(_integer_layers(net), H, 1, hmax)
    assert s == 1
    return Z[:, 0]


def evaluate_float(net: ReLUNet, X: object) -> np.ndarray:
    """f(x) in float64 for every row of ``X`` — **numeric**, not exact.

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[1, -1]], [0]), ([[2]], ["1/2"])])
    >>> evaluate_float(net, np.array([[1.0, 0.25], [0.0, 1.0]])).tolist()
    [2.0, 0.5]
    """
    A = np.asarray(X, dtype=np.float64)
    if A.ndim != 2 or A.shape[1] != net.widths[0]:
        raise InvalidArgument(
            f"evaluate_float: inputs must have shape (n, {net.widths[0]}), got {A.shape}"
        )
    last = len(net.layers) - 1
    for i, layer in enumerate(net.layers):
        W = np.array([[float(w) for w in row] for row in layer.weights])
        b = np.array([float(v) for v in layer.bias])
        A = A @ W.T + b
        if i != last:
            A = np.maximum(A, 0.0)
    return A[:, 0]


def classify_batch(net: ReLUNet, points: object) -> np.ndarray:
    """Exact signs of f on every point: +1, −1, or 0 where f(x) = 0 (int8 array).

    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], [-1])])
    >>> classify_batch(net, [[0], [1], [2]]).tolist()
    [-1, 0, 1]
    """
    vals = evaluate_exact(net, points)
    return np.array([(v > 0) - (v < 0) for v in vals], dtype=np.int8)


@dataclass(frozen=True)
class ScaledPoints:
    """Points as integer numerators over one common denominator, computed once for many
    exact evaluations on the same points (:func:`classify_scaled`).

    >>> sp = ScaledPoints.of([["1/2", 1], [0, "1/3"]])
    >>> sp.rows.tolist(), sp.scale, sp.bound, sp.n
    ([[3, 6], [0, 2]], 6, 6, 2)
    """

    rows: np.ndarray  # int64 numerators (object when they are too large)
    scale: int
    bound: int
    m: int
    n: int

    @classmethod
    def of(cls, points: object, m: int | None = None) -> ScaledPoints:
        raw = points.tolist() if isinstance(points, np.ndarray) else points
        first = raw[0] if isinstance(raw, Sequence) and len(raw) else ()
        rows = _as_rows(points, len(first) if m is None else m)
        q = _lcm_den([v for r in rows for v in r])
        P = [[int(v * q) for v in r] for r in rows]
        hmax = max((abs(v) for r in P for v in r), default=0)
        arr = np.array(P, dtype=np.int64 if hmax < INT64_SAFE else object)
        return cls(arr.reshape(len(rows), -1), q, hmax, len(rows[0]) if rows else 0, len(rows))


def classify_scaled(net: ReLUNet, points: ScaledPoints) -> np.ndarray:
    """:func:`classify_batch` on points scaled once (the same exact signs, faster when
    many networks are checked on one point set).

    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], [-1])])
    >>> classify_scaled(net, ScaledPoints.of([[0], [1], [2]])).tolist()
    [-1, 0, 1]
    """
    if net.widths[0] != points.m:
        raise InvalidArgument(f"the network takes {net.widths[0]} inputs, the points have "
                              f"{points.m} coordinates")
    if points.n == 0:
        return np.zeros(0, dtype=np.int8)
    Z, _ = _forward_int(_integer_layers(net), points.rows, points.scale, points.bound)
    out = Z[:, 0]  # the common denominator is positive: the signs are those of the numerators
    if out.dtype == object:
        return np.array([(v > 0) - (v < 0) for v in out.tolist()], dtype=np.int8)
    return np.sign(out).astype(np.int8)
