"""``report.md`` and the claims' own pages ``claims/<id>.md``.

``report.md`` is short enough to read: the summary of every verdict, the
provenance, and per claim its statement, verdict, explanation and figures.
Each claim's parameters, tables and evidence are on its own page, linked.

The Markdown is a pure function of the claims' JSON objects, so re-running the
report with the same inputs gives the same bytes.  Long lists in the evidence
are shortened in the Markdown (the full evidence is in ``results.json``).

The summary table gives each claim's verdict (in words), the kind of evidence
behind it and a one-line reason; a legend says what each verdict word means.

>>> c = {"id": "x", "title": "X", "statement": "s", "parameters": {},
...      "verdict": "holds-on-instances", "evidence_kind": "exact", "reason": "all 4 cases",
...      "evidence": {"n": 1}, "explanation": "E.", "tables": [], "figures": []}
>>> "| [x](#x-x) | holds on instances | exact | all 4 cases |" in render_markdown(
...     [c], "quick", lambda t: "")
True
>>> "```json" in render_claim_page(c, lambda t: "")
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from proofs.claim import (
    DEFAULT_EVIDENCE_KIND,
    EVIDENCE_KINDS,
    VERDICT_MEANINGS,
    VERDICT_WORDS,
    VERDICTS,
)

__all__ = ["VERDICT_MARK", "certificate_lines", "claim_details", "claim_page_path",
           "claim_section", "compact_json", "render_claim_page", "render_header",
           "render_markdown", "shorten", "verdict_counts", "verdict_summary"]

#: The verdict words of the report (one vocabulary: :data:`proofs.claim.VERDICT_WORDS`).
VERDICT_MARK = VERDICT_WORDS
_MAX_LIST = 12


def verdict_counts(claims: list[dict[str, Any]]) -> dict[str, int]:
    """How many claims have each verdict, in the vocabulary's order.

    Examples
    --------
    >>> verdict_counts([{"verdict": "fails"}, {"verdict": "proved"}, {"verdict": "fails"}])
    {'proved': 1, 'fails': 2}
    """
    counts = {v: 0 for v in VERDICTS}
    for c in claims:
        counts[c["verdict"]] += 1
    return {v: n for v, n in counts.items() if n}


def verdict_summary(claims: list[dict[str, Any]]) -> str:
    """One line: the count of each verdict, in words.

    Examples
    --------
    >>> verdict_summary([{"verdict": "proved-corrected"}, {"verdict": "fails"}])
    'proved (corrected): 1, fails: 1'
    """
    return ", ".join(f"{VERDICT_WORDS[v]}: {n}" for v, n in verdict_counts(claims).items())


def _kind(c: dict[str, Any]) -> str:
    return str(c.get("evidence_kind") or DEFAULT_EVIDENCE_KIND[c["verdict"]])


def shorten(value: Any, limit: int = _MAX_LIST) -> Any:
    """Cut lists longer than ``limit`` (recursively), noting how many were left out.

    Examples
    --------
    >>> shorten(list(range(5)), 3)
    [0, 1, 2, '… 2 more (see results.json)']
    """
    if isinstance(value, dict):
        return {k: shorten(v, limit) for k, v in value.items()}
    if isinstance(value, list):
        head = [shorten(v, limit) for v in value[:limit]]
        if len(value) > limit:
            head.append(f"… {len(value) - limit} more (see results.json)")
        return head
    return value


def compact_json(value: Any, indent: int = 0, width: int = 96) -> str:
    """JSON with nested structures indented, but short lists and objects kept on one line.

    Examples
    --------
    >>> print(compact_json({"a": [1, 2], "b": {"c": "1/2"}}))
    {"a": [1, 2], "b": {"c": "1/2"}}
    >>> print(compact_json({"rows": [{"n": i, "s": "x" * 9} for i in range(2)]}, width=30))
    {
     "rows": [
      {"n": 0, "s": "xxxxxxxxx"},
      {"n": 1, "s": "xxxxxxxxx"}
     ]
    }
    """
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= width or not isinstance(value, dict | list) or not value:
        return flat
    pad = " " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: "
                 f"{compact_json(v, indent + 1, width).lstrip()}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + compact_json(v, indent + 1, width).lstrip() for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _figure_links(paths: list[str], prefix: str = "") -> list[str]:
    """Markdown for each figure: the PNG shown, its PDF and SVG linked."""
    out = []
    for p in paths:
        stem = p.rsplit(".", 1)[0]
        out += [f"![{stem.rsplit('/', 1)[-1]}]({prefix}{p})",
                "",
                f"Vector versions: [PDF]({prefix}{stem}.pdf), [SVG]({prefix}{stem}.svg).", ""]
    return out


def claim_page_path(claim_id: str) -> str:
    """The relative path of a claim's own page (its tables and evidence).

    >>> claim_page_path("thm-4.3-eq1")
    'claims/thm-4.3-eq1.md'
    """
    return f"claims/{claim_id}.md"


def claim_section(c: dict[str, Any], figure_paths: list[str] | None = None,
                  prefix: str = "") -> list[str]:
    """A claim's part of the report: heading, verdict, statement, explanation, figures."""
    lines = [
        f"## {c['id']}: {c['title']}",
        "",
        f"**Verdict: {VERDICT_WORDS[c['verdict']]}** (`{c['verdict']}`; evidence: "
        f"{_kind(c)}). {c.get('reason', '')}",
        "",
        "Statement (as printed): " + c["statement"],
        "",
        c["explanation"],
        "",
    ]
    return lines + _figure_links(figure_paths or [], prefix)


