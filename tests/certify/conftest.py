"""Shared certificates (built once per session: some take a second to produce)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

from verify.certify.producer import make_count_certificate
from verify.encodings.realize import realized_set
from verify.geometry.dichotomies import halfspace_dichotomies
from verify.geometry.pointsets import as_points


@cache
def _relu_count(spec: str, arch: str) -> tuple[dict[str, Any], frozenset[int]]:
    """A count certificate for a real class and z3's realized set (an independent truth)."""
    res = realized_set(spec, arch)
    assert res.complete
    cert = make_count_certificate(as_points(spec), arch, "real", res.labelings, res.witnesses,
                                  spec=spec)
    return cert, frozenset(res.labelings)


@cache
def _halfspace_count(spec: str) -> dict[str, Any]:
    labs = halfspace_dichotomies(spec).tolist()
    return make_count_certificate(as_points(spec), "halfspaces", "real", labs, spec=spec)


@pytest.fixture
def relu_count() -> Callable[[str, str], tuple[dict[str, Any], frozenset[int]]]:
    return _relu_count


@pytest.fixture
def halfspace_count() -> Callable[[str], dict[str, Any]]:
    return _halfspace_count
