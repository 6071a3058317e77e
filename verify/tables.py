"""A small table type and its renderings: Markdown, LaTeX (booktabs), CSV, JSON, HTML.

Cells may be ``str``, ``int``, :class:`~fractions.Fraction`, ``bool`` or ``None``.
Fractions are printed ``p/q`` (integers without a denominator), booleans
``yes``/``no`` and ``None`` as ``n/a``; in JSON, Fractions are ``"p/q"``
strings, booleans and ``None`` stay JSON values.  Output is deterministic.

Exact stays exact in every format.  CSV and JSON hold every exact value in
full, however many digits it has.  Markdown and LaTeX are for reading: an exact
value longer than :data:`MAX_EXACT_CHARS` characters is shown there as ``…``
and its value, truncated to three significant digits, appears in a separate
column headed ``≈ name`` (``$5.19\\times10^{7}$`` in LaTeX).  Columns of kind
``approx`` hold an exact value and show only its approximation (their ``sqrt``
flag shows the square root of the value: an irrational quantity kept exact by
its square); they appear only in Markdown, LaTeX and HTML.

Columns are plain names or :class:`Column` objects with a LaTeX header
(``Column("C_α^n", tex=r"$C_\\alpha^n$")``) and a short ASCII ``key`` for
:meth:`Table.select` and :meth:`Table.pivot`.

LaTeX tables fit the page by themselves: the ``tabular`` is scaled down to
``\\linewidth`` only when it is wider (``\\resizebox``, package graphicx); a
table with a long text column wraps it instead (``tabularx``).  A table of more
than :data:`LONG_TABLE_ROWS` rows is split into floats of that many rows
("Table n (continued)"), each repeating the header, all scaled by the one
factor that fits the widest.  ``landscape=True`` puts the table on a landscape
page (package pdflscape).  The output needs the packages of
:data:`LATEX_PACKAGES` and nothing else.

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
import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verify.errors import InvalidArgument
from verify.exact import fraction_text, int_text, scientific, scientific_sqrt

__all__ = [
    "FORMATS",
    "LATEX_PACKAGES",
    "LONG_TABLE_ROWS",
    "MAX_EXACT_CHARS",
    "Cell",
    "Column",
    "Table",
    "approx_latex",
    "approx_text",
    "latex_escape",
    "render",
    "text_to_latex",
    "text_to_mathtext",
]

Cell = str | int | Fraction | bool | None

#: The formats :func:`render` accepts.
FORMATS = ("md", "latex", "csv", "json", "html")

#: Longest exact value shown in Markdown/LaTeX; longer ones get an approximate column.
MAX_EXACT_CHARS = 16

#: Tables with more rows are split into several floats ("(continued)", header repeated).
LONG_TABLE_ROWS = 40

#: The LaTeX packages a table written by :func:`render` may use.
LATEX_PACKAGES = ("amsmath", "booktabs", "graphicx", "tabularx", "pdflscape")

_KINDS = ("exact", "approx", "numeric", "text")


def _slug(name: str) -> str:
    """An ASCII key from a column name: ``"C_α^n"`` -> ``"c_alpha_n"``."""
    greek = {"α": "alpha", "ε": "eps", "δ": "delta", "Π": "pi", "φ": "phi", "≥": "ge",
             "≤": "le", "Σ": "sum", "≈": "approx"}
    text = "".join(greek.get(ch, ch) for ch in name)
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_") or "column"


@dataclass(frozen=True)
class Column:
    """A column: its name (Markdown, CSV and JSON header), LaTeX header, key and kind.

    Parameters
    ----------
    name : str
        Plain-text header (Unicode allowed).
    tex : str, optional
        LaTeX header used verbatim (math allowed, e.g. ``r"$C_\\alpha^n$"``);
        default: the name converted by :func:`text_to_latex`.
    key : str, optional
        ASCII identifier for :meth:`Table.select` / :meth:`Table.pivot`
        (default: derived from the name).
    kind : {"exact", "approx", "numeric", "text"}
        ``exact``: ints, Fractions, booleans, text, shown exactly; ``approx``:
        exact values shown only approximately, in Markdown/LaTeX/HTML only;
        ``numeric``: floating-point text, labelled as such, in every format.
    sqrt : bool
        With ``kind="approx"``: show the square root of the exact value.
    display : bool
        False: a data column, only in CSV, JSON and data frames (e.g. an exact
        square whose root is shown by an ``approx`` column).

    Examples
    --------
    >>> Column("C_α^n").key, Column("C_α^n").tex
    ('C_alpha_n', '$C_{\\\\alpha}^{n}$')
    """

    name: str
    tex: str | None = None
    key: str | None = None
    kind: str = "exact"
    sqrt: bool = False
    display: bool = True

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise InvalidArgument(f"column kind must be one of {', '.join(_KINDS)}")
        if self.key is None:
            object.__setattr__(self, "key", _slug(self.name))
        if self.tex is None:
            object.__setattr__(self, "tex", text_to_latex(self.name))


def _column(c: str | Column) -> Column:
    return c if isinstance(c, Column) else Column(c)


@dataclass
class Table:
    """A titled table with columns, rows of cells, a caption, a label and notes.

    ``caption_tex`` (optional) is the caption in LaTeX source, used verbatim;
    otherwise the caption (or title) is converted with :func:`text_to_latex`.
    """

    title: str
    columns: Sequence[str | Column]
    rows: Sequence[Sequence[Cell]]
    caption: str = ""
    label: str = ""
    notes: list[str] = field(default_factory=list)
    caption_tex: str | None = None

    def __post_init__(self) -> None:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise InvalidArgument(
                    f"row {i} has {len(row)} cells but the table has {len(self.columns)} columns"
                )
        keys = [c.key for c in self.cols]
        if len(set(keys)) != len(keys):
            raise InvalidArgument(f"column keys must be distinct, got {keys}")

    @property
    def cols(self) -> list[Column]:
        """The columns as :class:`Column` objects."""
        return [_column(c) for c in self.columns]

    @property
    def keys(self) -> list[str]:
        """The column keys (for :meth:`select` and :meth:`pivot`)."""
        return [str(c.key) for c in self.cols]

    def _index(self, key: str) -> int:
        keys = self.keys
        names = [c.name for c in self.cols]
        if key in keys:
            return keys.index(key)
        if key in names:
            return names.index(key)
        raise InvalidArgument(f"no column {key!r}; columns: {', '.join(keys)}")

    def select(self, keys: Sequence[str]) -> Table:
        """The table with only the given columns (by key or name), in that order.

        Examples
        --------
        >>> t = Table("T", ["a", "b", "c"], [[1, 2, 3]])
        >>> t.select(["c", "a"]).rows
        [[3, 1]]
        >>> t.select(["z"])
        Traceback (most recent call last):
        ...
        verify.errors.InvalidArgument: no column 'z'; columns: a, b, c
        """
        if not keys:
            raise InvalidArgument("select at least one column")
        idx = [self._index(k) for k in keys]
        cols = self.cols
        return Table(self.title, [cols[i] for i in idx],
                     [[row[i] for i in idx] for row in self.rows], self.caption, self.label,
                     list(self.notes), self.caption_tex)

    def pivot(self, row: str, column: str, value: str) -> Table:
        """Rows × columns: one row per value of ``row``, one column per value of ``column``.

        Where several rows share a (row, column) pair, the cell is their common
        value; booleans combine to ``yes`` only if all are yes (said in a note);
        differing other values are refused.

        Examples
        --------
        >>> t = Table("T", ["K", "d", "ok"], [[2, 2, True], [2, 3, False], [3, 2, True]])
        >>> p = t.pivot("K", "d", "ok")
        >>> [c.name for c in p.cols], p.rows
        (['K', 'd = 2', 'd = 3'], [[2, True, False], [3, True, None]])
        """
        ri, ci, vi = self._index(row), self._index(column), self._index(value)
        row_vals: list[Cell] = []
        col_vals: list[Cell] = []
        cells: dict[tuple[int, int], list[Cell]] = {}
        for r in self.rows:
            if r[ri] not in row_vals:
                row_vals.append(r[ri])
            if r[ci] not in col_vals:
                col_vals.append(r[ci])
            cells.setdefault((row_vals.index(r[ri]), col_vals.index(r[ci])), []).append(r[vi])
        combined = False
        out_rows: list[list[Cell]] = []
        for i, rv in enumerate(row_vals):
            line: list[Cell] = [rv]
            for j in range(len(col_vals)):
                vals = cells.get((i, j))
                if vals is None:
                    line.append(None)
                    continue
                first = vals[0]
                if all(v == first and type(v) is type(first) for v in vals):
                    line.append(first)
                elif all(isinstance(v, bool) for v in vals):
                    line.append(all(vals))
                    combined = True
                else:
                    raise InvalidArgument(
                        f"pivot: {len(vals)} different values of {value!r} for "
                        f"{row} = {_text(rv)}, {column} = {_text(col_vals[j])}; "
                        "choose rows and columns that identify one value"
                    )
            out_rows.append(line)
        cols = self.cols
        rc, cc, vc = cols[ri], cols[ci], cols[vi]
        new_cols = [rc] + [
            Column(f"{cc.name} = {_text(v)}", tex=f"{cc.tex} = {latex_escape(_text(v))}",
                   key=f"{cc.key}_{_slug(_text(v))}", kind=vc.kind, sqrt=vc.sqrt)
            for v in col_vals
        ]
        notes = [f"Cells: {vc.name}."]
        if combined:
            notes.append(f"A cell standing for several rows is yes only if {vc.name} is yes "
                         "in every one of them.")
        return Table(self.title, new_cols, out_rows, self.caption, self.label,
                     notes + list(self.notes), self.caption_tex)

    def to_json(self) -> dict[str, Any]:
        """JSON form: title, columns, keys, rows (exact; Fractions as "p/q"), caption, …

        Approximate columns are left out (their exact values are in other columns).
        """
        keep = [j for j, c in enumerate(self.cols) if c.kind != "approx"]
        cols = self.cols
        return {
            "title": self.title,
            "columns": [cols[j].name for j in keep],
            "keys": [cols[j].key for j in keep],
            "rows": [[_json_cell(row[j]) for j in keep] for row in self.rows],
            "caption": self.caption,
            "label": self.label,
            "notes": list(self.notes),
        }

    def to_dataframe(self) -> Any:
        """The exact columns as a pandas DataFrame (Fractions and big integers kept exact).

        Needs pandas (the optional ``[pandas]`` extra); refused with a clear
        message otherwise.
        """
        from verify.display import require_pandas

        pd = require_pandas()
        keep = [j for j, c in enumerate(self.cols) if c.kind != "approx"]
        cols = self.cols
        data = {cols[j].name: [row[j] for row in self.rows] for j in keep}
        return pd.DataFrame(data, columns=[cols[j].name for j in keep])

    def __repr__(self) -> str:
        names = ", ".join(c.name for c in self.cols)
        return f"Table({self.title!r}, {len(self.rows)} rows; columns: {names})"

    def _repr_html_(self) -> str:
        return render(self, "html")

    def _repr_latex_(self) -> str:
        """A tabular for notebook LaTeX display (no float, no packages beyond booktabs)."""
        return _render_latex(self, bare=True)


def _json_cell(c: Cell) -> Any:
    if isinstance(c, Fraction):
        return fraction_text(c)
    return c


def _text(c: Cell) -> str:
    """Exact text of a cell, any size (CSV, JSON, and short Markdown/LaTeX cells)."""
    if c is None:
        return "n/a"
    if isinstance(c, bool):
        return "yes" if c else "no"
    if isinstance(c, Fraction):
        return int_text(c.numerator) if c.denominator == 1 else fraction_text(c)
    if isinstance(c, int):
        return int_text(c)
    return str(c)


def _is_number(c: Cell) -> bool:
    return isinstance(c, int | Fraction) and not isinstance(c, bool)


def _too_long(c: Cell) -> bool:
    """True when an exact number is longer than MAX_EXACT_CHARS (decided without str())."""
    if not _is_number(c):
        return False
    f = Fraction(c)  # type: ignore[arg-type]
    bits = f.numerator.bit_length() + f.denominator.bit_length()
    if bits > 4 * MAX_EXACT_CHARS:
        return True
    return len(_text(c)) > MAX_EXACT_CHARS


def approx_text(x: int | Fraction, sqrt: bool = False) -> str:
    """Three significant digits, truncated, as plain text (``5.19e+7``, ``2.02``).

    Examples
    --------
    >>> approx_text(51911900), approx_text(Fraction(81, 40)), approx_text(2, sqrt=True)
    ('5.19e+7', '2.02', '1.41')
    >>> approx_text(Fraction(-1, 1000))
    '-1.00e-3'
    """
    if x == 0:
        return "0"
    if sqrt:
        s = scientific_sqrt(x, 3)
    else:
        s = scientific(x, 3)
    mant, exp = s.split("e")
    e = int(exp)
    if -2 <= e <= 2:
        sign = "-" if mant.startswith("-") else ""
        digits = mant.lstrip("-").replace(".", "")
        if e >= 0:
            whole, frac = digits[: e + 1], digits[e + 1:]
            return sign + whole + ("." + frac if frac else "")
        return sign + "0." + "0" * (-e - 1) + digits
    return f"{mant}e{e:+d}"


def approx_latex(x: int | Fraction, sqrt: bool = False) -> str:
    """:func:`approx_text` in LaTeX math: ``$5.19\\times10^{7}$``.

    >>> approx_latex(51911900), approx_latex(Fraction(3, 2))
    ('$5.19\\\\times10^{7}$', '$1.50$')
    """
    t = approx_text(x, sqrt)
    if "e" in t:
        mant, exp = t.split("e")
        return rf"${mant}\times10^{{{int(exp)}}}$"
    return f"${t}$"


# --- plain text to LaTeX ------------------------------------------------------------

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
    "Π": r"$\Pi$",
    "Σ": r"$\Sigma$",
    "ℓ": r"$\ell$",
    "∞": r"$\infty$",
    "φ": r"$\varphi$",
    "μ": r"$\mu$",
    "λ": r"$\lambda$",
    "×": r"$\times$",
    "≠": r"$\neq$",
    "∈": r"$\in$",
    "→": r"$\to$",
    "±": r"$\pm$",
    "S̃": r"$\tilde{S}$",
    "̃": "",
    "†": r"\dag{}",
    # text-mode | prints as an em dash in the default (OT1) font encoding
    "|": r"$|$",
}

_MATH_SYMBOL = {
    "α": r"\alpha", "ε": r"\varepsilon", "δ": r"\delta", "φ": r"\varphi", "μ": r"\mu",
    "λ": r"\lambda", "Π": r"\Pi", "Σ": r"\sum", "Ω": r"\Omega", "Θ": r"\Theta",
    "ℓ": r"\ell", "∞": r"\infty", "≥": r"\geq", "≤": r"\leq", "≈": r"\approx",
    "·": r"\cdot", "×": r"\times", "−": "-", "⌊": r"\lfloor ", "⌋": r"\rfloor ",
    "⌈": r"\lceil ", "⌉": r"\rceil ", "∈": r"\in", "≠": r"\neq", "→": r"\to", "±": r"\pm",
}


def latex_escape(s: str) -> str:
    """Escape LaTeX special characters (and a few Unicode symbols) in plain text.

    >>> latex_escape("50% of a_1 & {b} ≥ 2^k")
    '50\\\\% of a\\\\_1 \\\\& \\\\{b\\\\} $\\\\geq$ 2\\\\textasciicircum{}k'
    >>> print(latex_escape("V > D+1, Sauer–Shelah, M = Ω(K)"))
    V $>$ D+1, Sauer--Shelah, M = $\\Omega$(K)
    """
    s = s.replace("S̃", "\0")
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in s).replace("\0", r"$\tilde{S}$")


# a math-like token: letters/digits/brackets with a sub- or superscript, e.g. C_α^n,
# K^(d-1), 2^V, Σ_{i≤D}, x_d (not a word joined by underscores such as file_name)
_MATH_TOKEN = re.compile(
    r"(?<![\w\\])((?:\([^()\s]*\)|[A-Za-zΑ-ω0-9.])+"
    r"(?:[_^](?:\{[^{}\s]*\}|\([^()\s]*\)|[A-Za-z0-9α-ωΑ-Ω](?![\w])))+)(?![\w^])"
)


_MATH_WORDS = {"sum": r"\sum", "log": r"\log", "log2": r"\log_2", "ln": r"\ln",
               "exp": r"\exp", "min": r"\min", "max": r"\max"}


def _symbols(text: str) -> str:
    """Unicode symbols of a math fragment as LaTeX commands (a space after each command)."""
    out = "".join(_MATH_SYMBOL[c] + " " if c in _MATH_SYMBOL and _MATH_SYMBOL[c][-1].isalpha()
                  else _MATH_SYMBOL.get(c, c) for c in text)
    return out.rstrip(" ")


def _math(token: str, mathtext: bool = False) -> str:
    """A pseudo-TeX token (``C_α^n``, ``K^(d-1)``, ``Σ_{i≤D}``) as LaTeX math.

    ``mathtext``: for matplotlib, whose ``\\sum`` puts its limits below; Σ is ``\\Sigma``.
    """
    if mathtext:
        token = token.replace("Σ", "\0")
    out = []
    i = 0
    base = re.match(r"[A-Za-z0-9]+", token)
    if base and base.group(0) in _MATH_WORDS and base.end() < len(token) \
            and token[base.end()] in "_^":
        out.append(_MATH_WORDS[base.group(0)])
        i = base.end()
    while i < len(token):
        ch = token[i]
        if ch in "_^":
            nxt = token[i + 1]
            if nxt in "{(":
                j = token.index("}" if nxt == "{" else ")", i)
                inner = _symbols(token[i + 2:j])
                out.append(ch + "{" + (inner if nxt == "{" else f"({inner})") + "}")
                i = j + 1
                continue
            out.append(ch + "{" + _symbols(nxt) + "}")
            i += 2
            continue
        out.append(_symbols(ch) + (" " if ch in _MATH_SYMBOL else ""))
        i += 1
    text = "".join(out).replace(" _", "_").replace(" ^", "^").strip()
    text = text.replace("\0_", r"\Sigma_").replace("\0^", r"\Sigma^")
    return "$" + text.replace("\0", r"\Sigma ") + "$"


def text_to_latex(s: str) -> str:
    """Plain text with pseudo-TeX (``C_α^n``, ``K^(d-1)``) as LaTeX with real math.

    Tokens with a sub- or superscript become math; everything else is escaped
    with :func:`latex_escape`.

    Examples
    --------
    >>> print(text_to_latex("rhs = C_α^n"))
    rhs = $C_{\\alpha}^{n}$
    >>> print(text_to_latex("n = K^(d-1) & 50%"))
    n = $K^{(d-1)}$ \\& 50\\%
    >>> print(text_to_latex("file_name"))
    file\\_name
    """
    out = []
    pos = 0
    for m in _MATH_TOKEN.finditer(s):
        token = m.group(1)
        out.append(latex_escape(s[pos:m.start(1)]))
        out.append(_math(token))
        pos = m.end(1)
    out.append(latex_escape(s[pos:]))
    return "".join(out)


def text_to_mathtext(s: str) -> str:
    """Plain text with pseudo-TeX as a matplotlib label: math tokens in ``$…$`` (mathtext).

    Other text stays as it is (Unicode); a literal ``$`` is escaped.

    Examples
    --------
    >>> print(text_to_mathtext("log2 Σ_{i<0.05n} C(V,i), cost $5"))
    log2 $\\Sigma_{i<0.05n}$ C(V,i), cost \\$5
    >>> print(text_to_mathtext("m >= W, n <= 2"))
    m $\\geq$ W, n $\\leq$ 2
    """
    out = []
    pos = 0
    for m in _MATH_TOKEN.finditer(s):
        out.append(_plain_mathtext(s[pos:m.start(1)]))
        out.append(_math(m.group(1), mathtext=True))
        pos = m.end(1)
    out.append(_plain_mathtext(s[pos:]))
    return "".join(out)


def _plain_mathtext(text: str) -> str:
    """Text outside math tokens: ``$`` escaped, ASCII ``>=``/``<=`` as mathtext relations."""
    return (text.replace("$", r"\$").replace(">=", r"$\geq$").replace("<=", r"$\leq$"))


# --- renderers ------------------------------------------------------------------------

@dataclass(frozen=True)
class _View:
    """The columns shown in Markdown/LaTeX/HTML: exact ones, plus ≈ columns where needed."""

    columns: list[Column]
    cells: list[list[tuple[str, Cell, bool]]]  # (mode, cell, sqrt): mode exact|approx|elided
    elided: bool
    approx: bool


def _view(t: Table) -> _View:
    cols = t.cols
    shown: list[Column] = []
    plan: list[tuple[int, str, bool]] = []  # (source column, mode, sqrt)
    elided = approx = False
    for j, c in enumerate(cols):
        if not c.display:
            continue
        if c.kind == "approx":
            shown.append(Column(c.name if c.name.startswith("≈") else "≈ " + c.name,
                                tex=c.tex if c.tex and c.tex.startswith("$\\approx")
                                else r"$\approx$ " + str(c.tex),
                                key=c.key, kind="approx", sqrt=c.sqrt))
            plan.append((j, "approx", c.sqrt))
            approx = True
            continue
        shown.append(c)
        plan.append((j, "exact", False))
        if c.kind == "exact" and any(_too_long(r[j]) for r in t.rows):
            shown.append(Column("≈ " + c.name, tex=r"$\approx$ " + str(c.tex),
                                key=f"{c.key}_approx", kind="approx"))
            plan.append((j, "approx", False))
            approx = True
    cells = []
    for row in t.rows:
        line = []
        for j, mode, sq in plan:
            cell = row[j]
            if mode == "exact" and _too_long(cell):
                line.append(("elided", cell, False))
                elided = True
            elif mode == "approx" and not _is_number(cell):
                line.append(("exact", cell, False))
            else:
                line.append((mode, cell, sq))
        cells.append(line)
    return _View(shown, cells, elided, approx)


def _view_notes(v: _View) -> list[str]:
    notes = []
    if v.approx:
        notes.append("≈ columns: exact values truncated to 3 significant digits.")
    if v.elided:
        notes.append(f"…: an exact value longer than {MAX_EXACT_CHARS} characters (see the ≈ "
                     "column); CSV and JSON hold it exactly.")
    return notes


def _numeric_column(v: _View, j: int) -> bool:
    vals = [line[j] for line in v.cells if line[j][1] is not None]
    return bool(vals) and all(mode != "exact" or _is_number(c) for mode, c, _ in vals)


def _md_escape(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _plain(mode: str, c: Cell, sq: bool) -> str:
    if mode == "elided":
        return "…"
    if mode == "approx":
        return approx_text(c, sq)  # type: ignore[arg-type]
    return _text(c)


def _render_md(t: Table) -> str:
    v = _view(t)
    out = []
    if t.title:
        out += [f"**{_md_escape(t.title)}**", ""]
    out.append("| " + " | ".join(_md_escape(c.name) for c in v.columns) + " |")
    aligns = ["---:" if _numeric_column(v, j) else ":---" for j in range(len(v.columns))]
    out.append("|" + "|".join(aligns) + "|")
    for line in v.cells:
        out.append("| " + " | ".join(_md_escape(_plain(*c)) for c in line) + " |")
    if t.caption:
        out += ["", _md_escape(t.caption)]
    notes = list(t.notes) + _view_notes(v)
    if notes:
        out.append("")
        out.extend(f"- {_md_escape(note)}" for note in notes)
    return "\n".join(out)


def _latex_label(label: str) -> str:
    """A label is used verbatim inside ``\\label{}``: only safe characters are kept."""
    return re.sub(r"[^A-Za-z0-9:.-]", "-", label)


def _latex_cell(mode: str, c: Cell, sq: bool) -> str:
    if mode == "elided":
        return r"\dots"
    if mode == "approx":
        return approx_latex(c, sq)  # type: ignore[arg-type]
    if _is_number(c):
        text = _text(c)
        return f"${text}$" if text.startswith("-") else text
    return latex_escape(_text(c))


_LONG_TEXT = 40  # a text column whose cells reach this many characters wraps (tabularx X)


def _breakable(tex: str) -> str:
    """Let a wrapped text cell break after underscores, commas and slashes of long words."""
    return (tex.replace(r"\_", r"\_\allowbreak{}").replace(",", r",\allowbreak{}")
            .replace("/", r"/\allowbreak{}"))


def _part_name(i: int) -> str:
    """Letters only (TeX control-sequence names): 0 -> A, 25 -> Z, 26 -> BA."""
    out = ""
    while True:
        out = chr(65 + i % 26) + out
        i //= 26
        if i == 0:
            return out


def _latex_columns(v: _View) -> tuple[list[int], str]:
    """The text columns that wrap (their cells reach ``_LONG_TEXT`` characters) and the
    column specification: numbers right, text left, wrapped text a ragged ``X``."""
    wrap = [j for j, c in enumerate(v.columns)
            if not _numeric_column(v, j)
            and max([len(_plain(*line[j])) for line in v.cells] + [0]) >= _LONG_TEXT]
    spec = "".join(
        r">{\raggedright\arraybackslash}X" if j in wrap
        else ("r" if _numeric_column(v, j) else "l")
        for j in range(len(v.columns))
    )
    return wrap, spec


def _latex_body(v: _View, wrap: list[int]) -> tuple[str, list[str]]:
    """The header line and the rows' lines (wrapped cells may break inside long words)."""
    header = " & ".join(str(c.tex) for c in v.columns) + r" \\"
    body = [" & ".join(_breakable(_latex_cell(*c)) if j in wrap else _latex_cell(*c)
                       for j, c in enumerate(line)) + r" \\" for line in v.cells]
    return header, body


