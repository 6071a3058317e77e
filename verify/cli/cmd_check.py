"""``verify check``: list the paper's claims, or check one and print its claim object."""

from __future__ import annotations

import argparse
from typing import Any

from verify.cli import Output, add_common, color_wanted

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check one claim of the paper (or --list them)",
        description=(
            "Check one claim of the paper and print its verdict, the kind of evidence "
            "behind it, a one-line reason, the evidence and an explanation. Verdicts: "
            "proved, proved (corrected), holds on instances, holds with correction, fails, "
            "consistent, not informative, not checked, out of reach, error. "
            "With --json, print the claim object of results.json. Exit code 0 when the "
            "check ran (whatever the verdict), 1 when it ended in 'error' (a bug in the "
            "check), 2 for bad input."
        ),
    )
    p.add_argument("claim", nargs="?", help="claim id (see --list)")
    p.add_argument("--list", action="store_true", help="list the claim ids and titles")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small sizes (seconds)")
    size.add_argument("--full", action="store_true", help="larger sizes (minutes)")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    from proofs.claim import VERDICT_WORDS
    from proofs.registry import claim_ids, describe, run_claim
    from verify.errors import InvalidArgument
    from verify.report.markdown import compact_json, shorten

    if args.list and args.claim:
        raise InvalidArgument("give either a claim id or --list, not both")
    if args.list:
        items = [describe(i) for i in claim_ids()]
        width = max(len(i["id"]) for i in items)
        text = "\n".join(f"{i['id']:<{width}}  {i['title']}" for i in items)
        return Output(
            payload={"claims": [{"id": i["id"], "title": i["title"],
                                 "statement": i["statement"]} for i in items]},
            text=text,
        )
    if not args.claim:
        raise InvalidArgument("give a claim id, or --list to see them")
    size = "quick" if args.quick else "full" if args.full else "default"
    result = run_claim(args.claim, size).to_json()
    ev = compact_json(shorten(result["evidence"]))
    verdict = f"{VERDICT_WORDS[result['verdict']]} ({result['verdict']})"
    if result["verdict"] == "error" and color_wanted():
        verdict = f"\x1b[1;31m{verdict}\x1b[0m"
    text = (
        f"{result['id']}: {result['title']}\n"
        f"verdict: {verdict}\n"
        f"evidence kind: {result['evidence_kind']}\n"
        f"reason: {result['reason']}\n"
        f"statement: {result['statement']}\n\n{result['explanation']}\n\nevidence: {ev}"
    )
    return Output(payload=result, text=text, exit_code=1 if result["verdict"] == "error" else 0)

