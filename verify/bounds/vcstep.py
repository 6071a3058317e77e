"""The VC step after bound (1): from a growth lower bound to a VC lower bound.

Lemma A.4 (Sauer–Shelah): with k = VC-dim(F), Pi_F(m) <= sum_{i<=k} C(m, i),
and Pi_F(m) <= (e m / k)^k when m > k + 1.  If some V-subset has at least
``count`` labelings then k is at least the smallest D with
sum_{i<=D} C(V, i) >= count (exact), and, through the weaker form, at least
min(D', V - 1) where D' is the smallest D with (eV/D)^D >= count — the
comparison with the irrational e is decided with rational brackets of e.

The paper's last step, "for alpha <= 1/10, 2(1 - 2 alpha) > (10e)^(1/10)", holds
exactly for alpha < 1/2 - (10e)^(1/10)/4; :func:`alpha_threshold` gives this
set symbolically with certified decimal digits and :func:`alpha_ok` decides it
exactly for a rational alpha.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

from verify.bounds._num import e_power_ge, e_power_ge_ints, factorial_ratio
from verify.bounds.chain import BoundChain, bound_chain
from verify.display import Displayable
from verify.errors import InvalidArgument
from verify.exact import (
    fraction_text,
    int_text,
    require_int,
    require_rational_range,
    to_rational,
)
from verify.jsonio import dataclass_json, json_meta

__all__ = [
    "SCAN_MAX_N",
    "AlphaThreshold",
    "VCReading",
    "VCStep",
    "VScan",
    "alpha_ok",
    "alpha_threshold",
    "min_dimension_for_growth",
    "min_dimension_weak_form",
    "sauer_shelah_sum",
    "scan_V",
    "vc_step",
    "weak_form_ge",
]

_DIGITS = 16
_EXACT_TEXT = "1/2 - (10*E)**(1/10)/4"


def sauer_shelah_sum(m: object, D: object) -> int:
    """sum_{i=0}^{D} C(m, i): the Sauer–Shelah bound on Pi(m) when VC-dim <= D.

    Examples
    --------
    >>> sauer_shelah_sum(5, 2)
    16
    >>> sauer_shelah_sum(4, 9)
    16
    """
    mi = require_int(m, "m", low=0)
    Di = require_int(D, "D", low=0)
    total, term = 0, 1
    for i in range(min(Di, mi) + 1):
        total += term
        term = term * (mi - i) // (i + 1)
    return total


def _to_count(count: object) -> int:
    if isinstance(count, int) and not isinstance(count, bool):
        return count
    c = to_rational(count, "count")
    return -((-c.numerator) // c.denominator)


def min_dimension_for_growth(V: object, count: object) -> int:
    """The smallest D with sum_{i<=D} C(V, i) >= count (a lower bound on VC-dim).

    ``count`` is the number of labelings of some V-subset; a rational count is
    rounded up (labelings are whole).  Counts above 2^V are refused.  For large V
    a float estimate picks the start and exact decisions (leading terms plus a
    certified geometric tail bound) walk to the answer.

    Examples
    --------
    >>> min_dimension_for_growth(10, 1)
    0
    >>> min_dimension_for_growth(10, 57)   # 1 + 10 + 45 = 56 < 57
    3
    >>> min_dimension_for_growth(3, 9)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: count = 9 exceeds 2^V = 8: no class has that many labelings
    """
    Vi = require_int(V, "V", low=0)
    c = _to_count(count)
    if c > 2**Vi:
        raise _count_error(c, Vi)
    if Vi <= _SMALL_V:
        total, term, D = 0, 1, 0
        while True:
            total += term
            if total >= c:
                return D
            term = term * (Vi - D) // (D + 1)
            D += 1
    D = _estimate_dimension(Vi, c)
    if _sum_ge(Vi, D, c):
        while D > 0 and _sum_ge(Vi, D - 1, c):
            D -= 1
        return D
    while not _sum_ge(Vi, D + 1, c):
        D += 1
    return D + 1


_SMALL_V = 4000


def _log2_comb(V: int, k: int) -> float:
    return (math.lgamma(V + 1) - math.lgamma(k + 1) - math.lgamma(V - k + 1)) / math.log(2)


def _estimate_dimension(V: int, c: int) -> int:
    """A float estimate of the answer of :func:`min_dimension_for_growth` (not trusted)."""
    target = c.bit_length() - 1
    lo, hi = 0, V
    while lo < hi:
        mid = (lo + hi) // 2
        if mid >= V / 2 or _log2_comb(V, mid) + 1 >= target:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _tail_sum_bounds(V: int, m: int, terms: int) -> tuple[int, Fraction]:
    """Bounds lo <= sum_{i<=m} C(V, i) <= hi for 2m < V, from the top ``terms`` terms."""
    term = math.comb(V, m) if V <= _SMALL_V else int(factorial_ratio([V], [m, V - m]))
    lo = 0
    i = m
    while i >= 0 and m - i < terms:
        lo += term
        term = term * i // (V - i + 1)  # C(V, i-1)
        i -= 1
    if i < 0:
        return lo, Fraction(lo)
    # sum_{j<=i} C(V, j) <= C(V, i) (V - i + 1) / (V - 2i + 1) for 2i < V + 1
    return lo, lo + Fraction(term * (V - i + 1), V - 2 * i + 1)


def _sum_ge(V: int, D: int, c: int) -> bool:
    """Exactly decide sum_{i<=D} C(V, i) >= c."""
    if D >= V:
        return 2**V >= c
    if 2 * D >= V:
        # sum_{i<=D} = 2^V - sum_{i<=V-D-1}, with 2(V-D-1) < V
        m = V - D - 1
        return _upper_sum_le(V, m, 2**V - c)
    terms = 32
    while True:
        lo, hi = _tail_sum_bounds(V, D, terms)
        if lo >= c:
            return True
        if hi < c:
            return False
        terms *= 4


def _upper_sum_le(V: int, m: int, bound: int) -> bool:
    """Exactly decide sum_{i<=m} C(V, i) <= bound, for 2m < V."""
    terms = 32
    while True:
        lo, hi = _tail_sum_bounds(V, m, terms)
        if hi <= bound:
            return True
        if lo > bound:
            return False
        terms *= 4


def _count_error(c: int, V: int) -> InvalidArgument:
    return InvalidArgument(
        f"count = {c} exceeds 2^V = {2**V}: no class has that many labelings"
    )


def weak_form_ge(V: object, D: object, count: object) -> bool:
    """Exactly decide (e V / D)^D >= count (D >= 1), with rational brackets of e.

    Examples
    --------
    >>> weak_form_ge(10, 1, 27)     # 10e = 27.18...
    True
    >>> weak_form_ge(10, 1, 28)
    False
    """
    Vi = require_int(V, "V", low=1)
    Di = require_int(D, "D", low=1)
    c = to_rational(count, "count")
    if c <= 0:
        return True
    # pre-test on logarithms (decides only with a wide margin), else exact
    left = Di * (math.log2(math.e) + math.log2(Vi) - math.log2(Di))
    right = _log2_rational(c)
    margin = 1e-9 * (abs(left) + abs(right)) + 1e-6
    if left > right + margin:
        return True
    if left < right - margin:
        return False
    return e_power_ge_ints(Di, c.numerator * Di**Di, c.denominator * Vi**Di)


def _log2_rational(x: Fraction) -> float:
    def lg(m: int) -> float:
        shift = max(m.bit_length() - 60, 0)
        return math.log2(m >> shift) + shift

    return lg(x.numerator) - lg(x.denominator)


def min_dimension_weak_form(V: object, count: object) -> tuple[int, bool]:
    """The smallest D >= 0 with (eV/D)^D >= count, and whether V > D + 1.

    (eV/D)^D increases in D on [1, V] and e^V > 2^V >= count, so D <= V exists.
    D = 0 (read (eV/0)^0 = 1: a class of VC dimension 0 has one labeling) exactly
    when count <= 1.  The form bounds Pi(V) only when V > D + 1 (Lemma A.4), so
    the implied lower bound on the VC dimension is min(D, V - 1).

    Examples
    --------
    >>> min_dimension_weak_form(10, 57)
    (2, True)
    >>> min_dimension_weak_form(2, 4)
    (1, False)
    >>> min_dimension_weak_form(50, 1)     # one labeling forces nothing
    (0, True)
    """
    Vi = require_int(V, "V", low=1)
    c = _to_count(count)
    if c > 2**Vi:
        raise _count_error(c, Vi)
    if c <= 1:
        return 0, Vi > 1
    lo, hi = 1, Vi
    while lo < hi:
        mid = (lo + hi) // 2
        if weak_form_ge(Vi, mid, c):
            hi = mid
        else:
            lo = mid + 1
    return lo, Vi > lo + 1


def _alpha_ok_exact(a: Fraction) -> bool:
    # 2(1-2a) > (10e)^(1/10)  <=>  (2(1-2a))^10 / 10 > e   (both sides positive)
    r = (2 * (1 - 2 * a)) ** 10 / 10
    return not e_power_ge(1, r)


def alpha_ok(alpha: object) -> bool:
    """Exactly decide 2(1 - 2 alpha) > (10e)^(1/10) for a rational alpha in [0, 1/2).

    Examples
    --------
    >>> alpha_ok("1/10"), alpha_ok("0.15"), alpha_ok("0.153")
    (True, True, False)
    """
    a = require_rational_range(alpha, "alpha", 0, Fraction(1, 2), high_open=True)
    return _alpha_ok_exact(a)


@dataclass(frozen=True)
class AlphaThreshold:
    """alpha_max = 1/2 - (10e)^(1/10)/4 with certified rational brackets.

    ``lower <= alpha_max < upper`` with ``upper - lower = 10^-16``; ``decimal``
    is ``lower`` written out (its digits are correct, truncated).
    """

    exact: str = field(metadata=json_meta(key="alpha_max_exact"))
    decimal: str = field(metadata=json_meta(key="alpha_max"))
    lower: Fraction = field(metadata=json_meta(convert=fraction_text))
    upper: Fraction = field(metadata=json_meta(convert=fraction_text))
    statement: str

    def to_json(self) -> dict[str, Any]:
        """JSON form (:func:`verify.jsonio.dataclass_json`)."""
        return dataclass_json(self)


@lru_cache(maxsize=1)
def alpha_threshold() -> AlphaThreshold:
    """The exact set {alpha : 2(1-2alpha) > (10e)^(1/10)} = [0, alpha_max).

    The digits come from bisection with exact decisions (no float is involved);
    sympy confirms the closed form.

    Examples
    --------
    >>> t = alpha_threshold()
    >>> t.exact
    '1/2 - (10*E)**(1/10)/4'
    >>> t.decimal
    '0.1521680617146693'
    >>> t.lower < t.upper and t.upper - t.lower == Fraction(1, 10**16)
    True
    """
    import sympy as sp

    thr = sp.Rational(1, 2) - (10 * sp.E) ** sp.Rational(1, 10) / 4
    # 2(1 - 2 alpha) is strictly decreasing in alpha and equals (10e)^(1/10) at thr
    assert sp.simplify(2 * (1 - 2 * thr) - (10 * sp.E) ** sp.Rational(1, 10)) == 0
    assert sp.simplify(sp.sympify(_EXACT_TEXT) - thr) == 0
    scale = 10**_DIGITS
    lo, hi = 0, scale // 2  # alpha_ok(lo/scale) is True, alpha_ok(hi/scale) is False
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _alpha_ok_exact(Fraction(mid, scale)):
            lo = mid
        else:
            hi = mid
    digits = str(lo).rjust(_DIGITS, "0")
    return AlphaThreshold(
        exact=_EXACT_TEXT,
        decimal="0." + digits,
        lower=Fraction(lo, scale),
        upper=Fraction(hi, scale),
        statement=(
            "2(1 - 2 alpha) > (10e)^(1/10)  <=>  alpha < 1/2 - (10e)^(1/10)/4 "
            f"= 0.{digits}... (digits certified by exact bisection); "
            "so the step holds for every alpha <= 1/10"
        ),
    )


@dataclass(frozen=True)
class VCReading:
    """The VC step for one reading V of bound (1)."""

    V: int
    count: int = field(metadata=json_meta(convert=int_text))  # decimal text: it may be huge
    min_dimension: int
    weak_form_D: int | None
    weak_form_side_condition: bool | None
    weak_form_lower_bound: int | None


@dataclass(frozen=True, repr=False)
class VCStep(Displayable):
    """VC lower bounds implied by bound (1) for one (K, d, alpha)."""

    chain: BoundChain = field(metadata=json_meta(write=False))
    readings: tuple[VCReading, ...]
    min_vc_dimension: int
    paper_vc_bound: Fraction = field(metadata=json_meta(convert=fraction_text))
    alpha_ok: bool
    threshold: AlphaThreshold = field(metadata=json_meta(write=False))

    JSON_ORDER = ("K", "d", "n", "alpha", "alpha_max", "alpha_max_exact", "alpha_ok",
                  "min_vc_dimension", "paper_vc_bound", "meets_paper_bound", "readings",
                  "threshold_statement")

    def _display_items(self) -> list[tuple[str, Any]]:
        return [("K", self.chain.K), ("d", self.chain.d), ("alpha", self.chain.alpha),
                ("n", self.chain.n), ("min_vc_dimension", self.min_vc_dimension),
                ("paper_vc_bound", self.paper_vc_bound), ("alpha_ok", self.alpha_ok)]

    def _display_table(self) -> Any:
        from verify.tables import Table

        return Table(
            f"VC step: K = {self.chain.K}, d = {self.chain.d}, α = {self.chain.alpha}",
            ["V", "count", "D (Sauer–Shelah)", "D ((eV/D)^D)", "V > D+1"],
            [[r.V, r.count, r.min_dimension, r.weak_form_D, r.weak_form_side_condition]
             for r in self.readings])

    @property
    def meets_paper_bound(self) -> bool:
        """True iff the exact lower bound is at least 0.05 K^(d-1)."""
        return self.min_vc_dimension >= self.paper_vc_bound

    def json_extra(self) -> dict[str, Any]:
        c, t = self.chain, self.threshold
        return {"K": c.K, "d": c.d, "n": c.n, "alpha": fraction_text(c.alpha),
                "alpha_max": t.decimal, "alpha_max_exact": t.exact,
                "meets_paper_bound": self.meets_paper_bound, "threshold_statement": t.statement}

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of ``verify vc-step --json`` (plus extra keys)."""
        return dataclass_json(self)


