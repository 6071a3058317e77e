"""Proposition 3.2 as an exact check on given sets, and on seeded random sets.

Proposition 3.2: for 2ε-separated A, B ⊂ [0,1]^d, f* is 1/ε-Lipschitz and has
robust error 0 at radius ε (Definition 3.1: closed ball).  The Lipschitz bound
and zero robust error at every radius r < ε hold; the statement *as printed*
(closed ball, radius exactly ε) fails whenever some a ∈ A, b ∈ B are exactly
2ε apart: the midpoint m = (a + b)/2 is within ε of both, so
d(m, A) = d(m, B) = ε and f*(m) = 0, which is wrong for both labels.
:func:`prop32_check` reports that counterexample with exact coordinates.

>>> checks = prop32_check([(0,)], [(1,)], "1/2", "inf")
>>> [c.holds for c in checks]
[True, True, True, False]
>>> checks[-1].evidence["counterexample"]["perturbed"]
[Fraction(1, 2)]
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from verify.encodings.fstar_robust import robust_error
from verify.errors import InvalidArgument
from verify.exact import require_int, require_rational_range
from verify.geometry.checks import Check, separation
from verify.geometry.fstar import f_star_interval, lipschitz_check
from verify.geometry.norms import _key, parse_norm, rational_points
from verify.geometry.pointsets import Point
from verify.progress import progress

__all__ = ["MAX_EXAMPLES", "prop32_check", "prop32_trials", "random_separated_sets"]

#: Most random examples of one :func:`prop32_trials` run (each takes up to ~0.1 s).
MAX_EXAMPLES = 10_000


def random_separated_sets(rng: random.Random, d: int, eps: Fraction, norm: str,
                          size: int = 6, boundary: bool = False, den: int = 12
                          ) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """Random non-empty A, B ⊂ [0,1]^d, 2ε-separated under ``norm`` (seeded by ``rng``).

    Coordinates are multiples of 1/den (plus the offset 2ε on one axis when
    ``boundary`` is True, which puts a pair at distance exactly 2ε).  Requires
    2ε <= 1.

    Examples
    --------
    >>> A, B = random_separated_sets(random.Random(1), 2, Fraction(1, 4), "2", boundary=True)
    >>> separation(A, B, "2", Fraction(1, 4)).evidence["distance_squared"]
    Fraction(1, 4)
    """
    two = 2 * eps
    if two > 1:
        raise InvalidArgument("random_separated_sets: need 2*eps <= 1 to fit in [0,1]^d")
    need = two * two if norm == "2" else two

    def rand_point() -> Point:
        return tuple(Fraction(rng.randint(0, den), den) for _ in range(d))

    A: list[Point] = []
    B: list[Point] = []
    if boundary:
        a = rand_point()
        k = rng.randrange(d)
        if a[k] + two > 1 and a[k] - two < 0:  # neither side fits: move a to the face
            a = tuple(Fraction(0) if i == k else c for i, c in enumerate(a))
        shift = two if a[k] + two <= 1 else -two
        b = tuple(c + shift if i == k else c for i, c in enumerate(a))
        A.append(a)
        B.append(b)
    tries = 0
    while (len(A) + len(B) < size or not A or not B) and tries < 50 * size:
        tries += 1
        p = rand_point()
        if p in A or p in B:
            continue
        own, other = (A, B) if rng.random() < 0.5 else (B, A)
        if all(_key(p, q, norm) >= need for q in other):
            own.append(p)
    if not A or not B:  # fall back to two opposite corners (distance >= 1 >= 2eps)
        A, B = [tuple(Fraction(0) for _ in range(d))], [tuple(Fraction(1) for _ in range(d))]
    return tuple(A), tuple(B)


def _default_pairs(A: Sequence[Point], B: Sequence[Point], rng: random.Random,
                   count: int) -> list[tuple[Point, Point]]:
    d = len(A[0])
    pts = list(A) + list(B)
    mids = [tuple((x + y) / 2 for x, y in zip(a, b, strict=True)) for a in A for b in B]
    out = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.4 and mids:
            x = rng.choice(mids)
        elif kind < 0.6:
            x = rng.choice(pts)
        else:
            x = tuple(Fraction(rng.randint(-6, 30), 24) for _ in range(d))
        h = tuple(Fraction(rng.randint(-4, 4), 48) for _ in range(d))
        if all(c == 0 for c in h):
            h = (Fraction(1, 48), *h[1:])
        out.append((x, tuple(a + b for a, b in zip(x, h, strict=True))))
    return out


def prop32_check(A: object, B: object, eps: object, norm: str,
                 pairs: Sequence[tuple[Sequence[object], Sequence[object]]] | None = None,
                 radius: object = None, seed: int = 0) -> list[Check]:
    """Check Proposition 3.2 on given A, B: its hypothesis and each conclusion, exactly.

    Parameters
    ----------
    A, B : spec, PointSet or rows of rationals
    eps : rational > 0
    norm : "inf", "1" or "2"
    pairs : list of (x, y), optional
        Pairs for the Lipschitz quotient (default: 24 seeded pairs, many near
        midpoints of A–B pairs, where f* is steepest).
    radius : rational in [0, eps), optional
        Radius of the "robust below eps" check (default 15/16 eps).

    Returns
    -------
    list of Check
        ``separated_2eps`` (the hypothesis), ``lipschitz`` (worst quotient vs
        1/eps), ``robust_below_eps`` (exact robust error at ``radius``) and
        ``printed_statement_radius_eps`` (closed ball, radius eps; fails with an
        exact counterexample when some pair is exactly 2eps apart).

    Examples
    --------
    >>> [c.holds for c in prop32_check([(0, 0)], [(1, 1)], "1/4", "2")]
    [True, True, True, True]
    """
    norm = parse_norm(norm)
    e = require_rational_range(eps, "eps", 0, None, low_open=True)
    r = e * Fraction(15, 16) if radius is None else require_rational_range(
        radius, "radius", 0, e, high_open=True)
    pa = rational_points(A, "A")
    pb = rational_points(B, "B")
    sep = separation(pa, pb, norm, e)
    checks = [Check("separated_2eps", sep.holds, sep.evidence)]
    if not sep.holds:
        return checks
    rng = random.Random(require_int(seed, "seed"))
    use = _default_pairs(pa, pb, rng, 24) if pairs is None else [
        (tuple(rational_points([x], "x")[0]), tuple(rational_points([y], "y")[0]))
        for x, y in pairs]
    worst: Check | None = None
    worst_hi = Fraction(-1)
    verdict: bool | None = True
    for x, y in use:
        if _key(x, y, norm) == 0:
            continue
        c = lipschitz_check(x, y, pa, pb, norm, e)
        hi = c.evidence.get("quotient", (c.evidence.get("quotient_interval") or [0, 0])[1])
        if worst is None or hi > worst_hi:
            worst, worst_hi = c, hi
        if c.holds is False:
            verdict = False
        elif c.holds is None and verdict is True:
            verdict = None
    ev: dict[str, Any] = {"bound": 1 / e, "pairs": len(use)}
    if worst is not None:
        ev["worst"] = {k: v for k, v in worst.evidence.items() if k != "bound"}
    checks.append(Check("lipschitz", verdict, ev))
    rob = robust_error(pa, pb, r, norm)
    checks.append(Check("robust_below_eps", rob.holds, rob.evidence))
    key = sep.evidence["distance_squared" if norm == "2" else "distance"]
    exact_boundary = key == (4 * e * e if norm == "2" else 2 * e)
    if exact_boundary:
        a, b = sep.evidence["pair"]["a"], sep.evidence["pair"]["b"]
        m = tuple((p + q) / 2 for p, q in zip(a, b, strict=True))
        lo, hi = f_star_interval(m, pa, pb, norm)
        assert lo == hi == 0
        checks.append(Check("printed_statement_radius_eps", False, {
            "radius": e, "ball": "closed",
            "counterexample": {"point": list(a), "label": 1, "perturbed": list(m),
                               "other_point": list(b), "f_star": lo,
                               "distance_to_point" + ("_squared" if norm == "2" else ""):
                                   _key(m, tuple(a), norm)},
            "reason": "a and b are exactly 2eps apart; their midpoint is within eps of both, "
                      "so f* = 0 there, which is wrong for both labels"}))
    else:
        at_eps = robust_error(pa, pb, e, norm)
        checks.append(Check("printed_statement_radius_eps", at_eps.holds, at_eps.evidence))
    return checks


def prop32_trials(norm: str, eps: object, seed: int = 0, examples: int = 20,
                  dims: Sequence[int] = (1, 2, 3), size: int = 6) -> dict[str, Any]:
    """Run :func:`prop32_check` on ``examples`` seeded random 2ε-separated sets.

    Every other example has a pair exactly 2ε apart.  Returns the worst Lipschitz
    quotient against 1/ε, the verdicts, and the first counterexample found for
    each conclusion (exact coordinates).  ``worst_quotient`` is exact when
    ``worst_quotient_exact`` is True, else (ℓ2) the upper end of the certified
    interval ``worst_case["quotient_interval"]``.

    Examples
    --------
    >>> out = prop32_trials("inf", "1/4", seed=0, examples=2, dims=(2,))
    >>> out["lipschitz_holds"], out["robust_below_eps_holds"], out["printed_statement_holds"]
    (True, True, False)
    """
    norm = parse_norm(norm)
    e = require_rational_range(eps, "eps", 0, Fraction(1, 2), low_open=True)
    examples = require_int(examples, "examples", low=1, high=MAX_EXAMPLES)
    seed = require_int(seed, "seed")
    rng = random.Random(seed)
    worst: Fraction | None = None
    worst_case: dict[str, Any] | None = None
    first_fail: dict[str, Any] = {}
    verdicts = {"lipschitz": True, "robust_below_eps": True, "printed_statement_radius_eps": True}
    with progress(examples, f"Proposition 3.2 under l{norm}") as bar:
        for t in range(examples):
            d = dims[t % len(dims)]
            A, B = random_separated_sets(rng, d, e, norm, size=size, boundary=t % 2 == 0)
            checks = prop32_check(A, B, e, norm, seed=rng.randrange(2**31))
            for c in checks[1:]:
                if c.holds is not True and verdicts.get(c.name) is True:
                    verdicts[c.name] = c.holds  # type: ignore[assignment]
                    first_fail[c.name] = {"example": t, "A": [list(p) for p in A],
                                          "B": [list(p) for p in B], **c.evidence}
            lip = checks[1].evidence.get("worst", {})
            q = lip.get("quotient", (lip.get("quotient_interval") or [None, None])[1])
            if q is not None and (worst is None or q > worst):
                worst = q
                worst_case = {"example": t, "dimension": d, **lip}
            bar.advance()
    return {
        "norm": norm, "eps": e, "seed": seed, "examples": examples, "bound": 1 / e,
        "worst_quotient": worst,
        # under l2 the worst quotient is the upper end of a certified interval
        "worst_quotient_exact": worst_case is not None and "quotient" in worst_case,
        "worst_case": worst_case,
        "lipschitz_holds": verdicts["lipschitz"],
        "robust_below_eps_holds": verdicts["robust_below_eps"],
        "printed_statement_holds": verdicts["printed_statement_radius_eps"],
        "counterexamples": first_fail,
    }
