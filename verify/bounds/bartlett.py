"""VC-dimension and growth bounds of Bartlett, Harvey, Liaw, Mehrabian (JMLR 2019).

The architecture quantities (W_i, W, Lbar, U, R) are those of
:mod:`verify.bounds.architecture`; ReLU has p = 1 break point (p + 1 = 2
pieces) and degree D = 1.  Every bound contains e and base-2 logarithms; it is
returned as a :class:`~verify.bounds.certified.Certified` interval [lower,
upper] of binary rationals (:mod:`verify.bounds.certified`), so ``upper`` is a
certified rational upper bound, and, since a VC dimension is an integer,
``floor(upper)`` is a certified integer upper bound.  The smallest enveloping
network a target needs is in :mod:`verify.bounds.sizes`.

>>> bartlett_vc_upper(enveloping_counts(3, 2)).integer_upper
532
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from verify.bounds.architecture import (
    LayerCounts,
    enveloping_counts,
    enveloping_parameters,
    enveloping_widths,
    layer_counts,
)
from verify.bounds.certified import PREC as _PREC
from verify.bounds.certified import Certified
from verify.bounds.certified import certify as _certify
from verify.bounds.certified import log2 as _log2
from verify.errors import InvalidArgument
from verify.exact import require_int

__all__ = [
    "BOUNDS",
    "Certified",
    "LayerCounts",
    "bartlett_growth_log2_upper",
    "bartlett_vc_upper",
    "bartlett_vc_upper_pl",
    "enveloping_counts",
    "enveloping_parameters",
    "enveloping_widths",
    "layer_counts",
    "remark9_growth_log2_upper",
    "theorem10_vc_upper",
    "vc_upper",
]


def _counts(widths: Sequence[object] | LayerCounts, D: object = 1) -> LayerCounts:
    return widths if isinstance(widths, LayerCounts) else layer_counts(widths, D)


def _pD(p: object, D: object) -> tuple[int, int]:
    return require_int(p, "p", low=1), require_int(D, "D", low=1)


def bartlett_vc_upper(
    widths: Sequence[object] | LayerCounts, p: object = 1, D: object = 1, *, prec: int = _PREC
) -> Certified:
    """Theorem 7 (general): VC-dim <= L + Lbar W log2(4 e p R log2(2 e p R)).

    Parameters
    ----------
    widths : sequence of int or LayerCounts
        (m, k_1, ..., k_L), or counts from :func:`layer_counts` /
        :func:`enveloping_counts`.
    p, D : int
        Break points (p + 1 pieces) and degree of the activation; ReLU: 1, 1.

    Examples
    --------
    >>> b = bartlett_vc_upper([2, 3, 1])      # L = 2, sum W_i = 22, R = 5
    >>> b.integer_upper, b.numeric
    (178, '1.783737e+2')
    """
    pi, Di = _pD(p, D)
    c = _counts(widths, Di)

    def build(ctx: Any) -> Any:
        x = 2 * ctx.e * pi * c.R
        inner = 4 * ctx.e * pi * c.R * _log2(ctx, x)
        return c.L + c.sum_W * _log2(ctx, inner)

    return _certify(build, "L + Lbar*W*log2(4e*p*R*log2(2e*p*R))  [Theorem 7]", prec)


def bartlett_vc_upper_pl(widths: Sequence[object] | LayerCounts, p: object = 1) -> Certified:
    """Theorem 7, piecewise-linear form (D = 1):
    VC-dim <= L + Lbar W log2(4 e p (sum_i i k_i) log2(sum_i 2 e p i k_i)).

    Equals the general form with D = 1 (then R = sum_i i k_i).

    >>> bartlett_vc_upper_pl([2, 3, 1]).upper == bartlett_vc_upper([2, 3, 1]).upper
    True
    """
    pi = require_int(p, "p", low=1)
    c = _counts(widths, 1)
    if c.per_layer is not None:
        s = sum(i * k for i, (k, _, _) in enumerate(c.per_layer, start=1))
    else:
        s = c.R  # closed-form counts are for D = 1, where R = sum_i i k_i
    assert s == c.R

    def build(ctx: Any) -> Any:
        return c.L + c.sum_W * _log2(ctx, 4 * ctx.e * pi * s * _log2(ctx, 2 * ctx.e * pi * s))

    return _certify(build, "L + Lbar*W*log2(4e*p*sum(i*k_i)*log2(2e*p*sum(i*k_i)))  [Thm 7, PL]")


def theorem10_vc_upper(
    widths: Sequence[object] | LayerCounts, p: object = 1, D: object = 1, *, prec: int = _PREC
) -> Certified:
    """Theorem 10: VC-dim <= 2 W log2(16 e max{U + 1, 2 D U} (1 + p)^U).

    >>> theorem10_vc_upper([2, 3, 1]).integer_upper
    323
    """
    pi, Di = _pD(p, D)
    c = _counts(widths, Di)
    big = max(c.U + 1, 2 * Di * c.U)

    def build(ctx: Any) -> Any:
        return 2 * c.W * (_log2(ctx, 16 * ctx.e * big) + c.U * _log2(ctx, ctx.mpf(1 + pi)))

    return _certify(build, "2W*log2(16e*max{U+1, 2DU}*(1+p)^U)  [Theorem 10]", prec)


def bartlett_growth_log2_upper(
    widths: Sequence[object], m: object, p: object = 1, D: object = 1
) -> tuple[Certified, bool]:
    """Theorem 7's growth bound, as log2:
    log2 Pi(m) <= sum_i [1 + W_i log2(2 e m k_i p (1 + (i-1) D^(i-1)) / W_i)],
    and whether its condition m >= Lbar W (= sum_i W_i) holds.

    >>> g, ok = bartlett_growth_log2_upper([2, 3, 1], 22)
    >>> ok, g.integer_upper
    (True, 104)
    """
    pi, Di = _pD(p, D)
    mi = require_int(m, "m", low=1)
    c = layer_counts(widths, Di)
    assert c.per_layer is not None

    def build(ctx: Any) -> Any:
        total = ctx.mpf(0)
        for k, Wi, f in c.per_layer or ():
            total += 1 + Wi * _log2(ctx, 2 * ctx.e * mi * k * pi * f / ctx.mpf(Wi))
        return total

    cert = _certify(build, "sum_i [1 + W_i log2(2e*m*k_i*p*(1+(i-1)D^(i-1))/W_i)]  [Thm 7]")
    return cert, mi >= c.sum_W


def remark9_growth_log2_upper(
    widths: Sequence[object], m: object, p: object = 1, D: object = 1
) -> tuple[Certified, bool]:
    """Remark 9: log2 Pi(m) <= (sum_i W_i) log2(4 e m p (1 + (L-1) D^(L-1))),
    valid when sum_i k_i <= sum_i W_i (returned as the flag).

    >>> g, ok = remark9_growth_log2_upper([2, 3, 1], 22)
    >>> ok, g.integer_upper
    (True, 195)
    """
    pi, Di = _pD(p, D)
    mi = require_int(m, "m", low=1)
    c = layer_counts(widths, Di)
    f = 1 + (c.L - 1) * Di ** (c.L - 1)

    def build(ctx: Any) -> Any:
        return c.sum_W * _log2(ctx, 4 * ctx.e * mi * pi * f)

    cert = _certify(build, "(sum_i W_i)*log2(4e*m*p*(1+(L-1)D^(L-1)))  [Remark 9]")
    return cert, c.sum_k_le_sum_W


def _w2logw(c: LayerCounts, prec: int) -> Certified:
    return _certify(
        lambda ctx: ctx.mpf(c.W) ** 2 * _log2(ctx, ctx.mpf(c.W)),
        "W^2*log2(W), constant set to 1  [as used in the paper: O(WL log W) = O(W^2 log W)]",
        prec,
    )


def _wlogwl(c: LayerCounts, prec: int) -> Certified:
    return _certify(
        lambda ctx: c.W * _log2(ctx, ctx.mpf(c.W) * c.L),
        "W*log2(W*L), constant set to 1  [Lemma A.3 as cited]",
        prec,
    )


#: The VC upper bounds available to :func:`vc_upper` and :func:`smallest_enveloping_M`.
BOUNDS: dict[str, str] = {
    "thm7": "Bartlett et al. Theorem 7 (ReLU: p = D = 1), explicit constants",
    "thm10": "Bartlett et al. Theorem 10 (ReLU: p = D = 1), explicit constants",
    "w2logw": "W^2 log2 W with its unknown constant set to 1 (the paper's O(W^2 log W))",
    "wlogwl": "W log2(W L) with its unknown constant set to 1 (Lemma A.3 as cited)",
}


def vc_upper(counts: LayerCounts, bound: str = "thm7", *, prec: int = _PREC) -> Certified:
    """The VC upper bound named ``bound`` (a key of :data:`BOUNDS`) for ReLU counts.

    >>> vc_upper(layer_counts([2, 3, 1]), "w2logw").integer_upper
    625
    """
    if bound == "thm7":
        return bartlett_vc_upper(counts, prec=prec)
    if bound == "thm10":
        return theorem10_vc_upper(counts, prec=prec)
    if bound == "w2logw":
        return _w2logw(counts, prec)
    if bound == "wlogwl":
        return _wlogwl(counts, prec)
    raise InvalidArgument(f"bound must be one of {', '.join(BOUNDS)}, got {bound!r}")

