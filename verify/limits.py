"""Limits on work: time limits, deadlines and the memory budget.

Every path whose cost grows with its input either estimates its memory first
and refuses with the estimate (:func:`require_memory`), or works in bounded
memory; and honours a time limit (:class:`Deadline`).

The memory budget is, in order: the ``max_memory`` argument of a call, the
value set for the process (the command line's ``--max-memory``, through
:func:`set_max_memory`), ``$VERIFY_MAX_MEMORY``, else a third of the machine's
physical memory (at most 8 GiB when the machine's memory cannot be read).

>>> parse_max_memory("8GiB") == 8 * 2**30, parse_max_memory("512M") == 512 * 2**20
(True, True)
>>> format_bytes(15 * 2**30 + 2**29)
'15.5 GiB'
>>> require_memory(10 * 2**30, "cube:6", limit=8 * 2**30)
Traceback (most recent call last):
...
verify.errors.BudgetExceeded: cube:6 needs about 10 GiB; limit 8 GiB (set with --max-memory)
"""

from __future__ import annotations

import math
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction

from verify.errors import BudgetExceeded, InvalidArgument

__all__ = [
    "Deadline",
    "TimeLeft",
    "current_max_memory",
    "default_max_memory",
    "format_bytes",
    "limit_text",
    "memory_limit",
    "parse_max_memory",
    "parse_timeout",
    "require_memory",
    "set_max_memory",
]

_UNITS = {
    "": 1, "b": 1,
    "k": 2**10, "kb": 10**3, "kib": 2**10,
    "m": 2**20, "mb": 10**6, "mib": 2**20,
    "g": 2**30, "gb": 10**9, "gib": 2**30,
    "t": 2**40, "tb": 10**12, "tib": 2**40,
}
_MEMORY = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*")
_FALLBACK = 8 * 2**30
_LARGEST = 2**60
"""The largest budget taken (1 EiB): past it no limit means anything on any machine, and
the operating system's limits (a C ``long``) could not hold it."""

_process_limit: int | None = None


def parse_max_memory(value: object) -> int:
    """A memory budget in bytes from ``8G``, ``8GiB``, ``512M``, ``1.5G`` or a byte count.

    ``K``, ``M``, ``G``, ``T`` alone are binary units (as ``free -g``); ``KB``,
    ``MB``, ``GB``, ``TB`` decimal; ``KiB`` … ``TiB`` binary.

    >>> parse_max_memory("1.5G") == 3 * 2**29, parse_max_memory(4096)
    (True, 4096)
    >>> parse_max_memory("1K"), parse_max_memory("1KB"), parse_max_memory("0.5KiB")
    (1024, 1000, 512)
    >>> parse_max_memory("99999999999T")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: max-memory '99999999999T' is more than 1 EiB (2^60 bytes), ...
    >>> parse_max_memory("lots")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: max-memory must be a size such as 8G, 512M or 2GiB, got 'lots'
    """
    if isinstance(value, bool):
        raise InvalidArgument(f"max-memory must be a size such as 8G, 512M or 2GiB, got {value!r}")
    if isinstance(value, int):
        size, text = value, str(value)
    else:
        text = str(value)
        m = _MEMORY.fullmatch(text) if text.isascii() and len(text) <= 40 else None
        unit = m.group(2).lower() if m else ""
        if m is None or unit not in _UNITS:
            raise InvalidArgument("max-memory must be a size such as 8G, 512M or 2GiB, got "
                                  f"{text if len(text) <= 40 else text[:40] + '…'!r}")
        size = math.floor(Fraction(m.group(1)) * _UNITS[unit])  # exact: no float rounding
    if size <= 0:
        raise InvalidArgument(f"max-memory must be positive, got {text!r}")
    if size > _LARGEST:
        raise InvalidArgument(f"max-memory {text!r} is more than 1 EiB (2^60 bytes), the "
                              "largest budget taken")
    return size


def _physical_memory() -> int | None:
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, OSError, ValueError):
        return None


