"""Decision procedures: exact realizability of labelings by tiny ReLU networks.

Back ends: z3 linear real arithmetic (one hidden layer, real weights), z3
nonlinear real arithmetic (deeper networks), python-sat (integer weights,
class ``int:Q``), HiGHS MILP (maximum agreement).  Every answer is a
:class:`Decision`: a witness re-checked exactly, a refutation with provenance,
or unknown with its reason.  Robustness of a given network
(:mod:`verify.encodings.robust`) and certificates
(:mod:`verify.encodings.certificates`) are exported here too.
"""

from verify.encodings.agree import AgreementResult, max_agreement
from verify.encodings.certificates import (
    FORMAT,
    CertificateCheck,
    check_certificate,
    load_certificate,
    make_realize_certificate,
    make_robust_certificate,
    write_certificate,
)
from verify.encodings.classes import in_class, parse_class, parse_timeout
from verify.encodings.lra import OneHiddenLRA, normalise_output_weights
from verify.encodings.realize import RealizedSetResult, realize, realized_set, realizes_bits
from verify.encodings.result import Decision, Status
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
from verify.encodings.symmetry import (
    PointSymmetry,
    orbit,
    point_symmetries,
    transform_labels,
    transform_net,
)

__all__ = [
    "BOUNDS_SOLVER",
    "FORMAT",
    "AgreementResult",
    "CertificateCheck",
    "Decision",
    "Norm",
    "OneHiddenLRA",
    "PointSymmetry",
    "RealizedSetResult",
    "RobustnessReport",
    "RobustnessResult",
    "Status",
    "check_certificate",
    "in_ball",
    "in_class",
    "is_counterexample",
    "load_certificate",
    "make_realize_certificate",
    "make_robust_certificate",
    "max_agreement",
    "normalise_output_weights",
    "orbit",
    "parse_class",
    "parse_norm",
    "parse_timeout",
    "point_symmetries",
    "proved_by_bounds",
    "realize",
    "realized_set",
    "realizes_bits",
    "robust_at",
    "transform_labels",
    "transform_net",
    "verify_robustness",
    "write_certificate",
]
