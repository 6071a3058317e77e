"""Golden test of the interpolant's network (``interpolant_net``), pinned before it was
split by concern: the network's weights and the vertex values, in one to three
dimensions, under ℓ∞ and ℓ2, with one class, with f* = 0 everywhere; and its refusals."""

from __future__ import annotations

import json

import pytest

from proofs._interpolant import interpolant_net
from tests.enumeration.golden import digest
from verify.errors import InvalidArgument

CASES = {
    "line": (([[0], [1]], [1, -1], "1/2", [[-1], [1]]), {}),
    "square": (([[0, 0], [1, 1], [1, 0]], [1, -1, 1], "1/2", [[0, 0], [1, 1]]), {}),
    "square-l2": (([[0, 0], [1, 1], [1, 0]], [1, -1, 1], "1/2", [[0, 0], [1, 1]]),
                  {"norm": "2"}),
    "cube": (([[0, 0, 0], [1, 1, 1]], [1, -1], 1, [[0, 0, 0], [1, 1, 1]]), {}),
    "one-class": (([[0, 0], [1, 1]], [-1, -1], "1/3", [["1/3", 0], ["2/3", "1/3"]]), {}),
    "indices": (([[0, 0]], [1], 1, None), {"indices": [(0, 0), (1, 0), (0, 2)]}),
    "zero": (([[0], [2]], [1, -1], 1, None), {"indices": [(1,)]}),
}
GOLDEN = {
    "line": "d3476ee1f0e01a4eda75fee9277b68be",
    "square": "5a96decf35718a31d8975542a55e15be",
    "square-l2": "ac52b5a22214120612d25cd4243d1939",
    "cube": "3f5d4c7516e274dedb2c7504f28d4929",
    "one-class": "26e3b5678d5937528d58062c91716088",
    "indices": "ad9f4fb5724f71ad42b02d1766780b8b",
    "zero": "0d6bcbbc061a54e0509fe53e8b5c0dbf",
}


@pytest.mark.parametrize("name", list(CASES))
def test_interpolant_net_golden(name):
    args, kwargs = CASES[name]
    net, info = interpolant_net(*args, **kwargs)
    g = sorted((list(z), str(v)) for z, v in info["g"].items())
    text = json.dumps([net.to_json(), info["vertices"], str(info["h"]), g], sort_keys=True)
    assert digest(text) == GOLDEN[name]


def test_interpolant_net_refusals():
    with pytest.raises(InvalidArgument, match="give a box or indices"):
        interpolant_net([[0]], [1], 1, None)
    with pytest.raises(InvalidArgument, match=r"6 vertices need about 768 weight entries "
                                              r"\(limit 100\)"):
        interpolant_net([[0, 0], [1, 1]], [1, -1], "1/2", [[0, 0], [1, 1]], max_entries=100)
