"""``verify points SPEC``: the points of a spec or a points file, exactly."""

from __future__ import annotations

import argparse
from typing import Any

from verify.cli import Output, add_common

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "points",
        help="print the points of a spec (grid:K:m, stilde:K:d, cube:n) or a JSON file",
        description=(
            "Print the points named by SPEC exactly (rationals p/q). SPEC is grid:K:m "
            "({1/K,...,1}^m), stilde:K:d (the grid with last coordinate 1/2), cube:n "
            "({0,1}^n) or a JSON file: a list of points or {\"points\": ..., \"labels\": ...}."
        ),
    )
    p.add_argument("spec", metavar="SPEC", help="grid:K:m | stilde:K:d | cube:n | FILE.json")
    add_common(p)
    p.set_defaults(func=run)


def _fmt(p: tuple[Any, ...]) -> str:
    return "(" + ", ".join(str(c) for c in p) + ")"


def run(args: argparse.Namespace) -> Output:
    from verify.geometry.pointsets import parse_spec
    from verify.labels import labels_text

    ps = parse_spec(args.spec)
    payload: dict[str, Any] = {
        "spec": args.spec, "count": len(ps), "dimension": ps.dimension,
        "points": [list(p) for p in ps.points],
    }
    if ps.labels is not None:
        payload["labels"] = list(ps.labels)
    noun = "point" if len(ps) == 1 else "points"
    lines = [f"# {args.spec}: {len(ps)} {noun} in R^{ps.dimension}"]
    if ps.labels is None:
        lines += [_fmt(p) for p in ps.points]
    else:
        lines += [f"{_fmt(p)} {labels_text([v])}" for p, v in zip(ps.points, ps.labels,
                                                                    strict=True)]
    return Output(payload=payload, text="\n".join(lines))
