"""Bound (1) of Section 4.3, exactly.

For integers K >= 1, d >= 2 and a rational 0 <= alpha < 1/2, with n = K^(d-1),
the chain printed as equation (1) of the paper is

    lhs = 2^V C(a, V) / C(n, V)  >=  middle = (2((1-alpha)n - V)/(n - V))^V
        >=  rhs = C_alpha^n,   C_alpha = sqrt(2(1 - 2 alpha)).

The paper takes V = n/2 and a = (1-alpha)n as integers.  Here every member is
an exact rational (the irrational rhs is carried as rhs^2 = (2(1-2alpha))^n and
compared by squaring) and each *reading* is evaluated separately:
V in {floor(n/2), ceil(n/2)} and a = ceil((1-alpha)n), the number of correctly
classified points the argument guarantees.  The middle uses the literal
(1-alpha)n as printed.  When n = V the middle divides by zero; it is then
reported as undefined (``None``) together with its two verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

from verify.bounds._num import big_text, ceil_fraction, factorial_ratio, power_ge
from verify.display import Displayable
from verify.errors import InvalidArgument
from verify.exact import fraction_text, int_text, require_int, require_rational_range
from verify.jsonio import dataclass_json, json_meta

__all__ = [
    "MAX_ALPHA_BITS",
    "MAX_N",
    "MAX_POWER_BITS",
    "BoundChain",
    "Reading",
    "bound1_lhs",
    "bound_chain",
    "check_parameters",
    "middle_equals_rhs_statement",
]

#: Largest n = K^(d-1) accepted (beyond it, exact big integers take minutes).
MAX_N = 10**6

#: Largest n * (bits of alpha's numerator and denominator) accepted: rhs^2 =
#: (2(1-2 alpha))^n and the middle have about that many bits, and beyond it the
#: exact powers and comparisons take minutes (alpha = 1/10 at n = 10^6 is 7 * 10^6).
MAX_POWER_BITS = 8 * 10**6

#: Largest bit length of alpha's denominator.
MAX_ALPHA_BITS = 4096


def check_parameters(K: object, d: object, alpha: object) -> tuple[int, int, Fraction, int]:
    """Validate (K, d, alpha) and return them with n = K^(d-1).

    Raises
    ------
    InvalidArgument
        If K < 1, d < 2, alpha is not a rational in [0, 1/2), n > MAX_N, or
        n times the bit size of alpha exceeds MAX_POWER_BITS.

    Examples
    --------
    >>> check_parameters(3, 3, "1/10")
    (3, 3, Fraction(1, 10), 9)
    >>> check_parameters(10, 8, 0)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: n = K^(d-1) = 10^7 exceeds the limit 10^6 ...
    >>> check_parameters(1000, 3, "1/1000003")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: alpha = 1/1000003 with n = 1000000: the exact powers ...
    """
    Ki = require_int(K, "K", low=1, high=MAX_N)
    di = require_int(d, "d", low=2, high=MAX_N)
    a = require_rational_range(alpha, "alpha", 0, Fraction(1, 2), high_open=True)
    n = 1
    if Ki > 1:
        for _ in range(di - 1):
            n *= Ki
            if n > MAX_N:
                raise InvalidArgument(
                    f"n = K^(d-1) = {Ki}^{di - 1} exceeds the limit 10^6 "
                    "(exact big integers would take minutes)"
                )
    if a.denominator.bit_length() > MAX_ALPHA_BITS:
        raise InvalidArgument(f"alpha: its denominator exceeds 2^{MAX_ALPHA_BITS}")
    bits = _power_bits(n, a)
    if bits > MAX_POWER_BITS:
        raise InvalidArgument(
            f"alpha = {a if len(str(a)) <= 40 else 'p/q'} with n = {n}: the exact powers "
            f"(2(1-2alpha))^n would have about {bits} bits, beyond the limit "
            f"{MAX_POWER_BITS} (minutes of big-integer arithmetic); "
            "use a smaller n or an alpha with a smaller denominator"
        )
    return Ki, di, a, n


def _power_bits(n: int, alpha: Fraction) -> int:
    """About the bit size of (2(1-2alpha))^n: the work measure of one chain."""
    return n * (alpha.numerator.bit_length() + alpha.denominator.bit_length() + 1)


@dataclass(frozen=True, repr=False)
class Reading(Displayable):
    """One reading of V and a in bound (1), with exact members and verdicts.

    ``middle`` and the two verdicts involving it are ``None`` when n = V.
    """

    V: int
    a: int
    a_literal: Fraction = field(metadata=json_meta(convert=fraction_text))
    lhs: Fraction = field(metadata=json_meta(convert=fraction_text))
    middle: Fraction | None = field(metadata=json_meta(convert=fraction_text))
    rhs_squared: Fraction = field(metadata=json_meta(convert=fraction_text))
    lhs_ge_middle: bool | None
    middle_ge_rhs: bool | None
    lhs_ge_rhs: bool
    middle_eq_rhs: bool | None
    kind: str
    notes: tuple[str, ...] = ()

    def _display_items(self) -> list[tuple[str, Any]]:
        return [("V", self.V), ("a", self.a), ("lhs", self.lhs), ("middle", self.middle),
                ("rhs_squared", self.rhs_squared), ("lhs_ge_middle", self.lhs_ge_middle),
                ("middle_ge_rhs", self.middle_ge_rhs), ("lhs_ge_rhs", self.lhs_ge_rhs)]

    @property
    def guaranteed_count(self) -> int:
        """ceil(lhs): some V-subset has at least this many labelings (an integer)."""
        return ceil_fraction(self.lhs)

    JSON_ORDER = ("V", "a", "a_literal", "a_literal_is_integer", "kind", "lhs", "middle",
                  "rhs_squared", "lhs_ge_middle", "middle_ge_rhs", "lhs_ge_rhs", "middle_eq_rhs",
                  "guaranteed_count", "notes")

    def json_extra(self) -> dict[str, Any]:
        return {"a_literal_is_integer": self.a_literal.denominator == 1,
                "guaranteed_count": int_text(self.guaranteed_count)}

    def to_json(self) -> dict[str, Any]:
        """JSON form with exact ``"p/q"`` texts (any number of digits)."""
        return dataclass_json(self)


@dataclass(frozen=True, repr=False)
class BoundChain(Displayable):
    """Bound (1) for one (K, d, alpha): n and one :class:`Reading` per V."""

    K: int
    d: int
    alpha: Fraction = field(metadata=json_meta(convert=fraction_text))
    n: int
    readings: tuple[Reading, ...]
    notes: tuple[str, ...] = field(default=())

    JSON_ORDER = ("K", "d", "n", "alpha", "readings", "conclusion_holds", "notes")

    @property
    def conclusion_holds(self) -> bool:
        """True iff lhs >= rhs for every reading (the count the argument needs)."""
        return all(r.lhs_ge_rhs for r in self.readings)

    def _display_items(self) -> list[tuple[str, Any]]:
        return [("K", self.K), ("d", self.d), ("alpha", self.alpha), ("n", self.n),
                ("readings", len(self.readings)), ("conclusion_holds", self.conclusion_holds)]

    def _display_table(self) -> Any:
        from verify.tables import Column, Table

        return Table(
            f"Bound (1): K = {self.K}, d = {self.d}, α = {self.alpha}, n = {self.n}",
            ["V", "a", "lhs", "middle",
             Column("rhs^2", key="rhs_squared", display=False),
             Column("rhs = C_α^n", tex=r"$C_\alpha^n$", key="rhs", kind="approx", sqrt=True),
             "lhs ≥ middle", "middle ≥ rhs", "lhs ≥ rhs"],
            [[r.V, r.a, r.lhs, r.middle, r.rhs_squared, r.rhs_squared, r.lhs_ge_middle,
              r.middle_ge_rhs, r.lhs_ge_rhs] for r in self.readings])

    def json_extra(self) -> dict[str, Any]:
        return {"conclusion_holds": self.conclusion_holds}

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of ``verify bound --json`` (plus extra keys)."""
        return dataclass_json(self)


