"""Golden test of the enveloping sizes' table (``sizes_table``), pinned before it was split
by concern: the whole table (rows, columns, caption, notes with the fitted exponents) for
one and several α, every bound, the exact target; and its refusals."""

from __future__ import annotations

import pytest

from tests.enumeration.golden import digest
from verify.bounds.tables import sizes_table
from verify.errors import InvalidArgument
from verify.tables import render

GOLDEN = {  # arguments: digest of the table's JSON and Markdown
    (("1/100", "6"), ()): "5951f4d88b7ffd27f1f42bb894287a97",
    (("1/100", "2:8"), ()): "5db0a36219ad73660f7b2180379222c9",
    (("1/10,1/20", "2:7", "1/10,1/8"), ("thm7", "w2logw")): "c72690b000421c4084898bbba3ed356c",
    (("1/20", "2:5", "1/10"), ("thm10",), "exact"): "d46b972a65253677b9d290b45d5694d4",
    (("1/4", "2:3"), ("wlogwl",)): "8973b5a3f028b6bc97193f22a1c9a4e0",
}


@pytest.mark.parametrize("case", list(GOLDEN), ids=str)
def test_sizes_table_golden(case):
    args, bounds, *target = case
    kwargs = {"bounds": bounds} if bounds else {}
    if target:
        kwargs["target"] = target[0]
    t = sizes_table(*args, **kwargs)
    assert digest(render(t, "json") + render(t, "md")) == GOLDEN[case]


def test_sizes_table_refusals():
    msgs = []
    for kwargs in ({"bounds": ("nope",)}, {"target": "both"}, {"d": "1"}, {"eps": "x"},
                   {"alpha": "1/5"}):
        with pytest.raises(InvalidArgument) as exc:
            sizes_table(**kwargs)
        msgs.append(str(exc.value))
    assert digest("\n".join(msgs)) == "f2be5fc25d594d809f8c80e0f0929389"
