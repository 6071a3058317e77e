"""Compiled (numba) kernels of :mod:`verify.geometry.chambers`; exact int64 arithmetic.

Every product is taken only after both factors are checked to be below 2^31 in
absolute value, so no intermediate value can leave int64; a kernel that meets a
larger entry returns ``OVERFLOW`` and the caller refuses (never a rounded or
wrapped number).  Counts (multiplicities, Betti numbers) are bounded by the
caller before the run (Cover's bound on the number of chambers below 2^62).

Layout: ``M`` is an ``n x l`` int64 matrix, row ``j`` the normal of hyperplane
``j`` restricted to the current flat, in the first ``act`` coordinates; rows are
kept primitive (entries coprime) with their first non-zero entry positive, so
two hyperplanes coincide exactly when their rows are equal.
"""

from __future__ import annotations

import numpy as np
from numba import njit

OVERFLOW = -2
_LIM = 1 << 31
# Integer constants passed to another compiled function are written np.int64(…): numba
# compiles a callee once more for each literal argument (Literal[int](0) or (-1) beside
# int64), which made compiling the kernel on a clean cache about 15 % slower.


@njit(cache=True)
def _gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a


@njit(cache=True)
def normalize_rows(M, act):
    """Make every row primitive with its first non-zero entry positive."""
    n = M.shape[0]
    for j in range(n):
        g = np.int64(0)
        first = 0
        for c in range(act):
            v = M[j, c]
            if v != 0:
                if first == 0:
                    first = 1 if v > 0 else -1
                g = _gcd(g, abs(v))
        if g > 1 or first < 0:
            d = g * first
            for c in range(act):
                M[j, c] = M[j, c] // d


@njit(cache=True)
def pivot(M, r, act):
    """Restrict to hyperplane ``r``: rows become their classes modulo row ``r``.

    Returns the new number of coordinates (``act - 1``), or ``OVERFLOW``.
    """
    n = M.shape[0]
    c = -1
    best = 0
    for x in range(act):
        v = abs(M[r, x])
        if v != 0 and (c < 0 or v < best):
            c = x
            best = v
    if c < 0:
        return act  # row r is already zero: nothing to restrict (not reached by callers)
    p = M[r, c]
    for x in range(act):
        if abs(M[r, x]) >= _LIM:
            return OVERFLOW
    for j in range(n):
        if j == r:
            continue
        a = M[j, c]
        if a == 0:
            continue
        if abs(a) >= _LIM:
            return OVERFLOW
        for x in range(act):
            v = M[j, x]
            if abs(v) >= _LIM:
                return OVERFLOW
            M[j, x] = p * v - a * M[r, x]
    for x in range(act):
        M[r, x] = 0
    last = act - 1
    if c != last:
        for j in range(n):
            tmp = M[j, c]
            M[j, c] = M[j, last]
            M[j, last] = tmp
    for j in range(n):
        M[j, last] = 0
    act = last
    normalize_rows(M, act)
    return act


@njit(cache=True)
def _row_hash(M, j, act):
    h = np.uint64(1469598103934665603)
    for c in range(act):
        h = (h ^ np.uint64(M[j, c] & 0xFFFFFFFFFFFF)) * np.uint64(1099511628211)
    return h


@njit(cache=True)
def _rows_equal(M, a, b, act):
    for c in range(act):
        if M[a, c] != M[b, c]:
            return False
    return True


@njit(cache=True)
def next_unbroken(M, s, act, slots, stamps, gen, dist):
    """The first hyperplane ``j >= s`` of the restricted arrangement that is not
    zero and not equal to a later one, and the number ``h`` of distinct non-zero
    rows among ``j >= s`` (their indices, in decreasing order, go to ``dist``).

    Returns ``(next, h)``; ``next = -1`` when ``h = 0``.  ``slots``/``stamps``
    form an open-addressing set, cleared by using a new ``gen``.
    """
    n = M.shape[0]
    mask = np.uint64(slots.shape[0] - 1)
    nxt = -1
    h = 0
    for j in range(n - 1, s - 1, -1):
        zero = True
        for c in range(act):
            if M[j, c] != 0:
                zero = False
                break
        if zero:
            continue
        idx = _row_hash(M, j, act) & mask
        while True:
            i = int(idx)
            if stamps[i] != gen:
                stamps[i] = gen
                slots[i] = j
                dist[h] = j
                h += 1
                nxt = j
                break
            if _rows_equal(M, j, slots[i], act):
                break
            idx = (idx + np.uint64(1)) & mask
    return nxt, h


