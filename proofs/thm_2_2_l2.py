"""Theorem 2.2 under ℓ2: the pieces of Appendix B's memorizer, with rational breakpoints.

Appendix B builds, for each +1 point x0, ψ = φ3 ∘ (1 + C·φ2 ∘ φ1) with
φ1 ≈ ‖x − x0‖², φ2 ≈ t^m and φ3 ≈ 1/w, and the classifier Ψ = 4·Σ ψ_i − 5/2.
Here every piece is the piecewise-linear (PL) interpolant of its function on
rational breakpoints, each piece's error is bounded exactly, and the composite is
shown to classify every ℓ2 ball of radius δ correctly — for every data set with
at most P points labelled +1 in the unit ball of R^d whose classes are
2ε-separated (the bounds depend only on distances):

* φ1: sq̃ interpolates t² on [−T, T] (T ≥ 2 + δ, step h1); chord minus t² on a piece
  [a, b] is (t − a)(b − t) ≤ (b − a)²/4 (sympy), so s ≤ φ1 ≤ s + d·h1²/4, s = ‖x − x0‖²;
* u = φ1/S with S = (2ε − δ)², v = min(u, 1) (two ReLUs);
* φ2: interpolant of v^m on [0, 1] (step h2); its error on a piece [a, b] lies between
  the midpoint error (exact) and (b − a)²·m(m − 1)·b^(m−2)/8 (exact);
* φ3: interpolant of 1/w on [1, 1 + C]; its error on [a, b] is exactly
  (√b − √a)²/(ab), bracketed in rationals; being a chord of a convex function it
  stays above 1/w, so it never lowers ψ (one piece suffices);
* inside a +1 ball (s ≤ δ²): ψ ≥ 1/(1 + C·(ρ^m + E2)) with ρ = (δ² + d·h1²/4)/S,
  which must exceed 5/8; near a −1 point every +1 point is at least 2ε − δ away, so
  u ≥ 1, v = 1 and ψ = 1/(1 + C) exactly (breakpoints), and P/(1 + C) < 5/8.

The network is then built on a small seeded data set and evaluated exactly at the
data and at rational points of the δ-balls.  Its size (non-zero weights) grows
like d^1.5/δ per ball: one-hidden-layer PL pieces, not the deep approximations
(log factors) the appendix counts, so this checks the construction's correctness,
not its size bound.

>>> r = check(cases=[{"P": 2, "d": 2, "eps": "1/4", "delta": "1/10"}], build={"N": 4,
...           "d": 2, "eps": "1/4", "delta": "1/10", "seed": 0, "probes": 4}, phi3_pieces=1)
>>> r.verdict, r.evidence["designs"][0]["C"], r.evidence["designs"][0]["m"]
('holds-on-instances', 4, 2)
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction
from typing import Any

from proofs.claim import FAILS, HOLDS_ON_INSTANCES, ClaimResult, table
from verify.errors import InvalidArgument
from verify.exact import require_int, require_rational_range

ID = "thm-2.2-l2"
TITLE = "Theorem 2.2 (ℓ2): the memorizer's PL pieces with rational breakpoints, exact errors"
STATEMENT = (
    "Theorem 2.2 under ℓ2; Appendix B: ψ = φ3 ∘ (1 + C·φ2 ∘ φ1) with φ1 ≈ ‖x − x0‖², "
    "φ2 ≈ t^m, φ3 ≈ 1/x, and Ψ = 4·Σψ_i − 5/2 with the terms of the −1 points switched off."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"cases": [{"P": 2, "d": 2, "eps": "1/4", "delta": "1/10"}],
              "build": {"N": 4, "d": 2, "eps": "1/4", "delta": "1/10", "seed": 0, "probes": 1},
              "phi3_pieces": 1},
    "default": {"cases": [{"P": 2, "d": 2, "eps": "1/4", "delta": "1/10"},
                          {"P": 10, "d": 3, "eps": "1/5", "delta": "1/20"},
                          {"P": 30, "d": 4, "eps": "1/10", "delta": "1/25"}],
                "build": {"N": 6, "d": 2, "eps": "1/4", "delta": "1/10", "seed": 0,
                          "probes": 6},
                "phi3_pieces": 4},
    "full": {"cases": [{"P": 2, "d": 2, "eps": "1/4", "delta": "1/10"},
                       {"P": 10, "d": 3, "eps": "1/5", "delta": "1/20"},
                       {"P": 30, "d": 4, "eps": "1/10", "delta": "1/25"},
                       {"P": 100, "d": 8, "eps": "1/10", "delta": "1/25"}],
             "build": {"N": 10, "d": 3, "eps": "1/5", "delta": "1/20", "seed": 0,
                       "probes": 10},
             "phi3_pieces": 8},
}


def _sqrt_bracket(q: Fraction, bits: int = 64) -> tuple[Fraction, Fraction]:
    scale = 2**bits
    r = math.isqrt(q.numerator * scale * scale // q.denominator)
    return Fraction(r, scale), Fraction(r + 1, scale)


def reciprocal_piece_error(a: Fraction, b: Fraction) -> tuple[Fraction, Fraction]:
    """Bracket of max over [a, b] of chord − 1/w = (√b − √a)²/(ab) = (a + b − 2√(ab))/(ab)."""
    lo, hi = _sqrt_bracket(a * b)
    return (a + b - 2 * hi) / (a * b), (a + b - 2 * lo) / (a * b)


def power_piece_error(a: Fraction, b: Fraction, m: int) -> tuple[Fraction, Fraction]:
    """Bracket of max over [a, b] of chord − t^m (0 <= a < b): the midpoint error, and
    (b − a)²·max f''/8 = (b − a)²·m(m − 1)·b^(m−2)/8."""
    mid = (a + b) / 2
    lower = (a**m + b**m) / 2 - mid**m
    upper = (b - a) ** 2 * m * (m - 1) * b ** max(m - 2, 0) / 8
    return lower, upper


def design(P: int, d: int, eps: Fraction, delta: Fraction, phi3_pieces: int) -> dict[str, Any]:
    """Choose h1, C, m, h2 and bound every piece; decide the two thresholds exactly."""
    S = (2 * eps - delta) ** 2
    m1 = 1
    while d * Fraction(1, m1) ** 2 / 4 > delta * delta:
        m1 += 1
    h1 = Fraction(1, m1)
    T = math.ceil((2 + delta) / h1) * h1
    k1 = int(2 * T / h1)
    rho = (delta * delta + d * h1 * h1 / 4) / S
    C = math.ceil(Fraction(8 * P, 5))
    m = 1
    while C * rho**m > Fraction(3, 10):
        m += 1
    m = max(m, 2)
    m2 = 1
    while Fraction(1, m2) ** 2 * m * (m - 1) / 8 > Fraction(1, 10 * C):
        m2 += 1
    h2 = Fraction(1, m2)
    pieces2 = [power_piece_error(h2 * j, h2 * (j + 1), m) for j in range(m2)]
    E2 = max(hi for _, hi in pieces2)
    E2_low = max(lo for lo, _ in pieces2)
    w_pts = [1 + Fraction(C * j, phi3_pieces) for j in range(phi3_pieces + 1)]
    pieces3 = [reciprocal_piece_error(a, b) for a, b in itertools.pairwise(w_pts)]
    inside = 1 / (1 + C * (rho**m + E2))
    outside = Fraction(P, 1 + C)
    return {
        "P": P, "d": d, "eps": eps, "delta": delta, "S": S, "h1": h1, "T": T,
        "phi1_pieces_per_coordinate": k1, "phi1_error": d * h1 * h1 / 4, "rho": rho,
        "C": C, "m": m, "h2": h2, "phi2_pieces": m2, "phi2_error_bracket": [E2_low, E2],
        "phi3_breakpoints": w_pts, "phi3_error_brackets": pieces3,
        "inside_lower_bound": inside, "inside_ok": inside > Fraction(5, 8),
        "outside_sum": outside, "outside_ok": outside < Fraction(5, 8),
        "size_per_ball": 3 * d * k1 + 2 * m2 + phi3_pieces * m2 + phi3_pieces,
    }


def _pl_terms(xs: list[Fraction], ys: list[Fraction]) -> list[tuple[Fraction, Fraction]]:
    """(breakpoint, coefficient) with f(t) = ys[0] + Σ coef·ReLU(t − breakpoint) on
    [xs[0], xs[-1]]."""
    slopes = [(y2 - y1) / (x2 - x1) for x1, x2, y1, y2 in
              zip(xs, xs[1:], ys, ys[1:], strict=False)]
    out = [(xs[0], slopes[0])]
    out += [(xs[j], slopes[j] - slopes[j - 1]) for j in range(1, len(slopes))]
    return [(t, c) for t, c in out if c != 0]


def build_network(pos: list[tuple[Fraction, ...]], info: dict[str, Any]) -> Any:
    """The classifier Ψ = 4·Σ ψ_i − 5/2 as a ReLUNet (positive points ``pos``)."""
    from verify.nets.network import ReLUNet

    d = len(pos[0])
    h1, T, S, C, m, h2 = info["h1"], info["T"], info["S"], info["C"], info["m"], info["h2"]
    xs1 = [-T + h1 * j for j in range(int(2 * T / h1) + 1)]
    sq = _pl_terms(xs1, [x * x for x in xs1])
    sq0 = xs1[0] ** 2
    xs2 = [h2 * j for j in range(int(1 / h2) + 1)]
    pw = _pl_terms(xs2, [x**m for x in xs2])
    xs3 = info["phi3_breakpoints"]
    rc = _pl_terms(xs3, [1 / x for x in xs3])
    P = len(pos)
    n1, n3, n4 = d * len(sq), len(pw), len(rc)
    W1, b1, W2, b2, W3, b3, W4, b4 = [], [], [], [], [], [], [], []
    for i, x0 in enumerate(pos):
        for k in range(d):
            for t, _ in sq:  # ReLU((x_k − x0_k) − t)
                W1.append([1 if kk == k else 0 for kk in range(d)])
                b1.append(-x0[k] - t)
        # u = (d·sq0 + Σ coef·unit)/S; units ReLU(u), ReLU(u − 1)
        row = [Fraction(0)] * (P * n1)
        for k in range(d):
            for j, (_, c) in enumerate(sq):
                row[i * n1 + k * len(sq) + j] = c / S
        W2 += [row, list(row)]
        b2 += [d * sq0 / S, d * sq0 / S - 1]
        for tau, _ in pw:  # ReLU(v − τ), v = ReLU(u) − ReLU(u − 1)
            r3 = [Fraction(0)] * (2 * P)
            r3[2 * i], r3[2 * i + 1] = Fraction(1), Fraction(-1)
            W3.append(r3)
            b3.append(-tau)
        for omega, _ in rc:  # ReLU(w − ω), w = 1 + C·Σ coef·ReLU(v − τ)
            r4 = [Fraction(0)] * (P * n3)
            for j, (_, c) in enumerate(pw):
                r4[i * n3 + j] = C * c
            W4.append(r4)
            b4.append(1 - omega)
    out = [Fraction(0)] * (P * n4)
    for i in range(P):
        for j, (_, c) in enumerate(rc):
            out[i * n4 + j] = 4 * c
    # ψ_i = r̃(w) = 1 + Σ coef·ReLU(w − ω): the constant 1 of each ball goes to the bias
    return ReLUNet.from_lists([(W1, b1), (W2, b2), (W3, b3), (W4, b4),
                               ([out], [4 * P - Fraction(5, 2)])])


def _ball_points(x: tuple[Fraction, ...], r: Fraction, rng: random.Random, count: int
                 ) -> list[tuple[Fraction, ...]]:
    """Rational points at ℓ2 distance <= r from x (exact), including x ± r·e_k."""
    d = len(x)
    pts = [tuple(x[j] + (r if j == k else 0) for j in range(d)) for k in range(d)]
    pts += [tuple(x[j] - (r if j == k else 0) for j in range(d)) for k in range(d)]
    while len(pts) < 2 * d + count:
        v = [Fraction(rng.randint(-10, 10), 10) for _ in range(d)]
        n2 = sum(c * c for c in v)
        if 0 < n2 <= 1:
            pts.append(tuple(a + r * c for a, c in zip(x, v, strict=True)))
    return pts


def build_data(spec: dict[str, Any]) -> tuple[list[tuple[Fraction, ...]], list[int],
                                              random.Random]:
    """The seeded data set of ``spec`` (``build`` parameters): points of (1/10)Z^d in the
    unit ball, classes 2ε-separated under ℓ2, and the generator (it then draws the probes).
    A request that cannot be met raises :class:`~verify.errors.InvalidArgument`.

    >>> pts, ys, _ = build_data({"N": 6, "d": 2, "eps": "1/4", "delta": "1/10", "seed": 0})
    >>> len(pts), sorted(set(ys))
    (6, [-1, 1])
    >>> build_data({"N": 16, "d": 1, "eps": "1/4", "delta": "1/10", "seed": 0})
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: build: cannot place 16 points in the unit ball of R^1: ...
    """
    N = require_int(spec["N"], "N", 2, 40)
    d = require_int(spec["d"], "d", 1, 6)
    e = require_rational_range(spec["eps"], "eps", 0, Fraction(1, 2), low_open=True,
                               high_open=True)
    require_rational_range(spec["delta"], "delta", 0, e / 2, low_open=True, high_open=True)
    rng = random.Random(require_int(spec["seed"], "seed", 0, 2**32))
    pts: list[tuple[Fraction, ...]] = []
    ys: list[int] = []
    if N > 15**d:  # the lattice {−7/10, …, 7/10}^d
        raise InvalidArgument(f"build: cannot place {N} points in the unit ball of R^{d}: "
                              f"the lattice (1/10)Z^{d} ∩ [−7/10, 7/10]^{d} has {15**d}")
    tries = 0
    while len(pts) < N:
        tries += 1
        if tries > 200_000:
            raise InvalidArgument(f"build: cannot place {N} points with 2ε = {2 * e} in the "
                                  f"unit ball of R^{d} (stopped after {len(pts)}; ask for "
                                  "fewer points or a smaller eps)")
        p = tuple(Fraction(rng.randint(-7, 7), 10) for _ in range(d))
        if sum(c * c for c in p) > 1 or p in pts:
            continue
        allowed = [y for y in (1, -1) if all(
            q == y or sum((a - b) ** 2 for a, b in zip(p, x, strict=True)) >= 4 * e * e
            for x, q in zip(pts, ys, strict=True))]
        if allowed:
            pts.append(p)
            ys.append(allowed[len(pts) % len(allowed)])
    return pts, ys, rng


def _built(spec: dict[str, Any], phi3_pieces: int) -> dict[str, Any]:
    pts, ys, rng = build_data(spec)
    N, d = len(pts), len(pts[0])
    e = require_rational_range(spec["eps"], "eps", 0, Fraction(1, 2), low_open=True,
                               high_open=True)
    dl = require_rational_range(spec["delta"], "delta", 0, e / 2, low_open=True,
                                high_open=True)
    probes = require_int(spec.get("probes", 4), "build: probes", 0, 10**4)
    pos = [p for p, y in zip(pts, ys, strict=True) if y > 0]
    info = design(max(len(pos), 1), d, e, dl, phi3_pieces)
    if not pos:
        return {"N": N, "positives": 0, "note": "no +1 point: Ψ = −5/2"}
    net = build_network(pos, info)
    wrong = []
    checked = 0
    for x, y in zip(pts, ys, strict=True):
        for z in _ball_points(x, dl, rng, probes):
            checked += 1
            if y * net.evaluate(z) <= 0:
                wrong.append({"point": x, "label": y, "probe": z})
    return {"N": N, "d": d, "eps": e, "delta": dl, "positives": len(pos),
            "architecture": net.architecture, "size": net.size,
            "size_predicted": len(pos) * info["size_per_ball"], "probes_checked": checked,
            "misclassified_probes": wrong[:3], "all_probes_correct": not wrong,
            "inside_ok": info["inside_ok"], "outside_ok": info["outside_ok"]}


def _chord_identity() -> tuple[Any, str]:
    """chord − t² = (t − a)(b − t) by sympy (so φ1's error is at most ((b − a)/2)² on [a, b],
    at the midpoint): the difference (0 when the identity holds) and the identity as text."""
    import sympy as sp

    a, b, t = sp.symbols("a b t")
    chord = a**2 + (b**2 - a**2) / (b - a) * (t - a)
    sq_difference = sp.simplify(chord - t**2 - (t - a) * (b - t))
    return sq_difference, "(t − a)(b − t)" if sq_difference == 0 else str(sq_difference)


def _design_case(case: dict[str, Any], k3: int) -> tuple[dict[str, Any], list[Any]]:
    """Every piece of one tuple (P, d, ε, δ) with its exact error bound, and its table row."""
    P = require_int(case["P"], "P", 1, 10_000)
    d = require_int(case["d"], "d", 1, 64)
    e = require_rational_range(case["eps"], "eps", 0, Fraction(1, 2), low_open=True,
                               high_open=True)
    dl = require_rational_range(case["delta"], "delta", 0, e / 2, low_open=True,
                                high_open=True)
    info = design(P, d, e, dl, k3)
    _E2lo, E2hi = info["phi2_error_bracket"]
    return info, [P, d, e, dl, info["phi1_pieces_per_coordinate"], info["phi1_error"],
                  info["C"], info["m"], info["phi2_pieces"], f"{float(E2hi):.3g}",
                  f"{float(info['inside_lower_bound']):.4f}",
                  f"{float(info['outside_sum']):.4f}",
                  "yes" if info["inside_ok"] and info["outside_ok"] else "NO",
                  P * info["size_per_ball"]]


def _explanation(designs: list[dict[str, Any]], rows: list[list[Any]], sq_identity: str,
                 k3: int, built: dict[str, Any]) -> str:
    """Each piece's exact error, the two thresholds, the network built, and its size."""
    return (
        f"For {len(designs)} parameter tuples (P points labelled +1, d, ε, δ < ε/2) every "
        "piece was chosen with rational breakpoints and its error bounded exactly: φ1 "
        f"(interpolant of t², chord − t² = {sq_identity} by sympy, so error ≤ h1²/4 per "
        "coordinate), φ2 (interpolant of v^m on [0,1], error bracketed between the midpoint "
        "error and (b − a)²m(m−1)b^(m−2)/8 on each piece), φ3 (interpolant of 1/w on "
        f"[1, 1 + C] with {k3} piece(s), error (√b − √a)²/(ab) per piece, bracketed; above "
        "1/w since 1/w is convex). The two thresholds hold exactly in every tuple: inside a "
        "+1 ball ψ ≥ 1/(1 + C(ρ^m + E2)) > 5/8 (values "
        + ", ".join(r[10] for r in rows) + "), and near a −1 point Σψ = P/(1 + C) < 5/8 "
        "(values " + ", ".join(r[11] for r in rows) + "), so Ψ = 4Σψ − 5/2 classifies every "
        "ℓ2 ball of radius δ of every such data set correctly. "
        + (f"Built on a seeded data set ({built['N']} points, {built['positives']} labelled "
           f"+1, d = {built.get('d')}): architecture {built.get('architecture')}, size "
           f"{built.get('size')} (predicted {built.get('size_predicted')}), "
           f"{built.get('probes_checked')} rational points of the δ-balls evaluated exactly: "
           + ("all correct." if built.get("all_probes_correct") else "SOME WRONG.")
           if "size" in built else "")
        + " Sizes grow like d^1.5/δ per ball (one-hidden-layer PL pieces, "
        "3d·(2T/h1) weights for φ1 alone), larger than the appendix's O(d log(d/δ) + "
        "polylog(N/δ)) per ball, which needs deep approximations of t², t^m and 1/x: this "
        "checks the construction's correctness, not its size bound. Two pieces turn out "
        "to be needed less than the appendix suggests: φ3 can be a single chord, and "
        "the clamp v = min(u, 1) makes ψ exact at the −1 points."
    )


