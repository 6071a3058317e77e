"""``verify count halfspaces|relu``: the number of labelings a class realizes, exactly."""

from __future__ import annotations

import argparse
from typing import Any

from verify.cli import Output, add_common
from verify.enumeration.kernel import RealizedSet
from verify.enumeration.labelings import save_labelings
from verify.enumeration.realized import realized_labelings
from verify.errors import InvalidArgument
from verify.geometry.pointsets import parse_spec

__all__ = ["add_class_options", "realized_from_args", "register"]


def add_class_options(p: argparse.ArgumentParser, arch_required: bool = False) -> None:
    """The options naming a point set and a class (shared by count, growth, double-counting)."""
    p.add_argument("--points", required=True, help="grid:K:m, stilde:K:d, cube:n or a JSON file")
    p.add_argument(
        "--arch", required=arch_required,
        help="architecture m-h-1 (or m-1), or 'halfspaces' for the halfspace class",
    )
    p.add_argument("--class", dest="cls", default=None, help="real (default) or int:Q")
    p.add_argument("--homogeneous", action="store_true",
                   help="halfspaces through the origin only (with halfspaces)")
    p.add_argument("--cache-dir", default=None,
                   help="directory of the resumable store (default $VERIFY_CACHE_DIR "
                        "or ~/.cache/verify)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the store")
    p.add_argument("--timeout", default=None,
                   help="seconds for the exact solver; on a time-out the set is incomplete")


def realized_from_args(args: argparse.Namespace, arch: str) -> tuple[Any, RealizedSet]:
    """Build the point set and its realized set from parsed options."""
    ps = parse_spec(args.points)
    is_half = arch.strip() in ("halfspaces", "halfspace")
    if is_half and args.cls is not None:
        raise InvalidArgument("--class applies to networks, not to halfspaces")
    if not is_half and args.homogeneous:
        raise InvalidArgument("--homogeneous applies to halfspaces only")
    if args.cls is None:
        args.cls = "real"
    res = realized_labelings(
        ps, arch, args.cls, cache_dir=args.cache_dir, use_cache=not args.no_cache,
        timeout=args.timeout, homogeneous=args.homogeneous,
    )
    return ps, res


def _class_name(arch: str, args: argparse.Namespace) -> str:
    if arch == "halfspaces":
        return "homogeneous halfspaces" if args.homogeneous else "halfspaces"
    return f"{arch} networks, class {args.cls}"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "count",
        help="count the labelings of a point set realized by halfspaces or ReLU networks",
        description=(
            "Count exactly the labelings of a point set realized by halfspaces "
            "(combinatorial, exact) or by ReLU networks of class real (exact solver, "
            "resumable) or int:Q (NumPy integer kernel). A labeling counts only if "
            "no point gets f(x) = 0."
        ),
    )
    p.add_argument("what", choices=["halfspaces", "relu"], help="the class of classifiers")
    add_class_options(p)
    p.add_argument("--out", default=None, help="save the realized set to this .npz file")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    if args.what == "relu":
        if not args.arch or args.arch.strip() in ("halfspaces", "halfspace"):
            raise InvalidArgument("count relu needs --arch m-h-1 (e.g. --arch 2-2-1)")
        arch = args.arch.strip()
    else:
        if args.arch:
            raise InvalidArgument("count halfspaces takes no --arch")
        arch = "halfspaces"
    ps, res = realized_from_args(args, arch)
    if args.out:
        try:
            save_labelings(args.out, res.labelings, res.n, complete=res.complete)
        except OSError as exc:
            raise InvalidArgument(f"cannot write {args.out!r} ({exc})") from None
    prov = {k: v for k, v in res.provenance.items() if k != "labelings"}
    payload = {
        "count": res.count,
        "points": res.n,
        "complete": res.complete,
        "class": _class_name(arch, args),
        "spec": ps.name,
        "out": args.out,
        "provenance": prov,
    }
    word = "exactly" if res.complete else "at least"
    text = (f"{ps.name}: {word} {res.count} labelings of {res.n} points are realized by "
            f"{_class_name(arch, args)}")
    if not res.complete:
        why = res.provenance.get("reason") or "stopped early"
        text += f"\nincomplete ({why}): the other labelings are unknown, not unrealizable"
        if "cache" in res.provenance:
            text += "; run again to continue from the stored ones"
    if args.out:
        text += f"\nsaved to {args.out}" + ("" if res.complete else " (marked incomplete)")
    return Output(payload=payload, text=text)
