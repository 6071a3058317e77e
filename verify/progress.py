"""Progress reporting on stderr.

A bar with rate and time left is shown only when stderr is a terminal and the
caller did not ask for quiet; otherwise every call is a no-op, so library code
can always report progress.

>>> with progress(3, "demo", enabled=False) as bar:
...     for _ in range(3):
...         bar.advance()
>>> bar.done
3
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Progress", "progress", "stderr_is_terminal"]

_QUIET = False


def set_quiet(quiet: bool) -> None:
    """Globally silence progress bars (the command line's ``--quiet``)."""
    global _QUIET
    _QUIET = quiet


def stderr_is_terminal() -> bool:
    """True when progress bars may be drawn."""
    return not _QUIET and sys.stderr.isatty()


@dataclass
class Progress:
    """Counts work done; draws a rich bar when one is attached."""

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

    ``enabled=None`` means: draw only if stderr is a terminal and not quiet.
    """
    show = stderr_is_terminal() if enabled is None else enabled
    state = Progress(total)
    if not show:
        yield state
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
    with _rich_progress(columns, Console(stderr=True)) as bar:
        state._bar = bar
        state._task = bar.add_task(description, total=total)
        yield state


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
