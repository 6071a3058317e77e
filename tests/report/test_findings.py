"""The README's "What the report finds" is generated from the report, never by hand."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from proofs import claim_ids
from proofs.claim import VERDICT_WORDS
from verify.errors import InvalidArgument
from verify.report.findings import END, START, findings_markdown, splice
from verify.report.readme import main

ROOT = Path(__file__).resolve().parents[2]

_CLAIMS = [{"id": "a", "verdict": "proved-corrected", "evidence_kind": "symbolic",
            "reason": "all n"},
           {"id": "b", "verdict": "fails", "evidence_kind": "counterexample",
            "reason": "x | y"}]


def test_splice_replaces_only_the_marked_section() -> None:
    text = f"# T\n\nintro\n{START}\nold line\n{END}\n\n## Next\n"
    new = splice(text, "fresh\n")
    assert new == f"# T\n\nintro\n{START}\nfresh\n{END}\n\n## Next\n"
    assert splice(new, "fresh\n") == new  # idempotent
    for broken in (text.replace(END, ""), text + START, f"x\n{END}\n{START}\n"):
        with pytest.raises(InvalidArgument, match="findings markers"):
            splice(broken, "x")


def test_findings_table_rows() -> None:
    md = findings_markdown(_CLAIMS, "default")
    assert "| a | proved (corrected) | symbolic | all n |" in md
    assert "| b | fails | counterexample | x \\| y |" in md  # pipes escaped in cells
    assert "In all: proved (corrected): 1, fails: 1." in md


def test_readme_section_lists_every_claim_once() -> None:
    """A claim added without refreshing the README fails here (refresh: see the module)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(START, 1)[1].split(END, 1)[0]
    ids = re.findall(r"^\| ([a-z0-9.\-]+) \| ", section, flags=re.M)
    assert ids[0] == "claim" and ids[1:] == claim_ids()
    words = re.findall(r"^\| [a-z0-9.\-]+ \| ([^|]+) \| ", section, flags=re.M)[1:]
    assert {w.strip() for w in words} <= set(VERDICT_WORDS.values())


def test_main_check_and_rewrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"size": "default", "claims": _CLAIMS}))
    readme = tmp_path / "README.md"
    readme.write_text(f"x\n{START}\nstale\n{END}\n")
    assert main(["--check", "--results", str(results), str(readme)]) == 1
    assert main(["--results", str(results), str(readme)]) == 0
    assert "| a | proved (corrected) |" in readme.read_text()
    assert main(["--check", "--results", str(results), str(readme)]) == 0
    results.write_text(json.dumps({"size": "quick", "claims": _CLAIMS}))
    assert main(["--results", str(results), str(readme)]) == 2
    assert "comes from a --quick run" in capsys.readouterr().err
    assert main(["--allow-size", "--results", str(results), str(readme)]) == 0
