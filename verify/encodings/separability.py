"""Exact linear separability of two finite rational point sets.

A and B are (strictly) linearly separable iff some (w, b) has w·a + b > 0 for
every a in A and w·x + b < 0 for every x in B.  For finite sets this is
equivalent (scale w, b) to w·a + b >= 1 and w·x + b <= -1, a linear feasibility
problem; by Farkas' lemma it is infeasible iff the convex hulls meet, i.e. iff
there are convex weights λ on A and μ on B with Σ λ_i a_i = Σ μ_j b_j.

Both the hyperplane and the convex-combination certificate are found with z3
over linear real arithmetic (which returns exact rational models); a float LP
(HiGHS through SciPy) is tried first only to propose a hyperplane, which is
accepted after it is re-checked in Fractions.  Every returned witness is
re-checked in Fractions.

>>> c = linearly_separable([(0, 0)], [(1, 1)]); c.holds
True
>>> linearly_separable([(0, 0), (1, 1)], [(0, 1), (1, 0)]).evidence["certificate"]["point"]
[Fraction(1, 2), Fraction(1, 2)]
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from verify.errors import CertificateError, InvalidArgument, SolverError
from verify.exact import to_rational
from verify.geometry.checks import Check, hyperplane_check
from verify.geometry.norms import rational_points
from verify.geometry.pointsets import Point
from verify.limits import Deadline, require_memory

__all__ = ["SEPARABILITY_BYTES_PER_ENTRY", "linearly_separable", "separability_bytes"]

SEPARABILITY_BYTES_PER_ENTRY = 4 * 1024
"""Memory per coordinate of the encodings, (|A| + |B|)·(d + 1) entries in all (one term of
a hyperplane row or of a convex-hull equation per coordinate, and one per point for the
bias or the weight): about 4 KiB.  Measured as the peak resident memory
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) of a whole decision above the one after
importing z3 and SciPy, on random non-separable sets (so HiGHS and both z3 queries run):
|A| = |B| = 1000, 4000, 16000 in dimension 2: 41, 95, 313 MB (3.0 KiB per entry beyond
a fixed 23 MB), 1000 in dimension 10: 100 MB (3.5 KiB); rounded up.  A lower estimate:
hard instances grow while z3 solves."""


def separability_bytes(n: int, d: int) -> int:
    """Estimated memory of deciding the separability of ``n`` points (A and B together)
    in dimension ``d`` (:data:`SEPARABILITY_BYTES_PER_ENTRY` per entry).

    >>> separability_bytes(2 * 10**6, 2) // 2**30
    22
    """
    return n * (d + 1) * SEPARABILITY_BYTES_PER_ENTRY


_CHUNK = 1 << 14


def _float_candidate(
    A: Sequence[Point], B: Sequence[Point], deadline: Deadline
) -> tuple[list[Fraction], Fraction] | None:
    """HiGHS's hyperplane, rationalised (a proposal only), within the time left; else None
    (also when the deadline passes while the points are converted to floats).

    >>> _float_candidate([(0,)], [(1,)], Deadline(None)) is not None
    True
    """
    left = deadline.left()
    if left is not None and left <= 0:
        return None
    try:
        import numpy as np
        from scipy.optimize import linprog

        from verify.encodings.memory_bound import SolverMemoryLimit, highs
    except ImportError:  # pragma: no cover - scipy is a dependency
        return None
    d = len(A[0])
    rows: list[list[float]] = []
    try:
        for side, pts in ((-1.0, A), (1.0, B)):
            for lo in range(0, len(pts), _CHUNK):  # a look at the clock every 16384 points
                if deadline.expired():
                    return None
                rows.extend([side * float(c) for c in p] + [side] for p in pts[lo:lo + _CHUNK])
    except OverflowError:  # coordinates beyond the float range: no float proposal
        return None
    try:
        res = highs(linprog, np.zeros(d + 1), A_ub=np.array(rows), b_ub=-np.ones(len(rows)),
                    bounds=[(None, None)] * (d + 1), method="highs",
                    options={} if left is None else {"time_limit": left})
    except SolverMemoryLimit:  # past the memory budget: no proposal (z3 decides, bounded)
        return None
    if res.status != 0:  # infeasible, or stopped at its time limit (status 1): no proposal
        return None
    vals = [Fraction(float(v)).limit_denominator(10**6) for v in res.x]
    return vals[:d], vals[d]


def _model_value(model: Any, var: Any) -> Fraction:
    from verify.encodings.lra import z3_fraction

    return z3_fraction(model.eval(var, model_completion=True))  # LRA: rational, exact


def _limit(solver: Any, deadline: Deadline) -> None:
    left = deadline.left()
    if left is not None:
        solver.set("timeout", max(1, int(left * 1000)))


def _timed_out(deadline: Deadline) -> Check:
    return Check("linearly_separable", None,
                 {"reason": f"time-out after {deadline.limit_text()}"})


def linearly_separable(
    A: object, B: object, candidate: tuple[Sequence[object], object] | None = None,
    timeout: object = None,
) -> Check:
    """Decide exactly whether A and B are strictly linearly separable.

    Parameters
    ----------
    A, B : spec, PointSet or rows of rationals
        Non-empty finite sets of the same dimension.
    candidate : (w, b), optional
        A hyperplane to try first (it is accepted only if it separates exactly).
    timeout : seconds, optional
        A time limit for the float proposal (HiGHS's ``time_limit``) and the z3
        queries; past it the answer is unknown (``holds`` None with the reason),
        never "not separable".

    Raises
    ------
    BudgetExceeded
        Before anything is built, when :func:`separability_bytes` exceeds the memory
        budget (``--max-memory``).

    Returns
    -------
    Check
        ``holds`` True with evidence ``w``, ``b``, ``min_on_A`` (> 0), ``max_on_B``
        (< 0); or False with ``certificate``: convex weights ``lambda`` on A and
        ``mu`` on B and the common ``point`` Σλa = Σμb (re-checked in Fractions).

    Examples
    --------
    >>> c = linearly_separable([(0,), (1,)], [(3,)], candidate=([-1], 2))
    >>> c.holds, c.evidence["w"], c.evidence["b"]
    (True, [Fraction(-1, 1)], Fraction(2, 1))
    >>> c = linearly_separable([(0,), (2,)], [(1,)])
    >>> c.holds, c.evidence["certificate"]["lambda"]
    (False, [Fraction(1, 2), Fraction(1, 2)])
    """
    deadline = Deadline(timeout)
    pa, pb = _point_sets(A, B)
    d = len(pa[0])
    require_memory(separability_bytes(len(pa) + len(pb), d),
                   f"deciding the linear separability of {len(pa)} and {len(pb)} points "
                   f"in dimension {d}")
    got = _proposed(pa, pb, candidate, deadline)
    if got is not None:
        return got
    t0 = time.perf_counter()
    if deadline.expired():
        return _timed_out(deadline)
    got = _z3_hyperplane(pa, pb, deadline)
    if got is not None:
        return got
    return _hull_certificate(pa, pb, deadline, t0)


def _point_sets(A: object, B: object) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """A and B as rational points of one dimension (InvalidArgument otherwise).

    >>> _point_sets([(0,)], [(1, 2)])
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: linearly_separable: dimensions differ (1 and 2)
    """
    pa = rational_points(A, "A")
    pb = rational_points(B, "B")
    if len(pa[0]) != len(pb[0]):
        raise InvalidArgument(
            f"linearly_separable: dimensions differ ({len(pa[0])} and {len(pb[0])})"
        )
    return pa, pb


def _proposed(
    pa: Sequence[Point], pb: Sequence[Point], candidate: tuple[Sequence[object], object] | None,
    deadline: Deadline,
) -> Check | None:
    """The caller's hyperplane, else HiGHS's, when it separates exactly; else None.

    >>> _proposed([(0,)], [(1,)], ([1], 0), Deadline(None)).evidence["found_by"]
    'HiGHS LP, rationalised'
    """
    d = len(pa[0])
    if candidate is not None:
        w0, b0 = candidate
        w = [to_rational(v, "candidate w") for v in w0]
        if len(w) != d:
            raise InvalidArgument("linearly_separable: candidate w has the wrong dimension")
        got = hyperplane_check(w, to_rational(b0, "candidate b"), pa, pb, "candidate",
                               deadline)
        if got is not None:
            return got
    cand = _float_candidate(pa, pb, deadline)
    if cand is not None:
        return hyperplane_check(cand[0], cand[1], pa, pb, "HiGHS LP, rationalised",
                                deadline)
    return None


def _z3_hyperplane(pa: Sequence[Point], pb: Sequence[Point], deadline: Deadline) -> Check | None:
    """z3's separating hyperplane (re-checked), unknown with the reason, or None when z3
    proves that there is none.

    >>> _z3_hyperplane([(0,)], [(1,)], Deadline(None)).evidence["found_by"]
    'z3 LRA'
    >>> _z3_hyperplane([(0,), (2,)], [(1,)], Deadline(None)) is None
    True
    """
    import z3

    from verify.encodings.z3memory import z3_check, z3_reason

    d = len(pa[0])
    ws = [z3.Real(f"w{k}") for k in range(d)]
    bv = z3.Real("b")
    s = z3.Solver()
    for side, pts in ((1, pa), (-1, pb)):
        for i, a in enumerate(pts):
            if i % _CHUNK == 0 and deadline.expired():
                return _timed_out(deadline)
            lhs = z3.Sum([wk * z3.RealVal(str(c)) for wk, c in zip(ws, a, strict=True)]) + bv
            s.add(lhs >= 1 if side > 0 else lhs <= -1)
    if deadline.expired():
        return _timed_out(deadline)
    _limit(s, deadline)  # z3's own limit: the time left after the building
    r = z3_check(s)
    prov = _z3_provenance()
    if r == z3.sat:
        m = s.model()
        w = [_model_value(m, wk) for wk in ws]
        got = hyperplane_check(w, _model_value(m, bv), pa, pb, "z3 LRA", deadline)
        if got is None:
            raise CertificateError("z3 returned a hyperplane that does not separate")
        got.evidence.update(prov)
        return got
    if r != z3.unsat:
        return Check("linearly_separable", None,
                     {"reason": f"z3 answered {r}: {z3_reason(s)}", **prov})
    return None


def _z3_provenance() -> dict[str, Any]:
    import z3

    return {"solver": "z3", "version": z3.get_version_string(), "logic": "LRA"}


def _hull_certificate(
    pa: Sequence[Point], pb: Sequence[Point], deadline: Deadline, t0: float
) -> Check:
    """Not separable, with convex weights whose combinations of A and B meet (Farkas),
    re-checked in Fractions; or unknown with the reason.  ``seconds``: since ``t0``
    (the start of the z3 queries).

    >>> c = _hull_certificate([(0,), (2,)], [(1,)], Deadline(None), time.perf_counter())
    >>> c.holds, c.evidence["certificate"]["point"]
    (False, [Fraction(1, 1)])
    """
    import z3

    from verify.encodings.z3memory import z3_check, z3_reason

    d = len(pa[0])
    prov = _z3_provenance()
    lam: list[Any] = []
    mu: list[Any] = []
    for name, pts, out in (("l", pa, lam), ("m", pb, mu)):
        for lo in range(0, len(pts), _CHUNK):  # a look at the clock every 16384 points
            if deadline.expired():
                return _timed_out(deadline)
            out.extend(z3.Real(f"{name}{i}") for i in range(lo, min(lo + _CHUNK, len(pts))))
    s2 = z3.Solver()
    s2.add(*[v >= 0 for v in lam + mu], z3.Sum(lam) == 1, z3.Sum(mu) == 1)
    for k in range(d):
        if deadline.expired():
            return _timed_out(deadline)
        s2.add(z3.Sum([li * z3.RealVal(str(a[k])) for li, a in zip(lam, pa, strict=True)])
               == z3.Sum([mj * z3.RealVal(str(x[k])) for mj, x in zip(mu, pb, strict=True)]))
    if deadline.expired():
        return _timed_out(deadline)
    _limit(s2, deadline)  # z3's own limit: the time left after the building
    r2 = z3_check(s2)
    if r2 == z3.unknown:
        return Check("linearly_separable", None, {
            "reason": f"z3 answered unknown for the convex-hull certificate: "
                      f"{z3_reason(s2)}", **prov})
    if r2 != z3.sat:
        raise SolverError("z3: no hyperplane and no convex-hull certificate (inconsistent)")
    m2 = s2.model()
    lv = [_model_value(m2, v) for v in lam]
    mv = [_model_value(m2, v) for v in mu]
    pt = [sum((li * a[k] for li, a in zip(lv, pa, strict=True)), Fraction(0)) for k in range(d)]
    pt2 = [sum((mj * x[k] for mj, x in zip(mv, pb, strict=True)), Fraction(0)) for k in range(d)]
    if (min(lv + mv) < 0 or sum(lv) != 1 or sum(mv) != 1 or pt != pt2):
        raise CertificateError("z3 returned an invalid convex-hull certificate")
    return Check("linearly_separable", False, {
        "certificate": {"lambda": lv, "mu": mv, "point": pt,
                        "rule": "sum(lambda)=sum(mu)=1, all >= 0, sum lambda_i a_i = "
                                "sum mu_j b_j (checked in Fractions)"},
        "seconds": round(time.perf_counter() - t0, 4), **prov,
    })
