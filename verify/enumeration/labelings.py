"""Sets of bit-packed labelings as NumPy arrays.

A labeling of ``n`` points is an integer whose bit i is set iff point i is
labelled +1 (as in :mod:`verify.labels`).  A *set* of labelings is a sorted 1-D
array of distinct values: dtype ``uint64`` when ``n ≤ 64`` (one machine word),
dtype ``object`` holding Python ints when ``n > 64`` (larger sets are handled,
not refused; the operations below work on both).  On disk a set is a ``.npz``
file with ``n`` and the labelings split into little-endian 64-bit words
(``words``, shape N × ⌈n/64⌉) and ``complete`` (False when the set came from
an interrupted run: its missing labelings are unknown), read with
``allow_pickle=False``.

>>> s = labeling_array([5, 3, 5], 3); s.tolist()
[3, 5]
>>> project(s, [0, 2]).tolist()     # bits 0 and 2 of 3 = 0b011 and 5 = 0b101
[1, 3]
>>> popcount(s).tolist(), hamming(s, np.uint64(0)).tolist()
([2, 2], [2, 2])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from verify.errors import InvalidArgument

__all__ = [
    "complement",
    "hamming",
    "labeling_array",
    "load_labelings",
    "popcount",
    "project",
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


def save_labelings(
    path: str | os.PathLike[str], labels: np.ndarray, n: int, complete: bool = True
) -> None:
    """Write a set of labelings of ``n`` points to ``path`` (``.npz``, no pickle).

    ``complete=False`` records that the set is only a lower bound (a run stopped
    by a time-out); :func:`saved_complete` reads the flag back.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "r.npz")
    >>> save_labelings(p, labeling_array([1, 2**65], 66), 66)
    >>> arr, n = load_labelings(p); (arr.tolist() == [1, 2**65], n)
    (True, 66)
    """
    arr = labeling_array(labels.tolist(), n)
    nwords = max(1, (n + 63) // 64)
    words = np.zeros((len(arr), nwords), dtype=np.uint64)
    mask = (1 << 64) - 1
    for w in range(nwords):
        if _is_words(arr):
            words[:, w] = arr if w == 0 else 0
        else:
            words[:, w] = [(int(v) >> (64 * w)) & mask for v in arr.tolist()]
    with open(path, "wb") as fh:
        np.savez_compressed(fh, n=np.int64(n), words=words, complete=np.bool_(complete))


def saved_complete(path: str | os.PathLike[str]) -> bool:
    """Was the set in ``path`` saved as complete?  (Files without the flag: True.)

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "part.npz")
    >>> save_labelings(p, np.array([1], dtype=np.uint64), 2, complete=False)
    >>> saved_complete(p), load_labelings(p)[0].tolist()
    (False, [1])
    """
    load_labelings(path)  # validates the file
    with np.load(os.fspath(path), allow_pickle=False) as data:
        if "complete" not in data.files:
            return True
        flag = np.asarray(data["complete"])
        if flag.shape != () or flag.dtype != np.bool_:
            raise InvalidArgument(f"labelings file {os.fspath(path)!r} has an unexpected layout")
        return bool(flag)


def load_labelings(path: str | os.PathLike[str]) -> tuple[np.ndarray, int]:
    """Read a set written by :func:`save_labelings`; returns ``(labelings, n)``.

    Untrusted files are safe: no pickle is ever loaded, and every value is checked.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "h.npz")
    >>> save_labelings(p, np.array([0, 5], dtype=np.uint64), 3)
    >>> arr, n = load_labelings(p); (arr.tolist(), n)
    ([0, 5], 3)
    >>> load_labelings(os.path.join(tempfile.mkdtemp(), "missing.npz"))
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
        with np.load(p, allow_pickle=False) as data:
            n = int(data["n"])
            words = np.asarray(data["words"])
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise InvalidArgument(
            f"labelings file {p!r} is not a saved set of labelings ({exc})"
        ) from None
    nwords = max(1, (n + 63) // 64)
    if words.ndim != 2 or words.dtype != np.uint64 or n < 0 or words.shape[1] != nwords:
        raise InvalidArgument(f"labelings file {p!r} has an unexpected layout")
    if n <= 64:
        arr = words[:, 0].copy()
        vals: Iterable[int] = arr.tolist()
    else:
        vals = [
            sum(int(row[w]) << (64 * w) for w in range(words.shape[1])) for row in words.tolist()
        ]
    return labeling_array(vals, n), n
