"""Finite sets of rational points and the spec strings that name them.

Specs: ``grid:K:m`` = {1/K, …, K/K}^m; ``stilde:K:d`` = ``grid:K:(d-1)`` with a
last coordinate 1/2 appended (the set S̃ of the paper); ``cube:n`` = {0,1}^n;
anything else is a path to a JSON file: a list of points, each a list of
integers, "p/q" strings or decimal literals (read exactly from their text), or
an object with ``points`` and optional ``labels``.  Points are ordered
lexicographically by their index tuple, first coordinate slowest.

>>> [tuple(str(c) for c in p) for p in grid(2, 2)]
[('1/2', '1/2'), ('1/2', '1'), ('1', '1/2'), ('1', '1')]
>>> len(parse_spec("stilde:3:3").points)
9
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from verify.errors import BudgetExceeded, InvalidArgument, items_of
from verify.exact import require_int, to_rational
from verify.jsonload import load_json
from verify.limits import Deadline, format_bytes, require_memory

__all__ = [
    "MAX_POINTS",
    "Point",
    "PointSet",
    "cube",
    "grid",
    "load_points_json",
    "parse_spec",
    "points_from_rows",
    "resolve_labels",
    "stilde",
]

Point = tuple[Fraction, ...]
MAX_POINTS = 2_000_000
_MAX_COORDINATES = 40_000_000
_MAX_FILE_BYTES = 64 * 1024 * 1024

POINTS_MEMORY_PER_FILE_BYTE = 64
"""Memory while reading a JSON points file, per byte of the file: its parsed lists and the
exact points (Fractions) built from them.  Measured peaks (above the interpreter's):
54 bytes per byte for one-digit coordinates in dimension 1 (the densest form), 47 in
dimension 2, 34 in dimension 20, 28 for quoted fractions; rounded up."""


@dataclass(frozen=True)
class PointSet:
    """A named finite sequence of rational points, optionally labelled."""

    points: tuple[Point, ...]
    name: str = ""
    labels: tuple[int, ...] | None = None

    @property
    def dimension(self) -> int:
        return len(self.points[0]) if self.points else 0

    def __len__(self) -> int:
        return len(self.points)


def _check_count(count: int, what: str) -> None:
    if count > MAX_POINTS:
        raise InvalidArgument(f"{what} has {count} points; at most {MAX_POINTS} are supported")


def _check_power(base: int, exponent: int, what: str) -> None:
    """Refuse base^exponent points of dimension ``exponent`` beyond the limits, without
    computing a huge power."""
    if base > 1 and exponent * (base.bit_length() - 1) > MAX_POINTS.bit_length():
        raise InvalidArgument(
            f"{what} has {base}^{exponent} points; at most {MAX_POINTS} are supported"
        )
    _check_count(base**exponent, what)
    if base**exponent * exponent > _MAX_COORDINATES:
        raise InvalidArgument(
            f"{what} has {base**exponent * exponent} coordinates; at most "
            f"{_MAX_COORDINATES} are supported"
        )


def grid(K: int, m: int) -> tuple[Point, ...]:
    """The grid {1/K, …, K/K}^m, first coordinate slowest.

    >>> grid(3, 1)
    ((Fraction(1, 3),), (Fraction(2, 3),), (Fraction(1, 1),))
    """
    K = require_int(K, "K", low=1)
    m = require_int(m, "m", low=1)
    _check_power(K, m, f"grid:{K}:{m}")
    coords = [Fraction(i, K) for i in range(1, K + 1)]
    return tuple(tuple(p) for p in itertools.product(coords, repeat=m))


def stilde(K: int, d: int) -> tuple[Point, ...]:
    """S̃ = {(i1/K, …, i_{d-1}/K, 1/2)} of Section 4.3, K^(d-1) points in R^d.

    >>> stilde(2, 2)
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 1), Fraction(1, 2)))
    """
    d = require_int(d, "d", low=2)
    half = Fraction(1, 2)
    return tuple((*p, half) for p in grid(K, d - 1))


def cube(n: int) -> tuple[Point, ...]:
    """The vertices {0,1}^n of the cube, first coordinate slowest.

    >>> [tuple(int(c) for c in p) for p in cube(2)]
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    n = require_int(n, "n", low=1)
    _check_power(2, n, f"cube:{n}")
    return tuple(tuple(Fraction(b) for b in p) for p in itertools.product((0, 1), repeat=n))


_TICK_ROWS = 4096
"""Rows read between two looks at the deadline (a few milliseconds of work)."""


def points_from_rows(rows: object, source: str = "points",
                     tick: Callable[[], None] | None = None) -> tuple[Point, ...]:
    """Validate a list of rows of rationals (ints, Fractions or text) as points.

    ``tick``, when given, is called every few thousand rows (a deadline raises from it).

    >>> points_from_rows([[0, "1/2"], ["3", "0.5"]])
    ((Fraction(0, 1), Fraction(1, 2)), (Fraction(3, 1), Fraction(1, 2)))
    >>> points_from_rows([[0, 1], [2]])
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: points: point 1 has dimension 1, point 0 has 2
    """
    if not isinstance(rows, list | tuple):
        raise InvalidArgument(f"{source}: expected a list of points")
    if not rows:
        raise InvalidArgument(f"{source}: the point set is empty")
    _check_count(len(rows), source)
    out: list[Point] = []
    for i, row in enumerate(rows):
        if tick is not None and i % _TICK_ROWS == _TICK_ROWS - 1:
            tick()
        if not isinstance(row, list | tuple) or not row:
            raise InvalidArgument(f"{source}: point {i} is not a non-empty list of numbers")
        out.append(tuple(to_rational(v, f"{source}: point {i}") for v in row))
        if len(out[-1]) != len(out[0]):
            raise InvalidArgument(
                f"{source}: point {i} has dimension {len(out[-1])}, point 0 has {len(out[0])}"
            )
    return tuple(out)


