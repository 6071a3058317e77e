"""Robustness proofs: phase splits of a given network over the box x ± r, Farkas leaves.

A proof that ``y·f(x') > 0`` for every x' of the box ``x ± r`` (and so of the ℓ∞
ball, and of the ℓ2 ball inside it) in the format that
:mod:`verify.certify._robust_proof` re-checks: exact bounds over the box
(:func:`verify.encodings.robust_bounds.tight_bounds`, the rule the checker
re-computes with its own code) fix the *stable* units; the other units are split in layer order
(``{"phase": [layer, unit], "off": …, "on": …}``); at a leaf the weights λ of the
derivable constraints (``["p", layer, unit, λ]``: the unit's pre-activation
``≥ 0`` or ``≤ 0``; ``["v", 0, 0, λ]``: ``−y·f ≥ 0``) add up to an inequality
``g·x' ≥ γ`` that no point of the box satisfies.  The search is a branch and
bound with the small floating-point LP of :mod:`verify.encodings.smalllp`
(the box rows included); every leaf's vector is made exact
(:mod:`verify.encodings.farkas`) and the box rows dropped, which the checker's
region test ``g·x + r·‖g‖₁ < γ`` replaces.

Under ℓ2 (``norm="2"``) the box may hold misclassified points outside the ball.
A node whose region meets the box is then closed by an *ℓ2 leaf* when the
region (its phase constraints, and ``−y·f ≥ 0`` once every phase is fixed)
lies outside the ball: the multipliers of its point nearest to x
(:func:`verify.encodings.robust_kkt.nearest_with_multipliers`, exact KKT) are the
leaf's weights, and they add up to ``g·x' ≥ γ`` with ``γ − g·x = ‖p − x‖² > 0``
and ``(γ − g·x)² > r²‖g‖²`` — the checker's exact ℓ2 test.

>>> from fractions import Fraction as F
>>> from verify.nets.network import ReLUNet
>>> net = ReLUNet.from_lists([([[1], [-1]], [0, 0]), ([[1, 1]], ["-1/2"])])  # |x| - 1/2
>>> proof = prove_box(net, (F(2),), 1, F(1))
>>> sorted(proof)
['tree']
>>> prove_box(net, (F(0),), -1, F(1)) is None       # |x'| - 1/2 > 0 near x' = 1
True

Under ℓ2 the box can hold a misclassified point outside the ball: with x = (1, 1)
and r = 1/3, x1 + x2 − 3/2 is negative at the box corner (2/3, 2/3), but its zero
set is at distance √2/4 > 1/3 from x (nearest point (3/4, 3/4)):

>>> lin = ReLUNet.from_lists([([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], ["-3/2"])])
>>> x, r = (F(1), F(1)), F(1, 3)
>>> prove_box(lin, x, 1, r) is None                   # the box corner (2/3, 2/3) fails
True
>>> leaf = prove_box(lin, x, 1, r, norm="2")["tree"]
>>> leaf
{'farkas': [['v', 0, 0, Fraction(1, 4)]]}
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from verify.encodings.farkas import farkas_from_guess, farkas_vector
from verify.encodings.robust_bounds import tight_bounds
from verify.encodings.smalllp import SmallLP
from verify.nets.network import ReLUNet

__all__ = ["prove_box"]

Affine = tuple[list[Fraction], Fraction]
_ZERO = Fraction(0)
MAX_NODES = 20_000
BOX_NODES = 64
"""Nodes of the phase-split search on one box before it is bisected."""
SPLIT_UNITS = 4
"""Boxes with more unstable units are bisected without a phase-split search."""
L2_BOX_NODES = 2_000
"""Nodes of the box proof tried first under ℓ2."""


def _forms(net: ReLUNet, ph: dict[tuple[int, int], int], m: int
           ) -> list[list[Affine | None]]:
    """Affine forms in x' of every pre-activation whose inputs have known phases."""
    cur: list[Affine | None] = [([Fraction(int(t == k)) for t in range(m)], _ZERO)
                                for k in range(m)]
    out: list[list[Affine | None]] = []
    last = len(net.layers) - 1
    for li, layer in enumerate(net.layers):
        pre: list[Affine | None] = []
        for row, bias in zip(layer.weights, layer.bias, strict=True):
            coef = [_ZERO] * m
            const = bias
            ok = True
            for a, h in zip(row, cur, strict=True):
                if a == 0:
                    continue
                if h is None:
                    ok = False
                    break
                for t in range(m):
                    coef[t] += a * h[0][t]
                const += a * h[1]
            pre.append((coef, const) if ok else None)
        out.append(pre)
        if li == last:
            break
        nxt: list[Affine | None] = []
        for unit, form in enumerate(pre):
            phase = ph.get((li, unit))
            if phase is None or form is None:
                nxt.append(None)
            else:
                nxt.append(form if phase == 1 else ([_ZERO] * m, _ZERO))
        cur = nxt
    return out


