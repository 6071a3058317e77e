"""Assembling certificates from the engines' answers (the producer side).

* :func:`make_realize_certificate` — a realizability answer; an
  ``unrealizable`` answer for one hidden layer with real weights gets a
  refutation proof (:mod:`verify.encodings.refute`) unless ``prove=False``.
* :func:`make_robust_certificate` — a robustness report; the ℓ∞ points
  verified by z3 carry phase-split proofs when :func:`verify.encodings.robust`
  produced them.
* :func:`make_count_certificate` — an exact count: every realizable labeling
  with its witness and one refutation tree for all the others.

Everything written here is re-checked by :mod:`verify.certify.checker`, which
shares no code with this module.

>>> from verify.encodings.result import Decision
>>> from verify.nets.network import ReLUNet
>>> from verify.certify.checker import check_certificate
>>> d = Decision.unrealizable(solver="z3", version="x", encoding="LRA", seconds=0.1)
>>> cert = make_realize_certificate([[0, 0], [0, 1], [1, 0], [1, 1]], "-++-", "2-1-1",
...                                 "real", d)
>>> check_certificate(cert).verdict
'verified'
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from verify.certify.format import FORMAT, VERSION, save_json
from verify.encodings.classes import parse_class
from verify.encodings.result import Decision
from verify.encodings.robust import RobustnessReport
from verify.errors import InvalidArgument, SolverError
from verify.geometry.pointsets import Point, points_from_rows
from verify.jsonio import to_jsonable
from verify.labels import labels_text, parse_labels, unpack_labels
from verify.nets.network import ReLUNet, parse_architecture

__all__ = [
    "make_count_certificate",
    "make_realize_certificate",
    "make_robust_certificate",
    "write_certificate",
]


def _points_json(points: Sequence[Sequence[object]]) -> tuple[Point, ...]:
    return points_from_rows(list(points))


def make_realize_certificate(
    points: Sequence[Sequence[object]],
    labels: str | Sequence[int],
    arch: str | Sequence[int],
    cls: str,
    decision: Decision,
    prove: bool = True,
    timeout: float | None = None,
) -> dict[str, Any]:
    """The certificate of a realizability answer (JSON-ready dict).

    An ``unrealizable`` answer for ``m-h-1`` (or ``m-1``) with real weights gets a
    refutation (phase splits with Farkas leaves) that the checker re-derives; for
    ``m-h-1-…-1`` (width-1 layers after the first) the same refutation for ``m-h-1``
    with the reduction that makes it one for the chain (lemma C1); if
    the search for one exceeds ``timeout`` seconds InvalidArgument is raised (a
    refutation of that class without its proof would be rejected by the checker).
    ``int:Q`` refutations are left to the checker's exhaustive enumeration of the
    class (or trusted from the SAT solver when the class is too large).

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
    answer = decision.to_json()
    if decision.status == "unrealizable":
        if kind == "real" and _refutable(widths) and prove:
            answer["refutation"] = _realize_refutation(pts, ys, widths, timeout)
        elif kind == "int":
            answer["refutation"] = {"method": "exhaustive enumeration of int:Q by the checker"}
    return to_jsonable({
        "format": FORMAT,
        "version": VERSION,
        "kind": "realize",
        "question": {
            "points": list(pts),
            "labels": labels_text(ys),
            "architecture": "-".join(map(str, widths)),
            "class": "real" if kind == "real" else f"int:{q}",
        },
        "answer": answer,
    })


def _is_chain(widths: Sequence[int]) -> bool:
    """``m-h-1-…-1``: width-1 layers after the first hidden one."""
    return len(widths) >= 4 and all(w == 1 for w in widths[2:])


def _is_one_feature(widths: Sequence[int]) -> bool:
    """``m-1-h-1`` with h ≥ 2."""
    return len(widths) == 4 and widths[1] == 1 and widths[2] >= 2


def _refutable(widths: Sequence[int]) -> bool:
    """Whether a refutation search covers the real class of these widths.

    >>> _refutable((2, 3, 1)), _refutable((2, 3, 1, 1)), _refutable((1, 1, 2, 1))
    (True, True, True)
    >>> _refutable((2, 2, 2, 1))
    False
    """
    return len(widths) <= 3 or _is_chain(widths) or _is_one_feature(widths)


