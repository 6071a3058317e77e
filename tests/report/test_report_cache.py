"""The report's claim cache: an entry is reused only when it verifies for its question.

Fault injection as for the realized-set store: damage a cached entry at random
offsets, truncate it, edit its verdict by hand, move it to another question;
every run must give the claim's real result (recomputed, and the damage
reported in one line) — never the edited or damaged one.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from verify.cli import main
from verify.report import runner

CLAIMS = ["thm-4.3-vc-step", "prop-a.7-a.9-covering-packing"]  # the two fastest checks


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[dict]]:
    monkeypatch.setattr(runner, "code_version", lambda: "fixed")
    first = runner.run_claims(CLAIMS, "quick", tmp_path)
    return tmp_path, first


def _again(cache: Path) -> tuple[list[dict], list[bool], list[str]]:
    seen: list[bool] = []
    problems: list[str] = []
    out = runner.run_claims(CLAIMS, "quick", cache,
                            on_done=lambda _i, _r, from_cache: seen.append(from_cache),
                            on_cache_problem=problems.append)
    return out, seen, problems


def test_an_intact_cache_is_reused(cached):
    cache, first = cached
    out, seen, problems = _again(cache)
    assert out == first and seen == [True, True] and problems == []


def test_a_hand_edited_verdict_is_detected_and_recomputed(cached):
    cache, first = cached
    (entry,) = cache.glob("thm-4.3-vc-step-*.json")
    data = json.loads(entry.read_text())
    assert data["result"]["verdict"] == "proved-corrected"
    data["result"]["verdict"] = "fails"
    entry.write_text(json.dumps(data, indent=1))
    out, seen, problems = _again(cache)
    assert out == first and seen == [False, True]
    assert len(problems) == 1 and str(entry) in problems[0]
    assert "does not match its digest" in problems[0] and problems[0].endswith("recomputed")
    assert json.loads(entry.read_text())["result"]["verdict"] == "proved-corrected"


def test_an_entry_moved_to_another_question_is_not_reused(cached):
    cache, first = cached
    (src,) = cache.glob("thm-4.3-vc-step-*.json")
    (dst,) = cache.glob("prop-a.7-a.9-covering-packing-*.json")
    dst.write_bytes(src.read_bytes())
    out, seen, problems = _again(cache)
    assert out == first and seen == [True, False] and len(problems) == 1


def test_random_damage_never_changes_a_result(cached):
    cache, first = cached
    (entry,) = cache.glob("thm-4.3-vc-step-*.json")
    data = entry.read_bytes()
    rng = random.Random(11)
    reused = 0
    for i in range(30):
        damaged = bytearray(data)
        if i % 3 == 2:
            damaged = damaged[: rng.randrange(len(data))]
        else:
            off = rng.randrange(len(data))
            size = rng.choice([1, 100])
            damaged[off: off + size] = rng.randbytes(len(damaged[off: off + size]))
        entry.write_bytes(bytes(damaged))
        out, seen, problems = _again(cache)
        assert out == first
        assert all(p.isprintable() for p in problems) and len(problems) <= 1
        assert seen[0] == (not problems)  # reused exactly when nothing was reported
        reused += seen[0]
        entry.write_bytes(data)
    assert reused < 10  # almost every change is caught


def test_the_report_command_reports_a_damaged_entry_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "code_version", lambda: "fixed")
    # (a claim without a figure: the report is written twice, figures take seconds each)
    args = ["report", "--quick", "--quiet", "--claims", CLAIMS[1], "--out", str(tmp_path)]
    assert main(args) == 0
    capsys.readouterr()
    (entry,) = (tmp_path / ".cache").glob("*.json")
    entry.write_bytes(b"\x1b[2J\xff" + entry.read_bytes()[10:])
    assert main([*args, "--json"]) == 0
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: cached result ")
    assert lines[0].isprintable() and "recomputed" in lines[0]
    assert json.loads(out)["from_cache"] == []
