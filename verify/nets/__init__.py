"""ReLU networks: exact and vectorised evaluation, JSON, the enveloping network,
and the exact constructions of Appendix B."""

from verify.nets.constructions import linf_distance_layers, linf_distance_net, robust_memorizer
from verify.nets.envelope import embed, enveloping_architecture, enveloping_size, prune
from verify.nets.network import Layer, ReLUNet, format_architecture, parse_architecture
from verify.nets.vectorized import (
    INT64_SAFE,
    activation_bound,
    classify_batch,
    evaluate_exact,
    evaluate_float,
    evaluate_int,
)

__all__ = [
    "INT64_SAFE",
    "Layer",
    "ReLUNet",
    "activation_bound",
    "classify_batch",
    "embed",
    "enveloping_architecture",
    "enveloping_size",
    "evaluate_exact",
    "evaluate_float",
    "evaluate_int",
    "format_architecture",
    "linf_distance_layers",
    "linf_distance_net",
    "parse_architecture",
    "prune",
    "robust_memorizer",
]
