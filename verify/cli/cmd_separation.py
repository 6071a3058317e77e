"""``verify separation A B --norm``: exact distance between two point sets."""

from __future__ import annotations

import argparse
from fractions import Fraction
from typing import Any

from verify.cli import Output, add_common, command_deadline

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "separation",
        help="exact minimum distance between two point sets (and 2eps-separation)",
        description=(
            "Exact minimum distance between the point sets A and B under the l_inf, l_1 or "
            "l_2 norm, with the pair attaining it. Under l_2 the squared distance is exact "
            "and the distance is shown as a certified interval. With --eps, says whether A "
            "and B are 2eps-separated; with --linear, decides linear separability exactly."
        ),
    )
    p.add_argument("spec_a", metavar="SPEC_A", help="grid:K:m | stilde:K:d | cube:n | FILE")
    p.add_argument("spec_b", metavar="SPEC_B", help="grid:K:m | stilde:K:d | cube:n | FILE")
    p.add_argument("--norm", required=True, help="inf, 1 or 2")
    p.add_argument("--eps", help="check 2eps-separation for this rational eps > 0")
    p.add_argument("--linear", action="store_true",
                   help="also decide strict linear separability (exact, with certificate)")
    p.add_argument("--timeout", metavar="S",
                   help="seconds for comparing the pairs of points (every pair is compared: "
                        "more than 1e9 pairs are refused without a time limit), and again "
                        "for the z3 queries of --linear (then the answer is unknown)")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    from verify.encodings.separability import linearly_separable
    from verify.geometry.checks import separation
    from verify.geometry.norms import interval_text, parse_norm
    from verify.geometry.pointsets import parse_spec

    norm = parse_norm(args.norm)
    clock = command_deadline(args)  # one --timeout: reading the files, the distance, z3
    A = parse_spec(args.spec_a, clock)
    B = parse_spec(args.spec_b, clock)
    chk = separation(A, B, norm, args.eps, clock)  # both build Deadline(clock): one clock
    ev = chk.evidence
    payload: dict[str, Any] = {"norm": norm}
    pair = ev["pair"]
    if norm == "2":
        d2: Fraction = ev["distance_squared"]
        payload["distance_squared"] = d2
        payload["distance_interval"] = ev["distance_interval"]
        payload["separated_by_squared"] = d2 / 4
        shown = f"distance^2 = {d2}  (distance in {interval_text(*ev['distance_interval'])})"
    else:
        dist: Fraction = ev["distance"]
        payload["distance"] = dist
        payload["separated_by"] = dist / 2
        shown = f"distance = {dist}"
    payload["pair"] = pair
    lines = [f"l{norm} {shown}",
             f"attained by A[{pair['index_a']}] = ({', '.join(map(str, pair['a']))}) and "
             f"B[{pair['index_b']}] = ({', '.join(map(str, pair['b']))})"]
    if args.eps is not None:
        payload["eps"] = ev["eps"]
        payload["separated"] = chk.holds
        lines.append(f"2eps-separated for eps = {ev['eps']}: {'yes' if chk.holds else 'no'}")
    if args.linear:
        lin = linearly_separable(A, B, timeout=clock)
        payload["linearly_separable"] = lin.to_json()
        if lin.holds:
            w = ", ".join(map(str, lin.evidence["w"]))
            lines.append(f"linearly separable: yes, w = ({w}), b = {lin.evidence['b']}")
        elif lin.holds is False:
            pt = ", ".join(map(str, lin.evidence["certificate"]["point"]))
            lines.append(f"linearly separable: no, the convex hulls share ({pt})")
        else:
            lines.append(f"linearly separable: unknown ({lin.evidence.get('reason')})")
    return Output(payload=payload, text="\n".join(lines))