def _realize_refutation(pts: tuple[Point, ...], ys: Sequence[int], widths: Sequence[int],
                        timeout: float | None) -> dict[str, Any]:
    """The refutation of the labeling ``ys`` by the real class of ``widths`` (see
    :func:`_refutable`), with the reduction a chain or one feature needs; InvalidArgument
    past ``timeout`` seconds, SolverError if the search finds a witness instead."""
    from verify.encodings.onefeature_proof import OneFeatureRefuter
    from verify.encodings.refute import OneHiddenRefuter, RefuteTimeout

    one_feature = _is_one_feature(widths)
    ref: OneHiddenRefuter | OneFeatureRefuter = (
        OneFeatureRefuter(pts, widths[2]) if one_feature
        else OneHiddenRefuter(pts, widths[1] if len(widths) >= 3 else 0))
    t0 = time.perf_counter()
    deadline = None if timeout is None else t0 + timeout
    try:
        out = ref.refute(dict(enumerate(ys)), deadline)
    except RefuteTimeout:
        out = None
    if out is None:
        raise InvalidArgument(f"certificate: the refutation proof did not finish within "
                              f"{timeout} s; no certificate written (run with a larger "
                              "--timeout)")
    if out.status != "refuted":
        raise SolverError("certificate: the refutation search found a witness for "
                          "a labeling the solver called unrealizable")
    refutation = {
        "method": ("splits of s and the threshold signs, with Farkas and parity "
                   "leaves (lemma C2; " if one_feature else "phase splits with Farkas "
                   "leaves (") + "branch and bound; floating-point dual simplex "
                  "proposals made exact)",
        "seconds": round(time.perf_counter() - t0, 6),
        "leaves": out.stats.get("leaves", 0),
        "lemmas": ref.lemmas,
        "tree": out.tree,
    }
    if _is_chain(widths):
        refutation["reduction"] = _chain_reduction(widths)
    if one_feature:
        from verify.encodings.onefeature_proof import one_feature_reduction

        refutation["reduction"] = one_feature_reduction(widths)
    return refutation


def _chain_reduction(widths: Sequence[int]) -> dict[str, str]:
    """The stated reduction of ``m-h-1-…-1`` to ``m-h-1`` (lemma C1 of the checker)."""
    return {"lemma": "C1", "architecture": f"{widths[0]}-{widths[1]}-1",
            "statement": "every labeling an m-h-1-...-1 network realizes on finitely many "
                         "points is realized by an m-h-1 network (verify/certify/lemmas.py)"}


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
        "version": VERSION,
        "kind": "robust",
        "question": {
            "network": net.to_json(),
            "points": list(pts),
            "labels": labels_text(ys),
            "radius": report.radius,
            "norm": report.norm,
        },
        "answer": report.to_json(),
    })


