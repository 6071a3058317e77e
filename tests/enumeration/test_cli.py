"""The count, growth and double-counting commands: JSON contract and bad input."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFY_CACHE_DIR", str(tmp_path / "cache"))


def test_count_contract(cli, tmp_path):
    got = cli.json(["count", "halfspaces", "--points", "cube:4"])
    assert got["count"] == 1882 and got["points"] == 16  # OEIS A000609(4)
    # S~ lies on the plane x_d = 1/2: homogeneous halfspaces on stilde:K:d are the affine
    # halfspaces on grid:K:(d-1); for d = 3 that is 2 x OEIS A114043(K)
    got = cli.json(["count", "halfspaces", "--points", "stilde:4:3", "--homogeneous"])
    assert got["count"] == 174
    out = tmp_path / "r.npz"
    got = cli.json(["count", "relu", "--points", "grid:3:2", "--arch", "2-2-1",
                            "--out", str(out)])
    assert got == {**got, "count": 360, "points": 9, "complete": True}
    got = cli.json(["count", "relu", "--points", "cube:2", "--arch", "2-2-1",
                            "--class", "int:2"])
    assert got["count"] == 16
    g = cli.json(["growth", "--points", "grid:3:2", "--from", str(out)])
    assert g["profile"][-1] == 360 and g["profile"][0] == 1 and g["vc_dimension"] == 6
    assert g["bartlett"] is None  # --from: the architecture is not known
    g = cli.json(["growth", "--points", "grid:3:2", "--arch", "2-2-1"])
    assert g["profile"] == [1, 2, 4, 8, 16, 32, 64, 124, 230, 360]
    assert g["bartlett"]["holds"] and g["bartlett"]["vc_upper"]["integer_upper"] >= 6
    assert len(g["witnesses"]) == 10


def test_homogeneous_cube_count_is_zero_because_of_the_origin(cli):
    got = cli.json(["count", "halfspaces", "--points", "cube:2", "--homogeneous"])
    assert got["count"] == 0


def test_growth_contract(cli):
    g = cli.json(["growth", "--points", "cube:3", "--arch", "halfspaces"])
    assert g["profile"] == [1, 2, 4, 8, 16, 30, 48, 72, 104]
    assert g["vc_dimension"] == 4 and g["sauer_shelah_holds"] and g["haussler"]["holds"]
    assert [len(w) for w in g["witnesses"]] == list(range(9))


def test_double_counting_contract(cli):
    r = cli.json(["double-counting", "--points", "grid:3:2", "--arch", "2-1-1"])
    assert {k: r[k] for k in ("alpha", "promised", "measured", "V", "holds")} == {
        "alpha": "1/3", "promised": "40/21", "measured": 14, "V": 4, "holds": True}


@pytest.mark.parametrize(
    "argv",
    [
        ["count", "relu", "--points", "grid:3:2"],
        ["count", "halfspaces", "--points", "grid:3:2", "--arch", "2-1"],
        ["count", "relu", "--points", "grid:3:2", "--arch", "3-2-1"],
        ["count", "relu", "--points", "grid:3:2", "--arch", "2-2-1", "--class", "int:x"],
        ["count", "halfspaces", "--points", "nosuchfile.json"],
        ["count", "relu", "--points", "cube:2", "--arch", "2-1-1", "--timeout", "-1"],
        ["count", "triangles", "--points", "cube:2"],
        ["growth", "--points", "cube:2"],
        ["growth", "--points", "cube:2", "--from", "missing.npz"],
        ["double-counting", "--points", "cube:2", "--arch", "2-1-1", "--V", "9"],
        ["double-counting", "--points", "cube:2"],
        ["double-counting", "--points", "cube:2", "--arch", "halfspaces", "--V", "x"],
        ["double-counting", "--points", "grid:5:2", "--arch", "2-2-1"],
        ["count", "halfspaces", "--points", "cube:2", "--class", "int:1"],
        ["count", "relu", "--points", "cube:2", "--arch", "2-1-1", "--homogeneous"],
    ],
)
def test_bad_input_is_one_line(cli, argv):
    cli.error(argv)


def test_growth_from_file_with_wrong_point_count(cli, tmp_path):
    out = tmp_path / "h.npz"
    cli.json(["count", "halfspaces", "--points", "cube:2", "--out", str(out)])
    msg = cli.error(["growth", "--points", "cube:3", "--from", str(out)])
    assert "4 points" in msg
