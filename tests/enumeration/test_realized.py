"""Real-weight realized sets: cross-checks, symmetry reduction, interruption and resume."""

from __future__ import annotations

import sqlite3

import pytest

from verify.enumeration.kernel import int_realized_set
from verify.enumeration.realized import halfspace_set, realized_labelings
from verify.enumeration.store import RealizedStore
from verify.geometry.dichotomies import halfspace_dichotomies
from verify.geometry.pointsets import as_points
from verify.labels import unpack_labels


class Stop(Exception):
    pass


@pytest.mark.parametrize("spec", ["cube:2", "grid:3:2", "stilde:4:2"])
def test_one_relu_unit_realizes_exactly_the_halfspaces(spec, tmp_path):
    # a * relu(w.x + b) + c > 0 is a halfspace condition (or constant), and every halfspace
    # is of this form: an independent truth for the exact engine.
    real = realized_labelings(spec, f"{len(as_points(spec)[0])}-1-1", cache_dir=str(tmp_path))
    assert real.complete
    assert real.labelings.tolist() == halfspace_dichotomies(spec).tolist()


def test_real_contains_int_and_witnesses_check(tmp_path):
    pts = as_points("grid:3:2")
    real = realized_labelings("grid:3:2", "2-2-1", cache_dir=str(tmp_path))
    assert real.complete and real.count == 360
    for q in (1, 2):
        ints = set(int_realized_set("grid:3:2", "2-2-1", q).labelings.tolist())
        assert ints <= set(real.labelings.tolist())
    for bits, net in real.witnesses.items():
        assert net.realizes(pts, unpack_labels(bits, 9))
    # the halfspaces are inside too (one unit suffices), and 2 units do strictly more
    assert set(halfspace_dichotomies("grid:3:2").tolist()) < set(real.labelings.tolist())


def test_symmetry_reduction_gives_the_same_set():
    on = realized_labelings("grid:3:2", "2-2-1", use_cache=False, seed_q=0)
    off = realized_labelings("grid:3:2", "2-2-1", use_cache=False, symmetries=False, seed_q=0)
    assert on.complete and off.complete
    assert on.labelings.tolist() == off.labelings.tolist()


@pytest.mark.parametrize("stop_after", [1, 7, 40])
def test_interrupt_and_resume_equals_one_run(tmp_path, stop_after):
    spec, arch = "grid:3:2", "2-2-1"
    reference = realized_labelings(spec, arch, use_cache=False)
    calls = []

    def bomb(bits, net):
        calls.append(bits)
        if len(calls) >= stop_after:
            raise Stop

    with pytest.raises(Stop):
        realized_labelings(spec, arch, cache_dir=str(tmp_path), on_found=bomb, seed_q=0)
    store = RealizedStore(str(tmp_path))
    key = store.run_key(as_points(spec), arch, "real")
    stored = [b for b, _ in store.known(key)]
    assert set(calls) <= set(stored) and store.completion(key) is None
    store.close()
    resumed = realized_labelings(spec, arch, cache_dir=str(tmp_path))
    assert resumed.complete
    assert resumed.provenance["resumed_from_store"] == len(stored)
    assert resumed.labelings.tolist() == reference.labelings.tolist()
    # no labeling stored twice, nothing lost
    con = sqlite3.connect(tmp_path / "realized.sqlite")
    rows = con.execute("SELECT bits FROM labelings WHERE key = ?", (key,)).fetchall()
    con.close()
    assert len(rows) == len({r[0] for r in rows}) == reference.count
    # a third call is answered from the store
    again = realized_labelings(spec, arch, cache_dir=str(tmp_path))
    assert "from_cache" in again.provenance and again.labelings.tolist() == rows_sorted(rows)


def rows_sorted(rows):
    return sorted(int(r[0]) for r in rows)


def test_timeout_is_incomplete_not_false(tmp_path):
    r = realized_labelings("grid:4:2", "2-2-1", cache_dir=str(tmp_path), timeout=0.2, seed_q=0)
    assert not r.complete
    store = RealizedStore(str(tmp_path))
    key = store.run_key(as_points("grid:4:2"), "2-2-1", "real")
    assert store.completion(key) is None
    assert len(store.known(key)) == r.count
    store.close()


def test_int_class_goes_to_the_kernel_and_halfspace_set():
    r = realized_labelings("cube:2", "2-2-1", "int:2")
    assert r.provenance["method"] == "numpy integer kernel" and r.count == 16
    assert halfspace_set("cube:3").count == 104
    assert halfspace_set([[1, 0], [0, 1], [-1, -1]], homogeneous=True).count == 6


def test_bad_cache_dir(tmp_path):
    from verify.errors import InvalidArgument

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InvalidArgument):
        RealizedStore(str(blocker / "sub"))
