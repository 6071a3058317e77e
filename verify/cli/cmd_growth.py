"""``verify growth``: growth function Π(m) for every m, VC dimension, witnesses."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from verify.cli import Output, add_common, command_deadline
from verify.cli.cmd_count import (
    add_class_options,
    realized_from_args,
    shard_options,
    shards_payload,
)
from verify.errors import InvalidArgument
from verify.exact import require_int

__all__ = ["register"]

_HAUSSLER_MAX = 200_000


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "growth",
        help="growth function, VC dimension and shattered set of a realized set",
        description=(
            "The growth function Pi(m) (max over m-subsets of the number of distinct "
            "projected labelings) for every m, a subset attaining each, the VC dimension "
            "and a shattered set, exactly; compared with Sauer-Shelah. The class is given "
            "by --arch (m-h-1 or 'halfspaces') and --class, or read with --from FILE "
            "(a set saved by 'verify count --out')."
        ),
    )
    add_class_options(p)
    p.add_argument("--from", dest="source", default=None, help="a saved realized set (.npz)")
    p.add_argument("--max-subsets", default="200000",
                   help="beyond 22 points: most subsets examined per size (default 200000)")
    p.add_argument("--max-work", default=None,
                   help="beyond 22 points: most (subsets x labelings) examined per size "
                        "(default 2e7); with --workers or --scheduler the subsets of each size "
                        "run in shards, so a larger value stays fast")
    add_common(p)
    p.set_defaults(func=run)


def _bartlett(arch: str, measured: int) -> dict[str, Any] | None:
    """Theorem 7 of Bartlett et al. for the architecture (None for halfspaces)."""
    if arch.strip() in ("halfspaces", "halfspace"):
        return None
    from verify.bounds.bartlett import bartlett_vc_upper
    from verify.nets.network import format_architecture, parse_architecture

    widths = parse_architecture(arch)
    cert = bartlett_vc_upper(list(widths))
    return {
        "architecture": format_architecture(widths),
        "vc_upper": cert.to_json(),
        "measured_vc": measured,
        "holds": measured <= cert.integer_upper,
    }


def run(args: argparse.Namespace) -> Output:
    from verify.enumeration.growth import lift_profile

    if bool(args.arch) == bool(args.source):
        raise InvalidArgument("growth needs exactly one of --arch A and --from FILE")
    got = _saved_set(args) if args.source else _computed_set(args)
    max_subsets = require_int(args.max_subsets, "max-subsets", low=1)
    work: dict[str, Any] = {} if args.max_work is None else {
        "max_work": require_int(args.max_work, "max-work", low=1)}
    g, int_class = _profile(args, got, max_subsets, work)
    labels, n = got.labels, got.n
    if got.kept is not None:
        n = len(got.ps.points)
        g = lift_profile(g, got.kept, n)
        labels = labels[:0]  # no labeling of all n points
    payload = _payload(args, g, got, labels, n, int_class)
    return Output(payload=payload, text="\n".join(_lines(args, g, got, payload, labels, n,
                                                           int_class)))


@dataclass
class _Set:
    """The realized set the profile is taken of, and where it came from."""

    ps: Any  # the PointSet named by --points
    labels: Any  # the labelings (bit-packed), of the labelled points
    n: int  # the number of labelled points
    complete: bool
    what: str  # the class, for the text
    kept: tuple[int, ...] | None = None  # the points the class labels, when not all
    res: Any = None  # the computed set (None for --from)


def _saved_set(args: argparse.Namespace) -> _Set:
    """The set saved by ``verify count --out`` (count and digest checked when read)."""
    from verify.enumeration.labelings import read_saved
    from verify.geometry.pointsets import parse_spec

    ignored = [opt for opt, used in (("--class", args.cls is not None),
                                     ("--homogeneous", args.homogeneous),
                                     ("--timeout", args.timeout is not None),
                                     ("--query-timeout", args.query_timeout is not None),
                                     ("--cache-dir", args.cache_dir is not None),
                                     ("--no-cache", args.no_cache)) if used]
    if ignored:
        raise InvalidArgument(f"{ignored[0]} applies with --arch, not with --from FILE")
    ps = parse_spec(args.points, command_deadline(args))
    saved = read_saved(args.source)  # count and digest checked against the labelings
    saved.check_points(ps, args.points)
    if saved.architecture == "homogeneous halfspaces" and any(not any(p) for p in ps.points):
        raise InvalidArgument(
            "the origin is labelled strictly by no homogeneous halfspace, so the saved set "
            "of all points is empty and its projections are not the class's labelings of "
            "subsets; use --arch halfspaces --homogeneous instead of --from")
    return _Set(ps, saved.labelings, saved.n, saved.complete, f"the set in {args.source}")


def _computed_set(args: argparse.Namespace) -> _Set:
    """The set of ``--arch`` on ``--points`` (of the points other than the origin for
    homogeneous halfspaces)."""
    from verify.geometry.pointsets import PointSet, parse_spec

    is_half = args.arch.strip() in ("halfspaces", "halfspace")
    ps = parse_spec(args.points, command_deadline(args))  # read once, within --timeout
    kept: tuple[int, ...] | None = None
    if is_half and args.homogeneous and any(not any(p) for p in ps.points):
        # no homogeneous halfspace labels the origin strictly: the class's labelings
        # of a subset are those of its points other than the origin, or none
        kept = tuple(i for i, p in enumerate(ps.points) if any(p))
        sub = PointSet(tuple(ps.points[i] for i in kept), f"{ps.name} without the origin")
        _, res = realized_from_args(args, args.arch.strip(), sub)
    else:
        ps, res = realized_from_args(args, args.arch.strip(), ps)
    # (after the set: realized_from_args fills in the default --class)
    what = "halfspaces" if is_half else f"{args.arch.strip()} ({args.cls})"
    return _Set(ps, res.labelings, res.n, res.complete, what, kept, res)


def _profile(args: argparse.Namespace, got: _Set, max_subsets: int,
             work: dict[str, Any]) -> tuple[Any, bool]:
    """The growth profile of the set (in shards, per subset for int:Q, else directly)
    and whether each subset's labelings were counted directly (int:Q)."""
    from verify.enumeration.growth import growth_profile

    opts = shard_options(args, args.arch.strip() if args.arch else "halfspaces")
    int_class = (not args.source and args.arch.strip() not in ("halfspaces", "halfspace")
                 and str(args.cls).strip().startswith("int"))
    if opts and not int_class:
        from verify.enumeration.sharded import sharded_growth_profile

        return sharded_growth_profile(got.labels, got.n, max_subsets, workers=opts["workers"],
                                      scheduler=opts["scheduler"], on_note=opts["on_note"],
                                      **work), int_class
    if int_class:
        from verify.enumeration.growth_int import int_growth

        # a network of int:Q strict on a subset may be zero on another point (no
        # perturbation stays in the class): count each subset's own labelings
        return int_growth(got.ps, args.arch.strip(), args.cls, got.labels, got.n,
                          max_subsets=max_subsets,
                          timeout=command_deadline(args).remaining()), int_class
    return growth_profile(got.labels, got.n, max_subsets=max_subsets, **work), int_class


