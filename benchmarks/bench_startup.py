"""Start-up of the command line: ``verify --help`` and ``verify bound``, before and after.

Baseline: the package as it was at commit c2bc172 (every sub-command module
imported NumPy, z3, networkx … at parser-build time), extracted with
``git archive`` into a temporary directory.  New: this working tree.  Each
command runs in a fresh interpreter, alternating baseline and new, several
times; printed are the median wall-clock time of the whole process and the
median import time reported by ``python -X importtime`` (the sum over
top-level imports), and the ratio baseline / new.

Run on an otherwise idle machine: ``python benchmarks/bench_startup.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

BASELINE = "c2bc172"
ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "verify --help": ["--help"],
    "verify bound --K 3 --d 3": ["bound", "--K", "3", "--d", "3"],
}
RUNS = 7


def _extract_baseline(into: Path) -> None:
    data = subprocess.run(["git", "-C", str(ROOT), "archive", BASELINE, "verify", "proofs"],
                          check=True, capture_output=True).stdout
    archive = into / "baseline.tar"
    archive.write_bytes(data)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")


def _run(path: Path, argv: list[str]) -> tuple[float, float]:
    """(wall seconds, import seconds) of one ``verify ARGV`` with ``path`` first on sys.path."""
    code = f"import sys; sys.argv = ['verify', *{argv!r}]; from verify.cli import main; main()"
    env = {**os.environ, "PYTHONPATH": str(path)}
    start = time.perf_counter()
    # cwd = the tree: ``python -c`` puts the working directory first on sys.path
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=env, cwd=path,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    total_us = 0
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if not line.startswith("import time:") or len(parts) != 3 or "cumulative" in line:
            continue
        name = parts[2]
        if name.startswith(" ") and not name.startswith("  "):  # a top-level import
            total_us += int(parts[1])
    return wall, total_us / 1e6


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        _extract_baseline(base)
        print(f"baseline {BASELINE} vs this tree, {RUNS} runs each, medians")
        print(f"{'command':<28} {'':>9} {'baseline':>10} {'new':>10} {'ratio':>7}")
        for label, argv in COMMANDS.items():
            walls: dict[str, list[float]] = {"base": [], "new": []}
            imports: dict[str, list[float]] = {"base": [], "new": []}
            for _ in range(RUNS):
                for key, path in (("base", base), ("new", ROOT)):
                    w, i = _run(path, argv)
                    walls[key].append(w)
                    imports[key].append(i)
            for what, data in (("wall", walls), ("imports", imports)):
                b, n = statistics.median(data["base"]), statistics.median(data["new"])
                print(f"{label if what == 'wall' else '':<28} {what:>9} {b:>9.3f}s {n:>9.3f}s "
                      f"{b / n:>6.1f}x")


if __name__ == "__main__":
    main()
