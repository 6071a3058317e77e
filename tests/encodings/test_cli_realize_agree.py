"""`verify realize` and `verify agree`: JSON contract, text, bad input."""

from __future__ import annotations

import json

import pytest

from verify.geometry.pointsets import as_points
from verify.labels import parse_labels
from verify.nets.network import ReLUNet

_EXIT = {"realizable": 0, "unrealizable": 1, "unknown": 3}


def _json(cli, argv):
    run = cli(argv)
    data = json.loads(run.out)
    # the exit codes of verify realize: 0 realizable, 1 unrealizable, 3 unknown
    assert run.code == _EXIT.get(data.get("status"), 0), run.err
    return data


def test_realize_json_contract(cli):
    data = _json(cli, ["realize", "--arch", "2-2-1", "--points", "grid:3:2",
                          "--labels", "+-+--+-++", "--json"])
    assert data["status"] == "realizable" and data["reason"] is None
    net = ReLUNet.from_json(data["witness"])
    assert net.architecture == "2-2-1"
    assert net.realizes(as_points("grid:3:2"), parse_labels("+-+--+-++"))
    assert all("/" in v for layer in data["witness"]["layers"] for v in layer["bias"])


def test_realize_refutation_and_int_class(cli):
    data = _json(cli, ["realize", "--arch", "2-1-1", "--points", "cube:2",
                          "--labels=-++-", "--json"])
    assert data["status"] == "unrealizable" and data["witness"] is None
    assert data["provenance"]["solver"] == "z3" and "version" in data["provenance"]
    data = _json(cli, ["realize", "--arch", "2-2-1", "--points", "cube:2",
                          "--labels", "0001", "--class", "int:1", "--json"])
    assert data["status"] == "realizable"
    weights = [v for layer in data["witness"]["layers"] for row in layer["weights"] for v in row]
    assert all(v.endswith("/1") and abs(int(v[:-2])) <= 1 for v in weights)


def test_realize_text_and_certificate(cli, tmp_path):
    cert = tmp_path / "c.json"
    code, out, _ = cli(["realize", "--arch", "2-2-1", "--points", "cube:2", "--labels", "0110",
                        "--certificate", str(cert)])
    assert code == 0 and out.startswith("realizable: 2-2-1")
    assert json.loads(cert.read_text())["answer"]["status"] == "realizable"
    assert cli(["check-certificate", str(cert)]).code == 0


def test_agree_json(cli):
    data = cli.json(["agree", "--arch", "2-1-1", "--points", "cube:2", "--labels",
                          "0110", "--json"])
    assert data["agreement"] == 3 and data["n"] == 4 and data["optimal"] is True
    net = ReLUNet.from_json(data["witness"])
    y = parse_labels("0110")
    assert sum(yi * net.evaluate(x) > 0 for x, yi in zip(as_points("cube:2"), y, strict=True)) == 3


@pytest.mark.parametrize(
    "argv",
    [
        ["realize", "--arch", "2-2-1", "--points", "cube:2", "--labels", "+-+"],
        ["realize", "--arch", "2-2-1", "--points", "cube:2", "--labels", "+-x+"],
        ["realize", "--arch", "3-2-1", "--points", "cube:2", "--labels", "++++"],
        ["realize", "--arch", "2-0-1", "--points", "cube:2", "--labels", "++++"],
        ["realize", "--arch", "2-2-1", "--points", "cube:2", "--labels", "++++", "--class",
         "int:-1"],
        ["realize", "--arch", "2-2-1", "--points", "cube:2", "--labels", "++++", "--class",
         "float"],
        ["realize", "--arch", "2-2-1", "--points", "cube:2", "--labels", "++++", "--timeout",
         "soon"],
        ["realize", "--arch", "2-2-1", "--points", "cube:2"],
        ["realize", "--arch", "2-2-1", "--points", "nosuch:file", "--labels", "++++"],
        ["agree", "--arch", "2-2-2-1", "--points", "cube:2", "--labels", "++++"],
        ["agree", "--arch", "2-2-1", "--points", "cube:2", "--labels", "+++"],
        ["agree", "--arch", "2-2-1", "--points", "cube:2", "--labels", "++++",
         "--weight-bound", "-3"],
    ],
)
def test_bad_input_one_line_exit_2(cli, argv):
    cli.error(argv)


def test_labels_from_the_points_file(cli, tmp_path):
    f = tmp_path / "xor.json"
    f.write_text(json.dumps({"points": [[0, 0], [0, 1], [1, 0], ["1", "1"]], "labels": "-++-"}))
    data = _json(cli, ["realize", "--arch", "2-1-1", "--points", str(f), "--json"])
    assert data["status"] == "unrealizable" and data["labels"] == "-++-"
    data = cli.json(["agree", "--arch", "2-1-1", "--points", str(f), "--json"])
    assert data["agreement"] == 3 and data["optimal"]


def test_bad_points_file_and_time_out(cli, tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('[[0, 0.1e], [1, 1]]')
    cli.error(["realize", "--arch", "2-2-1", "--points", str(f), "--labels", "++"])
    data = _json(cli, ["realize", "--arch", "2-2-2-1", "--points", "grid:3:2", "--labels",
                     "+-+-+-+-+", "--timeout", "0.001", "--json"])
    assert data["status"] in ("unknown", "realizable")  # a time-out is never "unrealizable"
    if data["status"] == "unknown":
        assert "time-out" in data["reason"]
