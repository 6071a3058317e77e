"""Resumable storage of realized sets: SQLite in a cache directory, verified on every read.

One database file ``realized.sqlite`` in the cache directory (``--cache-dir``,
else ``$VERIFY_CACHE_DIR``, else ``~/.cache/verify``).  A *run* is keyed by the
SHA-256 of the canonical JSON of (points as exact "p/q" texts, architecture,
class).  Every realizable labeling is written with its witness network (JSON)
in its own transaction as soon as it is found, under a primary key
(run, labeling): a killed run loses nothing that was reported and can never
store a labeling twice.

Completeness is earned, never read from a flag.  When an enumeration finishes,
its *completion* is recorded: the count and the
:func:`~verify.enumeration.labelings.labelings_digest` of its labelings, under
the run's key and the code's version (package version, :data:`STORE_SCHEMA`
and the engine's identifier).  On every read:

* the file is checked when opened (``PRAGMA integrity_check``);
* every stored witness is re-checked exactly by the reader
  (:func:`verify.enumeration.realized.realized_labelings`);
* the rows read must reproduce the recorded count and digest
  (:meth:`RealizedStore.verified_complete`).

A completion of another code version means only "not complete": the reader
resumes from the re-checked witnesses and recomputes the final refutation.
Anything else that does not verify — SQLite reports damage, a failed check, an
unreadable or failing entry, rows missing or extra — raises :class:`CacheDamaged`
(an ``InvalidArgument``: one ``error:`` line at the command line) naming the
file and what to do; no count is ever computed from a damaged store, and text
read from the file is escaped before it is shown.

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
>>> [b for b, _ in st.known(key)], st.verified_complete(key, 2, [2], "demo")
([2], False)
>>> st.record_complete(key, 2, [2], "demo", {})
>>> st.verified_complete(key, 2, [2], "demo"), st.verified_complete(key, 2, [2], "other")
(True, False)
>>> st.verified_complete(key, 2, [], "demo")
Traceback (most recent call last):
...
verify.errors.CacheDamaged: cache '...realized.sqlite' is damaged or was edited (...); delete ...
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from verify.enumeration.labelings import labelings_digest
from verify.errors import CacheDamaged, InvalidArgument
from verify.exact import fraction_text
from verify.geometry.pointsets import Point
from verify.nets.network import ReLUNet

__all__ = ["STORE_SCHEMA", "CacheDamaged", "RealizedStore", "default_cache_dir",
           "opened_store", "shown"]

STORE_SCHEMA = 2
"""Version of the store's layout and of its completion records."""

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
CREATE TABLE IF NOT EXISTS completions (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    digest TEXT NOT NULL,
    version TEXT NOT NULL,
    provenance TEXT NOT NULL,
    updated REAL
);
"""
# ``runs.complete`` is written for older readers and never read: a run is complete only
# through a verified row of ``completions``.

_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_SQLITE_DAMAGE = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_WHAT_TO_DO = "delete the file or run without the cache (--no-cache)"


def shown(text: str, limit: int = 160) -> str:
    """Text read from a file, safe to print on a terminal: non-printables escaped, capped.

    >>> shown("ok\\x1b[2Jbad\\x00")
    'ok\\\\x1b[2Jbad\\\\x00'
    """
    out = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return out if len(out) <= limit else out[:limit] + "…"


def default_cache_dir() -> Path:
    """``$VERIFY_CACHE_DIR`` if set, else ``~/.cache/verify``.

    >>> isinstance(default_cache_dir(), Path)
    True
    """
    env = os.environ.get("VERIFY_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "verify"


def cache_base(cache_dir: object) -> Path:
    """The cache directory ``cache_dir`` names (text or a path), else the default one.

    >>> cache_base("/tmp/c"), cache_base(None) == default_cache_dir()
    (PosixPath('/tmp/c'), True)
    >>> cache_base(0.5)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: cache_dir: expected a directory's name (text or a path), ...
    """
    if cache_dir is None:
        return default_cache_dir()
    if not isinstance(cache_dir, str | os.PathLike):  # bytes are neither
        raise InvalidArgument("cache_dir: expected a directory's name (text or a path), got "
                              f"{type(cache_dir).__name__}")
    return Path(cache_dir)


def store_version(engine: str) -> str:
    """The code version a completion is bound to: package, store schema, engine.

    >>> store_version("lra-1")
    'verify 0.1.0; store schema 2; engine lra-1'
    """
    from verify import __version__

    return f"verify {__version__}; store schema {STORE_SCHEMA}; engine {engine}"


class _Unreadable(Exception):
    """A stored value that is not what the layout says (caught by the store's guard)."""


def _text(value: object) -> str:
    """A text column read as bytes, decoded strictly (damaged bytes are not text)."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            raise _Unreadable("a stored text is not UTF-8") from None
    if isinstance(value, str):
        return value
    raise _Unreadable(f"a {type(value).__name__} where text was expected")


class RealizedStore:
    """The SQLite store of realized labelings and witnesses (see the module docstring)."""

    def __init__(self, cache_dir: str | os.PathLike[str] | None = None) -> None:
        base = cache_base(cache_dir)
        self.path = base / "realized.sqlite"
        try:
            base.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=30)
        except (OSError, sqlite3.Error) as exc:
            raise InvalidArgument(
                f"cache directory {str(base)!r} is not usable ({shown(str(exc))})") from None
        self.conn.text_factory = bytes
        try:
            with self._guard():
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self._check_file()
                self.conn.executescript(_SCHEMA)
                self.conn.commit()
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        self.conn.close()

    def damaged(self, what: str) -> CacheDamaged:
        """The error for a store that does not verify (``what`` is escaped)."""
        return CacheDamaged(
            f"cache {str(self.path)!r} is damaged or was edited ({shown(what)}); {_WHAT_TO_DO}"
        )

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite's errors into one clear error naming the file."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            code = getattr(exc, "sqlite_errorcode", None)
            if code in _SQLITE_DAMAGE or type(exc) is sqlite3.DatabaseError:
                raise self.damaged(f"SQLite: {exc}") from None
            raise InvalidArgument(
                f"cache {str(self.path)!r} cannot be used (SQLite: {shown(str(exc))}); if it "
                f"is damaged, {_WHAT_TO_DO}"
            ) from None
        except _Unreadable as exc:
            raise self.damaged(f"an entry is unreadable: {exc}") from None
        except UnicodeDecodeError:  # SQLite's message quotes bytes of the damaged file
            raise self.damaged("SQLite reports an error quoting bytes that are not text") from None

    def _check_file(self) -> None:
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        result = [_text(r[0]) for r in rows]
        if result != ["ok"]:
            raise self.damaged("SQLite's integrity_check: " + "; ".join(result[:3]))

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
        with self._guard(), self.conn:
            self._ensure_run(key, description)

    def add(self, key: str, bits: int, net: ReLUNet) -> bool:
        """Store one labeling and its witness, committed at once; False if already stored."""
        with self._guard(), self.conn:
            self._ensure_run(key)
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO labelings (key, bits, witness) VALUES (?, ?, ?)",
                (key, str(int(bits)), json.dumps(net.to_json())),
            )
        return cur.rowcount == 1

    def add_many(self, key: str, items: Sequence[tuple[int, ReLUNet]]) -> int:
        """Store many labelings in one transaction; returns the number newly stored."""
        with self._guard(), self.conn:
            self._ensure_run(key)
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT OR IGNORE INTO labelings (key, bits, witness) VALUES (?, ?, ?)",
                [(key, str(int(b)), json.dumps(net.to_json())) for b, net in items],
            )
            return self.conn.total_changes - before

    def count(self, key: str) -> int:
        """How many labelings are stored for a run (no check; for messages)."""
        with self._guard():
            row = self.conn.execute(
                "SELECT COUNT(*) FROM labelings WHERE key = ?", (key,)).fetchone()
        return int(row[0])

    def _bits(self, key: str) -> list[tuple[int, str]]:
        with self._guard():
            rows = self.conn.execute(
                "SELECT bits, witness FROM labelings WHERE key = ?", (key,)).fetchall()
            out = []
            for bits, wit in rows:
                text = _text(bits)
                if not _DECIMAL.fullmatch(text):
                    raise self.damaged(f"a stored labeling reads {text!r}")
                out.append((int(text), _text(wit)))
        if len({b for b, _ in out}) != len(out):
            raise self.damaged("a labeling is stored twice")
        return sorted(out, key=lambda t: t[0])

    def known(self, key: str) -> list[tuple[int, ReLUNet]]:
        """Every stored (labeling, witness) of a run, sorted by labeling.

        The witnesses are parsed, not re-checked: the reader re-checks them
        exactly on its points.  An unreadable entry raises :class:`CacheDamaged`.
        """
        out = []
        for bits, wit in self._bits(key):
            try:
                out.append((bits, ReLUNet.from_json(json.loads(wit))))
            except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
                raise self.damaged(
                    f"the witness stored for labeling {bits} is unreadable: {exc}") from None
        return out

    def record_complete(
        self, key: str, n: int, labelings: Iterable[int], engine: str,
        provenance: dict[str, Any],
    ) -> None:
        """Record that the run is complete: exactly ``labelings`` are realized.

        The stored rows must be exactly ``labelings`` (checked in the same
        transaction); the count and digest are recorded with the code version
        :func:`store_version` of ``engine``.
        """
        from verify.jsonio import dumps

        vals = sorted(set(int(b) for b in labelings))
        digest = labelings_digest(vals, n)
        with self._guard(), self.conn:
            self._ensure_run(key)
            stored = [b for b, _ in self._bits(key)]
            if stored != vals:
                raise self.damaged(
                    f"{len(stored)} labelings stored for a run that found {len(vals)}")
            self.conn.execute(
                "INSERT OR REPLACE INTO completions (key, count, digest, version, provenance,"
                " updated) VALUES (?, ?, ?, ?, ?, ?)",
                (key, len(vals), digest, store_version(engine), dumps(provenance), time.time()),
            )
            self.conn.execute(
                "UPDATE runs SET complete = 1, provenance = ?, updated = ? WHERE key = ?",
                (dumps(provenance), time.time(), key),
            )

    def completion(self, key: str) -> dict[str, Any] | None:
        """The recorded completion of a run (``count``, ``digest``, ``version``,
        ``provenance``), or None.  Not verified: see :meth:`verified_complete`."""
        with self._guard():
            row = self.conn.execute(
                "SELECT count, digest, version, provenance FROM completions WHERE key = ?",
                (key,)).fetchone()
            if row is None:
                return None
            count, digest, version, prov = row
            if type(count) is not int:
                raise self.damaged("a completion's count is not an integer")
            try:
                provenance = json.loads(_text(prov))
            except (ValueError, RecursionError) as exc:
                raise self.damaged(f"a completion's provenance is unreadable: {exc}") from None
            if not isinstance(provenance, dict):
                raise self.damaged("a completion's provenance is not an object")
            return {"count": count, "digest": _text(digest), "version": _text(version),
                    "provenance": provenance}

    def verified_complete(
        self, key: str, n: int, labelings: Iterable[int], engine: str
    ) -> bool:
        """Is the run complete, proved by the rows read (``labelings``, already re-checked)?

        True when a completion of this code version is recorded and ``labelings``
        reproduce its count and digest; False when none is recorded or it was
        recorded by another version (then resume); :class:`CacheDamaged` when a
        completion of this version does not verify.
        """
        rec = self.completion(key)
        if rec is None or rec["version"] != store_version(engine):
            return False
        vals = list(labelings)
        if rec["count"] == len(vals) and rec["digest"] == labelings_digest(vals, n):
            return True
        raise self.damaged(
            f"its completed run of {rec['count']} labelings reads back as {len(vals)} "
            "labelings with another digest")

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
        with self._guard(), self.conn:
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
        with self._guard():
            rows = self.conn.execute(
                "SELECT bits, engine, provenance, digest FROM refutations WHERE key = ?",
                (key,)).fetchall()
        out = []
        for row in rows:
            try:
                bits, eng, prov, digest = (_text(v) for v in row)
            except _Unreadable:
                raise self.damaged("a stored refutation is unreadable") from None
            if eng != engine:
                continue
            ok = (_DECIMAL.fullmatch(bits) is not None
                  and digest == self._refutation_digest(key, int(bits), eng, prov))
            try:
                data = json.loads(prov) if ok else None
            except (ValueError, RecursionError):
                data = None
            if not isinstance(data, dict):
                raise self.damaged("a stored refutation does not verify")
            out.append((int(bits), data))
        return sorted(out, key=lambda t: t[0])


@contextmanager
def opened_store(cache_dir: str | os.PathLike[str] | None,
                 use_cache: bool = True) -> Iterator[RealizedStore | None]:
    """The store of ``cache_dir`` for a ``with`` block, closed after it (also on an error
    or Ctrl-C); None when ``use_cache`` is False (nothing read, nothing written).

    >>> import tempfile
    >>> with opened_store(tempfile.mkdtemp()) as st:
    ...     st.count(st.run_key([[0]], "1-1", "real"))
    0
    >>> with opened_store(None, use_cache=False) as st:
    ...     st is None
    True
    """
    store = RealizedStore(cache_dir) if use_cache else None
    try:
        yield store
    finally:
        if store is not None:
            store.close()
