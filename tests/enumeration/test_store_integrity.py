"""A damaged store or saved set never gives a wrong exact answer: fault injection.

The way the defect was found: finish a store, damage copies of it (random bytes
overwritten, truncation, rows deleted or inserted, the completion flipped or
edited, a witness edited) and run again.  Every run must end in the right exact
answer — the count and digest of an independent computation — or in one clean
error (``InvalidArgument`` / exit 2 with one printable ``error:`` line naming the
file), never a traceback and never another count.

The reference: real-weight 3-1-1 networks on cube:3 realize exactly the
halfspace dichotomies (one hidden unit: {f > 0} is a halfspace), 104 of them
(OEIS A000609), computed here by the halfspace recursion, not by the engine.
"""

from __future__ import annotations

import functools
import json
import random
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from verify.cli import main
from verify.encodings.result import RealizedSet
from verify.enumeration.labelings import (
    labelings_digest,
    read_saved,
    save_labelings,
)
from verify.enumeration.realized import halfspace_set, realized_labelings
from verify.enumeration.store import RealizedStore, store_version
from verify.errors import CacheDamaged, Interrupted, InvalidArgument
from verify.geometry.pointsets import as_points

SPEC, ARCH = "cube:3", "3-1-1"
COUNT = 104  # OEIS A000609: the threshold functions of 3 variables


@functools.cache
def truth() -> RealizedSet:
    """The halfspace dichotomies of cube:3 by the halfspace recursion (computed when first
    needed, not while the tests are collected)."""
    t = halfspace_set(SPEC)
    assert t.count == COUNT
    return t


def digest() -> str:
    """The digest of :func:`truth`'s labelings."""
    return labelings_digest(truth().labelings, truth().n)


