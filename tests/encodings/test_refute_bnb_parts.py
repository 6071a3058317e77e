"""Golden test of the one-hidden-layer refuter's branch and bound (``OneHiddenRefuter.
_bnb``), pinned before it was split by concern: the answers to a sequence of labelings on
one refuter (so the lemmas it remembers carry over): trees, cores, lemmas, node and leaf
counts, witnesses re-checked exactly."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

from tests.enumeration.golden import digest
from verify.encodings.refute import OneHiddenRefuter
from verify.geometry.pointsets import as_points

GOLDEN = {  # (points, hidden): digest of every answer, in order
    ("cube:2", 1): "96589406c8338f292c6a9c7c661625d1",
    ("cube:2", 2): "0e0d3223f5f29a145a008d080d01acc9",
    ("grid:3:2", 1): "68fe6ae34c7e17d89a56b881c652dd2f",
    ("grid:3:2", 2): "0709809c0776e54abe015c1136f84a76",
    ("rand", 2): "e1c7a045ea24f1682db97eb16b8ed40d",
    ("cube:3", 2): "630e84283c803c8349a1a32c93212538",
}


HARD = {"cube:2": ["-++-"], "grid:3:2": ["+-+-+-+-+", "-+-+++-+-"],
        "cube:3": ["+--+-++-", "-++-+--+"]}


def _points(spec):
    if spec == "rand":
        rng = np.random.default_rng(5)
        return [tuple(Fraction(int(v), 3) for v in row) for row in
                rng.integers(-3, 4, size=(6, 2))]
    return as_points(spec)


@pytest.mark.parametrize("case", list(GOLDEN), ids=str)
def test_refuter_golden(case):
    spec, hidden = case
    pts = _points(spec)
    n = len(pts)
    ref = OneHiddenRefuter(pts, hidden)
    rng = np.random.default_rng(n * 10 + hidden)
    hard = HARD.get(spec, [])
    answers = []
    for k in range(6 + len(hard)):
        if k < len(hard):  # whole labelings, refuted by trees with lemmas
            labels = {i: 1 if c == "+" else -1 for i, c in enumerate(hard[k])}
        else:
            labels = {int(i): int(rng.choice([-1, 1])) for i in rng.choice(n, min(n, 6),
                                                                            replace=False)}
        out = ref.refute(labels)
        stats = {k: v for k, v in out.stats.items() if k not in ("fallback_lp",
                                                                  "exact_simplex")}
        if out.status == "witness":
            assert all(labels[i] * out.witness.evaluate(pts[i]) > 0 for i in labels)
            answers.append(["witness", stats])
        else:
            answers.append(["refuted", out.tree, sorted(map(str, out.core)), stats])
    answers.append(ref.lemmas)
    assert digest(json.dumps(answers, default=str, sort_keys=True)) == GOLDEN[case]
