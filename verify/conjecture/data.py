"""The quantities of one instance, from the toolkit's exact engines and cache.

For a point set and a class the realized set comes from
:func:`verify.enumeration.realized_labelings` (halfspaces: the combinatorial
enumeration; ``int:Q``: the integer kernel; ``real``: the exact solver, resumed
from and stored in the SQLite cache, so a finished count is never recomputed).
Each quantity is an exact :class:`~fractions.Fraction` or certified
:class:`~verify.conjecture.evaluate.Bounds`:

* ``count`` = Π(n): exact when the run finished, else [labelings found, 2^n];
* ``Pi`` = Π(m): the growth profile's certified bounds
  (:func:`verify.enumeration.growth_profile`; exact up to 22 points), or, for
  an unfinished run, [Π(m) of the labelings found, 2^m];
* ``vc``: from the growth profile; for halfspaces it is exact always: the
  affine dimension r of the points plus one (r + 1 affinely independent points
  are checked to be shattered in the realized set; no r + 2 points are, by
  Radon's theorem);
* ``alpha`` (unless given as a parameter): the error rate the class achieves
  on every labeling, covering radius / n, as in the double-counting argument
  (:func:`verify.enumeration.distances_to_set`; up to 24 points);
* ``eps`` (unless given as a parameter): half the smallest ℓ∞ distance between
  two of the points (the largest ε for which they are pairwise 2ε-separated);
  ``K`` the grid parameter of ``grid:K:m`` and ``stilde:K:d``; ``d`` the
  dimension; ``h``, ``h1``, … the hidden widths; ``W`` the number of weights and
  biases (d + 1 for halfspaces); ``Q`` the weight bound of ``int:Q``.

>>> import tempfile
>>> from verify.conjecture.sweep import Instance, PointSpec
>>> data = ClassData(PointSpec("cube:2"), "halfspaces", None)
>>> data.compute(cache_dir=tempfile.mkdtemp())
>>> data.count(), data.vc()
(Fraction(14, 1), Fraction(3, 1))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from verify.conjecture.evaluate import Bounds
from verify.conjecture.sweep import Instance, PointSpec
from verify.enumeration.double_counting import MAX_N as ALPHA_MAX_N
from verify.enumeration.double_counting import distances_to_set
from verify.enumeration.growth import GrowthProfile, growth_profile
from verify.enumeration.kernel import KernelTooLarge, RealizedSet
from verify.enumeration.labelings import labeling_array
from verify.enumeration.realized import realized_labelings
from verify.errors import BudgetExceeded, InvalidArgument
from verify.geometry.dichotomies import cover_count
from verify.geometry.pointsets import Point
from verify.limits import require_memory

__all__ = ["ClassData", "NotKnown", "affine_basis", "half_min_distance", "instance_env"]


def affine_basis(points: tuple[Point, ...]) -> list[int]:
    """Indices of a maximal affinely independent subset (exact rational elimination).

    Its size is the affine dimension plus one.

    >>> affine_basis(((0, 0), (1, 1), (2, 2), (0, 1)))
    [0, 1, 3]
    """
    rows: list[list[Fraction]] = []  # reduced differences, one per chosen point after the first
    pivots: list[int] = []
    chosen = [0] if points else []
    for i in range(1, len(points)):
        v = [Fraction(a) - Fraction(b) for a, b in zip(points[i], points[0], strict=True)]
        for row, col in zip(rows, pivots, strict=True):
            if v[col] != 0:
                f = v[col] / row[col]
                v = [a - f * b for a, b in zip(v, row, strict=True)]
        pivot = next((j for j, a in enumerate(v) if a != 0), None)
        if pivot is not None:
            rows.append(v)
            pivots.append(pivot)
            chosen.append(i)
    return chosen


def half_min_distance(points: tuple[Point, ...]) -> Fraction:
    """Half the smallest ℓ∞ distance between two distinct points.

    >>> half_min_distance(((Fraction(1, 3),), (Fraction(2, 3),), (Fraction(1),)))
    Fraction(1, 6)
    """
    if len(points) < 2:
        raise InvalidArgument("eps is undefined for a single point")
    if len(points) > 4000:
        raise InvalidArgument(f"eps: {len(points)} points; at most 4000 are supported")
    best: Fraction | None = None
    for i in range(len(points)):
        for j in range(i):
            dist = max(abs(a - b) for a, b in zip(points[i], points[j], strict=True))
            if best is None or dist < best:
                best = dist
    assert best is not None
    if best == 0:
        raise InvalidArgument("eps: the point set has a repeated point")
    return best / 2


class ClassData:
    """The realized set of one (point set, class) and the quantities read from it."""

    def __init__(self, points: PointSpec, arch: str, cls: str | None) -> None:
        self.points = points
        self.arch = arch
        self.cls = cls
        self.realized: RealizedSet | None = None
        self.reason: str | None = None  # why nothing is known (not started, refused)
        self.seconds: float | None = None
        self._profile: GrowthProfile | None = None
        self._alpha: Fraction | Bounds | None = None

    @property
    def n(self) -> int:
        return len(self.points.points)

    def compute(self, *, cache_dir: str | None = None, use_cache: bool = True,
                timeout: float | None = None) -> None:
        """Get the realized set from the engines (the store answers a finished run)."""
        import time

        start = time.monotonic()
        try:
            if self.arch == "halfspaces":
                self._check_halfspace_memory()
            self.realized = realized_labelings(
                self.points.pointset, self.arch, self.cls or "real", cache_dir=cache_dir,
                use_cache=use_cache, timeout=timeout)
        except (KernelTooLarge, BudgetExceeded) as exc:
            # a size, work or memory limit, refused before the work: nothing is known or
            # claimed; every other error (bad input, a damaged store, a bug) surfaces
            self.reason = f"the count engine refused: {exc}"
        self.seconds = time.monotonic() - start

    def _check_halfspace_memory(self) -> None:
        """Refuse before enumerating halfspace dichotomies that would not fit in memory.

        The enumeration keeps intermediate arrays of about 2 KiB per dichotomy
        (measured: cube:5, 94572 dichotomies, about 200 MB); the number of
        dichotomies is at most Cover's count for the points' affine dimension.
        """
        pts = self.points.points
        r = len(affine_basis(pts)) - 1
        most = cover_count(len(pts), r + 1)
        require_memory(2048 * most, f"halfspaces on {self.points.spec} (up to {most} "
                                    "dichotomies)")

    def skip(self, reason: str) -> None:
        self.reason = reason

    @property
    def complete(self) -> bool:
        return self.realized is not None and self.realized.complete

    def count(self) -> Fraction | Bounds:
        r = self._need()
        if r.complete:
            return Fraction(r.count)
        return Bounds(Fraction(r.count), Fraction(2**self.n))

    def profile(self) -> GrowthProfile:
        if self._profile is None:
            r = self._need()
            self._profile = growth_profile(r.labelings, self.n)
        return self._profile

    def pi(self, m: int) -> Fraction | Bounds:
        g = self.profile()
        lo = g.lower[m]
        hi = g.upper[m] if self.complete else 2**m
        return Fraction(lo) if lo == hi else Bounds(Fraction(lo), Fraction(hi))

    def vc(self) -> Fraction | Bounds:
        r = self._need()
        if self.arch == "halfspaces":
            return Fraction(self.halfspace_vc()[0])
        g = self.profile()
        lo, hi = g.vc_bounds
        if not r.complete:
            hi = self.n
        return Fraction(lo) if lo == hi else Bounds(Fraction(lo), Fraction(hi))

    def halfspace_vc(self) -> tuple[int, list[int]]:
        """(VC dimension, a shattered set) of halfspaces on the points: affine dimension + 1."""
        r = self._need()
        basis = affine_basis(self.points.points)
        mask = sum(1 << i for i in basis)
        arr = labeling_array(r.labelings.tolist(), self.n)
        if arr.dtype == object:
            projected = {int(v) & mask for v in arr.tolist()}
            seen = len(projected)
        else:
            seen = len(np.unique(arr & np.uint64(mask)))
        if seen != 2 ** len(basis):  # affinely independent points are always shattered
            raise AssertionError(f"affinely independent points {basis} are not shattered")
        return len(basis), basis

    def shattered_set(self) -> list[int] | None:
        if self.arch == "halfspaces":
            return self.halfspace_vc()[1]
        s = self.profile().shattered_set
        return None if s is None else list(s)

    def alpha(self) -> Fraction | Bounds:
        if self._alpha is None:
            r = self._need()
            if self.n > ALPHA_MAX_N:
                self._alpha = Bounds(Fraction(0), Fraction(1))
            elif r.count == 0:
                raise InvalidArgument("alpha is undefined for a class that realizes nothing")
            else:
                rho = int(distances_to_set(r.labelings, self.n).max())
                a = Fraction(rho, self.n)
                self._alpha = a if r.complete else Bounds(Fraction(0), a)
        return self._alpha

    def _need(self) -> RealizedSet:
        if self.realized is None:
            raise NotKnown(self.reason or "not computed")
        return self.realized

    def provenance(self) -> dict[str, Any]:
        if self.realized is None:
            return {"reason": self.reason}
        prov = {k: v for k, v in self.realized.provenance.items() if k != "labelings"}
        return {"count": self.realized.count, "complete": self.realized.complete, **prov}


class NotKnown(Exception):
    """A class quantity is wanted but the realized set is not known (with the reason)."""


def instance_env(inst: Instance, needs: frozenset[str], data: ClassData | None,
                 eps_cache: dict[str, Fraction]) -> dict[str, Fraction | Bounds]:
    """The values of the quantities ``needs`` at ``inst`` (raises NotKnown when a class
    quantity cannot be read because the realized set is unknown)."""
    env: dict[str, Fraction | Bounds] = {}
    for name in needs:
        if name == "n":
            env[name] = Fraction(inst.n)
        elif name == "d":
            env[name] = Fraction(inst.dimension)
        elif name == "K":
            assert inst.points.K is not None
            env[name] = Fraction(inst.points.K)
        elif name == "m":
            assert inst.m is not None
            env[name] = Fraction(inst.m)
        elif name == "W":
            env[name] = Fraction(inst.parameters)
        elif name == "Q":
            assert inst.q is not None
            env[name] = Fraction(inst.q)
        elif name == "h":
            env[name] = Fraction(inst.widths[1])
        elif name.startswith("h") and name[1:].isdigit():
            env[name] = Fraction(inst.widths[int(name[1:])])
        elif name == "eps":
            if inst.eps is not None:
                env[name] = inst.eps
            else:
                spec = inst.points.spec
                if spec not in eps_cache:
                    eps_cache[spec] = half_min_distance(inst.points.points)
                env[name] = eps_cache[spec]
        elif name == "alpha" and inst.alpha is not None:
            env[name] = inst.alpha
        else:
            assert data is not None
            if name == "count":
                env[name] = data.count()
            elif name == "Pi":
                assert inst.m is not None
                env[name] = data.pi(inst.m)
            elif name == "vc":
                env[name] = data.vc()
            elif name == "alpha":
                env[name] = data.alpha()
            else:  # pragma: no cover - the parser admits no other name
                raise InvalidArgument(f"unknown quantity {name!r}")
    return env
