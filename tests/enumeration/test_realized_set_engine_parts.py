"""``verify.encodings.realize.realized_set`` (split by concern: the question's checks, the
choice of engine, the engines), pinned before the split.

Eleven calls, one per route and option: one hidden layer with and without symmetries
and the sweep, ``int:Q``, a chain ``m-h-1-1`` (by the ``m-h-1`` engine and, asked, per
orbit), one feature ``m-1-h-1`` (and, asked, incrementally), two wide layers per orbit,
a shard's fixed labels, known labelings (with the newly found ones reported) and a
time-out; each call's count, completeness and the digest of the rest (reason, labelings,
which have witnesses, the provenance without times and without the counts that depend
on which labelings z3 finds first).  And the refusals' messages.
"""

from __future__ import annotations

import pytest

from verify.encodings.realize import realized_set
from verify.errors import InvalidArgument

from .golden import realized_summary

CALLS = {
    "one-hidden": (("cube:2", "2-1-1"), {}),
    "no-symmetries-no-sweep": (("cube:2", "2-1-1"), {"symmetries": False, "sweep": False}),
    "int": (("cube:2", "2-2-1", "int:1"), {}),
    "chain": (("cube:2", "2-1-1-1"), {}),
    "chain-orbits": (("cube:2", "2-1-1-1"), {"strategy": "orbits"}),
    "one-feature": (("grid:2:2", "2-1-2-1"), {}),
    "one-feature-incremental": (("cube:2", "2-1-2-1"), {"strategy": "incremental"}),
    "two-wide-layers": (("cube:2", "2-2-2-1"), {}),
    "fixed": (("cube:2", "2-1-1"), {"fixed": {0: -1, 3: -1}}),
    "known": (("cube:2", "2-1-1"), {"known": "KNOWN"}),
    "time-out": (("cube:2", "2-1-1"), {"timeout": "1e-9"}),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_realized_set_is_unchanged(name):
    args, kw = CALLS[name]
    found: list[int] = []
    if kw.get("known") == "KNOWN":  # three labelings of 2-1-1 on cube:2, with witnesses
        some = realized_set("cube:2", "2-1-1")
        kw = {**kw, "known": [(b, some.witnesses[b]) for b in (1, 3, 7)]}
    res = realized_set(*args, on_found=lambda bits, _net: found.append(bits), **kw)
    assert (*realized_summary(res), sorted(found)) == GOLDEN[name]


@pytest.mark.parametrize(("kw", "message"), [
    ({"strategy": "fastest"}, "strategy 'fastest': expected one of auto, incremental, orbits"),
    ({"strategy": "orbits"}, "strategy 'orbits' is for two or more hidden layers, class real"),
    ({"arch": "2-2-2-1", "fixed": {0: 1}},
     "fixed labels (shards) need one hidden layer, m-h-1-...-1 or int:Q, not 2-2-2-1"),
    ({"known": [(1, None)]}, "known: the witness for labeling 1 is not a 2-1-1 network"),
    ({"fixed": {0: 1}, "known": "KNOWN"}, "known: labeling 1 does not have the fixed labels"),
    ({"fixed": {7: 1}}, "fixed: 7 is not a point index (0..3)"),
    ({"cls": "int:1", "arch": "2-1-1-1"},
     "class int:1 is supported for at most one hidden layer, got 2-1-1-1"),
])
def test_realized_set_refusals_are_unchanged(kw, message):
    kw = {"points": "cube:2", "arch": "2-1-1", **kw}
    if kw.get("known") == "KNOWN":
        kw["known"] = [(1, realized_set("cube:2", "2-1-1").witnesses[1])]
        kw["fixed"] = {0: -1}
    with pytest.raises(InvalidArgument) as err:
        realized_set(**kw)
    assert str(err.value) == message


GOLDEN: dict[str, object] = {
    # count, complete, the digest of the rest, the labelings reported found (sorted)
    'one-hidden': (14, True, 'b8327fcaab98111ff951a2a41b3ae827',
        [0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15]),
    'no-symmetries-no-sweep': (14, True, 'a6d7f8eac2a66a34aa79fade75350810',
        [0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15]),
    'int': (14, True, 'a21a7e5bf116602282032c2c52823eb8',
        [0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15]),
    'chain': (14, True, '93b3cba396f893e6b27d3103b7e0e076',
        [0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15]),
    'chain-orbits': (14, True, 'e148d287be1e02fe61794eaa30318052',
        [0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15]),
    'one-feature': (16, True, '3fafe188d44be1393e051f9aa7c61f5d',
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
    'one-feature-incremental': (16, True, '3fafe188d44be1393e051f9aa7c61f5d',
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
    'two-wide-layers': (16, True, 'de7463fa4f0bf62278af94132cbb0fcd',
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
    'fixed': (3, True, '798b8af5f4d4b515f9ee9166f2007145',
        [0, 2, 4]),
    'known': (14, True, '65f2d34b234afd6132acbcb8314558aa',
        [0, 2, 4, 5, 8, 10, 11, 12, 13, 14, 15]),
    'time-out': (0, False, '58f8b5a7a4f5705b88a28acea727880d',
        []),
}
