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

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

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

    One map per induced permutation of the points; the identity comes first.
    ``integral_only`` keeps the maps with no reflection and no shift (coordinate
    permutations), the ones that keep the integer-weight classes ``int:Q`` closed.

    Examples
    --------
    >>> from verify.geometry.pointsets import cube
    >>> [s.perm for s in point_symmetries(cube(2), integral_only=True)]
    [(0, 1), (1, 0)]
    >>> len(point_symmetries([(Fraction(0),), (Fraction(1),), (Fraction(3),)]))
    1
    """
    pts = [tuple(p) for p in points]
    n, m = len(pts), len(pts[0])
    index = {p: i for i, p in enumerate(pts)}
    if len(index) != n:
        return [_identity(n, m)]
    centroid = [sum((p[k] for p in pts), Fraction(0)) / n for k in range(m)]
    found: list[PointSymmetry] = []
    seen: set[tuple[int, ...]] = set()
    for perm in itertools.permutations(range(m)):
        for sign in itertools.product((1, -1), repeat=m):
            shift = tuple(centroid[k] - sign[k] * centroid[perm[k]] for k in range(m))
            if integral_only and (any(s < 0 for s in sign) or any(shift)):
                continue
            image = []
            for p in pts:
                q = tuple(sign[k] * p[perm[k]] + shift[k] for k in range(m))
                j = index.get(q)
                if j is None:
                    break
                image.append(j)
            else:
                if tuple(image) not in seen:  # maps acting alike on the points: keep one
                    seen.add(tuple(image))
                    found.append(PointSymmetry(perm, sign, shift, tuple(image)))
    found.sort(key=lambda s: s.image != tuple(range(n)))
    return found


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
    bits: int, net: ReLUNet, syms: Sequence[PointSymmetry], negation: bool = True
) -> dict[int, ReLUNet]:
    """All labelings in the orbit of ``bits`` with a transformed witness for each.

    The witnesses are not re-checked here; callers re-check them exactly.

    >>> from verify.geometry.pointsets import cube
    >>> f = ReLUNet.from_lists([([[1, 1]], [-1]), ([[1]], ["-1/2"])])   # +1 only at (1,1)
    >>> sorted(orbit(0b1000, f, point_symmetries(cube(2))))
    [1, 2, 4, 7, 8, 11, 13, 14]
    """
    out: dict[int, ReLUNet] = {}
    for sym in syms:
        for neg in (False, True) if negation else (False,):
            b = transform_labels(bits, sym, neg)
            if b not in out:
                out[b] = transform_net(net, sym, neg)
    return out
