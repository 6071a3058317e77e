"""The three-valued answer of every decision procedure.

A :class:`Decision` is a witness (re-checked exactly before it is returned), a
refutation (with the solver, its version, the encoding and the time taken), or
``unknown`` with its reason.  ``unknown`` is never reported as false.

>>> d = Decision.unknown("time-out after 1 s", solver="z3")
>>> d.status, d.is_decided
('unknown', False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from verify.nets.network import ReLUNet

__all__ = ["Decision", "Status"]

Status = Literal["realizable", "unrealizable", "unknown"]


@dataclass(frozen=True)
class Decision:
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
        return {
            "status": self.status,
            "witness": None if self.witness is None else self.witness.to_json(),
            "reason": self.reason,
            "provenance": self.provenance,
        }
