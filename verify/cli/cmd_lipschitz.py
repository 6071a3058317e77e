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
    add_common(p)
    p.set_defaults(func=run)


def _verdict(v: object) -> str:
    return {True: "holds", False: "FAILS", None: "undecided"}[v]  # type: ignore[index]


def run(args: argparse.Namespace) -> Output:
    from verify.exact import require_int
    from verify.geometry.prop32 import prop32_trials

    dims = tuple(require_int(d, "dim", low=1, high=8) for d in (args.dim or ["1", "2", "3"]))
    out = prop32_trials(args.norm, args.eps, seed=require_int(args.seed, "seed"),
                        examples=require_int(args.examples, "examples", low=1, high=100_000),
                        dims=dims)
    lines = [
        f"Proposition 3.2 under l{out['norm']}, eps = {out['eps']}, {out['examples']} random "
        f"set pairs (seed {out['seed']}, dimensions {', '.join(map(str, dims))})",
        f"worst Lipschitz quotient: {out['worst_quotient']}  (bound 1/eps = {out['bound']})",
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
