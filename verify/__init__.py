"""Exact verification toolkit for the theory of robust generalization.

Built around Li, Jin, Zhong, Hopcroft, Wang, "Why Robust Generalization in Deep
Learning is Difficult: Perspective of Expressive Power" (NeurIPS 2022).

The main entry points are available here and imported on first use, so
``import verify`` stays fast (it loads neither NumPy nor a solver):

========================  ==========================================================
``bound_chain``           bound (1) of Section 4.3, exactly, for every reading of V
``vc_step``               the VC step: exact VC lower bounds from bound (1)
``points``                a point set from its spec (``grid:3:2``, ``stilde:3:3``, …)
``realize``               does some network of an architecture realize a labeling?
``count_labelings``       every labeling a class realizes (cached, resumable store)
``growth_profile``        growth function and VC dimension of a realized set
``double_counting``       the argument of Section 4.3 measured on a realized set
``check_claim``           one claim of the paper checked (a ``ClaimResult``)
``bounds_table`` …        the tables of ``verify table`` (``growth_table`` too)
``plot_growth`` …         figures (``plot_bound``, ``plot_figure``): matplotlib Figures
========================  ==========================================================

Subpackages: :mod:`verify.bounds`, :mod:`verify.geometry`, :mod:`verify.nets`,
:mod:`verify.encodings`, :mod:`verify.enumeration`, :mod:`verify.report`.

>>> import verify
>>> verify.bound_chain(3, 3, "1/10").conclusion_holds
True
"""

from __future__ import annotations

import importlib
from typing import Any

from verify.errors import CertificateError, InvalidArgument, SolverError, VerifyError

__version__ = "0.1.0"

#: public name -> (module, attribute), imported on first access
_LAZY = {
    "bound_chain": ("verify.bounds.chain", "bound_chain"),
    "vc_step": ("verify.bounds.vcstep", "vc_step"),
    "bounds_table": ("verify.bounds.tables", "bounds_table"),
    "vc_table": ("verify.bounds.tables", "vc_table"),
    "sizes_table": ("verify.bounds.tables", "sizes_table"),
    "table1_table": ("verify.bounds.tables", "table1_table"),
    "points": ("verify.geometry.pointsets", "parse_spec"),
    "realize": ("verify.encodings.realize", "realize"),
    "count_labelings": ("verify.enumeration.realized", "realized_labelings"),
    "realized_labelings": ("verify.enumeration.realized", "realized_labelings"),
    "growth_profile": ("verify.enumeration.growth", "growth_profile"),
    "double_counting": ("verify.enumeration.double_counting", "double_counting"),
    "growth_table": ("verify.enumeration.growth_table", "growth_table"),
    "check_claim": ("proofs.registry", "run_claim"),
    "claim_ids": ("proofs.registry", "claim_ids"),
    "Table": ("verify.tables", "Table"),
    "render_table": ("verify.tables", "render"),
    "progress_enabled": ("verify.progress", "set_enabled"),
    "plot_growth": ("verify.report.figures", "plot_growth"),
    "plot_bound": ("verify.report.figures", "plot_bound"),
    "plot_figure": ("verify.report.figures", "plot_figure"),
    "save_figure": ("verify.report.figures", "save_figure"),
}

__all__ = [
    "CertificateError",
    "InvalidArgument",
    "SolverError",
    "VerifyError",
    "__version__",
    *sorted(_LAZY),
]


def __getattr__(name: str) -> Any:
    """Import a public entry point on first use (PEP 562)."""
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'verify' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
