"""The report's figures: drawing and saving them (PDF, SVG, 300-dpi PNG), before and after.

Baseline: :func:`verify.report.figures.figure_files` as it was at commit cc32a60 (the
layout computed by a full Agg draw at 100 dpi, a picture nobody saves), re-created
here.  New: this working tree's :func:`~verify.report.figures.figure_files`.  The
figure data are the seven figures of ``verify report --quick`` (the claims are run
in this process first, a few seconds).  Baseline and new draw every figure in turn,
alternating, for several rounds; printed are the median CPU seconds of one pass over
the seven figures and the ratio baseline / new.  The files of both are compared
first: they must be byte-identical.

Run: ``flock /work/.heavy.lock python benchmarks/bench_figures.py`` (about a minute).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping
from typing import Any

from verify.report import figures
from verify.report.runner import _run_here

CLAIMS = ("thm-2.2-linf", "thm-3.4-size", "thm-4.3-vc-step", "thm-4.3-size-step",
          "thm-4.3-double-counting", "thm-5.8-counting", "lemma-a.4-sauer-shelah")
ROUNDS = 5


def baseline_figure_files(data: Mapping[str, Any]) -> dict[str, bytes]:
    """figure_files at cc32a60: the layout by a full draw (rendered at 100 dpi)."""
    fig = figures.plot_figure(data)
    with figures.house_style():
        fig.canvas.draw()
    fig.set_layout_engine("none")
    return {fmt: figures.figure_bytes(fig, fmt) for fmt in figures.FORMATS}


def _pass(draw: Callable[[Mapping[str, Any]], dict[str, bytes]],
          data: list[dict[str, Any]]) -> float:
    start = time.process_time()
    for d in data:
        draw(d)
    return time.process_time() - start


def main() -> None:
    data = [f for cid in CLAIMS for f in _run_here(cid, "quick").get("figures", [])]
    print(f"{len(data)} figures: {', '.join(d['name'] for d in data)}")
    for d in data:  # also the first draw of each: fonts, mathtext and imports warmed up
        if baseline_figure_files(d) != figures.figure_files(d):
            raise SystemExit(f"figure {d['name']}: the files differ")
    print("files byte-identical (pdf, svg, png)")
    base, new = [], []
    for _ in range(ROUNDS):
        base.append(_pass(baseline_figure_files, data))
        new.append(_pass(figures.figure_files, data))
    b, n = statistics.median(base), statistics.median(new)
    print(f"baseline {b:.3f} s CPU per pass, new {n:.3f} s; ratio {b / n:.2f}")


if __name__ == "__main__":
    main()
