"""Deep classes through the enumeration layer and the command line: store, intervals, keys."""

from __future__ import annotations

import json

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
    argv = ["count", "relu", "--points", "grid:4:1", "--arch", "1-1-2-1", "--no-cache",
            "--query-timeout", "0.001", "--timeout", "2", "--json"]
    assert main(argv) == 3  # incomplete: exit 3
    out = json.loads(capsys.readouterr().out)
    assert not out["complete"] and out["unknown_orbits"] >= 1
    assert out["lower"] == out["count"] < out["upper"] <= 16
    assert main(argv[:-1]) == 3
    text = capsys.readouterr().out
    assert f"at least {out['lower']}, at most {out['upper']}; {out['unknown_orbits']} orbits " \
           "unknown" in text


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