def vc_step(K: object, d: object, alpha: object) -> VCStep:
    """The VC step of Section 4.3 for n = K^(d-1), exactly.

    For each reading V of bound (1) (see :func:`bound_chain`), some V-subset has
    at least ``count = ceil(lhs)`` labelings, so VC-dim >= the smallest D with
    sum_{i<=D} C(V, i) >= count; ``min_vc_dimension`` is the best of the
    readings.  It is compared with the paper's 0.05 K^(d-1) = K^(d-1)/20.

    Examples
    --------
    >>> s = vc_step(4, 3, "1/10")           # n = 16, V = 8
    >>> s.readings[0].count, s.min_vc_dimension, s.paper_vc_bound, s.meets_paper_bound
    (128, 4, Fraction(4, 5), True)
    >>> s.readings[0].weak_form_D, s.alpha_ok
    (3, True)
    """
    chain = bound_chain(K, d, alpha)
    out = []
    for r in chain.readings:
        count = r.guaranteed_count
        D = min_dimension_for_growth(r.V, count)
        if r.V >= 1:
            Dw, side = min_dimension_weak_form(r.V, count)
            out.append(VCReading(r.V, count, D, Dw, side, min(Dw, r.V - 1)))
        else:
            out.append(VCReading(r.V, count, D, None, None, None))
    return VCStep(
        chain=chain,
        readings=tuple(out),
        min_vc_dimension=max(x.min_dimension for x in out),
        paper_vc_bound=Fraction(chain.n, 20),
        alpha_ok=_alpha_ok_exact(chain.alpha),
        threshold=alpha_threshold(),
    )


