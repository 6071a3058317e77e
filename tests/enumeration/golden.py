"""Helpers of the golden tests that pin a command's output before it is split by concern."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np


def digest(text: str) -> str:
    """The first 32 hex digits of the text's SHA-256 (what a golden test pins).

    >>> digest("")
    'e3b0c44298fc1c149afbf4c8996fb924'
    """
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def untimed(obj: Any) -> Any:
    """JSON data without its times (every key naming seconds, at any depth).

    >>> untimed({"count": 4, "seconds": 0.1, "shards": [{"shard_seconds": 2, "n": 1}]})
    {'count': 4, 'shards': [{'n': 1}]}
    """
    if isinstance(obj, dict):
        return {k: untimed(v) for k, v in obj.items() if "seconds" not in k}
    if isinstance(obj, list):
        return [untimed(v) for v in obj]
    return obj


def run_and_digest_files(cli: Any, argv: list[str], tmp_path: Path) -> tuple[Any, list[str]]:
    """Run ``verify argv`` (the ``cli`` fixture); the run and the digests of the files it
    wrote as ``TMP/c.json`` (a certificate: untimed, its labelings without their witness
    networks, which a solver's models make depend on what the process asked before; the
    checker re-checks each witness in any case) and ``TMP/set.npz`` (a saved set), which
    are then removed."""
    run = cli(argv)
    files = []
    cert, saved = tmp_path / "c.json", tmp_path / "set.npz"
    if cert.exists():
        data = untimed(json.loads(cert.read_text()))
        data["answer"]["realized"] = [label for label, _net in data["answer"]["realized"]]
        files.append(digest(json.dumps(data, sort_keys=True)))
        cert.unlink()
    if saved.exists():
        with np.load(saved, allow_pickle=False) as z:
            files.append(digest(json.dumps({k: z[k].tolist() for k in z.files})))
        saved.unlink()
    return run, files


def refusal_line(cli: Any, argv: list[str], tmp_path: Path) -> str:
    """The one ``error:`` line of ``verify argv --no-cache`` (``TMP`` in the arguments and
    in the line standing for ``tmp_path``)."""
    argv = [a.replace("TMP", str(tmp_path)) for a in argv]
    return str(cli.error([*argv, "--no-cache"])).replace(str(tmp_path), "TMP")


def realized_summary(res: Any, tmp_path: Path | None = None) -> tuple[Any, ...]:
    """A realized set as a golden test pins it: (count, complete, the digest of the rest).

    The rest: the reason, the unknown counts, the digest of the labelings, whether every
    labeling has a witness, and the provenance untimed, with the counts that depend on
    which labelings z3 finds first (so on the queries the process asked before) masked
    and ``tmp_path`` written ``TMP``.
    """
    from verify.enumeration.labelings import labelings_digest
    from verify.jsonio import dumps

    order_dependent = {"solver_models", "from_symmetry"}
    prov = {k: ("counted" if k in order_dependent else v)
            for k, v in untimed(json.loads(dumps(res.provenance))).items()}
    rest = {"reason": res.reason, "unknown_labelings": res.unknown_labelings,
            "unknown_orbits": res.unknown_orbits,
            "digest": labelings_digest(res.labelings, res.n),
            "witnessed": sorted(int(b) for b in res.witnesses),
            "provenance": prov}
    text = json.dumps(rest, sort_keys=True)
    if tmp_path is not None:
        text = text.replace(str(tmp_path), "TMP")
    return res.count, res.complete, digest(text)


def seeded_net(seed: int, arch: tuple[int, ...]) -> Any:
    """A ReLU network of the widths ``arch`` with seeded small weights (integers in
    [−3, 3]) and biases (quarters in [−1, 1]), for golden tests of the robustness engines.

    >>> net = seeded_net(1, (1, 2, 1))
    >>> net.layers[0].bias, net.size
    ((Fraction(1, 2), Fraction(1, 1)), 2)
    """
    from fractions import Fraction
    from itertools import pairwise

    from verify.nets import ReLUNet

    rng = np.random.default_rng(seed)
    layers = []
    for fan_in, fan_out in pairwise(arch):
        w = rng.integers(-3, 4, size=(fan_out, fan_in)).tolist()
        b = [str(Fraction(int(v), 4)) for v in rng.integers(-4, 5, size=fan_out)]
        layers.append((w, b))
    return ReLUNet.from_lists(layers)
