"""The report's figures: drawing and saving them (PDF, SVG, 300-dpi PNG), before and after.

Baseline: the drawing code as it was at commit cc32a60, re-created here:
:func:`~verify.report.figures.figure_files` computed the layout by a full Agg draw
at 100 dpi (a picture nobody saves), and the report's fork pool imported matplotlib
again in every worker.  New: this working tree.  The figure data are the seven
figures of ``verify report --quick`` (the claims are run in this process first, a
few seconds).  The files of both are compared first: they must be byte-identical.
Then, alternating baseline and new for several rounds:

* one pass of ``figure_files`` over the seven figures in this process (CPU seconds;
  what the test suite pays, where the report draws in-process);
* the report's pool (:func:`verify.report.writer._drawn`) in a fresh interpreter
  (CPU seconds of the interpreter and its workers, and wall seconds; what
  ``verify report --quiet`` pays);

printed are the medians and the ratios baseline / new.

Run: ``python benchmarks/bench_figures.py`` (about two minutes).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from verify.report import figures
from verify.report.runner import _run_here

CLAIMS = ("thm-2.2-linf", "thm-3.4-size", "thm-4.3-vc-step", "thm-4.3-size-step",
          "thm-4.3-double-counting", "thm-5.8-counting", "lemma-a.4-sauer-shelah")
ROUNDS = 5
POOL_ROUNDS = 3


def baseline_figure_files(data: Mapping[str, Any]) -> dict[str, bytes]:
    """figure_files at cc32a60: the layout by a full draw (rendered at 100 dpi)."""
    fig = figures.plot_figure(data)
    with figures.house_style():
        fig.canvas.draw()
    fig.set_layout_engine("none")
    return {fmt: figures.figure_bytes(fig, fmt) for fmt in figures.FORMATS}


# One run of the report's pool in a fresh interpreter: prints "cpu wall".
_POOL = """
import json, resource, sys, time
from verify.report import figures, writer
if {baseline!r}:
    def baseline_figure_files(data):
        fig = figures.plot_figure(data)
        with figures.house_style():
            fig.canvas.draw()
        fig.set_layout_engine("none")
        return {{fmt: figures.figure_bytes(fig, fmt) for fmt in figures.FORMATS}}
    writer.load_drawing_modules = lambda: None
    writer.figure_files = baseline_figure_files
data = json.load(open({path!r}))
start = time.perf_counter()
writer._drawn(data)
wall = time.perf_counter() - start
cpu = sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                             resource.getrusage(resource.RUSAGE_CHILDREN)))
print(cpu, wall)
"""


def _pass(draw: Callable[[Mapping[str, Any]], dict[str, bytes]],
          data: list[dict[str, Any]]) -> float:
    start = time.process_time()
    for d in data:
        draw(d)
    return time.process_time() - start


def _pool(path: Path, baseline: bool) -> tuple[float, float]:
    code = _POOL.format(baseline=baseline, path=str(path))
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), float(out[1])


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
    print(f"figure_files, one pass in-process: baseline {b:.3f} s CPU, new {n:.3f} s; "
          f"ratio {b / n:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "figures.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        runs: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for _ in range(POOL_ROUNDS):
            for baseline in (True, False):
                runs[baseline].append(_pool(path, baseline))
    (bc, bw), (nc, nw) = [(statistics.median(c for c, _ in runs[k]),
                           statistics.median(w for _, w in runs[k])) for k in (True, False)]
    print(f"the report's pool, fresh interpreter: baseline {bc:.2f} s CPU / {bw:.2f} s wall, "
          f"new {nc:.2f} s CPU / {nw:.2f} s wall; ratios {bc / nc:.2f} (CPU), "
          f"{bw / nw:.2f} (wall)")


if __name__ == "__main__":
    main()
