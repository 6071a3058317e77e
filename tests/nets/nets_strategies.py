"""Hypothesis strategies for small rational ReLU networks and points (shared by tests)."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import strategies as st

from verify.nets.network import ReLUNet

small_rationals = st.builds(
    Fraction, st.integers(min_value=-6, max_value=6), st.integers(min_value=1, max_value=4)
)
small_ints = st.integers(min_value=-4, max_value=4).map(Fraction)


@st.composite
def networks(draw, m=None, max_hidden_layers=2, max_width=3, weights=small_rationals):  # type: ignore[no-untyped-def]
    """A random ReLU net with ``m`` inputs (1-3 if None), 0-2 hidden layers of width 1-3."""
    m = m if m is not None else draw(st.integers(min_value=1, max_value=3))
    depth = draw(st.integers(min_value=0, max_value=max_hidden_layers))
    widths = [m, *(draw(st.integers(min_value=1, max_value=max_width)) for _ in range(depth)), 1]
    layers = []
    for a, b in itertools.pairwise(widths):
        W = [[draw(weights) for _ in range(a)] for _ in range(b)]
        bias = [draw(weights) for _ in range(b)]
        layers.append((W, bias))
    return ReLUNet.from_lists(layers)


def points(m: int, size: int = 5, coords=small_rationals):  # type: ignore[no-untyped-def]
    return st.lists(st.tuples(*([coords] * m)), min_size=1, max_size=size)