def _int_row(coef: Sequence[Fraction], const: Fraction) -> tuple[list[int], int, int]:
    """coef·x' ≥ const scaled by a positive integer s to integers: (row, rhs, s)."""
    s = 1
    for v in (*coef, const):
        s = math.lcm(s, v.denominator)
    return [int(v * s) for v in coef], int(const * s), s


class _Stop(Exception):
    """The search ends without a proof: ``definite`` when a region holds a misclassified
    point (no bisection can help), otherwise the node or time budget ran out."""

    def __init__(self, definite: bool) -> None:
        super().__init__("definite" if definite else "budget")
        self.definite = definite


def prove_box(net: ReLUNet, x: Sequence[Fraction], y: int, r: Fraction,
              deadline: float | None = None, max_nodes: int = MAX_NODES,
              norm: str = "inf", bisect: bool = True, box_nodes: int = BOX_NODES,
              split_units: int = SPLIT_UNITS) -> dict[str, Any] | None:
    """A proof that y·f > 0 on the whole box x ± r (``norm="inf"``), or on the ℓ2 ball
    of radius r (``norm="2"``: phase splits over the box, leaves by Farkas vectors or
    ℓ2 leaves), or None (a counterexample in the box, resp. the ball, too many
    nodes, or the deadline passed).  Under ℓ2 the box proof (with bisection) is tried
    first, with at most ``L2_BOX_NODES`` nodes and half of the time left (it proves the
    ball inside the box and needs no KKT solve); the ℓ2 search only when it fails.

    With ``bisect`` (ℓ∞) the box is split adaptively: a box whose exact bounds give
    y·f > 0 is the leaf ``{"bounds": true}``; a box with at most ``split_units``
    unstable units gets the phase-split search with ``box_nodes`` nodes; any other
    box (or one whose search does not close) is bisected at the middle of its widest
    coordinate (ties: the one with the largest first-layer weights into units
    unstable on the box), ``{"bisect": [k, v], "low": …, "high": …}``, and each half is
    proved the same way.  A box whose centre is misclassified ends the search.
    ``max_nodes`` (boxes and phase-split nodes together) and ``deadline`` bound the
    whole search."""
    if norm == "2":
        # the box proof first (bisected, with a share of the nodes and of the time: the
        # box may hold misclassified points outside the ball), then the ℓ2 search
        share = None if deadline is None else (
            time.perf_counter() + (deadline - time.perf_counter()) / 2)
        boxed = prove_box(net, x, y, r, share, min(max_nodes, L2_BOX_NODES), bisect=bisect,
                          box_nodes=box_nodes, split_units=split_units)
        if boxed is not None:
            return boxed
    lo = [v - r for v in x]
    hi = [v + r for v in x]
    nodes = [0]
    try:
        if norm == "inf" and bisect:
            tree = _bisect(net, x, y, r, lo, hi, {}, deadline, max_nodes,
                           (box_nodes, split_units), nodes)
        else:
            tree = _search(net, x, y, r, lo, hi, {}, deadline, max_nodes, nodes, norm)
    except _Stop:
        return None
    return {"tree": tree}


Phases = tuple[dict[tuple[int, int], int], list[tuple[int, int]]]


def _stable(bounds: list[list[tuple[Fraction, Fraction]]]) -> Phases:
    """Phases of the hidden units fixed by exact bounds over a box, and the other
    (unstable) units."""
    stable: dict[tuple[int, int], int] = {}
    unstable: list[tuple[int, int]] = []
    for li, bl in enumerate(bounds):
        for unit, (lb, ub) in enumerate(bl):
            if ub <= 0:
                stable[(li, unit)] = 0
            elif lb >= 0:
                stable[(li, unit)] = 1
            else:
                unstable.append((li, unit))
    return stable, unstable


