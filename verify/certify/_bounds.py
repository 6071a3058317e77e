"""The checker's exact bound propagation over a box (interval arithmetic and
back-substituted linear ReLU relaxations, in Fractions): re-checks robustness
verdicts that the producer proved by bounds alone.  Sound (a True answer is a
proof that label·f > 0 on the whole box); independent of the producer's code.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from verify.certify._values import Layer

_ZERO = Fraction(0)


def _relax(lb: Fraction, ub: Fraction) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """Linear bounds λl·z + μl ≤ ReLU(z) ≤ λu·z + μu for lb ≤ z ≤ ub."""
    if ub <= 0:
        return _ZERO, _ZERO, _ZERO, _ZERO
    if lb >= 0:
        return Fraction(1), _ZERO, Fraction(1), _ZERO
    lam = ub / (ub - lb)
    return (Fraction(1) if ub > -lb else _ZERO), _ZERO, lam, -lam * lb


def interval_bounds(net: Sequence[Layer], lo: Sequence[Fraction], hi: Sequence[Fraction]
                    ) -> list[list[tuple[Fraction, Fraction]]]:
    """Exact interval bounds of every pre-activation (all layers, output included)."""
    out = []
    low, high = list(lo), list(hi)
    for w, b in net:
        bounds = []
        for row, bias in zip(w, b, strict=True):
            lb = bias + sum((a * (low[k] if a > 0 else high[k]) for k, a in enumerate(row)), _ZERO)
            ub = bias + sum((a * (high[k] if a > 0 else low[k]) for k, a in enumerate(row)), _ZERO)
            bounds.append((lb, ub))
        out.append(bounds)
        low = [max(lb, _ZERO) for lb, _ in bounds]
        high = [max(ub, _ZERO) for _, ub in bounds]
    return out


def tight_bounds(net: Sequence[Layer], lo: Sequence[Fraction], hi: Sequence[Fraction]
                 ) -> list[list[tuple[Fraction, Fraction]]]:
    """Bounds of every pre-activation (output included): interval bounds intersected
    with back-substituted linear ReLU relaxations."""
    inter = interval_bounds(net, lo, hi)
    relax: list[list[tuple[Fraction, Fraction, Fraction, Fraction]]] = []
    out: list[list[tuple[Fraction, Fraction]]] = []
    # each unit's non-zero weights: back-substitution skips the zero terms
    sparse = [[[(q, a) for q, a in enumerate(row) if a] for row in w] for w, _ in net]
    for i, (_, b) in enumerate(net):
        cur = []
        for j, bias in enumerate(b):
            sides = []
            for upper in (False, True):
                c, const = dict(sparse[i][j]), bias
                for k in range(i - 1, -1, -1):
                    acc: dict[int, Fraction] = {}
                    bk = net[k][1]
                    for t, cj in c.items():
                        ll, ml, lu, mu = relax[k][t]
                        lam, mu_ = (lu, mu) if (cj > 0) == upper else (ll, ml)
                        if mu_:
                            const += cj * mu_
                        if lam:
                            scaled = cj * lam
                            const += scaled * bk[t]
                            for q, a in sparse[k][t]:
                                acc[q] = acc.get(q, _ZERO) + scaled * a
                    c = {q: v for q, v in acc.items() if v}
                sides.append(const + sum((cq * (hi[q] if (cq > 0) == upper else lo[q])
                                          for q, cq in c.items()), _ZERO))
            lb, ub = max(sides[0], inter[i][j][0]), min(sides[1], inter[i][j][1])
            cur.append((lb, ub))
        relax.append([_relax(lb, ub) for lb, ub in cur])
        out.append(cur)
    return out


def proved_by_bounds(net: Sequence[Layer], y: int, lo: Sequence[Fraction],
                     hi: Sequence[Fraction]) -> bool:
    """Do the back-substituted bounds give y·f > 0 on the box [lo, hi]?"""
    lb, ub = tight_bounds(net, lo, hi)[-1][0]
    return lb > 0 if y > 0 else ub < 0
