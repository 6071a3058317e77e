"""The certificate checker: re-checks a certificate in exact arithmetic.

Small and separate from the code that produced the certificate: it imports
nothing but the standard library, NumPy, :mod:`verify.exact` and
:mod:`verify.errors` (an import-linter contract in ``pyproject.toml`` enforces
it).  It answers one of three verdicts:

* ``verified`` — every part was re-checked (witnesses by exact evaluation,
  refutations by re-deriving each leaf's linear system from the question and
  the path and checking its Farkas vector, symmetry maps and closure, counts);
* ``rejected`` — some part fails its re-check (listed with the reason);
* ``partly-trusted`` — everything re-checkable passed, but some parts are only
  trusted (listed with the solver that gave them).

The mathematical facts a check relies on are named in ``checked`` ("relies on
lemma …", proofs in :mod:`verify.certify.lemmas`).  Malformed certificates
raise InvalidArgument.

>>> cert = {"format": "verify-certificate", "version": 2, "kind": "realize",
...         "question": {"points": [["0"], ["1"]], "labels": "-+", "architecture": "1-1",
...                      "class": "real"},
...         "answer": {"status": "realizable", "witness": {"layers": [
...             {"weights": [["1"]], "bias": ["-1/2"]}]}}}
>>> r = check_certificate(cert); r.verdict, r.checked[0]
('verified', 'witness 1-1 realizes the labeling on all 2 points (exact re-check)')
>>> cert["answer"]["status"] = "unrealizable"
>>> check_certificate(cert).verdict
'rejected'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verify.certify import _values as V
from verify.certify._bounds import proved_by_bounds
from verify.certify._counts import check_count
from verify.certify._onefeature import OneFeatureChecker, is_one_feature
from verify.certify._onefeature import reduction_problem as one_feature_problem
from verify.certify._phases import PhaseChecker
from verify.certify._robust_proof import check_box_proof
from verify.certify.format import FORMAT, SUPPORTED_VERSIONS
from verify.certify.lemmas import cite
from verify.errors import InvalidArgument

__all__ = ["CertificateCheck", "check_certificate"]

VERDICTS = ("verified", "rejected", "partly-trusted")


@dataclass
class CertificateCheck:
    """The outcome of :func:`check_certificate`.

    ``checked``: what was re-checked exactly (and the lemmas relied on);
    ``trusted``: claims that could not be re-checked, with their source;
    ``rejected``: parts that failed their re-check, with the reason;
    ``count``: for count certificates, the count the checker re-derived.
    """

    kind: str
    claim: str
    checked: list[str] = field(default_factory=list)
    trusted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    count: int | None = None

    @property
    def verdict(self) -> str:
        if self.rejected:
            return "rejected"
        return "partly-trusted" if self.trusted else "verified"

    @property
    def exit_code(self) -> int:
        """0 verified, 1 rejected, 4 partly trusted (the command line's codes)."""
        return {"verified": 0, "rejected": 1, "partly-trusted": 4}[self.verdict]

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "kind": self.kind,
            "claim": self.claim,
            "checked": list(self.checked),
            "trusted": list(self.trusted),
            "rejected": list(self.rejected),
            "count": self.count,
        }


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
    """Re-check a certificate (a parsed JSON object) in exact arithmetic.

    Raises
    ------
    InvalidArgument
        If the certificate is malformed (missing keys, bad numbers, unknown kind).
    """
    if not isinstance(cert, dict):
        raise InvalidArgument("certificate: expected a JSON object")
    if cert.get("format") != FORMAT:
        raise InvalidArgument(f"certificate: 'format' must be {FORMAT!r}")
    if cert.get("version") not in SUPPORTED_VERSIONS:
        raise InvalidArgument(f"certificate: unsupported version {cert.get('version')!r}")
    kind = V.get(cert, "kind", "the certificate")
    question = V.get(cert, "question", "the certificate")
    answer = V.get(cert, "answer", "the certificate")
    if kind == "realize":
        return _check_realize(question, answer)
    if kind == "robust":
        return _check_robust(question, answer, cert["version"] >= 3)
    if kind == "count":
        out = CertificateCheck("count", "")
        check_count(question, answer, out)
        return out
    raise InvalidArgument(f"certificate: unknown kind {kind!r} (expected realize, robust "
                          "or count)")


