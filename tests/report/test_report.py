"""The report: content of every file, LaTeX structure, determinism, cache, bad input."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import z3

from proofs import claim_ids
from proofs.claim import VERDICT_WORDS, VERDICTS, ClaimResult
from verify.cli import main
from verify.errors import BudgetExceeded, InvalidArgument, SolverError
from verify.report import runner
from verify.report.writer import write_report

# The claims of the second, independent run (the determinism test): the 18 claims that take
# under half a second each at the quick size, among them claims with figures (vc_step,
# thm34_size), certificates (thm-3.4-shattering), tables and a counterexample.  The other
# ten (2 to 5 s each) are run once, in the full report.
_TWICE = ("thm-2.3-as-printed,thm-2.3-intended,prop-3.2-robust,prop-3.2-radius-eps,"
          "thm-3.4-shattering,thm-3.4-size,thm-4.3-eq1,thm-4.3-envelope,thm-4.3-vc-step,"
          "thm-4.5,thm-5.5-size,thm-5.8-range,thm-5.8-quantifiers,thm-5.8-packing-constant,"
          "thm-5.8-log-factor,lemma-5.6-ratio,prop-a.7-a.9-covering-packing,table-1-rows")
# The files of the whole report rather than of its claims.
_REPORT_FILES = {"report.md", "report.html", "results.json", "findings.md"}


@pytest.fixture(scope="module")
def quick_reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The whole --quick report (in-process) and, in a new process at the same time, the
    --quick report of the claims :data:`_TWICE`, into two fresh directories.

    The two runs are independent (nothing is shared: each has its own output and
    cache directory); the new process is started first.
    """
    a = tmp_path_factory.mktemp("report_a")
    b = tmp_path_factory.mktemp("report_b")
    with subprocess.Popen([sys.executable, "-m", "verify", "report", "--quick", "--quiet",
                           "--claims", _TWICE, "--out", str(b)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as proc:
        try:
            assert main(["report", "--quick", "--quiet", "--out", str(a)]) == 0
            _, err = proc.communicate(timeout=600)
        finally:
            if proc.poll() is None:  # a failure above: the other run is not left behind
                proc.kill()
                proc.communicate()
    assert proc.returncode == 0, err
    return a, b


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def test_report_is_byte_identical_across_runs(quick_reports: tuple[Path, Path],
                                              tmp_path: Path) -> None:
    a, b = quick_reports
    assert main(["report", "--quick", "--quiet", "--claims", _TWICE, "--out", str(tmp_path)]) == 0
    fa, fb, fc = _files(a), _files(b), _files(tmp_path)
    # the same claims run twice (in two processes) give the same files, byte for byte
    assert sorted(fb) == sorted(fc)
    assert {k for k in fb if fb[k] != fc[k]} == set()
    # and each claim's files (page, tables, figures, certificates) are those of the whole
    # report: they depend on the claim only
    assert {k for k in fb if k not in _REPORT_FILES and fa.get(k) != fb[k]} == set()
    assert any(k.startswith("figures/") for k in fb) and any(k.startswith("certificates/")
                                                            for k in fb)
    assert any(k.endswith(".tex") for k in fb) and any(k.endswith(".csv") for k in fb)
    assert _REPORT_FILES <= set(fb) and len(fb) < len(fa)


def test_results_json_contract(quick_reports: tuple[Path, Path]) -> None:
    data = json.loads((quick_reports[0] / "results.json").read_text())
    claims = data["claims"]
    assert [c["id"] for c in claims] == claim_ids()
    for c in claims:
        assert isinstance(c["id"], str) and c["verdict"] in VERDICTS
        assert isinstance(c["evidence"], dict)
    by_id = {c["id"]: c for c in claims}
    assert by_id["prop-3.2-radius-eps"]["verdict"] == "fails"
    assert by_id["thm-4.3-eq1"]["verdict"] == "proved-corrected"
    assert by_id["thm-5.8-counting"]["verdict"] == "holds-on-instances"
    for c in claims:  # every verdict carries its evidence kind and a one-line reason
        assert c["evidence_kind"] and "\n" not in c["reason"] and c["reason"]
        assert c["verdict_words"] == VERDICT_WORDS[c["verdict"]]
    # no timings anywhere in the machine-readable results
    assert '"seconds"' not in (quick_reports[0] / "results.json").read_text()
    assert data["files"] == sorted(data["files"]) and "report.md" in data["files"]
    assert "report.html" in data["files"] and "claims/thm-4.3-eq1.md" in data["files"]
    prov = data["provenance"]
    assert prov["command"] == "verify report --quick" and prov["options"]["size"] == "quick"
    assert set(prov["versions"]) >= {"python", "z3", "python-sat", "numpy", "scipy", "verify"}


def test_findings_md_is_the_readme_section_of_the_run(quick_reports: tuple[Path, Path]) -> None:
    from verify.report.findings import findings_markdown

    data = json.loads((quick_reports[0] / "results.json").read_text())
    text = (quick_reports[0] / "findings.md").read_text()
    assert text == findings_markdown(data["claims"], "quick")
    assert all(f"| {c} | " in text for c in claim_ids())


def test_report_md_has_every_claim_with_evidence(quick_reports: tuple[Path, Path]) -> None:
    main_page = (quick_reports[0] / "report.md").read_text()
    data = json.loads((quick_reports[0] / "results.json").read_text())
    pages = {c["id"]: (quick_reports[0] / "claims" / f"{c['id']}.md").read_text()
             for c in data["claims"]}
    for c in data["claims"]:
        for page in (main_page, pages[c["id"]]):
            assert f"## {c['id']}: {c['title']}" in page
            assert c["explanation"] in page
            assert f"(`{c['verdict']}`; evidence: " in page
        assert f"[claims/{c['id']}.md](claims/{c['id']}.md)" in main_page
    # report.md is short: details (tables, evidence) are on the claims' pages
    # (27 claims with a paragraph of explanation each: about 2 KB per claim)
    assert len(main_page) < 2_500 * len(data["claims"]) and "```json" not in main_page
    assert "## Provenance" in main_page and "- command: `verify report --quick`" in main_page
    assert "python-sat" in main_page and "numpy" in main_page
    text = main_page + "".join(pages.values())
    # the counterexample of Proposition 3.2 at radius eps is shown with exact coordinates
    assert 'Values marked "numeric"' in text  # floats shown for display are declared so
    assert "| 1 | inf | (1/4) | 0 | 1 | 0 |" in text  # d, norm, x', f*(x'), errors at ε, 99ε/100
    assert '"perturbed_point": ["1/4", "0/1"]' in text
    assert text.count("<details>") == len(data["claims"]) == text.count("</details>")
    for fig in (quick_reports[0] / "figures").iterdir():
        assert f"](figures/{fig.name})" in main_page and f"](../figures/{fig.name})" in text


def test_latex_tables_are_booktabs_and_balanced(quick_reports: tuple[Path, Path]) -> None:
    texs = sorted((quick_reports[0] / "tables").glob("*.tex"))
    assert len(texs) >= 8
    for tex in texs:
        # (a wrapped text column's spec ">{\raggedright...}X" is not text)
        body = tex.read_text().replace(r">{\raggedright\arraybackslash}X", "X")
        # a table float per part of at most 40 rows, each a tabular (or tabularx)
        parts = body.count(r"\begin{table}")
        assert parts >= 1 and body.count(r"\end{table}") == parts
        assert body.count(r"\begin{tabular") - body.count(r"\setbox0") == parts
        assert body.index(r"\toprule") < body.index(r"\midrule") < body.index(r"\bottomrule")
        assert r"\hline" not in body
        assert body.isascii(), f"{tex.name}: non-ASCII characters would need unicode LaTeX"
        spec = re.search(r"\\begin\{tabularx?\}(?:\{\\linewidth\})?\{([lrcX]+)\}", body)
        ncols = len(spec.group(1))  # type: ignore[union-attr]
        for line in body.splitlines():
            if line.endswith(r"\\") and not line.startswith((r"\caption", r"\def")):
                # every row has the declared number of cells (escaped & are not separators)
                assert len(re.split(r"(?<!\\)&", line)) == ncols, (tex.name, line)
        # no bare < or > in text mode (OT1 fonts print them as inverted punctuation)
        text_mode = re.sub(r"\$[^$]*\$", "", re.sub(r"\\ifdim\\\w+>", "", body))
        assert not re.search(r"[<>]", text_mode), tex.name
        # special characters are escaped: no bare underscore, percent or caret (the
        # comment on the first line and line ends "%" are comments on purpose)
        text_mode = "\n".join(line.removesuffix("%") for line in text_mode.splitlines()[1:])
        assert not re.search(r"(?<!\\)[_%#]", text_mode.replace(r"\_", "")), tex.name
    eq1 = (quick_reports[0] / "tables" / "eq1.tex").read_text()
    assert r"lhs $\geq$ middle" in eq1
    if eq1.count(r" \\") > 45:  # more rows than fit on a page: parts that repeat the header
        assert eq1.count(r"\verifyhead\verifypart") >= 3 and "(continued)" in eq1


def test_csv_tables_match_results(quick_reports: tuple[Path, Path]) -> None:
    data = json.loads((quick_reports[0] / "results.json").read_text())
    tables = {t["name"]: t for c in data["claims"] for t in c.get("tables", [])}
    for path in sorted((quick_reports[0] / "tables").glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text())))
        t = tables[path.stem]
        assert rows[0] == t["columns"]
        assert len(rows) - 1 == len(t["rows"])
    # exact values: equation (1) at K=2, d=2 (n=2, V=1, a=2) holds at every step
    eq1 = list(csv.reader(io.StringIO((quick_reports[0] / "tables" / "eq1.csv").read_text())))
    assert ["2", "2", "0", "2", "1", "2", "yes", "yes", "yes"] in eq1


