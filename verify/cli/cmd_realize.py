"""``verify realize``: does a network of the architecture realize a labeling? Exactly."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from verify.cli import Output, add_common, command_deadline

if TYPE_CHECKING:
    from verify.nets.network import ReLUNet


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "realize",
        help="decide exactly whether an architecture realizes a labeling of a point set",
        description=(
            "Decide whether some ReLU network of the architecture labels every point as "
            "given (f(x) > 0 for +, f(x) < 0 for -; f(x) = 0 is wrong). Answers: "
            "realizable (with a witness network re-checked in exact rational arithmetic), "
            "unrealizable (with the solver, version, encoding and time), or unknown (time-out "
            "or solver error; never reported as unrealizable). Class real: one hidden layer "
            "by z3 linear real arithmetic (exact, complete), deeper networks by z3 nonlinear "
            "real arithmetic, except m-h-1-...-1 and m-1-h-1 (exact linear reductions). "
            "Class int:Q (integer weights and biases in [-Q, Q], one hidden "
            "layer): SAT with python-sat. --certificate FILE writes a certificate that "
            "'verify check-certificate FILE' re-checks; an unrealizable answer for m-h-1 (real) "
            "carries a refutation proof (case splits over output signs and ReLU phases with "
            "Farkas leaves), and for m-h-1-...-1 the same proof for m-h-1 with the reduction "
            "(lemma C1) the checker names; for m-1-h-1 splits over the threshold signs of one "
            "affine feature with Farkas and parity leaves (lemma C2); other deep refutations "
            "are trusted from their solver. "
            "Exit codes: 0 realizable, 1 unrealizable, 3 unknown, 2 bad input."
        ),
    )
    p.add_argument("--arch", required=True, metavar="ARCH", help="m-h-1, m-1 or m-h1-h2-1")
    p.add_argument("--points", required=True, metavar="SPEC",
                   help="grid:K:m, stilde:K:d, cube:n or a JSON points file")
    p.add_argument("--labels", metavar="LABELS",
                   help="'+-+...' or '101...', point i first (write --labels=-+... when the "
                   "first label is -); default: the points file's labels")
    p.add_argument("--class", dest="cls", default="real", metavar="CLASS",
                   help="real (default) or int:Q")
    p.add_argument("--timeout", metavar="S", help="seconds before the answer is unknown")
    p.add_argument("--certificate", metavar="FILE",
                   help="also write a certificate to FILE (.json, or .json.gz compressed)")
    add_common(p)
    p.set_defaults(func=run)


def format_layers(net: ReLUNet) -> list[str]:
    """One line per layer: ``layer i: W = [[...]], b = [...]`` with exact rationals."""
    return [f"  layer {i}: W = {_matrix(layer.weights)}, "
            f"b = [{', '.join(str(v) for v in layer.bias)}]"
            for i, layer in enumerate(net.layers, 1)]


def _matrix(rows: Sequence[Sequence[object]]) -> str:
    return "[" + ", ".join("[" + ", ".join(str(v) for v in r) + "]" for r in rows) + "]"


def run(args: argparse.Namespace) -> Output:
    from verify.encodings.realize import realize
    from verify.geometry.pointsets import parse_spec, resolve_labels
    from verify.labels import labels_text

    clock = command_deadline(args)  # one --timeout for reading the points and the work
    ps = parse_spec(args.points, clock)
    labels = resolve_labels(ps, args.labels, "realize")
    decision = realize(ps, labels, args.arch, cls=args.cls, timeout=clock.remaining())
    payload = decision.to_json()
    payload.update({"architecture": args.arch.strip(), "class": args.cls.strip(),
                    "points": ps.name, "labels": labels_text(labels)})
    if args.certificate:
        from verify.certify.producer import make_realize_certificate, write_certificate
        cert = make_realize_certificate(ps.points, labels, args.arch, args.cls, decision,
                                        timeout=clock.remaining())
        write_certificate(args.certificate, cert)
        ref = cert["answer"].get("refutation")
        payload["refutation_checkable"] = bool(ref and "tree" in ref)
        payload["certificate"] = args.certificate
    lines = [f"{decision.status}: {args.arch.strip()} (class {args.cls.strip()}) on "
             f"{ps.name} ({len(ps)} points), labels {labels_text(labels)}"]
    if decision.witness is not None:
        lines.append("witness (re-checked exactly; y*f(x) > 0 at every point):")
        lines.extend(format_layers(decision.witness))
    if decision.reason:
        lines.append(f"reason: {decision.reason}")
    prov = decision.provenance
    if "solver" in prov:
        lines.append(f"solver: {prov['solver']} {prov.get('version', '')}, "
                     f"{prov.get('seconds', 0):.3f} s; encoding: {prov.get('encoding', '')}")
    if args.certificate:
        lines.append(f"certificate written to {args.certificate}")
    code = {"realizable": 0, "unrealizable": 1}.get(decision.status, 3)
    return Output(payload=payload, text="\n".join(lines), exit_code=code)
