"""Where shards run: in this process (serial) or on Dask distributed.

An engine maps a function over shard tasks and yields the results *as they
complete*; the driver (:mod:`verify.enumeration.sharded`) merges them, so the
answer never depends on the order.

* :class:`SerialEngine` runs the tasks one after the other in this process
  (no dependency; the path taken when Dask is not installed).
* :class:`DaskEngine` submits one future per task to a Dask cluster and waits
  with ``distributed.as_completed``: by default a ``LocalCluster`` of ``workers``
  single-threaded worker processes on this machine (memory limit per worker:
  the memory budget divided among them); or an existing cluster (``scheduler``
  address such as ``tcp://HOST:8786``, or an open ``client``).  A worker that
  dies has its task re-run on another by the scheduler (Dask's
  ``distributed.scheduler.allowed-failures``, 3 by default); a task that kills
  every worker it runs on is reported as an error, never as a result.

Dask is the optional extra ``dask`` (``pip install -e ".[dask]"``).

>>> eng = SerialEngine()
>>> sorted(eng.map_unordered(abs, [-2, 1, -3], priorities=[0, 0, 5]))
[1, 2, 3]
>>> eng.describe()
'serial (this process)'
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from verify.errors import InvalidArgument, SolverError

__all__ = [
    "DASK_HINT",
    "DaskEngine",
    "Engine",
    "SerialEngine",
    "WorkerLost",
    "dask_available",
    "make_engine",
    "scheduler_from_env",
]

T = TypeVar("T")
R = TypeVar("R")
_NOTHING: Any = object()  # no shared data

DASK_HINT = 'install the dask extra: pip install -e ".[dask]" (or pip install "dask[distributed]")'


class WorkerLost(SolverError):
    """A shard could not be computed because its workers kept dying (e.g. out of memory)."""


def dask_available() -> bool:
    """Is ``distributed`` importable?

    >>> isinstance(dask_available(), bool)
    True
    """
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def scheduler_from_env() -> str | None:
    """``$DASK_SCHEDULER_ADDRESS`` when set and not empty."""
    addr = os.environ.get("DASK_SCHEDULER_ADDRESS", "").strip()
    return addr or None


class Engine(Protocol):
    """What the driver needs from an engine."""

    workers: int | None

    def share(self, data: Any) -> Any:
        """A handle to data every task receives (sent to each worker once)."""
        ...

    def map_unordered(self, fn: Callable[..., R], tasks: Sequence[T],
                      priorities: Sequence[int], timeout: float | None = None,
                      shared: Any = _NOTHING) -> Iterator[R]:
        ...

    def describe(self) -> str: ...

    def close(self) -> None: ...


class SerialEngine:
    """Run every task in this process, highest priority first."""

    workers: int | None = 1

    def share(self, data: Any) -> Any:
        return data

    def map_unordered(self, fn: Callable[..., R], tasks: Sequence[T],
                      priorities: Sequence[int], timeout: float | None = None,
                      shared: Any = _NOTHING) -> Iterator[R]:
        order = sorted(range(len(tasks)), key=lambda i: (-priorities[i], i))
        for i in order:
            yield fn(tasks[i]) if shared is _NOTHING else fn(tasks[i], shared)

    def describe(self) -> str:
        return "serial (this process)"

    def close(self) -> None:
        pass


class DaskEngine:
    """Shards on Dask: a LocalCluster of ``workers`` processes, a scheduler address, or a client."""

    def __init__(self, workers: int | None = None, client: Any = None,
                 scheduler: str | None = None, memory_limit: int | None = None) -> None:
        try:
            import distributed
        except ImportError:
            raise InvalidArgument(f"running shards on Dask needs Dask: {DASK_HINT}") from None
        self._own_client = client is None
        self._cluster: Any = None
        self.where: str
        if client is not None:
            if not isinstance(client, distributed.Client):
                raise InvalidArgument("client must be a distributed.Client")
            self.client = client
            self.where = f"Dask client {client!r}"
        elif scheduler is not None:
            try:
                distributed.comm.get_address_host_port(scheduler)
            except ValueError as exc:  # Dask's own parser: no port, unknown protocol
                raise InvalidArgument(f"scheduler address {scheduler!r}: {exc} "
                                      "(expected e.g. tcp://HOST:8786)") from None
            try:
                self.client = distributed.Client(scheduler, timeout=10)
            except (OSError, TimeoutError) as exc:
                raise InvalidArgument(f"cannot reach the Dask scheduler at {scheduler!r} "
                                      f"({exc})") from None
            self.where = f"Dask scheduler {scheduler}"
        else:
            n = workers or (os.cpu_count() or 1)
            self._cluster = distributed.LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.ERROR, memory_limit=memory_limit or "auto",
                preload=["verify.enumeration._dask_worker"],  # Ctrl-C is the driver's
            )
            self.client = distributed.Client(self._cluster)
            self.where = f"Dask LocalCluster of {n} worker process(es)"
        self.workers = len(self.client.scheduler_info().get("workers", {})) or workers
        self._token = uuid.uuid4().hex[:12]
        self._round = 0

    def describe(self) -> str:
        return self.where

    def share(self, data: Any) -> Any:
        return self.client.scatter(data, broadcast=True, hash=False)

    def map_unordered(self, fn: Callable[..., R], tasks: Sequence[T],
                      priorities: Sequence[int], timeout: float | None = None,
                      shared: Any = _NOTHING) -> Iterator[R]:
        """Submit every task, yield results as they complete; cancel the rest on exit.

        ``timeout`` (seconds from now): stop waiting then (the driver gives its
        workers the same deadline, so they return what they found before it).
        """
        import distributed

        extra = () if shared is _NOTHING else (shared,)
        self._round += 1
        futures = [
            self.client.submit(fn, t, *extra, key=f"verify-{self._token}-{self._round}-{i}",
                               pure=False, priority=int(p))
            for i, (t, p) in enumerate(zip(tasks, priorities, strict=True))
        ]
        pending = set(futures)
        try:
            waiting = distributed.as_completed(futures, timeout=timeout)
            for fut in waiting:
                pending.discard(fut)
                try:
                    result = fut.result()
                except distributed.KilledWorker as exc:
                    raise WorkerLost(
                        f"a shard killed every worker it ran on ({exc}); if they ran out of "
                        "memory, give them more (--max-memory) or use more shards") from None
                fut.release()
                yield result
        except TimeoutError:
            return  # the deadline passed: the driver reports the shards not finished
        finally:
            if pending:
                self.client.cancel(list(pending), force=True)

    def close(self) -> None:
        if self._own_client:
            self.client.close()
            if self._cluster is not None:
                self._cluster.close()


def make_engine(workers: object = None, client: Any = None, scheduler: object = None,
                memory_limit: int | None = None) -> tuple[Engine, str | None]:
    """The engine for the options, and a note when the request could not be honoured.

    * ``client`` or ``scheduler`` (or ``$DASK_SCHEDULER_ADDRESS`` when neither
      ``workers`` nor ``client`` is given): Dask, else an error saying how to
      install it.
    * ``workers`` N: a LocalCluster of N processes; ``workers=1`` or Dask not
      installed: the serial engine (with a note in the latter case).

    >>> eng, note = make_engine(workers=1)
    >>> eng.describe(), note
    ('serial (this process)', None)
    >>> make_engine(workers=0)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: workers must be a positive integer or 'auto', got 0
    """
    n = parse_workers(workers)
    if scheduler is not None and not isinstance(scheduler, str):
        raise InvalidArgument(f"scheduler must be an address such as tcp://HOST:8786, "
                              f"got {scheduler!r}")
    if client is None and scheduler is None and n is None:
        scheduler = scheduler_from_env()
    if client is not None or scheduler is not None:
        if not dask_available():
            where = "a Dask client" if client is not None else f"--scheduler {scheduler}"
            raise InvalidArgument(f"{where} needs Dask: {DASK_HINT}")
        return DaskEngine(client=client, scheduler=scheduler), None
    if n is None or n == 1:
        return SerialEngine(), None
    if not dask_available():
        return SerialEngine(), f"Dask is not installed: the shards run one after the other " \
                               f"in this process ({DASK_HINT})"
    return DaskEngine(workers=n, memory_limit=memory_limit), None


def parse_workers(workers: object) -> int | None:
    """``None``, a positive integer, or ``"auto"`` (the machine's cores).

    >>> parse_workers("3"), parse_workers(None), parse_workers("auto") >= 1
    (3, None, True)
    """
    if workers is None:
        return None
    if isinstance(workers, str) and workers.strip().lower() == "auto":
        return os.cpu_count() or 1
    if isinstance(workers, bool):
        raise InvalidArgument(f"workers must be a positive integer or 'auto', got {workers!r}")
    try:
        n = int(workers) if isinstance(workers, int | str) else None
    except ValueError:
        n = None
    if n is None or n < 1:
        raise InvalidArgument(f"workers must be a positive integer or 'auto', got {workers!r}")
    return n


def wall_clock() -> float:
    """Seconds since the epoch: deadlines shared with workers on other machines."""
    return time.time()
