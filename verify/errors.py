"""Errors raised by the toolkit.

Every error the toolkit raises on purpose derives from :class:`VerifyError`.
The command line turns any of them into one line ``error: …`` and exit code 2.

>>> issubclass(InvalidArgument, ValueError)
True
>>> str(InvalidArgument("K must be >= 1, got 0"))
'K must be >= 1, got 0'
"""

from __future__ import annotations

__all__ = [
    "BudgetExceeded",
    "CacheDamaged",
    "CertificateError",
    "Interrupted",
    "InvalidArgument",
    "SolverError",
    "VerifyError",
]


class VerifyError(Exception):
    """Base class of the toolkit's own errors."""


class InvalidArgument(VerifyError, ValueError):
    """An argument is malformed, out of range, or of a refused type (e.g. a float)."""


class BudgetExceeded(InvalidArgument):
    """Planned work would exceed the memory budget (refused before any of it is done)."""


class SolverError(VerifyError):
    """A back-end solver failed in a way that is not a plain time-out."""


class CertificateError(VerifyError):
    """A certificate or witness failed its exact re-check."""


class CacheDamaged(InvalidArgument):
    """A cache or saved file does not verify (damaged or edited); its message says what to do."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, with a message saying what was kept (the command line prints it, exit 130)."""
