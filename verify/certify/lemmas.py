"""The lemmas a certificate check relies on, with their proofs.

The checker re-derives every linear constraint and re-checks every witness,
Farkas vector and symmetry map in exact arithmetic.  What it cannot compute —
that the case split it checks covers every network of the class — rests on the
short mathematical facts below; the checker lists each one it uses, by name,
under ``checked`` as "relies on lemma …", never silently.

**R1 (output weights ±1).**  Every ``m-h-1`` ReLU network with real weights
computes the same function as one whose output weights are all in {−1, +1}.
*Proof.*  ReLU is positively homogeneous: ``a·ReLU(t) = sign(a)·ReLU(|a|·t)``
for ``a ≠ 0``; so unit j with output weight ``a_j ≠ 0`` may have its incoming
weights and bias multiplied by ``|a_j|`` and its output weight replaced by
``sign(a_j)``.  A unit with ``a_j = 0`` contributes nothing; it equals the unit
with zero incoming weights and bias and output weight +1.  ∎

**R2 (margin 1).**  If a network with output weights ±1 labels finitely many
points correctly (``y_i·f(x_i) > 0``), then one with the same output weights has
``y_i·f(x_i) ≥ 1`` at every point.  *Proof.*  With output weights fixed, f is
positively homogeneous of degree 1 in (hidden weights, hidden biases, output
bias) jointly; dividing them by ``μ = min_i y_i·f(x_i) > 0`` gives minimum 1.  ∎

**R3 (units interchangeable).**  Permuting the hidden units (with their output
weights) does not change the function; so the output signs may be assumed
sorted, +1 before −1, and a split over the h + 1 sorted sign vectors covers
every network.  ∎

**R4 (phases).**  For every network and point, each unit is *on* (``u ≥ 0``,
``ReLU(u) = u``) or *off* (``u ≤ 0``, ``ReLU(u) = 0``), both when ``u = 0``; so a
split of a unit's phase at a point into on/off covers every network.  A unit
whose term enters the output with coefficient ``y_i·s_j = −1`` satisfies
``−ReLU(u) ≤ −u`` and ``−ReLU(u) ≤ 0`` whatever its phase, so the output
constraint ``y_i·f(x_i) ≥ 1`` implies the constraint with that term replaced by
``−u`` or by 0.  ∎

**R5 (scaling).**  Multiplying every point by the common denominator L of the
coordinates and every first-layer weight by 1/L changes no pre-activation;
so the constraints may be written with integer points.  ∎

**R6 (sub-patterns and lemmas).**  A set of fixed choices (labels, output signs,
phases) under which the derived system is infeasible excludes every network
making those choices, whatever else holds; so a proof of infeasibility under a
set of choices (a *lemma*) applies at every node of a case split whose path
makes at least those choices.  ∎

**R7 (symmetry).**  Let g(x) = A·x + t be an invertible affine map that maps the
point set onto itself, x_i ↦ x_π(i).  If a network f of the class (``m-h-1`` or
``m-1`` with real weights, or affine halfspaces) labels x_i with y_i, the
network f∘g⁻¹ (first layer ``W·A⁻¹``, bias ``b − W·A⁻¹·t``; same class) labels
x_π(i) with y_i; and −f (output layer negated) labels every point with the
opposite label.  (Homogeneous halfspaces, offset 0, only for t = 0: a shift would
give the offset −W·A⁻¹·t.)  So the realizable labelings form a set closed under these
maps.  If the listed realizable set R is closed under a list of such maps and
every labeling ℓ outside R that no listed map sends to a smaller integer
(a *canonical* one) is refuted, every labeling outside R is unrealizable:
applying maps that decrease ℓ reaches a canonical labeling c in ℓ's orbit,
c is not in R (R is closed), so c is refuted, and ℓ, in the orbit of an
unrealizable labeling, is unrealizable.  ∎

**R8 (finite class).**  The class ``int:Q`` (integer weights and biases in
[−Q, Q]) is finite; enumerating every network of it and evaluating it exactly at
every point gives its realized set.  Hidden units may be taken as a multiset
(R3), so the enumeration runs over multisets of units.  ∎

**R9 (input bisection).**  For a box ``B = [lo, hi]`` and a value v with
``lo_k < v < hi_k``, the closed halves ``B ∩ {x_k ≤ v}`` and ``B ∩ {x_k ≥ v}`` are
boxes whose union is B; so a property proved on each half holds on B, and a
robustness proof may split the box into halves, each with its own exact bounds
(sound for each half, since every point of the half is a point of the box for which
the bounds are computed).  A phase fixed higher up on the path (by a split or by
the bounds of a larger box) is a constraint that holds on the whole region, so it
stays fixed in both halves.  ∎

**C1 (width-1 layers after the first).**  Every labeling of finitely many points
realized by an ``m-h-1-…-1`` network (real weights, every hidden layer after the
first of width 1) is realized by an ``m-h-1`` network; so a refutation for
``m-h-1`` refutes the labeling for ``m-h-1-…-1`` too.  *Proof.*  Write the network
as ``f = g(t)`` with ``t(x) = Σ_j v_j·ReLU(w_j·x + b_j)`` (the second layer's input
without its bias) and g a composition of maps ``s ↦ ReLU(e·s + d)`` and
``s ↦ e·s + c``, each monotone, so g is monotone.  If g is non-decreasing and f
labels the points correctly, every +1 point has a larger t than every −1 point
(else ``g(t₊) ≤ g(t₋) < 0`` at a +1 point), so ``t − θ`` with θ strictly between
the two classes' values of t labels them correctly: an ``m-h-1`` network (output
weights ``v_j``, output bias ``−θ``).  If g is non-increasing, ``θ − t``; if one
class is empty, a constant network.  ∎  (Stated and tested on random networks
in ``verify/encodings/chain.py``.)

**C2 (one first-layer unit, ``m-1-h-1``).**  Let ``K = 1, 2, h + 1`` for
``h = 1, 2, ≥ 3``.  If an ``m-1-h-1`` network (real weights) labels the points
x_1..x_n with y (``y_i·f(x_i) > 0``), then there are a sign s, signs
``c_ir ∈ {−1, +1}`` (r = 1..K) and reals W (m of them), β_1..β_K with
``c_ir·(W·X_i + β_r) ≥ 1`` for every i and r (``X_i = L·x_i``, lemma R5) and
``y_i = s·(−1)^N_i``, ``N_i = #{r : c_ir = +1}``.  *Proof.*  Write
``f = g(ReLU(z(x)))`` with z affine and g a ``1-h-1`` network of the line: g is
continuous and piecewise linear with at most h breakpoints, so its sign
changes at most K times along the line (at most h + 1, one per linear piece;
for h <= 2 at most h, because a piece between two sign changes of g needs
slopes of alternating signs that one or two units cannot produce — proved in
``verify/encodings/onefeature.py``).  Let ``u_i = ReLU(z_i)`` and
``v_1 < … < v_p`` the distinct values of u at the points: points with equal u
have equal labels (f depends on u only), and the labels along ``v_1..v_p``
change sign at most K times.  Put one threshold ``τ`` strictly inside each gap
``(v_q, v_(q+1))`` where the label changes and the remaining ones above
``v_p``; then ``y_i = s·(−1)^(#{r : τ_r < u_i})`` with s the label at ``v_1``.
Every τ exceeds ``v_1 ≥ 0``, so a point with ``z_i ≤ 0`` (``u_i = 0``) has no
threshold below either z_i or u_i, and a point with ``z_i > 0`` has ``u_i = z_i``:
the count is the same with z in place of u, and no z_i equals a τ_r.  With
``δ = min |z_i − τ_r| > 0``, ``W = w/(L·δ)``, ``β_r = (b − τ_r)/δ`` and
``c_ir = sign(z_i − τ_r)`` every inequality holds.  ∎  So a case split over s
and the c_ir whose every leaf either has an infeasible system of the fixed
inequalities (a Farkas leaf) or fixes s, a labelled point's y_i and all its
c_ir with ``y_i ≠ s·(−1)^N_i`` (a parity leaf) shows that no ``m-1-h-1`` network
realizes the labels (R6 for the partial choices).  The converse also holds
(the reduction is exact), but the checker needs only this direction.

>>> sorted(LEMMAS)
['C1', 'C2', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9']
"""

