"""Halfspace counts: poly against enumerate, bounded enumeration, the count command's contract,
and growth functions from chamber counts."""

from __future__ import annotations

import json

import numpy as np
import pytest

from verify.cli import main
from verify.enumeration.growth import growth_profile, halfspace_growth
from verify.enumeration.labelings import load_labelings, saved_complete
from verify.enumeration.realized import count_halfspaces, halfspace_set
from verify.errors import InvalidArgument
from verify.geometry import dichotomies as dich
from verify.geometry.dichotomies import halfspace_dichotomies, iter_halfspace_dichotomies
from verify.limits import current_max_memory


@pytest.mark.parametrize("spec", ["cube:3", "grid:4:2", "stilde:3:3"])
def test_poly_and_enumerate_agree(spec):
    poly = count_halfspaces(spec, method="poly")
    enum = count_halfspaces(spec, method="enumerate")
    assert poly.method == "poly" and enum.method == "enumerate"
    assert poly.count == enum.count and enum.complete
    assert enum.provenance["characteristic_polynomial"] == poly.polynomial.coefficients


def test_auto_falls_back_to_enumeration_beyond_int64():
    pts = [[10**12, 1], [1, 2], [3, 5], [7, 1]]
    res = count_halfspaces(pts)
    assert res.method == "enumerate" and res.count == len(halfspace_dichotomies(pts))
    with pytest.raises(InvalidArgument, match="int64"):
        count_halfspaces(pts, method="poly")
    with pytest.raises(InvalidArgument, match="method"):
        count_halfspaces(pts, method="fast")


def test_chunks_are_disjoint_and_complete(monkeypatch):
    monkeypatch.setattr(dich, "_BUFFER", 50)  # many small chunks
    chunks = list(iter_halfspace_dichotomies("cube:4"))
    assert len(chunks) > 2
    joined = np.concatenate(chunks)
    assert len(joined) == len(np.unique(joined)) == 1882
    assert np.array_equal(np.sort(joined), halfspace_dichotomies("cube:4"))


def test_enumeration_refuses_with_estimates(monkeypatch):
    with pytest.raises(InvalidArgument, match=r"of cube:3 needs about .*; limit 1 KiB"):
        halfspace_dichotomies("cube:3", max_memory="1K")
    with pytest.raises(InvalidArgument, match="hyperplane candidates"):
        # 7.5e7 candidates: refused without a time limit (whatever the memory budget: its
        # 3.8 GiB would be refused first under a smaller one, e.g. a third of 8 GiB)
        halfspace_dichotomies("cube:6", max_memory="64G")
    monkeypatch.setattr(dich, "_ENUM_WORK", 10)
    with pytest.raises(InvalidArgument, match="count them with --method poly"):
        halfspace_dichotomies("cube:3")


def test_max_memory_holds_for_one_command_only(capsys):
    # a command's --max-memory once stayed the process's budget: a later library call in
    # the same process (another test on the same worker) was refused with that budget
    budget = current_max_memory()
    code, _, err = run_cli(capsys, "count", "halfspaces", "--points", "cube:4",
                           "--max-memory", "1K", "--method", "enumerate")
    assert code == 2 and "limit 1 KiB" in err
    assert current_max_memory() == budget
    assert len(halfspace_dichotomies("cube:3")) == 104


def test_time_out_keeps_a_valid_partial_set(monkeypatch):
    monkeypatch.setattr(dich, "_BUFFER", 20)
    calls = {"n": 0, "limit": None}
    real = dich._Enumerator.check_time

    def counting(self):  # the deadline "passes" after a fixed number of checks
        calls["n"] += 1
        if calls["limit"] is not None and calls["n"] > calls["limit"]:
            raise dich._TimeUp
        return real(self)

    monkeypatch.setattr(dich._Enumerator, "check_time", counting)
    assert halfspace_set("cube:4").complete
    calls["limit"], calls["n"] = calls["n"] * 3 // 4, 0
    part = halfspace_set("cube:4", timeout=3600)
    assert not part.complete and "time-out" in part.provenance["reason"]
    monkeypatch.undo()
    full = set(halfspace_dichotomies("cube:4").tolist())
    assert 0 < part.count < 1882 and set(part.labelings.tolist()) <= full


