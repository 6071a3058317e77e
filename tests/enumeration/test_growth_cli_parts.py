"""``verify growth`` (its ``run`` split by concern: the set, the profile, the payload, the
text), pinned before the split: the JSON (byte for byte) and the text on seven runs
(every back end of the profile, --from FILE, the origin, an incomplete profile;
the shards' times left out), and the
refusals' lines."""

from __future__ import annotations

import json

import pytest

from .golden import digest

RUNS = {
    "half-cube3": ["--arch", "halfspaces", "--points", "cube:3"],
    "half-homog-origin": ["--arch", "halfspaces", "--homogeneous", "--points", "cube:2"],
    "relu-grid22": ["--arch", "2-1-1", "--points", "grid:2:2"],
    "int": ["--arch", "2-1", "--class", "int:1", "--points", "cube:2"],
    "int-few-subsets": ["--arch", "2-1-1", "--class", "int:1", "--points", "grid:3:2",
                        "--max-subsets", "3"],
    "sharded": ["--arch", "halfspaces", "--points", "grid:3:2", "--workers", "1",
                "--shards", "3"],
    "from": ["--from", "SAVED", "--points", "grid:3:2"],
}


def _argv(name, tmp_path, cli):
    argv = ["growth", *RUNS[name]]
    if "SAVED" in argv:
        saved = tmp_path / "saved.npz"
        cli(["count", "halfspaces", "--points", "grid:3:2", "--out", str(saved), "--quiet"])
        argv[argv.index("SAVED")] = str(saved)
    if "--from" not in argv:
        argv.append("--no-cache")
    return [*argv, "--quiet"]


def _untimed(out):
    """The JSON line with the shards' times left out (the rest byte for byte)."""
    payload = json.loads(out)
    if payload.get("shards"):
        payload["shards"].pop("shard_seconds")
        payload["shards"].pop("driver_seconds")
        return json.dumps(payload) + "\n"
    return out


@pytest.mark.parametrize("name", list(RUNS))
def test_growth_output_is_unchanged(name, tmp_path, cli):
    argv = _argv(name, tmp_path, cli)
    js = cli([*argv, "--json"])
    text = cli(argv)
    assert js.code == text.code == 0, (js.err, text.err)
    got = (digest(_untimed(js.out).replace(str(tmp_path), "TMP")),
           digest(text.out.replace(str(tmp_path), "TMP")))
    assert got == GOLDEN[name]


@pytest.mark.parametrize(("argv", "line"), [
    (["growth", "--points", "cube:2"],
     "error: growth needs exactly one of --arch A and --from FILE"),
    (["growth", "--from", "x.npz", "--points", "cube:2", "--timeout", "3"],
     "error: --timeout applies with --arch, not with --from FILE"),
    (["growth", "--arch", "halfspaces", "--points", "cube:2", "--max-subsets", "0"],
     "error: max-subsets must be >= 1, got 0"),
])
def test_growth_refusals_are_unchanged(argv, line, cli):
    assert cli.error(argv) == line


GOLDEN = {
    'half-cube3': ('f39507b9781446e67a624f8d6e272e68', '70be63368d426abce9557bc63e594034'),
    'half-homog-origin': ('650105bc46d5ff9a72f4bbbf5a79a543', 'bddbd088aed239e12f750359638b0be3'),
    'relu-grid22': ('bb48ccb679540259ca0f7d4487a0775a', 'cc8349d374ad64ea6017174ee7e9cdd5'),
    'int': ('034de16370e4b83dcf74345e96c5bbb5', '288e708ae613d5743bd84058ec0ee1ca'),
    'int-few-subsets': ('ae1cc2e75b25aa11c8967c4bbf1158c3', '9c917fb98cb4c992eb6525c862ec90d0'),
    'sharded': ('3faa6876e34cdb298f13658307d18cfb', '0ad1e0000ac0c386210188512194af21'),
    'from': ('fc68aa7e75003047647ccec991b1d5a4', '19b9bb7981a89ef888dea4a3c733ef5c'),
}
