"""Exact Farkas vectors for infeasible systems of linear inequalities.

A system ``a_k·z ≥ β_k`` (k = 1..K, integer rows) has no real solution iff some
``λ ≥ 0`` has ``Σ λ_k a_k = 0`` and ``Σ λ_k β_k > 0`` (Farkas' lemma): adding the
rows with those weights gives ``0 ≥ Σ λ_k β_k > 0``.  This module finds such a
``λ`` in exact integers, either from a floating-point guess (the dual of an LP
solved by HiGHS: its support is kept, the null space of the supported rows is
computed exactly) or, when the guess does not lead to one, by an exact simplex
method in Fractions on the whole system.  Every vector returned has been
checked exactly; ``None`` means the system is feasible (exact answer of the
simplex method).

>>> rows = [[1], [-1]]            # z >= 1 and -z >= 0: infeasible
>>> farkas_vector(rows, [1, 0])
[1, 1]
>>> farkas_vector([[1], [1]], [1, 0]) is None
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

__all__ = ["check_farkas", "farkas_from_guess", "farkas_vector", "integer_vector"]


def check_farkas(rows: Sequence[Sequence[int]], rhs: Sequence[int], lam: Sequence[int]) -> bool:
    """Exactly: is ``lam`` a Farkas vector of the system ``rows·z ≥ rhs``?

    >>> check_farkas([[1], [-1]], [1, 0], [1, 1]), check_farkas([[1], [-1]], [1, 0], [1, 2])
    (True, False)
    """
    if any(v < 0 for v in lam) or len(lam) != len(rows):
        return False
    width = len(rows[0]) if rows else 0
    total = [0] * width
    for coef, row in zip(lam, rows, strict=True):
        if coef:
            for t, a in enumerate(row):
                if a:
                    total[t] += coef * a
    return not any(total) and sum(c * b for c, b in zip(lam, rhs, strict=True)) > 0


def integer_vector(values: Sequence[Fraction]) -> list[int]:
    """The positive multiple of a rational vector with coprime integer entries.

    >>> integer_vector([Fraction(1, 2), Fraction(0), Fraction(3, 4)])
    [2, 0, 3]
    """
    den = 1
    for v in values:
        den = math.lcm(den, v.denominator)
    ints: list[int] = [int(v * den) for v in values]
    g = 0
    for k in ints:
        g = math.gcd(g, k)
    return [v // g for v in ints] if g > 1 else ints


def _null_vector(cols: list[list[int]]) -> list[int] | None:
    """The generator of {λ : Σ_k λ_k cols[k] = 0} when that space is a line, else None.

    Integer Gaussian elimination (rows kept primitive), then exact back-substitution.
    """
    k = len(cols)
    d = len(cols[0]) if cols else 0
    mat = [[cols[c][t] for c in range(k)] for t in range(d)]
    pivots: list[int] = []
    r = 0
    for c in range(k):
        piv = next((t for t in range(r, d) if mat[t][c] != 0), None)
        if piv is None:
            continue
        mat[r], mat[piv] = mat[piv], mat[r]
        prow = mat[r]
        a = prow[c]
        for t in range(d):
            if t != r and mat[t][c] != 0:
                f = mat[t][c]
                new = [a * x - f * y for x, y in zip(mat[t], prow, strict=True)]
                g = 0
                for v in new:
                    g = math.gcd(g, v)
                mat[t] = [v // g for v in new] if g > 1 else new
        pivots.append(c)
        r += 1
        if r == d:
            break
    if len(pivots) != k - 1:
        return None
    free = next(c for c in range(k) if c not in pivots)
    den = 1
    for row, pc in enumerate(pivots):
        den = math.lcm(den, abs(mat[row][pc]))
    vec = [0] * k
    vec[free] = den
    for row, pc in enumerate(pivots):
        vec[pc] = -mat[row][free] * den // mat[row][pc]
    g = 0
    for v in vec:
        g = math.gcd(g, v)
    return [v // g for v in vec] if g > 1 else vec


def farkas_from_guess(
    rows: Sequence[Sequence[int]], rhs: Sequence[int], guess: Sequence[float], tol: float = 1e-9
) -> list[int] | None:
    """An exact Farkas vector on the support of a floating-point guess, or None.

    The rows with ``guess > tol·max(guess)`` are kept; when their exact null
    space is one-dimensional its generator (signed so that ``λ·β > 0``) is
    returned if it is non-negative.  Otherwise None (try :func:`farkas_vector`).
    """
    top = max((g for g in guess), default=0.0)
    if top <= 0:
        return None
    support = [k for k, g in enumerate(guess) if g > tol * top]
    if not support:
        return None
    vec = _null_vector([list(rows[k]) for k in support])
    if vec is None:
        return None
    if sum(v * rhs[k] for v, k in zip(vec, support, strict=True)) < 0:
        vec = [-v for v in vec]
    if any(v < 0 for v in vec):
        return None
    lam = [0] * len(rows)
    for v, k in zip(vec, support, strict=True):
        lam[k] = v
    return lam if check_farkas(rows, rhs, lam) else None


def farkas_vector(rows: Sequence[Sequence[int]], rhs: Sequence[int]) -> list[int] | None:
    """An exact Farkas vector of ``rows·z ≥ rhs``, or None if the system is feasible.

    Exact two-phase simplex (Bland's rule, Fractions) on
    ``Σ λ_k a_k = 0, Σ λ_k β_k = 1, λ ≥ 0``; meant for the small systems at the
    leaves of a refutation (a few dozen rows).

    >>> farkas_vector([[1, 0], [0, 1], [-1, -1]], [1, 1, -1])
    [1, 1, 1]
    """
    k = len(rows)
    if k == 0:
        return None
    d = len(rows[0])
    # equality constraints E λ = f, with E rows: d variables' sums, then the rhs row
    eqs = [[Fraction(rows[c][t]) for c in range(k)] for t in range(d)]
    eqs.append([Fraction(rhs[c]) for c in range(k)])
    f = [Fraction(0)] * d + [Fraction(1)]
    sol = _phase_one(eqs, f)
    if sol is None:
        return None
    lam = integer_vector(sol)
    assert check_farkas(rows, rhs, lam)
    return lam


def _phase_one(eqs: list[list[Fraction]], f: list[Fraction]) -> list[Fraction] | None:
    """A solution λ ≥ 0 of ``eqs·λ = f`` (exact), or None if there is none."""
    rows_n = len(eqs)
    k = len(eqs[0])
    # make f >= 0
    tab = []
    for r in range(rows_n):
        sign = -1 if f[r] < 0 else 1
        tab.append([sign * v for v in eqs[r]] + [Fraction(int(r == t)) for t in range(rows_n)]
                   + [sign * f[r]])
    ncol = k + rows_n
    basis = [k + r for r in range(rows_n)]
    # objective: minimise the sum of artificials = maximise -sum; reduced costs
    cost = [Fraction(0)] * (ncol + 1)
    for r in range(rows_n):
        for c in range(ncol + 1):
            cost[c] -= tab[r][c]
    for c in range(k, ncol):
        cost[c] += 1  # artificial columns have reduced cost 0 once basic
    while True:
        enter = next((c for c in range(ncol) if cost[c] < 0), None)
        if enter is None:
            break
        best: tuple[Fraction, int] | None = None
        leave = -1
        for r in range(rows_n):
            a = tab[r][enter]
            if a > 0:
                ratio = tab[r][-1] / a
                tie = best is not None and ratio == best[0] and basis[r] < basis[leave]
                if best is None or ratio < best[0] or tie:
                    best, leave = (ratio, r), r
        if leave < 0:  # unbounded: cannot happen in phase one
            raise AssertionError("phase one unbounded")
        piv = tab[leave][enter]
        tab[leave] = [v / piv for v in tab[leave]]
        for r in range(rows_n):
            if r != leave and tab[r][enter] != 0:
                g = tab[r][enter]
                tab[r] = [a - g * b for a, b in zip(tab[r], tab[leave], strict=True)]
        g = cost[enter]
        cost = [a - g * b for a, b in zip(cost, tab[leave], strict=True)]
        basis[leave] = enter
    if cost[-1] != 0:  # minimum sum of artificials > 0: infeasible
        return None
    sol = [Fraction(0)] * k
    for r, b in enumerate(basis):
        if b < k:
            sol[b] = tab[r][-1]
    return sol
