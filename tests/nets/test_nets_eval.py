"""Vectorised evaluation agrees with exact Fraction evaluation; overflow guard; JSON input."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from nets_strategies import networks, points, small_ints

from verify.errors import InvalidArgument
from verify.nets import (
    INT64_SAFE,
    ReLUNet,
    activation_bound,
    classify_batch,
    evaluate_exact,
    evaluate_float,
    evaluate_int,
)


@given(st.data())
def test_exact_batch_equals_fraction_evaluation(data) -> None:  # type: ignore[no-untyped-def]
    net = data.draw(networks())
    pts = data.draw(points(net.widths[0], size=8))
    exact = [net.evaluate(p) for p in pts]
    assert evaluate_exact(net, pts) == exact
    assert classify_batch(net, pts).tolist() == [(v > 0) - (v < 0) for v in exact]
    floats = evaluate_float(net, np.array([[float(c) for c in p] for p in pts]))
    assert np.allclose(floats, [float(v) for v in exact], rtol=1e-9, atol=1e-9)


@given(st.data())
def test_int_kernel_equals_fraction_evaluation(data) -> None:  # type: ignore[no-untyped-def]
    net = data.draw(networks(weights=small_ints))
    pts = data.draw(points(net.widths[0], size=8, coords=small_ints))
    got = evaluate_int(net, np.array([[int(c) for c in p] for p in pts], dtype=np.int64))
    assert got.dtype == np.int64
    assert [Fraction(int(v)) for v in got] == [net.evaluate(p) for p in pts]


@given(st.integers(min_value=20, max_value=70))
@example(31)  # 2^62 boundary: 2^31 * 2^31 = 2^62 is not below INT64_SAFE
@example(30)
def test_int_kernel_switches_to_python_ints_instead_of_overflowing(e: int) -> None:
    w = 2**e
    net = ReLUNet.from_lists([([[w]], [0]), ([[w]], [1])])
    got = evaluate_int(net, [[1], [-1]])
    assert [int(v) for v in got] == [w * w + 1, 1]
    safe = activation_bound(net, 1) < INT64_SAFE
    assert (got.dtype == np.int64) == safe


def test_exact_kernel_large_denominators() -> None:
    net = ReLUNet.from_lists([([[Fraction(1, 3**40)]], [Fraction(1, 7**30)]), ([[5**30]], [0])])
    pts = [[Fraction(2**70, 11)], [Fraction(-1, 13**20)]]
    assert evaluate_exact(net, pts) == [net.evaluate(p) for p in pts]


def test_int_kernel_refuses_fractions_and_floats() -> None:
    net = ReLUNet.from_lists([([[1]], [0]), ([[1]], [0])])
    with pytest.raises(InvalidArgument):
        evaluate_int(net, [["1/2"]])
    with pytest.raises(InvalidArgument):
        evaluate_exact(net, np.array([[0.5]]))
    with pytest.raises(InvalidArgument):
        evaluate_exact(net, [[1, 2]])


def test_network_file_reads_decimals_exactly_and_refuses_bad_shapes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.json"
    good.write_text('{"layers": [{"weights": [[0.1]], "bias": ["1/3"]}, '
                    '{"weights": [[2]], "bias": [0]}]}')
    net = ReLUNet.load(str(good))
    assert net.evaluate([10]) == Fraction(8, 3)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"layers": [{"weights": [[1, 2]], "bias": [0]},
                                          {"weights": [[1, 1]], "bias": [0]}]}))
    with pytest.raises(InvalidArgument, match="expected 1"):
        ReLUNet.load(str(bad))
    nan = tmp_path / "nan.json"
    nan.write_text('{"layers": [{"weights": [[NaN]], "bias": [0]}]}')
    with pytest.raises(InvalidArgument, match="NaN"):
        ReLUNet.load(str(nan))


@given(st.integers(min_value=60, max_value=80))
@example(62)  # the first weight that does not fit below INT64_SAFE
def test_huge_weights_on_all_zero_inputs_do_not_overflow(e: int) -> None:
    # inputs (and then hidden values) all 0 give a zero activation bound; the weights
    # themselves must still fit in int64 or the kernel must switch to Python integers
    w = 2**e
    net = ReLUNet.from_lists([([[0]], [0]), ([[w]], [0]), ([[w]], [-1])])
    assert evaluate_exact(net, [[0], [0]]) == [Fraction(-1)] * 2
    assert evaluate_int(net, [[0]]).tolist() == [-1]
    first = ReLUNet.from_lists([([[w]], [1]), ([[w]], [-1])])
    assert evaluate_exact(first, [[0]]) == [first.evaluate([0])] == [Fraction(w - 1)]
