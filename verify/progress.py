"""Progress reporting: a bar on a terminal's stderr, or in a Jupyter notebook's output.

Where a bar is drawn:

* in a terminal (stderr is a TTY): a rich bar with rate and time left, on stderr;
* in a Jupyter notebook (an IPython kernel): an HTML bar in the cell's output,
  updated in place through IPython's display handles (no widget library needed);
* elsewhere (pipes, files, tests): nothing; every call is then a no-op, so
  library code can always report progress.

Switch it off with :func:`set_enabled` (``verify.progress_enabled(False)``),
the environment variable ``VERIFY_PROGRESS=0``, or the command line's
``--quiet``; ``set_enabled(True)`` draws a bar even where stderr is not a
terminal.

>>> with progress(3, "demo", enabled=False) as bar:
...     for _ in range(3):
...         bar.advance()
>>> bar.done
3
"""

from __future__ import annotations

import html
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Progress",
    "in_notebook",
    "progress",
    "set_enabled",
    "set_quiet",
    "stderr_is_terminal",
]

_QUIET = False
_ENABLED: bool | None = None  # None: decide from the environment


def set_quiet(quiet: bool) -> None:
    """Globally silence progress bars (the command line's ``--quiet``)."""
    global _QUIET
    _QUIET = quiet


def set_enabled(enabled: bool | None) -> None:
    """Turn progress bars off (False), on everywhere (True) or back to automatic (None).

    Examples
    --------
    >>> set_enabled(False); _show(None)
    False
    >>> set_enabled(None)
    """
    global _ENABLED
    if enabled is not None and not isinstance(enabled, bool):
        from verify.errors import InvalidArgument

        raise InvalidArgument(f"progress: expected True, False or None, got {enabled!r}")
    _ENABLED = enabled


def _env_off() -> bool:
    return os.environ.get("VERIFY_PROGRESS", "").strip().lower() in ("0", "off", "no", "false")


def in_notebook() -> bool:
    """True inside a Jupyter (IPython kernel) session."""
    ipython = sys.modules.get("IPython")
    if ipython is None or "ipykernel" not in sys.modules:
        return False
    shell = getattr(ipython, "get_ipython", lambda: None)()
    return shell is not None and getattr(shell, "kernel", None) is not None


def stderr_is_terminal() -> bool:
    """True when a terminal progress bar may be drawn."""
    return not _QUIET and _ENABLED is not False and not _env_off() and sys.stderr.isatty()


def _show(enabled: bool | None) -> bool | str:
    """False, "notebook" or "terminal"."""
    if enabled is False or _QUIET or _ENABLED is False or (_env_off() and enabled is None):
        return False
    if in_notebook():
        return "notebook"
    if enabled or _ENABLED or sys.stderr.isatty():
        return "terminal"
    return False


@dataclass
class Progress:
    """Counts work done; draws a bar when one is attached."""

    total: int | None
    done: int = 0
    _bar: Any = field(default=None, repr=False)
    _task: Any = field(default=None, repr=False)

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(self._task, advance=n)

    def set_total(self, total: int) -> None:
        self.total = total
        if self._bar is not None:
            self._bar.update(self._task, total=total)


@contextmanager
def progress(
    total: int | None, description: str, enabled: bool | None = None
) -> Iterator[Progress]:
    """A progress context: ``with progress(n, "deciding") as bar: bar.advance()``.

    ``enabled=None`` means: draw in a terminal or a notebook unless switched off.
    """
    mode = _show(enabled)
    state = Progress(total)
    if not mode:
        yield state
        return
    if mode == "notebook":
        bar = _NotebookBar(description, total)
        state._bar, state._task = bar, 0
        try:
            yield state
        finally:
            bar.close()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        _rate_column(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with _rich_progress(columns, Console(stderr=True)) as rbar:
        state._bar = rbar
        state._task = rbar.add_task(description, total=total)
        yield state


class _NotebookBar:
    """An HTML progress bar in a notebook cell, updated in place (at most ~4 times a second)."""

    _INTERVAL = 0.25

    def __init__(self, description: str, total: int | None) -> None:
        from IPython.display import HTML, display

        self._html = HTML
        self.description = description
        self.total = total
        self.done = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.handle = display(HTML(self._text()), display_id=True)

    def _text(self, finished: bool = False) -> str:
        elapsed = time.monotonic() - self.start
        rate = f", {self.done / elapsed:,.1f}/s" if elapsed > 0 and self.done else ""
        if self.total:
            pct = 100 * self.done / self.total
            bar = f"<progress value='{self.done}' max='{self.total}' style='width:16em'></progress>"
            count = f"{self.done:,}/{self.total:,} ({pct:.0f}%)"
        else:
            bar, count = "<progress style='width:16em'></progress>", f"{self.done:,}"
        state = " done" if finished else ""
        return (f"<div style='font-family:monospace'>{html.escape(self.description)} {bar} "
                f"{count}{rate}, {elapsed:.1f} s{state}</div>")

    def update(self, _task: Any, advance: int = 0, total: int | None = None) -> None:
        self.done += advance
        if total is not None:
            self.total = total
        now = time.monotonic()
        if now - self.last >= self._INTERVAL:
            self.last = now
            if self.handle is not None:
                self.handle.update(self._html(self._text()))

    def close(self) -> None:
        if self.handle is not None:
            self.handle.update(self._html(self._text(finished=True)))


def _rate_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:,.1f}/s")

    return RateColumn()


def _rich_progress(columns: tuple[Any, ...], console: Any) -> Any:
    from rich.progress import Progress as RichProgress

    return RichProgress(*columns, console=console, transient=True)
