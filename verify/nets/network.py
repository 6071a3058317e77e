"""ReLU networks with rational weights: architecture, exact evaluation, JSON.

An architecture is written ``m-h1-…-hk-1``: m inputs, hidden widths, one output.
Layer i has a weight matrix of shape (width_i × width_{i−1}) and a bias of
width_i; every layer but the last is followed by ReLU.  The size of a network
is its number of non-zero weights (biases not counted), as in the paper.

Sign convention: a network labels x as +1 iff f(x) > 0 and −1 iff f(x) < 0;
f(x) = 0 is wrong for both labels.

>>> net = ReLUNet.from_json({"architecture": "1-1-1", "layers": [
...     {"weights": [["1"]], "bias": ["-1/2"]}, {"weights": [["2"]], "bias": ["-1/4"]}]})
>>> net.evaluate([Fraction(1)])
Fraction(3, 4)
>>> net.classify([Fraction(1, 4)])
-1
>>> net.architecture, net.size
('1-1-1', 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verify.errors import InvalidArgument, items_of
from verify.exact import fraction_text, require_int, shown_int, shown_text, to_rational
from verify.jsonio import dataclass_json, json_meta

__all__ = ["Layer", "ReLUNet", "format_architecture", "parse_architecture"]

_MAX_WIDTH = 100_000


def parse_architecture(arch: str | Sequence[int], inputs: int | None = None) -> tuple[int, ...]:
    """Parse ``"m-h1-…-1"`` into a tuple of widths.

    Parameters
    ----------
    arch : str or sequence of int
    inputs : int, optional
        Required input dimension m (the points' dimension).

    Examples
    --------
    >>> parse_architecture("2-3-1")
    (2, 3, 1)
    >>> parse_architecture("2-0-1")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: architecture '2-0-1': layer 1 has width 0; widths must be >= 1
    >>> parse_architecture("3-2-1", inputs=2)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: architecture '3-2-1' takes 3 inputs but the points have ...
    """
    parts: list[object] = list(arch.strip().split("-") if isinstance(arch, str) else
                               items_of(arch, "architecture", "text such as '2-3-1' or widths"))
    text = arch if isinstance(arch, str) else "-".join(
        shown_int(w) if isinstance(w, int) else str(w) for w in parts)
    if len(parts) < 2:
        raise InvalidArgument(f"architecture {text!r}: expected m-h1-...-1 with at least 2 layers")
    widths: list[int] = []
    for i, p in enumerate(parts):
        try:
            w = require_int(p, "width")
        except InvalidArgument:
            raise InvalidArgument(
                f"architecture {shown_text(text)!r}: {shown_text(str(p))!r} is not a width "
                "(digits 0-9)") from None
        if w < 1:
            raise InvalidArgument(
                f"architecture {text!r}: layer {i} has width {w}; widths must be >= 1"
            )
        if w > _MAX_WIDTH:
            raise InvalidArgument(
                f"architecture {shown_text(text)!r}: width {shown_int(w)} is too large")
        widths.append(w)
    if widths[-1] != 1:
        raise InvalidArgument(f"architecture {text!r}: the output layer must have width 1")
    if inputs is not None and widths[0] != inputs:
        raise InvalidArgument(
            f"architecture {text!r} takes {widths[0]} inputs but the points have dimension {inputs}"
        )
    return tuple(widths)


def format_architecture(widths: Sequence[int]) -> str:
    """``(2, 3, 1)`` → ``"2-3-1"``.

    >>> format_architecture((2, 3, 1))
    '2-3-1'
    """
    return "-".join(str(w) for w in widths)


def _fraction_texts(values: Sequence[Any]) -> list[Any]:
    """``"p/q"`` texts of a vector or matrix of rationals (integers too: ``"1/1"``)."""
    return [_fraction_texts(v) if isinstance(v, tuple | list) else fraction_text(v)
            for v in values]


_AS_TEXTS = json_meta(convert=_fraction_texts)


@dataclass(frozen=True)
class Layer:
    """One affine layer: ``weights`` (out × in) and ``bias`` (out), rationals."""

    weights: tuple[tuple[Fraction, ...], ...] = field(metadata=_AS_TEXTS)
    bias: tuple[Fraction, ...] = field(metadata=_AS_TEXTS)


@dataclass(frozen=True)
class ReLUNet:
    """A feed-forward ReLU network with rational weights and one output."""

    layers: tuple[Layer, ...]

    JSON_ORDER = ("architecture", "layers")

    def __post_init__(self) -> None:
        if not self.layers:
            raise InvalidArgument("network: no layers")
        prev = len(self.layers[0].weights[0]) if self.layers[0].weights else 0
        if prev < 1:
            raise InvalidArgument("network: layer 0 has no inputs")
        for i, layer in enumerate(self.layers):
            if not layer.weights:
                raise InvalidArgument(f"network: layer {i} has no units")
            for r, row in enumerate(layer.weights):
                if len(row) != prev:
                    raise InvalidArgument(
                        f"network: layer {i} row {r} has {len(row)} weights, expected {prev}"
                    )
            if len(layer.bias) != len(layer.weights):
                raise InvalidArgument(
                    f"network: layer {i} has {len(layer.bias)} biases for "
                    f"{len(layer.weights)} units"
                )
            prev = len(layer.weights)
        if prev != 1:
            raise InvalidArgument(f"network: the output layer has width {prev}, expected 1")

    @classmethod
    def from_lists(
        cls, layers: Sequence[tuple[Sequence[Sequence[object]], Sequence[object]]]
    ) -> ReLUNet:
        """Build from ``[(weights, bias), …]`` with rational-like entries.

        >>> ReLUNet.from_lists([([[1, -1]], [0]), ([[1]], ["1/2"])]).architecture
        '2-1-1'
        """
        built = []
        for i, (w, b) in enumerate(layers):
            name = f"network: layer {i}"
            built.append(
                Layer(
                    tuple(tuple(to_rational(v, name) for v in row) for row in w),
                    tuple(to_rational(v, name) for v in b),
                )
            )
        return cls(tuple(built))

    @property
    def widths(self) -> tuple[int, ...]:
        return (len(self.layers[0].weights[0]), *(len(layer.weights) for layer in self.layers))

    @property
    def architecture(self) -> str:
        return format_architecture(self.widths)

    @property
    def size(self) -> int:
        """Number of non-zero weights (connections), biases excluded."""
        return sum(1 for layer in self.layers for row in layer.weights for v in row if v != 0)

    def evaluate(self, x: Sequence[object]) -> Fraction:
        """f(x) exactly, in rationals."""
        h = [to_rational(v, "x") for v in x]
        if len(h) != self.widths[0]:
            raise InvalidArgument(
                f"network: input has dimension {len(h)}, expected {self.widths[0]}"
            )
        last = len(self.layers) - 1
        for i, layer in enumerate(self.layers):
            z = [sum((w * v for w, v in zip(row, h, strict=True)), b)
                 for row, b in zip(layer.weights, layer.bias, strict=True)]
            h = z if i == last else [v if v > 0 else Fraction(0) for v in z]
        return h[0]

    def classify(self, x: Sequence[object]) -> int:
        """+1 if f(x) > 0, −1 if f(x) < 0, 0 if f(x) = 0 (wrong for both labels)."""
        v = self.evaluate(x)
        return (v > 0) - (v < 0)

    def realizes(self, points: Sequence[Sequence[object]], labels: Sequence[int]) -> bool:
        """Exactly: does y_i·f(x_i) > 0 hold for every point?

        >>> net = ReLUNet.from_lists([([[1]], [0]), ([[1]], ["-1/2"])])
        >>> net.realizes([[0], [1]], [-1, 1]), net.realizes([["1/2"]], [1])
        (True, False)
        """
        return all(y * self.evaluate(x) > 0 for x, y in zip(points, labels, strict=True))

    def json_extra(self) -> dict[str, Any]:
        return {"architecture": self.architecture}

    def to_json(self) -> dict[str, Any]:
        """``{"architecture": "2-2-1", "layers": [{"weights": …, "bias": …}, …]}``."""
        return dataclass_json(self)

    @classmethod
    def from_json(cls, data: object) -> ReLUNet:
        """Validate and read the JSON form (rationals as text or integers only)."""
        if not isinstance(data, dict) or not isinstance(data.get("layers"), list):
            raise InvalidArgument("network: expected an object with a list 'layers'")
        layers = []
        for i, layer in enumerate(data["layers"]):
            if not isinstance(layer, dict) or "weights" not in layer or "bias" not in layer:
                raise InvalidArgument(f"network: layer {i} needs 'weights' and 'bias'")
            w, b = layer["weights"], layer["bias"]
            if not isinstance(w, list) or not all(isinstance(r, list) for r in w):
                raise InvalidArgument(f"network: layer {i} weights must be a list of lists")
            if not isinstance(b, list):
                raise InvalidArgument(f"network: layer {i} bias must be a list")
            layers.append((w, b))
        net = cls.from_lists(layers)
        if "architecture" in data and data["architecture"] is not None:
            arch = parse_architecture(str(data["architecture"]))
            if arch != net.widths:
                raise InvalidArgument(
                    f"network: declared architecture {data['architecture']!r} does not match "
                    f"the weights' shapes {net.architecture!r}"
                )
        return net

    @classmethod
    def load(cls, path: str) -> ReLUNet:
        """Read a network JSON file.

        Numbers may be JSON integers, text ("p/q", "0.25") or JSON decimal
        literals such as ``0.1``, which are read exactly from their text (0.1 is
        1/10), as in points files; ``NaN`` and ``Infinity`` are refused.
        """
        from verify.jsonload import load_json

        return cls.from_json(load_json(path, "network"))


