"""Sets of bit-packed labelings as NumPy arrays.

A labeling of ``n`` points is an integer whose bit i is set iff point i is
labelled +1 (as in :mod:`verify.labels`).  A *set* of labelings is a sorted 1-D
array of distinct values: dtype ``uint64`` when ``n ≤ 64`` (one machine word),
dtype ``object`` holding Python ints when ``n > 64`` (larger sets are handled,
not refused; the operations below work on both).  A set is identified by its
:func:`labelings_digest` (SHA-256 of the sorted labelings as little-endian
64-bit words).  On disk a set is a ``.npz`` file (:func:`save_labelings`) that
records the point set it belongs to, its class, count, digest and whether it
is complete (False when the set came from an interrupted run: its missing
labelings are unknown); :func:`read_saved` checks all of it, never unpickles,
and refuses a damaged file or one of another point set.

>>> s = labeling_array([5, 3, 5], 3); s.tolist()
[3, 5]
>>> project(s, [0, 2]).tolist()     # bits 0 and 2 of 3 = 0b011 and 5 = 0b101
[1, 3]
>>> popcount(s).tolist(), hamming(s, np.uint64(0)).tolist()
([2, 2], [2, 2])
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from verify.errors import InvalidArgument

__all__ = [
    "SavedSet",
    "complement",
    "hamming",
    "labeling_array",
    "labelings_digest",
    "load_labelings",
    "points_digest",
    "popcount",
    "project",
    "read_saved",
    "save_labelings",
    "saved_complete",
    "unique_labelings",
    "word_dtype",
]

_MAX_FILE_BYTES = 2 * 1024**3


def word_dtype(n: int) -> Any:
    """``numpy.uint64`` for ``n ≤ 64`` points, ``object`` (Python ints) beyond.

    >>> word_dtype(64), word_dtype(65)
    (<class 'numpy.uint64'>, <class 'object'>)
    """
    return np.uint64 if n <= 64 else object


def labeling_array(values: Iterable[int] | np.ndarray, n: int) -> np.ndarray:
    """Validate labelings of ``n`` points and return them sorted and distinct.

    Examples
    --------
    >>> labeling_array([8], 3)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: labeling 8 is not a labeling of 3 points
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidArgument(f"n must be a non-negative integer, got {n!r}")
    vals = [int(v) for v in values]
    for v in vals:
        if v < 0 or v >> n:
            raise InvalidArgument(f"labeling {v} is not a labeling of {n} points")
    arr = np.array(vals, dtype=word_dtype(n)) if vals else np.zeros(0, dtype=word_dtype(n))
    return unique_labelings(arr)


def unique_labelings(arr: np.ndarray) -> np.ndarray:
    """Sorted distinct labelings.

    >>> unique_labelings(np.array([3, 1, 3], dtype=np.uint64)).tolist()
    [1, 3]
    """
    return np.unique(arr)


def _is_words(arr: np.ndarray) -> bool:
    return arr.dtype != object


def project(labels: np.ndarray, subset: Sequence[int]) -> np.ndarray:
    """Gather bits: bit j of each result is bit ``subset[j]`` of the labeling.

    The result is not de-duplicated (apply :func:`unique_labelings`).

    Examples
    --------
    >>> project(np.array([0b1100], dtype=np.uint64), [3, 0]).tolist()
    [1]
    """
    idx = [int(i) for i in subset]
    if _is_words(labels) and len(idx) <= 64:
        out = np.zeros(labels.shape, dtype=np.uint64)
        for j, i in enumerate(idx):
            out |= ((labels >> np.uint64(i)) & np.uint64(1)) << np.uint64(j)
        return out
    res = [sum(((int(v) >> i) & 1) << j for j, i in enumerate(idx)) for v in labels.tolist()]
    return np.array(res, dtype=word_dtype(len(idx))).reshape(labels.shape)


