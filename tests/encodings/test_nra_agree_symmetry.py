"""Deeper networks (z3 NRA), maximum agreement (HiGHS + z3), symmetries, solver failures."""

from __future__ import annotations

import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from verify.encodings import (
    max_agreement,
    point_symmetries,
    realize,
    realized_set,
    transform_labels,
    transform_net,
)
from verify.encodings.milp import exact_agreement, milp_agreement
from verify.errors import InvalidArgument, SolverError
from verify.geometry.pointsets import as_points
from verify.labels import pack_labels, parse_labels, unpack_labels
from verify.nets.network import ReLUNet

# ---------------------------------------------------------------- NRA


def test_two_hidden_layers_xor_and_monotone_chain():
    d = realize("cube:2", "-++-", "2-2-2-1", timeout=60)
    assert d.status == "realizable"
    assert d.witness.realizes(as_points("cube:2"), (-1, 1, 1, -1))
    # 2-1-1-1 computes g(w·x + b) with g monotone: exactly the halfspace labelings (14).
    r = realized_set("cube:2", "2-1-1-1", timeout=60)
    assert r.complete and r.count == 14
    assert set(r.labelings) == set(realized_set("cube:2", "2-1-1").labelings)


def test_nra_agrees_with_lra_on_a_line():
    # 1-1-1-1 is monotone along the line; 1-2-1 realizes +-+.
    assert realize([[0], [1], [2]], "+-+", "1-1-1-1", timeout=60).status == "unrealizable"
    assert realize([[0], [1], [2]], "+-+", "1-2-1").status == "realizable"
    assert realize([[0], [1], [2]], "+-+", "1-2-1-1", timeout=60).status == "realizable"


class _Stub:
    encoding = "stub"
    last_labels: tuple[int, ...] = ()

    def __init__(self, outcome):
        self.outcome = outcome

    def set_timeout(self, seconds):
        pass

    def check(self, labels=None):
        if self.outcome == "crash":
            raise SolverError("solver crashed")
        if self.outcome == "bug":
            raise RuntimeError("a bug in the encoder")
        return self.outcome, None

    def block(self, labels):
        pass

    def reason_unknown(self):
        return "timeout"

    def provenance(self):
        return {"solver": "stub"}


@pytest.mark.parametrize("outcome", ["unknown", "crash"])
def test_unknown_or_crash_is_never_false(monkeypatch, outcome):
    realize_module = sys.modules["verify.encodings.realize"]  # the package re-exports the name
    monkeypatch.setattr(realize_module, "_encoder", lambda *a, **k: _Stub(outcome))
    d = realize("cube:2", "++++", "2-2-1-2-1", timeout=1)  # through _encoder (DeepNRA)
    assert d.status == "unknown" and d.reason
    r = realized_set("cube:2", "2-2-1", timeout=1, sweep=False)
    assert not r.complete and r.reason and r.count == 0
    r = realized_set("cube:2", "2-2-1", timeout=1)  # the sweep's witnesses stay valid
    assert not r.complete and r.reason and r.provenance["solver_models"] == 0
    pts = as_points("cube:2")
    assert all(r.witnesses[b].realizes(pts, unpack_labels(b, 4)) for b in r.labelings)


def test_a_bug_is_an_error_not_unknown(monkeypatch):
    realize_module = sys.modules["verify.encodings.realize"]
    monkeypatch.setattr(realize_module, "_encoder", lambda *a, **k: _Stub("bug"))
    with pytest.raises(RuntimeError, match="a bug in the encoder"):
        realize("cube:2", "++++", "2-2-1-2-1", timeout=1)  # through _encoder (DeepNRA)
    with pytest.raises(RuntimeError, match="a bug in the encoder"):
        realized_set("cube:2", "2-2-1", timeout=1, sweep=False)


# ---------------------------------------------------------------- agreement


def _best_from_realized(points, labels, arch):
    y = pack_labels(labels)
    n = len(labels)
    return max(n - bin(b ^ y).count("1") for b in realized_set(points, arch).labelings)


@pytest.mark.parametrize(
    "points, labels, arch",
    [
        ("cube:2", "-++-", "2-1-1"),
        ("cube:2", "-++-", "2-2-1"),
        ([[0], [1], [2], [3], [4]], "+-+-+", "1-1-1"),
        ([[0], [1], [2], [3], [4]], "+-+-+", "1-2-1"),
        ([[0], [1], [2], [3], [4]], "+-+-+", "1-1"),
    ],
)
def test_max_agreement_matches_the_realized_set(points, labels, arch):
    y = parse_labels(labels)
    res = max_agreement(points, labels, arch, milp_timeout=5)
    assert res.optimal
    assert res.agreement == _best_from_realized(points, y, arch)
    assert exact_agreement(res.witness, as_points(points), y) == res.agreement
    milp = res.provenance["milp"]
    assert milp["exact_count_of_rational_witness"] <= res.agreement


def test_milp_witness_is_recounted_exactly():
    pts = as_points("grid:3:1")
    res = milp_agreement(pts, (1, -1, 1), 1, weight_bound=4, timeout=5)
    assert res.witness is not None
    assert res.exact_count == exact_agreement(res.witness, pts, (1, -1, 1)) == 2


def test_agreement_bad_input():
    with pytest.raises(InvalidArgument, match="only m-h-1 and m-1"):
        max_agreement("cube:2", "++++", "2-2-2-1")
    with pytest.raises(InvalidArgument, match="weight bound"):
        max_agreement("cube:2", "++++", "2-2-1", weight_bound=0)


# ---------------------------------------------------------------- symmetry


@pytest.mark.parametrize("spec, size", [("grid:3:2", 8), ("cube:3", 48), ("grid:2:3", 48),
                                        ("stilde:3:3", 8), ("grid:4:1", 2)])
def test_symmetry_group_sizes(spec, size):
    # hyperoctahedral group B_m has 2^m·m! elements; stilde's last coordinate is fixed
    assert len(point_symmetries(as_points(spec))) == size


small = st.integers(-3, 3)


@given(st.lists(small, min_size=9, max_size=9), st.integers(0, 7), st.booleans())
@example([1, 0, 0, 0, 1, 0, 1, 1, -1], 3, True)
def test_transformed_net_labels_the_transformed_points(params, which, negate):
    pts = as_points("grid:3:2")
    net = ReLUNet.from_lists([([params[0:2], params[2:4]], params[4:6]),
                              ([params[6:8]], [params[8]])])
    sym = point_symmetries(pts)[which]
    moved = transform_net(net, sym, negate)
    for i, x in enumerate(pts):
        value = net.evaluate(x)
        assert moved.evaluate(pts[sym.image[i]]) == (-value if negate else value)
    if all(net.evaluate(x) != 0 for x in pts):
        bits = pack_labels([net.classify(x) for x in pts])
        assert moved.realizes(pts, unpack_labels(transform_labels(bits, sym, negate), 9))
