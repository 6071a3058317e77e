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
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from verify.errors import BudgetExceeded, InvalidArgument
from verify.geometry.pointsets import PointSet, as_points
from verify.limits import Deadline, require_memory
from verify.progress import progress

__all__ = [
    "EnumerationTimeout",
    "combinations_from",
    "count_halfspace_dichotomies",
    "cover_count",
    "enumeration_memory",
    "halfspace_dichotomies",
    "integer_vectors",
    "iter_halfspace_dichotomies",
    "top_candidates",
]

_INT64_SAFE = 2**62


def integer_vectors(points: Sequence[Sequence[Fraction]], homogeneous: bool = False,
                    look: Callable[[], None] | None = None) -> np.ndarray:
    """Integer vectors with the same halfspace dichotomies as ``points``.

    Each point (with a constant 1 appended unless ``homogeneous``) is scaled by
    the positive lcm of its denominators and divided by the gcd of its entries.
    The result has dtype int64 when every entry fits comfortably, else object.
    ``look``, when given, is called before every 16384 points (a deadline raises
    from it).

    Examples
    --------
    >>> integer_vectors([(Fraction(1, 2), Fraction(1, 3))]).tolist()
    [[3, 2, 6]]
    >>> integer_vectors([(Fraction(2), Fraction(4))], homogeneous=True).tolist()
    [[1, 2]]
    """
    rows: list[list[int]] = []
    one = Fraction(1)
    for i, p in enumerate(points):
        if look is not None and i % 16384 == 0:
            look()
        coords = [c if isinstance(c, Fraction) else Fraction(c) for c in p]
        if not homogeneous:
            coords.append(one)
        den = math.lcm(*(c.denominator for c in coords))
        ints = [c.numerator * (den // c.denominator) for c in coords]
        g = math.gcd(*ints)
        rows.append([v // g for v in ints] if g > 1 else ints)
    big = max((abs(v) for r in rows for v in r), default=0)
    dtype: Any = np.int64 if big < 2**31 else object
    return np.array(rows, dtype=dtype).reshape(len(rows), len(rows[0]) if rows else 0)


def _independent_rows(mat: np.ndarray) -> list[int] | None:
    """A maximal independent set of rows by the compiled int64 kernel (exact), or
    None when an entry reaches 2^31 (the caller then works in Fractions)."""
    if mat.size == 0 or np.max(np.abs(mat.astype(object))) >= 2**31:
        return None
    from verify.geometry import _chambers_kernel as kern

    M = np.ascontiguousarray(mat.astype(np.int64))
    act = M.shape[1]
    kern.normalize_rows(M, act)
    basis: list[int] = []
    while act > 0:
        nz = np.flatnonzero(np.any(M[:, :act] != 0, axis=1))
        if len(nz) == 0:
            break
        basis.append(int(nz[0]))
        act = kern.pivot(M, int(nz[0]), act)
        if act < 0:
            return None
    return basis


def _pivot_columns(mat: np.ndarray) -> list[int]:
    """Columns on which the row space of ``mat`` projects injectively (exact)."""
    if mat.shape[0] > 4 * mat.shape[1]:
        basis = _independent_rows(mat)
        if basis is not None:
            mat = mat[basis]
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


_CHUNK_ENTRIES = 1 << 22  # entries of one chunk's work arrays (about 32 MiB of int64)
_BUFFER = 1 << 23  # generated labelings collected before they are merged into the result
_MEMO_BYTES = 1 << 28  # sub-flat results kept for reuse (cleared beyond this)
_ENUM_WORK = 10**7  # top-level (k-1)-subsets examined without a time limit
_SECONDS_PER_CANDIDATE = 3e-5  # measured on cube:5 (2 cores): about 6 s for 201,376


class _TimeUp(Exception):
    """The deadline passed inside the recursion."""


class EnumerationTimeout(BudgetExceeded):
    """The time limit passed before every dichotomy was listed."""


class _Enumerator:
    """The recursion D(S) over index subsets of a fixed vector list, in bounded memory.

    Hyperplane flats are found from (k−1)-subsets taken in chunks (never all at
    once); results of sub-flats are memoised up to ``_MEMO_BYTES``.
    """

    def __init__(self, vectors: np.ndarray, n: int, deadline: Deadline | None = None) -> None:
        self.vectors = vectors
        self.n = n
        self.big = n > 64
        self.dtype: Any = object if self.big else np.uint64
        self.memo: dict[int, np.ndarray] = {}
        self.memo_bytes = 0
        self.deadline = deadline
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

    def check_time(self) -> None:
        if self.deadline is not None and self.deadline.expired():
            raise _TimeUp

    def flats(self, idx: np.ndarray, coords: np.ndarray,
              candidates: tuple[int, int] | None = None) -> Iterator[list[tuple[Any, ...]]]:
        """Batches of the distinct hyperplane flats of S = idx (coordinates ``coords``, rank k).

        Each flat is ``(flat key, base labeling of S∖F, flipped labeling, F as a
        boolean row over S, the normal ρ_F, S's coordinates)``.
        """
        k = coords.shape[1]
        work = coords
        bound = max(1, int(np.max(np.abs(work.astype(object))))) if work.size else 1
        hadamard = (math.isqrt((k - 1) * bound * bound) + 1) ** (k - 1) * bound * (k + 1)
        if hadamard >= _INT64_SAFE and work.dtype != object:
            work = work.astype(object)
        elif hadamard < _INT64_SAFE and work.dtype == object:
            work = work.astype(np.int64)
        seen: set[int] = set()
        step = max(1, _CHUNK_ENTRIES // ((1 << k) + len(idx) + k))
        combos_it: Iterator[tuple[int, ...]] = itertools.combinations(range(len(idx)), k - 1)
        if candidates is not None:  # only the (k-1)-subsets of these lexicographic ranks
            combos_it = combinations_from(len(idx), k - 1, *candidates)
        while True:
            self.check_time()
            if k > 1:
                flat = np.fromiter(
                    itertools.chain.from_iterable(itertools.islice(combos_it, step)),
                    dtype=np.intp,
                )
                if flat.size == 0:
                    return
                combos = flat.reshape(-1, k - 1)
            else:
                combos = np.zeros((1, 0), dtype=np.intp)
            rho = _normals(work[combos])
            rho = rho[np.any(rho != 0, axis=1)]
            if len(rho):
                values = rho @ work.T  # exact: |values| <= hadamard
                zero = values == 0
                packed = np.ascontiguousarray(np.packbits(zero, axis=1, bitorder="little"))
                view = packed.view(np.dtype((np.void, packed.shape[1])))[:, 0]
                _, first = np.unique(view, return_index=True)
                zero_f = zero[first]
                flat_keys = self.pack(idx, zero_f).tolist()
                fresh = [t for t, fk in enumerate(flat_keys) if fk not in seen]
                if fresh:
                    rows = first[fresh]
                    bases = self.pack(idx, values[rows] > 0)
                    flips = self.pack(idx, ~zero_f[fresh]) ^ bases
                    batch: list[tuple[Any, ...]] = []
                    for pos, t in enumerate(fresh):
                        seen.add(flat_keys[t])
                        batch.append((flat_keys[t], bases[pos], flips[pos], zero_f[t],
                                      rho[rows[pos]], work))
                    yield batch
            if k <= 1:
                return

    def sub(self, idx: np.ndarray, item: tuple[Any, ...]) -> np.ndarray:
        """D(F) for a flat ``item`` of :meth:`flats` (memoised by the flat's key)."""
        fkey, _, _, zero_row, rho_row, work = item
        hit = self.memo.get(fkey)
        if hit is not None:
            return hit
        f_local = np.nonzero(zero_row)[0]
        j = int(np.nonzero(rho_row != 0)[0][0])
        # dropping a coordinate j with rho_j != 0 is injective on rho^perp ⊇ span(F)
        return self.solve(idx[f_local], np.delete(work[f_local], j, axis=1), fkey)

    def solve(self, idx: np.ndarray, coords: np.ndarray, key: int) -> np.ndarray:
        """D(S) for S = idx (sorted global indices, bit mask ``key``) in coordinates ``coords``."""
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        if len(idx) == 0:
            return np.zeros(1, dtype=self.dtype)
        parts: list[np.ndarray] = []
        for batch in self.flats(idx, coords):
            for item in batch:
                sub = self.sub(idx, item)
                parts.append(sub | item[1])
                parts.append(sub | item[2])
        res = np.unique(np.concatenate(parts))
        size = res.nbytes if not self.big else _labeling_bytes(self.n) * len(res)
        if self.memo_bytes + size > _MEMO_BYTES:
            self.memo.clear()
            self.memo_bytes = 0
        self.memo[key] = res
        self.memo_bytes += size
        return res

    def stream(self, coords: np.ndarray,
               candidates: tuple[int, int] | None = None) -> Iterator[np.ndarray]:
        """D(all points) in chunks of new, distinct labelings (their union is D, disjointly);
        with ``candidates``, only what the top-level flats of those subsets give."""
        idx = np.arange(self.n, dtype=np.intp)
        done = np.zeros(0, dtype=self.dtype)
        buf: list[np.ndarray] = []
        held = 0
        for batch in self.flats(idx, coords, candidates):
            for item in batch:
                self.check_time()
                sub = self.sub(idx, item)
                buf.append(sub | item[1])
                buf.append(sub | item[2])
                held += 2 * len(sub)
                if held >= _BUFFER:
                    new = np.setdiff1d(np.unique(np.concatenate(buf)), done, assume_unique=True)
                    buf, held = [], 0
                    if len(new):
                        done = np.union1d(done, new)
                        yield new
        if buf:
            new = np.setdiff1d(np.unique(np.concatenate(buf)), done, assume_unique=True)
            if len(new):
                yield new


def _labeling_bytes(n: int) -> int:
    """Bytes per stored labeling: uint64 up to 64 points, a Python int in an object array beyond."""
    return 8 if n <= 64 else 8 + 28 + 4 * ((n + 29) // 30)


def _name(points: object, n: int) -> str:
    if isinstance(points, str):
        return points
    return getattr(points, "name", "") or f"{n} points"


def enumeration_memory(points: PointSet | Sequence[Sequence[object]] | str,
                       homogeneous: bool = False, count: int | None = None) -> int:
    """Estimated peak memory (bytes) of :func:`halfspace_dichotomies` on ``points``.

    The result itself and twice more while chunks are merged into it, the
    buffer of generated labelings, the memo of sub-flats and one chunk's work
    arrays.  ``count`` is the number of dichotomies (e.g. from the
    characteristic polynomial); without it Cover's bound for the rank is used.

    >>> enumeration_memory("cube:6", count=15028134) // 2**20   # MiB
    759
    """
    pts = as_points(points)
    n = len(pts)
    if count is None:
        vec = integer_vectors(pts, homogeneous=homogeneous)
        count = cover_count(n, len(_pivot_columns(vec)))
    per = _labeling_bytes(n)
    work = 2 * _BUFFER * per + _MEMO_BYTES + 8 * _CHUNK_ENTRIES
    return 3 * count * per + min(work, 64 * count * per + 2**20)


def iter_halfspace_dichotomies(
    points: PointSet | Sequence[Sequence[object]] | str,
    homogeneous: bool = False,
    *,
    timeout: object = None,
    max_memory: object = None,
    count: int | None = None,
    candidates: tuple[int, int] | None = None,
) -> Iterator[np.ndarray]:
    """The halfspace dichotomies of ``points`` in chunks: each chunk sorted, the
    chunks disjoint, their union all of them (see :func:`halfspace_dichotomies`).

    ``candidates=(start, stop)`` keeps only the top-level hyperplane flats spanned
    by the (k−1)-subsets of lexicographic ranks ``start``..``stop − 1`` (out of
    :func:`top_candidates`), and yields the dichotomies those flats give: a part
    of the union of the claim in :func:`halfspace_dichotomies`.  Over ranges that
    cover ``0..top_candidates − 1`` the parts' union is every dichotomy (every
    flat is spanned by some (k−1)-subset); parts may overlap.  Shards of
    :mod:`verify.enumeration.shards` are such ranges.

    The peak memory (:func:`enumeration_memory`) is estimated first and the run
    refused beyond the budget (InvalidArgument with the estimate); so is, without
    a ``timeout``, a run over more than 10^7 top-level candidate flats ((k−1)-subsets
    of the n points, k the rank; e.g. ``cube:6``'s 7.5·10^7, about 40 minutes).
    When ``timeout`` passes, :class:`EnumerationTimeout` is raised between chunks
    (the chunks already yielded are dichotomies all the same).

    >>> sum(len(c) for c in iter_halfspace_dichotomies("cube:3"))
    104
    """
    pts = as_points(points)
    n = len(pts)
    deadline = Deadline(timeout)
    name = _name(points, n)
    require_memory(enumeration_memory(pts, homogeneous, count),
                   f"enumerating the halfspace dichotomies of {name}", max_memory)
    vectors = integer_vectors(pts, homogeneous=homogeneous)
    if np.any(np.all(vectors == 0, axis=1)):
        return
    cols = _pivot_columns(vectors)
    top = math.comb(n, len(cols) - 1)
    if candidates is not None:
        lo, hi = candidates
        if not (isinstance(lo, int) and isinstance(hi, int) and 0 <= lo <= hi <= top):
            raise InvalidArgument(f"candidates must be a range within 0..{top}, got {candidates!r}")
        top = hi - lo
    if top > _ENUM_WORK and deadline.seconds is None:
        raise BudgetExceeded(
            f"enumerating the halfspace dichotomies of {name} examines about {top:.1e} "
            f"hyperplane candidates (about {top * _SECONDS_PER_CANDIDATE / 60:.0f} min here); "
            f"at most {_ENUM_WORK:.0e} without --timeout: count them with --method poly")
    enum = _Enumerator(vectors, n, deadline)
    coords = vectors[:, cols]
    try:
        yield from enum.stream(coords, candidates)
    except _TimeUp:
        raise EnumerationTimeout(
            f"time-out after {deadline.limit_text()} while enumerating the halfspace "
            f"dichotomies of {name}") from None


def top_candidates(points: PointSet | Sequence[Sequence[object]] | str,
                   homogeneous: bool = False) -> int:
    """The number of top-level candidate subsets of the flat recursion: C(n, k − 1), k the rank.

    >>> top_candidates("cube:3"), top_candidates("grid:3:2")     # rank 4 and 3
    (56, 36)
    """
    pts = as_points(points)
    vectors = integer_vectors(pts, homogeneous=homogeneous)
    if np.any(np.all(vectors == 0, axis=1)):
        return 0
    return math.comb(len(pts), len(_pivot_columns(vectors)) - 1)


def combinations_from(n: int, r: int, start: int, stop: int) -> Iterator[tuple[int, ...]]:
    """The r-subsets of range(n) of lexicographic ranks start..stop − 1, without skipping.

    >>> list(combinations_from(4, 2, 2, 5))
    [(0, 3), (1, 2), (1, 3)]
    >>> list(combinations_from(4, 2, 0, 9)) == list(itertools.combinations(range(4), 2))
    True
    """
    stop = min(stop, math.comb(n, r))
    if start >= stop:
        return
    combo: list[int] = []
    rank, x = start, 0
    for i in range(r):  # unrank: the smallest first element whose block contains the rank
        while True:
            block = math.comb(n - x - 1, r - i - 1)
            if rank < block:
                break
            rank -= block
            x += 1
        combo.append(x)
        x += 1
    for _ in range(stop - start):
        yield tuple(combo)
        i = r - 1
        while i >= 0 and combo[i] == n - r + i:
            i -= 1
        if i < 0:
            return
        combo[i] += 1
        for j in range(i + 1, r):
            combo[j] = combo[j - 1] + 1


def halfspace_dichotomies(
    points: PointSet | Sequence[Sequence[object]] | str,
    homogeneous: bool = False,
    *,
    timeout: object = None,
    max_memory: object = None,
    count: int | None = None,
    show_progress: bool | None = None,
) -> np.ndarray:
    """All labelings of ``points`` realized by a halfspace, exactly.

    Parameters
    ----------
    points : PointSet, rows of rationals, or a spec such as ``"grid:3:2"``
        The point set (rational coordinates).
    homogeneous : bool
        If true, only halfspaces through the origin, ``sign(w·x)``.
    timeout : seconds, optional
        Raises :class:`EnumerationTimeout` when it passes.
    max_memory : optional
        Memory budget; an estimated peak (:func:`enumeration_memory`) beyond it
        is refused up front with the estimate.
    count : int, optional
        The number of dichotomies if known (from
        :func:`verify.geometry.chambers.chamber_count`): a sharper memory
        estimate, and the total of the progress bar (with its time estimate).

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
    dtype: Any = object if n > 64 else np.uint64
    chunks: list[np.ndarray] = []
    with progress(count, f"halfspace dichotomies of {_name(points, n)}",
                  enabled=show_progress) as bar:
        for chunk in iter_halfspace_dichotomies(points, homogeneous, timeout=timeout,
                                                max_memory=max_memory, count=count):
            chunks.append(chunk)
            bar.advance(len(chunk))
            if len(chunks) > 16:
                chunks = [np.concatenate(chunks)]
    if not chunks:
        return np.zeros(0, dtype=dtype)
    return np.sort(np.concatenate(chunks))


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
