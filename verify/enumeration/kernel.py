"""The NumPy integer kernel: every labeling realized by an ``int:Q`` network.

Class ``int:Q``: every weight and bias an integer in [−Q, Q].  Architectures
``m-1`` (a halfspace with integer weights) and ``m-h-1`` (one hidden ReLU layer).

Sign convention: a network labels x as +1 iff f(x) > 0, −1 iff f(x) < 0; a
network with f(x) = 0 at some point realizes *no* labeling of the set (0 is
wrong for both labels), so such weight vectors are skipped.

Exact integer arithmetic.  With D the common denominator of all coordinates
and X = D·points (integers), a hidden unit has value relu(w·x + b) =
relu(X w + D b) / D, and f = (Σ_j a_j relu(X w_j + D b_j) + D c) / D: the sign of
f is that of an integer expression.  Everything is int64; a Hadamard-style bound
on |f| is checked first and a bound that could overflow is refused.

Structure (far below the naive (2Q+1)^(h(m+1)+h+1) weight vectors):
1. distinct hidden-unit value vectors u = relu(X w + D b) over all (w, b);
2. distinct terms a·u (a in [−Q, Q]);
3. distinct partial sums of h terms, de-duplicated after each addition, in
   memory-bounded blocks;
4. for each distinct sum s and output bias c the sign pattern of s + D c,
   packed to bits and de-duplicated; one witness network is kept per labeling.

>>> r = int_realized_set("cube:2", "2-2-1", 2)
>>> r.count, r.witnesses[0b0110].realizes(as_points("cube:2"), (-1, 1, 1, -1))
(16, True)
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from verify.encodings.classes import parse_class
from verify.encodings.result import RealizedSet  # the one type, re-exported here
from verify.errors import InvalidArgument, SolverError
from verify.geometry.pointsets import Point, PointSet, as_points
from verify.nets.network import ReLUNet, format_architecture, parse_architecture

__all__ = ["KernelTooLarge", "RealizedSet", "int_realized_set", "int_sign_patterns",
           "naive_weight_count"]

_BLOCK_ELEMENTS = 4_000_000
_MAX_ROWS = 40_000_000
_MAX_UNIT_ELEMENTS = 100_000_000  # (weight vectors of one unit) x points, int64 entries
_INT64_LIMIT = 2**62


class KernelTooLarge(InvalidArgument):
    """The class is too large for the kernel's memory or work limits (nothing was decided)."""


def _integer_points(pts: Sequence[Point]) -> tuple[np.ndarray, int]:
    den = math.lcm(*(c.denominator for p in pts for c in p))
    rows = [[int(c * den) for c in p] for p in pts]
    return np.array(rows, dtype=object), den


