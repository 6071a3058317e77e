"""Exact verification toolkit for the theory of robust generalization.

Built around Li, Jin, Zhong, Hopcroft, Wang, "Why Robust Generalization in Deep
Learning is Difficult: Perspective of Expressive Power" (NeurIPS 2022).

Subpackages: :mod:`verify.bounds`, :mod:`verify.geometry`, :mod:`verify.nets`,
:mod:`verify.encodings`, :mod:`verify.enumeration`, :mod:`verify.report`.
"""

from verify.errors import CertificateError, InvalidArgument, SolverError, VerifyError

__all__ = ["CertificateError", "InvalidArgument", "SolverError", "VerifyError", "__version__"]
__version__ = "0.1.0"
