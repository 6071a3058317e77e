"""Table rendering, ranges, table builders and the three commands."""

from __future__ import annotations

import csv
import io
import json
import sys
from fractions import Fraction

import pytest

from verify.bounds import bounds_table, parse_int_values, parse_rational_values, vc_table
from verify.errors import InvalidArgument
from verify.tables import Table, render

# --- tables -----------------------------------------------------------------

def sample() -> Table:
    return Table(
        "Title & more",
        ["a_1", "p/q", "ok", "note"],
        [[1, Fraction(3, 4), True, "50% ≥ x^2"], [2, Fraction(-1, 2), None, "#{}"]],
        caption="cap $x$",
        label="tab:x",
        notes=["n~1"],
    )


def test_render_markdown():
    text = render(sample(), "md")
    lines = text.splitlines()
    assert lines[0] == "**Title & more**"
    assert lines[2] == "| a_1 | p/q | ok | note |"
    assert lines[3] == "|---:|---:|:---|:---|"
    assert lines[4] == "| 1 | 3/4 | yes | 50% ≥ x^2 |"
    assert "- n~1" in lines


def test_render_latex_booktabs_and_escapes():
    text = render(sample(), "latex")
    for cmd in (r"\toprule", r"\midrule", r"\bottomrule", r"\begin{tabular}{rrll}"):
        assert cmd in text
    assert r"$a_{1}$ & p/q & ok & note \\" in text  # a pseudo-TeX header becomes math
    assert r"50\% $\geq$ x\textasciicircum{}2" in text
    assert r"\#\{\}" in text and r"cap \$x\$" in text and r"n\textasciitilde{}1" in text
    assert render(sample(), "latex") == text  # deterministic


def test_render_csv_and_json_round_trip():
    rows = list(csv.reader(io.StringIO(render(sample(), "csv"))))
    assert rows[0] == ["a_1", "p/q", "ok", "note"]
    assert rows[2] == ["2", "-1/2", "n/a", "#{}"]
    data = json.loads(render(sample(), "json"))
    assert data["rows"][0] == [1, "3/4", True, "50% ≥ x^2"] and data["rows"][1][2] is None
    assert data["label"] == "tab:x"


def test_table_validation():
    with pytest.raises(InvalidArgument, match="row 0 has 1 cells"):
        Table("t", ["a", "b"], [[1]])
    with pytest.raises(InvalidArgument, match="format must be"):
        render(sample(), "xml")


# --- ranges -----------------------------------------------------------------

def test_ranges():
    assert parse_int_values("1:3,3,7:9:2", "K") == [1, 2, 3, 7, 9]
    assert parse_rational_values("1/10:3/10:1/10,0.5") == [
        Fraction(1, 10), Fraction(1, 5), Fraction(3, 10), Fraction(1, 2)
    ]
    for bad in ("3:1", "1:2:0", "1:2:3:4", "", "a", "1:100000"):
        with pytest.raises(InvalidArgument):
            parse_int_values(bad, "K")


# --- builders ---------------------------------------------------------------

def test_bounds_table_rows_match_chain():
    t = bounds_table("3", "2:3", "0,1/10")
    assert len(t.rows) == 2 * 2 * 2  # odd n: two readings each
    first = t.rows[0]
    assert first[:6] == [3, 2, Fraction(0), 3, 1, 3]
    assert first[8] == 8  # (C_alpha^n)^2 = 2^3 exactly
    assert first[10:] == [True, False, False]  # alpha = 0, n = 3, V = 1: 2 < 2^(3/2)


def test_vc_table_and_guard():
    t = vc_table("2:3", "2", "1/10")
    assert [r[6] for r in t.rows] == [1, 1, 2]
    with pytest.raises(InvalidArgument, match="at most 2000"):
        bounds_table("1:100", "2:30", "0:1/4:1/100")


# --- command line -------------------------------------------------------------

def test_bound_json_contract(cli):
    code, out, err = cli(["bound", "--K", "3", "--d", "3", "--alpha", "1/10", "--json"])
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["n"] == 9 and data["alpha"] == "1/10"
    keys = {"V", "a", "lhs", "middle", "rhs_squared", "lhs_ge_middle", "middle_ge_rhs",
            "lhs_ge_rhs"}
    assert [r["V"] for r in data["readings"]] == [4, 5]
    for r in data["readings"]:
        assert keys <= set(r)
        assert isinstance(r["a"], int) and r["lhs"].count("/") == 1
    assert data["readings"][0]["middle"] == "2825761/390625"
    assert data["readings"][0]["rhs_squared"] == "134217728/1953125"
    assert data["readings"][0]["middle_ge_rhs"] is False


def test_bound_chosen_V_and_symbolic(cli):
    code, out, _ = cli(["bound", "--K", "1", "--d", "2", "--V", "1", "--json"])
    data = json.loads(out)
    assert code == 0 and data["readings"][0]["middle"] is None
    code, out, _ = cli(["bound", "--K", "2", "--d", "3", "--symbolic"])
    assert code == 0 and "middle - rhs simplifies to 0" in out


def test_bound_large_n_json_has_all_digits(cli):
    code, out, _ = cli(["bound", "--K", "100", "--d", "3", "--json"])
    data = json.loads(out)
    num, den = data["readings"][0]["middle"].split("/")
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # the exact numerator has more than 4300 digits
    try:
        assert code == 0 and Fraction(int(num), int(den)) == Fraction(8, 5) ** 5000
    finally:
        sys.set_int_max_str_digits(old)