def _latex_part(k: int, parts: int, name: str, begin: str, end: str, wrap: bool, cap: str,
                label: str, notes: list[str]) -> list[str]:
    """The float of part ``k`` of ``parts`` (its rows in the macro ``name``): the caption
    and label on the first, "(continued)" on the others, the notes on the last; a
    tabular is scaled to the line only when the whole table is wider."""
    out = [r"\begin{table}[" + ("ht" if parts == 1 else "htbp") + "]", r"\centering"]
    if k == 0:
        if cap:
            out.append(r"\caption{" + cap + "}")
        if label:
            out.append(r"\label{" + label + "}")
    else:
        ref = (r"Table~\ref{" + label + "}") if label else "Table"
        out.append(ref + r" (continued)\par\smallskip")
    rule = r"\bottomrule" if k == parts - 1 else r"\midrule"
    if wrap:
        out += [begin + r"\verifyhead" + name + rule + end]
    else:
        # scaled down only when the whole table is wider than the line (graphicx)
        out.append(r"\resizebox{\ifdim\verifywidth>\linewidth"
                   r"\dimexpr\width*\linewidth/\dimexpr\verifywidth\relax\relax"
                   r"\else\width\fi}{!}{%")
        out.append(begin + r"\verifyhead" + name + rule + end + "}")
    if notes and k == parts - 1:
        out += [r"\par\smallskip\footnotesize", *notes]
    out.append(r"\end{table}")
    return out