def popcount(labels: np.ndarray) -> np.ndarray:
    """Number of +1 labels of each labeling.

    >>> popcount(np.array([2**70 + 1], dtype=object)).tolist()
    [2]
    """
    if _is_words(labels):
        return np.bitwise_count(labels.astype(np.uint64)).astype(np.int64)
    return np.array([int(v).bit_count() for v in labels.ravel().tolist()], dtype=np.int64).reshape(
        labels.shape
    )


def hamming(a: np.ndarray | int, b: np.ndarray | int) -> np.ndarray:
    """Hamming distances (broadcasting), i.e. ``popcount(a ^ b)``.

    >>> hamming(np.array([0b101], dtype=np.uint64), np.array([0b011], dtype=np.uint64)).tolist()
    [2]
    """
    return popcount(np.asarray(np.bitwise_xor(a, b)))


def complement(labels: np.ndarray, n: int) -> np.ndarray:
    """The negated labelings (every label flipped).

    >>> complement(np.array([1], dtype=np.uint64), 3).tolist()
    [6]
    """
    full = (1 << n) - 1
    if _is_words(labels):
        return labels ^ np.uint64(full)
    return np.array([full ^ int(v) for v in labels.tolist()], dtype=object)


def points_digest(points: Any) -> str:
    """SHA-256 (hex) of a point set's canonical exact text: the one a saved set records.

    The text is the JSON list of the points in their order, each a list of its
    coordinates as ``"p/q"`` strings (lowest terms, denominator always written),
    with no spaces, encoded as UTF-8:
    ``hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()``.
    ``points`` is a spec (``"cube:2"``), a :class:`~verify.geometry.pointsets.PointSet`
    or rows of rationals.

    Examples
    --------
    >>> import hashlib
    >>> points_digest("cube:1") == hashlib.sha256(b'[["0/1"],["1/1"]]').hexdigest()
    True
    >>> points_digest("cube:2") == points_digest("grid:2:2")     # {0,1}^2 is not {1/2,1}^2
    False
    """
    from verify.exact import fraction_text
    from verify.geometry.pointsets import as_points

    rows = [[fraction_text(c) for c in p] for p in as_points(points)]
    return hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()


