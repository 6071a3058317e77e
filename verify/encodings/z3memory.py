"""Every z3 solve runs under the memory budget (``--max-memory``).

The size of an encoding is estimated before it is built
(:func:`verify.limits.require_memory`); what z3 allocates *while solving* is
bounded here.  z3 has one process-wide hard limit, the global parameter
``memory_max_size`` (MiB, 0 = none), compared with everything z3's allocator
holds in the process (every context: ``Z3_get_estimated_alloc_size``).  Past
it, ``check()`` either returns ``unknown`` with a reason naming the memory
(the SAT core: "sat.giveup out of memory") or raises ``Z3Exception("out of
memory")`` (the SMT core).  The context stays usable, but not that solver: asked
again, it answered ``sat`` with a model holding uninterpreted values (measured,
z3 5.4.1), so a solver stopped by the limit answers ``unknown`` for good here.

:func:`z3_check` sets the limit for one ``check()`` to the budget less what the
process holds outside z3 (its resident memory less z3's own), and puts the
previous value back afterwards, so building terms is never cut short (a
context created under a tiny limit crashes z3).  A hit becomes ``unknown`` with
the reason :func:`z3_reason` gives ("memory limit: …"), never unsat and never a
traceback.  The limit can be lowered and raised between calls.

>>> import z3
>>> x = z3.Real("x")
>>> s = z3.Solver(); s.add(x * x == 2)
>>> z3_check(s) == z3.sat
True
>>> z3_reason(s)
''
"""

from __future__ import annotations

import os
import weakref
from typing import Any

import z3

from verify.limits import current_max_memory, format_bytes

__all__ = ["MEMORY_LIMIT", "memory_reason", "z3_check", "z3_memory_share", "z3_reason"]

MEMORY_LIMIT = "memory limit"
"""How every reason of a z3 answer stopped by the memory budget starts."""

_MIB = 2**20
_STOPPED: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def _resident_bytes() -> int:
    """The process's resident memory now (0 where ``/proc`` cannot be read)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def z3_allocated() -> int:
    """Bytes z3's allocator holds in the process (all contexts)."""
    return int(z3.Z3_get_estimated_alloc_size())


def z3_memory_share(limit: object = None) -> tuple[int, int, int]:
    """``(share, budget, held)``: what z3 may hold while solving, in bytes.

    ``budget`` is :func:`verify.limits.current_max_memory` (``limit`` if given);
    ``held`` is the process's memory outside z3; ``share = budget - held``
    (at least 1 MiB: z3 reads 0 as "no limit").

    >>> share, budget, held = z3_memory_share("64G")
    >>> budget == 64 * 2**30, 2**20 <= share <= budget
    (True, True)
    """
    budget = current_max_memory(limit)
    held = max(_resident_bytes() - z3_allocated(), 0)
    return max(budget - held, _MIB), budget, held


def _is_memory_reason(text: str) -> bool:
    return "memory" in text.lower() or "memout" in text.lower()


def z3_check(solver: Any, *assumptions: Any, limit: object = None) -> Any:
    """``solver.check(*assumptions)`` with z3's memory bounded by the budget.

    Returns ``z3.sat``, ``z3.unsat`` or ``z3.unknown``; past the budget
    ``z3.unknown``, and :func:`z3_reason` of the solver then says "memory
    limit: …" (and every later check of that solver is ``unknown`` with that
    reason, without asking z3).  Other z3 errors propagate (callers name them, see
    :mod:`verify.encodings.failures`).
    """
    if solver in _STOPPED:  # its state after z3's out-of-memory is not to be trusted
        return z3.unknown
    share, budget, held = z3_memory_share(limit)
    before = z3.get_param("memory_max_size")
    z3.set_param("memory_max_size", max(share // _MIB, 1))
    try:
        result = solver.check(*assumptions)
    except z3.Z3Exception as exc:
        if not _is_memory_reason(str(exc)):
            raise
        result = z3.unknown
        why = exc.value.decode(errors="replace") if isinstance(exc.value, bytes) else str(exc)
    else:
        why = str(solver.reason_unknown()) if result == z3.unknown else ""
    finally:
        z3.set_param("memory_max_size", before)
    if result == z3.unknown and _is_memory_reason(why):
        _STOPPED[solver] = memory_reason(share, budget, held)
    return result


def memory_reason(share: int, budget: int, held: int, solver: str = "z3") -> str:
    """The reason of an answer stopped by the budget (the wording of ``require_memory``);
    ``solver`` names what ran out (z3, or the others of :mod:`verify.encodings.memory_bound`).

    >>> for part in memory_reason(2**30, 3 * 2**30, 2**31).split("; "):
    ...     print(part)
    memory limit: z3 needs more than 1 GiB (the budget less the 2 GiB this process holds)
    limit 3 GiB (set with --max-memory)
    >>> memory_reason(2**20, 2**20, 0)
    'memory limit: z3 needs more than 1 MiB; limit 1 MiB (set with --max-memory)'
    >>> memory_reason(2**20, 2**20, 0, "HiGHS")
    'memory limit: HiGHS needs more than 1 MiB; limit 1 MiB (set with --max-memory)'
    """
    less = f" (the budget less the {format_bytes(held)} this process holds)" if held else ""
    return (f"{MEMORY_LIMIT}: {solver} needs more than {format_bytes(share)}{less}; "
            f"limit {format_bytes(budget)} (set with --max-memory)")


def z3_reason(solver: Any) -> str:
    """Why the last :func:`z3_check` of ``solver`` was unknown (z3's own reason unless
    the memory budget stopped it)."""
    stopped = _STOPPED.get(solver)
    return stopped if stopped is not None else str(solver.reason_unknown())
