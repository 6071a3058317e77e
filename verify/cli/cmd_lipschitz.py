"""``verify lipschitz``: Proposition 3.2 checked exactly on seeded random separated sets."""

from __future__ import annotations

import argparse
from typing import Any

from verify.cli import Output, add_common

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "lipschitz",
        help="check Proposition 3.2 (f* is 1/eps-Lipschitz, robust) on random separated sets",
        description=(
            "Draw seeded random 2eps-separated sets A, B in [0,1]^d (every other one with a "
            "pair exactly 2eps apart) and check Proposition 3.2 exactly: the Lipschitz "
            "quotient of f* against 1/eps, zero robust error at radius 15/16 eps, and the "
            "statement as printed (closed ball, radius eps). Prints the worst quotient and "
            "any counterexample with exact coordinates."
        ),
    )
    p.add_argument("--norm", required=True, help="inf, 1 or 2")
    p.add_argument("--eps", required=True, help="rational eps in (0, 1/2]")
    p.add_argument("--seed", default="0", help="random seed (default 0)")
    p.add_argument("--examples", default="20", help="number of random set pairs (default 20)")
    p.add_argument("--dim", action="append", help="dimension(s) to use (default 1, 2, 3)")
    p.add_argument("--A", dest="set_a", metavar="SPEC",
                   help="check your own sets instead: class +1 (with --B)")
    p.add_argument("--B", dest="set_b", metavar="SPEC", help="class -1 (with --A)")
    add_common(p)
    p.set_defaults(func=run)


def _verdict(v: object) -> str:
    return {True: "holds", False: "FAILS", None: "undecided"}[v]  # type: ignore[index]


def _quotient(ev: dict[str, Any]) -> str:
    """The exact quotient, or its certified interval (l2) rounded outward."""
    from verify.geometry.norms import interval_text

    if "quotient" in ev:
        return str(ev["quotient"])
    if "quotient_interval" in ev:
        return "in " + interval_text(*ev["quotient_interval"])
    return "none (no pair of distinct points)"


def run(args: argparse.Namespace) -> Output:
    from verify.encodings.prop32 import MAX_EXAMPLES, prop32_trials
    from verify.errors import InvalidArgument
    from verify.exact import require_int

    if (args.set_a is None) != (args.set_b is None):
        raise InvalidArgument("lipschitz: give both --A and --B, or neither")
    if args.set_a is not None:
        return _own_sets(args)
    dims = tuple(require_int(d, "dim", low=1, high=8) for d in (args.dim or ["1", "2", "3"]))
    out = prop32_trials(args.norm, args.eps, seed=require_int(args.seed, "seed"),
                        examples=require_int(args.examples, "examples", low=1, high=MAX_EXAMPLES),
                        dims=dims)
    lines = [
        f"Proposition 3.2 under l{out['norm']}, eps = {out['eps']}, {out['examples']} random "
        f"set pairs (seed {out['seed']}, dimensions {', '.join(map(str, dims))})",
        f"worst Lipschitz quotient: {_quotient(out['worst_case'] or {})}  "
        f"(bound 1/eps = {out['bound']})",
        f"1/eps-Lipschitz: {_verdict(out['lipschitz_holds'])}",
        f"zero robust error at radius 15/16 eps: {_verdict(out['robust_below_eps_holds'])}",
        f"as printed (closed ball, radius eps): {_verdict(out['printed_statement_holds'])}",
    ]
    for name, ce in out["counterexamples"].items():
        c = ce.get("counterexample") or (ce.get("witnesses") or [{}])[0]
        if "perturbed" in c:
            lines.append(
                f"  counterexample ({name}, example {ce['example']}): point "
                f"({', '.join(map(str, c['point']))}) label {c['label']:+d}, perturbed to "
                f"({', '.join(map(str, c['perturbed']))}) where f* = "
                f"{c.get('f_star', c.get('f_star_interval'))}")
    return Output(payload=out, text="\n".join(lines))


def _own_sets(args: argparse.Namespace) -> Output:
    from verify.encodings.prop32 import prop32_check
    from verify.exact import require_int
    from verify.geometry.pointsets import parse_spec

    A, B = parse_spec(args.set_a), parse_spec(args.set_b)
    checks = prop32_check(A, B, args.eps, args.norm, seed=require_int(args.seed, "seed"))
    lines = [f"Proposition 3.2 on A = {args.set_a}, B = {args.set_b}, l{args.norm}, "
             f"eps = {args.eps}"]
    for c in checks:
        lines.append(f"{c.name}: {_verdict(c.holds)}")
        ce = c.evidence.get("counterexample") or (c.evidence.get("witnesses") or [None])[0]
        if c.holds is False and ce and "perturbed" in ce:
            lines.append(f"  point ({', '.join(map(str, ce['point']))}) label "
                         f"{ce['label']:+d} -> ({', '.join(map(str, ce['perturbed']))})")
        if c.name == "lipschitz" and "worst" in c.evidence:
            w = c.evidence["worst"]
            lines.append(f"  worst quotient {_quotient(w)} (bound {c.evidence['bound']})")
    return Output(payload={"checks": [c.to_json() for c in checks]}, text="\n".join(lines))
