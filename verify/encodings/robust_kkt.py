"""The point of a linear region nearest to x (ℓ2), from the KKT conditions solved
exactly in z3 linear real arithmetic: turns an irrational z3 model into a
rational counterexample of the same activation pattern
(:func:`nearest_in_pattern`), and gives the multipliers that prove a region
lies outside an ℓ2 ball (:func:`nearest_with_multipliers`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from verify.encodings.robust_ball import Point
from verify.nets.network import ReLUNet

__all__ = ["nearest_in_pattern", "nearest_with_multipliers"]


def _q(v: Fraction) -> Any:
    import z3

    return z3.Q(v.numerator, v.denominator) if v.denominator != 1 else z3.RealVal(v.numerator)


def _rat(v: Any) -> Fraction:
    return Fraction(int(v.numerator_as_long()), int(v.denominator_as_long()))


def nearest_in_pattern(
    net: ReLUNet, x: Point, y: int, bounds: list[list[tuple[Fraction, Fraction]]],
    pattern: list[bool], timeout: float | None,
) -> Point | None:
    """The point nearest to x (ℓ2) of the region with the given activation pattern
    where y·f ≤ 0, from the KKT conditions in linear real arithmetic."""
    import z3

    from verify.encodings.z3memory import z3_check

    m = len(x)
    # affine forms (coefficients over x', constant) of every unit
    forms: list[tuple[list[Fraction], Fraction]] = [
        ([Fraction(int(j == k)) for j in range(m)], Fraction(0)) for k in range(m)
    ]
    rows: list[tuple[list[Fraction], Fraction]] = []  # constraints a·x' <= c
    it = iter(pattern)
    for i, layer in enumerate(net.layers):
        new = []
        for j, (wrow, b) in enumerate(zip(layer.weights, layer.bias, strict=True)):
            coef = [sum((w * forms[k][0][t] for k, w in enumerate(wrow)), Fraction(0))
                    for t in range(m)]
            const = b + sum((w * forms[k][1] for k, w in enumerate(wrow)), Fraction(0))
            if i == len(net.layers) - 1:
                rows.append(([y * c for c in coef], -y * const))  # y f <= 0
                continue
            lb, ub = bounds[i][j]
            active = False if ub <= 0 else True if lb >= 0 else next(it)
            if active:
                rows.append(([-c for c in coef], const))  # z >= 0
                new.append((coef, const))
            else:
                rows.append((coef, -const))  # z <= 0
                new.append(([Fraction(0)] * m, Fraction(0)))
        forms = new
    s = z3.SolverFor("QF_LRA")
    if timeout is not None:
        s.set("timeout", max(1, int(timeout * 1000)))
    xs = [z3.Real(f"x{k}") for k in range(m)]
    lam = [z3.Real(f"l{i}") for i in range(len(rows))]
    for (a, c), li in zip(rows, lam, strict=True):
        ax = z3.Sum([_q(v) * xs[t] for t, v in enumerate(a) if v != 0] + [z3.RealVal(0)])
        s.add(ax <= _q(c), li >= 0, z3.Or(li == 0, ax == _q(c)))
    for t in range(m):
        grad = [_q(a[t]) * li for (a, _), li in zip(rows, lam, strict=True) if a[t] != 0]
        s.add(xs[t] - _q(x[t]) + z3.Sum([*grad, z3.RealVal(0)]) == 0)
    if z3_check(s) != z3.sat:
        return None
    model = s.model()
    return tuple(_rat(model.eval(v, model_completion=True)) for v in xs)


def nearest_with_multipliers(
    rows: list[list[int]], rhs: list[int], x: Point, timeout: float | None,
) -> tuple[Point, list[Fraction]] | None:
    """The point p of {p : rows·p ≥ rhs} nearest to x (ℓ2) and its KKT multipliers λ ≥ 0.

    Exact (z3, linear real arithmetic with complementarity): ``p − x = Σ λ_i·row_i``,
    ``λ_i = 0`` unless row i is tight.  Summing the rows with the weights λ gives
    ``g·p' ≥ γ`` with ``g = p − x`` and ``γ − g·x = ‖p − x‖²``: the whole region
    lies outside every ℓ2 ball around x of radius r < ‖p − x‖.  None when the
    region is empty or z3 answers unknown (time-out).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> p, lam = nearest_with_multipliers([[1, 1]], [2], (F(0), F(0)), None)   # x+y >= 2
    >>> p, lam
    ((Fraction(1, 1), Fraction(1, 1)), [Fraction(1, 1)])
    >>> nearest_with_multipliers([[1], [-1]], [1, 0], (F(0),), None) is None  # empty
    True
    """
    import z3

    from verify.encodings.z3memory import z3_check

    m = len(x)
    s = z3.SolverFor("QF_LRA")
    if timeout is not None:
        s.set("timeout", max(1, int(timeout * 1000)))
    ps = [z3.Real(f"p{k}") for k in range(m)]
    lam = [z3.Real(f"l{i}") for i in range(len(rows))]
    for row, b, li in zip(rows, rhs, lam, strict=True):
        ap = z3.Sum([int(v) * ps[t] for t, v in enumerate(row) if v != 0] + [z3.RealVal(0)])
        s.add(ap >= int(b), li >= 0, z3.Or(li == 0, ap == int(b)))
    for t in range(m):
        grad = [int(row[t]) * li for row, li in zip(rows, lam, strict=True) if row[t] != 0]
        s.add(ps[t] - _q(x[t]) == z3.Sum([*grad, z3.RealVal(0)]))
    if z3_check(s) != z3.sat:
        return None
    model = s.model()
    point = tuple(_rat(model.eval(v, model_completion=True)) for v in ps)
    return point, [_rat(model.eval(v, model_completion=True)) for v in lam]
