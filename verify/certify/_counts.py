"""Checking count certificates: the exact number of labelings a class realizes.

A count certificate lists every realizable labeling with a witness (re-checked
exactly) and proves that no other labeling is realizable:

* ``real`` (``m-h-1``, ``m-1``) and ``halfspaces``: one case-split tree over
  labels (and, below, output signs and phases) whose leaves are Farkas leaves,
  lemma citations, or ``covered`` leaves — every labeling in a covered leaf is
  listed or is not canonical under the listed symmetry maps (lemma R7).  The
  maps are checked to map the point set onto itself, and the listed set to be
  closed under them;
* ``int:Q``: the class is finite; the checker enumerates every network of it
  exactly (lemma R8) when that is at most ``INT_WORK`` elementary operations,
  and otherwise lists the complement as trusted from the producer.

The count the checker reports is the number of listed labelings, once all
of the above has passed.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np

from verify.certify import _values as V
from verify.certify._onefeature import OneFeatureChecker, is_one_feature
from verify.certify._onefeature import reduction_problem as one_feature_problem
from verify.certify._phases import PhaseChecker
from verify.certify.lemmas import cite
from verify.errors import InvalidArgument

MAX_COUNT_POINTS = 24
INT_WORK = 400_000_000


def _maps(raw: object, pts: tuple[V.Point, ...]) -> list[tuple[int, ...]]:
    """Check each listed symmetry map and return the point permutations it induces."""
    if not isinstance(raw, list):
        raise InvalidArgument("certificate: symmetry 'maps' must be a list")
    m = len(pts[0])
    index = {p: i for i, p in enumerate(pts)}
    if len(index) != len(pts):
        raise InvalidArgument("certificate: symmetries need distinct points")
    images = []
    for t, g in enumerate(raw):
        perm = V.get(g, "perm", f"map {t}")
        sign = V.get(g, "sign", f"map {t}")
        shift = V.get(g, "shift", f"map {t}")
        if (not isinstance(perm, list) or sorted(perm) != list(range(m))
                or not isinstance(sign, list) or len(sign) != m
                or any(s not in (1, -1) or isinstance(s, bool) for s in sign)
                or not isinstance(shift, list) or len(shift) != m):
            raise InvalidArgument(f"certificate: map {t} must be a signed permutation "
                                  "(perm, sign +-1, shift)")
        sh = [V.rational(v, f"map {t} shift") for v in shift]
        image = []
        for p in pts:
            q = tuple(sign[k] * p[perm[k]] + sh[k] for k in range(m))
            j = index.get(q)
            if j is None:
                raise InvalidArgument(f"certificate: map {t} sends point {p} outside the set")
            image.append(j)
        if len(set(image)) != len(pts):
            raise InvalidArgument(f"certificate: map {t} is not a bijection of the points")
        images.append(tuple(image))
    return images


def _permute(vals: np.ndarray, image: Sequence[int]) -> np.ndarray:
    out = np.zeros_like(vals)
    for i, j in enumerate(image):
        out |= ((vals >> i) & 1) << j
    return out


def _cube(n: int, fixed: dict[int, int]) -> np.ndarray:
    base = sum(1 << i for i, y in fixed.items() if y > 0)
    free = [i for i in range(n) if i not in fixed]
    idx = np.arange(1 << len(free), dtype=np.int64)
    out = np.full(1 << len(free), base, dtype=np.int64)
    for t, pos in enumerate(free):
        out |= ((idx >> t) & 1) << pos
    return out


def check_count(question: object, answer: object, out: Any) -> None:
    pts = V.points(V.get(question, "points", "question"))
    n = len(pts)
    kind, q, widths, cls, homogeneous = _counted_class(question, len(pts[0]))
    claimed = V.get(answer, "count", "answer")
    claimed = V.integer(claimed, "count", 0)
    out.claim = f"exactly {claimed} labelings of {n} points realized by {cls}"
    if n > MAX_COUNT_POINTS:
        raise InvalidArgument(f"certificate: the checker handles counts on at most "
                              f"{MAX_COUNT_POINTS} points, not {n}")
    listed = V.get(answer, "realized", "answer")
    if not isinstance(listed, list):
        raise InvalidArgument("certificate: 'realized' must be a list of [labels, network]")
    realized = _witnessed(listed, pts, widths, kind, q, homogeneous, out)
    found = int(realized.sum())
    if found == len(listed):
        out.checked.append(f"{found} witnesses re-checked exactly: each realizes its labeling "
                           "(y*f > 0 at every point)")
    if claimed != len(listed):
        out.rejected.append(f"claims {claimed} labelings but lists {len(listed)}")
    assert isinstance(answer, dict)
    if kind == "int":
        assert q is not None
        _int_complement(pts, widths, q, realized, answer, out)
    else:
        _refuted_complement(pts, widths, homogeneous, realized, answer, out)
    if not out.rejected and not out.trusted:
        out.count = found


def _counted_class(question: object, m: int
                   ) -> tuple[str, int | None, tuple[int, ...], str, bool]:
    """The class a count is about, for points in R^m: its kind (``halfspaces``, ``real``
    or ``int``), Q, the widths, its name, and whether halfspaces are homogeneous."""
    kind, q = V.parse_class(V.get(question, "class", "question"))
    homogeneous = bool(question.get("homogeneous", False)) if isinstance(question, dict) else False
    if kind == "halfspaces":
        cls = "homogeneous halfspaces" if homogeneous else "halfspaces"
        return kind, q, (m, 1), cls, homogeneous
    widths = V.architecture(V.get(question, "architecture", "question"), m)
    if len(widths) > 3 and not (V.is_chain(widths) or is_one_feature(widths)):
        raise InvalidArgument("certificate: count certificates cover m-1, m-h-1, "
                              "m-h-1-...-1 and m-1-h-1 only")
    cname = "real" if kind == "real" else f"int:{q}"
    cls = f"{'-'.join(map(str, widths))} networks, class {cname}"
    if homogeneous:
        raise InvalidArgument("certificate: 'homogeneous' applies to halfspaces only")
    return kind, q, widths, cls, homogeneous


def _witnessed(listed: list[Any], pts: tuple[V.Point, ...], widths: tuple[int, ...],
               kind: str, q: int | None, homogeneous: bool, out: Any) -> np.ndarray:
    """The listed labelings whose witness is in the class and realizes them (exactly),
    as a table over every labeling; a labeling listed twice and a failing witness are
    rejected (the first ten failures by name)."""
    n = len(pts)
    realized = np.zeros(1 << n, dtype=bool)
    bad = 0
    for t, entry in enumerate(listed):
        if not isinstance(entry, list) or len(entry) != 2:
            raise InvalidArgument(f"certificate: realized entry {t} must be [labels, network]")
        ys = V.labels(entry[0], n)
        bits = V.bits_of(ys)
        if realized[bits]:
            out.rejected.append(f"labeling {entry[0]} is listed twice")
            continue
        net = V.network(entry[1], f"witness {t}")
        problem = _witness_problem(net, widths, kind, q, homogeneous, pts, ys)
        if problem:
            bad += 1
            if bad <= 10:
                out.rejected.append(f"witness for {entry[0]}: {problem}")
            continue
        realized[bits] = True
    if bad > 10:
        out.rejected.append(f"… {bad - 10} more witnesses fail")
    return realized


def _witness_problem(net: tuple[V.Layer, ...], widths: tuple[int, ...], kind: str,
                     q: int | None, homogeneous: bool, pts: tuple[V.Point, ...],
                     ys: tuple[int, ...]) -> str | None:
    if V.widths_of(net) != widths:
        got, want = "-".join(map(str, V.widths_of(net))), "-".join(map(str, widths))
        return f"architecture {got}, not {want}"
    if kind == "int" and not V.in_int_class(net, q or 0):
        return f"a weight or bias outside int:{q}"
    if homogeneous and net[0][1][0] != 0:
        return "a homogeneous halfspace must have offset 0"
    for i, (x, y) in enumerate(zip(pts, ys, strict=True)):
        if y * V.evaluate(net, x) <= 0:
            return f"point {i} is not labelled {y:+d} (exact evaluation)"
    return None


def _refuted_complement(pts: tuple[V.Point, ...], widths: tuple[int, ...], homogeneous: bool,
                        realized: np.ndarray, answer: dict[str, Any], out: Any) -> None:
    """Every labeling not listed is refuted: the symmetries checked, the refutation tree
    re-derived, and every canonical labeling outside the set covered by it."""
    n = len(pts)
    canonical = _canonical_closed(pts, homogeneous, realized, answer, out)
    if canonical is None:
        return
    ref = V.get(answer, "refutation", "answer")
    one_feature = is_one_feature(widths)
    checked = _checked_tree(pts, widths, homogeneous, ref, out)
    if checked is None:
        return
    checker, lemmas = checked
    uncovered = _uncovered(checker.covered, realized, canonical, n)
    if uncovered:
        out.rejected.append(uncovered)
        return
    parity = (f", {checker.parity_leaves} parity leaves"
              if isinstance(checker, OneFeatureChecker) else "")
    out.checked.append(f"every labeling not listed is refuted: a complete case split with "
                       f"{checker.leaves} Farkas leaves{parity}, {len(lemmas)} lemmas and "
                       f"{len(checker.covered)} covered leaves, each re-derived and re-checked "
                       "exactly")
    if one_feature:
        out.checked.append(cite("C2", "R5", "R6"))
        return
    h = widths[1] if len(widths) >= 3 else 0
    used = ("R1", "R2", "R3", "R4", "R5", "R6") if h else ("R2", "R5", "R6")
    out.checked.append(cite(*used, *(("C1",) if len(widths) > 3 else ())))


def _canonical_closed(pts: tuple[V.Point, ...], homogeneous: bool, realized: np.ndarray,
                      answer: dict[str, Any], out: Any) -> np.ndarray | None:
    """The canonical labelings under the listed symmetries (lemma R7), after checking each
    map and that the listed set is closed under them; None when a map is no symmetry of
    the class (a shift for homogeneous halfspaces)."""
    n = len(pts)
    sym = answer.get("symmetries") or {"maps": [], "negation": False}
    images = _maps(V.get(sym, "maps", "symmetries"), pts)
    if homogeneous and any(any(V.rational(v, "shift") for v in g["shift"]) for g in sym["maps"]):
        out.rejected.append("a symmetry map with a shift: homogeneous halfspaces are closed "
                            "only under the linear maps (shift 0), which keep the offset 0 "
                            f"({cite('R7')})")
        return None
    negation = sym.get("negation", False) is True
    vals = np.arange(1 << n, dtype=np.int64)
    full = (1 << n) - 1
    canonical = np.ones(1 << n, dtype=bool)
    members = np.flatnonzero(realized)
    closed = True
    for image in images:
        img = _permute(vals, image)
        canonical &= img >= vals
        closed &= bool(realized[img[members]].all())
        if negation:
            canonical &= (img ^ full) >= vals
            closed &= bool(realized[img[members] ^ full].all())
    if negation and not images:
        canonical &= (vals ^ full) >= vals
        closed &= bool(realized[members ^ full].all())
    if not closed:
        out.rejected.append("the listed realizable set is not closed under the listed "
                            "symmetries")
    elif images or negation:
        neg = " and label negation" if negation else ""
        out.checked.append(f"{len(images)} symmetry map(s){neg}"
                           " map the point set onto itself, and the listed set is closed under "
                           f"them (exact); {cite('R7')}")
    return canonical


def _checked_tree(pts: tuple[V.Point, ...], widths: tuple[int, ...], homogeneous: bool,
                  ref: Any, out: Any) -> tuple[Any, list[Any]] | None:
    """The refutation's lemmas and tree re-derived and re-checked (m-h-1-...-1 refuted as
    m-h-1, lemma C1; m-1-h-1 by one feature, lemma C2): the checker and the lemmas, or
    None with the reasons in ``out.rejected``."""
    one_feature = is_one_feature(widths)
    problem = (one_feature_problem(widths, ref) if one_feature
               else V.reduction_problem(widths, ref))
    if problem:
        out.rejected.append(problem)
        return None
    h = widths[1] if len(widths) >= 3 else 0
    checker = OneFeatureChecker(pts, widths[2]) if one_feature else \
        PhaseChecker(pts, h, homogeneous)
    checker.allow_covered = True
    lemmas = ref.get("lemmas", []) if isinstance(ref, dict) else []
    if not isinstance(lemmas, list):
        raise InvalidArgument("certificate: refutation 'lemmas' must be a list")
    errors: list[str] = []
    for lemma in lemmas:
        errors += checker.add_lemma(lemma)
    errors += checker.check_tree(V.get(ref, "tree", "refutation"), {})
    if errors:
        out.rejected.extend(errors[:20])
        if len(errors) > 20:
            out.rejected.append(f"… and {len(errors) - 20} more rejected parts")
        return None
    return checker, lemmas


def _uncovered(covered: list[dict[int, int]], realized: np.ndarray, canonical: np.ndarray,
               n: int) -> str | None:
    """Why some canonical labeling outside the listed set is under no covered leaf, or None.

    >>> _uncovered([{0: 1}], np.array([False, False, False, True]), np.ones(4, bool), 2)
    '1 canonical labeling(s) outside the listed set are neither refuted nor listed (e.g. +-)'
    """
    uncovered = 0
    example = None
    for fixed in covered:
        cube = _cube(n, fixed)
        bad = cube[~(realized[cube] | ~canonical[cube])]
        if len(bad):
            uncovered += len(bad)
            example = example if example is not None else int(bad[0])
    if not uncovered:
        return None
    assert example is not None
    text = "".join("+" if (example >> i) & 1 else "-" for i in range(n))
    return (f"{uncovered} canonical labeling(s) outside the listed set are neither refuted "
            f"nor listed (e.g. {text})")


def _int_complement(pts: tuple[V.Point, ...], widths: tuple[int, ...], q: int,
                    realized: np.ndarray, answer: dict[str, Any], out: Any) -> None:
    found = enumerate_int_class(pts, widths, q)
    if found is None:
        comp = answer.get("complement")
        prov = comp.get("provenance") if isinstance(comp, dict) else None
        source = (f"{prov.get('solver', 'the producer')} {prov.get('version', '')}".strip()
                  if isinstance(prov, dict) else "the producer")
        out.trusted.append(f"that no other labeling is realized by int:{q} is trusted from "
                           f"{source}: the class is too large for the checker to enumerate")
        return
    listed = set(np.flatnonzero(realized).tolist())
    missing = found - listed
    extra = listed - found
    if missing:
        out.rejected.append(f"{len(missing)} labeling(s) realized by int:{q} are not listed "
                            "(found by exhaustive enumeration)")
    if extra:
        out.rejected.append(f"{len(extra)} listed labeling(s) are not realized by int:{q}")
    if not missing and not extra:
        out.checked.append(f"every network of {'-'.join(map(str, widths))} in int:{q} "
                           "enumerated exactly: the realized set equals the listed one; "
                           + cite("R8"))


def enumerate_int_class(pts: Sequence[V.Point], widths: tuple[int, ...], q: int
                        ) -> set[int] | None:
    """Every labeling realized by ``m-1`` / ``m-h-1`` networks with integer weights in
    [−Q, Q] (lemma R8), or None when that is more than ``INT_WORK`` operations or
    the architecture has two or more hidden layers.

    >>> from fractions import Fraction as F
    >>> sorted(enumerate_int_class([(F(0),), (F(1),)], (1, 1), 1))   # f(x) = w*x + b
    [0, 3]
    >>> sorted(enumerate_int_class([(F(0),), (F(1),)], (1, 1), 2))
    [0, 1, 2, 3]
    """
    if len(widths) > 3:
        return None  # the enumeration below is of m-1 and m-h-1 only: deeper is trusted
    n, m = len(pts), len(pts[0])
    scale = V.scale_of(pts)
    X = np.array([[int(c * scale) for c in p] for p in pts], dtype=object)
    vals = range(-q, q + 1)
    units = list(itertools.product(vals, repeat=m + 1))
    h = widths[1] if len(widths) == 3 else 0
    if h == 0:
        work = len(units) * n
    else:
        combos = 1
        for t in range(h):
            combos = combos * (len(units) + t) // (t + 1)
        work = combos * (2 * q + 1) ** (h + 1) * n
    if work > INT_WORK:
        return None
    big = max(1, max((abs(int(v)) for row in X for v in row), default=1)) * (m + 1) * max(q, 1) \
        * scale * (h + 1) * max(q, 1)
    if big >= 2**60:
        return None  # would need Python integers: left to the producer (trusted)
    dtype = np.int64
    Xa = X.astype(dtype)
    U = np.array(units, dtype=dtype)                      # (U, m+1)
    pre = U[:, :m] @ Xa.T + U[:, m:] * scale              # (U, n) = L * u
    found: set[int] = set()
    weights = 1 << np.arange(n, dtype=np.int64)

    def collect(outs: np.ndarray) -> None:
        outs = outs.reshape(-1, n)
        ok = (outs != 0).all(axis=1)
        bits = ((outs[ok] > 0).astype(np.int64) * weights).sum(axis=1)
        found.update(np.unique(bits).tolist())

    if h == 0:
        collect(pre)
        return found
    act = np.maximum(pre, 0)
    outw = np.array(list(itertools.product(vals, repeat=h)), dtype=dtype)   # (A, h)
    cs = np.array(list(vals), dtype=dtype) * scale                          # (C,)
    batch: list[tuple[int, ...]] = []
    size = max(1, 2_000_000 // (len(outw) * len(cs) * n))
    for combo in itertools.combinations_with_replacement(range(len(units)), h):
        batch.append(combo)
        if len(batch) >= size:
            _int_batch(act, batch, outw, cs, collect)
            batch = []
    if batch:
        _int_batch(act, batch, outw, cs, collect)
    return found


def _int_batch(act: np.ndarray, batch: list[tuple[int, ...]], outw: np.ndarray,
               cs: np.ndarray, collect: Any) -> None:
    S = act[np.array(batch)]                                   # (B, h, n)
    hidden = np.einsum("ah,bhn->ban", outw, S)                 # (B, A, n)
    collect(hidden[:, :, None, :] + cs[None, None, :, None])   # (B, A, C, n)
