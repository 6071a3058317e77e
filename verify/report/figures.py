"""Deterministic PNG figures from the figure data of claim results.

Figures are drawn with matplotlib's Agg canvas (no global pyplot state, no
display needed) and saved with fixed metadata, so the same data gives
byte-identical files.  Values are converted to floats only for drawing: the
exact numbers stay in ``results.json``.

>>> as_float("1/4"), as_float(3), as_float("0.5")
(0.25, 3.0, 0.5)
"""

from __future__ import annotations

import io
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

__all__ = ["as_float", "figure_png", "write_figure"]

_STYLES = {"line": "-", "points": "o", "step": "-", "dashed": "--"}


def as_float(value: Any) -> float:
    """A JSON value (int, "p/q", decimal text) as a float, for drawing only.

    Examples
    --------
    >>> as_float(None)
    nan
    """
    if value is None:
        return math.nan
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, Fraction):
        return float(value)
    text = str(value)
    if text in ("inf", "+inf"):
        return math.inf
    try:
        return float(Fraction(text))
    except (ValueError, ZeroDivisionError):
        return math.nan


def figure_png(fig: dict[str, Any]) -> bytes:
    """Render one figure (see :func:`proofs.claim.figure`) to PNG bytes.

    A series may carry ``"color"`` (a matplotlib colour, e.g. ``"C0"``) so that
    related series (a measurement and its bound) share a colour.

    Examples
    --------
    >>> data = {"name": "t", "title": "T", "xlabel": "x", "ylabel": "y", "logy": False,
    ...         "series": [{"label": "a", "x": [0, 1], "y": ["1/2", 1]}]}
    >>> figure_png(data)[:4] == b"\\x89PNG"
    True
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels: list[str] = []
    for s in fig["series"]:
        if s.get("panel", "") not in panels:
            panels.append(s.get("panel", ""))
    panels = panels or [""]
    ncols = 1 if len(panels) == 1 else 2
    nrows = math.ceil(len(panels) / ncols)
    f = Figure(figsize=(6.4 if ncols == 1 else 11.0, 1.0 + 3.6 * nrows), dpi=100)
    FigureCanvasAgg(f)
    for k, panel in enumerate(panels):
        ax = f.add_subplot(nrows, ncols, k + 1)
        series = [s for s in fig["series"] if s.get("panel", "") == panel]
        for s in series:
            xs = [as_float(v) for v in s["x"]]
            ys = [as_float(v) for v in s["y"]]
            style = s.get("style", "line")
            color = {"color": s["color"]} if s.get("color") else {}
            if style == "points":
                ax.plot(xs, ys, "o", label=s["label"], markersize=4, **color)
            elif style == "step":
                ax.step(xs, ys, where="post", label=s["label"], **color)
            else:
                ax.plot(xs, ys, _STYLES.get(style, "-"), label=s["label"], marker=".", **color)
        if fig.get("logy"):
            ax.set_yscale("log")
        ax.set_title(panel or fig["title"], fontsize=9 if panel else 10)
        ax.set_xlabel(fig["xlabel"])
        ax.set_ylabel(fig["ylabel"])
        ax.grid(True, alpha=0.3)
        if series:
            ax.legend(fontsize=7 if len(series) <= 6 else 6)
    if panels != [""]:
        f.suptitle(fig["title"], fontsize=11)
    f.tight_layout()
    buf = io.BytesIO()
    f.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def write_figure(fig: dict[str, Any], directory: str | Path) -> Path:
    """Write ``<directory>/<name>.png`` and return its path."""
    path = Path(directory) / f"{fig['name']}.png"
    path.write_bytes(figure_png(fig))
    return path
