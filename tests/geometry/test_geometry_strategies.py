"""The public strategies produce what they promise."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given

from verify.geometry import in_unit_cube, parse_spec, separation
from verify.strategies import (
    labelings,
    point_set_specs,
    point_sets,
    separated_instances,
    separated_sets,
)


@given(separated_instances())
def test_separated_instances_are_separated_and_in_the_cube(inst) -> None:
    chk = separation(inst.A, inst.B, inst.norm, inst.eps)
    assert chk.holds is True
    assert in_unit_cube(inst.points).holds
    assert inst.labels.count(1) == len(inst.A) >= 1 and len(inst.B) >= 1
    assert not set(inst.A) & set(inst.B)
    key = chk.evidence["distance_squared" if inst.norm == "2" else "distance"]
    two = 2 * inst.eps
    assert inst.exact_boundary == (key == (two * two if inst.norm == "2" else two))


@given(separated_sets(3, "1/3", "2", exact_boundary=True))
def test_exact_boundary_means_distance_exactly_2eps(inst) -> None:
    chk = separation(inst.A, inst.B, "2", inst.eps)
    assert chk.evidence["distance_squared"] == 4 * inst.eps**2 == Fraction(4, 9)


@given(point_set_specs(max_points=32))
def test_specs_parse(spec) -> None:
    assert 1 <= len(parse_spec(spec)) <= 32


@given(point_sets(2, min_size=2, max_size=4), labelings(3))
def test_point_sets_and_labelings(pts, y) -> None:
    assert len(set(pts)) == len(pts) and all(0 <= c <= 1 for p in pts for c in p)
    assert set(y) <= {-1, 1} and len(y) == 3
