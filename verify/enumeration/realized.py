"""Realized sets of any class, exactly, with resumable storage for the expensive ones.

* ``halfspaces``: :func:`verify.geometry.dichotomies.halfspace_dichotomies`.
* ``int:Q`` with architecture ``m-1`` or ``m-h-1``: the NumPy kernel
  (:mod:`verify.enumeration.kernel`); deeper ``int:Q`` nets are refused
  (InvalidArgument), as by the SAT back end.
* ``real``: the realizability engine's enumeration
  (:func:`verify.encodings.realize.realized_set`: one incremental exact solver,
  symmetry orbits of the point set and label negation; for ``m-h-1-…-1`` the
  ``m-h-1`` set with converted witnesses; for other deep architectures one
  exact query per symmetry orbit, ``query_timeout`` each), seeded first with
  cheap witnesses from the integer kernel (each re-checked exactly by the
  engine before use), and resumable: every labeling found is committed to the
  SQLite store (:mod:`verify.enumeration.store`) at once, and a later call with
  the same points, architecture and class continues from what is stored.  A
  completed run is answered from the store only when it verifies: the file
  passes SQLite's check, every stored witness passes the exact re-check, and
  the rows reproduce the count and digest recorded at completion by this code
  version (another version's record only means "resume": the final refutation
  is recomputed).  A store that does not verify raises
  :class:`~verify.errors.CacheDamaged`; no count is computed from it.
  Ctrl-C raises :class:`~verify.errors.Interrupted`, whose message says how many
  labelings the store keeps.
Per-orbit runs store each refuted orbit too (trusted from its solver, with its
provenance), and a resumed run of the same engine does not decide those orbits again.

A run stopped by a time-out is returned with ``complete = False``: the
labelings it lists are realizable (witnessed), the others are *unknown*.

>>> import tempfile
>>> r = realized_labelings("cube:2", "2-1-1", "real", cache_dir=tempfile.mkdtemp())
>>> r.count, r.complete
(14, True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from verify.encodings.classes import parse_class
from verify.encodings.result import RealizedSet
from verify.enumeration.kernel import KernelTooLarge, int_realized_set
from verify.enumeration.labelings import labeling_array, word_dtype
from verify.enumeration.store import RealizedStore, opened_store
from verify.errors import Interrupted, InvalidArgument
from verify.geometry.chambers import CharacteristicPolynomial
from verify.geometry.dichotomies import EnumerationTimeout, iter_halfspace_dichotomies
from verify.geometry.pointsets import Point, PointSet, as_points
from verify.limits import Deadline, parse_timeout
from verify.nets.network import ReLUNet, format_architecture, parse_architecture
from verify.progress import progress

__all__ = ["HalfspaceCount", "count_halfspaces", "halfspace_set", "realized_labelings"]

PointsLike = PointSet | Sequence[Sequence[object]] | str


def _left(deadline: Deadline) -> float | None:
    """The time left as a timeout argument (a passed deadline stays passed)."""
    left = deadline.left()
    return None if left is None else max(left, 1e-6)


def halfspace_set(
    points: PointsLike,
    homogeneous: bool = False,
    *,
    timeout: object = None,
    max_memory: object = None,
    show_progress: bool | None = None,
) -> RealizedSet:
    """The halfspace dichotomies as a :class:`RealizedSet` (no witnesses).

    The count is first computed from the characteristic polynomial (when its
    int64 kernel applies): it sharpens the memory estimate, gives the progress
    bar its total, and is cross-checked against the enumeration.  A run
    stopped by ``timeout`` returns the labelings listed so far (each one a
    dichotomy) with ``complete = False``.

    >>> halfspace_set("cube:2").count
    14
    """
    from verify.geometry.chambers import characteristic_polynomial

    pts = as_points(points)
    deadline = Deadline(timeout)
    kind = "homogeneous halfspaces" if homogeneous else "halfspaces"
    prov: dict[str, Any] = {"class": kind, "method": "enumerate",
                            "algorithm": "flat recursion, streamed in chunks"}
    poly = None
    try:
        poly = characteristic_polynomial(pts, homogeneous, timeout=_left(deadline),
                                         max_memory=max_memory, show_progress=show_progress)
        prov["characteristic_polynomial"] = poly.coefficients
    except InvalidArgument as exc:
        if deadline.expired():
            return RealizedSet(len(pts), labeling_array([], len(pts)), {}, False,
                               {**prov, "reason": f"time-out after {deadline.limit_text()}"})
        prov["characteristic_polynomial_unavailable"] = str(exc)
    count = None if poly is None else poly.chambers
    chunks: list[np.ndarray] = []
    complete = True
    with progress(count, f"halfspace dichotomies of {getattr(points, 'name', '') or len(pts)}",
                  enabled=show_progress) as bar:
        try:
            for chunk in iter_halfspace_dichotomies(points if isinstance(points, PointSet | str)
                                                    else pts, homogeneous, timeout=_left(deadline),
                                                    max_memory=max_memory, count=count):
                chunks.append(chunk)
                bar.advance(len(chunk))
                if len(chunks) > 16:
                    chunks = [np.concatenate(chunks)]
        except EnumerationTimeout:
            complete = False
            prov["reason"] = f"time-out after {deadline.limit_text()}"
    dtype = word_dtype(len(pts))
    labs = np.sort(np.concatenate(chunks)) if chunks else np.zeros(0, dtype=dtype)
    if complete and count is not None and len(labs) != count:
        raise RuntimeError(
            f"internal error: enumeration found {len(labs)} dichotomies, the characteristic "
            f"polynomial {count}")
    return RealizedSet(len(pts), labs, {}, complete, prov)


@dataclass
class HalfspaceCount:
    """The number of halfspace dichotomies and how it was obtained.

    ``method`` is ``"poly"`` (the characteristic polynomial; ``polynomial`` set)
    or ``"enumerate"`` (``labelings`` set; ``complete`` False after a time-out,
    then ``count`` is a lower bound).
    """

    n: int
    count: int
    method: str
    complete: bool
    polynomial: CharacteristicPolynomial | None = None
    labelings: RealizedSet | None = None
    provenance: dict[str, Any] = field(default_factory=dict)


def count_halfspaces(
    points: PointsLike,
    homogeneous: bool = False,
    *,
    method: str = "auto",
    timeout: object = None,
    max_memory: object = None,
    show_progress: bool | None = None,
) -> HalfspaceCount:
    """Count the halfspace dichotomies of ``points``.

    ``method``: ``poly`` (chambers from the characteristic polynomial),
    ``enumerate`` (list them; needed to save or project them) or ``auto``
    (``poly``, and ``enumerate`` where the polynomial's int64 kernel does not
    apply, e.g. coordinates beyond 2^31).

    >>> c = count_halfspaces("cube:3")
    >>> c.count, c.method, c.polynomial.coefficients
    (104, 'poly', [1, -8, 28, -44, 23])
    """
    from verify.geometry.chambers import characteristic_polynomial

    if method not in ("auto", "poly", "enumerate"):
        raise InvalidArgument(f"method must be auto, poly or enumerate, got {method!r}")
    pts = as_points(points)
    parse_timeout(timeout)
    if method in ("auto", "poly"):
        try:
            poly = characteristic_polynomial(points if isinstance(points, PointSet | str) else pts,
                                             homogeneous, timeout=timeout,
                                             max_memory=max_memory, show_progress=show_progress)
            return HalfspaceCount(len(pts), poly.chambers, "poly", True, poly,
                                  provenance=dict(poly.provenance))
        except InvalidArgument as exc:
            if method == "poly" or "out of the int64 kernel's range" not in str(exc):
                raise
    res = halfspace_set(points if isinstance(points, PointSet | str) else pts, homogeneous,
                        timeout=timeout, max_memory=max_memory, show_progress=show_progress)
    return HalfspaceCount(len(pts), res.count, "enumerate", res.complete, None, res,
                          dict(res.provenance))


def _orbit_representatives(
    known: list[tuple[int, ReLUNet]], pts: Sequence[Point], kind: str, symmetries: bool
) -> list[tuple[int, ReLUNet]]:
    """One known labeling per orbit of the group the engine uses (all of them without it)."""
    if not symmetries or len(known) < 2:
        return known
    from verify.encodings.symmetry import point_symmetries

    n = len(pts)
    syms = point_symmetries(pts, integral_only=(kind == "int"))
    vals = np.array([b for b, _ in known], dtype=word_dtype(n))
    if vals.dtype == object:
        return known
    full = np.uint64((1 << n) - 1)
    canon = np.minimum(vals, vals ^ full)
    for sym in syms:
        img = np.zeros_like(vals)
        for i, j in enumerate(sym.image):
            img |= ((vals >> np.uint64(i)) & np.uint64(1)) << np.uint64(j)
        canon = np.minimum(canon, np.minimum(img, img ^ full))
    _, first = np.unique(canon, return_index=True)
    return [known[int(i)] for i in sorted(first.tolist())]


def _rechecked(
    store: RealizedStore, key: str, pts: Sequence[Point], widths: tuple[int, ...]
) -> list[tuple[int, ReLUNet]]:
    """The stored (labeling, witness) pairs, each witness re-checked exactly on the points."""
    from verify.encodings.realize import realizes_bits

    n = len(pts)
    stored = store.known(key)
    for bits, net in stored:
        if bits >> n or not (net.widths == widths and realizes_bits(net, pts, bits)):
            raise store.damaged(f"the stored witness for labeling {bits} fails the exact re-check")
    return stored


_ENGINE = "realized_set 1"
"""Identifies the enumeration engine in the store's completion records; change it
whenever a change of the engine could change a completed run's answer."""


