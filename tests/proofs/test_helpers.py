"""Property tests of the exact helpers behind the claim checks."""

from __future__ import annotations

import json
import math
from fractions import Fraction

from hypothesis import example, given
from hypothesis import strategies as st

from proofs._certified import ln_bounds
from proofs._util import decimal_text
from proofs.claim import ClaimResult, strip_timings
from verify.report.markdown import compact_json

positive_rationals = st.fractions(min_value=Fraction(1, 10**6), max_value=10**6)


@given(positive_rationals, st.integers(1, 90))
@example(Fraction(1), 10)
@example(Fraction(4, 3), 10)  # the edge of the range reduction
@example(Fraction(2, 3), 10)
def test_ln_bounds_certified(q: Fraction, bits: int) -> None:
    lo, hi = ln_bounds(q, bits)
    assert lo <= hi and hi - lo <= Fraction(1, 2**bits)
    # exp is monotone: e^lo <= q <= e^hi, checked with a float only far from the ends
    x = math.log(q)
    assert float(lo) <= x + 1e-9 and x - 1e-9 <= float(hi)


@given(positive_rationals, positive_rationals)
def test_ln_bounds_additive(a: Fraction, b: Fraction) -> None:
    alo, ahi = ln_bounds(a, 40)
    blo, bhi = ln_bounds(b, 40)
    plo, phi = ln_bounds(a * b, 40)
    # ln(ab) = ln a + ln b: the enclosures must intersect
    assert plo <= ahi + bhi and alo + blo <= phi


@given(st.fractions(min_value=-1000, max_value=1000), st.integers(0, 12))
@example(Fraction(-1, 3), 3)
@example(Fraction(0), 0)
def test_decimal_text_truncates_exactly(x: Fraction, digits: int) -> None:
    text = decimal_text(x, digits)
    shown = Fraction(text)
    assert abs(shown) <= abs(x) < abs(shown) + Fraction(1, 10**digits)
    assert (digits == 0) == ("." not in text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=5),
    max_leaves=30,
)


@given(json_values, st.integers(10, 120))
def test_compact_json_is_json(value: object, width: int) -> None:
    assert json.loads(compact_json(value, width=width)) == value


@given(st.dictionaries(st.sampled_from(["seconds", "n", "time", "x"]), st.integers(), max_size=4))
def test_results_round_trip_without_timings(evidence: dict[str, int]) -> None:
    r = ClaimResult("c", "C", "s", {"eps": Fraction(1, 3)}, "holds-on-instances",
                    {"inner": evidence}, "e")
    data = json.loads(json.dumps(r.to_json()))
    assert ClaimResult.from_json(data).to_json() == data
    assert "seconds" not in data["evidence"]["inner"] and "time" not in data["evidence"]["inner"]
    assert strip_timings({"a": [{"seconds": 1, "b": 2}]}) == {"a": [{"b": 2}]}


def _exp_bounds(x: Fraction, terms: int) -> tuple[Fraction, Fraction]:
    """Rational lo <= e^x <= hi from the Taylor series (independent of ln_bounds)."""
    if x < 0:
        lo, hi = _exp_bounds(-x, terms)
        return 1 / hi, 1 / lo
    total, term = Fraction(0), Fraction(1)
    for k in range(terms + 1):
        total += term
        term = term * x / (k + 1)
    # remainder x^(N+1)/(N+1)! * e^x with e^x <= 3^ceil(x)
    return total, total + term * 3 ** math.ceil(x)


@given(st.fractions(min_value=Fraction(1, 1000), max_value=1000, max_denominator=1000),
       st.integers(1, 40))
@example(Fraction(1), 5)
@example(Fraction(2), 40)
@example(Fraction(4, 3), 30)
@example(Fraction(2, 3), 30)
def test_ln_bounds_exact_against_exp(q: Fraction, bits: int) -> None:
    """e^lo <= q <= e^hi, decided in rationals (no floats)."""
    lo, hi = ln_bounds(q, bits)
    for terms in (60, 120, 240):
        lo_up = _exp_bounds(lo, terms)[1]
        hi_down = _exp_bounds(hi, terms)[0]
        if lo_up <= q <= hi_down:
            break
    assert lo_up <= q <= hi_down