#: Largest n for :func:`scan_V` (it evaluates every V = 1..n).
SCAN_MAX_N = 2000


@dataclass(frozen=True)
class VScan:
    """The VC lower bound of the double-counting argument for every V = 1..a."""

    n: int
    alpha: Fraction = field(metadata=json_meta(convert=fraction_text))
    best_V: int
    best_min_dimension: int
    # by_V[V-1] = the Sauer–Shelah lower bound from V
    by_V: tuple[int, ...] = field(metadata=json_meta(key="min_dimension_by_V"))

    def to_json(self) -> dict[str, Any]:
        """JSON form (:func:`verify.jsonio.dataclass_json`)."""
        return dataclass_json(self)


def scan_V(K: object, d: object, alpha: object) -> VScan:
    """Run the double counting of Section 4.3 with every V, not only n/2.

    For each V <= a = ceil((1-alpha)n) some V-subset has at least
    ceil(2^V C(a,V)/C(n,V)) labelings, which forces VC-dim >= D(V) (Sauer–Shelah,
    exact).  Returns the best V (the smallest one on ties) and the whole profile.

    Examples
    --------
    >>> s = scan_V(4, 3, "1/10")               # n = 16; the paper's V = 8 gives 4
    >>> s.best_V, s.best_min_dimension, s.by_V[7]
    (11, 5, 4)
    """
    from verify.bounds.chain import check_parameters

    _, _, a, n = check_parameters(K, d, alpha)
    if n > SCAN_MAX_N:
        raise InvalidArgument(f"scan_V: n = {n} > {SCAN_MAX_N} (it evaluates every V)")
    top = math.ceil((1 - a) * n)
    lhs = Fraction(1)
    out: list[int] = []
    for V in range(1, top + 1):
        lhs *= Fraction(2 * (top - V + 1), n - V + 1)
        c = -((-lhs.numerator) // lhs.denominator)
        out.append(min_dimension_for_growth(V, c))
    best = max(range(len(out)), key=lambda i: (out[i], -i))
    return VScan(n=n, alpha=a, best_V=best + 1, best_min_dimension=out[best], by_V=tuple(out))
