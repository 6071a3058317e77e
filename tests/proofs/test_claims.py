"""Every claim's verdict and key evidence, at small sizes (exact values asserted)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from proofs import (
    lemma_a_4,
    prop_3_2_lipschitz,
    prop_3_2_radius_eps,
    prop_3_2_robust,
    thm_3_4_shattering,
    thm_4_3_construction_l2,
    thm_4_3_construction_linf,
    thm_4_3_eq1,
    thm_4_3_vc_step,
    thm_5_8_counting,
)
from proofs._certified import ln_bounds
from proofs.claim import VERDICTS


def test_prop_3_2_lipschitz_tight_bound() -> None:
    r = prop_3_2_lipschitz.check(eps="1/4", step="1/4", norms=["inf", "2"])
    assert r.verdict == "holds-on-instances"
    ev = r.to_json()["evidence"]
    # the segment configuration attains 1/eps exactly: the constant is tight
    assert ev["max_quotient"] == {"inf": "4/1", "2": "4/1"}
    assert ev["violation_count"] == 0 and ev["undecided_pairs"] == 0
    assert ev["pairs_checked"] > 500


def test_prop_3_2_robust_below_eps() -> None:
    r = prop_3_2_robust.check(eps="1/4", radii=["0", "1/8", "249/1000"], norms=["inf", "2"])
    assert r.verdict == "holds-on-instances"
    assert r.evidence["cases"] == 2 * 3 * 3
    assert r.evidence["failures"] == []
    errors = {row[3] for row in r.tables[0]["rows"]}
    assert errors == {Fraction(0)}


def test_prop_3_2_printed_statement_fails_at_eps() -> None:
    r = prop_3_2_radius_eps.check(eps="1/4", dims=[1, 2])
    assert r.verdict == "fails"
    ex = r.to_json()["evidence"]["counterexamples"]
    assert len(ex) == 4  # two dimensions x two norms
    first = ex[0]
    assert first["perturbed_point"] == ["1/4"] and first["B"] == [["1/2"]]
    assert first["f_star_midpoint"] == "0/1"
    assert all(e["robust_error_at_eps"] == "1/1" for e in ex)
    assert all(e["robust_error_below_eps"] == "0/1" for e in ex)
    # the explanation quotes the decided values, not a fixed text
    assert "robust error 1 at radius ε, 0 at radius 99ε/100" in r.explanation


def test_thm_4_3_eq1_needs_rounding_correction() -> None:
    r = thm_4_3_eq1.check(Ks=[2, 3, 4], ds=[2, 3], alphas=["0", "1/10"])
    assert r.verdict == "proved-corrected"
    assert r.evidence["corrected_proof"]["holds"] is True
    ev = r.to_json()["evidence"]
    # n = 3 (K = 3, d = 2), alpha = 0, V = 1: lhs = 2 < C_0^3 = 2^(3/2) (rhs^2 = 8)
    assert {"K": 3, "d": 2, "alpha": "0/1", "n": 3, "V": 1, "a": 3, "lhs": "2/1",
            "rhs_squared": "8/1"} in ev["conclusion_failure_examples"]
    assert ev["conclusion_failures_at_ceil_V"] == 0
    assert ev["grid_points_without_any_reading"] == []
    assert ev["lhs_ge_middle_fails"] == 0
    assert ev["symbolic_middle_equals_rhs"]["difference"] == "0"


def test_thm_4_3_vc_step_condition_on_alpha() -> None:
    r = thm_4_3_vc_step.check(Ks=[2, 3, 4, 5], ds=[2, 3, 4], alphas=["1/10", "3/10"],
                              figure_K_max=4, proof_v_max=12)
    assert r.verdict == "proved-corrected"
    assert r.evidence["condition_on_alpha_needed"]["refutes"] is True
    ev = r.to_json()["evidence"]
    assert ev["alpha_threshold"]["alpha_max"].startswith("0.152168061714")
    assert ev["one_tenth_below_threshold"] is True
    assert ev["exact_route_failures_alpha_ok"] == 0
    # the weak form cannot be applied at n = 2 (V = 1: side condition V > D + 1 fails)
    assert {w["n"] for w in ev["weak_form_failure_examples"]} == {2}
    assert ev["failures_beyond_threshold"] >= 1
    assert r.figures and r.figures[0]["name"] == "vc_step"


def test_thm_5_8_counting_brackets_and_threshold() -> None:
    r = thm_5_8_counting.check(alphas=["1/10", "2/5"], n_max=40)
    assert r.verdict == "holds-on-instances"
    ev = r.evidence
    lo, hi = ev["alpha0"]["lo"], ev["alpha0"]["hi"]
    # alpha0 solves a(1 - ln a) = ln 2: 0.3275624139... (independent float check)
    assert Fraction(32756241, 10**8) < lo < hi < Fraction(32756242, 10**8)
    assert hi - lo <= Fraction(1, 2**40)
    row = ev["rows"][0]
    xlo, xhi = row["x_star"]["lo"], row["x_star"]["hi"]
    # x* solves x(1 - ln x) = ln 2 - a(1 - ln a); check the certified ends with independent
    # rational log bounds
    def g_bounds(x: Fraction) -> tuple[Fraction, Fraction]:
        a, b = ln_bounds(x, 80)
        return x * (1 - b), x * (1 - a)

    t_lo = ln_bounds(2, 80)[0] - g_bounds(Fraction(1, 10))[1]
    t_hi = ln_bounds(2, 80)[1] - g_bounds(Fraction(1, 10))[0]
    assert g_bounds(xlo)[1] < t_lo and g_bounds(xhi)[0] > t_hi
    assert row["violations"] == 0 and row["min_ratio"] >= xhi
    assert ev["rows"][1]["x_star"] is None  # alpha = 2/5 > alpha0: h(alpha) >= 2


def test_ln_bounds_enclose_known_values() -> None:
    import math

    for q in [Fraction(1, 1000), Fraction(1, 3), Fraction(7, 5), Fraction(10**6)]:
        lo, hi = ln_bounds(q, 50)
        assert lo <= hi and hi - lo <= Fraction(1, 2**50)
        assert abs(float(lo) - math.log(q)) < 1e-12


def test_thm_4_3_construction_linf_holds() -> None:
    r = thm_4_3_construction_linf.check(cases=[{"eps": "1/4", "d": 2, "c": "1/2"},
                                               {"eps": "1/6", "d": 3, "c": "1/2",
                                                "eps0": "1/100"}])
    assert r.verdict == "holds-on-instances"
    checks = r.evidence["cases"][0]["checks"]
    assert checks["separated"] and checks["linearly_separable"] and checks["stilde_cover"]
    # appendix reading eps0 = c*eps: the lift sits on the sphere; only the closed ball works
    assert checks["stilde_cover_open_ball"] is False
    assert r.evidence["cases"][1]["checks"]["stilde_cover_open_ball"] is True


def test_thm_4_3_construction_l2_domain_correction() -> None:
    r = thm_4_3_construction_l2.check(cases=[{"eps": "1/4", "d": 3, "c": "1/2"}])
    assert r.verdict == "holds-with-correction"
    checks = r.evidence["cases"][0]["checks"]
    assert checks["in_unit_cube"] is False
    assert checks["ball_intersection_keeps_half"] is False
    assert checks["separated"] and checks["stilde_cover"] and checks["packing_size"]


def test_thm_3_4_shattering_smallest_widths() -> None:
    r = thm_3_4_shattering.check(cases=[{"eps": "1/4", "d": 1}, {"eps": "1/2", "d": 2}],
                                 widths=[1, 2], timeout=30)
    assert r.verdict == "holds-on-instances"
    a, b = r.evidence["cases"]
    assert (a["K"], a["points"], a["smallest_shattering_width"]) == (3, 3, 2)
    assert a["measured"][0]["count"] == 6  # 1-1-1 on 3 collinear points: 2*3 = 6 labelings
    assert (b["points"], b["smallest_shattering_width"]) == (4, 2)
    assert b["measured"][0]["count"] == 14  # halfspaces on the square: all but the 2 XORs


def test_lemma_a_4_side_condition() -> None:
    r = lemma_a_4.check(max_m=12, classes=[{"points": "cube:3", "kind": "halfspaces"}])
    assert r.verdict == "holds-on-instances"
    ev = r.evidence
    assert [1, 2] in ev["weak_form_failure_examples"]  # 2 > (e/2)^2
    assert ev["all_failures_have_m_below_k"] is True
    assert ev["weak_form_failures_inside_side_condition"] == 0
    cube = ev["measured_classes"][0]
    # halfspaces on the 3-cube: 104 labelings (OEIS A000609), VC dimension 4
    assert cube["profile"][-1] == 104 and cube["vc_dimension"] == 4


def test_verdicts_are_the_contract() -> None:
    # the JSON values of the verdict vocabulary, in order (a contract of issue 15)
    assert VERDICTS == ("proved", "proved-corrected", "holds-on-instances",
                        "holds-with-correction", "fails", "consistent-not-informative",
                        "not-checked", "out-of-reach", "error")


def test_thm_4_3_size_step_exponents() -> None:
    from proofs import thm_4_3_size_step

    r = thm_4_3_size_step.check(eps="1/100", ds=[6, 8, 10, 12],
                                bounds=["thm7", "thm10", "w2logw"])
    assert r.verdict == "holds-with-correction"
    sizes = r.evidence["sizes"]
    # exact smallest M (certified interval arithmetic in the bounds module)
    assert sizes["thm7"]["M"] == [35, 225, 1495, 10059]
    assert sizes["w2logw"]["M"] == [11, 38, 130, 459]
    assert r.evidence["M6_over_n_increasing"] == {"thm7": True, "thm10": True}
    # numeric fits, labelled so: W^2 log W gives about 1/6, Theorem 7 about 1/4
    assert 0.14 < sizes["w2logw"]["numeric_fitted_exponent_of_n"] < 0.18
    assert 0.22 < sizes["thm7"]["numeric_fitted_exponent_of_n"] < 0.26


def test_table_1_rows_measured_or_not_checked() -> None:
    from proofs import table_1

    r = table_1.check(**table_1.SIZES["quick"])
    assert r.verdict == "consistent-not-informative"
    rows = {row["theorem"]: row for row in r.evidence["rows"]}
    assert {t for t, row in rows.items() if row["status"] == "not checked"} == {
        "2.3", "3.4", "5.8"}
    assert all(rows[t]["reason"] and rows[t]["claims"] for t in ("2.3", "3.4", "5.8"))
    assert rows["4.3"]["status"] == "computed" and rows["4.3"]["value"] == 225
    # d = 1, eps = 1/4, c = 1/2: step h = 1/9 < (1-c)eps = 1/8; the cubes meeting
    # [-1/8, 9/8] have the 14 vertices -2/9 .. 11/9, none with f* = 0: 14 hats of 5 weights
    assert rows["5.5"]["value"] == 14 * 5 and rows["3.3"]["value"] == 14 * 5
    assert "non-zero weights" in r.tables[0]["caption"]


def test_double_counting_on_real_classes() -> None:
    from proofs import thm_4_3_double_counting

    r = thm_4_3_double_counting.check(classes=[
        {"points": "grid:3:2", "kind": "halfspaces"},
        {"points": "grid:3:2", "kind": "relu", "arch": "2-2-1", "class": "int:2"}])
    assert r.verdict == "holds-on-instances"
    half, relu = r.evidence["classes"]
    # 58 halfspace labellings of the 3x3 grid = 2 x OEIS A114043(3)
    assert half["count"] == 58 and half["vc_dimension"] == 3
    first = half["readings"][0]
    # covering radius 3 of 9: alpha = 1/3, a = 6, V = 4: promise 2^4 C(6,4)/C(9,4) = 40/21
    assert (first["alpha"], first["V"], first["promised"], first["measured"]) == (
        Fraction(1, 3), 4, Fraction(40, 21), 14)
    assert relu["count"] == 136
    assert all(rd["holds"] for c in r.evidence["classes"] for rd in c["readings"])


def test_prop_a7_a9_exact_covering_numbers() -> None:
    from proofs import prop_a_7_a_9

    r = prop_a_7_a_9.check(cases=[{"delta": "2/5", "d": 2, "norm": "inf"},
                                  {"delta": "1/3", "d": 3, "norm": "inf"},
                                  {"delta": "1/2", "d": 2, "norm": "2"}])
    assert r.verdict == "holds-with-correction"
    a, b, c = r.evidence["cases"]
    # N(2/5) = ceil(5/2)^2 = 9 >= (5/2)^2 = 25/4; the printed (inverted) bound is (2/5)^2
    assert (a["covering_number"], a["delta_pow_minus_d"]) == (9, Fraction(25, 4))
    assert a["printed_bound_delta_pow_d"] == Fraction(4, 25)
    assert b["covering_number"] == 27 and b["a7_corrected"] and b["a9_packing_ge_covering"]
    assert c["packing_size"] >= 4 and "covering_number" not in c


def test_construction_tables_fit_a_page() -> None:
    r = thm_4_3_construction_linf.check(cases=[{"eps": "1/4", "d": 2, "c": "1/2"},
                                               {"eps": "1/6", "d": 3, "c": "9/10",
                                                "eps0": "1/100"}])
    rows = r.tables[0]["rows"]
    # one summary cell and the names of the checks that do not hold (not all nine values)
    assert [row[4:] for row in rows] == [["8 of 9", "stilde_cover_open_ball"],
                                         ["9 of 9", "none"]]


def test_construction_l2_correction_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [{"eps": "1/4", "d": 3, "c": "1/2"}, {"eps": "1/6", "d": 3, "c": "9/10"}]
    r = thm_4_3_construction_l2.check(cases=cases)
    assert r.verdict == "holds-with-correction"
    fixed = r.evidence["corrected_construction"]
    # the l_inf grid under l2: K = floor(1/(2 eps)), K^(d-1) points, every phi when <= 10
    assert [(g["K"], g["points"], g["phis_checked"]) for g in fixed] == [(2, 4, 16), (3, 9, 512)]
    assert all(g["holds"] and g["separated_l2"] and g["stilde_cover_l2"] for g in fixed)
    assert "ℓ∞ grid construction under ℓ2" in r.explanation
    # a correction that does not check out gives no "holds-with-correction"
    monkeypatch.setattr(thm_4_3_construction_l2, "grid_under_l2",
                        lambda case: {"holds": False})
    assert thm_4_3_construction_l2.check(cases=cases[:1]).verdict == "fails"



def test_table_1_problem_in_a_construction_is_out_of_reach(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from proofs import table_1, thm_3_3_interpolant

    real = thm_3_3_interpolant._case
    monkeypatch.setattr(thm_3_3_interpolant, "_case",
                        lambda case, samples: {**real(case, samples), "certified": False})
    r = table_1.check(**table_1.SIZES["quick"])
    assert r.verdict == "out-of-reach" and r.evidence["problems"] == [
        "3.3: interpolant not certified"]


def test_prop_3_2_undecided_cases_are_not_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    """One undecided pair (or case) could hide a violation: the verdict is out-of-reach."""
    import verify.encodings.fstar_robust as fstar_robust
    import verify.geometry.fstar as fstar
    from verify.geometry import Check

    real_lip, real_rob = fstar.lipschitz_check, fstar_robust.robust_error
    calls = {"lip": 0, "rob": 0}

    def lip(*a: object, **k: object) -> Check:
        calls["lip"] += 1
        return Check("lipschitz", None, {}) if calls["lip"] == 2 else real_lip(*a, **k)

    def rob(*a: object, **k: object) -> Check:
        calls["rob"] += 1
        return Check("robust", None, {}) if calls["rob"] == 1 else real_rob(*a, **k)

    monkeypatch.setattr(fstar, "lipschitz_check", lip)
    monkeypatch.setattr(fstar_robust, "robust_error", rob)
    r = prop_3_2_lipschitz.check(eps="1/4", step="1/2", norms=["inf"])
    assert r.verdict == "out-of-reach" and r.evidence["undecided_pairs"] == 1
    assert "nothing is concluded" in r.explanation
    r = prop_3_2_robust.check(eps="1/4", radii=["1/8"], norms=["inf"])
    assert r.verdict == "out-of-reach" and r.evidence["undecided"] == 1


def test_size_step_stated_form_in_eps() -> None:
    from proofs import thm_4_3_size_step as m

    # K^(1/4) > (2 eps)^(-1/6) iff K^3 (2 eps)^2 > 1; eps = 17/100: K = 2, 8 * (17/50)^2
    f = m.stated_form_in_eps("17/100")
    assert (f["K"], f["K3_times_2eps_squared"]) == (2, Fraction(578, 625))
    assert f["thm7_gives_stated_form"] is False and f["K_equals_one_over_2eps"] is False
    assert m.stated_form_in_eps("3/16")["K3_times_2eps_squared"] == Fraction(9, 8)
    assert m.stated_form_in_eps("1/3")["K"] == 1
    # at such an eps the step only gives the K form: holds with that correction
    r = m.check(eps="17/100", ds=[30, 50, 70], bounds=["thm7"])
    assert r.evidence["sizes"]["thm7"]["M"] == [39, 1105, 32495]
    assert r.verdict == "holds-with-correction"
    assert "K = ⌊1/(2ε)⌋ in place of (2ε)^(−1)" in r.explanation
    # sizes too small to show growth: no verdict, and the text does not claim growth
    r = m.check(eps="17/100", ds=[6, 8], bounds=["thm7"])
    assert r.verdict == "out-of-reach"
    assert "M grows faster" not in r.explanation and "no verdict is drawn" in r.explanation


def test_thm_3_4_smallest_width_needs_narrower_widths_decided(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    from types import SimpleNamespace

    # the module (verify.encodings also exports a function named realize)
    realize = importlib.import_module("verify.encodings.realize")

    real = realize.realized_set

    def width_one_times_out(points: object, arch: str, *a: object, **k: object) -> object:
        if arch.split("-")[1] == "1":
            return SimpleNamespace(count=5, complete=False, reason="time-out")
        return real(points, arch, *a, **k)

    monkeypatch.setattr(realize, "realized_set", width_one_times_out)
    r = thm_3_4_shattering.check(cases=[{"eps": "1/4", "d": 1}], widths=[1, 2], timeout=30)
    (case,) = r.evidence["cases"]
    # width 2 shatters the 3 points, but width 1 was not decided: 2 is not known smallest
    assert case["shattering_width"] == 2 and case["smallest_shattering_width"] is None


def test_thm_4_3_eq1_correction_names_the_exceptions(monkeypatch: pytest.MonkeyPatch) -> None:
    """If V = ceil(n/2) failed somewhere, the stated correction must name those points."""
    import dataclasses

    import verify.bounds.chain as chain_mod

    real = chain_mod.bound_chain

    def chain(K: int, d: int, alpha: object) -> object:
        c = real(K, d, alpha)
        if (K, d) != (3, 2):
            return c
        # pretend the ceil reading fails and the floor reading holds at K = 3, d = 2
        readings = tuple(dataclasses.replace(r, lhs_ge_rhs=2 * r.V < c.n) for r in c.readings)
        return dataclasses.replace(c, readings=readings)

    monkeypatch.setattr(chain_mod, "bound_chain", chain)
    r = thm_4_3_eq1.check(Ks=[2, 3], ds=[2], alphas=["1/10"])
    # a failure of V = ceil(n/2) at alpha <= 1/4 contradicts the general proof: fails
    assert r.verdict == "fails"
    assert r.evidence["corrected_reading_failures_alpha_le_quarter"][0]["n"] == 3
    assert r.evidence["grid_points_needing_floor_V"] == [[3, 2, "1/10"]]
    assert "V = ⌈n/2⌉, except at (K, d, α) = (3, 2, 1/10)" in r.explanation
    assert "only V = ⌊n/2⌋ gives the conclusion" in r.explanation


def test_thm_5_8_verdict_follows_the_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    # least l for alpha = 1/10 at n = 10 (exact integers): a bracket around l/n is
    # ambiguous (out-of-reach), a bracket above it is a violation with its coordinates
    base = thm_5_8_counting.check(alphas=["1/10"], n_max=10)
    ratio = base.evidence["rows"][0]["min_ratio"]
    tiny = Fraction(1, 10**9)
    monkeypatch.setattr(thm_5_8_counting, "x_star", lambda a: (ratio - tiny, ratio + tiny))
    r = thm_5_8_counting.check(alphas=["1/10"], n_max=10)
    assert r.verdict == "out-of-reach" and r.evidence["rows"][0]["ambiguous"] >= 1
    assert "nothing is concluded" in r.explanation
    monkeypatch.setattr(thm_5_8_counting, "x_star", lambda a: (ratio, ratio + tiny))
    r = thm_5_8_counting.check(alphas=["1/10"], n_max=10)
    assert r.verdict == "fails" and r.evidence["rows"][0]["first_violation"] is not None
    assert "the step fails" in r.explanation and "hold." not in r.explanation


def test_double_counting_shortfall_is_reported_with_coordinates(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses
    import importlib

    from proofs import thm_4_3_double_counting

    # the module (verify.enumeration also exports a function named double_counting)
    dc = importlib.import_module("verify.enumeration.double_counting")

    real = dc.double_counting

    def short(labels: object, n: int, V: int) -> object:
        r = real(labels, n, V)
        return dataclasses.replace(r, measured=0) if V == 4 else r

    monkeypatch.setattr(dc, "double_counting", short)
    r = thm_4_3_double_counting.check(classes=[{"points": "grid:3:2", "kind": "halfspaces"}])
    assert r.verdict == "fails"
    (ex,) = r.evidence["failure_examples"]
    assert (ex["class"], ex["V"], ex["promised"], ex["measured"]) == (
        "halfspaces on grid:3:2", 4, Fraction(40, 21), 0)
    assert "is contradicted" in r.explanation and "confirmed" not in r.explanation


def test_lemma_a_4_and_vc_step_texts_follow_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    import verify.bounds.vcstep as vcstep

    real_weak = vcstep.weak_form_ge
    monkeypatch.setattr(vcstep, "weak_form_ge",
                        lambda m, k, s: False if (m, k) == (5, 2) else real_weak(m, k, s))
    r = lemma_a_4.check(max_m=6, classes=[])
    assert r.verdict == "fails" and [5, 2] in r.evidence["weak_form_failure_examples"]
    assert "fails under the stated condition" in r.explanation
    assert "valid under the stated condition" not in r.explanation

    real_step = vcstep.vc_step
    monkeypatch.setattr(vcstep, "vc_step",
                        lambda K, d, a: dataclasses.replace(real_step(K, d, a),
                                                            min_vc_dimension=0))
    r = thm_4_3_vc_step.check(Ks=[3], ds=[3], alphas=["1/10"], figure_K_max=3)
    assert r.verdict == "fails" and r.evidence["exact_route_failures_alpha_ok"] == 1
    assert "falls short of 0.05·K^(d−1) at 1 grid points" in r.explanation


def test_claims_refuse_floats() -> None:
    from proofs import run_claim, table_1
    from verify.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        table_1.check(**{**table_1.SIZES["quick"], "size_point": {"eps": 0.01, "d": 6}})
    # through the registry a refused input reaches the caller: it is not a verdict
    with pytest.raises(InvalidArgument, match=r"alphas\[0\] is a float \(0.1\)"):
        run_claim("thm-5.8-counting", "quick", alphas=[0.1], n_max=5)
    with pytest.raises(InvalidArgument, match="unknown parameter 'alpha'"):
        run_claim("thm-5.8-counting", "quick", alpha=["1/10"])
    with pytest.raises(InvalidArgument, match="alpha"):
        run_claim("thm-5.8-counting", "quick", alphas=["1/2"], n_max=5)


def test_prop_3_2_lipschitz_upper_end_is_not_attainment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A certified interval's upper end equal to 1/ε bounds the quotient; it attains nothing."""
    import verify.geometry.fstar as fstar
    from verify.geometry import Check

    real = fstar.lipschitz_check

    def interval_only(*a: object, **k: object) -> Check:
        c = real(*a, **k)
        if "quotient" not in c.evidence:
            return c
        q = c.evidence["quotient"]
        ev = {k2: v for k2, v in c.evidence.items() if k2 != "quotient"}
        return Check(c.name, c.holds, {**ev, "quotient_interval": [q / 2, q]})

    monkeypatch.setattr(fstar, "lipschitz_check", interval_only)
    r = prop_3_2_lipschitz.check(eps="1/4", step="1/2", norms=["inf"])
    assert r.verdict == "holds-on-instances"
    assert r.evidence["max_quotient"] == {"inf": "4/1"}
    assert r.evidence["max_quotient_exact"] == {"inf": False}
    assert r.tables[0]["rows"][0][1:4] == ["≤ 4", Fraction(4), "no"]
    assert "attained exactly" not in r.explanation


