"""Checks of the construction in the proof of Theorem 4.3, for one or many φ.

For each φ the sets A_φ, B_φ (see :mod:`verify.geometry.constructions`) are
checked exactly: 2ε-separated, linearly separable (the hyperplane x_d = 1/2,
re-checked in Fractions), inside the stated domain, and every point of S̃ lies
within radius cε (closed ball) of exactly one point of S_φ — its own lift — so
that a classifier robust at radius cε on S_φ realizes φ on S̃; f* of
Proposition 3.2 is evaluated on S̃ as a concrete such classifier.  A check holds
iff it holds for every φ tried; the first failure is reported with exact
coordinates.  Readings: ``eps0=None`` is the appendix reading ε0 = cε; an
explicit ``eps0`` is the main-text reading (ε0 "arbitrarily small").

>>> checks = construction_checks(2, 2, "1/4", "1/2")
>>> [(c.name, c.holds) for c in checks][:3]
[('K_is_floor_1_over_2eps', True), ('separated', True), ('linearly_separable', True)]
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from verify.errors import InvalidArgument
from verify.exact import require_int, require_rational_range
from verify.geometry.checks import Check, hyperplane_check, in_unit_ball, in_unit_cube, separation
from verify.geometry.constructions import SPhi, iter_phis, s_phi, s_phi_l2
from verify.geometry.fstar import _intervals_from_keys
from verify.geometry.norms import _integer_rows, key_blocks, parse_norm
from verify.geometry.pointsets import Point
from verify.labels import labels_text
from verify.progress import progress

__all__ = ["MAX_CONSTRUCTION_POINTS", "construction_checks"]

MAX_CONSTRUCTION_POINTS = 4096
MAX_CONSTRUCTION_DIMENSION = 10**5
"""The largest d taken: beyond it the grid's size K^(d−1) is not even computed (at ε = 1/2,
K = 1 and any d gives one point, each of d coordinates)."""
_ALL_LIMIT = 10  # phi=None means all labelings up to this many points
_ALL_MAX = 16  # phi="all" refused beyond (2^16 labelings take about a minute)
_MAX_WORK = 10**9  # labelings * points^2 (each labeling costs about points^2 steps)


class _Acc:
    """Accumulates one check over many φ: holds iff it holds for all."""

    def __init__(self, name: str, **base: Any) -> None:
        self.name = name
        self.holds: bool | None = True
        self.evidence: dict[str, Any] = dict(base)
        self.vacuous = 0

    def add(self, holds: bool | None, phi: tuple[int, ...], **ev: Any) -> None:
        if holds is False and self.holds is not False:
            self.holds = False
            self.evidence["first_failure"] = {"phi": labels_text(phi), **ev}
        elif holds is None and self.holds is True:
            self.holds = None
            self.evidence["undecided"] = {"phi": labels_text(phi), **ev}

    def check(self, phis: int) -> Check:
        ev = {**self.evidence, "phis_checked": phis}
        if self.vacuous:
            ev["phis_with_an_empty_class"] = self.vacuous
        return Check(self.name, self.holds, ev)


def _viol(c: Check) -> dict[str, Any]:
    return {k: c.evidence[k] for k in ("count_outside", "violations")}


def _cover(S: SPhi, radius: Fraction, norm: str
           ) -> tuple[dict[str, Any], tuple[list[Fraction], list[Fraction]] | None]:
    """For each point of S̃: number of S_φ points within radius (closed and open); and,
    from the same distance keys, each point's key to the nearest point of A_φ and of B_φ
    (None when A_φ or B_φ is empty), which f* needs."""
    pts = list(S.points) + list(S.stilde)
    den = math.lcm(*(c.denominator for p in pts for c in p), radius.denominator)
    a = _integer_rows(list(S.stilde), den)
    b = _integer_rows(list(S.points), den)
    r = int(radius * den) if norm != "2" else int(radius * radius * den * den)
    n = len(S.points)
    closed = np.zeros(n, dtype=np.int64)
    opened = np.zeros(n, dtype=np.int64)
    own_ok = True
    worst_own = 0
    nearest_other: int | None = None
    labels = np.array(S.labels)
    in_a, in_b = labels > 0, labels < 0
    both = bool(in_a.any() and in_b.any())
    near_a: list[int] = []
    near_b: list[int] = []
    for s, mat in key_blocks(a, b, norm, cells=500_000):
        if both:
            near_a.extend(int(v) for v in mat[:, in_a].min(axis=1))
            near_b.extend(int(v) for v in mat[:, in_b].min(axis=1))
        closed[s:s + mat.shape[0]] = (mat <= r).sum(axis=1)
        opened[s:s + mat.shape[0]] = (mat < r).sum(axis=1)
        rows = np.arange(mat.shape[0])
        own = mat[rows, rows + s]
        own_ok = own_ok and bool((own <= r).all())
        worst_own = max(worst_own, int(own.max()))
        if n > 1:
            masked = mat.copy()
            masked[rows, rows + s] = mat.max() + 1
            low = int(masked.min())
            nearest_other = low if nearest_other is None else min(nearest_other, low)
    scale = den * den if norm == "2" else den
    bad = [i for i in range(n) if closed[i] != 1]
    ev: dict[str, Any] = {
        "holds_closed": own_ok and not bad,
        "holds_open": bool((opened == 1).all()),
        "own_lift_key": Fraction(worst_own, scale),
        "nearest_other_key": None if nearest_other is None else Fraction(nearest_other, scale),
    }
    if bad:
        ev["bad_point"] = list(S.stilde[bad[0]])
        ev["bad_count_within_radius"] = int(closed[bad[0]])
    open_bad = [i for i in range(n) if opened[i] != 1]
    if open_bad:
        ev["open_bad_point"] = list(S.stilde[open_bad[0]])
    if not both:
        return ev, None
    return ev, ([Fraction(k, scale) for k in near_a], [Fraction(k, scale) for k in near_b])


@dataclass(frozen=True)
class _Params:
    """The validated parameters both norms share."""

    d: int
    eps: Fraction
    c: Fraction
    eps0: Fraction
    reading: str

    @property
    def radius(self) -> Fraction:
        """The robust radius cε."""
        return self.c * self.eps


@dataclass(frozen=True)
class _Setup:
    """What differs between the norms: the point count, the size check, the lift of φ."""

    norm: str
    n: int
    size_check: Check
    lift: Callable[[tuple[int, ...]], SPhi]


def _params(d: object, eps: object, c: object, eps0: object) -> _Params:
    """Check d, ε, c and ε0 (None: the appendix reading ε0 = cε)."""
    dv = require_int(d, "d", low=2, high=MAX_CONSTRUCTION_DIMENSION)
    e = require_rational_range(eps, "eps", 0, Fraction(1, 2), low_open=True)
    cc = require_rational_range(c, "c", 0, 1, low_open=True, high_open=True)
    e0 = cc * e if eps0 is None else require_rational_range(eps0, "eps0", 0, Fraction(1, 2),
                                                               low_open=True)
    reading = "appendix (eps0 = c*eps)" if eps0 is None else "main text (eps0 given)"
    return _Params(dv, e, cc, e0, reading)


def _linf_setup(K: object, p: _Params, step: object) -> _Setup:
    """The ℓ∞ construction: the grid of K^(d−1) points, K = ⌊1/(2ε)⌋ unless given."""
    if step is not None:
        raise InvalidArgument("construction: step applies to the l_2 construction only")
    floor_k = math.floor(1 / (2 * p.eps))
    Kv = floor_k if K is None else require_int(K, "K", low=1)
    spacing = Fraction(1, Kv)
    check = Check("K_is_floor_1_over_2eps", Kv == floor_k, {
        "K": Kv, "floor_1_over_2eps": floor_k, "spacing": spacing,
        "two_eps": 2 * p.eps, "spacing_ge_2eps": spacing >= 2 * p.eps})
    return _Setup("inf", Kv ** (p.d - 1), check, lambda ph: s_phi(Kv, p.d, ph, p.eps0))


def _l2_setup(K: object, p: _Params, step: object, seed: int) -> _Setup:
    """The ℓ2 construction: a maximal 2ε-packing of the (d−1)-ball (lattice step ``step``)."""
    if K is not None:
        raise InvalidArgument("construction: K applies to the l_inf construction only")
    S0, packing = s_phi_l2(p.eps, p.d, 1, p.eps0, step=p.eps if step is None else step,
                           seed=seed)
    n = len(S0.points)
    bound = (2 * p.eps) ** -(p.d - 1)
    check = Check("packing_size", n >= bound, {
        "size": n, "volume_bound": bound, "separation": 2 * p.eps, "dimension": p.d - 1,
        "lattice_step": packing.step, "lattice_size": packing.lattice_size,
        "claim": "|P| >= (2eps)^-(d-1) for a maximal 2eps-packing of the (d-1)-ball"})

    def lift(ph: tuple[int, ...]) -> SPhi:
        pts = tuple((*q[:-1], Fraction(1, 2) + p.eps0 * v)
                    for q, v in zip(S0.points, ph, strict=True))
        return SPhi(pts, ph, p.eps0, S0.stilde)

    return _Setup("2", n, check, lift)


def _phis(phi: object, n: int, seed: int, count: object) -> list[tuple[int, ...]]:
    """The φ to try over n points; refuses sets and work beyond the limits, with the numbers."""
    if n > MAX_CONSTRUCTION_POINTS:
        raise InvalidArgument(f"construction: {n} points; at most {MAX_CONSTRUCTION_POINTS}")
    if phi is None:
        phi = "all" if n <= _ALL_LIMIT else "random"
    if isinstance(phi, str) and phi.strip().lower() == "all" and n > _ALL_MAX:
        raise InvalidArgument(f"construction: phi=all over {n} points means 2^{n} labelings "
                              f"(at most 2^{_ALL_MAX}); use --phi random")
    cnt = require_int(count, "count", low=1)
    kind = phi.strip().lower() if isinstance(phi, str) else None
    planned = 2**n if kind == "all" else (cnt if kind == "random" else 1)
    if planned * n * n > _MAX_WORK:
        raise InvalidArgument(
            f"construction: {planned} labelings of {n} points would take hours "
            f"(labelings * points^2 at most {_MAX_WORK}); use a smaller --count")
    return list(iter_phis(phi, n, seed, cnt))


class _Tally:
    """The per-φ checks of both norms, accumulated over every φ tried."""

    def __init__(self, p: _Params, norm: str, n: int) -> None:
        self.norm, self.n, self.eps, self.d = norm, n, p.eps, p.d
        radius = p.radius
        self.sep = _Acc("separated", norm=norm, eps=p.eps)
        self.lin = _Acc("linearly_separable", w=[0] * (p.d - 1) + [1], b=Fraction(-1, 2))
        self.dom = _Acc("in_domain",
                        domain="[0,1]^d" if norm == "inf" else "closed unit l2 ball")
        self.cube = _Acc("in_unit_cube", domain="[0,1]^d", note="Theorem 4.3 states [0,1]^d")
        self.half = _Acc("ball_intersection_keeps_half")
        self.cover = _Acc("stilde_cover", radius=radius, ball="closed", reading=p.reading,
                          eps0=p.eps0)
        self.cover_open = _Acc("stilde_cover_open_ball", radius=radius, ball="open",
                               reading=p.reading, informational=True)
        self.fstar = _Acc("f_star_realizes_phi", radius=radius,
                          rule="sign f*(x) = phi on every point of S~ "
                               "(exact, ℓ2 by certified intervals)")
        self.radius = radius
        self.min_sep: Fraction | None = None
        self.min_kept: int | None = None

    def add(self, S: SPhi, ph: tuple[int, ...]) -> None:
        """Every check on one S_φ."""
        A, B = S.A, S.B
        if A and B:
            self._separation(A, B, ph)
        else:
            self.sep.vacuous += 1
            self.lin.vacuous += 1
        if self.norm == "inf":
            self._domain_linf(S, ph)
        else:
            self._domain_l2(S, ph)
        nearest = self._cover(S, ph)
        if A and B:
            assert nearest is not None
            self._f_star(S, ph, nearest)
        else:
            self.fstar.vacuous += 1

    def _separation(self, A: tuple[Point, ...], B: tuple[Point, ...],
                    ph: tuple[int, ...]) -> None:
        """A_φ, B_φ 2ε-separated (the closest pair kept) and split by x_d = 1/2."""
        inf = self.norm == "inf"
        s = separation(A, B, self.norm, self.eps)
        key = s.evidence["distance" if inf else "distance_squared"]
        if self.min_sep is None or key < self.min_sep:
            self.min_sep = key
            ev = self.sep.evidence
            ev["min_distance" if inf else "min_distance_squared"] = key
            ev["required" if inf else "required_squared"] = (
                2 * self.eps if inf else 4 * self.eps * self.eps)
            ev["pair"] = s.evidence["pair"]
        self.sep.add(s.holds, ph, pair=s.evidence["pair"])
        h = hyperplane_check([Fraction(0)] * (self.d - 1) + [Fraction(1)], Fraction(-1, 2),
                             A, B, "x_d = 1/2")
        self.lin.add(h is not None, ph)

    def _domain_linf(self, S: SPhi, ph: tuple[int, ...]) -> None:
        dc = in_unit_cube(S.points)
        self.dom.add(dc.holds, ph, **_viol(dc))

    def _domain_l2(self, S: SPhi, ph: tuple[int, ...]) -> None:
        """In the unit ball, in the cube, and at least half of the points kept by the ball."""
        db = in_unit_ball(S.points, "2")
        self.dom.add(db.holds, ph, **_viol(db))
        cu = in_unit_cube(S.points)
        self.cube.add(cu.holds, ph, **_viol(cu))
        kept = self.n - int(db.evidence["count_outside"])
        self.min_kept = kept if self.min_kept is None else min(self.min_kept, kept)
        self.half.add(2 * kept >= self.n, ph, kept=kept, total=self.n)

    def _cover(self, S: SPhi, ph: tuple[int, ...]
               ) -> tuple[list[Fraction], list[Fraction]] | None:
        """The cover of S̃ (closed and open balls); returns the keys to A_φ and B_φ."""
        cv, nearest = _cover(S, self.radius, self.norm)
        self.cover.add(cv["holds_closed"], ph, **{k: v for k, v in cv.items()
                                                  if k not in ("holds_closed", "holds_open")})
        self.cover_open.add(cv["holds_open"], ph, own_lift_key=cv["own_lift_key"],
                            **({"point": cv["open_bad_point"]} if "open_bad_point" in cv else {}))
        return nearest

    def _f_star(self, S: SPhi, ph: tuple[int, ...],
                nearest: tuple[list[Fraction], list[Fraction]]) -> None:
        """sign f* = φ on S̃ (the first point where it is not is the failure), from the keys
        to A_φ and B_φ that the cover computed."""
        intervals = _intervals_from_keys(S.stilde, *nearest, self.norm)
        for x, v, (lo, hi) in zip(S.stilde, ph, intervals, strict=True):
            if not (lo > 0 if v > 0 else hi < 0):
                self.fstar.add(False, ph, point=list(x), label=v, f_star_interval=[lo, hi])
                break

    def checks(self, phis: int) -> list[Check]:
        """The accumulated checks, in the documented order."""
        out = [self.sep.check(phis), self.lin.check(phis), self.dom.check(phis)]
        if self.norm == "2":
            out.append(self.cube.check(phis))
            self.half.evidence["min_kept"] = self.min_kept
            self.half.evidence["total"] = self.n
            out.append(self.half.check(phis))
        return [*out, self.cover.check(phis), self.cover_open.check(phis),
                self.fstar.check(phis)]


def _count_checks(p: _Params, n: int) -> list[Check]:
    """ε0 <= cε, and the point count against (2ε)^−(d−1)."""
    dim = p.d - 1
    return [
        Check("eps0_le_c_eps", p.eps0 <= p.radius, {"eps0": p.eps0, "c_eps": p.radius,
                                                     "reading": p.reading}),
        Check("point_count", 2 ** dim * n >= (2 * p.eps) ** -dim, {
            "points": n, "two_eps_pow_minus_d_minus_1": (2 * p.eps) ** -dim,
            "rule": "K^(d-1) >= (2eps)^-(d-1) / 2^(d-1), since floor(y) >= y/2 for y >= 1"}),
    ]


def construction_checks(K: int | None, d: int, eps: object, c: object, norm: str = "inf",
                        phi: object = None, eps0: object = None, seed: int = 0,
                        count: int = 8, step: object = None) -> list[Check]:
    """Every check of Theorem 4.3's construction for the given parameters.

    Parameters
    ----------
    K : int or None
        Grid size (ℓ∞ only); None means ⌊1/(2ε)⌋ as in the paper.  Under ℓ2 it is
        ignored (the packing replaces the grid).
    d : int
        Dimension (>= 2).
    eps : rational in (0, 1/2]
        ε; the classes must be 2ε-separated.
    c : rational in (0, 1)
        The robust radius is cε.
    norm : "inf" or "2"
    phi : labeling, "all", "random" or None
        None: all φ if the set has at most 10 points, else ``count`` random φ.
    eps0 : rational, optional
        None: appendix reading ε0 = cε; else the main-text reading with this ε0.
    seed, count : int
        For random φ (and the packing under ℓ2).
    step : rational, optional
        Lattice step of the ℓ2 packing (default ε).

    Returns
    -------
    list of Check
        Names: ``K_is_floor_1_over_2eps`` (ℓ∞) or ``packing_size`` (ℓ2),
        ``separated``, ``linearly_separable``, ``in_domain``, ``in_unit_cube`` (ℓ2),
        ``ball_intersection_keeps_half`` (ℓ2), ``stilde_cover``,
        ``stilde_cover_open_ball``, ``f_star_realizes_phi``, ``eps0_le_c_eps``,
        ``point_count``.

    Examples
    --------
    >>> bad = construction_checks(3, 2, "1/4", "1/2")   # K = 3 > floor(1/(2eps)) = 2
    >>> sep = [x for x in bad if x.name == "separated"][0]
    >>> sep.holds, sep.evidence["min_distance"], sep.evidence["required"]
    (False, Fraction(1, 3), Fraction(1, 2))
    """
    norm = parse_norm(norm)
    if norm == "1":
        raise InvalidArgument("construction: norm must be inf or 2 (as in Theorem 4.3)")
    p = _params(d, eps, c, eps0)
    setup = _linf_setup(K, p, step) if norm == "inf" else _l2_setup(K, p, step, seed)
    phis = _phis(phi, setup.n, seed, count)
    tally = _Tally(p, norm, setup.n)
    with progress(len(phis), "construction checks") as bar:
        for ph in phis:
            tally.add(setup.lift(ph), ph)
            bar.advance()
    return [setup.size_check, *tally.checks(len(phis)), *_count_checks(p, setup.n)]
