"""Parsing a conjecture: the language is accepted, unsafe or unknown input is refused."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from verify.conjecture.formula import is_quantity, parse_conjecture
from verify.errors import InvalidArgument


def texts(source):
    return [i.text for i in parse_conjecture(source).inequalities]


def test_the_issue_formula_and_its_quantities():
    c = parse_conjecture("count <= 2*sum(binomial(K**2 - 1, i), (i, 0, 2*h + 1))")
    (ineq,) = c.inequalities
    assert ineq.op == "<=" and ineq.small == sp.Symbol("count")
    assert c.quantities == {"count", "K", "h"}  # the sum index i is bound, not a quantity
    assert ineq.text == "count <= 2*Sum(binomial(K**2 - 1, i), (i, 0, 2*h + 1))"


def test_sympy_syntax_conveniences():
    assert texts("count <= 3h") == ["count <= 3*h"]            # implicit multiplication
    assert texts("count <= 2(h + 1)") == ["count <= 2*(h + 1)"]
    assert texts("Pi <= 2^m") == ["Pi <= 2**m"]                # ^ is a power, as in sympy
    assert texts("count >= n // 2") == ["count >= floor(n/2)"]
    assert texts("count <= 0.1*n") == ["count <= n/10"]        # decimals are exact
    assert texts("log(n, 2) <= n") == ["log(n)/log(2) <= n"]
    assert texts("E**n > pi") == ["E**n > pi"]


def test_several_inequalities():
    assert texts("Pi <= 2^m; 0 < count <= 2**n") == ["Pi <= 2**m", "0 < count",
                                                     "count <= 2**n"]
    assert texts("vc <= n and count >= 1") == ["vc <= n", "count >= 1"]
    assert texts("(vc <= n, count >= 1)") == ["vc <= n", "count >= 1"]
    assert texts(["vc <= n", "count >= 1"]) == ["vc <= n", "count >= 1"]


def test_nothing_is_evaluated_while_parsing():
    # sympy would compute these eagerly (and hang): the parser builds them unevaluated
    c = parse_conjecture("factorial(10**10) + 2**2**100 > n")
    assert c.quantities == {"n"}


@pytest.mark.parametrize("text, fragment", [
    ("count <= x", "unknown name 'x'"),
    ("count <= f(n)", "unknown function 'f'"),
    ("__import__('os').system('true') <= 1", "unknown name '__import__'"),
    ("count.real <= 1", "'.' is not allowed"),
    ("n.__class__ <= 1", "'.' is not allowed"),
    ("count[0] <= 1", "'[' is not allowed"),
    ("lambda: 1 < 2", "':' is not allowed"),
    ("(n := 3) < 4", "':=' is not allowed"),
    ("count <= 'abc'", "is not allowed"),
    ("count <= 1j", "1j is not allowed"),
    ("count == n", "'==' is not allowed (use <=, <, >= or >)"),
    ("count = n", "'=' is not allowed"),
    ("count <= n or n <= 1", "'or' is not allowed"),
    ("count + n", "is not an inequality"),
    ("n <=", "cannot parse"),
    ("sum(i, (n, 0, 3)) <= 2", "the sum index 'n' is already a name"),
    ("sum(i, 3) <= 1", "must be a tuple (index, first, last)"),
    ("i <= sum(i, (i, 0, 3))", "unknown name 'i'"),     # the index exists inside its sum only
    ("n(2) < 3", "n(...) calls a quantity"),
    ("log <= 2", "log is a function"),
    ("binomial(n) <= 1", "binomial() takes 2 argument(s), got 1"),
    ("count <= n # comment", "'#' is not allowed"),
    ("count <= min(*n)", "is not allowed"),
    ("count <= 1 if n else 2", "is not an inequality"),
    ("count <= sqrt(n, base=2)", "'=' is not allowed"),
    ("count <= " + "9" * 1200, "numbers have at most 1000 digits"),
    ("count <= " + "+".join(["n"] * 600), "too large"),
    ("", "empty"),
])
def test_refused_with_the_part_named(text, fragment):
    with pytest.raises(InvalidArgument) as exc:
        parse_conjecture(text)
    assert fragment in str(exc.value)
    assert str(exc.value).startswith("formula: ")


def test_quantity_names():
    assert all(is_quantity(q) for q in ("n", "m", "Pi", "count", "vc", "K", "d", "h", "h1",
                                        "h12", "Q", "W", "alpha", "eps"))
    assert not any(is_quantity(q) for q in ("pi", "h0", "x", "counts", "e"))


@given(st.text(alphabet=st.sampled_from(list("nmhK() +-*/<=>^,.;_[]'0123456789abcdefgiopstux")),
               max_size=40))
def test_any_text_parses_or_is_refused_cleanly(text):
    """Random text either parses into inequalities over known names or is refused with
    InvalidArgument (never another exception, never evaluated)."""
    try:
        c = parse_conjecture(text)
    except InvalidArgument:
        return
    assert c.inequalities
    assert all(is_quantity(q) for q in c.quantities)
