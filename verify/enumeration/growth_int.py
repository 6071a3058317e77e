"""Growth function of a finite ``int:Q`` class: each subset's own labelings.

Π(m) is the max over m-subsets S of |H|_S|, the labelings of S by the networks
of the class that are strict (nonzero) on S.  For ``int:Q`` a network strict
on S may be zero on another point (its weights cannot be perturbed), so the
projections of the realized set of all n points can undercount |H|_S| (the
class ``2-1``, ``int:1`` on ``cube:2``: 4 labelings of some pair, 2 of the whole
square).  Here each subset's labelings are counted directly: the integer kernel lists
the sign vectors in {−1, 0, +1}^n of every network of the class once
(:func:`verify.enumeration.kernel.int_sign_patterns`), and the labelings of S are
those without a 0 on S, restricted to S.

Classes with real weights do not need this: adding a small ε to the output bias
keeps the signs on S and makes the network nonzero on every point, so their
projections are exact (:func:`verify.enumeration.growth.growth_profile`).

>>> g = int_class_growth("cube:2", "2-1", 1)
>>> g.profile, g.vc_dimension, g.shattered_set
([1, 2, 4, 2, 2], 2, (0, 3))
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from verify.enumeration.growth import GrowthProfile, growth_profile
from verify.enumeration.kernel import int_sign_patterns
from verify.errors import InvalidArgument
from verify.geometry.pointsets import as_points
from verify.limits import Deadline
from verify.progress import progress

__all__ = ["int_class_growth", "int_growth", "projection_bounds"]


def int_class_growth(points: Any, arch: str, q: int | str, *,
                     max_subsets: int = 200_000, timeout: object = None) -> GrowthProfile:
    """Π(m) for m = 0..n of the class ``arch`` with weights in [−Q, Q], each subset counted.

    Parameters
    ----------
    points : spec, PointSet or rows of rationals
    arch : str
        ``m-1`` or ``m-h-1`` (the kernel's architectures).
    q : int or ``"int:Q"``
    max_subsets : int
        The most m-subsets counted for one m: the first in
        lexicographic order.  Where fewer than all are counted, Π(m) has certified
        bounds only (``profile[m]`` is None): at least the best count, at most
        ``2^m`` and ``2 Π(m − 1)`` (a labeling of S restricted to S minus a point
        is one of that subset's).
    timeout : seconds or None
        Once it expires, the sizes not finished keep those bounds (Π(n), the
        count of the whole set, is always exact); ``provenance["timed_out"]``.

    Examples
    --------
    >>> int_class_growth("cube:2", "2-1", 1, max_subsets=2).profile
    [1, 2, None, None, 2]
    """
    from verify.encodings.classes import parse_class

    kind, qq = parse_class(q if isinstance(q, str) else f"int:{q}")
    if kind != "int" or qq is None:
        raise InvalidArgument(f"int_class_growth needs a class int:Q, not {q}")
    pts = as_points(points)
    n = len(pts)
    if max_subsets < 1:
        raise InvalidArgument(f"max_subsets must be at least 1, got {max_subsets}")
    deadline = Deadline(timeout)

    # every network's signs on the n points, once; a subset's labelings are the rows
    # without a 0 on it, restricted to it (as many as the kernel run on the subset finds)
    signs = int_sign_patterns(pts, arch, qq)

    def count(sub: tuple[int, ...]) -> int:
        on_sub = signs[:, list(sub)]
        strict = on_sub[(on_sub != 0).all(axis=1)]
        return len(np.unique(strict, axis=0))

    lower, upper = [1] + [0] * n, [1] * (n + 1)
    wit: list[tuple[int, ...] | None] = [()] + [None] * n
    full = count(tuple(range(n)))  # the one n-subset: always counted
    timed_out = False
    with progress(n, f"growth of int:{qq} {arch}: each subset's own labelings") as bar:
        for m in range(1, n + 1):
            bar.advance()
            best, best_t, seen = 0, None, 0
            for sub in itertools.islice(itertools.combinations(range(n), m), max_subsets):
                if deadline.expired():
                    timed_out = True
                    break
                c = full if m == n else count(sub)
                seen += 1
                if best_t is None or c > best:
                    best, best_t = c, sub
            lower[m], wit[m] = best, best_t
            exhaustive = seen == math.comb(n, m) or (best_t is not None and best >= 2**m)
            upper[m] = best if exhaustive else min(2**m, 2 * upper[m - 1])
    if wit[n] is None:
        lower[n] = upper[n] = full
        wit[n] = tuple(range(n))
    prov: dict[str, Any] = {
        "method": "integer kernel's sign vectors on each subset (networks strict on it)",
        "max_subsets": max_subsets}
    if timed_out:
        prov["timed_out"] = True
    return GrowthProfile(n, full, lower, upper, wit, prov)


def projection_bounds(g: GrowthProfile) -> GrowthProfile:
    """Certified bounds on an ``int:Q`` class's Π from the projections ``g`` of its realized
    set of all n points: each projection is a labeling of the subset (lower bound),
    Π(m) ≤ min(2^m, 2 Π(m − 1)) and Π(n) = |R|.  Used where the kernel cannot count
    each subset (more than one hidden layer).

    >>> import numpy as np
    >>> g = growth_profile(np.array([0, 3], dtype=np.uint64), 2)
    >>> h = projection_bounds(g)
    >>> h.profile, h.lower, h.upper
    ([1, 2, 2], [1, 2, 2], [1, 2, 2])
    >>> projection_bounds(growth_profile(np.array([3], dtype=np.uint64), 2)).profile
    [1, None, 1]
    """
    n = g.n
    upper = [1] * (n + 1)
    for m in range(1, n + 1):
        upper[m] = min(2**m, 2 * upper[m - 1])
    upper[n] = g.lower[n]
    lower = list(g.lower)
    lower[0] = 1  # the empty subset: one (empty) labeling, by any network of the class
    # the bounds stay ordered: an n-subset count is |R|, every smaller subset is bounded
    # above only by the chain, which is at least the projection count
    prov = dict(g.provenance, method="projections of the realized set: lower bounds for int:Q")
    return GrowthProfile(n, g.size, lower, upper, list(g.witnesses), prov)


def int_growth(points: Any, arch: str, cls: str, labels: Any, n: int,
               max_subsets: int = 200_000, timeout: object = None) -> GrowthProfile:
    """Π of the class ``arch``, ``cls`` = ``int:Q``: exact by :func:`int_class_growth`
    (architectures ``m-1``, ``m-h-1``), else :func:`projection_bounds` of the realized
    set ``labels`` of the n points.

    >>> int_growth("cube:2", "2-1", "int:1", [], 4).profile
    [1, 2, 4, 2, 2]
    """
    from verify.nets.network import parse_architecture

    if len(parse_architecture(arch)) <= 3:
        return int_class_growth(points, arch, cls, max_subsets=max_subsets, timeout=timeout)
    return projection_bounds(growth_profile(labels, n, max_subsets=max_subsets))
