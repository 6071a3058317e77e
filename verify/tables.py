"""A small table type and its renderings: Markdown, LaTeX (booktabs), CSV, JSON.

Cells may be ``str``, ``int``, :class:`~fractions.Fraction`, ``bool`` or ``None``.
Fractions are printed ``p/q`` (integers without a denominator), booleans
``yes``/``no`` and ``None`` as ``n/a``; in JSON, Fractions are ``"p/q"``
strings, booleans and ``None`` stay JSON values.  Output is deterministic.

>>> t = Table("Demo", ["x", "x/2", "ok"], [[1, Fraction(1, 2), True]])
>>> print(render(t, "md"))
**Demo**
<BLANKLINE>
| x | x/2 | ok |
|---:|---:|:---|
| 1 | 1/2 | yes |
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verify.errors import InvalidArgument

__all__ = ["FORMATS", "Cell", "Table", "latex_escape", "render"]

Cell = str | int | Fraction | bool | None

#: The formats :func:`render` accepts.
FORMATS = ("md", "latex", "csv", "json")


@dataclass
class Table:
    """A titled table with columns, rows of cells, a caption, a label and notes."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    caption: str = ""
    label: str = ""
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise InvalidArgument(
                    f"row {i} has {len(row)} cells but the table has {len(self.columns)} columns"
                )

    def to_json(self) -> dict[str, Any]:
        """JSON form: title, columns, rows (Fractions as "p/q"), caption, label, notes."""
        return {
            "title": self.title,
            "columns": list(self.columns),
            "rows": [[_json_cell(c) for c in row] for row in self.rows],
            "caption": self.caption,
            "label": self.label,
            "notes": list(self.notes),
        }


def _json_cell(c: Cell) -> Any:
    if isinstance(c, Fraction):
        return f"{c.numerator}/{c.denominator}"
    return c


def _text(c: Cell) -> str:
    if c is None:
        return "n/a"
    if isinstance(c, bool):
        return "yes" if c else "no"
    if isinstance(c, Fraction):
        return str(c.numerator) if c.denominator == 1 else f"{c.numerator}/{c.denominator}"
    return str(c)


def _numeric_column(rows: Sequence[Sequence[Cell]], j: int) -> bool:
    vals = [r[j] for r in rows if r[j] is not None]
    return bool(vals) and all(
        isinstance(v, int | Fraction) and not isinstance(v, bool) for v in vals
    )


def _md_escape(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _render_md(t: Table) -> str:
    out = []
    if t.title:
        out += [f"**{_md_escape(t.title)}**", ""]
    out.append("| " + " | ".join(_md_escape(c) for c in t.columns) + " |")
    aligns = ["---:" if _numeric_column(t.rows, j) else ":---" for j in range(len(t.columns))]
    out.append("|" + "|".join(aligns) + "|")
    for row in t.rows:
        out.append("| " + " | ".join(_md_escape(_text(c)) for c in row) + " |")
    if t.caption:
        out += ["", _md_escape(t.caption)]
    if t.notes:
        out.append("")
        out.extend(f"- {_md_escape(note)}" for note in t.notes)
    return "\n".join(out)


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "≈": r"$\approx$",
    "≥": r"$\geq$",
    "≤": r"$\leq$",
    "α": r"$\alpha$",
    "ε": r"$\varepsilon$",
    "δ": r"$\delta$",
    "−": "-",
    "√": r"$\surd$",
    "…": r"\dots{}",
    "·": r"$\cdot$",
    "⌊": r"$\lfloor$",
    "⌋": r"$\rfloor$",
    "⌈": r"$\lceil$",
    "⌉": r"$\rceil$",
    # text-mode < and > print as ¡ and ¿ in the default (OT1) font encoding
    "<": r"$<$",
    ">": r"$>$",
    "–": "--",
    "—": "---",
    "Ω": r"$\Omega$",
    "Θ": r"$\Theta$",
    "ℓ": r"$\ell$",
    "∞": r"$\infty$",
    "φ": r"$\varphi$",
    "μ": r"$\mu$",
    "λ": r"$\lambda$",
    "×": r"$\times$",
    "≠": r"$\neq$",
    "∈": r"$\in$",
    "→": r"$\to$",
}


