"""Claim lemma-a.4-sauer-shelah (placeholder until its capability lands)."""

from __future__ import annotations

from typing import Any

from proofs.claim import ClaimResult

ID = "lemma-a.4-sauer-shelah"
TITLE = "lemma-a.4-sauer-shelah"
STATEMENT = "(pending)"
SIZES: dict[str, dict[str, Any]] = {"quick": {}, "default": {}, "full": {}}


def check() -> ClaimResult:
    raise NotImplementedError("this check is not written yet")
