"""Claim prop-a.7-a.9-covering-packing (placeholder until its capability lands)."""

from __future__ import annotations

from typing import Any

from proofs.claim import ClaimResult

ID = "prop-a.7-a.9-covering-packing"
TITLE = "prop-a.7-a.9-covering-packing"
STATEMENT = "(pending)"
SIZES: dict[str, dict[str, Any]] = {"quick": {}, "default": {}, "full": {}}


def check() -> ClaimResult:
    raise NotImplementedError("this check is not written yet")