def test_size_step_grid_every_phi_by_pairs_agrees_with_enumeration() -> None:
    from proofs import thm_4_3_size_step as m

    # Theorem 3.4's grid, K' = floor(1/(2 eps)) + 1 points per axis, lifts 1/2 +- c eps:
    # the all-pairs check (every phi at once) and the one-by-one enumeration agree
    for eps, d in (("1/4", 2), ("1/3", 3), ("17/100", 3), ("1/6", 2)):
        g = m._grid_construction(Fraction(eps), d, Fraction(1, 2))
        assert g["holds"] and g["enumeration_agrees"] and g["phis_enumerated"] == 2 ** g["points"]
        # the least distance over all phi is the axis gap 2 eps exactly (l_inf), and under
        # l2 the gap with the lifts' difference 2 c eps = eps: 4 eps^2 + eps^2
        e = Fraction(eps)
        assert g["least_distance_key"] == {"inf": 2 * e, "2": 5 * e * e}
    big = m._grid_construction(Fraction(1, 100), 3, Fraction(1, 2))
    assert big["points"] == 51 ** 2 and big["checked_by"] == "axis gap (every φ)" and big["holds"]
    mid = m._grid_construction(Fraction(1, 20), 3, Fraction(1, 2))
    assert mid["points"] == 121 and mid["phis_enumerated"] == 0 and mid["holds"]


def test_size_step_grid_broken_construction_is_refuted() -> None:
    from proofs import thm_4_3_size_step as m

    e, e0 = Fraction(1, 4), Fraction(1, 8)
    # a grid of step eps (not 2 eps): points of different labels can be eps apart
    base = [(e * i,) for i in range(4)]
    got = m._every_phi(base, e, e0)
    assert got["separated"] == {"inf": False, "2": False}
    assert not m._enumerated(base, e, e0)
    # lifts beyond the cube (c eps > 1/2) are found for every phi at once
    assert not m._every_phi([(Fraction(0),), (2 * e,)], e, Fraction(3, 5))["in_unit_cube"]
