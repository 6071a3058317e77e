"""Exact realizability of labelings: one labeling (:func:`realize`) or all (:func:`realized_set`).

Sign convention: a network labels x as +1 iff f(x) > 0 and −1 iff f(x) < 0;
f(x) = 0 is wrong for both labels.

Back ends, chosen from the architecture and the class:

* ``real``, one hidden layer (``m-h-1``) or none (``m-1``): z3 linear real
  arithmetic (:mod:`verify.encodings.lra`), exact and complete.
* ``real``, width-1 layers after the first (``m-h-1-1``, ``m-h-1-1-1``, …): z3
  linear real arithmetic (:mod:`verify.encodings.chain`), exact and complete;
  whole realized sets through the one-hidden-layer engine (same labelings).
* ``real``, one first-layer unit and a wide second layer (``m-1-h-1``, h >= 2): z3
  linear real arithmetic (:mod:`verify.encodings.onefeature`: the labels change
  sign at most K(h) times along one ReLU feature), exact and complete.
* ``real``, two wide hidden layers (``m-h1-h2-1``, h1, h2 >= 2): the normal form of
  :mod:`verify.encodings.wide`, a linear relaxation that refutes cheaply, then
  z3 (or cvc5) nonlinear real arithmetic; exact when it answers, ``unknown`` on
  a time-out.  Whole realized sets: one query per symmetry orbit
  (:mod:`verify.encodings.orbits`), seeded by the subclasses' labelings.
* ``real``, other deep architectures: z3 nonlinear real arithmetic
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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, cast

from verify.encodings.chain import is_chain
from verify.encodings.classes import in_class, parse_class
from verify.encodings.failures import describe, solver_failures
from verify.encodings.onefeature import is_one_feature
from verify.encodings.result import Decision, RealizedSet
from verify.encodings.symmetry import PointSymmetry, orbit, point_symmetries
from verify.encodings.wide import is_two_layer
from verify.encodings.z3memory import MEMORY_LIMIT
from verify.errors import InvalidArgument, SolverError
from verify.geometry.pointsets import Point, PointSet, as_points
from verify.labels import pack_labels, parse_labels, unpack_labels
from verify.limits import Deadline, limit_text, parse_timeout, require_memory
from verify.nets.network import ReLUNet, format_architecture, parse_architecture
from verify.nets.vectorized import ScaledPoints
from verify.progress import progress

__all__ = [
    "STRATEGIES",
    "RealizedSetResult",
    "encoding_bytes",
    "orbit_engine",
    "realize",
    "realized_set",
    "realizes_bits",
    "require_encoding_memory",
]

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

        return OneHiddenLRA(pts, widths[1] if len(widths) == 3 else 0, min_positive=min_positive,
                            deadline=deadline)
    if is_chain(widths):
        from verify.encodings.chain import ChainLRA

        return ChainLRA(pts, widths, deadline=deadline)
    if is_one_feature(widths):
        from verify.encodings.onefeature import OneFeatureLRA

        return OneFeatureLRA(pts, widths, deadline=deadline)
    from verify.encodings.nra import DeepNRA

    return DeepNRA(pts, widths, deadline=deadline)


ENCODING_BYTES_PER_PHASE = 5 * 1024
"""Memory of one ReLU phase (one point and one hidden unit) in the solver encodings:
about 5 KiB in z3 (measured on ``OneHiddenLRA``, grid:3:2 and 2-2000-1), before solving."""


def encoding_bytes(n: int, widths: Sequence[int]) -> int:
    """Estimated memory of the solver encoding of ``n`` points and ``widths``.

    One ReLU phase per point and hidden unit, :data:`ENCODING_BYTES_PER_PHASE` each
    (a lower estimate: solving takes more).

    >>> encoding_bytes(9, (2, 99999, 1)) // 2**30
    4
    """
    return n * sum(widths[1:-1]) * ENCODING_BYTES_PER_PHASE


def require_encoding_memory(n: int, widths: Sequence[int]) -> None:
    """Refuse (``BudgetExceeded``) an encoding whose :func:`encoding_bytes` exceed the limit.

    Called before any work on the question (seeding, sweeping, building).

    >>> require_encoding_memory(9, (2, 2, 1)) is None
    True
    """
    require_memory(encoding_bytes(n, widths),
                   f"the encoding of {n} points and {format_architecture(widths)}")


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
    require_encoding_memory(len(pts), widths)
    if kind == "real" and is_two_layer(widths) and not is_one_feature(widths):
        return _realize_two_layer(pts, y, widths, seconds)
    start = time.perf_counter()
    deadline = None if seconds is None else start + seconds
    try:
        enc = _encoder(pts, widths, kind, q, deadline=deadline)
        left = None if deadline is None else max(deadline - time.perf_counter(), 0.001)
        enc.set_timeout(left)
        status, net = enc.check(y)
    except TimeoutError as exc:
        return Decision.unknown(f"time-out after {limit_text(seconds)} ({exc})",
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
    if why.startswith(MEMORY_LIMIT):
        return why
    if seconds is not None and ("timeout" in why or "canceled" in why or "interrupt" in why):
        return f"time-out after {limit_text(seconds)} ({why})"
    return f"solver returned unknown ({why})"


def _realize_two_layer(
    pts: tuple[Point, ...], y: tuple[int, ...], widths: tuple[int, ...], seconds: float | None
) -> Decision:
    """One labeling of ``m-h1-h2-1``: relaxation, then z3 NRA; the witness re-checked."""
    from verify.encodings.wide import decide_two_layer

    start = time.perf_counter()
    try:
        status, net, prov = decide_two_layer(pts, y, widths, seconds)
    except solver_failures() as exc:  # a failing solver is an unknown; a bug surfaces
        return Decision.unknown(describe(exc), seconds=time.perf_counter() - start)
    prov = {**prov, "seconds": round(time.perf_counter() - start, 6),
            "architecture": format_architecture(widths), "class": "real"}
    if status == "realizable":
        assert net is not None
        if net.realizes(pts, y):
            return Decision.realizable(net, **prov)
        return Decision.unknown("the solver's witness (rounded to rationals) failed the exact "
                                "re-check", **prov)
    if status == "unrealizable":
        return Decision.unrealizable(**prov)
    limit = "no limit" if seconds is None else limit_text(seconds)
    why = prov.pop("reason", None)  # e.g. z3 stopped by the memory budget
    return Decision.unknown(why or f"time-out after {limit} (nonlinear query)", **prov)


RealizedSetResult = RealizedSet
"""The former name of :class:`verify.encodings.result.RealizedSet` (one type now)."""

STRATEGIES = ("auto", "incremental", "orbits")
"""How :func:`realized_set` enumerates: ``auto`` picks by architecture (below);
``incremental`` is one solver that blocks each labeling found and refutes the
rest with one final query; ``orbits`` asks one query per symmetry orbit."""


def realized_set(
    points: PointsLike,
    arch: str,
    cls: str = "real",
    timeout: object = None,
    known: Iterable[tuple[int, ReLUNet]] = (),
    on_found: Callable[[int, ReLUNet], None] | None = None,
    symmetries: bool = True,
    sweep: bool = True,
    query_timeout: object = 10,
    strategy: str = "auto",
    refuted: Iterable[tuple[int, dict[str, Any]]] = (),
    on_refuted: Callable[[int, int, dict[str, Any]], None] | None = None,
    refuted_source: str = "stored refutations",
    fixed: Mapping[int, int] | None = None,
    group: Sequence[tuple[PointSymmetry, bool]] | None = None,
) -> RealizedSet:
    """All labelings of ``points`` realized by ``arch`` in class ``cls``, exactly.

    By architecture (``strategy="auto"``):

    * one hidden layer or none, and ``int:Q``: one incremental solver; find a
      labeling with a witness, re-check it, block it (with its whole orbit under
      the point set's symmetries and label negation, each transformed witness
      re-checked), repeat; the final ``unsat`` refutes every remaining labeling.
    * ``m-h-1-…-1``: the ``m-h-1`` set (the same labelings, see
      :mod:`verify.encodings.chain`), every witness converted and re-checked.
    * ``m-1-h-1``: the incremental solver on the exact linear encoding of
      :mod:`verify.encodings.onefeature`.
    * other deep architectures: one query per symmetry orbit with its own time
      limit (:mod:`verify.encodings.orbits`), seeded with the ``m-h1-1`` and
      ``m-h2-1`` labelings embedded exactly and with a random sweep.

    Parameters
    ----------
    points, arch, cls
        As in :func:`realize`.
    timeout : seconds or None
        Bounds the whole enumeration.
    known : iterable of (bits, ReLUNet)
        Labelings already found (e.g. by an earlier, interrupted run); each is
        re-checked exactly, then blocked.  A bad entry raises InvalidArgument.
    on_found : callable(bits, net), optional
        Called for every newly found realizable labeling as soon as it is found.
    symmetries : bool
        Use point symmetries and label negation (sound; faster).
    sweep : bool
        Propose witnesses from a NumPy sweep over random small-integer networks
        first (:mod:`verify.encodings.sweep`); each is re-checked exactly.
    query_timeout : seconds or None
        Per-orbit queries: the first pass's limit per query (the second pass
        escalates it).  Default 10 s.
    strategy : "auto", "incremental" or "orbits"
        See :data:`STRATEGIES`.
    refuted, on_refuted, refuted_source
        Per-orbit runs only (:func:`orbit_engine` is not None): refuted orbits
        decided earlier by the same engine, and a callback for each orbit refuted
        now (see :func:`verify.encodings.orbits.decide_orbits`).
    fixed : mapping point index -> ±1, optional
        Only the labelings with these labels on these points (one shard of the
        question, :mod:`verify.enumeration.shards`); the final ``unsat`` then
        refutes every other labeling *with these labels*.  One hidden layer (or
        ``m-h-1-…-1``) and ``int:Q`` only.
    group : sequence of (PointSymmetry, negate) pairs, optional
        The symmetry group used to block orbits, instead of every point symmetry
        × label negation; it must be a group and keep ``fixed`` (checked: every
        element maps the fixed labels onto themselves), e.g. the stabilizer of a
        shard's fixed labels.  ``symmetries=False`` ignores it.

    Returns
    -------
    RealizedSet
        ``complete`` is False if a time-out or solver failure stopped the run;
        the labelings not listed are then unknown (per-orbit runs count them:
        ``unknown_orbits``, ``unknown_labelings``, ``upper``).

    Examples
    --------
    >>> r = realized_set("cube:2", "2-1-1")
    >>> r.count, r.complete, 0b0110 in r.labelings
    (14, True, False)
    >>> realized_set("cube:2", "2-2-1").count
    16
    >>> r = realized_set("cube:2", "2-1-1-1")     # the same labelings as 2-1-1
    >>> r.count, r.witnesses[1].architecture
    (14, '2-1-1-1')
    >>> sorted(realized_set("cube:2", "2-1-1", fixed={0: -1, 3: -1}).labelings.tolist())
    [0, 2, 4]
    """
    pts, widths, kind, q, seconds = _prepare(points, arch, cls, timeout)
    require_encoding_memory(len(pts), widths)
    qt = parse_timeout(query_timeout)
    if strategy not in STRATEGIES:
        raise InvalidArgument(f"strategy {strategy!r}: expected one of {', '.join(STRATEGIES)}")
    shard = _Shard.of(pts, fixed, group, symmetries)
    scaled = ScaledPoints.of(pts)
    known_list = [shard.check_known(_check_known(entry, pts, widths, kind, q, scaled))
                  for entry in known]
    engine = _engine_for(widths, kind, strategy, shard)
    if engine == "chain":
        return _chain_set(pts, widths, seconds, known_list, on_found, symmetries, sweep, shard)
    if engine == "orbits":
        return _orbit_set(pts, widths, seconds, qt, known_list, on_found, sweep,
                          list(refuted), on_refuted, refuted_source)
    if engine == "one-feature":  # the incremental solver on the whole question
        return _incremental_set(pts, widths, kind, q, cls, seconds, known_list, on_found,
                                symmetries, sweep)
    return _incremental_set(pts, widths, kind, q, cls, seconds, known_list, on_found,
                            symmetries, sweep, shard)


def _engine_for(widths: tuple[int, ...], kind: str, strategy: str, shard: _Shard) -> str:
    """Which engine :func:`realized_set` runs: ``chain`` (the ``m-h-1`` engine),
    ``one-feature`` (the incremental solver, without a shard's group), ``orbits`` or
    ``incremental``; InvalidArgument for a strategy or shard the class does not take.

    >>> _engine_for((2, 1, 1), "real", "auto", _Shard({}, None))
    'incremental'
    >>> [_engine_for(w, "real", "auto", _Shard({}, None))
    ...  for w in ((2, 1, 1, 1), (2, 1, 2, 1), (2, 2, 2, 1))]
    ['chain', 'one-feature', 'orbits']
    >>> _engine_for((2, 2, 2, 1), "real", "incremental", _Shard({}, None))
    'incremental'
    """
    deep = kind == "real" and len(widths) > 3
    if strategy == "orbits" and not deep:
        raise InvalidArgument("strategy 'orbits' is for two or more hidden layers, class real")
    chain = strategy == "auto" and deep and is_chain(widths)
    if shard.fixed and deep and not chain:
        raise InvalidArgument("fixed labels (shards) need one hidden layer, m-h-1-...-1 or "
                              f"int:Q, not {format_architecture(widths)}")
    if chain:
        return "chain"
    if strategy == "auto" and deep and is_one_feature(widths):
        return "one-feature"
    if deep and strategy != "incremental":
        return "orbits"
    return "incremental"


class _Shard:
    """Fixed labels and the symmetry group kept by them (none fixed: the whole question)."""

    def __init__(self, fixed: dict[int, int], group: list[tuple[PointSymmetry, bool]] | None):
        self.fixed, self.group = fixed, group

    @classmethod
    def of(cls, pts: tuple[Point, ...], fixed: Mapping[int, int] | None,
           group: Sequence[tuple[PointSymmetry, bool]] | None, symmetries: bool) -> _Shard:
        n = len(pts)
        if fixed is not None and not isinstance(fixed, Mapping):
            raise InvalidArgument("fixed: expected a mapping point index -> label (+1 or -1)")
        fixed_d: dict[int, int] = {}
        for i, v in (fixed or {}).items():
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < n:
                raise InvalidArgument(f"fixed: {i!r} is not a point index (0..{n - 1})")
            if isinstance(v, bool) or v not in (1, -1):
                raise InvalidArgument(f"fixed: the label of point {i} must be +1 or -1, got {v!r}")
            fixed_d[i] = int(v)
        elements = None
        if group is not None and symmetries:
            elements = list(group)
            for g, neg in elements:
                if not (isinstance(g, PointSymmetry) and isinstance(neg, bool)
                        and len(g.image) == n):
                    raise InvalidArgument("group: expected (PointSymmetry, bool) pairs of "
                                          "these points")
                for i, v in fixed_d.items():
                    if fixed_d.get(g.image[i]) != (-v if neg else v):
                        raise InvalidArgument("group: an element does not keep the fixed labels")
        return cls(fixed_d, elements)

    def matches(self, bits: int) -> bool:
        """Does the labeling have the fixed labels?"""
        return all(((bits >> i) & 1) == (v > 0) for i, v in self.fixed.items())

    def check_known(self, entry: tuple[int, ReLUNet]) -> tuple[int, ReLUNet]:
        if not self.matches(entry[0]):
            raise InvalidArgument(f"known: labeling {entry[0]} does not have the fixed labels")
        return entry


def _chain_set(
    pts: tuple[Point, ...], widths: tuple[int, ...], seconds: float | None,
    known: list[tuple[int, ReLUNet]], on_found: Callable[[int, ReLUNet], None] | None,
    symmetries: bool, sweep: bool, shard: _Shard,
) -> RealizedSet:
    """``m-h-1-…-1`` through the ``m-h-1`` engine (reduction 3 of :mod:`.chain`)."""
    from verify.encodings.chain import one_hidden_from_chain

    base = format_architecture((*widths[:2], 1))
    converted = []
    for bits, net in known:
        flat = one_hidden_from_chain(net, pts)
        if flat is not None and realizes_bits(flat, pts, bits):
            converted.append((bits, flat))
    known_bits = {b for b, _ in known}

    def emit(bits: int, flat: ReLUNet) -> None:
        if on_found is not None and bits not in known_bits:
            on_found(bits, _chain_witness(flat, widths, pts, bits))

    res = _incremental_set(pts, (*widths[:2], 1), "real", None, "real", seconds, converted,
                           emit if on_found is not None else None, symmetries, sweep, shard)
    witnesses = {b: _chain_witness(f, widths, pts, b) for b, f in res.witnesses.items()}
    prov = {**res.provenance, "architecture": format_architecture(widths),
            "reduction": f"{format_architecture(widths)} realizes exactly the labelings of "
                         f"{base} on finite point sets (monotone chain); witnesses converted "
                         "and re-checked"}
    return RealizedSet(res.n, res.labelings, witnesses, res.complete, prov, res.reason)


def _chain_witness(
    flat: ReLUNet, widths: tuple[int, ...], pts: tuple[Point, ...], bits: int
) -> ReLUNet:
    from verify.encodings.chain import chain_from_one_hidden

    net = chain_from_one_hidden(flat, widths, pts)
    if not realizes_bits(net, pts, bits):
        raise SolverError(f"internal error: the chain witness for {bits} failed the re-check")
    return net


def _orbit_set(
    pts: tuple[Point, ...], widths: tuple[int, ...], seconds: float | None,
    query_timeout: float | None, known: list[tuple[int, ReLUNet]],
    on_found: Callable[[int, ReLUNet], None] | None, sweep: bool,
    refuted: list[tuple[int, dict[str, Any]]],
    on_refuted: Callable[[int, int, dict[str, Any]], None] | None, refuted_source: str,
) -> RealizedSet:
    """Deep classes by one query per orbit (:mod:`verify.encodings.orbits`)."""
    from verify.encodings.orbits import MAX_POINTS, decide_orbits

    n = len(pts)
    if n > MAX_POINTS:
        raise InvalidArgument(f"the per-orbit driver lists all 2^n labelings; n = {n} > "
                              f"{MAX_POINTS} points")
    known_bits = {b for b, _ in known}
    deadline = Deadline(seconds)  # one clock for the seeds, the search and the queries

    def realizes(net: ReLUNet, bits: int) -> bool:
        return net.widths == widths and realizes_bits(net, pts, bits)

    def report(bits: int, net: ReLUNet) -> None:
        if on_found is not None and bits not in known_bits:
            on_found(bits, net)

    seeds: list[tuple[str, Iterable[tuple[int, ReLUNet]]]] = [("stored", known)]
    if is_two_layer(widths):
        seeds += _two_layer_seeds(pts, widths, sweep, deadline)
    decide = _two_layer_decider(pts, widths) if is_two_layer(widths) else _nra_decider(pts, widths)
    cheap = _relaxation_decider(pts, widths) if is_two_layer(widths) else None
    search = None
    if is_two_layer(widths) and sweep and not is_one_feature(widths):  # m-1-h-1: linear decides
        from verify.encodings.wide import first_layer_search

        def search(labelings: list[tuple[int, ...]]) -> dict[int, ReLUNet]:
            left = deadline.left()
            budget = None if seconds is None or left is None else min(seconds / 4, left)
            return first_layer_search(pts, widths, labelings, seconds=budget)

    with progress(None, f"orbits {format_architecture(widths)}") as bar:
        res = decide_orbits(pts, decide, seeds=seeds, realizes=realizes, on_found=report,
                            query_timeout=query_timeout, timeout=deadline,
                            advance=lambda k: bar.advance(k), search=search,
                            refuted=refuted, on_refuted=on_refuted,
                            refuted_source=refuted_source, cheap=cheap)
    res.provenance.update(architecture=format_architecture(widths), **{"class": "real"})
    return res


def orbit_engine(arch: str | Sequence[int], cls: str = "real") -> str | None:
    """The engine that decides ``arch`` one symmetry orbit at a time, or None.

    Refutations of orbits are stored with this text and reused only by the same
    engine: the package version, the versions of the installed exact solvers and
    a digest of the encodings the per-orbit deciders use.  None for classes
    decided otherwise (one hidden layer, ``m-h-1-…-1``, ``m-1-h-1``, ``int:Q``).

    >>> orbit_engine("2-2-1") is None, orbit_engine("2-1-2-1") is None
    (True, True)
    >>> orbit_engine("2-2-2-1").startswith("verify ")
    True
    """
    import hashlib

    from verify import __version__
    from verify.encodings.lra import z3_version
    from verify.encodings.nra import DeepNRA
    from verify.encodings.wide import backend_available, backend_version, encoding_text

    widths = parse_architecture(arch)
    kind, _q = parse_class(cls)
    if kind != "real" or len(widths) <= 3 or is_chain(widths) or is_one_feature(widths):
        return None
    texts = [encoding_text(b, r) for b in ("z3", "cvc5") for r in (False, True)]
    texts.append(DeepNRA.encoding)
    solvers = [f"z3 {z3_version()}"]
    if backend_available("cvc5"):
        solvers.append(f"cvc5 {backend_version('cvc5')}")
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    return f"verify {__version__}; {', '.join(solvers)}; encodings {digest}"


def _two_layer_seeds(
    pts: tuple[Point, ...], widths: tuple[int, ...], sweep: bool, deadline: Deadline
) -> list[tuple[str, Iterable[tuple[int, ReLUNet]]]]:
    """Subclass labelings embedded exactly (lazily), then a random sweep.

    Each subclass set gets the time left of ``deadline`` (an incomplete one still
    gives its witnesses; seeds only propose, the driver stops taking them at the
    deadline).
    """
    from verify.encodings.wide import embed_first_layer, embed_second_layer

    m, h1, h2 = widths[0], widths[1], widths[2]

    def sub(arch: tuple[int, ...], embed: Callable[..., ReLUNet]) -> Iterable[tuple[int, ReLUNet]]:
        left = deadline.left()
        if left is not None and left <= 0:
            return
        res = realized_set(pts, format_architecture(arch), timeout=left)
        for bits, net in res.witnesses.items():
            yield int(bits), embed(net, widths, pts)

    seeds: list[tuple[str, Iterable[tuple[int, ReLUNet]]]] = [
        (format_architecture((m, h1, 1)), sub((m, h1, 1), embed_first_layer))]
    if h1 >= m:
        seeds.append((format_architecture((m, h2, 1)), sub((m, h2, 1), embed_second_layer)))
    if sweep:
        seeds.append(("sweep", _swept(pts, widths)))
    return seeds


def _swept(pts: tuple[Point, ...], widths: tuple[int, ...]) -> Iterable[tuple[int, ReLUNet]]:
    from verify.encodings.sweep import sweep_two_layer_witnesses

    yield from sweep_two_layer_witnesses(pts, widths).items()


def _relaxation_decider(pts: tuple[Point, ...], widths: tuple[int, ...]) -> Any:
    """The cheap pass: the back end ``linear`` (exact for h1 = 1, the relaxation beyond)."""
    from verify.encodings.wide import decide_two_layer

    def decide(y: tuple[int, ...], seconds: float | None, pass_no: int) -> Any:
        try:
            return decide_two_layer(pts, y, widths, seconds, "linear")
        except solver_failures() as exc:  # a failing solver is an unknown; a bug surfaces
            return "unknown", None, {"reason": describe(exc)}

    return decide


def _two_layer_decider(pts: tuple[Point, ...], widths: tuple[int, ...]) -> Any:
    """Pass 1: z3 (after the cheap pass of :func:`_relaxation_decider`); pass 2: z3 then
    cvc5 (when installed), escalated."""
    from verify.encodings.query_process import usable
    from verify.encodings.wide import backend_available, decide_two_layer

    def decide(y: tuple[int, ...], seconds: float | None, pass_no: int) -> Any:
        try:
            if pass_no == 1 and widths[1] == 1:  # decided by the cheap pass already
                return decide_two_layer(pts, y, widths, seconds, "linear")
            if pass_no == 1:
                return decide_two_layer(pts, y, widths, seconds, relax_first=False)
            backends = [b for b in ("z3", "cvc5") if backend_available(b)
                        and (b != "cvc5" or usable())]  # cvc5 only where it is bounded
            share = None if seconds is None else seconds / len(backends)
            result: Any = None
            for backend in backends:
                result = decide_two_layer(pts, y, widths, share, backend, relax_first=False)
                if result[0] != "unknown":
                    return result
            return result
        except solver_failures() as exc:  # a failing solver is an unknown; a bug surfaces
            return "unknown", None, {"reason": describe(exc)}

    return decide


def _nra_decider(pts: tuple[Point, ...], widths: tuple[int, ...]) -> Any:
    """Any depth: one fresh z3 NRA query per labeling (:class:`DeepNRA`)."""
    from verify.encodings.nra import DeepNRA

    def decide(y: tuple[int, ...], seconds: float | None, pass_no: int) -> Any:
        start = time.perf_counter()
        try:
            enc = DeepNRA(pts, widths,
                          deadline=None if seconds is None else start + seconds)
            enc.set_timeout(None if seconds is None
                            else max(start + seconds - time.perf_counter(), 0.001))
            status, net = enc.check(y)
        except TimeoutError as exc:
            return "unknown", None, {"reason": f"time-out after {limit_text(seconds)} ({exc})"}
        except solver_failures() as exc:  # a failing solver is an unknown; a bug surfaces
            return "unknown", None, {"reason": describe(exc)}
        prov = {**enc.provenance(), "method": "z3"}
        if status == "sat":
            return "realizable", net, prov
        if status == "unknown" and enc.reason_unknown().startswith(MEMORY_LIMIT):
            prov["reason"] = enc.reason_unknown()
        return ("unrealizable" if status == "unsat" else "unknown"), None, prov

    return decide


class _Enumeration:
    """The incremental enumeration's state: labelings found, blocked with their orbits."""

    def __init__(self, pts: tuple[Point, ...], enc: _Encoder, syms: list[PointSymmetry],
                 negation: bool, kind: str, q: int | None,
                 on_found: Callable[[int, ReLUNet], None] | None, known_bits: set[int],
                 bar: Any, elements: list[tuple[PointSymmetry, bool]] | None = None):
        self.pts, self.enc, self.syms, self.negation = pts, enc, syms, negation
        self.elements = elements
        self.kind, self.q, self.on_found, self.known_bits, self.bar = kind, q, on_found, \
            known_bits, bar
        self.found: dict[int, ReLUNet] = {}
        self.counts = {"solver_models": 0, "from_sweep": 0, "from_symmetry": 0, "known": 0}
        self.scaled = ScaledPoints.of(pts)

    def add_orbit(self, bits: int, net: ReLUNet) -> None:
        """Record and block ``bits`` and its orbit, every transformed witness re-checked."""
        n = len(self.pts)
        for b, g in orbit(bits, net, self.syms, negation=self.negation,
                          elements=self.elements).items():
            if b in self.found:
                continue
            if not (realizes_bits(g, self.pts, b, self.scaled) and in_class(g, self.kind, self.q)):
                raise SolverError(f"internal error: a transformed witness for {b} failed")
            self.found[b] = g
            self.enc.block(unpack_labels(b, n))
            if b != bits:
                self.counts["from_symmetry"] += 1
            if self.on_found is not None and b not in self.known_bits:
                self.on_found(b, g)
            self.bar.advance()

    def seed(self, known: list[tuple[int, ReLUNet]], cheap: dict[int, ReLUNet],
             deadline: float | None) -> None:
        for bits, net in known:
            self.counts["known"] += 1
            self.add_orbit(bits, net)
        for bits, net in cheap.items():
            if deadline is not None and time.perf_counter() > deadline:
                break
            if bits not in self.found:
                self.counts["from_sweep"] += 1
                self.add_orbit(bits, net)

    def solve(self, deadline: float | None, seconds: float | None) -> tuple[bool, str | None]:
        """Find, re-check and block labelings until the final ``unsat``: (complete, reason)."""
        enc = self.enc
        while True:
            left = None if deadline is None else deadline - time.perf_counter()
            if left is not None and left <= 0:
                return False, f"time-out after {limit_text(seconds)}"
            try:
                enc.set_timeout(left)
                status, net = enc.check()
            except TimeoutError as exc:
                return False, f"time-out after {limit_text(seconds)} ({exc})"
            except solver_failures() as exc:  # a failing solver stops the run; a bug surfaces
                return False, describe(exc)
            if status == "unsat":
                return True, None
            if status != "sat":
                if _interrupted(enc, deadline):
                    raise KeyboardInterrupt  # what was found is already reported (on_found)
                return False, _unknown_reason(enc, seconds)
            assert net is not None
            y = enc.last_labels
            if not (net.realizes(self.pts, y) and in_class(net, self.kind, self.q)):
                return False, "the solver's witness failed the exact re-check"
            self.counts["solver_models"] += 1
            self.add_orbit(pack_labels(y), net)


def _incremental_set(
    pts: tuple[Point, ...], widths: tuple[int, ...], kind: str, q: int | None, cls: str,
    seconds: float | None, known: list[tuple[int, ReLUNet]],
    on_found: Callable[[int, ReLUNet], None] | None, symmetries: bool, sweep: bool,
    shard: _Shard | None = None,
) -> RealizedSet:
    """One incremental solver, blocking each orbit found; one final refutation.

    With a shard's fixed labels the solver is constrained to them and orbits are
    taken under the shard's group.  At least ⌈h/2⌉ positive output signs is
    required only when the group holds a negating element (an element ``(g, True)``
    maps a labeling realized by ``f`` to one realized by ``−f∘g⁻¹``, whose signs
    are flipped; the orbit of the labeling found blocks both).
    """
    n = len(pts)
    start = time.perf_counter()
    deadline = None if seconds is None else start + seconds
    shard = shard or _Shard({}, None)
    syms, elements, negating = _blocking_group(pts, kind, symmetries, shard)
    one_hidden_real = kind == "real" and len(widths) == 3
    try:
        enc = _encoder(pts, widths, kind, q, min_positive=negating and one_hidden_real,
                       deadline=deadline)
        if shard.fixed:  # one hidden layer or none: OneHiddenLRA or OneHiddenSAT
            cast(Any, enc).fix_labels(shard.fixed)
    except TimeoutError as exc:
        return RealizedSet(n, [], {}, False, {"seconds": round(time.perf_counter() - start, 6),
                                              "final": "none"},
                           f"time-out after {limit_text(seconds)} ({exc})")
    cheap: dict[int, ReLUNet] = {}
    if sweep and one_hidden_real:
        from verify.encodings.sweep import sweep_witnesses

        cheap = {b: w for b, w in sweep_witnesses(pts, widths[1]).items() if shard.matches(b)}
    with progress(None, f"realized set {format_architecture(widths)}") as bar:
        run = _Enumeration(pts, enc, syms, symmetries, kind, q, on_found,
                           {b for b, _ in known}, bar, elements)
        run.seed(known, cheap, deadline)
        complete, reason = run.solve(deadline, seconds)
    prov = {
        **enc.provenance(),
        "seconds": round(time.perf_counter() - start, 6),
        "architecture": format_architecture(widths),
        "class": cls,
        "symmetry_group": len(elements) if elements is not None else
        len(syms) * (2 if symmetries else 1),
        **run.counts,
        "final": "unsat: every labeling not listed is refuted" if complete else "none",
    }
    found = run.found
    return RealizedSet(n, list(found), dict(sorted(found.items())), complete, prov, reason)


def _blocking_group(
    pts: tuple[Point, ...], kind: str, symmetries: bool, shard: _Shard
) -> tuple[list[PointSymmetry], list[tuple[PointSymmetry, bool]] | None, bool]:
    """The point symmetries (integral ones for ``int:Q``; the identity alone without
    ``symmetries``), the group whose orbits are blocked (None: every symmetry × label
    negation; a shard's: its group, else the elements keeping its fixed labels), and
    whether that group holds a negating element.

    >>> syms, elements, negating = _blocking_group(as_points("cube:2"), "real", True,
    ...                                            _Shard({0: 1, 3: 1}, None))
    >>> len(syms), len(elements), negating
    (8, 4, False)
    """
    syms: list[PointSymmetry] = (
        point_symmetries(pts, integral_only=(kind == "int"))
        if symmetries else point_symmetries(pts, integral_only=True)[:1]
    )
    elements = shard.group if symmetries else None
    if symmetries and elements is None and shard.fixed:
        elements = [(g, neg) for g in syms for neg in (False, True)
                    if all(shard.fixed.get(g.image[i]) == (-v if neg else v)
                           for i, v in shard.fixed.items())]
    negating = symmetries and (elements is None or any(neg for _, neg in elements))
    return syms, elements, negating


def realizes_bits(net: ReLUNet, pts: Sequence[Point], bits: int,
                  scaled: ScaledPoints | None = None) -> bool:
    """Does ``net`` realize the bit-packed labeling ``bits`` of ``pts``?  Exactly.

    Bit i set means label +1; f(x) = 0 is wrong for both labels.  The check runs
    through the scaled-integer kernel of :mod:`verify.nets.vectorized` (exact);
    ``scaled`` (``ScaledPoints.of(pts)``, computed once) saves re-scaling the
    points when many networks are checked on them.

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
    from verify.nets.vectorized import classify_batch, classify_scaled

    if bits < 0 or bits >> len(pts) or net.widths[0] != len(pts[0]):
        return False
    if scaled is not None and scaled.n == len(pts):
        signs = classify_scaled(net, scaled)
    else:
        signs = classify_batch(net, pts)
    return bool(signs.tolist() == [((bits >> i) & 1) * 2 - 1 for i in range(len(pts))])


def _check_known(
    entry: object, pts: tuple[Point, ...], widths: tuple[int, ...], kind: str, q: int | None,
    scaled: ScaledPoints | None = None,
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
    if not (realizes_bits(net, pts, bits, scaled) and in_class(net, kind, q)):
        raise InvalidArgument(f"known: the witness for labeling {bits} does not realize it "
                              "(exact re-check failed)")
    return bits, net
