"""Labelings: sign vectors in {-1, +1}^n, their text form and their bit-packed form.

Text: a string of ``+`` and ``-`` (``1``/``0`` also accepted), point i first.
Bit-packed: an ``int`` whose bit i is set iff point i is labelled +1.  (The
vectorised NumPy forms live in :mod:`verify.enumeration`.)

>>> parse_labels("+-+", 3)
(1, -1, 1)
>>> pack_labels((1, -1, 1))
5
>>> unpack_labels(5, 3)
(1, -1, 1)
>>> labels_text((1, -1, 1))
'+-+'
"""

from __future__ import annotations

from collections.abc import Sequence

from verify.errors import InvalidArgument, items_of

__all__ = ["labels_text", "pack_labels", "parse_labels", "unpack_labels"]


def parse_labels(text: str | Sequence[int], n: int | None = None) -> tuple[int, ...]:
    """Parse a labeling given as ``"+-+"``, ``"101"`` or a sequence of ±1.

    Parameters
    ----------
    text : str or sequence of int
        The labels, point i first.
    n : int, optional
        The expected number of points; a different length is refused.

    Examples
    --------
    >>> parse_labels("10", 2)
    (1, -1)
    >>> parse_labels("+-x")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: labels: character 'x' at position 2 is not one of + - 1 0
    >>> parse_labels("+-", 3)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: labels: 2 labels given for 3 points
    """
    if isinstance(text, str):
        out = []
        for pos, ch in enumerate(text.strip()):
            if ch in "+1":
                out.append(1)
            elif ch in "-0":
                out.append(-1)
            else:
                raise InvalidArgument(
                    f"labels: character {ch!r} at position {pos} is not one of + - 1 0"
                )
        labels = tuple(out)
    else:
        labels = tuple(items_of(text, "labels", "text such as '+-+-' or a sequence of ±1"))
        for pos, v in enumerate(labels):
            if isinstance(v, bool) or v not in (1, -1):
                raise InvalidArgument(f"labels: entry {v!r} at position {pos} is not +1 or -1")
        labels = tuple(int(v) for v in labels)
    if not labels:
        raise InvalidArgument("labels: empty labeling")
    if n is not None and len(labels) != n:
        raise InvalidArgument(f"labels: {len(labels)} labels given for {n} points")
    return labels


def pack_labels(labels: Sequence[int]) -> int:
    """Bit i set iff ``labels[i] == +1``.

    >>> pack_labels((-1, -1, 1, 1))
    12
    """
    return sum(1 << i for i, v in enumerate(labels) if v > 0)


def unpack_labels(bits: int, n: int) -> tuple[int, ...]:
    """Inverse of :func:`pack_labels` for ``n`` points.

    >>> unpack_labels(12, 4)
    (-1, -1, 1, 1)
    """
    if bits < 0 or bits >> n:
        raise InvalidArgument(f"labels: {bits} is not a labeling of {n} points")
    return tuple(1 if (bits >> i) & 1 else -1 for i in range(n))


def labels_text(labels: Sequence[int]) -> str:
    """The ``+``/``-`` text form.

    >>> labels_text((1, 1, -1))
    '++-'
    """
    return "".join("+" if v > 0 else "-" for v in labels)
