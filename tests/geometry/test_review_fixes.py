"""Regression tests for geometry input handling found in review."""

from __future__ import annotations

import json

import pytest

from verify.cli import main
from verify.errors import InvalidArgument
from verify.geometry import load_points_json, phi_labels
from verify.labels import parse_labels


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_points_file_with_json_constants_is_one_error_line(tmp_path, capsys, constant):
    f = tmp_path / "p.json"
    f.write_text(f"[[{constant}, 1]]")
    with pytest.raises(InvalidArgument, match=constant):
        load_points_json(str(f))
    assert main(["points", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error:") and constant in err


@pytest.mark.parametrize("bits", ["10", "01", "001", "0110", "1"])
def test_phi_bits_read_like_labels_everywhere(bits):
    # a 0/1 string of n digits is the labeling point by point, as --labels reads it
    assert phi_labels(bits, len(bits)) == parse_labels(bits, len(bits))


def test_phi_decimal_and_binary_integers_stay_bit_packed():
    assert phi_labels("6", 3) == (-1, 1, 1)
    assert phi_labels("0b110", 3) == (-1, 1, 1)
    assert phi_labels(6, 3) == (-1, 1, 1)


def test_construction_phi_bits_on_the_command_line(capsys):
    assert main(["construction", "--K", "2", "--d", "2", "--eps", "1/4", "--c", "1/2",
                 "--phi", "10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    names = {c["name"]: c for c in data["checks"]}
    assert names["separated"]["holds"] is True
    assert names["f_star_realizes_phi"]["holds"] is True
    assert names["separated"]["phis_checked"] == 1
    # point 0 is +1 (lifted up), point 1 is -1 (lifted down): the closest pair is
    # A[0] = (1/2, 5/8) and B[0] = (1, 3/8)
    assert names["separated"]["pair"]["a"] == ["1/2", "5/8"]
    assert names["separated"]["pair"]["b"] == ["1/1", "3/8"]


def test_separation_text_interval_is_rounded_outward(tmp_path, capsys):
    # sqrt(2) = 1.41421356237309...: 12 digits rounded to nearest would give the
    # empty-looking [1.41421356237, 1.41421356237], which excludes sqrt(2)
    origin = tmp_path / "o.json"
    origin.write_text("[[0, 0]]")
    assert main(["separation", str(origin), "grid:1:2", "--norm", "2"]) == 0
    out = capsys.readouterr().out
    assert "distance^2 = 2  (distance in [1.41421356237, 1.41421356238])" in out


def test_huge_coordinates_do_not_overflow_floats(tmp_path, capsys):
    big = tmp_path / "big.json"
    big.write_text("[[1e400, 2]]")
    small = tmp_path / "small.json"
    small.write_text('[[1, "1/2"]]')
    assert main(["separation", str(big), str(small), "--norm", "2", "--linear",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["distance_squared"] == f"{(10**400 - 1) ** 2 * 4 + 9}/4"
    assert data["linearly_separable"]["holds"] is True
    assert main(["separation", str(big), str(small), "--norm", "2"]) == 0
    assert "E+400" in capsys.readouterr().out


def test_lipschitz_text_shows_l2_quotients_as_outward_intervals(tmp_path, capsys):
    a = tmp_path / "a.json"
    a.write_text("[[0, 0]]")
    b = tmp_path / "b.json"
    b.write_text("[[1, 1]]")
    assert main(["lipschitz", "--norm", "2", "--eps", "1/2", "--A", str(a), "--B",
                 str(b)]) == 0
    out = capsys.readouterr().out
    assert "Fraction(" not in out
    line = next(x for x in out.splitlines() if "worst quotient" in x)
    lo, hi = (float(t) for t in line.split("[")[1].split("]")[0].split(","))
    assert lo < hi <= 2
    assert main(["lipschitz", "--norm", "2", "--eps", "1/10", "--dim", "3",
                 "--examples", "3", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "worst Lipschitz quotient: in [" in out and "Fraction(" not in out


@pytest.mark.parametrize("spec", ["grid:10:5000", "cube:20000", "grid:1:1000000000",
                                  "stilde:1:100000000"])
def test_absurd_specs_are_refused_without_building_them(capsys, spec):
    # 10^5000 has more digits than Python will print; these used to be tracebacks or hangs
    assert main(["points", spec]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error:") and "at most" in err


def test_random_separated_sets_stay_in_the_unit_cube_at_eps_one_half():
    import random
    from fractions import Fraction

    from verify.encodings import random_separated_sets
    from verify.geometry import separation

    rng = random.Random(0)
    for _ in range(40):
        A, B = random_separated_sets(rng, 2, Fraction(1, 2), "inf", boundary=True)
        assert all(0 <= c <= 1 for p in A + B for c in p)
        sep = separation(A, B, "inf", Fraction(1, 2))
        assert sep.holds and sep.evidence["distance"] == 1


def test_construction_refuses_work_that_would_take_hours(capsys):
    from verify.geometry import construction_checks

    with pytest.raises(InvalidArgument, match="smaller --count"):
        construction_checks(None, 3, "1/128", "1/2", phi="random", count=1000)  # 4096 points
    with pytest.raises(InvalidArgument, match="at most 2"):
        construction_checks(2, 6, "1/4", "1/2", phi="all")  # 2^32 labelings
    assert main(["construction", "--d", "3", "--eps", "1/128", "--c", "1/2", "--count",
                 "1000"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error:")


def test_lipschitz_examples_beyond_the_limit_is_one_error_line(capsys):
    assert main(["lipschitz", "--norm", "1", "--eps", "1/4", "--examples", "50000"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "examples must be <= 10000" in err


def test_construction_step_under_linf_is_refused_not_ignored(capsys):
    assert main(["construction", "--d", "3", "--eps", "1/4", "--c", "1/2", "--step",
                 "1/8"]) == 2
    assert "step applies to the l_2 construction only" in capsys.readouterr().err


def test_trials_say_whether_the_worst_quotient_is_exact():
    from verify.encodings import prop32_trials

    out = prop32_trials("2", "1/10", seed=4, examples=3, dims=(3,))
    assert out["worst_quotient_exact"] is False
    lo, hi = out["worst_case"]["quotient_interval"]
    assert lo < hi == out["worst_quotient"]
    out = prop32_trials("inf", "1/10", seed=4, examples=3, dims=(3,))
    assert out["worst_quotient_exact"] is True
    assert out["worst_case"]["quotient"] == out["worst_quotient"]


def test_points_header_counts_one_point_in_the_singular(capsys):
    assert main(["points", "grid:1:2"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "# grid:1:2: 1 point in R^2"
    assert main(["points", "cube:1"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "# cube:1: 2 points in R^1"
