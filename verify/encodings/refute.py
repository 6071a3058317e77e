"""Refutation proofs for one hidden layer, real weights: phase splits with Farkas leaves.

The question "does some ``m-h-1`` network with real weights label the points as
``y`` says?" becomes linear once every ReLU's phase at every point is fixed
(after the two reductions proved in :mod:`verify.encodings.lra`: output weights
±1 and margin 1).  A *refutation* is a case-split tree:

* the root splits the output signs (units are interchangeable, so the signs are
  sorted: child ``p`` has units ``0..p-1`` with sign +1 and the rest −1);
* an internal node splits the phase of unit ``j`` at point ``i``
  (``off``: ``u_ij ≤ 0`` and ReLU = 0; ``on``: ``u_ij ≥ 0`` and ReLU = u_ij);
  for counts, nodes may also split the label of a point;
* a leaf carries a non-negative integer vector over the linear constraints that
  the path implies, whose combination reads ``0 ≥ (something positive)``.

Constraints implied by a path (variables: every hidden weight and bias and the
output bias, points scaled to integers by their common denominator L, which
rescales the weights and changes no sign):

* ``("p", i, j)``: ``u_ij ≥ 0`` if the path sets unit j on at point i, ``−u_ij ≥ 0``
  if off;
* ``("o", i, mask)``: the output at point i, ``y_i·c + Σ_j t_j ≥ 1``, available when the
  label of i is fixed and every unit with ``y_i·s_j = +1`` has its phase fixed
  at i.  A unit with fixed phase contributes ``y_i·s_j·u_ij`` (on) or 0 (off); a
  unit with ``y_i·s_j = −1`` and free phase contributes ``−u_ij`` if bit j of
  ``mask`` is set and 0 otherwise (valid because ``−ReLU(u) ≤ −u`` and ``≤ 0``).

Only the units whose term is convex in the wrong direction (``y_i·s_j = +1``)
need splitting, so the tree is much smaller than one over all phases.

The search is a depth-first branch and bound with an LP at every node (HiGHS
through SciPy, an elastic formulation whose duals are a Farkas vector when the
node is infeasible); every Farkas vector is then made exact on its support
(:mod:`verify.encodings.farkas`) and checked in integers.  A feasible LP whose
solution, rounded to rationals, realizes the labeling exactly is a witness.

>>> from verify.geometry.pointsets import cube
>>> r = OneHiddenRefuter(cube(2), 1)
>>> out = r.refute({0: -1, 1: 1, 2: 1, 3: -1})
>>> out.status, sorted(out.tree)
('refuted', ['signs'])
>>> r.refute({0: 1, 1: 1, 2: -1, 3: -1}).status
'witness'
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from verify.encodings.farkas import farkas_from_guess, farkas_vector
from verify.encodings.smalllp import SmallLP
from verify.geometry.pointsets import Point
from verify.nets.network import ReLUNet

__all__ = ["OneHiddenRefuter", "Refutation", "RefuteTimeout"]


class RefuteTimeout(Exception):
    """The deadline passed during a refutation search."""


@dataclass
class Refutation:
    """``status``: ``refuted`` (``tree`` is the proof), ``witness`` (``witness`` realizes
    the labeling, re-checked exactly) or ``unknown`` (``reason``)."""

    status: str
    tree: dict[str, Any] | None = None
    witness: ReLUNet | None = None
    reason: str | None = None
    stats: dict[str, int] = field(default_factory=dict)
    core: set[tuple[Any, ...]] = field(default_factory=set)


Key = tuple[int, str, int]
Lit = tuple[Any, ...]
_LEMMA_LEAVES = 4
"""A subtree with at least this many leaves is kept as a lemma for reuse."""


class LemmaTable:
    """Refuted subtrees kept as lemmas (their assumptions, indexed by each literal), for
    the refuters' branch and bound: a later node whose path holds a lemma's assumptions
    cites it instead of being searched again.  The using class sets ``lemmas``,
    ``_lemma_sets``, ``_index``, ``_path`` and ``stats``."""

    lemmas: list[dict[str, Any]]
    _lemma_sets: list[frozenset[Lit]]
    _index: dict[Lit, list[int]]
    _path: set[Lit]
    stats: dict[str, Any]

    def _lookup(self, lit: Lit) -> tuple[dict[str, Any], set[Lit]] | None:
        """A lemma whose assumptions hold on the path (indexed by one of them)."""
        for k in self._index.get(lit, ()):
            assume = self._lemma_sets[k]
            if assume <= self._path:
                self.stats["lemma_hits"] += 1
                return {"lemma": k}, set(assume)
        return None

    def _remember(self, tree: dict[str, Any], core: set[Lit]) -> dict[str, Any]:
        """Keep ``tree`` (refuted under ``core``) as the next lemma; return its citation."""
        k = len(self.lemmas)
        self.lemmas.append({"assume": [list(lit) for lit in sorted(core)], "tree": tree})
        self._lemma_sets.append(frozenset(core))
        for lit in core:
            self._index.setdefault(lit, []).append(k)
        return {"lemma": k}


class OneHiddenRefuter(LemmaTable):
    """Branch and bound over ReLU phases for ``m-h-1`` (``h = 0``: linear ``m-1``).

    Parameters
    ----------
    points : sequence of Point
        Rational points (validated by the caller).
    hidden : int
        Number of hidden units (0 for the affine classifiers ``m-1``).
    homogeneous : bool
        With ``hidden = 0`` only: no bias (halfspaces through the origin).
    """

    def __init__(self, points: Sequence[Point], hidden: int, homogeneous: bool = False):
        self.points = tuple(tuple(p) for p in points)
        self.n = len(self.points)
        self.m = len(self.points[0])
        self.h = hidden
        self.homogeneous = homogeneous
        scale = 1
        for p in self.points:
            for c in p:
                scale = math.lcm(scale, c.denominator)
        self.scale = scale
        self.X = [[int(c * scale) for c in p] for p in self.points]
        m, h = self.m, hidden
        if h == 0:
            self.nvar = m + (0 if homogeneous else 1)
        else:
            self.nvar = h * (m + 1) + 1
        self.c_index = self.nvar - 1 if not (h == 0 and homogeneous) else -1
        self.stats: dict[str, int] = {}
        self.lemmas: list[dict[str, Any]] = []
        self._lemma_sets: list[frozenset[Lit]] = []
        self._index: dict[Lit, list[int]] = {}
        self._Uf = np.array([[self._u(i, j) for j in range(max(hidden, 1))]
                             for i in range(self.n)], dtype=float)
        if hidden == 0 and self.c_index >= 0:
            self._Uf[:, 0, self.c_index] = 1.0   # f = V·X + C

    # ----- constraint rows -------------------------------------------------------
    def _u(self, i: int, j: int) -> list[int]:
        """Row of u_ij = W_j·X_i + B_j (h >= 1), or of V·X_i (+ C) for h = 0."""
        row = [0] * self.nvar
        if self.h == 0:
            row[: self.m] = self.X[i]
            return row
        off = j * (self.m + 1)
        row[off: off + self.m] = self.X[i]
        row[off + self.m] = 1
        return row

    def _out(self, i: int, y: int, signs: Sequence[int], ph: Mapping[tuple[int, int], int],
             mask: int) -> list[int]:
        row = [0] * self.nvar
        if self.h == 0:
            for k, v in enumerate(self.X[i]):
                row[k] = y * v
            if self.c_index >= 0:
                row[self.c_index] = y
            return row
        row[self.c_index] = y
        for j, s in enumerate(signs):
            a = ph.get((i, j))
            use = a == 1 if a is not None else bool((mask >> j) & 1)
            if use:
                off = j * (self.m + 1)
                coef = y * s
                for k, v in enumerate(self.X[i]):
                    row[off + k] += coef * v
                row[off + self.m] += coef
        return row

    def derive(self, labels: Mapping[int, int], signs: Sequence[int],
               ph: Mapping[tuple[int, int], int]) -> tuple[list[Key], list[list[int]], list[int]]:
        """The named constraints (rows ≥ rhs) a path implies."""
        keys: list[Key] = []
        rows: list[list[int]] = []
        rhs: list[int] = []
        for (i, j), a in sorted(ph.items()):
            u = self._u(i, j)
            keys.append((i, "p", j))
            rows.append(u if a == 1 else [-v for v in u])
            rhs.append(0)
        for i, y in sorted(labels.items()):
            free_minus = []
            ok = True
            for j, s in enumerate(signs):
                if (i, j) in ph:
                    continue
                if y * s > 0:
                    ok = False
                    break
                free_minus.append(j)
            if not ok:
                continue
            for sub in range(1 << len(free_minus)):
                mask = 0
                for t, j in enumerate(free_minus):
                    if (sub >> t) & 1:
                        mask |= 1 << j
                keys.append((i, "o", mask))
                rows.append(self._out(i, y, signs, ph, mask))
                rhs.append(1)
        return keys, rows, rhs

    # ----- witnesses ----------------------------------------------------------------
    def network(self, z: Sequence[Fraction], signs: Sequence[int]) -> ReLUNet:
        """The network of a variable vector (weights scaled back by L)."""
        L, m = self.scale, self.m
        if self.h == 0:
            c = z[self.c_index] if self.c_index >= 0 else Fraction(0)
            return ReLUNet.from_lists([([[v * L for v in z[:m]]], [c])])
        rows = [[z[j * (m + 1) + k] * L for k in range(m)] for j in range(self.h)]
        bias = [z[j * (m + 1) + m] for j in range(self.h)]
        return ReLUNet.from_lists([(rows, bias), ([list(signs)], [z[self.c_index]])])

    # ----- search ---------------------------------------------------------------------
    def refute(self, labels: Mapping[int, int], deadline: float | None = None) -> Refutation:
        """Refute the (partial) labeling ``labels`` (point index → ±1), or find a witness.

        The tree may cite lemmas (``{"lemma": k}``: subtrees proved once under the
        literals ``self.lemmas[k]["assume"]``, reused wherever the path contains
        them); lemmas accumulate over calls on the same refuter.  ``core`` of the
        result is the set of label literals the proof uses.
        Raises :class:`RefuteTimeout` when ``deadline`` (``time.perf_counter()``) passes.
        """
        self.stats = {"lp": 0, "leaves": 0, "nodes": 0, "exact_simplex": 0, "fallback_lp": 0,
                      "lemma_hits": 0}
        labels = dict(labels)
        self._labeled = np.array(sorted(labels), dtype=np.int64)
        self._y = np.array([labels[i] for i in sorted(labels)], dtype=float)
        patterns = [()] if self.h == 0 else [
            (1,) * p + (-1,) * (self.h - p) for p in range(self.h + 1)]
        children = []
        core: set[Lit] = set()
        for signs in patterns:
            out = self._search(labels, signs, deadline)
            if isinstance(out, ReLUNet):
                return Refutation("witness", witness=out, stats=dict(self.stats))
            children.append(out[0])
            core |= {lit for lit in out[1] if lit[0] == "y"}
        tree = children[0] if self.h == 0 else {"signs": children}
        return Refutation("refuted", tree=tree, stats=dict(self.stats), core=core)

    def _search(self, labels: dict[int, int], signs: tuple[int, ...], deadline: float | None
                ) -> tuple[dict[str, Any], set[Lit]] | ReLUNet:
        keys, rows, rhs = self.derive(labels, signs, {})
        self._lp = SmallLP(self.nvar)
        self._keys, self._rows, self._rhs = keys, rows, rhs
        self._lp.push(rows, rhs)
        self._signs_arr = np.array(signs, dtype=float)
        self._path: set[Lit] = {("y", i, y) for i, y in labels.items()}
        if self.h:
            self._path.add(("s", sum(1 for v in signs if v > 0)))
        self._labels = labels
        for lit in sorted(self._path):  # a fixed order: the same lemma cited on every run
            hit = self._lookup(lit)
            if hit is not None:
                return hit
        return self._bnb(labels, signs, {}, deadline)

    def _fix_rows(self, labels: Mapping[int, int], signs: tuple[int, ...],
                  ph: Mapping[tuple[int, int], int], i: int, j: int
                  ) -> tuple[list[Key], list[list[int]], list[int]]:
        """The rows that fixing phase (i, j) (already in ``ph``) adds to the path."""
        u = self._u(i, j)
        keys: list[Key] = [(i, "p", j)]
        rows = [u if ph[(i, j)] == 1 else [-v for v in u]]
        rhs = [0]
        y = labels.get(i)
        if y is not None:
            free_minus = []
            for jj, s in enumerate(signs):
                if (i, jj) in ph:
                    continue
                if y * s > 0:
                    return keys, rows, rhs
                free_minus.append(jj)
            for sub in range(1 << len(free_minus)):
                mask = 0
                for t, jj in enumerate(free_minus):
                    if (sub >> t) & 1:
                        mask |= 1 << jj
                keys.append((i, "o", mask))
                rows.append(self._out(i, y, signs, ph, mask))
                rhs.append(1)
        return keys, rows, rhs

    def _leaf(self, lam_guess: np.ndarray | None, signs: tuple[int, ...],
              ph: Mapping[tuple[int, int], int]) -> tuple[dict[str, Any], set[Lit]] | None:
        rows, rhs = self._rows, self._rhs
        lam = None
        if lam_guess is not None:
            lam = farkas_from_guess(rows, rhs, lam_guess.tolist())
        if lam is None:
            self.stats["exact_simplex"] += 1
            lam = farkas_vector(rows, rhs)
        if lam is None:
            return None
        self.stats["leaves"] += 1
        core: set[Lit] = set()
        entries = []
        for (i, kind, x), c in zip(self._keys, lam, strict=True):
            if not c:
                continue
            entries.append([i, kind, x, c])
            if kind == "p":
                core.add(("a", i, x, ph[(i, x)]))
            else:
                core.add(("y", i, self._labels[i]))
                if self.h:
                    core.add(("s", sum(1 for v in signs if v > 0)))
                for j in range(self.h):
                    if (i, j) in ph:
                        core.add(("a", i, j, ph[(i, j)]))
        return {"farkas": entries}, core

    def _bnb(self, labels: dict[int, int], signs: tuple[int, ...],
             ph: dict[tuple[int, int], int], deadline: float | None
             ) -> tuple[dict[str, Any], set[Lit]] | ReLUNet:
        if deadline is not None and time.perf_counter() > deadline:
            raise RefuteTimeout
        self.stats["nodes"] += 1
        found = self._node_lp(signs, ph)
        if isinstance(found, tuple):
            return found
        z = found
        us = self._Uf @ z                      # (n, h) pre-activations
        net = self._witness(z, signs, labels, us)
        if net is not None:
            return net
        branch = self._choose(labels, signs, ph, z, us)
        if branch is None:
            raise ArithmeticError("every phase is fixed, the LP is feasible, but no exact witness")
        return self._split(labels, signs, ph, deadline, branch, bool(us[branch] >= 0))

    def _node_lp(self, signs: tuple[int, ...], ph: Mapping[tuple[int, int], int]
                 ) -> tuple[dict[str, Any], set[Lit]] | np.ndarray:
        """The node's LP (the small simplex, HiGHS when it stalls): a Farkas leaf with its
        core when infeasible, else a feasible point."""
        self.stats["lp"] += 1
        status, vec = self._lp.solve()
        if status == "stalled":
            self.stats["fallback_lp"] += 1
            status, vec = self._highs(self._rows, self._rhs)
        if status == "infeasible":
            assert vec is not None
            guess = vec[self._lp.first:] if len(vec) > len(self._rows) else vec
            leaf = self._leaf(guess, signs, ph)
            if leaf is not None:
                return leaf
            status, vec = self._highs(self._rows, self._rhs)  # the box cut it off
            if status != "feasible":
                raise ArithmeticError("inconsistent LP answers at a node")
        assert vec is not None
        return vec

    def _split(self, labels: dict[int, int], signs: tuple[int, ...],
               ph: dict[tuple[int, int], int], deadline: float | None,
               unit: tuple[int, int], active_first: bool
               ) -> tuple[dict[str, Any], set[Lit]] | ReLUNet:
        """Both phases of ``unit`` (the side the LP's point takes first): a witness, one
        side's proof when it does not use the split, or the phase node (remembered as a
        lemma when it took many leaves) with the union of the sides' cores."""
        i, j = unit
        kids: dict[int, tuple[dict[str, Any], set[Lit]]] = {}
        leaves0 = self.stats["leaves"]
        for a in ((1, 0) if active_first else (0, 1)):
            out = self._under_phase(labels, signs, ph, unit, a, deadline)
            if isinstance(out, ReLUNet):
                return out
            if ("a", i, j, a) not in out[1]:
                return out          # the split was not needed: this side proves the node
            kids[a] = out
        core = (kids[0][1] | kids[1][1]) - {("a", i, j, 0), ("a", i, j, 1)}
        tree = {"phase": [i, j], "off": kids[0][0], "on": kids[1][0]}
        if self.stats["leaves"] - leaves0 >= _LEMMA_LEAVES:
            return self._remember(tree, core), core
        return tree, core

    def _under_phase(self, labels: dict[int, int], signs: tuple[int, ...],
                     ph: dict[tuple[int, int], int], unit: tuple[int, int], a: int,
                     deadline: float | None) -> tuple[dict[str, Any], set[Lit]] | ReLUNet:
        """The node with ``unit``'s phase fixed to ``a`` (its rows added to the LP and
        taken off again after): a remembered lemma, else the search below."""
        i, j = unit
        lit: Lit = ("a", i, j, a)
        ph[unit] = a
        self._path.add(lit)
        keys, rows, rhs = self._fix_rows(labels, signs, ph, i, j)
        self._lp.push(rows, rhs)
        nk = len(self._keys)
        self._keys.extend(keys)
        self._rows.extend(rows)
        self._rhs.extend(rhs)
        try:
            return self._lookup(lit) or self._bnb(labels, signs, ph, deadline)
        finally:
            del ph[unit]
            self._path.discard(lit)
            self._lp.pop()
            del self._keys[nk:], self._rows[nk:], self._rhs[nk:]

    def _highs(self, rows: list[list[int]], rhs: list[int]) -> tuple[str, np.ndarray]:
        """HiGHS (SciPy) on min t s.t. rows·z + t ≥ rhs, t ≥ 0: the fallback LP."""
        from scipy.optimize import linprog

        from verify.encodings.memory_bound import highs

        k = len(rows)
        if k == 0:
            return "feasible", np.zeros(self.nvar)
        A = np.asarray(rows, dtype=float)
        cost = np.r_[np.zeros(self.nvar), 1.0]
        a_ub = -np.c_[A, np.ones(k)]
        bounds = [(None, None)] * self.nvar + [(0, None)]
        res = highs(linprog, cost, A_ub=a_ub, b_ub=-np.asarray(rhs, dtype=float),
                    bounds=bounds, method="highs")
        if res.status != 0:
            raise ArithmeticError(f"HiGHS: {res.message}")
        if res.fun <= 1e-9:
            return "feasible", np.asarray(res.x[: self.nvar])
        return "infeasible", -np.asarray(res.ineqlin.marginals)

    def _witness(self, z: np.ndarray, signs: Sequence[int], labels: Mapping[int, int],
                 us: np.ndarray) -> ReLUNet | None:
        f = self._f(z, us)
        if not np.all(self._y * f[self._labeled] > 0.5):
            return None
        for den in (10**3, 10**6, 10**9, 1):
            q = [Fraction(round(float(v) * den), den) for v in z]
            net = self.network(q, signs)
            if all(y * net.evaluate(self.points[i]) > 0 for i, y in labels.items()):
                return net
        return None

    def _f(self, z: np.ndarray, us: np.ndarray) -> np.ndarray:
        if self.h == 0:
            return us[:, 0]
        return z[self.c_index] + (np.maximum(us, 0.0) * self._signs_arr).sum(axis=1)

    def _choose(self, labels: Mapping[int, int], signs: Sequence[int],
                ph: Mapping[tuple[int, int], int], z: np.ndarray,
                us: np.ndarray) -> tuple[int, int] | None:
        """A free phase of a term y_i·s_j = +1: at the point most violated by z's true
        output, the unit whose pre-activation is nearest to 0."""
        if self.h == 0:
            return None
        f = self._f(z, us)
        best: tuple[float, int, int] | None = None
        for i, y in labels.items():
            free = [j for j, s in enumerate(signs) if y * s > 0 and (i, j) not in ph]
            if not free:
                continue
            score = y * f[i] - 0.001 * len(free)
            if best is None or score < best[0]:
                j = min(free, key=lambda t: abs(us[i, t]))
                best = (score, i, j)
        return None if best is None else (best[1], best[2])


