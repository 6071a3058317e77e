"""Claim thm-4.3-size-step (placeholder until its capability lands)."""

from __future__ import annotations

from typing import Any

from proofs.claim import ClaimResult

ID = "thm-4.3-size-step"
TITLE = "thm-4.3-size-step"
STATEMENT = "(pending)"
SIZES: dict[str, dict[str, Any]] = {"quick": {}, "default": {}, "full": {}}


def check() -> ClaimResult:
    raise NotImplementedError("this check is not written yet")
