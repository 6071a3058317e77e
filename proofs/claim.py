"""The result of checking one claim of the paper.

A :class:`ClaimResult` holds the claim's id, the statement as the paper prints
it, the parameters it was checked at, a verdict, the evidence (exact numbers,
witnesses, counterexamples) and a one-paragraph explanation.  Claims may also
attach tables (for the report's LaTeX/CSV output) and figure data (plotted by
the report); both are plain data so that a result survives a JSON round trip.

Every verdict is one word of a fixed vocabulary (:data:`VERDICTS`; the words
shown to readers are :data:`VERDICT_WORDS`), carries the kind of evidence that
stands behind it (:data:`EVIDENCE_KINDS`) and a one-line reason.

>>> r = ClaimResult("demo", "A demo", "1 + 1 = 2", {}, "holds-on-instances", {"sum": 2},
...                 "Exact.", evidence_kind="exact", reason="1 + 1 computed exactly")
>>> r.to_json()["verdict"], r.to_json()["evidence_kind"]
('holds-on-instances', 'exact')
>>> VERDICT_WORDS["consistent-not-informative"]
'consistent, not informative'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from verify.display import Displayable
from verify.errors import InvalidArgument
from verify.jsonio import dataclass_json, json_meta, to_jsonable

__all__ = [
    "CONSISTENT_NOT_INFORMATIVE",
    "DEFAULT_EVIDENCE_KIND",
    "ERROR",
    "EVIDENCE_KINDS",
    "FAILS",
    "HOLDS_ON_INSTANCES",
    "HOLDS_WITH_CORRECTION",
    "NOT_CHECKED",
    "OUT_OF_REACH",
    "PROVED",
    "PROVED_CORRECTED",
    "TIMING_KEYS",
    "VERDICTS",
    "VERDICT_MEANINGS",
    "VERDICT_WORDS",
    "ClaimResult",
    "check_evidence_kind",
    "figure",
    "strip_timings",
    "table",
]

#: An exact argument for all parameters (e.g. a symbolic derivation checked by sympy).
PROVED = "proved"
#: The statement, once corrected as the claim says, is proved for all parameters.
PROVED_CORRECTED = "proved-corrected"
#: Checked exactly on the listed instances only.
HOLDS_ON_INSTANCES = "holds-on-instances"
#: The statement as printed fails or is not what the argument gives; a corrected form,
#: stated in the claim, holds (checked exactly on the listed instances).
HOLDS_WITH_CORRECTION = "holds-with-correction"
#: An exact counterexample refutes the statement as printed.
FAILS = "fails"
#: An asymptotic statement compared at sizes where it cannot fail.
CONSISTENT_NOT_INFORMATIVE = "consistent-not-informative"
#: Not checked, with the reason.
NOT_CHECKED = "not-checked"
#: The check did not finish (time or memory limit, a solver failure): nothing concluded.
OUT_OF_REACH = "out-of-reach"
#: The check itself is broken (a bug): nothing concluded, and the run reports failure.
ERROR = "error"

VERDICTS = (PROVED, PROVED_CORRECTED, HOLDS_ON_INSTANCES, HOLDS_WITH_CORRECTION, FAILS,
            CONSISTENT_NOT_INFORMATIVE, NOT_CHECKED, OUT_OF_REACH, ERROR)

#: The words shown to readers (report, terminal); JSON carries the keys.
VERDICT_WORDS = {
    PROVED: "proved",
    PROVED_CORRECTED: "proved (corrected)",
    HOLDS_ON_INSTANCES: "holds on instances",
    HOLDS_WITH_CORRECTION: "holds with correction",
    FAILS: "fails",
    CONSISTENT_NOT_INFORMATIVE: "consistent, not informative",
    NOT_CHECKED: "not checked",
    OUT_OF_REACH: "out of reach",
    ERROR: "error",
}

#: One line per verdict: what stands behind it (the report's legend).
VERDICT_MEANINGS = {
    PROVED: "an exact argument for all parameters (symbolic derivation checked by sympy, "
            "exhaustion where the range is finite)",
    PROVED_CORRECTED: "the statement is wrong or imprecise as printed; the corrected form "
                      "given is proved for all parameters",
    HOLDS_ON_INSTANCES: "checked exactly on the listed instances only; nothing is claimed "
                        "beyond them",
    HOLDS_WITH_CORRECTION: "as printed it fails or does not follow; the corrected form given "
                           "is checked exactly on the listed instances",
    FAILS: "refuted by an exact counterexample",
    CONSISTENT_NOT_INFORMATIVE: "an asymptotic statement compared at sizes where it cannot "
                                "fail (unknown constants): no evidence either way",
    NOT_CHECKED: "not checked, for the reason given",
    OUT_OF_REACH: "the check did not finish (time, memory or a solver failure); nothing is "
                  "concluded",
    ERROR: "the check itself failed (a bug); nothing is concluded",
}

#: Kinds of evidence; a claim may combine several with "+" (e.g. "symbolic+exhaustive").
EVIDENCE_KINDS = {
    "symbolic": "a symbolic derivation checked by sympy, valid for all parameters",
    "exhaustive": "an exact check of every case of a finite range",
    "exact": "exact integer/rational arithmetic and certified intervals on listed instances",
    "solver": "exact decision procedures (z3, SAT): witnesses re-checked in rationals, "
              "refutations trusted from the solver",
    "certificate": "certificates re-checked by the toolkit's checker",
    "counterexample": "an exact counterexample",
    "formula": "asymptotic formulas evaluated at finite sizes with unknown constants set to 1",
    "numeric": "floating point, for orientation only",
    "none": "no evidence: the check did not run or did not conclude",
}

#: The evidence kind a verdict gets when the claim does not say.
DEFAULT_EVIDENCE_KIND = {
    PROVED: "symbolic",
    PROVED_CORRECTED: "symbolic",
    HOLDS_ON_INSTANCES: "exact",
    HOLDS_WITH_CORRECTION: "exact",
    FAILS: "counterexample",
    CONSISTENT_NOT_INFORMATIVE: "formula",
    NOT_CHECKED: "none",
    OUT_OF_REACH: "none",
    ERROR: "none",
}


def check_evidence_kind(kind: str) -> str:
    """Validate an evidence kind: known kinds joined by "+".

    Examples
    --------
    >>> check_evidence_kind("symbolic+exhaustive")
    'symbolic+exhaustive'
    >>> check_evidence_kind("vibes")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: unknown evidence kind 'vibes' (known: symbolic, ...)
    """
    parts = kind.split("+")
    for part in parts:
        if part not in EVIDENCE_KINDS:
            raise InvalidArgument(f"unknown evidence kind {part!r} (known: "
                                  + ", ".join(EVIDENCE_KINDS) + ")")
    return kind


def _first_line(text: str, limit: int = 200) -> str:
    """The first sentence of ``text`` on one line, cut at ``limit`` characters."""
    flat = " ".join(text.split())
    end = flat.find(". ")
    line = flat if end < 0 else flat[: end + 1]
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


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


@dataclass(frozen=True, repr=False)
class ClaimResult(Displayable):
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
        One of :data:`VERDICTS`.
    evidence : dict
        Exact numbers, witnesses and counterexamples (JSON-ready after conversion).
    explanation : str
        One paragraph saying what was checked and what it means.
    tables, figures : list of dict
        Optional report material built with :func:`table` and :func:`figure`.
    certificates : list of dict
        Certificates of the claim's solver answers (see :mod:`proofs._certificates`):
        each ``{"subject", "certificate", "check", "note"}``; the report writes each
        certificate to ``certificates/<id>-<n>.json.gz`` and cites it.
    evidence_kind : str
        What stands behind the verdict (:data:`EVIDENCE_KINDS`, joined by "+");
        default: :data:`DEFAULT_EVIDENCE_KIND` of the verdict.
    reason : str
        The verdict's reason in one line; default: the explanation's first sentence.

    Examples
    --------
    >>> ClaimResult("x", "X", "s", {}, "holds", {}, "")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: claim x: unknown verdict 'holds'
    """

    id: str
    title: str
    statement: str
    parameters: dict[str, Any]
    verdict: str
    evidence: dict[str, Any] = field(metadata=json_meta(convert=lambda e: strip_timings(
        to_jsonable(e))))  # the run's timings are left out (results.json is reproducible)
    explanation: str
    tables: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    evidence_kind: str = ""
    reason: str = ""
    # only claims with certificates carry the key
    certificates: list[dict[str, Any]] = field(default_factory=list,
                                               metadata=json_meta(omit="empty"))

    JSON_ORDER = ("id", "title", "statement", "parameters", "verdict", "verdict_words",
                  "evidence_kind", "reason", "evidence", "explanation", "tables", "figures",
                  "certificates")

    def _display_items(self) -> list[tuple[str, Any]]:
        return [("id", self.id), ("verdict", self.verdict), ("title", self.title),
                ("explanation", self.explanation), ("evidence", sorted(self.evidence)),
                ("tables", [t.get("name") for t in self.tables])]

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise InvalidArgument(f"claim {self.id}: unknown verdict {self.verdict!r}")
        kind = self.evidence_kind or DEFAULT_EVIDENCE_KIND[self.verdict]
        try:
            check_evidence_kind(kind)
        except InvalidArgument as exc:
            raise InvalidArgument(f"claim {self.id}: {exc}") from None
        object.__setattr__(self, "evidence_kind", kind)
        reason = " ".join((self.reason or _first_line(self.explanation)).split())
        object.__setattr__(self, "reason", reason)

    def to_json(self) -> dict[str, Any]:
        """The claim object of ``results.json`` (keys ``id``, ``verdict``, ``evidence``, …).

        Examples
        --------
        >>> from fractions import Fraction
        >>> r = ClaimResult("a", "A", "s", {"eps": Fraction(1, 4)}, "fails", {}, "e")
        >>> r.to_json()["parameters"]
        {'eps': '1/4'}
        >>> r.to_json()["verdict_words"], r.to_json()["evidence_kind"], r.to_json()["reason"]
        ('fails', 'counterexample', 'e')
        """
        return dataclass_json(self)

    def json_extra(self) -> dict[str, Any]:
        return {"verdict_words": VERDICT_WORDS[self.verdict]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimResult:
        """Rebuild a result from :meth:`to_json` output (values stay in JSON form).

        Examples
        --------
        >>> r = ClaimResult("a", "A", "s", {}, "proved", {"n": 3}, "e")
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
                evidence_kind=str(data.get("evidence_kind", "")),
                reason=str(data.get("reason", "")),
                certificates=list(data.get("certificates", [])),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidArgument(f"malformed claim result: {exc}") from exc
