"""The points, separation, lipschitz and construction commands: output and bad input."""

from __future__ import annotations

import pytest


def test_points_json_and_text(cli, tmp_path) -> None:
    data = cli.json(["points", "stilde:2:2"])
    assert data["count"] == 2 and data["points"] == [["1/2", "1/2"], ["1/1", "1/2"]]
    f = tmp_path / "p.json"
    f.write_text('{"points": [[0, "1/3"], [0.25, 1]], "labels": "+-"}')
    data = cli.json(["points", str(f)])
    assert data["points"] == [["0/1", "1/3"], ["1/4", "1/1"]] and data["labels"] == [1, -1]
    run = cli(["points", "cube:2"])
    assert run.code == 0 and "(0, 1)" in run.out


def test_separation_contract(cli) -> None:
    d = cli.json(["separation", "cube:2", "stilde:2:2", "--norm", "inf"])
    assert d["distance"] == "1/2" and "distance_squared" not in d
    assert d["pair"]["a"] == ["0/1", "0/1"] and d["pair"]["b"] == ["1/2", "1/2"]
    d = cli.json(["separation", "cube:2", "stilde:2:2", "--norm", "2", "--eps", "1/4",
                       "--linear"])
    assert d["distance_squared"] == "1/4" and d["separated"] is True
    assert d["linearly_separable"]["holds"] is False


def test_lipschitz_command(cli) -> None:
    d = cli.json(["lipschitz", "--norm", "2", "--eps", "1/4", "--examples", "4",
                       "--seed", "3"])
    assert d["lipschitz_holds"] is True and d["robust_below_eps_holds"] is True
    assert d["printed_statement_holds"] is False  # examples 0 and 2 have a pair at 2eps
    assert d["worst_quotient"] is not None
    again = cli.json(["lipschitz", "--norm", "2", "--eps", "1/4", "--examples", "4",
                           "--seed", "3"])
    assert again == d  # seeded, deterministic


def test_lipschitz_on_own_sets(cli, tmp_path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text('[[0, 0], [0, "1/2"]]')
    b.write_text('[["1/2", 0], [1, 1]]')
    d = cli.json(["lipschitz", "--norm", "inf", "--eps", "1/4", "--A", str(a),
                       "--B", str(b)])
    verdicts = {c["name"]: c["holds"] for c in d["checks"]}
    assert verdicts == {"separated_2eps": True, "lipschitz": True, "robust_below_eps": True,
                        "printed_statement_radius_eps": False}
    cli.error(["lipschitz", "--norm", "inf", "--eps", "1/4", "--A", str(a)])


def test_construction_command(cli) -> None:
    d = cli.json(["construction", "--K", "2", "--d", "3", "--eps", "1/4", "--c", "1/2"])
    names = [c["name"] for c in d["checks"]]
    assert "separated" in names and "stilde_cover" in names
    assert all(isinstance(c["holds"], bool) for c in d["checks"])
    assert d["all_required_hold"] is True
    d = cli.json(["construction", "--K", "3", "--d", "2", "--eps", "1/4", "--c", "1/2",
                       "--phi", "0b101"])
    sep = next(c for c in d["checks"] if c["name"] == "separated")
    assert sep["holds"] is False and sep["min_distance"] == "1/3"


@pytest.mark.parametrize("argv", [
    ["points", "grid:0:2"],
    ["points", "nosuchfile.json"],
    ["separation", "cube:2", "cube:3", "--norm", "inf"],
    ["separation", "cube:2", "cube:2", "--norm", "3"],
    ["separation", "cube:2", "cube:2", "--norm", "2", "--eps", "-1"],
    ["lipschitz", "--norm", "inf", "--eps", "0"],
    ["lipschitz", "--norm", "p", "--eps", "1/4"],
    ["construction", "--d", "3", "--eps", "1/4", "--c", "2"],
    ["construction", "--d", "3", "--eps", "0.1.2", "--c", "1/2"],
    ["construction", "--d", "2", "--eps", "1/4", "--c", "1/2", "--phi", "+-+"],
])
def test_bad_input_is_one_error_line(cli, argv) -> None:
    cli.error(argv)


@pytest.mark.parametrize("content", ["[[0, 1], [2]]", "not json", "[]", '{"x": 1}',
                                     '[["__import__(\'os\')"]]'])
def test_malformed_points_file(cli, tmp_path, content) -> None:
    f = tmp_path / "bad.json"
    f.write_text(content)
    cli.error(["separation", str(f), "cube:2", "--norm", "1"])
