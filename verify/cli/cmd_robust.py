"""``verify robust``: exact robustness of a given network around labelled points."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from verify.cli import Output, add_common, command_deadline
from verify.errors import InvalidArgument

if TYPE_CHECKING:
    from verify.encodings.robust import RobustnessReport, RobustnessResult
    from verify.geometry.pointsets import PointSet
    from verify.limits import Deadline
    from verify.nets.network import ReLUNet


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "robust",
        help="verify a network's robustness around labelled points (l_inf or l2 ball)",
        description=(
            "For each labelled point (x, y), decide whether y*f(x') > 0 for every x' with "
            "||x' - x|| <= r (closed ball; f(x') = 0 counts as wrong). Answers per point: "
            "verified, counterexample (a rational x', re-checked exactly) or unknown "
            "(time-out, solver error). l_inf: z3 linear real arithmetic (exact) or HiGHS MILP "
            "(--method milp: counterexamples exact, 'verified' numeric); l2: z3 nonlinear "
            "real arithmetic (exact when it answers). The network file is JSON "
            '{"architecture": "2-2-1", "layers": [{"weights": [[...]], "bias": [...]}, ...]} '
            'with numbers as integers, "p/q" text, or decimals read exactly (0.1 = 1/10). '
            "--certificate FILE writes a certificate for 'verify check-certificate': "
            "counterexamples and bound proofs are re-checked; each point verified by z3 also "
            "gets, when found within min(--timeout, 10 s), a proof over the box x +- r: "
            "input bisections, leaves by exact bounds, ReLU phase splits with Farkas leaves "
            "(it proves the l2 ball inside the box too; "
            "under l2, regions of the box outside the ball are closed by the exact KKT "
            "multipliers of their nearest point); "
            "otherwise it is listed as trusted from z3. "
            "Exit codes: 0 robust (every point verified exactly), 1 a counterexample was found, "
            "3 some point unknown or verified only numerically, 2 bad input."
        ),
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--net", metavar="FILE", help="network JSON file")
    src.add_argument("--memorizer", metavar="EPS",
                     help="instead of --net: build the robust memorizer of Appendix B for the "
                          "labelled points (classes 2*EPS-separated in l_inf, radius < EPS)")
    p.add_argument("--write-net", metavar="FILE", help="write the network used to FILE")
    p.add_argument("--points", required=True, metavar="SPEC",
                   help="grid:K:m, stilde:K:d, cube:n or a JSON points file")
    p.add_argument("--labels", metavar="LABELS",
                   help="'+-+...' or '101...' (write --labels=-+... when it starts with '-'); "
                        "if omitted, the labels of the points file")
    p.add_argument("--radius", required=True, metavar="R", help="rational radius >= 0")
    p.add_argument("--norm", default="inf", metavar="inf|2", help="ball norm (default inf)")
    p.add_argument("--timeout", default="60", metavar="S",
                   help="seconds per point before 'unknown' (default 60)")
    p.add_argument("--method", default="z3", choices=["z3", "milp"],
                   help="z3 (exact, default) or milp (HiGHS, l_inf only)")
    p.add_argument("--certificate", metavar="FILE", help="also write a certificate to FILE")
    add_common(p)
    p.set_defaults(func=run)


def _sign(y: int) -> str:
    return "+" if y > 0 else "-"


def run(args: argparse.Namespace) -> Output:
    from verify.certify.producer import make_robust_certificate, write_certificate
    from verify.encodings.robust import verify_robustness

    q = _question(args)
    report = verify_robustness(q.net, q.points.points, q.labels, q.radius, q.norm,
                               timeout=q.clock.remaining(), method=args.method,
                               prove=bool(args.certificate))
    if args.certificate:
        write_certificate(args.certificate,
                          make_robust_certificate(q.net, q.points.points, q.labels, report))
    code = 0 if report.robust is True else 1 if report.robust is False else 3
    return Output(payload=_payload(args, q, report), text=_text(args, q, report),
                  exit_code=code)


@dataclass
class _Question:
    """What ``verify robust`` checks: the network, the labelled points, the ball."""

    net: ReLUNet
    points: PointSet
    labels: tuple[int, ...]
    radius: Fraction
    norm: str
    clock: Deadline


def _question(args: argparse.Namespace) -> _Question:
    """The arguments checked, the network read or built (and written with --write-net)."""
    from verify.encodings.robust import parse_norm
    from verify.exact import require_rational_range
    from verify.geometry.pointsets import parse_spec, resolve_labels
    from verify.nets.network import ReLUNet

    radius = require_rational_range(args.radius, "radius", 0, None)
    norm = parse_norm(args.norm)
    clock = command_deadline(args)  # one --timeout for reading the points and the work
    ps = parse_spec(args.points, clock)
    labels = resolve_labels(ps, args.labels, "robust")
    if args.net is not None:
        net = ReLUNet.load(args.net)
    else:
        from verify.nets.constructions import robust_memorizer

        net = robust_memorizer(ps.points, labels, args.memorizer, radius)
    if args.write_net:
        _write_net(net, args.write_net)
    if ps.dimension != net.widths[0]:
        raise InvalidArgument(
            f"the points have dimension {ps.dimension} but the network {net.architecture} "
            f"takes {net.widths[0]} inputs"
        )
    return _Question(net, ps, labels, radius, norm, clock)


def _write_net(net: ReLUNet, path: str) -> None:
    from verify.jsonio import dumps

    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(dumps(net.to_json()) + "\n")
    except OSError as exc:
        raise InvalidArgument(f"--write-net: cannot write {path!r} ({exc})") from None


def _payload(args: argparse.Namespace, q: _Question, report: RobustnessReport) -> dict[str, Any]:
    return {
        "robust": report.robust,
        "network": q.net.architecture,
        "points": q.points.name,
        "radius": q.radius,
        "norm": q.norm,
        "method": args.method,
        "counts": report.counts,
        "results": [r.to_json() for r in report.results],
        "certificate": args.certificate,
    }


_VERDICTS = {True: "yes (every point verified exactly)",
             False: "no (a counterexample was found and re-checked exactly)",
             None: "undecided (some point unknown or verified only numerically)"}


def _text(args: argparse.Namespace, q: _Question, report: RobustnessReport) -> str:
    """The report: the question, one line per point, the counts, the verdict."""
    lines = [f"network {q.net.architecture}, {len(q.points)} points ({q.points.name}), "
             f"l_{q.norm} ball of radius {q.radius}, method {args.method}"]
    lines += [_point_line(r) for r in report.results]
    c = report.counts
    lines.append(f"verified {c['verified']}, counterexamples {c['counterexample']}, "
                 f"unknown {c['unknown']}")
    lines.append(f"robust: {_VERDICTS[report.robust]}")
    if args.certificate:
        lines.append(f"certificate written to {args.certificate}")
    return "\n".join(lines)


def _point_line(r: RobustnessResult) -> str:
    """One point's answer: verified (exact or numeric), a counterexample, or unknown."""
    pt = "(" + ", ".join(str(c) for c in r.point) + ")"
    head = f"  point {r.index} {pt} label {_sign(r.label)}: "
    if r.status == "verified":
        tag = "" if r.exact else " [numeric]"
        secs = r.provenance.get("seconds")
        return f"{head}verified{tag} ({r.provenance.get('solver')}, {secs} s)"
    if r.status == "counterexample":
        assert r.counterexample is not None
        cx = "(" + ", ".join(str(c) for c in r.counterexample) + ")"
        return f"{head}counterexample x' = {cx}, f(x') = {r.value} (re-checked)"
    return f"{head}unknown ({r.reason})"
