"""Conversion of results to JSON: rationals become ``"p/q"`` strings.

(Reading JSON input is :mod:`verify.jsonload`.)

>>> from fractions import Fraction
>>> dumps({"alpha": Fraction(1, 10), "n": 9, "ok": True})
'{"alpha": "1/10", "n": 9, "ok": true}'
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from verify.exact import fraction_text

__all__ = ["dumps", "to_jsonable"]


def to_jsonable(obj: Any) -> Any:
    """Recursively convert ``obj`` into JSON-ready values.

    Fractions become ``"p/q"``; NumPy scalars and arrays become Python numbers and
    lists; dataclasses and objects with ``to_json()`` are converted; sets are sorted.

    >>> import numpy as np
    >>> to_jsonable({"w": [Fraction(1, 2), np.int64(3)], "s": {2, 1}})
    {'w': ['1/2', 3], 's': [1, 2]}
    """
    if obj is None or isinstance(obj, bool | str):
        return obj
    if isinstance(obj, Fraction):
        return fraction_text(obj)
    if isinstance(obj, int):
        return int(obj)
    if isinstance(obj, float):
        return obj
    np = sys.modules.get("numpy")  # a NumPy value exists only if NumPy is loaded
    if np is not None:
        converted = _from_numpy(np, obj)
        if converted is not _NOT_NUMPY:
            return converted
    if hasattr(obj, "to_json") and callable(obj.to_json):
        return to_jsonable(obj.to_json())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, set | frozenset):
        return [to_jsonable(x) for x in sorted(obj)]
    if isinstance(obj, list | tuple):
        return [to_jsonable(x) for x in obj]
    raise TypeError(f"cannot convert {type(obj).__name__} to JSON")


_NOT_NUMPY = object()


def _from_numpy(np: Any, obj: Any) -> Any:
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    if isinstance(obj, np.ndarray):
        return [to_jsonable(x) for x in obj.tolist()]
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

