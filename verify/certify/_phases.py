"""Checking refutation trees for one hidden layer, real weights (and affine halfspaces).

The checker builds every constraint itself from the question and the path in
the tree (lemmas R1–R6 of :mod:`verify.certify.lemmas`); the certificate only
names constraints and gives their non-negative weights.  Variables (after
scaling the points to integers X_i, lemma R5): for each hidden unit j its
weights and bias, then the output bias c; for ``m-1`` the weights and (unless
homogeneous) the bias.  With ``u_ij = W_j·X_i + B_j``:

* ``[i, "p", j, λ]``: ``u_ij ≥ 0`` if the path sets unit j *on* at point i,
  ``−u_ij ≥ 0`` if *off* (the phase must be fixed on the path);
* ``[i, "o", mask, λ]``: ``y_i·c + Σ_j t_j ≥ 1`` with the label y_i and the signs
  fixed on the path; ``t_j = y_i·s_j·u_ij`` for a unit on at i, 0 for a unit off;
  a unit with free phase must have ``y_i·s_j = −1`` and gives ``t_j = −u_ij`` if
  bit j of mask is set, else 0 (bits of units with fixed phase must be 0).
  For ``m-1``: ``y_i·(V·X_i + c) ≥ 1`` with mask 0.

A leaf ``{"farkas": [...]}`` is accepted iff every λ is a positive rational and
``Σ λ·row = 0`` while ``Σ λ·rhs > 0``.

>>> from fractions import Fraction as F
>>> ctx = PhaseChecker([(F(0), F(0)), (F(0), F(1)), (F(1), F(0)), (F(1), F(1))], 0, False)
>>> xor = {0: -1, 1: 1, 2: 1, 3: -1}
>>> ctx.check_tree({"farkas": [[0, "o", 0, 1], [1, "o", 0, 1], [2, "o", 0, 1],
...                             [3, "o", 0, 1]]}, xor)
[]
>>> ctx.check_tree({"farkas": [[0, "o", 0, 1], [1, "o", 0, 1]]}, xor)
['leaf at root: the weighted sum of the constraints is not 0 >= (positive)']
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from verify.certify._values import Point, integer, rational, scale_of
from verify.errors import InvalidArgument

Lit = tuple[Any, ...]
MAX_DEPTH = 10_000


class _Reject(Exception):
    """A part of the proof fails its re-check (message says where and why)."""


class PhaseChecker:
    """Re-checks trees and lemmas for ``m-h-1`` (h ≥ 1) or ``m-1`` (h = 0)."""

    def __init__(self, pts: Sequence[Point], hidden: int, homogeneous: bool):
        self.n = len(pts)
        self.m = len(pts[0])
        self.h = hidden
        self.homogeneous = homogeneous
        scale = scale_of(pts)
        self.X = [[int(c * scale) for c in p] for p in pts]
        if hidden == 0:
            self.nvar = self.m + (0 if homogeneous else 1)
        else:
            self.nvar = hidden * (self.m + 1) + 1
        self.lemmas: list[tuple[frozenset[Lit], Any]] = []
        self.covered: list[dict[int, int]] = []
        self.leaves = 0
        self.allow_covered = False

    # ----- the constraints ---------------------------------------------------------
    def _u(self, i: int, j: int) -> list[int]:
        row = [0] * self.nvar
        off = j * (self.m + 1)
        row[off: off + self.m] = self.X[i]
        row[off + self.m] = 1
        return row

    def _row(self, entry: object, labels: dict[int, int], signs: tuple[int, ...] | None,
             ph: dict[tuple[int, int], int]) -> tuple[list[int], int, Fraction]:
        if not isinstance(entry, list) or len(entry) != 4:
            raise InvalidArgument("certificate: a Farkas entry must be [point, kind, x, weight]")
        i = integer(entry[0], "Farkas entry point", 0, self.n - 1)
        kind = entry[1]
        lam = rational(entry[3], "Farkas weight")
        if lam <= 0:
            raise _Reject(f"Farkas weight {lam} is not positive")
        if kind == "p":
            j = integer(entry[2], "Farkas entry unit", 0, max(self.h - 1, 0))
            if self.h == 0:
                raise _Reject("a phase constraint in a network without hidden units")
            a = ph.get((i, j))
            if a is None:
                raise _Reject(f"constraint ({i}, p, {j}) names a phase the path does not fix")
            u = self._u(i, j)
            return (u if a == 1 else [-v for v in u]), 0, lam
        if kind != "o":
            raise InvalidArgument(f"certificate: unknown constraint kind {kind!r}")
        mask = integer(entry[2], "Farkas entry mask", 0, (1 << self.h) - 1)
        y = labels.get(i)
        if y is None:
            raise _Reject(f"constraint ({i}, o) needs the label of point {i}, not fixed here")
        row = [0] * self.nvar
        if self.h == 0:
            if mask:
                raise _Reject("mask must be 0 without hidden units")
            for k, v in enumerate(self.X[i]):
                row[k] = y * v
            if not self.homogeneous:
                row[self.m] = y
            return row, 1, lam
        if signs is None:
            raise _Reject(f"constraint ({i}, o) needs the output signs, not fixed here")
        row[-1] = y
        for j, s in enumerate(signs):
            a = ph.get((i, j))
            bit = (mask >> j) & 1
            if a is not None:
                if bit:
                    raise _Reject(f"constraint ({i}, o, {mask}) sets a bit of a fixed unit")
                use = a == 1
            else:
                if y * s > 0:
                    raise _Reject(f"constraint ({i}, o) needs the phase of unit {j} at point "
                                  f"{i} (its term y*s = +1), not fixed here")
                use = bool(bit)
            if use:
                off = j * (self.m + 1)
                c = y * s
                for k, v in enumerate(self.X[i]):
                    row[off + k] += c * v
                row[off + self.m] += c
        return row, 1, lam

    def _farkas(self, entries: object, labels: dict[int, int], signs: tuple[int, ...] | None,
                ph: dict[tuple[int, int], int]) -> None:
        if not isinstance(entries, list) or not entries:
            raise InvalidArgument("certificate: 'farkas' must be a non-empty list")
        total = [0] * self.nvar
        rhs: int | Fraction = 0
        frac = False
        for e in entries:
            row, b, lam = self._row(e, labels, signs, ph)
            if lam.denominator == 1 and not frac:
                c = lam.numerator
                for t, v in enumerate(row):
                    if v:
                        total[t] += c * v
                rhs += c * b
            else:
                frac = True
                ftotal: list[Any] = total
                for t, v in enumerate(row):
                    if v:
                        ftotal[t] = ftotal[t] + lam * v
                rhs = rhs + lam * b
        if any(total) or not rhs > 0:
            raise _Reject("the weighted sum of the constraints is not 0 >= (positive)")
        self.leaves += 1

    # ----- trees ---------------------------------------------------------------------
    def literals(self, labels: dict[int, int], signs: tuple[int, ...] | None,
                 ph: dict[tuple[int, int], int]) -> set[Lit]:
        lits: set[Lit] = {("y", i, y) for i, y in labels.items()}
        if signs is not None:
            lits.add(("s", sum(1 for s in signs if s > 0)))
        lits |= {("a", i, j, a) for (i, j), a in ph.items()}
        return lits

    def parse_literals(self, raw: object) -> tuple[frozenset[Lit], dict[int, int],
                                                    tuple[int, ...] | None,
                                                    dict[tuple[int, int], int]]:
        if not isinstance(raw, list):
            raise InvalidArgument("certificate: a lemma's 'assume' must be a list")
        labels: dict[int, int] = {}
        signs: tuple[int, ...] | None = None
        ph: dict[tuple[int, int], int] = {}
        for lit in raw:
            if not isinstance(lit, list) or not lit:
                raise InvalidArgument("certificate: a literal must be a non-empty list")
            if lit[0] == "y" and len(lit) == 3:
                i = integer(lit[1], "literal point", 0, self.n - 1)
                v = integer(lit[2], "literal label", -1, 1)
                if v == 0 or labels.get(i, v) != v:
                    raise InvalidArgument("certificate: a lemma fixes a label twice or to 0")
                labels[i] = v
            elif lit[0] == "s" and len(lit) == 2 and self.h:
                p = integer(lit[1], "literal signs", 0, self.h)
                if signs is not None:
                    raise InvalidArgument("certificate: a lemma fixes the signs twice")
                signs = (1,) * p + (-1,) * (self.h - p)
            elif lit[0] == "a" and len(lit) == 4 and self.h:
                i = integer(lit[1], "literal point", 0, self.n - 1)
                j = integer(lit[2], "literal unit", 0, self.h - 1)
                a = integer(lit[3], "literal phase", 0, 1)
                if ph.get((i, j), a) != a:
                    raise InvalidArgument("certificate: a lemma fixes a phase twice")
                ph[(i, j)] = a
            else:
                raise InvalidArgument(f"certificate: unknown literal {lit!r}")
        return frozenset(self.literals(labels, signs, ph)), labels, signs, ph

    def add_lemma(self, raw: object) -> list[str]:
        """Check one lemma (in order) and remember it; returns the rejections."""
        k = len(self.lemmas)
        assume = raw.get("assume") if isinstance(raw, dict) else None
        if not isinstance(raw, dict) or "tree" not in raw:
            raise InvalidArgument(f"certificate: lemma {k} needs 'assume' and 'tree'")
        lits, labels, signs, ph = self.parse_literals(assume)
        errors = self._walk(raw["tree"], labels, signs, ph, limit=k, where=f"lemma {k}")
        self.lemmas.append((lits, None if errors else True))
        return errors

    def check_tree(self, tree: object, labels: dict[int, int],
                   signs: tuple[int, ...] | None = None) -> list[str]:
        """Check a tree under fixed labels (the question's) — returns the rejections."""
        return self._walk(tree, dict(labels), signs, {}, limit=len(self.lemmas), where="")

    def _walk(self, tree: object, labels: dict[int, int], signs: tuple[int, ...] | None,
              ph: dict[tuple[int, int], int], limit: int, where: str) -> list[str]:
        errors: list[str] = []
        stack: list[tuple[object, dict[int, int], tuple[int, ...] | None,
                          dict[tuple[int, int], int], str]] = [(tree, labels, signs, ph, "root")]
        while stack:
            node, lab, sg, phs, path = stack.pop()
            if len(path) > 40 * MAX_DEPTH:
                raise InvalidArgument("certificate: the tree is too deep")
            try:
                self._node(node, lab, sg, phs, path, limit, stack)
            except _Reject as exc:
                errors.append(f"{where + ', ' if where else ''}leaf at {path}: {exc}"
                              if "farkas" in (node if isinstance(node, dict) else {})
                              else f"{where + ', ' if where else ''}node at {path}: {exc}")
        return errors

    def _node(self, node: object, lab: dict[int, int], sg: tuple[int, ...] | None,
              phs: dict[tuple[int, int], int], path: str, limit: int, stack: list[Any]) -> None:
        if not isinstance(node, dict) or len(node) not in (1, 3):
            raise InvalidArgument(f"certificate: malformed tree node at {path}")
        if "farkas" in node:
            self._farkas(node["farkas"], lab, sg, phs)
        elif "lemma" in node:
            k = integer(node["lemma"], "lemma number", 0)
            if k >= limit:
                raise _Reject(f"cites lemma {k}, which is not proved before this point")
            lits, ok = self.lemmas[k]
            if not ok:
                raise _Reject(f"cites lemma {k}, which failed its own check")
            if not lits <= self.literals(lab, sg, phs):
                raise _Reject(f"cites lemma {k}, whose assumptions the path does not make")
        elif "covered" in node:
            if not self.allow_covered or node["covered"] is not True:
                raise _Reject("a 'covered' leaf is allowed only in a count certificate")
            self.covered.append(dict(lab))
        elif "signs" in node:
            kids = node["signs"]
            if self.h == 0 or sg is not None:
                raise _Reject("splits the output signs where they are fixed or absent")
            if not isinstance(kids, list) or len(kids) != self.h + 1:
                raise _Reject(f"a signs split must have {self.h + 1} children")
            for p, kid in enumerate(kids):
                stack.append((kid, lab, (1,) * p + (-1,) * (self.h - p), phs,
                              f"{path}/s{p}"))
        elif "phase" in node:
            spec = node["phase"]
            if self.h == 0 or not isinstance(spec, list) or len(spec) != 2:
                raise InvalidArgument(f"certificate: malformed phase split at {path}")
            i = integer(spec[0], "phase point", 0, self.n - 1)
            j = integer(spec[1], "phase unit", 0, self.h - 1)
            if (i, j) in phs:
                raise _Reject(f"splits the phase of unit {j} at point {i} twice")
            for a, key in ((0, "off"), (1, "on")):
                if key not in node:
                    raise _Reject(f"a phase split lacks its '{key}' side")
                stack.append((node[key], lab, sg, {**phs, (i, j): a}, f"{path}/a{i}.{j}={a}"))
        elif "label" in node:
            i = integer(node["label"], "label point", 0, self.n - 1)
            if i in lab:
                raise _Reject(f"splits the label of point {i} twice")
            for y, key in ((-1, "neg"), (1, "pos")):
                if key not in node:
                    raise _Reject(f"a label split lacks its '{key}' side")
                stack.append((node[key], {**lab, i: y}, sg, phs, f"{path}/y{i}={y:+d}"))
        else:
            raise InvalidArgument(f"certificate: unknown tree node at {path}: {sorted(node)}")