_CHECKER_WORDS = {"verified": "VERIFIED", "partly-trusted": "PARTLY TRUSTED",
                  "rejected": "REJECTED"}


def certificate_lines(c: dict[str, Any], prefix: str = "") -> list[str]:
    """The citations of a claim's certificates: file, what it proves, the checker's verdict.

    >>> c = {"certificates": [{"subject": "14 labelings", "file": "certificates/x-1.json.gz",
    ...      "verdict": "verified", "count": 14, "trusted": [], "note": ""}]}
    >>> print("\\n".join(certificate_lines(c)))  # doctest: +NORMALIZE_WHITESPACE
    Certificates (re-check one with `verify check-certificate FILE`):
    <BLANKLINE>
    - [certificates/x-1.json.gz](certificates/x-1.json.gz): 14 labelings — VERIFIED by the
      checker (count 14)
    <BLANKLINE>
    """
    cited = c.get("certificates") or []
    if not cited:
        return []
    lines = ["Certificates (re-check one with `verify check-certificate FILE`):", ""]
    for e in cited:
        if not e.get("file"):
            lines.append(f"- {e.get('subject', '')}: {e.get('note') or 'no certificate'}")
            continue
        word = _CHECKER_WORDS.get(str(e.get("verdict")), str(e.get("verdict")))
        count = "" if e.get("count") is None else f" (count {e['count']})"
        trusted = ("; trusted: " + "; ".join(e["trusted"])) if e.get("trusted") else ""
        lines.append(f"- [{e['file']}]({prefix}{e['file']}): {e.get('subject', '')} — "
                     f"{word} by the checker{count}{trusted}")
    return [*lines, ""]


def claim_details(c: dict[str, Any], render_table: Callable[[dict[str, Any]], str],
                  prefix: str = "") -> list[str]:
    """A claim's parameters, tables, certificates and evidence (long lists shortened);
    ``prefix`` leads the links to certificate files (``"../"`` on a claim's page)."""
    lines = ["Parameters: `" + json.dumps(c["parameters"], ensure_ascii=False) + "`", ""]
    for t in c.get("tables", []):
        lines += [render_table(t).rstrip("\n"), ""]
    lines += certificate_lines(c, prefix)
    return [
        *lines,
        "<details><summary>Evidence</summary>",
        "",
        "```json",
        compact_json(shorten(c["evidence"])),
        "```",
        "",
        "</details>",
    ]


