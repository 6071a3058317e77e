"""Bit-packed labeling sets: projection, popcount, Hamming distance, save/load."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from verify.enumeration.labelings import (
    complement,
    hamming,
    labeling_array,
    load_labelings,
    popcount,
    project,
    save_labelings,
)
from verify.errors import InvalidArgument


def naive_project(v: int, subset: list[int]) -> int:
    return sum(((v >> i) & 1) << j for j, i in enumerate(subset))


@given(
    st.integers(1, 130).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.integers(0, 2**n - 1), min_size=1, max_size=20),
            st.lists(st.integers(0, n - 1), max_size=n, unique=True),
        )
    )
)
@example((64, [2**64 - 1, 0], [63, 0]))
@example((65, [2**64, 1], [64]))
def test_project_popcount_hamming_match_python(case):
    n, values, subset = case
    arr = labeling_array(values, n)
    assert arr.tolist() == sorted(set(values))
    assert project(arr, subset).tolist() == [naive_project(v, subset) for v in arr.tolist()]
    assert popcount(arr).tolist() == [v.bit_count() for v in arr.tolist()]
    first = arr[:1]
    assert hamming(arr, first).tolist() == [(v ^ int(first[0])).bit_count() for v in arr.tolist()]
    assert complement(arr, n).tolist() == [(2**n - 1) ^ v for v in arr.tolist()]


@pytest.mark.parametrize("n", [1, 7, 64, 65, 200])
def test_save_load_roundtrip(tmp_path, n):
    values = [0, 2**n - 1, 2 ** (n // 2)]
    arr = labeling_array(values, n)
    path = tmp_path / "set.npz"
    pts = [[i] for i in range(n)]
    save_labelings(path, arr, n, points=pts)
    back, n2 = load_labelings(path, points=pts)
    assert n2 == n and back.tolist() == arr.tolist()


def test_load_rejects_garbage_and_pickles(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip file")
    with pytest.raises(InvalidArgument):
        load_labelings(bad)
    pick = tmp_path / "pickle.npz"
    np.savez(pick, n=np.int64(3), words=np.array([{"a": 1}], dtype=object))
    with pytest.raises(InvalidArgument):
        load_labelings(pick)
    with pytest.raises(InvalidArgument):
        load_labelings(tmp_path / "missing.npz")


def test_values_out_of_range_refused():
    with pytest.raises(InvalidArgument):
        labeling_array([-1], 3)
    with pytest.raises(InvalidArgument):
        labeling_array([8], 3)