KEY = RealizedStore.run_key(as_points(SPEC), ARCH, "real")


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the completed run (and a second, unrelated run)."""
    d = tmp_path_factory.mktemp("finished")
    r = realized_labelings(SPEC, ARCH, cache_dir=str(d))
    assert (r.count, r.complete, labelings_digest(r.labelings, r.n)) == (COUNT, True, digest())
    assert realized_labelings("cube:2", "2-1-1", cache_dir=str(d)).count == 14
    return d / "realized.sqlite"


def _copy(finished: Path, tmp_path: Path, name: str) -> Path:
    d = tmp_path / name
    d.mkdir()
    shutil.copy(finished, d / "realized.sqlite")
    return d


def _outcome(cache: Path) -> str:
    """'cached' / 'recomputed' when the answer is exactly right, 'error' when refused cleanly."""
    try:
        r = realized_labelings(SPEC, ARCH, cache_dir=str(cache))
    except InvalidArgument as exc:
        msg = str(exc)
        assert msg.isprintable() and "\n" not in msg, msg
        assert str(cache / "realized.sqlite") in msg and "--no-cache" in msg, msg
        return "error"
    assert r.complete and r.count == COUNT
    assert labelings_digest(r.labelings, r.n) == digest()
    return "cached" if "from_cache" in r.provenance else "recomputed"


def test_the_reference_store_is_answered_from_the_cache_and_verified(finished, tmp_path):
    d = _copy(finished, tmp_path, "intact")
    r = realized_labelings(SPEC, ARCH, cache_dir=str(d))
    assert "from_cache" in r.provenance and "digest reproduced" in r.provenance[
        "verified_on_read"]
    assert _outcome(d) == "cached"


def test_random_byte_damage_gives_the_right_answer_or_a_clean_error(finished, tmp_path):
    rng = random.Random(9)
    data = finished.read_bytes()
    seen: dict[str, int] = {}
    for i in range(60):
        damaged = bytearray(data)
        if i % 4 == 3:
            damaged = damaged[: rng.randrange(len(data))]  # truncated
        else:
            off = rng.randrange(len(data))
            damaged[off: off + 100] = rng.randbytes(len(damaged[off: off + 100]))
        d = tmp_path / f"c{i}"
        d.mkdir()
        (d / "realized.sqlite").write_bytes(bytes(damaged))
        out = _outcome(d)
        seen[out] = seen.get(out, 0) + 1
    # both kinds occur: damage in unused or unrelated bytes is harmless, the rest is caught
    assert seen.get("error", 0) > 15 and seen.get("cached", 0) > 5, seen


def _sql(cache: Path, *statements: tuple[str, tuple[object, ...]]) -> None:
    con = sqlite3.connect(cache / "realized.sqlite")
    with con:
        for sql, params in statements:
            con.execute(sql, params)
    con.close()


def _rows(cache: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(cache / "realized.sqlite")
    rows = con.execute("SELECT bits, witness FROM labelings WHERE key = ? ORDER BY bits",
                       (KEY,)).fetchall()
    con.close()
    return rows


@pytest.mark.parametrize("k", [1, 17])
def test_deleted_rows_are_refused(finished, tmp_path, k):
    d = _copy(finished, tmp_path, "del")
    rng = random.Random(k)
    for bits, _ in rng.sample(_rows(d), k):
        _sql(d, ("DELETE FROM labelings WHERE key = ? AND bits = ?", (KEY, bits)))
    assert _outcome(d) == "error"
    with pytest.raises(CacheDamaged, match=f"{COUNT} labelings reads back as {COUNT - k}"):
        realized_labelings(SPEC, ARCH, cache_dir=str(d))


def test_inserted_rows_are_refused(finished, tmp_path):
    rows = _rows(finished.parent)
    stored = {int(b) for b, _ in rows}
    missing = next(b for b in range(2**8) if b not in stored)
    # a labeling the class does not realize, with some stored witness: fails the re-check
    d = _copy(finished, tmp_path, "ins")
    _sql(d, ("INSERT INTO labelings VALUES (?, ?, ?)", (KEY, str(missing), rows[0][1])))
    assert _outcome(d) == "error"
    # a stored labeling written a second way ("007" for 7): refused, not counted twice
    d = _copy(finished, tmp_path, "dup")
    _sql(d, ("INSERT INTO labelings VALUES (?, ?, ?)", (KEY, "0" + rows[1][0], rows[1][1])))
    assert _outcome(d) == "error"
    # a row of another run does not touch this one
    d = _copy(finished, tmp_path, "other")
    _sql(d, ("INSERT INTO labelings VALUES (?, ?, ?)", ("0" * 64, "3", rows[0][1])))
    assert _outcome(d) == "cached"


def test_the_completion_is_earned_not_read_from_a_flag(finished, tmp_path):
    # the old flag means nothing either way
    d = _copy(finished, tmp_path, "flag0")
    _sql(d, ("UPDATE runs SET complete = 0", ()))
    assert _outcome(d) == "cached"
    # no completion record: resumed from the re-checked witnesses, refutation recomputed
    d = _copy(finished, tmp_path, "nocompletion")
    _sql(d, ("DELETE FROM completions", ()))
    assert _outcome(d) == "recomputed"
    assert _outcome(d) == "cached"  # and recorded again
    # a completion of another code version only means "not complete"
    d = _copy(finished, tmp_path, "version")
    _sql(d, ("UPDATE completions SET version = ?", (store_version("older engine"),)))
    assert _outcome(d) == "recomputed"
    assert _outcome(d) == "cached"
    # a completion whose count or digest the rows do not reproduce: refused
    for column, value in (("count", COUNT + 1), ("count", COUNT - 1), ("digest", "0" * 64),
                          ("digest", labelings_digest([1], 8))):
        d = _copy(finished, tmp_path, f"{column}{value}")
        _sql(d, (f"UPDATE completions SET {column} = ?", (value,)))
        assert _outcome(d) == "error"
    # a completion planted on an incomplete run: rows do not reproduce it, refused
    d = _copy(finished, tmp_path, "planted")
    _sql(d, ("DELETE FROM labelings WHERE key = ? AND bits = ?", (KEY, _rows(d)[5][0])))
    assert _outcome(d) == "error"


def test_a_store_of_the_older_layout_is_resumed_not_trusted(finished, tmp_path):
    d = _copy(finished, tmp_path, "legacy")
    _sql(d, ("DROP TABLE completions", ()), ("UPDATE runs SET complete = 1", ()))
    assert _outcome(d) == "recomputed"


def test_edited_witnesses_are_rechecked(finished, tmp_path):
    rng = random.Random(4)
    rows = _rows(finished.parent)
    seen = set()
    for i in range(8):
        d = _copy(finished, tmp_path, f"w{i}")
        bits, wit = rows[rng.randrange(len(rows))]
        net = json.loads(wit)
        layer = net["layers"][rng.randrange(len(net["layers"]))]
        row = layer["weights"][0] if rng.random() < 0.7 else layer["bias"]
        j = rng.randrange(len(row)) if isinstance(row, list) else 0
        if isinstance(row, list):
            row[j] = f"{rng.randint(-3, 3)}/{rng.randint(1, 3)}"
        _sql(d, ("UPDATE labelings SET witness = ? WHERE key = ? AND bits = ?",
                 (json.dumps(net), KEY, bits)))
        seen.add(_outcome(d))
    assert "error" in seen
    d = _copy(finished, tmp_path, "garbage")
    _sql(d, ("UPDATE labelings SET witness = ? WHERE key = ? AND bits = ?",
             ("\x1b[2J{not json", KEY, rows[0][0])))
    assert _outcome(d) == "error"
    d = _copy(finished, tmp_path, "bytes")
    _sql(d, ("UPDATE labelings SET bits = ? WHERE key = ? AND bits = ?",
             (b"\xff\xfe\x1b", KEY, rows[0][0])))
    assert _outcome(d) == "error"


def test_a_damaged_store_at_the_command_line(finished, tmp_path, capsys):
    d = _copy(finished, tmp_path, "cli")
    data = (d / "realized.sqlite").read_bytes()
    argv = ["count", "relu", "--points", SPEC, "--arch", ARCH, "--cache-dir", str(d)]
    for damaged in (data[: len(data) // 2], random.Random(1).randbytes(100) + data[100:]):
        (d / "realized.sqlite").write_bytes(damaged)  # truncated; header overwritten
        assert main(argv) == 2
        out, err = capsys.readouterr()
        lines = err.splitlines()
        assert out == "" and len(lines) == 1 and lines[0].startswith("error: cache "), err
        assert lines[0].isprintable() and "--no-cache" in lines[0] and "Traceback" not in err
    # the way out it names works and gives the right answer
    assert main([*argv[:-2], "--no-cache", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["count"], got["digest"], got["complete"]) == (COUNT, digest(), True)


def test_count_and_growth_print_the_digest_the_store_verifies(finished, tmp_path, capsys):
    d = _copy(finished, tmp_path, "json")
    argv = ["--points", SPEC, "--arch", ARCH, "--cache-dir", str(d), "--json"]
    assert main(["count", "relu", *argv]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["digest"] == digest() and "from_cache" in got["provenance"]
    con = sqlite3.connect(d / "realized.sqlite")
    (stored,) = con.execute("SELECT digest FROM completions WHERE key = ?", (KEY,)).fetchone()
    con.close()
    assert stored == digest()
    assert main(["growth", *argv]) == 0
    assert json.loads(capsys.readouterr().out)["digest"] == digest()
    assert main(["count", "halfspaces", "--points", SPEC, "--method", "enumerate",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["digest"] == digest()
    # counted from the characteristic polynomial, without listing: no digest
    assert main(["count", "halfspaces", "--points", SPEC, "--method", "poly", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["digest"] is None


def test_ctrl_c_says_exactly_what_was_kept(tmp_path, monkeypatch, capsys):
    real_add = RealizedStore.add
    calls = []

    def add_then_interrupt(self, key, bits, net):
        calls.append(bits)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return real_add(self, key, bits, net)

    monkeypatch.setattr(RealizedStore, "add", add_then_interrupt)
    cache = tmp_path / "c"
    argv = ["count", "relu", "--points", "grid:3:2", "--arch", "2-1-1",
            "--cache-dir", str(cache)]
    assert main(argv) == 130
    out, err = capsys.readouterr()
    st = RealizedStore(str(cache))
    kept = st.count(RealizedStore.run_key(as_points("grid:3:2"), "2-1-1", "real"))
    st.close()
    assert kept >= 4
    assert out == "" and err.splitlines() == [
        f"interrupted: {kept} labelings kept in {cache / 'realized.sqlite'}; "
        "run again to continue"]
    monkeypatch.setattr(RealizedStore, "add", real_add)
    with pytest.raises(Interrupted, match=r"^interrupted: \d+ labelings kept in .*; run again"):
        realized_labelings("grid:3:2", "2-1-1", cache_dir=str(tmp_path / "d"),
                           on_found=lambda b, n: (_ for _ in ()).throw(KeyboardInterrupt))
    # run again: it continues from what was kept, and the answer is the right one
    r = realized_labelings("grid:3:2", "2-1-1", cache_dir=str(cache))
    assert r.complete and r.provenance["resumed_from_store"] == kept
    assert r.labelings.tolist() == halfspace_set("grid:3:2").labelings.tolist()


# ---- saved .npz sets -------------------------------------------------------------------


def _saved(tmp_path: Path, name: str = "h.npz", complete: bool = True) -> Path:
    p = tmp_path / name
    save_labelings(p, truth().labelings, truth().n, complete, points=SPEC, spec=SPEC,
                   arch="halfspaces")
    return p


def test_a_saved_set_records_its_points_and_refuses_others(tmp_path, capsys):
    p = tmp_path / "c2.npz"
    assert main(["count", "halfspaces", "--points", "cube:2", "--out", str(p)]) == 0
    capsys.readouterr()
    s = read_saved(p)
    assert (s.spec, s.n, s.count, s.complete, s.architecture) == ("cube:2", 4, 14, True,
                                                                  "halfspaces")
    assert main(["growth", "--points", "grid:2:2", "--from", str(p)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "cube:2" in err[0]
    assert "not of grid:2:2" in err[0]
    assert main(["growth", "--points", "cube:2", "--from", str(p), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["digest"] == labelings_digest(
        halfspace_set("cube:2").labelings, 4)


def test_random_damage_to_a_saved_set_is_caught(tmp_path):
    p = _saved(tmp_path)
    data = p.read_bytes()
    rng = random.Random(3)
    caught = 0
    for i in range(60):
        damaged = bytearray(data)
        if i % 3 == 2:
            damaged = damaged[: rng.randrange(len(data))]
        else:
            off = rng.randrange(len(data))
            size = rng.choice([1, 100])
            damaged[off: off + size] = rng.randbytes(len(damaged[off: off + size]))
        q = tmp_path / f"d{i}.npz"
        q.write_bytes(bytes(damaged))
        try:
            s = read_saved(q)
        except InvalidArgument as exc:
            assert str(exc).isprintable() and str(q) in str(exc)
            caught += 1
            continue
        assert (s.count, s.digest, s.complete) == (COUNT, digest(), True)
        assert labelings_digest(s.labelings, s.n) == digest()
    assert caught > 40


def _rewrite(src: Path, dst: Path, **changes: object) -> None:
    with np.load(src, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    arrays.update(changes)
    with open(dst, "wb") as fh:
        np.savez_compressed(fh, **arrays)


def test_edited_saved_sets_are_refused(tmp_path):
    p = _saved(tmp_path)
    with np.load(p, allow_pickle=False) as z:
        words, meta = z["words"], json.loads(str(z["provenance"]))
    cases = {
        "fewer": {"words": words[1:]},
        "extra": {"words": np.vstack([words, words[:1]])},
        "other": {"words": np.where(words == words[3], words[3] ^ np.uint64(1), words)},
        "flag": {"complete": np.bool_(False)},
        "count": {"provenance": np.str_(json.dumps({**meta, "count": COUNT - 1}))},
        "notjson": {"provenance": np.str_("\x1b]0;x\x07{")},
    }
    for name, change in cases.items():
        q = tmp_path / f"{name}.npz"
        _rewrite(p, q, **change)
        with pytest.raises(InvalidArgument, match="damaged or was edited") as info:
            read_saved(q)
        assert str(info.value).isprintable()
    # provenance edited consistently to another point set: the points check refuses it
    q = tmp_path / "moved.npz"
    _rewrite(p, q, provenance=np.str_(json.dumps({**meta, "spec": "grid:2:3"})))
    read_saved(q).check_points(SPEC)  # the points' digest, not the name, decides
    with pytest.raises(InvalidArgument, match="not of grid:2:3"):
        read_saved(q).check_points("grid:2:3")


def test_old_format_sets_are_refused_with_how_to_recreate(tmp_path, capsys):
    old = tmp_path / "old.npz"
    np.savez_compressed(old, n=np.int64(4), words=np.array([[3]], dtype=np.uint64),
                        complete=np.bool_(True))
    assert main(["growth", "--points", "cube:2", "--from", str(old)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "older format" in err[0] and "verify count" in err[0]
