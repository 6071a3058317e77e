"""Two wide hidden layers by boxes: the bounded normal form, agreement, soundness."""

from __future__ import annotations

import random
from fractions import Fraction

from test_wide import _random_net  # the same random rational networks

from verify.encodings.onefeature import OneFeatureLRA
from verify.encodings.wide_boxes import box_decide, normalise_bounded
from verify.geometry.pointsets import as_points
from verify.labels import unpack_labels


def test_bounded_normal_form_computes_the_same_function_exactly():
    rng = random.Random(12)
    for _ in range(300):
        widths = (rng.randint(1, 3), rng.randint(1, 3), rng.randint(2, 3), 1)
        net = _random_net(rng, widths)
        out, design = normalise_bounded(net)
        assert all(abs(v) == 1 for v in out.layers[2].weights[0])
        V = out.layers[1].weights
        assert all(abs(v) <= 1 for row in V for v in row)
        assert all(abs(V[k][j]) == 1 for j, k in enumerate(design))
        for _ in range(8):
            x = [Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(widths[0])]
            assert out.evaluate(x) == net.evaluate(x)


def test_boxes_agree_with_the_exact_linear_back_end_on_every_labeling():
    """1-1-2-1 on grid:4:1: the box search against the exact one-feature encoding."""
    pts = as_points("grid:4:1")
    enc = OneFeatureLRA(pts, (1, 1, 2, 1))
    refuted = 0
    for bits in range(16):
        y = unpack_labels(bits, 4)
        status, net, _ = box_decide(pts, y, (1, 1, 2, 1), 60)
        assert status == {"sat": "realizable", "unsat": "unrealizable"}[enc.check(y)[0]]
        if net is not None:
            assert net.realizes(pts, y)
        refuted += status == "unrealizable"
    assert refuted == 2          # +-+- and -+-+: three sign changes, K(2) = 2


def test_boxes_realize_every_orbit_of_the_square_and_four_collinear_points():
    pts = as_points("cube:2")
    for bits in (0b0000, 0b0001, 0b0011, 0b0110):    # the four orbits (XOR last)
        y = unpack_labels(bits, 4)
        status, net, _ = box_decide(pts, y, (2, 2, 2, 1), 60)
        assert status == "realizable" and net is not None and net.realizes(pts, y)
    # four collinear points in the plane, alternating (three sign changes along the line)
    line = [(Fraction(i), Fraction(2 * i + 1)) for i in range(4)]
    status, net, _ = box_decide(line, (1, -1, 1, -1), (2, 2, 2, 1), 60)
    assert status == "realizable" and net is not None and net.realizes(line, (1, -1, 1, -1))


def test_a_stopped_box_search_is_unknown_never_unrealizable():
    pts = as_points("grid:4:1")
    status, net, stats = box_decide(pts, (1, -1, 1, -1), (1, 1, 2, 1), 0)
    assert status == "unknown" and net is None and "deadline" in stats["reason"]
