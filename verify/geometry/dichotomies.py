"""All labelings of a finite rational point set realized by halfspaces, exactly.

A labeling ``y`` of points ``x_1, …, x_n`` in R^m is an *affine halfspace
dichotomy* when some ``(w, b)`` has ``y_i (w·x_i + b) > 0`` for every i (strict:
no point on the hyperplane), and a *homogeneous* one when ``b = 0`` is required.
Labelings are bit-packed: bit i is set iff point i is labelled +1 (the
convention of :mod:`verify.labels`).

Algorithm (exact, combinatorial; no linear program per labeling)
---------------------------------------------------------------
Affine dichotomies of the points are the homogeneous dichotomies of the lifted
vectors ``v_i = (x_i, 1)``; each vector is scaled by a positive integer to have
integer coordinates, which changes no sign.  Homogeneous dichotomies of non-zero
vectors ``V`` are the sign vectors of the open cells of the central arrangement
``{w : w·v = 0}`` (v in V) in the dual space.  Write ``D(S)`` for the dichotomies
of a subset ``S`` of rank ``k``; work in ``k`` coordinates on which the
projection of ``span(S)`` is injective (such a coordinate projection is a linear
isomorphism of ``span(S)``, so it preserves every dichotomy).

*Claim.* ``D(∅) = {∅}``, and for ``k ≥ 1``
``D(S) = ⋃_F { sign(ρ_F·v) on S∖F  ∪  d : d in D(F) }  ∪  (the same with −ρ_F)``,
the union over the *hyperplane flats* ``F`` of ``S`` (maximal subsets of rank
``k − 1``; ``F = ∅`` when ``k = 1``), where ``ρ_F ≠ 0`` is the normal of
``span(F)`` inside the ``k``-dimensional space.

*Proof.* (⊇) Given ``d in D(F)`` realized by ``u``, the functional
``w = ρ_F + εu`` for small ``ε > 0`` has the sign of ``ρ_F·v ≠ 0`` on ``S∖F``
and the sign of ``u·v`` on ``F`` (where ``ρ_F·v = 0``), strictly everywhere.
(⊆) The arrangement of ``S`` is essential in ``k`` dimensions, so the closure
of an open cell ``C`` is a pointed polyhedral cone of dimension ``k``; for
``k ≥ 2`` it has an extreme ray, and for ``k = 1`` it is a half-line.  An
extreme ray spans the common zero set of ``k − 1`` independent hyperplanes,
i.e. it is ``R_+ ρ_F`` (or ``R_+ (−ρ_F)``) for a hyperplane flat ``F``.  Moving
from a point of ``C`` to the ray, the signs on ``S∖F`` are those of ``±ρ_F``
(they cannot change inside ``C`` and are non-zero on the ray), and the signs on
``F`` are a dichotomy of ``F``, realized by the cell's points themselves.  ∎

The hyperplane flats are found from every ``(k−1)``-subset of ``S``: its normal
is the vector of signed ``(k−1)``-minors (a generalized cross product),
computed *exactly* in integers, vectorised over all subsets (int64 when a
Hadamard bound shows no overflow is possible, Python integers otherwise); a
subset of rank ``< k − 1`` gives the zero vector and is dropped, and subsets
spanning the same flat are merged.  ``D(F)`` is memoised by the index set F.
Degenerate configurations (collinear or coplanar points, repeated points,
grids, cubes) need no special case: they only change which flats exist.
A point at the origin has no strict homogeneous dichotomy at all.

Return type: a sorted 1-D NumPy array of distinct labelings, dtype ``uint64``
when ``n ≤ 64`` and dtype ``object`` (Python ints, same bit convention) when
``n > 64``.

>>> halfspace_dichotomies("cube:2").tolist()   # all but XOR and XNOR
[0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15]
>>> halfspace_dichotomies([[1], [2], [-3]], homogeneous=True).tolist()
[3, 4]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from verify.geometry.pointsets import PointSet, as_points

__all__ = ["count_halfspace_dichotomies", "cover_count", "halfspace_dichotomies", "integer_vectors"]

_INT64_SAFE = 2**62


def integer_vectors(points: Sequence[Sequence[Fraction]], homogeneous: bool = False) -> np.ndarray:
    """Integer vectors with the same halfspace dichotomies as ``points``.

    Each point (with a constant 1 appended unless ``homogeneous``) is scaled by
    the positive lcm of its denominators and divided by the gcd of its entries.
    The result has dtype int64 when every entry fits comfortably, else object.

    Examples
    --------
    >>> integer_vectors([(Fraction(1, 2), Fraction(1, 3))]).tolist()
    [[3, 2, 6]]
    >>> integer_vectors([(Fraction(2), Fraction(4))], homogeneous=True).tolist()
    [[1, 2]]
    """
    rows: list[list[int]] = []
    for p in points:
        coords = [Fraction(c) for c in p]
        if not homogeneous:
            coords.append(Fraction(1))
        den = math.lcm(*(c.denominator for c in coords))
        ints = [int(c * den) for c in coords]
        g = math.gcd(*ints)
        rows.append([v // g for v in ints] if g > 1 else ints)
    big = max((abs(v) for r in rows for v in r), default=0)
    dtype: Any = np.int64 if big < 2**31 else object
    return np.array(rows, dtype=dtype).reshape(len(rows), len(rows[0]) if rows else 0)


def _pivot_columns(mat: np.ndarray) -> list[int]:
    """Columns on which the row space of ``mat`` projects injectively (exact)."""
    rows = [[Fraction(int(v)) for v in r] for r in mat.tolist()]
    ncols = mat.shape[1]
    pivots: list[int] = []
    r0 = 0
    for c in range(ncols):
        piv = next((i for i in range(r0, len(rows)) if rows[i][c] != 0), None)
        if piv is None:
            continue
        rows[r0], rows[piv] = rows[piv], rows[r0]
        top = rows[r0]
        for i in range(r0 + 1, len(rows)):
            if rows[i][c] != 0:
                f = rows[i][c] / top[c]
                rows[i] = [a - f * b for a, b in zip(rows[i], top, strict=True)]
        pivots.append(c)
        r0 += 1
        if r0 == len(rows):
            break
    return pivots


def _normals(mats: np.ndarray) -> np.ndarray:
    """Generalized cross products of a batch of (k-1) x k integer matrices, exactly.

    Row ``t`` of the result is ``ρ`` with ``ρ·x = det([x; mats[t]])``: zero iff
    the rows of ``mats[t]`` are dependent.  Minors are built by a dynamic
    programme over column subsets (Laplace expansion along the last row), so
    the arithmetic is integer throughout.
    """
    batch, km1, k = mats.shape
    if km1 == 0:
        return np.ones((batch, k), dtype=mats.dtype)
    # minors[T] for T a tuple of sorted columns with |T| = t uses rows 0..t-1.
    minors: dict[tuple[int, ...], np.ndarray] = {(): np.ones(batch, dtype=mats.dtype)}
    for t in range(1, km1 + 1):
        row = mats[:, t - 1, :]
        new: dict[tuple[int, ...], np.ndarray] = {}
        for cols in itertools.combinations(range(k), t):
            acc = None
            for idx, c in enumerate(cols):
                sub = cols[:idx] + cols[idx + 1 :]
                term = row[:, c] * minors[sub]
                sign = (t - 1 + idx) % 2
                if acc is None:
                    acc = -term if sign else term
                elif sign:
                    acc = acc - term
                else:
                    acc = acc + term
            assert acc is not None
            new[cols] = acc
        minors = new
    out = np.empty((batch, k), dtype=mats.dtype)
    full = tuple(range(k))
    for j in range(k):
        # det([x; M]) expanded along the first row: sum_j (-1)^j x_j det(M without column j)
        minor = minors[full[:j] + full[j + 1 :]]
        out[:, j] = -minor if j % 2 else minor
    return out


class _Enumerator:
    """Memoised recursion D(S) over index subsets of a fixed vector list."""

    def __init__(self, vectors: np.ndarray, n: int) -> None:
        self.vectors = vectors
        self.n = n
        self.big = n > 64
        self.dtype: Any = object if self.big else np.uint64
        self.memo: dict[int, np.ndarray] = {}
        if self.big:
            self.weights = np.array([1 << i for i in range(n)], dtype=object)
        else:
            self.weights = np.left_shift(np.uint64(1), np.arange(n, dtype=np.uint64))

    def pack(self, idx: np.ndarray, selected: np.ndarray) -> np.ndarray:
        """Bit-pack rows of a boolean matrix whose columns are the global indices ``idx``."""
        w = self.weights[idx]
        if self.big:
            return selected.astype(object) @ w
        return (selected.astype(np.uint64) * w).sum(axis=1, dtype=np.uint64)

    def solve(self, idx: np.ndarray, coords: np.ndarray, key: int) -> np.ndarray:
        """D(S) for S = idx (sorted global indices, bit mask ``key``) in coordinates ``coords``."""
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        if len(idx) == 0:
            res = np.zeros(1, dtype=self.dtype)
            self.memo[key] = res
            return res
        k = coords.shape[1]
        combos = np.fromiter(
            itertools.chain.from_iterable(itertools.combinations(range(len(idx)), k - 1)),
            dtype=np.intp,
        ).reshape(-1, k - 1) if k > 1 else np.zeros((1, 0), dtype=np.intp)
        work = coords  # |S| x k, rank k
        bound = max(1, int(np.max(np.abs(work.astype(object))))) if work.size else 1
        hadamard = (math.isqrt((k - 1) * bound * bound) + 1) ** (k - 1) * bound * (k + 1)
        if hadamard >= _INT64_SAFE and work.dtype != object:
            work = work.astype(object)
        elif hadamard < _INT64_SAFE and work.dtype == object:
            work = work.astype(np.int64)
        rho = _normals(work[combos])
        rho = rho[np.any(rho != 0, axis=1)]
        values = rho @ work.T  # exact: |values| <= hadamard
        zero = values == 0
        packed = np.ascontiguousarray(np.packbits(zero, axis=1, bitorder="little"))
        view = packed.view(np.dtype((np.void, packed.shape[1])))[:, 0]
        _, first = np.unique(view, return_index=True)
        zero_f = zero[first]
        bases = self.pack(idx, values[first] > 0)
        flips = self.pack(idx, ~zero_f) ^ bases  # the labeling of -rho off the flat
        flat_keys = self.pack(idx, zero_f)
        subs: list[np.ndarray] = []
        for t, fkey in enumerate(flat_keys.tolist()):
            sub_res = self.memo.get(fkey)
            if sub_res is None:
                row = first[t]
                f_local = np.nonzero(zero_f[t])[0]
                j = int(np.nonzero(rho[row] != 0)[0][0])
                # dropping a coordinate j with rho_j != 0 is injective on rho^perp ⊇ span(F)
                f_coords = np.delete(work[f_local], j, axis=1)
                sub_res = self.solve(idx[f_local], f_coords, fkey)
            subs.append(sub_res)
        lengths = np.fromiter((len(a) for a in subs), dtype=np.intp, count=len(subs))
        allsub = np.concatenate(subs)
        res = np.unique(
            np.concatenate([allsub | np.repeat(bases, lengths), allsub | np.repeat(flips, lengths)])
        )
        self.memo[key] = res
        return res


def halfspace_dichotomies(
    points: PointSet | Sequence[Sequence[object]] | str, homogeneous: bool = False
) -> np.ndarray:
    """All labelings of ``points`` realized by a halfspace, exactly.

    Parameters
    ----------
    points : PointSet, rows of rationals, or a spec such as ``"grid:3:2"``
        The point set (rational coordinates).
    homogeneous : bool
        If true, only halfspaces through the origin, ``sign(w·x)``.

    Returns
    -------
    numpy.ndarray
        Sorted distinct bit-packed labelings (bit i set iff point i gets +1);
        dtype ``uint64`` when ``n ≤ 64``, dtype ``object`` (Python ints) otherwise.
        A labeling counts only if some hyperplane has no point on it (strict).

    Examples
    --------
    >>> len(halfspace_dichotomies("grid:3:2"))     # 2 x OEIS A114043(3)
    58
    >>> halfspace_dichotomies([[0], [0]]).tolist()  # repeated points share a label
    [0, 3]
    >>> len(halfspace_dichotomies([[0, 0], [1, 1]], homogeneous=True))  # origin: none
    0
    """
    pts = as_points(points)
    n = len(pts)
    vectors = integer_vectors(pts, homogeneous=homogeneous)
    enum = _Enumerator(vectors, n)
    if np.any(np.all(vectors == 0, axis=1)):
        return np.zeros(0, dtype=enum.dtype)
    cols = _pivot_columns(vectors)
    coords = vectors[:, cols]
    return enum.solve(np.arange(n, dtype=np.intp), coords, (1 << n) - 1)


def count_halfspace_dichotomies(
    points: PointSet | Sequence[Sequence[object]] | str, homogeneous: bool = False
) -> int:
    """The number of halfspace dichotomies (see :func:`halfspace_dichotomies`).

    Examples
    --------
    >>> count_halfspace_dichotomies("cube:3")     # OEIS A000609(3)
    104
    """
    return len(halfspace_dichotomies(points, homogeneous=homogeneous))


def cover_count(n: int, dimension: int) -> int:
    """Cover's function counting theorem: ``C(n, d) = 2 Σ_{k<d} binom(n−1, k)``.

    The number of homogeneous dichotomies of ``n`` vectors in general position
    in R^d; affine dichotomies of points in general position in R^m are
    ``cover_count(n, m + 1)``.

    Examples
    --------
    >>> cover_count(4, 3), cover_count(0, 3)   # four points in general position in the plane
    (14, 1)
    """
    if n == 0:
        return 1  # the empty labeling
    return 2 * sum(math.comb(n - 1, k) for k in range(dimension))