def canonical_table(n: int, images: Sequence[Sequence[int]], negation: bool) -> np.ndarray:
    """For every labeling of n points (bit-packed, as an index), whether it is canonical:
    no listed point permutation (``images[g][i]`` = image of point i), with or without
    label negation, maps it to a smaller integer.

    >>> canonical_table(2, [(0, 1), (1, 0)], True).tolist()     # 00, 01 canonical
    [True, True, False, False]
    """
    vals = np.arange(1 << n, dtype=np.int64)
    full = (1 << n) - 1
    canon = np.ones(1 << n, dtype=bool)
    for image in images:
        img = np.zeros_like(vals)
        for i, j in enumerate(image):
            img |= ((vals >> i) & 1) << j
        canon &= img >= vals
        if negation:
            canon &= (img ^ full) >= vals
    return canon


def refute_complement(
    refuter: OneHiddenRefuter,
    realized: np.ndarray,
    canonical: np.ndarray,
    deadline: float | None = None,
) -> tuple[dict[str, Any], dict[str, int]]:
    """A label tree refuting every canonical labeling outside ``realized``.

    ``realized`` and ``canonical`` are boolean tables over the 2^n labelings.
    Labels are split from the last point to the first, so that each node's
    labelings are an interval of integers.  A node is a ``covered`` leaf when each
    of its labelings is realized or not canonical; it is refuted (a phase tree
    from :meth:`OneHiddenRefuter.refute`) when no realized labeling extends it
    (then its partial labeling is unrealizable on its own points); otherwise its
    next label is split.  Raises ArithmeticError if a prefix said to be
    unrealizable has a witness (the realized set was not complete).
    """
    n = refuter.n
    need = np.concatenate(([0], np.cumsum(canonical & ~realized)))
    have = np.concatenate(([0], np.cumsum(realized)))
    stats = {"label_nodes": 0, "covered": 0, "refuted_prefixes": 0, "leaves": 0, "lp": 0}

    def visit(k: int, value: int) -> dict[str, Any]:
        lo, hi = value << (n - k), (value + 1) << (n - k)
        if need[hi] == need[lo]:
            stats["covered"] += 1
            return {"covered": True}
        if have[hi] == have[lo]:
            labels = {n - 1 - t: (1 if (value >> (k - 1 - t)) & 1 else -1) for t in range(k)}
            out = refuter.refute(labels, deadline)
            if out.status != "refuted":
                raise ArithmeticError(
                    f"the partial labeling {labels} has a witness: the realized set is incomplete")
            stats["refuted_prefixes"] += 1
            stats["leaves"] += out.stats["leaves"]
            stats["lp"] += out.stats["lp"]
            assert out.tree is not None
            return out.tree
        stats["label_nodes"] += 1
        i = n - 1 - k
        return {"label": i, "neg": visit(k + 1, 2 * value), "pos": visit(k + 1, 2 * value + 1)}

    return visit(0, 0), stats
