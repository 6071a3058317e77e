"""``summary_text`` (the text summary of a conjecture check), pinned before its split by
concern: on real results (holds with equality; fails with a counterexample and its
certificate; a search) and on variants of them that take every other branch (rows decided
from certified bounds; evidence with witnesses, an unfinished count, a subset, a shattered
set, notes; a certificate not written, or with rejections and trusted parts; a search that
found a counterexample with undecided examples; more equality, tightest and unknown
entries than the limit; the verdict unknown; no points and no classes named). Each text
is compared with the one computed before the split (the certificate's folder as TMP).
"""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from verify.conjecture.check import check_conjecture
from verify.conjecture.output import summary_text
from verify.conjecture.search import SearchOptions


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("summary")
    return str(tmp), {
        "vc": check_conjecture("vc <= 3", points="cube:2,grid:2:2", arch="halfspaces",
                               cache_dir=str(tmp)),
        "fails": check_conjecture("count <= 2*n", points="cube:2,grid:3:2",
                                  arch="halfspaces,2-1-1", cache_dir=str(tmp),
                                  certificate=str(tmp / "c.json")),
        "search": check_conjecture(
            "count <= 2*n", arch="halfspaces", cache_dir=str(tmp),
            search=SearchOptions(dimension=1, sizes=(2, 4), max_examples=5, seconds=600)),
    }


def _evidence(r, **extra):
    ce = dict(r.counterexample)
    ce["evidence"] = {**ce["evidence"], **extra}
    return dataclasses.replace(r, counterexample=ce)


def _variant(name, r):
    """The result ``r`` (or one changed so that it takes the branch ``name``)."""
    if name == "bounded":
        rows = [dataclasses.replace(row, decision=dataclasses.replace(
            row.decision, from_bounds=("count", "vc"))) for row in r.rows]
        return dataclasses.replace(r, rows=rows)
    if name == "evidence":
        return _evidence(r, witnesses=[{}, {}], count_complete=False, subset=[0, 1],
                         subset_labelings=4, shattered_set=[0, 2], notes=["a", "b"])
    if name == "no-certificate-file":
        return _evidence(r, certificate={"file": None, "note": "no certificate: why"})
    if name == "certificate-rejected":
        cert = {**r.counterexample["evidence"]["certificate"], "check": "REJECTED",
                "count": None, "rejected": ["one", "two"], "trusted": ["three"]}
        return _evidence(r, certificate=cert)
    if name == "search-found":
        return dataclasses.replace(r, search={**r.search, "found": True,
                                              "counterexample_points": "[[0], [1], [2]]",
                                              "undecided_examples": 2})
    if name == "over-the-limit":
        entries = r.tightest * 3
        unknown = [{**e, "reason": f"reason {i}"} for i, e in enumerate(entries)]
        return dataclasses.replace(r, equality=entries, tightest=entries,
                                   tightest_by_ratio=entries, unknown=unknown,
                                   verdict="unknown")
    if name == "no-sweep":
        return dataclasses.replace(r, sweep={})
    return r


CASES = {
    "vc": ("vc", None), "fails": ("fails", None), "search": ("search", None),
    "bounded": ("fails", "bounded"), "evidence": ("fails", "evidence"),
    "no-certificate-file": ("fails", "no-certificate-file"),
    "certificate-rejected": ("fails", "certificate-rejected"),
    "search-found": ("search", "search-found"), "over-the-limit": ("vc", "over-the-limit"),
    "no-sweep": ("search", "no-sweep"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_summary_text_is_unchanged(name, results):
    tmp, by_name = results
    base, variant = CASES[name]
    text = summary_text(_variant(variant, by_name[base]), limit=2).replace(tmp, "TMP")
    assert hashlib.sha256(text.encode()).hexdigest()[:32] == GOLDEN[name], text


GOLDEN: dict[str, str] = {
    'vc': '1c919acd8f174969ae2d7da05fb4b0ea',
    'fails': '64d24fa53e06c543773d95590c1ebfbb',
    'search': '6f77e88357f42366eb638bb7b3d0051b',
    'bounded': '6664d4b71eeaf64b2d37afab665a5627',
    'evidence': '5cf12d64dfa9650a147fa0c8bee770fc',
    'no-certificate-file': 'ff46e1c08386a88221dc802100c1e788',
    'certificate-rejected': '52df47f2da0ead8dfbc3b77769d5fb70',
    'search-found': '7d5c2650be0339aec9b36ed6ea823916',
    'over-the-limit': 'a8e57f67b2fd62f771204b279ab2396b',
    'no-sweep': '38291b56d5ed22005093d56714087cf9',
}
