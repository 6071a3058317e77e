"""``write_report`` (split by concern: the tables, the figures, the pages, the files
written), pinned before the split.

Three claims (tables; figures, two of one name; a count certificate; a table and a figure
that cannot be made, reported as problems; a claim with nothing but its verdict), with and
without provenance, into a folder holding a stale table and a file of the user's: the
names returned and every file's bytes (their digests), the stale file removed, the
figures' record.  Figures are drawn by stand-ins (bytes that depend on the figure's data
only): drawing is not split.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from proofs._certificates import count_certificate
from proofs.claim import ClaimResult, figure, table
from verify.report import runner, writer
from verify.report.figures import FORMATS


def _fake_drawn(figures: list[dict[str, Any]]) -> list[Any]:
    """Stand-in drawings; the figure named ``broken`` fails with a problem."""
    return [({}, "ValueError: no drawing") if f["name"] == "broken" else
            ({fmt: f"{fmt}:{f['name']}:{f['series']}".encode() for fmt in FORMATS}, None)
            for f in figures]


def _claims() -> list[dict[str, Any]]:
    cert = count_certificate("halfspaces on cube:2", "cube:2", "halfspaces", "real",
                             [b for b in range(16) if b not in (0b0110, 0b1001)])
    rows = [[1, "1/2", "yes"], [2, "2/3", "no"]]
    a = ClaimResult(
        "a-claim", "A claim", "For all n: P(n).", {"n": 2}, "holds-on-instances",
        {"checked": 2}, "Checked on two instances. More words.",
        tables=[table("t_a", "Readings", ["n", "ratio", "ok"], rows)],
        figures=[figure("fig", "Growth", "m", "count",
                        [{"label": "a", "x": [0, 1, 2], "y": [1, 2, 4]}])],
        certificates=[cert], evidence_kind="exact+certificate")
    b = ClaimResult(
        "b-claim", "B claim", "Q.", {}, "fails", {"counterexample": [1, 2]},
        "Fails at (1, 2).", evidence_kind="counterexample",
        tables=[table("t_b", "Bad", ["x"], [[1]])],
        figures=[figure("fig", "Same name", "m", "y",
                        [{"label": "b", "x": [0, 1], "y": [3, 1], "style": "dashed"}]),
                 figure("broken", "Not drawn", "m", "y", [{"label": "c", "x": [0], "y": [0]}])])
    c = ClaimResult("c-claim", "C claim", "R.", {}, "out-of-reach", {"error": "time"},
                    "Did not finish.", evidence_kind="none")
    out = [x.to_json() for x in (a, b, c)]
    out[1]["tables"][0]["rows"] = [[1, 2]]  # a row too long (as from an older version): refused
    return out


@pytest.mark.parametrize("with_provenance", [False, True])
def test_write_report_is_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   with_provenance: bool) -> None:
    monkeypatch.setattr(runner, "code_version", lambda: "v1")
    monkeypatch.setattr(writer, "_drawn", _fake_drawn)
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "stale.csv").write_text("old\n")  # listed by the last run
    (tmp_path / "tables" / "mine.csv").write_text("kept\n")  # not the report's
    (tmp_path / "results.json").write_text('{"files": ["tables/stale.csv"]}')
    prov = {"command": "verify report --quick", "toolkit": "verify 0.1.0"} \
        if with_provenance else None
    names = writer.write_report(tmp_path, _claims(), "quick", prov)
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                   if p.is_file())
    digests = {f: hashlib.sha256((tmp_path / f).read_bytes()).hexdigest()[:16] for f in files}
    assert not (tmp_path / "tables" / "stale.csv").exists()
    assert names == GOLDEN_NAMES
    assert digests == {**GOLDEN_DIGESTS, **(WITH_PROVENANCE if with_provenance else {})}


GOLDEN_NAMES = [
    'certificates/a-claim-1.json.gz',
    'claims/a-claim.md',
    'claims/b-claim.md',
    'claims/c-claim.md',
    'figures/b-claim-fig.pdf',
    'figures/b-claim-fig.png',
    'figures/b-claim-fig.svg',
    'figures/fig.pdf',
    'figures/fig.png',
    'figures/fig.svg',
    'findings.md',
    'report.html',
    'report.md',
    'results.json',
    'tables/t_a.csv',
    'tables/t_a.tex',
]
GOLDEN_DIGESTS = {  # the first 16 hex digits of each file's SHA-256
    '.cache/figures/digests.json': '4c0b171a057ffa7c',
    'certificates/a-claim-1.json.gz': '039d89cb35f4004c',
    'claims/a-claim.md': '46df12896174b3af',
    'claims/b-claim.md': '49abab0c2ef25b3a',
    'claims/c-claim.md': '22ae1236a173d381',
    'figures/b-claim-fig.pdf': '3acff67b3c0d2cbe',
    'figures/b-claim-fig.png': '57833f49badbbe14',
    'figures/b-claim-fig.svg': '905be01e62c3f122',
    'figures/fig.pdf': '570b13f01dc2a9e7',
    'figures/fig.png': 'db400b13c8513233',
    'figures/fig.svg': 'c8d0bc3ae2564148',
    'findings.md': '70ebfab58188b150',
    'report.html': '0da58288b9bc5025',
    'report.md': '3056e5f25e4b48ae',
    'results.json': '0e81ac2e222408cb',
    'tables/mine.csv': '78051faade059d70',
    'tables/t_a.csv': '0fb9f58df424bbd9',
    'tables/t_a.tex': '722e0dc96e1b46c7',
}
WITH_PROVENANCE = {  # the files that differ when the provenance is given
    'report.html': 'e3eef004c76e628b',
    'report.md': 'd8c7a35def482f01',
    'results.json': '6695d0db6718f139',
}