def bound1_lhs(n: int, a: int, V: int) -> Fraction:
    """The left side of (1): ``2^V C(a, V) / C(n, V)``, exactly.

    The number of labelings that some V-subset of n points is promised when every
    labeling has a correctly classified points.  Computed as
    2^V a! (n-V)! / ((a-V)! n!) through prime exponents (no large gcd).

    Examples
    --------
    >>> bound1_lhs(4, 4, 2), bound1_lhs(9, 7, 4), bound1_lhs(6, 2, 3)
    (Fraction(4, 1), Fraction(40, 9), Fraction(0, 1))
    >>> bound1_lhs(3, 4, 1)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: a must be <= 3, got 4
    """
    n = require_int(n, "n", low=0, high=MAX_N)
    a = require_int(a, "a", low=0, high=n)
    V = require_int(V, "V", low=0, high=n)
    return _lhs(n, a, V)


def _lhs(n: int, a: int, V: int) -> Fraction:
    if V > a:
        return Fraction(0)
    return factorial_ratio([a, n - V], [a - V, n], two_power=V)


def _reading(n: int, alpha: Fraction, V: int, kind: str) -> Reading:
    a_lit = (1 - alpha) * n
    a = ceil_fraction(a_lit)
    notes: list[str] = []
    lhs = _lhs(n, a, V)
    rhs_sq = (2 * (1 - 2 * alpha)) ** n
    middle: Fraction | None
    if V == n:
        middle = None
        notes.append("n - V = 0: the middle member divides by zero and is undefined")
    else:
        middle = (2 * (a_lit - V) / (n - V)) ** V
    if V > a:
        notes.append(f"V = {V} > a = {a}: C(a, V) = 0, so lhs = 0")
    if a_lit.denominator != 1:
        notes.append(f"(1-alpha)n = {big_text(a_lit)} is not an integer; a = ceil = {a}")
    lhs_ge_rhs = power_ge(lhs, 2, rhs_sq)
    if middle is None:
        lge = mge = meq = None
    else:
        lge = lhs >= middle
        mge = middle >= 0 and power_ge(middle, 2, rhs_sq)
        meq = middle >= 0 and middle**2 == rhs_sq if mge else False
    return Reading(
        V=V,
        a=a,
        a_literal=a_lit,
        lhs=lhs,
        middle=middle,
        rhs_squared=rhs_sq,
        lhs_ge_middle=lge,
        middle_ge_rhs=mge,
        lhs_ge_rhs=lhs_ge_rhs,
        middle_eq_rhs=meq,
        kind=kind,
        notes=tuple(notes),
    )


