"""Claim thm-3.4-shattering (placeholder until its capability lands)."""

from __future__ import annotations

from typing import Any

from proofs.claim import ClaimResult

ID = "thm-3.4-shattering"
TITLE = "thm-3.4-shattering"
STATEMENT = "(pending)"
SIZES: dict[str, dict[str, Any]] = {"quick": {}, "default": {}, "full": {}}


def check() -> ClaimResult:
    raise NotImplementedError("this check is not written yet")
