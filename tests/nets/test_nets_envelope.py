"""embed() preserves the function exactly; the enveloping architecture and its size."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nets_strategies import networks, points, small_rationals

from verify.errors import InvalidArgument
from verify.nets import (
    ReLUNet,
    embed,
    enveloping_architecture,
    enveloping_size,
    evaluate_exact,
    prune,
)

GRID = [(Fraction(i, 3), Fraction(j, 2)) for i in range(-6, 7) for j in range(-4, 5)]


@pytest.mark.parametrize(
    "layers, M",
    [
        ([([[1, -1]], [0]), ([[2]], [-1])], 3),  # shallow into deep
        ([([[1, 2]], [-1])], 2),  # linear net: carried by ReLU(z) - ReLU(-z)
        ([([[0, 0]], [5])], 4),  # constant
        ([([[1, 0], [0, 1], [1, 1]], [0, 0, -1]), ([[1, -1, 2]], [0])], 4),
        ([([[1, 1]], [0]), ([[1], [-1]], [0, 1]), ([[1, 1]], [0])], 3),
        # dead and constant units, wider than M before pruning
        ([([[1, 0], [0, 0], [0, 0], [2, 1]], [0, 3, -1, 0]), ([[1, 1, 7, 0]], [0])], 2),
    ],
)
def test_embed_preserves_function_on_a_grid(layers, M) -> None:  # type: ignore[no-untyped-def]
    net = ReLUNet.from_lists(layers)
    big = embed(net, M)
    assert big.widths == enveloping_architecture(M, 2)
    assert evaluate_exact(big, GRID) == evaluate_exact(net, GRID)


@given(st.data())
def test_embed_every_net_of_size_at_most_M(data) -> None:  # type: ignore[no-untyped-def]
    net = data.draw(networks(max_hidden_layers=3, max_width=3))
    M = max(net.size, 1) + data.draw(st.integers(min_value=0, max_value=1))
    big = embed(net, M)
    assert big.widths == enveloping_architecture(M, net.widths[0])
    pts = data.draw(points(net.widths[0], size=10))
    assert evaluate_exact(big, pts) == evaluate_exact(net, pts)
    small = prune(net)
    assert small.size <= net.size
    assert evaluate_exact(small, pts) == evaluate_exact(net, pts)


@given(st.lists(small_rationals, min_size=2, max_size=2))
def test_prune_removes_dead_units_only(w) -> None:  # type: ignore[no-untyped-def]
    net = ReLUNet.from_lists([([w, [0, 0]], [0, -1]), ([[1, 5]], [0])])  # unit 2 is ReLU(-1)=0
    small = prune(net)
    assert small.widths[1:-1] in ((1,), ())
    assert evaluate_exact(small, GRID) == evaluate_exact(net, GRID)


def test_embed_refuses_what_does_not_fit() -> None:
    deep = ReLUNet.from_lists([([[1]], [0])] + [([[1]], [0])] * 4)  # 4 hidden layers
    with pytest.raises(InvalidArgument, match="does not fit"):
        embed(deep, 4)
    assert embed(deep, 5).widths == (1, 5, 5, 5, 5, 1)


@pytest.mark.parametrize("M, m", [(1, 1), (2, 3), (3, 2), (5, 5), (7, 13)])
def test_enveloping_size_closed_form(M: int, m: int) -> None:
    size = enveloping_size(M, m)
    expected = m if M == 1 else m * M + (M - 2) * M * M + M
    assert size["weights"] == expected
    assert size["biases"] == (M - 1) * M + 1
    if m <= 2 * M - 1:
        assert size["weights"] <= M**3


@given(st.data())
def test_embedded_size_formula(data) -> None:  # type: ignore[no-untyped-def]
    net = data.draw(networks(max_hidden_layers=2, max_width=3))
    M = max(net.size, 2) + 1
    src = prune(net)
    big = embed(src, M)
    hidden = src.widths[1:-1]
    if hidden:
        assert big.size == src.size + hidden[-1] * (M - 1 - len(hidden))
    elif any(v != 0 for v in src.layers[0].weights[0]):
        nnz = sum(1 for v in src.layers[0].weights[0] if v != 0)
        assert big.size == 2 * nnz + 2 + 2 * (M - 2)
    else:
        assert big.size == 0
