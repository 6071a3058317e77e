"""Theorem 4.3: the enveloping network — every small network embeds, and its real size.

The proof embeds every network with at most M non-zero weights into one
enveloping network F_θ (M − 1 hidden layers of M units) "with at most M³
parameters" and applies VC bounds to F_θ.  Checked here:

* the embedding: every layered architecture with at most M non-zero weights and d
  inputs (every sparsity pattern whose hidden units each have an incoming and an
  outgoing weight, up to permuting units within a layer; and each with an extra
  dead unit per hidden layer, which the embedding prunes) gets seeded non-zero
  rational weights and biases, is embedded by :func:`verify.nets.embed`, and z3
  proves the two functions equal on all of R^d
  (:func:`verify.encodings.equivalence.same_function`);
* its parameter count: W = (d + 1)M + (M − 2)(M + 1)M + M + 1 = M³ − M² + dM + 1
  (sympy), so W − M³ = M(d − M) + 1 > 0 exactly when d ≥ M (exhaustively for
  M, d ≤ 60): the "at most M³" of the appendix fails for d ≥ M (including biases,
  as Bartlett et al.'s bounds count parameters); the VC bound must be applied
  with W, i.e. O(M³ + dM) — harmless asymptotically since the step needs M ≫ d.

>>> r = check(ds=[1], M_max=3, seed=0)
>>> r.verdict, r.evidence["patterns"], r.evidence["all_equal"]
('holds-with-correction', 12, True)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, pairwise, permutations, product
from typing import Any

from proofs.claim import FAILS, HOLDS_WITH_CORRECTION, OUT_OF_REACH, ClaimResult, table
from verify.exact import require_int

ID = "thm-4.3-envelope"
TITLE = "Theorem 4.3: the enveloping network (exact embeddings; W = M³ − M² + dM + 1)"
STATEMENT = (
    "Suppose that robust classification with accuracy 1 − α can be achieved with at most M "
    "parameters for all φ, then these networks can all be embedded into an enveloping "
    "network F_θ of size O(M³) (proof sketch of Theorem 4.3); appendix: M − 1 hidden layers "
    "of M neurons, at most M³ parameters, containing every network with at most M "
    "parameters."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"ds": [1, 2], "M_max": 3, "seed": 0},
    "default": {"ds": [1, 2, 3], "M_max": 5, "seed": 0},   # 332 embeddings, about 2 s
    "full": {"ds": [1, 2, 3, 4], "M_max": 6, "seed": 0},   # 1477 embeddings, about 9 s
}

Pattern = tuple[tuple[int, ...], list[tuple[tuple[int, int], ...]]]
_VALUES = [Fraction(v) for v in ("1", "-1", "2", "-2", "1/2", "-1/2", "3/2", "-3/2")]
_BIASES = [Fraction(v) for v in ("0", "1", "-1", "1/3", "-2/3")]


def _hidden_widths(M: int) -> list[tuple[int, ...]]:
    """Hidden widths whose pruned patterns need at most M weights (each hidden unit needs an
    incoming and an outgoing weight: a transition carries >= max of its two widths)."""
    out: list[tuple[int, ...]] = [()]

    def rec(ws: tuple[int, ...]) -> None:
        for h in range(1, M):
            w = (*ws, h)
            need = w[0] + sum(max(a, b) for a, b in pairwise(w)) + w[-1]
            if need <= M:
                out.append(w)
                rec(w)

    rec(())
    return out


def _canonical(widths: tuple[int, ...], edges: list[tuple[tuple[int, int], ...]]) -> Any:
    hidden = range(1, len(widths) - 1)
    best = None
    for perms in product(*[list(permutations(range(widths[k]))) for k in hidden]):
        pm = dict(zip(hidden, perms, strict=True))

        def m(k: int, u: int, pm: dict[int, tuple[int, ...]] = pm) -> int:
            return pm[k][u] if k in pm else u

        key = tuple(tuple(sorted((m(k, i), m(k + 1, j)) for i, j in edges[k]))
                    for k in range(len(edges)))
        if best is None or key < best:
            best = key
    return best


def patterns(d: int, M: int) -> list[Pattern]:
    """Every pruned sparsity pattern with d inputs and at most M weights, up to isomorphism.

    >>> [len(patterns(1, M)) for M in (1, 2, 3, 4, 5)]
    [2, 3, 4, 6, 9]
    """
    seen: set[Any] = set()
    out: list[Pattern] = []
    for hidden in _hidden_widths(M):
        w = (d, *hidden, 1)
        pairs = [[(i, j) for i in range(w[k]) for j in range(w[k + 1])]
                 for k in range(len(w) - 1)]

        def rec(k: int, edges: list[tuple[tuple[int, int], ...]], used: int,
                w: tuple[int, ...] = w, pairs: list[list[tuple[int, int]]] = pairs) -> None:
            if k == len(w) - 1:
                ok = all(any(j == u for _, j in edges[t - 1]) and any(i == u for i, _ in edges[t])
                         for t in range(1, len(w) - 1) for u in range(w[t]))
                key = (w, _canonical(w, edges)) if ok else None
                if ok and key not in seen:
                    seen.add(key)
                    out.append((w, list(edges)))
                return
            low = 0 if len(w) == 2 else 1
            for r in range(low, min(len(pairs[k]), M - used) + 1):
                for es in combinations(pairs[k], r):
                    rec(k + 1, [*edges, es], used + r)

        rec(0, [], 0)
    return out


def _net(pattern: Pattern, rng: random.Random, dead: bool) -> Any:
    """Seeded weights on the pattern; ``dead``: one extra all-zero unit per hidden layer."""
    from verify.nets.network import ReLUNet

    w, edges = pattern
    widths = [w[0], *[h + (1 if dead else 0) for h in w[1:-1]], 1]
    layers = []
    for k in range(len(w) - 1):
        W = [[Fraction(0)] * widths[k] for _ in range(widths[k + 1])]
        for i, j in edges[k]:
            W[j][i] = rng.choice(_VALUES)
        b = [rng.choice(_BIASES) for _ in range(widths[k + 1])]
        layers.append((W, b))
    return ReLUNet.from_lists(layers)


def parameter_count_facts(limit: int = 60) -> dict[str, Any]:
    """sympy for W's closed form; exhaustion of W > M³ ⟺ d ≥ M for M, d <= limit."""
    import sympy as sp

    from verify.bounds import enveloping_parameters
    from verify.nets import enveloping_size

    M, d = sp.symbols("M d", integer=True, positive=True)
    W = (d + 1) * M + (M - 2) * (M + 1) * M + M + 1
    closed = sp.expand(W - (M**3 - M**2 + d * M + 1))
    excess = sp.factor(sp.expand(W - M**3 - 1))
    mismatches = [[m, dd] for m in range(2, limit + 1) for dd in range(1, limit + 1)
                  if (enveloping_parameters(m, dd) > m**3) != (dd >= m)
                  or enveloping_parameters(m, dd) != m**3 - m**2 + dd * m + 1
                  or enveloping_size(m, dd)["total"] != enveloping_parameters(m, dd)]
    return {"W_minus_closed_form": str(closed), "W_minus_M3_minus_1": str(excess),
            "exhaustive_limit": limit, "mismatches": mismatches[:5],
            "examples": [{"M": m, "d": dd, "W": m**3 - m**2 + dd * m + 1, "M3": m**3}
                         for m, dd in ((3, 2), (3, 3), (5, 10), (10, 784))]}


