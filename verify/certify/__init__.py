"""Certificates: checkable proofs of the toolkit's answers, and their checker.

* :mod:`~verify.certify.format` — the versioned JSON format (``.json.gz`` too);
  its schema is ``verify/certify/schema.json``.
* :mod:`~verify.certify.checker` — :func:`check_certificate`: re-checks a
  certificate in exact arithmetic and answers verified / rejected /
  partly-trusted.  It imports nothing but the standard library, NumPy,
  :mod:`verify.exact` and :mod:`verify.errors`.
* :mod:`~verify.certify.lemmas` — the mathematical facts the checker relies
  on, with proofs.
* :mod:`~verify.certify.producer` — assembling certificates from the engines'
  answers (realize, robust, count); imported lazily (it needs the solvers).
"""

from __future__ import annotations

from typing import Any

from verify.certify.checker import CertificateCheck, check_certificate
from verify.certify.format import FORMAT, VERSION, load_certificate

__all__ = [
    "FORMAT",
    "VERSION",
    "CertificateCheck",
    "check_certificate",
    "load_certificate",
    "make_count_certificate",
    "make_realize_certificate",
    "make_robust_certificate",
    "write_certificate",
]

_PRODUCER = ("make_count_certificate", "make_realize_certificate", "make_robust_certificate",
             "write_certificate")


def __getattr__(name: str) -> Any:
    if name in _PRODUCER:
        from verify.certify import producer

        return getattr(producer, name)
    raise AttributeError(f"module 'verify.certify' has no attribute {name!r}")
