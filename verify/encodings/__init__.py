"""Decision procedures: exact realizability of labelings by tiny ReLU networks.

Back ends: z3 linear real arithmetic (one hidden layer, real weights), z3
nonlinear real arithmetic (deeper networks), python-sat (integer weights,
class ``int:Q``), HiGHS MILP (maximum agreement).  Every answer is a
:class:`Decision`: a witness re-checked exactly, a refutation with provenance,
or unknown with its reason.  Robustness of a given network
(:mod:`verify.encodings.robust`), refutation proofs for one hidden layer
(:mod:`verify.encodings.refute`; certificates live in :mod:`verify.certify`),
the exact robust error of f*
(:mod:`verify.encodings.fstar_robust`), linear separability
(:mod:`verify.encodings.separability`) and the Proposition 3.2 experiment
(:mod:`verify.encodings.prop32`) are exported here too.
"""

from verify.encodings.agree import AgreementResult, max_agreement
from verify.encodings.chain import ChainLRA, normalise_chain
from verify.encodings.classes import in_class, parse_class
from verify.encodings.fstar_robust import robust_error
from verify.encodings.lra import OneHiddenLRA, normalise_output_weights
from verify.encodings.orbits import decide_orbits
from verify.encodings.prop32 import prop32_check, prop32_trials, random_separated_sets
from verify.encodings.realize import RealizedSetResult, realize, realized_set, realizes_bits
from verify.encodings.result import Decision, RealizedSet, Status
from verify.encodings.robust import (
    BOUNDS_SOLVER,
    Norm,
    RobustnessReport,
    RobustnessResult,
    in_ball,
    is_counterexample,
    parse_norm,
    proved_by_bounds,
    robust_at,
    verify_robustness,
)
from verify.encodings.separability import linearly_separable
from verify.encodings.symmetry import (
    PointSymmetry,
    orbit,
    point_symmetries,
    transform_labels,
    transform_net,
)
from verify.encodings.wide import decide_two_layer, normalise_two_layer

__all__ = [
    "BOUNDS_SOLVER",
    "AgreementResult",
    "ChainLRA",
    "Decision",
    "Norm",
    "OneHiddenLRA",
    "PointSymmetry",
    "RealizedSet",
    "RealizedSetResult",
    "RobustnessReport",
    "RobustnessResult",
    "Status",
    "decide_orbits",
    "decide_two_layer",
    "in_ball",
    "in_class",
    "is_counterexample",
    "linearly_separable",
    "max_agreement",
    "normalise_chain",
    "normalise_output_weights",
    "normalise_two_layer",
    "orbit",
    "parse_class",
    "parse_norm",
    "point_symmetries",
    "prop32_check",
    "prop32_trials",
    "proved_by_bounds",
    "random_separated_sets",
    "realize",
    "realized_set",
    "realizes_bits",
    "robust_at",
    "robust_error",
    "transform_labels",
    "transform_net",
    "verify_robustness",
]
