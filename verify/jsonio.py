"""Conversion of results to JSON: rationals become ``"p/q"`` strings.

(Reading JSON input is :mod:`verify.jsonload`.)

A dataclass is written field by field; :func:`json_meta` gives a field its JSON
form (another key, a conversion, left out when empty or never written), a
``json_extra()`` method adds computed keys, and a ``JSON_ORDER`` class attribute
fixes the order of the keys when it differs from the fields' order.

>>> from fractions import Fraction
>>> dumps({"alpha": Fraction(1, 10), "n": 9, "ok": True})
'{"alpha": "1/10", "n": 9, "ok": true}'
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from verify.exact import fraction_text

__all__ = ["dataclass_json", "dumps", "json_meta", "to_jsonable"]


def to_jsonable(obj: Any, *, keep_fractions: bool = False) -> Any:
    """Recursively convert ``obj`` into JSON-ready values.

    Fractions become ``"p/q"`` (or stay Fractions with ``keep_fractions``: the
    JSON shape with exact values, for callers that compute with them); NumPy
    scalars and arrays become Python numbers and lists; dataclasses and objects
    with ``to_json()`` are converted; sets are sorted.

    >>> import numpy as np
    >>> to_jsonable({"w": [Fraction(1, 2), np.int64(3)], "s": {2, 1}})
    {'w': ['1/2', 3], 's': [1, 2]}
    >>> to_jsonable((Fraction(1, 2),), keep_fractions=True)
    [Fraction(1, 2)]
    """
    if obj is None or isinstance(obj, bool | str):
        return obj
    if isinstance(obj, Fraction):
        return obj if keep_fractions else fraction_text(obj)
    if isinstance(obj, int):
        return int(obj)
    if isinstance(obj, float):
        return obj
    np = sys.modules.get("numpy")  # a NumPy value exists only if NumPy is loaded
    if np is not None:
        converted = _from_numpy(np, obj, keep_fractions)
        if converted is not _NOT_NUMPY:
            return converted
    if hasattr(obj, "to_json") and callable(obj.to_json):
        return to_jsonable(obj.to_json(), keep_fractions=keep_fractions)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclass_json(obj, keep_fractions=keep_fractions)
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v, keep_fractions=keep_fractions) for k, v in obj.items()}
    if isinstance(obj, set | frozenset):
        return [to_jsonable(x, keep_fractions=keep_fractions) for x in sorted(obj)]
    if isinstance(obj, list | tuple):
        return [to_jsonable(x, keep_fractions=keep_fractions) for x in obj]
    raise TypeError(f"cannot convert {type(obj).__name__} to JSON")


_NOT_NUMPY = object()
_OMIT = ("none", "empty")


def json_meta(
    *,
    key: str | None = None,
    convert: Callable[[Any], Any] | None = None,
    omit: str | None = None,
    write: bool = True,
) -> dict[str, Any]:
    """The JSON form of a dataclass field: ``field(metadata=json_meta(...))``.

    Read by :func:`dataclass_json`.

    Parameters
    ----------
    key : str, optional
        The JSON key (default: the field's name).
    convert : callable, optional
        Applied to a value that is not None before it is made JSON-ready (e.g.
        :func:`verify.exact.fraction_text` to write an integer as ``"p/1"``).
    omit : "none" or "empty", optional
        Leave the key out when the value is None (``"none"``) or falsy (``"empty"``).
    write : bool
        False: the field is not written at all.

    Examples
    --------
    >>> from dataclasses import dataclass, field
    >>> @dataclass
    ... class R:
    ...     n: int = field(metadata=json_meta(key="points"))
    ...     p: int = field(metadata=json_meta(convert=fraction_text))
    ...     note: str | None = field(default=None, metadata=json_meta(omit="none"))
    ...     cache: int = field(default=0, metadata=json_meta(write=False))
    >>> to_jsonable(R(3, 2))
    {'points': 3, 'p': '2/1'}
    """
    if omit is not None and omit not in _OMIT:
        raise ValueError(f"omit must be one of {_OMIT}, got {omit!r}")
    return {"json_key": key, "json_convert": convert, "json_omit": omit, "json_write": write}


def dataclass_json(obj: Any, *, keep_fractions: bool = False) -> dict[str, Any]:
    """The JSON object of a dataclass instance (JSON-ready values).

    With ``keep_fractions`` Fractions are left as they are (see :func:`to_jsonable`).

    The fields in their order, as their :func:`json_meta` says, then the keys of the
    instance's ``json_extra()`` (a key there that a field already wrote replaces
    its value in place); a ``JSON_ORDER`` class attribute, when present, lists
    every key in the order written (keys left out by ``omit`` are skipped).

    Examples
    --------
    >>> @dataclasses.dataclass
    ... class P:
    ...     lo: Fraction
    ...     hi: Fraction
    ...     JSON_ORDER = ("width", "lo", "hi")
    ...     def json_extra(self) -> dict[str, Any]:
    ...         return {"width": self.hi - self.lo}
    >>> dataclass_json(P(Fraction(1, 3), Fraction(1, 2)))
    {'width': '1/6', 'lo': '1/3', 'hi': '1/2'}
    """
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        meta = f.metadata
        if not meta.get("json_write", True):
            continue
        value = getattr(obj, f.name)
        omit = meta.get("json_omit")
        if (omit == "none" and value is None) or (omit == "empty" and not value):
            continue
        convert = meta.get("json_convert")
        if convert is not None and value is not None:
            value = convert(value)
        out[meta.get("json_key") or f.name] = to_jsonable(value, keep_fractions=keep_fractions)
    extra = getattr(obj, "json_extra", None)
    if extra is not None:
        out.update((k, to_jsonable(v, keep_fractions=keep_fractions))
                   for k, v in extra().items())
    order = getattr(type(obj), "JSON_ORDER", None)
    if order is not None:
        unknown = set(out) - set(order)
        if unknown:
            raise TypeError(f"{type(obj).__name__}.JSON_ORDER lacks {sorted(unknown)}")
        out = {k: out[k] for k in order if k in out}
    return out


def _from_numpy(np: Any, obj: Any, keep_fractions: bool) -> Any:
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    if isinstance(obj, np.ndarray):
        return [to_jsonable(x, keep_fractions=keep_fractions) for x in obj.tolist()]
    return _NOT_NUMPY


def dumps(obj: Any, indent: int | None = None) -> str:
    """``json.dumps`` of :func:`to_jsonable` (key order kept).

    Integers of any size are written in full (Python's 4300-digit limit on
    ``str(int)`` is lifted while writing; readers may need the same).

    >>> len(dumps({"n": 10**5000}))
    5008
    """
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return json.dumps(to_jsonable(obj), indent=indent, ensure_ascii=False)
    finally:
        sys.set_int_max_str_digits(limit)