def _bisect(net: ReLUNet, x: Sequence[Fraction], y: int, r: Fraction, lo: list[Fraction],
            hi: list[Fraction], inherited: dict[tuple[int, int], int], deadline: float | None,
            max_nodes: int, split: tuple[int, int], nodes: list[int]) -> dict[str, Any]:
    """A proof tree for the box [lo, hi] (phases ``inherited`` from larger boxes);
    ``split``: (nodes of a phase-split search, most unstable units to try one)."""
    _count_node(nodes, max_nodes, deadline)
    bounds = tight_bounds(net, lo, hi, with_output=True)
    out_lb, out_ub = bounds[-1][0]
    if (out_lb > 0 if y > 0 else out_ub < 0):  # the rule of proved_by_bounds
        return {"bounds": True}
    if y * net.evaluate([(a + b) / 2 for a, b in zip(lo, hi, strict=True)]) <= 0:
        raise _Stop(True)  # a misclassified point: no proof exists
    stable, unstable = _stable(bounds[:-1])
    box_nodes, split_units = split
    if len([u for u in unstable if u not in inherited]) <= split_units:
        budget = min(max_nodes, nodes[0] + box_nodes)
        try:
            return _search(net, x, y, r, lo, hi, inherited, deadline, budget, nodes, "inf",
                           (stable, unstable))
        except _Stop as stop:
            if stop.definite or nodes[0] >= max_nodes:
                raise
    first = net.layers[0].weights
    influence = [sum((abs(first[u][k]) for li, u in unstable if li == 0), _ZERO)
                 for k in range(len(lo))]
    k = max(range(len(lo)), key=lambda t: (hi[t] - lo[t], influence[t]))
    if hi[k] <= lo[k]:
        raise _Stop(False)
    v = (lo[k] + hi[k]) / 2
    ph = {**stable, **inherited}
    low = _bisect(net, x, y, r, lo, [*hi[:k], v, *hi[k + 1:]], ph, deadline, max_nodes,
                  split, nodes)
    high = _bisect(net, x, y, r, [*lo[:k], v, *lo[k + 1:]], hi, ph, deadline, max_nodes,
                   split, nodes)
    return {"bisect": [k, v], "low": low, "high": high}


def _count_node(nodes: list[int], max_nodes: int, deadline: float | None) -> None:
    """One more node of the search; :class:`_Stop` past ``max_nodes`` or the deadline."""
    nodes[0] += 1
    if nodes[0] > max_nodes or (deadline is not None and time.perf_counter() > deadline):
        raise _Stop(False)


def _box_rows(lo: Sequence[Fraction], hi: Sequence[Fraction]) -> list[tuple[list[int], int]]:
    """The box [lo, hi] as integer rows ``x'_k ≥ lo_k`` and ``−x'_k ≥ −hi_k``.

    >>> _box_rows([Fraction(1, 2)], [Fraction(3, 2)])
    [([2], 1), ([-2], -3)]
    """
    m = len(lo)
    rows: list[tuple[list[int], int]] = []
    for k in range(m):
        e = [Fraction(int(t == k)) for t in range(m)]
        row, rhs, _ = _int_row(e, lo[k])
        rows.append((row, rhs))
        row, rhs, _ = _int_row([-v for v in e], -hi[k])
        rows.append((row, rhs))
    return rows


class _Region:
    """The region of a phase pattern ``ph`` as integer rows ``row·x' ≥ rhs``: each fixed
    unit's pre-activation ``≥ 0`` (on) or ``≤ 0`` (off) whose form is known (key
    ``["p", layer, unit]``), and ``−y·f ≥ 0`` once the output's form is (``["v", 0, 0]``,
    ``closed``); ``scales[t]``: the positive integer that row ``t`` was scaled by."""

    def __init__(self, net: ReLUNet, ph: dict[tuple[int, int], int], y: int, m: int) -> None:
        forms = _forms(net, ph, m)
        self.keys: list[list[Any]] = []
        self.rows: list[list[int]] = []
        self.rhs: list[int] = []
        self.scales: list[int] = []
        for (li, unit), a in sorted(ph.items()):
            form = forms[li][unit]
            if form is not None:
                sg = 1 if a == 1 else -1
                self._add(["p", li, unit], [sg * v for v in form[0]], -sg * form[1])
        out_form = forms[-1][0]
        self.closed = out_form is not None
        if out_form is not None:
            self._add(["v", 0, 0], [-y * v for v in out_form[0]], y * out_form[1])

    def _add(self, key: list[Any], coef: Sequence[Fraction], const: Fraction) -> None:
        row, b, s = _int_row(coef, const)
        self.keys.append(key)
        self.rows.append(row)
        self.rhs.append(b)
        self.scales.append(s)


