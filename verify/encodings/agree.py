"""Maximum agreement: the most points of a labeling one network of the class gets right.

Sign convention: point i is right iff ``y_i·f(x_i) > 0`` (f(x) = 0 is wrong).

Two steps.  (1) HiGHS solves a big-M MILP over networks with weights bounded by
B (:mod:`verify.encodings.milp`); its float solution is turned into rationals and
its correct points are counted exactly — a certified LOWER bound.  (2) z3 then
asks, in the exact linear-real-arithmetic encoding of :mod:`verify.encodings.lra`
(no weight bound), for a network right on at least one more point; every ``sat``
raises the count (the witness is re-checked exactly) and the final ``unsat``
certifies the optimum over the whole real class.  This is exact because a network
right on a set A can be perturbed (output bias) and scaled so that every point
has ``|f(x_i)| ≥ 1`` while A stays right: the optimum is the largest agreement of
``y`` with a realizable labeling.  A time-out leaves ``optimal`` False.

>>> r = max_agreement([[0], [1], [2]], "+-+", "1-1")     # a halfspace gets 2 of 3
>>> r.agreement, r.optimal, r.witness.architecture
(2, True, '1-1')
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import z3

from verify.encodings.failures import solver_failures
from verify.encodings.lra import OneHiddenLRA
from verify.encodings.milp import DEFAULT_WEIGHT_BOUND, exact_agreement, milp_agreement
from verify.errors import InvalidArgument
from verify.exact import require_int
from verify.geometry.pointsets import Point, PointSet, as_points
from verify.jsonio import dataclass_json
from verify.labels import parse_labels
from verify.limits import limit_text, parse_timeout
from verify.nets.network import ReLUNet, format_architecture, parse_architecture

__all__ = ["AgreementResult", "max_agreement"]


@dataclass
class AgreementResult:
    """Maximum agreement of a class with a labeling.

    ``agreement`` is the exact number of points the (re-checked) ``witness``
    gets right; ``optimal`` is True iff z3 refuted every larger agreement.
    """

    agreement: int
    n: int
    witness: ReLUNet
    optimal: bool
    reason: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)

    JSON_ORDER = ("agreement", "n", "optimal", "witness", "reason", "provenance")

    def to_json(self) -> dict[str, Any]:
        return dataclass_json(self, keep_fractions=True)


def _constant_net(widths: tuple[int, ...], sign: int) -> ReLUNet:
    m = widths[0]
    if len(widths) == 2:
        return ReLUNet.from_lists([([[0] * m], [sign])])
    h = widths[1]
    return ReLUNet.from_lists([([[0] * m for _ in range(h)], [0] * h), ([[1] * h], [sign])])


def max_agreement(
    points: PointSet | Sequence[Sequence[object]] | str,
    labels: str | Sequence[int],
    arch: str,
    timeout: object = None,
    weight_bound: object = DEFAULT_WEIGHT_BOUND,
    milp_timeout: object = 10,
) -> AgreementResult:
    """The largest number of points of ``labels`` one ``arch`` network (real weights) gets right.

    Parameters
    ----------
    points, labels, arch
        As in :func:`verify.encodings.realize.realize`; ``arch`` is ``m-h-1`` or ``m-1``.
    timeout : seconds or None
        Limit for the exact (z3) step; on a time-out ``optimal`` is False and
        ``agreement`` is a certified lower bound.
    weight_bound : int
        B of the MILP step (weights and hidden biases in [−B, B]).
    milp_timeout : seconds
        Limit for HiGHS.

    Examples
    --------
    >>> r = max_agreement("grid:2:1", "+-", "1-1")
    >>> r.agreement, r.optimal
    (2, True)
    """
    pts = as_points(points)
    widths = parse_architecture(arch, inputs=len(pts[0]))
    if len(widths) > 3:
        raise InvalidArgument(
            f"agree: architecture {format_architecture(widths)}: only m-h-1 and m-1 are supported")
    y = parse_labels(labels, len(pts))
    seconds = parse_timeout(timeout)
    bound = require_int(weight_bound, "weight bound", low=1, high=10**6)
    milp_seconds = parse_timeout(milp_timeout)
    hidden = widths[1] if len(widths) == 3 else 0
    start = time.perf_counter()
    positives = sum(1 for v in y if v > 0)
    best_net = _constant_net(widths, 1 if 2 * positives >= len(y) else -1)
    best = exact_agreement(best_net, pts, y)
    prov: dict[str, Any] = {"architecture": format_architecture(widths), "class": "real"}
    milp_net, prov["milp"] = _milp_start(pts, y, hidden, bound, milp_seconds)
    if milp_net is not None:
        count = exact_agreement(milp_net, pts, y)  # = the MILP's exact count
        if count > best:
            best, best_net = count, milp_net
    enc = OneHiddenLRA(pts, hidden)
    best, best_net, optimal, reason = _raise_exactly(enc, pts, y, best, best_net, seconds)
    prov.update(enc.provenance())
    prov["seconds"] = round(time.perf_counter() - start, 6)
    assert exact_agreement(best_net, pts, y) == best
    return AgreementResult(best, len(y), best_net, optimal, reason, prov)


def _milp_start(
    pts: Sequence[Point], y: Sequence[int], hidden: int, bound: int, seconds: float | None
) -> tuple[ReLUNet | None, dict[str, Any]]:
    """HiGHS's rationalised witness (a warm start; None without one) and its provenance.

    A failing MILP only loses the warm start: the provenance names the error.

    >>> from fractions import Fraction as F
    >>> net, prov = _milp_start([(F(0),), (F(1),)], (1, -1), 0, 16, None)
    >>> prov["exact_count_of_rational_witness"], exact_agreement(net, [(0,), (1,)], (1, -1))
    (2, 2)
    """
    try:
        mres = milp_agreement(pts, y, hidden, bound, seconds)
    except solver_failures() as exc:  # a failing MILP only loses the warm start
        return None, {"error": f"{type(exc).__name__}: {exc}"}
    return mres.witness, {
        "solver": "HiGHS (scipy.optimize.milp)",
        "status": mres.status,
        "objective_float": mres.milp_objective,
        "exact_count_of_rational_witness": mres.exact_count,
        "weight_bound": f"|hidden weights|, |hidden biases| <= {bound}; margin 1; "
        "its optimum is a lower bound for the real class",
        "seconds": round(mres.seconds, 6),
    }


def _raise_exactly(
    enc: OneHiddenLRA, pts: Sequence[Point], y: Sequence[int], best: int, best_net: ReLUNet,
    seconds: float | None,
) -> tuple[int, ReLUNet, bool, str | None]:
    """Ask z3 for one more right point until ``unsat``: (agreement, witness, optimal, reason).

    Every witness is re-checked exactly; a time-out or a solver error stops with
    ``optimal`` False and the reason (the agreement is then a certified lower bound).

    >>> from fractions import Fraction as F
    >>> pts = [(F(0),), (F(1),), (F(2),)]
    >>> start = _constant_net((1, 1), 1)
    >>> best, net, optimal, reason = _raise_exactly(OneHiddenLRA(pts, 0), pts, (1, -1, 1), 2,
    ...                                             start, None)
    >>> best, optimal, reason
    (2, True, None)
    """
    lits = enc.literals(y)
    deadline = None if seconds is None else time.perf_counter() + seconds
    while best < len(y):
        left = None if deadline is None else deadline - time.perf_counter()
        if left is not None and left <= 0:
            return best, best_net, False, (f"time-out after {limit_text(seconds)}; agreement is a "
                                           "certified lower bound")
        enc.set_timeout(left)
        enc.solver.push()
        enc.solver.add(z3.PbGe([(lit, 1) for lit in lits], best + 1))
        try:
            status, net = enc.check()
        except z3.Z3Exception as exc:
            return best, best_net, False, (f"solver error: {exc}; agreement is a certified "
                                           "lower bound")
        finally:
            enc.solver.pop()
        if status == "sat":
            assert net is not None
            count = exact_agreement(net, pts, y)
            if count <= best:
                return best, best_net, False, "the solver's witness failed the exact re-check"
            best, best_net = count, net
        elif status == "unsat":
            return best, best_net, True, None
        else:
            return best, best_net, False, (f"{enc.reason_unknown()}; agreement is a certified "
                                           "lower bound")
    return best, best_net, True, None
