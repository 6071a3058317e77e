"""HiGHS MILP (scipy.optimize.milp): most points of a labeling one network gets right.

Networks ``m-h-1`` (or ``m-1``) with real weights, normalised as in
:mod:`verify.encodings.lra` (output weights ``s_j = ±1``, margin 1).  Stated
weight bound: every hidden weight and bias lies in ``[−B, B]``, so each
pre-activation is bounded by ``M = B·(max_i Σ_k |x_ik| + 1)``; the output bias lies
in ``[−(h·M + 1), h·M + 1]``.  ReLUs and the indicator "point i is correct with
margin 1" are big-M constraints with these bounds; ``g_ij = s_j·ReLU(u_ij)`` is
linearised exactly.  The optimum over this bounded class is a LOWER bound on the
real class's optimum (the bound may cut off better networks); HiGHS works in
floating point, so its solution is turned into rationals and the points it
gets right are counted exactly (that count is what is reported).

>>> from fractions import Fraction as F
>>> pts = [(F(0), F(0)), (F(0), F(1)), (F(1), F(0)), (F(1), F(1))]
>>> res = milp_agreement(pts, (-1, 1, 1, -1), 1)
>>> res.exact_count, res.witness.realizes(pts, (-1, 1, 1, -1))
(3, False)
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from verify.errors import SolverError
from verify.geometry.pointsets import Point
from verify.nets.network import ReLUNet

__all__ = ["MilpAgreement", "exact_agreement", "milp_agreement"]

DEFAULT_WEIGHT_BOUND = 16


@dataclass(frozen=True)
class MilpAgreement:
    """A rational witness from HiGHS and what exact arithmetic says of it."""

    witness: ReLUNet | None
    exact_count: int
    milp_objective: float | None
    optimal: bool
    status: str
    weight_bound: int
    seconds: float


def exact_agreement(net: ReLUNet, points: Sequence[Point], labels: Sequence[int]) -> int:
    """Exactly: the number of points with ``y_i·f(x_i) > 0``.

    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
    >>> exact_agreement(net, [(0,), (1,), ("1/2",)], (-1, 1, 1))
    2
    """
    return sum(1 for x, y in zip(points, labels, strict=True) if y * net.evaluate(x) > 0)


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Send file descriptor 1 to /dev/null while the solver runs."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def _rational(v: float) -> Fraction:
    return Fraction(float(v)).limit_denominator(10**6)


def milp_agreement(
    points: Sequence[Point],
    labels: Sequence[int],
    hidden: int,
    weight_bound: int = DEFAULT_WEIGHT_BOUND,
    timeout: float | None = None,
) -> MilpAgreement:
    """Solve the bounded max-agreement MILP with HiGHS and re-check its witness exactly.

    Examples
    --------
    >>> res = milp_agreement([(0,), (1,), (2,)], (1, -1, 1), 0)
    >>> res.exact_count, res.weight_bound
    (2, 16)
    """
    import time

    start = time.perf_counter()
    try:
        pts = [[float(c) for c in p] for p in points]
    except OverflowError as exc:
        raise SolverError(f"HiGHS: a coordinate beyond the float range ({exc})") from exc
    model = _encode(pts, labels, hidden, float(weight_bound))
    res = model.solve(timeout)
    seconds = time.perf_counter() - start
    if res.x is None:
        return MilpAgreement(None, 0, None, False, str(res.message), weight_bound, seconds)
    net = _decoded(model, res.x, hidden, len(pts[0]))
    count = exact_agreement(net, points, labels)
    return MilpAgreement(net, count, float(-res.fun), res.status == 0, str(res.message),
                         weight_bound, seconds)


class _Model:
    """A MILP under construction: named variables (in order of first use) with bounds,
    integrality, and rows ``lo <= coef·x <= hi``.

    >>> mdl = _Model()
    >>> mdl.var("x"), mdl.var("y"), mdl.var("x")
    (0, 1, 0)
    """

    def __init__(self) -> None:
        self.names: dict[Any, int] = {}
        self.lo: dict[int, float] = {}
        self.hi: dict[int, float] = {}
        self.integ: set[int] = set()
        self.rows: list[tuple[dict[int, float], float, float]] = []

    def var(self, key: Any) -> int:
        """The index of the variable ``key`` (a new one on first use)."""
        if key not in self.names:
            self.names[key] = len(self.names)
        return self.names[key]

    def solve(self, timeout: float | None) -> Any:
        """HiGHS on the model: maximise the sum of the indicator variables ``("k", i)``;
        scipy's result (``x`` None when HiGHS found no solution).

        >>> mdl = _Model()
        >>> v = mdl.var(("k", 0)); mdl.lo[v], mdl.hi[v] = 0.0, 1.0
        >>> mdl.rows.append(({v: 2.0}, -np.inf, 1.0))   # 2k <= 1
        >>> float(mdl.solve(None).x[0])
        0.5
        """
        from scipy.optimize import Bounds, LinearConstraint, milp

        from verify.encodings.memory_bound import highs

        nv = len(self.names)
        A = np.zeros((len(self.rows), nv))
        for r, (coef, _, _) in enumerate(self.rows):
            for key, val in coef.items():
                A[r, key] += val
        cost = np.zeros(nv)
        for key, v in self.names.items():
            if isinstance(key, tuple) and key[0] == "k":
                cost[v] = -1.0
        integrality = np.array([1 if v in self.integ else 0 for v in range(nv)])
        bounds = Bounds([self.lo.get(v, -np.inf) for v in range(nv)],
                        [self.hi.get(v, np.inf) for v in range(nv)])
        options: dict[str, Any] = {"disp": False}
        if timeout is not None:
            options["time_limit"] = float(timeout)
        with _quiet_stdout():  # HiGHS may print to the C-level stdout, which would break --json
            return highs(milp, cost, integrality=integrality, bounds=bounds, options=options,
                         constraints=LinearConstraint(A, [r[1] for r in self.rows],
                                                      [r[2] for r in self.rows]))


def _big_m(pts: list[list[float]], h: int, B: float) -> tuple[float, float, float]:
    """The bounds of the encoding: pre-activations ``Mu``, output bias ``Cb``, output ``Mo``.

    >>> _big_m([[0.0, 0.0], [1.0, 1.0]], 2, 16.0)
    (48.0, 97.0, 194.0)
    """
    norm1 = max(sum(abs(c) for c in p) for p in pts)
    Mu = B * (norm1 + 1.0)
    Cb = h * Mu + 1.0 if h else B
    Mo = 1.0 + Cb + (h * Mu if h else B * norm1)
    return Mu, Cb, Mo


def _encode(pts: list[list[float]], labels: Sequence[int], h: int, B: float) -> _Model:
    """The bounded max-agreement MILP of ``m-h-1`` (``m-1`` when ``h`` is 0), big-M form.

    >>> mdl = _encode([[0.0], [1.0]], (1, -1), 1, 16.0)
    >>> len(mdl.names), len(mdl.rows), sorted(mdl.integ) == sorted(
    ...     mdl.names[k] for k in mdl.names if k[0] in "szk")
    (12, 14, True)
    """
    n, m = len(pts), len(pts[0])
    Mu, Cb, Mo = _big_m(pts, h, B)
    mdl = _Model()
    var, lo, hi, integ, rows = mdl.var, mdl.lo, mdl.hi, mdl.integ, mdl.rows
    c_idx = var("c")
    lo[c_idx], hi[c_idx] = -Cb, Cb
    units = h if h else 1
    for j in range(units):
        for k in range(m):
            v = var(("w", j, k))
            lo[v], hi[v] = -B, B
        if h:
            v = var(("b", j))
            lo[v], hi[v] = -B, B
            v = var(("s", j))
            lo[v], hi[v] = 0.0, 1.0
            integ.add(v)
    for i, x in enumerate(pts):
        out: dict[int, float] = {c_idx: 1.0}
        for j in range(units):
            u = {var(("w", j, k)): x[k] for k in range(m) if x[k] != 0.0}
            if not h:
                out.update(u)
                continue
            u[var(("b", j))] = 1.0
            hv, z, g, s = var(("h", i, j)), var(("z", i, j)), var(("g", i, j)), var(("s", j))
            lo[hv], hi[hv], lo[g], hi[g], lo[z], hi[z] = 0.0, Mu, 0.0, Mu, 0.0, 1.0
            integ.add(z)
            neg_u = {key: -val for key, val in u.items()}
            rows.append(({hv: 1.0, **neg_u}, 0.0, np.inf))             # h >= u
            rows.append(({hv: 1.0, **neg_u, z: Mu}, -np.inf, Mu))      # h <= u + M(1-z)
            rows.append(({hv: 1.0, z: -Mu}, -np.inf, 0.0))             # h <= M z
            rows.append(({g: 1.0, hv: -1.0}, -np.inf, 0.0))            # g <= h
            rows.append(({g: 1.0, s: -Mu}, -np.inf, 0.0))              # g <= M s
            rows.append(({g: 1.0, hv: -1.0, s: -Mu}, -Mu, np.inf))     # g >= h - M(1-s)
            out[g] = out.get(g, 0.0) + 2.0
            out[hv] = out.get(hv, 0.0) - 1.0
        kv = var(("k", i))
        lo[kv], hi[kv] = 0.0, 1.0
        integ.add(kv)
        y = float(labels[i])
        row = {key: y * val for key, val in out.items()}
        row[kv] = row.get(kv, 0.0) - Mo
        rows.append((row, 1.0 - Mo, np.inf))                          # y·out >= 1 - Mo(1-k)
    assert len([k for k in mdl.names if k[0] == "k"]) == n
    return mdl


def _decoded(mdl: _Model, xv: Any, h: int, m: int) -> ReLUNet:
    """The network of HiGHS's solution ``xv``, its weights rationalised (a proposal: the
    caller counts the points it gets right exactly).

    >>> mdl = _Model()
    >>> idx = [mdl.var(k) for k in ("c", ("w", 0, 0))]
    >>> _decoded(mdl, [0.5, 2.0000001], 0, 1).evaluate((1,))   # f(x) = 2x + 1/2
    Fraction(5, 2)
    """
    names = mdl.names
    c = _rational(xv[names["c"]])
    if h:
        rows_w = [[_rational(xv[names[("w", j, k)]]) for k in range(m)] for j in range(h)]
        bias = [_rational(xv[names[("b", j)]]) for j in range(h)]
        signs = [1 if xv[names[("s", j)]] > 0.5 else -1 for j in range(h)]
        return ReLUNet.from_lists([(rows_w, bias), ([signs], [c])])
    return ReLUNet.from_lists([([[_rational(xv[names[("w", 0, k)]]) for k in range(m)]], [c])])
