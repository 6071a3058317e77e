"""Certificates of the claims' solver answers (private helper of the claim checks).

A claim whose evidence is an exact count of realized labelings (a realizability
answer for every labeling, most of them refutations) attaches the count's
certificate (:func:`verify.certify.producer.make_count_certificate`) to its
:class:`~proofs.claim.ClaimResult`.  Each entry is checked here by
:func:`verify.certify.check_certificate` at once; ``verify report`` writes the
certificate to ``certificates/<claim>-<n>.json.gz`` and cites the file and the
checker's verdict on the claim's page, and the test suite re-checks the written
files.  A certificate the checker rejects is a bug of the toolkit
(:class:`~verify.errors.CertificateError`: the claim's check ends in ``error``);
one that cannot be produced within its limits is cited with the reason, never
silently dropped.  Timings are left out of the certificate, so re-runs give the
same bytes.

>>> from verify.geometry.dichotomies import halfspace_dichotomies
>>> e = count_certificate("halfspaces on cube:2", "cube:2", "halfspaces", "real",
...                       halfspace_dichotomies("cube:2").tolist())
>>> e["check"]["verdict"], e["check"]["count"], e["note"]
('verified', 14, '')
>>> with_certificates("exact+solver", [e])
'exact+solver+certificate'

Within :func:`certificates_reused` (one report run: ``verify report`` runs its claims in
it) a count certificate is produced once per question and reused by every claim that
asks the same question in that run; each claim's certificate is still checked by the
checker, and the reuse ends with the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from proofs.claim import TIMING_KEYS, strip_timings
from verify.errors import CertificateError, InvalidArgument

__all__ = ["certificates_reused", "count_certificate", "robust_certificate",
           "with_certificates"]


def count_certificate(
    subject: str,
    points: Any,
    arch: str,
    cls: str,
    labelings: Iterable[int],
    witnesses: dict[int, Any] | None = None,
    timeout: float = 60,
) -> dict[str, Any]:
    """The certificate of an exact count, checked: ``{"subject", "certificate", "check",
    "note"}``.

    Parameters
    ----------
    subject : str
        What the certificate proves, in words (cited in the report).
    points : point-set spec or rows of rationals
    arch : ``m-h-1``, ``m-1`` or ``halfspaces``
    cls : ``real`` or ``int:Q``
    labelings, witnesses : the complete realized set (bit-packed) and a witness network
        for each labeling; for halfspaces and real weights the certificate's witnesses
        are recomputed deterministically by the producer (the witnesses a solver found
        vary with the process's history and the cache), so re-runs give the same bytes
    timeout : seconds for the refutation search; past it the entry has no certificate
        and ``note`` says why

    Raises
    ------
    CertificateError
        When the checker rejects the certificate (a bug in the producer).
    """
    from verify.certify import check_certificate

    if cls == "real":
        witnesses = None
    try:
        cert = _produced(points, arch, cls, [int(b) for b in labelings], witnesses, timeout)
    except InvalidArgument as exc:  # a refutation past its time limit, too many points
        return {"subject": subject, "certificate": None, "check": None,
                "note": f"no certificate: {exc}"}
    check = check_certificate(cert).to_json()  # every claim's certificate, reused or not
    if check["verdict"] == "rejected":
        raise CertificateError(f"the certificate of {subject} is rejected by the checker: "
                               + "; ".join(check["rejected"][:3]))
    return {"subject": subject, "certificate": cert, "check": check, "note": ""}


_REUSED: list[Path] = []
"""The folder of the certificates produced in this run (empty: none kept).  A folder, not
a dictionary: claims run in forked processes, each of which sees what those before wrote."""


@contextmanager
def certificates_reused() -> Iterator[None]:
    """Within the block, :func:`count_certificate` produces the certificate of a question
    once and reuses it for the same question (one report run).

    The question is everything the producer's answer depends on: the points (exact), their
    name, the architecture, the class, the labelings, the witnesses given and the time
    limit; the code cannot change within the run.  What is kept is bound to its question
    (read back only when the question and a digest of both match) and lives in a temporary
    folder removed when the block ends, so nothing is reused across runs.  The checker
    still checks each claim's certificate.  Nested blocks share the outermost one's.

    >>> from verify.geometry.dichotomies import halfspace_dichotomies
    >>> labs = halfspace_dichotomies("cube:2").tolist()
    >>> with certificates_reused():
    ...     a = count_certificate("a", "cube:2", "halfspaces", "real", labs)
    ...     b = count_certificate("b", "cube:2", "halfspaces", "real", labs)
    >>> a["certificate"] == b["certificate"], b["check"]["verdict"], _REUSED
    (True, 'verified', [])
    """
    if _REUSED:
        yield
        return
    with tempfile.TemporaryDirectory(prefix="verify-certificates-") as folder:
        _REUSED.append(Path(folder))
        try:
            yield
        finally:
            _REUSED.clear()


def _produced(points: Any, arch: str, cls: str, labelings: list[int],
              witnesses: dict[int, Any] | None, timeout: float) -> dict[str, Any]:
    """The producer's certificate of the count (timings stripped): made here, or within
    :func:`certificates_reused` the one made earlier in the run for the same question."""
    from verify.certify.producer import make_count_certificate
    from verify.geometry.pointsets import as_points

    pts = as_points(points)
    spec = points if isinstance(points, str) else None
    question = None if not _REUSED else _question(pts, spec, arch, cls, labelings, witnesses,
                                                 timeout)
    if question is not None:
        kept = _kept(_REUSED[0], question)
        if kept is not None:
            return kept
    cert = make_count_certificate(pts, arch, cls, labelings, witnesses, spec=spec,
                                  timeout=timeout)
    cert = strip_timings(cert)  # already JSON values (the producer's to_jsonable): no round trip
    if question is not None:
        _keep(_REUSED[0], question, cert)
    return cert


def _question(pts: Any, spec: str | None, arch: str, cls: str, labelings: list[int],
              witnesses: dict[int, Any] | None, timeout: float) -> str:
    """The canonical text of everything a count certificate is made from."""
    from verify.jsonio import dumps

    nets = None if witnesses is None else {str(b): witnesses[b].to_json()
                                           for b in sorted(witnesses)}
    return dumps({"points": [[str(c) for c in p] for p in pts], "spec": spec, "arch": arch,
                  "class": cls, "labelings": labelings, "witnesses": nets,
                  "timeout": timeout})


def _entry_digest(question: str, cert_text: str) -> str:
    return hashlib.sha256(f"{question}\n{cert_text}".encode()).hexdigest()


def _keep(folder: Path, question: str, cert: dict[str, Any]) -> None:
    from verify.jsonio import dumps

    cert_text = dumps(cert)
    name = hashlib.sha256(question.encode()).hexdigest()
    tmp = folder / f"{name}.tmp{os.getpid()}"
    tmp.write_text(json.dumps({"question": question, "certificate": cert_text,
                               "sha256": _entry_digest(question, cert_text)}))
    os.replace(tmp, folder / f"{name}.json")


def _kept(folder: Path, question: str) -> dict[str, Any] | None:
    """The certificate kept for ``question`` when its entry is whole and for this question."""
    path = folder / f"{hashlib.sha256(question.encode()).hexdigest()}.json"
    try:
        entry = json.loads(path.read_text())
        cert_text = entry["certificate"]
        whole = (entry["question"] == question
                 and entry["sha256"] == _entry_digest(question, cert_text))
        return dict(json.loads(cert_text)) if whole else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _untimed(value: Any) -> Any:
    """``value`` without timing entries (the claim's timing keys and ``*_seconds``)."""
    if isinstance(value, dict):
        return {k: _untimed(v) for k, v in value.items()
                if k not in TIMING_KEYS and not k.endswith("_seconds")}
    if isinstance(value, list):
        return [_untimed(v) for v in value]
    return value


def robust_certificate(subject: str, net: Any, points: Any, labels: Any,
                       report: Any) -> dict[str, Any]:
    """The certificate of a robustness report, checked: ``{"subject", "certificate",
    "check", "note"}`` (the caller decides what a rejected one means for its claim).

    >>> from verify.encodings.robust import verify_robustness
    >>> from verify.nets import robust_memorizer
    >>> net = robust_memorizer([[0], [1]], "-+", "1/2", "1/4")
    >>> rep = verify_robustness(net, [[0], [1]], "-+", "1/4", prove=True)
    >>> robust_certificate("memorizer", net, [[0], [1]], "-+", rep)["check"]["verdict"]
    'verified'
    """
    from verify.certify import check_certificate
    from verify.certify.producer import make_robust_certificate
    from verify.jsonio import dumps

    cert = _untimed(json.loads(dumps(make_robust_certificate(net, points, labels, report))))
    return {"subject": subject, "certificate": cert,
            "check": check_certificate(cert).to_json(), "note": ""}


def with_certificates(kind: str, entries: list[dict[str, Any]]) -> str:
    """The evidence kind ``kind`` plus ``certificate`` when some entry has one.

    >>> with_certificates("exact", [])
    'exact'
    """
    if any(e.get("certificate") is not None for e in entries) and "certificate" not in kind:
        return kind + "+certificate"
    return kind