def make_count_certificate(
    points: Sequence[Sequence[object]],
    arch: str,
    cls: str,
    labelings: Iterable[int],
    witnesses: dict[int, ReLUNet] | None = None,
    *,
    spec: str | None = None,
    homogeneous: bool = False,
    symmetries: bool = True,
    timeout: float | None = None,
    provenance: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The certificate of an exact count (JSON-ready dict).

    Parameters
    ----------
    points : rows of rationals
    arch : ``m-h-1``, ``m-1``, ``m-h-1-…-1`` (refuted as ``m-h-1``, lemma C1) or
        ``halfspaces``
    cls : ``real`` or ``int:Q`` (ignored for halfspaces)
    labelings, witnesses : the complete realized set (bit-packed) and a witness
        network for each; when ``witnesses`` is None (halfspaces, or ``m-h-1`` with real
        weights) they are computed here, deterministically (the seeded sweep of
        small-integer networks, then the refutation search), so the certificate's bytes
        depend only on the question, not on which solver run or cache found the set
    symmetries : use the point set's signed-permutation symmetries and label
        negation (the checker re-checks the maps and the closure of the set)
    timeout : seconds for the refutation search (InvalidArgument when exceeded:
        a count certificate is all or nothing)

    Examples
    --------
    >>> from verify.geometry.dichotomies import halfspace_dichotomies
    >>> from verify.certify.checker import check_certificate
    >>> labs = halfspace_dichotomies("cube:2").tolist()
    >>> cert = make_count_certificate([[0, 0], [0, 1], [1, 0], [1, 1]], "halfspaces", "real",
    ...                               labs)
    >>> r = check_certificate(cert); r.verdict, r.count
    ('verified', 14)
    """
    pts = _points_json(points)
    n = len(pts)
    if n > 24:
        raise InvalidArgument(f"count certificates cover at most 24 points, not {n}")
    t0 = time.perf_counter()
    deadline = None if timeout is None else t0 + timeout
    bits = sorted({int(b) for b in labelings})
    q = _count_question(pts, arch, cls, spec, homogeneous)
    refuter = _count_refuter(pts, q, homogeneous)
    search = q.widths is None or (witnesses is None and q.json["class"] == "real"
                                  and len(q.widths) == 3)
    wit = _count_witnesses(pts, bits, dict(witnesses or {}), refuter, q, search, deadline)
    answer: dict[str, Any] = {
        "count": len(bits),
        "realized": [[labels_text(unpack_labels(b, n)), wit[b].to_json()] for b in bits],
        "provenance": dict(provenance or {}),
    }
    if q.json["class"].startswith("int:"):
        answer["complement"] = {"method": "exhaustive enumeration of the finite class",
                                "provenance": dict(provenance or {})}
    else:
        answer.update(_complement_refutation(pts, bits, refuter, q, symmetries, deadline,
                                             timeout, t0))
    return to_jsonable({"format": FORMAT, "version": VERSION, "kind": "count",
                        "question": q.json, "answer": answer})


@dataclass(frozen=True)
class _CountQuestion:
    """The question of a count certificate: its JSON and the architecture's shape."""

    json: dict[str, Any]
    widths: tuple[int, ...] | None  # None: halfspaces
    hidden: int  # units of the first hidden layer (0: none, or halfspaces)
    one_feature: bool  # m-1-h-1


def _count_question(pts: tuple[Point, ...], arch: str, cls: str, spec: str | None,
                    homogeneous: bool) -> _CountQuestion:
    """The question's JSON and shape; InvalidArgument for an architecture not covered.

    >>> q = _count_question(((0, 0), (1, 1)), "2-1-3-1", "real", "s", False)
    >>> q.json["architecture"], q.widths, q.hidden, q.one_feature
    ('2-1-3-1', (2, 1, 3, 1), 1, True)
    """
    question: dict[str, Any] = {"points": list(pts)}
    if spec:
        question["spec"] = spec
    if arch.strip() in ("halfspace", "halfspaces"):
        if homogeneous and any(not any(p) for p in pts):
            raise InvalidArgument("count certificates of homogeneous halfspaces: a point at "
                                  "the origin, where every one of them is 0, so no labeling "
                                  "is realized; the format has no refutation for that point")
        question.update({"class": "halfspaces", "homogeneous": homogeneous})
        return _CountQuestion(question, None, 0, False)
    widths = tuple(parse_architecture(arch, inputs=len(pts[0])))
    one_feature = _is_one_feature(widths)
    if not _refutable(widths):
        raise InvalidArgument("count certificates cover m-1, m-h-1, m-h-1-...-1 and "
                              "m-1-h-1 networks only")
    kind, q = parse_class(cls)
    question.update({"architecture": "-".join(map(str, widths)),
                     "class": "real" if kind == "real" else f"int:{q}"})
    return _CountQuestion(question, widths, widths[1] if len(widths) >= 3 else 0, one_feature)


def _count_refuter(pts: tuple[Point, ...], q: _CountQuestion, homogeneous: bool) -> Any:
    """The refutation search of the class: one hidden layer (lemma C1 for chains), or one
    feature (lemma C2) for real ``m-1-h-1``."""
    if q.widths is not None and q.one_feature and q.json["class"] == "real":
        from verify.encodings.onefeature_proof import OneFeatureRefuter

        return OneFeatureRefuter(pts, q.widths[2])
    from verify.encodings.refute import OneHiddenRefuter

    return OneHiddenRefuter(pts, q.hidden, homogeneous=homogeneous)


def _count_witnesses(pts: tuple[Point, ...], bits: list[int], wit: dict[int, ReLUNet],
                     refuter: Any, q: _CountQuestion, search: bool,
                     deadline: float | None) -> dict[int, ReLUNet]:
    """A witness for every listed labeling: the given ones, else (when ``search``) the
    seeded sweep of small-integer networks (``m-h-1``), then the refuter's witness.
    InvalidArgument for a labeling left without one."""
    n = len(pts)
    if search and q.widths is not None:
        from verify.encodings.sweep import sweep_witnesses

        for width in range(q.hidden, 0, -1):  # narrower sweeps too, padded with zero units
            swept = sweep_witnesses(pts, width)
            for b in bits:
                net = swept.get(b)
                if b not in wit and net is not None:
                    net = _padded(net, q.hidden)
                    if net.realizes(pts, unpack_labels(b, n)):
                        wit[b] = net
    for b in bits:
        if b not in wit:
            if not search:
                raise InvalidArgument(f"count certificate: no witness for labeling {b}")
            out = refuter.refute(dict(enumerate(unpack_labels(b, n))), deadline)
            if out.status != "witness" or out.witness is None:
                raise InvalidArgument(f"count certificate: labeling {b} is listed as realized "
                                      "but has no witness")
            wit[b] = out.witness
    return wit


def _complement_refutation(pts: tuple[Point, ...], bits: list[int], refuter: Any,
                           q: _CountQuestion, symmetries: bool, deadline: float | None,
                           timeout: float | None, t0: float) -> dict[str, Any]:
    """The answer's ``symmetries`` and ``refutation``: one tree refuting every labeling
    not listed (up to the point set's symmetries and label negation)."""
    from verify.encodings.refute import RefuteTimeout, canonical_table, refute_complement
    from verify.encodings.symmetry import point_symmetries

    n = len(pts)
    syms = point_symmetries(pts) if symmetries else []
    if q.json.get("homogeneous"):  # a shift would move the offset off 0 (lemma R7)
        syms = [s for s in syms if not any(s.shift)]
    maps = [s for s in syms if s.image != tuple(range(n))]
    realized = np.zeros(1 << n, dtype=bool)
    realized[np.array(bits, dtype=np.int64)] = True
    canonical = canonical_table(n, [s.image for s in maps], symmetries)
    try:
        tree, stats = refute_complement(refuter, realized, canonical, deadline)
    except RefuteTimeout:
        raise InvalidArgument(f"count certificate: the refutation did not finish within "
                              f"{timeout} s") from None
    refutation: dict[str, Any] = {
        "method": "label splits, then output signs and ReLU phases, with Farkas leaves and "
                  "lemmas (branch and bound with exact Farkas vectors)",
        "seconds": round(time.perf_counter() - t0, 6),
        "stats": {**stats, "lemmas": len(refuter.lemmas)},
        "lemmas": refuter.lemmas,
        "tree": tree,
    }
    if q.widths is not None and len(q.widths) > 3:
        if q.one_feature:
            from verify.encodings.onefeature_proof import one_feature_reduction

            refutation["reduction"] = one_feature_reduction(q.widths)
            refutation["method"] = (
                "label splits, then s and the threshold signs of one affine feature "
                "(lemma C2), with Farkas and parity leaves")
        else:
            refutation["reduction"] = _chain_reduction(q.widths)
    return {
        "symmetries": {
            "maps": [{"perm": list(s.perm), "sign": list(s.sign), "shift": list(s.shift)}
                     for s in maps],
            "negation": bool(symmetries),
        },
        "refutation": refutation,
    }


def _padded(net: ReLUNet, hidden: int) -> ReLUNet:
    """An ``m-h'-1`` network as ``m-hidden-1`` (h' <= hidden): extra units with zero weights.

    >>> _padded(ReLUNet.from_lists([([[1]], [0]), ([[1]], [-1])]), 2).architecture
    '1-2-1'
    """
    first, out = net.layers
    extra = hidden - len(first.bias)
    if extra == 0:
        return net
    zero = [0] * len(first.weights[0])
    return ReLUNet.from_lists([
        ([*map(list, first.weights), *([zero] * extra)], [*first.bias, *([0] * extra)]),
        ([[*out.weights[0], *([0] * extra)]], list(out.bias)),
    ])


def write_certificate(path: str, cert: dict[str, Any]) -> None:
    """Write a certificate (compact JSON; gzip-compressed when ``path`` ends in ``.gz``).

    >>> import tempfile, os
    >>> from verify.certify.format import load_certificate
    >>> p = os.path.join(tempfile.mkdtemp(), "c.json")
    >>> write_certificate(p, {"format": FORMAT, "version": 2}); load_certificate(p)["version"]
    2
    """
    save_json(path, to_jsonable(cert))
