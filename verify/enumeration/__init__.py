"""Enumerating labelings: bit-packed sets, the int:Q kernel, realized sets, growth, VC.

Modules: :mod:`~verify.enumeration.labelings` (bit-packed sets of labelings),
:mod:`~verify.enumeration.kernel` (the NumPy int:Q kernel),
:mod:`~verify.enumeration.realized` and :mod:`~verify.enumeration.store`
(exact realized sets, resumable SQLite storage),
:mod:`~verify.enumeration.growth` (growth function, VC dimension, one-inclusion
graph) and :mod:`~verify.enumeration.double_counting` (the argument of Section 4.3
measured on a class).  Halfspace dichotomies live in
:mod:`verify.geometry.dichotomies`.
"""

from verify.enumeration.double_counting import (
    DoubleCounting,
    distances_to_set,
    double_counting,
    promised_count,
)
from verify.enumeration.growth import (
    GrowthProfile,
    growth_profile,
    halfspace_growth,
    haussler_check,
    one_inclusion_graph,
    sauer_shelah,
)
from verify.enumeration.kernel import (
    KernelTooLarge,
    RealizedSet,
    int_realized_set,
    naive_weight_count,
)
from verify.enumeration.labelings import (
    SavedSet,
    complement,
    hamming,
    labeling_array,
    labelings_digest,
    load_labelings,
    points_digest,
    popcount,
    project,
    read_saved,
    save_labelings,
    saved_complete,
    unique_labelings,
    word_dtype,
)
from verify.enumeration.realized import (
    HalfspaceCount,
    count_halfspaces,
    halfspace_set,
    realized_labelings,
)
from verify.enumeration.store import RealizedStore, default_cache_dir

__all__ = [
    "DoubleCounting",
    "GrowthProfile",
    "HalfspaceCount",
    "KernelTooLarge",
    "RealizedSet",
    "RealizedStore",
    "SavedSet",
    "complement",
    "count_halfspaces",
    "default_cache_dir",
    "distances_to_set",
    "double_counting",
    "growth_profile",
    "halfspace_growth",
    "halfspace_set",
    "hamming",
    "haussler_check",
    "int_realized_set",
    "labeling_array",
    "labelings_digest",
    "load_labelings",
    "naive_weight_count",
    "one_inclusion_graph",
    "points_digest",
    "popcount",
    "project",
    "promised_count",
    "read_saved",
    "realized_labelings",
    "sauer_shelah",
    "save_labelings",
    "saved_complete",
    "unique_labelings",
    "word_dtype",
]