def _render_latex(t: Table, landscape: bool = False, bare: bool = False) -> str:
    v = _view(t)
    wrap, spec = _latex_columns(v)
    header, body = _latex_body(v, wrap)
    if bare:
        plain = "".join("l" if c == "X" else c for c in re.sub(r">\{[^}]*\}", "", spec))
        return "\n".join([r"\begin{tabular}{" + plain + "}", r"\toprule",
                          header, r"\midrule", *body, r"\bottomrule", r"\end{tabular}"])
    cap = t.caption_tex if t.caption_tex is not None else text_to_latex(t.caption or t.title)
    notes = [text_to_latex(n) + r"\par" for n in [*t.notes, *_view_notes(v)]]
    label = _latex_label(t.label) if t.label else ""
    parts = [body[i:i + LONG_TABLE_ROWS] for i in range(0, len(body), LONG_TABLE_ROWS)] or [[]]
    names = [r"\verifypart" + _part_name(i) for i in range(len(parts))]
    out = [f"% table written by verify; packages: {', '.join(LATEX_PACKAGES)}",
           r"\begingroup"]
    if landscape:
        out.append(r"\begin{landscape}")
    out.append(r"\def\verifyhead{\toprule " + header + r" \midrule}")
    for name, rows in zip(names, parts, strict=True):
        out += [r"\def" + name + "{%", *rows, "}"]
    if wrap:
        begin, end = r"\begin{tabularx}{\linewidth}{" + spec + "}", r"\end{tabularx}"
    else:
        begin, end = r"\begin{tabular}{" + spec + "}", r"\end{tabular}"
        # the natural width of the whole table (every part): one scale for all parts
        out.append(r"\setbox0=\hbox{" + begin + r"\verifyhead" + "".join(names)
                   + r"\bottomrule" + end + "}")
        out.append(r"\edef\verifywidth{\the\wd0}")
    for k, name in enumerate(names):
        out += _latex_part(k, len(parts), name, begin, end, bool(wrap), cap, label, notes)
    if landscape:
        out.append(r"\end{landscape}")
    out.append(r"\endgroup")
    return "\n".join(out)


