"""The parts of the count checker's ``_refuted_complement`` (split by concern), through
the whole: pinned before the split on count certificates (halfspaces, homogeneous, one
hidden layer, a chain, one feature) and on their edits (a set not closed, a shifted map
for homogeneous halfspaces, a labeling left uncovered, a damaged tree, a bad reduction,
malformed lemmas)."""

from __future__ import annotations

import copy
import json

import pytest

from verify.certify.checker import check_certificate
from verify.certify.producer import make_count_certificate
from verify.encodings.realize import realized_set
from verify.errors import InvalidArgument
from verify.geometry.dichotomies import halfspace_dichotomies
from verify.geometry.pointsets import as_points


def _halfspaces(spec, homogeneous=False):
    labs = halfspace_dichotomies(spec, homogeneous=homogeneous).tolist()
    return make_count_certificate(as_points(spec), "halfspaces", "real", labs,
                                  homogeneous=homogeneous)


def _relu(points, arch):
    r = realized_set(points, arch)
    return make_count_certificate(as_points(points), arch, "real", r.labelings, r.witnesses)


def _drop_last(cert):
    bad = copy.deepcopy(cert)
    bad["answer"]["realized"].pop()
    bad["answer"]["count"] -= 1
    return bad


def _edited(cert, edit):
    bad = copy.deepcopy(cert)
    edit(bad)
    return bad


def _cases():
    half = _halfspaces("grid:3:2")
    yield "half", half
    yield "half-homogeneous", _halfspaces("grid:2:2", True)
    yield "half-dropped", _drop_last(half)
    yield "half-no-symmetries-dropped", _drop_last(_edited(
        half, lambda c: c["answer"].update(symmetries={"maps": [], "negation": False})))
    yield "homogeneous-shifted", _edited(_halfspaces("grid:2:2", True), lambda c: c[
        "answer"]["symmetries"]["maps"].append({"perm": [0, 1], "sign": [-1, -1],
                                                "shift": ["3/2", "3/2"]}))
    relu = _relu("cube:2", "2-1-1")
    yield "relu", relu
    yield "relu-tree-cut", _edited(relu, lambda c: c["answer"]["refutation"].update(
        tree={"leaf": "covered"}))
    yield "relu-lemmas-malformed", _edited(relu, lambda c: c["answer"]["refutation"].update(
        lemmas={}))
    yield "chain", _relu("grid:2:2", "2-1-1-1")
    yield "chain-no-reduction", _edited(_relu("grid:2:2", "2-1-1-1"), lambda c: c[
        "answer"]["refutation"].pop("reduction"))
    yield "one-feature", _relu([[0], [1], [2], [3]], "1-1-2-1")


def summary(cert):
    try:
        return json.dumps(check_certificate(cert).to_json(), sort_keys=True)
    except InvalidArgument as exc:
        return f"InvalidArgument: {exc}"


@pytest.fixture(scope="module")
def checks():
    return {name: summary(cert) for name, cert in _cases()}


@pytest.mark.parametrize("name", ["half", "half-homogeneous", "half-dropped",
                                  "half-no-symmetries-dropped", "homogeneous-shifted", "relu",
                                  "relu-tree-cut", "relu-lemmas-malformed", "chain",
                                  "chain-no-reduction", "one-feature"])
def test_count_checks_are_unchanged(checks, name):
    assert checks[name] == GOLDEN[name]


