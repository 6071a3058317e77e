"""Shards on a Dask LocalCluster of 2 worker processes: the serial answer, byte for byte;
a worker killed mid-shard; a driver killed and resumed; Ctrl-C; Dask absent."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from verify.cli import main
from verify.encodings.realize import realized_set
from verify.enumeration.engine import SerialEngine, make_engine
from verify.enumeration.growth import growth_profile
from verify.enumeration.kernel import int_realized_set
from verify.enumeration.realized import realized_labelings
from verify.enumeration.sharded import sharded_realized_set
from verify.enumeration.shards import RealizedShardTask, run_realized_shard
from verify.errors import InvalidArgument
from verify.geometry.dichotomies import halfspace_dichotomies

distributed = pytest.importorskip(
    "distributed", reason="Dask is the optional extra: pip install -e '.[dask]'")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client():
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import tests
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    cl = distributed.Client(cluster)
    yield cl
    cl.close()
    cluster.close()


def _digest(labs: np.ndarray) -> bytes:
    return labs.astype("<u8").tobytes()


def test_two_workers_give_the_serial_sets(client):
    """Sharded sets on two worker processes equal the serial engine's.

    The larger case, the 4594 labelings of 2-2-1 on grid:4:2 against their pinned
    digest (15 s of the suite's time), is checked by ``benchmarks/bench_dask.py``
    (its first section, "pinned"; ``--skip-target --skip-simulated --skip-frontier``
    runs only that).
    """
    serial = realized_labelings("grid:3:2", "2-2-1", use_cache=False)
    r = sharded_realized_set("grid:3:2", "2-2-1", client=client, use_cache=False)
    assert r.complete and r.count == serial.count == 360
    assert r.labelings.dtype == serial.labelings.dtype
    assert _digest(r.labelings) == _digest(serial.labelings)
    assert growth_profile(r.labelings, r.n).profile == growth_profile(
        serial.labelings, serial.n).profile
    # int:Q by SAT shards against the NumPy kernel
    r = sharded_realized_set("grid:3:2", "2-2-1", "int:1", client=client, use_cache=False)
    assert _digest(r.labelings) == _digest(int_realized_set("grid:3:2", "2-2-1", 1).labelings)
    # halfspaces: the flat recursion's candidates in shards
    r = realized_labelings("cube:4", "halfspaces", client=client, shards=7)
    assert r.complete and _digest(r.labelings) == _digest(halfspace_dichotomies("cube:4"))


class _KillOnce:
    """Kills the worker running shard ``index`` the first time (a marker file says so)."""

    def __init__(self, marker: str, index: int) -> None:
        self.marker, self.index = marker, index

    def __call__(self, task: RealizedShardTask):
        if task.index == self.index:
            try:
                fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass
            else:
                os.close(fd)
                os.kill(os.getpid(), signal.SIGKILL)  # the worker dies mid-shard
        return run_realized_shard(task)


def test_a_worker_killed_mid_shard_changes_nothing(client, tmp_path):
    marker = tmp_path / "killed"
    r = sharded_realized_set("grid:3:2", "2-2-1", client=client, use_cache=False,
                             runner=_KillOnce(str(marker), 0))
    assert marker.exists()  # a worker did die
    assert r.complete and r.count == 360
    assert r.labelings.tolist() == realized_set("grid:3:2", "2-2-1").labelings.tolist()


_KILLED_DRIVER = textwrap.dedent("""
    import os, signal, sys
    from verify.enumeration.sharded import sharded_realized_set
    from verify.enumeration.shards import run_realized_shard
    done = []
    def runner(task):
        if len(done) == 3:
            os.kill(os.getpid(), signal.SIGKILL)  # the driver dies after 3 shards
        done.append(task.index)
        return run_realized_shard(task)
    sharded_realized_set("grid:3:2", "2-2-1", workers=1, cache_dir=sys.argv[1], runner=runner)
""")


def test_a_killed_driver_resumes_without_recomputing_finished_shards(tmp_path):
    cache = str(tmp_path / "cache")
    proc = subprocess.run([sys.executable, "-c", _KILLED_DRIVER, cache], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    computed: list[int] = []

    def counting(task):
        computed.append(task.index)
        return run_realized_shard(task)

    r = sharded_realized_set("grid:3:2", "2-2-1", workers=1, cache_dir=cache, runner=counting)
    assert r.complete and r.count == 360
    assert r.provenance["shards_from_store"] == 3
    assert len(computed) == r.provenance["shards"] - 3  # the 3 finished shards not recomputed
    assert r.labelings.tolist() == realized_set("grid:3:2", "2-2-1").labelings.tolist()
    # the whole answer is now the question's own run: a serial run reads it back
    again = realized_labelings("grid:3:2", "2-2-1", cache_dir=cache)
    assert "from_cache" in again.provenance and again.count == 360
    # and a sharded run reads it back too, saying it computed no shard
    computed.clear()
    again = sharded_realized_set("grid:3:2", "2-2-1", workers=1, cache_dir=cache,
                                 runner=counting)
    assert again.labelings.tolist() == r.labelings.tolist() and computed == []
    assert again.provenance["shards_computed"] == 0
    assert again.provenance["shards_from_store"] == r.provenance["shards"]


_INTERRUPTED = textwrap.dedent("""
    import faulthandler, signal, sys, time
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # the test's look at a hang
    from verify.cli import main
    from verify.enumeration import sharded
    from verify.enumeration.shards import run_realized_shard
    calls = []
    def runner(task):
        calls.append(task.index)
        if len(calls) > 2:
            print("waiting", flush=True)
            time.sleep(600)  # until Ctrl-C
        return run_realized_shard(task)
    sharded.run_realized_shard = runner   # the driver's default runner
    sys.exit(main(["count", "relu", "--points", "grid:3:2", "--arch", "2-2-1",
                   "--workers", "1", "--cache-dir", sys.argv[1]]))
""")


@pytest.mark.usefixtures("terminal_sigint")
def test_ctrl_c_stops_cleanly_and_keeps_finished_shards(tmp_path):
    """Ctrl-C during the third shard: exit 130, one line saying what was kept, and a re-run
    reads the two finished shards back.

    The test waits for the driver process itself, not for the end of its output pipes (a
    process the driver forked, e.g. a solver's query child, may hold a copy of them for a
    moment after the driver ended); its standard error goes to a file.  Should the driver
    ever not end within a minute of Ctrl-C, the failure shows every thread's stack.
    """
    cache = str(tmp_path / "cache")
    err_path = tmp_path / "stderr"
    with open(err_path, "w") as err_file:
        proc = subprocess.Popen([sys.executable, "-c", _INTERRUPTED, cache], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=err_file, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "waiting"  # two shards done, the third runs
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGUSR1)  # faulthandler: every thread's stack
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=2)  # time to write them (it does not end the process)
            pytest.fail("the driver did not end within 60 s of Ctrl-C:\n"
                        + err_path.read_text(errors="replace")[-6000:])
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    err = err_path.read_text()
    assert proc.returncode == 130, err
    assert "interrupted: 2 of" in err and "Traceback" not in err
    r = sharded_realized_set("grid:3:2", "2-2-1", workers=1, cache_dir=cache)
    assert r.provenance["shards_from_store"] == 2 and r.count == 360


def test_without_dask_the_serial_path_runs(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    eng, note = make_engine(workers=2)
    assert isinstance(eng, SerialEngine) and "Dask is not installed" in note
    with pytest.raises(InvalidArgument, match=r"needs Dask: install the dask extra"):
        make_engine(scheduler="tcp://127.0.0.1:8786")
    rc = main(["count", "relu", "--points", "grid:3:2", "--arch", "2-2-1", "--workers", "2",
               "--cache-dir", str(tmp_path)])
    out, err = capsys.readouterr()
    assert rc == 0 and "exactly 360" in out and "note: Dask is not installed" in err
    rc = main(["count", "relu", "--points", "grid:3:2", "--arch", "2-2-1", "--scheduler",
               "tcp://127.0.0.1:8786", "--no-cache"])
    out, err = capsys.readouterr()
    assert rc == 2 and err.startswith("error: --scheduler tcp://127.0.0.1:8786 needs Dask")
    assert err.count("\n") == 1


def test_cli_json_reports_the_shards(client, capsys, monkeypatch, tmp_path):
    import json

    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", client.scheduler.address)
    rc = main(["count", "relu", "--points", "grid:3:2", "--arch", "2-2-1", "--json",
               "--cache-dir", str(tmp_path)])
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    assert out["count"] == 360 and out["shards"]["shards"] >= 2
    assert out["shards"]["engine"].startswith("Dask scheduler")


def test_a_malformed_scheduler_address_is_one_error_line(cli, tmp_path):
    for address in ("nonsense", "tcp://host"):  # no port: refused before any connection
        line = cli.error(["count", "relu", "--points", "grid:3:2", "--arch", "2-2-1",
                          "--scheduler", address, "--cache-dir", str(tmp_path)])
        assert f"scheduler address {address!r}" in line and "missing port" in line
