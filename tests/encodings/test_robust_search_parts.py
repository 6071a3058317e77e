"""Golden test of the phase-split search of ``prove_box`` (``_search`` and its nodes).

Pinned before the search was split by concern: the proofs (or None) that ``prove_box``
gives without bisection, under ℓ∞ and ℓ2, with and without a node budget, on seeded
networks of one and two hidden layers; digested as canonical JSON.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

from tests.enumeration.golden import digest, seeded_net
from verify.certify import _values as V
from verify.certify._robust_proof import check_box_proof
from verify.encodings.robust_proof import prove_box


def _cases():
    for seed, arch in ((1, (1, 3, 1)), (2, (2, 4, 1)), (3, (2, 3, 2, 1)), (4, (3, 4, 1))):
        net = seeded_net(seed, arch)
        rng = np.random.default_rng(100 + seed)
        for _ in range(3):
            x = tuple(Fraction(int(v), 4) for v in rng.integers(-4, 5, size=arch[0]))
            fx = net.evaluate(x)
            if fx == 0:
                continue
            y = 1 if fx > 0 else -1
            yield net, x, y


CASES = {  # (norm, radius, max_nodes): digest of every case's proof, in order
    ("inf", "1/8", 20_000): "3bb02d457d2fc419d1bb8a430357a4c3",
    ("inf", "1/2", 20_000): "3c5c9d147a49a935559b7c8833dd68cd",
    ("inf", "1/2", 3): "a97edd5ea7fab27880de3c300b9d5e4d",
    ("2", "1/8", 20_000): "3bb02d457d2fc419d1bb8a430357a4c3",
    ("2", "1/2", 20_000): "3c5c9d147a49a935559b7c8833dd68cd",
}


@pytest.mark.parametrize("case", list(CASES), ids=str)
def test_phase_split_search_golden(case):
    norm, radius, max_nodes = case
    proofs = []
    for net, x, y in _cases():
        proof = prove_box(net, x, y, Fraction(radius), max_nodes=max_nodes, norm=norm,
                          bisect=False)
        if proof is not None and norm == "inf":  # each proof the checker accepts
            assert check_box_proof(V.network(json.loads(json.dumps(net.to_json())), "net"),
                                   x, y, Fraction(radius), "inf",
                                   json.loads(json.dumps(proof, default=str))) == []
        proofs.append(proof)
    assert digest(json.dumps(proofs, default=str, sort_keys=True)) == CASES[case]


L2 = [  # (seed, architecture, radius): the box x ± r holds a misclassified point, the ball not
    (8, (2, 3, 1), "1/2"), (10, (2, 2, 2, 1), "1"), (21, (2, 4, 1), "1/4"),
    (22, (2, 2, 2, 1), "3/4"), (25, (2, 4, 1), "1/4"), (30, (2, 2, 2, 1), "3/4"),
    (34, (2, 2, 2, 1), "1"), (35, (3, 3, 1), "1/2"), (39, (3, 3, 1), "3/4"),
]
# max_nodes: digest of the ℓ2 proofs (or None), in order
L2_DIGESTS = {20_000: "d939d85104ab1305e8b57be807b10f49", 6: "41d6ea04cf0d6c5c7918fba3018a4004"}


@pytest.mark.parametrize("max_nodes", list(L2_DIGESTS))
def test_l2_leaves_golden(max_nodes):
    proofs = []
    for seed, arch, radius in L2:
        net = seeded_net(seed, arch)
        rng = np.random.default_rng(seed)
        x = tuple(Fraction(int(v), 4) for v in rng.integers(-4, 5, size=arch[0]))
        y = 1 if net.evaluate(x) > 0 else -1
        r = Fraction(radius)
        if max_nodes == 20_000:
            assert prove_box(net, x, y, r, bisect=False) is None  # the box fails
        proofs.append(prove_box(net, x, y, r, max_nodes=max_nodes, norm="2", bisect=False))
    if max_nodes == 20_000:
        assert all(p is not None for p in proofs)
    assert digest(json.dumps(proofs, default=str, sort_keys=True)) == L2_DIGESTS[max_nodes]