def _reading_clock(path: str, deadline: Deadline | None) -> Callable[[], None] | None:
    """What reading ``path`` calls every few thousand rows: past ``deadline``, a time-out
    (``BudgetExceeded``, one ``error:`` line at the command line: a file half read is no
    point set).

    >>> _reading_clock("p.json", None) is None
    True
    """
    if deadline is None or deadline.seconds is None:
        return None
    def tick() -> None:
        if deadline.expired():
            raise BudgetExceeded(f"time-out after {deadline.limit_text()} while reading the points "
                                 f"file {path!r}")

    return tick


def load_points_json(path: str, deadline: Deadline | None = None) -> PointSet:
    """Read a JSON points file (never executed or unpickled).

    Its memory is estimated from its size first (:data:`POINTS_MEMORY_PER_FILE_BYTE`)
    and the file refused with the estimate, before it is parsed, beyond ``--max-memory``.
    Past ``deadline`` (``--timeout``) the reading stops with ``BudgetExceeded`` ("time-out
    after … s while reading the points file …"), within a second or two: Python's JSON
    parser (C, about a second for the largest file) is the one step not interrupted.  The
    clock is looked at every few thousand rows, so a small file is always read whole.
    """
    if not os.path.isfile(path):
        raise InvalidArgument(
            f"points: {path!r} is neither a spec (grid:K:m, stilde:K:d, cube:n) nor a file"
        )
    size = os.path.getsize(path)
    require_memory(size * POINTS_MEMORY_PER_FILE_BYTE,
                   f"reading the points file {path!r} ({format_bytes(size)})")
    tick = _reading_clock(path, deadline)
    data = load_json(path, "points", max_bytes=_MAX_FILE_BYTES, tick=tick)
    labels = None
    if isinstance(data, dict):
        if "points" not in data:
            raise InvalidArgument(f"points: {path!r} has no key 'points'")
        raw_labels = data.get("labels")
        data = data["points"]
        if raw_labels is not None:
            from verify.labels import parse_labels

            if not isinstance(raw_labels, list | str):
                raise InvalidArgument(f"points: labels in {path!r} must be a list or a string")
            labels = parse_labels(raw_labels if isinstance(raw_labels, str) else list(raw_labels))
    pts = points_from_rows(data, f"points file {os.path.basename(path)}", tick)
    if labels is not None and len(labels) != len(pts):
        raise InvalidArgument(f"points: {len(labels)} labels for {len(pts)} points in {path!r}")
    return PointSet(pts, name=path, labels=labels)


def parse_spec(spec: str, deadline: Deadline | None = None) -> PointSet:
    """Build the point set named by ``spec`` (a file read within ``deadline``, see
    :func:`load_points_json`).

    >>> ps = parse_spec("cube:3"); (len(ps), ps.dimension, ps.name)
    (8, 3, 'cube:3')
    >>> parse_spec("grid:0:2")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: K must be >= 1, got 0
    """
    if not isinstance(spec, str) or not spec.strip():
        raise InvalidArgument("points: empty spec")
    spec = spec.strip()
    parts = spec.split(":")
    kind = parts[0]
    if kind in ("grid", "stilde", "cube"):
        want = 2 if kind == "cube" else 3
        if len(parts) != want:
            form = {"grid": "grid:K:m", "stilde": "stilde:K:d", "cube": "cube:n"}[kind]
            raise InvalidArgument(f"points: {spec!r} is malformed; expected {form}")
        if kind == "grid":
            pts = grid(require_int(parts[1], "K", low=1), require_int(parts[2], "m", low=1))
        elif kind == "stilde":
            pts = stilde(require_int(parts[1], "K", low=1), require_int(parts[2], "d", low=2))
        else:
            pts = cube(require_int(parts[1], "n", low=1))
        return PointSet(pts, name=spec)
    return load_points_json(spec, deadline)


def resolve_labels(
    ps: PointSet, labels: str | Sequence[int] | None, command: str
) -> tuple[int, ...]:
    """The labeling given explicitly, else the one stored with the points.

    >>> resolve_labels(parse_spec("cube:1"), "+-", "realize")
    (1, -1)
    >>> resolve_labels(parse_spec("cube:1"), None, "realize")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: realize: give --labels (the points have no labels)
    """
    from verify.labels import parse_labels

    if labels is not None:
        return parse_labels(labels, len(ps))
    if ps.labels is None:
        raise InvalidArgument(f"{command}: give --labels (the points have no labels)")
    return ps.labels


def as_points(points: PointSet | Sequence[Sequence[object]] | str) -> tuple[Point, ...]:
    """Accept a spec, a :class:`PointSet` or rows, and return validated points.

    >>> as_points("grid:1:2")
    ((Fraction(1, 1), Fraction(1, 1)),)
    """
    if isinstance(points, str):
        return parse_spec(points).points
    if isinstance(points, PointSet):
        return points.points
    return points_from_rows(items_of(points, "points", "a spec such as 'grid:3:2', a PointSet "
                                     "or rows of rationals"))
