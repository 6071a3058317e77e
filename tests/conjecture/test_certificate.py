"""``verify conjecture --certificate``: the count certificate behind a counterexample."""

from __future__ import annotations

import json

from verify.certify import check_certificate, load_certificate
from verify.cli import main
from verify.conjecture import check_conjecture


def test_a_failing_lower_bound_comes_with_a_checked_certificate(tmp_path, cache):
    # halfspaces realize 14 of the 16 labelings of the unit square (XOR and its negation
    # are not linearly separable): the conjectured lower bound 2^n fails there
    path = tmp_path / "c.json"
    r = check_conjecture("count >= 2**n", points="cube:2..3", arch="halfspaces",
                         cache_dir=cache, certificate=str(path))
    assert r.verdict == "fails" and r.counterexample["points"] == "cube:2"
    cert = r.counterexample["evidence"]["certificate"]
    assert cert["file"] == str(path) and cert["check"] == "verified" and cert["count"] == 14
    again = check_certificate(load_certificate(str(path)))   # an independent re-check
    assert again.verdict == "verified" and again.count == 14
    assert "upper_side" in r.counterexample["evidence"]


def test_networks_from_the_command_line(tmp_path, capsys, cache):
    # one ReLU unit realizes exactly the halfspace dichotomies: 14 on grid:2:2
    path = tmp_path / "c.json.gz"
    code = main(["conjecture", "count >= 2**n", "--points", "grid:2:2", "--arch", "2-1-1",
                 "--cache-dir", cache, "--certificate", str(path), "--quiet"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"certificate: {path} (verified: the checker re-derives the count 14)" in out
    assert main(["check-certificate", str(path), "--json", "--quiet"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "verified" and data["count"] == 14


def test_no_certificate_without_a_counterexample_or_a_count(tmp_path, capsys, cache):
    path = tmp_path / "c.json"
    code = main(["conjecture", "count <= 2**n", "--points", "cube:2", "--arch", "halfspaces",
                 "--cache-dir", cache, "--certificate", str(path), "--json", "--quiet"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["certificate"] is None and "no counterexample" in (
        data["certificate_note"])
    r = check_conjecture("n <= 3", points="cube:2", arch="halfspaces", cache_dir=cache,
                         certificate=str(path))
    assert r.verdict == "fails"
    assert r.counterexample["evidence"]["certificate"] == {
        "file": None, "note": "no certificate written: the failing inequality uses no count of "
                              "a class"}
    assert not path.exists()


def test_deep_classes_without_certificates_say_why(tmp_path, cache):
    path = tmp_path / "c.json"
    r = check_conjecture("count >= 2**n + 1", points="cube:1", arch="1-2-2-1", cache_dir=cache,
                         certificate=str(path))
    assert r.verdict == "fails" and r.counterexample["lhs"] == 4   # 2 points: all 4 labelings
    note = r.counterexample["evidence"]["certificate"]["note"]
    assert "m-h-1-...-1 networks only, not 1-2-2-1" in note and not path.exists()


def test_a_certificate_path_in_no_folder_is_refused_before_any_work(tmp_path, capsys):
    code = main(["conjecture", "count >= 2**n", "--points", "cube:2", "--arch", "halfspaces",
                 "--certificate", str(tmp_path / "no" / "c.json"), "--no-cache"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.startswith("error: --certificate: the folder")
    assert len(err.strip().splitlines()) == 1
