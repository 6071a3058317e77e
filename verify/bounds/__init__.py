"""Closed-form counting: bound (1) of Section 4.3, the VC step, Sauer–Shelah,
the VC bounds of Bartlett et al. (2019), the enveloping network, and Table 1.

>>> bound_chain(2, 3, "1/10").readings[0].lhs_ge_rhs
True
"""

from verify.bounds.chain import (
    MAX_N,
    BoundChain,
    Reading,
    bound_chain,
    check_parameters,
    middle_equals_rhs_statement,
)
from verify.bounds.vcstep import (
    AlphaThreshold,
    VCReading,
    VCStep,
    alpha_ok,
    alpha_threshold,
    min_dimension_for_growth,
    min_dimension_weak_form,
    sauer_shelah_sum,
    vc_step,
    weak_form_ge,
)

__all__ = [
    "MAX_N",
    "AlphaThreshold",
    "BoundChain",
    "Reading",
    "VCReading",
    "VCStep",
    "alpha_ok",
    "alpha_threshold",
    "bound_chain",
    "check_parameters",
    "middle_equals_rhs_statement",
    "min_dimension_for_growth",
    "min_dimension_weak_form",
    "sauer_shelah_sum",
    "vc_step",
    "weak_form_ge",
]
