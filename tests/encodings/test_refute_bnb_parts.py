"""The one-hidden-layer refuter's branch and bound (``OneHiddenRefuter._bnb``, split by
concern) on a sequence of labelings on one refuter (so the lemmas it remembers carry
over): each answer is pinned (refuted or realized: exact truths), each proof is re-checked
by the certificate checker from the labels of its core alone, and each witness exactly.

The trees themselves are not pinned: their branching follows the floating-point LP's
vertices, and those differ in the last bits between processors and even between process
states (OpenBLAS's kernels for these tiny products take paths that depend on alignment);
a tree pinned by its hash on one machine failed on another.  Any tree the checker accepts
is a proof.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from verify.certify._phases import PhaseChecker
from verify.encodings.refute import OneHiddenRefuter
from verify.geometry.pointsets import as_points

ANSWERS = {  # (points, hidden): the answers in order (r: refuted, w: witness)
    ("cube:2", 1): "rrwwwww",
    ("cube:2", 2): "wwwwwww",
    ("grid:3:2", 1): "rrwrrrww",
    ("grid:3:2", 2): "rrwwwwww",
    ("rand", 2): "wwwwww",
    ("cube:3", 2): "rrwwwwww",
}


HARD = {"cube:2": ["-++-"], "grid:3:2": ["+-+-+-+-+", "-+-+++-+-"],
        "cube:3": ["+--+-++-", "-++-+--+"]}


def _points(spec):
    if spec == "rand":
        rng = np.random.default_rng(5)
        return [tuple(Fraction(int(v), 3) for v in row) for row in
                rng.integers(-3, 4, size=(6, 2))]
    return as_points(spec)


@pytest.mark.parametrize("case", list(ANSWERS), ids=str)
def test_refuter_answers_and_proofs(case):
    spec, hidden = case
    pts = _points(spec)
    n = len(pts)
    ref = OneHiddenRefuter(pts, hidden)
    rng = np.random.default_rng(n * 10 + hidden)
    hard = HARD.get(spec, [])
    answers, proofs = "", []
    for k in range(6 + len(hard)):
        if k < len(hard):  # whole labelings, refuted by trees with lemmas
            labels = {i: 1 if c == "+" else -1 for i, c in enumerate(hard[k])}
        else:
            labels = {int(i): int(rng.choice([-1, 1])) for i in rng.choice(n, min(n, 6),
                                                                            replace=False)}
        out = ref.refute(labels)
        answers += out.status[0]
        if out.status == "witness":
            assert all(labels[i] * out.witness.evaluate(pts[i]) > 0 for i in labels)
        else:
            proofs.append((out.tree, out.core, labels))
    assert answers == ANSWERS[case]
    checker = PhaseChecker(pts, hidden, homogeneous=False)
    for lemma in ref.lemmas:
        assert checker.add_lemma(lemma) == []
    for tree, core, labels in proofs:
        used = {lit[1]: lit[2] for lit in core if lit[0] == "y"}
        assert used.items() <= labels.items() and len(used) == len(core)
        assert checker.check_tree(tree, used) == []
        if len(used) > 1:   # the checker is not a rubber stamp: one label fewer fails
            fewer = dict(list(used.items())[1:])
            assert checker.check_tree(tree, fewer) != []
