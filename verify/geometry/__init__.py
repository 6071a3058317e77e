"""Point sets, exact norms, separation, linear separability, f* and Theorem 4.3's sets.

>>> from verify.geometry import separation
>>> separation("cube:1", [("1/2",)], "inf").evidence["distance"]
Fraction(1, 2)
"""

from verify.geometry.chambers import (
    CharacteristicPolynomial,
    chamber_count,
    characteristic_polynomial,
    characteristic_polynomial_of_vectors,
    point_symmetry_group,
)
from verify.geometry.checks import Check, in_unit_ball, in_unit_cube, separation
from verify.geometry.constructions import (
    Packing,
    SPhi,
    iter_phis,
    net,
    packing,
    phi_labels,
    s_phi,
    s_phi_l2,
)
from verify.geometry.fstar import (
    f_star,
    f_star_interval,
    f_star_intervals,
    lipschitz_check,
    lipschitz_quotient,
)
from verify.geometry.norms import (
    NORMS,
    SetDistance,
    distance_key,
    interval_text,
    key_is_squared,
    nearest_keys,
    norm_key,
    parse_norm,
    point_distance,
    rational_points,
    set_distance,
    sqrt_interval,
)
from verify.geometry.pointsets import (
    Point,
    PointSet,
    as_points,
    cube,
    grid,
    load_points_json,
    parse_spec,
    points_from_rows,
    stilde,
)
from verify.geometry.theorem43 import construction_checks

__all__ = [
    "NORMS",
    "CharacteristicPolynomial",
    "Check",
    "Packing",
    "Point",
    "PointSet",
    "SPhi",
    "SetDistance",
    "as_points",
    "chamber_count",
    "characteristic_polynomial",
    "characteristic_polynomial_of_vectors",
    "construction_checks",
    "cube",
    "distance_key",
    "f_star",
    "f_star_interval",
    "f_star_intervals",
    "grid",
    "in_unit_ball",
    "in_unit_cube",
    "interval_text",
    "iter_phis",
    "key_is_squared",
    "lipschitz_check",
    "lipschitz_quotient",
    "load_points_json",
    "nearest_keys",
    "net",
    "norm_key",
    "packing",
    "parse_norm",
    "parse_spec",
    "phi_labels",
    "point_distance",
    "point_symmetry_group",
    "points_from_rows",
    "rational_points",
    "s_phi",
    "s_phi_l2",
    "separation",
    "set_distance",
    "sqrt_interval",
    "stilde",
]
