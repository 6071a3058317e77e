"""The certificate file format: one versioned JSON object, optionally gzip-compressed.

::

    {"format": "verify-certificate", "version": 3,
     "kind": "realize" | "robust" | "count",
     "question": {...}, "answer": {...}}

Rationals are ``"p/q"`` text or JSON integers (JSON decimals such as ``0.1`` are
read exactly from their text).  A path ending in ``.gz`` is read and written
gzip-compressed.  The fields of each kind are described by the JSON schema
``verify/certify/schema.json`` and checked by :mod:`verify.certify.checker`.
Version 1 files (realize and robust certificates without refutation proofs) and
version 2 files (robustness proofs without input bisections) are still read; a
bisection node in a file older than version 3 is malformed.

This module is part of the checker's trusted base: it imports nothing but the
standard library and :mod:`verify.errors`.

>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "c.json.gz")
>>> save_json(p, {"format": FORMAT, "version": VERSION})
>>> load_certificate(p)["version"]
3
"""

from __future__ import annotations

import gzip
import json
import os
from typing import Any

from verify.errors import InvalidArgument
from verify.jsonload import loads_json

__all__ = ["FORMAT", "MAX_BYTES", "SUPPORTED_VERSIONS", "VERSION", "certificate_bytes",
           "load_certificate", "save_json"]

FORMAT = "verify-certificate"
VERSION = 3
SUPPORTED_VERSIONS = (1, 2, 3)
MAX_BYTES = 256 * 1024 * 1024
"""Largest certificate read (after decompression)."""


def certificate_bytes(data: dict[str, Any], compress: bool) -> bytes:
    """The bytes of a certificate file: compact JSON, gzip-compressed when ``compress``.

    The gzip header records no file name and no time, so the same certificate
    always gives the same bytes.

    >>> certificate_bytes({"version": 2}, False)
    b'{"version":2}\\n'
    >>> certificate_bytes({"version": 2}, True) == certificate_bytes({"version": 2}, True)
    True
    """
    raw = (json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n").encode()
    return gzip.compress(raw, compresslevel=6, mtime=0) if compress else raw


def save_json(path: str, data: dict[str, Any]) -> None:
    """Write JSON-ready ``data`` (compact; gzip when ``path`` ends in ``.gz``)."""
    blob = certificate_bytes(data, path.endswith(".gz"))
    try:
        with open(path, "wb") as fh:
            fh.write(blob)
    except OSError as exc:
        raise InvalidArgument(f"certificate: cannot write {path!r} ({exc})") from None


def load_certificate(path: str) -> dict[str, Any]:
    """Read a certificate file (``.gz`` decompressed); decimals are read exactly.

    Raises InvalidArgument for a missing, unreadable, oversized or non-JSON file.
    """
    if not os.path.isfile(path):
        raise InvalidArgument(f"certificate: {path!r} is not a file")

    try:
        if path.endswith(".gz"):
            with gzip.open(path, "rb") as gz:
                raw = gz.read(MAX_BYTES + 1)
        else:
            with open(path, "rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise InvalidArgument(f"certificate: {path!r} is larger than "
                                  f"{MAX_BYTES // 2**20} MiB")
        text = raw.decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise InvalidArgument(f"certificate: cannot read {path!r} as JSON ({exc})") from None
    # the one exact JSON reader; proof trees may nest deeply, so only Python's own
    # nesting limit applies (beyond it, a clean refusal)
    data = loads_json(text, f"certificate {path!r}", max_depth=None)
    if not isinstance(data, dict):
        raise InvalidArgument("certificate: expected a JSON object")
    return data
