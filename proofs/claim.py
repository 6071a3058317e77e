"""The result of checking one claim of the paper.

A :class:`ClaimResult` holds the claim's id, the statement as the paper prints
it, the parameters it was checked at, a verdict, the evidence (exact numbers,
witnesses, counterexamples) and a one-paragraph explanation.  Claims may also
attach tables (for the report's LaTeX/CSV output) and figure data (plotted by
the report); both are plain data so that a result survives a JSON round trip.

>>> r = ClaimResult("demo", "A demo", "1 + 1 = 2", {}, "holds", {"sum": 2}, "Exact.")
>>> r.to_json()["verdict"]
'holds'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from verify.errors import InvalidArgument
from verify.jsonio import to_jsonable

__all__ = [
    "FAILS",
    "HOLDS",
    "HOLDS_WITH_CORRECTION",
    "OUT_OF_REACH",
    "TIMING_KEYS",
    "VERDICTS",
    "ClaimResult",
    "figure",
    "strip_timings",
    "table",
]

HOLDS = "holds"
HOLDS_WITH_CORRECTION = "holds-with-correction"
FAILS = "fails"
OUT_OF_REACH = "out-of-reach"
VERDICTS = (HOLDS, HOLDS_WITH_CORRECTION, FAILS, OUT_OF_REACH)


def table(
    name: str, caption: str, columns: list[str], rows: list[list[Any]]
) -> dict[str, Any]:
    """Table data attached to a claim (rendered by the report to LaTeX and CSV).

    Parameters
    ----------
    name : str
        File stem of the table, e.g. ``"eq1"`` gives ``tables/eq1.tex``.
    caption : str
        The caption.
    columns : list of str
        Column headers.
    rows : list of lists
        Cells; rationals are written ``p/q`` once converted to JSON.

    Examples
    --------
    >>> table("t", "A table", ["K", "n"], [[2, 4]])["columns"]
    ['K', 'n']
    """
    for row in rows:
        if len(row) != len(columns):
            raise InvalidArgument(f"table {name}: row {row!r} has {len(row)} cells, "
                                  f"expected {len(columns)}")
    return {"name": name, "caption": caption, "columns": list(columns),
            "rows": [list(r) for r in rows]}


def figure(
    name: str,
    title: str,
    xlabel: str,
    ylabel: str,
    series: list[dict[str, Any]],
    logy: bool = False,
) -> dict[str, Any]:
    """Figure data attached to a claim (plotted by the report with matplotlib).

    Each series is ``{"label": str, "x": [...], "y": [...]}`` and optionally
    ``"style": "line" | "points" | "step"``.  Values may be ints, Fractions or
    decimal strings; they are converted to floats only for drawing.

    Examples
    --------
    >>> f = figure("g", "Growth", "m", "count", [{"label": "a", "x": [0, 1], "y": [1, 2]}])
    >>> f["series"][0]["label"]
    'a'
    """
    for s in series:
        if len(s["x"]) != len(s["y"]):
            raise InvalidArgument(f"figure {name}: series {s['label']!r} has x/y of "
                                  "different lengths")
    return {"name": name, "title": title, "xlabel": xlabel, "ylabel": ylabel,
            "logy": logy, "series": series}


TIMING_KEYS = frozenset({"seconds", "elapsed", "time", "time_s", "wall_time", "duration"})


def strip_timings(value: Any) -> Any:
    """Drop timing entries (keys in ``TIMING_KEYS``) so that results are reproducible.

    Examples
    --------
    >>> strip_timings({"n": 1, "provenance": {"solver": "z3", "seconds": 0.3}})
    {'n': 1, 'provenance': {'solver': 'z3'}}
    """
    if isinstance(value, dict):
        return {k: strip_timings(v) for k, v in value.items() if k not in TIMING_KEYS}
    if isinstance(value, list):
        return [strip_timings(v) for v in value]
    return value


@dataclass(frozen=True)
class ClaimResult:
    """The verdict on one claim, with its evidence.

    Attributes
    ----------
    id : str
        Registry id, e.g. ``"thm-4.3-eq1"``.
    title : str
        Short human title.
    statement : str
        The claim as the paper prints it.
    parameters : dict
        The sizes it was checked at.
    verdict : str
        ``"holds"``, ``"holds-with-correction"``, ``"fails"`` or ``"out-of-reach"``.
    evidence : dict
        Exact numbers, witnesses and counterexamples (JSON-ready after conversion).
    explanation : str
        One paragraph saying what was checked and what it means.
    tables, figures : list of dict
        Optional report material built with :func:`table` and :func:`figure`.

    Examples
    --------
    >>> ClaimResult("x", "X", "s", {}, "maybe", {}, "")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: claim x: unknown verdict 'maybe'
    """

    id: str
    title: str
    statement: str
    parameters: dict[str, Any]
    verdict: str
    evidence: dict[str, Any]
    explanation: str
    tables: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise InvalidArgument(f"claim {self.id}: unknown verdict {self.verdict!r}")

    def to_json(self) -> dict[str, Any]:
        """The claim object of ``results.json`` (keys ``id``, ``verdict``, ``evidence``, …).

        Examples
        --------
        >>> from fractions import Fraction
        >>> r = ClaimResult("a", "A", "s", {"eps": Fraction(1, 4)}, "fails", {}, "e")
        >>> r.to_json()["parameters"]
        {'eps': '1/4'}
        """
        return {
            "id": self.id,
            "title": self.title,
            "statement": self.statement,
            "parameters": to_jsonable(self.parameters),
            "verdict": self.verdict,
            "evidence": strip_timings(to_jsonable(self.evidence)),
            "explanation": self.explanation,
            "tables": to_jsonable(self.tables),
            "figures": to_jsonable(self.figures),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimResult:
        """Rebuild a result from :meth:`to_json` output (values stay in JSON form).

        Examples
        --------
        >>> r = ClaimResult("a", "A", "s", {}, "holds", {"n": 3}, "e")
        >>> ClaimResult.from_json(r.to_json()).evidence
        {'n': 3}
        """
        try:
            return cls(
                id=str(data["id"]),
                title=str(data.get("title", data["id"])),
                statement=str(data.get("statement", "")),
                parameters=dict(data.get("parameters", {})),
                verdict=str(data["verdict"]),
                evidence=dict(data.get("evidence", {})),
                explanation=str(data.get("explanation", "")),
                tables=list(data.get("tables", [])),
                figures=list(data.get("figures", [])),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidArgument(f"malformed claim result: {exc}") from exc
