"""The sweep of a conjecture: point sets × classes × subset sizes × parameters.

Range syntax (inclusive ranges ``a..b`` of integers in any numeric field):

* points: ``grid:2..5:2,cube:3..5,stilde:3:2..3`` or a JSON points file;
* architectures: ``2-1..3-1`` (= 2-1-1, 2-2-1, 2-3-1), ``2-2-1..2-1``,
  ``halfspaces``; an architecture is paired with the point sets whose
  dimension is its number of inputs;
* classes: ``real``, ``int:Q``, ``int:1..3``;
* ``m``: ``0..4`` or ``2,3`` (default 0..n when the formula uses ``m`` or ``Pi``);
* ``alpha``, ``eps``: rationals and ranges as in ``verify table``
  (``0,1/10,1/5`` or ``0:1/4:1/8``).

A malformed part is refused with :class:`InvalidArgument` naming it.

>>> [p.spec for p in parse_points("grid:2..3:2,cube:3")]
['grid:2:2', 'grid:3:2', 'cube:3']
>>> parse_archs("2-1..3-1,halfspaces")
['2-1-1', '2-2-1', '2-3-1', 'halfspaces']
>>> parse_classes("real,int:1..2")
['real', 'int:1', 'int:2']
>>> parse_points("grid:5..2:2")
Traceback (most recent call last):
...
verify.errors.InvalidArgument: --points: 'grid:5..2:2': the range '5..2' is empty
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from verify.errors import InvalidArgument
from verify.exact import fraction_text
from verify.geometry.pointsets import Point, PointSet, parse_spec, points_from_rows

__all__ = [
    "MAX_ITEMS",
    "Instance",
    "PointSpec",
    "instance_key",
    "parse_archs",
    "parse_classes",
    "parse_int_values",
    "parse_points",
]

#: Most values one option may expand to.
MAX_ITEMS = 10_000
_RANGE = re.compile(r"(-?\d{1,9})\.\.(-?\d{1,9})")
_INT = re.compile(r"-?\d{1,9}")


def _field(text: str, option: str, entry: str) -> list[int]:
    """One numeric field: ``7`` or ``a..b``."""
    t = text.strip()
    if _INT.fullmatch(t):
        return [int(t)]
    m = _RANGE.fullmatch(t)
    if not m:
        raise InvalidArgument(
            f"{option}: {entry!r}: {t!r} is not an integer or a range a..b")
    a, b = int(m.group(1)), int(m.group(2))
    if b < a:
        raise InvalidArgument(f"{option}: {entry!r}: the range {t!r} is empty")
    if b - a + 1 > MAX_ITEMS:
        raise InvalidArgument(f"{option}: {entry!r}: the range {t!r} has more than "
                              f"{MAX_ITEMS} values")
    return list(range(a, b + 1))


def _entries(text: object, option: str) -> list[str]:
    if not isinstance(text, str) or not text.strip():
        raise InvalidArgument(f"{option}: empty")
    parts = [p.strip() for p in text.split(",")]
    for p in parts:
        if not p:
            raise InvalidArgument(f"{option}: {text!r} has an empty entry")
    return parts


def _dedup(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for i in items:
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out


@dataclass(frozen=True)
class PointSpec:
    """One point set of the sweep: its spec text and, for grids, K."""

    spec: str
    K: int | None = None
    given: tuple[Point, ...] | None = field(default=None, compare=False)

    @cached_property
    def pointset(self) -> PointSet:
        if self.given is not None:
            return PointSet(self.given, name=self.spec)
        return parse_spec(self.spec)

    @property
    def points(self) -> tuple[Point, ...]:
        return self.pointset.points

    @classmethod
    def from_points(cls, points: object) -> PointSpec:
        """A point set given by its rows (e.g. a random set of the search).

        >>> PointSpec.from_points([[0, "1/2"], [1, 0]]).spec
        '[[0, 1/2], [1, 0]]'
        """
        pts = points_from_rows(points)
        text = "[" + ", ".join(
            "[" + ", ".join(_short(c) for c in p) + "]" for p in pts) + "]"
        return cls(text, None, pts)


def _short(c: Fraction) -> str:
    return str(c.numerator) if c.denominator == 1 else f"{c.numerator}/{c.denominator}"


def parse_points(text: object, option: str = "--points") -> list[PointSpec]:
    """Point sets from ``grid:K:m``, ``stilde:K:d``, ``cube:n`` (fields may be ``a..b``) or files.

    >>> [p.spec for p in parse_points("stilde:2:2..3, cube:1..2")]
    ['stilde:2:2', 'stilde:2:3', 'cube:1', 'cube:2']
    >>> parse_points("grid:2..x:2")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: --points: 'grid:2..x:2': '2..x' is not an integer or a range a..b
    """
    out: list[PointSpec] = []
    for entry in _entries(text, option):
        kind = entry.split(":")[0]
        if kind in ("grid", "stilde", "cube"):
            fields = entry.split(":")[1:]
            want = 1 if kind == "cube" else 2
            if len(fields) != want:
                form = {"grid": "grid:K:m", "stilde": "stilde:K:d", "cube": "cube:n"}[kind]
                raise InvalidArgument(f"{option}: {entry!r} is malformed; expected {form} "
                                      "(a field may be a range a..b)")
            values = [_field(f, option, entry) for f in fields]
            for combo in itertools.product(*values):
                spec = ":".join([kind, *(str(v) for v in combo)])
                out.append(PointSpec(spec, combo[0] if kind != "cube" else None))
        else:
            out.append(PointSpec(entry))
        if len(out) > MAX_ITEMS:
            raise InvalidArgument(f"{option}: more than {MAX_ITEMS} point sets")
    seen: set[str] = set()
    unique = []
    for p in out:
        if p.spec not in seen:
            seen.add(p.spec)
            unique.append(p)
    return unique


def parse_archs(text: object, option: str = "--arch") -> list[str]:
    """Architectures ``m-h1-…-1`` (fields may be ``a..b``) and ``halfspaces``.

    >>> parse_archs("2-2-1..2-1")
    ['2-2-1-1', '2-2-2-1']
    >>> parse_archs("2-x-1")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: --arch: '2-x-1': 'x' is not an integer or a range a..b
    """
    out: list[str] = []
    for entry in _entries(text, option):
        if entry in ("halfspaces", "halfspace"):
            out.append("halfspaces")
            continue
        # split on the dashes that separate layers ('..' ranges contain no dash)
        fields = entry.split("-")
        if len(fields) < 2 or any(not f.strip() for f in fields):
            raise InvalidArgument(
                f"{option}: {entry!r} is malformed; expected m-h1-...-1 (a field may be a "
                "range a..b) or 'halfspaces'")
        values = [_field(f, option, entry) for f in fields]
        for combo in itertools.product(*values):
            if any(w < 1 for w in combo):
                raise InvalidArgument(f"{option}: {entry!r}: widths must be >= 1")
            if combo[-1] != 1:
                raise InvalidArgument(f"{option}: {entry!r}: the last layer must be 1 output")
            out.append("-".join(str(w) for w in combo))
        if len(out) > MAX_ITEMS:
            raise InvalidArgument(f"{option}: more than {MAX_ITEMS} architectures")
    return _dedup(out)


def parse_classes(text: object, option: str = "--class") -> list[str]:
    """Weight classes ``real`` and ``int:Q`` (Q may be ``a..b``).

    >>> parse_classes("int:x")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: --class: 'int:x': 'x' is not an integer or a range a..b
    """
    out: list[str] = []
    for entry in _entries(text, option):
        if entry == "real":
            out.append("real")
        elif entry.startswith("int:"):
            for q in _field(entry[4:], option, entry):
                if q < 0:
                    raise InvalidArgument(f"{option}: {entry!r}: Q must be >= 0")
                out.append(f"int:{q}")
        else:
            raise InvalidArgument(f"{option}: {entry!r} is not a class (real or int:Q)")
    return _dedup(out)


def parse_int_values(text: object, option: str, low: int = 0) -> list[int]:
    """Integers and ranges ``a..b``, comma-separated, sorted.

    >>> parse_int_values("3,0..1", "--m")
    [0, 1, 3]
    """
    vals: set[int] = set()
    for entry in _entries(text, option):
        for v in _field(entry, option, entry):
            if v < low:
                raise InvalidArgument(f"{option}: {entry!r}: values must be >= {low}")
            vals.add(v)
    return sorted(vals)


@dataclass(frozen=True)
class Instance:
    """One instance of the sweep: a point set, a class (or none), and parameters."""

    points: PointSpec
    arch: str | None = None
    cls: str | None = None
    m: int | None = None
    alpha: Fraction | None = None
    eps: Fraction | None = None

    @property
    def n(self) -> int:
        return len(self.points.points)

    @property
    def dimension(self) -> int:
        return self.points.pointset.dimension

    @property
    def widths(self) -> tuple[int, ...]:
        if self.arch is None or self.arch == "halfspaces":
            return ()
        return tuple(int(w) for w in self.arch.split("-"))

    @property
    def parameters(self) -> int:
        """W: the number of weights and biases (d + 1 for halfspaces, 0 without a class)."""
        if self.arch is None:
            return 0
        if self.arch == "halfspaces":
            return self.dimension + 1
        w = self.widths
        return sum((w[i] + 1) * w[i + 1] for i in range(len(w) - 1))

    @property
    def q(self) -> int | None:
        if self.cls is not None and self.cls.startswith("int:"):
            return int(self.cls[4:])
        return None

    @property
    def class_text(self) -> str | None:
        """The class as on the command line: ``halfspaces``, ``2-3-1``, ``2-3-1 int:2``."""
        if self.arch is None:
            return None
        if self.arch == "halfspaces" or self.cls in (None, "real"):
            return self.arch
        return f"{self.arch} {self.cls}"

    def label(self) -> str:
        parts = [self.points.spec]
        if self.class_text is not None:
            parts.append(self.class_text)
        if self.m is not None:
            parts.append(f"m = {self.m}")
        if self.alpha is not None:
            parts.append(f"alpha = {fraction_text(self.alpha).removesuffix('/1')}")
        if self.eps is not None:
            parts.append(f"eps = {fraction_text(self.eps).removesuffix('/1')}")
        return ", ".join(parts)


def instance_key(inst: Instance) -> tuple[object, ...]:
    """The order "fewest points, then smallest parameters" (a total order on instances).

    Points, then W, the widths, the class (``int:Q`` by Q, before ``real``),
    m, alpha, eps, the dimension, K, and finally the texts (to break ties).

    >>> a = Instance(PointSpec("grid:3:2", 3), "2-3-1", "real")
    >>> b = Instance(PointSpec("grid:2:2", 2), "2-3-1", "real")
    >>> sorted([a, b], key=instance_key)[0].points.spec
    'grid:2:2'
    """
    q = inst.q
    cls_rank = (0, q) if q is not None else (1, 0)
    return (
        inst.n,
        inst.parameters,
        len(inst.widths),
        inst.widths,
        cls_rank,
        -1 if inst.m is None else inst.m,
        Fraction(-1) if inst.alpha is None else inst.alpha,
        Fraction(-1) if inst.eps is None else inst.eps,
        inst.dimension,
        -1 if inst.points.K is None else inst.points.K,
        inst.points.spec,
        inst.arch or "",
        inst.cls or "",
    )
