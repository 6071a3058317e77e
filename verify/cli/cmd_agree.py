"""``verify agree``: the most points of a labeling one network of the architecture gets right."""

from __future__ import annotations

import argparse

from verify.cli import Output, add_common, command_deadline


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "agree",
        help="maximum agreement of an architecture with a labeling (MILP + exact z3 certificate)",
        description=(
            "The largest number of points of the labeling that one ReLU network of the "
            "architecture (m-h-1 or m-1, real weights) classifies correctly (y*f(x) > 0; "
            "f(x) = 0 is wrong). HiGHS solves a big-M MILP with hidden weights and biases "
            "in [-B, B] (a lower bound; its witness is turned into rationals and re-counted "
            "exactly); then z3 (linear real arithmetic, no weight bound) searches for a "
            "network right on more points until it proves none exists: 'optimal: true' is "
            "an exact certificate for the real class. On a time-out the count is a "
            "certified lower bound."
        ),
    )
    p.add_argument("--arch", required=True, metavar="ARCH", help="m-h-1 or m-1")
    p.add_argument("--points", required=True, metavar="SPEC",
                   help="grid:K:m, stilde:K:d, cube:n or a JSON points file")
    p.add_argument("--labels", metavar="LABELS",
                   help="'+-+...' or '101...' (write --labels=-+... when the first label is -); "
                   "default: the points file's labels")
    p.add_argument("--timeout", metavar="S", help="seconds for the exact z3 step")
    p.add_argument("--weight-bound", default="16", metavar="B",
                   help="MILP weight bound B (default 16)")
    p.add_argument("--milp-timeout", default="10", metavar="S",
                   help="seconds for HiGHS (default 10)")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    from verify.cli.cmd_realize import format_layers
    from verify.encodings.agree import max_agreement
    from verify.geometry.pointsets import parse_spec, resolve_labels
    from verify.labels import labels_text

    clock = command_deadline(args)  # one --timeout for reading the points and the work
    ps = parse_spec(args.points, clock)
    labels = resolve_labels(ps, args.labels, "agree")
    res = max_agreement(ps, labels, args.arch, timeout=clock.remaining(),
                        weight_bound=args.weight_bound, milp_timeout=args.milp_timeout)
    payload = res.to_json()
    payload.update({"architecture": args.arch.strip(), "points": ps.name,
                    "labels": labels_text(labels)})
    kind = "optimal, certified by z3" if res.optimal else "a certified lower bound"
    lines = [f"maximum agreement of {args.arch.strip()} with {labels_text(labels)} on "
             f"{ps.name}: {res.agreement} of {res.n} points ({kind})"]
    wrong = [i for i, (x, y) in enumerate(zip(ps.points, labels, strict=True))
             if y * res.witness.evaluate(x) <= 0]
    lines.append(f"witness (re-checked exactly) misclassifies points {wrong}")
    lines.extend(format_layers(res.witness))
    milp = res.provenance.get("milp", {})
    if "exact_count_of_rational_witness" in milp:
        lines.append(f"HiGHS: {milp['exact_count_of_rational_witness']} points right "
                     f"(exact count of its rationalised witness), {milp['status']}")
    if res.reason:
        lines.append(f"reason: {res.reason}")
    return Output(payload=payload, text="\n".join(lines))
