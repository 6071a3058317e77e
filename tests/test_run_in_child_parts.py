"""Golden test of running one claim in a forked process (``verify.report.runner.
_run_in_child``), pinned before it was split by concern: the result it returns when the
child answers, stops, dies or passes its time, with and without the caller's ``on_limit``;
and no process left behind."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import time

import pytest

from tests.enumeration.golden import digest
from verify.report.runner import _run_in_child


def _answer():
    return {"verdict": "fails", "n": [1, 2]}


def _dies():
    os._exit(3)


def _sleeps():
    time.sleep(30)
    return {}


JOBS = {"answer": _answer, "dies": _dies, "sleeps": _sleeps}
GOLDEN = {  # (job, on_limit given): digest of the result
    ("answer", False): "bea683a5a8de09ba6d7914ad23aff731",
    ("dies", False): "b43a78d12048023a7fdd3ee90d52b832",
    ("dies", True): "3a24793ee231fdf26761dd5090f7a82c",
    ("sleeps", False): "f026af2b456634bd563f9d4a526aafa9",
    ("sleeps", True): "bb2c3af348889a382341aaf3a201ef87",
    ("registry", False): "e50d2e373faf70acbaebed18c6451c20",
}


@pytest.mark.parametrize("case", list(GOLDEN), ids=str)
def test_run_in_child_golden(case):
    job, limited = case
    on_limit = (lambda reason: {"limit": reason}) if limited else None
    before = {p.pid for p in mp.active_children()}  # (other tests' helpers may be running)
    if job == "registry":  # the registry's own check of a claim
        result = _run_in_child("thm-5.8-range", "quick", 60)
    else:
        result = _run_in_child("thm-4.5", "quick", 0.3, job=JOBS[job], on_limit=on_limit)
    assert {p.pid for p in mp.active_children()} <= before  # the child is reaped
    assert digest(json.dumps(result, sort_keys=True)) == GOLDEN[case]
