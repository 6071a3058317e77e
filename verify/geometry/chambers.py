"""Chamber counts by the characteristic polynomial: halfspace dichotomies without listing them.

The affine halfspace dichotomies of points ``x_1, …, x_n`` in R^m are the
chambers (open cells) of the *central* arrangement of the hyperplanes
``{w : w·v_i = 0}`` in R^(m+1), ``v_i = (x_i, 1)``; homogeneous dichotomies are
those of the vectors ``v_i = x_i`` in R^m.  Parallel vectors (repeated points)
give one hyperplane.  Zaslavsky's theorem: the number of chambers is
``(−1)^l χ(−1) = b_0 + b_1 + … + b_l``, where
``χ(t) = Σ_k (−1)^k b_k t^(l−k)`` is the characteristic polynomial of the
arrangement in R^l and ``b_k ≥ 0`` are its Betti (Whitney) numbers.

Algorithm (exact, in integers)
------------------------------
Deletion–restriction, ``χ_A = χ_{A∖H} − χ_{A^H}``, organised as in
Brysiewicz, Eble and Kühne (*Enumerating chambers of hyperplane arrangements
with symmetry*, Discrete Comput. Geom. 2023): the hyperplanes are ordered
``H_0, …, H_{n−1}``; a node is a flat ``X`` (an intersection of hyperplanes,
given by independent ones) and an index ``t``, standing for the arrangement
``A(X, t) = {H_j ∩ X : j ≥ t}`` (distinct, non-degenerate ones).  Its children
are ``A(X, t+1)`` (delete ``H_t``) and ``A(X ∩ H_t, t+1)`` (restrict), so the
unsigned Betti numbers add: ``b_k(A) = b_k(A∖H) + b_{k−1}(A^H)``.  Each child
moves on to its next *unbroken* hyperplane (one that is not degenerate on the
flat and equals no later one; skipping the others changes no arrangement).
Closed forms end a branch: no hyperplane (``1``), one (``1, 1``), any
arrangement of rank ≤ 2 with ``h`` hyperplanes (``1, h, h − 1``), and of rank 3
(``1, h, Σ_L (c_L − 1), Σ_L (c_L − 1) − h + 1`` over its lines ``L`` with
``c_L`` hyperplanes, since ``χ(1) = 0``).

Nodes of the same index ``t`` whose flats lie in one orbit of the arrangement's
symmetries fixing ``{t, …, n−1}`` have isomorphic arrangements: they are merged
(their multiplicities add).  The flat's key is an image of its closure (the set
of hyperplanes containing it) under a group element found by greedy descent, so
merging is exact; more symmetry only means fewer nodes.  The symmetries used
are the signed permutations of coordinates that map the point set onto itself
(affine maps fixing its centroid; linear maps up to sign for homogeneous
vectors), found by an exact search (every candidate checked on every point):
the hyperoctahedral group for ``cube:n`` and ``grid:K:m``.

Restriction is fraction-free integer elimination with rows kept primitive; the
compiled kernel (numba) works in int64 and refuses (never wraps) when an entry
reaches 2^31 or Cover's bound on the count reaches 2^62.

>>> p = characteristic_polynomial("cube:2")      # 4 points of the square, lifted to R^3
>>> p.coefficients, p.chambers                    # t^3 - 4t^2 + 6t - 3; 14 = OEIS A000609(2)
([1, -4, 6, -3], 14)
>>> chamber_count([[1], [2], [-3]], homogeneous=True)
2
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from verify.errors import BudgetExceeded, InvalidArgument
from verify.geometry.dichotomies import (
    _independent_rows,
    _pivot_columns,
    cover_count,
    integer_vectors,
)
from verify.geometry.pointsets import Point, PointSet, as_points, points_from_rows
from verify.limits import Deadline, current_max_memory, format_bytes, require_memory
from verify.progress import progress

__all__ = [
    "CharacteristicPolynomial",
    "chamber_count",
    "characteristic_polynomial",
    "characteristic_polynomial_of_vectors",
    "point_symmetry_group",
]

PointsLike = PointSet | Sequence[Sequence[object]] | str

_COUNT_LIMIT = 2**62
_GROUP_BYTES = 2**27  # largest symmetry group table kept (cube:7: 645,120 x 128 bytes)
_SEARCH_WORK = 2 * 10**8  # candidate maps x points examined by the symmetry search
_LINE_WORK = 10**11  # cross products of a rank-3 arrangement (line counting) attempted


@dataclass(frozen=True)
class CharacteristicPolynomial:
    """χ(t) = Σ_k (−1)^k b_k t^(l−k) of a central arrangement in R^l.

    ``betti[k] = b_k`` (unsigned Whitney numbers of the first kind); the number
    of chambers is their sum.  An arrangement with a degenerate "hyperplane"
    (a zero vector: a point at the origin, homogeneous) has χ = 0 and no chamber.
    """

    dimension: int
    betti: tuple[int, ...]
    hyperplanes: int
    provenance: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def coefficients(self) -> list[int]:
        """Integer coefficients of χ from the highest degree (t^l) down to t^0."""
        return [(-1) ** k * b for k, b in enumerate(self.betti)]

    @property
    def chambers(self) -> int:
        return sum(self.betti)

    @property
    def rank(self) -> int:
        return max((k for k, b in enumerate(self.betti) if b), default=0)

    def evaluate(self, t: int | Fraction) -> int | Fraction:
        """χ(t), exactly.

        >>> characteristic_polynomial([[0], [1]]).evaluate(-1)   # (-1)^2 chi(-1) = 4
        4
        """
        return sum(c * t ** (self.dimension - k) for k, c in enumerate(self.coefficients))

    def text(self) -> str:
        """χ as text, e.g. ``t^3 - 4t^2 + 6t - 3``."""
        terms: list[str] = []
        for k, c in enumerate(self.coefficients):
            if c == 0:
                continue
            e = self.dimension - k
            mag = abs(c)
            mono = "" if e == 0 else ("t" if e == 1 else f"t^{e}")
            body = str(mag) if e == 0 or mag != 1 else ""
            term = body + mono
            sign = "-" if c < 0 else "+"
            terms.append(term if not terms and sign == "+" else f"{sign} {term}" if terms
                         else f"-{term}")
        return " ".join(terms) if terms else "0"


# ---------------------------------------------------------------------------------------------
# hyperplanes and their symmetries


def _canonical_rows(vectors: np.ndarray, homogeneous: bool) -> list[tuple[int, ...]]:
    rows = [tuple(int(v) for v in r) for r in vectors.tolist()]
    if not homogeneous:
        return rows  # primitive with last entry > 0: already canonical
    out = []
    for r in rows:
        first = next((v for v in r if v), 0)
        out.append(tuple(-v for v in r) if first < 0 else r)
    return out


def _distinct_hyperplanes(
    pts: Sequence[Point], homogeneous: bool, look: Callable[[], None] | None = None,
) -> tuple[list[tuple[int, ...]], list[int], bool]:
    """Distinct hyperplane normals (first-occurrence order), the point of each, zero seen
    (``look`` called every 16384 points, see :func:`integer_vectors`)."""
    vectors = integer_vectors(pts, homogeneous=homogeneous, look=look)
    if look is not None:
        look()
    rows = _canonical_rows(vectors, homogeneous)
    seen: dict[tuple[int, ...], int] = {}
    reps: list[int] = []
    zero = False
    for i, r in enumerate(rows):
        if not any(r):
            zero = True
            continue
        if r not in seen:
            seen[r] = len(reps)
            reps.append(i)
    return list(seen), reps, zero


_CHUNK = 1 << 14  # points converted between two looks at the clock


class _Late(Exception):
    """The deadline passed while the symmetry search read its points."""


def _look(clock: Deadline) -> None:
    if clock.expired():
        raise _Late


def _points_in_time(points: PointsLike, clock: Deadline) -> tuple[Point, ...]:
    """``as_points(points)``, rows validated with a look at ``clock`` every few thousand
    (``_Late`` past it)."""
    if isinstance(points, str | PointSet):
        return as_points(points)
    return points_from_rows(list(points), tick=lambda: _look(clock))


def _symmetry_search_bytes(n: int, m: int) -> int:
    """Memory of :func:`point_symmetry_group` on ``n`` points in ``R^m`` (an upper
    estimate): the points validated again, their set and their integer rows (Python
    objects, about 120 + 260·m bytes a point), the images of every point under the
    2^m sign choices with their positions (24·2^m bytes a point), and the group table
    with its copies (5 bytes per entry of at most m!·2^m rows of n points).  Measured
    peaks (tracemalloc): grid:1000:2 626 MiB (estimate 854 MiB), cube:7 356 MiB
    (394 MiB).

    >>> _symmetry_search_bytes(10**6, 2) // 2**20, _symmetry_search_bytes(128, 7) // 2**20
    (854, 394)
    """
    itemsize = 1 if n <= 256 else 2 if n <= 65536 else 4
    return (n * (120 + 260 * m) + 24 * 2**m * n
            + 5 * math.factorial(m) * 2**m * n * itemsize)


def _distinct_in_time(points: PointsLike, clock: Deadline) -> tuple[Point, ...] | None:
    """The points, checked to be distinct (InvalidArgument), or None past ``clock``."""
    try:
        pts = _points_in_time(points, clock)
        seen: set[Point] = set()
        for lo in range(0, len(pts), _CHUNK):
            _look(clock)
            seen.update(pts[lo:lo + _CHUNK])
    except _Late:
        return None
    if len(seen) != len(pts):
        raise InvalidArgument("point_symmetry_group: repeated points; remove them first")
    return pts


def _integer_rows_in_time(pts: Sequence[Point], clock: Deadline) -> list[list[int]] | None:
    """The points times the common denominator of their coordinates (integer rows), or
    None past ``clock`` (read every few thousand points)."""
    den = 1
    for lo in range(0, len(pts), _CHUNK):
        if clock.expired():
            return None
        den = math.lcm(den, *(c.denominator for p in pts[lo:lo + _CHUNK] for c in p))
    rows: list[list[int]] = []
    for lo in range(0, len(pts), _CHUNK):
        if clock.expired():
            return None
        rows.extend([c.numerator * (den // c.denominator) for c in p]
                    for p in pts[lo:lo + _CHUNK])
    return rows


def _images_in_table(
    Y: np.ndarray, big: int, powers: np.ndarray, homogeneous: bool, dtype: type,
    clock: Deadline,
) -> list[np.ndarray] | None:
    """For each permutation of the coordinates and each choice of signs that maps the
    integer rows ``Y`` (entries in [−big, big]) onto themselves (homogeneous: up to the
    sign of each row), the point permutation it induces; None past ``clock`` (read before
    each permutation of the coordinates).  A row is looked up by its key in base
    ``2·big + 1`` (``powers``)."""
    n, m = Y.shape
    keys = (Y + big) @ powers
    table_keys, table_idx = keys, np.arange(n)
    if homogeneous:
        table_keys = np.concatenate([keys, (-Y + big) @ powers])
        table_idx = np.concatenate([table_idx, table_idx])
    order = np.argsort(table_keys, kind="stable")
    sorted_keys, sorted_idx = table_keys[order], table_idx[order]
    signs = np.array(list(np.ndindex(*(2,) * m)), dtype=np.int64).reshape(-1, m)
    signs = 1 - 2 * signs  # (2^m, m): first row all +1
    found: list[np.ndarray] = []
    for perm in itertools.permutations(range(m)):
        if clock.expired():
            return None
        cols = Y[:, list(perm)]  # (n, m): coordinate c of the image takes coordinate perm[c]
        img = signs @ (cols * powers).T + big * int(powers.sum())  # (2^m, n)
        pos = np.searchsorted(sorted_keys, img)
        pos = np.minimum(pos, len(sorted_keys) - 1)
        ok = np.all(sorted_keys[pos] == img, axis=1)
        if ok.any():
            found.append(sorted_idx[pos[ok]].astype(dtype))
    return found


def _group_identity_first(
    found: list[np.ndarray], Y: np.ndarray, homogeneous: bool, dtype: type,
) -> np.ndarray:
    """The point permutations ``found`` as a group table: each once when different maps
    can induce one permutation (the points do not span affinely, or homogeneous), the
    identity first, the others in the order found."""
    n, m = Y.shape
    group = np.ascontiguousarray(np.concatenate(found))
    lifted = np.hstack([Y, np.ones((n, 1), dtype=np.int64)])
    spanning = not homogeneous and len(_pivot_columns(lifted)) == m + 1
    if not spanning:
        # different maps can induce one permutation (e.g. x -> -x on vectors up to sign)
        _, first = np.unique(group.view(np.dtype((np.void, group.shape[1] * group.itemsize))),
                             return_index=True)
        group = group[np.sort(first)]
    ident: np.ndarray = np.arange(n, dtype=dtype)
    rest = group[np.any(group != ident, axis=1)]
    return np.vstack([ident[None, :], rest])


def point_symmetry_group(
    points: PointsLike, homogeneous: bool = False, max_work: int = _SEARCH_WORK,
    deadline: Deadline | None = None,
) -> np.ndarray | None:
    """Every signed permutation of coordinates that maps the points onto themselves.

    Affine case: maps ``x ↦ S(x − c) + c`` (``c`` the centroid, ``S`` a signed
    permutation matrix); homogeneous: ``x ↦ ±Sx`` up to sign of each vector
    (a hyperplane ``w·x = 0`` does not see the sign of ``x``).  Repeated points
    must be removed first.  Returns the group as an array of point permutations
    (row ``g``: ``g[i] = j`` iff the map sends point i to point j; the identity
    first), or None when the search would exceed ``max_work``
    (candidates × points), e.g. beyond 7 coordinates, or the memory budget
    (:func:`_symmetry_search_bytes`), or when ``deadline`` passes before it ends
    (the clock is read every 16384 points while the points are converted, and
    before every permutation of the coordinates): the group only speeds up the
    work that needs it, which then meets the deadline itself.

    Examples
    --------
    >>> len(point_symmetry_group("cube:3"))     # the hyperoctahedral group B_3
    48
    >>> len(point_symmetry_group("grid:3:2")), len(point_symmetry_group([[0], [1], [3]]))
    (8, 1)
    >>> len(point_symmetry_group([[1, 0], [0, 1], [1, 1]], homogeneous=True))
    2
    """
    clock = deadline if deadline is not None else Deadline(None)
    pts = _distinct_in_time(points, clock)
    if pts is None:
        return None
    n, m = len(pts), len(pts[0])
    candidates = math.factorial(m) * 2**m
    if candidates * n > max_work or _symmetry_search_bytes(n, m) > current_max_memory():
        return None
    rows = _integer_rows_in_time(pts, clock)
    if rows is None:
        return None
    Z = np.array(rows, dtype=object)
    if not homogeneous:
        Z = Z * n - Z.sum(axis=0)
    big = int(np.max(np.abs(Z))) if Z.size else 0
    base = 2 * big + 1
    if base**m >= 2**62:
        return None
    Y = Z.astype(np.int64)
    powers = np.array([base**c for c in range(m)], dtype=np.int64)
    dtype = np.uint8 if n <= 256 else np.uint16 if n <= 65536 else np.int32
    found = _images_in_table(Y, big, powers, homogeneous, dtype, clock)
    if found is None or clock.expired():
        return None
    return _group_identity_first(found, Y, homogeneous, dtype)


def _group_of_hyperplanes(
    pts: Sequence[Point], reps: list[int], homogeneous: bool, deadline: Deadline | None = None,
) -> np.ndarray | None:
    if len(reps) < 2:
        return None
    chosen = [pts[i] for i in reps]
    if homogeneous:
        # one primitive vector per hyperplane: the signed search then acts up to sign
        rows = integer_vectors(chosen, homogeneous=True)
        if rows.dtype == object:
            return None
        chosen = [tuple(Fraction(int(v)) for v in r) for r in rows.tolist()]
    n, m = len(chosen), len(chosen[0])
    if math.factorial(m) * 2**m * n > _SEARCH_WORK:
        return None
    itemsize = 1 if n <= 256 else 2 if n <= 65536 else 4
    if math.factorial(m) * 2**m * n * itemsize > _GROUP_BYTES:
        return None
    g = point_symmetry_group(chosen, homogeneous=homogeneous, deadline=deadline)
    return None if g is None or len(g) < 2 else g


def _level_elements(group: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """For each level t, some elements of the stabilizer of {t, …, n−1} (not the identity).

    g fixes {t, …, n−1} setwise iff it maps {0, …, t−1} onto itself, i.e. iff
    max(g[0:t]) = t − 1.  All elements are kept when there are few, otherwise a
    fixed pseudo-random choice of 2n of them (any choice keeps merging exact).
    """
    size = len(group)
    cap = max(64, 2 * n)
    rng = np.random.default_rng(0)
    lists: list[np.ndarray] = []
    running = np.full(size, -1, dtype=np.int64)
    for t in range(n):
        if t > 0:
            running = np.maximum(running, group[:, t - 1].astype(np.int64))
            members = np.nonzero(running == t - 1)[0]
        else:
            members = np.arange(size)
        members = members[members != 0]  # row 0 is the identity
        if len(members) > cap:
            members = np.sort(rng.choice(members, size=cap, replace=False))
        lists.append(members)
    lists.append(np.zeros(0, dtype=np.int64))
    offsets = np.zeros(n + 2, dtype=np.int64)
    offsets[1:] = np.cumsum([len(x) for x in lists])
    return np.concatenate(lists).astype(np.int64), offsets


# ---------------------------------------------------------------------------------------------
# the computation


def _refuse_big(what: str, reason: str) -> InvalidArgument:
    return InvalidArgument(
        f"the characteristic polynomial of {what} is out of the int64 kernel's range ({reason}); "
        "count by enumeration instead (--method enumerate)"
    )


def characteristic_polynomial_of_vectors(
    vectors: Sequence[Sequence[int]] | np.ndarray,
    *,
    group: np.ndarray | None = None,
    timeout: object = None,
    max_memory: object = None,
    what: str = "the arrangement",
    show_progress: bool | None = None,
) -> CharacteristicPolynomial:
    """χ of the central arrangement ``{w : w·v = 0}`` of integer vectors ``v``.

    Parameters
    ----------
    vectors : rows of integers (all of one length l)
        Parallel vectors give one hyperplane; a zero vector gives χ = 0.
    group : array of permutations of the *distinct* hyperplanes, optional
        Symmetries (each must be induced by a linear map permuting the
        hyperplanes; the caller vouches for it).  Default: none.
    timeout : seconds, optional
        Stops with InvalidArgument (the polynomial is then unknown).
    max_memory : optional
        Memory budget; stored nodes beyond it stop the run with the estimate.

    Examples
    --------
    >>> braid = [[1, -1, 0, 0], [1, 0, -1, 0], [1, 0, 0, -1], [0, 1, -1, 0], [0, 1, 0, -1],
    ...          [0, 0, 1, -1]]                  # e_i - e_j: chi = t(t-1)(t-2)(t-3)
    >>> characteristic_polynomial_of_vectors(braid).coefficients
    [1, -6, 11, -6, 0]
    """
    rows = [tuple(int(v) for v in r) for r in (vectors.tolist() if isinstance(vectors, np.ndarray)
                                                  else vectors)]
    if not rows:
        raise InvalidArgument("an arrangement needs at least one vector")
    ell = len(rows[0])
    if ell == 0 or any(len(r) != ell for r in rows):
        raise InvalidArgument("the vectors must be non-empty and of one length")
    canon: dict[tuple[int, ...], None] = {}
    zero = False
    for r in rows:
        if not any(r):
            zero = True
            continue
        g = math.gcd(*r)
        first = next(v for v in r if v)
        d = g if first > 0 else -g
        canon.setdefault(tuple(v // d for v in r), None)
    distinct = list(canon)
    if group is not None and (group.ndim != 2 or group.shape[1] != len(distinct)):
        raise InvalidArgument("group: each row must permute the distinct hyperplanes")
    return _solve(distinct, ell, zero, group, Deadline(timeout), max_memory, what, show_progress)


def _solve(
    distinct: list[tuple[int, ...]],
    ell: int,
    zero: bool,
    group: np.ndarray | None,
    deadline: Deadline,
    max_memory: object,
    what: str,
    show_progress: bool | None,
) -> CharacteristicPolynomial:
    start = time.monotonic()
    n = len(distinct)
    prov: dict[str, Any] = {"algorithm": "deletion-restriction with symmetry (numba int64 kernel)",
                            "hyperplanes": n, "group_order": 1 if group is None else len(group)}
    if zero or n == 0:
        betti = [0] * (ell + 1) if zero else [1] + [0] * ell
        prov["note"] = "a zero vector: no hyperplane through it is strict, no chamber" if zero \
            else "no hyperplane"
        return CharacteristicPolynomial(ell, tuple(betti), n, prov)
    if max(abs(v) for r in distinct for v in r) >= 2**31:
        raise _refuse_big(what, "an entry of the vectors reaches 2^31")
    from verify.geometry import _chambers_kernel as kern

    V0 = np.array(distinct, dtype=np.int64)
    found = _independent_rows(V0)
    if found is None:
        raise _refuse_big(what, "an entry reached 2^31 during elimination")
    basis = found
    r = len(basis)
    if cover_count(n, r) >= _COUNT_LIMIT:
        raise _refuse_big(what, f"Cover's bound on the count, {cover_count(n, r)}, reaches 2^62")
    cols = _pivot_columns(V0[basis])
    V = np.ascontiguousarray(V0[:, cols])
    kern.normalize_rows(V, r)
    prov["rank"] = r
    acc = np.zeros(max(ell, r) + 4, dtype=np.int64)
    if r <= 3:
        _root_closed_form(V, r, group, acc, deadline, what)
        prov["nodes"] = 1
    else:
        prov["nodes"] = _tree(V, r, group, acc, deadline, max_memory, what, show_progress)
    out = [int(b) for b in acc[: ell + 1]]
    prov["seconds"] = round(time.monotonic() - start, 3)
    return CharacteristicPolynomial(ell, tuple(out), n, prov)


def _root_closed_form(
    V: np.ndarray, r: int, group: np.ndarray | None, betti: np.ndarray, deadline: Deadline,
    what: str,
) -> None:
    from verify.geometry import _chambers_kernel as kern

    n = len(V)
    betti[0] = 1
    betti[1] = n
    if r == 2:
        betti[2] = n - 1
    if r != 3:
        return
    if group is not None:
        mins = group.min(axis=0).astype(np.int64)
        weights = np.where(mins == np.arange(n), np.bincount(mins, minlength=n), 0)
    else:
        weights = np.ones(n, dtype=np.int64)
    weights = weights.astype(np.int64)
    dist = np.arange(n, dtype=np.int64)
    hist = np.zeros(n + 2, dtype=np.int64)
    reps = np.nonzero(weights)[0]
    work = len(reps) * n
    if work > _LINE_WORK:
        raise BudgetExceeded(
            f"the characteristic polynomial of {what} needs about {work:.1e} cross products "
            f"(hours at about 10^8 a second); at most {_LINE_WORK:.0e} are attempted")
    step = max(1, 20_000_000 // max(n, 1))
    with progress(len(reps), f"lines of {what}") as bar:
        for lo in range(0, len(reps), step):
            if deadline.expired():
                raise BudgetExceeded(
                    f"time-out after {deadline.limit_text()}: the characteristic polynomial of "
                    f"{what} was not finished")
            w = np.zeros(n, dtype=np.int64)
            chunk = reps[lo: lo + step]
            w[chunk] = weights[chunk]
            if not kern.lines_histogram(V, dist, n, w, hist):
                raise _refuse_big(what, "an entry reached 2^31")
            bar.advance(len(chunk))
    b2 = 0
    for c in range(2, n + 2):
        if hist[c] % c:
            raise AssertionError("symmetry weights do not divide the line counts")
        b2 += int(hist[c] // c) * (c - 1)
    betti[2] = b2
    betti[3] = b2 - n + 1


def _merge(chunks: list[tuple[np.ndarray, ...]]) -> tuple[np.ndarray, ...]:
    """Merge pending nodes with equal keys (multiplicities add)."""
    R = np.concatenate([c[0] for c in chunks])
    K = np.concatenate([c[1] for c in chunks])
    mult = np.concatenate([c[2] for c in chunks])
    keys = np.concatenate([c[3] for c in chunks])
    if len(chunks) == 1 and len(keys) <= 1:
        return R, K, mult, keys
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    total = np.zeros(len(first), dtype=np.int64)
    np.add.at(total, inverse.reshape(-1), mult)
    return R[first], K[first], total, keys[first]


def _group_tables(group: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The kernel's view of the symmetry group: its rows (the identity alone when there is
    no group) and, per level, the elements that may merge its nodes (see
    :func:`_level_elements`)."""
    if group is None:
        G = np.zeros((1, n), dtype=np.uint8 if n <= 256 else np.int32)
        return G, np.zeros(0, dtype=np.int64), np.zeros(n + 2, dtype=np.int64)
    return (group, *_level_elements(group, n))


