"""The parts of ``construction_checks`` (Theorem 4.3's construction), each on its contract.

The whole is pinned too: its checks' JSON on four parameter sets, computed before
the function was split into these parts.
"""

from fractions import Fraction as F

import pytest

from verify.errors import InvalidArgument
from verify.geometry.checks import Check
from verify.geometry.constructions import SPhi, s_phi
from verify.geometry.norms import nearest_keys
from verify.geometry.theorem43 import (
    MAX_CONSTRUCTION_POINTS,
    _count_checks,
    _cover,
    _l2_setup,
    _linf_setup,
    _params,
    _phis,
    _Tally,
    construction_checks,
)
from verify.jsonio import dumps

CASES = {
    "linf_appendix": dict(K=2, d=2, eps="1/4", c="1/2"),
    "linf_bad_K": dict(K=3, d=2, eps="1/4", c="1/2"),
    "linf_main_text": dict(K=2, d=3, eps="1/4", c="1/2", eps0="1/5"),
    "l2_random": dict(K=None, d=3, eps="1/4", c="1/2", norm="2", phi="random", count=3),
}

GOLDEN = {
    'linf_appendix': (
        '[{"name": "K_is_floor_1_over_2eps", "holds": true, "K": 2, "floor_1_over_2eps": '
        '2, "spacing": "1/2", "two_eps": "1/2", "spacing_ge_2eps": true}, {"name": "separ'
        'ated", "holds": true, "norm": "inf", "eps": "1/4", "min_distance": "1/2", "requi'
        'red": "1/2", "pair": {"index_a": 0, "index_b": 0, "a": ["1/2", "5/8"], "b": ["1/'
        '1", "3/8"]}, "phis_checked": 4, "phis_with_an_empty_class": 2}, {"name": "linear'
        'ly_separable", "holds": true, "w": [0, 1], "b": "-1/2", "phis_checked": 4, "phis'
        '_with_an_empty_class": 2}, {"name": "in_domain", "holds": true, "domain": "[0,1]'
        '^d", "phis_checked": 4}, {"name": "stilde_cover", "holds": true, "radius": "1/8"'
        ', "ball": "closed", "reading": "appendix (eps0 = c*eps)", "eps0": "1/8", "phis_c'
        'hecked": 4}, {"name": "stilde_cover_open_ball", "holds": false, "radius": "1/8",'
        ' "ball": "open", "reading": "appendix (eps0 = c*eps)", "informational": true, "f'
        'irst_failure": {"phi": "--", "own_lift_key": "1/8", "point": ["1/2", "1/2"]}, "p'
        'his_checked": 4}, {"name": "f_star_realizes_phi", "holds": true, "radius": "1/8"'
        ', "rule": "sign f*(x) = phi on every point of S~ (exact, ℓ2 by certified interva'
        'ls)", "phis_checked": 4, "phis_with_an_empty_class": 2}, {"name": "eps0_le_c_eps'
        '", "holds": true, "eps0": "1/8", "c_eps": "1/8", "reading": "appendix (eps0 = c*'
        'eps)"}, {"name": "point_count", "holds": true, "points": 2, "two_eps_pow_minus_d'
        '_minus_1": "2/1", "rule": "K^(d-1) >= (2eps)^-(d-1) / 2^(d-1), since floor(y) >='
        ' y/2 for y >= 1"}]'
    ),
    'linf_bad_K': (
        '[{"name": "K_is_floor_1_over_2eps", "holds": false, "K": 3, "floor_1_over_2eps":'
        ' 2, "spacing": "1/3", "two_eps": "1/2", "spacing_ge_2eps": false}, {"name": "sep'
        'arated", "holds": false, "norm": "inf", "eps": "1/4", "min_distance": "1/3", "re'
        'quired": "1/2", "pair": {"index_a": 0, "index_b": 0, "a": ["1/3", "5/8"], "b": ['
        '"2/3", "3/8"]}, "first_failure": {"phi": "+--", "pair": {"index_a": 0, "index_b"'
        ': 0, "a": ["1/3", "5/8"], "b": ["2/3", "3/8"]}}, "phis_checked": 8, "phis_with_a'
        'n_empty_class": 2}, {"name": "linearly_separable", "holds": true, "w": [0, 1], "'
        'b": "-1/2", "phis_checked": 8, "phis_with_an_empty_class": 2}, {"name": "in_doma'
        'in", "holds": true, "domain": "[0,1]^d", "phis_checked": 8}, {"name": "stilde_co'
        'ver", "holds": true, "radius": "1/8", "ball": "closed", "reading": "appendix (ep'
        's0 = c*eps)", "eps0": "1/8", "phis_checked": 8}, {"name": "stilde_cover_open_bal'
        'l", "holds": false, "radius": "1/8", "ball": "open", "reading": "appendix (eps0 '
        '= c*eps)", "informational": true, "first_failure": {"phi": "---", "own_lift_key"'
        ': "1/8", "point": ["1/3", "1/2"]}, "phis_checked": 8}, {"name": "f_star_realizes'
        '_phi", "holds": true, "radius": "1/8", "rule": "sign f*(x) = phi on every point '
        'of S~ (exact, ℓ2 by certified intervals)", "phis_checked": 8, "phis_with_an_empt'
        'y_class": 2}, {"name": "eps0_le_c_eps", "holds": true, "eps0": "1/8", "c_eps": "'
        '1/8", "reading": "appendix (eps0 = c*eps)"}, {"name": "point_count", "holds": tr'
        'ue, "points": 3, "two_eps_pow_minus_d_minus_1": "2/1", "rule": "K^(d-1) >= (2eps'
        ')^-(d-1) / 2^(d-1), since floor(y) >= y/2 for y >= 1"}]'
    ),
    'linf_main_text': (
        '[{"name": "K_is_floor_1_over_2eps", "holds": true, "K": 2, "floor_1_over_2eps": '
        '2, "spacing": "1/2", "two_eps": "1/2", "spacing_ge_2eps": true}, {"name": "separ'
        'ated", "holds": true, "norm": "inf", "eps": "1/4", "min_distance": "1/2", "requi'
        'red": "1/2", "pair": {"index_a": 0, "index_b": 0, "a": ["1/2", "1/2", "7/10"], "'
        'b": ["1/2", "1/1", "3/10"]}, "phis_checked": 16, "phis_with_an_empty_class": 2},'
        ' {"name": "linearly_separable", "holds": true, "w": [0, 0, 1], "b": "-1/2", "phi'
        's_checked": 16, "phis_with_an_empty_class": 2}, {"name": "in_domain", "holds": t'
        'rue, "domain": "[0,1]^d", "phis_checked": 16}, {"name": "stilde_cover", "holds":'
        ' false, "radius": "1/8", "ball": "closed", "reading": "main text (eps0 given)", '
        '"eps0": "1/5", "first_failure": {"phi": "----", "own_lift_key": "1/5", "nearest_'
        'other_key": "1/2", "bad_point": ["1/2", "1/2", "1/2"], "bad_count_within_radius"'
        ': 0, "open_bad_point": ["1/2", "1/2", "1/2"]}, "phis_checked": 16}, {"name": "st'
        'ilde_cover_open_ball", "holds": false, "radius": "1/8", "ball": "open", "reading'
        '": "main text (eps0 given)", "informational": true, "first_failure": {"phi": "--'
        '--", "own_lift_key": "1/5", "point": ["1/2", "1/2", "1/2"]}, "phis_checked": 16}'
        ', {"name": "f_star_realizes_phi", "holds": true, "radius": "1/8", "rule": "sign '
        'f*(x) = phi on every point of S~ (exact, ℓ2 by certified intervals)", "phis_chec'
        'ked": 16, "phis_with_an_empty_class": 2}, {"name": "eps0_le_c_eps", "holds": fal'
        'se, "eps0": "1/5", "c_eps": "1/8", "reading": "main text (eps0 given)"}, {"name"'
        ': "point_count", "holds": true, "points": 4, "two_eps_pow_minus_d_minus_1": "4/1'
        '", "rule": "K^(d-1) >= (2eps)^-(d-1) / 2^(d-1), since floor(y) >= y/2 for y >= 1'
        '"}]'
    ),
    'l2_random': (
        '[{"name": "packing_size", "holds": true, "size": 11, "volume_bound": "4/1", "sep'
        'aration": "1/2", "dimension": 2, "lattice_step": "1/4", "lattice_size": 49, "cla'
        'im": "|P| >= (2eps)^-(d-1) for a maximal 2eps-packing of the (d-1)-ball"}, {"nam'
        'e": "separated", "holds": true, "norm": "2", "eps": "1/4", "min_distance_squared'
        '": "5/16", "required_squared": "1/4", "pair": {"index_a": 1, "index_b": 4, "a": '
        '["0/1", "0/1", "5/8"], "b": ["0/1", "-1/2", "3/8"]}, "phis_checked": 3}, {"name"'
        ': "linearly_separable", "holds": true, "w": [0, 0, 1], "b": "-1/2", "phis_checke'
        'd": 3}, {"name": "in_domain", "holds": false, "domain": "closed unit l2 ball", "'
        'first_failure": {"phi": "+-----++-++", "count_outside": 5, "violations": [{"inde'
        'x": 0, "point": ["-3/4", "-1/4", "5/8"], "norm_key": "65/64"}, {"index": 4, "poi'
        'nt": ["0/1", "-1/1", "3/8"], "norm_key": "73/64"}, {"index": 7, "point": ["1/4",'
        ' "3/4", "5/8"], "norm_key": "65/64"}, {"index": 9, "point": ["3/4", "-1/4", "5/8'
        '"], "norm_key": "65/64"}, {"index": 10, "point": ["3/4", "1/4", "5/8"], "norm_ke'
        'y": "65/64"}]}, "phis_checked": 3}, {"name": "in_unit_cube", "holds": false, "do'
        'main": "[0,1]^d", "note": "Theorem 4.3 states [0,1]^d", "first_failure": {"phi":'
        ' "+-----++-++", "count_outside": 8, "violations": [{"index": 0, "point": ["-3/4"'
        ', "-1/4", "5/8"]}, {"index": 1, "point": ["-3/4", "1/2", "3/8"]}, {"index": 2, "'
        'point": ["-1/2", "-3/4", "3/8"]}, {"index": 3, "point": ["-1/4", "1/2", "3/8"]},'
        ' {"index": 4, "point": ["0/1", "-1/1", "3/8"]}]}, "phis_checked": 3}, {"name": "'
        'ball_intersection_keeps_half", "holds": true, "min_kept": 6, "total": 11, "phis_'
        'checked": 3}, {"name": "stilde_cover", "holds": true, "radius": "1/8", "ball": "'
        'closed", "reading": "appendix (eps0 = c*eps)", "eps0": "1/8", "phis_checked": 3}'
        ', {"name": "stilde_cover_open_ball", "holds": false, "radius": "1/8", "ball": "o'
        'pen", "reading": "appendix (eps0 = c*eps)", "informational": true, "first_failur'
        'e": {"phi": "+-----++-++", "own_lift_key": "1/64", "point": ["-3/4", "-1/4", "1/'
        '2"]}, "phis_checked": 3}, {"name": "f_star_realizes_phi", "holds": true, "radius'
        '": "1/8", "rule": "sign f*(x) = phi on every point of S~ (exact, ℓ2 by certified'
        ' intervals)", "phis_checked": 3}, {"name": "eps0_le_c_eps", "holds": true, "eps0'
        '": "1/8", "c_eps": "1/8", "reading": "appendix (eps0 = c*eps)"}, {"name": "point'
        '_count", "holds": true, "points": 11, "two_eps_pow_minus_d_minus_1": "4/1", "rul'
        'e": "K^(d-1) >= (2eps)^-(d-1) / 2^(d-1), since floor(y) >= y/2 for y >= 1"}]'
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_construction_checks_unchanged(name: str) -> None:
    assert dumps(construction_checks(**CASES[name])) == GOLDEN[name]


def test_params_readings() -> None:
    p = _params(3, "1/4", "1/2", None)
    assert (p.d, p.eps, p.c, p.eps0, p.radius) == (3, F(1, 4), F(1, 2), F(1, 8), F(1, 8))
    assert p.reading.startswith("appendix")
    q = _params(2, "1/4", "1/2", "1/100")
    assert q.eps0 == F(1, 100) and q.radius == F(1, 8) and q.reading.startswith("main text")
    with pytest.raises(InvalidArgument, match="c must lie"):
        _params(2, "1/4", 1, None)
    with pytest.raises(InvalidArgument, match="d must"):
        _params(1, "1/4", "1/2", None)


def test_linf_setup_grid_and_lift() -> None:
    p = _params(3, "1/4", "1/2", None)
    s = _linf_setup(None, p, None)
    assert (s.norm, s.n) == ("inf", 4)  # K = floor(1/(2 eps)) = 2, K^(d-1) = 4
    assert s.size_check.name == "K_is_floor_1_over_2eps" and s.size_check.holds is True
    S = s.lift((1, -1, -1, 1))
    assert len(S.points) == 4 and S.labels == (1, -1, -1, 1)
    assert [q[-1] for q in S.points] == [F(5, 8), F(3, 8), F(3, 8), F(5, 8)]  # 1/2 ± eps0
    assert _linf_setup(3, p, None).size_check.holds is False
    with pytest.raises(InvalidArgument, match="step applies to the l_2"):
        _linf_setup(None, p, "1/8")


def test_l2_setup_packing_and_lift() -> None:
    p = _params(3, "1/4", "1/2", None)
    s = _l2_setup(None, p, None, 0)
    assert s.norm == "2" and s.size_check.name == "packing_size"
    assert s.size_check.evidence["size"] == s.n >= 4  # (2 eps)^-(d-1) = 4
    S = s.lift((1,) * s.n)
    assert all(q[-1] == F(1, 2) + F(1, 8) for q in S.points) and len(S.stilde) == s.n
    with pytest.raises(InvalidArgument, match="K applies to the l_inf"):
        _l2_setup(2, p, None, 0)


def test_phis_choice_and_limits() -> None:
    assert len(_phis(None, 4, 0, 8)) == 16  # all labelings of at most 10 points
    assert len(_phis(None, 11, 0, 3)) == 3  # random beyond
    assert _phis("+-+", 3, 0, 8) == [(1, -1, 1)]
    with pytest.raises(InvalidArgument, match="at most"):
        _phis(None, MAX_CONSTRUCTION_POINTS + 1, 0, 1)
    with pytest.raises(InvalidArgument, match="2\\^17 labelings"):
        _phis("all", 17, 0, 1)
    with pytest.raises(InvalidArgument, match="would take hours"):
        _phis("random", 4000, 0, 100)


def test_tally_reports_the_first_failure_and_vacuous_phis() -> None:
    p = _params(2, "1/4", "1/2", None)
    t = _Tally(p, "inf", 2)
    close = SPhi(((F(1, 2), F(1, 2)), (F(3, 4), F(1, 2))), (1, -1), F(1, 8),
                 ((F(1, 2), F(1, 2)), (F(3, 4), F(1, 2))))
    t.add(close, (1, -1))
    same = SPhi(close.points, (1, 1), F(1, 8), close.stilde)
    t.add(same, (1, 1))  # one class empty: vacuous for separation and f*
    checks = {c.name: c for c in t.checks(2)}
    assert list(checks) == ["separated", "linearly_separable", "in_domain", "stilde_cover",
                            "stilde_cover_open_ball", "f_star_realizes_phi"]
    sep = checks["separated"]
    assert sep.holds is False and sep.evidence["first_failure"]["phi"] == "+-"
    assert sep.evidence["min_distance"] == F(1, 4) and sep.evidence["required"] == F(1, 2)
    assert sep.evidence["phis_with_an_empty_class"] == 1
    assert checks["f_star_realizes_phi"].evidence["phis_with_an_empty_class"] == 1
    names = [c.name for c in _Tally(p, "2", 2).checks(0)]
    assert names[3:5] == ["in_unit_cube", "ball_intersection_keeps_half"]


def test_count_checks() -> None:
    p = _params(3, "1/4", "1/2", "1/4")  # eps0 > c eps: the main-text reading fails
    eps0, count = _count_checks(p, 4)
    assert isinstance(eps0, Check) and (eps0.name, eps0.holds) == ("eps0_le_c_eps", False)
    assert (count.name, count.holds) == ("point_count", True)
    assert count.evidence["two_eps_pow_minus_d_minus_1"] == 4
    assert _count_checks(p, 0)[1].holds is False


@pytest.mark.parametrize("norm", ["inf", "2"])
def test_cover_gives_the_keys_to_the_nearest_point_of_each_class(norm: str) -> None:
    # the keys f* is computed from: the same as nearest_keys of S̃ to A_φ and to B_φ
    for phi in ("+-+-", "++-+", "---+"):
        S = s_phi(2, 3, phi, "1/8")
        _, nearest = _cover(S, F(1, 8), norm)
        assert nearest == (nearest_keys(S.stilde, S.A, norm), nearest_keys(S.stilde, S.B, norm))
    assert _cover(s_phi(2, 3, "++++", "1/8"), F(1, 8), norm)[1] is None  # B_φ empty
