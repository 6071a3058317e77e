"""The test suite's time now against a baseline commit's, on this machine, one after the other.

A wall-clock target for the suite ("under 90 s on 2 cores") is a figure of one machine at
one hour: the same tests took 167 s of CPU at one hour and 300 s on another day here.  This
runs both suites in the same conditions, so their ratio does not depend on the machine's
speed: each is a clean export of its commit (``git archive``) into a fresh folder, with an
empty numba cache and hypothesis database, run by this interpreter (``python -m pytest
-p no:cacheprovider`` with the commit's own defaults: the baseline serial if it was,
the current one on every core) with that folder first on ``PYTHONPATH``, so that its
subprocesses import its code and not the installed one.  Between rounds the order
alternates (baseline first, then current first).

It prints each run's wall-clock time, CPU time (the pytest process and its children) and
result line, then the ratios of the medians.  The baseline may fail tests that relied on
older library versions; its result line says so (its time is still the time of its work).

Usage: ``python benchmarks/suite_vs_baseline.py [--baseline REV] [--current REV]
[--rounds N]`` (defaults: 159fe8e, the commit at which the suite took 195–200 s on a clean
clone; HEAD; 1).  It takes the two suites' time (several minutes per round).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export(rev: str, dest: Path) -> None:
    """The files of commit ``rev`` into ``dest`` (``git archive``: no caches, no .venv)."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")


def children_cpu() -> float:
    """CPU seconds of the children waited for so far (user + system)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_suite(rev: str, tmp: Path) -> tuple[float, float, str]:
    """One clean run of ``rev``'s suite: (wall seconds, CPU seconds, pytest's result line)."""
    root = tmp / rev / "main"
    if root.parent.exists():
        shutil.rmtree(root.parent)
    root.mkdir(parents=True)
    export(rev, root)
    shared = ROOT.parent / "shared"  # the paper and design notes some tests read
    if shared.is_dir():
        shutil.copytree(shared, root.parent / "shared")
    env = {**os.environ, "PYTHONPATH": str(root), "NUMBA_CACHE_DIR": str(tmp / rev / "numba")}
    cpu0, t0 = children_cpu(), time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider"],
                          cwd=root, env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - t0, children_cpu() - cpu0
    lines = [ln.strip("= ") for ln in proc.stdout.splitlines() if " in " in ln and (
        "passed" in ln or "failed" in ln or "error" in ln)]
    return wall, cpu, lines[-1] if lines else f"no result line (exit {proc.returncode})"


def tests_run(result: str) -> int:
    """The number of tests a result line counts (passed, failed, skipped, errors).

    >>> tests_run("2 failed, 2335 passed, 4 skipped in 194.58s (0:03:14)")
    2341
    """
    return sum(int(n) for n, word in re.findall(r"(\d+) (passed|failed|skipped|errors?)\b",
                                               result))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="159fe8e", help="the baseline commit "
                        "(default 159fe8e: 195–200 s on a clean clone when measured)")
    parser.add_argument("--current", default="HEAD", help="the commit to compare (default HEAD)")
    parser.add_argument("--rounds", type=int, default=1, choices=range(1, 6), metavar="1..5",
                        help="rounds of both suites, the order alternating (default 1)")
    opts = parser.parse_args()
    revs = {}
    for name in (opts.baseline, opts.current):
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "--verify",
                              f"{name}^{{commit}}"], capture_output=True, text=True)
        if out.returncode:
            print(f"error: {name!r} is not a commit of this repository", file=sys.stderr)
            return 2
        revs[name] = out.stdout.strip()
    base, cur = revs[opts.baseline], revs[opts.current]
    times: dict[str, list[tuple[float, float]]] = {base: [], cur: []}
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="suite-vs-") as tmpdir:
        for k in range(opts.rounds):
            for rev in ((base, cur) if k % 2 == 0 else (cur, base)):
                label = "baseline" if rev == base else "current "
                print(f"round {k + 1}: {label} {rev} ...", flush=True)
                wall, cpu, result = run_suite(rev, Path(tmpdir))
                times[rev].append((wall, cpu))
                counts[rev] = tests_run(result)
                print(f"  {wall:7.1f} s wall, {cpu:7.1f} s CPU: {result}", flush=True)
    bw = statistics.median(w for w, _ in times[base])
    bc = statistics.median(c for _, c in times[base])
    cw = statistics.median(w for w, _ in times[cur])
    cc = statistics.median(c for _, c in times[cur])
    for name, rev, w, c in (("baseline", base, bw, bc), ("current ", cur, cw, cc)):
        n = counts[rev]
        per = f", {1000 * c / n:.0f} ms of CPU per test" if n else ""
        print(f"{name} {rev}: {w:.1f} s wall, {c:.1f} s CPU (median of {opts.rounds}), "
              f"{n} tests{per}")
    print(f"baseline / current: wall {bw / cw:.2f}, CPU {bc / cc:.2f}"
          + (f", CPU per test {bc * counts[cur] / (cc * counts[base]):.2f}"
             if counts[base] and counts[cur] else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