def _check_realize(question: object, answer: object) -> CertificateCheck:
    pts = V.points(V.get(question, "points", "question"))
    ys = V.labels(V.get(question, "labels", "question"), len(pts))
    widths = V.architecture(V.get(question, "architecture", "question"), len(pts[0]))
    kind, q = V.parse_class(V.get(question, "class", "question"))
    if kind == "halfspaces":
        raise InvalidArgument("certificate: realize takes class real or int:Q")
    status = V.get(answer, "status", "answer")
    arch = "-".join(map(str, widths))
    cls = "real" if kind == "real" else f"int:{q}"
    text = "".join("+" if y > 0 else "-" for y in ys)
    out = CertificateCheck("realize", f"{status}: labeling {text} of {len(pts)} points by "
                                      f"{arch} ({cls})")
    assert isinstance(answer, dict)
    if status == "realizable":
        witness = V.network(V.get(answer, "witness", "answer"), "witness")
        _check_witness(witness, pts, ys, widths, q if kind == "int" else None, out)
    elif status == "unrealizable":
        _check_unrealizable(answer, pts, ys, widths, kind, q, out)
    elif status == "unknown":
        out.checked.append(f"answer is unknown ({answer.get('reason')}); nothing is claimed")
    else:
        raise InvalidArgument(f"certificate: unknown status {status!r}")
    return out


def _check_witness(witness: Any, pts: tuple[V.Point, ...], ys: tuple[int, ...],
                   widths: tuple[int, ...], q: int | None, out: CertificateCheck) -> None:
    """A realizable answer: the witness has the architecture (and, for int:Q, integer
    weights in [-Q, Q]) and realizes every label (exact evaluation)."""
    arch = "-".join(map(str, widths))
    if V.widths_of(witness) != widths:
        out.rejected.append(f"witness has architecture "
                            f"{'-'.join(map(str, V.widths_of(witness)))}, not {arch}")
        return
    if q is not None:
        if not V.in_int_class(witness, q):
            out.rejected.append(f"witness has a weight or bias outside the class int:{q}")
            return
        out.checked.append(f"witness weights and biases are integers in [-{q}, {q}]")
    for i, (x, y) in enumerate(zip(pts, ys, strict=True)):
        v = V.evaluate(witness, x)
        if y * v <= 0:
            out.rejected.append(f"witness does not realize the labeling: point {i} gets "
                                f"f = {v} with label {y:+d}")
            return
    out.checked.insert(0, f"witness {arch} realizes the labeling on all {len(pts)} "
                          "points (exact re-check)")


