"""One first-layer unit (m-1-h-1): the sign-change lemma, the linear back end against z3 NRA."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

from verify.encodings import realize, realized_set
from verify.encodings.onefeature import OneFeatureLRA, max_sign_changes
from verify.encodings.wide import decide_two_layer
from verify.geometry.pointsets import as_points
from verify.labels import pack_labels, unpack_labels


def _changes(bits: int, n: int) -> int:
    y = unpack_labels(bits, n)
    return sum(a != b for a, b in itertools.pairwise(y))


@pytest.mark.parametrize("values", [[0, 1, 2, 3, 4, 5], [0, 1, 5, 6, 20, 21, 22]])
@pytest.mark.parametrize("h", [1, 2, 3, 4])
def test_one_hidden_nets_on_a_line_realize_exactly_the_sequences_with_at_most_k_changes(
        values, h):
    # the lemma of verify.encodings.onefeature, against the exact 1-h-1 engine, on equal
    # and on uneven spacings (K = 1, 2, 4, 5 for h = 1..4)
    pts = [(Fraction(v),) for v in values]
    n = len(pts)
    got = {int(b) for b in realized_set(pts, f"1-{h}-1").labelings}
    assert got == {b for b in range(2**n) if _changes(b, n) <= max_sign_changes(h)}


def _one_feature_brute_force(pts, h, q):
    """Every labeling of an int:q m-1-h-1 network, all weights enumerated (integer points)."""
    x = np.array([[int(c) for c in p] for p in pts], dtype=np.int64)
    coef = np.arange(-q, q + 1)
    tails = np.array(list(itertools.product(coef, repeat=3 * h + 1)), dtype=np.int64)
    v, d, a, c = tails[:, :h], tails[:, h:2 * h], tails[:, 2 * h:3 * h], tails[:, 3 * h]
    weights = 1 << np.arange(len(pts), dtype=np.int64)  # bit i set: label +1 at point i
    found: set[int] = set()
    for first in itertools.product(coef, repeat=x.shape[1] + 1):
        u = np.maximum(x @ np.array(first[:-1]) + first[-1], 0)  # (n,)
        z = np.maximum(u[None, :, None] * v[:, None, :] + d[:, None, :], 0)  # (T, n, h)
        f = c[:, None] + np.einsum("tnh,th->tn", z, a)
        f = f[np.all(f != 0, axis=1)]
        found.update(int(b) for b in np.unique((f > 0).astype(np.int64) @ weights))
    assert pack_labels([1, -1]) == 1  # the packing used above
    return found


def test_count_against_brute_force_on_int_q_and_the_subclass_inclusions():
    pts = as_points([[0], [1], [2], [3]])
    real = realized_set(pts, "1-1-2-1")
    assert real.complete and real.count == 14  # at most 2 sign changes along 4 points
    brute = _one_feature_brute_force(pts, 2, 2)
    assert brute <= {int(b) for b in real.labelings}           # int:2 ⊆ real
    assert len(brute) == real.count                             # and int:2 already reaches it
    assert {int(b) for b in realized_set(pts, "1-1-1").labelings} < \
        {int(b) for b in real.labelings}                        # 1-1-1 ⊆ 1-1-2-1
    assert all(w.widths == (1, 1, 2, 1) and w.realizes(pts, unpack_labels(int(b), 4))
               for b, w in real.witnesses.items())


def test_the_set_on_the_3x3_grid():
    r = realized_set("grid:3:2", "2-1-2-1")
    assert r.complete and r.count == 248 and r.provenance["final"].startswith("unsat")
    assert {int(b) for b in realized_set("grid:3:2", "2-1-1").labelings} <= \
        {int(b) for b in r.labelings}                           # 2-1-1 ⊆ 2-1-2-1


# Every labeling of the square (cube:2; grid:2:2 is an affine copy) is realized by every
# two-input wide class (2-1-2-1 realizes XOR), so refutations are compared on four
# collinear points in the plane, where two labelings are unrealizable.
@pytest.mark.parametrize("spec", ["cube:2", "grid:2:2", [[0, 0], [1, 0], [2, 0], [3, 0]]])
def test_linear_back_end_agrees_with_z3_nra_on_every_labeling(spec):
    pts = as_points(spec)
    n = len(pts)
    refuted = 0
    for bits in range(2**n):
        y = unpack_labels(bits, n)
        linear, net, prov = decide_two_layer(pts, y, (2, 1, 2, 1), None, "linear")
        assert prov["method"] == "linear" and linear != "unknown"
        if net is not None:
            assert net.widths == (2, 1, 2, 1) and net.realizes(pts, y)
        nra, net2, _ = decide_two_layer(pts, y, (2, 1, 2, 1), 60, "z3", relax_first=False)
        assert nra == linear
        if net2 is not None:
            assert net2.realizes(pts, y)
        refuted += linear == "unrealizable"
    assert refuted == (0 if isinstance(spec, str) else 2)


def test_realize_and_the_encoding_answer_alike():
    d = realize("grid:4:1", "+-+-", "1-1-2-1")
    assert d.status == "unrealizable" and "sign at most K = 2" in d.provenance["encoding"]
    d = realize("grid:4:1", "+--+", "1-1-2-1")
    assert d.status == "realizable" and d.witness.architecture == "1-1-2-1"
    enc = OneFeatureLRA(as_points("grid:5:1"), (1, 1, 3, 1))  # K(3) = 4: alternation is fine
    status, net = enc.check((1, -1, 1, -1, 1))
    assert status == "sat" and net.realizes(as_points("grid:5:1"), (1, -1, 1, -1, 1))


def test_the_linear_back_end_stops_building_at_the_time_limit(monkeypatch):
    # decide_two_layer passes its deadline to OneFeatureLRA: with the clock looked at after
    # every step and a limit already over, the build stops (unknown, with the reason),
    # never a verdict; without the deadline the encoding was built whole and solved
    from verify.encodings.lra import BuildClock

    monkeypatch.setattr(BuildClock, "EVERY", 1)
    pts = as_points([[0], [1], [2], [3]])
    status, net, prov = decide_two_layer(pts, (1, -1, 1, -1), (1, 1, 2, 1), 1e-9, "linear")
    assert (status, net) == ("unknown", None)
    assert prov["reason"].startswith("time-out after 1e-09 s (while building the encoding")
    assert decide_two_layer(pts, (1, -1, 1, -1), (1, 1, 2, 1), None, "linear")[0] == \
        "unrealizable"  # three sign changes along the line, K = 2
