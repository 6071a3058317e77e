"""The appendix table and the text summary of a conjecture check.

The table has one row per instance and inequality: the instance, the measured
value (left side), the bound (right side), the slack and the verdict.  Exact
values are printed as integers or ``p/q``; a certified interval is printed as
``[lo, hi]`` in decimals rounded outward (so the printed interval still
contains the exact value).  Rendering is :func:`verify.tables.render`
(Markdown, booktabs LaTeX, CSV, JSON).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from verify.geometry.norms import interval_text
from verify.tables import Cell, Column, Table

if TYPE_CHECKING:
    from verify.conjecture.check import ConjectureResult

__all__ = ["conjecture_table", "summary_text", "value_text"]

_VERDICT_WORD = {"holds": "HOLDS", "fails": "FAILS", "unknown": "UNKNOWN"}


def value_text(v: object, digits: int = 10) -> str:
    """An exact value, a certified interval, or ``?``.

    >>> value_text(Fraction(7, 2)), value_text((Fraction(1, 3), Fraction(1, 2)), 3)
    ('7/2', '[0.333, 0.5]')
    >>> value_text(None)
    '?'
    """
    if v is None:
        return "?"
    if isinstance(v, tuple):
        lo, hi = v
        return interval_text(lo, hi, digits)
    if isinstance(v, Fraction):
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    return str(v)


def _cell(v: object) -> Cell:
    if isinstance(v, Fraction):
        return v
    return value_text(v)


def _where(s: dict[str, Any]) -> str:
    parts = [s["points"]]
    if s.get("arch"):
        cls = s.get("class")
        parts.append(s["arch"] + (f" {cls}" if cls and cls != "real" else ""))
    if s.get("m") is not None:
        parts.append(f"m = {s['m']}")
    for key in ("alpha", "eps"):
        if s.get(key) is not None:
            parts.append(f"{key} = {value_text(s[key])}")
    return ", ".join(parts)


def side_tex(expr: Any) -> str:
    r"""A side of an inequality as LaTeX math (for the appendix table's header).

    >>> import sympy as sp
    >>> side_tex(sp.sympify("2*Sum(binomial(K**2 - 1, i), (i, 0, 2*h + 1))"))
    '$2 \\sum_{i=0}^{2 h + 1} {\\binom{K^{2} - 1}{i}}$'
    >>> side_tex(sp.Symbol("count")), side_tex(sp.sympify("Pi + vc"))
    ('$\\mathrm{count}$', '$\\Pi(m) + \\mathrm{vc}$')
    """
    import sympy as sp

    names = {sp.Symbol("count"): r"\mathrm{count}", sp.Symbol("vc"): r"\mathrm{vc}",
             sp.Symbol("Pi"): r"\Pi(m)"}
    return "$" + sp.latex(expr, symbol_names=names) + "$"


def conjecture_table(result: ConjectureResult) -> Table:
    """One row per instance (and inequality): instance, measured value, bound, slack, verdict."""
    conj = result.conjecture
    rows = result.rows
    has = {k: any(getattr(r.instance, k) is not None for r in rows)
           for k in ("arch", "m", "alpha", "eps")}
    several = len(conj.inequalities) > 1
    cols: list[str | Column] = ["points"]
    if has["arch"]:
        cols.append("class")
    for k in ("m", "alpha", "eps"):
        if has[k]:
            cols.append("α" if k == "alpha" else "ε" if k == "eps" else k)
    if several:
        cols.append("#")
    if several:
        cols += ["left side", "right side"]
    else:
        ineq = conj.inequalities[0]
        cols += [Column(ineq.lhs_text, tex=side_tex(ineq.lhs)),
                 Column(ineq.rhs_text, tex=side_tex(ineq.rhs))]
    cols += ["slack", "verdict"]
    body: list[list[Cell]] = []
    for r in rows:
        inst = r.instance
        row: list[Cell] = [inst.points.spec]
        if has["arch"]:
            row.append(inst.class_text)
        for k in ("m", "alpha", "eps"):
            if has[k]:
                v = getattr(inst, k)
                row.append(v if v is None or isinstance(v, Fraction) else int(v))
        if several:
            row.append(r.index + 1)
        d = r.decision
        row += [_cell(d.lhs), _cell(d.rhs), _cell(d.slack), d.verdict]
        body.append(row)
    verdict = result.verdict
    shown = conj.text.replace(" <= ", " ≤ ").replace(" >= ", " ≥ ")
    failing = len({r.instance for r in rows if r.verdict == "fails"})
    caption = f"Conjecture {shown}, checked on {result.instances} instance(s): " + (
        f"fails on {failing}" if verdict == "fails" else verdict)
    if verdict == "fails" and result.counterexample is not None:
        caption += f"; smallest counterexample {_where(result.counterexample)}"
    notes = ["slack = larger side - smaller side (negative: the inequality fails)"]
    if any(isinstance(v, tuple) for r in rows for v in (r.decision.lhs, r.decision.rhs)):
        notes.append("[lo, hi]: certified interval containing the exact value (decimals "
                     "rounded outward)")
    if any(r.decision.verdict == "unknown" for r in rows):
        notes.append("?: not determined (see the reasons in the JSON output)")
    if several:
        notes += [f"#{i + 1}: {q.text}" for i, q in enumerate(conj.inequalities)]
    return Table(title="", columns=cols, rows=body, caption=caption, label="tab:conjecture",
                 notes=notes)


def summary_text(result: ConjectureResult, limit: int = 5) -> str:
    """A short human summary: verdict, counterexample, equality, tightest, unknown."""
    lines = _head_lines(result)
    if result.counterexample is not None:
        lines += _counterexample_lines(result)
    if result.search is not None:
        lines.append(_search_line(result.search))
    lines += _extremes_lines(result, limit)
    return "\n".join(lines)


def _head_lines(result: ConjectureResult) -> list[str]:
    """The conjecture, where it was checked, the verdict, and the rows decided from
    certified bounds rather than exact values."""
    lines = [f"conjecture: {result.conjecture.text}"]
    sw = result.sweep
    where = []
    if sw.get("points"):
        where.append("points " + ", ".join(sw["points"]))
    if sw.get("arch"):
        where.append("classes " + ", ".join(sw["arch"]))
    lines.append(f"checked on {result.instances} instance(s)"
                 + (f" ({'; '.join(where)})" if where else ""))
    word = _VERDICT_WORD[result.verdict]
    if result.verdict == "holds":
        lines.append(f"{word} on all {result.instances} instances")
    else:
        lines.append(word)
    bounded = [r for r in result.rows if r.decision.from_bounds and r.verdict != "unknown"]
    if bounded:
        names = sorted({q for r in bounded for q in r.decision.from_bounds})
        lines.append(f"  {len(bounded)} row(s) decided from certified bounds on "
                     f"{', '.join(names)}, not from exact values (see the notes in --json)")
    return lines


def _counterexample_lines(result: ConjectureResult) -> list[str]:
    """The smallest counterexample, its evidence and its certificate."""
    ce = result.counterexample
    assert ce is not None
    op = result.conjecture.inequalities[ce["inequality"]].op
    negated = {"<=": ">", "<": ">=", ">=": "<", ">": "<="}[op]
    lines = [f"smallest counterexample: {_where(ce)}: {value_text(ce['lhs'])} {negated} "
             f"{value_text(ce['rhs'])}, so {ce['statement']} is false"]
    ev = ce.get("evidence") or {}
    if "labelings" in ev:
        lines.append(f"  evidence: {ev['count']} labelings realized"
                     + (" (exact count)" if ev.get("count_complete") else
                        " (at least; the count did not finish)")
                     + (f"; {len(ev['witnesses'])} listed with witness networks re-checked "
                        "exactly (see --json)" if ev.get("witnesses") else ""))
    if "subset" in ev:
        lines.append(f"  evidence: subset {ev['subset']} has {ev['subset_labelings']} "
                     "labelings")
    if "shattered_set" in ev:
        lines.append(f"  evidence: shattered set {ev['shattered_set']}")
    lines += [f"  note: {note}" for note in ev.get("notes", [])]
    cert = ev.get("certificate")
    if cert is not None:
        lines += _certificate_lines(cert)
    return lines


def _certificate_lines(cert: dict[str, Any]) -> list[str]:
    """The counterexample's certificate: its file and what the checker said, or why none.

    >>> _certificate_lines({"file": "c.json", "check": "verified", "count": 14,
    ...                     "rejected": [], "trusted": ["z3"]})
    ['  certificate: c.json (verified: the checker re-derives the count 14)', '    trusted: z3']
    >>> _certificate_lines({"file": None, "note": "no certificate: too many points"})
    ['  no certificate: too many points']
    """
    if cert["file"] is None:
        return [f"  {cert['note']}"]
    return [f"  certificate: {cert['file']} ({cert['check']}"
            + ("" if cert["count"] is None else
               f": the checker re-derives the count {cert['count']}") + ")",
            *[f"    rejected: {why}" for why in cert["rejected"]],
            *[f"    trusted: {what}" for what in cert["trusted"]]]


def _search_line(s: dict[str, Any]) -> str:
    """One line on the random search (:func:`verify.conjecture.search.run_search`'s report).

    >>> _search_line({"examples": 5, "dimension": 1, "sizes": [2, 4], "seed": 0,
    ...               "stopped": "max_examples", "found": False, "undecided_examples": 1})
    'search: 5 random point set(s) in dimension 1 ... stopped: max_examples; 1 undecided'
    """
    return (f"search: {s['examples']} random point set(s) in dimension {s['dimension']} with "
            f"{s['sizes'][0]}..{s['sizes'][1]} points (seed {s['seed']}); stopped: {s['stopped']}"
            + (f"; counterexample {s['counterexample_points']}" if s["found"] else "")
            + (f"; {s['undecided_examples']} undecided" if s["undecided_examples"] else ""))


def _extremes_lines(result: ConjectureResult, limit: int) -> list[str]:
    """Where the bound is attained, the tightest rows (by slack and by ratio) and the rows
    left unknown, each list cut at ``limit``."""
    lines = []
    eq = result.equality
    if eq:
        shown = "; ".join(_where(e) for e in eq[:limit])
        more = f" (and {len(eq) - limit} more)" if len(eq) > limit else ""
        lines.append(f"equality (bound attained) at {len(eq)} instance(s): {shown}{more}")
    elif result.rows:
        lines.append("equality: the bound is attained at no instance")
    if result.tightest:
        lines.append("tightest (smallest slack): " + "; ".join(
            f"{_where(t)} (slack {value_text(t['slack'])})" for t in result.tightest[:limit]))
    if result.tightest_by_ratio:
        lines.append("tightest (smallest ratio): " + "; ".join(
            f"{_where(t)} (ratio {value_text(t['ratio'], 6)})"
            for t in result.tightest_by_ratio[:limit]))
    if result.unknown:
        lines.append(f"unknown at {len(result.unknown)} row(s):")
        for u in result.unknown[:limit]:
            lines.append(f"  {_where(u)}: {u['reason']}")
        if len(result.unknown) > limit:
            lines.append(f"  … and {len(result.unknown) - limit} more (see --json)")
    return lines
