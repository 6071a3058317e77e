"""Tampered certificates are REJECTED: flipped labels, removed leaves, altered Farkas
weights, dropped witnesses, inflated counts, the files of the issue, random mutations."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from certify_cases import relu_count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify.certify import check_certificate
from verify.certify.producer import make_realize_certificate
from verify.cli import main
from verify.encodings.realize import realize, realized_set
from verify.encodings.result import Decision
from verify.errors import InvalidArgument
from verify.geometry.pointsets import as_points
from verify.nets.network import ReLUNet

CUBE = [[0, 0], [0, 1], [1, 0], [1, 1]]


def _refutation(spec: str, labels: str, arch: str) -> dict[str, Any]:
    d = realize(spec, labels, arch)
    assert d.status == "unrealizable"
    return make_realize_certificate(as_points(spec), labels, arch, "real", d)


def _leaves(node: Any) -> list[dict[str, Any]]:
    """Every Farkas leaf of a tree (and its lemmas' trees)."""
    out: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            if "farkas" in x:
                out.append(x)
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
    return out


@pytest.mark.parametrize(
    ("spec", "labels", "arch"),
    [("grid:3:2", "+" * 9, "2-2-1"), ("cube:2", "++++", "2-1-1")],
)
def test_the_issue_files_are_rejected(tmp_path, capsys, spec, labels, arch) -> None:  # type: ignore[no-untyped-def]
    # the certificate of a constant labeling, edited to claim it is unrealizable
    d = realize(spec, labels, arch)
    cert = make_realize_certificate(as_points(spec), labels, arch, "real", d)
    cert["answer"]["status"] = "unrealizable"
    cert["answer"]["witness"] = None
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(cert))
    assert main(["check-certificate", str(path)]) == 1
    assert capsys.readouterr().out.rstrip().endswith("REJECTED")
    # ... even with a refutation tree copied from a genuinely unrealizable labeling
    other = _refutation("cube:2", "-++-", "2-1-1") if spec == "cube:2" else \
        _refutation("grid:3:2", "+-+-+-+-+", "2-2-1")
    cert["answer"]["refutation"] = other["answer"]["refutation"]
    assert check_certificate(cert).verdict == "rejected"


def test_flipped_label_removed_leaf_altered_weight_are_rejected() -> None:
    cert = _refutation("cube:2", "-++-", "2-1-1")
    assert check_certificate(cert).verdict == "verified"
    flipped = copy.deepcopy(cert)
    flipped["question"]["labels"] = "-+++"
    assert check_certificate(flipped).verdict == "rejected"
    # remove a leaf: replace a phase split by one of its sides
    tree = cert["answer"]["refutation"]["tree"]
    cut = copy.deepcopy(cert)
    sub = cut["answer"]["refutation"]["tree"]["signs"][0]
    assert "phase" in sub
    cut["answer"]["refutation"]["tree"]["signs"][0] = sub["on"]
    assert check_certificate(cut).verdict == "rejected"
    # drop a whole sign case
    short = copy.deepcopy(cert)
    short["answer"]["refutation"]["tree"]["signs"].pop()
    assert check_certificate(short).verdict == "rejected"
    # alter one Farkas weight
    for k in range(len(_leaves(tree))):
        bad = copy.deepcopy(cert)
        leaf = _leaves(bad["answer"]["refutation"]["tree"])[k]
        leaf["farkas"][0][3] = leaf["farkas"][0][3] + 1
        assert check_certificate(bad).verdict == "rejected"
    # a negative weight is never accepted
    neg = copy.deepcopy(cert)
    _leaves(neg["answer"]["refutation"]["tree"])[0]["farkas"][0][3] = -1
    assert check_certificate(neg).verdict == "rejected"


def test_dropped_witness_and_inflated_count_are_rejected() -> None:
    cert, _ = relu_count("grid:3:2", "2-1-1")
    dropped = copy.deepcopy(cert)
    dropped["answer"]["realized"].pop(3)
    dropped["answer"]["count"] -= 1
    check = check_certificate(dropped)
    assert check.verdict == "rejected" and check.count is None
    inflated = copy.deepcopy(cert)
    inflated["answer"]["count"] += 1
    assert check_certificate(inflated).verdict == "rejected"
    # a witness that does not realize its labeling
    wrong = copy.deepcopy(cert)
    a, b = wrong["answer"]["realized"][0][1], wrong["answer"]["realized"][1][1]
    wrong["answer"]["realized"][0][1], wrong["answer"]["realized"][1][1] = b, a
    assert check_certificate(wrong).verdict == "rejected"
    # a labeling listed as realized without being so is caught by its witness; adding a
    # fake one with a copied witness too
    fake = copy.deepcopy(cert)
    fake["answer"]["realized"].append(["-++-+--+-", fake["answer"]["realized"][0][1]])
    fake["answer"]["count"] += 1
    assert check_certificate(fake).verdict == "rejected"


