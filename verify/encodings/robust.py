"""Exact robustness verification of a given ReLU network around labelled points.

Question, for each labelled point (x, y) and radius r ≥ 0: is y·f(x') > 0 for
every x' in the closed ball {x' : ‖x' − x‖ ≤ r} (ℓ∞ or ℓ2)?  (Sign convention:
f(x') = 0 counts as misclassified.)  Each point gets a :class:`RobustnessResult`:

* ``verified`` — the solver proved there is no misclassified point in the ball
  (z3: exact; the MILP method labels its "verified" as ``exact = False``);
* ``counterexample`` — a rational x' in the closed ball with y·f(x') ≤ 0,
  re-checked in exact arithmetic with :meth:`ReLUNet.evaluate` before it is
  returned;
* ``unknown`` — time-out or solver failure, with the reason.  Never false.

Encodings. Cheap witnesses first: the centre, x ± r·e_k, the box corners and a
few fixed rational points of the ball are evaluated exactly; a misclassified one
is returned at once. Otherwise, bounds of every pre-activation over the box x ±
r are computed exactly (interval arithmetic intersected with back-substituted
linear ReLU relaxations, in Fractions); units that are always active or always
inactive become linear, the others get a Boolean activation variable a with a →
(h = z ∧ z ≥ 0), ¬a → (h = 0 ∧ z ≤ 0). If the bounds already give y·f > 0 on the
box, that is an exact proof and no solver runs; if z3 needs more than 2 s on the
whole ball, the box is bisected (up to 64 sub-boxes), the bounds prove what they
can and z3 decides the remaining sub-boxes. ℓ∞: z3 linear real arithmetic (exact
and complete). ℓ2: the ball constraint Σ(x'_k − x_k)² ≤ r² makes it nonlinear
real arithmetic (z3 nlsat: exact when it answers). If z3's model has irrational
coordinates, the activation pattern it found is kept and the point of that
linear region nearest to x is computed exactly (KKT conditions, solved in linear
real arithmetic); it is rational and lies in the ball. ``milp``: HiGHS through
:func:`scipy.optimize.milp` with big-M constraints from the same exact bounds,
ℓ∞ only; its optimum is floating point, so a counterexample is re-checked
exactly and a "verified" verdict is labelled numeric.

Checkable proofs: a point verified by z3 also gets, when one is found in time,
a proof over the box x ± r — input bisections, leaves by exact bounds, phase
splits with Farkas leaves (:mod:`verify.encodings.robust_proof`) — which
:mod:`verify.certify` re-checks;
a box proof also proves the ℓ2 ball inside it.  An ℓ2 verdict whose box has a
counterexample outside the ball has no such proof and stays trusted from z3.

Modules: :mod:`~verify.encodings.robust_ball` (norms, ball, counterexamples),
:mod:`~verify.encodings.robust_bounds` (exact bounds),
:mod:`~verify.encodings.robust_sampling`, :mod:`~verify.encodings.robust_z3`,
:mod:`~verify.encodings.robust_kkt`, :mod:`~verify.encodings.robust_milp`,
:mod:`~verify.encodings.robust_proof`.

>>> from verify.nets.network import ReLUNet
>>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
>>> robust_at(net, [1], 1, "1/4").status
'verified'
>>> r = robust_at(net, [1], 1, "1/2"); r.status, r.counterexample, r.value
('counterexample', (Fraction(1, 2),), Fraction(0, 1))
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from verify.encodings.failures import describe, solver_failures
from verify.encodings.robust_ball import Norm, Point, in_ball, is_counterexample, parse_norm
from verify.encodings.robust_bounds import interval_bounds as _interval_bounds
from verify.encodings.robust_bounds import proved_by_bounds
from verify.encodings.robust_bounds import tight_bounds as _tight_bounds
from verify.encodings.robust_kkt import nearest_in_pattern as _nearest_in_pattern
from verify.encodings.robust_milp import milp_check as _milp_check
from verify.encodings.robust_sampling import sampled_counterexample as _sampled_counterexample
from verify.encodings.robust_z3 import z3_check as _z3_check
from verify.encodings.robust_z3 import z3_portfolio as _z3_portfolio
from verify.encodings.robust_z3 import z3_version as _z3_version
from verify.errors import InvalidArgument, SolverError
from verify.exact import require_rational_range, to_rational
from verify.jsonio import dataclass_json, json_meta
from verify.labels import parse_labels
from verify.limits import parse_timeout
from verify.nets.network import ReLUNet

__all__ = [
    "BOUNDS_SOLVER",
    "Norm",
    "RobustnessReport",
    "RobustnessResult",
    "in_ball",
    "is_counterexample",
    "parse_norm",
    "proved_by_bounds",
    "robust_at",
    "verify_robustness",
]

RobustStatus = Literal["verified", "counterexample", "unknown"]
_METHODS = ("z3", "milp")
BOUNDS_SOLVER = "exact-bounds"
"""Provenance ``solver`` of a verdict proved by exact bounds alone (re-checkable)."""
_HELPERS = (_interval_bounds, _tight_bounds, _nearest_in_pattern, _z3_check)
"""Re-exported under their former names (tests and callers reach them here)."""

@dataclass(frozen=True)
class RobustnessResult:
    """The answer for one labelled point.

    Attributes
    ----------
    index, point, label : the question
    status : "verified", "counterexample" or "unknown"
    counterexample : rational point in the closed ball with label·f ≤ 0, re-checked
    value : f(counterexample), exact
    reason : why the answer is unknown
    exact : False only for a MILP "verified" (floating point)
    provenance : solver, version, encoding, seconds, …
    proof : for a point verified by z3, a phase-split proof over the box x ± r
        (Farkas leaves) that :mod:`verify.certify` re-checks, when one was found
    """

    index: int
    point: Point
    label: int
    status: RobustStatus
    counterexample: Point | None = None
    value: Fraction | None = None
    reason: str | None = None
    exact: bool = True
    provenance: dict[str, Any] = field(default_factory=dict)
    proof: dict[str, Any] | None = field(default=None, metadata=json_meta(omit="none"))

    def to_json(self) -> dict[str, Any]:
        return dataclass_json(self, keep_fractions=True)


@dataclass(frozen=True)
class RobustnessReport:
    """Results for every point.  ``robust`` is True (all verified exactly), False
    (some counterexample) or None (otherwise: unknown or numeric only)."""

    radius: Fraction
    norm: Norm
    results: tuple[RobustnessResult, ...]

    @property
    def robust(self) -> bool | None:
        if any(r.status == "counterexample" for r in self.results):
            return False
        if all(r.status == "verified" and r.exact for r in self.results):
            return True
        return None

    @property
    def counts(self) -> dict[str, int]:
        out = {"verified": 0, "counterexample": 0, "unknown": 0}
        for r in self.results:
            out[r.status] += 1
        return out

    JSON_ORDER = ("robust", "radius", "norm", "counts", "results")

    def json_extra(self) -> dict[str, Any]:
        return {"robust": self.robust, "counts": self.counts}

    def to_json(self) -> dict[str, Any]:
        return dataclass_json(self, keep_fractions=True)


def robust_at(
    net: ReLUNet,
    x: Sequence[object],
    label: int,
    radius: object,
    norm: object = "inf",
    *,
    timeout: object = None,
    method: str = "z3",
    index: int = 0,
    sample: bool = True,
    prove: bool = False,
) -> RobustnessResult:
    """Decide whether label·f(x') > 0 on the whole closed ball of ``radius`` around x.

    Parameters
    ----------
    net : ReLUNet
    x : point (rationals)
    label : +1 or −1
    radius : rational ≥ 0
    norm : "inf" or "2"
    timeout : seconds per query (None: no limit); a time-out gives ``unknown``
    method : "z3" (exact) or "milp" (HiGHS; ℓ∞ only; verified is numeric)
    index : the point's index, recorded in the result
    sample : with z3, first try a few sample points of the ball (exactly evaluated)
    prove : with z3, attach to a "verified" a phase-split proof over the box x ± r
        (:mod:`verify.encodings.robust_proof`; ℓ2 with ℓ2 leaves where the box holds
        misclassified points outside the ball), when found within ``min(timeout, 10 s)``;
        without one the verdict stays trusted from z3

    Examples
    --------
    >>> net = ReLUNet.from_lists([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], [-1])])
    >>> robust_at(net, [1, 1], 1, "1/2", "2").status
    'verified'
    >>> r = robust_at(net, [1, 1], 1, "3/4", "2"); r.status, sum(r.counterexample) <= 1
    ('counterexample', True)
    """
    pt, r, nm, seconds = _question(net, x, label, radius, norm, method, timeout)
    t0 = time.perf_counter()
    ans = _answer(net, pt, label, r, nm, seconds, method, sample)
    ans.provenance["seconds"] = round(time.perf_counter() - t0, 4)
    ans.provenance["note"] = ans.note
    return _result(net, pt, label, r, nm, index, ans, prove=prove, timeout=seconds)


def _question(
    net: ReLUNet, x: Sequence[object], label: int, radius: object, norm: object, method: str,
    timeout: object,
) -> tuple[Point, Fraction, Norm, float | None]:
    """The question checked: the point, the radius, the norm and the time limit.

    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
    >>> _question(net, ["1/2"], 1, "1/4", "inf", "z3", None)
    ((Fraction(1, 2),), Fraction(1, 4), 'inf', None)
    >>> _question(net, [1], 1, "1/4", "2", "milp", None)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: method milp handles only the l_inf ball; use z3 for norm 2
    """
    pt: Point = tuple(to_rational(v, "point") for v in x)
    if len(pt) != net.widths[0]:
        raise InvalidArgument(
            f"point has dimension {len(pt)}, the network takes {net.widths[0]} inputs"
        )
    if label not in (1, -1) or isinstance(label, bool):
        raise InvalidArgument(f"label must be +1 or -1, got {label!r}")
    r = require_rational_range(radius, "radius", 0, None)
    nm = parse_norm(norm)
    if method not in _METHODS:
        raise InvalidArgument(f"method: {method!r} is not one of {', '.join(_METHODS)}")
    seconds = parse_timeout(timeout)
    if method == "milp" and nm != "inf":
        raise InvalidArgument("method milp handles only the l_inf ball; use z3 for norm 2")
    return pt, r, nm, seconds


@dataclass
class _Answer:
    """A back end's answer, before it becomes a :class:`RobustnessResult`.

    ``status``: ``verified``, ``counterexample`` or ``unknown``."""

    status: str
    counterexample: Point | None
    note: str
    provenance: dict[str, Any]
    exact: bool = True


def _answer(net: ReLUNet, pt: Point, label: int, r: Fraction, nm: Norm,
            timeout: float | None, method: str, sample: bool) -> _Answer:
    """The answer of ``method``; a time-out or a named solver failure is ``unknown``."""
    try:
        if method == "z3":
            return _z3_answer(net, pt, label, r, nm, timeout, sample)
        return _milp_answer(net, pt, label, r, timeout)
    except TimeoutError as exc:
        return _Answer("unknown", None, f"time-out ({exc})", {"solver": method})
    except solver_failures() as exc:  # a failing back end is an unknown; a bug surfaces
        return _Answer("unknown", None, describe(exc), {"solver": method})


def _z3_answer(net: ReLUNet, pt: Point, label: int, r: Fraction, nm: Norm,
               timeout: float | None, sample: bool) -> _Answer:
    """Sample points of the ball, then exact bounds, then z3 (exact).

    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
    >>> a = _z3_answer(net, (Fraction(1),), 1, Fraction(1, 4), "inf", None, True)
    >>> a.status, a.provenance["solver"]
    ('verified', 'exact-bounds')
    """
    sampled = _sampled_counterexample(net, pt, label, r, nm) if sample else None
    if sampled is not None:
        return _Answer("counterexample", sampled, "found by sampling the ball",
                       {"solver": "sampling", "version": "-",
                        "encoding": "exact evaluation of sample points"})
    if proved_by_bounds(net, label, [v - r for v in pt], [v + r for v in pt]):
        return _Answer("verified", None, "no solver needed",
                       {"solver": BOUNDS_SOLVER, "version": "1",
                        "encoding": "interval and back-substituted linear ReLU bounds in "
                                    "Fractions give label*f > 0 on the box x +- r "
                                    "(re-checkable)"})
    status, cex, note = _z3_portfolio(net, pt, label, r, nm, timeout)
    return _Answer(status, cex, note, {
        "solver": "z3", "version": _z3_version(),
        "encoding": ("LRA" if nm == "inf" else "QF_NRA")
        + ": Boolean activation per unstable ReLU, "
        "stable units fixed by exact back-substituted bounds (Fractions), "
        "input bisection when the first query is slow",
    })


def _milp_answer(net: ReLUNet, pt: Point, label: int, r: Fraction,
                 timeout: float | None) -> _Answer:
    """HiGHS's MILP over the ℓ∞ ball; its "verified" is numeric (``exact`` False)."""
    import scipy

    try:
        status, cex, note, _opt = _milp_check(net, pt, label, r, timeout)
    except OverflowError as exc:  # HiGHS works in floats
        raise SolverError(f"HiGHS: a value beyond the float range ({exc})") from exc
    return _Answer(status, cex, note,
                   {"solver": "HiGHS (scipy.optimize.milp)", "version": scipy.__version__,
                    "encoding": "big-M MILP from exact back-substituted bounds, minimise y*f"},
                   exact=status != "verified")