def _check_unrealizable(answer: dict[str, Any], pts: tuple[V.Point, ...],
                        ys: tuple[int, ...], widths: tuple[int, ...], kind: str,
                        q: int | None, out: CertificateCheck) -> None:
    """An unrealizable answer: no witness; its refutation re-derived (real: phase splits,
    chains by lemma C1, one feature by C2), the class enumerated (int:Q), or trusted."""
    arch = "-".join(map(str, widths))
    raw = answer.get("witness")
    if raw is not None:  # a refutation carrying a network contradicts itself
        net = V.network(raw, "witness")
        if (V.widths_of(net) == widths and (kind == "real" or V.in_int_class(net, q or 0))
                and all(y * V.evaluate(net, x) > 0 for x, y in zip(pts, ys, strict=True))):
            out.rejected.append("the answer is unrealizable but its witness realizes "
                                "the labeling (exact re-check): the refutation is false")
        else:
            out.rejected.append("an unrealizable answer must not carry a witness network")
        return
    ref = answer.get("refutation")
    if kind == "real" and V.is_chain(widths) and isinstance(ref, dict) and "tree" in ref:
        _check_refutation(pts, ys, widths, ref, out)  # by lemma C1, for m-h-1
    elif kind == "real" and is_one_feature(widths) and isinstance(ref, dict) \
            and "tree" in ref:
        _check_one_feature(pts, ys, widths, ref, out)  # by lemma C2
    elif kind == "real" and len(widths) <= 3:
        if isinstance(ref, dict) and "tree" in ref:
            _check_refutation(pts, ys, widths, ref, out)
        else:
            out.rejected.append(f"the answer is unrealizable but carries no refutation "
                                f"proof: for {arch} with real weights every refutation "
                                "must be proved (phase splits with Farkas leaves)")
    elif kind == "int" and ref is not None:
        assert q is not None
        _check_int_refutation(answer, pts, ys, widths, q, out)
    else:
        out.trusted.append("refutation not re-checkable, trusted from "
                           f"{_solver_text(answer.get('provenance'))}")


def _check_int_refutation(answer: dict[str, Any], pts: tuple[V.Point, ...],
                          ys: tuple[int, ...], widths: tuple[int, ...], q: int,
                          out: CertificateCheck) -> None:
    """An int:Q refutation: every network of the class enumerated (lemma R8), or trusted
    when the class is too large (or deeper than one hidden layer)."""
    from verify.certify._counts import enumerate_int_class

    arch = "-".join(map(str, widths))
    found = enumerate_int_class(pts, widths, q)
    if found is None:
        out.trusted.append(f"refutation trusted from "
                           f"{_solver_text(answer.get('provenance'))}: the class "
                           f"int:{q} is too large to re-enumerate here" + (
                               ", or deeper than one hidden layer"
                               if len(widths) > 3 else ""))
    elif V.bits_of(ys) in found:
        out.rejected.append(f"the labeling is realized by a network of int:{q} "
                            "(found by exhaustive enumeration): the refutation is false")
    else:
        out.checked.append(f"every network of {arch} in int:{q} enumerated exactly: "
                           "none realizes the labeling; " + cite("R8"))


def _check_refutation(pts: tuple[V.Point, ...], ys: tuple[int, ...], widths: tuple[int, ...],
                      ref: object, out: CertificateCheck) -> None:
    problem = V.reduction_problem(widths, ref)
    if problem:
        out.rejected.append(problem)
        return
    h = widths[1] if len(widths) >= 3 else 0
    checker = PhaseChecker(pts, h, homogeneous=False)
    lemmas = V.get(ref, "lemmas", "refutation") if isinstance(ref, dict) and "lemmas" in ref \
        else []
    if not isinstance(lemmas, list):
        raise InvalidArgument("certificate: refutation 'lemmas' must be a list")
    errors: list[str] = []
    for lemma in lemmas:
        errors += checker.add_lemma(lemma)
    errors += checker.check_tree(V.get(ref, "tree", "refutation"), dict(enumerate(ys)))
    if errors:
        out.rejected.extend(errors[:20])
        if len(errors) > 20:
            out.rejected.append(f"… and {len(errors) - 20} more rejected parts")
        return
    target = f" for {widths[0]}-{h}-1" if V.is_chain(widths) else ""
    out.checked.append(f"refutation{target}: {checker.leaves} Farkas leaves and {len(lemmas)} "
                       "lemmas re-derived from the question and re-checked in integers")
    used = ("R1", "R2", "R3", "R4", "R5", "R6") if h else ("R2", "R5", "R6")
    out.checked.append(cite(*used, *(("C1",) if V.is_chain(widths) else ())))