def test_pngs_are_deterministic_pngs(quick_reports: tuple[Path, Path]) -> None:
    pngs = sorted((quick_reports[0] / "figures").glob("*.png"))
    names = {p.stem for p in pngs}
    assert {"vc_step", "growth_profiles", "thm58_counting"} <= names
    for p in pngs:
        data = p.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"Software" not in data  # fixed metadata: no matplotlib version stamp
        width = int.from_bytes(data[16:20], "big")
        assert width >= 3.3 * 300 * 0.9  # 300 dpi: a 3.4 in panel is about 1000 pixels wide
        # vector versions beside it, without dates or version stamps
        pdf = p.with_suffix(".pdf").read_bytes()
        svg = p.with_suffix(".svg").read_text()
        assert pdf.startswith(b"%PDF") and b"CreationDate" not in pdf
        assert svg.lstrip().startswith("<?xml") and "<dc:date>" not in svg


def test_cache_resumes_without_recomputing(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "code_version", lambda: "fixed")
    ids = ["thm-5.8-counting", "prop-3.2-radius-eps"]
    first = runner.run_claims(ids, "quick", tmp_path)
    assert sorted(p.name.split("-")[0] for p in tmp_path.glob("*.json")) == ["prop", "thm"]

    def boom(*_a: Any, **_k: Any) -> ClaimResult:
        raise AssertionError("a cached claim was recomputed")

    monkeypatch.setattr(runner, "run_claim", boom)
    seen: list[bool] = []
    second = runner.run_claims(ids, "quick", tmp_path,
                               on_done=lambda _i, _r, cached: seen.append(cached))
    assert second == first and seen == [True, True]
    # a different size is a different input: not taken from the cache
    with pytest.raises(AssertionError, match="recomputed"):
        runner.run_claims(["thm-5.8-counting"], "default", tmp_path)


