"""Claim-by-claim checks of Li, Jin, Zhong, Hopcroft, Wang (NeurIPS 2022).

One module per claim; each exposes ``check(**parameters) -> ClaimResult``.
The registry runs them by id:

>>> from proofs import claim_ids, run_claim
>>> "prop-3.2-radius-eps" in claim_ids()
True
>>> run_claim("prop-3.2-radius-eps", "quick").verdict
'fails'
"""

from proofs.claim import (
    FAILS,
    HOLDS,
    HOLDS_WITH_CORRECTION,
    OUT_OF_REACH,
    VERDICTS,
    ClaimResult,
    figure,
    strip_timings,
    table,
)
from proofs.registry import SIZES, claim_ids, claim_parameters, describe, run_claim

__all__ = [
    "FAILS",
    "HOLDS",
    "HOLDS_WITH_CORRECTION",
    "OUT_OF_REACH",
    "SIZES",
    "VERDICTS",
    "ClaimResult",
    "claim_ids",
    "claim_parameters",
    "describe",
    "figure",
    "run_claim",
    "strip_timings",
    "table",
]
