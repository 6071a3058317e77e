"""Exact evaluation of formulas and exact decision of inequalities.

A value is either an exact :class:`~fractions.Fraction` or a *certified
interval* that contains the true value.  Rational operations on exact values
stay exact (integers and rationals of any size).  Everything else — ``log``,
``exp``, ``sqrt`` of a non-square, irrational powers, ``E``, ``pi`` — is
evaluated with mpmath's interval arithmetic (``mpmath.ctx_iv``: every
operation rounds its lower end down and its upper end up, so the interval is
guaranteed to contain the exact value).  A few identities keep values exact:
``sqrt`` and rational powers of perfect powers, ``log(1) = 0``, ``exp(0) = 1``,
``exp(log(x)) = x`` and ``log(exp(x)) = x``, and ``log(a)/log(b)`` when
``a**q == b**p`` (the candidate p/q is proposed from floats and checked in
integers).  ``floor`` and ``ceiling`` of an interval are exact as soon as the
interval lies between two consecutive integers.

An inequality ``small <= big`` (or ``<``) is decided from the exact
difference when both sides are exact, and otherwise by **certified interval
refinement**: the sides are evaluated at 64 bits of precision, then 128, 256,
…, up to ``max_bits``; the first precision at which the interval of
``big − small`` excludes the boundary decides.  If it never does, the answer is
``unknown`` with the reason (the two sides may be equal).  A float comparison is
never made.

Inputs may also be certified bounds instead of exact values (a quantity known
only to lie in [lo, hi], e.g. a count of a run stopped by its time budget):
they enter as intervals, and a decision reached with them is as certain as the
bounds.

>>> from verify.conjecture.formula import parse_conjecture
>>> ineq = parse_conjecture("n*log(2) < log(2**n + 1)").inequalities[0]
>>> d = decide(ineq, {"n": Fraction(64)})
>>> d.verdict, d.exact, d.bits       # a float compare says 44.3614... < 44.3614... is false
('holds', False, 128)
>>> decide(parse_conjecture("count <= 2*sum(binomial(8, i), (i, 0, 7))").inequalities[0],
...        {"count": Fraction(512)}).slack
Fraction(-2, 1)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cmp_to_key
from typing import Any

import sympy as sp
from mpmath import libmp
from mpmath.ctx_iv import MPIntervalContext

from verify.conjecture.formula import Inequality
from verify.errors import InvalidArgument
from verify.exact import fraction_text
from verify.jsonio import json_meta

__all__ = [
    "DEFAULT_MAX_BITS",
    "Bounds",
    "Decision",
    "Undefined",
    "decide",
    "evaluate",
    "value_json",
]

#: Default largest precision of the interval refinement (bits).
DEFAULT_MAX_BITS = 4096
_START_BITS = 64
_MAX_EXACT_BITS = 2_000_000  # exact results beyond this many bits switch to intervals
_MAX_TERMS = 100_000  # terms of one sum, values tried for one uncertain integer
_MAX_BINOMIAL_K = 100_000
_MAX_FACTORIAL = 20_000
_MAX_EXP_BITS = 4096  # exp(x) for |x| < 2^4096 only (beyond: too hard, undecided)
_JSON_BITS = 100_000


@dataclass(frozen=True)
class Bounds:
    """A quantity known only to lie in ``[lo, hi]`` (certified bounds, rationals)."""

    lo: Fraction
    hi: Fraction

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise InvalidArgument(f"bounds [{self.lo}, {self.hi}] are empty")


class Undefined(ArithmeticError):
    """The formula has no value here (division by zero, log of a non-positive number, …)."""


class _TooHard(ArithmeticError):
    """The value cannot be bracketed within the effort bounds (not a verdict)."""


Value = Any  # Fraction or an mpmath interval (ivmpf)


_VALUE = json_meta(convert=lambda v: value_json(v))  # sides and slack as value_json writes them


@dataclass
class Decision:
    """The decision of one inequality at one instance.

    ``verdict`` is ``holds``, ``fails`` or ``unknown``; ``lhs``, ``rhs`` and
    ``slack`` (``big − small``: positive when the inequality holds with room)
    are exact Fractions or certified intervals ``(lo, hi)``; ``ratio`` is
    ``big / small`` when both are positive.  ``exact`` is True when both sides
    were computed exactly; ``bits`` is the interval precision that decided
    (None when exact).
    """

    verdict: str
    lhs: Fraction | tuple[Fraction, Fraction] | None = field(metadata=_VALUE)
    rhs: Fraction | tuple[Fraction, Fraction] | None = field(metadata=_VALUE)
    slack: Fraction | tuple[Fraction, Fraction] | None = field(metadata=_VALUE)
    ratio: Fraction | tuple[Fraction, Fraction] | None = field(metadata=_VALUE)
    exact: bool
    bits: int | None = None
    reason: str | None = None
    method: str = "exact rational arithmetic"
    from_bounds: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    JSON_ORDER = ("verdict", "lhs", "rhs", "slack", "ratio", "exact", "method", "bits", "reason",
                  "from_bounds", "notes")

    @property
    def equality(self) -> bool:
        """The two sides are equal, proved exactly (the slack is exactly 0)."""
        return isinstance(self.slack, Fraction) and self.slack == 0


def value_json(v: Fraction | tuple[Fraction, Fraction] | None) -> Any:
    """``"p/q"`` for an exact value, ``["p/q", "p/q"]`` for a certified interval.

    An end too large to write (more than 100000 bits) is ``null``.

    >>> value_json(Fraction(1, 3)), value_json((Fraction(1), Fraction(2)))
    ('1/3', ['1/1', '2/1'])
    """
    if v is None:
        return None
    if isinstance(v, tuple):
        return [_end_json(x) for x in v]
    return _end_json(v)


def _end_json(x: Fraction) -> str | None:
    if abs(x.numerator).bit_length() + x.denominator.bit_length() > _JSON_BITS:
        return None
    return fraction_text(x)


# ---------------------------------------------------------------------------
# intervals


def _ctx(bits: int) -> Any:
    ctx = MPIntervalContext()
    ctx.prec = bits
    return ctx


def _is_iv(v: Value) -> bool:
    return not isinstance(v, Fraction)


def _ends(v: Value) -> tuple[Any, Any]:
    """The raw mpf ends (lo, hi) of an interval."""
    return v._mpi_


def _end_fraction(raw: Any) -> Fraction | None:
    """An mpf end as an exact Fraction (None for infinities or NaN)."""
    sign, man, exp, _ = raw
    if man == 0:
        return Fraction(0) if raw == libmp.fzero else None  # zero, or an infinity or NaN
    if abs(exp) > 10 * _JSON_BITS:
        return None
    return (-1) ** sign * Fraction(man) * Fraction(2) ** exp


class _Evaluator:
    def __init__(self, env: Mapping[str, Fraction | Bounds], bits: int) -> None:
        self.env = env
        self.ctx = _ctx(bits)
        self.bits = bits
        self.inexact = False  # an irrational operation was used (refinement may help)
        self.used_bounds: set[str] = set()

    # conversions -----------------------------------------------------------
    def iv(self, v: Value) -> Any:
        if isinstance(v, Fraction):
            ctx = self.ctx
            if v.denominator == 1:
                return ctx.mpf(v.numerator)
            return ctx.mpf(v.numerator) / ctx.mpf(v.denominator)
        return v

    def hull(self, lo: Fraction, hi: Fraction) -> Any:
        return self.ctx.make_mpf((_ends(self.iv(lo))[0], _ends(self.iv(hi))[1]))

    # evaluation ------------------------------------------------------------
    def ev(self, e: sp.Basic, local: Mapping[str, Fraction]) -> Value:
        if isinstance(e, sp.Integer):
            return Fraction(int(e))
        if isinstance(e, sp.Rational):
            return Fraction(int(e.p), int(e.q))
        if e is sp.E:
            self.inexact = True
            return self.ctx.e
        if e is sp.pi:
            self.inexact = True
            return self.ctx.pi
        if isinstance(e, sp.Symbol):
            return self.symbol(e.name, local)
        if isinstance(e, sp.Add):
            return self.add([self.ev(a, local) for a in e.args])
        if isinstance(e, sp.Mul):
            return self.mul(e, local)
        if isinstance(e, sp.Pow):
            return self.power(self.ev(e.base, local), self.ev(e.exp, local))
        if isinstance(e, sp.exp):
            inner = e.args[0]
            if isinstance(inner, sp.log):
                x = self.ev(inner.args[0], local)
                self.positive(x, "log")
                return x
            return self.exp(self.ev(inner, local))
        if isinstance(e, sp.log):
            inner = e.args[0]
            if isinstance(inner, sp.exp):
                return self.ev(inner.args[0], local)
            return self.log(self.ev(inner, local))
        if isinstance(e, sp.floor | sp.ceiling):
            return self.rounding(self.ev(e.args[0], local), isinstance(e, sp.floor))
        if isinstance(e, sp.binomial):
            return self.binomial(self.ev(e.args[0], local), self.ev(e.args[1], local))
        if isinstance(e, sp.factorial):
            return self.factorial(self.ev(e.args[0], local))
        if isinstance(e, sp.Abs):
            return self.absolute(self.ev(e.args[0], local))
        if isinstance(e, sp.Min | sp.Max):
            return self.extremum([self.ev(a, local) for a in e.args], isinstance(e, sp.Max))
        if isinstance(e, sp.Sum):
            return self.summation(e, local)
        raise InvalidArgument(f"formula: cannot evaluate {sp.sstr(e)!r}")  # pragma: no cover

    def symbol(self, name: str, local: Mapping[str, Fraction]) -> Value:
        if name in local:
            return local[name]
        if name not in self.env:
            raise InvalidArgument(f"formula: {name} has no value here")
        v = self.env[name]
        if isinstance(v, Bounds):
            if v.lo == v.hi:
                return v.lo
            self.used_bounds.add(name)
            return self.hull(v.lo, v.hi)
        return v

    def add(self, vals: list[Value]) -> Value:
        if all(isinstance(v, Fraction) for v in vals):
            return sum(vals, Fraction(0))
        total = self.iv(Fraction(0))
        for v in vals:
            total = total + self.iv(v)
        return total

    def mul(self, e: sp.Mul, local: Mapping[str, Fraction]) -> Value:
        args = list(e.args)
        # log(a) / log(b) with a**q == b**p: exactly p/q
        logs = [a for a in args if isinstance(a, sp.log)]
        inv = [a for a in args if isinstance(a, sp.Pow) and a.exp == -1
               and isinstance(a.base, sp.log)]
        if len(args) == 2 and len(logs) == 1 and len(inv) == 1:
            q = self.log_ratio(self.ev(logs[0].args[0], local), self.ev(inv[0].base.args[0], local))
            if q is not None:
                return q
        vals = [self.ev(a, local) for a in args]
        if any(isinstance(v, Fraction) and v == 0 for v in vals):
            return Fraction(0)  # every factor was evaluated, so each is defined and finite
        if all(isinstance(v, Fraction) for v in vals):
            out = Fraction(1)
            for v in vals:
                out *= v
            return self.checked(out)
        total = self.iv(Fraction(1))
        for v in vals:
            total = total * self.iv(v)
        return total

    def checked(self, v: Fraction) -> Value:
        if v.numerator.bit_length() + v.denominator.bit_length() > _MAX_EXACT_BITS:
            self.inexact = True
            return self.iv(v)
        return v

    def log_ratio(self, a: Value, b: Value) -> Fraction | None:
        """log(a)/log(b) exactly when a**q == b**p for a small p/q (else None)."""
        if not (isinstance(a, Fraction) and isinstance(b, Fraction)):
            return None
        if a <= 0 or b <= 0 or b == 1:
            return None
        if a == 1:
            return Fraction(0)
        la = math.log2(a.numerator) - math.log2(a.denominator)
        lb = math.log2(b.numerator) - math.log2(b.denominator)
        if lb == 0:
            return None
        guess = Fraction(la / lb).limit_denominator(64)
        p, q = guess.numerator, guess.denominator
        if abs(p) > 4096:
            return None
        if (p >= 0 and a**q == b**p) or (p < 0 and a**q * b**(-p) == 1):
            return guess
        return None

    def power(self, b: Value, x: Value) -> Value:
        if isinstance(x, Fraction) and x.denominator == 1:
            k = x.numerator
            if isinstance(b, Fraction):
                if b == 0 and k < 0:
                    raise Undefined("division by zero")
                if k == 0:
                    return Fraction(1)
                size = abs(k) * max(b.numerator.bit_length(), b.denominator.bit_length())
                if size <= _MAX_EXACT_BITS:
                    return b**k
                self.inexact = True
                if b <= 0:
                    raise _TooHard(f"a power too large to evaluate ({b}**{k})")
                return self.bounded_exp(self.iv(x) * self.ctx.log(self.iv(b)))
            if k < 0 and self.contains_zero(b):
                raise _TooHard("a negative power of an interval containing 0")
            return self.iv(b) ** k
        if isinstance(x, Fraction):
            # rational exponent p/q: exact when b is a perfect q-th power
            if isinstance(b, Fraction):
                if b < 0:
                    raise Undefined(f"a fractional power of the negative number {b}")
                if b == 0:
                    if x < 0:
                        raise Undefined("division by zero")
                    return Fraction(0)
                root = _rational_root(b, x.denominator)
                if root is not None:
                    return self.power(root, Fraction(x.numerator))
        # irrational: b**x = exp(x log b) with b > 0
        if isinstance(b, Fraction) and b == 0:
            self.positive(x, "the exponent of 0")
            return Fraction(0)
        self.positive(b, "a real power's base")
        self.inexact = True
        return self.bounded_exp(self.iv(x) * self.ctx.log(self.iv(b)))

    def contains_zero(self, v: Value) -> bool:
        lo, hi = _ends(self.iv(v))
        return bool(libmp.mpf_le(lo, libmp.fzero) and libmp.mpf_ge(hi, libmp.fzero))

    def positive(self, v: Value, what: str) -> None:
        """Raise Undefined if v <= 0 surely, _TooHard if undecided."""
        if isinstance(v, Fraction):
            if v <= 0:
                raise Undefined(f"{what} is {v}, not positive")
            return
        lo, hi = _ends(v)
        if libmp.mpf_le(hi, libmp.fzero):
            raise Undefined(f"{what} is not positive")
        if libmp.mpf_le(lo, libmp.fzero):
            raise _TooHard(f"{what} is not known to be positive")

    def exp(self, x: Value) -> Value:
        if isinstance(x, Fraction) and x == 0:
            return Fraction(1)
        self.inexact = True
        return self.bounded_exp(self.iv(x))

    def bounded_exp(self, x: Any) -> Any:
        """``exp`` of the interval ``x``, refused (too hard: undecided) when an end of ``x``
        is beyond ±2^:data:`_MAX_EXP_BITS`: mpmath would reduce it with ln 2 to about as
        many bits as the end has digits (``9**9**9**9``: hours and all the memory)."""
        for _sign, man, exp, bc in _ends(x):
            if man and exp + bc > _MAX_EXP_BITS:
                raise _TooHard(f"exp of a number beyond 2^{_MAX_EXP_BITS} (a value too "
                               "large to bound)")
        return self.ctx.exp(x)

    def log(self, x: Value) -> Value:
        self.positive(x, "the argument of log")
        if isinstance(x, Fraction) and x == 1:
            return Fraction(0)
        self.inexact = True
        return self.ctx.log(self.iv(x))

    def rounding(self, x: Value, down: bool) -> Value:
        if isinstance(x, Fraction):
            return Fraction(math.floor(x) if down else math.ceil(x))
        lo, hi = (_end_fraction(r) for r in _ends(x))
        if lo is None or hi is None:
            raise _TooHard("floor/ceiling of an unbounded interval")
        f = math.floor if down else math.ceil
        a, b = f(lo), f(hi)
        if a == b:
            return Fraction(a)
        return self.hull(Fraction(a), Fraction(b))

    def integer_values(self, v: Value, what: str) -> list[int]:
        """The integers an integer-valued argument may take (one if exact)."""
        if isinstance(v, Fraction):
            if v.denominator != 1:
                raise Undefined(f"{what} must be an integer, got {v}")
            return [v.numerator]
        lo, hi = (_end_fraction(r) for r in _ends(v))
        if lo is None or hi is None:
            raise _TooHard(f"{what} is not bounded")
        a, b = math.ceil(lo), math.floor(hi)
        if b < a:
            raise Undefined(f"{what} must be an integer")
        if b - a + 1 > _MAX_TERMS:
            raise _TooHard(f"{what} ranges over more than {_MAX_TERMS} integers")
        return list(range(a, b + 1))

    def hull_of(self, vals: list[Value]) -> Value:
        if all(isinstance(v, Fraction) for v in vals) and len(set(vals)) == 1:
            return vals[0]
        ends = [_ends(self.iv(v)) for v in vals]
        return self.ctx.make_mpf((min((e[0] for e in ends), key=_mpf_key),
                                  max((e[1] for e in ends), key=_mpf_key)))

    def binomial(self, a: Value, k: Value) -> Value:
        ks = self.integer_values(k, "the lower argument of binomial")
        return self.hull_of([self._binomial(a, kk) for kk in ks])

    def _binomial(self, a: Value, k: int) -> Value:
        if k < 0:
            return Fraction(0)
        if k > _MAX_BINOMIAL_K:
            raise _TooHard(f"binomial(., {k}): k beyond {_MAX_BINOMIAL_K}")
        if isinstance(a, Fraction):
            if a.denominator == 1 and a >= 0:
                return self.checked(Fraction(math.comb(a.numerator, k)))
            out = Fraction(1)
            for j in range(k):
                out = out * (a - j) / (j + 1)
            return self.checked(out)
        out_iv = self.iv(Fraction(1))
        for j in range(k):
            out_iv = out_iv * (a - j) / (j + 1)
        return out_iv

    def factorial(self, k: Value) -> Value:
        vals = []
        for kk in self.integer_values(k, "the argument of factorial"):
            if kk < 0:
                raise Undefined(f"factorial of {kk}")
            if kk > _MAX_FACTORIAL:
                raise _TooHard(f"factorial beyond {_MAX_FACTORIAL}")
            vals.append(Fraction(math.factorial(kk)))
        return self.hull_of(vals)

    def absolute(self, x: Value) -> Value:
        return abs(x)

    def extremum(self, vals: list[Value], biggest: bool) -> Value:
        if all(isinstance(v, Fraction) for v in vals):
            return max(vals) if biggest else min(vals)
        ends = [_ends(self.iv(v)) for v in vals]
        pick = max if biggest else min
        return self.ctx.make_mpf((pick((e[0] for e in ends), key=_mpf_key),
                                  pick((e[1] for e in ends), key=_mpf_key)))

    def summation(self, e: sp.Sum, local: Mapping[str, Fraction]) -> Value:
        (index, a_expr, b_expr), = e.limits
        name = str(index)
        a_vals = self.integer_values(self.ev(a_expr, local), "the first index of sum")
        b_vals = self.integer_values(self.ev(b_expr, local), "the last index of sum")
        first, last = min(a_vals), max(b_vals)
        if last - first + 1 > _MAX_TERMS:
            raise _TooHard(f"a sum of more than {_MAX_TERMS} terms")
        terms: dict[int, Value] = {}
        for j in range(first, last + 1):
            terms[j] = self.ev(e.function, {**local, name: Fraction(j)})
        results = []
        for a in a_vals:
            for b in b_vals:
                results.append(self.add([terms[j] for j in range(a, b + 1)]) if b >= a
                               else Fraction(0))
        return self.hull_of(results)


#: A sort key for raw mpf values (exact comparison, infinities included).
_mpf_key = cmp_to_key(libmp.mpf_cmp)


def _rational_root(x: Fraction, q: int) -> Fraction | None:
    """The rational q-th root of x > 0 when it exists."""
    if q == 1:
        return x
    if q > 4096:
        return None
    rn, exact_n = sp.integer_nthroot(x.numerator, q)
    if not exact_n:
        return None
    rd, exact_d = sp.integer_nthroot(x.denominator, q)
    return Fraction(int(rn), int(rd)) if exact_d else None


def evaluate(expr: sp.Expr, env: Mapping[str, Fraction | Bounds], bits: int = _START_BITS
             ) -> Fraction | tuple[Fraction, Fraction]:
    """The exact value of ``expr``, or a certified interval at ``bits`` of precision.

    Raises :class:`Undefined` when the formula has no value at ``env``.

    >>> from verify.conjecture.formula import parse_conjecture
    >>> e = parse_conjecture("sqrt(8*n) + log(8, 2) <= floor(exp(1))").inequalities[0]
    >>> evaluate(e.lhs, {"n": Fraction(2)}), evaluate(e.rhs, {})
    (Fraction(7, 1), Fraction(2, 1))
    """
    ev = _Evaluator(env, bits)
    try:
        v = ev.ev(expr, {})
    except _TooHard as exc:
        raise Undefined(str(exc)) from None
    if isinstance(v, Fraction):
        return v
    lo, hi = (_end_fraction(r) for r in _ends(v))
    if lo is None or hi is None:
        raise Undefined("the value is not bounded")
    return lo, hi


def _interval(ev: _Evaluator, v: Value) -> tuple[Fraction | None, Fraction | None]:
    lo, hi = _ends(ev.iv(v))
    return _end_fraction(lo), _end_fraction(hi)


def _as_value(ev: _Evaluator, v: Value) -> Fraction | tuple[Fraction, Fraction] | None:
    if isinstance(v, Fraction):
        return v
    lo, hi = _interval(ev, v)
    return None if lo is None or hi is None else (lo, hi)


def decide(
    ineq: Inequality,
    env: Mapping[str, Fraction | Bounds],
    max_bits: int = DEFAULT_MAX_BITS,
) -> Decision:
    """Decide ``ineq`` exactly at the quantities ``env`` (Fractions or :class:`Bounds`).

    Parameters
    ----------
    ineq : Inequality
    env : mapping
        Every quantity the inequality uses.
    max_bits : int
        The largest interval precision tried before answering ``unknown``.

    Returns
    -------
    Decision
        ``holds`` / ``fails`` decided exactly or by certified intervals, or
        ``unknown`` with the reason (undefined here, or not separated at
        ``max_bits``); never a float comparison.

    Examples
    --------
    >>> from verify.conjecture.formula import parse_conjecture
    >>> ineq = parse_conjecture("count < sqrt(count**2 + exp(-40))").inequalities[0]
    >>> d = decide(ineq, {"count": Fraction(104)}); d.verdict, d.method
    ('holds', 'certified interval refinement (mpmath interval arithmetic, 128 bits)')
    >>> decide(ineq, {"count": Bounds(Fraction(3), Fraction(5))}).verdict
    'unknown'
    """
    bits = _START_BITS
    while True:
        ev = _Evaluator(env, bits)
        decided = _decided_at(ev, ineq, bits)
        if isinstance(decided, Decision):
            return decided
        if bits >= max_bits:
            return _unknown(ev, f"{decided}; stopped at {max_bits} bits",
                            "certified interval refinement")
        bits = min(2 * bits, max_bits)


def _unknown(ev: _Evaluator, reason: str, method: str) -> Decision:
    """Undecided, with no value for the sides."""
    return Decision("unknown", None, None, None, None, False, reason=reason, method=method,
                    from_bounds=tuple(sorted(ev.used_bounds)))


def _decided_at(ev: _Evaluator, ineq: Inequality, bits: int) -> Decision | str:
    """The decision with ``ev``'s precision (``bits``), or why a higher precision may
    decide: the sides could not be evaluated (too hard) or not be separated."""
    try:
        small, big = ev.ev(ineq.small, {}), ev.ev(ineq.big, {})
    except Undefined as exc:
        return _unknown(ev, f"the formula is undefined here: {exc}", "none")
    except _TooHard as exc:
        return str(exc) if ev.inexact else _unknown(ev, str(exc), "none")
    lhs, rhs = (small, big) if ineq.op in ("<=", "<") else (big, small)
    if ineq.small == ineq.big:  # the same expression: equal wherever it is defined
        verdict = "fails" if ineq.strict else "holds"
        exact = isinstance(small, Fraction)
        return Decision(verdict, _as_value(ev, lhs), _as_value(ev, rhs), Fraction(0),
                        Fraction(1) if _positive(small) else None, exact,
                        method="the two sides are the same expression",
                        from_bounds=tuple(sorted(ev.used_bounds)))
    if isinstance(small, Fraction) and isinstance(big, Fraction):
        slack = big - small
        ok = slack > 0 if ineq.strict else slack >= 0
        ratio = big / small if small > 0 and big > 0 else None
        return Decision("holds" if ok else "fails", lhs, rhs, slack, ratio, True)
    return _separated(ev, ineq, small, big, lhs, rhs, bits)


def _separated(ev: _Evaluator, ineq: Inequality, small: Value, big: Value, lhs: Value,
               rhs: Value, bits: int) -> Decision | str:
    """Sides not both exact: decided when the certified interval of ``big − small`` lies on
    one side of 0; else unknown when only certified bounds of quantities are uncertain
    (precision cannot help), or the reason to refine."""
    diff = ev.iv(big) - ev.iv(small)
    d_lo, d_hi = _ends(diff)
    zero = libmp.fzero
    if ineq.strict:
        holds, fails = libmp.mpf_gt(d_lo, zero), libmp.mpf_le(d_hi, zero)
    else:
        holds, fails = libmp.mpf_ge(d_lo, zero), libmp.mpf_lt(d_hi, zero)
    if holds or fails:
        return _interval_decision(ev, ineq, small, big, lhs, rhs, diff,
                                  "holds" if holds else "fails", bits)
    if not ev.inexact:
        names = ", ".join(sorted(ev.used_bounds))
        return Decision(
            "unknown", _as_value(ev, lhs), _as_value(ev, rhs), _as_value(ev, diff),
            None, False, reason=f"not decided by the certified bounds on {names}",
            method="certified bounds", from_bounds=tuple(sorted(ev.used_bounds)))
    return (f"the two sides are not separated at {bits} bits of precision "
            "(they may be equal)")


def _positive(v: Value) -> bool:
    if isinstance(v, Fraction):
        return v > 0
    return bool(libmp.mpf_gt(_ends(v)[0], libmp.fzero))


def _interval_decision(ev: _Evaluator, ineq: Inequality, small: Value, big: Value, lhs: Value,
                       rhs: Value, diff: Value, verdict: str, bits: int) -> Decision:
    ratio = None
    if _positive(small):
        r = ev.iv(big) / ev.iv(small)
        ratio = _as_value(ev, r)
    used = tuple(sorted(ev.used_bounds))
    method = f"certified interval refinement (mpmath interval arithmetic, {bits} bits)"
    if used and not ev.inexact:
        method = "certified bounds"
    note = []
    for name, v in (("lhs", lhs), ("rhs", rhs)):
        if not isinstance(v, Fraction):
            note.append(f"{name} is a certified interval: its exact value lies in it")
    if used:
        note.append("decided from certified bounds on " + ", ".join(used))
    return Decision(verdict, _as_value(ev, lhs), _as_value(ev, rhs), _as_value(ev, diff), ratio,
                    False, bits=bits if ev.inexact else None, method=method, from_bounds=used,
                    notes=note)
