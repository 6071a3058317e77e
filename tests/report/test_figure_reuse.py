"""A re-run of the report into the same directory redraws only the figures that changed.

Every figure whose data, code and style are unchanged and whose three files still have
the digests recorded in ``.cache/figures/digests.json`` is read back; any other (new data,
another code version, a damaged or missing file, a damaged record) is drawn again, and
the files are always those a fresh drawing gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from proofs.claim import ClaimResult, figure
from verify.report import runner, writer
from verify.report.figures import FORMATS, figure_files


def _claim(cid: str, ys: list[int]) -> dict[str, Any]:
    fig = figure(f"{cid}_fig", "T", "x", "y", [{"label": "a", "x": [0, 1, 2], "y": ys}])
    return ClaimResult(cid, cid, "s", {}, "holds-on-instances", {}, "E.",
                       figures=[fig]).to_json()


def _fake_files(data: dict[str, Any]) -> dict[str, bytes]:
    """Stand-in drawings (fast): bytes that depend on the figure data only."""
    return {fmt: f"{fmt}:{data['name']}:{data['series']}".encode() for fmt in FORMATS}


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the figures drawn (by stand-in drawings, counted)."""
    monkeypatch.setattr(runner, "code_version", lambda: "v1")
    names: list[str] = []

    def counting(figures: list[dict[str, Any]]) -> list[Any]:
        names.extend(f["name"] for f in figures)
        return [(_fake_files(f), None) for f in figures]

    monkeypatch.setattr(writer, "_drawn", counting)
    return names


def _figures(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "figures").iterdir())}


def test_unchanged_figures_are_read_back_changed_ones_drawn(
        tmp_path: Path, drawn: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    claims = [_claim("a", [1, 2, 3]), _claim("b", [3, 2, 1])]
    writer.write_report(tmp_path, claims, "quick")
    assert drawn == ["a_fig", "b_fig"]
    first = _figures(tmp_path)
    assert first["a_fig.png"] == _fake_files(claims[0]["figures"][0])["png"]
    drawn.clear()
    writer.write_report(tmp_path, claims, "quick")
    assert drawn == [] and _figures(tmp_path) == first
    # new data for one figure: only that one is drawn
    claims[1] = _claim("b", [3, 2, 2])
    writer.write_report(tmp_path, claims, "quick")
    assert drawn == ["b_fig"]
    assert _figures(tmp_path)["b_fig.svg"] == _fake_files(claims[1]["figures"][0])["svg"]
    # another code version: every figure is drawn
    drawn.clear()
    monkeypatch.setattr(runner, "code_version", lambda: "v2")
    writer.write_report(tmp_path, claims, "quick")
    assert drawn == ["a_fig", "b_fig"]


@pytest.mark.parametrize("damage", ["edit", "delete", "truncate"])
def test_a_damaged_figure_file_is_drawn_again(tmp_path: Path, drawn: list[str],
                                              damage: str) -> None:
    claims = [_claim("a", [1, 2, 3]), _claim("b", [3, 2, 1])]
    writer.write_report(tmp_path, claims, "quick")
    first = _figures(tmp_path)
    target = tmp_path / "figures" / "b_fig.pdf"
    if damage == "edit":
        blob = bytearray(target.read_bytes())
        blob[len(blob) // 2] ^= 0xFF
        target.write_bytes(bytes(blob))
    elif damage == "delete":
        target.unlink()
    else:
        target.write_bytes(target.read_bytes()[:5])
    drawn.clear()
    writer.write_report(tmp_path, claims, "quick")
    assert drawn == ["b_fig"] and _figures(tmp_path) == first


@pytest.mark.parametrize("record", [b"", b"{not json", b"[1, 2]", b'{"a_fig": 3}'])
def test_a_damaged_record_means_drawing_again(tmp_path: Path, drawn: list[str],
                                              record: bytes) -> None:
    claims = [_claim("a", [1, 2, 3])]
    writer.write_report(tmp_path, claims, "quick")
    first = _figures(tmp_path)
    (tmp_path / ".cache" / "figures" / "digests.json").write_bytes(record)
    drawn.clear()
    writer.write_report(tmp_path, claims, "quick")
    assert drawn == ["a_fig"] and _figures(tmp_path) == first
    drawn.clear()  # and the record is whole again
    writer.write_report(tmp_path, claims, "quick")
    assert drawn == []


def test_with_matplotlib_the_files_read_back_are_a_fresh_drawing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "code_version", lambda: "v1")
    claims = [_claim("a", [1, 2, 3])]
    writer.write_report(tmp_path, claims, "quick")
    monkeypatch.setattr(writer, "_drawn", lambda figures: [] if not figures else 1 / 0)
    writer.write_report(tmp_path, claims, "quick")  # nothing drawn: read back
    fresh = figure_files(claims[0]["figures"][0])
    assert _figures(tmp_path) == {f"a_fig.{fmt}": blob for fmt, blob in fresh.items()}


def test_the_report_command_redraws_every_figure_with_no_cache(
        tmp_path: Path, drawn: list[str]) -> None:
    from verify.cli import main

    args = ["report", "--quick", "--quiet", "--claims", "thm-4.3-vc-step", "--out",
            str(tmp_path)]
    assert main(args) == 0 and drawn == ["vc_step"]
    assert main(args) == 0 and drawn == ["vc_step"]  # read back
    assert main([*args, "--no-cache"]) == 0 and drawn == ["vc_step", "vc_step"]
