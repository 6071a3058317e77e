"""Set-up of the worker processes of the LocalCluster that :mod:`verify.enumeration.engine`
starts (a Dask preload module): Ctrl-C is the driver's to handle.

A terminal's Ctrl-C reaches every process of the foreground group, the local
workers too.  The driver stops the run, keeps the finished shards and closes the
cluster; the workers ignore the signal (and z3, which would otherwise answer it
by cancelling the current check, is told not to listen for it), so that they
neither print tracebacks nor report a cancelled check.
"""

from __future__ import annotations

import signal
from typing import Any


def dask_setup(worker: Any = None) -> None:
    """Called by Dask in each worker process when it starts."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import z3
    except ImportError:  # pragma: no cover - z3 is a dependency
        return
    z3.set_param("ctrl_c", False)
