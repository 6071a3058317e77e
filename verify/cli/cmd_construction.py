"""``verify construction``: every check of Theorem 4.3's point sets."""

from __future__ import annotations

import argparse
from typing import Any

from verify.cli import Output, add_common

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "construction",
        help="check the sets A_phi, B_phi of Theorem 4.3 (separation, domain, S~ cover)",
        description=(
            "Build S_phi = {(i/K, 1/2 + eps0*phi(i))} (l_inf) or its l_2 version on a 2eps-"
            "packing of the (d-1)-ball, and check exactly: 2eps-separation, linear "
            "separability, the domain, and that every point of S~ lies within c*eps of "
            "exactly one point of S_phi. All phi when there are at most 10 points, else "
            "random phi. eps0 defaults to c*eps (the appendix); --eps0 gives the main text's."
        ),
    )
    p.add_argument("--K", help="grid size (l_inf); default floor(1/(2eps))")
    p.add_argument("--d", required=True, help="dimension d >= 2")
    p.add_argument("--eps", required=True, help="rational eps in (0, 1/2]")
    p.add_argument("--c", required=True, help="rational c in (0, 1): robust radius c*eps")
    p.add_argument("--norm", default="inf", help="inf (default) or 2")
    p.add_argument("--phi", help="random, all, BITS (n digits 0/1 or +/- text, point i "
                   "first, as --labels), or a bit-packed integer / 0b... "
                   "(bit i set iff point i is +1)")
    p.add_argument("--eps0", help="offset of the last coordinate (main-text reading)")
    p.add_argument("--seed", default="0", help="seed for random phi (default 0)")
    p.add_argument("--count", default="8", help="number of random phi (default 8)")
    p.add_argument("--step", help="lattice step of the l_2 packing (default eps)")
    add_common(p)
    p.set_defaults(func=run)


_SKIP = {"name", "holds", "rule", "claim", "note", "phis_checked", "informational"}


def _brief(ev: dict[str, Any]) -> str:
    from verify.jsonio import dumps

    parts = []
    for k, v in ev.items():
        if k in _SKIP:
            continue
        text = dumps(v).replace('"', "")
        parts.append(f"{k}={text if len(text) <= 90 else text[:87] + '...'}")
    return "; ".join(parts)


def run(args: argparse.Namespace) -> Output:
    from verify.exact import require_int
    from verify.geometry.theorem43 import construction_checks

    checks = construction_checks(
        None if args.K is None else require_int(args.K, "K", low=1),
        require_int(args.d, "d", low=2), args.eps, args.c, norm=args.norm, phi=args.phi,
        eps0=args.eps0, seed=require_int(args.seed, "seed"),
        count=require_int(args.count, "count", low=1, high=100_000), step=args.step)
    rows = [c.to_json() for c in checks]
    params = {"K": args.K, "d": args.d, "eps": args.eps, "c": args.c, "norm": args.norm,
              "phi": args.phi, "eps0": args.eps0, "seed": args.seed}
    payload = {"parameters": params, "checks": rows,
               "all_hold": all(c.holds is True for c in checks),
               "all_required_hold": all(c.holds is True for c in checks
                                        if not c.evidence.get("informational"))}
    mark = {True: "PASS", False: "FAIL", None: "UNDECIDED"}
    lines = [f"Theorem 4.3 construction: d = {args.d}, eps = {args.eps}, c = {args.c}, "
             f"norm = {args.norm}"]
    for c in checks:
        info = " (informational)" if c.evidence.get("informational") else ""
        lines.append(f"{mark[c.holds]:<9} {c.name}{info}: {_brief(c.evidence)}")
    return Output(payload=payload, text="\n".join(lines))