def _default_seed_q(widths: tuple[int, ...]) -> int:
    return 2 if len(widths) == 3 and widths[1] <= 2 else 1


_SEED_WORK = 60_000_000
"""Work limit of the seeding kernel (candidate sums × points): seeds only save time."""


def _seed_set(pts: Sequence[Point], arch: str, sq: int) -> tuple[RealizedSet | None, int]:
    """The largest ``int:q`` kernel set with q <= sq that fits the seeding work limit."""
    for q in range(sq, 0, -1):
        try:
            return int_realized_set(pts, arch, q, max_work=_SEED_WORK), q
        except KernelTooLarge:
            continue
    return None, 0


def realized_labelings(
    points: PointsLike,
    arch: str,
    cls: str = "real",
    *,
    cache_dir: str | None = None,
    use_cache: bool = True,
    timeout: object = None,
    symmetries: bool = True,
    seed_q: int | None = None,
    on_found: Callable[[int, ReLUNet], None] | None = None,
    homogeneous: bool = False,
    query_timeout: object = 10,
    workers: object = None,
    client: Any = None,
    scheduler: str | None = None,
    shards: int | None = None,
    on_note: Callable[[str], None] | None = None,
) -> RealizedSet:
    """Every labeling of ``points`` realized by ``arch`` networks of class ``cls``.

    Parameters
    ----------
    points : spec, PointSet or rows of rationals
    arch : str
        ``m-h1-…-1``, or ``halfspaces`` (then ``cls`` is ignored).
    cls : str
        ``real`` or ``int:Q``.
    cache_dir : str, optional
        Directory of the SQLite store (default ``$VERIFY_CACHE_DIR`` or
        ``~/.cache/verify``).
    use_cache : bool
        False: no store (nothing resumed, nothing written).
    timeout : seconds or None
        Bounds the exact solver's part of the run and the halfspace enumeration
        (validated always; the ``int:Q`` kernel does not use it).
    symmetries : bool
        Let the engine use the point set's symmetries and label negation.
    seed_q : int, optional
        Seed ``real`` runs with the ``int:seed_q`` kernel's witnesses (one hidden
        layer only; 0 disables; default 2 for ``h ≤ 2`` and 1 otherwise).
    on_found : callable(bits, net), optional
        Called after each newly found labeling has been stored.
    homogeneous : bool
        With ``arch="halfspaces"``: only halfspaces through the origin.
    query_timeout : seconds or None
        Two or more hidden layers (not ``m-h-1-…-1``): the time limit of each
        per-orbit query in the first pass (the second pass escalates it).
    workers, client, scheduler, shards : optional
        Any of them: compute the set in shards (:mod:`verify.enumeration.sharded`)
        on a Dask ``LocalCluster`` of ``workers`` processes, on ``client``'s
        cluster or on the scheduler at ``scheduler``; ``workers=1`` (or Dask not
        installed, with a note to ``on_note``) runs the shards in this process.
        The same set either way.  One hidden layer, ``m-h-1-…-1`` and halfspaces.

    Returns
    -------
    RealizedSet
        ``complete`` False after a time-out (the unlisted labelings are unknown).

    Examples
    --------
    >>> realized_labelings("cube:2", "2-2-1", "int:1").count
    14
    >>> realized_labelings("cube:3", "halfspaces").count
    104
    """
    pts = as_points(points)
    parse_timeout(timeout)  # validated on every path, even where no solver runs
    parse_timeout(query_timeout)
    sharded = any(v is not None for v in (workers, client, scheduler, shards))
    where = {"workers": workers, "client": client, "scheduler": scheduler, "shards": shards,
             "on_note": on_note}
    if isinstance(arch, str) and arch.strip() in ("halfspaces", "halfspace"):
        if sharded:
            from verify.enumeration.sharded import sharded_halfspace_set

            return sharded_halfspace_set(pts, homogeneous, timeout=timeout, **where)
        return halfspace_set(pts, homogeneous=homogeneous, timeout=timeout)
    if homogeneous:
        raise InvalidArgument("homogeneous applies to halfspaces only, not to networks")
    if sharded:
        from verify.enumeration.sharded import sharded_realized_set

        return sharded_realized_set(pts, arch, cls, cache_dir=cache_dir, use_cache=use_cache,
                                    timeout=timeout, symmetries=symmetries, seed_q=seed_q,
                                    on_found=on_found, **where)
    return _network_set(pts, arch, cls, cache_dir, use_cache, timeout=timeout,
                        symmetries=symmetries, seed_q=seed_q, on_found=on_found,
                        query_timeout=query_timeout)