from __future__ import annotations

__all__ = ["LEMMAS", "cite"]

LEMMAS = {
    "R1": "output weights +-1 (positive homogeneity of ReLU)",
    "R2": "margin 1 (joint homogeneity once the output weights are fixed)",
    "R3": "hidden units are interchangeable: sorted output signs cover every network",
    "R4": "each ReLU is on or off at each point; free terms with y*s = -1 bounded by -u and 0",
    "R5": "points scaled to integers by their common denominator",
    "R6": "a refutation under some choices (a lemma) applies wherever those choices are made",
    "R7": "the class is closed under the point set's affine symmetries (linear ones for "
          "homogeneous halfspaces) and label negation",
    "R8": "int:Q is finite: exhaustive exact enumeration over multisets of hidden units",
    "R9": "a box is the union of its two closed halves along any coordinate",
    "C1": "m-h-1-...-1 (width-1 layers after the first) realizes only labelings m-h-1 realizes",
    "C2": "m-1-h-1 realizes y only if one affine feature with K thresholds gives y by the "
          "parity of the thresholds below each point",
}


def cite(*names: str) -> str:
    """The ``checked`` line for the lemmas used.

    >>> cite("R5")
    'relies on lemma R5 (points scaled to integers ...) (proved in verify/certify/lemmas.py)'
    """
    parts = ", ".join(f"{n} ({LEMMAS[n]})" for n in names)
    word = "lemma" if len(names) == 1 else "lemmas"
    return f"relies on {word} {parts} (proved in verify/certify/lemmas.py)"