@dataclass
class _Embeddings:
    """Every embedding tried: how many per envelope, those that differ (or have the wrong
    architecture) and those z3 left undecided."""

    counts: dict[str, int] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)
    unknown: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0

    def embed_in_every_envelope(self, net: Any, d: int, size: int, M_max: int,
                                dead: bool) -> None:
        """Embed ``net`` into the envelope of every M from its size to ``M_max`` and decide
        each embedding's equality with it (z3)."""
        from verify.encodings.equivalence import same_function
        from verify.nets import embed, enveloping_architecture

        for M_env in range(max(size, 1), M_max + 1):
            big = embed(net, M_env)
            self.total += 1
            key = f"d={d}, M={M_env}"
            self.counts[key] = self.counts.get(key, 0) + 1
            arch_ok = big.widths == enveloping_architecture(M_env, d)
            eq = same_function(net, big, timeout=30)
            where = {"d": d, "M": M_env, "architecture": net.architecture,
                     "embedded": big.architecture, "dead_units": dead}
            if not arch_ok or eq.status == "different":
                self.failures.append({**where, "point": eq.point, "values": eq.values})
            elif eq.status == "unknown":
                self.unknown.append({**where, "reason": eq.reason})


def _embed_every_pattern(dl: list[int], Mm: int, rng: random.Random) -> _Embeddings:
    """Every pattern with d in ``dl`` and at most ``Mm`` weights, with seeded weights, and
    its dead-unit variant (beyond one layer), embedded into every envelope with room."""
    run = _Embeddings()
    for d in dl:
        for pat in patterns(d, Mm):
            size = sum(len(e) for e in pat[1])
            for dead in (False, True):
                if dead and len(pat[0]) == 2:
                    continue
                # every envelope with room for it: at most M non-zero weights, M <= M_max
                run.embed_in_every_envelope(_net(pat, rng, dead), d, size, Mm, dead)
    return run


