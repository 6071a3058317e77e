"""Tables for an appendix: exact in CSV/JSON, readable Markdown, LaTeX that fits the page."""

from __future__ import annotations

import csv
import io
import json
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from verify.bounds import bound_chain, bounds_table, sizes_table, table1_table, vc_table
from verify.cli import main
from verify.errors import InvalidArgument
from verify.tables import Column, Table, render


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


WIDE = ["--K", "2:8", "--d", "2:4", "--alpha", "0,1/10,1/5"]


def test_exact_columns_stay_exact_in_csv_and_json(capsys):
    code, out, _ = run(["table", "bounds", *WIDE, "--format", "csv"], capsys)
    assert code == 0 and "≈" not in out
    rows = list(csv.DictReader(io.StringIO(out)))
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        for row in rows:
            chain = bound_chain(int(row["K"]), int(row["d"]), row["α"], int(row["V"]))
            r = chain.readings[0]
            assert Fraction(row["lhs"]) == r.lhs
            assert Fraction(row["rhs^2 = (C_α^n)^2"]) == r.rhs_squared
    finally:
        sys.set_int_max_str_digits(old)
    code, out, _ = run(["table", "bounds", *WIDE, "--json"], capsys)
    data = json.loads(out)
    assert "≈" not in out and data["keys"][6:9] == ["lhs", "middle", "rhs_squared"]


def test_long_exact_values_get_a_labelled_approximate_column(capsys):
    code, out, _ = run(["table", "bounds", "--K", "8", "--d", "3", "--alpha", "1/10"], capsys)
    header = out.splitlines()[2]
    assert code == 0 and "| lhs | ≈ lhs | middle | ≈ middle |" in header
    # lhs = 186831077376/3599 = 5.19…e7: elided in the exact column, approximated beside it
    assert "| … | 5.19e+7 |" in out
    code, out, _ = run(["table", "bounds", "--K", "8", "--d", "3", "--format", "latex"], capsys)
    assert r"$5.19\times10^{7}$" in out and r"$\approx$ $\frac{2^V" in out
    assert r"\dots" in out


def test_columns_selection_and_pivot(capsys):
    code, out, _ = run(["table", "bounds", *WIDE, "--columns", "K,d,alpha,V,lhs_ge_rhs",
                        "--format", "csv"], capsys)
    assert code == 0 and out.splitlines()[0] == "K,d,α,V,lhs ≥ rhs"
    code, out, _ = run(["table", "vc", "--K", "2,4,6", "--d", "2:3", "--pivot", "K,d,D",
                        "--json"], capsys)
    data = json.loads(out)
    assert data["columns"] == ["K", "d = 2", "d = 3"] and len(data["rows"]) == 3
    t = vc_table("2,4,6", "2:3", "1/10")
    for row in data["rows"]:
        for j, d in enumerate((2, 3)):
            want = {r[6] for r in t.rows if r[0] == row[0] and r[1] == d}
            assert row[1 + j] in want
    code, _, err = run(["table", "bounds", "--columns", "K,nope"], capsys)
    assert code == 2 and err.startswith("error: no column 'nope'")
    code, _, err = run(["table", "bounds", "--pivot", "K,d"], capsys)
    assert code == 2 and "ROW,COLUMN,VALUE" in err


def test_pivot_refuses_ambiguous_cells():
    t = Table("T", ["K", "d", "x"], [[1, 1, 2], [1, 1, 3]])
    with pytest.raises(InvalidArgument, match="2 different values"):
        t.pivot("K", "d", "x")
    both = Table("T", ["K", "d", "ok"], [[1, 1, True], [1, 1, False]]).pivot("K", "d", "ok")
    assert both.rows == [[1, False]] and any("every one" in n for n in both.notes)


def test_table_displays_in_notebooks():
    t = Table("T", [Column("C_α^n", tex=r"$C_\alpha^n$"), "n"], [[Fraction(1, 3), 10**40]])
    assert "<table" in t._repr_html_() and "1/3" in t._repr_html_()
    assert r"$C_\alpha^n$" in t._repr_latex_() and r"\begin{tabular}" in t._repr_latex_()
    assert repr(t) == "Table('T', 1 rows; columns: C_α^n, n)"


def test_to_dataframe_is_exact_or_refused():
    t = Table("T", ["a", "b"], [[Fraction(1, 3), 10**40]])
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(InvalidArgument, match=r"pip install .*\[pandas\]"):
            t.to_dataframe()
        return
    df = t.to_dataframe()
    assert df["a"][0] == Fraction(1, 3) and df["b"][0] == 10**40


def _every_table(tmp_path: Path) -> list[str]:
    return [
        render(bounds_table("2:8", "2:4", "0,1/10,1/5"), "latex"),  # the wide table
        render(bounds_table(), "latex"),
        render(bounds_table("2:8", "2:4", "0,1/10,1/5"), "latex", landscape=True),
        render(vc_table(), "latex"),
        render(sizes_table(), "latex"),
        render(table1_table(), "latex"),
        render(bounds_table("2:3", "2:3", "1/10").select(["K", "d", "V", "lhs"]), "latex"),
        render(vc_table("2,4,6", "2:3").pivot("K", "d", "D"), "latex"),
    ]


def test_every_latex_table_compiles_within_the_page(compile_latex, tmp_path):
    log = compile_latex(_every_table(tmp_path))
    assert "Output written" in log


def test_growth_table_matches_growth_command(capsys, tmp_path):
    argv = ["--points", "cube:2,grid:2:2", "--arch", "halfspaces,2-1-1", "--class", "int:1"]
    code, out, _ = run(["table", "growth", *argv, "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and len(data["rows"]) == 4
    keys = data["keys"]
    for row in data["rows"]:
        rec = dict(zip(keys, row, strict=True))
        arch = "halfspaces" if rec["class"] == "halfspaces" else "2-1-1"
        extra = [] if arch == "halfspaces" else ["--class", "int:1"]
        code, out, _ = run(["growth", "--points", rec["points"], "--arch", arch, *extra,
                            "--json"], capsys)
        g = json.loads(out)
        assert rec["count"] == g["count"] and rec["vc"] == g["vc_dimension"]
        assert rec["profile"] == ", ".join(str(v) for v in g["profile"])
        assert rec["sauer_shelah"] == g["sauer_shelah"][-1]
        assert rec["gap"] == rec["sauer_shelah"] - rec["count"]
    # the profile layout pivots into a classes x m grid of exact Π(m)
    code, out, _ = run(["table", "growth", "--points", "cube:2", "--arch", "halfspaces,2-1-1",
                        "--class", "int:1", "--layout", "profile", "--pivot", "class,m,Pi",
                        "--format", "csv"], capsys)
    lines = out.splitlines()
    assert code == 0 and lines[0] == "class,m = 0,m = 1,m = 2,m = 3,m = 4"
    assert lines[1] == "halfspaces,1,2,4,8,14"
    code, _, err = run(["table", "growth", "--points", "cube:2"], capsys)
    assert code == 2 and "needs --points" in err
    code, _, err = run(["table", "growth", "--points", "cube:3", "--arch", "2-1-1"], capsys)
    assert code == 2 and err.startswith("error: 2-1-1 takes 2 inputs")


def test_growth_table_latex_compiles(compile_latex):
    from verify.enumeration.growth_table import growth_table

    t = growth_table("cube:2,grid:2:2,grid:3:2", "halfspaces,2-1-1,2-2-1", cls="int:1")
    compile_latex([render(t, "latex"), render(t.pivot("points", "class", "vc"), "latex")])