def test_vc_step_json_contract(cli):
    code, out, _ = cli(["vc-step", "--K", "3", "--d", "3", "--alpha", "1/10", "--json"])
    data = json.loads(out)
    assert code == 0
    assert data["alpha_max"].startswith("0.152168061714") and len(data["alpha_max"]) >= 14
    assert "(10*E)**(1/10)" in data["alpha_max_exact"]
    assert data["alpha_ok"] is True and data["min_vc_dimension"] == 5
    assert data["paper_vc_bound"] == "9/20"
    code, out, _ = cli(["vc-step", "--K", "3", "--d", "3", "--alpha", "0.16", "--json"])
    assert json.loads(out)["alpha_ok"] is False


def test_table_defaults_and_formats(cli, tmp_path):
    code, out, _ = cli(["table", "bounds"])
    assert code == 0 and out.startswith("**Bound (1)") and "| 3 | 3 | 1/10 | 9 | 4 |" in out
    code, out, _ = cli(["table", "table1", "--d", "5", "--format", "latex"])
    assert code == 0 and r"\toprule" in out and "Thm 4.3" in out
    target = tmp_path / "vc.csv"
    code, out, _ = cli(["table", "vc", "--K", "2", "--d", "2", "--format", "csv",
                        "--out", str(target)])
    assert code == 0 and "wrote" in out
    assert target.read_text().splitlines()[0].startswith("K,d,")
    code, out, _ = cli(["table", "sizes", "--d", "4:5", "--bound", "w2logw", "--json"])
    data = json.loads(out)
    assert code == 0 and data["columns"][-2:] == ["M [w2logw]", "params [w2logw]"]
    assert [r[5] for r in data["rows"]] == [4, 6]


@pytest.mark.parametrize(
    "argv",
    [
        ["bound", "--K", "0", "--d", "3"],
        ["bound", "--K", "3", "--d", "1"],
        ["bound", "--K", "3", "--d", "3", "--alpha", "1/2"],
        ["bound", "--K", "3", "--d", "3", "--alpha", "zero"],
        ["bound", "--K", "10", "--d", "9"],
        ["bound", "--K", "3", "--d", "3", "--V", "99"],
        ["bound", "--K", "3"],
        ["vc-step", "--K", "2.5", "--d", "3"],
        ["vc-step", "--K", "3", "--d", "3", "--alpha", "-1"],
        ["table", "bounds", "--K", "5:1"],
        ["table", "table1", "--K", "3"],
        ["table", "sizes", "--bound", "nope"],
        ["table", "bounds", "--format", "xml"],
        ["table", "bounds", "--out", "/nonexistent-dir/x.md"],
        ["table", "table1", "--delta", "1/2"],
    ],
)
def test_bad_input_is_one_line(argv, cli):
    code, out, err = cli(argv)
    assert code == 2 and out == ""
    assert err.startswith("error:") and err.count("\n") == 1


def test_vc_step_scan(cli):
    code, out, _ = cli(["vc-step", "--K", "10", "--d", "3", "--scan-V", "--json"])
    data = json.loads(out)
    assert code == 0 and data["scan"]["best_V"] == 63 and data["scan"]["best_min_dimension"] == 16
    code, out, err = cli(["vc-step", "--K", "100", "--d", "3", "--scan-V"])
    assert code == 2 and err.startswith("error:") and err.count("\n") == 1


def test_sizes_exact_target(cli):
    code, out, _ = cli(["table", "sizes", "--eps", "1/10", "--d", "5:7", "--target", "exact",
                        "--bound", "w2logw", "--json"])
    data = json.loads(out)
    assert code == 0 and data["columns"][4] == "target (exact VC lower bound)"
    # K = 5, d = 7: n = 15625, exact VC lower bound from vc_step
    from verify.bounds import vc_step

    assert data["rows"][-1][4] == f"{vc_step(5, 7, '1/10').min_vc_dimension}/1"
    code, _, err = cli(["table", "sizes", "--target", "nope"])
    assert code == 2 and err.startswith("error: target must be")


def test_long_latex_tables_break_across_pages() -> None:
    from verify.tables import LONG_TABLE_ROWS, Table, render

    short = render(Table("T", ["a"], [[i] for i in range(3)], label="tab:x_y"), "latex")
    assert r"\begin{tabular}{r}" in short and r"\label{tab:x-y}" in short
    rows = [[i, f"r{i}"] for i in range(2 * LONG_TABLE_ROWS + 1)]
    long = render(Table("Long", ["n", "name"], rows, notes=["a note"], label="tab:l"), "latex")
    lines = long.splitlines()
    # three floats of at most LONG_TABLE_ROWS rows, each with the header, one scale for all
    assert long.count(r"\begin{table}") == long.count(r"\end{table}") == 3
    assert long.count(r"\verifyhead\verifypart") == 4  # measured once, then each part
    assert long.count(r"Table~\ref{tab:l} (continued)") == 2
    assert lines.count(r"\def\verifyhead{\toprule n & name \\ \midrule}") == 1
    assert sum(line.endswith(r"\\") for line in lines) == len(rows)
    assert long.count("a note") == 1 and lines[-1] == r"\endgroup"
