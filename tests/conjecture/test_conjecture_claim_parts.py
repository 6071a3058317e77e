"""Golden test of a user's conjecture as a claim of the report (``conjecture_claim``),
pinned before it was split by concern: the claim (verdict, evidence, explanation, reason,
table) when the conjecture holds (with equality cases; by exact counts and by a solver's),
fails (its smallest counterexample, with long lists shortened) and is undecided."""

from __future__ import annotations

import json

import pytest

from tests.enumeration.golden import digest
from verify.report.conjectures import conjecture_claim, load_conjectures

TOML = """
[[conjecture]]
id = "holds"
statement = "at most 2^n"
formula = "count <= 2**n"
points = "cube:2..3"
arch = "halfspaces"

[[conjecture]]
id = "holds-solver"
statement = "Cover's bound for 2-1-1"
formula = "count <= 2*sum(binomial(n - 1, i), (i, 0, 2))"
points = "grid:2:2"
arch = "2-1-1"

[[conjecture]]
id = "fails"
statement = "few dichotomies"
formula = "count <= 2*n"
points = "cube:2..3"
arch = "halfspaces"

[[conjecture]]
id = "fails-long"
statement = "fewer still"
formula = "count < 3"
points = "grid:3:2"
arch = "halfspaces"

[[conjecture]]
id = "undecided"
statement = "undefined at n = 4"
formula = "count <= 1/(n - 4)"
points = "cube:2"
arch = "halfspaces"
"""

GOLDEN = {
    "holds": "9aaf398758cd747ac51e73302fc55596",
    "holds-solver": "7e4d5792c7b6450c1849b90ebe8b5eb0",
    "fails": "cb6599804baacfcde12f197f6cc96bbc",
    "fails-long": "ac58bf44ddae9058b9e733a9297ae571",
    "undecided": "b7c90d6eb70b9cffd56ddef35a907704",
}


@pytest.fixture(scope="module")
def specs(tmp_path_factory):
    path = tmp_path_factory.mktemp("conj") / "c.toml"
    path.write_text(TOML, encoding="utf-8")
    return {s.id: s for s in load_conjectures(str(path))}


@pytest.mark.parametrize("cid", list(GOLDEN))
def test_conjecture_claim_golden(cid, specs, monkeypatch, tmp_path):
    monkeypatch.setenv("VERIFY_CACHE_DIR", str(tmp_path))
    claim = conjecture_claim(specs[cid])
    text = json.dumps(claim, sort_keys=True).replace(str(tmp_path), "TMP")
    assert digest(text) == GOLDEN[cid]
