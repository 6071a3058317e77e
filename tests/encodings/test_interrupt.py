"""Ctrl-C during a z3 check (z3 answers 'unknown', reason 'canceled') is an interruption.

It must neither become a refutation nor be dressed up as a time-out: the run stops
with KeyboardInterrupt (the CLI prints 'error: interrupted', exit 130), and the
labelings already reported are kept by the resumable store.
"""

from __future__ import annotations

import sys

import pytest

from verify.encodings import realize, realized_set
from verify.enumeration.realized import realized_labelings
from verify.enumeration.store import RealizedStore
from verify.geometry.pointsets import as_points


class _Canceled:
    """An encoder whose every check is cancelled the way z3 reports Ctrl-C."""

    encoding = "stub"
    last_labels: tuple[int, ...] = ()

    def set_timeout(self, seconds):
        pass

    def check(self, labels=None):
        return "unknown", None

    def block(self, labels):
        pass

    def reason_unknown(self):
        return "canceled"

    def provenance(self):
        return {"solver": "stub"}


@pytest.fixture
def canceled(monkeypatch):
    module = sys.modules["verify.encodings.realize"]
    monkeypatch.setattr(module, "_encoder", lambda *a, **k: _Canceled())


def test_cancel_without_a_time_limit_is_an_interruption(canceled):
    with pytest.raises(KeyboardInterrupt):
        realize("cube:2", "-++-", "2-2-1")
    with pytest.raises(KeyboardInterrupt):
        realized_set("cube:2", "2-2-1")


def test_cancel_at_the_time_limit_is_a_time_out(canceled, monkeypatch):
    # z3 says 'canceled' for its own time-outs too; near the deadline that is the time-out
    module = sys.modules["verify.encodings.realize"]
    monkeypatch.setattr(module, "_interrupted", lambda enc, deadline: False)
    d = realize("cube:2", "-++-", "2-2-1", timeout=1)
    assert d.status == "unknown" and d.reason.startswith("time-out after 1 s")
    r = realized_set("cube:2", "2-2-1", timeout=1)
    assert not r.complete and r.reason.startswith("time-out after 1 s")


def test_interrupted_enumeration_keeps_what_it_found(canceled, tmp_path):
    with pytest.raises(KeyboardInterrupt):
        realized_labelings("grid:3:2", "2-2-1", cache_dir=str(tmp_path))
    store = RealizedStore(str(tmp_path))
    key = store.run_key(as_points("grid:3:2"), "2-2-1", "real")
    found = store.known(key)
    assert found and store.completion(key) is None  # the kernel's and the sweep's witnesses
    store.close()