class _Pending:
    """The tree's nodes waiting for their index ``t``: chunks of rows (flat, closure form,
    multiplicity, key), merged by key when a level holds many (:func:`_merge`), and the
    number of rows stored in all."""

    def __init__(self, r: int, words: int) -> None:
        self.chunks: dict[int, list[tuple[np.ndarray, ...]]] = {
            0: [(np.zeros((1, r), dtype=np.int32), np.zeros(1, dtype=np.int8),
                 np.ones(1, dtype=np.int64), np.zeros((1, words), dtype=np.uint64))]
        }
        self.sizes = {0: 1}
        self.stored = 1

    def take(self, t: int) -> tuple[np.ndarray, ...] | None:
        """The nodes of index ``t``, merged (None when there are none)."""
        if t not in self.chunks:
            return None
        R, K, mult, _ = _merge(self.chunks.pop(t))
        self.stored -= self.sizes.pop(t)
        return R, K, mult

    def add(self, level: np.ndarray, rows: tuple[np.ndarray, ...]) -> None:
        """File the children ``rows`` (flats, forms, multiplicities, keys) under their
        next index ``level``."""
        order = np.argsort(level, kind="stable")
        cuts = np.flatnonzero(np.diff(level[order])) + 1
        for part in np.split(order, cuts):
            target = int(level[part[0]])
            self.chunks.setdefault(target, []).append(tuple(a[part] for a in rows))
            self.sizes[target] = self.sizes.get(target, 0) + len(part)
            self.stored += len(part)
            if len(self.chunks[target]) > 8 and self.sizes[target] > 100_000:
                merged = _merge(self.chunks[target])
                self.stored += len(merged[0]) - self.sizes[target]
                self.chunks[target] = [merged]
                self.sizes[target] = len(merged[0])


