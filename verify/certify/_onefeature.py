"""Checking refutations for ``m-1-h-1`` (one first-layer unit), real weights: lemma C2.

By lemma C2 of :mod:`verify.certify.lemmas`, a labeling realized by an
``m-1-h-1`` network gives a sign s and signs ``c_ir`` (point i, threshold
r = 0..K−1, ``K = 1, 2, h + 1`` for ``h = 1, 2, ≥ 3``) with
``c_ir·(W·X_i + β_r) ≥ 1`` for some reals W, β and ``y_i = s·(−1)^N_i``
(``N_i`` = number of r with ``c_ir = +1``).  The tree format is that of
:mod:`verify.certify._phases` with the "phase" of unit r at point i read as
``c_ir`` (``off`` = −1, ``on`` = +1), and two more node kinds:

* ``{"left": [tree_minus, tree_plus]}`` splits s (the label left of every
  threshold);
* ``{"parity": i}`` is a leaf when the path fixes s, the label of point i and
  all its K signs, and ``y_i ≠ s·(−1)^N_i``.

Farkas entries are ``[i, "c", r, λ]``: the row ``c_ir·(W·X_i + β_r) ≥ 1`` over the
variables ``(W, β_0..β_(K−1))``, available when the path fixes ``c_ir``.  The
checker derives every row itself from the points; K from h.  Lemmas (subtrees
proved once under literals ``["y", i, ±1]``, ``["s", 0 | 1]`` (s = −1 | +1) and
``["a", i, r, 0 | 1]`` (c_ir = −1 | +1), cited where the path makes them, R6) are
checked by the walk of :class:`~verify.certify._phases.PhaseChecker`.

>>> from fractions import Fraction as F
>>> pts = [(F(1),), (F(2),), (F(3),), (F(4),)]
>>> ck = OneFeatureChecker(pts, 2)
>>> ck.k, ck.nvar
(2, 3)
>>> ck.check_tree({"parity": 0}, {0: 1})
['node at root: a parity leaf needs s fixed']
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from verify.certify._phases import PhaseChecker, _Reject
from verify.certify._values import Point, integer, rational
from verify.errors import InvalidArgument


def sign_changes(h: int) -> int:
    """K(h) of lemma C2: the most sign changes of a ``1-h-1`` network on the line.

    >>> [sign_changes(h) for h in (1, 2, 3, 4)]
    [1, 2, 4, 5]
    """
    return h if h <= 2 else h + 1


def is_one_feature(widths: tuple[int, ...]) -> bool:
    """``m-1-h-1`` with h >= 2 (lemma C2; ``m-1-1-1`` is a chain, lemma C1)."""
    return len(widths) == 4 and widths[1] == 1 and widths[2] >= 2


def reduction_problem(widths: tuple[int, ...], ref: object) -> str | None:
    """The refutation must state lemma C2 with the K the checker derives from h."""
    k = sign_changes(widths[2])
    red = ref.get("reduction") if isinstance(ref, dict) else None
    if not (isinstance(red, dict) and red.get("lemma") == "C2"
            and red.get("sign_changes") == k):
        return (f"a refutation for {'-'.join(map(str, widths))} must state the reduction "
                f"(lemma C2) to one affine feature with K = {k} thresholds")
    return None


class OneFeatureChecker(PhaseChecker):
    """Re-checks C2 trees: labels, s, threshold signs; Farkas and parity leaves."""

    def __init__(self, pts: Sequence[Point], h: int):
        self.k = sign_changes(h)
        super().__init__(pts, self.k, homogeneous=False)
        self.nvar = self.m + self.k
        self.parity_leaves = 0

    def _row(self, entry: object, labels: dict[int, int], signs: tuple[int, ...] | None,
             ph: dict[tuple[int, int], int]) -> tuple[list[int], int, Fraction]:
        if not isinstance(entry, list) or len(entry) != 4 or entry[1] != "c":
            raise InvalidArgument("certificate: a C2 Farkas entry must be [point, 'c', "
                                  "threshold, weight]")
        i = integer(entry[0], "Farkas entry point", 0, self.n - 1)
        r = integer(entry[2], "Farkas entry threshold", 0, self.k - 1)
        lam = rational(entry[3], "Farkas weight")
        if lam <= 0:
            raise _Reject(f"Farkas weight {lam} is not positive")
        a = ph.get((i, r))
        if a is None:
            raise _Reject(f"constraint ({i}, c, {r}) names a sign the path does not fix")
        c = 1 if a == 1 else -1
        row = [c * v for v in self.X[i]] + [c if t == r else 0 for t in range(self.k)]
        return row, 1, lam

    def _node(self, node: object, lab: dict[int, int], sg: tuple[int, ...] | None,
              phs: dict[tuple[int, int], int], path: str, limit: int, stack: list[Any]) -> None:
        if isinstance(node, dict) and "left" in node:
            kids = node["left"]
            if len(node) != 1 or not isinstance(kids, list) or len(kids) != 2:
                raise InvalidArgument(f"certificate: malformed 'left' split at {path}")
            if sg is not None:
                raise _Reject("splits s where it is fixed")
            for s, kid in zip((-1, 1), kids, strict=True):
                stack.append((kid, lab, (s,), phs, f"{path}/s={s:+d}"))
        elif isinstance(node, dict) and "parity" in node:
            if len(node) != 1:
                raise InvalidArgument(f"certificate: malformed parity leaf at {path}")
            i = integer(node["parity"], "parity point", 0, self.n - 1)
            if sg is None:
                raise _Reject("a parity leaf needs s fixed")
            if i not in lab:
                raise _Reject(f"a parity leaf needs the label of point {i} fixed")
            cs = [phs.get((i, r)) for r in range(self.k)]
            if any(a is None for a in cs):
                raise _Reject(f"a parity leaf needs every threshold sign of point {i} fixed")
            ups = sum(1 for a in cs if a == 1)
            if lab[i] == sg[0] * (-1) ** ups:
                raise _Reject(f"point {i}: the parity agrees with its label (not a leaf)")
            self.parity_leaves += 1
        elif isinstance(node, dict) and "signs" in node:
            raise _Reject("a C2 tree splits s with 'left', not output signs")
        else:
            super()._node(node, lab, sg, phs, path, limit, stack)

    def literals(self, labels: dict[int, int], signs: tuple[int, ...] | None,
                 ph: dict[tuple[int, int], int]) -> set[tuple[Any, ...]]:
        lits: set[tuple[Any, ...]] = {("y", i, y) for i, y in labels.items()}
        if signs is not None:
            lits.add(("s", 1 if signs[0] > 0 else 0))
        lits |= {("a", i, j, a) for (i, j), a in ph.items()}
        return lits
