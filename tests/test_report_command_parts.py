"""Golden test of ``verify report``'s command (``verify.cli.cmd_report.run``), pinned before
it was split by concern: with the claims' runs, the writer and the provenance replaced by
recorders, what it asks of each (sizes, time limits, cache folder, options, the command
line), what it clears with ``--no-cache``, and the output (payload, text, exit code)."""

from __future__ import annotations

import json

import pytest

import verify.report.conjectures as conj_mod
import verify.report.provenance as prov_mod
import verify.report.runner as runner_mod
import verify.report.writer as writer_mod
from tests.enumeration.golden import digest
from verify.cli import build_parser
from verify.cli.cmd_report import run
from verify.errors import InvalidArgument

RUNS = {  # arguments after ``report --out TMP``: digest of what the run did and printed
    (): "697db16401010272a869abb539f5654d",
    ("--quick", "--claims", "thm-4.3-eq1,thm-5.8-counting"): "e2e85f35f4cf2fcc14b759a866a611c8",
    ("--full", "--time-limit", "0", "--no-cache"): "7dd09e6997c4bd588e51661548018a3c",
    ("--time-limit", "7", "--conjectures", "c.toml", "--claims", "thm-4.5"):
        "707baa55d82a4ab79f3dc8d310b353a4",
    ("--claims", "thm-4.5", "--quick", "--time-limit", "30", "--no-cache", "--json"):
        "5f206a6bdc62c9fc1b70d4508b464c76",
}


@pytest.fixture
def recorded(monkeypatch):
    calls = []

    def claim(cid, verdict):
        return {"id": cid, "title": cid.upper(), "verdict": verdict, "evidence": ["exact"],
                "evidence_kind": "exact", "reason": f"why {cid}"}

    def run_claims(ids, size, cache_dir, on_done, time_limit):
        calls.append(["run_claims", ids, size, cache_dir.name, time_limit])
        for k, cid in enumerate(ids):
            on_done(cid, {}, k % 2 == 1)
        return [claim(cid, "error" if cid == "thm-4.5" else "fails") for cid in ids]

    def run_conjectures(specs, cache_dir, on_done, time_limit):
        calls.append(["run_conjectures", specs, cache_dir.name, time_limit])
        for s in specs:
            on_done(s, {}, True)
        return [claim(s, "holds-on-instances") for s in specs]

    def write_report(out, claims, size, prov):
        calls.append(["write_report", out.name, [c["id"] for c in claims], size, prov])
        return ["report.md", "results.json"]

    monkeypatch.setattr(runner_mod, "run_claims", run_claims)
    monkeypatch.setattr(conj_mod, "run_conjectures", run_conjectures)
    monkeypatch.setattr(conj_mod, "load_conjectures", lambda path: ["my-a", "my-b"])
    monkeypatch.setattr(writer_mod, "write_report", write_report)
    monkeypatch.setattr(prov_mod, "provenance",
                        lambda options, command: {"options": options, "command": command})
    return calls


@pytest.mark.parametrize("extra", list(RUNS), ids=str)
def test_report_command_golden(extra, recorded, tmp_path):
    out = tmp_path / "rep"
    cache = out / ".cache"
    (cache / "figures").mkdir(parents=True)
    for name in ("a.json", "b.json", "keep.txt", "figures/digests.json", "figures/x.png"):
        (cache / name).write_text("x")
    args = build_parser().parse_args(["report", "--out", str(out), *extra])
    res = run(args)
    left = sorted(str(p.relative_to(cache)) for p in cache.rglob("*") if p.is_file())
    payload = json.loads(json.dumps(res.payload).replace(str(tmp_path), "TMP"))
    text = json.dumps([recorded, left, payload, res.text.replace(str(tmp_path), "TMP"),
                       res.exit_code], default=str).replace(str(tmp_path), "TMP")
    assert digest(text) == RUNS[extra]


def test_report_command_refusals(recorded, tmp_path):
    for extra in (["--time-limit", "-1"], ["--time-limit", "x"], ["--claims", "nope"]):
        args = build_parser().parse_args(["report", "--out", str(tmp_path / "r"), *extra])
        with pytest.raises(InvalidArgument):
            run(args)
    assert recorded == []
