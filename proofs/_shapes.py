"""Does an override have the shape of the claim's own parameter?  (Checked before a run.)

A claim's sizes (``SIZES`` of its module) give, for each parameter, the values its
``check`` is written for: an integer, a rational (text, an integer or a Fraction), a
flag, a non-empty list of one kind, a table (dict) with known keys.  A value of another
shape would fail inside the check (a ``TypeError`` read as a bug in the claim) or,
worse, run on nothing: an empty list of instances "holds on instances" vacuously.  So
:func:`shape_problem` compares an override with the parameter's values at every size and
says what is wrong, before anything runs; the check still validates the ranges.

>>> import numpy as np
>>> shape_problem([[2, 3], [2, 3, 4]], [5, np.int64(6)], "Ks") is None
True
>>> print(shape_problem([[2, 3]], [], "Ks"))
Ks must list at least one value, as every size of the claim does (a verdict resting on ...
>>> shape_problem([[2, 3]], -1, "Ks")
'Ks must be a list, got -1'
>>> shape_problem([[{"d": 2, "eps": "1/4"}]], [{"d": 2, "epsilon": "1/4"}], "cases")
"cases[0] has the key 'epsilon', which no case of this claim has (known: d, eps)"
>>> shape_problem(["1/10"], 3, "eps") is None, shape_problem([True], 1, "symbolic")
(True, 'symbolic must be True or False, got 1')
>>> shape_problem([{"k": 1, "ds": [2, 50]}], {"k": 1, "ds": 784}, "flat")
"flat['ds'] must be a list, got 784"
"""

from __future__ import annotations

import numbers
from typing import Any

__all__ = ["shape_problem"]


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "flag"
    if isinstance(value, numbers.Integral):  # int, and NumPy's integers
        return "integer"
    if isinstance(value, str | numbers.Rational):
        return "scalar"  # a rational or a name ("inf", "thm7"): the check reads it
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


_ACCEPTS = {  # the kind of the claim's value -> the kinds an override may have
    "flag": {"flag"},
    "integer": {"integer"},
    "scalar": {"scalar", "integer"},
    "list": {"list"},
    "table": {"table"},
}
_SAY = {"flag": "True or False", "integer": "an integer", "scalar": "a rational or a name",
        "list": "a list", "table": "a table (dict)"}


def shape_problem(templates: list[Any], value: Any, where: str) -> str | None:
    """Why ``value`` cannot stand where the claim has ``templates`` (None when it can)."""
    kinds = {_kind(t) for t in templates}
    if len(kinds) != 1 or next(iter(kinds)) not in _ACCEPTS:
        return None  # no single shape to hold it to (None, or mixed): the check decides
    kind = next(iter(kinds))
    if _kind(value) not in _ACCEPTS[kind]:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        return f"{where} must be {_SAY[kind]}, got {shown}"
    if kind == "list":
        if not value:
            return (f"{where} must list at least one value, as every size of the claim does "
                    "(a verdict resting on none would be empty)")
        items = [x for t in templates for x in t]
        for i, v in enumerate(value):
            problem = shape_problem(items, v, f"{where}[{i}]")
            if problem is not None:
                return problem
    if kind == "table":
        known = sorted({k for t in templates for k in t})
        for k in value:
            if k not in known:
                return (f"{where} has the key {k!r}, which no case of this claim has "
                        f"(known: {', '.join(map(str, known))})")
        missing = sorted(set.intersection(*(set(t) for t in templates)) - set(value))
        if missing:
            return f"{where} lacks the key {missing[0]!r}, which every case of this claim has"
        for k, v in value.items():
            problem = shape_problem([t[k] for t in templates if k in t], v, f"{where}[{k!r}]")
            if problem is not None:
                return problem
    return None