GOLDEN = {
    'half': (
        '{"checked": ["58 witnesses re-checked exactly: each realizes its labeling (y*f >'
        ' 0 at every point)", "7 symmetry map(s) and label negation map the point set ont'
        'o itself, and the listed set is closed under them (exact); relies on lemma R7 (t'
        "he class is closed under the point set's affine symmetries (linear ones for homo"
        'geneous halfspaces) and label negation) (proved in verify/certify/lemmas.py)", "'
        'every labeling not listed is refuted: a complete case split with 19 Farkas leave'
        's, 0 lemmas and 19 covered leaves, each re-derived and re-checked exactly", "rel'
        'ies on lemmas R2 (margin 1 (joint homogeneity once the output weights are fixed)'
        '), R5 (points scaled to integers by their common denominator), R6 (a refutation '
        'under some choices (a lemma) applies wherever those choices are made) (proved in'
        ' verify/certify/lemmas.py)"], "claim": "exactly 58 labelings of 9 points realize'
        'd by halfspaces", "count": 58, "kind": "count", "rejected": [], "trusted": [], "'
        'verdict": "verified"}'
    ),
    'half-homogeneous': (
        '{"checked": ["6 witnesses re-checked exactly: each realizes its labeling (y*f > '
        '0 at every point)", "1 symmetry map(s) and label negation map the point set onto'
        ' itself, and the listed set is closed under them (exact); relies on lemma R7 (th'
        "e class is closed under the point set's affine symmetries (linear ones for homog"
        'eneous halfspaces) and label negation) (proved in verify/certify/lemmas.py)", "e'
        'very labeling not listed is refuted: a complete case split with 3 Farkas leaves,'
        ' 0 lemmas and 4 covered leaves, each re-derived and re-checked exactly", "relies'
        ' on lemmas R2 (margin 1 (joint homogeneity once the output weights are fixed)), '
        'R5 (points scaled to integers by their common denominator), R6 (a refutation und'
        'er some choices (a lemma) applies wherever those choices are made) (proved in ve'
        'rify/certify/lemmas.py)"], "claim": "exactly 6 labelings of 4 points realized by'
        ' homogeneous halfspaces", "count": 6, "kind": "count", "rejected": [], "trusted"'
        ': [], "verdict": "verified"}'
    ),
    'half-dropped': (
        '{"checked": ["57 witnesses re-checked exactly: each realizes its labeling (y*f >'
        ' 0 at every point)", "every labeling not listed is refuted: a complete case spli'
        't with 19 Farkas leaves, 0 lemmas and 19 covered leaves, each re-derived and re-'
        'checked exactly", "relies on lemmas R2 (margin 1 (joint homogeneity once the out'
        'put weights are fixed)), R5 (points scaled to integers by their common denominat'
        'or), R6 (a refutation under some choices (a lemma) applies wherever those choice'
        's are made) (proved in verify/certify/lemmas.py)"], "claim": "exactly 57 labelin'
        'gs of 9 points realized by halfspaces", "count": null, "kind": "count", "rejecte'
        'd": ["the listed realizable set is not closed under the listed symmetries"], "tr'
        'usted": [], "verdict": "rejected"}'
    ),
    'half-no-symmetries-dropped': (
        '{"checked": ["57 witnesses re-checked exactly: each realizes its labeling (y*f >'
        ' 0 at every point)"], "claim": "exactly 57 labelings of 9 points realized by hal'
        'fspaces", "count": null, "kind": "count", "rejected": ["315 canonical labeling(s'
        ') outside the listed set are neither refuted nor listed (e.g. +-------+)"], "tru'
        'sted": [], "verdict": "rejected"}'
    ),
    'homogeneous-shifted': (
        '{"checked": ["6 witnesses re-checked exactly: each realizes its labeling (y*f > '
        '0 at every point)"], "claim": "exactly 6 labelings of 4 points realized by homog'
        'eneous halfspaces", "count": null, "kind": "count", "rejected": ["a symmetry map'
        ' with a shift: homogeneous halfspaces are closed only under the linear maps (shi'
        'ft 0), which keep the offset 0 (relies on lemma R7 (the class is closed under th'
        "e point set's affine symmetries (linear ones for homogeneous halfspaces) and lab"
        'el negation) (proved in verify/certify/lemmas.py))"], "trusted": [], "verdict": '
        '"rejected"}'
    ),
    'relu': (
        '{"checked": ["14 witnesses re-checked exactly: each realizes its labeling (y*f >'
        ' 0 at every point)", "7 symmetry map(s) and label negation map the point set ont'
        'o itself, and the listed set is closed under them (exact); relies on lemma R7 (t'
        "he class is closed under the point set's affine symmetries (linear ones for homo"
        'geneous halfspaces) and label negation) (proved in verify/certify/lemmas.py)", "'
        'every labeling not listed is refuted: a complete case split with 6 Farkas leaves'
        ', 0 lemmas and 4 covered leaves, each re-derived and re-checked exactly", "relie'
        's on lemmas R1 (output weights +-1 (positive homogeneity of ReLU)), R2 (margin 1'
        ' (joint homogeneity once the output weights are fixed)), R3 (hidden units are in'
        'terchangeable: sorted output signs cover every network), R4 (each ReLU is on or '
        'off at each point; free terms with y*s = -1 bounded by -u and 0), R5 (points sca'
        'led to integers by their common denominator), R6 (a refutation under some choice'
        's (a lemma) applies wherever those choices are made) (proved in verify/certify/l'
        'emmas.py)"], "claim": "exactly 14 labelings of 4 points realized by 2-1-1 networ'
        'ks, class real", "count": 14, "kind": "count", "rejected": [], "trusted": [], "v'
        'erdict": "verified"}'
    ),
    'relu-tree-cut': (
        "InvalidArgument: certificate: unknown tree node at root: ['leaf']"
    ),
    'relu-lemmas-malformed': (
        "InvalidArgument: certificate: refutation 'lemmas' must be a list"
    ),
    'chain': (
        '{"checked": ["14 witnesses re-checked exactly: each realizes its labeling (y*f >'
        ' 0 at every point)", "7 symmetry map(s) and label negation map the point set ont'
        'o itself, and the listed set is closed under them (exact); relies on lemma R7 (t'
        "he class is closed under the point set's affine symmetries (linear ones for homo"
        'geneous halfspaces) and label negation) (proved in verify/certify/lemmas.py)", "'
        'every labeling not listed is refuted: a complete case split with 6 Farkas leaves'
        ', 0 lemmas and 4 covered leaves, each re-derived and re-checked exactly", "relie'
        's on lemmas R1 (output weights +-1 (positive homogeneity of ReLU)), R2 (margin 1'
        ' (joint homogeneity once the output weights are fixed)), R3 (hidden units are in'
        'terchangeable: sorted output signs cover every network), R4 (each ReLU is on or '
        'off at each point; free terms with y*s = -1 bounded by -u and 0), R5 (points sca'
        'led to integers by their common denominator), R6 (a refutation under some choice'
        's (a lemma) applies wherever those choices are made), C1 (m-h-1-...-1 (width-1 l'
        'ayers after the first) realizes only labelings m-h-1 realizes) (proved in verify'
        '/certify/lemmas.py)"], "claim": "exactly 14 labelings of 4 points realized by 2-'
        '1-1-1 networks, class real", "count": 14, "kind": "count", "rejected": [], "trus'
        'ted": [], "verdict": "verified"}'
    ),
    'chain-no-reduction': (
        '{"checked": ["14 witnesses re-checked exactly: each realizes its labeling (y*f >'
        ' 0 at every point)", "7 symmetry map(s) and label negation map the point set ont'
        'o itself, and the listed set is closed under them (exact); relies on lemma R7 (t'
        "he class is closed under the point set's affine symmetries (linear ones for homo"
        'geneous halfspaces) and label negation) (proved in verify/certify/lemmas.py)"], '
        '"claim": "exactly 14 labelings of 4 points realized by 2-1-1-1 networks, class r'
        'eal", "count": null, "kind": "count", "rejected": ["a refutation for 2-1-1-1 mus'
        't state the reduction (lemma C1) to 2-1-1, whose refutation it carries"], "trust'
        'ed": [], "verdict": "rejected"}'
    ),
    'one-feature': (
        '{"checked": ["14 witnesses re-checked exactly: each realizes its labeling (y*f >'
        ' 0 at every point)", "1 symmetry map(s) and label negation map the point set ont'
        'o itself, and the listed set is closed under them (exact); relies on lemma R7 (t'
        "he class is closed under the point set's affine symmetries (linear ones for homo"
        'geneous halfspaces) and label negation) (proved in verify/certify/lemmas.py)", "'
        'every labeling not listed is refuted: a complete case split with 14 Farkas leave'
        's, 21 parity leaves, 18 lemmas and 4 covered leaves, each re-derived and re-chec'
        'ked exactly", "relies on lemmas C2 (m-1-h-1 realizes y only if one affine featur'
        'e with K thresholds gives y by the parity of the thresholds below each point), R'
        '5 (points scaled to integers by their common denominator), R6 (a refutation unde'
        'r some choices (a lemma) applies wherever those choices are made) (proved in ver'
        'ify/certify/lemmas.py)"], "claim": "exactly 14 labelings of 4 points realized by'
        ' 1-1-2-1 networks, class real", "count": 14, "kind": "count", "rejected": [], "t'
        'rusted": [], "verdict": "verified"}'
    ),
}
