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

__all__ = ["VERDICT_MARK", "compact_json", "render_markdown", "shorten"]

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
        "exactly (by squaring or with certified rational brackets), never through floats. "
        "Values marked \"numeric\" (fitted exponents, formula values shown in scientific "
        "notation) and the figures are floating point, for display only; the verdicts never "
        "depend on them.",
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
            lines += [render_table(t).rstrip("\n"), ""]
        for p in figure_paths.get(c["id"], []):
            lines += [f"![{c['id']}]({p})", ""]
        lines += [
            "<details><summary>Evidence</summary>",
            "",
            "```json",
            compact_json(shorten(c["evidence"])),
            "```",
            "",
            "</details>",
        ]
    return "\n".join(lines) + "\n"
