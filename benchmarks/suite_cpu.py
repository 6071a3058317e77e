"""Where the test suite spends its CPU: seconds per test and per file, whatever the load.

Wall-clock durations (``pytest --durations``) depend on what else the machine runs; CPU
time does not.  This runs the suite (``python -m pytest`` with the project's defaults:
every core, the longest files first) with a small plugin that records, around each test,
the CPU time of the worker process and of the child processes it waited for (subprocesses,
forked claim runs, figure workers), and prints the totals, the files by CPU (the order
``LONGEST_FIRST`` in ``tests/conftest.py`` should follow) and the costliest tests.

Usage: ``python benchmarks/suite_cpu.py [--top N] [--save FILE] [--log FILE]
[PYTEST ARGS...]``, e.g. ``python benchmarks/suite_cpu.py --top 40 tests/report``.
The totals are also given by kind: doctests, hypothesis property tests, the others.
Each worker's start-up (collection: imports and doctest parsing) is printed apart.
Children that outlive the test that started them are charged to the test during which
they are reaped.
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PLUGIN = '''
import os, resource, time
import pytest

OUT = os.environ["SUITE_CPU_DIR"]

def _cpu():
    s = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime, c.ru_utime + c.ru_stime

def _write(line):
    wid = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(os.path.join(OUT, wid + ".tsv"), "a") as fh:
        fh.write(line)

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    a, b = _cpu()
    w = time.perf_counter()
    yield
    a2, b2 = _cpu()
    kind = ("doctest" if type(item).__name__ == "DoctestItem" else "hypothesis"
            if getattr(getattr(item, "obj", None), "is_hypothesis_test", False) else "other")
    _write(f"{item.nodeid}\\t{a2 - a:.3f}\\t{b2 - b:.3f}\\t{time.perf_counter() - w:.3f}"
           f"\\t{kind}\\n")

@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session):
    a, b = _cpu()
    _write(f"__startup__\\t{a:.3f}\\t{b:.3f}\\t{time.time():.3f}\\n")

def pytest_sessionfinish(session):
    a, b = _cpu()
    _write(f"__session__\\t{a:.3f}\\t{b:.3f}\\t{time.time():.3f}\\n")
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=25, help="how many tests and files to list")
    parser.add_argument("--save", type=Path, help="also write every test's row (node id, own "
                        "CPU, children's CPU, wall, kind) to this tab-separated file")
    parser.add_argument("--log", type=Path, help="also write pytest's whole output (the "
                        "tracebacks of failures included) to this file")
    opts, rest = parser.parse_known_args()
    for path in (opts.save, opts.log):  # refused now, not after minutes of tests
        if path is not None and (not path.parent.is_dir() or path.is_dir()):
            sys.stderr.write(f"error: cannot write {path}: "
                             f"{'a directory' if path.is_dir() else 'no such directory'}\n")
            return 2
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "suite_cpu_plugin.py").write_text(PLUGIN)
        out = Path(tmp) / "out"
        out.mkdir()
        env = {**os.environ, "SUITE_CPU_DIR": str(out),
               "PYTHONPATH": os.pathsep.join(filter(None, [tmp, os.environ.get("PYTHONPATH")]))}
        proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "suite_cpu_plugin",
                               "-p", "no:cacheprovider", *rest], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        summary = [line for line in proc.stdout.splitlines()
                   if " passed" in line or " failed" in line or " error" in line]
        print(summary[-1] if summary else proc.stdout[-2000:] + proc.stderr[-2000:])
        for line in proc.stdout.splitlines():  # pytest's short summary: what failed, and why
            if line.startswith(("FAILED ", "ERROR ")):
                print(line)
        if opts.log:
            opts.log.write_text(proc.stdout + proc.stderr)
        tests: list[tuple[float, float, str]] = []
        waits: list[tuple[float, str]] = []
        startup, session = 0.0, 0.0
        files = sorted(out.glob("*.tsv"))
        if opts.save:
            opts.save.write_text("".join(f.read_text() for f in files))
        controller = None
        if len(files) > 1:  # with workers, the main process's children are the workers
            for f in files:
                if f.stem == "main":
                    for line in f.read_text().splitlines():
                        if line.startswith("__session__"):
                            controller = float(line.split("\t")[1])
            files = [f for f in files if f.stem != "main"]
        spans: dict[str, list[float]] = {}
        by_kind: dict[str, tuple[int, float]] = {}
        for f in files:
            for line in f.read_text().splitlines():
                nodeid, own, children, wall, *kind = line.split("\t")
                if nodeid == "__startup__":
                    startup += float(own) + float(children)
                    spans.setdefault(f.stem, [0.0, 0.0, 0.0])[0] = float(wall)
                elif nodeid == "__session__":
                    session += float(own) + float(children)
                    spans.setdefault(f.stem, [0.0, 0.0, 0.0])[1:] = [
                        float(wall), float(own) + float(children)]
                else:
                    tests.append((float(own), float(children), nodeid))
                    count, cpu = by_kind.get(kind[0], (0, 0.0))
                    by_kind[kind[0]] = (count + 1, cpu + float(own) + float(children))
                    waits.append((float(wall) - float(own), nodeid))
    if spans:
        zero = min(v[0] for v in spans.values())
        for wid, (first, last, cpu) in sorted(spans.items()):
            print(f"{wid}: first test at {first - zero:.1f} s, last ended at {last - zero:.1f} s"
                  f" (of the earliest worker's first test), {cpu:.1f} s of CPU")
    if controller is not None:
        print(f"the controller (the main pytest process): {controller:.1f} s of CPU")
    total = sum(o + c for o, c, _ in tests)
    print(f"CPU: {session:.1f} s in the workers ({startup:.1f} s of it before the first test); "
          f"{total:.1f} s in {len(tests)} tests")
    spawning = [c for _, c, _ in tests if c >= 0.05]
    print(f"of which {sum(c for _, c, _ in tests):.1f} s in child processes "
          f"({len(spawning)} tests with at least 0.05 s in children)")
    print("by kind: " + ", ".join(f"{k} {n} tests {cpu:.1f} s"
                                  for k, (n, cpu) in sorted(by_kind.items())))
    per_file: collections.defaultdict[str, float] = collections.defaultdict(float)
    for o, c, nodeid in tests:
        per_file[nodeid.split("::")[0]] += o + c
    print(f"\nfiles by CPU (s), the first {opts.top}:")
    for name, cpu in sorted(per_file.items(), key=lambda kv: -kv[1])[: opts.top]:
        print(f"{cpu:7.2f}  {name}")
    print(f"\ntests by CPU (s: own + children), the first {opts.top}:")
    for o, c, nodeid in sorted(tests, key=lambda t: -(t[0] + t[1]))[: opts.top]:
        print(f"{o + c:7.2f} = {o:6.2f} + {c:6.2f}  {nodeid}")
    print(f"\ntests by wall time not spent in the worker's own CPU (s: waiting for children, "
          f"sleeping, or the machine busy), the first {opts.top}:")
    for w, nodeid in sorted(waits, reverse=True)[: opts.top]:
        print(f"{w:7.2f}  {nodeid}")
    return proc.returncode


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the output piped into e.g. ``head``, which stopped reading
        sys.stderr.close()
        sys.exit(0)
