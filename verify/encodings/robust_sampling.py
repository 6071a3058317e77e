"""Cheap counterexamples first: a few fixed rational points of the ball, evaluated
exactly in one batch."""

from __future__ import annotations

import itertools
from fractions import Fraction

from verify.encodings.robust_ball import Norm, Point, in_ball
from verify.nets.network import ReLUNet

__all__ = ["sampled_counterexample"]


def sampled_counterexample(net: ReLUNet, x: Point, y: int, r: Fraction, norm: Norm
                            ) -> Point | None:
    """Cheap witnesses first: the centre, the points x ± r·e_k, the corners of the box
    (ℓ∞, m ≤ 8) and a few fixed pseudo-random rational points of the ball, all
    evaluated exactly in one batch."""
    import random

    from verify.nets.vectorized import evaluate_exact

    m = len(x)
    cands: list[Point] = [x]
    for k in range(m):
        for sgn in (1, -1):
            cands.append(tuple(v + sgn * r if t == k else v for t, v in enumerate(x)))
    if norm == "inf" and m <= 8 and r > 0:
        cands += [tuple(v + s_ * r for v, s_ in zip(x, signs, strict=True))
                  for signs in itertools.product((-1, 1), repeat=m)]
    rng = random.Random(0)
    for _ in range(32):
        p = tuple(v + r * Fraction(rng.randint(-64, 64), 64) for v in x)
        if in_ball(x, r, p, norm):
            cands.append(p)
    for p, v in zip(cands, evaluate_exact(net, cands), strict=True):
        if y * v <= 0:
            return p
    return None