def _result(net: ReLUNet, pt: Point, label: int, r: Fraction, nm: Norm, index: int,
            ans: _Answer, *, prove: bool, timeout: float | None) -> RobustnessResult:
    """The result: a counterexample re-checked exactly, a verdict with its proof when asked
    (z3's verdicts only), or unknown with the reason."""
    prov = ans.provenance
    if ans.status == "counterexample":
        cex = ans.counterexample
        assert cex is not None and is_counterexample(net, pt, label, r, nm, cex)
        return RobustnessResult(index, pt, label, "counterexample", cex, net.evaluate(cex),
                                None, True, prov)
    if ans.status == "verified":
        proof = None
        if prov.get("solver") == "z3" and prove:
            proof = _proof(net, pt, label, r, timeout, prov, nm)
        return RobustnessResult(index, pt, label, "verified", exact=ans.exact, provenance=prov,
                                proof=proof)
    return RobustnessResult(index, pt, label, "unknown", reason=ans.note, exact=False,
                            provenance=prov)


_PROOF_SECONDS = 10.0
"""Time for a robustness proof when the question has no time limit."""


def _proof(net: ReLUNet, pt: Point, label: int, r: Fraction, timeout: float | None,
           prov: dict[str, Any], norm: str = "inf") -> dict[str, Any] | None:
    """A checkable proof of a z3 "verified" (None: none within the time; then trusted)."""
    from verify.encodings.robust_proof import prove_box

    t0 = time.perf_counter()
    budget = _PROOF_SECONDS if timeout is None else min(timeout, _PROOF_SECONDS)
    proof = prove_box(net, pt, label, r, deadline=t0 + budget, norm=norm)
    prov["proof_seconds"] = round(time.perf_counter() - t0, 4)
    leaves = ("Farkas leaves" if norm == "inf" else
              "Farkas leaves and l2 leaves (KKT multipliers of the region's nearest point)")
    prov["proof"] = (f"phase splits over the box x +- r with {leaves} (re-checkable)"
                     if proof is not None else
                     "none found within the node and time limits: the verdict is trusted "
                     "from z3")
    return proof


