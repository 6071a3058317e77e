"""Claim table-1-rows (placeholder until its capability lands)."""

from __future__ import annotations

from typing import Any

from proofs.claim import ClaimResult

ID = "table-1-rows"
TITLE = "table-1-rows"
STATEMENT = "(pending)"
SIZES: dict[str, dict[str, Any]] = {"quick": {}, "default": {}, "full": {}}


def check() -> ClaimResult:
    raise NotImplementedError("this check is not written yet")
