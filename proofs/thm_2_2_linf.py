"""Theorem 2.2 under ℓ∞: the robust memorizer of Appendix B, certified, counted, probed in δ.

On seeded random data sets D ⊂ B∞(0, 1) = [−1, 1]^d whose classes are 2ε-separated
(one pair exactly 2ε apart), the memorizer of :func:`verify.nets.robust_memorizer`
(ℓ∞ distance gadgets and a bump per +1 point, rational weights) is built and its
robust training error at radius δ is decided exactly by the robustness verifier
(exact bounds, z3 linear arithmetic: "verified" for every point is a proof); for
d <= ``certify_max_d`` the verifier also writes checkable proofs (phase splits with
Farkas leaves; input bisections where the box needs them, as at d = 3), and the
certificate checker of :mod:`verify.certify` re-checks them
in rational arithmetic ("verified" by the checker: nothing trusted).

* Size (non-zero weights): P·s(d) for P points labelled +1, with s(d) the size of
  one gadget and its bump; s(d) = 26d − 22 for d a power of two ≥ 2, so the size is
  at most 26·N·d: O(Nd) with no dependence on δ.  The constant of O(Nd) is also
  fitted on the instances (least squares of size against N·d: numeric, labelled so).
* δ: Theorem 2.2 asks δ < ε/2.  The construction is verified at δ < ε/2 and at
  probes δ ∈ [ε/2, ε) beyond the hypothesis; at δ = ε no classifier exists when two
  points of different labels are exactly 2ε apart (their midpoint lies in both
  closed balls, and f(midpoint) cannot have both signs) — so the hypothesis can be
  relaxed to δ < ε and no further.

>>> r = check(instances=[{"N": 6, "d": 1}, {"N": 6, "d": 2}], eps="1/5", seed=1,
...           probes=["1/2", "3/4"], probe_instances=1, certify_max_d=1)
>>> r.verdict, r.evidence["instances"][0]["size"], r.evidence["gadget_sizes"]["2"]
('holds-on-instances', 24, 30)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from proofs.claim import FAILS, HOLDS_ON_INSTANCES, OUT_OF_REACH, ClaimResult, figure, table
from verify.exact import require_int, require_rational_range, to_rational

ID = "thm-2.2-linf"
TITLE = "Theorem 2.2 (ℓ∞): robust memorizer of Appendix B, certified; size O(Nd); δ up to ε"
STATEMENT = (
    "Suppose that D ⊂ B_p(0,1) with p ∈ {2,+∞} consists of N data, and the two classes in D "
    "are 2ε-separated, where ε ∈ (0, 1/2) is a constant. Let robustness radius δ < ε/2, then "
    "there exists a classifier f represented by a ReLU network with at most "
    "O(Nd log(δ^{-1}d) + N·polylog(δ^{-1}N)) parameters, such that L̂_D^{p,δ}(f) = 0 "
    "(Theorem 2.2; Table 1: O(Nd))."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"instances": [{"N": 6, "d": 1}, {"N": 8, "d": 2}], "eps": "1/5", "seed": 1,
              "probes": ["1/2", "3/4"], "probe_instances": 1, "certify_max_d": 1},
    "default": {"instances": [{"N": 8, "d": 1}, {"N": 12, "d": 1}, {"N": 8, "d": 2},
                              {"N": 6, "d": 3}],
                "eps": "1/5", "seed": 1, "probes": ["1/2", "3/4", "9/10"],
                "probe_instances": 1, "certify_max_d": 3},
    "full": {"instances": [{"N": 8, "d": 1}, {"N": 24, "d": 1}, {"N": 12, "d": 2},
                           {"N": 24, "d": 2}, {"N": 10, "d": 3}, {"N": 20, "d": 3},
                           {"N": 16, "d": 4}, {"N": 30, "d": 4}],
             "eps": "1/5", "seed": 1, "probes": ["1/2", "3/4", "9/10", "99/100"],
             "probe_instances": 4, "certify_max_d": 3},
}


_LATTICE = 20  # points on the lattice (1/20)Z^d: 41 values per coordinate in [−1, 1]
_MAX_DRAWS = 200_000
_EXHAUSTIVE_LATTICE = 5_000  # lattices this small are scanned when the draws keep failing


def _labels_allowed(p: tuple[Fraction, ...], pts: list[tuple[Fraction, ...]], ys: list[int],
                    eps: Fraction) -> list[int]:
    """The labels p may take: none of the other class within 2ε (ℓ∞, exact)."""
    return [y for y in (1, -1)
            if all(q == y or max(abs(a - b) for a, b in zip(p, x, strict=True)) >= 2 * eps
                   for x, q in zip(pts, ys, strict=True))]


def _blocked(d: int, pts: list[tuple[Fraction, ...]], ys: list[int], eps: Fraction) -> bool:
    """True if no free lattice point can take any label (exhaustive; small lattices only)."""
    import itertools

    grid = [Fraction(i, _LATTICE) for i in range(-_LATTICE, _LATTICE + 1)]
    taken = set(pts)
    return not any(p not in taken and _labels_allowed(p, pts, ys, eps)
                   for p in itertools.product(grid, repeat=d))


def data_set(N: int, d: int, eps: Fraction, rng: random.Random
             ) -> tuple[list[tuple[Fraction, ...]], list[int]]:
    """N points of [−1, 1]^d on the lattice (1/20)Z^d with seeded random labels, classes
    2ε-separated under ℓ∞; the first two points (labels +1, −1) are exactly 2ε apart.

    Points are drawn at random and take a random label among those still allowed, so
    the draw can block itself: in d = 1 the 41 lattice points lose the 7 between the
    first pair, and every further change of label along the line costs 7 more.  A
    request that cannot be met raises :class:`~verify.errors.InvalidArgument` — at once
    when the lattice is too small or (lattices of at most 5,000 points) every free point
    is blocked, else after 200,000 draws.

    >>> pts, ys = data_set(24, 1, Fraction(1, 5), random.Random(7))
    >>> len(pts), ys[:2]
    (24, [1, -1])
    >>> data_set(42, 1, Fraction(1, 5), random.Random(1))
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: cannot place 42 points in [−1, 1]^1: the lattice (1/20)Z^1 has 41
    """
    from verify.errors import InvalidArgument

    size = (2 * _LATTICE + 1) ** d
    if N > size:
        raise InvalidArgument(f"cannot place {N} points in [−1, 1]^{d}: the lattice "
                              f"(1/{_LATTICE})Z^{d} has {size}")
    first = tuple(Fraction(0) for _ in range(d))
    second = (2 * eps, *first[1:])
    pts: list[tuple[Fraction, ...]] = [first, second]
    ys = [1, -1]
    tries = misses = 0
    while len(pts) < N:
        tries += 1
        blocked = (misses and misses % 1000 == 0 and size <= _EXHAUSTIVE_LATTICE
                   and _blocked(d, pts, ys, eps))
        if tries > _MAX_DRAWS or blocked:
            raise InvalidArgument(
                f"cannot place {N} points with 2ε = {2 * eps} in [−1, 1]^{d}: the seeded "
                f"labels left {'no free lattice point' if blocked else 'no point found'} "
                f"after {len(pts)} (ask for fewer points, a smaller ε, a larger d or "
                "another seed)")
        p = tuple(Fraction(rng.randint(-_LATTICE, _LATTICE), _LATTICE) for _ in range(d))
        if p in pts:
            misses += 1
            continue
        allowed = _labels_allowed(p, pts, ys, eps)
        if not allowed:
            misses += 1
            continue
        misses = 0
        pts.append(p)
        ys.append(rng.choice(allowed))
    return pts, ys


def gadget_size(d: int) -> int:
    """Size of the memorizer of a single +1 point in dimension d (gadget, bump, output)."""
    from verify.nets import robust_memorizer

    return robust_memorizer([[0] * d], "+", 1, "1/2").size


def _fit(points: list[tuple[int, int]]) -> float | None:
    """Least-squares slope through 0 of size against N·d (numeric)."""
    den = sum(x * x for x, _ in points)
    return None if den == 0 else sum(x * y for x, y in points) / den


def _certified(net: Any, pts: list[Any], ys: list[int], rep: Any, subject: str = ""
               ) -> dict[str, Any]:
    """The robustness report's certificate with the checker's verdict (proofs re-checked);
    the report writes it to ``certificates/`` and cites it (:mod:`proofs._certificates`)."""
    from proofs._certificates import robust_certificate

    return robust_certificate(subject, net, pts, ys, rep)


@dataclass
class _Runs:
    """What the instances gave: their evidence and table rows, failures, certificates."""

    e: Fraction
    delta_main: Fraction
    results: list[dict[str, Any]] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    bad: list[dict[str, Any]] = field(default_factory=list)
    undecided: list[dict[str, Any]] = field(default_factory=list)
    cert_entries: list[dict[str, Any]] = field(default_factory=list)

    def run(self, inst: dict[str, Any], rng: random.Random, deltas_beyond: list[Fraction],
            certify_max_d: int) -> None:
        """Draw one data set, build and verify the memorizer at each radius (a certificate
        at the first when d <= ``certify_max_d``), and record the midpoint at δ = ε."""
        N = require_int(inst["N"], "N", 2, 200)
        d = require_int(inst["d"], "d", 1, 8)
        pts, ys = data_set(N, d, self.e, rng)
        P = sum(1 for y in ys if y > 0)
        entry: dict[str, Any] = {"N": N, "d": d, "positives": P, "radii": {}}
        prove = d <= require_int(certify_max_d, "certify_max_d", 0, 8)
        for j, dl in enumerate([self.delta_main, *deltas_beyond]):
            self._verify_at(entry, pts, ys, dl, prove and j == 0)
        entry["at_delta_eps"] = _midpoint_at_eps(pts, ys)
        entry["size_over_Nd"] = Fraction(entry["size"], N * d)
        self.results.append(entry)
        self.rows.append([N, d, P, entry["architecture"], entry["size"], N * d,
                          f"{float(entry['size_over_Nd']):.3g}",
                          " ".join(f"{dl}:{'yes' if v['robust'] else 'NO'}"
                                   for dl, v in entry["radii"].items())])

    def _verify_at(self, entry: dict[str, Any], pts: list[tuple[Fraction, ...]],
                   ys: list[int], dl: Fraction, prove: bool) -> None:
        """The memorizer at radius ``dl``, its robustness decided (and certified)."""
        from verify.encodings.robust import verify_robustness
        from verify.nets import robust_memorizer

        N, d = entry["N"], entry["d"]
        net = robust_memorizer(pts, ys, self.e, dl)
        rep = verify_robustness(net, pts, ys, dl, "inf", prove=prove)
        entry["radii"][str(to_rational(dl))] = {"robust": rep.robust, "counts": rep.counts}
        if prove:
            cert = _certified(net, pts, ys, rep,
                              f"the memorizer of N = {N}, d = {d} is robust at δ = {dl}")
            entry["certificate"] = cert["check"]["verdict"]
            self.cert_entries.append(cert)
        entry["size"] = net.size
        entry["architecture"] = net.architecture
        if rep.robust is False:
            self.bad.append({"N": N, "d": d, "delta": dl})
        elif rep.robust is None:
            self.undecided.append({"N": N, "d": d, "delta": dl})


def _midpoint_at_eps(pts: list[tuple[Fraction, ...]], ys: list[int]) -> dict[str, Any]:
    """δ = ε: the midpoint of the pair exactly 2ε apart lies in both closed balls."""
    mid = tuple((a + b) / 2 for a, b in zip(pts[0], pts[1], strict=True))
    return {"midpoint": mid,
            "distances": [max(abs(a - b) for a, b in zip(mid, pts[i], strict=True))
                          for i in (0, 1)],
            "labels": [ys[0], ys[1]]}


def _size_evidence(results: list[dict[str, Any]]) -> tuple[dict[str, Any], float | None]:
    """The gadget sizes s(d), s(d) = 26d − 22 at powers of two, size = P·s(d) on every
    instance, and the fitted constant a of size ≈ a·N·d (numeric; also returned unrounded)."""
    gadgets = {str(d): gadget_size(d) for d in (1, 2, 3, 4, 8, 16, 32, 64)}
    fit = _fit([(r["N"] * r["d"], r["size"]) for r in results])
    return {
        "gadget_sizes": gadgets,
        "gadget_size_26d_minus_22_at_powers_of_two": all(
            gadgets[str(d)] == 26 * d - 22 for d in (2, 4, 8, 16, 32, 64)),
        "size_is_positives_times_gadget": all(
            r["size"] == r["positives"] * gadgets.get(str(r["d"]), gadget_size(r["d"]))
            for r in results),
        "numeric_fitted_constant_size_per_Nd": None if fit is None else round(fit, 4),
    }, fit


def _explanation(runs: _Runs, fractions: list[Fraction], certify_max_d: int,
                 cert_verdicts: dict[str, str], size: dict[str, Any], fit: float | None
                 ) -> str:
    """What was verified and certified, the size count, and why δ < ε is the limit."""
    results, bad, undecided = runs.results, runs.bad, runs.undecided
    probed = [r for r in results if len(r["radii"]) > 1]
    return (
        f"{len(results)} seeded data sets in [−1,1]^d (N up to {max(r['N'] for r in results)},"
        f" d up to {max(r['d'] for r in results)}, ε = {runs.e}, one pair exactly 2ε apart): "
        f"the memorizer was verified exactly to have zero robust training error at δ = "
        f"{runs.delta_main} < ε/2"
        + (f" and, on {len(probed)} of them, at δ = "
           + ", ".join(f"{f}ε" for f in fractions) + " beyond the hypothesis δ < ε/2"
           if probed else "")
        + (f"; on the {len(cert_verdicts)} instance(s) with d ≤ {certify_max_d} the proofs "
           "were re-checked by the certificate checker: "
           + ", ".join(f"{k}: {v}" for k, v in cert_verdicts.items())
           if cert_verdicts else "")
        + (f" — except {len(bad)} failures" if bad else "")
        + (f" ({len(undecided)} undecided)" if undecided else "")
        + ". Size (non-zero weights) = P·s(d) for the P points labelled +1, with s(d) = "
        + ", ".join(f"{v} (d = {k})" for k, v in list(size["gadget_sizes"].items())[:4])
        + ", …; s(d) = 26d − 22 for every power of two d ≥ 2 up to 64 "
        + ("(exact)" if size["gadget_size_26d_minus_22_at_powers_of_two"]
           else "(NOT as computed)")
        + ", so the size is at most 26·N·d: O(Nd), with no factor log(δ⁻¹d) and no "
        "polylog(δ⁻¹N) term under ℓ∞. Fitted constant of size ≈ a·N·d on these instances "
        f"(numeric): a ≈ {fit:.3g}. "
        "The hypothesis δ < ε/2 is not needed for this construction: it works for every "
        "δ < ε (its proof: a −1 point's ball stays farther than 2ε − δ > ε from every +1 "
        "point, where every bump is 0). At δ = ε no classifier has zero robust error: the "
        "midpoint of the pair exactly 2ε apart is at distance ε from both (checked on every "
        "instance), and f(midpoint) cannot be both > 0 and < 0."
    )


def _size_figure(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The memorizers' sizes against N·d, with the bound 26·N·d."""
    nd = sorted({r["N"] * r["d"] for r in results})
    return figure("thm22_linf", r"Theorem 2.2 ($\ell_\infty$): memorizer size against N·d",
                  "N·d", "non-zero weights",
                  [{"label": "memorizer (measured)", "x": [r["N"] * r["d"] for r in results],
                    "y": [r["size"] for r in results], "style": "points"},
                   {"label": "26·N·d (bound)", "x": nd, "y": [26 * x for x in nd],
                    "style": "dashed"}])


