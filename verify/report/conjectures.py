"""Users' conjectures as claims of the report: ``verify report --conjectures FILE``.

The file (TOML, or JSON when its name ends in ``.json``) names, for each
conjecture, an ``id``, the ``statement`` in words, the ``formula`` (the
inequality of ``verify conjecture``) and the ``sweep`` (``points``, and
``arch``, ``class``, ``m``, ``alpha``, ``eps``, ``budget`` as for ``verify
conjecture``; the sweep's keys may also stand at the top level)::

    [[conjecture]]
    id = "count-3h"
    statement = "2-h-1 networks realize at most 2 sum_{i <= 3h} C(K^2 - 1, i) labelings"
    formula = "count <= 2*sum(binomial(K**2 - 1, i), (i, 0, 3*h))"
    sweep = { points = "grid:2..3:2", arch = "2-1..3-1" }

JSON: ``{"conjectures": [{…}, …]}`` or a list.  Each conjecture becomes the
claim ``conjecture-ID`` with the report's verdict words: **holds on instances**
(every instance of the sweep checked exactly; nothing is claimed beyond them),
**fails** (the smallest counterexample, exact), or **out of reach** (some row
undecided within the budget, with the reason; a time-out is never a failure).
Its table (one row per instance) goes to ``tables/conjecture-ID.tex`` and
``.csv``; the result is cached like the paper's claims.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "c.toml"
>>> _ = p.write_text('[[conjecture]]\\nid = "cover"\\nstatement = "Cover"\\n'
...                  'formula = "count <= 2*sum(binomial(n - 1, i), (i, 0, d))"\\n'
...                  'sweep = { points = "cube:2..3", arch = "halfspaces" }\\n')
>>> spec, = load_conjectures(str(p))
>>> claim = conjecture_claim(spec)
>>> claim["id"], claim["verdict"], claim["evidence_kind"]
('conjecture-cover', 'holds-on-instances', 'exact')
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verify.errors import InvalidArgument

if TYPE_CHECKING:
    from verify.conjecture.check import ConjectureResult

__all__ = ["ConjectureSpec", "conjecture_claim", "load_conjectures", "run_conjectures"]

_SWEEP_KEYS = ("points", "arch", "class", "m", "alpha", "eps", "budget")
_KEYS = {"id", "title", "statement", "formula", "sweep", *_SWEEP_KEYS}
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_MAX_FILE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ConjectureSpec:
    """One conjecture of the file: id, words, formula and sweep (validated)."""

    id: str
    title: str
    statement: str
    formula: str
    sweep: dict[str, str] = field(default_factory=dict)

    @property
    def claim_id(self) -> str:
        return f"conjecture-{self.id}"

    @property
    def parameters(self) -> dict[str, Any]:
        return {"formula": self.formula, **self.sweep}

    def plan(self) -> Any:
        """The validated :class:`verify.conjecture.Plan` (raises InvalidArgument)."""
        from verify.conjecture import plan_conjecture

        sw = self.sweep
        kwargs: dict[str, Any] = {k: sw[k] for k in ("m", "alpha", "eps", "budget") if k in sw}
        return plan_conjecture(self.formula, sw.get("points"), sw.get("arch"),
                               sw.get("class", "real"), **kwargs)


def _read(path: str) -> Any:
    p = Path(path)
    try:
        if not p.is_file():
            raise InvalidArgument(f"--conjectures: {path!r} is not a file")
        if p.stat().st_size > _MAX_FILE_BYTES:
            raise InvalidArgument(f"--conjectures: {path!r} is larger than 1 MiB")
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidArgument(f"--conjectures: cannot read {path!r} ({exc})") from None
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidArgument(f"--conjectures: {path!r} is not JSON ({exc})") from None
        return data.get("conjectures", data.get("conjecture")) if isinstance(data, dict) \
            else data
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidArgument(f"--conjectures: {path!r} is not TOML ({exc})") from None
    return data.get("conjecture", data.get("conjectures"))


def _text(value: object, where: str, key: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        if isinstance(value, list) and key == "formula" and all(isinstance(v, str)
                                                               for v in value):
            return "; ".join(value)
        raise InvalidArgument(f"--conjectures: {where}: {key} must be text")
    return str(value)


def load_conjectures(path: str) -> list[ConjectureSpec]:
    """Read and validate every conjecture of the file (nothing is computed).

    Raises InvalidArgument naming the file, the entry and the key at fault.
    """
    entries = _read(path)
    if not isinstance(entries, list) or not entries:
        raise InvalidArgument(f"--conjectures: {path!r} names no conjecture (expected "
                              "[[conjecture]] tables, or a JSON list)")
    out: list[ConjectureSpec] = []
    for k, entry in enumerate(entries, start=1):
        where = f"{path}, conjecture {k}"
        if not isinstance(entry, dict):
            raise InvalidArgument(f"--conjectures: {where} is not a table")
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            raise InvalidArgument(f"--conjectures: {where}: unknown key {unknown[0]!r} "
                                  f"(known: {', '.join(sorted(_KEYS))})")
        for key in ("statement", "formula"):
            if key not in entry:
                raise InvalidArgument(f"--conjectures: {where}: {key!r} is missing")
        cid = _text(entry.get("id", f"{k}"), where, "id")
        if not _ID.fullmatch(cid):
            raise InvalidArgument(f"--conjectures: {where}: id {cid!r} must be letters, digits, "
                                  "'.', '_' or '-'")
        if any(s.id == cid for s in out):
            raise InvalidArgument(f"--conjectures: {where}: id {cid!r} is used twice")
        sweep_in = entry.get("sweep", {})
        if not isinstance(sweep_in, dict):
            raise InvalidArgument(f"--conjectures: {where}: sweep must be a table")
        bad = sorted(set(sweep_in) - set(_SWEEP_KEYS))
        if bad:
            raise InvalidArgument(f"--conjectures: {where}: unknown sweep key {bad[0]!r} "
                                  f"(known: {', '.join(_SWEEP_KEYS)})")
        sweep = {key: _text(v, where, key) for key, v in
                 {**{x: entry[x] for x in _SWEEP_KEYS if x in entry}, **sweep_in}.items()}
        formula = _text(entry["formula"], where, "formula")
        spec = ConjectureSpec(
            id=cid, title=_text(entry.get("title", formula), where, "title"),
            statement=_text(entry["statement"], where, "statement"), formula=formula,
            sweep=sweep)
        try:
            spec.plan()
        except InvalidArgument as exc:
            raise InvalidArgument(f"--conjectures: {where} ({cid}): {exc}") from None
        out.append(spec)
    return out


def _shorten_evidence(ce: dict[str, Any] | None) -> dict[str, Any] | None:
    """The counterexample without its long lists (the full ones are in verify conjecture)."""
    if ce is None:
        return None
    out = dict(ce)
    ev = dict(out.get("evidence") or {})
    for key in ("labelings", "witnesses", "subset_labels"):
        if key in ev and isinstance(ev[key], list) and len(ev[key]) > 8:
            ev[f"{key}_total"] = len(ev[key])
            ev[key] = ev[key][:8]
    ev.pop("count_provenance", None)
    out["evidence"] = ev
    return out


def conjecture_claim(spec: ConjectureSpec) -> dict[str, Any]:
    """Check one conjecture and return its claim object (as ``ClaimResult.to_json()``)."""
    from proofs.claim import FAILS, HOLDS_ON_INSTANCES, OUT_OF_REACH, ClaimResult, table
    from verify.conjecture.output import conjecture_table

    result = spec.plan().run()
    data = result.to_json()
    tab = conjecture_table(result)
    words = {"holds": HOLDS_ON_INSTANCES, "fails": FAILS, "unknown": OUT_OF_REACH}
    kind, reason, explanation = _verdict_words(spec, result)
    evidence = {
        "verdict": result.verdict,
        "instances": result.instances,
        "counterexample": _shorten_evidence(data["counterexample"]),
        "equality": data["equality"],
        "tightest": data["tightest"],
        "unknown": data["unknown"],
        "decided_from_bounds": data["decided_from_bounds"],
        "method": data["method"],
    }
    columns = [c if isinstance(c, str) else c.name for c in tab.columns]
    tables = [table(spec.claim_id, tab.caption, columns, [list(row) for row in tab.rows])]
    claim = ClaimResult(
        id=spec.claim_id, title=spec.title, statement=spec.statement,
        parameters=spec.parameters, verdict=words[result.verdict], evidence=evidence,
        explanation=explanation, tables=tables, evidence_kind=kind, reason=reason)
    return json.loads(_dumps(claim.to_json()))


def _verdict_words(spec: ConjectureSpec, result: ConjectureResult) -> tuple[str, str, str]:
    """The evidence kind, the one-line reason and the explanation of a conjecture's
    result: it holds on the sweep, fails (its smallest counterexample), or is undecided."""
    from verify.conjecture.output import value_text

    sweep_words = ", ".join(f"{k} {v}" for k, v in spec.sweep.items())
    if result.verdict == "holds":
        uses_solver = any(c.get("class") == "real" and c.get("arch") not in (None, "halfspaces")
                          for c in result.counts)
        reason = (f"holds on all {result.instances} instances ({sweep_words})"
                  + (f"; bound attained at {len(result.equality)}" if result.equality else ""))
        return "exact+solver" if uses_solver else "exact", reason, (
            f"The inequality {result.conjecture.text} was decided exactly on every instance "
            f"of the sweep ({sweep_words}): counts from the toolkit's exact engines, both "
            "sides in exact rationals or certified intervals. Nothing is claimed beyond these "
            "instances.")
    if result.verdict == "fails":
        ce = result.counterexample
        assert ce is not None
        where = ce["points"] + (f" with {ce['arch']}" if ce.get("arch") else "") + (
            f", m = {ce['m']}" if ce.get("m") is not None else "")
        op = result.conjecture.inequalities[ce["inequality"]].op
        negated = {"<=": ">", "<": ">=", ">=": "<", ">": "<="}[op]
        reason = (f"smallest counterexample {where}: {value_text(ce['lhs'])} {negated} "
                  f"{value_text(ce['rhs'])}")
        return "counterexample", reason, (
            f"The inequality {result.conjecture.text} fails; the smallest counterexample "
            "(fewest points, then smallest parameters) is " + where + ", decided exactly.")
    first = result.unknown[0]
    reason = f"{len(result.unknown)} row(s) undecided: {first['reason']}"
    return "none", reason, (
        "Some instances could not be decided within their budget or the formula is not "
        "decided there; no row fails. Nothing is concluded (an undecided row is never a "
        "pass).")


def _dumps(obj: Any) -> str:
    from verify.jsonio import dumps

    return dumps(obj)


def _limit_claim(spec: ConjectureSpec, reason: str) -> dict[str, Any]:
    from proofs.claim import OUT_OF_REACH, ClaimResult

    return json.loads(_dumps(ClaimResult(
        id=spec.claim_id, title=spec.title, statement=spec.statement,
        parameters=spec.parameters, verdict=OUT_OF_REACH, evidence={"error": reason},
        explanation="The check did not finish: " + reason + ". Nothing is concluded (a "
        "time-out is never read as a failure).",
        evidence_kind="none", reason=f"did not finish: {reason}").to_json()))


def run_conjectures(
    specs: list[ConjectureSpec],
    cache_dir: str | Path | None = None,
    on_done: Callable[[str, dict[str, Any], bool], None] | None = None,
    time_limit: float | None = None,
    on_cache_problem: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """Check the conjectures (or read them from the report's cache), as claim objects.

    Cached like the paper's claims (key: the id, the formula, the sweep and the
    code version; an entry is reused only when its content digest verifies for
    that question, else ``on_cache_problem`` is told and it is recomputed); with
    ``time_limit`` each runs in a child process and is reported out of reach past it.
    """
    from verify.report.runner import (
        _cache_entry,
        _fork_available,
        _inner_bars_off,
        _read_cache,
        _run_in_child,
        _stderr_line,
        _write_atomic,
        cache_key,
        code_version,
    )

    version = code_version()
    cdir = None if cache_dir is None else Path(cache_dir)
    if cdir is not None:
        cdir.mkdir(parents=True, exist_ok=True)
    out: list[dict[str, Any]] = []
    for spec in specs:
        cid = spec.claim_id
        key = cache_key(cid, "conjecture", spec.parameters, version)
        path = None if cdir is None else cdir / f"{cid}-{key}.json"
        cached = None if path is None else _read_cache(
            path, cid, "conjecture", spec.parameters, version,
            on_cache_problem or _stderr_line)
        if cached is not None:
            out.append(cached)
            if on_done is not None:
                on_done(cid, cached, True)
            continue
        if time_limit is not None and _fork_available():
            result = _run_in_child(cid, "conjecture", time_limit,
                                   job=functools.partial(conjecture_claim, spec),
                                   on_limit=functools.partial(_limit_claim, spec))
        else:
            with _inner_bars_off():
                result = conjecture_claim(spec)
        # an undecided conjecture is not cached: the next run resumes its counts
        if path is not None and result["verdict"] in ("holds-on-instances", "fails"):
            entry = _cache_entry(cid, "conjecture", spec.parameters, version, result)
            _write_atomic(path, _dumps(entry) + "\n")
        out.append(result)
        if on_done is not None:
            on_done(cid, result, False)
    return out
