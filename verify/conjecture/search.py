"""``--search``: a hypothesis-driven hunt for counterexamples among random point sets.

Point sets are drawn with :func:`verify.strategies.point_sets` (distinct
rational points of [0, 1]^d with bounded denominators), each is checked exactly
on every class of the sweep, and the hunt stops at the first counterexample,
after ``seconds`` of wall-clock time, or after ``max_examples`` sets.

Settings chosen so that the hunt never spends minutes shrinking expensive
examples: Hypothesis's own shrinking is off (phases explicit, reuse, generate);
a counterexample is then shrunk *by point count only* — points are removed one
at a time while the conjecture still fails — within what is left of the time
budget.  The seed is fixed (``seed``), so a run is reproducible up to the time
budget.  Hypothesis turns its own database off under a fixed seed, so the
counterexamples found are kept in a Hypothesis example database of their own
(``CACHE/conjecture-search/<hash of the conjecture and sweep>``; not with
``use_cache=False``) and replayed first, as explicit examples, the next time; a
replayed point set is only a candidate and is re-checked exactly.  A row that
cannot be decided within its budget is counted as undecided, never as a pass.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from verify.conjecture.sweep import PointSpec
from verify.errors import InvalidArgument
from verify.exact import require_int
from verify.geometry.pointsets import Point
from verify.limits import Deadline, parse_timeout

if TYPE_CHECKING:
    from verify.conjecture.check import Row, Sweep

__all__ = ["SearchOptions", "check_search", "run_search"]


@dataclass(frozen=True)
class SearchOptions:
    """What to search: dimension, point counts, time, seed, denominators.

    >>> SearchOptions(dimension=2, sizes=(3, 6), seconds=10).sizes
    (3, 6)
    """

    dimension: int = 2
    sizes: tuple[int, int] = (3, 8)
    seconds: float = 60.0
    seed: int = 0
    max_denominator: int = 8
    max_examples: int = 100_000

    def __post_init__(self) -> None:
        require_int(self.dimension, "search dimension", low=1, high=16)
        lo, hi = self.sizes
        require_int(lo, "search size", low=1, high=64)
        require_int(hi, "search size", low=lo, high=64)
        parse_timeout(self.seconds)
        require_int(self.seed, "seed", low=0)
        require_int(self.max_denominator, "max denominator", low=1, high=10**6)
        require_int(self.max_examples, "max examples", low=1)


class _Found(Exception):
    """A drawn point set is a counterexample (carries it)."""

    def __init__(self, points: tuple[Point, ...]) -> None:
        super().__init__("counterexample")
        self.points = points


class _Stop(Exception):
    """The time budget is spent."""


_DB_KEY = b"counterexamples"


def _database(cache_dir: str | None, key: str) -> Any:
    """Hypothesis's directory database under ``CACHE/conjecture-search/<key>``."""
    from hypothesis.database import DirectoryBasedExampleDatabase

    from verify.enumeration.store import cache_base

    base = cache_base(cache_dir)
    path = base / "conjecture-search" / key
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidArgument(f"search: cannot create {str(path)!r} ({exc})") from None
    return DirectoryBasedExampleDatabase(str(path))


def _stored(db: Any, opts: SearchOptions) -> list[tuple[Point, ...]]:
    """Counterexamples saved by earlier runs (candidates only: each is re-checked exactly)."""
    from verify.geometry.pointsets import points_from_rows

    out = []
    for raw in db.fetch(_DB_KEY):
        try:
            pts = points_from_rows(json.loads(raw.decode("utf-8")), "stored example")
        except (ValueError, UnicodeDecodeError):  # InvalidArgument is a ValueError
            continue  # a damaged entry is no candidate; nothing is concluded from it
        if len(pts[0]) == opts.dimension:
            out.append(pts)
    return sorted(out, key=lambda p: (len(p), p))