@njit(cache=True)
def _cross_key(M, a, b, out):
    """Primitive, sign-normalized cross product of rows a and b (3 coordinates)."""
    for x in range(3):
        if abs(M[a, x]) >= _LIM or abs(M[b, x]) >= _LIM:
            return False
    out[0] = M[a, 1] * M[b, 2] - M[a, 2] * M[b, 1]
    out[1] = M[a, 2] * M[b, 0] - M[a, 0] * M[b, 2]
    out[2] = M[a, 0] * M[b, 1] - M[a, 1] * M[b, 0]
    g = _gcd(_gcd(abs(out[0]), abs(out[1])), abs(out[2]))
    first = 0
    for x in range(3):
        if out[x] != 0:
            first = 1 if out[x] > 0 else -1
            break
    d = g * first
    if d != 0:
        for x in range(3):
            out[x] = out[x] // d
    return True


@njit(cache=True)
def lines_histogram(M, dist, h, weights, hist):
    """Rank-2 flats of distinct rows (3 coordinates): ``hist[c] += weights[a]`` for
    every row ``a`` (position in ``dist``) and every line through it containing
    ``c`` of the rows.  Then ``sum_c hist[c] (c - 1) / c = sum over lines (c - 1)``
    when the weights are 1 (or orbit sizes of orbit representatives).

    Returns False on overflow.
    """
    cap = 1
    while cap < 2 * h + 2:
        cap *= 2
    keys = np.zeros((cap, 3), dtype=np.int64)
    counts = np.zeros(cap, dtype=np.int64)
    stamps = np.zeros(cap, dtype=np.int64)
    used = np.zeros(cap, dtype=np.int64)
    key = np.zeros(3, dtype=np.int64)
    mask = np.uint64(cap - 1)
    for ia in range(h):
        w = weights[ia]
        if w == 0:
            continue
        gen = ia + 1
        nused = 0
        a = dist[ia]
        for ib in range(h):
            if ib == ia:
                continue
            if not _cross_key(M, a, dist[ib], key):
                return False
            hv = np.uint64(1469598103934665603)
            for x in range(3):
                hv = (hv ^ np.uint64(key[x] & 0xFFFFFFFFFFFF)) * np.uint64(1099511628211)
            idx = hv & mask
            while True:
                i = int(idx)
                if stamps[i] != gen:
                    stamps[i] = gen
                    keys[i, 0] = key[0]
                    keys[i, 1] = key[1]
                    keys[i, 2] = key[2]
                    counts[i] = 1
                    used[nused] = i
                    nused += 1
                    break
                if keys[i, 0] == key[0] and keys[i, 1] == key[1] and keys[i, 2] == key[2]:
                    counts[i] += 1
                    break
                idx = (idx + np.uint64(1)) & mask
        for u in range(nused):
            hist[counts[used[u]] + 1] += w
    return True


