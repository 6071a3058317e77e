"""Closed-form counting: bound (1) of Section 4.3, the VC step, Sauer–Shelah,
the VC bounds of Bartlett et al. (2019), the enveloping network, and Table 1.

The names below are imported from their modules on first use, so that
``import verify.bounds`` (and the command line's start-up) stays light.

>>> from verify.bounds import bound_chain
>>> bound_chain(2, 3, "1/10").readings[0].lhs_ge_rhs
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from verify.bounds.architecture import (
        LayerCounts,
        enveloping_counts,
        enveloping_parameters,
        enveloping_widths,
        layer_counts,
    )
    from verify.bounds.bartlett import (
        BOUNDS,
        bartlett_growth_log2_upper,
        bartlett_vc_upper,
        bartlett_vc_upper_pl,
        remark9_growth_log2_upper,
        theorem10_vc_upper,
        vc_upper,
    )
    from verify.bounds.certified import Certified
    from verify.bounds.chain import (
        MAX_ALPHA_BITS,
        MAX_N,
        MAX_POWER_BITS,
        BoundChain,
        Reading,
        bound1_lhs,
        bound_chain,
        check_parameters,
        middle_equals_rhs_statement,
    )
    from verify.bounds.ranges import RANGE_SYNTAX, parse_int_values, parse_rational_values
    from verify.bounds.sizes import (
        EnvelopingSize,
        ExponentFit,
        growth_exponent,
        smallest_enveloping_M,
    )
    from verify.bounds.table1 import TABLE1_FORMULAS, Table1Row, table1_rows
    from verify.bounds.tables import bounds_table, sizes_table, table1_table, vc_table
    from verify.bounds.vcstep import (
        SCAN_MAX_N,
        AlphaThreshold,
        VCReading,
        VCStep,
        VScan,
        alpha_ok,
        alpha_threshold,
        min_dimension_for_growth,
        min_dimension_weak_form,
        sauer_shelah_sum,
        scan_V,
        vc_step,
        weak_form_ge,
    )

# name -> the module that defines it
_EXPORTS: dict[str, str] = {
    "LayerCounts": "verify.bounds.architecture",
    "enveloping_counts": "verify.bounds.architecture",
    "enveloping_parameters": "verify.bounds.architecture",
    "enveloping_widths": "verify.bounds.architecture",
    "layer_counts": "verify.bounds.architecture",
    "BOUNDS": "verify.bounds.bartlett",
    "bartlett_growth_log2_upper": "verify.bounds.bartlett",
    "bartlett_vc_upper": "verify.bounds.bartlett",
    "bartlett_vc_upper_pl": "verify.bounds.bartlett",
    "remark9_growth_log2_upper": "verify.bounds.bartlett",
    "theorem10_vc_upper": "verify.bounds.bartlett",
    "vc_upper": "verify.bounds.bartlett",
    "Certified": "verify.bounds.certified",
    "MAX_ALPHA_BITS": "verify.bounds.chain",
    "MAX_N": "verify.bounds.chain",
    "MAX_POWER_BITS": "verify.bounds.chain",
    "BoundChain": "verify.bounds.chain",
    "Reading": "verify.bounds.chain",
    "bound1_lhs": "verify.bounds.chain",
    "bound_chain": "verify.bounds.chain",
    "check_parameters": "verify.bounds.chain",
    "middle_equals_rhs_statement": "verify.bounds.chain",
    "RANGE_SYNTAX": "verify.bounds.ranges",
    "parse_int_values": "verify.bounds.ranges",
    "parse_rational_values": "verify.bounds.ranges",
    "EnvelopingSize": "verify.bounds.sizes",
    "ExponentFit": "verify.bounds.sizes",
    "growth_exponent": "verify.bounds.sizes",
    "smallest_enveloping_M": "verify.bounds.sizes",
    "TABLE1_FORMULAS": "verify.bounds.table1",
    "Table1Row": "verify.bounds.table1",
    "table1_rows": "verify.bounds.table1",
    "bounds_table": "verify.bounds.tables",
    "sizes_table": "verify.bounds.tables",
    "table1_table": "verify.bounds.tables",
    "vc_table": "verify.bounds.tables",
    "SCAN_MAX_N": "verify.bounds.vcstep",
    "AlphaThreshold": "verify.bounds.vcstep",
    "VCReading": "verify.bounds.vcstep",
    "VCStep": "verify.bounds.vcstep",
    "VScan": "verify.bounds.vcstep",
    "alpha_ok": "verify.bounds.vcstep",
    "alpha_threshold": "verify.bounds.vcstep",
    "min_dimension_for_growth": "verify.bounds.vcstep",
    "min_dimension_weak_form": "verify.bounds.vcstep",
    "sauer_shelah_sum": "verify.bounds.vcstep",
    "scan_V": "verify.bounds.vcstep",
    "vc_step": "verify.bounds.vcstep",
    "weak_form_ge": "verify.bounds.vcstep",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "BOUNDS",
    "MAX_ALPHA_BITS",
    "MAX_N",
    "MAX_POWER_BITS",
    "RANGE_SYNTAX",
    "SCAN_MAX_N",
    "TABLE1_FORMULAS",
    "AlphaThreshold",
    "BoundChain",
    "Certified",
    "EnvelopingSize",
    "ExponentFit",
    "LayerCounts",
    "Reading",
    "Table1Row",
    "VCReading",
    "VCStep",
    "VScan",
    "alpha_ok",
    "alpha_threshold",
    "bartlett_growth_log2_upper",
    "bartlett_vc_upper",
    "bartlett_vc_upper_pl",
    "bound1_lhs",
    "bound_chain",
    "bounds_table",
    "check_parameters",
    "enveloping_counts",
    "enveloping_parameters",
    "enveloping_widths",
    "growth_exponent",
    "layer_counts",
    "middle_equals_rhs_statement",
    "min_dimension_for_growth",
    "min_dimension_weak_form",
    "parse_int_values",
    "parse_rational_values",
    "remark9_growth_log2_upper",
    "sauer_shelah_sum",
    "scan_V",
    "sizes_table",
    "smallest_enveloping_M",
    "table1_rows",
    "table1_table",
    "theorem10_vc_upper",
    "vc_step",
    "vc_table",
    "vc_upper",
    "weak_form_ge",
]