def default_max_memory() -> int:
    """``$VERIFY_MAX_MEMORY`` if set, else a third of physical memory (8 GiB if unknown).

    >>> default_max_memory() > 0
    True
    """
    env = os.environ.get("VERIFY_MAX_MEMORY")
    if env:
        try:
            return parse_max_memory(env)
        except InvalidArgument as exc:
            raise InvalidArgument(f"$VERIFY_MAX_MEMORY: {exc}") from None
    phys = _physical_memory()
    return phys // 3 if phys else _FALLBACK


def set_max_memory(limit: object) -> None:
    """Set the process's memory budget (None: back to the default)."""
    global _process_limit
    _process_limit = None if limit is None else parse_max_memory(limit)


@contextmanager
def memory_limit(limit: object) -> Iterator[None]:
    """The process's memory budget set to ``limit`` for a block, then the one before restored.

    (One command run in-process, e.g. ``verify.cli.main`` in a notebook or a test,
    leaves no budget behind for the code that runs after it.)

    >>> with memory_limit("1G"):
    ...     current_max_memory() == 2**30
    True
    >>> current_max_memory() == default_max_memory()
    True
    """
    global _process_limit
    before = _process_limit
    set_max_memory(limit)
    try:
        yield
    finally:
        _process_limit = before


def current_max_memory(limit: object = None) -> int:
    """The budget in force: ``limit`` if given, else the process's, else the default.

    >>> current_max_memory("1G") == 2**30
    True
    """
    if limit is not None:
        return parse_max_memory(limit)
    return _process_limit if _process_limit is not None else default_max_memory()


def format_bytes(n: int | float) -> str:
    """Bytes as a short human-readable text.

    >>> format_bytes(512), format_bytes(3 * 2**20), format_bytes(2**40)
    ('512 B', '3 MiB', '1 TiB')
    """
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            text = f"{value:.1f}".rstrip("0").rstrip(".") if unit != "B" else f"{int(value)}"
            return f"{text} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def require_memory(estimate: int | float, what: str, limit: object = None) -> None:
    """Refuse up front when ``what`` would need more than the memory budget.

    Parameters
    ----------
    estimate : bytes
        The planned work's memory, estimated before any of it is allocated.
    what : str
        What would be done (the start of the error message).
    limit : optional
        An explicit budget; default :func:`current_max_memory`.
    """
    budget = current_max_memory(limit)
    if estimate > budget:
        raise BudgetExceeded(
            f"{what} needs about {format_bytes(estimate)}; limit {format_bytes(budget)} "
            "(set with --max-memory)"
        )


def parse_timeout(timeout: object) -> float | None:
    """A time limit in seconds: None, or a positive int, float, Fraction or text.

    A time limit is not part of any exact answer, so floats are accepted here.

    >>> parse_timeout("2.5"), parse_timeout(None)
    (2.5, None)
    >>> parse_timeout(0)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: timeout must be a positive number of seconds, got 0
    """
    if timeout is None:
        return None
    if isinstance(timeout, bool):
        raise InvalidArgument(f"timeout must be a positive number of seconds, got {timeout!r}")
    if isinstance(timeout, str) and not timeout.strip().isascii():
        raise InvalidArgument(f"timeout must be a positive number of seconds, got {timeout!r}")
    try:
        value = float(timeout)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise InvalidArgument(
            f"timeout must be a positive number of seconds, got {timeout!r}"
        ) from None
    if not value > 0 or value == float("inf"):
        raise InvalidArgument(f"timeout must be a positive number of seconds, got {timeout!r}")
    return timeout if isinstance(timeout, TimeLeft) else value


class TimeLeft(float):
    """The seconds left of a limit, passed on as the ``timeout`` of the work after a first
    step (e.g. reading a points file), that remembers the limit as given (``given``) and
    the option that gave it (``option``, e.g. ``--timeout``): the work runs within the time
    left, and its time-out messages name the user's limit (:func:`limit_text`).

    >>> t = TimeLeft(3.2, 5.0, "--timeout")
    >>> t + 0, limit_text(t), limit_text(3.2), limit_text(TimeLeft(3.2, 5.0))
    (3.2, '5 s (--timeout)', '3.2 s', '5 s')
    >>> import pickle; limit_text(pickle.loads(pickle.dumps(t)))
    '5 s (--timeout)'
    """

    given: float
    option: str | None

    def __new__(cls, left: float, given: float, option: str | None = None) -> TimeLeft:
        self = super().__new__(cls, left)
        self.given, self.option = float(given), option
        return self

    def __reduce__(self) -> tuple[type[TimeLeft], tuple[float, float, str | None]]:
        return TimeLeft, (float(self), self.given, self.option)  # pickled, e.g. to a child