def verify_robustness(
    net: ReLUNet,
    points: object,
    labels: str | Sequence[int],
    radius: object,
    norm: object = "inf",
    *,
    timeout: object = None,
    method: str = "z3",
    prove: bool = False,
) -> RobustnessReport:
    """:func:`robust_at` for every labelled point.

    ``points`` may be rows of rationals, a :class:`PointSet` or a spec such as
    ``"cube:2"``; ``labels`` has one entry per point; ``prove`` asks for checkable
    proofs of z3's verdicts (see :func:`robust_at`).

    Examples
    --------
    >>> from verify.nets.constructions import robust_memorizer
    >>> pts = [[0, 0], [1, 1]]
    >>> net = robust_memorizer(pts, "+-", "1/2", "1/4")
    >>> rep = verify_robustness(net, pts, "+-", "1/4"); rep.robust, rep.counts["verified"]
    (True, 2)
    """
    from verify.geometry.pointsets import as_points
    from verify.progress import progress

    pts = list(as_points(points))  # type: ignore[arg-type]
    ys = parse_labels(labels if isinstance(labels, str) else list(labels), len(pts))
    r = require_rational_range(radius, "radius", 0, None)
    nm = parse_norm(norm)
    results = []
    with progress(len(pts), "robustness") as bar:
        for i, (p, y) in enumerate(zip(pts, ys, strict=True)):
            results.append(robust_at(net, p, y, r, nm, timeout=timeout, method=method, index=i,
                                     prove=prove))
            bar.advance(1)
    return RobustnessReport(r, nm, tuple(results))
