"""The three-valued answer of every decision procedure.

A :class:`Decision` is a witness (re-checked exactly before it is returned), a
refutation (with the solver, its version, the encoding and the time taken), or
``unknown`` with its reason.  ``unknown`` is never reported as false.

A :class:`RealizedSet` is the answer for all labelings at once: the realizable
ones (each with a re-checked witness), whether every other labeling was
refuted, and, when not, an honest interval for the count.

>>> d = Decision.unknown("time-out after 1 s", solver="z3")
>>> d.status, d.is_decided
('unknown', False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from verify.display import Displayable
from verify.jsonio import dataclass_json, json_meta
from verify.labels import labels_text, unpack_labels
from verify.nets.network import ReLUNet

__all__ = ["Decision", "RealizedSet", "Status"]

Status = Literal["realizable", "unrealizable", "unknown"]


@dataclass(frozen=True, repr=False)
class Decision(Displayable):
    """Answer to "does some network of the class label the points as y says?".

    Attributes
    ----------
    status : "realizable", "unrealizable" or "unknown"
    witness : ReLUNet or None
        Present iff realizable; it has been re-checked in exact arithmetic.
    reason : str or None
        Why the answer is unknown (time-out, solver error), else None.
    provenance : dict
        ``solver``, ``version``, ``encoding``, ``seconds`` and anything else that
        identifies how the answer was obtained.
    """

    status: Status
    witness: ReLUNet | None = None
    reason: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)

    def _display_items(self) -> list[tuple[str, Any]]:
        net = None if self.witness is None else self.witness.architecture
        return [("status", self.status), ("witness", net), ("reason", self.reason),
                ("solver", self.provenance.get("solver"))]

    @property
    def is_decided(self) -> bool:
        return self.status != "unknown"

    @classmethod
    def realizable(cls, witness: ReLUNet, **provenance: Any) -> Decision:
        return cls("realizable", witness, None, dict(provenance))

    @classmethod
    def unrealizable(cls, **provenance: Any) -> Decision:
        return cls("unrealizable", None, None, dict(provenance))

    @classmethod
    def unknown(cls, reason: str, **provenance: Any) -> Decision:
        return cls("unknown", None, reason, dict(provenance))

    def to_json(self) -> dict[str, Any]:
        """The ``verify realize --json`` contract: status, witness, reason (+ provenance)."""
        return dataclass_json(self, keep_fractions=True)


def _sorted_labelings(values: Iterable[int] | np.ndarray, n: int) -> np.ndarray:
    """Sorted distinct labelings: ``uint64`` for n <= 64 points, Python ints beyond."""
    dtype: Any = np.uint64 if n <= 64 else object
    if isinstance(values, np.ndarray) and values.dtype == dtype:
        return np.unique(values)
    vals = sorted({int(v) for v in values})
    return np.array(vals, dtype=dtype) if vals else np.zeros(0, dtype=dtype)


@dataclass(repr=False)
class RealizedSet(Displayable):
    """The labelings of ``n`` points that a class realizes, with one witness each.

    One type for every producer (the exact solvers of :mod:`verify.encodings`,
    the ``int:Q`` kernel and the halfspace recursion of :mod:`verify.enumeration`).

    Attributes
    ----------
    n : int
        Number of points.
    labelings : numpy array
        Sorted distinct bit-packed labelings (bit i set iff point i is +1), each
        realizable; ``uint64`` for n <= 64, Python ints beyond.  Any iterable of
        ints is accepted and normalised.
    witnesses : dict
        A network (re-checked exactly) for labelings in ``labelings`` (all of
        them for the solvers and the kernel; none for halfspaces).
    complete : bool
        True iff every labeling not listed is refuted.  When False the labelings
        not listed are UNKNOWN (or, when counted in ``unknown_labelings``, some of
        them refuted and the rest unknown), never all unrealizable.
    provenance : dict
        Solver, version, encoding, method counts and times.
    reason : str or None
        Why the set is incomplete.
    unknown_labelings : int or None
        How many labelings are neither realized nor refuted; None when the
        producer does not track refutations (then every unlisted labeling of an
        incomplete set is unknown).
    unknown_orbits : int or None
        The same, counted in symmetry orbits (per-orbit drivers only).

    Examples
    --------
    >>> r = RealizedSet(2, [3, 1, 3], complete=False, unknown_labelings=1)
    >>> r.labelings.tolist(), r.count, r.lower, r.upper
    ([1, 3], 2, 2, 3)
    >>> RealizedSet(2, [1], complete=False).upper    # nothing refuted: all 4 possible
    4
    """

    n: int
    # any iterable of ints; a sorted numpy array after __post_init__
    labelings: Any = field(metadata=json_meta(write=False))
    witnesses: dict[int, ReLUNet] = field(default_factory=dict, metadata=json_meta(write=False))
    complete: bool = True
    provenance: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None
    unknown_labelings: int | None = None
    unknown_orbits: int | None = None

    JSON_ORDER = ("n", "count", "complete", "lower", "upper", "unknown_labelings",
                  "unknown_orbits", "reason", "labelings", "provenance")

    def __post_init__(self) -> None:
        self.labelings = _sorted_labelings(self.labelings, self.n)

    @property
    def count(self) -> int:
        """Number of labelings found realizable (exact when ``complete``)."""
        return len(self.labelings)

    @property
    def lower(self) -> int:
        """A lower bound of the class's count (the count itself)."""
        return self.count

    @property
    def upper(self) -> int:
        """An upper bound of the class's count: exact when complete."""
        if self.complete:
            return self.count
        if self.unknown_labelings is not None:
            return self.count + self.unknown_labelings
        return 2**self.n

    def _display_items(self) -> list[tuple[str, Any]]:
        shown = [labels_text(unpack_labels(int(b), self.n)) for b in self.labelings[:4]]
        items: list[tuple[str, Any]] = [
            ("n", self.n), ("count", self.count), ("complete", self.complete)]
        if not self.complete:
            items += [("upper", self.upper), ("reason", self.reason)]
        more = [f"… {self.count - 4} more"] if self.count > 4 else []
        return [
            *items,
            ("class", self.provenance.get("class", self.provenance.get("solver"))),
            ("labelings", shown + more),
            ("witnesses", len(self.witnesses)),
        ]

    def _display_table(self) -> Any:
        from verify.tables import Table

        return Table(f"{self.count} labelings of {self.n} points", ["bits", "labels", "witness"],
                     [[int(b), labels_text(unpack_labels(int(b), self.n)),
                       int(b) in self.witnesses] for b in self.labelings])

    def json_extra(self) -> dict[str, Any]:
        """``count``, ``lower``, ``upper`` and the labelings as sign texts."""
        return {"count": self.count, "lower": self.lower, "upper": self.upper,
                "labelings": [labels_text(unpack_labels(int(b), self.n)) for b in self.labelings]}

    def to_json(self) -> dict[str, Any]:
        """``n``, ``count``, ``complete``, ``lower``, ``upper``, ``unknown_*``, labelings."""
        return dataclass_json(self, keep_fractions=True)
