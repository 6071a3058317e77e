"""The long claim checks, pinned before they were split by concern (and Theorem 4.3's
constructions, before f* took the cover's distance keys).

Each digest is the first 32 hex digits of the SHA-256 of the claim's whole result
(``to_json()``: verdict, evidence, explanation, tables, figures and certificates, the run's
timings left out), at its ``quick`` and ``default`` sizes, computed before its ``check`` was
split into parts; the split must leave every one unchanged.  The results do not depend on
what the process ran before (measured: the same digests in the reverse order, after other
claims' solver queries).

The runs that take well under a second each are part of the suite; the others (about 35 s in
all) run with ``VERIFY_GOLDEN_ALL=1``::

    VERIFY_GOLDEN_ALL=1 python -m pytest -n 0 tests/proofs/test_claims_golden.py
"""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from proofs.registry import run_claim

GOLDEN = {
    ("thm-4.3-eq1", "quick"): "66576983750393067fa6975ff2969e75",
    ("thm-4.3-eq1", "default"): "af9b30cde4f9ade0576655915cfaa90d",
    ("thm-4.3-size-step", "quick"): "884d7db081bbed795ab410f5e7957c9a",
    ("thm-4.3-size-step", "default"): "2f44e5c0b6577ca16d6d906f3761f0f3",
    ("thm-2.2-linf", "quick"): "974a919693f3fe6e27fcce888ecc1b28",
    ("thm-2.2-linf", "default"): "c56291ae3706b3851dc387f93ac2a50a",
    ("table-1-rows", "quick"): "83e612f3e0e9992f9d737650d3ce38ec",
    ("table-1-rows", "default"): "3524b681445538ab253743916d386f4d",
    ("thm-4.3-vc-step", "quick"): "d94630a5d8be4894db467f3392b93ddc",
    ("thm-4.3-vc-step", "default"): "cc9e8eb462be10d709710fa55648ccbc",
    ("thm-5.8-counting", "quick"): "0005c248d83b78ac1fe4f81ac08ac690",
    ("thm-5.8-counting", "default"): "8c8320b18e4a9afcbd52261f0e23b9e9",
    ("thm-3.4-shattering", "quick"): "167ee2c960206b546c56603b4a1a7fae",
    ("thm-3.4-shattering", "default"): "678bc5c7e96ab3898c6aa941957d427e",
    ("thm-3.4-size", "quick"): "35b2b6b7d4ef1d10926bb116022b527e",
    ("thm-3.4-size", "default"): "b79d516bc8106b945c1ad26159b2d0aa",
    ("lemma-a.4-sauer-shelah", "quick"): "36ccac708cac5913863728b5449d09eb",
    ("lemma-a.4-sauer-shelah", "default"): "6de1aaa1a8cb848660b01ac5a9f30fe4",
    ("prop-3.2-lipschitz", "quick"): "e4ed5af93b090cffe4694fdd7b69d4f6",
    ("prop-3.2-lipschitz", "default"): "ed5a73b4c524f0955c248ac15dadc571",
    ("thm-4.3-double-counting", "quick"): "1112c6cc20f5ca22a13ab895224ade8a",
    ("thm-4.3-double-counting", "default"): "a3c15e296692ff8ce63954d20ad60298",
    ("thm-4.3-construction-linf", "quick"): "ea196286de4d603fcce34b99345bcfec",
    ("thm-4.3-construction-linf", "default"): "4e86cf2e82200dddc88e4735ab794959",
    ("thm-4.3-construction-l2", "quick"): "a7d310d4863a75ec4f7b291f15d36adf",
    ("thm-4.3-construction-l2", "default"): "baf8fa6883a3f7fc826b2f0960371600",
    ("thm-4.3-envelope", "quick"): "594fc947181a1279a85971c365b5c76c",
    ("thm-4.3-envelope", "default"): "ecd431b8ed45aca97546d901aa644af0",
    ("thm-2.2-l2", "quick"): "f4559a7e29e2f2ef51446e085dcacb04",
    ("thm-2.2-l2", "default"): "353a0c208c989c266e3717ea8798581c",
    ("thm-2.3-as-printed", "quick"): "5b5be8e6b0bd847115ff751faee5ff71",
    ("thm-2.3-as-printed", "default"): "9d6b01ba0b8f784b455ff532b974c1ef",
    ("thm-3.3-interpolant", "quick"): "f5fa8e194ce4d0f32e0cae394df2d5d3",
    ("thm-3.3-interpolant", "default"): "da1dd97256ac413101d263aa3710c95d",
    ("prop-3.2-radius-eps", "quick"): "49c6154b2505c0510441f559e04b1a23",
    ("prop-3.2-radius-eps", "default"): "8a5c2f998ec195f38e13548c4ff2b488",
    ("thm-5.8-range", "quick"): "e50d2e373faf70acbaebed18c6451c20",
    ("thm-5.8-range", "default"): "dffa4ea11acb12670e4530355d42e3e2",
    ("prop-a.7-a.9-covering-packing", "quick"): "dafbe6d1a546f6f5fe2e3b5557fabac9",
    ("prop-a.7-a.9-covering-packing", "default"): "2c48e7efefae7280446bdec11a667a8e",
    ("prop-a.7-a.9-covering-packing", "full"): "1f309398bfd640215a8a93f6c4625341",
    ("thm-4.3-construction-l2", "full"): "441b9e34f27795ebecb3bb3f618e657e",
    ("thm-5.5-size", "quick"): "31dce5144aff31129d8a94be0f5907c5",
    ("thm-5.5-size", "default"): "252c57454bc72a02cbba02cc021a70c1",
}

# the runs of the suite: each well under a second (measured 0.03–0.6 s, the first with
# its imports)
IN_SUITE = {
    ("thm-4.3-eq1", "quick"), ("thm-4.3-size-step", "quick"), ("thm-2.2-linf", "quick"),
    ("table-1-rows", "quick"), ("thm-4.3-vc-step", "quick"), ("thm-4.3-vc-step", "default"),
    ("thm-5.8-counting", "quick"), ("thm-3.4-shattering", "quick"), ("thm-3.4-size", "quick"),
    ("prop-3.2-lipschitz", "quick"), ("thm-2.2-l2", "quick"), ("thm-2.3-as-printed", "quick"),
    ("thm-3.3-interpolant", "quick"), ("prop-3.2-radius-eps", "quick"),
    ("prop-3.2-radius-eps", "default"), ("thm-5.8-range", "quick"), ("thm-5.8-range", "default"),
    ("prop-a.7-a.9-covering-packing", "quick"), ("thm-4.3-construction-l2", "quick"),
    ("thm-5.5-size", "default"),
}

CASES = sorted(GOLDEN) if os.environ.get("VERIFY_GOLDEN_ALL") == "1" else sorted(IN_SUITE)


def result_digest(claim_id: str, size: str) -> str:
    """The digest of the claim's whole result at the size (timings left out)."""
    text = json.dumps(run_claim(claim_id, size).to_json(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@pytest.mark.parametrize(("claim_id", "size"), CASES)
def test_claim_result_unchanged(claim_id: str, size: str) -> None:
    assert result_digest(claim_id, size) == GOLDEN[claim_id, size]