# ----- random mutations: never VERIFIED for a false claim ---------------------------------
_TRUTH_CACHE: dict[tuple[str, str, str], bool] = {}


def _realizable(points: list[list[str]], labels: str, arch: str) -> bool:
    key = (json.dumps(points), labels, arch)
    if key not in _TRUTH_CACHE:
        _TRUTH_CACHE[key] = realize(points, labels, arch).status == "realizable"
    return _TRUTH_CACHE[key]


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(cert: dict[str, Any], path: tuple[Any, ...], op: int) -> bool:
    """Apply one mutation at ``path``; False when it does not apply."""
    if not path:
        return False
    parent = cert
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    value = parent[key]
    if isinstance(value, bool) or value is None:
        parent[key] = not value if isinstance(value, bool) else 0
    elif isinstance(value, int):
        parent[key] = [value + 1, value - 1, -value, 0, 2 * value][op % 5]
    elif isinstance(value, str):
        if set(value) <= set("+-") and value:
            i = op % len(value)
            parent[key] = value[:i] + ("+" if value[i] == "-" else "-") + value[i + 1:]
        elif value.lstrip("-").replace("/", "").isdigit():
            parent[key] = ["1/2", "-1", "0", value + "1", "3"][op % 5]
        else:
            return False
    elif isinstance(value, list):
        if not value:
            return False
        if op % 2:
            value.pop(op % len(value))
        else:
            value.append(copy.deepcopy(value[op % len(value)]))
    elif isinstance(value, dict):
        if {"on", "off"} <= set(value) and op % 2:
            value["on"], value["off"] = value["off"], value["on"]
        elif {"pos", "neg"} <= set(value) and op % 2:
            value["pos"], value["neg"] = value["neg"], value["pos"]
        else:
            return False
    return True


_BASE = {"realize-unrealizable": _refutation("cube:2", "-++-", "2-1-1")}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_mutations_never_verify_a_false_claim(data: st.DataObject) -> None:
    base = _BASE["realize-unrealizable"]
    cert = copy.deepcopy(base)
    paths = [p for p in _paths(cert) if p and p[0] in ("question", "answer")]
    path = data.draw(st.sampled_from(paths))
    op = data.draw(st.integers(0, 9))
    if not _mutate(cert, path, op):
        return
    try:
        check = check_certificate(cert)
    except InvalidArgument:
        return  # malformed: refused with a clear error
    if check.verdict != "verified":
        return
    q, a = cert["question"], cert["answer"]
    # VERIFIED: the (possibly changed) claim must be true
    truth = _realizable(q["points"], q["labels"], q["architecture"])
    assert a["status"] == ("realizable" if truth else "unrealizable"), path


def test_random_mutations_of_a_count_never_verify_a_wrong_count() -> None:
    import random

    cert, truth = relu_count("grid:3:2", "2-1-1")
    rng = random.Random(7)
    paths = [p for p in _paths(cert) if p and p[0] in ("question", "answer")
             and "provenance" not in p and "method" not in p and "seconds" not in p
             and "stats" not in p]
    for _ in range(150):
        bad = copy.deepcopy(cert)
        path = rng.choice(paths)
        if not _mutate(bad, path, rng.randrange(10)):
            continue
        try:
            check = check_certificate(bad)
        except InvalidArgument:
            continue
        if check.verdict == "verified":
            # the question may have changed (a point moved): then recompute the truth
            if bad["question"]["points"] == cert["question"]["points"]:
                assert check.count == len(truth), path
            else:
                res = realized_set(bad["question"]["points"], "2-1-1")
                assert check.count == res.count, path


def test_witness_network_in_an_unrealizable_answer_is_rejected() -> None:
    cert = _refutation("cube:2", "-++-", "2-1-1")
    cert["answer"]["witness"] = ReLUNet.from_lists([([[1, 1]], [0]), ([[1]], [-1])]).to_json()
    assert check_certificate(cert).verdict == "rejected"
    d = Decision.unrealizable(solver="z3")
    assert check_certificate(make_realize_certificate(CUBE, "-++-", "2-1-1", "real", d)
                             ).verdict == "verified"
