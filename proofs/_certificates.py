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
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from proofs.claim import TIMING_KEYS, strip_timings
from verify.errors import CertificateError, InvalidArgument

__all__ = ["count_certificate", "robust_certificate", "with_certificates"]


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
    from verify.certify.producer import make_count_certificate
    from verify.geometry.pointsets import as_points

    spec = points if isinstance(points, str) else None
    if cls == "real":
        witnesses = None
    try:
        cert = make_count_certificate(as_points(points), arch, cls, [int(b) for b in labelings],
                                      witnesses, spec=spec, timeout=timeout)
    except InvalidArgument as exc:  # a refutation past its time limit, too many points
        return {"subject": subject, "certificate": None, "check": None,
                "note": f"no certificate: {exc}"}
    cert = strip_timings(cert)  # already JSON values (the producer's to_jsonable): no round trip
    check = check_certificate(cert).to_json()
    if check["verdict"] == "rejected":
        raise CertificateError(f"the certificate of {subject} is rejected by the checker: "
                               + "; ".join(check["rejected"][:3]))
    return {"subject": subject, "certificate": cert, "check": check, "note": ""}


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
