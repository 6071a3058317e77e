"""Layer counts of fully connected architectures, and the enveloping network.

An architecture is given by its widths ``(m, k_1, ..., k_L)``: m inputs and L
layers that carry parameters (the hidden layers and the output layer, so
k_L = 1 for a classifier), fully connected, each unit with a bias.  Then
W_i = sum_{j<=i} (k_{j-1} + 1) k_j is the number of parameters (weights and
biases) up to layer i, W = W_L, Lbar = (1/W) sum_i W_i, U = sum_i k_i and
R = sum_i k_i (1 + (i-1) D^(i-1)) for activations of degree D (ReLU: D = 1).

The enveloping network of Section 4 (M - 1 hidden layers of M units on d
inputs) is defined here once; :mod:`verify.nets.envelope` embeds networks into
it.  Its parameter count is W = M^3 - M^2 + dM + 1, computed, not assumed to
be M^3.

>>> enveloping_widths(2, 3), enveloping_parameters(2, 3), layer_counts([3, 2, 1]).W
((3, 2, 1), 11, 11)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from verify.errors import InvalidArgument
from verify.exact import require_int

__all__ = [
    "MAX_LISTED_M",
    "LayerCounts",
    "enveloping_counts",
    "enveloping_parameters",
    "enveloping_widths",
    "layer_counts",
]

#: Largest M whose enveloping widths are listed (M + 1 integers).
MAX_LISTED_M = 10_000


@dataclass(frozen=True)
class LayerCounts:
    """The quantities of Bartlett et al. for one architecture (see module text)."""

    L: int
    W: int
    sum_W: int
    U: int
    R: int
    sum_k_le_sum_W: bool
    per_layer: tuple[tuple[int, int, int], ...] | None  # (k_i, W_i, 1+(i-1)D^(i-1))

    @property
    def Lbar(self) -> Fraction:
        """Lbar = (1/W) sum_i W_i."""
        return Fraction(self.sum_W, self.W)


def _widths(widths: Sequence[object]) -> list[int]:
    if isinstance(widths, str) or len(widths) < 2:
        raise InvalidArgument(
            "widths: give a sequence (m, k_1, ..., k_L) of at least two integers"
        )
    return [require_int(w, f"width {i}", low=1) for i, w in enumerate(widths)]


def layer_counts(widths: Sequence[object], D: object = 1) -> LayerCounts:
    """W_i, W, sum W_i, U and R for widths (m, k_1, ..., k_L), degree D.

    Examples
    --------
    >>> c = layer_counts([2, 3, 1])        # W_1 = 9, W_2 = 9 + 4 = 13
    >>> (c.L, c.W, c.sum_W, c.U, c.R, c.Lbar)
    (2, 13, 22, 4, 5, Fraction(22, 13))
    """
    ws = _widths(widths)
    Di = require_int(D, "D", low=1)
    Wi = 0
    per = []
    for i in range(1, len(ws)):
        Wi += (ws[i - 1] + 1) * ws[i]
        per.append((ws[i], Wi, 1 + (i - 1) * Di ** (i - 1)))
    return LayerCounts(
        L=len(per),
        W=Wi,
        sum_W=sum(w for _, w, _ in per),
        U=sum(k for k, _, _ in per),
        R=sum(k * f for k, _, f in per),
        sum_k_le_sum_W=sum(k for k, _, _ in per) <= sum(w for _, w, _ in per),
        per_layer=tuple(per),
    )


def enveloping_widths(M: object, d: object) -> tuple[int, ...]:
    """Widths of the enveloping network: d inputs, M - 1 hidden layers of M units, 1 output.

    M = 1 is the linear classifier ``d-1`` (no hidden layer).  The list has M + 1
    entries, so M is limited to 10^4 here (:func:`enveloping_counts` has no limit).

    >>> enveloping_widths(3, 2)
    (2, 3, 3, 1)
    >>> enveloping_widths(1, 4)
    (4, 1)
    """
    Mi = require_int(M, "M", low=1, high=MAX_LISTED_M)
    di = require_int(d, "d", low=1)
    return (di, *([Mi] * (Mi - 1)), 1)


def enveloping_parameters(M: object, d: object) -> int:
    """Parameter count W (weights and biases) of the enveloping network.

    W = (d+1)M + (M-2)(M+1)M + (M+1) = M^3 - M^2 + dM + 1 (for M = 1: d + 1, the
    linear classifier).  W <= M^3 (the count the paper assumes) exactly when
    d < M; for d >= M the real count is larger, and every bound here uses W,
    never M^3.

    Examples
    --------
    >>> enveloping_parameters(3, 2), 3**3
    (25, 27)
    >>> enveloping_parameters(10, 10), 10**3
    (1001, 1000)
    >>> enveloping_parameters(1, 4)
    5
    """
    Mi = require_int(M, "M", low=1)
    di = require_int(d, "d", low=1)
    return Mi**3 - Mi**2 + di * Mi + 1


def enveloping_counts(M: object, d: object) -> LayerCounts:
    """:func:`layer_counts` of the enveloping network in closed form (ReLU, D = 1).

    Works for M far too large to list the layers.

    >>> c, e = enveloping_counts(4, 3), layer_counts(enveloping_widths(4, 3))
    >>> (c.L, c.W, c.sum_W, c.U, c.R) == (e.L, e.W, e.sum_W, e.U, e.R)
    True
    >>> c = enveloping_counts(1, 4); (c.L, c.W, c.U)
    (1, 5, 1)
    """
    Mi = require_int(M, "M", low=1)
    di = require_int(d, "d", low=1)
    W = enveloping_parameters(Mi, di)
    first = (di + 1) * Mi
    hid = (Mi + 1) * Mi
    sum_W = (Mi - 1) * first + hid * (Mi - 2) * (Mi - 1) // 2 + W
    U = (Mi - 1) * Mi + 1
    R = Mi * (Mi - 1) * Mi // 2 + Mi
    return LayerCounts(
        L=Mi, W=W, sum_W=sum_W, U=U, R=R, sum_k_le_sum_W=U <= sum_W, per_layer=None
    )
