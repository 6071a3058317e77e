"""Certificates attached to claims: produced, checked, moved into files, cited."""

from __future__ import annotations

from typing import Any

import pytest

from proofs import _certificates
from proofs.claim import ClaimResult
from verify.certify.format import certificate_bytes
from verify.errors import CertificateError
from verify.report.markdown import certificate_lines
from verify.report.writer import extract_certificates, write_report

_CUBE2 = [[0, 0], [0, 1], [1, 0], [1, 1]]


def _entry() -> dict[str, Any]:
    return _certificates.count_certificate(
        "2-1-1 on cube:2", "cube:2", "2-1-1", "real",
        [b for b in range(16) if b not in (0b0110, 0b1001)],
        _witnesses())


def _witnesses() -> dict[int, Any]:
    from verify.encodings.realize import realized_set

    res = realized_set(_CUBE2, "2-1-1", "real")
    assert res.count == 14
    return dict(res.witnesses)


def test_count_certificate_is_checked_and_has_no_timings() -> None:
    e = _entry()
    assert e["check"]["verdict"] == "verified" and e["check"]["count"] == 14
    assert '"seconds"' not in certificate_bytes(e["certificate"], False).decode()


def test_rejected_certificate_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from verify.certify import producer

    real = producer.make_count_certificate

    def inflated(*args: Any, **kwargs: Any) -> dict[str, Any]:
        cert = real(*args, **kwargs)
        cert["answer"]["count"] += 1  # an inflated count: the checker must refuse it
        return cert

    monkeypatch.setattr(producer, "make_count_certificate", inflated)
    with pytest.raises(CertificateError, match="rejected by the checker"):
        _entry()


def test_unproducible_certificate_is_cited_with_its_reason() -> None:
    many = [[i] for i in range(25)]  # count certificates cover at most 24 points
    e = _certificates.count_certificate("25 points", many, "halfspaces", "real", [0])
    assert e["certificate"] is None and "at most 24 points" in e["note"]
    claims, files = extract_certificates([{"id": "x", "certificates": [e]}])
    assert files == {} and claims[0]["certificates"][0]["file"] is None
    assert certificate_lines(claims[0])[2].startswith("- 25 points: no certificate:")


def test_report_writes_cites_and_removes_stale_certificates(tmp_path: Any) -> None:
    e = _entry()
    res = ClaimResult("demo", "Demo", "s", {}, "holds-on-instances", {}, "E.",
                      certificates=[e, e])
    assert ClaimResult.from_json(res.to_json()).certificates == res.to_json()["certificates"]
    names = write_report(tmp_path, [res.to_json()], "quick")
    assert {n for n in names if n.startswith("certificates/")} == {
        "certificates/demo-1.json.gz", "certificates/demo-2.json.gz"}
    first = (tmp_path / "certificates" / "demo-1.json.gz").read_bytes()
    assert first == certificate_bytes(e["certificate"], True)
    page = (tmp_path / "claims" / "demo.md").read_text()
    assert "(../certificates/demo-2.json.gz): 2-1-1 on cube:2 — VERIFIED by the checker " \
           "(count 14)" in page
    # a re-run without the second certificate removes its file
    write_report(tmp_path, [ClaimResult("demo", "Demo", "s", {}, "holds-on-instances", {},
                                        "E.", certificates=[e]).to_json()], "quick")
    assert sorted(p.name for p in (tmp_path / "certificates").iterdir()) == ["demo-1.json.gz"]
    assert (tmp_path / "certificates" / "demo-1.json.gz").read_bytes() == first
