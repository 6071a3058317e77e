"""Resumable storage of realized sets: SQLite in a cache directory.

One database file ``realized.sqlite`` in the cache directory (``--cache-dir``,
else ``$VERIFY_CACHE_DIR``, else ``~/.cache/verify``).  A *run* is keyed by the
SHA-256 of the canonical JSON of (points as exact "p/q" texts, architecture,
class).  Every realizable labeling is written with its witness network (JSON)
in its own transaction as soon as it is found, under a primary key
(run, labeling): a killed run loses nothing that was reported and can never
store a labeling twice.  When the enumeration finishes, the run is marked
complete with its provenance.  Witnesses are re-checked exactly whenever they
are read back (:func:`verify.enumeration.realized.realized_labelings` re-checks
every stored witness, for a resumed and for a completed run).

Runs that decide one symmetry orbit at a time also store each *refuted* orbit
(its least labeling) with the refutation's provenance (method, solver, version,
encoding, time) as soon as it is decided (:meth:`RealizedStore.add_refutation`).
A refutation by a solver cannot be re-checked; it is stored as what it was, a
refutation trusted from that solver, bound to the *engine* that produced it (the
code and solver versions, :func:`verify.encodings.realize.orbit_engine`) and to
the run by a SHA-256 digest of (run, labeling, engine, provenance).  On read
(:meth:`RealizedStore.refutations`) a row of another engine is ignored (the orbit
is decided again), a row whose digest does not verify is damage (an error naming
the file), and a labeling both refuted and witnessed is damage too (raised by the
reader, which re-checks the witness).

>>> import tempfile
>>> st = RealizedStore(tempfile.mkdtemp())
>>> key = st.run_key([[0], [1]], "1-1", "real")
>>> from verify.nets.network import ReLUNet
>>> st.add(key, 2, ReLUNet.from_lists([([[1]], ["-1/2"])]))
True
>>> st.add(key, 2, ReLUNet.from_lists([([[2]], [-1])]))     # never duplicated
False
>>> [b for b, _ in st.known(key)], st.is_complete(key)
([2], False)
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from verify.errors import InvalidArgument
from verify.exact import fraction_text
from verify.geometry.pointsets import Point
from verify.nets.network import ReLUNet

__all__ = ["RealizedStore", "default_cache_dir"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    key TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0,
    provenance TEXT,
    updated REAL
);
CREATE TABLE IF NOT EXISTS labelings (
    key TEXT NOT NULL,
    bits TEXT NOT NULL,
    witness TEXT NOT NULL,
    PRIMARY KEY (key, bits)
);
CREATE TABLE IF NOT EXISTS refutations (
    key TEXT NOT NULL,
    bits TEXT NOT NULL,
    engine TEXT NOT NULL,
    provenance TEXT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (key, bits)
);
"""


