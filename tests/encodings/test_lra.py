"""One hidden layer, real weights: the z3 LRA decider and the realized-set enumeration."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from verify.encodings import normalise_output_weights, realize, realized_set
from verify.errors import InvalidArgument
from verify.geometry.dichotomies import halfspace_dichotomies
from verify.geometry.pointsets import as_points
from verify.labels import pack_labels, unpack_labels
from verify.nets.network import ReLUNet

small = st.integers(-3, 3)


@st.composite
def one_hidden_nets(draw: st.DrawFn) -> ReLUNet:
    h = draw(st.integers(1, 3))
    rows = [[draw(small), draw(small)] for _ in range(h)]
    bias = [Fraction(draw(small), draw(st.integers(1, 3))) for _ in range(h)]
    out = [Fraction(draw(small), draw(st.integers(1, 3))) for _ in range(h)]
    return ReLUNet.from_lists([(rows, bias), ([out], [draw(small)])])


@given(one_hidden_nets(), st.lists(st.tuples(small, small), min_size=1, max_size=6))
@example(ReLUNet.from_lists([([[1, 1]], [0]), ([[0]], [1])]), [(0, 0), (1, -1)])
def test_output_weights_can_be_fixed_to_plus_minus_one(net, xs):
    """Positive homogeneity: scaling unit j by |a_j| gives the same function, a_j -> ±1."""
    norm = normalise_output_weights(net)
    assert all(abs(a) == 1 for a in norm.layers[1].weights[0])
    for x in xs:
        assert norm.evaluate(x) == net.evaluate(x)


def _decide_all(points, arch, **kw):
    r = realized_set(points, arch, **kw)
    assert r.complete and r.reason is None
    pts = as_points(points)
    for b in r.labelings:  # every witness re-checked here too, independently of the library
        assert r.witnesses[b].realizes(pts, unpack_labels(b, len(pts)))
        assert r.witnesses[b].architecture == arch
    return r


@pytest.mark.parametrize("spec", ["cube:2", "cube:3", "grid:3:2", "grid:4:1", "stilde:3:3"])
def test_one_hidden_unit_realizes_exactly_the_halfspace_labelings(spec):
    """m-1-1 = sign(±ReLU(u) + c): exactly the strict halfspace labelings (incl. constants)."""
    one_unit = set(_decide_all(spec, f"{len(as_points(spec)[0])}-1-1").labelings)
    assert one_unit == {int(b) for b in halfspace_dichotomies(spec)}
    linear = set(_decide_all(spec, f"{len(as_points(spec)[0])}-1").labelings)
    assert one_unit == linear


def test_threshold_functions_oeis_a000609():
    # OEIS A000609: threshold functions of n variables: 2, 4, 14, 104, 1882.
    assert realized_set("cube:2", "2-1-1").count == 14
    assert realized_set("cube:3", "3-1-1").count == 104


def test_xor_needs_two_hidden_units():
    for xor in ("-++-", "+--+"):
        assert realize("cube:2", xor, "2-1-1").status == "unrealizable"
        d = realize("cube:2", xor, "2-2-1")
        assert d.status == "realizable"
        assert d.witness.realizes(as_points("cube:2"), tuple(1 if c == "+" else -1 for c in xor))
    assert realized_set("cube:2", "2-2-1").count == 16


@pytest.mark.parametrize("n", [4, 5, 6, 7])
@pytest.mark.parametrize("h", [1, 2])
def test_points_on_a_line_closed_form(n, h):
    """1-h-1 on n points of a line, h <= 2: the labelings with at most h sign changes.

    f is piecewise linear with h kinks; for h = 1 it is monotone (<= 1 change); for h = 2
    one of its three pieces has slope 0 or the outer slopes have the sign of the middle one,
    so at most 2 changes; zigzags realize every pattern.  Count 2·Σ_{k<=h} C(n−1, k).
    """
    r = _decide_all(f"grid:{n}:1", f"1-{h}-1")
    assert r.count == 2 * sum(comb(n - 1, k) for k in range(h + 1))

    def changes(b):
        y = unpack_labels(b, n)
        return sum(y[i] != y[i + 1] for i in range(n - 1))

    assert all(changes(b) <= h for b in r.labelings)


def test_symmetries_do_not_change_the_answer_and_single_queries_agree():
    with_sym = _decide_all("grid:3:2", "2-2-1")
    without = _decide_all("grid:3:2", "2-2-1", symmetries=False, sweep=False)
    assert with_sym.labelings.tolist() == without.labelings.tolist()
    no_sweep = _decide_all("grid:3:2", "2-2-1", sweep=False)
    assert no_sweep.labelings.tolist() == without.labelings.tolist()
    assert with_sym.count == 360
    assert with_sym.provenance["symmetry_group"] == 16
    assert with_sym.provenance["final"].startswith("unsat")
    realized = set(with_sym.labelings)
    for b in range(0, 512, 37):
        d = realize("grid:3:2", unpack_labels(b, 9), "2-2-1")
        assert d.status == ("realizable" if b in realized else "unrealizable")
        if d.status == "unrealizable":
            assert d.provenance["solver"] == "z3" and "seconds" in d.provenance


def test_nested_architectures():
    one = set(realized_set("grid:3:2", "2-1-1").labelings)
    two = set(realized_set("grid:3:2", "2-2-1").labelings)
    assert one < two


def test_resume_from_known_and_on_found():
    full = realized_set("grid:3:2", "2-2-1")
    seen: list[int] = []
    partial = list(full.witnesses.items())[:50]
    r = realized_set("grid:3:2", "2-2-1", known=partial, on_found=lambda b, net: seen.append(b))
    assert r.labelings.tolist() == full.labelings.tolist() and r.complete
    assert not set(seen) & {b for b, _ in partial}
    assert set(seen) | {b for b, _ in partial} == set(full.labelings)
    assert len(seen) == len(set(seen))


def test_bad_known_entry_is_refused():
    net = realize("cube:2", "++++", "2-2-1").witness
    with pytest.raises(InvalidArgument, match="does not realize"):
        realized_set("cube:2", "2-2-1", known=[(0, net)])
    with pytest.raises(InvalidArgument, match="not a labeling"):
        realized_set("cube:2", "2-2-1", known=[(16, net)])


def test_time_out_gives_an_incomplete_result_never_false():
    r = realized_set("grid:4:2", "2-2-1", timeout="0.001")
    assert not r.complete and r.reason is not None
    assert r.provenance["final"] == "none"
    pts = as_points("grid:4:2")
    assert all(r.witnesses[b].realizes(pts, unpack_labels(b, 16)) for b in r.labelings)


def test_repeated_point_with_conflicting_labels():
    pts = [[0, 0], [0, 0], [1, 1]]
    assert realize(pts, "+-+", "2-3-1").status == "unrealizable"
    assert realize(pts, "++-", "2-3-1").status == "realizable"


@pytest.mark.parametrize(
    "args, message",
    [
        (("cube:2", "+-+", "2-2-1"), "3 labels given for 4 points"),
        (("cube:2", "+-x+", "2-2-1"), "not one of"),
        (("cube:2", "++++", "3-2-1"), "takes 3 inputs"),
        (("cube:2", "++++", "2-0-1"), "width 0"),
        (("cube:2", "++++", "2-2-2"), "output layer"),
    ],
)
def test_bad_input(args, message):
    with pytest.raises(InvalidArgument, match=message):
        realize(*args)


def test_bad_class_and_timeout():
    with pytest.raises(InvalidArgument, match="Q must be >= 0"):
        realize("cube:2", "++++", "2-2-1", cls="int:-2")
    with pytest.raises(InvalidArgument, match="expected 'real' or 'int:Q'"):
        realize("cube:2", "++++", "2-2-1", cls="rational")
    with pytest.raises(InvalidArgument, match="timeout"):
        realize("cube:2", "++++", "2-2-1", timeout=-1)


def test_packing_round_trip_in_results():
    r = realized_set("cube:2", "2-1-1")
    assert pack_labels((-1, 1, 1, -1)) not in r.labelings
    assert list(r.labelings) == sorted(r.labelings)


@settings(max_examples=30)
@given(
    st.lists(st.tuples(st.integers(-2, 2), st.integers(-2, 2)), min_size=2, max_size=5,
             unique=True),
    st.data(),
)
@example([(0, 0), (1, 1)], None)
def test_single_queries_match_the_enumeration_on_random_sets(points, data):
    pts = [list(p) for p in points]
    n = len(pts)
    bits = 1 if data is None else data.draw(st.integers(0, (1 << n) - 1))
    labels = unpack_labels(bits, n)
    realized = set(realized_set(pts, "2-1-1").labelings)
    d = realize(pts, labels, "2-1-1")
    assert d.status == ("realizable" if bits in realized else "unrealizable")
    if d.witness is not None:
        assert d.witness.realizes(as_points(pts), labels)
    # one hidden unit = halfspaces, whatever the point set
    assert realized == {int(b) for b in halfspace_dichotomies(pts)}