def _explanation(run: _Embeddings, dl: list[int], Mm: int, facts: dict[str, Any]) -> str:
    """What was embedded and decided, and the parameter count against the appendix's M³."""
    return (
        f"{run.total} embeddings: every pruned sparsity pattern with d ∈ {dl} inputs and at "
        f"most {Mm} non-zero weights (up to permutations of hidden units; seeded non-zero "
        "rational weights and biases; each also with a dead unit per hidden layer) into the "
        f"enveloping architecture d-M-…-M-1 of every M from its size to {Mm}; "
        + ("z3 proved every embedding equal to its network on all of R^d. "
           if not run.failures and not run.unknown else
           f"{len(run.failures)} differ and {len(run.unknown)} are undecided (see the "
           "evidence). ")
        + "Its parameter count is W = (d+1)M + (M−2)(M+1)M + M + 1 = M³ − M² + dM + 1 "
        f"(sympy: difference {facts['W_minus_closed_form']}; W − M³ − 1 = "
        f"{facts['W_minus_M3_minus_1']}), so W > M³ exactly when d ≥ M (checked for "
        f"M, d ≤ {facts['exhaustive_limit']}): e.g. M = 10, d = 784 gives W = 8741 > 1000. "
        "The appendix's 'at most M³ parameters' is therefore wrong for d ≥ M; the size step "
        "must use W = M³ − M² + dM + 1 = O(M³ + dM) (as thm-4.3-size-step does through "
        "Bartlett et al.'s layer counts), which changes nothing asymptotically because the "
        "step forces M ≫ d."
    )


def check(ds: list[int], M_max: int, seed: int) -> ClaimResult:
    """Embed every pattern (and its dead-unit variant) for each d and M <= M_max."""
    dl = [require_int(d, "d", 1, 4) for d in ds]
    Mm = require_int(M_max, "M_max", 1, 6)
    run = _embed_every_pattern(dl, Mm, random.Random(require_int(seed, "seed", 0, 2**32)))
    failures, unknown, total = run.failures, run.unknown, run.total
    facts = parameter_count_facts()
    counts_ok = (facts["W_minus_closed_form"] == "0" and not facts["mismatches"])
    evidence = {"patterns": total, "per_envelope": run.counts, "all_equal": not failures and
                not unknown, "failures": failures[:5], "unknown": unknown[:5],
                "parameter_count": facts}
    if failures or not counts_ok:
        verdict = FAILS
    elif unknown:
        verdict = OUT_OF_REACH
    else:
        verdict = HOLDS_WITH_CORRECTION
    rows = [[ex["M"], ex["d"], ex["W"], ex["M3"], "yes" if ex["W"] > ex["M3"] else "no"]
            for ex in facts["examples"]]
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"ds": dl, "M_max": Mm, "seed": seed},
        verdict=verdict, evidence=evidence, explanation=_explanation(run, dl, Mm, facts),
        evidence_kind={FAILS: "counterexample", OUT_OF_REACH: "none"}.get(
            verdict, "exhaustive+solver+symbolic"),
        reason={FAILS: f"{len(failures)} embedding(s) differ from their network, or the "
                       "parameter count is off",
                OUT_OF_REACH: f"{len(unknown)} equality check(s) undecided",
                HOLDS_WITH_CORRECTION: f"all {total} embeddings of networks with ≤ {Mm} weights "
                "are exact "
                "(z3); but W = M³ − M² + dM + 1 > M³ when d ≥ M, not 'at most M³'"
                }[verdict],
        tables=[table("envelope", "Enveloping network: parameters W = M^3 - M^2 + dM + 1 "
                      "(weights and biases) against the M^3 of the appendix",
                      ["M", "d", "W", "M^3", "W > M^3"], rows)],
    )