def default_cache_dir() -> Path:
    """``$VERIFY_CACHE_DIR`` if set, else ``~/.cache/verify``.

    >>> isinstance(default_cache_dir(), Path)
    True
    """
    env = os.environ.get("VERIFY_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "verify"


class RealizedStore:
    """The SQLite store of realized labelings and witnesses (see the module docstring)."""

    def __init__(self, cache_dir: str | os.PathLike[str] | None = None) -> None:
        base = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        try:
            base.mkdir(parents=True, exist_ok=True)
            self.path = base / "realized.sqlite"
            self.conn = sqlite3.connect(self.path, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.executescript(_SCHEMA)
            self.conn.commit()
        except (OSError, sqlite3.Error) as exc:
            raise InvalidArgument(f"cache directory {str(base)!r} is not usable ({exc})") from None

    def close(self) -> None:
        self.conn.close()

    @staticmethod
    def run_key(points: Sequence[Point] | Sequence[Sequence[object]], arch: str, cls: str) -> str:
        """The key of a run: SHA-256 of the canonical (points, arch, class)."""
        from verify.exact import to_rational

        canon = {
            "points": [[fraction_text(to_rational(c, "points")) for c in p] for p in points],
            "arch": arch,
            "class": cls,
        }
        return hashlib.sha256(json.dumps(canon, sort_keys=True).encode()).hexdigest()

    def _ensure_run(self, key: str, description: str = "") -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO runs (key, description, complete, updated) VALUES (?, ?, 0, ?)",
            (key, description, time.time()),
        )

    def start(self, key: str, description: str) -> None:
        """Register a run (no effect if it exists)."""
        with self.conn:
            self._ensure_run(key, description)

    def add(self, key: str, bits: int, net: ReLUNet) -> bool:
        """Store one labeling and its witness, committed at once; False if already stored."""
        with self.conn:
            self._ensure_run(key)
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO labelings (key, bits, witness) VALUES (?, ?, ?)",
                (key, str(int(bits)), json.dumps(net.to_json())),
            )
        return cur.rowcount == 1

    def add_many(self, key: str, items: Sequence[tuple[int, ReLUNet]]) -> int:
        """Store many labelings in one transaction; returns the number newly stored."""
        with self.conn:
            self._ensure_run(key)
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT OR IGNORE INTO labelings (key, bits, witness) VALUES (?, ?, ?)",
                [(key, str(int(b)), json.dumps(net.to_json())) for b, net in items],
            )
            return self.conn.total_changes - before

    def known(self, key: str) -> list[tuple[int, ReLUNet]]:
        """Every stored (labeling, witness) of a run, sorted by labeling."""
        rows = self.conn.execute(
            "SELECT bits, witness FROM labelings WHERE key = ?", (key,)
        ).fetchall()
        out = []
        for bits, wit in rows:
            try:
                out.append((int(bits), ReLUNet.from_json(json.loads(wit))))
            except (ValueError, json.JSONDecodeError) as exc:
                msg = f"cache {str(self.path)!r} holds a bad entry ({exc})"
                raise InvalidArgument(msg) from None
        return sorted(out, key=lambda t: t[0])

    def mark_complete(self, key: str, provenance: dict[str, Any]) -> None:
        """Record that every labeling not stored for this run is refuted."""
        from verify.jsonio import dumps

        with self.conn:
            self._ensure_run(key)
            self.conn.execute(
                "UPDATE runs SET complete = 1, provenance = ?, updated = ? WHERE key = ?",
                (dumps(provenance), time.time(), key),
            )

    def is_complete(self, key: str) -> bool:
        row = self.conn.execute("SELECT complete FROM runs WHERE key = ?", (key,)).fetchone()
        return bool(row and row[0])

    def provenance(self, key: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT provenance FROM runs WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row and row[0] else {}

    @staticmethod
    def _refutation_digest(key: str, bits: int, engine: str, provenance: str) -> str:
        blob = json.dumps([key, str(int(bits)), engine, provenance])
        return hashlib.sha256(blob.encode()).hexdigest()

    def add_refutation(self, key: str, bits: int, engine: str,
                       provenance: dict[str, Any]) -> bool:
        """Store one refuted orbit (its least labeling), committed at once.

        False if that labeling is already stored as refuted (by any engine).
        """
        from verify.jsonio import dumps

        prov = dumps(provenance)
        digest = self._refutation_digest(key, bits, engine, prov)
        with self.conn:
            self._ensure_run(key)
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO refutations (key, bits, engine, provenance, digest) "
                "VALUES (?, ?, ?, ?, ?)", (key, str(int(bits)), engine, prov, digest))
        return cur.rowcount == 1

    def refutations(self, key: str, engine: str) -> list[tuple[int, dict[str, Any]]]:
        """The stored refuted orbits of a run decided by ``engine``, sorted by labeling.

        Rows of another engine are left out (their orbits are decided again); a row
        whose digest does not verify raises InvalidArgument naming the file.

        >>> import tempfile
        >>> st = RealizedStore(tempfile.mkdtemp())
        >>> key = st.run_key([[0], [1]], "1-1-2-1", "real")
        >>> st.add_refutation(key, 1, "e1", {"method": "z3", "solver": "z3"})
        True
        >>> st.refutations(key, "e1"), st.refutations(key, "e2")
        ([(1, {'method': 'z3', 'solver': 'z3'})], [])
        """
        rows = self.conn.execute(
            "SELECT bits, engine, provenance, digest FROM refutations WHERE key = ?", (key,)
        ).fetchall()
        out = []
        for bits, eng, prov, digest in rows:
            if eng != engine:
                continue
            ok = (isinstance(bits, str) and bits.isdigit() and isinstance(prov, str)
                  and digest == self._refutation_digest(key, int(bits), eng, prov))
            try:
                data = json.loads(prov) if ok else None
            except (ValueError, RecursionError):
                data = None
            if not isinstance(data, dict):
                raise InvalidArgument(
                    f"cache {str(self.path)!r}: a stored refutation is damaged or was edited; "
                    "delete the file or run without the cache (--no-cache)")
            out.append((int(bits), data))
        return sorted(out, key=lambda t: t[0])
