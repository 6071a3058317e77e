"""Checking robustness proofs: phase splits of a given network over a ball, Farkas leaves.

Question: is ``y·f(x') > 0`` for every x' with ``‖x' − x‖ ≤ r`` (ℓ∞ or ℓ2)?  The
checker computes plain interval bounds of every pre-activation over the box
``x ± r`` (which contains both balls); a unit whose bounds have one sign is
*stable* and its phase is known.  The proof is a tree of phase splits of the
other units, ``{"phase": [layer, unit], "off": T, "on": T}``; at a leaf every
pre-activation whose earlier layers have known phases is an affine function of
x', and so is f once all phases are known.  A leaf lists weights λ > 0 of

* ``["p", layer, unit, λ]``: ``z ≥ 0`` (unit on) or ``−z ≥ 0`` (off);
* ``["v", 0, 0, λ]``: ``−y·f(x') ≥ 0`` (the point is misclassified).

Adding them gives ``g·x' ≥ γ`` on the leaf's region; the leaf holds iff no
point of the current box ``[lo, hi]`` satisfies it, ``Σ_t max(g_t·lo_t, g_t·hi_t) < γ``
(at the root box ``x ± r`` this is ``g·x + r·‖g‖₁ < γ``), or, under ℓ2, no point of
the ball does: ``γ − g·x > 0`` and ``(γ − g·x)² > r²·‖g‖₂²`` — exact rational tests.

Since format version 3 a node may also bisect the current box (lemma R9),
``{"bisect": [coord, value], "low": T, "high": T}``: ``value`` must lie strictly
inside the box's range of ``coord``; ``low`` is the closed half with
``x'_coord ≤ value``, ``high`` the one with ``x'_coord ≥ value`` (together the
whole box).  The checker recomputes its exact bounds on each half, and so the
stable units there, and keeps the phases fixed higher up on the path.  The leaf
``{"bounds": true}`` (version 3) holds when those exact bounds over the current
box alone give ``y·f > 0``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from verify.certify import _values as V
from verify.certify._bounds import tight_bounds
from verify.errors import InvalidArgument

Affine = tuple[list[Fraction], Fraction]
_ZERO = Fraction(0)


class _Reject(Exception):
    pass


def _stable(bounds: list[list[tuple[Fraction, Fraction]]]) -> dict[tuple[int, int], int]:
    """Phases of the hidden units that exact bounds over a box fix."""
    stable: dict[tuple[int, int], int] = {}
    for layer, bl in enumerate(bounds[:-1]):
        for unit, (lb, ub) in enumerate(bl):
            if ub <= 0:
                stable[(layer, unit)] = 0
            elif lb >= 0:
                stable[(layer, unit)] = 1
    return stable


def check_box_proof(net: Sequence[V.Layer], x: V.Point, y: int, r: Fraction, norm: str,
                    proof: object, bisect: bool = True,
                    counts: dict[str, int] | None = None) -> list[str]:
    """The rejected parts of a robustness proof for one point (empty list: it holds).

    ``bisect``: whether the certificate's version allows bisection nodes (3 on);
    ``counts`` (if given) gets the numbers of ``"leaves"`` and ``"bisections"`` checked."""
    lo = [v - r for v in x]
    hi = [v + r for v in x]
    tree = V.get(proof, "tree", "proof")
    return _ProofWalk(net, x, y, r, norm, bisect, counts).run(tree, (lo, hi))


_Box = tuple[list[Fraction], list[Fraction]]
_Phases = dict[tuple[int, int], int]
_Todo = list[tuple[object, _Phases, _Box, str]]


class _ProofWalk:
    """One proof's tree walked depth first: each node checked against the current box
    (the checker's exact bounds, computed once per box) and the phases fixed on its path."""

    def __init__(self, net: Sequence[V.Layer], x: V.Point, y: int, r: Fraction, norm: str,
                 bisect: bool, counts: dict[str, int] | None) -> None:
        self.net, self.x, self.y, self.r, self.norm, self.bisect = net, x, y, r, norm, bisect
        self.memo: dict[tuple[tuple[Fraction, ...], tuple[Fraction, ...]],
                        list[list[tuple[Fraction, Fraction]]]] = {}
        self.tally = counts if counts is not None else {}

    def bounds_of(self, box: _Box) -> list[list[tuple[Fraction, Fraction]]]:
        """The checker's exact bounds over a box (every layer, output included)."""
        key = (tuple(box[0]), tuple(box[1]))
        if key not in self.memo:
            self.memo[key] = tight_bounds(self.net, *box)
        return self.memo[key]

    def run(self, tree: object, box: _Box) -> list[str]:
        """The rejected nodes (with their paths) of the tree over ``box``."""
        stack: _Todo = [(tree, _stable(self.bounds_of(box)), box, "root")]
        self.tally.setdefault("leaves", 0)
        self.tally.setdefault("bisections", 0)
        errors: list[str] = []
        while stack:
            node, ph, box, path = stack.pop()
            if not isinstance(node, dict):
                raise InvalidArgument(f"certificate: malformed proof node at {path}")
            try:
                self._visit(node, ph, box, path, stack)
            except _Reject as exc:
                errors.append(f"proof node at {path}: {exc}")
        return errors

    def _visit(self, node: dict[str, object], ph: _Phases, box: _Box, path: str,
               stack: _Todo) -> None:
        """Check one node; its children go on ``stack`` (a rejected node may leave the
        children pushed before the rejection, which are checked all the same)."""
        if "farkas" in node:
            _leaf(self.net, self.x, self.y, self.r, self.norm, ph, box, node["farkas"])
            self.tally["leaves"] += 1
        elif "phase" in node:
            self._phase(node, ph, box, path, stack)
        elif "bounds" in node:
            if not self.bisect:
                raise InvalidArgument("certificate: bounds leaves need format version 3")
            if node["bounds"] is not True:
                raise InvalidArgument(f"certificate: malformed bounds leaf at {path}")
            out_lb, out_ub = self.bounds_of(box)[-1][0]
            if not (out_lb > 0 if self.y > 0 else out_ub < 0):  # as in proved_by_bounds
                raise _Reject("the exact bounds over the box do not give label*f > 0")
            self.tally["leaves"] += 1
        elif "bisect" in node:
            self._bisection(node, ph, box, path, stack)
        else:
            raise InvalidArgument(f"certificate: unknown proof node at {path}")

    def _phase(self, node: dict[str, object], ph: _Phases, box: _Box, path: str,
               stack: _Todo) -> None:
        """A phase split of one hidden unit: both sides, but a side no point of the region
        has (the unit's phase is already known there) is not checked."""
        spec = node["phase"]
        if not isinstance(spec, list) or len(spec) != 2:
            raise InvalidArgument(f"certificate: malformed phase split at {path}")
        layer = V.integer(spec[0], "proof layer", 0, len(self.net) - 2)
        unit = V.integer(spec[1], "proof unit", 0, len(self.net[layer][1]) - 1)
        known = ph.get((layer, unit))
        for a, key in ((0, "off"), (1, "on")):
            if key not in node:
                raise _Reject(f"a phase split lacks its '{key}' side")
            if known is not None and known != a:
                continue  # no point of the region has this phase: nothing to check
            stack.append((node[key], {**ph, (layer, unit): a}, box,
                          f"{path}/{layer}.{unit}={a}"))

    def _bisection(self, node: dict[str, object], ph: _Phases, box: _Box, path: str,
                   stack: _Todo) -> None:
        """A bisection of the box (lemma R9): the value strictly inside the coordinate's
        range, both closed halves present, each with its own exact bounds."""
        if not self.bisect:
            raise InvalidArgument("certificate: bisection nodes need format version 3")
        spec = node["bisect"]
        if not isinstance(spec, list) or len(spec) != 2:
            raise InvalidArgument(f"certificate: malformed bisection at {path}")
        k = V.integer(spec[0], "bisection coordinate", 0, len(self.x) - 1)
        value = V.rational(spec[1], "bisection value")
        blo, bhi = box
        if not blo[k] < value < bhi[k]:
            raise _Reject(f"bisection value {value} of coordinate {k} is not inside "
                          f"the box's range [{blo[k]}, {bhi[k]}]")
        for key in ("low", "high"):
            if key not in node:
                raise _Reject(f"a bisection lacks its '{key}' half")
        self.tally["bisections"] += 1
        halves = (("low", blo, [*bhi[:k], value, *bhi[k + 1:]]),
                  ("high", [*blo[:k], value, *blo[k + 1:]], bhi))
        for key, sub_lo, sub_hi in halves:
            # phases fixed on the path stay (they hold on the region); the half's own
            # bounds fix more
            stack.append((node[key], {**_stable(self.bounds_of((sub_lo, sub_hi))), **ph},
                          (sub_lo, sub_hi), f"{path}/x{k}:{key}"))


def _forms(net: Sequence[V.Layer], ph: dict[tuple[int, int], int], upto: int,
           m: int) -> list[list[Affine | None]]:
    """Affine forms (in x') of every pre-activation of layers 0..upto whose inputs
    have known phases (None where not)."""
    cur: list[Affine | None] = [([Fraction(int(t == k)) for t in range(m)], _ZERO)
                                for k in range(m)]
    out: list[list[Affine | None]] = []
    for layer in range(upto + 1):
        w, b = net[layer]
        pre: list[Affine | None] = []
        for row, bias in zip(w, b, strict=True):
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
        nxt: list[Affine | None] = []
        for unit, form in enumerate(pre):
            phase = ph.get((layer, unit))
            if phase is None or form is None:
                nxt.append(None)
            elif phase == 1:
                nxt.append(form)
            else:
                nxt.append(([_ZERO] * m, _ZERO))
        cur = nxt
    return out


def _leaf(net: Sequence[V.Layer], x: V.Point, y: int, r: Fraction, norm: str,
          ph: dict[tuple[int, int], int], box: tuple[list[Fraction], list[Fraction]],
          entries: object) -> None:
    if not isinstance(entries, list) or not entries:
        raise InvalidArgument("certificate: 'farkas' must be a non-empty list")
    m = len(x)
    forms = _forms(net, ph, len(net) - 1, m)
    g = [_ZERO] * m
    gamma = _ZERO
    for e in entries:
        if not isinstance(e, list) or len(e) != 4:
            raise InvalidArgument("certificate: a proof entry must be [kind, layer, unit, weight]")
        lam = V.rational(e[3], "proof weight")
        if lam <= 0:
            raise _Reject(f"weight {lam} is not positive")
        if e[0] == "p":
            layer = V.integer(e[1], "proof layer", 0, len(net) - 2)
            unit = V.integer(e[2], "proof unit", 0, len(net[layer][1]) - 1)
            a = ph.get((layer, unit))
            form = forms[layer][unit]
            if a is None or form is None:
                raise _Reject(f"constraint of unit ({layer}, {unit}) needs phases the path "
                              "does not fix")
            sgn = 1 if a == 1 else -1
            coef, const = form
            for t in range(m):
                g[t] += lam * sgn * coef[t]
            gamma -= lam * sgn * const
        elif e[0] == "v":
            form = forms[-1][0]
            if form is None:
                raise _Reject("the misclassification constraint needs every phase fixed")
            coef, const = form
            for t in range(m):
                g[t] -= lam * y * coef[t]
            gamma += lam * y * const
        else:
            raise InvalidArgument(f"certificate: unknown proof constraint {e[0]!r}")
    lo, hi = box
    top = sum((max(gt * a, gt * b) for gt, a, b in zip(g, lo, hi, strict=True)), _ZERO)
    ok = top < gamma  # no point of the box satisfies g·x' >= gamma
    if not ok and norm == "2":
        slack = gamma - sum((gt * xt for gt, xt in zip(g, x, strict=True)), _ZERO)
        ok = slack > 0 and slack * slack > r * r * sum((v * v for v in g), _ZERO)
    if not ok:
        raise _Reject("the combined constraint does not exclude the region")
