"""``verify count halfspaces|relu``: the number of labelings a class realizes, exactly."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from verify.cli import Output, add_common, command_deadline
from verify.errors import InvalidArgument

if TYPE_CHECKING:
    from verify.encodings.result import RealizedSet

__all__ = ["add_class_options", "add_shard_options", "realized_from_args", "register",
           "set_digest", "shard_options", "shards_payload", "shards_text"]


def add_class_options(p: argparse.ArgumentParser, arch_required: bool = False) -> None:
    """The options naming a point set and a class (shared by count, growth, double-counting)."""
    p.add_argument("--points", required=True, help="grid:K:m, stilde:K:d, cube:n or a JSON file")
    p.add_argument(
        "--arch", required=arch_required,
        help="architecture m-1, m-h-1, m-h-1-...-1, m-h1-h2-1 (or deeper), or 'halfspaces'. "
             "Decided exactly by linear arithmetic: m-1, m-h-1 and m-h-1-...-1 (width-1 "
             "layers after the first: weights after the first layer are +-1 by positive "
             "homogeneity, and the realized set equals m-h-1's) and m-1-h-1 (one "
             "first-layer unit: the labels change sign at most K(h) times along one ReLU "
             "feature, K = h for h <= 2, h + 1 beyond). Two wide hidden layers "
             "m-h1-h2-1: one exact query per symmetry orbit (subclass labelings embedded, "
             "a linear relaxation that refutes, a fixed-first-layer search in linear "
             "arithmetic, then z3 nonlinear arithmetic, then cvc5 if installed); an orbit "
             "whose query times out is unknown, never unrealizable; refuted orbits are "
             "stored, so a resumed run does not decide them again. int:Q: SAT / kernel",
    )
    p.add_argument("--class", dest="cls", default=None, help="real (default) or int:Q")
    p.add_argument("--homogeneous", action="store_true",
                   help="halfspaces through the origin only (with halfspaces)")
    p.add_argument("--cache-dir", default=None,
                   help="directory of the resumable store (default $VERIFY_CACHE_DIR "
                        "or ~/.cache/verify)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the store")
    p.add_argument("--timeout", default=None,
                   help="seconds for the count, reading the points included (a --certificate "
                        "gets as much again after it); on a time-out the set is incomplete (a "
                        "polynomial count of halfspaces has no partial answer: error)")
    p.add_argument("--query-timeout", default=None,
                   help="seconds per orbit query for two wide hidden layers (first pass; "
                        "the second pass gives 6 times as much); default 10")
    add_shard_options(p)


def add_shard_options(p: argparse.ArgumentParser) -> None:
    """``--workers``, ``--scheduler``, ``--shards``: the set computed in shards, maybe on Dask."""
    p.add_argument(
        "--workers", nargs="?", const="auto", default=None, metavar="N",
        help="compute the set in shards on a Dask LocalCluster of N worker processes "
             "(alone or 'auto': one per core; 1: the shards one after the other in this "
             "process, as without Dask installed); the answer is the same as without. "
             "One hidden layer (m-h-1, m-1, int:Q), m-h-1-...-1 and halfspaces "
             "(pip install -e '.[dask]')")
    p.add_argument(
        "--scheduler", default=None, metavar="ADDRESS",
        help="compute the set in shards on an existing Dask cluster, e.g. tcp://HOST:8786 "
             "(started with 'dask scheduler' and 'dask worker tcp://HOST:8786'); default "
             "$DASK_SCHEDULER_ADDRESS when set")
    p.add_argument(
        "--shards", default=None, metavar="N",
        help="about how many shards to split the question into (default grows with the "
             "number of points); finished shards are stored, and a later run with the same "
             "value resumes from them")


def shard_options(args: argparse.Namespace, arch: str) -> dict[str, Any]:
    """The keyword arguments of the sharded path, or {} for the serial one.

    ``$DASK_SCHEDULER_ADDRESS`` stands for ``--scheduler`` when neither it nor
    ``--workers`` is given and the class can be sharded.
    """
    import os
    import sys

    from verify.exact import require_int

    shards = None if args.shards is None else require_int(args.shards, "shards", low=1)
    scheduler = args.scheduler
    if scheduler is None and args.workers is None:
        env = os.environ.get("DASK_SCHEDULER_ADDRESS", "").strip()
        if env and _shardable(arch, args):
            scheduler = env
    if args.workers is None and scheduler is None and shards is None:
        return {}

    def note(text: str) -> None:
        sys.stderr.write(f"note: {text}\n")

    return {"workers": args.workers, "scheduler": scheduler, "shards": shards, "on_note": note}


def _shardable(arch: str, args: argparse.Namespace) -> bool:
    from verify.enumeration.sharded import shardable

    return shardable(arch, args.cls or "real")


def realized_from_args(
    args: argparse.Namespace, arch: str, points: Any = None
) -> tuple[Any, RealizedSet]:
    """Build the point set and its realized set from parsed options (of ``points``, a
    PointSet, instead of ``--points`` when given)."""
    from verify.enumeration.realized import realized_labelings
    from verify.geometry.pointsets import parse_spec

    clock = command_deadline(args)  # one --timeout for reading the points and the work
    ps = parse_spec(args.points, clock) if points is None else points
    is_half = arch.strip() in ("halfspaces", "halfspace")
    if is_half and args.cls is not None:
        raise InvalidArgument("--class applies to networks, not to halfspaces")
    if not is_half and args.homogeneous:
        raise InvalidArgument("--homogeneous applies to halfspaces only")
    if args.cls is None:
        args.cls = "real"
    res = realized_labelings(
        ps, arch, args.cls, cache_dir=args.cache_dir, use_cache=not args.no_cache,
        timeout=clock.remaining(), homogeneous=args.homogeneous,
        query_timeout=10 if args.query_timeout is None else args.query_timeout,
        **shard_options(args, arch),
    )
    return ps, res


def set_digest(res: RealizedSet) -> str | None:
    """The ``"digest"`` of a realized set (``labelings_digest``); None without labelings."""
    from verify.enumeration.labelings import labelings_digest

    labelings = getattr(res, "labelings", None)
    return None if labelings is None else labelings_digest(labelings, res.n)


def _saved_arch(arch: str, args: argparse.Namespace) -> str:
    if arch == "halfspaces":
        return "homogeneous halfspaces" if args.homogeneous else "halfspaces"
    return arch


def shards_payload(res: RealizedSet) -> dict[str, Any] | None:
    """The ``shards`` key of the JSON output: how a sharded run went (None when not sharded)."""
    prov = res.provenance
    if prov.get("method") != "sharded":
        return None
    keys = ("shards", "shards_computed", "shards_from_store", "engine", "workers",
            "shard_seconds", "driver_seconds", "plan")
    return {k: prov.get(k) for k in keys}


def shards_text(res: RealizedSet) -> str | None:
    """One line on a sharded run, for the text output."""
    info = shards_payload(res)
    if info is None:
        return None
    line = f"shards: {info['shards']}"
    if info.get("shards_from_store"):
        line += f" ({info['shards_from_store']} read back from the store)"
    line += f" on {info['engine']}"
    secs = info.get("shard_seconds")
    if secs:
        line += (f"; per shard min {secs['min']:.2f} s, median {secs['median']:.2f} s, "
                 f"max {secs['max']:.2f} s")
    return line


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
            "(the chambers of the arrangement of lifted vectors (x, 1): from the exact "
            "characteristic polynomial, printed with --json, or by listing them) or by ReLU "
            "networks of class real (exact solver, "
            "resumable) or int:Q (NumPy integer kernel). A labeling counts only if "
            "no point gets f(x) = 0. Deep architectures: see --arch; when some orbit "
            "stays unknown the count is an interval (at least A, at most B). "
            "--certificate FILE (.json or .json.gz) also writes a "
            "count certificate: every realizable labeling with a witness network and one "
            "refutation tree (label splits, output signs and ReLU phases, Farkas leaves) for "
            "all the others (for m-h-1-...-1 the tree of m-h-1 and the reduction, lemma C1, "
            "which the checker names; for m-1-h-1 splits over the threshold signs of one "
            "affine feature with Farkas and parity leaves, lemma C2), or for int:Q the class "
            "re-enumerated by the checker; "
            "'verify check-certificate FILE' re-derives the count. Exit codes: 0 exact count, 3 "
            "incomplete (time-out or interruption: a lower bound), 2 bad input."
        ),
    )
    p.add_argument("what", choices=["halfspaces", "relu"], help="the class of classifiers")
    add_class_options(p)
    p.add_argument("--out", default=None, help="save the realized set to this .npz file")
    p.add_argument(
        "--method", choices=["auto", "poly", "enumerate"], default="auto",
        help="halfspaces only: 'poly' counts the chambers of the lifted arrangement from its "
             "exact characteristic polynomial (no listing); 'enumerate' lists every labeling "
             "(in bounded memory; needed for --out); 'auto' (default) is poly, or enumerate "
             "with --out or where the polynomial's int64 kernel does not apply",
    )
    p.add_argument("--certificate", metavar="FILE", default=None,
                   help="write a count certificate to FILE (.json, or .json.gz compressed); "
                        "m-1, m-h-1 and m-h-1-...-1 networks (refuted as m-h-1, lemma C1) "
                        "and halfspaces, at most 24 points")
    add_common(p)
    p.set_defaults(func=run)


def _sharded_halfspaces(args: argparse.Namespace, ps: Any) -> Any:
    """The enumeration of ``count halfspaces`` in shards, as a ``HalfspaceCount``."""
    from verify.enumeration.realized import HalfspaceCount, realized_labelings

    res = realized_labelings(ps, "halfspaces", homogeneous=args.homogeneous,
                             timeout=command_deadline(args).remaining(),
                             **shard_options(args, "halfspaces"))
    prov = dict(res.provenance)
    if res.reason:
        prov.setdefault("reason", res.reason)
    return HalfspaceCount(res.n, res.count, "enumerate", res.complete, None, res, prov)


def _run_halfspaces(args: argparse.Namespace) -> Output:
    """``count halfspaces``: the method, the count, the saved set, the payload, the text
    and the certificate, each below."""
    from verify.geometry.pointsets import parse_spec

    method = _halfspace_method(args)
    ps = parse_spec(args.points, command_deadline(args))  # one --timeout with the count
    res = _halfspace_count(args, ps, method)
    args.cls = "real"
    if res.labelings is not None and args.out:
        _save_set(args, ps, res.labelings.labelings, res, "halfspaces")
    prov = {k: v for k, v in res.provenance.items() if k != "characteristic_polynomial"}
    poly = res.polynomial
    coefficients = poly.coefficients if poly is not None else \
        res.provenance.get("characteristic_polynomial")
    payload = _halfspace_payload(args, ps, res, prov, coefficients)
    lines = _halfspace_lines(args, ps, res, prov, coefficients)
    if args.certificate:
        note = _write_halfspace_certificate(args, ps, res)
        payload["certificate"] = args.certificate if note is None else None
        payload["certificate_note"] = note
        lines.append(f"certificate written to {args.certificate}" if note is None
                     else f"no certificate written: {note}")
    return Output(payload=payload, text="\n".join(lines), exit_code=0 if res.complete else 3)


def _halfspace_method(args: argparse.Namespace) -> str:
    """The counting method ``--method`` asks for, ``enumerate`` when ``--out`` or
    ``--certificate`` needs the labelings listed; the options that cannot go together
    refused.

    >>> ns = argparse.Namespace(cls=None, method="auto", out=None, certificate="c.json")
    >>> _halfspace_method(ns)
    'enumerate'
    >>> _halfspace_method(argparse.Namespace(cls="int:2", method="auto"))
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: --class applies to networks, not to halfspaces
    """
    if args.cls is not None:
        raise InvalidArgument("--class applies to networks, not to halfspaces")
    method: str = args.method
    if args.out and method == "poly":
        raise InvalidArgument("--out saves the labelings: use --method enumerate (or auto)")
    if args.certificate and method == "poly":
        raise InvalidArgument("--certificate lists every labeling: use --method enumerate "
                              "(or auto)")
    if args.out or args.certificate:
        method = "enumerate"
    return method


def _halfspace_count(args: argparse.Namespace, ps: Any, method: str) -> Any:
    """The count by ``method``: the enumeration in shards when the shard options ask for it
    (refused with the polynomial count), else :func:`count_halfspaces`."""
    from verify.enumeration.realized import count_halfspaces

    explicit = any(v is not None for v in (args.workers, args.scheduler, args.shards))
    if explicit and method in ("auto", "poly"):
        raise InvalidArgument("--workers, --scheduler and --shards split the enumeration: "
                              "add --method enumerate (the polynomial count is serial and "
                              "takes seconds)")
    if method == "enumerate" and shard_options(args, "halfspaces"):
        return _sharded_halfspaces(args, ps)
    return count_halfspaces(ps, args.homogeneous, method=method,
                            timeout=command_deadline(args).remaining(),
                            max_memory=args.max_memory)


def _halfspace_payload(args: argparse.Namespace, ps: Any, res: Any, prov: dict[str, Any],
                       coefficients: list[int] | None) -> dict[str, Any]:
    """The JSON object of ``count halfspaces`` (without the certificate's keys)."""
    payload: dict[str, Any] = {
        "count": res.count,
        "digest": None if res.labelings is None else set_digest(res.labelings),
        "points": res.n,
        "complete": res.complete,
        "class": _class_name("halfspaces", args),
        "spec": ps.name,
        "out": args.out,
        "method": res.method,
        "provenance": prov,
        "shards": None if res.labelings is None else shards_payload(res.labelings),
    }
    if coefficients is not None:
        payload["characteristic_polynomial"] = coefficients
        payload["betti_numbers"] = [abs(c) for c in coefficients]
    return payload


def _halfspace_lines(args: argparse.Namespace, ps: Any, res: Any, prov: dict[str, Any],
                     coefficients: list[int] | None) -> list[str]:
    """The text of ``count halfspaces``: the count, the characteristic polynomial, the
    method, the shards, what an incomplete count means, where the set was saved."""
    word = "exactly" if res.complete else "at least"
    lines = [f"{ps.name}: {word} {res.count} labelings of {res.n} points are realized by "
             f"{_class_name('halfspaces', args)}"]
    if coefficients is not None:
        from verify.geometry.chambers import CharacteristicPolynomial

        text = CharacteristicPolynomial(len(coefficients) - 1,
                                        tuple(abs(c) for c in coefficients), 0).text()
        space = "vectors" if args.homogeneous else "lifted vectors (x, 1)"
        lines.append(f"characteristic polynomial of the arrangement of the {space} in "
                     f"R^{len(coefficients) - 1}: {text}")
    if res.method == "poly":
        # no nodes and no time when a zero vector (a point at the origin, homogeneous) leaves
        # no chamber: the provenance's note says so instead
        work = f", {prov.get('nodes')} nodes, {prov.get('seconds')} s" if "nodes" in prov \
            else f"; {prov.get('note')}"
        lines.append(
            f"method: poly (deletion-restriction; {prov.get('hyperplanes')} hyperplanes, "
            f"symmetry group of order {prov.get('group_order')}{work})")
    else:
        lines.append("method: enumerate (every labeling listed)")
    if res.labelings is not None and shards_text(res.labelings):
        lines.append(str(shards_text(res.labelings)))
    if not res.complete:
        exact = "" if coefficients is None else \
            f" (the characteristic polynomial gives exactly {sum(abs(c) for c in coefficients)})"
        lines.append(f"incomplete ({prov.get('reason', 'stopped early')}): the other labelings "
                     f"were not listed; the count is a lower bound{exact}")
    if args.out:
        lines.append(f"saved to {args.out}" + ("" if res.complete else " (marked incomplete)"))
    return lines


def _write_halfspace_certificate(args: argparse.Namespace, ps: Any, res: Any) -> str | None:
    from verify.certify.producer import make_count_certificate, write_certificate
    from verify.limits import Deadline

    if not res.complete or res.labelings is None:
        return "the count is incomplete (a certificate needs the complete set)"
    if args.homogeneous and any(not any(x) for x in ps.points):
        return ("a point is the origin, where every homogeneous halfspace is 0: no labeling is "
                "realized (by the sign convention); count certificates have no refutation "
                "for it")
    cert = make_count_certificate(
        ps.points, "halfspaces", "real", [int(b) for b in res.labelings.labelings.tolist()],
        spec=ps.name, homogeneous=bool(args.homogeneous), timeout=Deadline(args.timeout).left(),
        provenance={k: v for k, v in res.provenance.items()
                    if k != "characteristic_polynomial"},
    )
    write_certificate(args.certificate, cert)
    return None


def run(args: argparse.Namespace) -> Output:
    """``count halfspaces`` (:func:`_run_halfspaces`) or ``count relu``: the architecture
    checked, the realized set, the saved set, the certificate, the payload and the text."""
    if args.what != "relu":
        if args.arch:
            raise InvalidArgument("count halfspaces takes no --arch")
        return _run_halfspaces(args)
    arch = _relu_arch(args)
    ps, res = realized_from_args(args, arch)
    if args.out:
        _save_set(args, ps, res.labelings, res, arch, "" if arch == "halfspaces" else args.cls)
    cert_note = _write_certificate(args, arch, ps, res) if args.certificate else None
    return Output(payload=_relu_payload(args, arch, ps, res, cert_note),
                  text=_relu_text(args, arch, ps, res, cert_note),
                  exit_code=0 if res.complete else 3)


def _relu_arch(args: argparse.Namespace) -> str:
    """The architecture of ``count relu``; refused without one, with ``--method``, and with
    ``--certificate`` for networks count certificates do not cover.

    >>> ns = argparse.Namespace(arch=" 2-1-1 ", method="auto", certificate=None)
    >>> _relu_arch(ns)
    '2-1-1'
    >>> _relu_arch(argparse.Namespace(arch="2-2-2-1", method="auto", certificate="c.json"))
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: --certificate: count certificates cover ... not 2-2-2-1
    """
    if not args.arch or args.arch.strip() in ("halfspaces", "halfspace"):
        raise InvalidArgument("count relu needs --arch m-h-1 (e.g. --arch 2-2-1)")
    if args.method != "auto":
        raise InvalidArgument("--method applies to halfspaces (count halfspaces)")
    arch: str = args.arch.strip()
    if args.certificate and arch.count("-") > 2:
        from verify.nets.network import parse_architecture

        widths = parse_architecture(arch)
        one_feature = len(widths) == 4 and widths[1] == 1
        if not (all(w == 1 for w in widths[2:]) or one_feature):
            raise InvalidArgument(f"--certificate: count certificates cover m-1, m-h-1, "
                                  f"m-h-1-...-1 and m-1-h-1 networks only, not {arch}")
    return arch


def _relu_payload(args: argparse.Namespace, arch: str, ps: Any, res: RealizedSet,
                  cert_note: str | None) -> dict[str, Any]:
    """The JSON object of ``count relu`` (the certificate's keys with ``--certificate``)."""
    prov = {k: v for k, v in res.provenance.items() if k != "labelings"}
    payload = {
        "count": res.count,
        "digest": set_digest(res),
        "points": res.n,
        "complete": res.complete,
        "lower": res.lower,
        "upper": res.upper,
        "unknown_orbits": res.unknown_orbits,
        "unknown_labelings": res.unknown_labelings,
        "reason": None if res.complete else (res.reason or prov.get("reason") or "stopped early"),
        "class": _class_name(arch, args),
        "spec": ps.name,
        "out": args.out,
        "provenance": prov,
        "shards": shards_payload(res),
    }
    if args.certificate:
        payload["certificate"] = args.certificate if cert_note is None else None
        payload["certificate_note"] = cert_note
    return payload


def _relu_text(args: argparse.Namespace, arch: str, ps: Any, res: RealizedSet,
               cert_note: str | None) -> str:
    """The text of ``count relu``: the count (exact, a lower bound or an interval), the
    shards, the solvers that decided the orbits, what an incomplete set means, where the
    set and the certificate went."""
    if res.complete:
        amount = f"exactly {res.count}"
    elif res.unknown_orbits is not None:
        amount = f"between {res.lower} and {res.upper}"
    else:
        amount = f"at least {res.count}"
    text = (f"{ps.name}: {amount} labelings of {res.n} points are realized by "
            f"{_class_name(arch, args)}")
    if not res.complete and res.unknown_orbits is not None:
        text += (f"\nat least {res.lower}, at most {res.upper}; {res.unknown_orbits} orbits "
                 "unknown")
    if shards_text(res):
        text += f"\n{shards_text(res)}"
    decided_by = res.provenance.get("decided_by")
    if decided_by:
        text += "\norbits decided by: " + ", ".join(f"{k} {v}" for k, v in decided_by.items())
    if not res.complete:
        why = res.reason or res.provenance.get("reason") or "stopped early"
        text += f"\nincomplete ({why}): the other labelings are unknown, not unrealizable"
        if "cache" in res.provenance:
            text += "; run again to continue from the stored ones"
    if args.out:
        text += f"\nsaved to {args.out}" + ("" if res.complete else " (marked incomplete)")
    if args.certificate:
        text += (f"\ncertificate written to {args.certificate}" if cert_note is None
                 else f"\nno certificate written: {cert_note}")
    return text


def _save_set(args: argparse.Namespace, ps: Any, labelings: Any, res: Any, arch: str,
              cls: str = "") -> None:
    """Save ``labelings`` (of ``res.n`` points) to ``--out``, marked incomplete when the set
    is; a file that cannot be written is an error line."""
    from verify.enumeration.labelings import save_labelings

    try:
        save_labelings(args.out, labelings, res.n, complete=res.complete, points=ps,
                       spec=ps.name, cls=cls, arch=_saved_arch(arch, args))
    except OSError as exc:
        raise InvalidArgument(f"cannot write {args.out!r} ({exc})") from None


def _write_certificate(args: argparse.Namespace, arch: str, ps: Any, res: RealizedSet
                       ) -> str | None:
    """Write the count certificate; the reason when none can be written."""
    from verify.certify.producer import make_count_certificate, write_certificate
    from verify.limits import Deadline

    if not res.complete:
        return "the count is incomplete (a certificate needs the complete set)"
    cls = "real" if arch == "halfspaces" else args.cls
    deadline = Deadline(args.timeout)
    cert = make_count_certificate(
        ps.points, arch, cls, [int(b) for b in res.labelings.tolist()], dict(res.witnesses),
        spec=ps.name, homogeneous=bool(args.homogeneous), timeout=deadline.left(),
        provenance={k: v for k, v in res.provenance.items() if k != "labelings"},
    )
    write_certificate(args.certificate, cert)
    return None