@njit(cache=True)
def _rank3_b2(M, dist, h, hist, weights):
    for c in range(h + 2):
        hist[c] = 0
    if not lines_histogram(M, dist, h, weights, hist):
        return -1
    b2 = 0
    for c in range(2, h + 2):
        b2 += (hist[c] // c) * (c - 1)
    return b2


@njit(cache=True)
def _mask_of(lst, s, W, out):
    for w in range(W):
        out[w] = np.uint64(0)
    for i in range(s):
        j = lst[i]
        out[j >> 6] |= np.uint64(1) << np.uint64(j & 63)


@njit(cache=True)
def _less(a, b, W):
    for w in range(W - 1, -1, -1):
        if a[w] != b[w]:
            return a[w] < b[w]
    return False


@njit(cache=True)
def canonical_key(G, elems, lo, hi, cur, s, W, out, img, cand):
    """A small image of the flat's closure ``cur[:s]`` (hyperplane indices) under
    the stabilizer elements ``elems[lo:hi]`` (rows of ``G``), as a bit mask in
    ``out``: greedy descent, restarted after each improvement.  The result is
    always the image of the closure under a group element (a composition of the
    chosen ones), so equal keys mean isomorphic nodes."""
    _mask_of(cur, s, W, out)
    improved = True
    while improved:
        improved = False
        for e in range(lo, hi):
            g = elems[e]
            for i in range(s):
                cand[i] = G[g, cur[i]]
            _mask_of(cand, s, W, img)
            if _less(img, out, W):
                for w in range(W):
                    out[w] = img[w]
                for i in range(s):
                    cur[i] = cand[i]
                improved = True


@njit(cache=True)
def _emit_or_close(M, act, k, m, nxt, h, dist, hist, ones, betti,
                   R, Kc, node, extra, level_out, R_out, K_out, mult_out, key_out,
                   nout, G, elems, offsets, W, cur, cand, img):
    """Close a node by a closed form, or emit it as a child; returns new nout or OVERFLOW."""
    if h == 0:
        betti[k] += m
        return nout
    if h == 1:
        betti[k] += m
        betti[k + 1] += m
        return nout
    if act <= 2:
        betti[k] += m
        betti[k + 1] += h * m
        betti[k + 2] += (h - 1) * m
        return nout
    if act == 3:
        b2 = _rank3_b2(M, dist, h, hist, ones)
        if b2 < 0:
            return OVERFLOW
        betti[k] += m
        betti[k + 1] += h * m
        betti[k + 2] += b2 * m
        betti[k + 3] += (b2 - h + 1) * m
        return nout
    n = M.shape[0]
    s = np.int64(0)
    for j in range(n):
        zero = True
        for c in range(act):
            if M[j, c] != 0:
                zero = False
                break
        if zero:
            cur[s] = j
            s += 1
    canonical_key(G, elems, offsets[nxt], offsets[nxt + 1], cur, s, W, key_out[nout], img, cand)
    level_out[nout] = nxt
    for x in range(Kc):
        R_out[nout, x] = R[node, x]
    if extra >= 0:
        R_out[nout, Kc] = extra
    K_out[nout] = k
    mult_out[nout] = m
    return nout + 1


@njit(cache=True)
def expand_level(V, act0, t, R, K, MULT, G, elems, offsets, W, betti,
                 level_out, R_out, K_out, mult_out, key_out):
    """Deletion and restriction of hyperplane ``t`` at every node of level ``t``.

    A node is a flat ``X`` (given by independent hyperplanes ``R[node, :K[node]]``)
    with multiplicity ``MULT[node]``; its arrangement is ``{H_j ∩ X : j >= t}``
    (distinct, non-degenerate), and hyperplane ``t`` is in it and equal to no
    later one.  Its children are ``(X, t+1)`` (deletion) and ``(X ∩ H_t, t+1)``
    (restriction), each moved on to its next unbroken hyperplane; a child of
    at most 3 dimensions or at most 1 hyperplane is closed at once (its Betti
    numbers added to ``betti``), the others are written to the ``*_out`` arrays.
    Returns the number of children written, or ``OVERFLOW``.
    """
    n = V.shape[0]
    cap = 1
    while cap < 2 * n + 2:
        cap *= 2
    slots = np.zeros(cap, dtype=np.int64)
    stamps = np.zeros(cap, dtype=np.int64)
    dist = np.zeros(n, dtype=np.int64)
    hist = np.zeros(n + 2, dtype=np.int64)
    ones = np.ones(n, dtype=np.int64)
    cur = np.zeros(n, dtype=np.int64)
    cand = np.zeros(n, dtype=np.int64)
    img = np.zeros(W, dtype=np.uint64)
    gen = 0
    nout = np.int64(0)
    for node in range(R.shape[0]):
        M = V.copy()
        act = act0
        kk = K[node]
        for x in range(kk):
            act = pivot(M, R[node, x], act)
            if act < 0:
                return OVERFLOW
        m = MULT[node]
        # deletion of H_t: the flat stays, the arrangement starts at t + 1
        gen += 1
        nxt, h = next_unbroken(M, t + 1, act, slots, stamps, gen, dist)
        nout = _emit_or_close(M, act, kk, m, nxt, h, dist, hist, ones, betti, R, kk, node,
                              np.int64(-1), level_out, R_out, K_out, mult_out, key_out, nout,
                              G, elems, offsets, W, cur, cand, img)
        if nout < 0:
            return OVERFLOW
        # restriction to H_t
        act2 = pivot(M, t, act)
        if act2 < 0:
            return OVERFLOW
        gen += 1
        nxt, h = next_unbroken(M, t + 1, act2, slots, stamps, gen, dist)
        nout = _emit_or_close(M, act2, kk + 1, m, nxt, h, dist, hist, ones, betti, R, kk, node,
                              t, level_out, R_out, K_out, mult_out, key_out, nout,
                              G, elems, offsets, W, cur, cand, img)
        if nout < 0:
            return OVERFLOW
    return nout


@njit(cache=True)
def root_rank3(V, dist, h, weights, hist):
    """``sum_c hist[c] (c - 1) / c`` over the lines of a rank <= 3 arrangement
    (weights: orbit sizes of representatives, 0 elsewhere); -1 on overflow,
    -3 when a weighted total is not divisible (a symmetry that is not one)."""
    if not lines_histogram(V, dist, h, weights, hist):
        return -1
    b2 = 0
    for c in range(2, h + 2):
        if hist[c] % c != 0:
            return -3
        b2 += (hist[c] // c) * (c - 1)
    return b2
