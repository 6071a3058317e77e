"""The quantities of one instance, from the toolkit's exact engines and cache.

For a point set and a network class the realized set comes from
:func:`verify.enumeration.realized_labelings` (``int:Q``: the integer kernel;
``real``: the exact solver, resumed from and stored in the SQLite cache, so a
finished count is never recomputed).  Halfspaces are listed when Cover's bound
allows at most 300,000 dichotomies; beyond, the count is the chamber count of
the characteristic polynomial (:func:`verify.enumeration.count_halfspaces`) and
Π(m) comes from chamber counts of subsets
(:func:`verify.enumeration.halfspace_growth`).  Each quantity is computed when
a formula first needs it, and is an exact :class:`~fractions.Fraction` or
certified :class:`~verify.conjecture.evaluate.Bounds`:

* ``count`` = Π(n): exact when the run finished, else [labelings found, 2^n];
* ``Pi`` = Π(m): the growth profile's certified bounds
  (:func:`verify.enumeration.growth_profile`, exact up to 22 points; for
  halfspaces beyond, :func:`verify.enumeration.halfspace_growth`, whose upper
  bounds are Cover's), or, for an unfinished run, [Π(m) of the labelings found, 2^m];
* ``vc``: from the growth profile; for halfspaces it is exact always: the
  affine dimension r of the points plus one (r + 1 affinely independent points
  are checked to be shattered; no r + 2 points are, by Radon's theorem);
* ``alpha`` (unless given as a parameter): the error rate the class achieves
  on every labeling, covering radius / n, as in the double-counting argument
  (:func:`verify.enumeration.distances_to_set`; up to 24 points);
* ``eps`` (unless given as a parameter): half the smallest ℓ∞ distance between
  two of the points (the largest ε for which they are pairwise 2ε-separated);
  ``K`` the grid parameter of ``grid:K:m`` and ``stilde:K:d``; ``d`` the
  dimension; ``h``, ``h1``, … the hidden widths; ``W`` the number of weights and
  biases (d + 1 for halfspaces); ``Q`` the weight bound of ``int:Q``.

>>> from verify.conjecture.sweep import PointSpec
>>> data = ClassData(PointSpec("cube:2"), "halfspaces", None)
>>> data.count(), data.vc(), data.pi(3)
(Fraction(14, 1), Fraction(3, 1), Fraction(8, 1))
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any, TypeVar

from verify.conjecture.evaluate import Bounds
from verify.conjecture.sweep import Instance, PointSpec
from verify.encodings.result import RealizedSet
from verify.enumeration.double_counting import MAX_N as ALPHA_MAX_N
from verify.enumeration.double_counting import distances_to_set
from verify.enumeration.growth import TABLE_MAX_N, GrowthProfile, growth_profile, halfspace_growth
from verify.enumeration.kernel import KernelTooLarge
from verify.enumeration.realized import (
    HalfspaceCount,
    count_halfspaces,
    halfspace_set,
    realized_labelings,
)
from verify.errors import BudgetExceeded, InvalidArgument
from verify.geometry.dichotomies import cover_count
from verify.geometry.pointsets import Point
from verify.limits import Deadline

_T = TypeVar("_T")

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


#: Halfspaces with at most this many dichotomies (Cover's bound) are listed; beyond,
#: counts come from the characteristic polynomial and Π from chamber counts of subsets.
LIST_HALFSPACES = 300_000


class ClassData:
    """The quantities of one (point set, class), each computed when first wanted.

    Limits: ``budget`` seconds for one computation and the run's ``deadline``;
    a computation refused for its size or time (``KernelTooLarge``,
    ``BudgetExceeded``) makes the quantity unknown (:class:`NotKnown`, with the
    reason); every other error surfaces.
    """

    def __init__(self, points: PointSpec, arch: str, cls: str | None, *,
                 cache_dir: str | None = None, use_cache: bool = True,
                 budget: float | None = None, deadline: Deadline | None = None) -> None:
        self.points = points
        self.arch = arch
        self.cls = cls
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self.budget = budget
        self.deadline = deadline or Deadline(None)
        self.realized: RealizedSet | None = None
        self.reason: str | None = None  # why the realized set is not known, or is partial
        self.seconds = 0.0
        self._count: HalfspaceCount | None = None
        self._profile: GrowthProfile | None = None
        self._alpha: Fraction | Bounds | None = None
        self._basis: list[int] | None = None
        self._refused: str | None = None

    @property
    def n(self) -> int:
        return len(self.points.points)

    @property
    def halfspaces(self) -> bool:
        return self.arch == "halfspaces"

    def _timeout(self) -> float | None:
        if self.deadline.expired():
            raise NotKnown("not started: the run's time limit (--timeout) was reached")
        limits = [t for t in (self.budget, self.deadline.left()) if t is not None]
        return max(min(limits), 0.001) if limits else None

    def _engine(self, work: Callable[[float | None], _T]) -> _T:
        """Run one engine call within the limits; a refusal becomes NotKnown."""
        import time

        timeout = self._timeout()
        start = time.monotonic()
        try:
            return work(timeout)
        except (KernelTooLarge, BudgetExceeded) as exc:
            # a size, work, time or memory limit: nothing is known or claimed
            raise NotKnown(f"the count engine refused: {exc}") from None
        finally:
            self.seconds += time.monotonic() - start

    def listable(self) -> bool:
        """Are the halfspace dichotomies few enough to list (Cover's bound)?"""
        return cover_count(self.n, len(self.basis())) <= LIST_HALFSPACES

    def basis(self) -> list[int]:
        if self._basis is None:
            self._basis = affine_basis(self.points.points)
        return self._basis

    def labelings(self) -> RealizedSet:
        """The realized set (halfspaces: listed; networks: engines and store)."""
        if self.realized is None:
            if self._refused is not None:
                raise NotKnown(self._refused)  # refused once: not tried again in this run
            try:
                self.realized = self._engine(lambda t: realized_labelings(
                    self.points.pointset, self.arch, self.cls or "real",
                    cache_dir=self.cache_dir, use_cache=self.use_cache, timeout=t))
            except NotKnown as exc:
                self._refused = self.reason = str(exc)
                raise
            if not self.realized.complete:
                why = self.realized.provenance.get("reason") or "stopped early"
                self.reason = f"the count did not finish within its budget ({why})"
        return self.realized

    @property
    def complete(self) -> bool:
        return self.realized is not None and self.realized.complete

    def count(self) -> Fraction | Bounds:
        if self.halfspaces and self.realized is None and not self.listable():
            if self._count is None:
                self._count = self._engine(lambda t: count_halfspaces(
                    self.points.pointset, method="poly", timeout=t))
            return Fraction(self._count.count)
        r = self.labelings()
        if r.complete:
            return Fraction(r.count)
        return Bounds(Fraction(r.count), Fraction(2**self.n))

    def profile(self) -> GrowthProfile:
        if self._profile is None:
            if self.halfspaces and (self.n > TABLE_MAX_N or not self.listable()):
                self._profile = self._engine(lambda t: halfspace_growth(
                    self.points.pointset, timeout=t))
            elif not self.halfspaces and (self.cls or "real").strip().startswith("int"):
                from verify.enumeration.growth_int import int_growth

                # a network of int:Q strict on a subset may be zero on another point
                r = self.labelings()
                self._profile = int_growth(self.points.pointset, self.arch, self.cls or "",
                                           r.labelings, self.n)
            else:
                self._profile = growth_profile(self.labelings().labelings, self.n)
        return self._profile

    def pi(self, m: int) -> Fraction | Bounds:
        g = self.profile()
        lo = g.lower[m]
        hi = g.upper[m] if self.halfspaces or self.complete else 2**m
        return Fraction(lo) if lo == hi else Bounds(Fraction(lo), Fraction(hi))

    def vc(self) -> Fraction | Bounds:
        if self.halfspaces:
            return Fraction(self.halfspace_vc()[0])
        r = self.labelings()
        g = self.profile()
        lo, hi = g.vc_bounds
        if not r.complete:
            hi = self.n
        return Fraction(lo) if lo == hi else Bounds(Fraction(lo), Fraction(hi))

    def halfspace_vc(self) -> tuple[int, list[int]]:
        """(VC dimension, a shattered set) of halfspaces on the points: affine dimension + 1.

        The r + 1 affinely independent points are checked to be shattered (their
        dichotomies are counted: 2^(r+1)); no r + 2 points are, by Radon's theorem.
        """
        basis = self.basis()
        sub = [self.points.points[i] for i in basis]
        if self.realized is not None:
            mask = sum(1 << i for i in basis)
            seen = len({int(v) & mask for v in self.realized.labelings.tolist()})
        else:
            seen = len(halfspace_set(sub).labelings)
        if seen != 2 ** len(basis):  # affinely independent points are always shattered
            raise AssertionError(f"affinely independent points {basis} are not shattered")
        return len(basis), basis

    def shattered_set(self) -> list[int] | None:
        if self.halfspaces:
            return self.halfspace_vc()[1]
        s = self.profile().shattered_set
        return None if s is None else list(s)

    def alpha(self) -> Fraction | Bounds:
        if self._alpha is None:
            if self.n > ALPHA_MAX_N:
                self._alpha = Bounds(Fraction(0), Fraction(1))
                return self._alpha
            r = self.labelings()
            if r.count == 0:
                raise InvalidArgument("alpha is undefined for a class that realizes nothing")
            rho = int(distances_to_set(r.labelings, self.n).max())
            a = Fraction(rho, self.n)
            self._alpha = a if r.complete else Bounds(Fraction(0), a)
        return self._alpha

    def provenance(self) -> dict[str, Any]:
        if self.realized is not None:
            prov = {k: v for k, v in self.realized.provenance.items() if k != "labelings"}
            return {"count": self.realized.count, "complete": self.realized.complete, **prov}
        if self._count is not None:
            return {"count": self._count.count, "complete": self._count.complete,
                    "method": "characteristic polynomial (chamber count)",
                    **{k: v for k, v in self._count.provenance.items() if k != "labelings"}}
        if self._profile is not None:
            return {"growth": self._profile.provenance}
        return {"reason": self.reason}


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
