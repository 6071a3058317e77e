"""Width-1 layers after the first: the reductions, the LRA encoding, counts against brute force."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import numpy as np
import pytest

from verify.encodings import realize, realized_set
from verify.encodings.chain import ChainLRA, normalise_chain, one_hidden_from_chain
from verify.encodings.nra import DeepNRA
from verify.geometry.pointsets import as_points
from verify.labels import pack_labels, unpack_labels
from verify.nets.network import ReLUNet


def _random_chain(rng: random.Random, m: int, h: int, depth: int) -> ReLUNet:
    def r() -> Fraction:
        if rng.random() < 0.2:
            return Fraction(0)
        return Fraction(rng.randint(-4, 4), rng.randint(1, 3))

    layers = [([[r() for _ in range(m)] for _ in range(h)], [r() for _ in range(h)]),
              ([[r() for _ in range(h)]], [r()])]
    layers += [([[r()]], [r()]) for _ in range(depth - 2)]
    layers.append(([[r()]], [r()]))
    return ReLUNet.from_lists(layers)


def test_normalised_chain_computes_the_same_function_exactly():
    rng = random.Random(7)
    for _ in range(300):
        m, h, depth = rng.randint(1, 3), rng.randint(1, 3), rng.randint(2, 4)
        net = _random_chain(rng, m, h, depth)
        out = normalise_chain(net)
        assert out.widths == net.widths
        assert all(v in (-1, 1) for layer in out.layers[1:] for row in layer.weights for v in row)
        for _ in range(8):
            x = [Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(m)]
            assert out.evaluate(x) == net.evaluate(x)


def test_chain_labels_are_thresholds_of_the_first_two_layers():
    # reduction 3: every chain's labeling is realized by the m-h-1 network it collapses to
    rng = random.Random(3)
    pts = as_points("grid:3:2")
    for _ in range(200):
        net = _random_chain(rng, 2, rng.randint(1, 2), rng.randint(2, 4))
        flat = one_hidden_from_chain(net, pts)
        signs = [net.classify(x) for x in pts]
        if 0 in signs:
            assert flat is None
        else:
            assert flat.widths == (2, net.widths[1], 1) and flat.realizes(pts, signs)


@pytest.mark.parametrize("spec", ["cube:2", "grid:2:2", "grid:3:1"])
@pytest.mark.parametrize("arch_tail", ["1-1", "1-1-1", "2-1-1"])
def test_chain_lra_agrees_with_the_one_hidden_set_on_every_labeling(spec, arch_tail):
    pts = as_points(spec)
    m, n = len(pts[0]), len(pts)
    widths = tuple(int(w) for w in f"{m}-{arch_tail}-1".split("-"))
    flat = {int(b) for b in realized_set(pts, f"{m}-{widths[1]}-1").labelings}
    enc = ChainLRA(pts, widths)
    for bits in range(2**n):
        y = unpack_labels(bits, n)
        status, net = enc.check(y)
        assert status == ("sat" if bits in flat else "unsat")
        if net is not None:
            assert net.realizes(pts, y)


# The second back end: z3 nonlinear arithmetic on the plain encoding (no normal form, no
# reduction) against the linear back end, on every labeling; XOR and its negation are
# unrealizable by 2-1-1-1 on the square, so refutations are compared too.
@pytest.mark.parametrize("spec", ["cube:2", "grid:2:2"])
def test_z3_nra_on_the_plain_encoding_agrees_with_the_linear_back_end(spec):
    pts = as_points(spec)
    n = len(pts)
    linear = ChainLRA(pts, (2, 1, 1, 1))
    refuted = []
    for bits in range(2**n):
        y = unpack_labels(bits, n)
        nra = DeepNRA(pts, (2, 1, 1, 1))
        nra.set_timeout(60)
        answers = []
        for status, net in (linear.check(y), nra.check(y)):
            assert status in ("sat", "unsat")
            if net is not None:
                assert net.widths == (2, 1, 1, 1) and net.realizes(pts, y)
            answers.append(status)
        assert answers[0] == answers[1], bits
        if answers[0] == "unsat":
            refuted.append(bits)
    assert refuted == [0b0110, 0b1001]  # XOR and its negation


def _brute_force(pts, widths, q):
    """Every labeling of an int:q chain network, by enumerating all weights (NumPy, exact)."""
    x = np.array([[int(c) for c in p] for p in pts], dtype=np.int64)  # integer points only
    coef = range(-q, q + 1)
    m, h = widths[0], widths[1]
    found = set()
    firsts = list(itertools.product(coef, repeat=h * (m + 1)))
    tails = list(itertools.product(coef, repeat=h + 1 + 2 * (len(widths) - 3)))
    for fw in firsts:
        w = np.array(fw).reshape(h, m + 1)
        u = np.maximum(x @ w[:, :m].T + w[:, m], 0)  # (n, h)
        for tw in tails:
            z = np.maximum(u @ np.array(tw[:h]) + tw[h], 0)
            rest = tw[h + 1:]
            for k in range(0, len(rest) - 2, 2):
                z = np.maximum(rest[k] * z + rest[k + 1], 0)
            f = rest[-2] * z + rest[-1]
            if np.all(f != 0):
                found.add(pack_labels([1 if v > 0 else -1 for v in f]))
    return found


def test_counts_against_brute_force_on_int_q_and_subclass_inclusions():
    pts = as_points("cube:2")
    real = realized_set(pts, "2-1-1-1")
    assert real.complete and real.count == 14  # the halfspace dichotomies of the square
    brute = _brute_force(pts, (2, 1, 1, 1), 2)
    assert brute <= {int(b) for b in real.labelings}      # int:Q ⊆ real
    assert len(brute) == real.count                       # and int:2 already reaches it
    assert {int(b) for b in realized_set(pts, "2-1-1").labelings} == \
        {int(b) for b in real.labelings}                  # 2-1-1 ⊆ 2-1-1-1 (equal)
    assert all(w.architecture == "2-1-1-1" and w.realizes(pts, unpack_labels(int(b), 4))
               for b, w in real.witnesses.items())


def test_realize_decides_chains_exactly_by_linear_arithmetic():
    d = realize("cube:2", "-++-", "2-2-1-1")
    assert d.status == "realizable" and d.witness.realizes(as_points("cube:2"), (-1, 1, 1, -1))
    d = realize("cube:2", "-++-", "2-1-1-1-1")
    assert d.status == "unrealizable" and "LRA" in d.provenance["encoding"]
