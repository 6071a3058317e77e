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
from collections.abc import Callable
from typing import Any

from verify.errors import BudgetExceeded, InvalidArgument
from verify.exact import MAX_INT_DIGITS

__all__ = ["MAX_DEPTH", "MAX_JSON_BYTES", "load_json", "loads_json"]

#: Default deepest nesting of arrays and objects accepted in a JSON input.
MAX_DEPTH = 100
#: Largest JSON input file read by default (64 MiB).
MAX_JSON_BYTES = 64 * 2**20
#: Nodes of the parsed data between two calls of a caller's ``tick`` (see :func:`loads_json`).
TICK_NODES = 4096


def loads_json(text: str | bytes, what: str, max_depth: int | None = MAX_DEPTH,
               tick: Callable[[], None] | None = None) -> Any:
    """Parse JSON text exactly and safely (see the module text); ``what`` names the input.

    ``max_depth=None`` accepts what Python's JSON reader can nest (about 1000
    levels; beyond, the same clean refusal), for formats with deep proof trees.
    ``tick``, when given, is called every :data:`TICK_NODES` nodes while the
    nesting is checked (a caller's deadline raises from it: the parse itself,
    in C, takes about a second for the largest file read).

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
        _check_depth(data, what, max_depth, tick)
    return data


def load_json(path: str | os.PathLike[str], what: str, max_bytes: int = MAX_JSON_BYTES,
              max_depth: int | None = MAX_DEPTH, tick: Callable[[], None] | None = None) -> Any:
    """Read a JSON file with :func:`loads_json`; a missing, unreadable or too large file,
    or malformed JSON, is an :class:`~verify.errors.InvalidArgument` naming ``what`` and the file.
    ``tick``: as in :func:`loads_json`.
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
        return loads_json(text, what, max_depth, tick)
    except BudgetExceeded:  # a caller's time limit from ``tick``: its own message
        raise
    except InvalidArgument as exc:
        message = str(exc)
        prefix = f"{what}: "
        detail = message[len(prefix):] if message.startswith(prefix) else message
        raise InvalidArgument(f"{what}: {name!r}: {detail}") from None


def _check_depth(data: Any, what: str, max_depth: int,
                 tick: Callable[[], None] | None = None) -> None:
    """Refuse nesting deeper than ``max_depth`` (iteratively: no recursion on user data);
    ``tick`` every :data:`TICK_NODES` nodes (a long array is taken in slices of that many).

    >>> calls = []
    >>> _check_depth([[1, 2]] * 10000, "points", 3, lambda: calls.append(1))
    >>> len(calls)   # two while the 10000 rows are stacked, two while 10001 nodes are taken
    4
    """
    stack: list[tuple[Any, int]] = [(data, 1)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if tick is not None and seen % TICK_NODES == 0:
            tick()
        children: list[Any]
        if isinstance(node, dict):
            children = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > max_depth:
            raise InvalidArgument(f"{what}: JSON nested more than {max_depth} levels deep")
        for lo in range(0, len(children), TICK_NODES):
            if tick is not None and lo:
                tick()
            stack.extend((c, depth + 1) for c in children[lo:lo + TICK_NODES]
                         if isinstance(c, dict | list))
