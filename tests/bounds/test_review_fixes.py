"""Regression tests for input limits and display of bound (1) found in review."""

from __future__ import annotations

from fractions import Fraction

import pytest

from verify.bounds import MAX_POWER_BITS, bound_chain, check_parameters
from verify.bounds._num import approx_sqrt, sci_sqrt
from verify.errors import InvalidArgument


def test_alpha_with_a_huge_denominator_is_refused_not_a_traceback(cli):
    # 1e-5000 is exact (1/10^5000); its text would exceed Python's 4300-digit limit
    err = cli.error(["bound", "--K", "3", "--d", "3", "--alpha", "1e-5000"])
    assert "denominator" in err
    err = cli.error(["vc-step", "--K", "3", "--d", "3", "--alpha", "1e-5000"])
    assert "denominator" in err
    cli.error(["bound", "--K", "3", "--d", "3", "--alpha", "1e-999999"])


def test_alpha_with_a_long_denominator_still_works_in_text(cli):
    # 1e-1200: a 1201-digit denominator, below the limit; the text output must not crash
    run = cli(["bound", "--K", "3", "--d", "3", "--alpha", "1e-1200"])
    assert run.code == 0
    out = run.out
    assert "is not an integer; a = ceil = 9" in out


def test_power_size_limit_counts_alpha_bits():
    # n = 10^6 with alpha = 1/10 (6 bits per factor) is accepted ...
    assert check_parameters(1000, 3, "1/10")[3] == 10**6
    # ... but a 20-bit denominator at the same n would take minutes: refused up front
    with pytest.raises(InvalidArgument, match="exact powers"):
        check_parameters(1000, 3, "1/1000003")
    with pytest.raises(InvalidArgument, match="exact powers"):
        bound_chain(1000, 3, "1/1000")
    n = 10**5
    bits = n * (1 + Fraction(1, 1000003).denominator.bit_length() + 1)
    assert bits <= MAX_POWER_BITS
    assert check_parameters(10, 6, "1/1000003")[3] == n


def test_approx_sqrt_of_huge_nonsquare_and_square():
    x = Fraction(8, 5) ** 4001  # not a square of a rational (odd exponent)
    assert approx_sqrt(x) == "≈" + sci_sqrt(x)
    y = Fraction(3, 7) ** 400  # a square; too long to show exactly either way
    assert approx_sqrt(y) == "≈" + sci_sqrt(y)
    assert sci_sqrt(Fraction(9, 49) ** 200) == sci_sqrt(Fraction(3, 7) ** 400)
    # small squares are still shown exactly
    assert approx_sqrt(Fraction(4, 9)) == Fraction(2, 3)


def test_tables_refuse_ranges_whose_exact_powers_would_take_many_minutes(cli):
    from verify.bounds import bounds_table, vc_table

    # K = 1..1000 at d = 3 sums n = K^2 to about 3.3 * 10^8: refused at once, not run
    with pytest.raises(InvalidArgument, match="per table"):
        bounds_table("1:1000", "3", "1/10")
    with pytest.raises(InvalidArgument, match="per table"):
        vc_table("1:1000", "3", "1/10")
    err = cli.error(["table", "bounds", "--K", "1:1000", "--d", "3"])
    assert "per table" in err
    # each combination is validated before any work
    with pytest.raises(InvalidArgument, match="exact powers"):
        bounds_table("2,1000", "3", "1/1000003")
    # the defaults still work
    assert len(bounds_table().rows) > 0


def test_latex_output_has_no_text_mode_comparisons_or_unset_unicode(cli):
    # text-mode < and > print as ¡ and ¿ under OT1; Ω breaks pdflatex without set-up
    import re

    for table in ("bounds", "vc", "sizes", "table1"):
        run = cli(["table", table, "--format", "latex"])
        assert run.code == 0
        tex = run.out
        text_mode = re.sub(r"\$[^$]*\$", "", re.sub(r"\\ifdim\\\w+>|>\{\\raggedright", "", tex))
        assert not re.search(r"[<>]", text_mode), table
        assert all(ord(ch) < 128 for ch in tex), table


def test_table1_with_every_combination_skipped_is_an_error_not_an_empty_table(cli):
    err = cli.error(["table", "table1", "--k", "20", "--d", "10"])
    assert "k > d" in err
    run = cli(["table", "table1", "--k", "2,20", "--d", "10"])
    assert run.code == 0 and "1 combinations with k > d skipped" in run.out
