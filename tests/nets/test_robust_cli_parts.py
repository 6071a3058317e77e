"""``verify robust`` (its ``run`` split by concern: the arguments' checks and the network,
the work, the output), pinned before the split.

Seven runs' JSON and text: a verified network (l_inf by z3, l_2, by the MILP: numeric), a
counterexample, the memorizer built from a points file's labels and written out, with a
certificate; times left out (any JSON key naming seconds, the figures of seconds in the
text), the rest byte for byte, and the certificate's digest.  And the refusals' lines.
"""

from __future__ import annotations

import json
import re

import pytest
from enumeration.golden import digest, untimed

from verify.nets import robust_memorizer

CUBE = [[0, 0], [0, 1], [1, 0], [1, 1]]
RUNS = {
    "verified": ["--net", "TMP/good.json", "--points", "cube:2", "--labels", "+--+",
                 "--radius", "1/4"],
    "l2": ["--net", "TMP/good.json", "--points", "cube:2", "--labels", "+--+",
           "--radius", "1/4", "--norm", "2"],
    "milp": ["--net", "TMP/good.json", "--points", "cube:2", "--labels", "+--+",
             "--radius", "1/4", "--method", "milp"],
    "counterexample": ["--net", "TMP/bad.json", "--points", "cube:2", "--labels", "+--+",
                       "--radius", "1/4"],
    "memorizer-written": ["--memorizer", "1/2", "--points", "TMP/pts.json", "--radius", "1/4",
                          "--write-net", "TMP/built.json"],
    "certificate": ["--net", "TMP/good.json", "--points", "cube:2", "--labels", "+--+",
                    "--radius", "1/4", "--certificate", "TMP/c.json"],
    "counterexample-certificate": ["--net", "TMP/bad.json", "--points", "cube:2", "--labels",
                                   "+--+", "--radius", "1/8", "--certificate", "TMP/c.json"],
}


@pytest.fixture
def tmp(tmp_path):
    """The networks (a robust memorizer of cube:2's XOR labels, and one with a wrong
    output bias) and a points file with labels, in ``tmp_path``."""
    net = robust_memorizer(CUBE, "+--+", "1/2", "1/4").to_json()
    (tmp_path / "good.json").write_text(json.dumps(net))
    net["layers"][-1]["bias"] = ["-3/2"]
    (tmp_path / "bad.json").write_text(json.dumps(net))
    (tmp_path / "pts.json").write_text(json.dumps({"points": CUBE, "labels": "+--+"}))
    return tmp_path


def _written(tmp_path):
    """The digests of the files a run wrote (the certificate untimed, the network), removed."""
    out = []
    for name in ("c.json", "built.json"):
        path = tmp_path / name
        if path.exists():
            out.append(digest(json.dumps(untimed(json.loads(path.read_text())), sort_keys=True)))
            path.unlink()
    return out


@pytest.mark.parametrize("name", list(RUNS))
def test_robust_output_is_unchanged(name, tmp, cli):
    argv = ["robust", *(a.replace("TMP", str(tmp)) for a in RUNS[name])]
    js = cli([*argv, "--json"])
    js_files = _written(tmp)
    text = cli(argv)
    text_files = _written(tmp)
    assert js.code == text.code, (js.err, text.err)
    payload = json.dumps(untimed(json.loads(js.out))).replace(str(tmp), "TMP")
    shown = re.sub(r"\d+(\.\d+)?(e-\d+)? s\b", "S s", text.out).replace(str(tmp), "TMP")
    got = (js.code, digest(payload), digest(shown), js_files == text_files and js_files)
    assert got == GOLDEN[name], (text.out, js.out)


@pytest.mark.parametrize(("argv", "line"), [
    (["--net", "TMP/good.json", "--points", "cube:3", "--labels", "+" * 8, "--radius", "0"],
     "error: the points have dimension 3 but the network 2-8-8-4-1 takes 2 inputs"),
    (["--net", "TMP/good.json", "--points", "cube:2", "--radius", "0"],
     "error: robust: give --labels (the points have no labels)"),
    (["--net", "TMP/good.json", "--points", "cube:2", "--labels", "+--+", "--radius", "-1"],
     "error: radius must lie in [0, inf], got -1"),
    (["--net", "TMP/good.json", "--points", "cube:2", "--labels", "+--+", "--radius", "0",
      "--norm", "3"],
     "error: norm: '3' is not supported; use inf or 2"),
    (["--memorizer", "1/2", "--points", "TMP/pts.json", "--radius", "1/4", "--write-net",
      "TMP/no/such/dir/n.json"],
     "error: --write-net: cannot write 'TMP/no/such/dir/n.json' ([Errno 2] No such file or "
     "directory: 'TMP/no/such/dir/n.json')"),
])
def test_robust_refusals_are_unchanged(argv, line, tmp, cli):
    got = cli.error(["robust", *(a.replace("TMP", str(tmp)) for a in argv)])
    assert got.replace(str(tmp), "TMP") == line


GOLDEN: dict[str, object] = {
    # exit code, JSON digest, text digest, the digests of the files written
    'verified': (0, '04f27dd7df1aa4accf5cc110ffc45ac3', '7408a842c9db2c2cc39592bbed4bc102',
        []),
    'l2': (0, '763b0bc716a2197993ee7132e41768e0', '9845f71aaf4d198c4b0b15e6a43f8545',
        []),
    'milp': (3, 'ac5edf4f8724fc4fd898f94891f70814', '0819a0ff8d0a77c959eb8657ef451e27',
        []),
    'counterexample': (1, '008972829994a950e847c00953b60e93', '6e50c89634c4945217af13fbd4d9c811',
        []),
    'memorizer-written': (0, '03bd15bec3818c9d17aa07803de8e6b2', '683754798d3c15cdfb0c037cde94c44e',
        ['67dc8f468d6d0667de3eaa1e99c1e83c']),
    'certificate': (0, '5a12e4c32970f6f208d1534172be4d66', '1a535d84599d476a04196503284ee102',
        ['23a36e61634176e04861037d94721f70']),
    'counterexample-certificate': (1, 'ef047e0dd35f183eaf2be8fba9220bbd',
        '353fd7c8af1be9dcb158c923385319f0',
        ['6b888fc3e18dd7f9753cd64c09ca2e54']),
}
