"""Reading JSON input exactly and safely: the one loader of points, networks, certificates.

Decimal literals are kept as their text (``0.1`` stays ``"0.1"`` and is read
exactly as 1/10 by :func:`verify.exact.to_rational`); ``NaN``/``Infinity``,
repeated keys in one object, integers of more than
:data:`~verify.exact.MAX_INT_DIGITS` digits and nesting deeper than
``max_depth`` are refused with :class:`~verify.errors.InvalidArgument` (never a
``RecursionError`` or ``ValueError``), and so are files larger than the stated
size, unreadable or non-UTF-8 files and malformed JSON.  Only the standard
library and exact arithmetic are used, so the certificate checker reads its
files with it too.  (Writing JSON is :mod:`verify.jsonio`.)

>>> loads_json('{"x": [0.1, 3]}', "points")
{'x': ['0.1', 3]}
>>> loads_json("[" * 100000 + "]" * 100000, "points")
Traceback (most recent call last):
...
verify.errors.InvalidArgument: points: JSON nested more than 100 levels deep
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any

from verify.errors import InvalidArgument
from verify.exact import MAX_INT_DIGITS

__all__ = ["MAX_DEPTH", "MAX_JSON_BYTES", "load_json", "loads_json"]

#: Default deepest nesting of arrays and objects accepted in a JSON input.
MAX_DEPTH = 100
#: Largest JSON input file read by default (64 MiB).
MAX_JSON_BYTES = 64 * 2**20


def loads_json(text: str | bytes, what: str, max_depth: int | None = MAX_DEPTH) -> Any:
    """Parse JSON text exactly and safely (see the module text); ``what`` names the input.

    ``max_depth=None`` accepts what Python's JSON reader can nest (about 1000
    levels; beyond, the same clean refusal), for formats with deep proof trees.

    Examples
    --------
    >>> loads_json('[1, "1/3", 2.50]', "weights")
    [1, '1/3', '2.50']
    >>> loads_json('[NaN]', "weights")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: weights: NaN is not a rational number
    >>> loads_json('{"a": 1, "a": 2}', "network")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: network: the key 'a' appears twice in one object
    >>> loads_json("[" + "7" * 5000 + "]", "points")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: points: an integer of 5000 digits; at most 4000 digits are read
    """
    def constant(name: str) -> object:
        raise InvalidArgument(f"{what}: {name} is not a rational number")

    def integer(digits: str) -> int:
        size = len(digits.lstrip("-"))
        if size > MAX_INT_DIGITS:
            raise InvalidArgument(
                f"{what}: an integer of {size} digits; at most {MAX_INT_DIGITS} digits are read")
        return int(digits)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise InvalidArgument(f"{what}: the key {key!r} appears twice in one object")
            out[key] = value
        return out

    try:
        data = json.loads(text, parse_float=str, parse_int=integer, parse_constant=constant,
                          object_pairs_hook=pairs)
    except RecursionError:
        limit = "about 1000" if max_depth is None else str(max_depth)
        raise InvalidArgument(f"{what}: JSON nested more than {limit} levels deep") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidArgument(f"{what}: not valid JSON ({exc})") from None
    if max_depth is not None:
        _check_depth(data, what, max_depth)
    return data


def load_json(path: str | os.PathLike[str], what: str, max_bytes: int = MAX_JSON_BYTES,
              max_depth: int | None = MAX_DEPTH) -> Any:
    """Read a JSON file with :func:`loads_json`; a missing, unreadable or too large file,
    or malformed JSON, is an :class:`~verify.errors.InvalidArgument` naming ``what`` and the file.
    """
    name = os.fspath(path)
    if not os.path.isfile(name):
        raise InvalidArgument(f"{what}: {name!r} is not a file")
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            raise InvalidArgument(
                f"{what}: {name!r} is larger than {max_bytes // 2**20} MiB")
        with open(name, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise InvalidArgument(f"{what}: cannot read {name!r} ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidArgument(f"{what}: {name!r} is not UTF-8 text") from None
    try:
        return loads_json(text, what, max_depth)
    except InvalidArgument as exc:
        message = str(exc)
        prefix = f"{what}: "
        detail = message[len(prefix):] if message.startswith(prefix) else message
        raise InvalidArgument(f"{what}: {name!r}: {detail}") from None


def _check_depth(data: Any, what: str, max_depth: int) -> None:
    """Refuse nesting deeper than ``max_depth`` (iteratively: no recursion on user data)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > max_depth:
            raise InvalidArgument(f"{what}: JSON nested more than {max_depth} levels deep")
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