def _network_set(
    pts: Sequence[Point], arch: str, cls: str, cache_dir: str | None, use_cache: bool, *,
    timeout: object, symmetries: bool, seed_q: int | None,
    on_found: Callable[[int, ReLUNet], None] | None, query_timeout: object,
) -> RealizedSet:
    """A network class in this process: ``int:Q`` by the kernel, ``real`` by the engine
    through the store (:func:`_stored_run`)."""
    widths, arch_text, kind, q, _cls_text = network_class(pts, arch, cls)
    if kind == "int":
        if len(widths) > 3:  # refused before any store is opened
            raise InvalidArgument(
                f"class int:{q} is supported for at most one hidden layer, got {arch_text}")
        assert q is not None
        return int_realized_set(pts, arch_text, q)
    with opened_store(cache_dir, use_cache) as store:
        return _stored_run(pts, widths, store, timeout=timeout, symmetries=symmetries,
                           seed_q=seed_q, on_found=on_found, query_timeout=query_timeout)


def network_class(
    pts: Sequence[Point], arch: str, cls: str
) -> tuple[tuple[int, ...], str, str, int | None, str]:
    """The class of networks asked for on ``pts``: the widths, the architecture's text, the
    kind (``real`` or ``int``), Q and the class's text; InvalidArgument for bad ones.

    >>> network_class([[0, 0]], "2 - 2 - 1", "int:3")
    ((2, 2, 1), '2-2-1', 'int', 3, 'int:3')
    """
    widths = parse_architecture(arch, inputs=len(pts[0]))
    kind, q = parse_class(cls)
    return widths, format_architecture(widths), kind, q, "real" if kind == "real" else f"int:{q}"


