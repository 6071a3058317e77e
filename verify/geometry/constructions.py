"""The point sets of Theorem 4.3 and lattice packings, with exact coordinates.

* :func:`s_phi` — the ℓ∞ construction: S_φ = {(i/K, 1/2 + ε0·φ(i)) : i ∈ [K]^(d−1)},
  split by the hyperplane x_d = 1/2 into A_φ (φ = +1) and B_φ (φ = −1).  The
  main text leaves ε0 "arbitrarily small"; the appendix uses ε0 = cε.
* :func:`packing` — a maximal δ-packing (pairwise distance >= δ) of the rational
  lattice points of a ball or a cube: a maximal independent set of the conflict
  graph (edges between lattice points closer than δ), built with networkx with
  a fixed seed, so the result is deterministic.  Being maximal, it is also a
  δ-net of those lattice points.
* :func:`s_phi_l2` — the ℓ2 construction on a 2ε-packing P of the (d−1)-ball:
  S_φ = {(x, 1/2 + ε0·φ(x)) : x ∈ P}.
* :func:`phi_labels` / :func:`iter_phis` — φ given as a tuple of ±1, a bit-packed
  integer (bit i set iff φ(point i) = +1), ``"random"`` (with a seed) or ``"all"``.

>>> S = s_phi(2, 2, (1, -1), "1/8")
>>> [str(p[1]) for p in S.points], len(S.A), len(S.B)
(['5/8', '3/8'], 1, 1)
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from verify.errors import InvalidArgument
from verify.exact import require_int, require_rational_range
from verify.geometry.norms import _integer_rows, key_blocks, nearest_keys, parse_norm
from verify.geometry.pointsets import Point, grid
from verify.jsonio import json_meta
from verify.labels import parse_labels, unpack_labels

__all__ = [
    "MAX_LATTICE",
    "Packing",
    "SPhi",
    "iter_phis",
    "net",
    "packing",
    "phi_labels",
    "s_phi",
    "s_phi_l2",
]

MAX_LATTICE = 20_000


def phi_labels(phi: object, n: int, seed: int = 0) -> tuple[int, ...]:
    """One labeling φ of ``n`` points.

    Parameters
    ----------
    phi : tuple of ±1, int, or str
        A sequence of ±1; a bit-packed ``int`` (bit i set iff φ_i = +1); text:
        ``"random"`` (uniform, from ``seed``), a ``+``/``-`` string or a string
        of n digits 0/1 (point i first, as ``--labels`` everywhere: ``"10"`` is
        (+1, −1)), another decimal integer or ``0b…`` (bit-packed).
    n : int
        Number of points.

    Examples
    --------
    >>> phi_labels(5, 3), phi_labels("0b011", 3), phi_labels("+-+", 3)
    ((1, -1, 1), (1, 1, -1), (1, -1, 1))
    >>> phi_labels("011", 3), phi_labels("6", 3)
    ((-1, 1, 1), (-1, 1, 1))
    >>> phi_labels("random", 4, seed=1) == phi_labels("random", 4, seed=1)
    True
    >>> phi_labels(8, 3)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: labels: 8 is not a labeling of 3 points
    """
    n = require_int(n, "n", low=1)
    if isinstance(phi, bool):
        raise InvalidArgument("phi: a boolean is not a labeling")
    if isinstance(phi, int):
        return unpack_labels(phi, n)
    if isinstance(phi, str):
        text = phi.strip().lower()
        if text == "random":
            rng = random.Random(require_int(seed, "seed"))
            return unpack_labels(rng.getrandbits(n), n)
        if text == "all":
            raise InvalidArgument("phi: 'all' names many labelings; use iter_phis")
        if text.startswith("0b"):
            try:
                return unpack_labels(int(text, 2), n)
            except ValueError:
                raise InvalidArgument(f"phi: {phi!r} is not a binary number") from None
        if len(text) == n and set(text) <= {"0", "1"}:
            return parse_labels(text, n)
        if text.isascii() and text.isdigit():
            return unpack_labels(require_int(text, "phi"), n)
        return parse_labels(text, n)
    if isinstance(phi, Sequence):
        return parse_labels(list(phi), n)
    raise InvalidArgument(f"phi: cannot read a labeling from {type(phi).__name__}")


def iter_phis(phi: object, n: int, seed: int = 0, count: int = 1) -> Iterator[tuple[int, ...]]:
    """Iterate labelings: all 2^n for ``"all"``, ``count`` seeded ones for ``"random"``.

    Examples
    --------
    >>> [''.join('+' if v > 0 else '-' for v in p) for p in iter_phis("all", 2)]
    ['--', '+-', '-+', '++']
    >>> len(list(iter_phis("random", 5, seed=3, count=4)))
    4
    """
    n = require_int(n, "n", low=1)
    if isinstance(phi, str) and phi.strip().lower() == "all":
        if n > 24:
            raise InvalidArgument(f"phi: 'all' would iterate 2^{n} labelings; use random")
        for bits in range(1 << n):
            yield unpack_labels(bits, n)
        return
    if isinstance(phi, str) and phi.strip().lower() == "random":
        rng = random.Random(require_int(seed, "seed"))
        for _ in range(require_int(count, "count", low=1)):
            yield unpack_labels(rng.getrandbits(n), n)
        return
    yield phi_labels(phi, n, seed)


@dataclass(frozen=True)
class SPhi:
    """S_φ with its labels (φ), its split A_φ (+1) / B_φ (−1), and S̃ (last coordinate 1/2)."""

    points: tuple[Point, ...]
    labels: tuple[int, ...]
    eps0: Fraction
    stilde: tuple[Point, ...] = field(metadata=json_meta(write=False))

    @property
    def A(self) -> tuple[Point, ...]:
        return tuple(p for p, v in zip(self.points, self.labels, strict=True) if v > 0)

    @property
    def B(self) -> tuple[Point, ...]:
        return tuple(p for p, v in zip(self.points, self.labels, strict=True) if v < 0)


def _lift(base: Sequence[Point], phi: object, eps0: object, seed: int) -> SPhi:
    e0 = require_rational_range(eps0, "eps0", 0, Fraction(1, 2), low_open=True)
    labels = phi_labels(phi, len(base), seed)
    half = Fraction(1, 2)
    pts = tuple((*p, half + e0 * v) for p, v in zip(base, labels, strict=True))
    return SPhi(pts, labels, e0, tuple((*p, half) for p in base))


def s_phi(K: int, d: int, phi: object, eps0: object, seed: int = 0) -> SPhi:
    """The ℓ∞ construction of Theorem 4.3: K^(d−1) points (i/K, 1/2 + ε0·φ(i)).

    Parameters
    ----------
    K, d : int
        Grid size (the paper takes K = ⌊1/(2ε)⌋) and dimension (>= 2).
    phi : labeling
        See :func:`phi_labels`; point i is the i-th point of ``grid(K, d-1)``.
    eps0 : rational in (0, 1/2]
        Offset of the last coordinate (ε0 in the main text, cε in the appendix).

    Examples
    --------
    >>> S = s_phi(3, 2, "+--", "1/10")
    >>> S.A, len(S.B), S.stilde[0]
    (((Fraction(1, 3), Fraction(3, 5)),), 2, (Fraction(1, 3), Fraction(1, 2)))
    """
    K = require_int(K, "K", low=1)
    d = require_int(d, "d", low=2)
    return _lift(grid(K, d - 1), phi, eps0, seed)


@dataclass(frozen=True)
class Packing:
    """A maximal δ-packing of the lattice points of a region (a δ-net of them too).

    ``covering_key``: the largest distance (squared under ℓ2) from a lattice point
    of the region to its nearest chosen point; always < δ (resp. δ^2).
    """

    points: tuple[Point, ...]
    separation: Fraction
    norm: str
    region: str
    step: Fraction
    lattice_size: int
    covering_key: Fraction

    JSON_ORDER = ("size", "separation", "norm", "region", "step", "lattice_size",
                  "covering_key", "volume_bound", "points")

    def json_extra(self) -> dict[str, Any]:
        return {"size": len(self.points), "volume_bound": self.volume_bound}

    @property
    def volume_bound(self) -> Fraction:
        """δ^(−d), the size the volume argument compares with."""
        return 1 / self.separation ** len(self.points[0])


def _lattice(region: str, d: int, step: Fraction, radius: Fraction, norm: str) -> list[Point]:
    if region == "cube":
        m = radius / step
        if m.denominator != 1:
            raise InvalidArgument("packing: the step must divide the cube's side")
        coords = [step * i for i in range(int(m) + 1)]
        if len(coords) ** d > MAX_LATTICE:
            raise InvalidArgument(f"packing: {len(coords)}^{d} lattice points; at most "
                                  f"{MAX_LATTICE} (use a larger step)")
        return [tuple(p) for p in itertools.product(coords, repeat=d)]
    top = math.floor(radius / step)
    if (2 * top + 1) ** d > 50 * MAX_LATTICE:
        raise InvalidArgument(f"packing: too many lattice points ({2 * top + 1}^{d}); "
                              "use a larger step")
    out = []
    for z in itertools.product(range(-top, top + 1), repeat=d):
        if norm == "inf":
            inside = max(abs(v) for v in z) * step <= radius
        elif norm == "1":
            inside = sum(abs(v) for v in z) * step <= radius
        else:
            inside = sum(v * v for v in z) * step * step <= radius * radius
        if inside:
            out.append(tuple(step * v for v in z))
    if len(out) > MAX_LATTICE:
        raise InvalidArgument(f"packing: {len(out)} lattice points; at most {MAX_LATTICE}")
    return out


def packing(separation: object, d: int, region: str = "ball", norm: str = "2",
            step: object = None, radius: object = 1, seed: int = 0) -> Packing:
    """A maximal packing of lattice points with pairwise distance >= ``separation``.

    Parameters
    ----------
    separation : rational > 0
        δ: every two chosen points are at distance >= δ (squared distances under ℓ2).
    d : int
        Dimension.
    region : "ball" or "cube"
        The closed ball of ``radius`` about 0 under ``norm``, or the cube [0, radius]^d.
    step : rational, optional
        Lattice spacing (default δ/2).  Lattice: step·Z^d inside the region.
    seed : int
        Seed of networkx's maximal independent set (deterministic for a given seed).

    Examples
    --------
    >>> P = packing("1/2", 2, "cube", "inf"); len(P.points), P.volume_bound
    (8, Fraction(4, 1))
    >>> P = packing("1/2", 2, "ball", "2", step="1/4"); len(P.points) >= 4
    True
    """
    import networkx as nx

    sep = require_rational_range(separation, "separation", 0, None, low_open=True)
    d = require_int(d, "d", low=1, high=12)
    norm = parse_norm(norm)
    if region not in ("ball", "cube"):
        raise InvalidArgument(f"packing: region must be 'ball' or 'cube', got {region!r}")
    h = sep / 2 if step is None else require_rational_range(step, "step", 0, None,
                                                             low_open=True)
    rad = require_rational_range(radius, "radius", 0, None, low_open=True)
    lat = _lattice(region, d, h, rad, norm)
    den = math.lcm(*(c.denominator for p in lat for c in p), sep.denominator)
    arr = _integer_rows(lat, den)
    need = int(sep * den) if norm != "2" else int(sep * sep * den * den)
    g = nx.Graph()
    g.add_nodes_from(range(len(lat)))
    for start, mat in key_blocks(arr, arr, norm, cells=400_000 * d):
        ii, jj = np.nonzero(mat < need)
        g.add_edges_from((int(i) + start, int(j)) for i, j in zip(ii, jj, strict=True)
                         if int(i) + start < int(j))
    chosen = sorted(nx.maximal_independent_set(g, seed=seed))
    chosen_set = set(chosen)
    assert all(not (set(g[v]) & chosen_set) for v in chosen)
    assert all(v in chosen_set or set(g[v]) & chosen_set for v in g)
    pts = tuple(lat[i] for i in chosen)
    cover = max(nearest_keys(lat, pts, norm))
    assert cover < (sep * sep if norm == "2" else sep)
    return Packing(pts, sep, norm, region, h, len(lat), cover)


def net(delta: object, d: int, region: str = "ball", norm: str = "2", step: object = None,
        radius: object = 1, seed: int = 0) -> Packing:
    """A δ-net of the lattice points of a ball or cube: a maximal δ-packing of them.

    Every lattice point of the region lies at distance < δ from a chosen point
    (``covering_key`` is the largest such distance, squared under ℓ2, computed
    exactly), and the chosen points are pairwise >= δ apart.

    Examples
    --------
    >>> N = net("1/2", 1, "cube", "inf", step="1/4"); [str(p[0]) for p in N.points]
    ['1/4', '3/4']
    >>> N.covering_key
    Fraction(1, 4)
    """
    return packing(delta, d, region, norm, step=step, radius=radius, seed=seed)


def s_phi_l2(eps: object, d: int, phi: object, eps0: object, step: object = None,
             seed: int = 0) -> tuple[SPhi, Packing]:
    """The ℓ2 construction: S_φ = {(x, 1/2 + ε0·φ(x)) : x ∈ P}, P a 2ε-packing of
    the unit (d−1)-ball (lattice points, see :func:`packing`).

    Returns the set and the packing.  The points are *not* intersected with the
    unit d-ball here; :func:`verify.geometry.theorem43.construction_checks`
    reports how many lie inside it.

    Examples
    --------
    >>> S, P = s_phi_l2("1/4", 2, "random", "1/8", seed=2)
    >>> len(S.points) == len(P.points), S.points[0][0]
    (True, Fraction(-1, 1))
    """
    e = require_rational_range(eps, "eps", 0, Fraction(1, 2), low_open=True)
    d = require_int(d, "d", low=2)
    P = packing(2 * e, d - 1, "ball", "2", step=step, seed=seed)
    return _lift(P.points, phi, eps0, seed), P
