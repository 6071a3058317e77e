"""Figures drawn in a fork pool never hang the report: a stuck child is given up on."""

from __future__ import annotations

import os
import threading
import time

from verify.report import writer

_PARENT = os.getpid()


def _stuck_in_a_child(data):
    if os.getpid() != _PARENT:  # in a pool child: stuck (as after a fork with a lock held)
        time.sleep(30)
        return {"f.txt": b"late"}, None  # never used: the pool is given up on first
    return {"f.txt": str(data["n"]).encode()}, None


def test_a_stuck_drawing_child_falls_back_to_drawing_here(monkeypatch):
    monkeypatch.setattr(writer, "_draw_one", _stuck_in_a_child)
    monkeypatch.setattr(writer, "_POOL_SECONDS", 0.5)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    got = writer._drawn([{"n": 1}, {"n": 2}])
    assert got == [({"f.txt": b"1"}, None), ({"f.txt": b"2"}, None)]


def test_a_process_with_other_threads_draws_without_forking(monkeypatch):
    parent = os.getpid()
    pids = []

    def draw(data):
        pids.append(os.getpid())
        return {}, None

    monkeypatch.setattr(writer, "_draw_one", draw)
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert writer._drawn([{"n": 1}, {"n": 2}]) == [({}, None), ({}, None)]
    assert pids == [parent, parent]  # drawn here: a list filled in a child stays empty here
