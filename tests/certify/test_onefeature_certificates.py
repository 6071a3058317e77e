"""Certificates for m-1-h-1 (one first-layer unit): the one-feature reduction, lemma C2."""

from __future__ import annotations

import copy
import json
from math import comb

import numpy as np
import pytest

from verify.certify.checker import check_certificate
from verify.certify.format import load_certificate
from verify.certify.producer import make_count_certificate, make_realize_certificate
from verify.cli import main
from verify.encodings.onefeature import OneFeatureLRA
from verify.encodings.onefeature_proof import OneFeatureRefuter
from verify.encodings.refute import canonical_table
from verify.encodings.result import Decision
from verify.encodings.symmetry import point_symmetries
from verify.geometry.pointsets import grid, parse_spec
from verify.labels import unpack_labels


def _all_nodes(ref, kind):
    """The nodes with key ``kind`` in a refutation's tree, then in its lemmas' trees."""
    out = _nodes(ref["tree"], kind)
    for lemma in ref.get("lemmas", []):
        out += _nodes(lemma["tree"], kind)
    return out


def _nodes(tree, kind):
    """Every node of a tree (dicts) having key ``kind``, depth first."""
    stack, out = [tree], []
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        if kind in node:
            out.append(node)
        for key in ("off", "on", "neg", "pos"):
            if key in node:
                stack.append(node[key])
        stack.extend(node.get("left", []))
    return out


@pytest.fixture(scope="module")
def count_cert(tmp_path_factory):
    path = tmp_path_factory.mktemp("c2") / "count.json"
    assert main(["count", "relu", "--points", "grid:3:2", "--arch", "2-1-2-1", "--no-cache",
                 "--certificate", str(path), "--json", "--quiet"]) == 0
    return load_certificate(str(path))


def test_count_certificate_2_1_2_1_on_grid_3_2_is_verified(count_cert, capsys):
    r = check_certificate(count_cert)
    assert r.verdict == "verified" and not r.trusted
    assert r.count == 248 == count_cert["answer"]["count"]   # the count of `verify count`
    assert any("C2" in line for line in r.checked)
    assert any("parity leaves" in line for line in r.checked)


def test_tampered_count_certificates_are_rejected(count_cert):
    inflated = copy.deepcopy(count_cert)
    inflated["answer"]["count"] += 1
    assert check_certificate(inflated).verdict == "rejected"
    dropped = copy.deepcopy(count_cert)   # a realizable labeling neither listed nor refuted
    dropped["answer"]["realized"].pop()
    dropped["answer"]["count"] -= 1
    assert check_certificate(dropped).verdict == "rejected"
    bare = copy.deepcopy(count_cert)      # the reduction must be stated, with the right K
    bare["answer"]["refutation"]["reduction"]["sign_changes"] = 4
    r = check_certificate(bare)
    assert r.verdict == "rejected" and "lemma C2" in r.rejected[0]
    for kind in ("farkas", "parity"):     # a removed leaf: its proof replaced by 'covered'
        cut = copy.deepcopy(count_cert)
        leaf = _all_nodes(cut["answer"]["refutation"], kind)[0]
        leaf.clear()
        leaf["covered"] = True
        assert check_certificate(cut).verdict == "rejected", kind
    lemmas = count_cert["answer"]["refutation"]["lemmas"]
    assert lemmas                         # subtrees proved once and cited
    wrong = copy.deepcopy(count_cert)     # a lemma assuming less than its proof uses
    wrong["answer"]["refutation"]["lemmas"][0]["assume"].pop()
    assert check_certificate(wrong).verdict == "rejected"