def limit_text(seconds: float | None) -> str:
    """A time limit as time-out messages name it: ``5 s``, or ``5 s (--timeout)`` for the
    time left of the user's ``--timeout 5`` (a :class:`TimeLeft`); ``no limit`` for None."""
    if seconds is None:
        return "no limit"
    if isinstance(seconds, TimeLeft):
        return f"{seconds.given:g} s" + (f" ({seconds.option})" if seconds.option else "")
    return f"{seconds:g} s"


class Deadline:
    """A point in time after which long work stops (None: no limit).

    >>> d = Deadline(None)
    >>> d.expired(), d.left() is None
    (False, True)
    >>> Deadline(3600).expired()
    False

    Given a ``Deadline``, the new one runs on the same clock (a command's ``--timeout``
    shared by its steps; time-out messages still name the whole limit):

    >>> d = Deadline(20, "--timeout"); e = Deadline(d); (e.seconds, e.at == d.at)
    (20.0, True)
    >>> e.limit_text()
    '20 s (--timeout)'

    ``option`` names where the limit was given (the command line's ``--timeout``);
    :meth:`remaining` passes it on with the limit, and :meth:`limit_text` names both.
    """

    seconds: float | None
    start: float
    at: float | None
    option: str | None

    def __init__(self, seconds: object = None, option: str | None = None) -> None:
        if isinstance(seconds, Deadline):
            self.seconds, self.start, self.at = seconds.seconds, seconds.start, seconds.at
            self.option = seconds.option
            return
        self.seconds = parse_timeout(seconds)
        self.option = option
        self.start = time.monotonic()
        self.at = None if self.seconds is None else self.start + self.seconds

    def limit_text(self) -> str:
        """The limit as time-out messages name it (:func:`limit_text`): the one the user
        gave, e.g. ``5 s (--timeout)``, also for the time left of it (a :class:`TimeLeft`).

        >>> Deadline(TimeLeft(3.2, 5, "--timeout")).limit_text(), Deadline(2).limit_text()
        ('5 s (--timeout)', '2 s')
        """
        if self.seconds is None:
            return "no limit"
        if self.option is not None and not isinstance(self.seconds, TimeLeft):
            return f"{self.seconds:g} s ({self.option})"
        return limit_text(self.seconds)

    def left(self) -> float | None:
        """Seconds left (never negative), or None without a limit."""
        return None if self.at is None else max(self.at - time.monotonic(), 0.0)

    def expired(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at

    def remaining(self) -> TimeLeft | None:
        """The time left as the ``timeout`` of the work after this point: None without a
        limit, else the seconds left to the hundredth (so a command that read only a
        spec such as ``grid:3:2`` passes its whole limit on, and messages name it);
        the whole limit as given while less than 5 ms of it is used (``--timeout
        0.001`` is named as such, not rounded away); under 5 ms left, 1 ms (a time limit
        must be positive, and 1 ms is the least z3 takes: the work stops within it, and its
        message names 0.001 s rather than a figure such as 1e-09 s).

        One command reads its points file and then works within one ``--timeout``:
        the work gets ``remaining()``, not the whole limit again — a :class:`TimeLeft`,
        so its time-out messages name the whole limit (``time-out after 5 s (--timeout)``
        when reading took 1.8 s of ``--timeout 5``), not the 3.2 s left.

        >>> Deadline(None).remaining() is None, 0 < Deadline(5).remaining() <= 5
        (True, True)
        """
        left = self.left()
        if left is None or self.seconds is None:
            return None
        given = self.seconds.given if isinstance(self.seconds, TimeLeft) else self.seconds
        option = self.seconds.option if isinstance(self.seconds, TimeLeft) else self.option
        if self.elapsed() < 0.005:  # (almost) nothing used: the whole limit, as given
            return TimeLeft(self.seconds, given, option)
        shown = round(left, 2)
        return TimeLeft(shown if shown > 0 else 0.001, given, option)

    def elapsed(self) -> float:
        return time.monotonic() - self.start
