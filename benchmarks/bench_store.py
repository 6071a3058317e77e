"""What verifying the store on every read costs (run by hand: ``python benchmarks/bench_store.py``).

Baseline: the read the store did before completions were verified (open, read the
rows, re-check every witness exactly, trust the flag).  New: the same plus the
file check on open and the count and digest reproduced.  Both in the same
process, on the same file; the ratio is printed.  Also: ``PRAGMA quick_check``
against ``PRAGMA integrity_check`` on the real store and on a synthetic store
of many runs (the file check runs on every open, so its cost grows with the
whole cache, not with one run).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from verify.encodings.realize import realizes_bits
from verify.enumeration.labelings import labelings_digest
from verify.enumeration.realized import realized_labelings
from verify.enumeration.store import RealizedStore
from verify.geometry.pointsets import as_points
from verify.nets.network import ReLUNet


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def pragma(path: Path, which: str) -> float:
    def run() -> None:
        con = sqlite3.connect(path)
        assert con.execute(f"PRAGMA {which}").fetchall() == [("ok",)]
        con.close()
    return best(run)


def baseline_read(cache: str, spec: str, arch: str) -> int:
    """The old read: rows parsed, witnesses re-checked, the flag trusted."""
    pts = as_points(spec)
    con = sqlite3.connect(Path(cache) / "realized.sqlite")
    key = RealizedStore.run_key(pts, arch, "real")
    rows = con.execute("SELECT bits, witness FROM labelings WHERE key = ?", (key,)).fetchall()
    for bits, wit in rows:
        assert realizes_bits(ReLUNet.from_json(json.loads(wit)), pts, int(bits))
    con.close()
    return len(rows)


def synthetic(path: Path, runs: int, source: Path) -> None:
    """A store of ``runs`` copies of the real run's rows under other keys."""
    con = sqlite3.connect(source)
    rows = con.execute("SELECT bits, witness FROM labelings").fetchall()
    con.close()
    out = sqlite3.connect(path)
    out.executescript("CREATE TABLE labelings (key TEXT NOT NULL, bits TEXT NOT NULL, "
                      "witness TEXT NOT NULL, PRIMARY KEY (key, bits));")
    with out:
        for r in range(runs):
            out.executemany("INSERT INTO labelings VALUES (?, ?, ?)",
                            [(f"{r:064d}", b, w) for b, w in rows])
    out.close()


def main() -> None:
    spec, arch = (sys.argv[1], sys.argv[2]) if len(sys.argv) > 2 else ("grid:3:2", "2-2-1")
    cache = tempfile.mkdtemp()
    t = time.perf_counter()
    first = realized_labelings(spec, arch, cache_dir=cache)
    print(f"{spec} {arch}: {first.count} labelings computed in {time.perf_counter() - t:.2f} s, "
          f"digest {labelings_digest(first.labelings, first.n)[:16]}…")
    path = Path(cache) / "realized.sqlite"
    t_old = best(lambda: baseline_read(cache, spec, arch))
    t_new = best(lambda: realized_labelings(spec, arch, cache_dir=cache))
    print(f"read from the store: baseline (re-check only, flag trusted) {t_old:.3f} s; "
          f"verified (file check, re-check, count and digest) {t_new:.3f} s; "
          f"ratio {t_new / t_old:.2f}")
    size = path.stat().st_size
    print(f"file check on this store ({size / 2**20:.1f} MiB): quick_check "
          f"{pragma(path, 'quick_check') * 1000:.1f} ms, integrity_check "
          f"{pragma(path, 'integrity_check') * 1000:.1f} ms")
    big = Path(tempfile.mkdtemp()) / "big.sqlite"
    synthetic(big, 60, path)
    size = big.stat().st_size
    q, i = pragma(big, "quick_check"), pragma(big, "integrity_check")
    print(f"file check on a synthetic store of 60 such runs ({size / 2**20:.1f} MiB): "
          f"quick_check {q * 1000:.1f} ms, integrity_check {i * 1000:.1f} ms "
          f"(ratio {i / q:.1f})")


if __name__ == "__main__":
    main()
