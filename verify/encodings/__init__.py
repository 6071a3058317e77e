"""Decision procedures: exact realizability of labelings by tiny ReLU networks.

Back ends: z3 linear real arithmetic (one hidden layer, real weights), z3
nonlinear real arithmetic (deeper networks), python-sat (integer weights,
class ``int:Q``), HiGHS MILP (maximum agreement).  Every answer is a
:class:`Decision`: a witness re-checked exactly, a refutation with provenance,
or unknown with its reason.
"""

from verify.encodings.agree import AgreementResult, max_agreement
from verify.encodings.classes import in_class, parse_class, parse_timeout
from verify.encodings.lra import OneHiddenLRA, normalise_output_weights
from verify.encodings.realize import RealizedSetResult, realize, realized_set
from verify.encodings.result import Decision, Status
from verify.encodings.symmetry import (
    PointSymmetry,
    orbit,
    point_symmetries,
    transform_labels,
    transform_net,
)

__all__ = [
    "AgreementResult",
    "Decision",
    "OneHiddenLRA",
    "PointSymmetry",
    "RealizedSetResult",
    "Status",
    "in_class",
    "max_agreement",
    "normalise_output_weights",
    "orbit",
    "parse_class",
    "parse_timeout",
    "point_symmetries",
    "realize",
    "realized_set",
    "transform_labels",
    "transform_net",
]
