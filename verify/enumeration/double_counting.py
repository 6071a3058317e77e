"""The double-counting argument of Section 4.3, measured on a concrete class.

Given the set R of labelings a class realizes on n points, for every target
labeling φ the class can agree with φ on ``n − dist(φ, R)`` points (dist =
minimum Hamming distance to R).  Over all 2^n targets the worst case is the
covering radius ρ of R, so the class achieves error rate α = ρ/n on every
labeling: the hypothesis of the argument holds with ``a = n − ρ`` correctly
classified points.  The argument then promises a V-subset with at least

    promised = 2^V · C(a, V) / C(n, V)

distinct projected labelings (the left member of bound (1)); ``measured`` is
the true maximum over V-subsets, Π(V).  The argument's conclusion holds on this
class iff ``measured ≥ promised``.  All numbers are exact (integers, Fractions).

Distances to R for all 2^n targets are computed at once by a breadth-first
search on the hypercube {0,1}^n (one XOR-shift per coordinate and layer).

>>> from verify.geometry.dichotomies import halfspace_dichotomies
>>> r = double_counting(halfspace_dichotomies("grid:2:2"), 4)
>>> r.alpha, r.V, r.promised, r.measured, r.holds
(Fraction(1, 4), 2, Fraction(2, 1), 4, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from verify.display import Displayable
from verify.enumeration.growth import growth_profile
from verify.enumeration.labelings import labeling_array
from verify.errors import InvalidArgument
from verify.exact import require_int
from verify.jsonio import dataclass_json, json_meta

__all__ = ["DoubleCounting", "distances_to_set", "double_counting", "promised_count"]

MAX_N = 24


@dataclass(repr=False)
class DoubleCounting(Displayable):
    """Result of :func:`double_counting` (``to_json`` gives the CLI contract)."""

    n: int = field(metadata=json_meta(key="points"))
    covering_radius: int
    worst_target: int
    alpha: Fraction
    V: int
    a: int = field(metadata=json_meta(key="correct_points"))
    promised: Fraction
    measured: int
    subset: tuple[int, ...]
    provenance: dict[str, Any] = field(default_factory=dict, metadata=json_meta(write=False))

    JSON_ORDER = ("alpha", "promised", "measured", "V", "holds", "points", "correct_points",
                  "covering_radius", "worst_target", "subset")

    def _display_items(self) -> list[tuple[str, Any]]:
        return [("n", self.n), ("alpha", self.alpha), ("V", self.V), ("a", self.a),
                ("promised", self.promised), ("measured", self.measured),
                ("holds", self.holds), ("subset", self.subset)]

    @property
    def holds(self) -> bool:
        return self.measured >= self.promised

    def json_extra(self) -> dict[str, Any]:
        return {"holds": self.holds}

    def to_json(self) -> dict[str, Any]:
        return dataclass_json(self, keep_fractions=True)


def promised_count(n: int, a: int, V: int) -> Fraction:
    """``2^V C(a, V) / C(n, V)``: labelings of some V-subset promised by bound (1).

    Examples
    --------
    >>> promised_count(4, 4, 2), promised_count(9, 7, 4)
    (Fraction(4, 1), Fraction(40, 9))
    """
    from verify.bounds.chain import bound1_lhs

    return bound1_lhs(n, a, V)


def distances_to_set(labels: np.ndarray, n: int) -> np.ndarray:
    """``dist[φ]`` = min Hamming distance from φ to the set, for all φ in [0, 2^n).

    Examples
    --------
    >>> distances_to_set(np.array([0], dtype=np.uint64), 2).tolist()
    [0, 1, 1, 2]
    """
    require_int(n, "n", low=0, high=MAX_N)
    arr = labeling_array(labels.tolist(), n)
    if len(arr) == 0:
        raise InvalidArgument("the class realizes no labeling: distances are undefined")
    reached = np.zeros(1 << n, dtype=bool)
    reached[arr.astype(np.int64)] = True
    dist = np.where(reached, 0, -1).astype(np.int16)
    layer = 0
    while not reached.all():
        new = reached.copy()
        for i in range(n):
            new |= reached.reshape(-1, 2, 1 << i)[:, ::-1, :].reshape(-1)
        layer += 1
        dist[new & ~reached] = layer
        reached = new
    return dist


def double_counting(labels: np.ndarray, n: int, V: int | None = None) -> DoubleCounting:
    """Measure the double-counting argument on the class realizing ``labels``.

    Parameters
    ----------
    labels : array of labelings of n points (non-empty)
    n : int
        Number of points, at most 24 (all 2^n targets are examined).
    V : int, optional
        Size of the subsets; default ``n // 2`` as in the paper.

    Examples
    --------
    >>> r = double_counting(np.array([0, 15], dtype=np.uint64), 4)
    >>> r.alpha, r.promised, r.measured, r.holds
    (Fraction(1, 2), Fraction(2, 3), 2, True)
    """
    dist = distances_to_set(labels, n)
    rho = int(dist.max())
    worst = int(np.argmax(dist))
    V = n // 2 if V is None else require_int(V, "V", low=0, high=n)
    a = n - rho
    promised = promised_count(n, a, V)
    prof = growth_profile(labeling_array(labels.tolist(), n), n)
    measured = prof.profile[V]
    subset = prof.witnesses[V]
    if measured is None or subset is None:
        raise InvalidArgument(f"the maximum over {V}-subsets could not be determined")
    return DoubleCounting(
        n, rho, worst, Fraction(rho, n) if n else Fraction(0), V, a, promised, measured, subset,
        {"growth_method": prof.provenance.get("method")},
    )
