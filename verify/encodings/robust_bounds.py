"""Exact bounds of a network's pre-activations over a box (interval arithmetic
intersected with back-substituted linear ReLU relaxations, all in Fractions).

Sound: :func:`proved_by_bounds` returning True is a proof that label·f > 0 on
the whole box (re-checked independently by :mod:`verify.certify`).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from verify.nets.network import ReLUNet

__all__ = ["MAX_BOUNDS_WORK", "bounds_work", "hidden_bounds", "interval_bounds",
           "proved_by_bounds", "tight_bounds", "unproved_boxes"]

MAX_BOUNDS_WORK = 2_000_000
"""Most products of Fractions :func:`proved_by_bounds` spends (:func:`bounds_work`); past it
the test is not tried (it is only sufficient: "not proved" is always sound), and the
solver, which honours the time limit, decides alone."""


def bounds_work(net: ReLUNet) -> int:
    """About how many products the back-substitution of :func:`tight_bounds` takes: each
    unit, on both sides, goes back through the non-zero weights of every earlier layer.

    >>> bounds_work(ReLUNet.from_lists([([[1, 0], [0, 1]], [0, 0]), ([[1, -1]], [0])]))
    16
    """
    units = [len(layer.bias) for layer in net.layers]
    nonzero = [sum(1 for row in layer.weights for w in row if w) for layer in net.layers]
    before, work = 0, 0
    for i, count in enumerate(units):
        work += 2 * count * (before + nonzero[i])
        before += nonzero[i]
    return work


def interval_bounds(
    net: ReLUNet, lo: Sequence[Fraction], hi: Sequence[Fraction]
) -> list[list[tuple[Fraction, Fraction]]]:
    """Exact bounds of every hidden pre-activation over the box [lo, hi]."""
    out = []
    low, high = list(lo), list(hi)
    for layer in net.layers[:-1]:
        bounds = []
        for row, b in zip(layer.weights, layer.bias, strict=True):
            l_ = b + sum((w * (low[k] if w > 0 else high[k]) for k, w in enumerate(row)),
                         Fraction(0))
            u_ = b + sum((w * (high[k] if w > 0 else low[k]) for k, w in enumerate(row)),
                         Fraction(0))
            bounds.append((l_, u_))
        out.append(bounds)
        low = [max(lb, Fraction(0)) for lb, _ in bounds]
        high = [max(ub, Fraction(0)) for _, ub in bounds]
    return out


def _relax(lb: Fraction, ub: Fraction) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """Linear bounds λl·z + μl ≤ ReLU(z) ≤ λu·z + μu valid for lb ≤ z ≤ ub."""
    zero, one = Fraction(0), Fraction(1)
    if ub <= 0:
        return zero, zero, zero, zero
    if lb >= 0:
        return one, zero, one, zero
    lam = ub / (ub - lb)
    return (one if ub > -lb else zero), zero, lam, -lam * lb


def tight_bounds(
    net: ReLUNet, lo: Sequence[Fraction], hi: Sequence[Fraction], with_output: bool = False
) -> list[list[tuple[Fraction, Fraction]]]:
    """Exact pre-activation bounds over the box: interval bounds intersected with
    bounds from back-substitution of linear ReLU relaxations (DeepPoly-style),
    all in Fractions, hence sound.  With ``with_output``, the output's bounds too."""
    zero = Fraction(0)
    bounds: list[list[tuple[Fraction, Fraction]]] = []
    relax: list[list[tuple[Fraction, Fraction, Fraction, Fraction]]] = []
    inter = interval_bounds(net, lo, hi)
    # the non-zero weights of each unit (rows), so back-substitution skips zero terms
    sparse = [[[(q, w) for q, w in enumerate(row) if w] for row in layer.weights]
              for layer in net.layers]
    for i, layer in enumerate(net.layers if with_output else net.layers[:-1]):
        cur = []
        for j, b in enumerate(layer.bias):
            sides = []
            for upper in (False, True):
                c = dict(sparse[i][j])
                const = b
                for k in range(i - 1, -1, -1):
                    acc: dict[int, Fraction] = {}
                    bias_k = net.layers[k].bias
                    for t, cj in c.items():
                        ll, ml, lu, mu = relax[k][t]
                        lam, mu_ = (lu, mu) if (cj > 0) == upper else (ll, ml)
                        if mu_:
                            const += cj * mu_
                        if not lam:
                            continue
                        a = cj * lam
                        const += a * bias_k[t]
                        for q, w in sparse[k][t]:
                            acc[q] = acc.get(q, zero) + a * w
                    c = {q: v for q, v in acc.items() if v}
                sides.append(const + sum((cq * (hi[q] if (cq > 0) == upper else lo[q])
                                          for q, cq in c.items()), zero))
            l_, u_ = sides[0], sides[1]
            if i < len(inter):
                l_, u_ = max(l_, inter[i][j][0]), min(u_, inter[i][j][1])
            cur.append((l_, u_))
        bounds.append(cur)
        relax.append([_relax(l_, u_) for l_, u_ in cur])
    return bounds


def hidden_bounds(
    net: ReLUNet, lo: Sequence[Fraction], hi: Sequence[Fraction]
) -> list[list[tuple[Fraction, Fraction]]]:
    """Exact bounds of every hidden pre-activation over the box: :func:`tight_bounds`, or
    past :data:`MAX_BOUNDS_WORK` the looser :func:`interval_bounds` (both sound; the
    solvers that use them to fix stable units only lose some of that help).

    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
    >>> hidden_bounds(net, [Fraction(-1)], [Fraction(2)])
    [[(Fraction(-1, 1), Fraction(2, 1))]]
    """
    if bounds_work(net) > MAX_BOUNDS_WORK:
        return interval_bounds(net, lo, hi)
    return tight_bounds(net, lo, hi)


def proved_by_bounds(
    net: ReLUNet, y: int, lo: Sequence[Fraction], hi: Sequence[Fraction]
) -> bool:
    """Exact sufficient test: the back-substituted bounds give y·f > 0 on the box.

    Sound (True means y·f(x') > 0 for every x' in the box [lo, hi]); not complete, and
    not tried (False) past :data:`MAX_BOUNDS_WORK`.

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
    >>> proved_by_bounds(net, 1, [Fraction(3, 4)], [Fraction(5, 4)])
    True
    >>> proved_by_bounds(net, 1, [Fraction(1, 4)], [Fraction(5, 4)])
    False
    """
    if bounds_work(net) > MAX_BOUNDS_WORK:  # e.g. thousands of layers: not tried
        return False
    lb, ub = tight_bounds(net, lo, hi, with_output=True)[-1][0]
    return lb > 0 if y > 0 else ub < 0


def unproved_boxes(
    net: ReLUNet, y: int, lo: list[Fraction], hi: list[Fraction], depth: int
) -> list[tuple[list[Fraction], list[Fraction]]]:
    """Bisect the box (widest side first) up to ``depth`` times; return the
    sub-boxes where :func:`proved_by_bounds` fails."""
    if proved_by_bounds(net, y, lo, hi):
        return []
    k = max(range(len(lo)), key=lambda t: hi[t] - lo[t])
    if depth == 0 or hi[k] == lo[k]:
        return [(lo, hi)]
    mid = (lo[k] + hi[k]) / 2
    left_hi = [mid if t == k else v for t, v in enumerate(hi)]
    right_lo = [mid if t == k else v for t, v in enumerate(lo)]
    return (unproved_boxes(net, y, lo, left_hi, depth - 1)
            + unproved_boxes(net, y, right_lo, hi, depth - 1))
