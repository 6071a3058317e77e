"""Certificates: a question, its answer, and what makes the answer checkable.

A certificate is one JSON object::

    {"format": "verify-certificate", "version": 1, "kind": "realize" | "robust",
     "question": {...}, "answer": {...}}

* ``realize``: question ``{"points", "labels", "architecture", "class"}`` (class
  ``real`` or ``int:Q``); answer = :meth:`Decision.to_json` (``status``,
  ``witness``, ``reason``, ``provenance``).
* ``robust``: question ``{"network", "points", "labels", "radius", "norm"}``;
  answer = :meth:`RobustnessReport.to_json` (``robust``, ``counts``, and per
  point ``status``, ``counterexample``, ``value``, ``exact``, ``provenance``).

Rationals are ``"p/q"`` text.  :func:`check_certificate` re-checks in exact
arithmetic everything that can be re-checked — a realizability witness with
:meth:`ReLUNet.realizes` (and, for ``int:Q``, that its weights and biases are
integers in [−Q, Q]); a robustness counterexample by exact evaluation and an
exact ball test; a "verified" proved by exact bounds alone by recomputing the
bounds — and lists honestly what cannot be: refutations and solver "verified"
verdicts are "not re-checkable, trusted from <solver> <version>".

>>> from verify.encodings.result import Decision
>>> from verify.nets.network import ReLUNet
>>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
>>> cert = make_realize_certificate([[0], [1]], "-+", "1-1-1", "real",
...                                 Decision.realizable(net, solver="z3"))
>>> check = check_certificate(cert); check.valid, check.checked[0]
(True, 'witness 1-1-1 realizes the labeling on all 2 points (exact re-check)')
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verify.encodings.classes import in_class, parse_class
from verify.encodings.result import Decision
from verify.encodings.robust import (
    BOUNDS_SOLVER,
    RobustnessReport,
    in_ball,
    parse_norm,
    proved_by_bounds,
)
from verify.errors import InvalidArgument
from verify.exact import require_int, require_rational_range, to_rational
from verify.geometry.pointsets import points_from_rows
from verify.jsonio import to_jsonable
from verify.labels import labels_text, parse_labels
from verify.nets.network import ReLUNet, parse_architecture

__all__ = [
    "FORMAT",
    "CertificateCheck",
    "check_certificate",
    "load_certificate",
    "make_realize_certificate",
    "make_robust_certificate",
    "write_certificate",
]

FORMAT = "verify-certificate"
_VERSION = 1
_MAX_BYTES = 64 * 1024 * 1024


def _points_json(points: Sequence[Sequence[object]]) -> list[list[Fraction]]:
    return [list(p) for p in points_from_rows(list(points))]


def make_realize_certificate(
    points: Sequence[Sequence[object]],
    labels: str | Sequence[int],
    arch: str | Sequence[int],
    cls: str,
    decision: Decision,
) -> dict[str, Any]:
    """The certificate of a realizability answer (JSON-ready dict).

    Parameters
    ----------
    points, labels : the labelled point set
    arch : architecture ``"m-h1-…-1"``
    cls : ``"real"`` or ``"int:Q"``
    decision : the :class:`Decision` returned by a decision procedure

    Examples
    --------
    >>> c = make_realize_certificate([[0]], "+", "1-1-1", "int:2", Decision.unrealizable(
    ...     solver="z3", version="4.13", encoding="LRA", seconds=0.1))
    >>> c["kind"], c["question"]["class"], c["answer"]["status"]
    ('realize', 'int:2', 'unrealizable')
    """
    pts = _points_json(points)
    ys = parse_labels(labels if isinstance(labels, str) else list(labels), len(pts))
    widths = parse_architecture(arch, inputs=len(pts[0]))
    kind, q = parse_class(cls)
    return to_jsonable({
        "format": FORMAT,
        "version": _VERSION,
        "kind": "realize",
        "question": {
            "points": pts,
            "labels": labels_text(ys),
            "architecture": "-".join(map(str, widths)),
            "class": "real" if kind == "real" else f"int:{q}",
        },
        "answer": decision.to_json(),
    })


def make_robust_certificate(
    net: ReLUNet,
    points: Sequence[Sequence[object]],
    labels: str | Sequence[int],
    report: RobustnessReport,
) -> dict[str, Any]:
    """The certificate of a robustness answer (JSON-ready dict).

    Examples
    --------
    >>> from verify.encodings.robust import verify_robustness
    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
    >>> rep = verify_robustness(net, [[1]], "+", "1/2")
    >>> cert = make_robust_certificate(net, [[1]], "+", rep)
    >>> cert["answer"]["robust"], cert["answer"]["results"][0]["counterexample"]
    (False, ['1/2'])
    """
    pts = _points_json(points)
    ys = parse_labels(labels if isinstance(labels, str) else list(labels), len(pts))
    if len(report.results) != len(pts):
        raise InvalidArgument("certificate: the report does not cover the points")
    return to_jsonable({
        "format": FORMAT,
        "version": _VERSION,
        "kind": "robust",
        "question": {
            "network": net.to_json(),
            "points": pts,
            "labels": labels_text(ys),
            "radius": report.radius,
            "norm": report.norm,
        },
        "answer": report.to_json(),
    })


def write_certificate(path: str, cert: dict[str, Any]) -> None:
    """Write ``cert`` as indented JSON (UTF-8).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "c.json")
    >>> write_certificate(p, {"format": FORMAT, "version": 1}); load_certificate(p)["version"]
    1
    """
    try:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(to_jsonable(cert), fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    except OSError as exc:
        raise InvalidArgument(f"certificate: cannot write {path!r} ({exc})") from None


def load_certificate(path: str) -> dict[str, Any]:
    """Read a certificate file; JSON decimals are read exactly from their text."""
    if not os.path.isfile(path):
        raise InvalidArgument(f"certificate: {path!r} is not a file")
    if os.path.getsize(path) > _MAX_BYTES:
        raise InvalidArgument(f"certificate: {path!r} is larger than 64 MiB")

    def _constant(name: str) -> object:
        raise InvalidArgument(f"certificate: {name} is not a rational number")

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh, parse_float=str, parse_constant=_constant)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidArgument(f"certificate: cannot read {path!r} as JSON ({exc})") from None
    if not isinstance(data, dict):
        raise InvalidArgument("certificate: expected a JSON object")
    return data


@dataclass
class CertificateCheck:
    """Outcome of :func:`check_certificate`.

    ``checked``: claims re-checked in exact arithmetic; ``trusted``: claims that
    cannot be re-checked and rest on the named solver; ``failures``: claims that
    failed their exact re-check (then ``valid`` is False).
    """

    kind: str
    claim: str
    checked: list[str] = field(default_factory=list)
    trusted: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "claim": self.claim,
            "valid": self.valid,
            "checked": self.checked,
            "trusted": self.trusted,
            "failures": self.failures,
        }


def _get(obj: object, key: str, where: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise InvalidArgument(f"certificate: {where} has no key {key!r}")
    return obj[key]


def _solver_text(prov: object) -> str:
    if not isinstance(prov, dict):
        return "an unnamed solver"
    solver = str(prov.get("solver") or "an unnamed solver")
    version = prov.get("version")
    extra = []
    if prov.get("encoding"):
        extra.append(f"encoding: {prov['encoding']}")
    if prov.get("seconds") is not None:
        extra.append(f"{prov['seconds']} s")
    text = f"{solver} {version}" if version else solver
    return text + (f" ({'; '.join(extra)})" if extra else "")


def check_certificate(cert: object) -> CertificateCheck:
    """Re-check a certificate in exact arithmetic.

    Raises
    ------
    InvalidArgument
        If the certificate is malformed (missing keys, bad numbers, unknown kind).

    Examples
    --------
    >>> from verify.nets.network import ReLUNet
    >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
    >>> bad = make_realize_certificate([[0], [1]], "+-", "1-1-1", "real",
    ...                                Decision.realizable(net, solver="z3"))
    >>> check_certificate(bad).failures
    ['witness does not realize the labeling: point 0 gets f = -1/2 with label +1']
    """
    if not isinstance(cert, dict):
        raise InvalidArgument("certificate: expected a JSON object")
    if cert.get("format") != FORMAT:
        raise InvalidArgument(f"certificate: 'format' must be {FORMAT!r}")
    if cert.get("version") != _VERSION:
        raise InvalidArgument(f"certificate: unsupported version {cert.get('version')!r}")
    kind = _get(cert, "kind", "the certificate")
    question = _get(cert, "question", "the certificate")
    answer = _get(cert, "answer", "the certificate")
    if kind == "realize":
        return _check_realize(question, answer)
    if kind == "robust":
        return _check_robust(question, answer)
    raise InvalidArgument(f"certificate: unknown kind {kind!r} (expected realize or robust)")


def _check_realize(question: object, answer: object) -> CertificateCheck:
    pts = points_from_rows(_get(question, "points", "question"), "certificate points")
    raw_labels = _get(question, "labels", "question")
    ys = parse_labels(raw_labels if isinstance(raw_labels, str) else list(raw_labels), len(pts))
    widths = parse_architecture(str(_get(question, "architecture", "question")),
                                inputs=len(pts[0]))
    kind, q = parse_class(_get(question, "class", "question"))
    status = _get(answer, "status", "answer")
    arch = "-".join(map(str, widths))
    cls = "real" if kind == "real" else f"int:{q}"
    out = CertificateCheck("realize", f"{status}: labeling {labels_text(ys)} of {len(pts)} "
                                      f"points by {arch} ({cls})")
    prov = answer.get("provenance") if isinstance(answer, dict) else None
    if status == "realizable":
        witness = ReLUNet.from_json(_get(answer, "witness", "answer"))
        if witness.widths != widths:
            out.failures.append(f"witness has architecture {witness.architecture}, not {arch}")
            return out
        if kind == "int":
            if not in_class(witness, kind, q):
                out.failures.append(f"witness has a weight or bias outside the class {cls}")
                return out
            out.checked.append(f"witness weights and biases are integers in [-{q}, {q}]")
        for i, (x, y) in enumerate(zip(pts, ys, strict=True)):
            v = witness.evaluate(x)
            if y * v <= 0:
                out.failures.append(f"witness does not realize the labeling: point {i} gets "
                                    f"f = {v} with label {y:+d}")
                return out
        out.checked.insert(0, f"witness {arch} realizes the labeling on all {len(pts)} "
                              "points (exact re-check)")
    elif status == "unrealizable":
        raw = answer.get("witness") if isinstance(answer, dict) else None
        if raw is not None:  # a refutation carrying a network contradicts itself
            net = ReLUNet.from_json(raw)
            if (net.widths == widths and in_class(net, kind, q)
                    and net.realizes(pts, ys)):
                out.failures.append("the answer is unrealizable but its witness realizes "
                                    "the labeling (exact re-check): the refutation is false")
            else:
                out.failures.append("an unrealizable answer must not carry a witness network")
            return out
        out.trusted.append(f"refutation not re-checkable, trusted from {_solver_text(prov)}")
    elif status == "unknown":
        reason = answer.get("reason") if isinstance(answer, dict) else None
        out.checked.append(f"answer is unknown ({reason}); nothing is claimed")
    else:
        raise InvalidArgument(f"certificate: unknown status {status!r}")
    return out


def _check_robust(question: object, answer: object) -> CertificateCheck:
    net = ReLUNet.from_json(_get(question, "network", "question"))
    pts = points_from_rows(_get(question, "points", "question"), "certificate points")
    raw_labels = _get(question, "labels", "question")
    ys = parse_labels(raw_labels if isinstance(raw_labels, str) else list(raw_labels), len(pts))
    r = require_rational_range(_get(question, "radius", "question"), "radius", 0, None)
    norm = parse_norm(_get(question, "norm", "question"))
    if len(pts[0]) != net.widths[0]:
        raise InvalidArgument(f"certificate: points have dimension {len(pts[0])}, the network "
                              f"takes {net.widths[0]} inputs")
    results = _get(answer, "results", "answer")
    if not isinstance(results, list):
        raise InvalidArgument("certificate: answer 'results' must be a list")
    claimed = answer.get("robust") if isinstance(answer, dict) else None
    verdict = {True: "robust", False: "not robust", None: "undecided"}.get(claimed, "?")
    out = CertificateCheck("robust", f"{verdict}: {net.architecture} on {len(pts)} points, "
                                     f"l_{norm} radius {r}")
    seen: dict[int, str] = {}
    n_cex = n_ver = n_numeric = n_bounds = 0
    for res in results:
        i = require_int(_get(res, "index", "a result"), "result index", 0, len(pts) - 1)
        if i in seen:
            raise InvalidArgument(f"certificate: point {i} has two results")
        status = _get(res, "status", f"result {i}")
        seen[i] = status
        if status == "counterexample":
            raw = _get(res, "counterexample", f"result {i}")
            if not isinstance(raw, list):
                raise InvalidArgument(f"certificate: counterexample of point {i} is not a list")
            p = tuple(to_rational(v, f"counterexample of point {i}") for v in raw)
            if len(p) != len(pts[i]):
                out.failures.append(f"point {i}: counterexample has the wrong dimension")
                continue
            if not in_ball(pts[i], r, p, norm):
                out.failures.append(f"point {i}: counterexample lies outside the closed ball")
                continue
            v = net.evaluate(p)
            if ys[i] * v > 0:
                out.failures.append(f"point {i}: counterexample is classified correctly "
                                    f"(f = {v}, label {ys[i]:+d})")
                continue
            if res.get("value") is not None and to_rational(res["value"], "value") != v:
                out.failures.append(f"point {i}: recorded value {res['value']} but f = {v}")
                continue
            n_cex += 1
        elif status == "verified":
            n_ver += 1
            numeric = res.get("exact") is False
            n_numeric += numeric
            prov = res.get("provenance")
            if isinstance(prov, dict) and prov.get("solver") == BOUNDS_SOLVER:
                lo = [v - r for v in pts[i]]
                hi = [v + r for v in pts[i]]
                if proved_by_bounds(net, ys[i], lo, hi):
                    n_bounds += 1
                else:
                    out.failures.append(f"point {i}: the recorded bound proof does not hold")
                continue
            out.trusted.append(
                f"point {i}: verified not re-checkable, trusted from "
                f"{_solver_text(res.get('provenance'))}" + (" [numeric]" if numeric else "")
            )
        elif status != "unknown":
            raise InvalidArgument(f"certificate: unknown status {status!r} for point {i}")
    if n_cex:
        out.checked.append(f"{n_cex} counterexample(s) re-checked exactly: inside the closed "
                           "ball and misclassified (label*f <= 0)")
    if n_bounds:
        out.checked.append(f"{n_bounds} point(s) verified by exact bounds, recomputed in "
                           "Fractions: label*f > 0 on the whole box x +- r")
    missing = len(pts) - len(seen)
    if claimed is True and (missing or n_ver != len(pts)):
        out.failures.append("claims robust but not every point is verified")
    elif claimed is True and n_numeric:
        out.failures.append("claims robust exactly but some verdicts are numeric only")
    if claimed is False and not n_cex:
        out.failures.append("claims not robust but has no valid counterexample")
    return out
