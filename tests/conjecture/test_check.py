"""check_conjecture: the issue's examples, smallest counterexamples, cache, budget, search."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from verify.conjecture import SearchOptions, check_conjecture
from verify.errors import InvalidArgument
from verify.labels import pack_labels, parse_labels
from verify.nets.network import ReLUNet

EX1 = "count <= 2*sum(binomial(K**2 - 1, i), (i, 0, 2*h + 1))"
EX2 = "count <= 2*sum(binomial(K**2 - 1, i), (i, 0, 3*h))"
SAUER_SHELAH = "count <= sum(binomial(n, i), (i, 0, vc))"



def where(entry):
    return (entry["points"], entry["arch"])


def test_example_1_fails_at_grid_3_2_with_2_3_1(cache):
    r = check_conjecture(EX1, points="grid:2..3:2", arch="2-1..3-1", cache_dir=cache)
    assert (r.verdict, r.exit_code, r.instances) == ("fails", 1, 6)
    ce = r.counterexample
    assert where(ce) == ("grid:3:2", "2-3-1") and ce["class"] == "real"
    assert (ce["lhs"], ce["rhs"], ce["slack"]) == (512, 510, -2)
    ev = ce["evidence"]
    assert ev["count"] == 512 and ev["count_complete"]
    # 511 labelings with re-checked witnesses already exceed 510: check them independently
    assert len(ev["labelings"]) == len(ev["witnesses"]) == 511
    from verify.geometry.pointsets import grid

    pts = grid(3, 2)
    seen = set()
    for w in ev["witnesses"][:40]:
        labels = parse_labels(w["labels"], 9)
        assert ReLUNet.from_json(w["network"]).realizes(pts, labels)
        seen.add(pack_labels(labels))
    assert len(seen) == 40
    # the other rows: hand values 2 sum_{i<=2h+1} C(K^2-1, i)
    rhs = {where(row.summary()): row.decision.rhs for row in r.rows}
    assert rhs[("grid:2:2", "2-1-1")] == 16 and rhs[("grid:3:2", "2-2-1")] == 438


def test_smallest_counterexample_whatever_the_sweep_order(cache):
    want = None
    rng = random.Random(3)
    specs = ["grid:3:2", "grid:2:2", "cube:2"]
    archs = ["2-3-1", "2-1-1", "2-2-1", "halfspaces"]
    for _ in range(3):
        rng.shuffle(specs)
        rng.shuffle(archs)
        r = check_conjecture("count <= 2**(n - 1) + 2*n", points=",".join(specs),
                             arch=",".join(archs), cache_dir=cache)
        got = (where(r.counterexample), r.counterexample["lhs"])
        # 4 points: at most 2^3 + 8 = 16 labelings: holds; 9 points: 2^8 + 18 = 274 < 360
        want = want or got
        assert got == want == (("grid:3:2", "2-2-1"), 360)
        assert [row.instance for row in r.rows] == sorted(
            (row.instance for row in r.rows),
            key=lambda i: (i.n, i.parameters, i.widths, i.points.spec))


def test_example_2_holds_with_its_equality_cases(cache):
    r = check_conjecture(EX2, points="grid:2..3:2", arch="2-1..3-1", cache_dir=cache)
    assert (r.verdict, r.exit_code, r.instances, r.counterexample) == ("holds", 0, 6, None)
    assert [where(e) for e in r.equality] == [("grid:2:2", "2-2-1"), ("grid:2:2", "2-3-1"),
                                              ("grid:3:2", "2-3-1")]
    assert [where(t) for t in r.tightest[:3]] == [where(e) for e in r.equality]


def test_example_3_sauer_shelah_for_halfspaces(cache):
    r = check_conjecture(SAUER_SHELAH, points="grid:3..4:2,cube:3..4", arch="halfspaces",
                         cache_dir=cache)
    assert r.verdict == "holds" and r.instances == 4 and not r.equality
    by = {row.instance.points.spec: row for row in r.rows}
    # counts: OEIS A000609 (cube:3 104, cube:4 1882); grid 3x3 and 4x4: 58 and 174
    assert {k: row.quantities["count"] for k, row in by.items()} == {
        "cube:3": 104, "cube:4": 1882, "grid:3:2": 58, "grid:4:2": 174}
    assert {k: row.quantities["vc"] for k, row in by.items()} == {
        "cube:3": 4, "cube:4": 5, "grid:3:2": 3, "grid:4:2": 3}
    assert by["cube:3"].decision.rhs == 1 + 8 + 28 + 56 + 70
    assert r.tightest_by_ratio[0]["points"] == "cube:3"
    assert r.tightest_by_ratio[0]["ratio"] == Fraction(163, 104)


def test_example_4_a_float_compare_would_be_wrong(cache):
    r = check_conjecture("n*log(2) < log(2**n + 1)", points="cube:6", cache_dir=cache)
    assert r.verdict == "holds"
    (row,) = r.rows
    assert not row.decision.exact and row.decision.bits == 128
    r = check_conjecture("count < sqrt(count**2 + exp(-40))", points="cube:3",
                         arch="halfspaces", cache_dir=cache)
    assert r.verdict == "holds"
    r = check_conjecture("count <= count - exp(-40)", points="cube:3", arch="halfspaces",
                         cache_dir=cache)
    assert r.verdict == "fails" and r.counterexample["lhs"] == 104


def test_cover_count_is_attained_in_general_position(cache):
    # Cover (1965): at most 2 sum_{i<=d} C(n-1, i) affine dichotomies, equality in general
    # position: cube:2 (a square) attains it, the collinear triples of grid:3:2 do not
    r = check_conjecture("count <= 2*sum(binomial(n - 1, i), (i, 0, d))",
                         points="cube:2..3,grid:3:2", arch="halfspaces", cache_dir=cache)
    assert r.verdict == "holds"
    assert [e["points"] for e in r.equality] == ["cube:2"]


def test_a_finished_count_is_not_recomputed(cache, monkeypatch):
    check_conjecture(EX2, points="grid:2..3:2", arch="2-2..3-1", cache_dir=cache)

    def no_solver(*args, **kwargs):
        raise AssertionError("the solver was called for a finished count")

    import importlib

    realize = importlib.import_module("verify.encodings.realize")
    monkeypatch.setattr(realize, "realized_set", no_solver)
    r = check_conjecture(EX2, points="grid:2..3:2", arch="2-2..3-1", cache_dir=cache)
    assert r.verdict == "holds"
    assert all(c["from_cache"] for c in r.counts)


def test_an_unfinished_count_is_never_a_pass(tmp_path, monkeypatch):
    # 2-2-1 on grid:4:2 has 4594 labelings.  The solver is stopped after 5 models, as a
    # time-out would stop it (no dependence on how much this machine finds in a time):
    # the sweep's witnesses and those 5 models are found, the count is not finished.
    from verify.encodings.lra import OneHiddenLRA

    check = OneHiddenLRA.check
    calls = {"n": 0}

    def stopped_after_five(self, labels=None):
        calls["n"] += 1
        if calls["n"] > 5:
            raise TimeoutError("stopped by the test after 5 models")
        return check(self, labels)

    monkeypatch.setattr(OneHiddenLRA, "check", stopped_after_five)
    cache = str(tmp_path)
    r = check_conjecture("count >= 4594", points="grid:4:2", arch="2-2-1", budget="600",
                         cache_dir=cache, use_cache=False)
    (row,) = r.rows
    assert calls["n"] == 6  # the solver ran, and was stopped
    assert r.verdict == "unknown" and r.exit_code == 3
    assert row.decision.from_bounds == ("count",)
    assert "did not finish" in " ".join(row.decision.notes)
    assert "stopped by the test" in " ".join(row.decision.notes)
    # a false bound is refuted by the labelings found, each with a re-checked witness
    r = check_conjecture("count <= 10", points="grid:4:2", arch="2-2-1", budget="600",
                         cache_dir=cache, use_cache=False)
    assert r.verdict == "fails" and r.counterexample["evidence"]["count_complete"] is False
    witnesses = r.counterexample["evidence"]["witnesses"]
    assert len(witnesses) == 11
    from verify.geometry.pointsets import grid

    pts = grid(4, 2)
    seen = {pack_labels(parse_labels(w["labels"], 16)) for w in witnesses
            if ReLUNet.from_json(w["network"]).realizes(pts, parse_labels(w["labels"], 16))}
    assert len(seen) == 11  # 11 distinct labelings, each realized by its network


def test_run_timeout_leaves_instances_unknown(tmp_path, monkeypatch):
    import verify.conjecture.check as check
    from verify.limits import Deadline

    class Spent(Deadline):
        def expired(self) -> bool:
            return True

        def left(self) -> float:
            return 0.0

    monkeypatch.setattr(check, "Deadline", Spent)
    r = check_conjecture("count <= 2**n", points="grid:2..3:2", arch="2-2-1", timeout="1",
                         cache_dir=str(tmp_path))
    assert (r.verdict, r.exit_code, len(r.unknown)) == ("unknown", 3, 2)
    assert all("time limit (--timeout) was reached" in u["reason"] for u in r.unknown)


def test_pi_vc_alpha_eps_and_their_evidence(cache):
    r = check_conjecture("Pi <= m + 1", points="cube:2", arch="halfspaces", cache_dir=cache)
    ce = r.counterexample
    assert (ce["m"], ce["lhs"], ce["rhs"]) == (2, 4, 3)
    assert ce["evidence"]["subset_labelings"] == 4 and len(ce["evidence"]["subset"]) == 2
    r = check_conjecture("vc <= d", points="cube:2..3", arch="halfspaces", cache_dir=cache)
    ce = r.counterexample
    assert ce["points"] == "cube:2" and (ce["lhs"], ce["rhs"]) == (3, 2)
    assert len(ce["evidence"]["shattered_set"]) == 3
    # alpha of halfspaces on grid:2:2 is 1/4 (the XOR labelings are one error away)
    r = check_conjecture("alpha <= 1/4", points="grid:2:2", arch="halfspaces", cache_dir=cache)
    assert r.verdict == "holds" and len(r.equality) == 1
    r = check_conjecture("K <= floor(1/(2*eps)); K >= floor(1/(2*eps))", points="grid:2..5:2",
                         cache_dir=cache)
    assert r.verdict == "holds" and len(r.equality) == 8
    r = check_conjecture("alpha*n <= 1", points="grid:2:2", arch="halfspaces",
                         alpha="0,1/4,1/2", cache_dir=cache)
    assert r.verdict == "fails" and r.counterexample["alpha"] == Fraction(1, 2)


def test_int_classes_and_their_quantities(cache):
    r = check_conjecture("count <= 2**(Q + 2) + W", points="cube:2", arch="2-1-1",
                         cls="int:0..2", cache_dir=cache)
    assert r.verdict == "holds" and r.instances == 3
    # brute force over all 5 integer weights: int:0 realizes nothing (f = 0 is wrong for
    # both labels), int:1 only the constants (f = h - 1 vanishes somewhere), int:2 all 14
    assert [row.quantities["count"] for row in r.rows] == [0, 2, 14]


def test_the_search_finds_a_planted_counterexample(tmp_path):
    # count <= 2n holds on a line and fails for any 3 points not on a line
    opts = SearchOptions(dimension=2, sizes=(4, 6), seconds=30, seed=1)
    r = check_conjecture("count <= 2*n", arch="halfspaces", search=opts,
                         cache_dir=str(tmp_path))
    assert r.verdict == "fails" and r.search["found"] and r.search["replayed"] == 0
    ce = r.counterexample
    assert ce["n"] == 3 and (ce["lhs"], ce["rhs"]) == (8, 6)   # shrunk to 3 points
    # the counterexample is kept in the example database and replayed first next time
    again = check_conjecture("count <= 2*n", arch="halfspaces", search=opts,
                             cache_dir=str(tmp_path), certificate=str(tmp_path / "c.json"))
    assert again.search["replayed"] == 1 and again.counterexample["points"] == ce["points"]
    # its count certificate: 3 points in general position, all 8 labelings realized
    cert = again.counterexample["evidence"]["certificate"]
    assert (cert["check"], cert["count"]) == ("verified", 8)
    # a true conjecture: no counterexample, the search reports how far it went
    r = check_conjecture("count <= 2*n", arch="halfspaces", cache_dir=str(tmp_path),
                         search=SearchOptions(dimension=1, sizes=(2, 5), seconds=2,
                                              max_examples=20))
    assert r.verdict == "holds" and not r.search["found"] and r.search["examples"] >= 1


@pytest.mark.parametrize("kwargs, fragment", [
    ({"formula": "count <= n", "points": "grid:2:2"}, "give the classes with --arch"),
    ({"formula": "count <= K", "points": "cube:2", "arch": "halfspaces"},
     "K, which is defined for grid:K:m and stilde:K:d only"),
    ({"formula": "count <= 2**h", "points": "cube:2", "arch": "halfspaces"},
     "the width of a single hidden layer"),
    ({"formula": "count <= Q", "points": "cube:2", "arch": "2-1-1"}, "defined for class int:Q"),
    ({"formula": "count <= n", "points": "cube:2", "arch": "3-1-1"},
     "--arch 3-1-1 takes 3 inputs but no point set"),
    ({"formula": "count <= n", "points": "cube:2", "arch": "halfspaces", "m": "1"},
     "--m: the formula uses neither m nor Pi"),
    ({"formula": "count <= n", "arch": "halfspaces"}, "give the point sets"),
    ({"formula": "eps <= 1", "points": "cube:2", "eps": "1/2", "alpha": "1"},
     "--alpha: the formula does not use alpha"),
])
def test_bad_sweeps_are_refused(kwargs, fragment, cache):
    formula = kwargs.pop("formula")
    with pytest.raises(InvalidArgument) as exc:
        check_conjecture(formula, cache_dir=cache, **kwargs)
    assert fragment in str(exc.value)


def test_large_halfspace_counts_come_from_chambers_and_refusals_are_unknown(cache):
    # cube:6: 15,028,134 threshold functions (OEIS A000609(6)), counted without listing them
    r = check_conjecture("count <= 2**(n - 1)", points="cube:6", arch="halfspaces",
                         cache_dir=cache)
    assert r.verdict == "holds" and r.rows[0].quantities["count"] == 15_028_134
    assert "chamber count" in r.counts[0]["method"]
    # an int:Q class too large for the kernel is refused before any work: unknown, with why
    r = check_conjecture("count <= 2**n", points="cube:6", arch="6-1-1", cls="int:50",
                         cache_dir=cache)
    (u,) = r.unknown
    assert r.verdict == "unknown" and "the count engine refused" in u["reason"]
