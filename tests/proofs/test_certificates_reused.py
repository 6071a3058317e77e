"""One report run produces a count certificate once per question (proofs/_certificates.py,
``certificates_reused``), and still checks every claim's certificate.

Independent truths: the producer's and the checker's calls counted; the certificate a
reuse gives equals the one produced afresh; what a claim run in a forked process produced
is what the next one reuses (counted in a file both processes append to).
"""

from __future__ import annotations

import pytest

import proofs._certificates as certs
import verify.certify as certify
import verify.certify.producer as producer
from proofs import ClaimResult, certificates_reused
from proofs._certificates import count_certificate
from verify.geometry.dichotomies import halfspace_dichotomies

LABS = halfspace_dichotomies("cube:2").tolist()


@pytest.fixture
def calls(monkeypatch):
    """The producer's and the checker's calls, counted (the real functions run)."""
    seen = {"made": 0, "checked": 0}
    make, check = producer.make_count_certificate, certify.check_certificate

    def made(*args, **kwargs):
        seen["made"] += 1
        return make(*args, **kwargs)

    def checked(*args, **kwargs):
        seen["checked"] += 1
        return check(*args, **kwargs)

    monkeypatch.setattr(producer, "make_count_certificate", made)
    monkeypatch.setattr(certify, "check_certificate", checked)
    return seen


def test_a_question_asked_twice_in_a_run_is_produced_once_and_checked_twice(calls):
    fresh = count_certificate("halfspaces", "cube:2", "halfspaces", "real", LABS)
    with certificates_reused():
        a = count_certificate("a", "cube:2", "halfspaces", "real", LABS)
        b = count_certificate("b", "cube:2", "halfspaces", "real", LABS)
    assert calls == {"made": 2, "checked": 3}  # the fresh one, then one for a and b
    assert a["certificate"] == b["certificate"] == fresh["certificate"]
    assert (a["subject"], b["subject"]) == ("a", "b")
    assert b["check"] == fresh["check"] and b["check"]["verdict"] == "verified"


@pytest.mark.parametrize("other", [
    {"arch": "2-1-1"},  # the same labelings, another class
    {"points": [[0, 0], [0, 1], [1, 0], [1, 1]]},  # the same points, not named
    {"timeout": 30},
    {"points": "grid:2:2"},
])
def test_another_question_is_produced_again(calls, other):
    ask = {"points": "cube:2", "arch": "halfspaces", "timeout": 60}
    with certificates_reused():
        first = count_certificate("first", ask["points"], ask["arch"], "real", LABS,
                                  timeout=ask["timeout"])
        ask.update(other)
        second = count_certificate("second", ask["points"], ask["arch"], "real", LABS,
                                   timeout=ask["timeout"])
    assert calls["made"] == 2
    assert first["check"]["verdict"] == second["check"]["verdict"] == "verified"


def test_nothing_is_kept_after_the_run(calls):
    with certificates_reused():
        count_certificate("a", "cube:2", "halfspaces", "real", LABS)
        folder = certs._REUSED[0]
        with certificates_reused():  # nested: the same run
            assert certs._REUSED == [folder]
            count_certificate("b", "cube:2", "halfspaces", "real", LABS)
        assert calls["made"] == 1 and len(list(folder.iterdir())) == 1
    assert not folder.exists() and certs._REUSED == []
    count_certificate("c", "cube:2", "halfspaces", "real", LABS)
    assert calls["made"] == 2


@pytest.mark.parametrize("damage", ["edited", "torn", "another question"])
def test_a_kept_certificate_that_does_not_verify_is_produced_again(calls, damage):
    with certificates_reused():
        first = count_certificate("a", "cube:2", "halfspaces", "real", LABS)
        (path,) = certs._REUSED[0].iterdir()
        text = path.read_text()
        if damage == "edited":  # the count changed inside the kept certificate
            text = text.replace('\\"count\\": 14', '\\"count\\": 15')
            assert '\\"count\\": 15' in text
        elif damage == "torn":
            text = text[: len(text) // 2]
        else:  # the entry of another question under this question's name
            text = text.replace("cube:2", "grid:2:2", 1)
        path.write_text(text)
        again = count_certificate("b", "cube:2", "halfspaces", "real", LABS)
    assert calls["made"] == 2
    assert again["certificate"] == first["certificate"]


def test_claims_run_in_forked_processes_share_the_run(monkeypatch, tmp_path):
    """``run_claims`` with a time limit runs each claim in a forked process: the second
    claim reuses what the first produced."""
    import verify.report.runner as runner

    log = tmp_path / "made.log"
    make = producer.make_count_certificate

    def made(*args, **kwargs):
        with log.open("a") as fh:
            fh.write("made\n")
        return make(*args, **kwargs)

    def claim(claim_id, size):
        e = count_certificate(claim_id, "cube:2", "halfspaces", "real", LABS)
        return ClaimResult(id=claim_id, title="t", statement="s", parameters={},
                           verdict="holds-on-instances", evidence={}, explanation="e.",
                           certificates=[e], evidence_kind="certificate")

    monkeypatch.setattr(producer, "make_count_certificate", made)
    monkeypatch.setattr(runner, "run_claim", claim)
    monkeypatch.setattr(runner, "_preload", lambda ids: None)
    ids = ["thm-4.3-double-counting", "lemma-a.4-sauer-shelah"]
    out = runner.run_claims(ids, "quick", time_limit=60)
    assert [r["certificates"][0]["check"]["verdict"] for r in out] == ["verified"] * 2
    assert out[0]["certificates"][0]["certificate"] == out[1]["certificates"][0]["certificate"]
    assert log.read_text() == "made\n"
    assert certs._REUSED == []