def test_interrupted_run_keeps_finished_claims(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "code_version", lambda: "fixed")
    real = runner.run_claim
    calls: list[str] = []

    def interrupt_second(cid: str, size: str) -> ClaimResult:
        calls.append(cid)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(cid, size)

    monkeypatch.setattr(runner, "run_claim", interrupt_second)
    with pytest.raises(KeyboardInterrupt):
        runner.run_claims(["thm-5.8-counting", "prop-3.2-radius-eps"], "quick", tmp_path)
    assert len(list(tmp_path.glob("thm-5.8-counting-*.json"))) == 1
    monkeypatch.setattr(runner, "run_claim", real)
    calls.clear()
    out = runner.run_claims(["thm-5.8-counting", "prop-3.2-radius-eps"], "quick", tmp_path,
                            on_done=lambda cid, _r, cached: calls.append(f"{cid}:{cached}"))
    assert calls == ["thm-5.8-counting:True", "prop-3.2-radius-eps:False"]
    assert [c["verdict"] for c in out] == ["holds-on-instances", "fails"]


def test_broken_check_is_an_error_and_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import proofs.thm_5_8_counting as mod

    def broken(**_k: Any) -> ClaimResult:
        raise ImportError("cannot import name 'something' from 'verify.bounds'")

    monkeypatch.setattr(mod, "check", broken)
    out = runner.run_claims(["thm-5.8-counting", "prop-3.2-radius-eps"], "quick", tmp_path)
    assert out[0]["verdict"] == "error" and out[0]["evidence_kind"] == "none"
    assert out[0]["evidence"]["error"].startswith("ImportError: cannot import name")
    assert out[0]["evidence"]["where"].startswith("test_report.py:")
    assert out[1]["verdict"] == "fails"
    assert not list(tmp_path.glob("thm-5.8-counting-*.json"))  # errors are not cached
    files = write_report(tmp_path / "r", out, "quick")
    assert "report.md" in files and "results.json" in files


