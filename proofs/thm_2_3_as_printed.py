"""Theorem 2.3 as quantified in the paper: "for arbitrary 2ε-separated D … n = Ω(√(Nd))".

Read literally, the bound must hold for every data set.  A trivial data set
decides it: put the +1 points at first coordinate ≥ ε and the −1 points at
first coordinate ≤ −ε (2ε-separated under ℓ∞ and ℓ2, any N, any d).  The network
f(x) = x_1 (one non-zero weight, no hidden layer) — or ReLU(x_1) − ReLU(−x_1)
with one hidden layer (4 non-zero weights) — has zero robust training error at
every radius δ < ε, because x'_1 ≥ x_1 − δ > 0 on the ball of a +1 point (and
symmetrically).  Its size does not grow with N or d, so no constant c > 0 gives
n ≥ c·√(Nd) for all data sets: the literal reading fails.  (A data set with one
label is memorized by a constant network with no non-zero weight at all.)

Checked here exactly on seeded random instances: the data set is 2ε-separated
(ℓ∞ and ℓ2) and the fixed networks are verified robust at δ by the robustness
verifier, for N up to ``max(Ns)`` and d up to ``max(ds)``.

>>> r = check(Ns=[4, 8], ds=[1, 2], eps="1/4", delta="1/8", seed=0)
>>> r.verdict, [row["sizes"] for row in r.evidence["instances"]][:1]
('fails', [{'linear': 1, 'one_hidden_layer': 4, 'constant_on_one_label': 0}])
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

from proofs.claim import FAILS, OUT_OF_REACH, ClaimResult, table
from verify.exact import require_int, require_rational_range

ID = "thm-2.3-as-printed"
TITLE = "Theorem 2.3 as printed: the lower bound for every 2ε-separated data set"
STATEMENT = (
    "Let p ∈ {2, +∞} and F_n be the set of functions represented by ReLU networks with at "
    "most n parameters. For arbitrary 2ε-separated data set D under ℓp norm, if there "
    "exists a classifier f ∈ F_n such that L̂_D^{p,δ}(f) = 0, then it must hold that "
    "n = Ω(√(Nd)) (Theorem 2.3)."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"Ns": [4, 8], "ds": [1, 2], "eps": "1/4", "delta": "1/8", "seed": 0},
    "default": {"Ns": [4, 16, 30], "ds": [1, 2, 4], "eps": "1/4", "delta": "1/8", "seed": 0},
    "full": {"Ns": [4, 16, 30, 100], "ds": [1, 2, 4, 8], "eps": "1/4", "delta": "1/8",
             "seed": 0},
}


def split_data(N: int, d: int, eps: Fraction, rng: random.Random
               ) -> tuple[list[tuple[Fraction, ...]], list[int]]:
    """N labelled points in [−1, 1]^d: label +1 iff x_1 >= ε, else x_1 <= −ε.

    Coordinates are multiples of 1/20 (and ±ε); both labels occur when N >= 2.
    """
    pts: list[tuple[Fraction, ...]] = []
    ys: list[int] = []
    for i in range(N):
        y = 1 if i % 2 == 0 else -1
        first = y * (eps + (1 - eps) * Fraction(rng.randint(0, 20), 20))
        rest = tuple(Fraction(rng.randint(-20, 20), 20) for _ in range(d - 1))
        pts.append((first, *rest))
        ys.append(y)
    return pts, ys


def _networks(d: int) -> dict[str, Any]:
    from verify.nets.network import ReLUNet

    e1 = [1] + [0] * (d - 1)
    return {
        "linear": ReLUNet.from_lists([([e1], [0])]),
        "one_hidden_layer": ReLUNet.from_lists([([e1, [-v for v in e1]], [0, 0]),
                                                ([[1, -1]], [0])]),
        "constant_on_one_label": ReLUNet.from_lists([([[0] * d], [1])]),
    }


def _instance(N: int, d: int, e: Fraction, dl: Fraction, rng: random.Random
              ) -> dict[str, Any]:
    """One seeded split data set: its 2ε-separation, and the fixed networks' robustness
    at δ under ℓ∞ and ℓ2 (the constant network on the +1 points alone), decided exactly."""
    from verify.encodings.robust import verify_robustness
    from verify.geometry.checks import separation

    pts, ys = split_data(N, d, e, rng)
    A = [p for p, y in zip(pts, ys, strict=True) if y > 0]
    B = [p for p, y in zip(pts, ys, strict=True) if y < 0]
    separated = {n: bool(separation(A, B, n, e).holds) for n in ("inf", "2")}
    nets = _networks(d)
    robust: dict[str, Any] = {}
    for norm in ("inf", "2"):
        for name in ("linear", "one_hidden_layer"):
            rep = verify_robustness(nets[name], pts, ys, dl, norm)
            robust[f"{name}_{norm}"] = rep.robust
        one_label = verify_robustness(nets["constant_on_one_label"], A, [1] * len(A), dl, norm)
        robust[f"constant_on_one_label_{norm}"] = one_label.robust
    sizes = {k: v.size for k, v in nets.items()}
    return {"N": N, "d": d, "separated": separated, "sizes": sizes, "robust": robust,
            "sqrt_Nd_squared": N * d}


def _explanation(instances: list[dict[str, Any]], Ns: list[int], ds: list[int], e: Fraction,
                 dl: Fraction, unverified: list[dict[str, Any]]) -> str:
    """What was verified, and why it refutes the statement read literally."""
    largest = max(instances, key=lambda x: x["N"] * x["d"])
    return (
        f"On {len(instances)} seeded data sets (N ∈ {sorted(set(Ns))}, d ∈ {sorted(set(ds))}, "
        f"ε = {e}) whose +1 points have x_1 ≥ ε and −1 points x_1 ≤ −ε, the networks "
        "f(x) = x_1 (1 non-zero weight) and ReLU(x_1) − ReLU(−x_1) (4) were verified exactly "
        f"to have zero robust training error at δ = {dl} under ℓ∞ and ℓ2"
        + (f" — except {len(unverified)} instance(s), so nothing is concluded. "
           if unverified else ". ")
        + "This holds for every N and d (x'_1 ≥ x_1 − δ > 0 on the ball of a +1 point), while "
        f"√(Nd) grows without bound (√{largest['N'] * largest['d']} at the largest instance): "
        "read literally ('for arbitrary 2ε-separated data set D'), n = Ω(√(Nd)) fails. "
        "A data set with a single label is memorized by a constant network (0 non-zero "
        "weights). What the argument supports is the worst case over data sets: see "
        "thm-2.3-intended."
    )


def check(Ns: list[int], ds: list[int], eps: object, delta: object, seed: int
          ) -> ClaimResult:
    """Verify the fixed small networks robust on seeded split data sets of every size."""
    e = require_rational_range(eps, "eps", 0, Fraction(1, 2), low_open=True, high_open=True)
    dl = require_rational_range(delta, "delta", 0, e, high_open=True)
    rng = random.Random(require_int(seed, "seed", 0, 2**32))
    instances: list[dict[str, Any]] = []
    rows: list[list[Any]] = []
    unverified: list[dict[str, Any]] = []
    for N in Ns:
        N = require_int(N, "N", 2, 10_000)
        for d in ds:
            entry = _instance(N, require_int(d, "d", 1, 64), e, dl, rng)
            instances.append(entry)
            robust_all = all(v is True for v in entry["robust"].values())
            if not (all(entry["separated"].values()) and robust_all):
                unverified.append(entry)
            rows.append([N, entry["d"], N * entry["d"], entry["sizes"]["linear"],
                         entry["sizes"]["one_hidden_layer"], "yes" if robust_all else "NO"])
    verdict = OUT_OF_REACH if unverified else FAILS
    largest = max(instances, key=lambda x: x["N"] * x["d"])
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"Ns": Ns, "ds": ds, "eps": e, "delta": dl, "seed": seed},
        verdict=verdict,
        evidence={"instances": instances, "unverified": len(unverified)},
        explanation=_explanation(instances, Ns, ds, e, dl, unverified),
        evidence_kind="counterexample+solver" if verdict == FAILS else "none",
        reason=("f(x) = x_1 (1 weight) robustly memorizes split data sets of every N and d "
                "(verified exactly up to N·d = "
                f"{largest['N'] * largest['d']}): no n = Ω(√(Nd)) for arbitrary D"
                if verdict == FAILS else f"{len(unverified)} instance(s) not verified"),
        tables=[table("thm23_printed", "Theorem 2.3 read literally: fixed small networks with "
                      "zero robust training error on split data sets (sizes: non-zero weights)",
                      ["N", "d", "N d", "size x_1", "size ReLU(x_1) - ReLU(-x_1)",
                       "robust (exact, l_inf and l_2)"], rows)],
    )
