"""Range syntax of the sweep and the order that defines the smallest counterexample."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from verify.conjecture.data import affine_basis, half_min_distance
from verify.conjecture.sweep import (
    Instance,
    PointSpec,
    instance_key,
    parse_archs,
    parse_classes,
    parse_int_values,
    parse_points,
)
from verify.errors import InvalidArgument
from verify.geometry.pointsets import cube, grid


def test_point_ranges():
    assert [p.spec for p in parse_points("grid:2..5:2,cube:3")] == [
        "grid:2:2", "grid:3:2", "grid:4:2", "grid:5:2", "cube:3"]
    assert [(p.spec, p.K) for p in parse_points("stilde:3:2..3")] == [
        ("stilde:3:2", 3), ("stilde:3:3", 3)]
    assert [p.spec for p in parse_points("cube:1..2, cube:2")] == ["cube:1", "cube:2"]


def test_arch_and_class_ranges():
    assert parse_archs("2-1..3-1") == ["2-1-1", "2-2-1", "2-3-1"]
    assert parse_archs("2-1..2-1..2-1") == ["2-1-1-1", "2-1-2-1", "2-2-1-1", "2-2-2-1"]
    assert parse_archs("halfspaces,2-2-1") == ["halfspaces", "2-2-1"]
    assert parse_classes("real,int:0..2") == ["real", "int:0", "int:1", "int:2"]
    assert parse_int_values("5,0..2", "--m") == [0, 1, 2, 5]


@pytest.mark.parametrize("call, text, fragment", [
    (parse_points, "grid:5..2:2", "--points: 'grid:5..2:2': the range '5..2' is empty"),
    (parse_points, "grid:2..x:2", "--points: 'grid:2..x:2': '2..x' is not an integer"),
    (parse_points, "grid:3", "--points: 'grid:3' is malformed; expected grid:K:m"),
    (parse_points, "grid:2:2,,cube:3", "has an empty entry"),
    (parse_points, "cube:1..100000", "has more than 10000 values"),
    (parse_archs, "2-x-1", "--arch: '2-x-1': 'x' is not an integer"),
    (parse_archs, "2-3..1-1", "the range '3..1' is empty"),
    (parse_archs, "2-0..1-1", "widths must be >= 1"),
    (parse_archs, "2-2-2", "the last layer must be 1 output"),
    (parse_archs, "2--1", "is malformed"),
    (parse_classes, "int:x", "--class: 'int:x': 'x' is not an integer"),
    (parse_classes, "complex", "is not a class"),
])
def test_malformed_parts_are_named(call, text, fragment):
    with pytest.raises(InvalidArgument) as exc:
        call(text)
    assert fragment in str(exc.value)


def test_smallest_is_fewest_points_then_smallest_parameters():
    g2, g3 = PointSpec("grid:2:2", 2), PointSpec("grid:3:2", 3)
    insts = [Instance(g3, "2-1-1", "real"), Instance(g2, "2-3-1", "real"),
             Instance(g2, "2-2-1", "int:5"), Instance(g2, "2-2-1", "real"),
             Instance(g2, "2-2-1", "int:1"), Instance(g2, "halfspaces"),
             Instance(g2, "2-2-1", "real", m=3), Instance(g2, "2-2-1", "real", m=1)]
    want = [(g2, "halfspaces", None, None), (g2, "2-2-1", "int:1", None),
            (g2, "2-2-1", "int:5", None), (g2, "2-2-1", "real", None),
            (g2, "2-2-1", "real", 1), (g2, "2-2-1", "real", 3),
            (g2, "2-3-1", "real", None), (g3, "2-1-1", "real", None)]
    rng = random.Random(7)
    for _ in range(20):
        rng.shuffle(insts)
        got = [(i.points, i.arch, i.cls, i.m) for i in sorted(insts, key=instance_key)]
        assert got == want


def test_parameters_count_weights_and_biases():
    assert Instance(PointSpec("grid:2:2"), "2-3-1", "real").parameters == 3 * 3 + 4 * 1
    assert Instance(PointSpec("cube:3"), "halfspaces").parameters == 4


def test_affine_basis_and_eps_against_hand_values():
    assert len(affine_basis(cube(3))) == 4
    assert len(affine_basis(grid(4, 2))) == 3
    assert len(affine_basis(tuple((Fraction(i), Fraction(2 * i)) for i in range(5)))) == 2
    assert half_min_distance(grid(3, 2)) == Fraction(1, 6)     # K = floor(1/(2 eps)) = 3
    assert half_min_distance(cube(2)) == Fraction(1, 2)