def check(instances: list[dict[str, Any]], eps: object, seed: int, probes: list[Any],
          probe_instances: int, certify_max_d: int = 0) -> ClaimResult:
    """Build, verify and count the memorizer on each instance; probe δ beyond ε/2."""
    e = require_rational_range(eps, "eps", 0, Fraction(1, 2), low_open=True, high_open=True)
    rng = random.Random(require_int(seed, "seed", 0, 2**32))
    fractions = [require_rational_range(p, "probe", Fraction(1, 2), 1, high_open=True)
                 for p in probes]
    n_probe = require_int(probe_instances, "probe_instances", 0, 100)
    runs = _Runs(e, e / 2 - Fraction(1, 100) if e / 2 > Fraction(1, 100) else e / 4)
    for k, inst in enumerate(instances):
        runs.run(inst, rng, [f * e for f in fractions] if k < n_probe else [], certify_max_d)
    results, bad, undecided = runs.results, runs.bad, runs.undecided
    size, fit = _size_evidence(results)
    midpoint_ok = all(r["at_delta_eps"]["distances"] == [e, e] for r in results)
    cert_verdicts = {f"N={r['N']}, d={r['d']}": str(r["certificate"])
                     for r in results if "certificate" in r}
    evidence = {"eps": e, "delta_main": runs.delta_main, "probe_fractions_of_eps": fractions,
                "instances": results, **size,
                "failures": bad, "undecided": undecided, "certificates": cert_verdicts}
    if any(r["certificate"] == "rejected" for r in results if "certificate" in r):
        bad.append({"certificate": "rejected"})
    if bad or not (size["size_is_positives_times_gadget"] and midpoint_ok):
        verdict = FAILS
    elif undecided:
        verdict = OUT_OF_REACH
    else:
        verdict = HOLDS_ON_INSTANCES
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"instances": instances, "eps": e, "seed": seed, "probes": fractions,
                    "probe_instances": n_probe, "certify_max_d": certify_max_d},
        verdict=verdict, evidence=evidence,
        explanation=_explanation(runs, fractions, certify_max_d, cert_verdicts, size, fit),
        evidence_kind={FAILS: "counterexample", OUT_OF_REACH: "none"}.get(
            verdict, "certificate+solver" if cert_verdicts else "exact+solver"),
        reason={FAILS: f"{len(bad)} memorizer(s) not robust, or the size count disagrees",
                OUT_OF_REACH: f"{len(undecided)} verification(s) undecided",
                HOLDS_ON_INSTANCES: f"memorizers verified robust on {len(results)} data sets "
                "(N ≤ " + str(max(r["N"] for r in results)) + "); size P·(26d − 22) ≤ 26Nd "
                "(O(Nd), no δ); works for every δ < ε, impossible at δ = ε"}[verdict],
        tables=[table("thm22_linf", "Theorem 2.2 (l_inf): memorizer size (non-zero weights) "
                      "and exact robustness at each radius",
                      ["N", "d", "+1 points", "architecture", "size", "N d", "size/(N d)",
                       "robust at delta"], runs.rows)],
        figures=[_size_figure(results)],
        certificates=runs.cert_entries,
    )
