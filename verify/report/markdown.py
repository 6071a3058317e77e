"""``report.md``: every claim with its verdict, statement, evidence and explanation.

The Markdown is a pure function of the claims' JSON objects, so re-running the
report with the same inputs gives the same bytes.  Long lists in the evidence
are shortened in the Markdown (the full evidence is in ``results.json``).

>>> c = {"id": "x", "title": "X", "statement": "s", "parameters": {}, "verdict": "holds",
...      "evidence": {"n": 1}, "explanation": "E.", "tables": [], "figures": []}
>>> "| x | holds | X |" in render_markdown([c], "quick", lambda t: "")
True
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["VERDICT_MARK", "render_markdown", "shorten"]

VERDICT_MARK = {
    "holds": "holds",
    "holds-with-correction": "holds with correction",
    "fails": "FAILS",
    "out-of-reach": "out of reach",
}
_MAX_LIST = 12


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


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(
    claims: list[dict[str, Any]],
    size: str,
    render_table: Callable[[dict[str, Any]], str],
    figure_paths: dict[str, list[str]] | None = None,
) -> str:
    """The text of ``report.md``.

    Parameters
    ----------
    claims : list of claim JSON objects (``ClaimResult.to_json()``)
    size : the run size, recorded in the header
    render_table : callable turning a claim's table data into Markdown
    figure_paths : claim id -> relative paths of its figures
    """
    figure_paths = figure_paths or {}
    counts: dict[str, int] = {}
    for c in claims:
        counts[c["verdict"]] = counts.get(c["verdict"], 0) + 1
    lines = [
        "# Claim-by-claim check of Li, Jin, Zhong, Hopcroft, Wang (NeurIPS 2022)",
        "",
        f"Run size: `{size}`. Verdicts: "
        + ", ".join(f"{VERDICT_MARK[v]}: {counts[v]}" for v in VERDICT_MARK if v in counts)
        + ".",
        "",
        "Exact numbers are rationals written p/q; irrational quantities are compared "
        "exactly (by squaring or with certified rational brackets), never through floats.",
        "",
        "| claim | verdict | title |",
        "|---|---|---|",
    ]
    for c in claims:
        lines.append(f"| {c['id']} | {c['verdict']} | {_escape_cell(c['title'])} |")
    for c in claims:
        lines += [
            "",
            f"## {c['id']}: {c['title']}",
            "",
            f"**Verdict: {VERDICT_MARK[c['verdict']]}** (`{c['verdict']}`)",
            "",
            "Statement (as printed): " + c["statement"],
            "",
            c["explanation"],
            "",
            "Parameters: `" + json.dumps(c["parameters"], ensure_ascii=False) + "`",
            "",
        ]
        for t in c.get("tables", []):
            lines += [f"*{t['caption']}*", "", render_table(t).rstrip("\n"), ""]
        for p in figure_paths.get(c["id"], []):
            lines += [f"![{c['id']}]({p})", ""]
        lines += [
            "<details><summary>Evidence</summary>",
            "",
            "```json",
            json.dumps(shorten(c["evidence"]), indent=1, ensure_ascii=False),
            "```",
            "",
            "</details>",
        ]
    return "\n".join(lines) + "\n"