def _farkas_weights(rows: list[list[int]], rhs: list[int], m: int) -> list[int] | None:
    """Exact weights λ ≥ 0 proving ``rows·x' ≥ rhs`` infeasible (from the float LP's
    guess, else exactly), or None when the LP finds it feasible."""
    lp = SmallLP(m)
    lp.push([[float(v) for v in row] for row in rows], [float(v) for v in rhs])
    status, vec = lp.solve()
    lam: list[int] | None = None
    if status == "infeasible" and vec is not None:
        lam = farkas_from_guess(rows, rhs, vec[lp.first:].tolist())
    if lam is None and status != "feasible":
        lam = farkas_vector(rows, rhs)
    return lam


def _search(net: ReLUNet, x: Sequence[Fraction], y: int, r: Fraction, lo: list[Fraction],
            hi: list[Fraction], inherited: dict[tuple[int, int], int], deadline: float | None,
            max_nodes: int, nodes: list[int], norm: str, fixed: Phases | None = None
            ) -> dict[str, Any]:
    """Phase splits over the box [lo, hi] with Farkas (and, under ℓ2, ℓ2) leaves;
    raises :class:`_Stop` when there is no proof within the budget.  ``fixed``: the
    box's stable and unstable units, if already computed."""
    m = len(x)
    stable, unstable = _stable(tight_bounds(net, lo, hi)) if fixed is None else fixed
    stable = {**stable, **inherited}
    unstable = [u for u in unstable if u not in stable]
    box_rows = _box_rows(lo, hi)
    nb = len(box_rows)

    def node(ph: dict[tuple[int, int], int]) -> dict[str, Any]:
        _count_node(nodes, max_nodes, deadline)
        region = _Region(net, ph, y, m)
        lam = _farkas_weights([br[0] for br in box_rows] + region.rows,
                              [br[1] for br in box_rows] + region.rhs, m)
        if lam is not None:
            entries = [[*key, lam[nb + t] * region.scales[t]]
                       for t, key in enumerate(region.keys) if lam[nb + t]]
            if not entries:
                raise _Stop(True)  # the box alone is empty: cannot happen for r >= 0
            return {"farkas": entries}
        if norm == "2" and region.keys:
            leaf = _l2_leaf(region.rows, region.rhs, region.keys, region.scales, x, r,
                            deadline)
            if leaf is not None:
                return leaf
            if region.closed:
                raise _Stop(True)  # the region of this pattern meets the ball, or z3 gave up
        free = [u for u in unstable if u not in ph]
        if not free:
            raise _Stop(True)  # every phase fixed and feasible: a misclassified point exists
        li, unit = free[0]
        kids = {a: node({**ph, (li, unit): a}) for a in (0, 1)}
        return {"phase": [li, unit], "off": kids[0], "on": kids[1]}

    return node(stable)


def _l2_leaf(rows: list[list[int]], rhs: list[int], keys: list[list[Any]], scales: list[int],
             x: Sequence[Fraction], r: Fraction, deadline: float | None
             ) -> dict[str, Any] | None:
    """An ℓ2 leaf: the region {rows·x' ≥ rhs} lies outside the ball (KKT multipliers
    of its point nearest to x as weights), or None (it meets the ball, or no answer)."""
    from verify.encodings.robust_kkt import nearest_with_multipliers

    left = None if deadline is None else deadline - time.perf_counter()
    if left is not None and left <= 0:
        return None
    found = nearest_with_multipliers(rows, rhs, tuple(x), left)
    if found is None:
        return None
    point, lam = found
    if sum(((p - c) ** 2 for p, c in zip(point, x, strict=True)), _ZERO) <= r * r:
        return None
    entries = [[*key, lam[t] * scales[t]] for t, key in enumerate(keys) if lam[t]]
    return {"farkas": entries} if entries else None
