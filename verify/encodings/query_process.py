"""Solver queries in a child process that is stopped when a query overruns its limit.

z3's and cvc5's nonlinear procedures check their own time limits only between
steps, and one step can run for minutes past the limit (measured: z3 on 2-2-2-1
over grid:3:2, more than 4 minutes past 1 ms).  A :class:`QueryProcess` runs each
query in one long-lived child process (forked once, so a query costs a message,
not a process): the parent waits for the answer until the query's limit plus a
grace, and past it kills the child and reports the query as late.  The next query
starts a new child.  The child ignores Ctrl-C (the parent's ``KeyboardInterrupt``
stops the run, and the child ends when the parent's end of the pipe closes).

Asked with a memory budget, the child runs the query under its address-space
share of it (:func:`verify.encodings.memory_bound.address_space`): a query that
runs out is ``("memory", share)`` — a ``MemoryError`` in the child, or a child
that died saying so on its standard error (cvc5's GMP aborts: "Cannot allocate
memory"; C++'s ``std::bad_alloc``) or was killed by SIGKILL, as the system's
out-of-memory killer does — never an answer.  Any other death stays ``("ended",
exit code)``.  The child's standard error goes to a file the parent reads after
each query and copies to its own.

>>> import os
>>> qp = QueryProcess(os.getpid)
>>> kind, pid = qp.ask((), 5.0)
>>> kind == "ok" and pid != os.getpid()
True
>>> qp.stop()
"""

from __future__ import annotations

import faulthandler
import fcntl
import multiprocessing
import os
import signal
import sys
import tempfile
from collections.abc import Callable
from typing import Any

from verify.encodings.memory_bound import MemoryShare, SolverMemoryLimit, address_space

__all__ = ["QueryProcess", "usable"]


def usable() -> bool:
    """Can this process start the child?  (``fork`` exists, and the process is not
    daemonic: a Dask worker, for one, may not start children.)"""
    return ("fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


_OUT_OF_MEMORY = (b"cannot allocate memory", b"bad_alloc", b"out of memory", b"memoryerror")


def _serve(fn: Callable[..., Any], conn: Any, err: int, shares: Any) -> None:
    """The child: answer ``fn(*args)`` for each ``(args, budget)`` received, until the pipe
    closes; with a budget, under its address-space share (noted in ``shares`` first, for
    the parent to name if the child dies)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent
    os.dup2(err, 2)
    if faulthandler.is_enabled():  # its report of a crash goes where the child's stderr goes
        faulthandler.enable(2)  # the descriptor: sys.stderr may be a test's capture
    while True:
        try:
            args, budget = conn.recv()
        except (EOFError, OSError):
            return
        reply: tuple[str, Any]
        try:
            if budget is None:
                reply = ("ok", fn(*args))
            else:
                with address_space("", budget) as share:
                    shares[:] = [share.share, share.budget, share.held]
                    reply = ("ok", fn(*args))
        except SolverMemoryLimit:
            reply = ("memory", tuple(shares))
        except Exception as exc:  # sent to the parent, which decides what it means
            reply = ("error", (type(exc).__name__, str(exc)))
        conn.send(reply)


class QueryProcess:
    """``fn(*args)`` answered in a child process, each call bounded by its limit.

    :meth:`ask` returns ``("ok", result)``, ``("error", (exception name, text))``
    for an exception in the child, ``("late", None)`` when no answer came within
    ``seconds + grace`` (the child is killed), ``("memory", share)`` when the query
    ran out of its share of ``memory`` (a :class:`MemoryShare` with an empty solver
    name; the child is stopped), or ``("ended", exit code)`` when the child died
    without answering otherwise.  A copy of this object in a forked process (e.g. a
    report's claim) starts its own child.
    """

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self._owner: int | None = None
        self._proc: Any = None
        self._conn: Any = None
        self._err: int | None = None
        self._read = 0
        self._shares: Any = None

    def _start(self) -> None:
        ctx = multiprocessing.get_context("fork")
        mine, theirs = ctx.Pipe()
        fd, path = tempfile.mkstemp(prefix="verify-query-", suffix=".err")
        os.unlink(path)
        fcntl.fcntl(fd, fcntl.F_SETFL, os.O_APPEND)  # the child appends; we pread
        shares = ctx.Array("q", 3, lock=False)
        proc = ctx.Process(target=_serve, args=(self.fn, theirs, fd, shares), daemon=True)
        proc.start()
        theirs.close()
        self._owner, self._proc, self._conn = os.getpid(), proc, mine
        self._err, self._read, self._shares = fd, 0, shares

    def _stderr(self) -> bytes:
        """What the child wrote to its standard error since the last look (copied to ours)."""
        if self._err is None:
            return b""
        size = os.fstat(self._err).st_size
        text = os.pread(self._err, size - self._read, self._read) if size > self._read else b""
        self._read = size
        if text:
            sys.stderr.write(text.decode(errors="replace"))
            sys.stderr.flush()
        return text

    def stop(self) -> None:
        """Kill the child (if this process started one)."""
        if self._proc is not None and self._owner == os.getpid():
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join()
            self._conn.close()
            self._stderr()
            if self._err is not None:
                os.close(self._err)
        self._owner, self._proc, self._conn, self._err = None, None, None, None

    def ask(self, args: tuple[Any, ...], seconds: float | None, grace: float = 1.0,
            memory: int | None = None) -> tuple[str, Any]:
        """Send ``args``; wait at most ``seconds + grace`` for the answer (without a limit,
        until it comes); with ``memory`` (bytes), the query runs under its share of it."""
        if self._owner != os.getpid():  # a forked copy's
            self._owner, self._proc, self._conn, self._err = None, None, None, None
        if self._proc is None or not self._proc.is_alive():
            self.stop()
            self._start()
        self._shares[:] = [0, 0 if memory is None else memory, 0]
        try:
            self._conn.send((args, memory))
            ready = self._conn.poll(None if seconds is None else seconds + grace)
            answer = self._conn.recv() if ready else None
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self._proc.join(1)
            code = self._proc.exitcode
            said = self._stderr().lower()
            share = self._share()
            self.stop()
            if memory is not None and (code == -signal.SIGKILL
                                       or any(w in said for w in _OUT_OF_MEMORY)):
                return "memory", share
            return "ended", code
        except BaseException:  # e.g. Ctrl-C while waiting: the child's state is unknown
            self.stop()
            raise
        self._stderr()
        if answer is None:
            self.stop()
            return "late", None
        kind, payload = answer
        if (kind == "error" and memory is not None
                and any(w in " ".join(payload).lower().encode() for w in _OUT_OF_MEMORY)):
            kind, payload = "memory", tuple(self._shares)  # e.g. C++'s bad_alloc, renamed
        if kind == "memory":  # the child's state after running out is not to be trusted
            self.stop()
            return "memory", MemoryShare("", *payload)
        return str(kind), payload

    def _share(self) -> MemoryShare:
        share, budget, held = self._shares
        return MemoryShare("", share or budget, budget, held)