def _stored_run(
    pts: Sequence[Point], widths: tuple[int, ...], store: RealizedStore | None, *,
    timeout: object, symmetries: bool, seed_q: int | None,
    on_found: Callable[[int, ReLUNet], None] | None, query_timeout: object,
) -> RealizedSet:
    """A ``real`` run: answered from ``store`` when its set verifies, else resumed from it.

    Ctrl-C during the enumeration becomes :class:`~verify.errors.Interrupted`
    (saying how many labelings the store keeps) when there is a store.  The
    caller opens and closes the store.

    >>> import tempfile
    >>> from verify.geometry.pointsets import as_points
    >>> pts, store = as_points("cube:2"), RealizedStore(tempfile.mkdtemp())
    >>> first = _stored_run(pts, (2, 1, 1), store, timeout=None, symmetries=True,
    ...                     seed_q=None, on_found=None, query_timeout=10)
    >>> again = _stored_run(pts, (2, 1, 1), store, timeout=None, symmetries=True,
    ...                     seed_q=None, on_found=None, query_timeout=10)
    >>> first.count, again.count, "from_cache" in first.provenance, "from_cache" in again.provenance
    (14, 14, False, True)
    >>> store.close()
    """
    n = len(pts)
    arch_text = format_architecture(widths)
    key = RealizedStore.run_key(pts, arch_text, "real")
    known: list[tuple[int, ReLUNet]] = []
    if store is not None:
        store.start(key, f"{n} points, {arch_text}, real")
        known = _rechecked(store, key, pts, widths)
        cached = _verified_set(store, key, n, known)
        if cached is not None:
            return cached
    try:
        return _enumerate(pts, widths, "real", arch_text, "real", known, store, key,
                          timeout=timeout, symmetries=symmetries, seed_q=seed_q,
                          on_found=on_found, query_timeout=query_timeout)
    except KeyboardInterrupt:
        if store is None:
            raise
        raise Interrupted(
            f"interrupted: {store.count(key)} labelings kept in {store.path}; "
            "run again to continue"
        ) from None


