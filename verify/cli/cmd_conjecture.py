"""``verify conjecture``: test a conjectured inequality against exact data."""

from __future__ import annotations

import argparse
from pathlib import Path

from verify.cli import Output, add_common
from verify.errors import InvalidArgument
from verify.tables import FORMATS

__all__ = ["register", "run"]

_DESCRIPTION = """\
Test a conjectured inequality (or several) on every instance of a sweep, exactly, and
report: holds on all N instances (exit 0) / fails, with the smallest counterexample
(fewest points, then smallest parameters) and its evidence (exit 1) / unknown, with the
undecided rows (exit 3); also the equality cases and the tightest instances.

EXPR is in sympy syntax over the quantities of one instance: n (points), m (subset size),
Pi (= Pi(m), the growth function), count (= Pi(n)), vc, K (of grid:K:m, stilde:K:d),
d (dimension), h (hidden width; h1, h2, ... for deeper nets), Q (of int:Q), W (weights
and biases), alpha (covering radius / n, or --alpha values), eps (half the smallest
l_inf distance, or --eps values); functions binomial, sum(expr, (i, a, b)), log, sqrt,
exp, floor, ceiling, min, max, abs, factorial; constants E, pi. Example:
  verify conjecture "count <= 2*sum(binomial(K**2-1, i), (i, 0, 2*h+1))"
         --points grid:2..3:2 --arch 2-1..3-1

How it is decided: the text is parsed with Python's ast and a whitelist of names (never
evaluated); counts come from the toolkit's exact engines and its cache (a finished count
is read back, re-checked, never recomputed); both sides are evaluated in exact integers
and rationals, and irrational values (log, exp, sqrt, powers) as certified intervals with
mpmath's outward-rounded interval arithmetic, refined from 64 bits up to --max-bits until
the comparison is decided, else the row is unknown. Never a float comparison. A count not
finished within --budget gives certified bounds; a row they do not decide is unknown,
never a pass."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "conjecture",
        help="test a conjectured bound on exact data; smallest counterexample, tight cases",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("expr", nargs="+", metavar="EXPR",
                   help="inequality (several: more arguments, or joined by ';' or 'and')")
    p.add_argument("--points", help="point sets with ranges, e.g. grid:2..5:2,cube:3..5")
    p.add_argument("--arch", help="classes: m-h-1 with ranges (2-1..3-1), or halfspaces")
    p.add_argument("--class", dest="cls", default="real",
                   help="weight classes of the networks: real (default), int:Q, int:1..3")
    p.add_argument("--m", help="subset sizes when EXPR uses m or Pi (default 0..n), e.g. 2..5")
    p.add_argument("--alpha", help="sweep alpha over these values (0,1/10 or 0:1/4:1/8) "
                                   "instead of measuring it")
    p.add_argument("--eps", help="sweep eps over these values instead of measuring it")
    p.add_argument("--budget", default="120", metavar="S",
                   help="seconds for one count (a point set and a class); default 120")
    p.add_argument("--timeout", default=None, metavar="S",
                   help="seconds for the whole run; instances not started are unknown")
    p.add_argument("--cache-dir", default=None,
                   help="store of realized sets (default $VERIFY_CACHE_DIR or ~/.cache/verify)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the store")
    p.add_argument("--max-bits", default="4096",
                   help="largest precision of the interval refinement (default 4096)")
    p.add_argument("--top", default="5", help="how many tightest instances to list (5)")
    p.add_argument("--format", choices=list(FORMATS), default=None,
                   help="print the appendix table (one row per instance) in this format")
    p.add_argument("--out", default=None, help="write the table to this file")
    p.add_argument("--certificate", metavar="FILE", default=None,
                   help="when the conjecture fails on a count (count, Pi, vc, alpha), write "
                        "the count certificate of the counterexample's instance to FILE (.json "
                        "or .json.gz: every realized labeling with a witness network, every "
                        "other one refuted) and re-check it; 'verify check-certificate FILE' "
                        "re-checks it later")
    g = p.add_argument_group("search (hypothesis-driven, random rational point sets)")
    g.add_argument("--search", action="store_true", help="also search random point sets")
    g.add_argument("--search-dim", default="2", help="their dimension (default 2)")
    g.add_argument("--search-sizes", default="3..8", help="their numbers of points (3..8)")
    g.add_argument("--search-seconds", default="60", help="wall-clock budget (default 60)")
    g.add_argument("--search-denominator", default="8",
                   help="largest denominator of a coordinate (default 8)")
    g.add_argument("--seed", default="0", help="seed of the search (default 0)")
    add_common(p)
    p.set_defaults(func=run)


def _search_options(args: argparse.Namespace) -> object:
    from verify.conjecture import SearchOptions
    from verify.conjecture.sweep import parse_int_values
    from verify.exact import require_int
    from verify.limits import parse_timeout

    sizes = parse_int_values(args.search_sizes, "--search-sizes", low=1)
    seconds = parse_timeout(args.search_seconds)
    assert seconds is not None
    return SearchOptions(
        dimension=require_int(args.search_dim, "--search-dim", low=1, high=16),
        sizes=(sizes[0], sizes[-1]),
        seconds=seconds,
        seed=require_int(args.seed, "--seed", low=0),
        max_denominator=require_int(args.search_denominator, "--search-denominator", low=1,
                                    high=10**6),
    )


def run(args: argparse.Namespace) -> Output:
    from verify.conjecture import check_conjecture
    from verify.conjecture.output import conjecture_table, summary_text
    from verify.tables import render

    if not args.search:
        changed = [o for o, v, d in (("--search-dim", args.search_dim, "2"),
                                     ("--search-sizes", args.search_sizes, "3..8"),
                                     ("--search-seconds", args.search_seconds, "60"),
                                     ("--search-denominator", args.search_denominator, "8"),
                                     ("--seed", args.seed, "0")) if v != d]
        if changed:
            raise InvalidArgument(f"{changed[0]} applies with --search only")
    if args.out and args.format is None:
        args.format = Path(args.out).suffix.lstrip(".").replace("tex", "latex") \
            if Path(args.out).suffix in (".md", ".tex", ".csv", ".json") else "md"
    search = _search_options(args) if args.search else None
    result = check_conjecture(
        args.expr, points=args.points, arch=args.arch, cls=args.cls, m=args.m,
        alpha=args.alpha, eps=args.eps, budget=args.budget, timeout=args.timeout,
        cache_dir=args.cache_dir, use_cache=not args.no_cache, max_bits=args.max_bits,
        top=args.top, search=search, certificate=args.certificate,
    )
    payload = result.to_json()
    if args.certificate is not None:
        ev = (result.counterexample or {}).get("evidence") or {}
        made = (ev.get("certificate") or {}).get("file")
        payload["certificate"] = made
        if made is None:
            payload["certificate_note"] = ((ev.get("certificate") or {}).get("note")
                                           or "no certificate written: no counterexample")
    summary = summary_text(result)
    table_text = render(conjecture_table(result), args.format or "md")
    if args.out:
        try:
            Path(args.out).write_text(table_text + "\n", encoding="utf-8")
        except OSError as exc:
            raise InvalidArgument(f"cannot write {args.out!r} ({exc.strerror})") from None
        payload["table_written_to"] = args.out
        text = summary + f"\ntable written to {args.out} ({args.format})"
    elif args.format is not None:
        text = table_text
    else:
        text = summary + "\n\n" + table_text
    return Output(payload=payload, text=text, exit_code=result.exit_code)