def _expand(
    kern: Any, V: np.ndarray, r: int, t: int, nodes: tuple[np.ndarray, ...],
    tables: tuple[np.ndarray, np.ndarray, np.ndarray], W: int, betti: np.ndarray,
) -> tuple[int, np.ndarray, tuple[np.ndarray, ...], float]:
    """One chunk of index-``t`` nodes through the kernel: the number of children it
    returns (negative: an entry reached 2^31), their next indices, their rows, and the
    kernel's time (closed forms are added to ``betti`` by the kernel)."""
    R, K, mult = nodes
    m = len(R)
    level_out = np.zeros(2 * m, dtype=np.int64)
    R_out = np.zeros((2 * m, r), dtype=np.int32)
    K_out = np.zeros(2 * m, dtype=np.int8)
    mult_out = np.zeros(2 * m, dtype=np.int64)
    key_out = np.zeros((2 * m, W), dtype=np.uint64)
    began = time.monotonic()
    nout = kern.expand_level(V, r, t, R, K.astype(np.int64), mult, *tables, W, betti,
                             level_out, R_out, K_out, mult_out, key_out)
    spent = time.monotonic() - began
    rows = (R_out[:nout], K_out[:nout], mult_out[:nout], key_out[:nout])
    return nout, level_out[:max(nout, 0)], rows, spent


