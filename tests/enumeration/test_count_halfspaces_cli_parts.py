"""``verify count halfspaces`` (its ``_run_halfspaces`` split by concern: the method, the
count, the saved set, the payload, the text, the certificate), pinned before the split.

Ten runs' JSON and text: the polynomial count (affine and homogeneous), the
enumeration (whole and in shards), a saved set, certificates (affine and homogeneous;
their files too), and an enumeration made incomplete (a count that stopped early: with
--out, with --certificate, and in shards; the polynomial's exact figure in the text).
Times are left out (the ``seconds`` and shard times of the JSON, the figures of seconds
in the text; the certificates' witness networks), the rest byte for byte.
And the refusals' lines.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from verify.enumeration import realized as realized_mod

from .golden import digest, refusal_line, run_and_digest_files, untimed

RUNS = {
    "poly": ["--points", "grid:3:2"],
    "poly-homogeneous": ["--points", "grid:3:2", "--homogeneous"],
    "enumerate": ["--points", "cube:3", "--method", "enumerate"],
    "sharded": ["--points", "grid:3:2", "--method", "enumerate", "--workers", "1",
                "--shards", "3"],
    "out": ["--points", "cube:2", "--out", "TMP/set.npz"],
    "certificate": ["--points", "cube:2", "--certificate", "TMP/c.json"],
    "certificate-homogeneous": ["--points", "grid:2:2", "--homogeneous", "--certificate",
                                "TMP/c.json"],
    "incomplete-out": ["--points", "cube:3", "--out", "TMP/set.npz", "INCOMPLETE"],
    "incomplete-certificate": ["--points", "cube:2", "--certificate", "TMP/c.json",
                               "INCOMPLETE"],
    "incomplete-sharded": ["--points", "grid:3:2", "--method", "enumerate", "--workers", "1",
                           "--shards", "2", "INCOMPLETE"],
}


def __untimed_text(text):
    return re.sub(r"\d+(\.\d+)? s\b", "S s", text)


def _incomplete(monkeypatch):
    """Every halfspace count stops early: the real one, marked incomplete with a reason."""
    def stopped(res):
        prov = {**res.provenance, "reason": "time-out after 1 s"}
        return dataclasses.replace(res, complete=False, provenance=prov)

    real_count = realized_mod.count_halfspaces
    real_sharded = realized_mod.realized_labelings
    monkeypatch.setattr(realized_mod, "count_halfspaces",
                        lambda *a, **k: stopped(real_count(*a, **k)))

    def sharded(*a, **k):
        res = real_sharded(*a, **k)
        return dataclasses.replace(res, complete=False, reason="time-out after 1 s")

    monkeypatch.setattr(realized_mod, "realized_labelings", sharded)


@pytest.mark.parametrize("name", list(RUNS))
def test_count_halfspaces_output_is_unchanged(name, tmp_path, cli, monkeypatch):
    argv = ["count", "halfspaces", *RUNS[name], "--no-cache", "--quiet"]
    if "INCOMPLETE" in argv:
        argv.remove("INCOMPLETE")
        _incomplete(monkeypatch)
    argv = [a.replace("TMP", str(tmp_path)) for a in argv]
    js, js_files = run_and_digest_files(cli, [*argv, "--json"], tmp_path)
    text, text_files = run_and_digest_files(cli, argv, tmp_path)
    assert js.code == text.code, (js.err, text.err)
    payload = untimed(json.loads(js.out))
    got = (js.code, payload["count"], payload["complete"],
           digest(json.dumps(payload).replace(str(tmp_path), "TMP")),
           digest(__untimed_text(text.out).replace(str(tmp_path), "TMP")),
           js_files == text_files and js_files)
    assert got == GOLDEN[name], (text.out, js.out)


@pytest.mark.parametrize(("argv", "line"), [
    (["--points", "cube:2", "--class", "int:1"],
     "error: --class applies to networks, not to halfspaces"),
    (["--points", "cube:2", "--out", "x.npz", "--method", "poly"],
     "error: --out saves the labelings: use --method enumerate (or auto)"),
    (["--points", "cube:2", "--certificate", "c.json", "--method", "poly"],
     "error: --certificate lists every labeling: use --method enumerate (or auto)"),
    (["--points", "cube:2", "--workers", "2"],
     "error: --workers, --scheduler and --shards split the enumeration: add --method "
     "enumerate (the polynomial count is serial and takes seconds)"),
    (["--points", "cube:2", "--shards", "2", "--method", "poly"],
     "error: --workers, --scheduler and --shards split the enumeration: add --method "
     "enumerate (the polynomial count is serial and takes seconds)"),
    (["--points", "cube:2", "--out", "TMP/no/such/dir/set.npz"],
     "error: cannot write 'TMP/no/such/dir/set.npz' ([Errno 2] No such file or directory: "
     "'TMP/no/such/dir/set.npz')"),
])
def test_count_halfspaces_refusals_are_unchanged(argv, line, cli, tmp_path):
    assert refusal_line(cli, ["count", "halfspaces", *argv], tmp_path) == line


GOLDEN: dict[str, object] = {
    # exit code, count, complete, JSON digest, text digest,
    # the digests of the certificate and of the saved set
    'poly': (0, 58, True, '309452a09e9905d714d34b5491c12549',
        'e727fdc85d868433e9f0e558db175dca', []),
    'poly-homogeneous': (0, 14, True, '1553242909f58f896dc2d59f3e6edb42',
        'afacbfc29097262fb231975d18b35141', []),
    'enumerate': (0, 104, True, 'b94583a8f98abb8bdc0c999b38836296',
        'c5b9eafa7fcf4a49d4cdc1eb6750bf04', []),
    'sharded': (0, 58, True, '0231e46b05b640b6369eee3809dffe6d',
        '9d7548bc8cd05d79664936e84e528d4b', []),
    'out': (0, 14, True, '795ee3bfc031f0d5f9bacdd85344c75d',
        'c76302aebe6f5638bedefb1b2fc394f7', ['f6418f55ad3838d2f090f07fcc301893']),
    'certificate': (0, 14, True, '616f91ba6df16275b8b837d83f604775',
        '2f64f33a2c44b0dc9fc74d2108ec4d28', ['32b9183d7fd48868b8dc2446606b5dbf']),
    'certificate-homogeneous': (0, 6, True, '4db9741efeec17eeac10f5877ac6708a',
        '30a48779eb93e43377f2bcef26f18300', ['73b84d1213ef1c03ec46680cdf2999c3']),
    'incomplete-out': (3, 104, False, '00825891287f533faf9f353723d3d804',
        '168e1396faa29fb2cfd3f664346b07b0', ['730ecbcc3d53fae2c80944f377a22293']),
    'incomplete-certificate': (3, 14, False, '0f84ff750e19e6e8221f856f9af65303',
        '624069a33cbfdcef4355c135a344cd92', []),
    'incomplete-sharded': (3, 58, False, '5ef7c84c31bec2f9c683a0200fc74b1a',
        'ab48eba5ca92fb29400ae669139d5ad7', []),
}