def run_cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_count_json_contract(capsys):
    code, out, _ = run_cli(capsys, "count", "halfspaces", "--points", "cube:3", "--json")
    d = json.loads(out)
    assert code == 0 and d["count"] == 104 and d["method"] == "poly"
    assert d["characteristic_polynomial"] == [1, -8, 28, -44, 23]
    code, out, _ = run_cli(capsys, "count", "halfspaces", "--points", "cube:3", "--method",
                           "enumerate", "--json")
    d = json.loads(out)
    assert code == 0 and d["count"] == 104 and d["method"] == "enumerate" and d["complete"]
    code, out, _ = run_cli(capsys, "count", "halfspaces", "--points", "grid:3:2",
                           "--homogeneous")
    assert code == 0 and "exactly 14 labelings" in out and "t^2 - 7t + 6" in out


def test_count_out_enumerates_and_saves(capsys, tmp_path):
    path = tmp_path / "h.npz"
    code, out, _ = run_cli(capsys, "count", "halfspaces", "--points", "grid:3:2", "--out",
                           str(path), "--json")
    assert code == 0 and json.loads(out)["method"] == "enumerate"
    labels, n = load_labelings(path)
    assert n == 9 and len(labels) == 58 and saved_complete(path)


@pytest.mark.parametrize("args", [
    ["--points", "cube:3", "--method", "poly", "--out", "x.npz"],
    ["--points", "cube:6", "--method", "enumerate"],
    ["--points", "cube:4", "--max-memory", "1K", "--method", "enumerate"],
    ["--points", "cube:3", "--class", "int:1"],
])
def test_count_errors_are_one_line(capsys, args):
    code, out, err = run_cli(capsys, "count", "halfspaces", *args)
    lines = err.strip().splitlines()
    assert code == 2 and out == "" and len(lines) == 1 and lines[0].startswith("error:")


def test_method_is_for_halfspaces(capsys):
    code, _, err = run_cli(capsys, "count", "relu", "--points", "cube:2", "--arch", "2-1-1",
                           "--method", "poly")
    assert code == 2 and "halfspaces" in err


@pytest.mark.parametrize("spec", ["grid:3:2", "cube:3", "grid:4:2"])
def test_growth_from_counts_matches_the_labelings(spec):
    g = halfspace_growth(spec)
    ref = growth_profile(halfspace_dichotomies(spec), g.n)
    assert g.complete and g.profile == ref.profile and g.vc_dimension == ref.vc_dimension


def test_growth_from_counts_bounds_are_certified():
    g = halfspace_growth("grid:4:2", max_subsets=50)  # forces the greedy, bounded path
    ref = growth_profile(halfspace_dichotomies("grid:4:2"), 16)
    assert not g.complete
    assert all(lo <= v <= hi for lo, v, hi in zip(g.lower, ref.profile, g.upper, strict=True))



def test_the_polynomial_text_of_homogeneous_halfspaces_with_a_point_at_the_origin(capsys):
    # cube:2 holds the origin: every homogeneous halfspace gives it f = 0, wrong for both
    # labels, so no labeling is realized (exactly 0) and the polynomial is not computed;
    # the text named its nodes and time anyway ("None nodes, None s"): now it says why
    code, out, err = run_cli(capsys, "count", "halfspaces", "--points", "cube:2",
                             "--homogeneous", "--no-cache")
    assert code == 0 and err == "" and "None" not in out
    assert out.splitlines()[0] == ("cube:2: exactly 0 labelings of 4 points are realized by "
                                   "homogeneous halfspaces")
    assert out.splitlines()[-1] == ("method: poly (deletion-restriction; 3 hyperplanes, "
                                    "symmetry group of order 1; a zero vector: no hyperplane "
                                    "through it is strict, no chamber)")


def test_no_certificate_for_homogeneous_halfspaces_with_a_point_at_the_origin(capsys, tmp_path):
    # no labeling is realized (f(0) = 0 for every homogeneous halfspace); the certificate's
    # refutation tree took the empty labeling for realizable and ended in a traceback
    # (ArithmeticError): now the certificate is declined with a note, the count still exact
    cert = tmp_path / "c.json"
    code, out, err = run_cli(capsys, "count", "halfspaces", "--points", "cube:2",
                             "--homogeneous", "--certificate", str(cert), "--no-cache", "--json")
    data = json.loads(out)
    assert code == 0 and err == "" and not cert.exists()
    assert (data["count"], data["complete"], data["certificate"]) == (0, True, None)
    assert data["certificate_note"] == (
        "a point is the origin, where every homogeneous halfspace is 0: no labeling is "
        "realized (by the sign convention); count certificates have no refutation for it")
    code, out, _ = run_cli(capsys, "count", "halfspaces", "--points", "cube:2",
                           "--homogeneous", "--certificate", str(cert), "--no-cache")
    assert code == 0 and out.splitlines()[-1].startswith("no certificate written: a point is")
