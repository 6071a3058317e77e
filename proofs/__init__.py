"""Claim-by-claim checks of Li, Jin, Zhong, Hopcroft, Wang (NeurIPS 2022).

One module per claim; each exposes ``check(**parameters) -> ClaimResult``.
The registry runs them by id:

>>> from proofs import claim_ids, run_claim
>>> "prop-3.2-radius-eps" in claim_ids()
True
>>> run_claim("prop-3.2-radius-eps", "quick").verdict
'fails'
"""

from proofs._certificates import certificates_reused
from proofs.claim import (
    CONSISTENT_NOT_INFORMATIVE,
    ERROR,
    EVIDENCE_KINDS,
    FAILS,
    HOLDS_ON_INSTANCES,
    HOLDS_WITH_CORRECTION,
    NOT_CHECKED,
    OUT_OF_REACH,
    PROVED,
    PROVED_CORRECTED,
    VERDICT_MEANINGS,
    VERDICT_WORDS,
    VERDICTS,
    ClaimResult,
    figure,
    strip_timings,
    table,
)
from proofs.registry import (
    OUT_OF_REACH_ERRORS,
    SIZES,
    check_overrides,
    claim_ids,
    claim_parameters,
    describe,
    run_claim,
)

__all__ = [
    "CONSISTENT_NOT_INFORMATIVE",
    "ERROR",
    "EVIDENCE_KINDS",
    "FAILS",
    "HOLDS_ON_INSTANCES",
    "HOLDS_WITH_CORRECTION",
    "NOT_CHECKED",
    "OUT_OF_REACH",
    "OUT_OF_REACH_ERRORS",
    "PROVED",
    "PROVED_CORRECTED",
    "SIZES",
    "VERDICTS",
    "VERDICT_MEANINGS",
    "VERDICT_WORDS",
    "ClaimResult",
    "certificates_reused",
    "check_overrides",
    "claim_ids",
    "claim_parameters",
    "describe",
    "figure",
    "run_claim",
    "strip_timings",
    "table",
]