def _check_one_feature(pts: tuple[V.Point, ...], ys: tuple[int, ...],
                       widths: tuple[int, ...], ref: dict[str, Any],
                       out: CertificateCheck) -> None:
    problem = one_feature_problem(widths, ref)
    if problem:
        out.rejected.append(problem)
        return
    lemmas = ref.get("lemmas", [])
    if not isinstance(lemmas, list):
        raise InvalidArgument("certificate: refutation 'lemmas' must be a list")
    checker = OneFeatureChecker(pts, widths[2])
    errors: list[str] = []
    for lemma in lemmas:
        errors += checker.add_lemma(lemma)
    errors += checker.check_tree(ref["tree"], dict(enumerate(ys)))
    if errors:
        out.rejected.extend(errors[:20])
        if len(errors) > 20:
            out.rejected.append(f"… and {len(errors) - 20} more rejected parts")
        return
    out.checked.append(f"refutation by one affine feature with K = {checker.k} thresholds: "
                       f"{checker.leaves} Farkas leaves, {checker.parity_leaves} parity "
                       f"leaves and {len(lemmas)} lemmas re-derived from the question and "
                       "re-checked in integers")
    out.checked.append(cite("C2", "R5", "R6"))


def _check_robust(question: object, answer: object, bisect: bool = True) -> CertificateCheck:
    net, pts, ys, r, norm = _robust_question(question)
    results = V.get(answer, "results", "answer")
    if not isinstance(results, list):
        raise InvalidArgument("certificate: answer 'results' must be a list")
    assert isinstance(answer, dict)
    claimed = answer.get("robust")
    verdict = {True: "robust", False: "not robust", None: "undecided"}.get(claimed, "?")
    arch = "-".join(map(str, V.widths_of(net)))
    out = CertificateCheck("robust", f"{verdict}: {arch} on {len(pts)} points, "
                                     f"l_{norm} radius {r}")
    seen: dict[int, str] = {}
    tally = _RobustTally()
    for res in results:
        i = V.integer(V.get(res, "index", "a result"), "result index", 0, len(pts) - 1)
        if i in seen:
            raise InvalidArgument(f"certificate: point {i} has two results")
        status = V.get(res, "status", f"result {i}")
        seen[i] = status
        if status == "counterexample":
            wrong = _counterexample_error(net, pts[i], ys[i], r, norm, res, i)
            if wrong is None:
                tally.cex += 1
            else:
                out.rejected.append(wrong)
        elif status == "verified":
            _check_verified(net, pts[i], ys[i], r, norm, res, i, bisect, tally, out)
        elif status != "unknown":
            raise InvalidArgument(f"certificate: unknown status {status!r} for point {i}")
    _robust_summary(out, tally)
    missing = len(pts) - len(seen)
    if claimed is True and (missing or tally.verified != len(pts)):
        out.rejected.append("claims robust but not every point is verified")
    elif claimed is True and tally.numeric:
        out.rejected.append("claims robust exactly but some verdicts are numeric only")
    if claimed is False and not tally.cex:
        out.rejected.append("claims not robust but has no valid counterexample")
    return out


@dataclass
class _RobustTally:
    """What a robustness certificate's results re-checked: counterexamples, verified
    points (numeric ones among them), by exact bounds and by proofs."""

    cex: int = 0
    verified: int = 0
    numeric: int = 0
    bounds: int = 0
    proofs: int = 0
    proof: dict[str, int] = field(default_factory=dict)  # the proofs' bisections


def _robust_question(question: object) -> tuple[Any, tuple[V.Point, ...], tuple[int, ...],
                                                Fraction, str]:
    """The network, points, labels, radius and norm of the question (InvalidArgument for
    a malformed one)."""
    net = V.network(V.get(question, "network", "question"), "network")
    pts = V.points(V.get(question, "points", "question"))
    ys = V.labels(V.get(question, "labels", "question"), len(pts))
    r = V.rational(V.get(question, "radius", "question"), "radius")
    if r < 0:
        raise InvalidArgument("certificate: radius must be >= 0")
    norm = str(V.get(question, "norm", "question"))
    if norm not in ("inf", "2"):
        raise InvalidArgument(f"certificate: norm {norm!r} must be inf or 2")
    if len(pts[0]) != V.widths_of(net)[0]:
        raise InvalidArgument(f"certificate: points have dimension {len(pts[0])}, the network "
                              f"takes {V.widths_of(net)[0]} inputs")
    return net, pts, ys, r, norm


