"""Golden test of the count checker's front (``check_count``: the question, the listed
labelings and their witnesses), pinned before it was split by concern: the checker's
report on count certificates and on edits of their question and of their list."""

from __future__ import annotations

import copy
import json

import pytest

from tests.enumeration.golden import digest
from verify.certify.checker import check_certificate
from verify.certify.producer import make_count_certificate
from verify.encodings.realize import realized_set
from verify.enumeration.kernel import int_realized_set
from verify.errors import InvalidArgument
from verify.geometry.pointsets import as_points


def _edited(cert, edit):
    bad = copy.deepcopy(cert)
    edit(bad)
    return bad


def _cases():
    r = realized_set("cube:2", "2-1-1")
    relu = make_count_certificate(as_points("cube:2"), "2-1-1", "real", r.labelings,
                                  r.witnesses)
    yield "relu", relu
    r = int_realized_set("cube:2", "2-1-1", 1)
    yield "int", make_count_certificate(as_points("cube:2"), "2-1-1", "int:1", r.labelings,
                                        r.witnesses)
    yield "half", make_count_certificate(as_points("cube:2"), "halfspaces", "real",
                                         [b for b in range(16) if b not in (6, 9)])
    answer = relu["answer"]
    yield "listed-twice", _edited(relu, lambda c: c["answer"]["realized"].append(
        answer["realized"][0]))
    yield "count-off", _edited(relu, lambda c: c["answer"].update(count=12))
    yield "wrong-arch", _edited(relu, lambda c: c["answer"]["realized"][0].__setitem__(
        1, answer["realized"][1][1] | {"layers": answer["realized"][1][1]["layers"][:1]}))

    def all_bad(c):
        for entry in c["answer"]["realized"]:
            entry[1] = copy.deepcopy(entry[1])
            entry[1]["layers"][-1]["bias"] = ["-1000"]
    yield "eleven-bad", _edited(relu, all_bad)
    yield "not-a-list", _edited(relu, lambda c: c["answer"].update(realized={}))
    yield "entry-malformed", _edited(relu, lambda c: c["answer"]["realized"].append([1]))
    yield "homogeneous-net", _edited(relu, lambda c: c["question"].update(homogeneous=True))
    yield "deep", _edited(relu, lambda c: c["question"].update(architecture="2-2-2-2-1"))
    yield "too-many", _edited(relu, lambda c: c["question"].update(
        points=[[str(i)] for i in range(25)], architecture="1-1-1"))
    yield "count-negative", _edited(relu, lambda c: c["answer"].update(count=-1))


def summary(cert):
    try:
        return json.dumps(check_certificate(cert).to_json(), sort_keys=True)
    except InvalidArgument as exc:
        return f"InvalidArgument: {exc}"


GOLDEN = {
    "relu": "fa47390d9d582d26340db572de67b77f",
    "int": "5620ffadc9cf7ed1367492218100fd61",
    "half": "b33218a4907a1d9aecc1420202641009",
    "listed-twice": "f331a4efb4ee82ddd4ed47f3dea32da3",
    "count-off": "b522428063ecbcb14e7529ca5faec51c",
    "wrong-arch": "c644c18fed4c6cecf54c3a99813a162a",
    "eleven-bad": "8dc9fd513623f1862042b76993e79fe8",
    "not-a-list": "7af99ae794a0bb8dbda5a5dfb1355b21",
    "entry-malformed": "bac2d7bcd88875640a53f461facd052c",
    "homogeneous-net": "95d8cbfb4088ef45a04ccc6d27d015d7",
    "deep": "16a2af9956cc6a789a5784c2e331db13",
    "too-many": "6d1a1cef2b7c7d4b0119ed8723d9b9be",
    "count-negative": "d889fbfa9b3998cf0d8d125e3d73dc35",
}


@pytest.fixture(scope="module")
def checks():
    return {name: summary(cert) for name, cert in _cases()}


@pytest.mark.parametrize("name", list(GOLDEN))
def test_check_count_golden(checks, name):
    assert digest(checks[name]) == GOLDEN[name]
