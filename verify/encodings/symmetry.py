"""Symmetries of a point set that act exactly on networks and labelings.

A symmetry is an affine map ``g(x) = A·x + t`` with ``A`` a signed permutation
matrix that maps the point set onto itself (``t`` is forced: g fixes the
centroid).  If a network f labels ``x_i`` with ``y_i`` then the network
``f∘g⁻¹`` — same architecture, first layer ``W·Aᵀ``, bias ``b − W·Aᵀ·t`` —
labels ``g(x_i) = x_{π(i)}`` with ``y_i``.  Label negation is a symmetry of every
class here: ``−f`` negates the last layer.  The maps fixing the set form a
group, so orbits of labelings under (point symmetries × negation) are exact.

>>> from verify.geometry.pointsets import grid
>>> len(point_symmetries(grid(3, 2)))
8
>>> len(point_symmetries(grid(3, 2), integral_only=True))
2
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from verify.geometry.pointsets import Point
from verify.nets.network import Layer, ReLUNet

__all__ = ["PointSymmetry", "orbit", "point_symmetries", "transform_labels", "transform_net"]


@dataclass(frozen=True)
class PointSymmetry:
    """``g(x)_k = sign[k]·x_{perm[k]} + shift[k]`` and the point permutation it induces.

    ``image[i] = j`` means ``g(x_i) = x_j``.
    """

    perm: tuple[int, ...]
    sign: tuple[int, ...]
    shift: tuple[Fraction, ...]
    image: tuple[int, ...]

    def apply(self, x: Sequence[Fraction]) -> Point:
        return tuple(s * x[p] + t for p, s, t in zip(self.perm, self.sign, self.shift, strict=True))


def point_symmetries(points: Sequence[Point], integral_only: bool = False) -> list[PointSymmetry]:
    """Every signed-permutation affine map that maps ``points`` onto itself.

    The group is :func:`verify.geometry.chambers.point_symmetry_group` (one
    implementation); here each of its point permutations gets the affine map that
    induces it (:func:`_inducing_map`), which is what acts on networks.  One map per
    induced permutation of the points; the identity comes first.  ``integral_only``
    keeps the maps with no reflection and no shift (coordinate permutations), the
    ones that keep the integer-weight classes ``int:Q`` closed.  Repeated points,
    or a group too large to search, give the identity alone (sound: fewer
    symmetries only mean more work).

    Examples
    --------
    >>> from verify.geometry.pointsets import cube
    >>> [s.perm for s in point_symmetries(cube(2), integral_only=True)]
    [(0, 1), (1, 0)]
    >>> len(point_symmetries([(Fraction(0),), (Fraction(1),), (Fraction(3),)]))
    1
    """
    pts = tuple(tuple(p) for p in points)
    if len(pts) <= _CACHED_POINTS:
        return list(_cached_symmetries(pts, integral_only))
    return list(_symmetries(pts, integral_only))


_CACHED_POINTS = 64
"""Groups of point sets this small are kept (the last 8): one run of the per-orbit driver
asks for the same group three times (0.75 s each on grid:4:2)."""


@lru_cache(maxsize=8)
def _cached_symmetries(pts: tuple[Point, ...], integral_only: bool) -> tuple[PointSymmetry, ...]:
    return _symmetries(pts, integral_only)


def _symmetries(pts: tuple[Point, ...], integral_only: bool) -> tuple[PointSymmetry, ...]:
    from verify.geometry.chambers import point_symmetry_group

    n, m = len(pts), len(pts[0])
    if len(set(pts)) != n:
        return (_identity(n, m),)
    group = point_symmetry_group(list(pts))
    if group is None:
        return (_identity(n, m),)
    found = []
    for row in group.tolist():
        sym = _inducing_map(list(pts), tuple(int(j) for j in row), integral_only)
        if sym is not None:
            found.append(sym)
    return tuple(found)


def _inducing_map(
    pts: Sequence[Point], image: tuple[int, ...], integral_only: bool
) -> PointSymmetry | None:
    """A map ``x ↦ (sign[k]·x[perm[k]] + shift[k])_k`` sending point i to ``image[i]``.

    For each coordinate k of the image the candidates are the (source coordinate,
    sign) pairs for which ``x_{image[i]}[k] − sign·x_i[source]`` is one constant
    over all points; a choice of one candidate per k with distinct sources is the
    map (searched depth first, the identity-like candidates first).  With
    ``integral_only`` only sign +1 and shift 0 are allowed.  None if no choice
    exists (then the permutation has no such map; with ``integral_only`` the
    common case).
    """
    m = len(pts[0])
    options: list[list[tuple[int, int, Fraction]]] = []
    for k in range(m):
        row = []
        for src in range(m):
            for sign in (1, -1):
                shifts = {pts[j][k] - sign * pts[i][src] for i, j in enumerate(image)}
                if len(shifts) == 1:
                    shift = shifts.pop()
                    if not integral_only or (sign == 1 and shift == 0):
                        row.append((src, sign, shift))
        row.sort(key=lambda o: (o[2] != 0, o[1] < 0, o[0] != k))
        options.append(row)
    chosen: list[tuple[int, int, Fraction]] = []

    def search(k: int) -> bool:
        if k == m:
            return True
        for opt in options[k]:
            if all(opt[0] != c[0] for c in chosen):
                chosen.append(opt)
                if search(k + 1):
                    return True
                chosen.pop()
        return False

    if not search(0):
        return None
    return PointSymmetry(tuple(c[0] for c in chosen), tuple(c[1] for c in chosen),
                         tuple(c[2] for c in chosen), image)


def _identity(n: int, m: int) -> PointSymmetry:
    return PointSymmetry(tuple(range(m)), (1,) * m, (Fraction(0),) * m, tuple(range(n)))


def transform_labels(bits: int, sym: PointSymmetry, negate: bool = False) -> int:
    """The bit-packed labeling of the transformed network.

    >>> from verify.geometry.pointsets import cube
    >>> swap = point_symmetries(cube(2), integral_only=True)[1]
    >>> transform_labels(0b0010, swap), transform_labels(0b0010, swap, negate=True)
    (4, 11)
    """
    n = len(sym.image)
    out = 0
    for i, j in enumerate(sym.image):
        if (bits >> i) & 1:
            out |= 1 << j
    return out ^ ((1 << n) - 1) if negate else out


def transform_net(net: ReLUNet, sym: PointSymmetry, negate: bool = False) -> ReLUNet:
    """``± f∘g⁻¹``: labels ``g(x_i)`` as f labels ``x_i`` (negated if asked).

    >>> from verify.geometry.pointsets import grid
    >>> g = point_symmetries(grid(2, 1))[1]          # x -> 3/2 - x
    >>> f = ReLUNet.from_lists([([[1]], ["-3/4"]), ([[1]], ["-1/8"])])
    >>> f2 = transform_net(f, g)
    >>> [f.classify(x) for x in grid(2, 1)], [f2.classify(x) for x in grid(2, 1)]
    ([-1, 1], [1, -1])
    """
    first = net.layers[0]
    m = len(first.weights[0])
    # g^{-1}(x) = A^T (x - t); (A^T x)_{perm[k]} = sign[k] x_k.
    rows = []
    bias = []
    for row, b in zip(first.weights, first.bias, strict=True):
        new = [Fraction(0)] * m
        for k in range(m):
            new[k] = row[sym.perm[k]] * sym.sign[k]
        rows.append(tuple(new))
        bias.append(b - sum((new[k] * sym.shift[k] for k in range(m)), Fraction(0)))
    layers = [Layer(tuple(rows), tuple(bias)), *net.layers[1:]]
    if negate:
        last = layers[-1]
        layers[-1] = Layer(
            tuple(tuple(-v for v in r) for r in last.weights), tuple(-v for v in last.bias)
        )
    return ReLUNet(tuple(layers))


def orbit(
    bits: int, net: ReLUNet, syms: Sequence[PointSymmetry], negation: bool = True,
    elements: Sequence[tuple[PointSymmetry, bool]] | None = None,
) -> dict[int, ReLUNet]:
    """All labelings in the orbit of ``bits`` with a transformed witness for each.

    The group is (``syms`` × {identity, negation}) or, when ``elements`` is given,
    exactly those (symmetry, negate) pairs (a subgroup, e.g. the stabilizer of a
    shard's fixed labels).  The witnesses are not re-checked here; callers
    re-check them exactly.

    >>> from verify.geometry.pointsets import cube
    >>> f = ReLUNet.from_lists([([[1, 1]], [-1]), ([[1]], ["-1/2"])])   # +1 only at (1,1)
    >>> sorted(orbit(0b1000, f, point_symmetries(cube(2))))
    [1, 2, 4, 7, 8, 11, 13, 14]
    >>> sorted(orbit(0b1000, f, [], elements=[(point_symmetries(cube(2))[0], True)]))
    [7]
    """
    if elements is None:
        elements = [(sym, neg) for sym in syms
                    for neg in ((False, True) if negation else (False,))]
    out: dict[int, ReLUNet] = {}
    for sym, neg in elements:
        b = transform_labels(bits, sym, neg)
        if b not in out:
            out[b] = transform_net(net, sym, neg)
    return out
