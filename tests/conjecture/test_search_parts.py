"""``run_search`` (the hunt for counterexamples among random point sets), pinned before its
split by concern.

Seven runs that take every path: a counterexample found and shrunk by point count (saved
in the example database), the same run again (replayed first, nothing new saved), a true
conjecture stopped at ``max_examples`` (with and without the cache, so without a
database), rows that stay undecided (counted, never a pass), the time budget spent before
the first example, and an outer deadline already spent (the search gets 1 ms). For each:
the report (the database's folder written relative to the cache), the counterexample's
rows, the database's entries after the run, the time budgets handed to ``Deadline`` and
that the sweep's own deadline is given back; and the refusal of options of another type.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import ClassVar

import pytest

from verify.conjecture import check as check_mod
from verify.conjecture import search as search_mod
from verify.conjecture.check import plan_conjecture
from verify.conjecture.search import SearchOptions, run_search
from verify.errors import InvalidArgument
from verify.jsonio import dumps
from verify.limits import Deadline

PLANTED = ("count <= 2*n", "halfspaces", dict(dimension=2, sizes=(4, 6), seconds=600, seed=1))
LINE = ("count <= 2*n", "halfspaces",
        dict(dimension=1, sizes=(2, 5), seconds=600, max_examples=20))

RUNS = {
    "found": (PLANTED, {}),
    "replayed": (PLANTED, {"again": True}),
    "holds": (LINE, {}),
    "holds-no-cache": (LINE, {"use_cache": False}),
    "undecided": (LINE, {"undecided": True}),
    "time-budget": (PLANTED, {"expired": True}),
    "outer-spent": (LINE, {"outer_spent": True}),
}


class _Recorded(Deadline):
    """A Deadline that records the seconds it was given (and, when told, is spent)."""

    given: ClassVar[list[object]] = []
    spent = False

    def __init__(self, seconds: object = None) -> None:
        super().__init__(seconds)
        _Recorded.given.append(seconds)

    def expired(self) -> bool:
        return _Recorded.spent or super().expired()


def _entries(cache):
    db = cache / "conjecture-search"
    return sorted(hashlib.sha256(p.read_bytes()).hexdigest()[:16]
                  for p in db.rglob("*") if p.is_file()) if db.exists() else []


def _search(cache, case, monkeypatch):
    (formula, arch, opts), how = case
    plan = plan_conjecture(formula, arch=arch, cache_dir=str(cache),
                           use_cache=how.get("use_cache", True),
                           search=SearchOptions(**opts))
    sweep = plan.sweep
    outer = Deadline(None)
    if how.get("outer_spent"):
        outer = Deadline(60)
        outer.at = outer.start - 1
    sweep.deadline = outer
    if how.get("undecided"):
        real_rows = check_mod.Sweep.rows

        def rows(self, instances, on_row=None):
            return [dataclasses.replace(r, decision=dataclasses.replace(r.decision,
                                                                        verdict="unknown"))
                    if r.instance.n % 2 else r for r in real_rows(self, instances, on_row)]

        monkeypatch.setattr(check_mod.Sweep, "rows", rows)
    _Recorded.given = []
    _Recorded.spent = bool(how.get("expired") or how.get("outer_spent"))
    monkeypatch.setattr(search_mod, "Deadline", _Recorded)
    report, rows_found = run_search(sweep, plan.search)
    assert sweep.deadline is outer
    if report["database"] is not None:
        report["database"] = report["database"].replace(str(cache), "CACHE")
    return [report, [r.summary() for r in rows_found], _entries(cache), _Recorded.given]


def _brief(got):
    """The fields a reader checks by eye; the digest holds all of it (JSON, sorted keys)."""
    report, _rows, entries, given = got
    return [report["stopped"], report["examples"], report["undecided_examples"],
            report["counterexample_points"], report["shrunk_from_points"], report["replayed"],
            len(entries), given]


@pytest.mark.parametrize("name", list(RUNS))
def test_run_search_is_unchanged(name, tmp_path, monkeypatch):
    case = RUNS[name]
    if case[1].get("again"):
        _search(tmp_path, (case[0], {}), monkeypatch)
    got = json.loads(dumps(_search(tmp_path, case, monkeypatch)))
    digest = hashlib.sha256(json.dumps(got, sort_keys=True).encode()).hexdigest()[:32]
    assert (_brief(got), digest) == GOLDEN[name]


def test_options_of_another_type_are_refused():
    plan = plan_conjecture("count <= 2*n", arch="halfspaces",
                           search=SearchOptions(dimension=1, sizes=(2, 3)))
    with pytest.raises(InvalidArgument, match="search: expected SearchOptions"):
        run_search(plan.sweep, {"dimension": 1})  # type: ignore[arg-type]


GOLDEN: dict[str, object] = {
    # [stopped, examples, undecided, counterexample, shrunk from, replayed,
    #  database entries, budgets given], digest of the whole
    'found': (['counterexample', 1, 0, '[[1, 1], [1, 1/2], [1/2, 0]]', 4, 0, 2, [600]],
        '87990e9f7875a079ae5380befe0a046b'),
    'replayed': (['counterexample', 1, 0, '[[1, 1], [1, 1/2], [1/2, 0]]', 3, 1, 2, [600]],
        'afac910dd6449b08205c3b0098349e0b'),
    'holds': (['max_examples', 20, 0, None, None, 0, 0, [600]],
        '7dac6f73bca81dce285f216ac2861365'),
    'holds-no-cache': (['max_examples', 20, 0, None, None, 0, 0, [600]],
        '29d697235f4c22f429920604c9eeacd6'),
    'undecided': (['max_examples', 20, 13, None, None, 0, 0, [600]],
        'da99dbd23a4318ade327871dadbae837'),
    'time-budget': (['time budget', 0, 0, None, None, 0, 0, [600]],
        '0bcc276ed22bcfb5f0cdff9e016366aa'),
    'outer-spent': (['time budget', 0, 0, None, None, 0, 0, [0.001]],
        'c98770d5fcea42f1d585019c5933e17d'),
}