def _unique_rows(mat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows (sorted by bytes) and the index of one occurrence of each."""
    if mat.shape[0] == 0:
        return mat, np.zeros(0, dtype=np.intp)
    cont = np.ascontiguousarray(mat)
    view = cont.view(np.dtype((np.void, cont.dtype.itemsize * cont.shape[1])))[:, 0]
    _, first = np.unique(view, return_index=True)
    return cont[first], first


def naive_weight_count(arch: str, q: int, inputs: int | None = None) -> int:
    """Number of weight vectors of ``arch`` with entries in [−Q, Q].

    >>> naive_weight_count("2-2-1", 1)   # 9 weights and biases
    19683
    """
    widths = parse_architecture(arch, inputs=inputs)
    params = sum((a + 1) * b for a, b in itertools.pairwise(widths))
    return (2 * q + 1) ** params


def _pack_signs(positive: np.ndarray, n: int) -> np.ndarray:
    """Bit-pack the last axis of a boolean array (bit i = column i)."""
    if n <= 64:
        weights = np.left_shift(np.uint64(1), np.arange(n, dtype=np.uint64))
        return (positive.astype(np.uint64) * weights).sum(axis=-1, dtype=np.uint64)
    weights_o = np.array([1 << i for i in range(n)], dtype=object)
    return positive.astype(object) @ weights_o


def int_realized_set(
    points: PointSet | Sequence[Sequence[object]] | str,
    arch: str,
    q: int,
    witnesses: bool = True,
    max_work: int | None = None,
) -> RealizedSet:
    """All labelings realized by ``arch`` networks with integer weights in [−Q, Q].

    Parameters
    ----------
    points : spec, PointSet or rows of rationals
    arch : str
        ``m-1`` or ``m-h-1``.
    q : int
        The weight bound Q >= 0.
    witnesses : bool
        Keep one witness network per labeling; each is re-checked exactly
        (:func:`verify.encodings.realize.realizes_bits`) before it is returned.
    max_work : int, optional
        Refuse (:class:`KernelTooLarge`) before combining hidden units when
        (distinct partial sums × distinct terms × points) would exceed it.

    Returns
    -------
    RealizedSet
        Complete (the class is finite and fully enumerated).

    Raises
    ------
    KernelTooLarge
        When the class needs more memory or work than the kernel allows; a
        refusal, never a partial answer.

    Examples
    --------
    >>> int_realized_set("cube:2", "2-1", 3).count   # the 14 threshold functions need |b| = 3
    14
    >>> int_realized_set("cube:2", "2-1-1", 0).count      # only the zero network
    0
    >>> int_realized_set("cube:2", "2-1-1-1", 1)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: the int:Q kernel handles architectures m-1 and m-h-1, not 2-1-1-1
    >>> int_realized_set("cube:2", "2-2-1", 2, max_work=1000)
    Traceback (most recent call last):
    ...
    verify.enumeration.kernel.KernelTooLarge: int:2 kernel: combining hidden units needs ...
    """
    pts, widths, q = _checked(points, arch, q)
    try:
        return _int_realized_set(pts, widths, q, witnesses, max_work, arch)
    except MemoryError:
        raise KernelTooLarge(
            f"int:{q} kernel: out of memory for {format_architecture(widths)} on {len(pts)} "
            "points; use a smaller Q"
        ) from None


def int_sign_patterns(
    points: PointSet | Sequence[Sequence[object]] | str,
    arch: str,
    q: int,
    max_work: int | None = None,
) -> np.ndarray:
    """The distinct sign vectors (f(x_1), …, f(x_n)) in {−1, 0, +1}^n of all ``arch``
    networks with integer weights in [−Q, Q]: one ``int8`` row each, sorted.

    The labelings of a subset S by the networks of the class that are strict on
    S are exactly the rows with no 0 in the columns of S, restricted to S (the
    kernel's distinct hidden sums are distinct as whole rows, so every network's
    values on S are some row's values on S).  Parameters and refusals as for
    :func:`int_realized_set`.

    Examples
    --------
    >>> p = int_sign_patterns("cube:2", "2-1", 1)
    >>> len(p), p.shape[1], p.dtype.name
    (21, 4, 'int8')
    >>> strict = p[(p != 0).all(axis=1)]      # the 2 labelings of the whole square
    >>> sorted(tuple(int(v) for v in r) for r in strict)
    [(-1, -1, -1, -1), (1, 1, 1, 1)]
    """
    pts, widths, q = _checked(points, arch, q)
    n = len(pts)
    try:
        hs = _hidden_sums(pts, widths, q, max_work, arch)
        nc = len(hs.cvals)
        block = max(1, _BLOCK_ELEMENTS // max(1, nc * n))
        parts = []
        for lo in range(0, len(hs.sums), block):
            f = hs.sums[lo : lo + block, None, :] + hs.cvals[None, :, None]
            parts.append(_unique_rows(np.sign(f).astype(np.int8).reshape(-1, n))[0])
        if not parts:
            return np.zeros((0, n), dtype=np.int8)
        return _unique_rows(np.concatenate(parts))[0]
    except MemoryError:
        raise KernelTooLarge(
            f"int:{q} kernel: out of memory for {format_architecture(widths)} on {n} points; "
            "use a smaller Q"
        ) from None


def _checked(points: PointSet | Sequence[Sequence[object]] | str, arch: str,
             q: int | str) -> tuple[Sequence[Point], tuple[int, ...], int]:
    """The points, widths and Q of a kernel question, refused up front when too large."""
    pts = as_points(points)
    n = len(pts)
    widths = parse_architecture(arch, inputs=len(pts[0]))
    kind, qq = parse_class(f"int:{q}") if not isinstance(q, str) else parse_class(q)
    assert kind == "int" and qq is not None
    if len(widths) > 3:
        raise InvalidArgument(
            "the int:Q kernel handles architectures m-1 and m-h-1, not "
            f"{format_architecture(widths)}"
        )
    m = widths[0]
    unit_elements = (2 * qq + 1) ** (m + 1) * n
    if unit_elements > _MAX_UNIT_ELEMENTS:
        raise KernelTooLarge(
            f"int:{qq} kernel: (2Q+1)^(m+1) = {(2 * qq + 1) ** (m + 1)} weight vectors per unit "
            f"on {n} points exceed its memory limit; use a smaller Q or the SAT back end "
            "(verify realize --class int:Q) for single labelings"
        )
    return pts, widths, qq


@dataclass
class _Sums:
    """The values over the points of Σ_j a_j relu(X w_j + D b_j) (``sums``, one row each,
    distinct; for ``m-1`` the rows X w + D b of the unit itself) and the output biases
    D c (``cvals``), with what rebuilds one network of each row."""

    sums: np.ndarray
    cvals: np.ndarray
    sum_rep: np.ndarray
    levels: list[np.ndarray]
    terms_rep: np.ndarray
    wb: np.ndarray
    units_rep: np.ndarray
    h: int
    coef: list[int]
    stats: dict[str, Any]


def _int_realized_set(
    pts: Sequence[Point], widths: tuple[int, ...], q: int, witnesses: bool,
    max_work: int | None, arch: str,
) -> RealizedSet:
    n = len(pts)
    start = time.perf_counter()
    m = widths[0]
    hs = _hidden_sums(pts, widths, q, max_work, arch)
    sums, cvals, sum_rep, levels = hs.sums, hs.cvals, hs.sum_rep, hs.levels
    terms_rep, wb, units_rep, h, coef, stats = (hs.terms_rep, hs.wb, hs.units_rep, hs.h,
                                               hs.coef, hs.stats)
    labs, rep_rows, rep_c = _final_signs(sums, cvals, n)
    order = np.argsort(labs, kind="stable")
    labs, rep_rows, rep_c = labs[order], rep_rows[order], rep_c[order]
    wit: dict[int, ReLUNet] = {}
    if witnesses:
        for bits, row, ci in zip(labs.tolist(), rep_rows.tolist(), rep_c.tolist(), strict=True):
            c = coef[ci] if h else coef[0] * 0
            if h == 0:
                w = wb[int(sum_rep[row])].tolist()
                wit[int(bits)] = ReLUNet.from_lists([([w[:m]], [w[m]])])
            else:
                wit[int(bits)] = _hidden_witness(
                    row, levels, terms_rep, wb, units_rep, h, m, c
                )
    if wit:
        from verify.encodings.realize import realizes_bits

        # every witness re-checked exactly before it is returned (an internal invariant)
        for bits, net in wit.items():
            if not realizes_bits(net, pts, bits):
                raise SolverError(f"internal error: the kernel's witness for {bits} failed "
                                  "the exact re-check")
        stats["witnesses_rechecked"] = len(wit)
    stats["seconds"] = round(time.perf_counter() - start, 6)
    stats.update({"architecture": format_architecture(widths), "class": f"int:{q}",
                  "method": "numpy integer kernel"})
    return RealizedSet(n, labs, wit, True, stats)


def _hidden_sums(pts: Sequence[Point], widths: tuple[int, ...], q: int,
                 max_work: int | None, arch: str) -> _Sums:
    """Steps 1–3 of the kernel (see the module's docstring) on integer points."""
    n = len(pts)
    xo, den = _integer_points(pts)
    m = widths[0]
    coef = list(range(-q, q + 1))
    wb = np.array(list(itertools.product(coef, repeat=m + 1)), dtype=np.int64).reshape(-1, m + 1)
    xmax = int(np.max(np.abs(xo))) if xo.size else 0
    unit_bound = q * (m * xmax + den)
    h = widths[1] if len(widths) == 3 else 0
    f_bound = (h * q * unit_bound + q * den) if h else unit_bound
    if max(f_bound, xmax, den) >= _INT64_LIMIT:
        raise KernelTooLarge(
            f"int:{q} on these points could exceed 64-bit integers (bound "
            f"{max(f_bound, xmax, den)}); "
            "use the exact solver (verify.encodings) instead"
        )
    x = xo.astype(np.int64)
    aug = np.hstack([x, np.full((n, 1), den, dtype=np.int64)])  # [X | D]
    pre = wb @ aug.T  # (units, n): X w + D b
    stats: dict[str, Any] = {"naive_weight_vectors": naive_weight_count(arch, q, inputs=m)}

    if h == 0:
        sums, sum_rep = pre, np.arange(len(wb))
        cvals = np.zeros(1, dtype=np.int64)
        levels: list[np.ndarray] = []
        terms_rep = np.zeros((0, 2), dtype=np.int64)
        units_rep = np.arange(len(wb))
    else:
        relu = np.maximum(pre, 0)
        units, units_rep = _unique_rows(relu)
        stats["distinct_units"] = len(units)
        a_vals = np.array([a for a in coef if a != 0], dtype=np.int64)
        terms_all = np.concatenate(
            [np.zeros((1, n), dtype=np.int64), (a_vals[:, None, None] * units[None]).reshape(-1, n)]
        )
        # representative of each candidate term: (a, unit index); row 0 = zero term
        rep_all = np.concatenate(
            [
                np.zeros((1, 2), dtype=np.int64),
                np.stack(
                    [np.repeat(a_vals, len(units)), np.tile(np.arange(len(units)), len(a_vals))],
                    axis=1,
                ),
            ]
        )
        terms, tfirst = _unique_rows(terms_all)
        terms_rep = rep_all[tfirst]
        stats["distinct_terms"] = len(terms)
        sums = terms
        levels = []  # level k: (parent row in previous sums, term index)
        for _ in range(h - 1):
            work = len(sums) * len(terms) * n
            if max_work is not None and work > max_work:
                raise KernelTooLarge(
                    f"int:{q} kernel: combining hidden units needs {len(sums)} x {len(terms)} "
                    f"candidate sums on {n} points, more than the work limit {max_work}"
                )
            sums, parent = _add_terms(sums, terms, n)
            levels.append(parent)
        stats["distinct_hidden_sums"] = len(sums)
        sum_rep = np.arange(len(sums))
        cvals = den * np.array(coef, dtype=np.int64)
    return _Sums(sums, cvals, sum_rep, levels, terms_rep, wb, units_rep, h, coef, stats)


def _add_terms(sums: np.ndarray, terms: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows s + t (s in sums, t in terms) and, per row, parent*|T| + term index."""
    nt = len(terms)
    block = max(1, _BLOCK_ELEMENTS // max(1, nt * n))
    outs: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for lo in range(0, len(sums), block):
        part = (sums[lo : lo + block, None, :] + terms[None, :, :]).reshape(-1, n)
        uniq, first = _unique_rows(part)
        outs.append(uniq)
        codes.append(first + lo * nt)
        if sum(len(o) for o in outs) > _MAX_ROWS:
            raise KernelTooLarge(
                f"the int:Q kernel would need more than {_MAX_ROWS} distinct partial sums of "
                "hidden units (too much memory); use a smaller Q"
            )
    allrows = np.concatenate(outs)
    allcodes = np.concatenate(codes)
    uniq, first = _unique_rows(allrows)
    return uniq, allcodes[first]


def _final_signs(
    sums: np.ndarray, cvals: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labelings of s + c over all sums and constants; one (row, c index) per labeling."""
    nc = len(cvals)
    block = max(1, _BLOCK_ELEMENTS // max(1, nc * n))
    labs: list[np.ndarray] = []
    rows: list[np.ndarray] = []
    cis: list[np.ndarray] = []
    for lo in range(0, len(sums), block):
        f = sums[lo : lo + block, None, :] + cvals[None, :, None]  # (B, C, n)
        valid = np.all(f != 0, axis=2)
        r_idx, c_idx = np.nonzero(valid)
        bits = _pack_signs(f[r_idx, c_idx] > 0, n)
        u, first = np.unique(bits, return_index=True)
        labs.append(u)
        rows.append(r_idx[first] + lo)
        cis.append(c_idx[first])
    if not labs:
        z = np.zeros(0, dtype=np.intp)
        return np.zeros(0, dtype=np.uint64 if n <= 64 else object), z, z
    allb = np.concatenate(labs)
    u, first = np.unique(allb, return_index=True)
    return u, np.concatenate(rows)[first], np.concatenate(cis)[first]


def _hidden_witness(
    row: int,
    levels: list[np.ndarray],
    terms_rep: np.ndarray,
    wb: np.ndarray,
    units_rep: np.ndarray,
    h: int,
    m: int,
    c: int,
) -> ReLUNet:
    nt = len(terms_rep)
    term_ids: list[int] = []
    for parent in reversed(levels):
        code = int(parent[row])
        row, t = divmod(code, nt)
        term_ids.append(t)
    term_ids.append(row)
    assert len(term_ids) == h
    hidden_w: list[list[int]] = []
    hidden_b: list[int] = []
    out_a: list[int] = []
    for t in term_ids:
        a, u = (int(v) for v in terms_rep[t])
        w = wb[int(units_rep[u])].tolist() if a != 0 else [0] * (m + 1)
        hidden_w.append(w[:m])
        hidden_b.append(w[m])
        out_a.append(a)
    return ReLUNet.from_lists([(hidden_w, hidden_b), ([out_a], [c])])