def latex_escape(s: str) -> str:
    """Escape LaTeX special characters (and a few Unicode symbols) in plain text.

    >>> latex_escape("50% of a_1 & {b} ≥ 2^k")
    '50\\\\% of a\\\\_1 \\\\& \\\\{b\\\\} $\\\\geq$ 2\\\\textasciicircum{}k'
    >>> print(latex_escape("V > D+1, Sauer–Shelah, M = Ω(K)"))
    V $>$ D+1, Sauer--Shelah, M = $\\Omega$(K)
    """
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in s)


LONG_TABLE_ROWS = 40


def _latex_label(label: str) -> str:
    """A label is used verbatim inside ``\\label{}``: only safe characters are kept."""
    return re.sub(r"[^A-Za-z0-9:.-]", "-", label)


def _render_latex(t: Table) -> str:
    spec = "".join("r" if _numeric_column(t.rows, j) else "l" for j in range(len(t.columns)))
    cap = t.caption or t.title
    head = [r"\toprule", " & ".join(latex_escape(c) for c in t.columns) + r" \\", r"\midrule"]
    body = [" & ".join(latex_escape(_text(c)) for c in row) + r" \\" for row in t.rows]
    notes = [latex_escape(n) + r"\par" for n in t.notes]
    if len(t.rows) > LONG_TABLE_ROWS:
        # Too long for one page: a longtable (package longtable) repeats its header.
        out = [r"\begin{longtable}{" + spec + "}"]
        title = (r"\caption{" + latex_escape(cap) + "}") if cap else ""
        if t.label:
            title += r"\label{" + _latex_label(t.label) + "}"
        if title:
            out.append(title + r" \\")
        out += [*head, r"\endfirsthead"]
        out.append(r"\multicolumn{" + str(len(t.columns)) + r"}{l}{\emph{(continued)}} \\")
        out += [*head, r"\endhead", r"\bottomrule", r"\endfoot", *body, r"\end{longtable}"]
        if notes:
            out += [r"{\footnotesize", *notes, "}"]
        return "\n".join(out)
    out = [r"\begin{table}[ht]", r"\centering"]
    if cap:
        out.append(r"\caption{" + latex_escape(cap) + "}")
    if t.label:
        out.append(r"\label{" + _latex_label(t.label) + "}")
    out += [r"\begin{tabular}{" + spec + "}", *head, *body, r"\bottomrule", r"\end{tabular}"]
    if notes:
        out += [r"\par\smallskip\footnotesize", *notes]
    out.append(r"\end{table}")
    return "\n".join(out)


def _render_csv(t: Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(t.columns))
    for row in t.rows:
        w.writerow([_text(c) for c in row])
    return buf.getvalue().rstrip("\n")


def render(table: Table, fmt: str) -> str:
    """Render ``table`` as ``md``, ``latex`` (booktabs), ``csv`` or ``json``.

    Examples
    --------
    >>> t = Table("T", ["a_1", "b"], [[Fraction(3, 4), None]], label="tab:t")
    >>> print(render(t, "latex"))
    \\begin{table}[ht]
    \\centering
    \\caption{T}
    \\label{tab:t}
    \\begin{tabular}{rl}
    \\toprule
    a\\_1 & b \\\\
    \\midrule
    3/4 & n/a \\\\
    \\bottomrule
    \\end{tabular}
    \\end{table}
    >>> print(render(t, "csv"))
    a_1,b
    3/4,n/a
    >>> print(render(t, "json")[:63])
    {"title": "T", "columns": ["a_1", "b"], "rows": [["3/4", null]]
    """
    if fmt == "md":
        return _render_md(table)
    if fmt == "latex":
        return _render_latex(table)
    if fmt == "csv":
        return _render_csv(table)
    if fmt == "json":
        return json.dumps(table.to_json(), ensure_ascii=False)
    raise InvalidArgument(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