def check(cases: list[dict[str, Any]], build: dict[str, Any], phi3_pieces: int
          ) -> ClaimResult:
    """Bound every piece exactly per case; build and probe the network on one data set."""
    k3 = require_int(phi3_pieces, "phi3_pieces", 1, 64)
    sq_difference, sq_identity = _chord_identity()
    designs = []
    rows = []
    for case in cases:
        info, row = _design_case(case, k3)
        designs.append(info)
        rows.append(row)
    built = _built(build, k3)
    ok = (all(x["inside_ok"] and x["outside_ok"] for x in designs)
          and built.get("all_probes_correct", True)
          and built.get("size", 0) == built.get("size_predicted", 0)
          and sq_difference == 0)
    verdict = HOLDS_ON_INSTANCES if ok else FAILS
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"cases": cases, "build": build, "phi3_pieces": k3},
        verdict=verdict,
        evidence={"designs": designs, "built": built, "chord_minus_square": sq_identity},
        explanation=_explanation(designs, rows, sq_identity, k3, built),
        evidence_kind="exact+symbolic" if ok else "counterexample",
        reason=("every PL piece's error bounded exactly; ψ > 5/8 inside +1 balls and "
                f"Σψ < 5/8 near −1 points for {len(designs)} tuples (all data sets of that "
                "size); network built and probed exactly; sizes ~d^1.5/δ per ball, not the "
                "appendix's log bound" if ok else "a threshold or a probe failed"),
        tables=[table("thm22_l2", "Theorem 2.2 (l2): PL pieces with rational breakpoints, "
                      "exact error bounds and the two thresholds (5/8)",
                      ["P", "d", "eps", "delta", "phi1 pieces", "phi1 error", "C", "m",
                       "phi2 pieces", "phi2 error", "psi inside >", "sum psi outside",
                       "thresholds", "size"], rows)],
    )