def render_claim_page(
    c: dict[str, Any],
    render_table: Callable[[dict[str, Any]], str],
    figure_paths: list[str] | None = None,
) -> str:
    """The page of one claim (``claims/<id>.md``): its section of the report, then its
    parameters, tables and evidence."""
    section = claim_section(c, figure_paths, "../")
    lines = ["[Back to the report](../report.md)", "", *section,
             *claim_details(c, render_table, "../")]
    return "\n".join(lines) + "\n"


def render_header(claims: list[dict[str, Any]], size: str,
                  provenance: list[str] | None = None) -> list[str]:
    """The report's opening: verdict counts, the summary table (verdict, evidence kind,
    one-line reason per claim), what the verdicts and evidence kinds mean, provenance."""
    used = verdict_counts(claims)
    kinds = sorted({k for c in claims for k in _kind(c).split("+")},
                   key=list(EVIDENCE_KINDS).index)
    lines = [
        "# Claim-by-claim check of Li, Jin, Zhong, Hopcroft, Wang (NeurIPS 2022)",
        "",
        f"Run size: `{size}`. Verdicts: {verdict_summary(claims)}.",
        "",
        "Exact numbers are rationals written p/q; irrational quantities are compared "
        "exactly (by squaring or with certified rational brackets), never through floats. "
        "Values marked \"numeric\" (fitted exponents, formula values shown in scientific "
        "notation) and the figures are floating point, for display only; the verdicts never "
        "depend on them.",
        "",
        "| claim | verdict | evidence | reason |",
        "|---|---|---|---|",
    ]
    for c in claims:
        lines.append(f"| [{c['id']}](#{_anchor(c)}) | {VERDICT_WORDS[c['verdict']]} | "
                     f"{_kind(c)} | {_escape_cell(str(c.get('reason', '')))} |")
    lines += ["", "What the verdicts mean:", ""]
    lines += [f"- **{VERDICT_WORDS[v]}** (`{v}`): {VERDICT_MEANINGS[v]}." for v in used]
    lines += ["", "Kinds of evidence:", ""]
    lines += [f"- `{k}`: {EVIDENCE_KINDS[k]}." for k in kinds]
    if provenance:
        lines += ["", "## Provenance", "", *provenance]
    return lines


def render_markdown(
    claims: list[dict[str, Any]],
    size: str,
    render_table: Callable[[dict[str, Any]], str],
    figure_paths: dict[str, list[str]] | None = None,
    provenance: list[str] | None = None,
) -> str:
    """The text of ``report.md``: summary, provenance, and per claim its verdict,
    statement, explanation and figures; its parameters, tables and evidence are on its
    own page (:func:`render_claim_page`), linked.

    Parameters
    ----------
    claims : list of claim JSON objects (``ClaimResult.to_json()``)
    size : the run size, recorded in the header
    render_table : callable turning a claim's table data into Markdown (for the pages)
    figure_paths : claim id -> relative paths of its figures (PNG)
    provenance : Markdown list items of the provenance block
    """
    figure_paths = figure_paths or {}
    lines = render_header(claims, size, provenance)
    for c in claims:
        lines += ["", *claim_section(c, figure_paths.get(c["id"]))]
        what = [f"{len(c['tables'])} table(s)"] if c.get("tables") else []
        if c.get("certificates"):
            what.append(f"{len(c['certificates'])} certificate(s)")
        lines.append(f"Parameters, {', '.join([*what, 'evidence'])}: "
                     f"[{claim_page_path(c['id'])}]({claim_page_path(c['id'])}).")
    return "\n".join(lines) + "\n"


def _anchor(c: dict[str, Any]) -> str:
    """The GitHub-style anchor of a claim's heading ``## id: title``."""
    text = f"{c['id']}: {c['title']}".lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")
