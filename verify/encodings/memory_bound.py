"""The memory budget while python-sat, HiGHS or cvc5 solves: the address space.

z3 has a limit of its own (:mod:`verify.encodings.z3memory`); the other solvers
have none.  :func:`address_space` bounds one call: for the call only, the
process's soft ``RLIMIT_AS`` is its address space now plus its *share* of the
budget (``--max-memory`` less the resident memory the process holds, at least
1 MiB), never above a limit already in force; the previous limit is put back
afterwards.  An allocation past it fails, and each solver says so in its own
way (measured with python-sat 1.9, SciPy 1.17, cvc5 1.4.2):

* python-sat's glucose raises ``MemoryError`` ("Solver ran out of addressable
  memory") on some formulas and crashes the process (a segmentation fault) on
  others (``verify realize --arch 2-3-1 --points grid:4:2 --class int:3
  --max-memory 60M``): so glucose is not run under this bound but watched
  (:func:`watched`): its resident memory is read every 10 ms while it solves, and
  past the budget it is interrupted (as its time-out interrupts it) — a bound
  that can be overshot by what it allocates in 10 ms;
* HiGHS stops with "Memory limit reached" (SciPy's status 4), or raises
  ``MemoryError`` (``std::bad_alloc``, or NumPy while SciPy builds its
  matrices): :func:`highs` turns both into :class:`SolverMemoryLimit`;
* cvc5's arithmetic (GMP) aborts the whole process ("GNU MP: Cannot allocate
  memory"): so cvc5 runs under this bound only in the query process's child
  (:mod:`verify.encodings.query_process`), whose death the asking process
  reads as the memory limit.

A ``MemoryError`` inside the block is raised as :class:`SolverMemoryLimit`, a
:class:`~verify.errors.SolverError` whose text is the reason ("memory limit: …"):
callers turn it into ``unknown`` with that reason, never into a refutation.
While the limit is in force it holds for every thread of the process (a progress
bar's too); it is in force only while the solver runs.

>>> with address_space("HiGHS", "64G") as share:
...     share.budget == 64 * 2**30
True
>>> with address_space("HiGHS", "64G") as share:
...     raise MemoryError
Traceback (most recent call last):
...
verify.encodings.memory_bound.SolverMemoryLimit: memory limit: HiGHS needs more than ...
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from verify.encodings.z3memory import MEMORY_LIMIT, memory_reason
from verify.errors import SolverError
from verify.limits import current_max_memory

__all__ = ["MemoryShare", "SolverMemoryLimit", "Watch", "address_space", "highs", "watched"]

_MIB = 2**20


class SolverMemoryLimit(SolverError):
    """A solver ran past its share of the memory budget; the text is the reason."""


@dataclass(frozen=True)
class MemoryShare:
    """What one solver call may add to the process (``share``), of ``budget``, when the
    process held ``held`` bytes; ``bounded`` is False where no limit could be set."""

    solver: str
    share: int
    budget: int
    held: int
    bounded: bool = True

    def reason(self) -> str:
        """The ``unknown`` reason of a call stopped by the bound.

        >>> MemoryShare("cvc5", 2**20, 2**30, 0).reason()
        'memory limit: cvc5 needs more than 1 MiB; limit 1 GiB (set with --max-memory)'
        """
        return memory_reason(self.share, self.budget, self.held, self.solver)

    def error(self) -> SolverMemoryLimit:
        return SolverMemoryLimit(self.reason())


def _statm(field: int) -> int | None:
    """Field ``field`` of ``/proc/self/statm`` in bytes (0: address space, 1: resident)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[field]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def share_now(solver: str, limit: object = None) -> MemoryShare:
    """The budget (``limit`` if given) less what the process holds now.

    >>> s = share_now("cvc5", "64G")
    >>> s.budget == 64 * 2**30 and 2**20 <= s.share <= s.budget
    True
    """
    budget = current_max_memory(limit)
    held = _statm(1) or 0
    return MemoryShare(solver, max(budget - held, _MIB), budget, held)


