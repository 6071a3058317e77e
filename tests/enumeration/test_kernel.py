"""The int:Q kernel against a pure-Python enumeration and the SAT back end."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest

from verify.enumeration.kernel import int_realized_set, naive_weight_count
from verify.errors import InvalidArgument
from verify.geometry.pointsets import as_points
from verify.labels import unpack_labels


def naive(spec: str, h: int, q: int) -> set[int]:
    """Every weight vector, evaluated exactly with Fractions, one at a time."""
    pts = as_points(spec)
    m = len(pts[0])
    coef = range(-q, q + 1)
    hidden = list(itertools.product(coef, repeat=m + 1))
    out: set[int] = set()
    # values of each hidden unit on the points
    unit_vals = [
        [max(Fraction(0), sum(w[j] * x[j] for j in range(m)) + w[m]) for x in pts] for w in hidden
    ]
    for units in itertools.product(range(len(hidden)), repeat=h):
        for a in itertools.product(coef, repeat=h):
            s = [sum(a[k] * unit_vals[units[k]][i] for k in range(h)) for i in range(len(pts))]
            for c in coef:
                f = [v + c for v in s]
                if all(v != 0 for v in f):
                    out.add(sum(1 << i for i, v in enumerate(f) if v > 0))
    return out


@pytest.mark.parametrize(
    ("spec", "h", "q"),
    [("cube:2", 1, 1), ("cube:2", 2, 1), ("grid:2:2", 1, 2), ("grid:3:1", 2, 1), ("cube:2", 1, 3)],
)
def test_kernel_equals_naive_enumeration(spec, h, q):
    m = len(as_points(spec)[0])
    got = int_realized_set(spec, f"{m}-{h}-1", q)
    assert set(got.labelings.tolist()) == naive(spec, h, q)


def test_witnesses_realize_exactly():
    pts = as_points("grid:3:2")
    r = int_realized_set("grid:3:2", "2-2-1", 2)
    assert r.count == len(r.witnesses) > 10
    for bits, net in r.witnesses.items():
        assert net.realizes(pts, unpack_labels(bits, 9))
        assert all(
            v.denominator == 1 and abs(v) <= 2
            for layer in net.layers
            for v in (*(w for row in layer.weights for w in row), *layer.bias)
        )


def test_no_hidden_layer_is_integer_threshold_functions():
    # with |w|, |b| <= 3 every one of the 14 threshold functions of 2 variables (OEIS A000609)
    assert int_realized_set("cube:2", "2-1", 3).count == 14


def test_kernel_equals_sat_back_end():
    from verify.encodings.realize import realized_set

    cases = [("cube:2", "2-1-1", 2), ("grid:2:2", "2-2-1", 1), ("grid:3:1", "1-2-1", 2)]
    for spec, arch, q in cases:
        sat = realized_set(spec, arch, f"int:{q}")
        assert sat.complete
        assert int_realized_set(spec, arch, q).labelings.tolist() == sorted(sat.labelings)


def test_naive_count_and_errors():
    assert naive_weight_count("2-3-1", 2) == 5 ** (3 * 3 + 4)
    with pytest.raises(InvalidArgument):
        int_realized_set("cube:2", "3-1-1", 1)
    with pytest.raises(InvalidArgument):
        int_realized_set([[10**18, 1]], "2-1-1", 10)
    assert math.comb(4, 2) == 6
