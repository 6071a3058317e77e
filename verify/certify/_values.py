"""The checker's own reading of points, labels and networks, and exact evaluation.

Independent of the code that produced a certificate (the checker imports
nothing but the standard library, NumPy, :mod:`verify.exact` and
:mod:`verify.errors`).  Malformed values raise InvalidArgument.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from verify.errors import InvalidArgument
from verify.exact import to_rational

Point = tuple[Fraction, ...]
Layer = tuple[tuple[tuple[Fraction, ...], ...], tuple[Fraction, ...]]

MAX_POINTS = 64


def get(obj: object, key: str, where: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise InvalidArgument(f"certificate: {where} has no key {key!r}")
    return obj[key]


def rational(v: object, what: str) -> Fraction:
    if isinstance(v, bool) or not isinstance(v, int | str | Fraction):
        raise InvalidArgument(f"certificate: {what} must be an integer or 'p/q' text, got {v!r}")
    return to_rational(v, f"certificate: {what}")


def integer(v: object, what: str, low: int | None = None, high: int | None = None) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise InvalidArgument(f"certificate: {what} must be an integer, got {v!r}")
    if (low is not None and v < low) or (high is not None and v > high):
        raise InvalidArgument(f"certificate: {what} = {v} is out of range")
    return v


def points(raw: object) -> tuple[Point, ...]:
    if not isinstance(raw, list) or not raw:
        raise InvalidArgument("certificate: points must be a non-empty list")
    out = []
    for i, row in enumerate(raw):
        if not isinstance(row, list) or not row:
            raise InvalidArgument(f"certificate: point {i} must be a non-empty list")
        out.append(tuple(rational(v, f"point {i}") for v in row))
    if len({len(p) for p in out}) != 1:
        raise InvalidArgument("certificate: points have different dimensions")
    return tuple(out)


def labels(raw: object, n: int) -> tuple[int, ...]:
    """``"+-…"`` (or ``"10…"``) text with one label per point."""
    if not isinstance(raw, str) or len(raw) != n:
        raise InvalidArgument(f"certificate: labels must be a text of {n} signs")
    table = {"+": 1, "1": 1, "-": -1, "0": -1}
    try:
        return tuple(table[c] for c in raw)
    except KeyError:
        raise InvalidArgument(f"certificate: labels {raw!r} must consist of + and -") from None


def bits_of(ys: Sequence[int]) -> int:
    return sum(1 << i for i, y in enumerate(ys) if y > 0)


def architecture(raw: object, inputs: int) -> tuple[int, ...]:
    if not isinstance(raw, str):
        raise InvalidArgument("certificate: architecture must be text such as '2-2-1'")
    try:
        widths = tuple(int(t) for t in raw.strip().split("-"))
    except ValueError:
        raise InvalidArgument(f"certificate: architecture {raw!r} is not m-h-…-1") from None
    if len(widths) < 2 or widths[-1] != 1 or min(widths) < 1 or widths[0] != inputs:
        raise InvalidArgument(f"certificate: architecture {raw!r} does not fit points of "
                              f"dimension {inputs} and one output")
    return widths


def network(raw: object, what: str = "network") -> tuple[Layer, ...]:
    layers_raw = get(raw, "layers", what)
    if not isinstance(layers_raw, list) or not layers_raw:
        raise InvalidArgument(f"certificate: {what} layers must be a non-empty list")
    layers = []
    width = None
    for t, layer in enumerate(layers_raw):
        w = get(layer, "weights", f"{what} layer {t}")
        b = get(layer, "bias", f"{what} layer {t}")
        if not isinstance(w, list) or not w or not all(isinstance(r, list) and r for r in w):
            raise InvalidArgument(f"certificate: {what} layer {t} weights must be a matrix")
        if not isinstance(b, list) or len(b) != len(w):
            raise InvalidArgument(f"certificate: {what} layer {t} bias has the wrong length")
        cols = {len(r) for r in w}
        if len(cols) != 1 or (width is not None and cols != {width}):
            raise InvalidArgument(f"certificate: {what} layer {t} has inconsistent shapes")
        width = len(w)
        layers.append((tuple(tuple(rational(v, f"{what} weight") for v in r) for r in w),
                       tuple(rational(v, f"{what} bias") for v in b)))
    if width != 1:
        raise InvalidArgument(f"certificate: {what} must have one output")
    return tuple(layers)


def widths_of(net: Sequence[Layer]) -> tuple[int, ...]:
    return (len(net[0][0][0]), *(len(layer[1]) for layer in net))


def evaluate(net: Sequence[Layer], x: Sequence[Fraction]) -> Fraction:
    """f(x) exactly (ReLU on every layer but the last)."""
    h: Sequence[Fraction] = x
    last = len(net) - 1
    for t, (w, b) in enumerate(net):
        out = [sum((a * v for a, v in zip(row, h, strict=True)), bias)
               for row, bias in zip(w, b, strict=True)]
        h = out if t == last else [v if v > 0 else Fraction(0) for v in out]
    return h[0]


def in_int_class(net: Sequence[Layer], q: int) -> bool:
    return all(v.denominator == 1 and abs(v) <= q
               for w, b in net for v in (*(x for r in w for x in r), *b))


def scale_of(pts: Sequence[Point]) -> int:
    scale = 1
    for p in pts:
        for c in p:
            scale = math.lcm(scale, c.denominator)
    return scale


def parse_class(raw: object) -> tuple[str, int | None]:
    if raw == "real":
        return "real", None
    if raw == "halfspaces":
        return "halfspaces", None
    if isinstance(raw, str) and raw.startswith("int:"):
        try:
            q = int(raw[4:])
        except ValueError:
            q = -1
        if q < 0:
            raise InvalidArgument(f"certificate: class {raw!r} needs Q >= 0")
        return "int", q
    raise InvalidArgument(f"certificate: class {raw!r}: expected real, int:Q or halfspaces")


def is_chain(widths: tuple[int, ...]) -> bool:
    """``m-h-1-…-1``: two or more hidden layers, all but the first of width 1 (lemma C1)."""
    return len(widths) >= 4 and all(w == 1 for w in widths[2:])


def reduction_problem(widths: tuple[int, ...], ref: object) -> str | None:
    """For ``m-h-1-…-1``: the refutation must state the reduction C1 to ``m-h-1``."""
    if not is_chain(widths):
        return None
    want = f"{widths[0]}-{widths[1]}-1"
    red = ref.get("reduction") if isinstance(ref, dict) else None
    if not (isinstance(red, dict) and red.get("lemma") == "C1"
            and red.get("architecture") == want):
        return (f"a refutation for {'-'.join(map(str, widths))} must state the reduction "
                f"(lemma C1) to {want}, whose refutation it carries")
    return None
