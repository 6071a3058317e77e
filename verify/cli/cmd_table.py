"""``verify table``: tables of the bounds and of growth functions in Markdown, LaTeX
(booktabs, fitted to the page), CSV, JSON or HTML."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from verify.bounds.bartlett import BOUNDS
from verify.bounds.ranges import RANGE_SYNTAX
from verify.cli import Output, add_common
from verify.errors import InvalidArgument
from verify.exact import require_int
from verify.tables import FORMATS, render

__all__ = ["register", "run"]

# kind -> (builder in verify.bounds, {option: default shown in help})
_KINDS: dict[str, tuple[str, dict[str, str]]] = {
    "bounds": ("bounds_table", {"K": "1:6", "d": "2:3", "alpha": "1/10", "V": "floor/ceil n/2"}),
    "vc": ("vc_table", {"K": "2:6", "d": "2:4", "alpha": "1/10"}),
    "sizes": (
        "sizes_table",
        {"eps": "1/100", "d": "2:12", "alpha": "1/10", "bound": "all", "target": "paper"},
    ),
    "table1": (
        "table1_table",
        {"N": "1000", "d": "2,10,100", "k": "2", "eps": "1/10", "c": "1/2", "delta": "1/100"},
    ),
    "growth": (
        "growth_table",
        {"points": "(required)", "arch": "(required)", "cls": "real", "layout": "summary",
         "cache_dir": "the store", "no_cache": "", "timeout": "none", "max_subsets": "200000"},
    ),
}
_OPTIONS = ("K", "d", "alpha", "V", "eps", "bound", "target", "N", "k", "c", "delta",
            "points", "arch", "cls", "layout", "cache_dir", "no_cache", "timeout", "max_subsets")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``table`` sub-command."""
    defaults = "; ".join(
        f"{kind}: " + ", ".join(f"--{o} {v}" for o, v in opts.items())
        for kind, (_, opts) in _KINDS.items() if kind != "growth"
    )
    p = sub.add_parser(
        "table",
        help="tables of bound (1), the VC step, enveloping sizes, Table 1, growth functions",
        description=(
            "Print a table: 'bounds' (bound (1) per reading, exact verdicts), 'vc' (exact VC "
            "lower bounds from bound (1)), 'sizes' (smallest enveloping network per d), "
            "'table1' (the paper's Table 1 with unknown constants set to 1), 'growth' "
            "(growth functions, counts, VC dimensions and Sauer-Shelah gaps of the classes "
            "--arch A,... on the point sets --points SPEC,..., decided exactly; a real class "
            "finished before is read from the store). Every cell is exact: CSV and JSON "
            "hold every value in full; Markdown and LaTeX show values longer than 16 "
            "characters as '...' with a labelled approximate column beside them. LaTeX "
            "(booktabs) scales a wide table down to the line width; --columns selects "
            "columns, --pivot ROW,COLUMN,VALUE lays a parameter grid out as rows x columns, "
            "--landscape puts the table on a landscape page. "
            f"Ranges: {RANGE_SYNTAX}. Defaults: {defaults}."
        ),
    )
    p.add_argument("kind", choices=list(_KINDS), help="which table")
    p.add_argument("--K", help="grid resolutions (bounds, vc), e.g. 1:6")
    p.add_argument("--d", help="dimensions, e.g. 2:4 or 2,10,100")
    p.add_argument("--alpha", help="error rates, e.g. 0,1/10,1/5")
    p.add_argument("--V", help="one chosen V (bounds) instead of floor/ceil n/2")
    p.add_argument("--eps", help="separations (sizes, table1), e.g. 1/10,1/100")
    p.add_argument(
        "--bound", help=f"VC upper bounds for sizes, comma-separated from {', '.join(BOUNDS)}"
    )
    p.add_argument(
        "--target",
        help="sizes: 'paper' (0.05 K^(d-1)) or 'exact' (the exact VC lower bound, n <= 10^6)",
    )
    p.add_argument("--N", help="numbers of points (table1)")
    p.add_argument("--k", help="intrinsic dimensions (table1)")
    p.add_argument("--c", help="robust radius factors in (0,1) (table1)")
    p.add_argument("--delta", help="robustness radii in (0, eps/2) (table1)")
    p.add_argument("--points", help="growth: point sets, comma-separated (grid:3:2,cube:3)")
    p.add_argument("--arch", help="growth: architectures m-h-1 or 'halfspaces', comma-separated")
    p.add_argument("--class", dest="cls", help="growth: real (default) or int:Q")
    p.add_argument("--layout", choices=["summary", "profile"],
                   help="growth: one row per class (summary) or per class and m (profile)")
    p.add_argument("--cache-dir", help="growth: directory of the store of realized sets")
    p.add_argument("--no-cache", action="store_true", default=None,
                   help="growth: do not read or write the store")
    p.add_argument("--timeout", help="growth: seconds for the exact solver per class")
    p.add_argument("--max-subsets", help="growth: beyond 22 points, subsets examined per size")
    p.add_argument("--columns", metavar="KEY,...",
                   help="only these columns, in this order (keys as in the JSON 'keys')")
    p.add_argument("--pivot", metavar="ROW,COLUMN,VALUE",
                   help="one row per value of ROW, one column per value of COLUMN, cells VALUE")
    p.add_argument("--landscape", action="store_true",
                   help="LaTeX: put the table on a landscape page (package pdflscape)")
    p.add_argument("--format", default="md", choices=list(FORMATS), help="output format (md)")
    p.add_argument("--out", help="write the table to this file instead of printing it")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    """Build, render, and print or write the table."""
    import importlib

    builder_name, allowed = _KINDS[args.kind]
    module = "verify.enumeration.growth_table" if args.kind == "growth" else "verify.bounds"
    builder = getattr(importlib.import_module(module), builder_name)
    kwargs: dict[str, Any] = {}
    for opt in _OPTIONS:
        value = getattr(args, opt)
        if value is None:
            continue
        if opt not in allowed:
            flag = "class" if opt == "cls" else opt.replace("_", "-")
            raise InvalidArgument(f"--{flag} does not apply to 'table {args.kind}'")
        if opt == "bound":
            kwargs["bounds"] = tuple(b.strip() for b in value.split(","))
        elif opt == "V":
            kwargs["V"] = value
        elif opt == "no_cache":
            kwargs["use_cache"] = False
        elif opt == "max_subsets":
            kwargs["max_subsets"] = require_int(value, "--max-subsets", low=1)
        else:
            kwargs[opt] = value
    if args.kind == "growth" and (args.points is None or args.arch is None):
        raise InvalidArgument("table growth needs --points SPEC,... and --arch A,...")
    table = builder(**kwargs)
    if args.columns is not None:
        table = table.select([c.strip() for c in args.columns.split(",") if c.strip()])
    if args.pivot is not None:
        parts = [c.strip() for c in args.pivot.split(",")]
        if len(parts) != 3 or not all(parts):
            raise InvalidArgument("--pivot takes ROW,COLUMN,VALUE (three column keys)")
        table = table.pivot(*parts)
    if args.landscape and args.format != "latex":
        raise InvalidArgument("--landscape applies to --format latex")
    text = render(table, args.format, landscape=args.landscape)
    payload = table.to_json()
    if args.out:
        try:
            Path(args.out).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise InvalidArgument(f"cannot write {args.out}: {exc.strerror}") from exc
        payload["written_to"] = args.out
        text = f"wrote {args.out} ({args.format}, {len(table.rows)} rows)"
    return Output(payload=payload, text=text)
