"""Short, safe displays of results: ``repr``, notebook HTML and LaTeX, data frames.

Results of the toolkit can hold integers of millions of digits and thousands of
witness networks.  Their displays stay short: numbers longer than a few dozen
characters are shown as ``≈1.23457e+2408 (2409 digits)`` (truncated scientific
notation computed in integers: never a float, never Python's 4300-digit error),
lists show their first items and how many more there are.  The exact values
stay in the objects and in ``to_json()``.

A result class derives from :class:`Displayable` and implements
``_display_items()`` (name/value pairs) and, where it is a table,
``_display_table()`` (a :class:`verify.tables.Table`); it then gets ``__repr__``,
``_repr_html_``, ``_repr_latex_`` and ``to_dataframe()`` (pandas, the optional
``[pandas]`` extra).

>>> from fractions import Fraction
>>> short(Fraction(1, 3)), short(2**20), short(10**40)
('1/3', '1048576', '≈1.00000e+40 (41 digits)')
>>> short(list(range(100)))
'[0, 1, 2, 3, 4, 5, … 94 more]'
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from verify.errors import InvalidArgument
from verify.exact import scientific

__all__ = ["Displayable", "require_pandas", "short"]

#: Longest exact text shown as is; longer numbers are shown approximately.
MAX_EXACT_CHARS = 24
_MAX_ITEMS = 6
_MAX_TEXT = 80


def _digits(n: int) -> int:
    """Number of decimal digits of |n| (exact, no str() of huge integers)."""
    n = abs(n)
    if n < 10:
        return 1
    est = int((n.bit_length() - 1) * 0.30102999566398120)  # about floor(log10 n)
    while est > 0 and 10**est > n:
        est -= 1
    while 10 ** (est + 1) <= n:
        est += 1
    return est + 1


def short(value: Any, max_items: int = _MAX_ITEMS) -> str:
    """A short text of any value: exact when short, approximate (marked ≈) when long.

    Examples
    --------
    >>> short(Fraction(2**200, 3))
    '≈5.35646e+59 (61/1 digits)'
    >>> short(-(10**30) + 1)
    '≈-9.99999e+29 (30 digits)'
    >>> short({"a": 1, "b": [1, 2]})
    "{'a': 1, 'b': [1, 2]}"
    >>> len(short("x" * 100))
    81
    """
    if value is None or isinstance(value, bool | float):
        return repr(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value).bit_length() <= 3 * MAX_EXACT_CHARS and len(str(value)) <= MAX_EXACT_CHARS:
            return str(value)
        return f"≈{scientific(value)} ({_digits(value)} digits)"
    if isinstance(value, Fraction):
        p, q = value.numerator, value.denominator
        if q == 1:
            return short(p)
        if p.bit_length() + q.bit_length() <= 3 * MAX_EXACT_CHARS:
            text = f"{p}/{q}"
            if len(text) <= MAX_EXACT_CHARS:
                return text
        return f"≈{scientific(value)} ({_digits(p)}/{_digits(q)} digits)"
    if isinstance(value, str):
        text = value if len(value) <= _MAX_TEXT else value[: _MAX_TEXT - 2] + "…"
        return repr(text)
    if isinstance(value, Mapping):
        items = list(value.items())
        body = ", ".join(f"{k!r}: {short(v, max_items)}" for k, v in items[:max_items])
        more = f", … {len(items) - max_items} more" if len(items) > max_items else ""
        return "{" + body + more + "}"
    if isinstance(value, Sequence):
        head = ", ".join(short(v, max_items) for v in value[:max_items])
        more = f", … {len(value) - max_items} more" if len(value) > max_items else ""
        left, right = ("(", ")") if isinstance(value, tuple) else ("[", "]")
        return left + head + more + right
    shape = getattr(value, "shape", None)
    if shape is not None:  # a NumPy array: never its elements
        return f"<array shape={tuple(shape)} dtype={getattr(value, 'dtype', '?')}>"
    text = repr(value)
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 2] + "…"


def require_pandas() -> Any:
    """Import pandas, or refuse with a clear message (it is the optional ``[pandas]`` extra).

    Raises
    ------
    InvalidArgument
        When pandas is not installed.
    """
    try:
        import pandas
    except ImportError as exc:
        raise InvalidArgument(
            "to_dataframe() needs pandas: pip install 'verify-robust-generalization[pandas]'"
        ) from exc
    return pandas


class Displayable:
    """Mixin: short ``repr``, ``_repr_html_``, ``_repr_latex_`` and ``to_dataframe()``.

    Subclasses implement :meth:`_display_items`; table-like results also
    :meth:`_display_table`.  (Dataclasses using it pass ``repr=False``.)
    """

    def _display_items(self) -> list[tuple[str, Any]]:
        raise NotImplementedError

    def _display_table(self) -> Any:
        """A :class:`verify.tables.Table` of the rows of this result, or None."""
        return None

    def _display_name(self) -> str:
        return type(self).__name__

    def __repr__(self) -> str:
        body = ", ".join(f"{k}={short(v)}" for k, v in self._display_items())
        return f"{self._display_name()}({body})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
            f"<td style='text-align:left'>{html.escape(short(v))}</td></tr>"
            for k, v in self._display_items()
        )
        out = (f"<div><strong>{html.escape(self._display_name())}</strong>"
               f"<table>{rows}</table>")
        table = self._display_table()
        if table is not None:
            out += table._repr_html_()
        return out + "</div>"

    def _repr_latex_(self) -> str:
        from verify.tables import latex_escape

        items = ", ".join(
            rf"\text{{{latex_escape(k)}}} = \text{{{latex_escape(short(v))}}}"
            for k, v in self._display_items()
        )
        return rf"$\text{{{latex_escape(self._display_name())}}}:\ {items}$"

    def to_dataframe(self) -> Any:
        """The rows of this result as a pandas DataFrame (exact values kept as objects).

        Raises
        ------
        InvalidArgument
            When the result is not a table, or pandas is not installed.
        """
        table = self._display_table()
        if table is None:
            raise InvalidArgument(f"{self._display_name()} is not a table; see its attributes")
        return table.to_dataframe()