def bound_chain(K: object, d: object, alpha: object, V: object = None) -> BoundChain:
    """Evaluate the chain of bound (1) exactly, one reading per rounding of V.

    Parameters
    ----------
    K, d : int
        Grid resolution K >= 1 and dimension d >= 2; n = K^(d-1) <= 10^6.
    alpha : int, Fraction or str
        The error rate, a rational with 0 <= alpha < 1/2 (a float is refused).
    V : int, optional
        Evaluate this V (0 <= V <= n) instead of floor(n/2) and ceil(n/2).

    Returns
    -------
    BoundChain
        ``.n``, ``.alpha`` and ``.readings``; each reading has ``V``, ``a``,
        ``lhs``, ``middle``, ``rhs_squared`` (exact Fractions) and the verdicts
        ``lhs_ge_middle``, ``middle_ge_rhs``, ``lhs_ge_rhs`` (rhs compared by squaring).

    Examples
    --------
    >>> c = bound_chain(2, 3, "1/10")      # n = 4, V = 2, a = ceil(18/5) = 4
    >>> r, = c.readings
    >>> (c.n, r.V, r.a, r.lhs, r.middle, r.rhs_squared)
    (4, 2, 4, Fraction(4, 1), Fraction(64, 25), Fraction(4096, 625))
    >>> (r.lhs_ge_middle, r.middle_ge_rhs, r.lhs_ge_rhs, r.middle_eq_rhs)
    (True, True, True, True)

    For odd n the printed chain can fail at the floor reading (n = 1, V = 0):

    >>> [(r.V, r.middle, r.middle_ge_rhs, r.lhs_ge_rhs) for r in bound_chain(1, 2, 0).readings]
    [(0, Fraction(1, 1), False, False), (1, None, None, True)]
    """
    Ki, di, a, n = check_parameters(K, d, alpha)
    if V is None:
        vs = sorted({n // 2, (n + 1) // 2})
        kinds = ["floor(n/2)", "ceil(n/2)"] if len(vs) == 2 else ["n/2"]
    else:
        vs = [require_int(V, "V", low=0, high=n)]
        kinds = ["chosen"]
    readings = tuple(_reading(n, a, v, kind) for v, kind in zip(vs, kinds, strict=True))
    notes: list[str] = []
    if n == 1:
        notes.append("K = 1: n = 1, the chain is degenerate (V is 0 or n)")
    return BoundChain(K=Ki, d=di, alpha=a, n=n, readings=readings, notes=tuple(notes))


def middle_equals_rhs_statement() -> dict[str, str]:
    """A sympy derivation of middle == rhs when V = n/2 and a = (1-alpha)n.

    Returns
    -------
    dict
        ``base``: the middle's base as printed, ``base_simplified``: it equals
        2(1 - 2 alpha), ``middle``: the simplified middle, ``rhs``: C_alpha^n,
        ``difference``: middle - rhs simplified under alpha < 1/2, n > 0 (``"0"``),
        and ``text``: the statement in words.

    Examples
    --------
    >>> s = middle_equals_rhs_statement()
    >>> s["base_simplified"], s["difference"]
    ('2 - 4*alpha', '0')
    """
    return dict(_statement())


@lru_cache(maxsize=1)
def _statement() -> tuple[tuple[str, str], ...]:
    return tuple(_derive().items())


def _derive() -> dict[str, str]:
    """Derive the statement (uncached)."""
    import sympy as sp

    alpha, n = sp.symbols("alpha n", positive=True)
    V = n / 2
    base = 2 * ((1 - alpha) * n - V) / (n - V)
    base_s = sp.cancel(base)
    middle = base_s**V
    c_alpha = sp.sqrt(2 * (1 - 2 * alpha))
    rhs = c_alpha**n
    # 2 - 4*alpha > 0 for alpha < 1/2: write alpha = 1/2 - t with t > 0
    t = sp.symbols("t", positive=True)
    diff = (middle - rhs).subs(alpha, sp.Rational(1, 2) - t)
    if diff != 0:
        diff = sp.simplify(sp.powdenest(sp.expand_power_base(diff, force=False), force=False))
    text = (
        f"With V = n/2 the base 2((1-alpha)n - V)/(n - V) simplifies to {base_s}; "
        f"so middle = ({base_s})^(n/2) = (sqrt({base_s}))^n = C_alpha^n because "
        f"{base_s} > 0 for alpha < 1/2; sympy: middle - rhs simplifies to {diff}."
    )
    return {
        "base": str(base),
        "base_simplified": str(base_s),
        "middle": str(middle),
        "rhs": str(rhs),
        "difference": str(diff),
        "text": text,
    }
