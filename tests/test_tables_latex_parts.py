"""Golden test of the LaTeX rendering of tables (``_render_latex``), pinned before it was
split by concern: the whole text for tables with and without wrapped text columns, long
tables in parts, approximate and elided columns, labels, captions and notes; float,
landscape and bare."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.enumeration.golden import digest
from verify.tables import LONG_TABLE_ROWS, Column, Table, render


def _tables():
    yield "plain", Table("Counts", ["n", "count"], [[1, 2], [2, -4], [3, Fraction(-7, 3)]])
    yield "labelled", Table("Sizes & things", ["K", Column("ratio", tex=r"$\rho$")],
                            [[2, Fraction(1, 3)], [3, None]], caption="A caption with 50%",
                            label="tab:my label_1", notes=["first note", "x_1 < 2"])
    yield "wrapped", Table("Reasons", ["id", "reason", "ok"],
                           [["a_b", "a long reason, with commas/slashes and_underscores " * 2,
                             True], ["c", "short", False]], label="tab:w")
    yield "long", Table("Many", ["i", "square"], [[i, i * i] for i in range(2 * LONG_TABLE_ROWS
                                                                                + 3)],
                        caption="long", label="tab:long", notes=["n"])
    yield "long-unlabelled", Table("Many", ["i"], [[i] for i in range(LONG_TABLE_ROWS + 1)])
    yield "approx", Table("Big", ["n", Column("2^n", kind="exact"),
                                  Column("sqrt", sqrt=True)],
                          [[100, 2**100, 2**101], [3, 8, 9]], caption_tex=r"$2^n$ exactly")
    yield "empty", Table("Nothing", ["a", "b"], [])


GOLDEN = {  # (table, how): digest of the LaTeX text
    ("plain", "float"): "0232af6f3d4fd455d6bc9cf9f672752c",
    ("plain", "landscape"): "41993936b36469d707ba08e788fcb29c",
    ("plain", "bare"): "afebf23fdeaefd2d52ecf338e1cde155",
    ("labelled", "float"): "49ac41a7b58a58867db0f19209665f08",
    ("labelled", "bare"): "242aa527bced9e08e2a768e212e5dd09",
    ("wrapped", "float"): "16e9de665dc142a4e10299fd39c7f21f",
    ("wrapped", "landscape"): "d7e48f4e1e3bc0622891699574e9f850",
    ("wrapped", "bare"): "1953e9b5f3566e73f3653068c9ed107a",
    ("long", "float"): "1057e7b9d49a0b657b13ad26e7f6acb9",
    ("long", "landscape"): "fc2de40a63f0e6f599155b70f7a1d3a3",
    ("long-unlabelled", "float"): "101c0fbcc00de6ca7b71186c6912b461",
    ("approx", "float"): "ee32772b3d58af4bd6abf4363b7bd17c",
    ("approx", "bare"): "723d1165ec65ed84c4339b82a3eb08f3",
    ("empty", "float"): "b65bb2bd672e4fae1a478a45bc97b56b",
    ("empty", "bare"): "227d04aa6f4840adbf2f11cb9ca03d6a",
}


@pytest.mark.parametrize("case", list(GOLDEN), ids=str)
def test_latex_golden(case):
    name, how = case
    table = dict(_tables())[name]
    if how == "bare":
        text = table._repr_latex_()
    else:
        text = render(table, "latex", landscape=how == "landscape")
    assert digest(text) == GOLDEN[case]
