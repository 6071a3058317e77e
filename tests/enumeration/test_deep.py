"""Deep classes through the enumeration layer and the command line: store, intervals, keys."""

from __future__ import annotations

import importlib
import json
import re

from verify.cli import main
from verify.enumeration import realized_labelings


def test_deep_sets_are_stored_and_answered_from_the_store(tmp_path):
    first = realized_labelings("grid:2:2", "2-2-2-1", cache_dir=str(tmp_path))
    assert first.complete and first.count == 16
    again = realized_labelings("grid:2:2", "2-2-2-1", cache_dir=str(tmp_path))
    assert again.count == 16 and "from_cache" in again.provenance
    chain = realized_labelings("grid:3:2", "2-1-1-1", cache_dir=str(tmp_path))
    flat = realized_labelings("grid:3:2", "2-1-1", cache_dir=str(tmp_path))
    assert chain.complete and chain.labelings.tolist() == flat.labelings.tolist()  # 58 each
    assert chain.count == 58


def test_count_prints_an_interval_when_orbits_stay_unknown(tmp_path, capsys):
    # three hidden layers: one NRA query per orbit, no seeds.  The feature after two width-1
    # layers is monotone in x, so +-+- (three sign changes) is unrealizable, and no query
    # refutes it in 1 ms: at least one orbit stays unknown (how many others z3 settles in
    # 1 ms varies from run to run, so each run is checked on its own)
    argv = ["count", "relu", "--points", "grid:4:1", "--arch", "1-1-1-2-1", "--no-cache",
            "--query-timeout", "0.001", "--timeout", "2", "--json"]
    assert main(argv) == 3  # incomplete: exit 3
    out = json.loads(capsys.readouterr().out)
    assert not out["complete"] and out["unknown_orbits"] >= 1
    assert out["lower"] == out["count"] < out["upper"] <= 16
    assert out["upper"] - out["lower"] == out["unknown_labelings"]
    assert main(argv[:-1]) == 3
    text = capsys.readouterr().out
    m = re.search(r"between (\d+) and (\d+) labelings", text)
    assert m and int(m[1]) < int(m[2]) <= 16
    assert re.search(rf"at least {m[1]}, at most {m[2]}; [1-9]\d* orbits unknown", text)


def test_count_exact_for_a_chain_and_help_names_the_methods(capsys):
    assert main(["count", "relu", "--points", "cube:2", "--arch", "2-1-1-1", "--no-cache",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["count"], out["lower"], out["upper"], out["complete"]) == (14, 14, 14, True)
    try:
        main(["count", "--help"])
    except SystemExit:
        pass
    assert "m-h-1-...-1" in capsys.readouterr().out


# Two copies of one point: every labeling that splits them is unrealizable (the relaxation
# refutes it at once); the others are the 16 labelings of the square, all realized.
_TWINS = [[0, 0], [0, 0], [1, 0], [0, 1], [1, 1]]


def _refutations_only(monkeypatch):
    """Make one run decide only the refutations: no seeds, no search, realizable unknown."""
    realize_mod = importlib.import_module("verify.encodings.realize")
    from verify.encodings import wide

    real = realize_mod._two_layer_decider

    def decider(pts, widths):
        inner = real(pts, widths)

        def decide(y, seconds, pass_no):
            if y[0] == y[1]:
                return "unknown", None, {"method": "stub", "reason": "stubbed"}
            return inner(y, seconds, pass_no)

        return decide

    monkeypatch.setattr(realize_mod, "_two_layer_decider", decider)
    monkeypatch.setattr(realize_mod, "_two_layer_seeds", lambda *_a: [])
    monkeypatch.setattr(wide, "first_layer_search", lambda *a, **k: {})


def test_refuted_orbits_are_stored_and_not_decided_again(tmp_path, monkeypatch):
    realize_mod = importlib.import_module("verify.encodings.realize")

    with monkeypatch.context() as m:
        _refutations_only(m)
        first = realized_labelings(_TWINS, "2-2-2-1", cache_dir=str(tmp_path), query_timeout=30)
    assert not first.complete and first.count == 0 and first.unknown_orbits == 8
    assert len(first.provenance["refutations"]) == 8  # 16 of 32 labelings, with negation
    asked = []
    real = realize_mod._two_layer_decider

    def counting(pts, widths):
        inner = real(pts, widths)

        def decide(y, seconds, pass_no):
            asked.append(y)
            return inner(y, seconds, pass_no)

        return decide

    monkeypatch.setattr(realize_mod, "_two_layer_decider", counting)
    again = realized_labelings(_TWINS, "2-2-2-1", cache_dir=str(tmp_path), query_timeout=30)
    assert again.complete and again.count == 16
    assert again.provenance["refutations_from_store"] == 8
    assert again.provenance["decided_by"]["stored refutation"] == 8
    assert all(y[0] == y[1] for y in asked)            # no stored refutation decided again
    stored = [r for r in again.provenance["refutations"] if r.get("from_store")]
    assert len(stored) == 8 and all(r["solver"] == "z3" and r["encoding"] for r in stored)
    fresh = realized_labelings(_TWINS, "2-2-2-1", use_cache=False, query_timeout=30)
    assert fresh.labelings.tolist() == again.labelings.tolist()


def test_refutations_of_another_engine_are_decided_again(tmp_path, monkeypatch):
    realize_mod = importlib.import_module("verify.encodings.realize")

    with monkeypatch.context() as m:
        _refutations_only(m)
        realized_labelings(_TWINS, "2-2-2-1", cache_dir=str(tmp_path), query_timeout=30)
    monkeypatch.setattr(realize_mod, "orbit_engine", lambda arch, cls="real": "another engine")
    again = realized_labelings(_TWINS, "2-2-2-1", cache_dir=str(tmp_path), query_timeout=30)
    assert again.complete and again.count == 16
    assert again.provenance["refutations_from_store"] == 0
    assert "stored refutation" not in again.provenance["decided_by"]


def test_a_damaged_or_contradicted_refutation_is_an_error(tmp_path, monkeypatch):
    import sqlite3

    import pytest

    from verify.encodings.realize import orbit_engine
    from verify.enumeration.store import RealizedStore
    from verify.errors import InvalidArgument

    with monkeypatch.context() as m:
        _refutations_only(m)
        realized_labelings(_TWINS, "2-2-2-1", cache_dir=str(tmp_path), query_timeout=30)
    db = sqlite3.connect(tmp_path / "realized.sqlite")
    with db:
        db.execute("UPDATE refutations SET provenance = replace(provenance, 'z3', 'z4')")
    db.close()
    with pytest.raises(InvalidArgument, match="damaged or was edited"):
        realized_labelings(_TWINS, "2-2-2-1", cache_dir=str(tmp_path), query_timeout=30)
    other = tmp_path / "other"
    st = RealizedStore(other)
    key = st.run_key(_TWINS, "2-2-2-1", "real")
    st.add_refutation(key, 0, orbit_engine("2-2-2-1"), {"method": "z3"})  # all -1: realized
    st.close()
    with pytest.raises(InvalidArgument, match="contradicts a witness"):
        realized_labelings(_TWINS, "2-2-2-1", cache_dir=str(other), query_timeout=30)