def _payload(args: argparse.Namespace, g: Any, got: _Set, labels: Any, n: int,
             int_class: bool) -> dict[str, Any]:
    """The JSON payload: the profile, the set's digest, Sauer-Shelah, Haussler, Bartlett."""
    from verify.enumeration.growth import haussler_check, sauer_shelah
    from verify.enumeration.labelings import labelings_digest

    d_lo, d_hi = g.vc_bounds
    payload = g.to_json()
    payload["realized_set_complete"] = got.complete
    payload["digest"] = labelings_digest(labels, n)
    payload["origin_unlabelable"] = got.kept is not None
    payload["labelled_points"] = list(range(n)) if got.kept is None else list(got.kept)
    payload["subsets_counted_directly"] = int_class
    payload["timed_out"] = bool(g.provenance.get("timed_out"))
    payload["shards"] = shards_payload(got.res) if not args.source else None
    payload["profile_shards"] = g.provenance.get("shards")
    # with an undetermined VC dimension, d_hi (a certified upper bound) is used
    payload["sauer_shelah"] = [sauer_shelah(m, d_hi) for m in range(n + 1)]
    payload["sauer_shelah_holds"] = all(
        v is None or v <= s for v, s in zip(g.profile, payload["sauer_shelah"], strict=True)
    )
    if len(got.labels) <= _HAUSSLER_MAX:
        payload["haussler"] = haussler_check(got.labels, got.n, d_hi)
    payload["bartlett"] = _bartlett(args.arch, d_lo) if args.arch else None
    return payload


def _lines(args: argparse.Namespace, g: Any, got: _Set, payload: dict[str, Any],
           labels: Any, n: int, int_class: bool) -> list[str]:
    """The text: the set, the profile, the VC dimension and each comparison."""
    d_lo, d_hi = g.vc_bounds
    d = d_lo if d_lo == d_hi else None
    complete = got.complete
    prof = ", ".join("?" if v is None else str(v) for v in g.profile)
    lines = [
        *(["the origin is labelled strictly by no homogeneous halfspace: subsets containing "
           "it have no labelings"] if got.kept is not None else []),
        *([f"{args.cls}: a network strict on a subset may be zero on another point: each "
           "subset's labelings counted directly"] if int_class else []),
        f"{got.ps.name}: {len(labels)} labelings of {n} points realized by {got.what}"
        + ("" if complete else " (incomplete: a lower bound)"),
        f"growth function Pi(0..{n}) = [{prof}]"
        + ("" if complete else " (of the labelings found: lower bounds for the class)"),
        (f"VC dimension {d}" if d is not None else f"VC dimension between {d_lo} and {d_hi}")
        + ("" if complete else " for the labelings found (the class's is at least this)")
        + f", shattered set {list(g.shattered_set or ())}",
        f"Sauer-Shelah with d = {d_hi}: "
        + ("holds" if payload["sauer_shelah_holds"] else "FAILS"),
    ]
    if "haussler" in payload:
        h = payload["haussler"]
        lines.append(
            f"one-inclusion graph: {h['edges']} edges <= {d_hi} x {h['vertices']} vertices: "
            + ("holds" if h["holds"] else "FAILS")
        )
    if payload["bartlett"] is not None:
        b = payload["bartlett"]
        lines.append(
            f"Bartlett et al. (2019, Thm 7) for {b['architecture']}: VC <= "
            f"{b['vc_upper']['integer_upper']} (measured {d_lo}: "
            + ("consistent)" if b["holds"] else "VIOLATED)")
        )
    if not g.complete:
        lines.append(
            "'?' = not all subsets examined ("
            + ("stopped at the time-out" if payload["timed_out"] else "--max-subsets")
            + "); certified bounds: "
            + ", ".join(f"{lo}..{hi}" for lo, hi in payload["profile_bounds"] if lo != hi)
        )
    return lines
