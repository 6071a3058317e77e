"""Refutation proofs for ``m-1-h-1`` (one first-layer unit), real weights (lemma C2).

By the reduction of :mod:`verify.encodings.onefeature` (stated for the checker
as lemma C2 in :mod:`verify.certify.lemmas`), a labeling realized by
``m-1-h-1`` gives a sign s and threshold signs ``c_ir`` (r < K = K(h)) such
that the linear system ``c_ir·(W·X_i + β_r) ≥ 1`` has a solution and
``y_i = s·(−1)^N_i`` (``N_i`` = number of r with ``c_ir = +1``).  A refutation
is a case split: ``{"left": [t−, t+]}`` over s, ``{"phase": [i, r], "off": …,
"on": …}`` over ``c_ir`` (off = −1), leaves ``{"farkas": [[i, "c", r, λ], …]}``
(the fixed rows are infeasible) and ``{"parity": i}`` (point i's label, s and
its K signs are fixed and disagree).

The search is the branch and bound of :mod:`verify.encodings.refute` on this
system: the incremental floating-point LP (:class:`~verify.encodings.smalllp.SmallLP`)
at every node, Farkas vectors made exact by :mod:`verify.encodings.farkas`,
a split dropped when the proof below it does not use it, and subtrees with four
or more leaves kept as lemmas under the literals their proof uses, cited
wherever a later path makes them — across calls too.  The object has
the interface of :class:`~verify.encodings.refute.OneHiddenRefuter` that
:func:`~verify.encodings.refute.refute_complement` needs, so count
certificates reuse the label tree unchanged.

>>> from verify.geometry.pointsets import grid
>>> r = OneFeatureRefuter(grid(4, 1), 2)
>>> out = r.refute({0: 1, 1: -1, 2: 1, 3: -1})      # three changes, K = 2
>>> out.status, out.stats["parity_leaves"] > 0
('refuted', True)
>>> r.refute({0: 1, 1: -1, 2: -1, 3: 1}).status      # two changes
'feasible'
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from verify.encodings.farkas import farkas_from_guess, farkas_vector
from verify.encodings.onefeature import max_sign_changes
from verify.encodings.refute import LemmaTable, Refutation, RefuteTimeout
from verify.encodings.smalllp import SmallLP
from verify.geometry.pointsets import Point

__all__ = ["OneFeatureRefuter", "one_feature_reduction"]

Lit = tuple[Any, ...]
Result = tuple[dict[str, Any], set[Lit]]
_LEMMA_LEAVES = 4
"""A subtree with at least this many leaves is kept as a lemma for reuse."""


def one_feature_reduction(widths: Sequence[int]) -> dict[str, Any]:
    """The stated reduction of ``m-1-h-1`` to one feature (lemma C2 of the checker).

    >>> one_feature_reduction((2, 1, 2, 1))["sign_changes"]
    2
    """
    return {"lemma": "C2", "sign_changes": max_sign_changes(widths[2]),
            "statement": "a labeling an m-1-h-1 network realizes is the parity of K thresholds "
                         "of one affine feature (verify/certify/lemmas.py)"}


class OneFeatureRefuter(LemmaTable):
    """Branch and bound over s and the threshold signs ``c_ir`` of lemma C2.

    Parameters
    ----------
    points : sequence of Point
        Rational points (validated by the caller).
    hidden : int
        h of ``m-1-h-1`` (the width of the second hidden layer).
    """

    def __init__(self, points: Sequence[Point], hidden: int):
        self.points = tuple(tuple(p) for p in points)
        self.n = len(self.points)
        self.m = len(self.points[0])
        self.k = max_sign_changes(hidden)
        scale = 1
        for p in self.points:
            for c in p:
                scale = math.lcm(scale, c.denominator)
        self.X = [[int(c * scale) for c in p] for p in self.points]
        self.nvar = self.m + self.k
        self.lemmas: list[dict[str, Any]] = []
        self._lemma_sets: list[frozenset[Lit]] = []
        self._index: dict[Lit, list[int]] = {}
        self.stats: dict[str, int] = {}
        self._V = np.array([[self._row(i, r, 1) for r in range(self.k)]
                            for i in range(self.n)], dtype=float)   # (n, K, nvar)

    def _row(self, i: int, r: int, c: int) -> list[int]:
        """``c·(W·X_i + β_r)`` over the variables ``(W, β_0..β_(K−1))``."""
        return [c * v for v in self.X[i]] + [c if t == r else 0 for t in range(self.k)]

    def refute(self, labels: Mapping[int, int], deadline: float | None = None) -> Refutation:
        """Refute the (partial) labeling ``labels`` (point index → ±1), or say it is feasible.

        ``status`` is ``refuted`` (``tree`` is the proof) or ``feasible`` (some s and
        signs satisfy every labelled point's parity and the linear system: by the
        reduction the labeling is realizable; no network is built here).
        Raises :class:`RefuteTimeout` when ``deadline`` (``time.perf_counter()``) passes.
        """
        self.stats = {"lp": 0, "leaves": 0, "parity_leaves": 0, "nodes": 0,
                      "exact_simplex": 0, "lemma_hits": 0}
        self._labels = dict(labels)
        kids = []
        for s in (-1, 1):
            self._s = s
            self._lp = SmallLP(self.nvar)
            self._keys: list[tuple[int, int]] = []
            self._rows: list[list[int]] = []
            self._path: set[Lit] = {("y", i, y) for i, y in self._labels.items()}
            self._path.add(("s", 1 if s > 0 else 0))
            out = None
            for lit in sorted(self._path):  # a fixed order: the same lemma on every run
                out = self._lookup(lit)
                if out is not None:
                    break
            if out is None:
                out = self._bnb({}, deadline)
            if out is None:
                return Refutation("feasible", reason=f"s = {s:+d} and threshold signs satisfy "
                                  "the one-feature system", stats=dict(self.stats))
            if not any(lit[0] == "s" for lit in out[1]):
                return Refutation("refuted", tree=out[0], stats=dict(self.stats),
                                  core={lit for lit in out[1] if lit[0] == "y"})
            kids.append(out)
        core = {lit for kid in kids for lit in kid[1] if lit[0] == "y"}
        return Refutation("refuted", tree={"left": [kids[0][0], kids[1][0]]},
                          stats=dict(self.stats), core=core)

    def _leaf(self, guess: np.ndarray | None, cs: Mapping[tuple[int, int], int]
              ) -> Result | None:
        rhs = [1] * len(self._rows)
        lam = farkas_from_guess(self._rows, rhs, guess.tolist()) if guess is not None else None
        if lam is None:
            self.stats["exact_simplex"] += 1
            lam = farkas_vector(self._rows, rhs)
        if lam is None:
            return None
        self.stats["leaves"] += 1
        entries = []
        core: set[Lit] = set()
        for (i, r), v in zip(self._keys, lam, strict=True):
            if v:
                entries.append([i, "c", r, v])
                core.add(("a", i, r, 1 if cs[(i, r)] == 1 else 0))
        return {"farkas": entries}, core

    def _bnb(self, cs: dict[tuple[int, int], int], deadline: float | None) -> Result | None:
        if deadline is not None and time.perf_counter() > deadline:
            raise RefuteTimeout
        self.stats["nodes"] += 1
        z: np.ndarray | None = None
        if self._rows:
            self.stats["lp"] += 1
            status, vec = self._lp.solve()
            if status != "feasible":
                guess = None
                if status == "infeasible":
                    assert vec is not None
                    guess = vec[self._lp.first:]
                leaf = self._leaf(guess, cs)
                if leaf is not None:
                    return leaf
            else:
                z = vec
        branch = self._choose(cs, z)
        if branch is None:
            return None           # every labelled point fixed, parities agree, LP feasible
        i, r = branch
        first = 1 if z is None or float(self._V[i, r] @ z) >= 0 else -1
        kids: dict[int, Result] = {}
        leaves0 = self.stats["leaves"] + self.stats["parity_leaves"]
        for c in (first, -first):
            cs[(i, r)] = c
            lit: Lit = ("a", i, r, 1 if c == 1 else 0)
            self._path.add(lit)
            out = self._parity(i, cs) or self._lookup(lit)
            if out is None:
                self._lp.push([self._row(i, r, c)], [1.0])
                self._keys.append((i, r))
                self._rows.append(self._row(i, r, c))
                try:
                    out = self._bnb(cs, deadline)
                finally:
                    self._lp.pop()
                    self._keys.pop()
                    self._rows.pop()
            del cs[(i, r)]
            self._path.discard(lit)
            if out is None:
                return None
            if lit not in out[1]:
                return out        # this side's proof does not use the split
            kids[c] = out
        core = (kids[-1][1] | kids[1][1]) - {("a", i, r, 0), ("a", i, r, 1)}
        tree = {"phase": [i, r], "off": kids[-1][0], "on": kids[1][0]}
        if self.stats["leaves"] + self.stats["parity_leaves"] - leaves0 >= _LEMMA_LEAVES:
            return self._remember(tree, core), core
        return tree, core

    def _parity(self, i: int, cs: Mapping[tuple[int, int], int]) -> Result | None:
        """A parity leaf when point i's signs are all fixed and disagree with its label."""
        signs = [cs.get((i, r)) for r in range(self.k)]
        if any(v is None for v in signs):
            return None
        ups = sum(1 for v in signs if v == 1)
        if self._labels[i] == self._s * (-1) ** ups:
            return None
        self.stats["parity_leaves"] += 1
        return {"parity": i}, {("s", 1 if self._s > 0 else 0), ("y", i, self._labels[i]),
                               *(("a", i, r, 1 if cs[(i, r)] == 1 else 0)
                                 for r in range(self.k))}

    def _choose(self, cs: Mapping[tuple[int, int], int], z: np.ndarray | None
                ) -> tuple[int, int] | None:
        """A free sign of a labelled point: the point whose parity the LP point breaks
        (else any point with a free sign), its threshold with the smallest margin."""
        best: tuple[float, int, int] | None = None
        for i, y in self._labels.items():
            free = [r for r in range(self.k) if (i, r) not in cs]
            if not free:
                continue
            vals = self._V[i] @ z if z is not None else np.zeros(self.k)
            ups = sum(1 for r in range(self.k)
                      if (cs[(i, r)] if (i, r) in cs else (1 if vals[r] >= 0 else -1)) == 1)
            broken = y != self._s * (-1) ** ups
            r = min(free, key=lambda t: abs(float(vals[t])))
            score = (0.0 if broken else 1.0) * 1e9 + abs(float(vals[r])) + len(free)
            if best is None or score < best[0]:
                best = (score, i, r)
        return None if best is None else (best[1], best[2])
