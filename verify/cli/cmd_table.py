"""``verify table``: tables of the bounds in Markdown, LaTeX (booktabs), CSV or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from verify.bounds.bartlett import BOUNDS
from verify.bounds.ranges import RANGE_SYNTAX
from verify.cli import Output, add_common
from verify.errors import InvalidArgument
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
}
_OPTIONS = ("K", "d", "alpha", "V", "eps", "bound", "target", "N", "k", "c", "delta")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``table`` sub-command."""
    defaults = "; ".join(
        f"{kind}: " + ", ".join(f"--{o} {v}" for o, v in opts.items())
        for kind, (_, opts) in _KINDS.items()
    )
    p = sub.add_parser(
        "table",
        help="tables of bound (1), the VC step, enveloping sizes, Table 1",
        description=(
            "Print a table: 'bounds' (bound (1) per reading, exact verdicts), 'vc' (exact VC "
            "lower bounds from bound (1)), 'sizes' (smallest enveloping network per d), "
            "'table1' (the paper's Table 1 with unknown constants set to 1). "
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
    p.add_argument("--format", default="md", choices=list(FORMATS), help="output format (md)")
    p.add_argument("--out", help="write the table to this file instead of printing it")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    """Build, render, and print or write the table."""
    import verify.bounds

    builder_name, allowed = _KINDS[args.kind]
    builder = getattr(verify.bounds, builder_name)
    kwargs: dict[str, Any] = {}
    for opt in _OPTIONS:
        value = getattr(args, opt)
        if value is None:
            continue
        if opt not in allowed:
            raise InvalidArgument(f"--{opt} does not apply to 'table {args.kind}'")
        if opt == "bound":
            kwargs["bounds"] = tuple(b.strip() for b in value.split(","))
        elif opt == "V":
            kwargs["V"] = value
        else:
            kwargs[opt] = value
    table = builder(**kwargs)
    text = render(table, args.format)
    payload = table.to_json()
    if args.out:
        try:
            Path(args.out).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise InvalidArgument(f"cannot write {args.out}: {exc.strerror}") from exc
        payload["written_to"] = args.out
        text = f"wrote {args.out} ({args.format}, {len(table.rows)} rows)"
    return Output(payload=payload, text=text)
