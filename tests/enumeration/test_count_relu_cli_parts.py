"""``verify count relu`` (its ``run`` split by concern: the architecture's checks, the saved
set, the payload, the text, the certificate), pinned before the split.

Nine runs' JSON and text: one hidden layer (real and int:Q), a chain m-h-1-1 and one
feature m-1-h-1 with their certificates, a saved set, the set in shards, and sets made
incomplete (a lower bound; an interval with unknown orbits, the solvers that decided the
orbits and the store to resume from; an incomplete set with --out and --certificate).
Times are left out (any JSON key naming seconds, the figures of seconds in the text;
the certificates' witness networks, which depend on z3's state), the rest byte for byte.
And the refusals' lines.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from verify.cli import cmd_count

from .golden import digest, refusal_line, run_and_digest_files, untimed

RUNS = {
    "one-hidden": ["--points", "cube:2", "--arch", "2-1-1"],
    "int": ["--points", "cube:2", "--arch", "2-1", "--class", "int:1"],
    "chain-certificate": ["--points", "cube:2", "--arch", "2-1-1-1", "--certificate",
                          "TMP/c.json"],
    "one-feature-certificate": ["--points", "grid:2:2", "--arch", "2-1-2-1",
                                "--certificate", "TMP/c.json"],
    "out": ["--points", "grid:2:2", "--arch", "2-1-1", "--out", "TMP/set.npz"],
    "sharded": ["--points", "grid:3:2", "--arch", "2-1-1", "--workers", "1", "--shards", "2"],
    "lower-bound": ["--points", "cube:2", "--arch", "2-2-1", "LOWER"],
    "interval": ["--points", "cube:2", "--arch", "2-2-1", "INTERVAL"],
    "incomplete-out-certificate": ["--points", "cube:2", "--arch", "2-1-1", "--out",
                                   "TMP/set.npz", "--certificate", "TMP/c.json", "LOWER"],
}


def _stopped(monkeypatch, interval):
    """The realized set, real, then marked incomplete (an interval: two unknown orbits of
    three labelings, the orbits' solvers and the store named)."""
    real = cmd_count.realized_from_args

    def stopped(args, arch, points=None):
        ps, res = real(args, arch, points)
        prov = dict(res.provenance)
        extra: dict = {"reason": "time-out after 1 s"}
        if interval:
            prov.update(decided_by={"relaxation": 3, "z3": 2}, cache="store")
            extra.update(unknown_orbits=2, unknown_labelings=3)
        return ps, dataclasses.replace(res, complete=False, provenance=prov, **extra)

    monkeypatch.setattr(cmd_count, "realized_from_args", stopped)


@pytest.mark.parametrize("name", list(RUNS))
def test_count_relu_output_is_unchanged(name, tmp_path, cli, monkeypatch):
    argv = ["count", "relu", *RUNS[name], "--no-cache", "--quiet"]
    for mark, interval in (("LOWER", False), ("INTERVAL", True)):
        if mark in argv:
            argv.remove(mark)
            _stopped(monkeypatch, interval)
    argv = [a.replace("TMP", str(tmp_path)) for a in argv]
    js, js_files = run_and_digest_files(cli, [*argv, "--json"], tmp_path)
    text, text_files = run_and_digest_files(cli, argv, tmp_path)
    assert js.code == text.code, (js.err, text.err)
    payload = untimed(json.loads(js.out))
    got = (js.code, payload["count"], payload["complete"],
           digest(json.dumps(payload).replace(str(tmp_path), "TMP")),
           digest(re.sub(r"\d+(\.\d+)? s\b", "S s", text.out).replace(str(tmp_path), "TMP")),
           js_files == text_files and js_files)
    assert got == GOLDEN[name], (text.out, js.out)


@pytest.mark.parametrize(("argv", "line"), [
    (["relu", "--points", "cube:2"], "error: count relu needs --arch m-h-1 (e.g. --arch 2-2-1)"),
    (["relu", "--points", "cube:2", "--arch", "halfspaces"],
     "error: count relu needs --arch m-h-1 (e.g. --arch 2-2-1)"),
    (["relu", "--points", "cube:2", "--arch", "2-1-1", "--method", "poly"],
     "error: --method applies to halfspaces (count halfspaces)"),
    (["relu", "--points", "cube:2", "--arch", "2-2-2-1", "--certificate", "c.json"],
     "error: --certificate: count certificates cover m-1, m-h-1, m-h-1-...-1 and m-1-h-1 "
     "networks only, not 2-2-2-1"),
    (["halfspaces", "--points", "cube:2", "--arch", "2-1-1"],
     "error: count halfspaces takes no --arch"),
    (["relu", "--points", "cube:2", "--arch", "2-1-1", "--out", "TMP/no/such/dir/set.npz"],
     "error: cannot write 'TMP/no/such/dir/set.npz' ([Errno 2] No such file or directory: "
     "'TMP/no/such/dir/set.npz')"),
])
def test_count_relu_refusals_are_unchanged(argv, line, cli, tmp_path):
    assert refusal_line(cli, ["count", *argv], tmp_path) == line


GOLDEN: dict[str, object] = {
    # exit code, count, complete, JSON digest, text digest,
    # the digests of the certificate and of the saved set
    'one-hidden': (0, 14, True, 'f94bdfc52e3f46a7a6b25df924800f89',
        '8afc74fa050b4805ad3948e98ad2b7c7', []),
    'int': (0, 2, True, 'a46a847e87899198a864b8c0f207f790',
        '74add70d3c1fdd0d981bb0401ea059cd', []),
    'chain-certificate': (0, 14, True, 'eb8dac8af281cac5b0de3242efa8ef79',
        '05f7cce56459851b17e1372cdc087694', ['dcf06b8366c97225a9f78f54ad3f5b8b']),
    'one-feature-certificate': (0, 16, True, '25a647e509823b73cbf1a05ad300fc78',
        '0c9af2f58b8a92e442d2a9b2ec1308bb', ['5c49d9bd9d38f9bfee8de8875a341687']),
    'out': (0, 14, True, '50215ed2aaf0afc1c5e2b091ba28ba2e',
        '4face671c2fff86667e9a543ab80e8fc', ['e053464125245776741af6fb10aeb734']),
    'sharded': (0, 58, True, '46f0eeb6a2d614a3074ca8f7a3d6d676',
        '3b32ea8b7c5303d57aa9393d95780c5a', []),
    'lower-bound': (3, 16, False, '9b27209b7aba69fc769552dfaf917ba5',
        'cc45505fd06677464b30fbe35eed3a8f', []),
    'interval': (3, 16, False, '1241c74894b20f9a575fb82221c8b815',
        'd95373b66bfd287067d7d0da915bc128', []),
    'incomplete-out-certificate': (3, 14, False, 'fefecdd6c9e241f02a79ed81470120ee',
        'e4f2925edf5bc895d4d2c916cea9cef0', ['66101187b48c5dfc6faf15dd19dd5221']),
}
