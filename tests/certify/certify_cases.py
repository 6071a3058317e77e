"""Shared certificates for the tests of verify.certify (built once: some take a second)."""

from __future__ import annotations

from functools import cache
from typing import Any

from verify.certify.producer import make_count_certificate
from verify.encodings.realize import realized_set
from verify.geometry.dichotomies import halfspace_dichotomies
from verify.geometry.pointsets import as_points


@cache
def relu_count(spec: str, arch: str) -> tuple[dict[str, Any], frozenset[int]]:
    """A count certificate for a real class and z3's realized set (an independent truth)."""
    res = realized_set(spec, arch)
    assert res.complete
    cert = make_count_certificate(as_points(spec), arch, "real", res.labelings, res.witnesses,
                                  spec=spec)
    return cert, frozenset(res.labelings)


@cache
def halfspace_count(spec: str) -> dict[str, Any]:
    labs = halfspace_dichotomies(spec).tolist()
    return make_count_certificate(as_points(spec), "halfspaces", "real", labs, spec=spec)

