"""Compile numba's kernels into numba's cache, once, before the test workers need them.

Run by ``tests/conftest.py`` at the start of a whole-suite run with workers (not a test
module), as two processes side by side: ``python tests/warm_kernels.py plane`` and
``python tests/warm_kernels.py space``.  On a clean checkout the first call of a kernel
compiles it (about 8 s of CPU for the chambers kernel in the plane and in R^3 and the
growth kernel for one and several words), and every process that calls it before the
cache is written compiles it again: the two workers, the Dask workers, the report's claim
processes.  Each call below is one of the suite's own, on a small input that takes the same
compiled path; the answers are checked against closed forms, so a broken kernel fails here
too (the suite then goes on and reports it by name).
"""

from __future__ import annotations

import sys

from verify.enumeration.growth import growth_profile
from verify.enumeration.realized import halfspace_set
from verify.geometry.dichotomies import halfspace_dichotomies


def plane() -> None:
    """The chambers kernel in the plane, and the growth kernel for one and several words."""
    assert halfspace_set("grid:3:2").count == 58  # 2 A114043(3)
    grid = halfspace_set("grid:5:2")
    assert growth_profile(grid.labelings, 25, max_subsets=200).profile[:4] == [1, 2, 4, 8]
    curve = halfspace_dichotomies([[t, t * t] for t in range(1, 71)])  # several words
    assert growth_profile(curve, 70, max_subsets=50).profile[:4] == [1, 2, 4, 8]


def space() -> None:
    """The chambers kernel in R^3 (the rank-3 root, the orbits of a symmetry group)."""
    assert halfspace_set("cube:3").count == 104  # OEIS A000609


if __name__ == "__main__":
    {"plane": plane, "space": space}[sys.argv[1]]()
