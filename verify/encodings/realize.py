"""Exact realizability of labelings: one labeling (:func:`realize`) or all (:func:`realized_set`).

Sign convention: a network labels x as +1 iff f(x) > 0 and −1 iff f(x) < 0;
f(x) = 0 is wrong for both labels.

Back ends, chosen from the architecture and the class:

* ``real``, one hidden layer (``m-h-1``) or none (``m-1``): z3 linear real
  arithmetic (:mod:`verify.encodings.lra`), exact and complete.
* ``real``, two or more hidden layers: z3 nonlinear real arithmetic
  (:mod:`verify.encodings.nra`); exact when it answers, ``unknown`` on a time-out.
* ``int:Q``, one hidden layer: a SAT encoding with python-sat
  (:mod:`verify.encodings.sat`), exact for the class.

Every witness is re-checked with :meth:`ReLUNet.realizes` before it is returned.

>>> d = realize("cube:2", "-++-", "2-2-1")
>>> d.status, d.witness.realizes(as_points("cube:2"), (-1, 1, 1, -1))
('realizable', True)
>>> realize("cube:2", "-++-", "2-1-1").status
'unrealizable'
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from verify.encodings.classes import in_class, parse_class
from verify.encodings.failures import describe, solver_failures
from verify.encodings.result import Decision
from verify.encodings.symmetry import PointSymmetry, orbit, point_symmetries
from verify.errors import InvalidArgument, SolverError
from verify.geometry.pointsets import Point, PointSet, as_points
from verify.labels import labels_text, pack_labels, parse_labels, unpack_labels
from verify.limits import parse_timeout
from verify.nets.network import ReLUNet, format_architecture, parse_architecture
from verify.progress import progress

__all__ = ["RealizedSetResult", "realize", "realized_set", "realizes_bits"]

PointsLike = PointSet | Sequence[Sequence[object]] | str


class _Encoder(Protocol):
    encoding: str
    last_labels: tuple[int, ...]

    def set_timeout(self, seconds: float | None) -> None: ...
    def check(self, labels: Sequence[int] | None = None) -> tuple[str, ReLUNet | None]: ...
    def block(self, labels: Sequence[int]) -> None: ...
    def reason_unknown(self) -> str: ...
    def provenance(self) -> dict[str, Any]: ...


def _prepare(
    points: PointsLike, arch: object, cls: object, timeout: object
) -> tuple[tuple[Point, ...], tuple[int, ...], str, int | None, float | None]:
    pts = as_points(points)
    if not isinstance(arch, str | list | tuple):
        raise InvalidArgument(f"architecture {arch!r}: expected a string such as '2-2-1'")
    widths = parse_architecture(arch, inputs=len(pts[0]))
    kind, q = parse_class(cls)
    seconds = parse_timeout(timeout)
    if kind == "int" and len(widths) > 3:
        raise InvalidArgument(
            f"class int:{q} is supported for at most one hidden layer, got "
            f"{format_architecture(widths)}"
        )
    return pts, widths, kind, q, seconds


def _encoder(
    pts: tuple[Point, ...], widths: tuple[int, ...], kind: str, q: int | None,
    min_positive: bool = False, deadline: float | None = None,
) -> _Encoder:
    if kind == "int":
        from verify.encodings.sat import OneHiddenSAT

        assert q is not None
        return OneHiddenSAT(pts, widths[1] if len(widths) == 3 else 0, q, deadline=deadline)
    if len(widths) <= 3:
        from verify.encodings.lra import OneHiddenLRA

        return OneHiddenLRA(pts, widths[1] if len(widths) == 3 else 0, min_positive=min_positive)
    from verify.encodings.nra import DeepNRA

    return DeepNRA(pts, widths)


def realize(
    points: PointsLike,
    labels: str | Sequence[int],
    arch: str,
    cls: str = "real",
    timeout: object = None,
) -> Decision:
    """Decide exactly whether a network of ``arch`` in class ``cls`` realizes ``labels``.

    Parameters
    ----------
    points : spec, PointSet or rows
        Anything :func:`verify.geometry.pointsets.as_points` accepts.
    labels : str or sequence of ±1
        ``"+-+"``, ``"101"`` or a sequence, point i first.
    arch : str
        ``"m-h-1"`` (or ``"m-1"``, or deeper ``"m-h1-h2-1"``), m = the points' dimension.
    cls : str
        ``"real"`` (real weights) or ``"int:Q"`` (integer weights and biases in [−Q, Q]).
    timeout : number of seconds or None
        A time limit; when it is hit the answer is ``unknown`` (never unrealizable).

    Returns
    -------
    Decision
        ``realizable`` with a witness re-checked in exact arithmetic,
        ``unrealizable`` with the solver, its version, the encoding and the time,
        or ``unknown`` with the reason.

    Examples
    --------
    >>> d = realize("grid:3:2", "+-+--+-++", "2-2-1")
    >>> d.status, d.provenance["solver"]
    ('realizable', 'z3')
    >>> realize("cube:2", "+--+", "2-2-1", cls="int:1").status
    'unrealizable'
    >>> realize("cube:2", "+-", "2-2-1")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: labels: 2 labels given for 4 points
    """
    pts, widths, kind, q, seconds = _prepare(points, arch, cls, timeout)
    y = parse_labels(labels, len(pts))
    start = time.perf_counter()
    deadline = None if seconds is None else start + seconds
    try:
        enc = _encoder(pts, widths, kind, q, deadline=deadline)
        left = None if deadline is None else max(deadline - time.perf_counter(), 0.001)
        enc.set_timeout(left)
        status, net = enc.check(y)
    except TimeoutError as exc:
        return Decision.unknown(f"time-out after {seconds:g} s ({exc})",
                                seconds=time.perf_counter() - start)
    except solver_failures() as exc:  # a failing solver is an unknown; a bug surfaces
        return Decision.unknown(describe(exc), seconds=time.perf_counter() - start)
    prov = {**enc.provenance(), "seconds": round(time.perf_counter() - start, 6),
            "architecture": format_architecture(widths), "class": cls}
    if status == "sat":
        assert net is not None
        if net.realizes(pts, y) and in_class(net, kind, q):
            return Decision.realizable(net, **prov)
        return Decision.unknown("the solver's witness failed the exact re-check", **prov)
    if status == "unsat":
        return Decision.unrealizable(**prov)
    if _interrupted(enc, deadline):
        raise KeyboardInterrupt
    return Decision.unknown(_unknown_reason(enc, seconds), **prov)


def _interrupted(enc: _Encoder, deadline: float | None) -> bool:
    """Did z3 stop because the user pressed Ctrl-C (it catches SIGINT and says 'canceled')?

    A cancel well before our own deadline is the user's; near the deadline it is
    taken as the time-out (reported as unknown either way, never as a refutation).
    """
    if "canceled" not in enc.reason_unknown():
        return False
    return deadline is None or time.perf_counter() < deadline - 0.5


def _unknown_reason(enc: _Encoder, seconds: float | None) -> str:
    why = enc.reason_unknown()
    if seconds is not None and ("timeout" in why or "canceled" in why or "interrupt" in why):
        return f"time-out after {seconds:g} s ({why})"
    return f"solver returned unknown ({why})"


@dataclass
class RealizedSetResult:
    """The set of labelings a class realizes on a point set.

    Attributes
    ----------
    n : int
        Number of points.
    labelings : tuple of int
        Sorted bit-packed labelings (bit i set iff point i is +1), each realizable.
    witnesses : dict
        A network (re-checked exactly) for every labeling in ``labelings``.
    complete : bool
        True iff the solver refuted every other labeling (final ``unsat``).  When
        False the labelings not listed are UNKNOWN, not unrealizable.
    reason : str or None
        Why the result is incomplete.
    provenance : dict
        Solver, version, encoding, time, symmetry group size and counts.
    """

    n: int
    labelings: tuple[int, ...]
    witnesses: dict[int, ReLUNet]
    complete: bool
    reason: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.labelings)

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "count": self.count,
            "complete": self.complete,
            "reason": self.reason,
            "labelings": [labels_text(unpack_labels(b, self.n)) for b in self.labelings],
            "provenance": self.provenance,
        }


def realized_set(
    points: PointsLike,
    arch: str,
    cls: str = "real",
    timeout: object = None,
    known: Iterable[tuple[int, ReLUNet]] = (),
    on_found: Callable[[int, ReLUNet], None] | None = None,
    symmetries: bool = True,
    sweep: bool = True,
) -> RealizedSetResult:
    """All labelings of ``points`` realized by ``arch`` in class ``cls``, exactly.

    Enumeration: one incremental solver; find a labeling with a witness, re-check
    it, block it (with its whole orbit under the point set's symmetries and label
    negation, each transformed witness re-checked), repeat.  The final ``unsat``
    refutes every remaining labeling at once; its provenance is recorded.

    Parameters
    ----------
    points, arch, cls, timeout
        As in :func:`realize`; ``timeout`` bounds the whole enumeration.
    known : iterable of (bits, ReLUNet)
        Labelings already found (e.g. by an earlier, interrupted run); each is
        re-checked exactly, then blocked.  A bad entry raises InvalidArgument.
    on_found : callable(bits, net), optional
        Called for every newly found realizable labeling as soon as it is found.
    symmetries : bool
        Use point symmetries and label negation (sound; faster).
    sweep : bool
        Real class, one hidden layer: first propose witnesses from a NumPy sweep
        over random small-integer networks (:mod:`verify.encodings.sweep`); each
        is re-checked exactly before it is blocked.

    Returns
    -------
    RealizedSetResult
        ``complete`` is False if a time-out or solver failure stopped the run;
        the labelings not listed are then unknown.

    Examples
    --------
    >>> r = realized_set("cube:2", "2-1-1")
    >>> r.count, r.complete, 0b0110 in r.labelings
    (14, True, False)
    >>> realized_set("cube:2", "2-2-1").count
    16
    """
    pts, widths, kind, q, seconds = _prepare(points, arch, cls, timeout)
    n = len(pts)
    start = time.perf_counter()
    deadline = None if seconds is None else start + seconds
    syms: list[PointSymmetry] = (
        point_symmetries(pts, integral_only=(kind == "int"))
        if symmetries else point_symmetries(pts, integral_only=True)[:1]
    )
    one_hidden_real = kind == "real" and len(widths) == 3
    try:
        enc = _encoder(pts, widths, kind, q, min_positive=symmetries and one_hidden_real,
                       deadline=deadline)
    except TimeoutError as exc:
        return RealizedSetResult(
            n, (), {}, False, f"time-out after {seconds:g} s ({exc})",
            {"seconds": round(time.perf_counter() - start, 6), "final": "none"})
    found: dict[int, ReLUNet] = {}
    counts = {"solver_models": 0, "from_sweep": 0, "from_symmetry": 0, "known": 0}

    known_list = [_check_known(entry, pts, widths, kind, q) for entry in known]
    known_bits = {b for b, _ in known_list}

    def add_orbit(bits: int, net: ReLUNet) -> None:
        for b, g in orbit(bits, net, syms, negation=symmetries).items():
            if b in found:
                continue
            if not (realizes_bits(g, pts, b) and in_class(g, kind, q)):
                raise SolverError(f"internal error: a transformed witness for {b} failed")
            found[b] = g
            enc.block(unpack_labels(b, n))
            if b != bits:
                counts["from_symmetry"] += 1
            if on_found is not None and b not in known_bits:
                on_found(b, g)
            bar.advance()

    complete, reason = False, None
    with progress(None, f"realized set {format_architecture(widths)}") as bar:
        for bits, known_net in known_list:
            counts["known"] += 1
            add_orbit(bits, known_net)
        if sweep and one_hidden_real:
            from verify.encodings.sweep import sweep_witnesses

            for bits, cheap in sweep_witnesses(pts, widths[1]).items():
                if deadline is not None and time.perf_counter() > deadline:
                    break
                if bits not in found:
                    counts["from_sweep"] += 1
                    add_orbit(bits, cheap)
        while True:
            left = None if deadline is None else deadline - time.perf_counter()
            if left is not None and left <= 0:
                reason = f"time-out after {seconds:g} s"
                break
            try:
                enc.set_timeout(left)
                status, net = enc.check()
            except TimeoutError as exc:
                reason = f"time-out after {seconds:g} s ({exc})"
                break
            except solver_failures() as exc:  # a failing solver stops the run; a bug surfaces
                reason = describe(exc)
                break
            if status == "sat":
                assert net is not None
                y = enc.last_labels
                if not (net.realizes(pts, y) and in_class(net, kind, q)):
                    reason = "the solver's witness failed the exact re-check"
                    break
                counts["solver_models"] += 1
                add_orbit(pack_labels(y), net)
            elif status == "unsat":
                complete = True
                break
            else:
                if _interrupted(enc, deadline):
                    raise KeyboardInterrupt  # what was found is already reported (on_found)
                reason = _unknown_reason(enc, seconds)
                break
    prov = {
        **enc.provenance(),
        "seconds": round(time.perf_counter() - start, 6),
        "architecture": format_architecture(widths),
        "class": cls,
        "symmetry_group": len(syms) * (2 if symmetries else 1),
        **counts,
        "final": "unsat: every labeling not listed is refuted" if complete else "none",
    }
    ordered = tuple(sorted(found))
    return RealizedSetResult(n, ordered, {b: found[b] for b in ordered}, complete, reason, prov)


def realizes_bits(net: ReLUNet, pts: Sequence[Point], bits: int) -> bool:
    """Does ``net`` realize the bit-packed labeling ``bits`` of ``pts``?  Exactly.

    Bit i set means label +1; f(x) = 0 is wrong for both labels.  The check runs
    through the scaled-integer kernel of :mod:`verify.nets.vectorized` (exact).

    Examples
    --------
    >>> from verify.geometry.pointsets import cube
    >>> f = ReLUNet.from_lists([([[1, 1]], [-1]), ([[1]], ["-1/2"])])  # + only at (1, 1)
    >>> realizes_bits(f, cube(2), 0b1000), realizes_bits(f, cube(2), 0b0001)
    (True, False)
    >>> from fractions import Fraction
    >>> realizes_bits(ReLUNet.from_lists([([[1]], [0])]), [(Fraction(0),)], 1)  # f = 0
    False
    """
    from verify.nets.vectorized import classify_batch

    if bits < 0 or bits >> len(pts) or net.widths[0] != len(pts[0]):
        return False
    signs = classify_batch(net, pts)
    return all(int(s) == (1 if (bits >> i) & 1 else -1) for i, s in enumerate(signs))


def _check_known(
    entry: object, pts: tuple[Point, ...], widths: tuple[int, ...], kind: str, q: int | None
) -> tuple[int, ReLUNet]:
    n = len(pts)
    if not (isinstance(entry, tuple | list) and len(entry) == 2):
        raise InvalidArgument("known: each entry must be a pair (bits, ReLUNet)")
    bits, net = entry
    if isinstance(bits, bool) or not isinstance(bits, int) or bits < 0 or bits >> n:
        raise InvalidArgument(f"known: {bits!r} is not a labeling of {n} points")
    if not isinstance(net, ReLUNet) or net.widths != widths:
        raise InvalidArgument(f"known: the witness for labeling {bits} is not a "
                              f"{format_architecture(widths)} network")
    if not (net.realizes(pts, unpack_labels(bits, n)) and in_class(net, kind, q)):
        raise InvalidArgument(f"known: the witness for labeling {bits} does not realize it "
                              "(exact re-check failed)")
    return bits, net
