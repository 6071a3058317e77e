"""Linear separability: certificates, brute force in 1-D, threshold-function counts."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import example, given

from verify.encodings import linearly_separable
from verify.errors import InvalidArgument
from verify.geometry import cube
from verify.strategies import point_sets


def _verify(chk, A, B) -> None:
    """Re-check the returned evidence independently."""
    if chk.holds:
        w, b = chk.evidence["w"], chk.evidence["b"]
        assert all(sum(wi * ai for wi, ai in zip(w, a, strict=True)) + b > 0 for a in A)
        assert all(sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b < 0 for x in B)
    else:
        cert = chk.evidence["certificate"]
        lam, mu, pt = cert["lambda"], cert["mu"], cert["point"]
        assert min(lam + mu) >= 0 and sum(lam) == 1 and sum(mu) == 1
        d = len(A[0])
        assert [sum(li * a[k] for li, a in zip(lam, A, strict=True)) for k in range(d)] == pt
        assert [sum(mj * x[k] for mj, x in zip(mu, B, strict=True)) for k in range(d)] == pt


@given(point_sets(1, max_size=5), point_sets(1, max_size=5))
@example(((Fraction(0),), (Fraction(1),)), ((Fraction(1, 2),),))
@example(((Fraction(0),),), ((Fraction(0),),))
def test_one_dimension_matches_the_interval_rule(A, B) -> None:
    chk = linearly_separable(A, B)
    _verify(chk, A, B)
    brute = max(A)[0] < min(B)[0] or max(B)[0] < min(A)[0]
    assert chk.holds == brute


@given(point_sets(2, max_size=5), point_sets(2, max_size=5))
def test_two_dimensions_evidence_is_valid(A, B) -> None:
    _verify(linearly_separable(A, B), A, B)


@pytest.mark.parametrize(("n", "threshold_functions"), [(2, 14), (3, 104)])
def test_number_of_separable_labelings_of_the_cube(n, threshold_functions) -> None:
    """Linearly separable labelings of {0,1}^n are the threshold functions: OEIS A000609
    (2, 4, 14, 104, 1882, ...); the two constant labelings are counted separately here."""
    pts = cube(n)
    count = 2  # the constant labelings (one class empty) are trivially separable
    for bits in range(1, 2 ** len(pts) - 1):
        A = [p for i, p in enumerate(pts) if bits >> i & 1]
        B = [p for i, p in enumerate(pts) if not bits >> i & 1]
        chk = linearly_separable(A, B)
        _verify(chk, A, B)
        count += bool(chk.holds)
    assert count == threshold_functions


def test_xor_certificate_is_the_centre() -> None:
    chk = linearly_separable([(0, 0), (1, 1)], [(0, 1), (1, 0)])
    assert chk.holds is False
    assert chk.evidence["certificate"]["point"] == [Fraction(1, 2), Fraction(1, 2)]


def test_candidate_is_used_only_when_it_separates() -> None:
    good = linearly_separable([(0, 1)], [(0, 0)], candidate=([0, 1], "-1/2"))
    assert good.evidence["found_by"] == "candidate"
    bad = linearly_separable([(0, 1)], [(0, 0)], candidate=([1, 0], 0))
    assert bad.holds and bad.evidence["found_by"] != "candidate"
    _verify(bad, [(0, 1)], [(0, 0)])


def test_bad_input() -> None:
    with pytest.raises(InvalidArgument):
        linearly_separable([(0, 0)], [(1,)])
    with pytest.raises(InvalidArgument):
        linearly_separable([], [(1,)])


def test_many_points_grid_split() -> None:
    pts = list(itertools.product(range(5), repeat=2))
    A = [p for p in pts if p[0] + p[1] >= 5]
    B = [p for p in pts if p[0] + p[1] <= 3]
    assert linearly_separable(A, B).holds
    C = [p for p in pts if p[0] + p[1] == 4]
    assert linearly_separable(A + B, C).holds is False


def test_exact_verdict_agrees_with_a_float_lp_on_random_cases() -> None:
    import random

    import numpy as np
    from scipy.optimize import linprog

    rng = random.Random(5)
    for _ in range(60):
        d = rng.randint(1, 3)
        A = [tuple(Fraction(rng.randint(0, 8), 8) for _ in range(d)) for _ in range(4)]
        B = [tuple(Fraction(rng.randint(0, 8), 8) for _ in range(d)) for _ in range(4)]
        if set(A) & set(B):
            continue
        rows = [[-float(c) for c in a] + [-1.0] for a in A]
        rows += [[float(c) for c in x] + [1.0] for x in B]
        res = linprog(np.zeros(d + 1), A_ub=np.array(rows), b_ub=-np.ones(len(rows)),
                      bounds=[(None, None)] * (d + 1), method="highs")
        chk = linearly_separable(A, B)
        _verify(chk, A, B)
        assert chk.holds == (res.status == 0)


def test_the_memory_of_the_encodings_is_estimated_and_refused_before_anything_is_built(
        monkeypatch, cli, tmp_path) -> None:
    from verify.encodings import separability
    from verify.errors import BudgetExceeded
    from verify.limits import memory_limit

    def never(*args):
        raise AssertionError("built after all")

    monkeypatch.setattr(separability, "_float_candidate", never)
    A, B = cube(3)[:4], cube(3)[4:]  # 8 points in dimension 3: 32 entries of 4 KiB
    assert separability.separability_bytes(8, 3) == 32 * 4096
    with memory_limit("100KiB"), pytest.raises(BudgetExceeded) as err:
        linearly_separable(A, B)
    assert str(err.value) == ("deciding the linear separability of 4 and 4 points in "
                              "dimension 3 needs about 128 KiB; limit 100 KiB "
                              "(set with --max-memory)")
    monkeypatch.undo()
    with memory_limit("200KiB"):
        assert linearly_separable(A, B).holds  # x_0 = 0 against x_0 = 1
    line = cli.error(["separation", "cube:2", "grid:2:2", "--norm", "inf", "--linear",
                      "--max-memory", "50KiB"])
    assert line == ("error: deciding the linear separability of 4 and 4 points in "
                    "dimension 2 needs about 96 KiB; limit 50 KiB (set with --max-memory)")