@contextmanager
def address_space(solver: str, limit: object = None) -> Iterator[MemoryShare]:
    """The block runs with the process's address space bounded by its share of the budget.

    Yields the :class:`MemoryShare`; a ``MemoryError`` in the block is raised as
    :class:`SolverMemoryLimit` (after the previous limit is back).  Where the address
    space cannot be read or limited (no ``/proc``, no ``resource``), the block runs
    unbounded and the share says so (``bounded`` False).
    """
    share = share_now(solver, limit)
    now = _statm(0)
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Linux
        now = None
    if now is None:
        try:
            yield MemoryShare(solver, share.share, share.budget, share.held, bounded=False)
        except MemoryError as exc:
            raise share.error() from exc
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    target = now + share.share
    for bound in (soft, hard):
        if bound != resource.RLIM_INFINITY:
            target = min(target, bound)
    resource.setrlimit(resource.RLIMIT_AS, (target, hard))
    try:
        yield share
    except MemoryError as exc:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        raise share.error() from exc
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def highs(call: Callable[..., Any], *args: Any, limit: object = None, **kwargs: Any) -> Any:
    """``call(*args, **kwargs)`` (SciPy's ``milp`` or ``linprog`` with HiGHS) under the
    memory budget: SciPy's result, or :class:`SolverMemoryLimit` when HiGHS (or SciPy's
    set-up) ran out of its share.

    >>> from scipy.optimize import linprog
    >>> float(highs(linprog, [1.0], bounds=[(2, 3)], method="highs").fun)
    2.0
    """
    with address_space("HiGHS", limit) as share:
        res = call(*args, **kwargs)
    if res.status == 4 and "memory" in str(res.message).lower():
        raise share.error()
    return res


def is_memory_reason(text: str | None) -> bool:
    """Does an ``unknown`` reason say the memory budget stopped the solver?

    >>> is_memory_reason("memory limit: cvc5 needs more than 1 MiB"), is_memory_reason(None)
    (True, False)
    """
    return text is not None and text.startswith(MEMORY_LIMIT)


def watch_stopped(watch: Watch, seconds: float = 60.0) -> bool:
    """Wait until ``watch`` has interrupted its solver (at most ``seconds``; for tests)."""
    end = time.monotonic() + seconds
    while not (watch.memory or watch.late) and time.monotonic() < end:
        time.sleep(0.005)
    return watch.memory or watch.late


class Watch:
    """What :func:`watched` saw: ``share`` (the solver's share of the budget), and whether it
    interrupted the solver for the memory (``memory``) or the time (``late``)."""

    def __init__(self, share: MemoryShare) -> None:
        self.share = share
        self.memory = False
        self.late = False


WATCH_SECONDS = 0.01
"""How often :func:`watched` reads the process's resident memory."""


@contextmanager
def watched(interrupt: Callable[[], Any], seconds: float | None, solver: str,
            limit: object = None) -> Iterator[Watch]:
    """The block runs while a thread calls ``interrupt()`` once the process's resident
    memory passes the budget, or after ``seconds`` (None: no time limit), whichever
    comes first; the :class:`Watch` yielded says which.  For a solver that can be
    interrupted from another thread and releases the GIL while it solves (python-sat's
    ``solve_limited(expect_interrupt=True)``).

    >>> with watched(lambda: None, None, "python-sat glucose4", "64G") as watch:
    ...     pass
    >>> watch.memory, watch.late, watch.share.budget == 64 * 2**30
    (False, False, True)
    >>> with watched(lambda: None, None, "python-sat glucose4", "1K") as watch:
    ...     held = b"x" * 2**26   # 64 MiB more than the process held: past its 1 MiB share
    ...     _ = watch_stopped(watch)
    >>> watch.memory, watch.share.reason().startswith("memory limit: python-sat glucose4")
    (True, True)
    """
    watch = Watch(share_now(solver, limit))
    ceiling = watch.share.held + watch.share.share
    done = threading.Event()
    end = None if seconds is None else time.monotonic() + seconds

    def run() -> None:
        while True:
            wait = WATCH_SECONDS if end is None else min(WATCH_SECONDS,
                                                         max(end - time.monotonic(), 0.0))
            if done.wait(wait):
                return
            if end is not None and time.monotonic() >= end:
                watch.late = True
                interrupt()
                return
            if (_statm(1) or 0) > ceiling:
                watch.memory = True
                interrupt()
                return

    thread = threading.Thread(target=run, name="verify-solver-watch", daemon=True)
    thread.start()
    try:
        yield watch
    finally:
        done.set()
        thread.join()
