"""Golden test of the robustness query by z3 (``z3_check``), pinned before it was split by
concern: z3's assertions as text, the answer and its note; a counterexample is re-checked
exactly (its coordinates come from z3's model, which may depend on what the process asked
z3 before, so they are not pinned)."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

import verify.encodings.z3memory as z3memory
from tests.enumeration.golden import digest, seeded_net
from verify.encodings.robust_ball import is_counterexample
from verify.encodings.robust_z3 import z3_check

CASES = {  # (seed, architecture, norm, radius, box): digest of assertions, answers, notes
    (2, (2, 4, 1), "inf", "1/8", False): "bc8c369f01b9bf8785a3966423954e82",
    (2, (2, 4, 1), "inf", "1", False): "3160309be403e17a96e10e8e53b5eb5b",
    (3, (2, 3, 2, 1), "inf", "1/2", False): "5b89d291e34b09b2b424c0a75c6d35f0",
    (3, (2, 3, 2, 1), "2", "1/2", False): "91e342bfd3e7dfcc12cb0de70983b4cf",
    (8, (2, 3, 1), "2", "1/2", False): "bc4bc3c92fe22bbf923be72a7efd8487",
    (4, (3, 4, 1), "2", "1", True): "ed833c977fc9ccda9a86221e94e252f8",
    (10, (2, 2, 2, 1), "inf", "1", True): "ed4fbad3e80d3362c3a929ed2b6250a0",
    (2, (2, 4, 1), "2", "1", False): "5eecbfe535a28d1155ce79d59ee8fdb9",
    (5, (2, 3, 1), "2", "3/4", False): "35f9dcaf49f5fd3ad3742218a55d50ef",
}


@pytest.mark.parametrize("case", list(CASES), ids=str)
def test_z3_check_golden(case, monkeypatch):
    seed, arch, norm, radius, box = case
    net, r = seeded_net(seed, arch), Fraction(radius)
    asked = []
    real = z3memory.z3_check

    def recording(solver, *a, **kw):
        asked.append(solver.sexpr())
        return real(solver, *a, **kw)

    monkeypatch.setattr(z3memory, "z3_check", recording)
    rng = np.random.default_rng(seed)
    answers = []
    for _ in range(3):
        x = tuple(Fraction(int(v), 4) for v in rng.integers(-4, 5, size=arch[0]))
        y = 1 if net.evaluate(x) >= 0 else -1
        sub = ([v - r for v in x], [v + r / 2 for v in x]) if box else None
        status, point, note = z3_check(net, x, y, r, norm, 20, box=sub)
        if status == "counterexample":
            assert is_counterexample(net, x, y, r, norm, point)
        answers.append([status, note])
    assert digest(json.dumps([asked, answers])) == CASES[case]
