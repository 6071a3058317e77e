"""Do two ReLU networks compute the same function on all of R^m?  (z3, linear real arithmetic)

The question "∃x: f(x) ≠ g(x)" is encoded exactly: every ReLU is an
``If(z > 0, z, 0)`` term over rational weights, the inputs are unbounded reals.
``unsat`` proves f = g everywhere (a refutation trusted from z3, with its
version); ``sat`` gives a point where they differ, which is turned into a
rational point and re-checked with exact evaluation before it is returned; a
time-out or a solver failure is ``unknown`` with the reason.

>>> from verify.nets.network import ReLUNet
>>> f = ReLUNet.from_lists([([[1], [-1]], [0, 0]), ([[1, -1]], [0])])   # x
>>> g = ReLUNet.from_lists([([[1]], [0])])                                # x
>>> h = ReLUNet.from_lists([([[1]], [0]), ([[1]], [0])])                  # ReLU(x)
>>> same_function(f, g).status, same_function(f, h).status
('equal', 'different')
>>> same_function(f, h).point[0] < 0
True
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from verify.encodings.failures import describe, solver_failures
from verify.errors import InvalidArgument
from verify.limits import parse_timeout
from verify.nets.network import ReLUNet

__all__ = ["Equivalence", "same_function"]


@dataclass(frozen=True)
class Equivalence:
    """``equal`` (z3 proved it), ``different`` (``point``, re-checked exactly) or ``unknown``."""

    status: Literal["equal", "different", "unknown"]
    point: tuple[Fraction, ...] | None = None
    values: tuple[Fraction, Fraction] | None = None
    reason: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)


def _encode(net: ReLUNet, xs: list[Any]) -> Any:
    import z3

    h = xs
    last = len(net.layers) - 1
    for i, layer in enumerate(net.layers):
        out = []
        for row, b in zip(layer.weights, layer.bias, strict=True):
            z = z3.RealVal(str(b)) + z3.Sum([z3.RealVal(str(w)) * v
                                              for w, v in zip(row, h, strict=True) if w != 0]
                                             or [z3.RealVal(0)])
            out.append(z if i == last else z3.If(z > 0, z, z3.RealVal(0)))
        h = out
    return h[0]


def same_function(f: ReLUNet, g: ReLUNet, timeout: object = None) -> Equivalence:
    """Decide exactly whether f(x) = g(x) for every real x."""
    import z3

    from verify.encodings.z3memory import z3_check, z3_reason

    if f.widths[0] != g.widths[0]:
        raise InvalidArgument(f"same_function: the networks take {f.widths[0]} and "
                              f"{g.widths[0]} inputs")
    seconds = parse_timeout(timeout)
    start = time.perf_counter()
    xs = [z3.Real(f"x{k}") for k in range(f.widths[0])]
    solver = z3.Solver()
    if seconds is not None:
        solver.set("timeout", max(1, int(seconds * 1000)))
    prov = {"solver": "z3", "version": z3.get_version_string(),
            "encoding": "LRA with If-terms for ReLU, ∃x: f(x) ≠ g(x)"}
    try:
        solver.add(_encode(f, xs) != _encode(g, xs))
        result = z3_check(solver)
    except solver_failures() as exc:
        return Equivalence("unknown", reason=describe(exc), provenance=prov)
    prov["seconds"] = round(time.perf_counter() - start, 6)
    if result == z3.unsat:
        return Equivalence("equal", provenance=prov)
    if result == z3.sat:
        from verify.encodings.lra import z3_fraction

        model = solver.model()
        point = tuple(z3_fraction(model.eval(x, model_completion=True)) for x in xs)
        fv, gv = f.evaluate(point), g.evaluate(point)
        if fv == gv:  # an irrational model rounded onto equal values: not a witness
            return Equivalence("unknown", reason="z3's model did not re-check exactly",
                               provenance=prov)
        return Equivalence("different", point, (fv, gv), provenance=prov)
    return Equivalence("unknown", reason=f"z3: {z3_reason(solver)}", provenance=prov)
