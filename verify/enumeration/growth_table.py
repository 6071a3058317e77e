"""The growth table: growth profiles, counts and VC dimensions of classes on point sets.

For every point set and every class (an architecture ``m-h-…-1`` of class
``real`` or ``int:Q``, or ``halfspaces``) the realized set is computed exactly
with :func:`verify.enumeration.realized_labelings` (so a ``real`` class is read
from the resumable store when a previous run finished it), then its growth
function and VC dimension with :func:`verify.enumeration.growth_profile`.
The Sauer–Shelah gap is Σ_{i≤d} C(n, i) − |R| for the measured VC dimension d,
and for networks the VC upper bound of Bartlett et al. (2019, Theorem 7).

Every cell is exact; a class whose set is incomplete (a time-out) is marked so,
and its numbers are then lower bounds for the labelings found.

>>> t = growth_table("cube:2", "halfspaces,2-1-1", cls="real", use_cache=False)
>>> [(r[2], r[3], r[5]) for r in t.rows]
[('halfspaces', 14, 3), ('2-1-1 (real)', 14, 3)]
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product
from typing import Any

from verify.bounds.vcstep import sauer_shelah_sum
from verify.encodings.classes import parse_class
from verify.enumeration.growth import growth_profile
from verify.enumeration.realized import realized_labelings
from verify.errors import InvalidArgument, items_of
from verify.geometry.pointsets import PointSet, parse_spec
from verify.nets.network import format_architecture, parse_architecture
from verify.progress import progress
from verify.tables import Cell, Column, Table

__all__ = ["MAX_COMBINATIONS", "growth_table"]

#: Most (points, class) combinations one growth table computes.
MAX_COMBINATIONS = 60

_HALF = ("halfspaces", "halfspace")


def _names(value: str | Sequence[str], what: str) -> list[str]:
    items = value.split(",") if isinstance(value, str) else items_of(
        value, what, "comma-separated text or a list")
    out = [str(v).strip() for v in items if str(v).strip()]
    if not out:
        raise InvalidArgument(f"{what}: give at least one (comma-separated)")
    return list(dict.fromkeys(out))


def _class_label(arch: str, cls: str) -> str:
    return "halfspaces" if arch in _HALF else f"{arch} ({cls})"


def _bartlett_upper(arch: str) -> int | None:
    if arch in _HALF:
        return None
    from verify.bounds.bartlett import bartlett_vc_upper

    return bartlett_vc_upper(list(parse_architecture(arch))).integer_upper


def growth_table(
    points: str | Sequence[str],
    arch: str | Sequence[str],
    cls: str = "real",
    *,
    layout: str = "summary",
    cache_dir: str | None = None,
    use_cache: bool = True,
    timeout: object = None,
    max_subsets: int = 200_000,
) -> Table:
    """Growth profiles, counts, VC dimensions and Sauer–Shelah gaps of classes on point sets.

    Parameters
    ----------
    points : str or sequence of str
        Point-set specs (``grid:3:2,cube:3`` or a list).
    arch : str or sequence of str
        Architectures ``m-h-…-1`` or ``halfspaces`` (comma-separated or a list).
    cls : str
        ``real`` or ``int:Q`` for every network architecture.
    layout : {"summary", "profile"}
        ``summary``: one row per (points, class); ``profile``: one row per
        (points, class, m) with Π(m), 2^m and the Sauer–Shelah bound (pivot it
        with ``--pivot m,class,Pi``).
    cache_dir, use_cache, timeout
        As for :func:`verify.enumeration.realized_labelings`.
    max_subsets : int
        Beyond 22 points: most subsets examined per size (see :func:`growth_profile`).

    Examples
    --------
    >>> t = growth_table("cube:2", "halfspaces", layout="profile")
    >>> [r[4] for r in t.rows]
    [1, 2, 4, 8, 14]
    """
    specs = _names(points, "points")
    archs = _names(arch, "arch")
    if layout not in ("summary", "profile"):
        raise InvalidArgument(f"layout must be 'summary' or 'profile', got {layout!r}")
    if len(specs) * len(archs) > MAX_COMBINATIONS:
        raise InvalidArgument(f"{len(specs) * len(archs)} (points, class) combinations; at most "
                              f"{MAX_COMBINATIONS} per table")
    kind, q = parse_class(cls)
    cls_text = "real" if kind == "real" else f"int:{q}"
    sets: list[PointSet] = [parse_spec(s) for s in specs]
    checked = []
    for a in archs:  # every architecture is checked before any work starts
        if a in _HALF:
            checked.append("halfspaces")
            continue
        widths = parse_architecture(a)
        checked.append(format_architecture(widths))
    for ps, a in product(sets, checked):
        if a not in _HALF and parse_architecture(a)[0] != ps.dimension:
            raise InvalidArgument(f"{a} takes {parse_architecture(a)[0]} inputs but "
                                  f"{ps.name} has dimension {ps.dimension}")
    rows: list[list[Cell]] = []
    incomplete = 0
    from_store = 0
    with progress(len(sets) * len(checked), "growth table") as bar:
        for ps, a in product(sets, checked):
            res = realized_labelings(ps, a, cls_text, cache_dir=cache_dir,
                                     use_cache=use_cache, timeout=timeout)
            from_store += bool(res.provenance.get("from_cache"))
            incomplete += not res.complete
            if kind == "int" and a not in _HALF:  # each subset's own labelings (growth_int)
                from verify.enumeration.growth_int import int_growth

                g = int_growth(ps, a, cls_text, res.labelings, res.n, max_subsets=max_subsets,
                               timeout=timeout)
            else:
                g = growth_profile(res.labelings, res.n, max_subsets=max_subsets)
            rows.extend(_rows(ps, a, cls_text, res, g, layout))
            bar.advance()
    return _table(rows, layout, cls_text, incomplete, from_store)


def _rows(ps: PointSet, arch: str, cls: str, res: Any, g: Any, layout: str) -> list[list[Cell]]:
    label = _class_label(arch, cls)
    d_lo, d_hi = g.vc_bounds
    if layout == "profile":
        return [
            [ps.name, res.n, label, m, g.profile[m], 2**m, sauer_shelah_sum(m, d_hi)]
            for m in range(res.n + 1)
        ]
    vc: Cell = d_lo if d_lo == d_hi else f"{d_lo}..{d_hi}"
    bound = sauer_shelah_sum(res.n, d_hi)
    profile = ", ".join("?" if v is None else str(v) for v in g.profile)
    return [[ps.name, res.n, label, res.count, res.complete, vc,
             list(g.shattered_set or ()).__str__(), bound, bound - res.count,
             _bartlett_upper(arch), profile]]


def _table(rows: list[list[Cell]], layout: str, cls: str, incomplete: int,
           from_store: int) -> Table:
    notes = [
        "Counts, profiles and VC dimensions are exact (realized sets decided exactly, "
        "witnesses re-checked in rationals).",
    ]
    if from_store:
        notes.append(f"{from_store} realized set(s) read from the store of finished runs "
                     "(witnesses re-checked on reading).")
    if incomplete:
        notes.append(f"{incomplete} set(s) incomplete (time-out): their numbers are lower "
                     "bounds for the labelings found.")
    if layout == "profile":
        columns: list[str | Column] = [
            Column("points"), Column("n", tex="$n$"), Column("class"),
            Column("m", tex="$m$"), Column("Π(m)", tex=r"$\Pi(m)$", key="Pi"),
            Column("2^m", tex="$2^m$", key="two_m"),
            Column("Sauer–Shelah Σ_{i≤d} C(m,i)", tex=r"$\sum_{i\le d}\binom{m}{i}$",
                   key="sauer_shelah"),
        ]
        return Table("Growth functions Π(m), exactly", columns, rows,
                     caption="Growth function Π(m) of each class on each point set, with the "
                             "Sauer–Shelah bound for its VC dimension d.",
                     caption_tex=r"Growth function $\Pi(m)$ of each class on each point set, "
                                 r"with the Sauer--Shelah bound $\sum_{i\le d}\binom{m}{i}$ for "
                                 r"its VC dimension $d$.",
                     label="tab:growth-profile", notes=notes)
    columns = [
        Column("points"), Column("n", tex="$n$"), Column("class"),
        Column("labelings |R|", tex="$|R|$", key="count"),
        Column("complete"),
        Column("VC dim d", tex="$d_{\\mathrm{VC}}$", key="vc"),
        Column("shattered set", key="shattered"),
        Column("Sauer–Shelah Σ_{i≤d} C(n,i)", tex=r"$\sum_{i\le d}\binom{n}{i}$",
               key="sauer_shelah"),
        Column("gap", tex=r"gap", key="gap"),
        Column("VC ≤ (Bartlett et al.)", tex=r"$d_{\mathrm{VC}}\le$ (BHLM)", key="bartlett"),
        Column("Π(0..n)", tex=r"$\Pi(0), \dots, \Pi(n)$", key="profile", display=False),
    ]
    notes.append("gap: the Sauer–Shelah bound minus |R|; BHLM: the VC upper bound of "
                 "Bartlett, Harvey, Liaw, Mehrabian (2019, Theorem 7), n/a for halfspaces.")
    return Table(f"Growth, counts and VC dimensions (class {cls})", columns, rows,
                 caption="Realized sets of each class on each point set: count, VC dimension, "
                         "a shattered set, and the Sauer–Shelah gap.",
                 label="tab:growth", notes=notes)
