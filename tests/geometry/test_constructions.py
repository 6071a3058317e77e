"""S_phi, packings and the Theorem 4.3 construction checks."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from verify.errors import InvalidArgument
from verify.geometry import (
    construction_checks,
    distance_key,
    grid,
    iter_phis,
    net,
    packing,
    phi_labels,
    s_phi,
)
from verify.labels import pack_labels
from verify.strategies import labelings

F = Fraction


def _by_name(checks):
    return {c.name: c for c in checks}


@given(st.integers(1, 4), st.integers(2, 3), st.data())
@example(1, 2, None)
def test_s_phi_points_and_split(K, d, data) -> None:
    n = K ** (d - 1)
    phi = (1,) * n if data is None else data.draw(labelings(n))
    S = s_phi(K, d, phi, "1/10")
    assert len(S.points) == n
    assert len(S.A) == phi.count(1) and len(S.B) == phi.count(-1)
    for p, base, v in zip(S.points, grid(K, d - 1), phi, strict=True):
        assert p[:-1] == base and p[-1] == F(1, 2) + F(1, 10) * v
    assert all(p[-1] > F(1, 2) for p in S.A) and all(p[-1] < F(1, 2) for p in S.B)
    assert S_packed_roundtrip(phi)


def S_packed_roundtrip(phi) -> bool:
    return phi_labels(pack_labels(phi), len(phi)) == tuple(phi)


def test_phi_forms() -> None:
    assert phi_labels("0b10", 2) == (-1, 1)
    assert phi_labels("2", 2) == (-1, 1)
    assert phi_labels("-+", 2) == (-1, 1)
    assert len(set(iter_phis("all", 3))) == 8
    assert list(iter_phis("random", 6, seed=5, count=3)) == list(iter_phis("random", 6, 5, 3))
    for bad in ("all", "xyz", 4, "0b2", -1):
        with pytest.raises(InvalidArgument):
            phi_labels(bad, 2)


@pytest.mark.parametrize(("sep", "d", "region", "norm", "step"), [
    ("1/2", 2, "cube", "inf", None), ("1/3", 2, "ball", "2", "1/6"),
    ("1/2", 3, "ball", "2", "1/4"), ("1/2", 2, "ball", "1", None), ("2/5", 1, "ball", "2", None),
])
def test_packing_is_a_maximal_packing_of_the_lattice(sep, d, region, norm, step) -> None:
    P = packing(sep, d, region, norm, step=step)
    s = F(sep)
    need = s * s if norm == "2" else s
    pts = P.points
    assert all(distance_key(p, q, norm) >= need for p, q in itertools.combinations(pts, 2))
    # maximality, checked by brute force over the lattice rebuilt independently
    h = P.step
    if region == "cube":
        coords = [h * i for i in range(int(1 / h) + 1)]
        lattice = list(itertools.product(coords, repeat=d))
    else:
        top = math.floor(1 / h)
        lattice = [tuple(h * v for v in z) for z in itertools.product(range(-top, top + 1),
                                                                        repeat=d)
                   if distance_key([h * v for v in z], [0] * d, norm) <= 1]
    assert len(lattice) == P.lattice_size
    chosen = set(pts)
    for q in lattice:
        assert q in chosen or any(distance_key(q, p, norm) < need for p in pts)
    assert packing(sep, d, region, norm, step=step).points == pts  # deterministic


def test_packing_size_against_the_volume_bound() -> None:
    # A maximal 1/5-packing of the unit disc on the 1/10-lattice beats (1/5)^-2 = 25.
    P = packing("1/5", 2, "ball", "2", step="1/10")
    assert len(P.points) >= P.volume_bound == 25


def test_construction_all_phi_holds_with_the_paper_parameters() -> None:
    checks = _by_name(construction_checks(None, 3, "1/4", "1/2"))
    for name in ("K_is_floor_1_over_2eps", "separated", "linearly_separable", "in_domain",
                 "stilde_cover", "f_star_realizes_phi", "eps0_le_c_eps", "point_count"):
        assert checks[name].holds is True, name
    assert checks["separated"].evidence["phis_checked"] == 16  # all phi of 4 points
    # Appendix reading eps0 = c*eps: the lift is at distance exactly c*eps, so an open
    # ball of radius c*eps would miss it.
    assert checks["stilde_cover_open_ball"].holds is False


def test_construction_with_K_too_large_fails_separation_exactly() -> None:
    checks = _by_name(construction_checks(3, 2, "1/4", "1/2"))
    sep = checks["separated"]
    assert checks["K_is_floor_1_over_2eps"].holds is False
    assert sep.holds is False and sep.evidence["min_distance"] == F(1, 3)
    a, b = sep.evidence["pair"]["a"], sep.evidence["pair"]["b"]
    assert distance_key(a, b, "inf") == F(1, 3) < F(1, 2)


def test_main_text_reading_with_eps0_larger_than_c_eps_fails_the_cover() -> None:
    checks = _by_name(construction_checks(2, 2, "1/4", "1/2", eps0="1/5"))
    assert checks["eps0_le_c_eps"].holds is False
    assert checks["stilde_cover"].holds is False
    assert checks["stilde_cover"].evidence["first_failure"]["bad_point"] == [F(1, 2), F(1, 2)]
    small = _by_name(construction_checks(2, 2, "1/4", "1/2", eps0="1/100"))
    assert small["stilde_cover"].holds and small["stilde_cover_open_ball"].holds


def test_l2_construction_reports_the_domain_mismatch() -> None:
    checks = _by_name(construction_checks(None, 3, "1/4", "1/2", norm="2", phi="random",
                                          count=3))
    assert checks["separated"].holds and checks["linearly_separable"].holds
    assert checks["stilde_cover"].holds and checks["f_star_realizes_phi"].holds
    assert checks["in_unit_cube"].holds is False  # the sets are in the ball, not [0,1]^d
    assert checks["packing_size"].holds is True


@pytest.mark.parametrize("kwargs", [
    {"K": None, "d": 1, "eps": "1/4", "c": "1/2"},
    {"K": None, "d": 2, "eps": "0", "c": "1/2"},
    {"K": None, "d": 2, "eps": "1/4", "c": "1"},
    {"K": None, "d": 2, "eps": "1/4", "c": "1/2", "norm": "1"},
    {"K": 100, "d": 3, "eps": "1/4", "c": "1/2"},
    {"K": 2, "d": 3, "eps": "1/4", "c": "1/2", "norm": "2"},
])
def test_construction_bad_input(kwargs) -> None:
    with pytest.raises(InvalidArgument):
        construction_checks(**kwargs)


def test_net_covering_radius_is_exact() -> None:
    N = net("1/3", 2, "cube", "inf", step="1/6")
    h = N.step
    lattice = list(itertools.product([h * i for i in range(7)], repeat=2))
    brute = max(min(distance_key(q, p, "inf") for p in N.points) for q in lattice)
    assert N.covering_key == brute < F(1, 3)