def _verified_set(
    store: RealizedStore, key: str, n: int, stored: list[tuple[int, ReLUNet]]
) -> RealizedSet | None:
    """The completed set of ``key`` from ``store`` if its record verifies, else None.

    ``stored`` are the store's (labeling, witness) pairs, already re-checked
    (:func:`_rechecked`); the completion record must be this engine's and the
    rows must reproduce its count and digest (rows that do not reproduce a
    recorded completion raise :class:`~verify.errors.CacheDamaged`).
    """
    bits = [b for b, _ in stored]
    if not store.verified_complete(key, n, bits, _ENGINE):
        return None
    rec = store.completion(key)
    assert rec is not None
    cached = {
        **rec["provenance"], "from_cache": str(store.path),
        "verified_on_read": "file check (SQLite integrity_check), every witness "
        "re-checked exactly, count and digest reproduced",
    }
    return RealizedSet(n, labeling_array(bits, n), dict(stored), True, cached)


def _enumerate(
    pts: Sequence[Point], widths: tuple[int, ...], kind: str, arch_text: str, cls_text: str,
    known: list[tuple[int, ReLUNet]], store: RealizedStore | None, key: str, *,
    timeout: object, symmetries: bool, seed_q: int | None,
    on_found: Callable[[int, ReLUNet], None] | None, query_timeout: object,
) -> RealizedSet:
    """Run the engine from the known labelings, storing what it finds; record completion."""
    from verify.encodings.realize import orbit_engine, realized_set, require_encoding_memory

    require_encoding_memory(len(pts), widths)  # before the seeding kernel's work
    seeds, seed_class = _stored_seeds(pts, widths, arch_text, kind, seed_q, known, store, key)
    hooks = _StoreHooks(store, key, orbit_engine(widths, cls_text), on_found)
    # The engine re-checks every known witness exactly and expands it to its whole
    # orbit; one representative per orbit gives the same set for far less work.
    reps = _orbit_representatives(known + seeds, pts, kind, symmetries)
    res = realized_set(
        pts, arch_text, cls_text, timeout=timeout, known=reps, on_found=hooks.found,
        symmetries=symmetries, query_timeout=query_timeout, refuted=hooks.refuted,
        on_refuted=hooks.on_refuted, refuted_source=hooks.source,
    )
    return _stored_result(res, store, key, {
        "resumed_from_store": len(known),
        "refutations_from_store": len(hooks.refuted),
        "known_orbit_representatives": len(reps),
        "kernel_seeds": len(seeds),
        "kernel_seed_class": seed_class if seeds else None,
    })


def _stored_seeds(
    pts: Sequence[Point], widths: tuple[int, ...], arch_text: str, kind: str,
    seed_q: int | None, known: list[tuple[int, ReLUNet]], store: RealizedStore | None, key: str,
) -> tuple[list[tuple[int, ReLUNet]], str]:
    """The kernel's seeds (:func:`kernel_seeds`) not already ``known``, stored at once (a
    resumed run re-checks them with the rest), and the class they come from."""
    seeds, seed_class = kernel_seeds(pts, widths, arch_text, kind, seed_q)
    have = {b for b, _ in known}
    extra = [(b, w) for b, w in seeds.items() if b not in have]
    if store is not None:
        store.add_many(key, extra)
    return extra, seed_class