def _next_chunk(chunk: int, spent: float) -> int:
    """The next chunk's size: doubled, but aiming at half a second of kernel time.

    >>> _next_chunk(64, 0.0), _next_chunk(64, 0.001), _next_chunk(64, 1.0)
    (128, 128, 32)
    """
    return max(1, min(chunk * 2, int(chunk * 0.5 / spent))) if spent > 0 else chunk * 2


def _tree(
    V: np.ndarray, r: int, group: np.ndarray | None, betti: np.ndarray, deadline: Deadline,
    max_memory: object, what: str, show_progress: bool | None,
) -> int:
    from verify.geometry import _chambers_kernel as kern

    n = len(V)
    W = (n + 63) // 64
    tables = _group_tables(group, n)
    row_bytes = 4 * r + 1 + 8 + 8 * W
    budget = current_max_memory(max_memory)
    pending = _Pending(r, W)
    processed = 0
    chunk = 64
    with progress(n, f"characteristic polynomial of {what}", enabled=show_progress) as bar:
        for t in range(n):
            bar.advance()
            nodes = pending.take(t)
            lo = 0
            while nodes is not None and lo < len(nodes[0]):
                if deadline.expired():
                    raise BudgetExceeded(
                        f"time-out after {deadline.limit_text()}: the characteristic polynomial "
                        f"of {what} was not finished ({processed} nodes done)")
                hi = min(len(nodes[0]), lo + chunk)
                nout, level, rows, spent = _expand(
                    kern, V, r, t, tuple(a[lo:hi] for a in nodes), tables, W, betti)
                if nout < 0:
                    raise _refuse_big(what, "an entry reached 2^31 during elimination")
                processed += hi - lo
                lo = hi
                chunk = _next_chunk(chunk, spent)
                if nout == 0:
                    continue
                pending.add(level, rows)
                if pending.stored * row_bytes > budget:
                    require_memory(pending.stored * row_bytes * 2, f"the characteristic "
                                   f"polynomial of {what} (more than "
                                   f"{format_bytes(pending.stored * row_bytes)} of stored nodes "
                                   "so far)", budget)
    return processed


