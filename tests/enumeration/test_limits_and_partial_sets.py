"""Kernel limits are refusals (never tracebacks or partial answers); partial sets stay partial."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

from verify.cli import main
from verify.encodings.sweep import sweep_witnesses
from verify.enumeration import realized as realized_mod
from verify.enumeration.kernel import KernelTooLarge, int_realized_set
from verify.enumeration.labelings import load_labelings, save_labelings, saved_complete
from verify.enumeration.realized import realized_labelings
from verify.errors import InvalidArgument
from verify.geometry.dichotomies import halfspace_dichotomies


def test_kernel_refuses_too_many_weight_vectors_before_allocating():
    # (2*3+1)^8 weight vectors x 128 points would be 5.5 GiB of int64
    with pytest.raises(KernelTooLarge, match="weight vectors per unit"):
        int_realized_set("cube:7", "7-1", 3)


def test_kernel_work_limit_is_a_refusal_and_an_invalid_argument():
    with pytest.raises(KernelTooLarge, match="work limit"):
        int_realized_set("grid:3:2", "2-2-1", 2, max_work=10)
    assert issubclass(KernelTooLarge, InvalidArgument)
    # a generous limit changes nothing
    assert int_realized_set("grid:3:2", "2-2-1", 2, max_work=10**9).count == \
        int_realized_set("grid:3:2", "2-2-1", 2).count


def test_kernel_refuses_huge_coordinates_even_with_q_zero():
    with pytest.raises(KernelTooLarge, match="64-bit"):
        int_realized_set([[Fraction(1, 10**21)], [1]], "1-1", 0)


def test_count_int_class_too_large_is_one_line(capsys):
    assert main(["count", "relu", "--points", "cube:7", "--arch", "7-1", "--class", "int:3"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:")


@pytest.mark.parametrize("work", [0, 200_000])
def test_real_set_when_the_seeding_kernel_does_not_fit(monkeypatch, work):
    # the seeds only save time: a seeding kernel over its limit is skipped or shrunk
    monkeypatch.setattr(realized_mod, "_SEED_WORK", work)
    r = realized_labelings("grid:3:2", "2-2-1", use_cache=False)
    assert r.complete and r.count == 360
    seed_class = r.provenance["kernel_seed_class"]
    if work == 0:
        assert seed_class is None and r.provenance["kernel_seeds"] == 0
    else:  # int:2 needs 267^2 x 9 > 200,000 candidate entries on grid:3:2; int:1 fits
        assert seed_class == "int:1" and r.provenance["kernel_seeds"] > 0


def test_real_class_on_points_with_huge_denominators():
    pts = [["1/1000000000000000000000"], ["2/1000000000000000000001"], ["1"]]
    assert sweep_witnesses([tuple(Fraction(c) for c in p) for p in pts], 2) == {}
    one = realized_labelings(pts, "1-1-1", use_cache=False)
    assert one.complete
    assert one.labelings.tolist() == halfspace_dichotomies(pts).tolist()
    two = realized_labelings(pts, "1-2-1", use_cache=False)
    assert two.complete and two.count == 8  # 3 points on a line: 2 units realize everything


def test_completeness_flag_round_trips(tmp_path):
    p = tmp_path / "s.npz"
    save_labelings(p, np.array([1, 2], dtype=np.uint64), 2, points="cube:1")
    assert saved_complete(p)
    save_labelings(p, np.array([1, 2], dtype=np.uint64), 2, complete=False, points="cube:1")
    assert not saved_complete(p) and load_labelings(p)[0].tolist() == [1, 2]
    # a file without provenance (the older format, or saved by other means) is refused
    np.savez(tmp_path / "plain.npz", n=np.int64(2), words=np.array([[3]], dtype=np.uint64))
    with pytest.raises(InvalidArgument, match=r"older format.*re-create it with 'verify count"):
        saved_complete(tmp_path / "plain.npz")


def test_growth_from_an_incomplete_saved_set_says_so(capsys, tmp_path):
    out = tmp_path / "part.npz"
    assert main(["count", "relu", "--points", "grid:4:2", "--arch", "2-2-1", "--timeout",
                 "0.05", "--no-cache", "--out", str(out), "--json"]) == 3  # incomplete
    counted = json.loads(capsys.readouterr().out)
    assert counted["complete"] is False
    assert main(["count", "relu", "--points", "grid:4:2", "--arch", "2-2-1", "--timeout",
                 "0.05", "--no-cache"]) == 3
    text = capsys.readouterr().out
    assert text.startswith("grid:4:2: at least ")
    assert "time-out after 0.05 s" in text and "unknown, not unrealizable" in text
    assert main(["growth", "--points", "grid:4:2", "--from", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["realized_set_complete"] is False
    assert main(["growth", "--points", "grid:4:2", "--from", str(out)]) == 0
    text = capsys.readouterr().out
    assert "lower bounds for the class" in text and "at least this" in text


@pytest.mark.parametrize("arch,cls", [("2-2-1", "int:1"), ("halfspaces", "real")])
def test_timeout_is_validated_even_where_no_solver_runs(arch, cls):
    with pytest.raises(InvalidArgument, match="timeout"):
        realized_labelings("cube:2", arch, cls, use_cache=False, timeout=0)


def test_deeper_int_class_is_refused_before_touching_the_store(tmp_path):
    with pytest.raises(InvalidArgument, match="at most one hidden layer"):
        realized_labelings("cube:2", "2-1-1-1", "int:1", use_cache=False)
    with pytest.raises(InvalidArgument, match="at most one hidden layer"):
        realized_labelings("cube:2", "2-1-1-1", "int:1", cache_dir=str(tmp_path / "c"))
    assert not (tmp_path / "c").exists()


def test_a_tampered_cache_entry_is_caught_by_the_exact_re_check(tmp_path, capsys):
    import sqlite3

    from verify.nets.network import ReLUNet

    first = realized_labelings("cube:2", "2-1-1", cache_dir=str(tmp_path))
    assert first.complete and first.count == 14
    again = realized_labelings("cube:2", "2-1-1", cache_dir=str(tmp_path))
    assert "from_cache" in again.provenance and again.count == 14
    # replace one stored witness by the constant network f = -1 (wrong for labeling 15)
    bad = ReLUNet.from_lists([([[0, 0]], [0]), ([[1]], [-1])])
    con = sqlite3.connect(tmp_path / "realized.sqlite")
    with con:
        con.execute("UPDATE labelings SET witness = ? WHERE bits = '15'",
                    (json.dumps(bad.to_json()),))
    con.close()
    with pytest.raises(InvalidArgument, match="labeling 15 fails the exact re-check"):
        realized_labelings("cube:2", "2-1-1", cache_dir=str(tmp_path))
    code = main(["count", "relu", "--points", "cube:2", "--arch", "2-1-1", "--cache-dir",
                 str(tmp_path)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "--no-cache" in err[0]


def test_growth_names_the_halfspace_class_for_either_spelling(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFY_CACHE_DIR", str(tmp_path))
    for arch in ("halfspace", "halfspaces"):
        assert main(["growth", "--points", "cube:2", "--arch", arch]) == 0
        first = capsys.readouterr().out.splitlines()[0]
        assert first == "cube:2: 14 labelings of 4 points realized by halfspaces"


@pytest.mark.parametrize("extra", [["--class", "int:2"], ["--timeout", "5"], ["--homogeneous"]])
def test_growth_from_a_file_refuses_class_options_it_would_ignore(capsys, tmp_path, extra):
    out = tmp_path / "h.npz"
    assert main(["count", "halfspaces", "--points", "cube:2", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["growth", "--points", "cube:2", "--from", str(out), *extra]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {extra[0]} applies with --arch, not with --from FILE"]


def test_kernel_witnesses_are_rechecked_and_a_wrong_one_is_caught(monkeypatch):
    from verify.enumeration import kernel
    from verify.errors import SolverError
    from verify.nets.network import ReLUNet

    r = int_realized_set("grid:3:2", "2-2-1", 1)
    assert r.provenance["witnesses_rechecked"] == r.count == 12
    constant = ReLUNet.from_lists([([[0, 0], [0, 0]], [0, 0]), ([[0, 0]], [1])])  # f = 1
    monkeypatch.setattr(kernel, "_hidden_witness", lambda *args: constant)
    with pytest.raises(SolverError, match="failed the exact re-check"):
        int_realized_set("grid:3:2", "2-2-1", 1)
