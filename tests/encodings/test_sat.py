"""The class int:Q (SAT) against brute-force enumeration of the same class."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from verify.encodings import in_class, realize, realized_set
from verify.errors import InvalidArgument
from verify.geometry.pointsets import as_points
from verify.labels import pack_labels


def brute_force(points, hidden, q):
    """Every labeling realized by a network with integer weights/biases in [-q, q]."""
    pts = [tuple(p) for p in as_points(points)]
    m = len(pts[0])
    rng = range(-q, q + 1)
    found = set()
    if hidden == 0:
        for params in itertools.product(rng, repeat=m + 1):
            vals = [sum(w * x for w, x in zip(params[:m], p, strict=True)) + params[m] for p in pts]
            if all(vals):
                found.add(pack_labels([1 if v > 0 else -1 for v in vals]))
        return found
    units = list(itertools.product(rng, repeat=m + 2))  # (w..., b, a)
    acts = [
        [u[m + 1] * max(0, sum(w * x for w, x in zip(u[:m], p, strict=True)) + u[m]) for p in pts]
        for u in units
    ]
    for combo in itertools.combinations_with_replacement(range(len(units)), hidden):
        base = [sum(acts[t][i] for t in combo) for i in range(len(pts))]
        for c in rng:
            vals = [v + c for v in base]
            if all(vals):
                found.add(pack_labels([1 if v > 0 else -1 for v in vals]))
    return found


@pytest.mark.parametrize(
    "points, arch, q",
    [
        ([[0], [1], [2]], "1-1-1", 1),
        ("grid:3:1", "1-1-1", 1),
        ("grid:3:1", "1-2-1", 1),
        ([[0], [1], [2], [3]], "1-2-1", 1),
        ("cube:2", "2-1-1", 1),
        ("cube:2", "2-2-1", 1),
        ("cube:2", "2-1", 1),
        ("cube:2", "2-1-1", 2),
    ],
)
def test_sat_equals_brute_force(points, arch, q):
    hidden = int(arch.split("-")[1]) if arch.count("-") == 2 else 0
    r = realized_set(points, arch, cls=f"int:{q}")
    assert r.complete
    assert set(r.labelings) == brute_force(points, hidden, q)
    pts = as_points(points)
    for b, net in r.witnesses.items():
        assert in_class(net, "int", q)
        assert net.realizes(pts, [1 if (b >> i) & 1 else -1 for i in range(len(pts))])
    # without symmetries: the same set
    plain = realized_set(points, arch, cls=f"int:{q}", symmetries=False)
    assert plain.labelings.tolist() == r.labelings.tolist()


def test_xor_int_classes():
    # XOR on the square needs a weight of magnitude 2 with integer weights.
    assert realize("cube:2", "-++-", "2-2-1", cls="int:1").status == "unrealizable"
    found = set(realized_set("cube:2", "2-2-1", cls="int:1").labelings)
    assert brute_force("cube:2", 2, 1) == found


@settings(max_examples=25)
@given(
    st.lists(st.integers(-2, 2), min_size=2, max_size=4, unique=True),
    st.data(),
)
@example([0, 1], None)
def test_int_realizable_implies_real_realizable(xs, data):
    pts = [[x] for x in xs]
    labels = (
        [1, -1] if data is None
        else data.draw(st.lists(st.sampled_from([1, -1]), min_size=len(xs), max_size=len(xs)))
    )
    d_int = realize(pts, labels, "1-2-1", cls="int:1")
    d_real = realize(pts, labels, "1-2-1")
    assert d_int.status in ("realizable", "unrealizable")
    if d_int.status == "realizable":
        assert in_class(d_int.witness, "int", 1) and d_int.witness.realizes(pts, labels)
        assert d_real.status == "realizable"


def test_int_class_subset_of_real():
    for arch in ("2-1-1", "2-2-1"):
        ints = set(realized_set("grid:2:2", arch, cls="int:1").labelings)
        reals = set(realized_set("grid:2:2", arch).labelings)
        assert ints <= reals


def test_int_class_limits():
    with pytest.raises(InvalidArgument, match="at most one hidden layer"):
        realize("cube:2", "++++", "2-2-2-1", cls="int:1")
    with pytest.raises(InvalidArgument, match="smaller Q"):
        realize("cube:3", "++++++++", "3-2-1", cls="int:100")
    # Q = 0: only the zero network, which labels nothing correctly
    assert realize("cube:2", "++++", "2-2-1", cls="int:0").status == "unrealizable"


@pytest.mark.parametrize("points, hidden, q", [("cube:2", 2, 1), ("grid:3:1", 2, 1),
                                               ([[0], [1], [2]], 1, 2)])
def test_partial_sum_encoding_equals_pseudo_boolean_encoding(points, hidden, q):
    from verify.encodings.sat import OneHiddenSAT

    pts = as_points(points)
    direct, pb = OneHiddenSAT(pts, hidden, q), OneHiddenSAT(pts, hidden, q, pb=True)
    for labels in itertools.product((1, -1), repeat=len(pts)):
        a, b = direct.check(labels), pb.check(labels)
        assert a[0] == b[0]
        for status, net in (a, b):
            if status == "sat":
                assert net.realizes(pts, labels) and in_class(net, "int", q)


def test_sat_time_limit_gives_unknown(monkeypatch):
    # Deterministic: the solver searches until it is interrupted and then reports the
    # interrupted search as pysat does (solve_limited returns None); the answer must be
    # unknown (never unsat), the interrupt cleared, and the reason the time-out.
    import threading

    from verify.encodings import sat

    enc = sat.OneHiddenSAT(as_points("grid:3:2"), 3, 2)
    calls: list[object] = []
    stopped = threading.Event()

    class InterruptedSolver:
        def interrupt(self):
            calls.append("interrupt")
            stopped.set()

        def solve_limited(self, assumptions, expect_interrupt):
            calls.append(("solve", expect_interrupt))
            assert stopped.wait(60), "never interrupted"
            return None

        def clear_interrupt(self):
            calls.append("clear")

    real = enc.solver
    enc.solver = InterruptedSolver()
    enc.set_timeout(0.05)
    assert enc.check() == ("unknown", None)
    assert calls == [("solve", True), "interrupt", "clear"]
    assert enc.reason_unknown() == "timeout (interrupted)"
    enc.solver = real  # the real solver, without a limit, finds a labeling
    enc.set_timeout(None)
    status, net = enc.check()
    assert status == "sat" and net.realizes(as_points("grid:3:2"), enc.last_labels)
