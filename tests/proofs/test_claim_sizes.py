"""Every claim's advertised sizes build their inputs (a claim must never crash at a size
it lists); data requests that cannot be met are refused with InvalidArgument.

The claims themselves are not run here at ``full`` size (minutes each): their parameters
are checked against ``check``'s signature, and the claims that draw seeded data sets
(Theorem 2.2 under ℓ∞ and ℓ2, Theorem 3.3) build those data sets exactly as ``check``
does.
"""

from __future__ import annotations

import random
import re
from fractions import Fraction

import pytest

from proofs import thm_2_2_l2, thm_2_2_linf, thm_3_3_interpolant
from proofs.registry import SIZES, check_overrides, claim_ids, claim_parameters, run_claim
from verify.errors import InvalidArgument


@pytest.mark.parametrize("size", SIZES)
def test_every_claim_takes_its_own_parameters(size: str) -> None:
    for cid in claim_ids():
        check_overrides(cid, claim_parameters(cid, size))


@pytest.mark.parametrize("size", SIZES)
def test_thm_2_2_linf_data_sets_build_at_every_size(size: str) -> None:
    params = thm_2_2_linf.SIZES[size]
    eps = Fraction(params["eps"])
    rng = random.Random(params["seed"])  # one generator for all instances, as in check
    for inst in params["instances"]:
        pts, ys = thm_2_2_linf.data_set(inst["N"], inst["d"], eps, rng)
        assert len(pts) == len(set(pts)) == inst["N"]
        for i in range(len(pts)):  # the classes are 2ε-separated (exact)
            for j in range(i):
                if ys[i] != ys[j]:
                    assert max(abs(a - b) for a, b in zip(pts[i], pts[j], strict=True)) >= 2 * eps


def test_thm_2_2_linf_impossible_requests_are_invalid_arguments() -> None:
    # the request the full size used to make: the seeded labels block the line
    rng = random.Random(1)
    thm_2_2_linf.data_set(8, 1, Fraction(1, 5), rng)
    with pytest.raises(InvalidArgument, match="cannot place 30 points"):
        thm_2_2_linf.data_set(30, 1, Fraction(1, 5), rng)
    with pytest.raises(InvalidArgument, match="lattice"):
        thm_2_2_linf.data_set(42, 1, Fraction(1, 5), random.Random(0))


@pytest.mark.parametrize("size", SIZES)
def test_thm_2_2_l2_data_sets_build_at_every_size(size: str) -> None:
    spec = thm_2_2_l2.SIZES[size]["build"]
    pts, ys, _ = thm_2_2_l2.build_data(spec)
    eps = Fraction(spec["eps"])
    assert len(pts) == len(set(pts)) == spec["N"]
    assert all(sum(c * c for c in p) <= 1 for p in pts)
    for i in range(len(pts)):
        for j in range(i):
            if ys[i] != ys[j]:
                gap = sum((a - b) ** 2 for a, b in zip(pts[i], pts[j], strict=True))
                assert gap >= 4 * eps * eps


def test_thm_2_2_l2_impossible_request_is_refused_not_a_hang() -> None:
    # 16 points of (1/10)Z in [−7/10, 7/10]: the sampler used to loop for ever
    spec = {"N": 16, "d": 1, "eps": "1/4", "delta": "1/10", "seed": 0}
    with pytest.raises(InvalidArgument, match="cannot place 16 points"):
        thm_2_2_l2.build_data(spec)


@pytest.mark.parametrize("size", SIZES)
def test_thm_3_3_data_sets_build_at_every_size(size: str) -> None:
    for case in thm_3_3_interpolant.SIZES[size]["cases"]:
        pts, _ = thm_3_3_interpolant.separated_sets(
            case["N"], case["d"], Fraction(case["eps"]), case["norm"], case["seed"])
        assert len(pts) == case["N"]


# An override of another shape than the claim's own values is refused before the check
# runs: it was a TypeError inside the check, reported as the claim's "error" verdict (a bug
# in the check), or, for an empty list, a vacuous verdict ("holds on instances" with no
# instance checked).
@pytest.mark.parametrize(("claim", "override", "words"), [
    ("thm-4.3-eq1", {"Ks": -1}, "Ks must be a list, got -1"),
    ("thm-4.3-eq1", {"Ks": []}, "Ks must list at least one value"),
    ("thm-4.3-eq1", {"Ks": ["x"]}, "Ks[0] must be an integer"),
    ("thm-4.3-eq1", {"proof_n_max": True}, "proof_n_max must be an integer, got True"),
    ("thm-2.2-linf", {"probes": []}, "probes must list at least one value"),
    ("thm-2.2-linf", {"eps": ["1/4"]}, "eps must be a rational or a name"),
    ("thm-5.8-packing-constant", {"symbolic": "x"}, "symbolic must be True or False"),
    ("thm-4.3-double-counting", {"classes": [{"point": "grid:2:2"}]}, "has the key 'point'"),
    ("table-1-rows", {"memorizer": None}, "memorizer must be a table (dict), got None"),
])
def test_an_override_of_another_shape_is_refused_before_the_check(claim, override, words):
    with pytest.raises(InvalidArgument, match=re.escape(words)):
        check_overrides(claim, override)



def _with(claim: str, key: str, **changes: object) -> dict[str, object]:
    """The claim's quick value of ``key`` with its first entry (a table) changed."""
    value = claim_parameters(claim, "quick")[key]
    first = dict(value[0] if isinstance(value, list) else value, **changes)
    return {key: [first] if isinstance(value, list) else first}


# Values of the right shape that the check cannot take are refused by the check as the
# caller's error (InvalidArgument), never run into a TypeError ("error" verdict), a
# MemoryError, or work without end: a grid of K^(d-1) points at d = 10^45 was computed.
@pytest.mark.parametrize(("claim", "key", "changes", "words"), [
    ("thm-4.3-double-counting", "classes", {"kind": "relus"}, "kind must be 'halfspaces'"),
    ("lemma-a.4-sauer-shelah", "classes", {"kind": "halfspace"}, "kind must be 'halfspaces'"),
    ("thm-4.3-construction-linf", "cases", {"d": 10**45}, "d must be <= 100000"),
    ("thm-2.2-l2", "build", {"probes": 10**43}, "probes must be <= 10000"),
    ("thm-2.2-l2", "build", {"probes": -1}, "probes must be >= 0"),
])
def test_a_value_the_check_cannot_take_is_the_callers_error(claim, key, changes, words):
    with pytest.raises(InvalidArgument, match=re.escape(words)):
        run_claim(claim, "quick", **_with(claim, key, **changes))
