"""Certificates for m-h-1-...-1: the m-h-1 refutation and the stated reduction (lemma C1)."""

from __future__ import annotations

import copy
import json

from verify.certify.checker import check_certificate
from verify.certify.format import load_certificate
from verify.cli import main


def test_count_certificate_of_a_chain_is_verified_with_lemma_c1(tmp_path, capsys):
    path = tmp_path / "count.json"
    assert main(["count", "relu", "--points", "grid:3:2", "--arch", "2-1-1-1", "--no-cache",
                 "--certificate", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["certificate"] == str(path)
    assert main(["check-certificate", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "verified" and out["count"] == 58 and not out["trusted"]
    assert any("C1" in line for line in out["checked"])
    cert = load_certificate(str(path))
    assert cert["answer"]["refutation"]["reduction"]["architecture"] == "2-1-1"
    dropped = copy.deepcopy(cert)  # a realizable labeling left out is neither listed nor refuted
    dropped["answer"]["realized"].pop()
    dropped["answer"]["count"] -= 1
    assert check_certificate(dropped).verdict == "rejected"
    bare = copy.deepcopy(cert)  # the reduction must be stated
    del bare["answer"]["refutation"]["reduction"]
    r = check_certificate(bare)
    assert r.verdict == "rejected" and "lemma C1" in r.rejected[0]


def test_a_refuted_chain_labeling_carries_a_checkable_proof(tmp_path, capsys):
    path = tmp_path / "xor.json"
    assert main(["realize", "--arch", "2-1-1-1", "--points", "cube:2", "--labels=-++-",
                 "--certificate", str(path), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["refutation_checkable"] is True
    assert main(["check-certificate", str(path)]) == 0
    assert "C1" in capsys.readouterr().out
    cert = load_certificate(str(path))
    wrong = copy.deepcopy(cert)  # a reduction to another architecture is not the lemma
    wrong["answer"]["refutation"]["reduction"]["architecture"] = "2-2-1"
    assert check_certificate(wrong).verdict == "rejected"
    flipped = copy.deepcopy(cert)  # the proof is for the question's labels only
    flipped["question"]["labels"] = "-+++"
    assert check_certificate(flipped).verdict == "rejected"
