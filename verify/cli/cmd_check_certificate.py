"""``verify check-certificate``: re-check a certificate in exact arithmetic."""

from __future__ import annotations

import argparse

from verify.cli import Output, add_common


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check-certificate",
        help="re-check a realizability or robustness certificate exactly",
        description=(
            "Re-check a certificate written by 'verify realize --certificate' or "
            "'verify robust --certificate'. Witness networks are re-checked with exact "
            "rational evaluation (and, for int:Q, their weights' range); robustness "
            "counterexamples by exact evaluation and an exact ball test. Refutations and "
            "'verified' verdicts cannot be re-checked and are reported as trusted from the "
            "named solver. Exit 0: every re-checkable claim holds; exit 1: a claim failed "
            "its re-check; exit 2: the file is not a readable certificate."
        ),
    )
    p.add_argument("file", metavar="FILE", help="certificate JSON file")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    from verify.encodings.certificates import check_certificate, load_certificate

    check = check_certificate(load_certificate(args.file))
    lines = [f"certificate {args.file} ({check.kind}): {check.claim}"]
    lines += [f"  checked: {t}" for t in check.checked]
    lines += [f"  trusted: {t}" for t in check.trusted]
    lines += [f"  FAILED: {t}" for t in check.failures]
    lines.append("result: VALID" if check.valid else "result: REJECTED")
    return Output(payload={"file": args.file, **check.to_json()}, text="\n".join(lines),
                  exit_code=0 if check.valid else 1)
