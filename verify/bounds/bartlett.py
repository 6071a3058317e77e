"""VC-dimension and growth bounds of Bartlett, Harvey, Liaw, Mehrabian (JMLR 2019).

Reading of an architecture given as widths ``(m, k_1, ..., k_L)``: m inputs,
L layers that carry parameters (the hidden layers and the output layer, so
k_L = 1 for a classifier), fully connected, each unit with a bias.  Then
W_i = sum_{j<=i} (k_{j-1} + 1) k_j is the number of parameters (weights and
biases) up to layer i, W = W_L, Lbar = (1/W) sum_i W_i, U = sum_i k_i and
R = sum_i k_i (1 + (i-1) D^(i-1)).  ReLU has p = 1 break point (p + 1 = 2
pieces) and degree D = 1.

Every bound contains e and base-2 logarithms; it is returned as a
:class:`Certified` interval [lower, upper] of binary rationals computed with
outward-rounded interval arithmetic (mpmath's interval context), so
``upper`` is a certified rational upper bound, and, since a VC dimension is an
integer, ``floor(upper)`` is a certified integer upper bound.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mpmath import libmp
from mpmath.ctx_iv import MPIntervalContext

from verify.bounds._num import big_text, sci
from verify.errors import InvalidArgument
from verify.exact import require_int, to_rational

__all__ = [
    "BOUNDS",
    "Certified",
    "EnvelopingSize",
    "ExponentFit",
    "LayerCounts",
    "bartlett_growth_log2_upper",
    "bartlett_vc_upper",
    "bartlett_vc_upper_pl",
    "enveloping_counts",
    "enveloping_parameters",
    "enveloping_widths",
    "growth_exponent",
    "layer_counts",
    "remark9_growth_log2_upper",
    "smallest_enveloping_M",
    "theorem10_vc_upper",
    "vc_upper",
]

_PREC = 128


@dataclass(frozen=True)
class Certified:
    """A real number known to lie in [lower, upper] (binary rationals).

    ``integer_upper`` = floor(upper): a certified upper bound for an integer
    quantity such as a VC dimension.  ``numeric`` is a decimal text of the
    midpoint, for reading only.
    """

    lower: Fraction
    upper: Fraction
    formula: str

    @property
    def integer_upper(self) -> int:
        """floor(upper)."""
        return math.floor(self.upper)

    @property
    def numeric(self) -> str:
        """Decimal text of the midpoint (7 significant digits, rounded), for reading only."""
        return sci((self.lower + self.upper) / 2, 7, rounded=True)

    def to_json(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "lower": big_text(self.lower),
            "upper": big_text(self.upper),
            "integer_upper": self.integer_upper,
            "numeric": self.numeric,
            "formula": self.formula,
        }


@dataclass(frozen=True)
class LayerCounts:
    """The quantities of Bartlett et al. for one architecture (see module text)."""

    L: int
    W: int
    sum_W: int
    U: int
    R: int
    sum_k_le_sum_W: bool
    per_layer: tuple[tuple[int, int, int], ...] | None  # (k_i, W_i, 1+(i-1)D^(i-1))

    @property
    def Lbar(self) -> Fraction:
        """Lbar = (1/W) sum_i W_i."""
        return Fraction(self.sum_W, self.W)


def _widths(widths: Sequence[object]) -> list[int]:
    if isinstance(widths, str) or len(widths) < 2:
        raise InvalidArgument(
            "widths: give a sequence (m, k_1, ..., k_L) of at least two integers"
        )
    return [require_int(w, f"width {i}", low=1) for i, w in enumerate(widths)]


def layer_counts(widths: Sequence[object], D: object = 1) -> LayerCounts:
    """W_i, W, sum W_i, U and R for widths (m, k_1, ..., k_L), degree D.

    Examples
    --------
    >>> c = layer_counts([2, 3, 1])        # W_1 = 9, W_2 = 9 + 4 = 13
    >>> (c.L, c.W, c.sum_W, c.U, c.R, c.Lbar)
    (2, 13, 22, 4, 5, Fraction(22, 13))
    """
    ws = _widths(widths)
    Di = require_int(D, "D", low=1)
    Wi = 0
    per = []
    for i in range(1, len(ws)):
        Wi += (ws[i - 1] + 1) * ws[i]
        per.append((ws[i], Wi, 1 + (i - 1) * Di ** (i - 1)))
    return LayerCounts(
        L=len(per),
        W=Wi,
        sum_W=sum(w for _, w, _ in per),
        U=sum(k for k, _, _ in per),
        R=sum(k * f for k, _, f in per),
        sum_k_le_sum_W=sum(k for k, _, _ in per) <= sum(w for _, w, _ in per),
        per_layer=tuple(per),
    )


def enveloping_widths(M: object, d: object) -> tuple[int, ...]:
    """Widths of the enveloping network: d inputs, M - 1 hidden layers of M units, 1 output.

    >>> enveloping_widths(3, 2)
    (2, 3, 3, 1)
    """
    Mi = require_int(M, "M", low=2)
    di = require_int(d, "d", low=1)
    return (di, *([Mi] * (Mi - 1)), 1)


def enveloping_parameters(M: object, d: object) -> int:
    """Parameter count (weights and biases) of the enveloping network.

    (d+1)M + (M-2)(M+1)M + (M+1) = M^3 - M^2 + dM + 1, which is at most M^3
    (the paper's count) exactly when d < M.

    Examples
    --------
    >>> enveloping_parameters(3, 2), 3**3
    (25, 27)
    >>> enveloping_parameters(10, 10) > 10**3
    True
    """
    Mi = require_int(M, "M", low=2)
    di = require_int(d, "d", low=1)
    return (di + 1) * Mi + (Mi - 2) * (Mi + 1) * Mi + Mi + 1


def enveloping_counts(M: object, d: object) -> LayerCounts:
    """:func:`layer_counts` of the enveloping network in closed form (ReLU, D = 1).

    Works for M far too large to list the layers.

    >>> c, e = enveloping_counts(4, 3), layer_counts(enveloping_widths(4, 3))
    >>> (c.L, c.W, c.sum_W, c.U, c.R) == (e.L, e.W, e.sum_W, e.U, e.R)
    True
    """
    Mi = require_int(M, "M", low=2)
    di = require_int(d, "d", low=1)
    W = enveloping_parameters(Mi, di)
    first = (di + 1) * Mi
    hid = (Mi + 1) * Mi
    sum_W = (Mi - 1) * first + hid * (Mi - 2) * (Mi - 1) // 2 + W
    U = (Mi - 1) * Mi + 1
    R = Mi * (Mi - 1) * Mi // 2 + Mi
    return LayerCounts(
        L=Mi, W=W, sum_W=sum_W, U=U, R=R, sum_k_le_sum_W=U <= sum_W, per_layer=None
    )


def _ctx(prec: int) -> Any:
    ctx = MPIntervalContext()
    ctx.prec = prec
    return ctx


def _to_interval(ctx: Any, x: int | Fraction) -> Any:
    f = Fraction(x)
    return ctx.mpf(f.numerator) / ctx.mpf(f.denominator)


def _ends(x: Any) -> tuple[Fraction, Fraction]:
    lo_raw, hi_raw = x._mpi_
    out = []
    for raw in (lo_raw, hi_raw):
        man, exp = libmp.to_man_exp(raw)
        out.append(Fraction(man) * Fraction(2) ** exp)
    return out[0], out[1]


def _certify(build: Callable[[Any], Any], formula: str, prec: int = _PREC) -> Certified:
    lo, hi = _ends(build(_ctx(prec)))
    return Certified(lower=lo, upper=hi, formula=formula)


def _log2(ctx: Any, x: Any) -> Any:
    return ctx.log(x) / ctx.log(2)


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


def _reaches(M: int, d: int, bound: str, target: Fraction) -> bool:
    """Exactly decide upper_bound(M) >= target (refining precision if needed)."""
    c = enveloping_counts(M, d)
    prec = _PREC
    while prec <= 4096:
        cert = vc_upper(c, bound, prec=prec)
        if cert.lower >= target:
            return True
        if cert.upper < target:
            return False
        prec *= 4
    raise InvalidArgument(f"cannot separate the {bound} bound at M = {M} from the target {target}")


@dataclass(frozen=True)
class EnvelopingSize:
    """The smallest enveloping network whose VC upper bound reaches a target."""

    eps: Fraction
    K: int
    d: int
    n: int
    target: Fraction
    bound: str
    M: int
    parameters: int
    vc_upper_at_M: Certified

    def to_json(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "eps": big_text(self.eps),
            "K": self.K,
            "d": self.d,
            "n": self.n,
            "target": big_text(self.target),
            "bound": self.bound,
            "M": self.M,
            "parameters": self.parameters,
            "vc_upper_at_M": self.vc_upper_at_M.to_json(),
        }


def smallest_enveloping_M(
    eps: object,
    d: object,
    alpha: object = "1/10",
    bound: str = "thm7",
    target: object = "paper",
) -> EnvelopingSize:
    """The smallest M whose enveloping network's VC upper bound reaches the target.

    A network family robust at error alpha needs VC-dim >= target (Section 4.3),
    so every M below the answer is ruled out by the chosen upper bound.

    Parameters
    ----------
    eps : rational in (0, 1/2]
        Separation; K = floor(1/(2 eps)) and n = K^(d-1).
    d : int >= 2
    alpha : rational in [0, 1/2)
        Used by ``target="exact"``; with ``"paper"`` it must satisfy the paper's
        condition 2(1 - 2 alpha) > (10e)^(1/10) (alpha < 0.15216...).
    bound : str
        A key of :data:`BOUNDS`.
    target : "paper", "exact", or a rational
        "paper": 0.05 K^(d-1) = n/20; "exact": the exact VC lower bound of
        :func:`verify.bounds.vc_step` (n <= 10^6); or a given number.

    Examples
    --------
    >>> s = smallest_enveloping_M("1/10", 6)     # K = 5, n = 5^5, target n/20
    >>> (s.K, s.n, s.target, s.M, s.parameters)
    (5, 3125, Fraction(625, 4), 2, 17)
    >>> smallest_enveloping_M("1/100", 6, bound="w2logw").M
    11
    """
    from verify.bounds.vcstep import _alpha_ok_exact, vc_step

    e = to_rational(eps, "eps")
    if not (0 < e <= Fraction(1, 2)):
        raise InvalidArgument(f"eps must lie in (0, 1/2], got {e}")
    di = require_int(d, "d", low=2, high=10**4)
    K = math.floor(1 / (2 * e))
    if K > 10**9:
        raise InvalidArgument(f"eps = {e} gives K = {K} > 10^9; choose a larger eps")
    n = K ** (di - 1)
    if n.bit_length() > 20000:
        raise InvalidArgument("n = K^(d-1) has more than 20000 bits; choose a smaller d")
    if bound not in BOUNDS:
        raise InvalidArgument(f"bound must be one of {', '.join(BOUNDS)}, got {bound!r}")
    a = to_rational(alpha, "alpha")
    if not (0 <= a < Fraction(1, 2)):
        raise InvalidArgument(f"alpha must lie in [0, 1/2), got {a}")
    if target == "paper":
        if not _alpha_ok_exact(a):
            raise InvalidArgument(
                f"alpha = {a}: the paper's step needs 2(1-2alpha) > (10e)^(1/10) "
                "(alpha < 0.15216...); use target='exact'"
            )
        tgt = Fraction(n, 20)
    elif target == "exact":
        tgt = Fraction(vc_step(K, di, a).min_vc_dimension)
    else:
        tgt = to_rational(target, "target")
    lo = 2
    if _reaches(lo, di, bound, tgt):
        hi = lo
    else:
        hi = 4
        while not _reaches(hi, di, bound, tgt):
            lo = hi
            hi *= 2
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if _reaches(mid, di, bound, tgt):
                hi = mid
            else:
                lo = mid
    return EnvelopingSize(
        eps=e,
        K=K,
        d=di,
        n=n,
        target=tgt,
        bound=bound,
        M=hi,
        parameters=enveloping_parameters(hi, di),
        vc_upper_at_M=vc_upper(enveloping_counts(hi, di), bound),
    )


@dataclass(frozen=True)
class ExponentFit:
    """Least-squares slope of log M against log n (n = K^(d-1)); numeric (floats)."""

    bound: str
    slope: float
    last_step_slope: float | None
    paper_exponent: Fraction
    points: tuple[tuple[int, int, int], ...]  # (d, n bit length, M)

    def to_json(self) -> dict[str, Any]:
        """JSON form; floats are labelled numeric."""
        return {
            "bound": self.bound,
            "numeric_slope": self.slope,
            "numeric_last_step_slope": self.last_step_slope,
            "paper_exponent_of_n": big_text(self.paper_exponent),
            "points": [list(p) for p in self.points],
        }


def growth_exponent(sizes: Sequence[EnvelopingSize]) -> ExponentFit:
    """Fit log M = s log n + c over the given sizes (same bound); numeric.

    The paper states M = Omega(K^((d-1)/6)), i.e. exponent 1/6 of n = K^(d-1).

    >>> fit = growth_exponent([smallest_enveloping_M("1/100", d, bound="w2logw")
    ...                        for d in (8, 10, 12)])
    >>> 0.15 < fit.slope < 0.18
    True
    """
    pts = [s for s in sizes if s.M > 2]
    if len(pts) < 2:
        raise InvalidArgument("need at least two sizes with M > 2 to fit an exponent")
    if len({s.bound for s in pts}) != 1:
        raise InvalidArgument("all sizes must use the same bound")
    xs = [_ln_int(s.n) for s in pts]
    ys = [math.log(s.M) for s in pts]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        raise InvalidArgument("the sizes must have different n")
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    last = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2]) if xs[-1] != xs[-2] else None
    return ExponentFit(
        bound=pts[0].bound,
        slope=slope,
        last_step_slope=last,
        paper_exponent=Fraction(1, 6),
        points=tuple((s.d, s.n.bit_length(), s.M) for s in pts),
    )


def _ln_int(n: int) -> float:
    shift = max(n.bit_length() - 60, 0)
    return math.log(n >> shift) + shift * math.log(2)
