"""Solver queries in a child process that is stopped when a query overruns its limit.

z3's and cvc5's nonlinear procedures check their own time limits only between
steps, and one step can run for minutes past the limit (measured: z3 on 2-2-2-1
over grid:3:2, more than 4 minutes past 1 ms).  A :class:`QueryProcess` runs each
query in one long-lived child process (forked once, so a query costs a message,
not a process): the parent waits for the answer until the query's limit plus a
grace, and past it kills the child and reports the query as late.  The next query
starts a new child.  The child ignores Ctrl-C (the parent's ``KeyboardInterrupt``
stops the run, and the child ends when the parent's end of the pipe closes).

>>> import os
>>> qp = QueryProcess(os.getpid)
>>> kind, pid = qp.ask((), 5.0)
>>> kind == "ok" and pid != os.getpid()
True
>>> qp.stop()
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from typing import Any

__all__ = ["QueryProcess", "usable"]


def usable() -> bool:
    """Can this process start the child?  (``fork`` exists, and the process is not
    daemonic: a Dask worker, for one, may not start children.)"""
    return ("fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


def _serve(fn: Callable[..., Any], conn: Any) -> None:
    """The child: answer ``fn(*args)`` for each ``args`` received, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", fn(*args))
        except Exception as exc:  # sent to the parent, which decides what it means
            reply = ("error", (type(exc).__name__, str(exc)))
        conn.send(reply)


class QueryProcess:
    """``fn(*args)`` answered in a child process, each call bounded by its limit.

    :meth:`ask` returns ``("ok", result)``, ``("error", (exception name, text))``
    for an exception in the child, ``("late", None)`` when no answer came within
    ``seconds + grace`` (the child is killed), or ``("ended", exit code)`` when the
    child died without answering.  A copy of this object in a forked process
    (e.g. a report's claim) starts its own child.
    """

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self._owner: int | None = None
        self._proc: Any = None
        self._conn: Any = None

    def _start(self) -> None:
        ctx = multiprocessing.get_context("fork")
        mine, theirs = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(self.fn, theirs), daemon=True)
        proc.start()
        theirs.close()
        self._owner, self._proc, self._conn = os.getpid(), proc, mine

    def stop(self) -> None:
        """Kill the child (if this process started one)."""
        if self._proc is not None and self._owner == os.getpid():
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join()
            self._conn.close()
        self._owner, self._proc, self._conn = None, None, None

    def ask(self, args: tuple[Any, ...], seconds: float, grace: float = 1.0,
            ) -> tuple[str, Any]:
        """Send ``args``; wait at most ``seconds + grace`` for the answer."""
        if self._owner != os.getpid():
            self._owner, self._proc, self._conn = None, None, None  # a forked copy's
        if self._proc is None or not self._proc.is_alive():
            self.stop()
            self._start()
        try:
            self._conn.send(args)
            answer = self._conn.recv() if self._conn.poll(seconds + grace) else None
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self._proc.join(1)
            code = self._proc.exitcode
            self.stop()
            return "ended", code
        except BaseException:  # e.g. Ctrl-C while waiting: the child's state is unknown
            self.stop()
            raise
        if answer is None:
            self.stop()
            return "late", None
        kind, payload = answer
        return str(kind), payload
