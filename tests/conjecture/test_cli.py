"""``verify conjecture``: exit codes, the JSON contract, tables, bad input."""

from __future__ import annotations

import json

import pytest

EX1 = "count <= 2*sum(binomial(K**2 - 1, i), (i, 0, 2*h + 1))"


def run(cli, argv, code):
    """``verify conjecture ARGV`` through the shared ``cli`` fixture; its stdout."""
    got = cli(["conjecture", *argv, "--quiet"])
    assert got.code == code, got.err
    return got.out


def test_json_contract_of_a_failing_conjecture(cli, cache):
    out = run(cli, [EX1, "--points", "grid:2..3:2", "--arch", "2-1..3-1", "--cache-dir",
                       cache, "--json"], 1)
    data = json.loads(out)  # exactly one JSON object
    assert data["verdict"] == "fails" and data["instances"] == 6
    ce = data["counterexample"]
    assert {k: ce[k] for k in ("points", "arch", "lhs", "rhs")} == {
        "points": "grid:3:2", "arch": "2-3-1", "lhs": "512/1", "rhs": "510/1"}
    assert ce["evidence"]["count"] == 512
    assert [(e["points"], e["arch"]) for e in data["equality"]] == [
        ("grid:2:2", "2-2-1"), ("grid:2:2", "2-3-1")]
    assert data["tightest"][0]["slack"] == "0/1"
    for row in data["rows"]:
        assert {"points", "arch", "lhs", "rhs", "slack", "verdict"} <= set(row)


def test_exit_codes_and_text(cli, cache):
    out = run(cli, ["count <= sum(binomial(n, i), (i, 0, vc))", "--points", "cube:2..3",
                       "--arch", "halfspaces", "--cache-dir", cache], 0)
    assert "HOLDS on all 2 instances" in out and "| cube:3 | halfspaces | 104 | 163 |" in out
    out = run(cli, ["count >= 4594", "--points", "grid:4:2", "--arch", "2-2-1",
                       "--budget", "0.01", "--no-cache"], 3)
    assert "UNKNOWN" in out and "certified bounds on count" in out


def test_table_formats(cli, cache, tmp_path):
    args = ["count <= 2**(d + 1)", "--points", "cube:1..3", "--arch", "halfspaces",
            "--cache-dir", cache]
    latex = run(cli, [*args, "--format", "latex"], 1)
    assert "\\toprule" in latex and "\\bottomrule" in latex
    assert "cube:2 & halfspaces & 14 & 8 & $-6$ & fails" in latex  # a true minus sign
    csv = run(cli, [*args, "--format", "csv"], 1)
    assert csv.splitlines()[0] == "points,class,count,2**(d + 1),slack,verdict"
    assert "cube:3,halfspaces,104,16,-88,fails" in csv
    table = json.loads(run(cli, [*args, "--format", "json"], 1))
    assert table["rows"][0] == ["cube:1", "halfspaces", "4/1", "4/1", "0/1", "holds"]
    target = tmp_path / "t.tex"
    out = run(cli, [*args, "--out", str(target)], 1)
    assert "table written to" in out and "\\toprule" in target.read_text()


def test_intervals_in_json_and_table(cli, cache):
    out = run(cli, ["n*log(2) < log(2**n + 1)", "--points", "cube:6", "--json"], 0)
    row = json.loads(out)["rows"][0]
    assert isinstance(row["lhs"], list) and len(row["lhs"]) == 2 and row["bits"] == 128
    lo, hi = (int(t.split("/")[0]) / int(t.split("/")[1]) for t in row["slack"])
    assert 0 < lo <= hi
    md = run(cli, ["n*log(2) < log(2**n + 1)", "--points", "cube:6"], 0)
    assert "certified interval" in md


@pytest.mark.parametrize("argv, fragment", [
    (["count <= x", "--points", "cube:2", "--arch", "halfspaces"], "unknown name 'x'"),
    (["count <= n", "--points", "grid:2..x:2", "--arch", "halfspaces"], "'2..x'"),
    (["count <= n", "--points", "cube:2", "--arch", "2-1..0-1"], "the range '1..0' is empty"),
    (["count <= K", "--points", "cube:2", "--arch", "halfspaces"], "uses K"),
    (["count <= n", "--points", "cube:2", "--arch", "halfspaces", "--seed", "3"],
     "--seed applies with --search only"),
    (["count <= n", "--points", "cube:2", "--arch", "halfspaces", "--budget", "-1"],
     "timeout must be a positive number"),
    (["count <= n", "--points", "cube:2", "--arch", "halfspaces", "--max-bits", "8"],
     "max_bits must be >= 64"),
    (["__import__('os').system('echo hacked') <= 1", "--points", "cube:2"], "unknown name"),
])
def test_bad_input_is_one_error_line(cli, argv, fragment):
    line = cli.error(["conjecture", *argv])
    assert fragment in line, line


def test_search_from_the_command_line(cli, tmp_path):
    out = run(cli, ["count <= 2*n", "--arch", "halfspaces", "--search", "--search-sizes",
                       "3..5", "--search-seconds", "30", "--cache-dir", str(tmp_path),
                       "--json"], 1)
    data = json.loads(out)
    assert data["search"]["found"] and data["counterexample"]["n"] == 3


def test_latex_tables_compile_with_booktabs(cli, cache, compile_latex):
    bodies = []
    for argv in (["count >= 2**n", "--points", "cube:1..3", "--arch", "halfspaces"],
                 ["n*log(2) < log(2**n + 1)", "--points", "cube:2..3"],
                 ["Pi <= sum(binomial(m, i), (i, 0, vc)) and vc <= d + 1", "--points",
                  "cube:2", "--arch", "halfspaces", "--m", "2..3"]):
        got = cli(["conjecture", *argv, "--cache-dir", cache, "--format", "latex",
                   "--quiet"])
        assert got.code in (0, 1), got.err
        bodies.append(got.out)
    assert all("\\toprule" in b for b in bodies)
    # the sides are typeset in the header (sympy's LaTeX of each side)
    assert "& $\\mathrm{count}$ & $2^{n}$ &" in bodies[0]
    assert "& left side & right side &" in bodies[2]   # several inequalities: #1, #2 in notes
    compile_latex(bodies)