def _render_csv(t: Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    keep = [j for j, c in enumerate(t.cols) if c.kind != "approx"]
    cols = t.cols
    w.writerow([cols[j].name for j in keep])
    for row in t.rows:
        w.writerow([_text(row[j]) for j in keep])
    return buf.getvalue().rstrip("\n")


def _render_html(t: Table) -> str:
    v = _view(t)
    esc = html.escape
    out = ["<table class='verify-table'>"]
    if t.title or t.caption:
        out.append(f"<caption>{esc(t.title or t.caption)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{esc(c.name)}</th>" for c in v.columns)
               + "</tr></thead><tbody>")
    for line in v.cells:
        tds = []
        for j, c in enumerate(line):
            align = "right" if _numeric_column(v, j) else "left"
            title = ""
            if c[0] == "elided":
                title = f" title='exact value in the CSV/JSON ({len(_text(c[1]))} characters)'"
            tds.append(f"<td style='text-align:{align}'{title}>{esc(_plain(*c))}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    notes = list(t.notes) + _view_notes(v)
    if t.caption and t.title:
        notes.insert(0, t.caption)
    if notes:
        out.append("<ul class='verify-notes'>" + "".join(f"<li>{esc(n)}</li>" for n in notes)
                   + "</ul>")
    return "\n".join(out)


def render(table: Table, fmt: str, landscape: bool = False) -> str:
    """Render ``table`` as ``md``, ``latex`` (booktabs), ``csv``, ``json`` or ``html``.

    ``landscape`` puts a LaTeX table on a landscape page (package pdflscape).

    Examples
    --------
    >>> t = Table("T", ["a_1", "b"], [[Fraction(3, 4), None]], label="tab:t")
    >>> tex = render(t, "latex").splitlines()
    >>> print("\\n".join(tex[2:5] + tex[10:]))
    \\def\\verifyhead{\\toprule $a_{1}$ & b \\\\ \\midrule}
    \\def\\verifypartA{%
    3/4 & n/a \\\\
    \\caption{T}
    \\label{tab:t}
    \\resizebox{\\ifdim\\verifywidth>\\linewidth\\dimexpr\\width*\\linewidth/\\dimexpr\\verifywidth\\relax\\relax\\else\\width\\fi}{!}{%
    \\begin{tabular}{rl}\\verifyhead\\verifypartA\\bottomrule\\end{tabular}}
    \\end{table}
    \\endgroup
    >>> print(render(t, "csv"))
    a_1,b
    3/4,n/a
    >>> print(render(t, "json")[:69])
    {"title": "T", "columns": ["a_1", "b"], "keys": ["a_1", "b"], "rows":
    >>> big = Table("B", ["n", "2^n"], [[100, 2**100]])
    >>> print(render(big, "md"))
    **B**
    <BLANKLINE>
    | n | 2^n | ≈ 2^n |
    |---:|---:|---:|
    | 100 | … | 1.26e+30 |
    <BLANKLINE>
    - ≈ columns: exact values truncated to 3 significant digits.
    - …: an exact value longer than 16 characters (see the ≈ column); CSV and JSON hold it exactly.
    >>> render(big, "csv").splitlines()[1]
    '100,1267650600228229401496703205376'
    """
    if fmt == "md":
        return _render_md(table)
    if fmt == "latex":
        return _render_latex(table, landscape=landscape)
    if fmt == "csv":
        return _render_csv(table)
    if fmt == "json":
        from verify.jsonio import dumps

        return dumps(table.to_json())
    if fmt == "html":
        return _render_html(table)
    raise InvalidArgument(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