def _counterexample_error(net: Any, x: V.Point, y: int, r: Fraction, norm: str,
                          res: dict[str, Any], i: int) -> str | None:
    """Why the counterexample of point ``i`` fails its exact re-check, or None: it must lie
    in the closed ball and be misclassified (label*f <= 0), with the recorded value."""
    raw = V.get(res, "counterexample", f"result {i}")
    if not isinstance(raw, list):
        raise InvalidArgument(f"certificate: counterexample of point {i} is not a list")
    p = tuple(V.rational(v, f"counterexample of point {i}") for v in raw)
    if len(p) != len(x):
        return f"point {i}: counterexample has the wrong dimension"
    if not _in_ball(x, r, p, norm):
        return f"point {i}: counterexample lies outside the closed ball"
    v = V.evaluate(net, p)
    if y * v > 0:
        return f"point {i}: counterexample is classified correctly (f = {v}, label {y:+d})"
    if res.get("value") is not None and V.rational(res["value"], "value") != v:
        return f"point {i}: recorded value {res['value']} but f = {v}"
    return None


def _check_verified(net: Any, x: V.Point, y: int, r: Fraction, norm: str,
                    res: dict[str, Any], i: int, bisect: bool, tally: _RobustTally,
                    out: CertificateCheck) -> None:
    """A point claimed robust: its exact bounds recomputed, or its phase-split proof
    re-checked, or else named as trusted (and counted numeric when it is)."""
    tally.verified += 1
    numeric = res.get("exact") is False
    tally.numeric += numeric
    prov = res.get("provenance")
    if isinstance(prov, dict) and prov.get("solver") == "exact-bounds":
        if proved_by_bounds(net, y, [v - r for v in x], [v + r for v in x]):
            tally.bounds += 1
        else:
            out.rejected.append(f"point {i}: the recorded bound proof does not hold")
        return
    if res.get("proof") is not None:
        errs = check_box_proof(net, x, y, r, norm, res["proof"], bisect, tally.proof)
        if errs:
            out.rejected.extend(f"point {i}: {e}" for e in errs[:5])
        else:
            tally.proofs += 1
        return
    out.trusted.append(
        f"point {i}: verified not re-checkable, trusted from "
        f"{_solver_text(prov)}" + (" [numeric]" if numeric else "")
    )


def _robust_summary(out: CertificateCheck, tally: _RobustTally) -> None:
    """What was re-checked, with the lemmas the proofs rely on."""
    if tally.cex:
        out.checked.append(f"{tally.cex} counterexample(s) re-checked exactly: inside the "
                           "closed ball and misclassified (label*f <= 0)")
    if tally.bounds:
        out.checked.append(f"{tally.bounds} point(s) verified by exact bounds, recomputed in "
                           "Fractions: label*f > 0 on the whole box x +- r")
    if tally.proofs:
        bisections = tally.proof.get("bisections")
        out.checked.append(f"{tally.proofs} point(s) verified by phase-split proofs: every "
                           "leaf's linear system re-derived from the network and the ball, its "
                           "Farkas combination re-checked exactly"
                           + (f"; {bisections} input bisections, each half's exact "
                              "bounds recomputed (bounds leaves: label*f > 0 on the half)"
                              if bisections else "")
                           + "; " + cite("R4", "R6", *(("R9",) if bisections else ())))


def _in_ball(center: V.Point, r: Fraction, p: V.Point, norm: str) -> bool:
    diffs = [a - b for a, b in zip(p, center, strict=True)]
    if norm == "inf":
        return max(abs(v) for v in diffs) <= r
    return sum(v * v for v in diffs) <= r * r
