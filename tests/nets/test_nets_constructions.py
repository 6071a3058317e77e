"""The l_inf distance gadget and the robust memorizer of Appendix B."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from nets_strategies import small_rationals

from verify.errors import InvalidArgument
from verify.nets import linf_distance_net, robust_memorizer

vec = st.integers(min_value=1, max_value=6).flatmap(
    lambda d: st.tuples(
        st.lists(small_rationals, min_size=d, max_size=d),
        st.lists(small_rationals, min_size=d, max_size=d),
    )
)


@given(vec)
@example(([Fraction(0)], [Fraction(0)]))
@example(([Fraction(1), Fraction(-1), Fraction(2)], [Fraction(-1), Fraction(1), Fraction(2)]))
def test_distance_gadget_equals_linf_distance(pair) -> None:  # type: ignore[no-untyped-def]
    x0, x = pair
    net = linf_distance_net(x0)
    assert net.evaluate(x) == max(abs(a - b) for a, b in zip(x, x0, strict=True))


@pytest.mark.parametrize("d, hidden", [(1, [2]), (2, [4, 4]), (3, [6, 6, 4]), (5, [10, 10, 6, 4])])
def test_distance_gadget_shape(d: int, hidden: list[int]) -> None:
    net = linf_distance_net([0] * d)
    assert list(net.widths[1:-1]) == hidden


def test_memorizer_values_on_balls() -> None:
    pts = [[0, 0], [1, 1], [0, 1], [1, 0]]
    net = robust_memorizer(pts, "+-+-", "1/2", "1/4")
    # within delta of a +1 point: >= 1/2; of a -1 point: exactly -1/2
    for p, y in zip(pts, (1, -1, 1, -1), strict=True):
        for dx in (Fraction(-1, 4), 0, Fraction(1, 4)):
            for dy in (Fraction(-1, 4), Fraction(1, 8), Fraction(1, 4)):
                v = net.evaluate([p[0] + dx, p[1] + dy])
                assert (v >= Fraction(1, 2)) if y > 0 else (v == Fraction(-1, 2))


def test_memorizer_refuses_unseparated_classes_and_bad_delta() -> None:
    with pytest.raises(InvalidArgument, match="different labels"):
        robust_memorizer([[0], [Fraction(9, 10)]], "+-", "1/2", "1/4")
    with pytest.raises(InvalidArgument, match="delta"):
        robust_memorizer([[0], [1]], "+-", "1/2", "1/2")
    with pytest.raises(InvalidArgument):
        robust_memorizer([[0], [1]], "+-", 0.5, "1/4")
