"""``verify report --conjectures FILE``: a user's conjectures as claims of the report."""

from __future__ import annotations

import json
import time

import pytest

from verify.cli import main
from verify.errors import InvalidArgument
from verify.report.conjectures import load_conjectures, run_conjectures

TOML = """
[[conjecture]]
id = "count-3h"
statement = "2-h-1 networks realize at most 2 sum_{i <= 3h} C(K^2 - 1, i) labelings"
formula = "count <= 2*sum(binomial(K**2 - 1, i), (i, 0, 3*h))"
sweep = { points = "grid:2..3:2", arch = "2-1..3-1" }

[[conjecture]]
id = "count-2h1"
statement = "the same with 2h + 1"
formula = "count <= 2*sum(binomial(K**2 - 1, i), (i, 0, 2*h + 1))"
points = "grid:2..3:2"
arch = "2-1..3-1"
"""


def test_conjectures_become_claims_of_the_report(tmp_path, capsys, cache, monkeypatch):
    monkeypatch.setenv("VERIFY_CACHE_DIR", cache)
    conj = tmp_path / "c.toml"
    conj.write_text(TOML, encoding="utf-8")
    out = tmp_path / "rep"
    argv = ["report", "--quick", "--claims", "prop-3.2-radius-eps", "--conjectures", str(conj),
            "--out", str(out), "--json", "--quiet"]
    assert main(argv) == 0
    payload = json.loads(capsys.readouterr().out)
    got = {c["id"]: (c["verdict"], c["evidence_kind"], c["reason"]) for c in payload["claims"]}
    assert got["conjecture-count-3h"][:2] == ("holds-on-instances", "exact+solver")
    assert got["conjecture-count-2h1"] == (
        "fails", "counterexample", "smallest counterexample grid:3:2 with 2-3-1: 512 > 510")
    results = json.loads((out / "results.json").read_text())
    claim = next(c for c in results["claims"] if c["id"] == "conjecture-count-3h")
    assert claim["statement"].startswith("2-h-1 networks") and claim["evidence"]["instances"] == 6
    assert [e["points"] for e in claim["evidence"]["equality"]] == ["grid:2:2", "grid:2:2",
                                                                     "grid:3:2"]
    tex = (out / "tables" / "conjecture-count-2h1.tex").read_text()
    assert "\\toprule" in tex and "grid:3:2 & 2-3-1 & 512 & 510 & $-2$ & fails" in tex
    assert "conjecture-count-2h1" in (out / "report.md").read_text()
    # a second run reads both conjectures from the report's cache
    assert main(argv) == 0
    again = json.loads(capsys.readouterr().out)
    assert {"conjecture-count-3h", "conjecture-count-2h1"} <= set(again["from_cache"])


@pytest.mark.parametrize("text, fragment", [
    ("[[conjecture]]\nid = 'a'\nformula = 'count <= n'\n", "'statement' is missing"),
    ("[[conjecture]]\nstatement = 's'\nformula = 'count <= n'\ncolour = 'red'\n",
     "unknown key 'colour'"),
    ("[[conjecture]]\nstatement = 's'\nformula = 'count <= x'\npoints = 'cube:2'\n"
     "arch = 'halfspaces'\n", "conjecture 1 (1): formula: unknown name 'x'"),
    ("[[conjecture]]\nstatement = 's'\nformula = 'count <= K'\npoints = 'cube:2'\n"
     "arch = 'halfspaces'\n", "uses K"),
    ("[[conjecture]]\nid = 'a'\nstatement = 's'\nformula = 'n <= 9'\npoints = 'cube:2'\n"
     "[[conjecture]]\nid = 'a'\nstatement = 's'\nformula = 'n <= 9'\npoints = 'cube:2'\n",
     "id 'a' is used twice"),
    ("[[conjecture]]\nid = 'a b'\nstatement = 's'\nformula = 'n <= 9'\n", "must be letters"),
    ("title = 'nothing'\n", "names no conjecture"),
    ("[[conjecture\n", "is not TOML"),
])
def test_bad_files_are_refused_before_any_work(tmp_path, text, fragment):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidArgument) as exc:
        load_conjectures(str(path))
    assert fragment in str(exc.value) and str(exc.value).startswith("--conjectures:")


def test_json_files_and_the_command_line_error(tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"conjectures": [
        {"id": "cover", "statement": "Cover's bound",
         "formula": "count <= 2*sum(binomial(n - 1, i), (i, 0, d))",
         "sweep": {"points": "cube:2..3", "arch": "halfspaces"}}]}), encoding="utf-8")
    (spec,) = load_conjectures(str(path))
    (claim,) = run_conjectures([spec])
    assert claim["verdict"] == "holds-on-instances" and claim["evidence_kind"] == "exact"
    assert main(["report", "--conjectures", str(tmp_path / "missing.toml"),
                 "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: --conjectures:")


def test_a_conjecture_past_the_time_limit_is_out_of_reach(tmp_path, monkeypatch):
    import verify.report.conjectures as rc

    path = tmp_path / "c.toml"
    path.write_text("[[conjecture]]\nid = 'slow'\nstatement = 's'\nformula = 'n <= 9'\n"
                    "points = 'cube:2'\n", encoding="utf-8")
    (spec,) = load_conjectures(str(path))

    def slow(_spec):
        time.sleep(30)
        raise AssertionError("not reached")

    monkeypatch.setattr(rc, "conjecture_claim", slow)
    (claim,) = run_conjectures([spec], tmp_path / "cache", time_limit=0.5)
    assert claim["verdict"] == "out-of-reach" and "time limit" in claim["reason"]
    assert not list((tmp_path / "cache").glob("*.json"))   # not cached: retried next time


def test_an_edited_cache_entry_is_reported_and_recomputed(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[[conjecture]]\nid = 'cover'\nstatement = 's'\n"
                    "formula = 'count <= 2*sum(binomial(n - 1, i), (i, 0, d))'\n"
                    "points = 'cube:2'\narch = 'halfspaces'\n", encoding="utf-8")
    (spec,) = load_conjectures(str(path))
    cdir = tmp_path / "cache"
    (first,) = run_conjectures([spec], cdir)
    (entry,) = cdir.glob("*.json")
    stored = json.loads(entry.read_text())
    assert stored["result"] == first and len(stored["sha256"]) == 64
    stored["result"]["verdict"] = "fails"                     # edited by hand
    entry.write_text(json.dumps(stored))
    problems: list[str] = []
    seen: list[bool] = []
    (again,) = run_conjectures([spec], cdir, on_done=lambda _i, _r, c: seen.append(c),
                               on_cache_problem=problems.append)
    assert again["verdict"] == "holds-on-instances" and seen == [False]
    assert len(problems) == 1 and "does not match its digest" in problems[0]
    (third,) = run_conjectures([spec], cdir, on_done=lambda _i, _r, c: seen.append(c))
    assert third == first and seen == [False, True]
