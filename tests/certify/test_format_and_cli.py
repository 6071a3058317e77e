"""The certificate format (schema, gzip), the checker's imports, and the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from certify_cases import halfspace_count, relu_count

from verify.certify import check_certificate, load_certificate
from verify.certify.producer import (
    make_realize_certificate,
    make_robust_certificate,
    write_certificate,
)
from verify.cli import main
from verify.encodings.realize import realize
from verify.encodings.robust import verify_robustness
from verify.geometry.pointsets import as_points
from verify.nets import robust_memorizer

SCHEMA = Path(__file__).resolve().parents[2] / "verify" / "certify" / "schema.json"
CUBE = [[0, 0], [0, 1], [1, 0], [1, 1]]


def _examples() -> list[dict]:  # type: ignore[no-untyped-def]
    pts = as_points("cube:2")
    out = [make_realize_certificate(pts, lab, "2-1-1", "real", realize(pts, lab, "2-1-1"))
           for lab in ("-++-", "++--")]
    net = robust_memorizer(CUBE, "+--+", "1/2", "1/4")
    out.append(make_robust_certificate(net, CUBE, "+--+",
                                       verify_robustness(net, CUBE, "+--+", "1/4")))
    out.append(relu_count("grid:3:2", "2-2-1")[0])
    out.append(halfspace_count("cube:3"))
    return out


def test_certificates_follow_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="installed with the [test] extra")
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for cert in _examples():
        validator.validate(cert)
    bad = _examples()[0]
    bad["answer"]["refutation"]["tree"] = {"farkas": [[0, "q", 0, 1]]}
    assert not validator.is_valid(bad)


def test_gzip_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cert, _ = relu_count("grid:3:2", "2-1-1")
    plain, packed = tmp_path / "c.json", tmp_path / "c.json.gz"
    write_certificate(str(plain), cert)
    write_certificate(str(packed), cert)
    assert os.path.getsize(packed) < os.path.getsize(plain)
    assert load_certificate(str(packed)) == load_certificate(str(plain))
    assert check_certificate(load_certificate(str(packed))).count == 58
    (tmp_path / "broken.json.gz").write_bytes(b"not gzip at all")
    assert main(["check-certificate", str(tmp_path / "broken.json.gz")]) == 2


def test_checker_imports_no_solver_and_no_engine() -> None:
    code = ("import sys, verify.certify.checker; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('z3', 'pysat', 'scipy') "
            "or m.startswith(('verify.encodings', 'verify.nets', 'verify.geometry', "
            "'verify.enumeration'))]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_count_certificate_on_the_command_line(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "c.json.gz"
    code = main(["count", "relu", "--points", "cube:2", "--arch", "2-1-1", "--no-cache",
                 "--certificate", str(path), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["count"] == 14 and data["certificate"] == str(path)
    assert main(["check-certificate", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "verified" and out["count"] == 14 and out["rejected"] == []
    assert main(["count", "halfspaces", "--points", "cube:3", "--certificate",
                 str(tmp_path / "h.json")]) == 0
    assert "certificate written" in capsys.readouterr().out
    assert main(["check-certificate", str(tmp_path / "h.json")]) == 0
    assert "count re-derived by the checker: 104" in capsys.readouterr().out
    assert main(["count", "relu", "--points", "cube:2", "--arch", "2-2-1", "--class", "int:1",
                 "--certificate", str(tmp_path / "i.json")]) == 0
    capsys.readouterr()
    assert main(["check-certificate", str(tmp_path / "i.json")]) == 0


def test_check_certificate_partly_trusted_exit_4(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    # two copies of one point labelled apart: unrealizable, refuted by z3 (not re-checkable
    # for two wide hidden layers)
    pts = as_points([[0, 0], [0, 0], [1, 0], [0, 1]])
    cert = make_realize_certificate(pts, "+-++", "2-2-2-1", "real",
                                    realize(pts, "+-++", "2-2-2-1", timeout=30))
    path = tmp_path / "deep.json"
    write_certificate(str(path), cert)
    if cert["answer"]["status"] != "unrealizable":  # pragma: no cover - z3 decides this case
        pytest.fail("expected an unrealizable answer")
    assert main(["check-certificate", str(path)]) == 4
    out = capsys.readouterr().out
    assert "trusted: refutation not re-checkable" in out and out.rstrip().endswith(
        "PARTLY TRUSTED")


def test_realize_exit_codes_and_certificate(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.json"
    assert main(["realize", "--arch", "2-1-1", "--points", "cube:2", "--labels=-++-",
                 "--certificate", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "unrealizable" and data["refutation_checkable"] is True
    assert main(["check-certificate", str(path)]) == 0
    assert main(["realize", "--arch", "2-2-2-1", "--points", "grid:3:2",
                 "--labels", "+-+-+-+-+", "--timeout", "0.001"]) in (0, 3)


def test_count_certificate_refused_up_front_for_deep_networks(capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["count", "relu", "--points", "cube:2", "--arch", "2-2-2-1", "--no-cache",
                 "--certificate", "never-written.json"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: --certificate") and err.count("\n") == 1
    assert not Path("never-written.json").exists()
