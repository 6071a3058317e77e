"""``verify check-certificate``: re-check a certificate in exact arithmetic."""

from __future__ import annotations

import argparse

from verify.cli import Output, add_common

_HEAD = {"verified": "VERIFIED", "rejected": "REJECTED", "partly-trusted": "PARTLY TRUSTED"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check-certificate",
        help="re-check a realizability, robustness or count certificate exactly",
        description=(
            "Re-check a certificate written by 'verify realize --certificate', 'verify robust "
            "--certificate' or 'verify count --certificate' (FILE may be gzip-compressed, "
            "FILE.json.gz). The checker is small code that trusts only rational arithmetic: "
            "witness networks are evaluated exactly; refutations are case splits over output "
            "signs, ReLU phases and labels whose every leaf's linear system the checker "
            "re-derives from the question and the path and refutes with the certificate's "
            "Farkas vector (checked in integers); counts are re-derived from the listed "
            "witnesses, the refutation tree and the symmetry maps (checked to map the points "
            "onto themselves, with the listed set closed under them); int:Q classes are "
            "re-enumerated when small. Verdicts: VERIFIED (everything re-checked, exit 0), "
            "REJECTED (some part fails its re-check, listed with the reason, exit 1), PARTLY "
            "TRUSTED (everything re-checkable passed, some parts are only trusted from a named "
            "solver, exit 4). An unreadable or malformed file gives 'error:' and exit 2. "
            "--json prints {\"verdict\", \"checked\", \"trusted\", \"rejected\", \"count\", ...}."
        ),
    )
    p.add_argument("file", metavar="FILE", help="certificate file (.json or .json.gz)")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    from verify.certify.checker import check_certificate
    from verify.certify.format import load_certificate

    check = check_certificate(load_certificate(args.file))
    lines = [f"certificate {args.file} ({check.kind}): {check.claim}"]
    lines += [f"  checked: {t}" for t in check.checked]
    lines += [f"  trusted: {t}" for t in check.trusted]
    lines += [f"  REJECTED: {t}" for t in check.rejected]
    if check.count is not None:
        lines.append(f"count re-derived by the checker: {check.count}")
    lines.append(_HEAD[check.verdict])
    return Output(payload={"file": args.file, **check.to_json()}, text="\n".join(lines),
                  exit_code=check.exit_code)