def characteristic_polynomial(
    points: PointsLike,
    homogeneous: bool = False,
    *,
    symmetry: bool = True,
    timeout: object = None,
    max_memory: object = None,
    show_progress: bool | None = None,
) -> CharacteristicPolynomial:
    """χ of the arrangement whose chambers are the halfspace dichotomies of ``points``.

    The lifted vectors ``(x, 1)`` in R^(m+1) (``homogeneous``: the points
    themselves in R^m); ``chambers`` is the number of dichotomies, which
    :func:`verify.geometry.dichotomies.halfspace_dichotomies` lists.

    Parameters
    ----------
    points : spec, PointSet or rows of rationals
    homogeneous : bool
        Halfspaces through the origin only.
    symmetry : bool
        Merge isomorphic nodes under the point set's signed-permutation symmetries.
    timeout : seconds, optional
        Beyond it: InvalidArgument (no partial answer exists).
    max_memory : optional
        Memory budget for the stored nodes (default: the process's).

    Examples
    --------
    >>> characteristic_polynomial("grid:3:2").chambers          # 2 x OEIS A114043(3)
    58
    >>> characteristic_polynomial([[0, 0], [1, 1], [2, 2]]).coefficients   # collinear: t(t-1)(t-2)
    [1, -3, 2, 0]
    >>> characteristic_polynomial([[0, 0], [1, 2]], homogeneous=True).chambers  # the origin
    0
    """
    ps = points if isinstance(points, PointSet) else None
    pts = as_points(points)
    what = (ps.name if ps is not None and ps.name else
            points if isinstance(points, str) else f"{len(pts)} points")
    deadline = Deadline(timeout)  # one clock: the points' vectors, the symmetries, the count

    def look() -> None:
        if deadline.expired():
            raise BudgetExceeded(f"time-out after {deadline.limit_text()}: the characteristic "
                                 f"polynomial of {what} was not finished")

    distinct, reps, zero = _distinct_hyperplanes(pts, homogeneous, look)
    group = None
    if symmetry and not zero and distinct and max(abs(v) for r in distinct for v in r) < 2**31:
        group = _group_of_hyperplanes(pts, reps, homogeneous, deadline)
    ell = len(pts[0]) + (0 if homogeneous else 1)
    res = _solve(distinct, ell, zero, group, deadline, max_memory, what, show_progress)
    res.provenance["homogeneous"] = homogeneous
    return res


def chamber_count(points: PointsLike, homogeneous: bool = False, **kwargs: Any) -> int:
    """The number of halfspace dichotomies of ``points``, from χ (see above).

    >>> chamber_count("cube:4")     # OEIS A000609(4)
    1882
    """
    return characteristic_polynomial(points, homogeneous, **kwargs).chambers