def _stored_result(res: RealizedSet, store: RealizedStore | None, key: str,
                   how: dict[str, Any]) -> RealizedSet:
    """The engine's set with the run's provenance (``how``, the reason, the store); a
    complete one recorded in the store as the question's run (:func:`record_whole_run`)."""
    n = res.n
    prov: dict[str, Any] = {**res.provenance, **how}
    if res.reason:
        prov["reason"] = res.reason
    if store is not None:
        prov["cache"] = str(store.path)
        # completion is recorded only for a set the store can prove on every read: each
        # labeling stored with its witness (added here if the engine did not report it)
        if res.complete and all(int(b) in res.witnesses for b in res.labelings):
            record_whole_run(store, key, n, res.labelings, res.witnesses, prov)
    return RealizedSet(
        n, labeling_array(res.labelings, n), dict(res.witnesses), res.complete, prov,
        res.reason, res.unknown_labelings, res.unknown_orbits,
    )


class _StoreHooks:
    """The engine's reports written to the store at once: each labeling found (then passed
    to ``on_found`` when the store did not hold it) and, for an engine deciding one orbit at
    a time (``engine`` not None), each orbit refuted; with the refutations that engine
    stored before (``refuted``)."""

    def __init__(self, store: RealizedStore | None, key: str, engine: str | None,
                 on_found: Callable[[int, ReLUNet], None] | None) -> None:
        self.store, self.key, self.engine, self.on_found = store, key, engine, on_found
        self.refuted: list[tuple[int, dict[str, Any]]] = []
        self.on_refuted: Callable[[int, int, dict[str, Any]], None] | None = None
        if store is not None and engine is not None:
            self.refuted = store.refutations(key, engine)
            self.on_refuted = self._refuted_now
        self.source = f"cache {str(store.path)!r}" if store is not None else ""

    def found(self, bits: int, net: ReLUNet) -> None:
        new = self.store.add(self.key, bits, net) if self.store is not None else True
        if new and self.on_found is not None:
            self.on_found(bits, net)

    def _refuted_now(self, bits: int, size: int, prov: dict[str, Any]) -> None:
        assert self.store is not None and self.engine is not None
        self.store.add_refutation(self.key, bits, self.engine, {**prov, "orbit_size": size})


def kernel_seeds(
    pts: Sequence[Point], widths: tuple[int, ...], arch: str, kind: str, seed_q: int | None
) -> tuple[dict[int, ReLUNet], str]:
    """Cheap witnesses for a ``real`` one-hidden-layer run, and the class they come from:
    the ``int:q`` kernel set with the largest q <= ``seed_q`` (default
    :func:`_default_seed_q`) within the seeding work limit; none for other classes, for
    ``seed_q`` 0 or when no q fits.  Seeds only propose: the engine re-checks each exactly.

    >>> seeds, q = kernel_seeds(as_points("cube:2"), (2, 1, 1), "2-1-1", "real", None)
    >>> len(seeds), q
    (14, 'int:2')
    >>> kernel_seeds(as_points("cube:2"), (2, 1, 1), "2-1-1", "real", 0)
    ({}, 'none')
    """
    sq = _default_seed_q(widths) if seed_q is None else seed_q
    if kind != "real" or len(widths) != 3 or sq <= 0:
        return {}, "none"
    kern, q = _seed_set(pts, arch, sq)
    return ({}, "none") if kern is None else (dict(kern.witnesses), f"int:{q}")


def record_whole_run(store: RealizedStore, key: str, n: int, labelings: Iterable[int],
                     witnesses: dict[int, ReLUNet], provenance: dict[str, Any]) -> None:
    """Record the complete set of the question ``key`` as this engine's run: every labeling
    stored with its witness, then the completion (count and digest) that lets later runs
    read the set from the store once it verifies (:func:`_verified_set`)."""
    store.add_many(key, sorted(witnesses.items()))
    store.record_complete(key, n, labelings, _ENGINE, provenance)
