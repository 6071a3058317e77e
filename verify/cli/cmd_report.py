"""``verify report``: run every claim check and write the appendix material."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from verify.cli import Output, add_common, color_wanted

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="check every claim of the paper and write report.md, tables, figures, results.json",
        description=(
            "Run the claim registry and write to DIR: report.md (summary, provenance, every "
            "claim's verdict, explanation and figures), claims/ID.md (its parameters, tables "
            "and evidence), report.html (all of it in one self-contained page), "
            "tables/*.tex (booktabs) and tables/*.csv, figures/*.pdf|svg|png (300 dpi) and "
            "results.json. Finished claims are cached in DIR/.cache, "
            "so an interrupted run resumes; re-running gives byte-identical files "
            "(a figure whose data and code are unchanged and whose files still have their "
            "recorded SHA-256 is not drawn again). "
            "Every claim gets a verdict (proved, proved (corrected), holds on instances, "
            "holds with correction, fails, consistent, not informative, not checked, out "
            "of reach, error), the kind of evidence behind it and a one-line reason. "
            "Exit code 0 when every check ran (whatever the verdicts), 1 when a check "
            "ended in 'error' (a bug in the check, shown in red), 2 for bad input."
        ),
    )
    p.add_argument("--out", default="report", metavar="DIR",
                   help="output directory (default: ./report)")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small sizes (under a minute)")
    size.add_argument("--full", action="store_true", help="larger sizes (long)")
    p.add_argument("--claims", metavar="ID,…", help="only these claims (comma-separated)")
    p.add_argument("--time-limit", metavar="S", default=None,
                   help="stop a claim after S seconds and report it out-of-reach "
                        "(default: 600 for --quick, 1800 otherwise; 0: no limit)")
    p.add_argument("--no-cache", action="store_true",
                   help="recompute every claim and redraw every figure (the cache is still "
                        "refreshed)")
    p.add_argument("--conjectures", metavar="FILE", default=None,
                   help="add your own conjectures as claims: a TOML (or .json) file of "
                        "[[conjecture]] entries with id, statement, formula and sweep "
                        "(points, arch, class, m, alpha, eps, budget as for 'verify "
                        "conjecture'); each is checked exactly and reported as holds on "
                        "instances, fails or out of reach")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    from verify.report.provenance import provenance
    from verify.report.runner import parse_claim_list
    from verify.report.writer import errored_claims, prepare_output_dir, summary_text, write_report

    ids = parse_claim_list(args.claims)
    conjectures: list[Any] = []
    if args.conjectures is not None:
        from verify.report.conjectures import load_conjectures

        conjectures = load_conjectures(args.conjectures)  # validated before any work
    size = "quick" if args.quick else "full" if args.full else "default"
    limit = _time_limit(args.time_limit, size)
    out = prepare_output_dir(args.out)
    if args.no_cache:
        _clear_cache(out / ".cache")
    claims, from_cache = _run_all(ids, conjectures, size, out / ".cache", limit)
    options = {"size": size, "claims": ",".join(ids) if args.claims else "all",
               "time_limit": limit, "no_cache": bool(args.no_cache),
               "conjectures": args.conjectures}
    files = write_report(out, claims, size, provenance(options, _command_line(args, size)))
    payload = {
        "out": str(args.out),
        "size": size,
        "files": files,
        "from_cache": from_cache,
        "claims": [{"id": c["id"], "verdict": c["verdict"], "evidence": c["evidence"],
                    "evidence_kind": c.get("evidence_kind"), "reason": c.get("reason")}
                   for c in claims],
        "errors": errored_claims(claims),
    }
    color = color_wanted()
    return Output(payload=payload,
                  text=summary_text(claims, str(args.out), cached=len(from_cache), color=color),
                  exit_code=1 if payload["errors"] else 0)


def _time_limit(text: str | None, size: str) -> int | None:
    """Seconds a claim may take: ``--time-limit`` (0: no limit), by default 600 for
    ``--quick`` and 1800 otherwise.

    >>> _time_limit(None, "quick"), _time_limit(None, "full"), _time_limit("0", "quick")
    (600, 1800, None)
    """
    from verify.exact import require_int

    if text is None:
        return 600 if size == "quick" else 1800
    return require_int(text, "--time-limit", low=0, high=10**6) or None


def _clear_cache(cache_dir: Path) -> None:
    """Forget the cached claims and the figures' digests (so every figure is redrawn)."""
    for old in cache_dir.glob("*.json"):
        old.unlink()
    (cache_dir / "figures" / "digests.json").unlink(missing_ok=True)


def _run_all(ids: list[str], conjectures: list[Any], size: str, cache_dir: Path,
             limit: int | None) -> tuple[list[dict[str, Any]], list[str]]:
    """The claims' results, then the conjectures', under one progress bar; and the ids
    read from the cache."""
    from verify.progress import progress
    from verify.report.runner import run_claims

    from_cache: list[str] = []

    def done(cid: str, _result: dict[str, Any], cached: bool) -> None:
        if cached:
            from_cache.append(cid)
        bar.advance()

    with progress(len(ids) + len(conjectures), f"checking claims ({size})") as bar:
        claims = run_claims(ids, size, cache_dir, on_done=done, time_limit=limit)
        if conjectures:
            from verify.report.conjectures import run_conjectures

            claims += run_conjectures(conjectures, cache_dir, on_done=done, time_limit=limit)
    return claims, from_cache


def _command_line(args: argparse.Namespace, size: str) -> str:
    """The command as the provenance records it (the options given, ``--out`` left out)."""
    return "verify report" + (f" --{size}" if size != "default" else "") + (
        f" --claims {args.claims}" if args.claims else "") + (
        f" --time-limit {args.time_limit}" if args.time_limit is not None else "") + (
        f" --conjectures {args.conjectures}" if args.conjectures else "")
