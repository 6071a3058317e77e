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
from fractions import Fraction
from typing import Any

import numpy as np

from verify.errors import InvalidArgument
from verify.exact import require_int, require_rational_range
from verify.geometry.checks import Check, hyperplane_check, in_unit_ball, in_unit_cube, separation
from verify.geometry.constructions import SPhi, iter_phis, s_phi, s_phi_l2
from verify.geometry.fstar import f_star_intervals
from verify.geometry.norms import _integer_rows, key_blocks, parse_norm
from verify.labels import labels_text
from verify.progress import progress

__all__ = ["MAX_CONSTRUCTION_POINTS", "construction_checks"]

MAX_CONSTRUCTION_POINTS = 4096
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


def _cover(S: SPhi, radius: Fraction, norm: str) -> dict[str, Any]:
    """For each point of S̃: number of S_φ points within radius (closed and open)."""
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
    for s, mat in key_blocks(a, b, norm, cells=500_000):
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
    return ev


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
    d = require_int(d, "d", low=2)
    e = require_rational_range(eps, "eps", 0, Fraction(1, 2), low_open=True)
    cc = require_rational_range(c, "c", 0, 1, low_open=True, high_open=True)
    e0 = cc * e if eps0 is None else require_rational_range(eps0, "eps0", 0, Fraction(1, 2),
                                                               low_open=True)
    reading = "appendix (eps0 = c*eps)" if eps0 is None else "main text (eps0 given)"
    radius = cc * e
    floor_k = math.floor(1 / (2 * e))
    checks: list[Check] = []
    packing_obj = None
    if norm == "inf":
        if step is not None:
            raise InvalidArgument("construction: step applies to the l_2 construction only")
        Kv = floor_k if K is None else require_int(K, "K", low=1)
        n = Kv ** (d - 1)
        checks.append(Check("K_is_floor_1_over_2eps", Kv == floor_k, {
            "K": Kv, "floor_1_over_2eps": floor_k, "spacing": Fraction(1, Kv),
            "two_eps": 2 * e, "spacing_ge_2eps": Fraction(1, Kv) >= 2 * e}))
    else:
        if K is not None:
            raise InvalidArgument("construction: K applies to the l_inf construction only")
        S0, packing_obj = s_phi_l2(e, d, 1, e0, step=e if step is None else step, seed=seed)
        n = len(S0.points)
        bound = (2 * e) ** -(d - 1)
        checks.append(Check("packing_size", n >= bound, {
            "size": n, "volume_bound": bound, "separation": 2 * e, "dimension": d - 1,
            "lattice_step": packing_obj.step, "lattice_size": packing_obj.lattice_size,
            "claim": "|P| >= (2eps)^-(d-1) for a maximal 2eps-packing of the (d-1)-ball"}))
    if n > MAX_CONSTRUCTION_POINTS:
        raise InvalidArgument(f"construction: {n} points; at most {MAX_CONSTRUCTION_POINTS}")
    if phi is None:
        phi = "all" if n <= _ALL_LIMIT else "random"
    if isinstance(phi, str) and phi.strip().lower() == "all" and n > _ALL_MAX:
        raise InvalidArgument(f"construction: phi=all over {n} points means 2^{n} labelings "
                              f"(at most 2^{_ALL_MAX}); use --phi random")
    count = require_int(count, "count", low=1)
    kind = phi.strip().lower() if isinstance(phi, str) else None
    planned = 2**n if kind == "all" else (count if kind == "random" else 1)
    if planned * n * n > _MAX_WORK:
        raise InvalidArgument(
            f"construction: {planned} labelings of {n} points would take hours "
            f"(labelings * points^2 at most {_MAX_WORK}); use a smaller --count")
    phis = list(iter_phis(phi, n, seed, count))

    sep = _Acc("separated", norm=norm, eps=e)
    lin = _Acc("linearly_separable", w=[0] * (d - 1) + [1], b=Fraction(-1, 2))
    dom = _Acc("in_domain", domain="[0,1]^d" if norm == "inf" else "closed unit l2 ball")
    cube_acc = _Acc("in_unit_cube", domain="[0,1]^d", note="Theorem 4.3 states [0,1]^d")
    half = _Acc("ball_intersection_keeps_half")
    cover = _Acc("stilde_cover", radius=radius, ball="closed", reading=reading, eps0=e0)
    cover_open = _Acc("stilde_cover_open_ball", radius=radius, ball="open", reading=reading,
                      informational=True)
    fstar = _Acc("f_star_realizes_phi", radius=radius,
                 rule="sign f*(x) = phi on every point of S~ (exact, ℓ2 by certified intervals)")
    min_sep: Fraction | None = None
    min_kept: int | None = None
    with progress(len(phis), "construction checks") as bar:
        for ph in phis:
            if norm == "inf":
                S = s_phi(Kv, d, ph, e0)
            else:
                assert packing_obj is not None
                S = SPhi(tuple((*p[:-1], Fraction(1, 2) + e0 * v)
                               for p, v in zip(S0.points, ph, strict=True)),
                         ph, e0, S0.stilde)
            A, B = S.A, S.B
            if A and B:
                s = separation(A, B, norm, e)
                key = s.evidence["distance" if norm == "inf" else "distance_squared"]
                if min_sep is None or key < min_sep:
                    min_sep = key
                    sep.evidence["min_distance" if norm == "inf" else "min_distance_squared"] = key
                    sep.evidence["required" if norm == "inf" else "required_squared"] = (
                        2 * e if norm == "inf" else 4 * e * e)
                    sep.evidence["pair"] = s.evidence["pair"]
                sep.add(s.holds, ph, pair=s.evidence["pair"])
                h = hyperplane_check([Fraction(0)] * (d - 1) + [Fraction(1)], Fraction(-1, 2),
                                      A, B, "x_d = 1/2")
                lin.add(h is not None, ph)
            else:
                sep.vacuous += 1
                lin.vacuous += 1
            if norm == "inf":
                dc = in_unit_cube(S.points)
                dom.add(dc.holds, ph, **_viol(dc))
            else:
                db = in_unit_ball(S.points, "2")
                dom.add(db.holds, ph, **_viol(db))
                cu = in_unit_cube(S.points)
                cube_acc.add(cu.holds, ph, **_viol(cu))
                kept = n - int(db.evidence["count_outside"])
                min_kept = kept if min_kept is None else min(min_kept, kept)
                half.add(2 * kept >= n, ph, kept=kept, total=n)
            cv = _cover(S, radius, norm)
            cover.add(cv["holds_closed"], ph, **{k: v for k, v in cv.items()
                                                 if k not in ("holds_closed", "holds_open")})
            cover_open.add(cv["holds_open"], ph, own_lift_key=cv["own_lift_key"],
                           **({"point": cv["open_bad_point"]} if "open_bad_point" in cv else {}))
            if A and B:
                for x, v, (lo, hi) in zip(S.stilde, ph, f_star_intervals(S.stilde, A, B, norm),
                                          strict=True):
                    ok = lo > 0 if v > 0 else hi < 0
                    if not ok:
                        fstar.add(False, ph, point=list(x), label=v, f_star_interval=[lo, hi])
                        break
            else:
                fstar.vacuous += 1
            bar.advance()
    k = len(phis)
    checks.append(sep.check(k))
    checks.append(lin.check(k))
    checks.append(dom.check(k))
    if norm == "2":
        checks.append(cube_acc.check(k))
        half.evidence["min_kept"] = min_kept
        half.evidence["total"] = n
        checks.append(half.check(k))
    checks.append(cover.check(k))
    checks.append(cover_open.check(k))
    checks.append(fstar.check(k))
    checks.append(Check("eps0_le_c_eps", e0 <= radius, {"eps0": e0, "c_eps": radius,
                                                       "reading": reading}))
    dim = d - 1
    checks.append(Check("point_count", 2 ** dim * n >= (2 * e) ** -dim, {
        "points": n, "two_eps_pow_minus_d_minus_1": (2 * e) ** -dim,
        "rule": "K^(d-1) >= (2eps)^-(d-1) / 2^(d-1), since floor(y) >= y/2 for y >= 1"}))
    return checks
