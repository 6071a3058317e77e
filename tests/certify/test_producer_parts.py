"""The parts of ``make_count_certificate`` (split by concern), each on its contract.

The whole is pinned too: the certificate's canonical JSON (its ``seconds`` left out, and
the witnesses the caller gave replaced by their re-check, as z3's models depend on the
suite's order) on nine questions, hashed before the split.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from verify.certify.checker import check_certificate
from verify.certify.producer import make_count_certificate
from verify.encodings.realize import realized_set
from verify.enumeration.kernel import int_realized_set
from verify.errors import InvalidArgument
from verify.geometry.dichotomies import halfspace_dichotomies
from verify.geometry.pointsets import as_points
from verify.labels import unpack_labels


def _case(name):
    if name.startswith("half"):
        spec, homogeneous = {"half-cube2": ("cube:2", False), "half-grid22h": ("grid:2:2", True),
                             "half-grid32": ("grid:3:2", False)}[name]
        labs = halfspace_dichotomies(spec, homogeneous=homogeneous).tolist()
        # (homogeneous without symmetries: the point set's shifts are no symmetry of
        # homogeneous halfspaces, and the checker rejects such a certificate)
        return (as_points(spec), "halfspaces", "real", labs, None,
                {"spec": spec, "homogeneous": homogeneous, "symmetries": not homogeneous}), False
    if name == "relu-search":  # m-h-1 real without witnesses: the sweep and the refuter
        r = realized_set("cube:2", "2-2-1")
        return (as_points("cube:2"), "2-2-1", "real", r.labelings, None,
                {"provenance": {"run": "pinned"}}), False
    if name == "relu-nosym":
        r = realized_set("cube:2", "2-1-1")
        return (as_points("cube:2"), "2-1-1", "real", r.labelings, r.witnesses,
                {"symmetries": False}), True
    if name == "chain":
        r = realized_set("grid:2:2", "2-1-1-1")
        return (as_points("grid:2:2"), "2-1-1-1", "real", r.labelings, r.witnesses,
                {"spec": "grid:2:2"}), True
    if name == "one-feature":
        pts = as_points([[0], [1], [2], [3]])
        r = realized_set(pts, "1-1-2-1")
        return (pts, "1-1-2-1", "real", r.labelings, r.witnesses, {}), True
    if name == "int":
        r = int_realized_set(as_points("cube:2"), "2-1-1", 1)
        return (as_points("cube:2"), "2-1-1", "int:1", r.labelings.tolist(), r.witnesses,
                {"provenance": {"kernel": "pinned"}}), False
    if name == "one-point":
        return ([[0, 0]], "2-1-1", "real", [0, 1], None, {}), False
    raise AssertionError(name)


NAMES = ["half-cube2", "half-grid22h", "half-grid32", "relu-search", "relu-nosym", "chain",
         "one-feature", "int", "one-point"]


def _canonical(cert, mask_witnesses):
    j = json.loads(json.dumps(cert, sort_keys=True))
    j["answer"].get("refutation", {}).pop("seconds", None)
    if mask_witnesses:
        j["answer"]["realized"] = [[lab, "re-checked"] for lab, _ in j["answer"]["realized"]]
    return json.dumps(j, sort_keys=True)


def digest(name):
    (pts, arch, cls, labs, wit, kw), mask = _case(name)
    cert = make_count_certificate(pts, arch, cls, labs, wit, **kw)
    check = check_certificate(cert)
    assert check.verdict == "verified", check.rejected
    return hashlib.sha256(_canonical(cert, mask).encode()).hexdigest()[:32]


@pytest.mark.parametrize("name", NAMES)
def test_make_count_certificate_is_unchanged(name):
    assert digest(name) == GOLDEN[name]


@pytest.mark.parametrize(("args", "kw", "message"), [
    ([[i] for i in range(25)], {}, "count certificates cover at most 24 points, not 25"),
    ([[0, 0], [1, 1]], {"arch": "2-2-2-1"}, "count certificates cover m-1, m-h-1"),
    ([[0, 0], [1, 1]], {"arch": "2-1-1", "cls": "int:1"},
     "count certificate: no witness for labeling 0"),
])
def test_refusals_are_unchanged(args, kw, message):
    arch, cls, labs = kw.get("arch", "1-1"), kw.get("cls", "real"), kw.get("labs", [0])
    with pytest.raises(InvalidArgument) as err:
        make_count_certificate(args, arch, cls, labs)
    assert str(err.value).startswith(message)


def test_a_listed_labeling_without_a_witness_is_refused():
    # a 1-1-1 network is monotone along a line: +-+ on three collinear points is no labeling
    with pytest.raises(InvalidArgument, match="labeling 5 is listed as realized"):
        make_count_certificate([[0], [1], [2]], "1-1-1", "real", [0, 5])
    assert unpack_labels(5, 3) == (1, -1, 1)


GOLDEN = {
    'half-cube2': '73fdd30f7a20d81fc9909750a10f1e3c',
    'half-grid22h': '440ab51f6d1fed18b26e77588ea9132b',
    'half-grid32': '39dc774b4f466c0c478ec21b0d0d2109',
    'relu-search': '534638b3e30abbc84ffb5957f9674642',
    'relu-nosym': 'c0dd33da82a6bc9297b508918a9ad0fe',
    'chain': '08bb287bbb1e87d5f470f72de0f98dbb',
    'one-feature': 'bee48e8f50e6d0000b03f899a473cc68',
    'int': '440faf3a28d8c475c37c527a74356ec3',
    'one-point': '246eb00a616a013da94f8bb838c80cc6',
}
