"""Compiled (numba) kernel of :func:`verify.enumeration.growth.best_in_range`; integers only.

The m-subsets T of a range are visited in lexicographic order, the next one
made from the current one in place (no Python tuples).  For each T the number
of distinct projections of R onto T is the number of classes of the partition
of R by the bits of T, refined one point at a time: ``ids[i, r]`` is the class
(0..k_i − 1) of labeling r by the first i points of T, and a class of level
i + 1 is a pair (class of level i, bit) numbered in order of first appearance.
Consecutive subsets share a prefix, so only the levels after the first changed
point are refined again; the last level is only counted.  Distinct pairs are
found through a stamp array indexed by the pair (2 k_i + bit < 2 |R|): a new
stamp value per refinement clears it, so no (subsets × |R|) temporary is built
and nothing is sorted or hashed.

The bit of point p in labeling r is ``(words[r, p // 64] >> (p % 64)) & 1``,
for one word (n ≤ 64) or several (exact past 64 points).  Every count is an
exact integer (at most |R|).
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def _bit(words, r, p):
    return (words[r, p >> 6] >> np.uint64(p & 63)) & np.uint64(1)


@njit(cache=True)
def _refine(words, p, src, dst, stamp, remap, gen):
    """Level i + 1 from level i (row ``src``) and point p into row ``dst``; its class count."""
    k = 0
    for r in range(src.shape[0]):
        key = 2 * src[r] + np.int64(_bit(words, r, p))
        if stamp[key + 1] != gen:
            stamp[key + 1] = gen
            remap[key] = k
            k += 1
        dst[r] = remap[key]
    return k


@njit(cache=True)
def _row(i, depth):
    """The row of ``ids`` holding level i: its own up to ``depth``, then two alternating."""
    return i if i <= depth else depth + 1 + (i - depth - 1) % 2


@njit(cache=True)
def best_of_range(words, n, combo, count, cap, best_in, best_combo, ids, stamp, remap):
    """Examine ``count`` m-subsets from ``combo`` on (lexicographic order).

    ``combo`` (int64, length m) is the first subset; it is advanced in place to
    the next subset after each one examined.  Returns ``(best, examined)``:
    the largest number of distinct projections found when it exceeds
    ``best_in`` (its subset copied to ``best_combo``; the first one attaining
    it), else ``best_in``; ``examined`` subsets were seen (fewer than
    ``count`` when the best reached ``cap``, or when the subsets of size m
    ran out).

    Work arrays: ``ids`` int64 (depth + 3, |R|): levels 0..depth are kept
    (depth ≤ m − 1), deeper ones are recomputed in the last two rows, so memory
    is bounded whatever m; ``stamp`` int64 (2 |R| + 1), ``stamp[0]`` the last
    stamp used (start with zeros and pass it on); ``remap`` int64 (2 |R|).
    """
    m = combo.shape[0]
    size = words.shape[0]
    depth = ids.shape[0] - 3
    best = best_in
    classes = np.zeros(m + 1, dtype=np.int64)
    classes[0] = 1 if size > 0 else 0
    for r in range(size):
        ids[0, r] = 0
    gen = stamp[0]
    fresh = 0  # levels 0..fresh are up to date for the current combo
    examined = 0
    while examined < count:
        if fresh < m - 1:  # refine the partition by the first i points, i up to m - 1
            for i in range(min(fresh, depth) + 1, m):
                gen += 1
                classes[i] = _refine(words, combo[i - 1], ids[_row(i - 1, depth)],
                                     ids[_row(i, depth)], stamp, remap, gen)
            fresh = m - 1
        if m == 0:
            c = classes[0]
        else:
            kp = classes[m - 1]
            if kp == size:
                c = size
            elif 2 * kp <= best:
                c = -1  # every completion has at most 2 kp classes: no improvement here
            else:
                p = combo[m - 1]
                src = ids[_row(m - 1, depth)]
                gen += 1
                c = 0
                for r in range(size):
                    key = 2 * src[r] + np.int64(_bit(words, r, p))
                    if stamp[key + 1] != gen:
                        stamp[key + 1] = gen
                        c += 1
        examined += 1
        if c > best:
            best = c
            for i in range(m):
                best_combo[i] = combo[i]
            if best >= cap:
                break
        # the next combination; the levels after the first changed position go stale
        i = m - 1
        while i >= 0 and combo[i] == n - m + i:
            i -= 1
        if i < 0:
            break
        combo[i] += 1
        for j in range(i + 1, m):
            combo[j] = combo[j - 1] + 1
        if i < fresh:
            fresh = i
    stamp[0] = gen
    return best, examined
