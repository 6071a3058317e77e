"""The piecewise-linear interpolant of f* on a triangulation, exactly as a ReLU network.

Used by Theorem 3.3 (Lemma C.2) and Theorem 5.5 (flat manifolds).

Triangulation.  The grid hZ^d cut into Freudenthal (Kuhn) simplices: the cube
z + h[0,1]^d is split by the order of the fractional coordinates.  Its nodal
("hat") basis is

    hat(y) = ReLU(1 − max(0, y_1, …, y_d) − max(0, −y_1, …, −y_d)),  y = (x − v)/h,

and F(x) = Σ_v g(v)·hat((x − v)/h) is the interpolant of the vertex values g
(linear on every simplex, equal to g at the vertices).  :func:`interpolant_net`
writes F as a layered ReLU network: per vertex, layer 1 holds ReLU(±y_k); each of
the next d − 1 layers updates the running maxima m⁺ ← m⁺ + ReLU(y_j − m⁺) and
m⁻ ← m⁻ + ReLU(−y_j − m⁻) while carrying the non-negative values it still needs
(ReLU(u) = u for u ≥ 0); then the hat unit; the output sums g(v)·hat_v.  Vertices
with g(v) = 0 are left out.

:func:`barycentric_value` computes F independently (sort the fractional parts,
walk the simplex), so the network can be compared with it exactly.

Robustness certificate (exact, for the PL function).  On a cube, F is a convex
combination of the cube's vertex values, so y·F > 0 on a closed ball if y·g(v) > 0
at every vertex of every grid cube meeting the ball (ℓ∞: the box x ± r; ℓ2: cubes
at squared distance ≤ r² from x).  With h < (1 − c)ε (ℓ∞), resp. h√d < (1 − c)ε
(ℓ2), and g = f* this always succeeds on 2ε-separated data: every such vertex is
within cε + (1 − c)ε = ε of x, hence strictly closer to x's class than to the other.

>>> net, info = interpolant_net([(0,), (1,)], [1, -1], "1/2", [[-1], [1]])
>>> [net.evaluate([x]) for x in (0, "1/4", 1, "3/4")]
[Fraction(1, 1), Fraction(1, 2), Fraction(-1, 1), Fraction(-1, 2)]
>>> barycentric_value({(0,): 1, (1,): -1}, 1, ["1/4"])
Fraction(1, 2)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from itertools import product
from typing import Any

from verify.errors import InvalidArgument
from verify.exact import to_rational

__all__ = [
    "barycentric_value",
    "certify_box",
    "gadget_size",
    "grid_indices",
    "interpolant_net",
    "vertex_values",
]

Index = tuple[int, ...]
_Form = dict[int, Fraction]  # a linear form over the current layer's units


def gadget_size(d: int) -> int:
    """Non-zero weights of one vertex's hat gadget plus its output weight.

    Layer 1: 2d units with one weight each; layer j = 2..d: the two running maxima
    (carry, 2 weights each at most: see :func:`interpolant_net`) and their updates,
    and the 2(d − j) carried values; the hat unit; the output weight.  Counted by
    building the gadget (exact), so it matches the network.

    >>> [gadget_size(d) for d in (1, 2, 3)]
    [5, 17, 33]
    """
    net, _ = interpolant_net([(0,) * d], [1], 1, None, indices=[(0,) * d])
    return net.size


def grid_indices(lo: Sequence[Fraction], hi: Sequence[Fraction], h: Fraction) -> list[Index]:
    """Indices z of the grid points h·z of every cube meeting the box [lo, hi]."""
    ranges = [range(math.floor(a / h), math.ceil(b / h) + 1) for a, b in zip(lo, hi,
                                                                               strict=True)]
    return [tuple(z) for z in product(*ranges)]


def vertex_values(indices: list[Index], h: Fraction, A: Sequence[Sequence[Fraction]],
                  B: Sequence[Sequence[Fraction]], norm: str) -> dict[Index, Fraction]:
    """g(v) at v = h·z: f*(v) exactly under ℓ∞; under ℓ2 a rational within 2^-30 of f*(v)
    with the exact sign (0 exactly when d(v, A) = d(v, B))."""
    from verify.geometry.fstar import f_star_intervals
    from verify.geometry.norms import nearest_keys

    pts = [tuple(h * c for c in z) for z in indices]
    if not pts:
        return {}
    ka = nearest_keys(pts, list(A), norm)
    kb = nearest_keys(pts, list(B), norm)
    ivs = f_star_intervals(pts, list(A), list(B), norm, bits=30)
    out: dict[Index, Fraction] = {}
    for z, a, b, (lo, hi) in zip(indices, ka, kb, ivs, strict=True):
        if a == b:
            out[z] = Fraction(0)
        else:
            mid = (lo + hi) / 2
            # the midpoint has the sign of f* unless the bracket is wider than |f*|
            out[z] = mid if (mid > 0) == (b > a) and mid != 0 else (lo if b > a else hi)
            assert (out[z] > 0) == (b > a) and out[z] != 0, (z, lo, hi)
    return out


def barycentric_value(g: dict[Index, Fraction], h: object, x: Sequence[object]) -> Fraction:
    """F(x) on the Freudenthal triangulation, computed by walking the simplex of x.

    Vertices missing from ``g`` count as 0 (as in the network, which leaves them out).
    """
    hh = to_rational(h, "h")
    y = [to_rational(v, "x") / hh for v in x]
    z = [math.floor(c) for c in y]
    u = [c - k for c, k in zip(y, z, strict=True)]
    order = sorted(range(len(u)), key=lambda k: -u[k])
    cur = list(z)
    value = g.get(tuple(cur), Fraction(0)) * (1 - (u[order[0]] if order else 0))
    for pos, k in enumerate(order):
        cur[k] += 1
        nxt = u[order[pos + 1]] if pos + 1 < len(order) else Fraction(0)
        value += g.get(tuple(cur), Fraction(0)) * (u[k] - nxt)
    return value


def _lin(*terms: tuple[_Form, int]) -> list[tuple[int, Fraction]]:
    """The sparse row of Σ s·form."""
    acc: dict[int, Fraction] = {}
    for form, sign in terms:
        for i, c in form.items():
            acc[i] = acc.get(i, Fraction(0)) + sign * c
    return [(i, c) for i, c in sorted(acc.items()) if c != 0]


def _gadget(d: int, v: Sequence[Fraction], h: Fraction
            ) -> tuple[list[list[tuple[list[tuple[int, Fraction]], Fraction]]], _Form]:
    """One vertex's hidden layers (rows: sparse (input, weight) lists and a bias) and the
    form of m⁺ + m⁻ over its last hidden layer."""
    inv = 1 / h
    one = Fraction(1)
    first: list[tuple[list[tuple[int, Fraction]], Fraction]] = []
    for k in range(d):  # P_k = ReLU(y_k), N_k = ReLU(−y_k), y_k = (x_k − v_k)/h
        first.append(([(k, inv)], -v[k] * inv))
        first.append(([(k, -inv)], v[k] * inv))
    layers = [first]
    P: dict[int, _Form] = {k: {2 * k: one} for k in range(d)}
    N: dict[int, _Form] = {k: {2 * k + 1: one} for k in range(d)}
    mp, mn = P[0], N[0]
    for j in range(1, d):
        rows: list[tuple[list[tuple[int, Fraction]], Fraction]] = []

        def unit(terms: list[tuple[int, Fraction]],
                 rows: list[tuple[list[tuple[int, Fraction]], Fraction]] = rows) -> int:
            rows.append((terms, Fraction(0)))
            return len(rows) - 1

        carry_p = unit(_lin((mp, 1)))                      # m⁺ >= 0: ReLU(m⁺) = m⁺
        up_p = unit(_lin((P[j], 1), (N[j], -1), (mp, -1)))  # ReLU(y_j − m⁺)
        carry_n = unit(_lin((mn, 1)))
        up_n = unit(_lin((N[j], 1), (P[j], -1), (mn, -1)))  # ReLU(−y_j − m⁻)
        P = {k: {unit(_lin((P[k], 1))): one} for k in range(j + 1, d)}
        N = {k: {unit(_lin((N[k], 1))): one} for k in range(j + 1, d)}
        mp = {carry_p: one, up_p: one}
        mn = {carry_n: one, up_n: one}
        layers.append(rows)
    total: _Form = {}
    for form in (mp, mn):
        for i, c in form.items():
            total[i] = total.get(i, Fraction(0)) + c
    return layers, total


def interpolant_net(A: Sequence[Sequence[object]], labels: Sequence[int], h: object,
                    box: Sequence[Sequence[object]] | None, norm: str = "inf",
                    indices: list[Index] | None = None, max_entries: int = 4_000_000
                    ) -> tuple[Any, dict[str, Any]]:
    """The interpolant of f* (of the labelled set) on the grid hZ^d over ``box``, as a ReLUNet.

    Parameters
    ----------
    A, labels : the labelled points (both classes), defining f*
    h : grid step
    box : [lo, hi] corners of the region to cover (every cube meeting it), or None
        with ``indices`` given
    norm : "inf" or "2" (the norm of f*)
    indices : grid indices to use instead of ``box`` (values g = 1 when the set has
        one class only)
    max_entries : refuse (InvalidArgument) when the dense weight matrices would hold
        more entries than this

    Returns
    -------
    (net, info) with ``info``: ``vertices`` (with g ≠ 0), ``g`` (index → value), ``h``.
    """
    from verify.nets.network import Layer, ReLUNet

    hh = to_rational(h, "h")
    pts = [tuple(to_rational(c, "point") for c in p) for p in A]
    d = len(pts[0])
    indices, g = _interpolated_values(pts, labels, hh, box, norm, indices)
    used = [z for z in indices if g[z] != 0]
    if not used:  # F = 0
        return ReLUNet((Layer(((Fraction(0),) * d,), (Fraction(0),)),)), {
            "vertices": 0, "g": g, "h": hh}
    gadgets = [_gadget(d, [hh * c for c in z], hh) for z in used]
    widths = [sum(len(gd[0][k]) for gd in gadgets) for k in range(d)]
    entries = sum(a * b for a, b in zip([d, *widths], [*widths, len(used)], strict=True))
    if entries > max_entries:
        raise InvalidArgument(f"interpolant_net: {len(used)} vertices need about {entries} "
                              f"weight entries (limit {max_entries})")
    layers, offsets = _stacked_gadgets(gadgets, d, widths)
    # hat units: ReLU(1 − m⁺ − m⁻), one per vertex
    W, b = [], []
    for gi, (_, total) in enumerate(gadgets):
        row = [Fraction(0)] * widths[-1]
        for i, c in total.items():
            row[offsets[gi] + i] = -c
        W.append(tuple(row))
        b.append(Fraction(1))
    layers.append(Layer(tuple(W), tuple(b)))
    layers.append(Layer((tuple(g[z] for z in used),), (Fraction(0),)))
    return ReLUNet(tuple(layers)), {"vertices": len(used), "g": g, "h": hh}


def _interpolated_values(pts: list[tuple[Fraction, ...]], labels: Sequence[int], h: Fraction,
                         box: Sequence[Sequence[object]] | None, norm: str,
                         indices: list[Index] | None
                         ) -> tuple[list[Index], dict[Index, Fraction]]:
    """The grid's vertices (``indices``, or those of every cube meeting ``box``) and g at
    them: f* of the labelled points (:func:`vertex_values`), or ±1 when they have one
    class only."""
    pos = [p for p, y in zip(pts, labels, strict=True) if y > 0]
    neg = [p for p, y in zip(pts, labels, strict=True) if y < 0]
    if indices is None:
        if box is None:
            raise InvalidArgument("interpolant_net: give a box or indices")
        lo = [to_rational(c, "box") for c in box[0]]
        hi = [to_rational(c, "box") for c in box[1]]
        indices = grid_indices(lo, hi, h)
    if pos and neg:
        return indices, vertex_values(indices, h, pos, neg, norm)
    return indices, dict.fromkeys(indices, Fraction(1 if pos else -1))


def _stacked_gadgets(
    gadgets: list[tuple[list[list[tuple[list[tuple[int, Fraction]], Fraction]]], _Form]],
    d: int, widths: list[int],
) -> tuple[list[Any], list[int]]:
    """The vertices' gadgets side by side as the network's first ``d`` dense layers
    (``widths`` units each), and where each gadget's units start in the last of them."""
    from verify.nets.network import Layer

    zero = Fraction(0)
    layers = []
    prev_offsets = [0] * len(gadgets)
    for k in range(d):
        width_in = d if k == 0 else widths[k - 1]
        W: list[tuple[Fraction, ...]] = []
        b: list[Fraction] = []
        offsets = []
        for gi, (gl, _) in enumerate(gadgets):
            offsets.append(len(W))
            for terms, bias in gl[k]:
                row = [zero] * width_in
                for i, c in terms:
                    row[i if k == 0 else prev_offsets[gi] + i] = c
                W.append(tuple(row))
                b.append(bias)
        layers.append(Layer(tuple(W), tuple(b)))
        prev_offsets = offsets
    return layers, prev_offsets


def certify_box(g: dict[Index, Fraction], h: Fraction, x: Sequence[Fraction], label: int,
                r: Fraction, norm: str) -> tuple[bool, Index | None]:
    """Does label·g(v) > 0 hold at every vertex of every cube meeting the closed ball?

    Returns (certified, first offending vertex).  A vertex missing from ``g`` (outside
    the grid) counts as offending.
    """
    d = len(x)
    ranges = [range(math.floor((c - r) / h), math.ceil((c + r) / h)) for c in x]
    for cube in product(*ranges):
        if norm == "2":
            dist2 = sum(max(h * z - c, Fraction(0), c - h * (z + 1)) ** 2
                        for z, c in zip(cube, x, strict=True))
            if dist2 > r * r:
                continue
        for corner in product((0, 1), repeat=d):
            v = tuple(z + o for z, o in zip(cube, corner, strict=True))
            val = g.get(v)
            if val is None or label * val <= 0:
                return False, v
    return True, None
