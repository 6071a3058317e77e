"""`verify robust` on the command line: text, JSON, certificates, bad input."""

from __future__ import annotations

import json

import pytest

from verify.cli import main
from verify.nets import robust_memorizer

CUBE = [[0, 0], [0, 1], [1, 0], [1, 1]]


@pytest.fixture
def files(tmp_path):  # type: ignore[no-untyped-def]
    net = robust_memorizer(CUBE, "+--+", "1/2", "1/4")
    good = tmp_path / "net.json"
    good.write_text(json.dumps(net.to_json()))
    d = net.to_json()
    d["layers"][-1]["bias"] = ["-3/2"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(d))
    pts = tmp_path / "pts.json"
    pts.write_text(json.dumps({"points": CUBE, "labels": "+--+"}))
    return {"good": str(good), "bad": str(bad), "pts": str(pts), "dir": tmp_path}


def test_robust_json_contract_and_certificate(files, capsys) -> None:  # type: ignore[no-untyped-def]
    cert = str(files["dir"] / "cert.json")
    code = main(["robust", "--net", files["bad"], "--points", "cube:2", "--labels", "+--+",
                 "--radius", "1/4", "--norm", "2", "--json", "--certificate", cert])
    assert code == 1  # a counterexample was found (exit codes of verify robust)
    out = json.loads(capsys.readouterr().out)
    assert out["robust"] is False
    assert out["counts"] == {"verified": 2, "counterexample": 2, "unknown": 0}
    assert [r["status"] for r in out["results"]] == [
        "counterexample", "verified", "verified", "counterexample"]
    assert out["results"][0]["counterexample"] == ["0/1", "0/1"]
    assert main(["check-certificate", cert]) == 0
    assert capsys.readouterr().out.rstrip().endswith("VERIFIED")


def test_robust_labels_from_points_file(files, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["robust", "--net", files["good"], "--points", files["pts"],
                 "--radius", "1/4"]) == 0
    assert "robust: yes" in capsys.readouterr().out
    assert main(["robust", "--net", files["good"], "--points", files["pts"], "--radius", "1/4",
                 "--method", "milp"]) == 3  # undecided: exit 3
    assert "robust: undecided" in capsys.readouterr().out  # MILP "verified" is numeric


@pytest.mark.parametrize(
    "extra",
    [
        ["--radius", "-1"],
        ["--radius", "1/4", "--norm", "1"],
        ["--radius", "1/4", "--labels", "+-"],
        ["--radius", "1/4", "--labels", "+-x+"],
        ["--radius", "1/4", "--timeout", "0"],
        ["--radius", "1/4", "--timeout", "abc"],
        ["--radius", "abc"],
        ["--radius", "1/4", "--method", "milp", "--norm", "2"],
    ],
)
def test_robust_bad_input_is_one_line(files, capsys, extra) -> None:  # type: ignore[no-untyped-def]
    code = main(["robust", "--net", files["good"], "--points", "cube:2", "--labels", "+--+",
                 *extra])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error:") and err.count("\n") == 1


@pytest.mark.parametrize(
    "content",
    [
        '{"layers": [{"weights": [[1, 2]], "bias": [0]}, {"weights": [[1, 1]], "bias": [0]}]}',
        '{"layers": [{"weights": [["x"]], "bias": [0]}]}',
        '{"layers": [{"weights": [[Infinity]], "bias": [0]}]}',
        '{"layers": []}',
        "[1, 2",
    ],
)
def test_robust_bad_network_file(files, capsys, content) -> None:  # type: ignore[no-untyped-def]
    path = files["dir"] / "broken.json"
    path.write_text(content)
    code = main(["robust", "--net", str(path), "--points", "cube:2", "--labels", "+--+",
                 "--radius", "0"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error:") and err.count("\n") == 1


def test_robust_dimension_mismatch_and_missing_labels(files, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["robust", "--net", files["good"], "--points", "cube:3", "--labels", "+" * 8,
                 "--radius", "0"]) == 2
    assert "dimension" in capsys.readouterr().err
    assert main(["robust", "--net", files["good"], "--points", "cube:2", "--radius", "0"]) == 2
    assert "--labels" in capsys.readouterr().err


def test_robust_memorizer_option_and_write_net(files, capsys) -> None:  # type: ignore[no-untyped-def]
    out_net = str(files["dir"] / "built.json")
    assert main(["robust", "--memorizer", "1/2", "--points", files["pts"], "--radius", "1/4",
                 "--write-net", out_net, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["robust"] is True and payload["counts"]["verified"] == 4
    assert main(["robust", "--net", out_net, "--points", files["pts"], "--radius", "1/4"]) == 0
    assert "robust: yes" in capsys.readouterr().out
    # radius must stay below eps, classes must be 2 eps apart: one-line errors
    for extra in (["--memorizer", "1/2", "--radius", "1/2"],
                  ["--memorizer", "3/4", "--radius", "1/4"],
                  ["--memorizer", "1/2", "--net", files["good"], "--radius", "0"]):
        assert main(["robust", "--points", files["pts"], *extra]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error:") and err.count("\n") == 1