def test_refuted_labeling_carries_a_c2_proof(tmp_path, capsys):
    path = tmp_path / "r.json"
    # grid:4:1 labelled +-+-: three sign changes, 1-1-2-1 allows K = 2
    assert main(["realize", "--arch", "1-1-2-1", "--points", "grid:4:1", "--labels", "+-+-",
                 "--certificate", str(path), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["refutation_checkable"] is True
    assert main(["check-certificate", str(path)]) == 0
    assert "C2" in capsys.readouterr().out
    cert = load_certificate(str(path))
    flipped = copy.deepcopy(cert)         # +--- is realizable: the proof must fail
    flipped["question"]["labels"] = "+---"
    assert check_certificate(flipped).verdict == "rejected"
    leaf = next(n for n in _all_nodes(cert["answer"]["refutation"], "farkas")
                if len(n["farkas"]) >= 2)
    altered = copy.deepcopy(cert)
    alt_leaf = next(n for n in _all_nodes(altered["answer"]["refutation"], "farkas")
                    if n == leaf)
    alt_leaf["farkas"][0][3] = int(alt_leaf["farkas"][0][3]) + 1
    assert check_certificate(altered).verdict == "rejected"
    pruned = copy.deepcopy(cert)          # a split removed: its 'off' side alone is no proof
    node = _all_nodes(pruned["answer"]["refutation"], "phase")[0]
    off = node["off"]
    node.clear()
    node.update(off)
    assert check_certificate(pruned).verdict == "rejected"
    other = copy.deepcopy(cert)           # lemma C2 is for m-1-h-1 only
    other["question"]["architecture"] = "1-2-2-1"
    assert check_certificate(other).verdict != "verified"


@pytest.mark.parametrize("n, h", [(5, 2), (6, 3)])
def test_certified_counts_on_the_line_match_the_closed_form(n, h):
    """On n points of a line, m-1-h-1 realizes the sign sequences with at most K changes:
    2·Σ_{k<=K} C(n−1, k) of them (K = 2 for h = 2, h + 1 for h >= 3)."""
    pts = grid(n, 1)
    k = 2 if h == 2 else h + 1
    enc = OneFeatureLRA(pts, (1, 1, h, 1))
    labs, wit = [], {}
    for b in range(1 << n):
        status, net = enc.check(unpack_labels(b, n))
        if status == "sat":
            labs.append(b)
            wit[b] = net
    cert = make_count_certificate([list(p) for p in pts], f"1-1-{h}-1", "real", labs, wit)
    r = check_certificate(cert)
    assert r.verdict == "verified"
    assert r.count == 2 * sum(comb(n - 1, j) for j in range(min(k, n - 1) + 1))


def test_refuter_agrees_with_the_linear_encoding_on_every_orbit():
    """The proof search refutes exactly the orbits z3 (one-feature LRA) calls unrealizable."""
    pts = parse_spec("grid:3:2").points
    n = len(pts)
    maps = [s.image for s in point_symmetries(pts)]
    canonical = np.flatnonzero(canonical_table(n, maps, True))
    ref = OneFeatureRefuter(pts, 2)
    enc = OneFeatureLRA(pts, (2, 1, 2, 1))
    refuted = 0
    for b in canonical.tolist():
        ys = unpack_labels(b, n)
        out = ref.refute(dict(enumerate(ys)))
        assert (out.status == "refuted") == (enc.check(ys)[0] == "unsat"), b
        refuted += out.status == "refuted"
    assert refuted == 27      # the 27 refuted orbits of 2-1-2-1 on grid:3:2


def test_c2_certificates_follow_the_schema(count_cert, tmp_path, capsys):
    jsonschema = pytest.importorskip("jsonschema", reason="installed with the [test] extra")
    from pathlib import Path

    schema = json.loads((Path(__file__).resolve().parents[2] / "verify" / "certify"
                         / "schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    path = tmp_path / "r.json"
    main(["realize", "--arch", "1-1-2-1", "--points", "grid:4:1", "--labels", "+-+-",
          "--certificate", str(path), "--quiet"])
    for cert in (count_cert, load_certificate(str(path))):
        validator.validate(cert)


def test_int_refutations_of_deep_classes_are_trusted_not_enumerated_as_one_layer():
    """The checker's int:Q enumeration covers m-1 and m-h-1 only; for two hidden layers a
    refutation is listed as trusted (the enumeration of m-1 once stood in for it)."""
    d = Decision.unrealizable(solver="z3", version="x", encoding="LRA", seconds=0.1)
    for arch in ("2-1-1-1", "2-1-2-1"):
        cert = make_realize_certificate([[0, 0], [0, 1], [1, 0], [1, 1]], "-+-+", arch,
                                        "int:1", d)
        r = check_certificate(cert)
        assert r.verdict == "partly-trusted" and "deeper than one hidden layer" in r.trusted[0]
