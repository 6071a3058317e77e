"""``verify double-counting``: the argument of Section 4.3 measured on a class."""

from __future__ import annotations

import argparse

from verify.cli import Output, add_common, command_deadline
from verify.cli.cmd_count import add_class_options, realized_from_args, set_digest
from verify.errors import InvalidArgument
from verify.exact import fraction_text, require_int

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "double-counting",
        help="measure the double-counting argument (bound (1)) on a class",
        description=(
            "From the exact realized set R of a class on the points: the error rate "
            "alpha = (covering radius of R)/n the class achieves on every labeling, the "
            "V-subset count 2^V C(a, V)/C(n, V) that bound (1) promises (a = n - covering "
            "radius), and the measured maximum over V-subsets of distinct projections of R."
        ),
    )
    add_class_options(p, arch_required=True)
    p.add_argument("--V", default=None, help="subset size (default floor(n/2))")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    from verify.enumeration.double_counting import MAX_N, double_counting
    from verify.geometry.pointsets import parse_spec

    V = None if args.V is None else require_int(args.V, "V", low=0)
    points = parse_spec(args.points, command_deadline(args))  # read once, within --timeout
    n = len(points)
    if n > MAX_N:
        raise InvalidArgument(f"double-counting examines all 2^n labelings; n = {n} > {MAX_N}")
    if V is not None and V > n:
        raise InvalidArgument(f"V must be <= n = {n}, got {V}")
    ps, res = realized_from_args(args, args.arch.strip(), points)
    if not res.complete:
        raise InvalidArgument(
            "the realized set is incomplete (time-out); alpha would not be exact — "
            "rerun without --timeout or with a larger one (found labelings are kept)"
        )
    if res.count == 0:
        raise InvalidArgument("the class realizes no labeling of these points")
    r = double_counting(res.labelings, res.n, V)
    payload = r.to_json()
    payload["realized"] = res.count
    payload["digest"] = set_digest(res)
    text = "\n".join([
        f"{ps.name}: class realizes {res.count} of {2**res.n} labelings of {res.n} points",
        f"worst labeling is {r.covering_radius} errors away: alpha = {fraction_text(r.alpha)}"
        f" (a = {r.a} points always correct)",
        f"bound (1) promises some {r.V}-point subset with >= {fraction_text(r.promised)} labelings",
        f"measured max over {r.V}-point subsets: {r.measured} (subset {list(r.subset)})",
        "the argument's conclusion holds" if r.holds else "the argument's conclusion FAILS",
    ])
    return Output(payload=payload, text=text)