def _words(arr: np.ndarray, n: int) -> np.ndarray:
    """The labelings as rows of ⌈n/64⌉ (at least 1) uint64 words, least significant first."""
    nwords = max(1, (n + 63) // 64)
    if _is_words(arr):
        words = np.zeros((len(arr), nwords), dtype=np.uint64)
        words[:, 0] = arr
        return words
    mask = (1 << 64) - 1
    rows = [[(int(v) >> (64 * w)) & mask for w in range(nwords)] for v in arr.tolist()]
    return np.array(rows, dtype=np.uint64).reshape(len(arr), nwords)


def labelings_digest(labels: np.ndarray | Iterable[int], n: int) -> str:
    """SHA-256 (hex) of a set of labelings of ``n`` points: the ``"digest"`` everywhere.

    The labelings are sorted (ascending, each once) and written as little-endian
    unsigned 64-bit words: one word per labeling when ``n ≤ 64``; past 64 points
    ⌈n/64⌉ words per labeling, least significant word first (the rows of a saved
    ``.npz``).  The digest is the SHA-256 of those bytes; ``n`` itself is not
    hashed.  To recompute it from a list ``labs`` of integers with ``n ≤ 64``:
    ``hashlib.sha256(b"".join(v.to_bytes(8, "little") for v in sorted(set(labs))))``.
    The store (:mod:`verify.enumeration.store`) verifies this value on every read,
    saved sets record it, and ``verify count --json`` / ``verify growth --json``
    print it.

    Examples
    --------
    >>> import hashlib
    >>> ref = hashlib.sha256((1).to_bytes(8, "little") + (6).to_bytes(8, "little"))
    >>> labelings_digest([6, 1, 6], 3) == ref.hexdigest()
    True
    >>> big = 2**64 + 5                      # 65 points: two words, low word first
    >>> two = (5).to_bytes(8, "little") + (1).to_bytes(8, "little")
    >>> labelings_digest([big], 65) == hashlib.sha256(two).hexdigest()
    True
    >>> labelings_digest([], 4)              # the empty set: SHA-256 of no bytes
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    """
    arr = labels if isinstance(labels, np.ndarray) else np.asarray(list(labels), dtype=object)
    arr = labeling_array(arr.tolist(), n) if arr.dtype == object else unique_labelings(arr)
    if _is_words(arr) and n <= 64:
        data = arr.astype("<u8", copy=False).tobytes()
    else:
        data = _words(arr, n).astype("<u8", copy=False).tobytes()
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class SavedSet:
    """A set of labelings read back from a ``.npz`` file, with its provenance.

    Every field was checked when the file was read (:func:`read_saved`): the
    labelings reproduce ``count`` and ``digest``.
    """

    path: str
    labelings: np.ndarray
    n: int
    complete: bool
    spec: str
    points_sha256: str
    cls: str
    architecture: str
    count: int
    digest: str

    def check_points(self, points: Any, spec: str | None = None) -> None:
        """Refuse (InvalidArgument) unless the set was saved for exactly these points.

        Examples
        --------
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "c.npz")
        >>> save_labelings(p, labeling_array([1, 2], 4), 4, points="cube:2")
        >>> try:
        ...     read_saved(p).check_points("grid:2:2")
        ... except InvalidArgument as exc:
        ...     print(str(exc).split(" holds ")[1])
        labelings of cube:2 (4 points, points sha256 09e63961…), not of grid:2:2 (4 points,
        points sha256 868dbb62…)
        """
        mine = points_digest(points)
        if mine == self.points_sha256:
            return
        from verify.geometry.pointsets import as_points

        m = len(as_points(points))
        given = spec if spec is not None else points if isinstance(points, str) else (
            getattr(points, "name", "") or "the points given")
        raise InvalidArgument(
            f"{self.path!r} holds labelings of {_shown(self.spec)} ({self.n} points, points "
            f"sha256 {self.points_sha256[:8]}…), not of {_shown(given)} ({m} points, points "
            f"sha256 {mine[:8]}…)"
        )


_SAVED_FORMAT = 2
_MEMBERS = ("n", "words", "complete", "provenance")
_RECREATE = "re-create it with 'verify count … --points SPEC --out FILE'"


def _shown(text: str, limit: int = 120) -> str:
    """Text read from a file, safe to print: non-printable characters escaped, length capped."""
    out = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return out if len(out) <= limit else out[:limit] + "…"


def save_labelings(
    path: str | os.PathLike[str],
    labels: np.ndarray,
    n: int,
    complete: bool = True,
    *,
    points: Any,
    spec: str | None = None,
    cls: str = "",
    arch: str = "",
) -> None:
    """Write a set of labelings of ``n`` points to ``path`` (``.npz``, no pickle).

    The file records the point set the labelings belong to (``spec`` text and
    :func:`points_digest` of the exact points), the class and architecture, ``n``,
    the count, the :func:`labelings_digest` and whether the set is complete
    (``complete=False``: a run stopped early; its missing labelings are unknown).
    Members: ``n`` (int64), ``words`` (N × ⌈n/64⌉ uint64, little-endian words,
    least significant first), ``complete`` (bool) and ``provenance`` (a JSON text
    with ``format``, ``spec``, ``points_sha256``, ``class``, ``architecture``, ``n``,
    ``count``, ``digest``, ``complete``).  :func:`read_saved` checks all of it.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "r.npz")
    >>> save_labelings(p, labeling_array([1, 2**65], 66), 66, points=[[i] for i in range(66)])
    >>> arr, n = load_labelings(p); (arr.tolist() == [1, 2**65], n)
    (True, 66)
    """
    from verify.geometry.pointsets import as_points

    pts = as_points(points)
    if len(pts) != n:
        raise InvalidArgument(f"the set is of {n} points but {len(pts)} points were given")
    arr = labeling_array(labels.tolist(), n)
    name = spec if spec is not None else getattr(points, "name", "") or (
        points if isinstance(points, str) else f"{n} points")
    meta = {
        "format": _SAVED_FORMAT,
        "spec": str(name),
        "points_sha256": points_digest(pts),
        "class": str(cls),
        "architecture": str(arch),
        "n": n,
        "count": len(arr),
        "digest": labelings_digest(arr, n),
        "complete": bool(complete),
    }
    with open(path, "wb") as fh:
        np.savez_compressed(
            fh, n=np.int64(n), words=_words(arr, n), complete=np.bool_(complete),
            provenance=np.str_(json.dumps(meta, sort_keys=True)),
        )


def _read_members(p: str) -> dict[str, np.ndarray]:
    """The arrays of a ``.npz`` file, each member read whole (its CRC checked), no pickle."""
    arrays: dict[str, np.ndarray] = {}
    with zipfile.ZipFile(p) as zf:
        infos = {i.filename: i for i in zf.infolist()}
        for name in _MEMBERS:
            info = infos.get(name + ".npy")
            if info is None:
                continue
            if info.file_size > _MAX_FILE_BYTES:
                raise ValueError(f"member {name} is too large")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or (
                    info.flag_bits & 0x1):
                raise ValueError(f"member {name} is stored in a way this file never is")
            arrays[name] = _npy(zf.read(info), name)
    return arrays


def _npy(raw: bytes, name: str) -> np.ndarray:
    """One ``.npy`` member, its declared size checked against its bytes before it is read."""
    fh = io.BytesIO(raw)
    version = np.lib.format.read_magic(fh)
    if version == (1, 0):
        shape, _, dtype = np.lib.format.read_array_header_1_0(fh)
    elif version == (2, 0):
        shape, _, dtype = np.lib.format.read_array_header_2_0(fh)
    else:
        raise ValueError(f"member {name} has .npy version {version}")
    if dtype.hasobject or math.prod(shape) * dtype.itemsize > len(raw):
        raise ValueError(f"member {name} declares more data than it holds")
    fh.seek(0)
    return np.load(fh, allow_pickle=False)


def read_saved(path: str | os.PathLike[str]) -> SavedSet:
    """Read and check a set written by :func:`save_labelings`.

    Untrusted files are safe: no pickle is ever loaded, each member's CRC is
    checked, and the labelings must reproduce the recorded count and digest.
    A damaged or edited file, or one written without provenance (an older
    format), is refused with InvalidArgument saying how to re-create it.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "h.npz")
    >>> save_labelings(p, np.array([0, 5], dtype=np.uint64), 3, points=[[0], [1], [2]],
    ...                spec="line", arch="halfspaces")
    >>> s = read_saved(p); (s.labelings.tolist(), s.n, s.spec, s.count, s.complete)
    ([0, 5], 3, 'line', 2, True)
    >>> read_saved(os.path.join(tempfile.mkdtemp(), "missing.npz"))
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: labelings file '...missing.npz' does not exist
    """
    p = os.fspath(path)
    if not os.path.isfile(p):
        raise InvalidArgument(f"labelings file {p!r} does not exist")
    if os.path.getsize(p) > _MAX_FILE_BYTES:
        raise InvalidArgument(f"labelings file {p!r} is too large")
    try:
        arrays = _read_members(p)
    except (OSError, ValueError, EOFError, NotImplementedError, zipfile.BadZipFile,
            zlib.error) as exc:
        raise InvalidArgument(
            f"labelings file {p!r} is not a readable saved set ({_shown(str(exc))}); {_RECREATE}"
        ) from None
    if "provenance" not in arrays:
        if {"n", "words"} <= set(arrays):
            raise InvalidArgument(
                f"labelings file {p!r} was saved without the point set it belongs to (an "
                f"older format) and cannot be checked; {_RECREATE}"
            )
        raise InvalidArgument(f"labelings file {p!r} is not a saved set of labelings; {_RECREATE}")
    return _checked(p, arrays)


def _checked(p: str, arrays: dict[str, np.ndarray]) -> SavedSet:
    def damaged(what: str) -> InvalidArgument:
        return InvalidArgument(
            f"labelings file {p!r} is damaged or was edited ({what}); {_RECREATE}"
        )

    if set(arrays) != set(_MEMBERS):
        raise damaged("members missing")
    n_arr, words, flag, prov = (arrays[k] for k in _MEMBERS)
    if n_arr.shape != () or n_arr.dtype != np.int64 or flag.shape != () or flag.dtype != np.bool_:
        raise damaged("unexpected layout")
    if prov.shape != () or prov.dtype.kind != "U":
        raise damaged("unexpected layout")
    n = int(n_arr)
    try:
        meta = json.loads(str(prov))
    except ValueError:
        raise damaged("its provenance is not JSON") from None
    fields = {"format": int, "spec": str, "points_sha256": str, "class": str,
              "architecture": str, "n": int, "count": int, "digest": str, "complete": bool}
    if not isinstance(meta, dict) or set(meta) != set(fields) or any(
            type(meta[k]) is not t for k, t in fields.items()):
        raise damaged("its provenance has unexpected fields")
    if meta["format"] != _SAVED_FORMAT:
        raise damaged(f"format {meta['format']}, expected {_SAVED_FORMAT}")
    nwords = max(1, (n + 63) // 64)
    if words.ndim != 2 or words.dtype != np.uint64 or n < 0 or words.shape[1] != nwords:
        raise damaged("unexpected layout")
    if meta["n"] != n or meta["complete"] != bool(flag):
        raise damaged("its provenance disagrees with its contents")
    if n <= 64:
        vals: Iterable[int] = words[:, 0].tolist()
    else:
        vals = [sum(int(w) << (64 * i) for i, w in enumerate(row)) for row in words.tolist()]
    try:
        arr = labeling_array(vals, n)
    except InvalidArgument as exc:
        raise damaged(str(exc)) from None
    if len(arr) != len(words) or len(arr) != meta["count"]:
        raise damaged(f"{len(words)} rows, {len(arr)} distinct labelings, count {meta['count']}")
    if labelings_digest(arr, n) != meta["digest"]:
        raise damaged("its labelings do not reproduce the recorded digest")
    return SavedSet(
        path=p, labelings=arr, n=n, complete=bool(flag), spec=meta["spec"],
        points_sha256=meta["points_sha256"], cls=meta["class"],
        architecture=meta["architecture"], count=meta["count"], digest=meta["digest"],
    )


def load_labelings(
    path: str | os.PathLike[str], points: Any = None, spec: str | None = None
) -> tuple[np.ndarray, int]:
    """Read a saved set (checked as by :func:`read_saved`); returns ``(labelings, n)``.

    With ``points`` (a spec, PointSet or rows), the set must have been saved for
    exactly those points (same exact coordinates, same order), else
    InvalidArgument.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "h.npz")
    >>> save_labelings(p, np.array([0, 5], dtype=np.uint64), 3, points=[[0], [1], [2]])
    >>> arr, n = load_labelings(p, points=[[0], [1], [2]]); (arr.tolist(), n)
    ([0, 5], 3)
    """
    saved = read_saved(path)
    if points is not None:
        saved.check_points(points, spec)
    return saved.labelings, saved.n


def saved_complete(path: str | os.PathLike[str]) -> bool:
    """Was the set in ``path`` saved as complete?  (The file is checked as by :func:`read_saved`.)

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "part.npz")
    >>> save_labelings(p, np.array([1], dtype=np.uint64), 2, complete=False, points="cube:1")
    >>> saved_complete(p), load_labelings(p, points="cube:1")[0].tolist()
    (False, [1])
    """
    return read_saved(path).complete
