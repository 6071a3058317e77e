"""A small, incremental, floating-point feasibility LP for branch and bound.

Feasibility of ``G·x ≥ b`` (x free, a few variables, rows appended as a search
goes deeper) by the dual simplex method with zero costs: a *basis* is a set of
``d`` rows with an invertible matrix; its vertex solves them with equality; a
violated row enters, a basic row leaves.  When no basic row can leave, the
entering row ``r`` and the basis give a Farkas ray ``λ_r = 1, λ_B = −w``
(``G_Bᵀ·w = G_r``): ``Gᵀλ = 0`` and ``b·λ = b_r − G_r·x > 0``.  Rows ``|x_t| ≤ M``
come first so that a basis exists from the start.

Nothing here is trusted: the search uses it only to propose (a vertex that the
caller rounds to rationals and re-checks exactly, or a Farkas guess whose
support the caller turns into an exact vector and checks in integers).  It is
the speed of this solver (tens of microseconds per node, warm-started from the
parent's basis) that makes certified counting affordable; HiGHS through SciPy
costs about 5 ms per call on these tiny problems (``benchmarks/bench_certify.py``).

>>> lp = SmallLP(1)
>>> lp.push([[1.0], [-1.0]], [1.0, 0.0])      # x >= 1 and -x >= 0
>>> status, vec = lp.solve()
>>> status, [round(float(v), 6) for v in vec[lp.first:]]
('infeasible', [1.0, 1.0])
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["SmallLP"]

_TOL = 1e-9


class SmallLP:
    """Incremental feasibility of ``G·x ≥ b`` with ``d`` free variables.

    ``push(rows, rhs)`` appends rows (saving the state), ``pop()`` restores the
    state before the matching push; ``solve()`` returns ``("feasible", x)``,
    ``("infeasible", λ)`` (λ over all rows, box rows first: ``first`` is the
    index of the first caller row) or ``("stalled", None)``.
    """

    def __init__(self, d: int, box: float = 1e6, capacity: int = 256):
        self.d = d
        self.first = 2 * d
        self.G = np.zeros((capacity, d))
        self.b = np.zeros(capacity)
        for t in range(d):
            self.G[t, t] = 1.0
            self.G[d + t, t] = -1.0
        self.b[: 2 * d] = -box
        self.k = 2 * d
        self.basis = list(range(d))
        self._stack: list[tuple[int, list[int]]] = []
        self.pivots = 0

    def push(self, rows: Sequence[Sequence[float]], rhs: Sequence[float]) -> None:
        self._stack.append((self.k, list(self.basis)))
        add = len(rows)
        if self.k + add > len(self.b):
            cap = max(2 * len(self.b), self.k + add)
            G = np.zeros((cap, self.d))
            b = np.zeros(cap)
            G[: self.k] = self.G[: self.k]
            b[: self.k] = self.b[: self.k]
            self.G, self.b = G, b
        if add:
            self.G[self.k: self.k + add] = rows
            self.b[self.k: self.k + add] = rhs
            self.k += add

    def pop(self) -> None:
        self.k, self.basis = self._stack.pop()

    def solve(self, max_iter: int = 400) -> tuple[str, np.ndarray | None]:
        G, b, k = self.G[: self.k], self.b[: self.k], self.k
        basis = list(self.basis)
        try:
            binv = np.linalg.inv(G[basis])
        except np.linalg.LinAlgError:
            return "stalled", None
        norms = np.sqrt(np.einsum("ij,ij->i", G, G)) + 1.0
        since = 0
        for it in range(max_iter):
            x = binv @ b[basis]
            viol = (b - G @ x) / norms
            bland = it > max_iter // 2
            if bland:
                over = np.flatnonzero(viol > _TOL)
                if len(over) == 0:
                    self.basis = basis
                    return "feasible", x
                r = int(over[0])
            else:
                r = int(np.argmax(viol))
                if viol[r] <= _TOL:
                    self.basis = basis
                    return "feasible", x
            w = G[r] @ binv
            cand = np.flatnonzero(w > _TOL)
            if len(cand) == 0:
                lam = np.zeros(k)
                lam[r] = 1.0
                lam[basis] -= w
                lam[lam < 0] = 0.0
                self.basis = basis
                return "infeasible", lam
            if bland:
                q = int(min(cand, key=lambda t: basis[t]))
            else:
                q = int(cand[np.argmax(w[cand])])
            basis[q] = r
            self.pivots += 1
            since += 1
            if since >= 25:
                since = 0
                try:
                    binv = np.linalg.inv(G[basis])
                except np.linalg.LinAlgError:
                    return "stalled", None
            else:
                col = binv[:, q].copy()
                w[q] -= 1.0
                binv -= np.outer(col, w) / (w[q] + 1.0)
        return "stalled", None
