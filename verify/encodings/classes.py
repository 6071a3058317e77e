"""Network classes (``real``, ``int:Q``) and checks shared by the decision procedures.

>>> parse_class("int:2")
('int', 2)
>>> parse_class("real")
('real', None)
"""

from __future__ import annotations

from verify.errors import InvalidArgument
from verify.exact import require_int
from verify.nets.network import ReLUNet

__all__ = ["in_class", "parse_class"]

_MAX_Q = 1_000_000


def parse_class(cls: object) -> tuple[str, int | None]:
    """``"real"`` → ``("real", None)``; ``"int:Q"`` → ``("int", Q)`` with Q >= 0.

    Examples
    --------
    >>> parse_class("int:-1")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: class int:Q: Q must be >= 0, got -1
    >>> parse_class("complex")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: class 'complex': expected 'real' or 'int:Q' (Q >= 0 an integer)
    """
    if not isinstance(cls, str):
        raise InvalidArgument(f"class {cls!r}: expected 'real' or 'int:Q'")
    text = cls.strip()
    if text == "real":
        return "real", None
    if text.startswith("int:"):
        q = require_int(text[4:], "class int:Q: Q", low=0, high=_MAX_Q)
        return "int", q
    raise InvalidArgument(f"class {cls!r}: expected 'real' or 'int:Q' (Q >= 0 an integer)")


def in_class(net: ReLUNet, kind: str, q: int | None) -> bool:
    """Does the net belong to the class (every weight and bias an integer in [−Q, Q])?

    >>> net = ReLUNet.from_lists([([[1, -2]], [0]), ([[1]], [1])])
    >>> in_class(net, "int", 2), in_class(net, "int", 1), in_class(net, "real", None)
    (True, False, True)
    """
    if kind == "real":
        return True
    assert q is not None
    return all(
        v.denominator == 1 and abs(v) <= q
        for layer in net.layers
        for v in (*(w for row in layer.weights for w in row), *layer.bias)
    )
