"""The exceptions that mean "the back end failed", as opposed to a bug or bad input.

A decision procedure turns exactly these into ``unknown`` with the reason (and
a time-out, :class:`TimeoutError`, into ``unknown`` "time-out after …").
Everything else propagates: :class:`~verify.errors.InvalidArgument` reaches the
caller, and an unexpected exception is a bug that must surface, never a verdict.

* :class:`z3.Z3Exception` — z3 gave up with an error (resource limits, a
  rejected term);
* :class:`~verify.errors.SolverError` — our own wrappers' report of a solver
  failure (an inconsistent answer, a float proposal that cannot be formed).

>>> import z3
>>> from verify.errors import InvalidArgument
>>> z3.Z3Exception in solver_failures(), InvalidArgument in solver_failures()
(True, False)
>>> describe(SolverError("HiGHS: infeasible"))
'solver error: SolverError: HiGHS: infeasible'
"""

from __future__ import annotations

from verify.errors import SolverError

__all__ = ["describe", "solver_failures"]


def solver_failures() -> tuple[type[Exception], ...]:
    """The exception types a caller may turn into ``unknown`` (import z3 lazily)."""
    import z3

    return (z3.Z3Exception, SolverError)


def describe(exc: BaseException) -> str:
    """The ``reason`` text of an ``unknown`` caused by ``exc`` (a solver stopped by the
    memory budget: its own text, "memory limit: …").

    >>> from verify.encodings.memory_bound import SolverMemoryLimit
    >>> describe(SolverMemoryLimit("memory limit: HiGHS needs more than 1 MiB"))
    'memory limit: HiGHS needs more than 1 MiB'
    """
    from verify.encodings.memory_bound import SolverMemoryLimit

    if isinstance(exc, SolverMemoryLimit):
        return str(exc)
    return f"solver error: {type(exc).__name__}: {exc}"
