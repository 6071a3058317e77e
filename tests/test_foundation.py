"""The foundation: rational parsing, labels, point specs, the CLI harness."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verify.cli import main
from verify.errors import InvalidArgument
from verify.exact import fraction_text, require_int, to_rational
from verify.geometry.pointsets import parse_spec
from verify.labels import pack_labels, parse_labels, unpack_labels


@given(st.fractions())
def test_fraction_text_round_trips(x: Fraction) -> None:
    assert to_rational(fraction_text(x)) == x


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6))
def test_decimal_text_is_read_exactly(x) -> None:  # type: ignore[no-untyped-def]
    assert to_rational(str(x)) == Fraction(x)


@pytest.mark.parametrize(
    "bad", [0.1, True, "1/0", "", "nan", "1//2", None, "1e", [1], float("nan"), float("-inf")]
)
def test_to_rational_refuses(bad: object) -> None:
    with pytest.raises(InvalidArgument):
        to_rational(bad)


@pytest.mark.parametrize("bad", ["1.5", 2.0, "x", False])
def test_require_int_refuses(bad: object) -> None:
    with pytest.raises(InvalidArgument):
        require_int(bad, "K")


@given(st.lists(st.sampled_from([1, -1]), min_size=1, max_size=70))
def test_labels_pack_unpack(labels: list[int]) -> None:
    bits = pack_labels(labels)
    assert unpack_labels(bits, len(labels)) == tuple(labels)
    assert parse_labels("".join("+" if v > 0 else "-" for v in labels)) == tuple(labels)


def test_specs_sizes_and_order() -> None:
    assert len(parse_spec("grid:3:2")) == 9
    s = parse_spec("stilde:2:3")
    assert s.points[1] == (Fraction(1, 2), Fraction(1), Fraction(1, 2))
    assert len(parse_spec("cube:4")) == 16


@pytest.mark.parametrize(
    "spec", ["grid:2", "stilde:3:1", "cube:-1", "grid:a:2", "no/such/file.json", "cube:99"]
)
def test_bad_specs(spec: str) -> None:
    with pytest.raises(InvalidArgument):
        parse_spec(spec)


def test_bad_points_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text("[[1, 2], [3]]")
    with pytest.raises(InvalidArgument, match="dimension"):
        parse_spec(str(bad))
    bad.write_text("import os")
    with pytest.raises(InvalidArgument, match="JSON"):
        parse_spec(str(bad))
    bad.write_text('[[1, 0.1]]')  # a JSON decimal literal is read exactly from its text
    assert parse_spec(str(bad)).points[0][1] == Fraction(1, 10)
    bad.write_text('[[1, true]]')
    with pytest.raises(InvalidArgument, match="boolean"):
        parse_spec(str(bad))
    good = tmp_path / "good.json"
    good.write_text('{"points": [[0, "1/2"], [1, 1]], "labels": "+-"}')
    ps = parse_spec(str(good))
    assert ps.labels == (1, -1) and ps.points[0][1] == Fraction(1, 2)


def test_cli_unknown_command_is_one_line(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["no-such-command"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:")


def test_python_dash_m_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "verify", "--help"], capture_output=True, text=True, check=True
    )
    assert "Exact verification toolkit" in out.stdout


def test_labels_starting_with_minus_are_values(capsys) -> None:  # type: ignore[no-untyped-def]
    # "--labels -++-" would otherwise be read by argparse as an unknown option.
    assert main(["realize", "--arch", "2-1-1", "--points", "cube:2", "--labels", "-++-",
                 "--json"]) == 1  # unrealizable: exit 1
    assert '"status": "unrealizable"' in capsys.readouterr().out
    assert main(["realize", "--arch", "2-1-1", "--points", "cube:2", "--labels", "----",
                 "--json"]) == 0
    assert '"status": "realizable"' in capsys.readouterr().out


def test_negative_numbers_reach_their_own_validation(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["bound", "--K", "3", "--d", "3", "--alpha", "-1/10"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: alpha must lie in [0, 1/2), got -1/10"]


def test_huge_exponents_are_refused_not_computed() -> None:
    with pytest.raises(InvalidArgument, match="exponent"):
        to_rational("1e999999999")
    assert to_rational("1e-300") == Fraction(1, 10**300)


def test_rationals_beyond_python_digit_limit_are_written_exactly() -> None:
    import sys

    x = Fraction(-(3**20000) - 1, 7**9000)
    text = fraction_text(x)
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        assert text == f"{x.numerator}/{x.denominator}"
        assert Fraction(int(text.split("/")[0]), int(text.split("/")[1])) == x
    finally:
        sys.set_int_max_str_digits(limit)
