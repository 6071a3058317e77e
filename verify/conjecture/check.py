"""Testing a conjectured inequality against exact data: :func:`check_conjecture`.

Every instance of the sweep (point set × class × m × parameters; see
:mod:`verify.conjecture.sweep`) gets its quantities from the exact engines
(:mod:`verify.conjecture.data`) and every inequality is decided exactly
(:func:`verify.conjecture.evaluate.decide`).  The verdict:

* ``holds`` (exit code 0): every row holds;
* ``fails`` (exit code 1): some row fails — the *smallest counterexample* is the
  failing instance with the fewest points, then the smallest parameters
  (:func:`verify.conjecture.sweep.instance_key`: W, widths, Q, m, alpha, eps,
  dimension, K), whatever order the sweep was given in, with its evidence;
* ``unknown`` (exit code 3): no row fails but some row is undecided (a count
  not finished within its budget, a formula undefined there, sides not
  separated at the largest precision); those rows are listed.

Also listed: the *equality* cases (both sides exact and equal) and the
*tightest* instances (smallest slack ``big − small``, and smallest ratio
``big / small``) among the rows that hold.

>>> import tempfile
>>> r = check_conjecture("count <= 2**(d + 1)", points="cube:1..3", arch="halfspaces",
...                      cache_dir=tempfile.mkdtemp())
>>> r.verdict, r.instances, r.counterexample["points"], r.counterexample["lhs"]
('fails', 3, 'cube:2', Fraction(14, 1))
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp

from verify.conjecture.data import ClassData, NotKnown, instance_env
from verify.conjecture.evaluate import DEFAULT_MAX_BITS, Bounds, Decision, decide
from verify.conjecture.formula import CLASS_QUANTITIES, Conjecture, Inequality, parse_conjecture
from verify.conjecture.sweep import (
    Instance,
    PointSpec,
    instance_key,
    parse_archs,
    parse_classes,
    parse_int_values,
    parse_points,
)
from verify.errors import InvalidArgument
from verify.exact import require_int
from verify.jsonio import dataclass_json, json_meta, to_jsonable
from verify.limits import Deadline, parse_timeout
from verify.progress import progress

__all__ = [
    "EXIT_CODES",
    "MAX_ROWS",
    "ConjectureResult",
    "Plan",
    "Row",
    "Sweep",
    "check_conjecture",
    "plan_conjecture",
]

EXIT_CODES = {"holds": 0, "fails": 1, "unknown": 3}
#: Most rows (instances × inequalities) one run may have.
MAX_ROWS = 200_000
_EVIDENCE_LABELINGS = 1024
_DEFAULT_BUDGET = 120.0
_PI_BOUNDS_NOTE = (
    "Pi is known here only within certified bounds from the growth engine (not every subset "
    "is examined); its upper bounds use 2^m, the count, Pi(m) <= 2 Pi(m-1) and a theorem "
    "(Sauer-Shelah with the certified VC upper bound; for halfspaces Cover's count), so a "
    "row they decide is no independent evidence for a bound of that kind")


def _quantities(q: dict[str, Fraction | Bounds]) -> dict[str, Any]:
    """Exact values, or certified bounds as (lo, hi)."""
    return {k: (v.lo, v.hi) if isinstance(v, Bounds) else v for k, v in sorted(q.items())}


def instance_json(inst: Instance) -> dict[str, Any]:
    """The instance as in the JSON contract (``arch`` spelled as on the command line)."""
    return {
        "points": inst.points.spec,
        "arch": inst.arch,
        "class": None if inst.arch in (None, "halfspaces") else inst.cls,
        "m": inst.m,
        "alpha": inst.alpha,
        "eps": inst.eps,
        "n": inst.n,
    }


@dataclass
class Row:
    """One inequality at one instance, decided."""

    instance: Instance
    index: int
    statement: str
    decision: Decision
    quantities: dict[str, Fraction | Bounds] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        return self.decision.verdict

    def summary(self) -> dict[str, Any]:
        """Instance, inequality, sides, slack, ratio and verdict."""
        d = self.decision
        return {
            **instance_json(self.instance),
            "inequality": self.index,
            "statement": self.statement,
            "lhs": d.lhs,
            "rhs": d.rhs,
            "slack": d.slack,
            "ratio": d.ratio,
            "verdict": d.verdict,
        }

    def to_json(self) -> dict[str, Any]:
        """JSON form: exact values as ``"p/q"``, certified intervals as ``["p/q", "p/q"]``."""
        d = self.decision
        return to_jsonable({
            **self.summary(),
            "exact": d.exact,
            "method": d.method,
            "bits": d.bits,
            "reason": d.reason,
            "from_bounds": list(d.from_bounds),
            "notes": list(d.notes),
            "quantities": _quantities(self.quantities),
        })


@dataclass
class ConjectureResult:
    """The outcome of :func:`check_conjecture` (``to_json`` is the CLI's ``--json`` contract)."""

    conjecture: Conjecture
    verdict: str
    rows: list[Row]
    instances: int
    counterexample: dict[str, Any] | None
    equality: list[dict[str, Any]]
    tightest: list[dict[str, Any]]
    tightest_by_ratio: list[dict[str, Any]]
    unknown: list[dict[str, Any]]
    sweep: dict[str, Any]
    counts: list[dict[str, Any]]
    search: dict[str, Any] | None = None
    max_bits: int = field(default=DEFAULT_MAX_BITS, metadata=json_meta(write=False))

    JSON_ORDER = ("verdict", "instances", "checks", "decided_from_bounds", "conjecture",
                  "counterexample", "equality", "tightest", "tightest_by_ratio", "unknown",
                  "rows", "sweep", "counts", "search", "method", "exit_code", "interval_note")

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]

    def json_extra(self) -> dict[str, Any]:
        return {
            "checks": len(self.rows),
            "decided_from_bounds": sum(1 for r in self.rows
                                       if r.decision.from_bounds and r.verdict != "unknown"),
            "method": (
                "quantities from the exact engines (counts re-read from the cache are "
                "re-checked); both sides evaluated in exact rationals, irrational values "
                "(log, exp, sqrt, powers) as certified intervals with mpmath's outward-rounded "
                f"interval arithmetic, refined from 64 up to {self.max_bits} bits; never a "
                "float comparison"
            ),
            "exit_code": self.exit_code,
            "interval_note": (
                "a pair [lo, hi] is a certified interval: the exact value lies in it (both "
                "ends certified); exact values are single \"p/q\" texts"),
        }

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` contract (exact values as ``"p/q"``, intervals as pairs)."""
        return dataclass_json(self)


# ---------------------------------------------------------------------------


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, Sequence):
        return ",".join(str(v) for v in value)
    return str(value)


class Sweep:
    """The instances of a conjecture and their rows (shared by the sweep and the search)."""

    def __init__(
        self,
        conjecture: Conjecture,
        archs: list[str] | None,
        classes: list[str],
        m_values: list[int] | None,
        alphas: list[Fraction] | None,
        epss: list[Fraction] | None,
        *,
        budget: float | None,
        deadline: Deadline,
        cache_dir: str | None,
        use_cache: bool,
        max_bits: int,
    ) -> None:
        self.conjecture = conjecture
        self.needs = conjecture.quantities
        self.archs = archs
        self.classes = classes
        self.m_values = m_values
        self.alphas = alphas
        self.epss = epss
        self.budget = budget
        self.deadline = deadline
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self.max_bits = max_bits
        self.data: dict[tuple[str, str, str | None], ClassData] = {}
        self.eps_cache: dict[str, Fraction] = {}
        needs_class = bool(self.needs & CLASS_QUANTITIES - ({"alpha"} if alphas else set()))
        if needs_class and not archs:
            names = ", ".join(sorted(self.needs & CLASS_QUANTITIES))
            raise InvalidArgument(f"the formula uses {names}: give the classes with --arch "
                                  "(e.g. --arch 2-1..3-1 or --arch halfspaces)")
        uses_m = bool(self.needs & {"m", "Pi"})
        if m_values is not None and not uses_m:
            raise InvalidArgument("--m: the formula uses neither m nor Pi")
        self.uses_m = uses_m

    # instances ---------------------------------------------------------------
    def classes_for(self, ps: PointSpec) -> list[tuple[str | None, str | None]]:
        if not self.archs:
            return [(None, None)]
        out: list[tuple[str | None, str | None]] = []
        dim = ps.pointset.dimension
        for arch in self.archs:
            if arch == "halfspaces":
                out.append(("halfspaces", None))
            elif int(arch.split("-")[0]) == dim:
                out.extend((arch, c) for c in self.classes)
        return out

    def instances_for(self, ps: PointSpec) -> list[Instance]:
        out = []
        n = len(ps.points)
        ms: list[int | None] = [None]
        if self.uses_m:
            ms = [m for m in (self.m_values or range(n + 1)) if m <= n]
        alphas: list[Fraction | None] = list(self.alphas) if self.alphas else [None]
        epss: list[Fraction | None] = list(self.epss) if self.epss else [None]
        for arch, cls in self.classes_for(ps):
            for m in ms:
                for a in alphas:
                    for e in epss:
                        inst = Instance(ps, arch, cls, m, a, e)
                        self.validate(inst)
                        out.append(inst)
        return out

    def validate(self, inst: Instance) -> None:
        """Refuse an instance at which a quantity of the formula has no meaning."""
        where = inst.label()
        if "K" in self.needs and inst.points.K is None:
            raise InvalidArgument(f"the formula uses K, which is defined for grid:K:m and "
                                  f"stilde:K:d only, not at {where}")
        hidden = len(inst.widths) - 2
        for name in self.needs:
            if name == "h" and (inst.arch is None or hidden != 1):
                raise InvalidArgument(
                    f"the formula uses h, the width of a single hidden layer; not defined at "
                    f"{where} (use h1, h2, ... for deeper networks)")
            if name.startswith("h") and name[1:].isdigit() and not 1 <= int(name[1:]) <= hidden:
                raise InvalidArgument(f"the formula uses {name}, not defined at {where}")
        if "Q" in self.needs and inst.q is None:
            raise InvalidArgument(f"the formula uses Q, defined for class int:Q only, not at "
                                  f"{where}")
        if "eps" in self.needs and inst.eps is None and inst.n < 2:
            raise InvalidArgument(f"the formula uses eps, undefined for a single point ({where})")

    # rows ----------------------------------------------------------------------
    def class_data(self, inst: Instance) -> ClassData | None:
        if inst.arch is None:
            return None
        key = (inst.points.spec, inst.arch, inst.cls)
        data = self.data.get(key)
        if data is None:
            data = ClassData(inst.points, inst.arch, inst.cls, cache_dir=self.cache_dir,
                             use_cache=self.use_cache, budget=self.budget,
                             deadline=self.deadline)
            self.data[key] = data
        data.deadline = self.deadline  # the search runs under its own deadline
        return data

    def rows(self, instances: list[Instance],
             on_row: Callable[[Row], None] | None = None) -> list[Row]:
        out = []
        needs = self.needs - ({"alpha"} if self.alphas else set())
        class_needs = needs & CLASS_QUANTITIES - {"h", "W", "Q"}
        for inst in instances:
            data = self.class_data(inst) if class_needs else None
            try:
                env = instance_env(inst, self.needs, data, self.eps_cache)
            except NotKnown as exc:
                env = None
                reason = str(exc)
            for idx, ineq in enumerate(self.conjecture.inequalities):
                if env is None:
                    dec = Decision("unknown", None, None, None, None, False, reason=reason,
                                   method="none")
                    row = Row(inst, idx, ineq.text, dec, {})
                else:
                    used = {k: v for k, v in env.items() if k in ineq.quantities}
                    dec = decide(ineq, used, self.max_bits)
                    if data is not None and not data.complete and data.realized is not None:
                        dec.notes.append(data.reason or "the count is incomplete")
                    if "Pi" in dec.from_bounds:
                        dec.notes.append(_PI_BOUNDS_NOTE)
                    row = Row(inst, idx, ineq.text, dec, used)
                out.append(row)
                if on_row is not None:
                    on_row(row)
        return out


def _sort_key_value(v: Fraction | tuple[Fraction, Fraction] | None) -> tuple[int, Fraction]:
    if v is None:
        return (1, Fraction(0))
    if isinstance(v, tuple):
        return (0, v[0])
    return (0, v)


def _labelings_text(bits: list[int], n: int) -> list[str]:
    from verify.labels import labels_text, unpack_labels

    return [labels_text(unpack_labels(b, n)) for b in bits]


def _count_evidence(row: Row, ineq: Inequality, data: ClassData) -> dict[str, Any]:
    """The labelings (with re-checked witnesses) behind a failing ``count <= bound``."""
    from verify.encodings.realize import realizes_bits

    r = data.realized
    assert r is not None
    n = r.n
    out: dict[str, Any] = {"count": r.count, "count_complete": r.complete}
    wanted = min(r.count, _EVIDENCE_LABELINGS)
    refutes = ineq.small == sp.Symbol("count") and row.decision.rhs is not None
    if refutes:
        bound = row.decision.rhs if ineq.op in ("<=", "<") else row.decision.lhs
        hi = bound[1] if isinstance(bound, tuple) else bound
        assert hi is not None
        wanted = min(wanted, max(0, int(hi // 1) + 1))
    bits = sorted(int(b) for b in r.labelings.tolist())[:wanted]
    out["labelings"] = _labelings_text(bits, n)
    pts = data.points.points
    wits = []
    for b in bits:
        net = r.witnesses.get(b)
        if net is not None and realizes_bits(net, pts, b):
            wits.append({"labels": _labelings_text([b], n)[0], "network": net.to_json()})
    out["witnesses"] = wits
    if refutes and len(wits) == len(bits) and bits:
        out["note"] = (f"{len(bits)} distinct labelings, each realized by its witness network "
                       "(re-checked exactly in rationals): already more than the bound allows")
    elif not wits:
        out["note"] = ("no witness networks are stored for this class (halfspace dichotomies "
                       "are enumerated combinatorially)")
    if ineq.big == sp.Symbol("count"):
        out["upper_side"] = ("that no other labeling is realized rests on the count engine's "
                             "refutations (count_provenance); --certificate FILE writes them as "
                             "a certificate that 'verify check-certificate' re-checks in "
                             "rational arithmetic")
    return out


def _evidence(row: Row, conj: Conjecture, sweep: Sweep) -> dict[str, Any]:
    ineq = conj.inequalities[row.index]
    inst = row.instance
    ev: dict[str, Any] = {
        "quantities": _quantities(row.quantities),
        "decided_by": row.decision.method,
    }
    if row.decision.notes:
        ev["notes"] = list(row.decision.notes)
    data = sweep.data.get((inst.points.spec, inst.arch, inst.cls)) if inst.arch else None
    if data is None:
        return ev
    ev["count_provenance"] = data.provenance()
    used = ineq.quantities
    if "count" in used and data.realized is not None:
        ev.update(_count_evidence(row, ineq, data))
    if "Pi" in used and inst.m is not None:
        subset = data.profile().witnesses[inst.m]
        if subset is not None:
            ev["subset"] = list(subset)
            ev["subset_points"] = [list(inst.points.points[i]) for i in subset]
            if data.realized is not None:
                mask = sum(1 << i for i in subset)
                proj = sorted({int(b) & mask for b in data.realized.labelings.tolist()})
                ev["subset_labelings"] = len(proj)
                if len(proj) <= _EVIDENCE_LABELINGS:
                    compact = [sum(((b >> i) & 1) << j for j, i in enumerate(subset))
                               for b in proj]
                    ev["subset_labels"] = _labelings_text(compact, len(subset))
    if "vc" in used:
        s = data.shattered_set()
        ev["shattered_set"] = s
        if s is not None:
            ev["shattered_points"] = [list(inst.points.points[i]) for i in s]
        if inst.arch == "halfspaces":
            ev["vc_method"] = ("affine dimension + 1: the listed affinely independent points "
                               "are shattered; no larger set is (Radon)")
    return ev


def smallest_failing(rows: list[Row]) -> Row | None:
    """The failing row with the fewest points, then the smallest parameters (or None)."""
    fails = [r for r in rows if r.verdict == "fails"]
    return min(fails, key=lambda r: (instance_key(r.instance), r.index)) if fails else None


def summarize(rows: list[Row], conj: Conjecture, sweep: Sweep, top: int
              ) -> tuple[str, dict[str, Any] | None, list[dict[str, Any]],
                         list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Verdict, smallest counterexample, equality cases, tightest rows, unknown rows."""
    fails = [r for r in rows if r.verdict == "fails"]
    unknown = [r for r in rows if r.verdict == "unknown"]
    holds = [r for r in rows if r.verdict == "holds"]
    verdict = "fails" if fails else "unknown" if unknown else "holds"
    counter = None
    first = smallest_failing(rows)
    if first is not None:
        counter = {**first.summary(), "evidence": _evidence(first, conj, sweep)}
    equality = [r.summary() for r in holds if r.decision.equality]
    tight = sorted(holds, key=lambda r: (_sort_key_value(r.decision.slack),
                                         _sort_key_value(r.decision.ratio),
                                         instance_key(r.instance), r.index))
    with_ratio = [r for r in holds if r.decision.ratio is not None]
    by_ratio = sorted(with_ratio, key=lambda r: (_sort_key_value(r.decision.ratio),
                                                 instance_key(r.instance), r.index))
    unknown_list = [{**r.summary(), "reason": r.decision.reason} for r in unknown]
    return (verdict, counter, equality, [r.summary() for r in tight[:top]],
            [r.summary() for r in by_ratio[:top]], unknown_list)


def check_conjecture(
    formula: str | Sequence[str] | Conjecture,
    points: str | Sequence[str] | None = None,
    arch: str | Sequence[str] | None = None,
    cls: str | Sequence[str] = "real",
    *,
    m: str | Sequence[int] | None = None,
    alpha: str | Sequence[object] | None = None,
    eps: str | Sequence[object] | None = None,
    budget: object = _DEFAULT_BUDGET,
    timeout: object = None,
    cache_dir: str | None = None,
    use_cache: bool = True,
    max_bits: int = DEFAULT_MAX_BITS,
    top: int = 5,
    search: Any = None,
    on_row: Callable[[Row], None] | None = None,
    certificate: str | None = None,
) -> ConjectureResult:
    """Test a conjectured inequality on every instance of a sweep, exactly.

    Parameters
    ----------
    formula : str, sequence of str, or Conjecture
        The inequality or inequalities (see :mod:`verify.conjecture.formula`).
    points : str or sequence of str
        Point sets, with ranges: ``"grid:2..4:2,cube:3"``.
    arch : str or sequence of str, optional
        Classes: ``"2-1..3-1"``, ``"halfspaces"``; needed when the formula uses
        a quantity of a class (count, Pi, vc, alpha, h, W, Q).
    cls : str or sequence of str
        Weight classes for the networks: ``"real"`` (default), ``"int:Q"``, ``"int:1..3"``.
    m : str or sequence of int, optional
        Subset sizes (default 0..n) when the formula uses ``m`` or ``Pi``.
    alpha, eps : str or sequence of rationals, optional
        Sweep these as parameters (``"0,1/10,1/5"``) instead of measuring them.
    budget : seconds or None
        Time for one count (a point set and a class); an unfinished count gives
        certified bounds only, and rows they do not decide are ``unknown``.
    timeout : seconds or None
        Time for the whole run; instances not started by then are ``unknown``.
    cache_dir, use_cache
        The store of realized sets (finished counts are read from it, not recomputed).
    max_bits : int
        Largest precision of the interval refinement.
    top : int
        How many tightest rows to list.
    search : SearchOptions, optional
        Also search random rational point sets (:mod:`verify.conjecture.search`).
    on_row : callable(Row), optional
        Called after each row is decided (progress).
    certificate : path, optional
        When the conjecture fails on a count (``count``, ``Pi``, ``vc``, ``alpha``),
        write the count certificate of the counterexample's instance here and
        re-check it (:mod:`verify.conjecture.certificate`); the outcome is the
        counterexample's ``evidence["certificate"]``.

    Returns
    -------
    ConjectureResult

    Examples
    --------
    >>> import tempfile
    >>> r = check_conjecture("Pi <= sum(binomial(m, i), (i, 0, vc))", points="cube:2..3",
    ...                      arch="halfspaces", cache_dir=tempfile.mkdtemp())
    >>> r.verdict, r.instances, len(r.equality), r.tightest_by_ratio[0]["points"]
    ('holds', 14, 9, 'cube:2')
    """
    plan = plan_conjecture(formula, points, arch, cls, m=m, alpha=alpha, eps=eps, budget=budget,
                           timeout=timeout, cache_dir=cache_dir, use_cache=use_cache,
                           max_bits=max_bits, top=top, search=search)
    if certificate is not None:
        from pathlib import Path

        try:
            folder = Path(certificate).resolve().parent
            usable = folder.is_dir()
        except OSError as exc:  # e.g. a name too long for the file system
            raise InvalidArgument(f"--certificate: {certificate!r} is not usable "
                                  f"({exc.strerror or exc})") from None
        if not usable:
            raise InvalidArgument(f"--certificate: the folder {str(folder)!r} does not exist")
    return plan.run(on_row, certificate=certificate)


@dataclass
class Plan:
    """A validated conjecture and sweep, nothing computed yet (see :func:`plan_conjecture`)."""

    conjecture: Conjecture
    sweep: Sweep
    specs: list[PointSpec]
    instances: list[Instance]
    timeout: float | None
    top: int
    search: Any = None

    def run(self, on_row: Callable[[Row], None] | None = None,
            certificate: str | None = None) -> ConjectureResult:
        """Compute every quantity, decide every row, summarize.

        ``certificate``: a file for the count certificate of the counterexample
        (see :func:`check_conjecture`).
        """
        conj, sweep = self.conjecture, self.sweep
        sweep.deadline = Deadline(self.timeout)
        started = time.monotonic()
        total = len(self.instances) * len(conj.inequalities)
        with progress(total, "checking the conjecture") as bar:
            def tick(row: Row) -> None:
                bar.advance()
                if on_row is not None:
                    on_row(row)

            rows = sweep.rows(self.instances, tick)
        search_report = None
        if self.search is not None:
            from verify.conjecture.search import run_search

            search_report, found_rows = run_search(sweep, self.search)
            rows = rows + found_rows
        verdict, counter, equality, tight, by_ratio, unknown = summarize(
            rows, conj, sweep, self.top)
        if certificate is not None and counter is not None:
            from verify.conjecture.certificate import counterexample_certificate

            first = smallest_failing(rows)
            assert first is not None
            data = sweep.class_data(first.instance)
            counter["evidence"]["certificate"] = counterexample_certificate(
                data, conj.inequalities[first.index].quantities, str(certificate), sweep.budget)
        counts = []
        for (spec, a, c), data in sorted(sweep.data.items(), key=lambda kv: kv[0][:2]):
            counts.append({"points": spec, "arch": a, "class": c, **data.provenance(),
                           "seconds": None if data.seconds is None else round(data.seconds, 3)})
        return ConjectureResult(
            conjecture=conj, verdict=verdict, rows=rows,
            instances=len({r.instance for r in rows}),
            counterexample=counter, equality=equality, tightest=tight,
            tightest_by_ratio=by_ratio, unknown=unknown,
            sweep={"points": [p.spec for p in self.specs], "arch": sweep.archs,
                   "class": sweep.classes, "m": sweep.m_values, "alpha": sweep.alphas,
                   "eps": sweep.epss, "budget": sweep.budget, "timeout": self.timeout,
                   "seconds": round(time.monotonic() - started, 3)},
            counts=counts, search=search_report, max_bits=sweep.max_bits,
        )


def plan_conjecture(
    formula: str | Sequence[str] | Conjecture,
    points: str | Sequence[str] | None = None,
    arch: str | Sequence[str] | None = None,
    cls: str | Sequence[str] = "real",
    *,
    m: str | Sequence[int] | None = None,
    alpha: str | Sequence[object] | None = None,
    eps: str | Sequence[object] | None = None,
    budget: object = _DEFAULT_BUDGET,
    timeout: object = None,
    cache_dir: str | None = None,
    use_cache: bool = True,
    max_bits: int = DEFAULT_MAX_BITS,
    top: int = 5,
    search: Any = None,
) -> Plan:
    """Parse and validate a conjecture and its sweep without computing anything.

    Takes the arguments of :func:`check_conjecture`; every malformed or
    meaningless part is refused here (:class:`InvalidArgument`), so a run that
    starts does not stop on bad input.

    >>> plan = plan_conjecture("count <= 2**n", points="grid:2..3:2", arch="2-1..2-1")
    >>> [i.label() for i in plan.instances]
    ['grid:2:2, 2-1-1', 'grid:2:2, 2-2-1', 'grid:3:2, 2-1-1', 'grid:3:2, 2-2-1']
    """
    conj = formula if isinstance(formula, Conjecture) else parse_conjecture(formula)
    bits = require_int(max_bits, "max_bits", low=64, high=1 << 20)
    top = require_int(top, "top", low=0, high=10_000)
    budget_s = parse_timeout(budget)
    timeout_s = parse_timeout(timeout)
    archs = parse_archs(_as_text(arch)) if arch is not None else None
    classes = parse_classes(_as_text(cls) or "real")
    m_values = parse_int_values(_as_text(m), "--m") if m is not None else None
    from verify.bounds.ranges import parse_rational_values

    alphas = parse_rational_values(_as_text(alpha), "--alpha") if alpha is not None else None
    epss = parse_rational_values(_as_text(eps), "--eps") if eps is not None else None
    if alphas and "alpha" not in conj.quantities:
        raise InvalidArgument("--alpha: the formula does not use alpha")
    if epss and "eps" not in conj.quantities:
        raise InvalidArgument("--eps: the formula does not use eps")
    sweep = Sweep(conj, archs, classes, m_values, alphas, epss, budget=budget_s,
                  deadline=Deadline(timeout_s), cache_dir=cache_dir, use_cache=use_cache,
                  max_bits=bits)
    specs = parse_points(_as_text(points)) if points is not None else []
    if not specs and search is None:
        raise InvalidArgument("give the point sets (--points) or a search (--search)")
    instances: list[Instance] = []
    for ps in specs:
        instances.extend(sweep.instances_for(ps))
        if len(instances) * len(conj.inequalities) > MAX_ROWS:
            raise InvalidArgument(f"the sweep has more than {MAX_ROWS} rows; narrow it")
    if archs is not None and specs:
        dims = {ps.pointset.dimension for ps in specs}
        for a in archs:
            if a != "halfspaces" and int(a.split("-")[0]) not in dims:
                raise InvalidArgument(
                    f"--arch {a} takes {a.split('-')[0]} inputs but no point set in --points "
                    f"has that dimension (dimensions: {', '.join(map(str, sorted(dims)))})")
    if search is not None:
        from verify.conjecture.search import check_search

        check_search(sweep, search)
    instances.sort(key=instance_key)
    return Plan(conj, sweep, specs, instances, timeout_s, top, search)