def _save(db: Any, pts: tuple[Point, ...]) -> None:
    text = json.dumps([[f"{c.numerator}/{c.denominator}" for c in p] for p in pts])
    db.save(_DB_KEY, text.encode("utf-8"))


def _key(sweep: Sweep, opts: SearchOptions) -> str:
    text = json.dumps({
        "conjecture": sweep.conjecture.text,
        "arch": sweep.archs, "class": sweep.classes, "m": sweep.m_values,
        "alpha": [str(a) for a in sweep.alphas or []], "eps": [str(e) for e in sweep.epss or []],
        "dimension": opts.dimension, "sizes": list(opts.sizes),
        "max_denominator": opts.max_denominator,
    }, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def check_search(sweep: Sweep, opts: SearchOptions) -> None:
    """Refuse a search the random point sets cannot serve, before anything is drawn."""
    if not isinstance(opts, SearchOptions):
        raise InvalidArgument("search: expected SearchOptions")
    probe_set = PointSpec.from_points(
        [[i if j == 0 else 0 for j in range(opts.dimension)] for i in range(2)])
    if not sweep.classes_for(probe_set) and sweep.archs:
        raise InvalidArgument(
            f"--search: no class of --arch takes {opts.dimension} inputs (--search-dim)")
    try:
        sweep.instances_for(probe_set)
    except InvalidArgument as exc:
        raise InvalidArgument(f"--search: {exc}") from None


def run_search(sweep: Sweep, opts: SearchOptions) -> tuple[dict[str, Any], list[Row]]:
    """Search random point sets; return the report and the rows of the counterexample found.

    The rows of a counterexample (after shrinking by point count) join the
    sweep's rows, so it competes for the smallest counterexample.  The search
    runs under its own time budget (``opts.seconds``, at most what is left of the
    sweep's deadline); the sweep's deadline is given back at the end.
    """
    check_search(sweep, opts)
    db = _database(sweep.cache_dir, _key(sweep, opts)) if sweep.use_cache else None
    replay = _stored(db, opts) if db is not None else []
    outer = sweep.deadline
    hunt = _Hunt(sweep, Deadline(_search_seconds(opts.seconds, outer.left())))
    sweep.deadline = hunt.deadline
    found, stopped = hunt.run(opts, replay)
    rows: list[Row] = []
    shrunk_from = None
    if found is not None:
        shrunk_from = len(found)
        replayed = found in replay
        found, rows = _shrink(found, hunt.failing[found], hunt.evaluate, hunt.deadline)
        if db is not None and (not replayed or found not in replay):
            _save(db, found)
    sweep.deadline = outer
    report = _report(opts, stopped, found is not None, rows, examples=hunt.examples,
                     undecided=hunt.undecided, shrunk_from=shrunk_from, replayed=len(replay),
                     database=None if db is None else str(db.path))
    return report, rows


def _search_seconds(seconds: float, left: float | None) -> float:
    """The search's time budget: ``seconds``, cut to what the caller has ``left`` (at least
    1 ms, so a spent caller's deadline gives a search that stops at once).

    >>> _search_seconds(60, None), _search_seconds(60, 5.5), _search_seconds(60, 0.0)
    (60, 5.5, 0.001)
    """
    return seconds if left is None else max(min(seconds, left), 0.001)


class _Hunt:
    """The point sets drawn, each evaluated exactly on every class of the sweep: the failing
    ones kept with their rows, the ones tried and the undecided ones counted."""

    def __init__(self, sweep: Sweep, deadline: Deadline) -> None:
        self.sweep = sweep
        self.deadline = deadline
        self.failing: dict[tuple[Point, ...], list[Row]] = {}
        self.examples = 0
        self.undecided = 0

    def evaluate(self, pts: tuple[Point, ...]) -> list[Row]:
        """The sweep's rows at the point set ``pts``."""
        ps = PointSpec.from_points([list(p) for p in pts])
        return self.sweep.rows(self.sweep.instances_for(ps))

    def probe(self, pts: tuple[Point, ...]) -> None:
        """Try one point set: :class:`_Found` for a counterexample (one already found is
        not evaluated again), :class:`_Stop` once the budget is spent."""
        if pts in self.failing:
            raise _Found(pts)
        if self.deadline.expired():
            raise _Stop()
        self.examples += 1
        rows = self.evaluate(pts)
        if any(r.verdict == "fails" for r in rows):
            self.failing[pts] = rows
            raise _Found(pts)
        if any(r.verdict == "unknown" for r in rows):
            self.undecided += 1

    def run(self, opts: SearchOptions, replay: list[tuple[Point, ...]]
            ) -> tuple[tuple[Point, ...] | None, str]:
        """Hypothesis draws the point sets (fixed seed, its own shrinking and database off),
        the ``replay`` ones first; the counterexample found (or None) and why it stopped."""
        from hypothesis import HealthCheck, Phase, Verbosity, example, given, settings
        from hypothesis import seed as fixed_seed

        from verify.strategies import point_sets

        @fixed_seed(opts.seed)
        @settings(database=None, max_examples=opts.max_examples, deadline=None,
                  phases=[Phase.explicit, Phase.reuse, Phase.generate],
                  suppress_health_check=list(HealthCheck), report_multiple_bugs=False,
                  print_blob=False, verbosity=Verbosity.quiet, derandomize=False)
        @given(point_sets(opts.dimension, opts.sizes[0], opts.sizes[1],
                          max_denominator=opts.max_denominator))
        def probe(pts: tuple[Point, ...]) -> None:
            self.probe(pts)

        for pts in reversed(replay):  # the explicit examples run first, the last added first
            probe = example(pts)(probe)
        try:
            probe()
        except _Found as exc:
            return exc.points, "counterexample"
        except _Stop:
            return None, "time budget"
        return None, "max_examples"


def _report(opts: SearchOptions, stopped: str, found: bool, rows: list[Row], *,
            examples: int, undecided: int, shrunk_from: int | None, replayed: int,
            database: str | None) -> dict[str, Any]:
    """The search's report (the ``search`` object of the JSON output).

    >>> r = _report(SearchOptions(seconds=5), "max_examples", False, [], examples=20,
    ...             undecided=3, shrunk_from=None, replayed=0, database=None)
    >>> r["examples"], r["undecided_examples"], r["stopped"], r["counterexample_points"]
    (20, 3, 'max_examples', None)
    """
    return {
        "dimension": opts.dimension,
        "sizes": list(opts.sizes),
        "max_denominator": opts.max_denominator,
        "seed": opts.seed,
        "seconds": opts.seconds,
        "examples": examples,
        "undecided_examples": undecided,
        "stopped": stopped,
        "found": found,
        "counterexample_points": rows[0].instance.points.spec if rows else None,
        "shrunk_from_points": shrunk_from,
        "replayed": replayed,
        "database": database,
        "settings": "hypothesis with a fixed seed and its shrinking off (a counterexample is "
                    "shrunk by point count instead); counterexamples found are saved in the "
                    "example database in the cache directory and replayed first next time "
                    "(re-checked exactly, never trusted)",
    }


def _shrink(pts: tuple[Point, ...], rows: list[Row], evaluate: Any, deadline: Deadline
            ) -> tuple[tuple[Point, ...], list[Row]]:
    """Remove points one at a time while the conjecture still fails (until the budget ends)."""
    changed = True
    while changed and len(pts) > 1 and not deadline.expired():
        changed = False
        for i in range(len(pts)):
            if deadline.expired():
                break
            cand = pts[:i] + pts[i + 1:]
            cand_rows = evaluate(cand)
            if any(r.verdict == "fails" for r in cand_rows):
                pts, rows, changed = cand, cand_rows, True
                break
    return pts, rows
