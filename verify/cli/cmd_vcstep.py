"""``verify vc-step``: from bound (1) to an exact VC-dimension lower bound."""

from __future__ import annotations

import argparse

from verify.cli import Output, add_common

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``vc-step`` sub-command."""
    p = sub.add_parser(
        "vc-step",
        help="the VC step of Section 4.3, exactly",
        description=(
            "From the growth lower bound ceil(lhs) of bound (1) at V points, the smallest D "
            "with sum_{i<=D} C(V,i) >= that count (Sauer-Shelah, exact) and through "
            "(eV/D)^D (decided with rational brackets of e), compared with 0.05 K^(d-1); "
            "and whether 2(1-2alpha) > (10e)^(1/10), decided exactly."
        ),
    )
    p.add_argument("--K", required=True, help="grid resolution K >= 1")
    p.add_argument("--d", required=True, help="dimension d >= 2")
    p.add_argument("--alpha", default="1/10", help="error rate, rational in [0, 1/2) (1/10)")
    p.add_argument(
        "--scan-V",
        action="store_true",
        help="also run the double counting with every V = 1..a (n <= 2000) and report the best",
    )
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    """Compute and format the VC step."""
    from verify.bounds import scan_V, vc_step
    from verify.bounds._num import sci

    s = vc_step(args.K, args.d, args.alpha)
    c = s.chain
    lines = [f"VC step: K = {c.K}, d = {c.d}, alpha = {c.alpha}, n = {c.n}"]
    for r in s.readings:
        count = str(r.count) if r.count.bit_length() <= 100 else f"{sci(r.count)} (truncated)"
        lines.append(f"  V = {r.V}: some V-subset has >= {count} labelings")
        lines.append(f"    Sauer-Shelah: VC-dim >= {r.min_dimension}")
        if r.weak_form_D is not None:
            side = "holds" if r.weak_form_side_condition else "fails"
            lines.append(
                f"    (eV/D)^D form: D >= {r.weak_form_D} (side condition V > D+1 {side}); "
                f"VC-dim >= min(D, V-1) = {r.weak_form_lower_bound}"
            )
    verdict = "yes" if s.meets_paper_bound else "NO"
    lines.append(
        f"exact VC lower bound {s.min_vc_dimension} >= 0.05 K^(d-1) = {s.paper_vc_bound}: "
        f"{verdict}"
    )
    lines.append(
        f"2(1-2alpha) > (10e)^(1/10): {'yes' if s.alpha_ok else 'NO'} "
        f"(holds iff alpha < {s.threshold.exact} = {s.threshold.decimal}...)"
    )
    payload = s.to_json()
    if args.scan_V:
        scan = scan_V(args.K, args.d, args.alpha)
        payload["scan"] = scan.to_json()
        half = [scan.by_V[r.V - 1] for r in s.readings if r.V >= 1]
        lines.append(
            f"scan over V = 1..{len(scan.by_V)}: best V = {scan.best_V} gives VC-dim >= "
            f"{scan.best_min_dimension} (the paper's V = n/2 gives {max(half, default=0)})"
        )
    return Output(payload=payload, text="\n".join(lines))