@pytest.mark.parametrize("exc, verdict", [
    (SolverError("z3 crashed"), "out-of-reach"),
    (TimeoutError("z3 canceled"), "out-of-reach"),
    (z3.Z3Exception("resource limit"), "out-of-reach"),
    (BudgetExceeded("needs about 15 GiB"), "out-of-reach"),
    (ZeroDivisionError("division by zero"), "error"),
    (KeyError("eps"), "error"),
    # the claim's own default parameters refused: a bug in the claim, not a verdict
    (InvalidArgument("eps out of range"), "error"),
])
def test_only_named_failures_are_out_of_reach(exc: Exception, verdict: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import proofs.thm_5_8_counting as mod
    from proofs import run_claim

    def broken(**_k: Any) -> ClaimResult:
        raise exc

    monkeypatch.setattr(mod, "check", broken)
    r = run_claim("thm-5.8-counting", "quick")
    assert r.verdict == verdict and type(exc).__name__ in r.evidence["error"]
    assert r.reason and "\n" not in r.reason


def test_error_verdict_exits_non_zero(tmp_path: Path, cli,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import proofs.thm_5_8_counting as mod

    def broken(**_k: Any) -> ClaimResult:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(mod, "check", broken)
    code, out, _ = cli(["check", "thm-5.8-counting", "--quick"])
    assert code == 1 and "verdict: error (error)" in out
    assert "ZeroDivisionError: division by zero" in out
    code, out, _ = cli(["report", "--quick", "--claims", "thm-5.8-counting,prop-3.2-radius-eps",
                         "--out", str(tmp_path)])
    assert code == 1
    assert "1 check(s) ended in error (a bug in the check, not a verdict): thm-5.8-counting" in out
    assert "\x1b[" not in out  # no colour codes when stdout is not a terminal
    code, out, _ = cli(["report", "--quick", "--claims", "thm-5.8-counting", "--json",
                         "--out", str(tmp_path)])
    assert code == 1 and json.loads(out)["errors"] == ["thm-5.8-counting"]


def test_error_is_red_on_a_terminal() -> None:
    from verify.report.writer import summary_text

    claims = [{"id": "a", "verdict": "error", "evidence_kind": "none", "reason": "bug"},
              {"id": "b", "verdict": "proved", "evidence_kind": "symbolic", "reason": "[0,1]^d"}]
    text = summary_text(claims, color=True)
    assert "\x1b[1;31m" in text and "[0,1]^d" in text
    assert "\x1b[" not in summary_text(claims)


def test_check_command_json_and_list(cli) -> None:
    code, out, err = cli(["check", "--list", "--json"])
    assert code == 0 and err == ""
    assert [c["id"] for c in json.loads(out)["claims"]] == claim_ids()
    code, out, _ = cli(["check", "thm-5.8-counting", "--quick", "--json"])
    obj = json.loads(out)
    assert code == 0 and obj["id"] == "thm-5.8-counting"
    assert obj["verdict"] == "holds-on-instances" and obj["evidence_kind"] == "exact"
    assert obj["evidence"]["alpha0"]["decimal"].startswith("0.32756241")
    code, out, _ = cli(["check", "prop-3.2-radius-eps", "--quick"])
    assert code == 0 and "verdict: fails (fails)" in out and "evidence kind: counterexample" in out


@pytest.mark.parametrize("argv, message", [
    (["check", "no-such-claim"], "unknown claim id 'no-such-claim'"),
    (["check"], "give a claim id"),
    (["check", "thm-4.3-eq1", "--list"], "either a claim id or --list"),
    (["report", "--out", "", "--claims", "thm-5.8-counting"], "--out: give a directory"),
    (["report", "--claims", "thm-4.3-eq1,bogus", "--out", "{tmp}/r"], "unknown claim id 'bogus'"),
    (["report", "--out", "/proc/verify-report"], "cannot write the report to /proc/"),
    (["report", "--quick", "--full"], "not allowed with argument"),
    (["report", "--claims", " , ", "--out", "{tmp}/r"], "give at least one claim id"),
])
def test_bad_input_is_one_line_exit_2(argv: list[str], message: str, tmp_path: Path,
                                      cli) -> None:
    code, out, err = cli([a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert code == 2 and out == ""
    assert err.startswith("error:") and err.count("\n") == 1 and message in err


def test_unwritable_file_in_place_of_directory(tmp_path: Path,
                                               cli) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = cli(["report", "--claims", "thm-5.8-counting", "--out", str(blocker)])
    assert code == 2 and err.startswith("error: cannot write the report to")
    assert err.endswith(": it is a file, not a directory\n")


def test_report_json_payload(tmp_path: Path, cli) -> None:
    code, out, _ = cli(["report", "--quick", "--claims", "thm-5.8-counting", "--json",
                         "--out", str(tmp_path)])
    obj = json.loads(out)
    assert code == 0 and obj["size"] == "quick"
    assert obj["claims"][0]["id"] == "thm-5.8-counting"
    assert set(obj["claims"][0]) == {"id", "verdict", "evidence", "evidence_kind", "reason"}
    assert "tables/thm58_counting.tex" in obj["files"]


def test_corrupt_cache_entry_is_recomputed(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "code_version", lambda: "fixed")
    first = runner.run_claims(["prop-3.2-radius-eps"], "quick", tmp_path)
    (entry,) = tmp_path.glob("prop-3.2-radius-eps-*.json")
    entry.write_text("{ truncated")
    seen: list[bool] = []
    again = runner.run_claims(["prop-3.2-radius-eps"], "quick", tmp_path,
                              on_done=lambda _i, _r, cached: seen.append(cached))
    assert seen == [False] and again == first
    assert json.loads(entry.read_text())["result"]["verdict"] == "fails"


def test_text_summary_and_no_cache(tmp_path: Path, cli,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "code_version", lambda: "fixed")
    # (claims without figures: the report is written three times, figures take seconds each)
    args = ["report", "--quick", "--claims", "prop-3.2-radius-eps,thm-5.8-range",
            "--out", str(tmp_path)]
    code, out, _ = cli(args)
    assert code == 0
    assert "prop-3.2-radius-eps" in out and "fails" in out
    assert f"report written to {tmp_path}/report.md" in out
    code, out, _ = cli(args)
    assert "0 claim(s) computed, 2 read from the cache" in out
    code, out, _ = cli([*args, "--no-cache"])
    assert code == 0 and "2 claim(s) computed, 0 read from the cache" in out


def test_broken_figure_renderer_does_not_stop_the_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from verify.report import writer

    def broken(_fig: dict[str, Any]) -> dict[str, bytes]:
        raise ImportError("No module named 'matplotlib'")

    monkeypatch.setattr(writer, "figure_files", broken)
    claims = runner.run_claims(["thm-5.8-counting"], "quick")
    files = write_report(tmp_path, claims, "quick")
    assert not any(f.startswith("figures/") for f in files)
    assert "tables/thm58_counting.tex" in files
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["problems"] == ["figure thm58_counting: ImportError: No module named "
                                   "'matplotlib'"]
    assert "## Problems while writing the report" in (tmp_path / "report.md").read_text()


def test_table_files_end_with_newline_and_labels_are_plain(
        quick_reports: tuple[Path, Path]) -> None:
    for path in (quick_reports[0] / "tables").iterdir():
        text = path.read_text()
        assert text.endswith("\n") and not text.endswith("\n\n")
        if path.suffix == ".tex":
            label = re.search(r"\\label\{([^}]*)\}", text).group(1)  # type: ignore[union-attr]
            assert re.fullmatch(r"tab:[a-z0-9-]+", label), label


def test_every_quick_verdict(quick_reports: tuple[Path, Path]) -> None:
    data = json.loads((quick_reports[0] / "results.json").read_text())
    assert {c["id"]: c["verdict"] for c in data["claims"]} == {
        "thm-2.2-linf": "holds-on-instances",
        "thm-2.2-l2": "holds-on-instances",
        "thm-2.3-as-printed": "fails",
        "thm-2.3-intended": "holds-with-correction",
        "prop-3.2-lipschitz": "holds-on-instances",
        "prop-3.2-robust": "holds-on-instances",
        "prop-3.2-radius-eps": "fails",
        "thm-3.3-interpolant": "holds-on-instances",
        "thm-3.4-shattering": "holds-on-instances",
        "thm-3.4-size": "holds-with-correction",
        "thm-4.3-construction-linf": "holds-on-instances",
        "thm-4.3-construction-l2": "holds-with-correction",
        "thm-4.3-eq1": "proved-corrected",
        "thm-4.3-vc-step": "proved-corrected",
        "thm-4.3-envelope": "holds-with-correction",
        "thm-4.3-size-step": "holds-with-correction",
        "thm-4.3-double-counting": "holds-on-instances",
        "thm-4.5": "proved-corrected",
        "thm-5.5-size": "holds-with-correction",
        "lemma-5.6-ratio": "fails",
        "thm-5.8-counting": "holds-on-instances",
        "thm-5.8-packing-constant": "holds-with-correction",
        "thm-5.8-range": "holds-with-correction",
        "thm-5.8-log-factor": "holds-with-correction",
        "thm-5.8-quantifiers": "fails",
        "lemma-a.4-sauer-shelah": "holds-on-instances",
        "prop-a.7-a.9-covering-packing": "holds-with-correction",
        "table-1-rows": "consistent-not-informative",
    }


def test_time_limit_stops_a_hanging_claim(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import proofs.thm_5_8_counting as mod

    def hang(**_k: Any) -> ClaimResult:
        time.sleep(60)
        raise AssertionError("not reached")

    monkeypatch.setattr(mod, "check", hang)
    start = time.monotonic()
    out = runner.run_claims(["thm-5.8-counting", "prop-3.2-radius-eps"], "quick", tmp_path,
                            time_limit=1)
    assert time.monotonic() - start < 30
    assert out[0]["verdict"] == "out-of-reach"
    assert out[0]["evidence"]["error"] == "time limit of 1 s per claim reached"
    assert out[1]["verdict"] == "fails"  # the run went on
    assert not list(tmp_path.glob("thm-5.8-counting-*.json"))  # a time-out is not cached


def test_crashing_child_is_out_of_reach(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import proofs.thm_5_8_counting as mod

    def die(**_k: Any) -> ClaimResult:
        os._exit(3)

    monkeypatch.setattr(mod, "check", die)
    (out,) = runner.run_claims(["thm-5.8-counting"], "quick", None, time_limit=30)
    assert out["verdict"] == "out-of-reach"
    assert "ended without a result (exit code 3)" in out["evidence"]["error"]


def test_bad_time_limit(tmp_path: Path, cli) -> None:
    code, _, err = cli(["report", "--time-limit", "soon", "--out", str(tmp_path)])
    assert code == 2 and err.startswith("error: --time-limit must be an integer")


@pytest.mark.parametrize("limit", [None, 30])
def test_claims_run_without_inner_progress_bars(limit: int | None, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import proofs.thm_5_8_counting as mod
    import verify.progress as vp

    real = mod.check

    def spy(**k: Any) -> ClaimResult:
        r = real(**k)
        # a nested rich bar inside the report's own bar would raise LiveError on a terminal
        return ClaimResult(r.id, r.title, r.statement, r.parameters, r.verdict,
                           {**r.evidence, "quiet_inside": vp._QUIET}, r.explanation)

    monkeypatch.setattr(mod, "check", spy)
    vp.set_quiet(False)
    (out,) = runner.run_claims(["thm-5.8-counting"], "quick", None, time_limit=limit)
    assert out["evidence"]["quiet_inside"] is True
    assert vp._QUIET is False  # restored afterwards


def _write_pid(path: Path) -> None:
    """This process's pid into ``path``, atomically: the file never exists empty (a reader
    that sees it, or a stop right after it appears, finds the whole pid)."""
    import os

    tmp = path.with_suffix(".tmp")
    tmp.write_text(str(os.getpid()))
    tmp.replace(path)


@pytest.mark.usefixtures("terminal_sigint")
def test_ctrl_c_during_a_claim_gives_no_child_traceback(
        capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group: only the parent reports it, and the
    child is stopped.  Deterministic: wherever the parent's KeyboardInterrupt lands
    after the fork (SIGINT is held back and only recorded while the child starts), the child is
    stopped before run_claims returns; no timing is asserted."""
    import os
    import signal
    import time

    import proofs.thm_5_8_counting as mod

    pid_file = tmp_path / "child.pid"

    def interrupted(**_k: Any) -> ClaimResult:
        _write_pid(pid_file)
        os.kill(os.getpid(), signal.SIGINT)   # what the terminal sends to the child ...
        os.kill(os.getppid(), signal.SIGINT)  # ... and to the parent
        time.sleep(60)
        raise AssertionError("not reached")

    monkeypatch.setattr(mod, "check", interrupted)
    with pytest.raises(KeyboardInterrupt):
        runner.run_claims(["thm-5.8-counting"], "quick", None, time_limit=120)
    child = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):  # stopped and reaped, not left sleeping
        os.kill(child, 0)
    _, err = capfd.readouterr()
    assert "Traceback" not in err and "ForkProcess" not in err


@pytest.mark.usefixtures("terminal_sigint")
def test_ctrl_c_while_the_child_starts_stops_the_child(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A Ctrl-C received by another thread of the process while the child starts (its
    SIGINT mask holds only for the thread that starts it) has Python run the SIGINT
    handler in the middle of ``start``: that handler is run there on purpose, and the
    child must still be stopped and reaped (it once slept on, left behind)."""
    import multiprocessing.context as mpc
    import os
    import signal
    import time

    import proofs.thm_5_8_counting as mod

    pid_file = tmp_path / "child.pid"

    def sleeping(**_k: Any) -> ClaimResult:
        _write_pid(pid_file)
        time.sleep(60)
        raise AssertionError("not reached")

    real_start = mpc.ForkProcess.start

    def start_then_ctrl_c(self: Any) -> None:
        real_start(self)
        for _ in range(6000):  # until the child runs the claim (at most a minute)
            if pid_file.exists():
                break
            time.sleep(0.01)
        handler = signal.getsignal(signal.SIGINT)
        assert callable(handler)
        handler(signal.SIGINT, None)  # what Python does when another thread got SIGINT

    monkeypatch.setattr(mod, "check", sleeping)
    monkeypatch.setattr(mpc.ForkProcess, "start", start_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        runner.run_claims(["thm-5.8-counting"], "quick", None, time_limit=120)
    with pytest.raises(ProcessLookupError):  # stopped and reaped, not left sleeping
        os.kill(int(pid_file.read_text()), 0)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_series_colour_is_honoured() -> None:
    from proofs import thm_5_8_counting
    from verify.report.figures import figure_png

    def fig(colour: str) -> dict[str, Any]:
        return {"name": "t", "title": "T", "xlabel": "x", "ylabel": "y", "logy": False,
                "series": [{"label": "a", "x": [0, 1], "y": [0, 1], "color": colour}]}

    assert figure_png(fig("C0")) == figure_png(fig("C0"))
    assert figure_png(fig("C0")) != figure_png(fig("C3"))
    # Theorem 5.8's figure: each least l/n curve and its bound x* share a colour
    series = thm_5_8_counting.check(alphas=["1/10", "1/5"], n_max=10).figures[0]["series"]
    assert [s["color"] for s in series] == ["C0", "C0", "C1", "C1"]


def test_report_latex_tables_compile_within_the_page(quick_reports: tuple[Path, Path],
                                                     compile_latex: Any) -> None:
    texs = sorted((quick_reports[0] / "tables").glob("*.tex"))
    log = compile_latex([t.read_text() for t in texs])
    assert "Output written" in log


def test_report_html_is_self_contained_and_opens_in_a_browser(
        quick_reports: tuple[Path, Path], tmp_path: Path) -> None:
    import shutil

    page = (quick_reports[0] / "report.html").read_text()
    data = json.loads((quick_reports[0] / "results.json").read_text())
    # one file: figures inlined, no external resource, no script
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert not re.search(r'src="(?!data:)', page)
    figures = sorted((quick_reports[0] / "figures").glob("*.svg"))
    assert page.count('src="data:image/svg+xml;base64,') == len(figures) > 0
    for c in data["claims"]:
        assert f"id='claim-{c['id']}'" in page and f'href="#claim-{c["id"]}"' in page
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    # a copy with a probe that records whether every inlined figure decoded
    probe = page.replace("</body>", "<script>document.title = 'images ' + "
                         "Array.from(document.images).filter(i => i.naturalWidth > 0).length "
                         "+ ' of ' + document.images.length;</script></body>")
    target = tmp_path / "probe.html"
    target.write_text(probe)
    dom_file = tmp_path / "dom.html"
    returncode = _run_browser(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom",
         target.as_uri()], dom_file, seconds=120)
    dom = dom_file.read_text()
    assert returncode == 0 and "<table>" in dom
    n = len(figures)
    assert f"<title>images {n} of {n}</title>" in dom  # every figure decoded in the browser
    assert "Provenance" in dom and "Parameters, tables and evidence" in dom


def _run_browser(argv: list[str], out: Path, seconds: float) -> int:
    """Run the browser with its output in ``out``; its exit code, or a failure after ``seconds``.

    The browser starts helper processes (zygote, renderer) that inherit its output: with
    pipes, a run stopped at its time limit would then wait for ever for the helpers to
    close them.  So the output goes to a file, the browser gets its own process group, and
    at the limit the whole group is killed.
    """
    import os
    import signal

    with out.open("w") as fh:
        proc = subprocess.Popen(argv, stdout=fh, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            return proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail(f"the browser did not finish within {seconds:g} s")
        finally:
            try:  # helpers left behind by a browser that exited are stopped too
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


# Certificates: the claims whose evidence is a realizability/refutation answer cite them.
_CERTIFIED_CLAIMS = {"thm-3.4-shattering": [6, 8, 14, 16],
                     "thm-4.3-double-counting": [58, 360],
                     "lemma-a.4-sauer-shelah": [104, 360],
                     "thm-2.2-linf": [None]}  # a robustness certificate: no count


def test_report_certificates_are_rechecked(quick_reports: tuple[Path, Path]) -> None:
    """Every certificate the --quick report writes is re-checked here from its file: the
    checker's verdict is the cited one, VERIFIED (or PARTLY TRUSTED with the trusted parts
    named, never a silent pass), and its count is the count the claim used."""
    from verify.certify import check_certificate, load_certificate

    root = quick_reports[0]
    data = json.loads((root / "results.json").read_text())
    cited: dict[str, dict[str, Any]] = {}
    for c in data["claims"]:
        for e in c.get("certificates", []):
            assert set(e) == {"subject", "file", "verdict", "count", "trusted", "note"}
            if e["file"] is not None:
                cited[e["file"]] = {**e, "claim": c["id"]}
            else:
                assert e["note"], e  # no certificate only with its reason
        if c["id"] in _CERTIFIED_CLAIMS:
            assert "certificate" in c["evidence_kind"].split("+"), c["id"]
            counts = [e["count"] for e in c["certificates"]]
            assert counts == _CERTIFIED_CLAIMS[c["id"]], (c["id"], counts)
            page = (root / "claims" / f"{c['id']}.md").read_text()
            for e in c["certificates"]:
                assert f"](../{e['file']}): {e['subject']} — VERIFIED by the checker" in page
    written = {str(p.relative_to(root)) for p in (root / "certificates").iterdir()}
    assert written == set(cited) and written
    assert {e["claim"] for e in cited.values()} >= set(_CERTIFIED_CLAIMS)
    assert {f for f in data["files"] if f.startswith("certificates/")} == written
    for rel, e in sorted(cited.items()):
        check = check_certificate(load_certificate(str(root / rel)))
        assert check.verdict == e["verdict"] and check.verdict != "rejected", (rel, check)
        assert check.verdict == "verified" or check.trusted, rel
        assert check.trusted == e["trusted"] and check.count == e["count"], rel
        assert check.kind in ("count", "robust")
        assert (check.kind == "count") == (check.count is not None)
    assert "certificate" not in json.dumps(
        [c.get("certificates") for c in data["claims"]]).replace('"certificates/', "")
