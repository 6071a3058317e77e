"""The compiled ``best_in_range`` against the numpy implementation it replaced (kept here)."""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pytest

from verify.enumeration import growth
from verify.enumeration.growth import best_in_range
from verify.geometry.dichotomies import combinations_from


def reference_best_in_range(
    words: np.ndarray, n: int, m: int, cap: int, start: int, stop: int
) -> tuple[int, tuple[int, ...]]:
    """The numpy implementation before the kernel (chunks of subsets masked or gathered,
    each row sorted, distinct values counted), verbatim."""
    size = words.shape[0]
    best, best_t = -1, tuple(range(m))
    combos = combinations_from(n, m, start, stop)
    one_word = words.shape[1] == 1
    while True:
        step = max(1, 4_000_000 // max(1, size))
        chunk = list(itertools.islice(combos, step))
        if not chunk:
            return best, best_t
        idx = np.array(chunk, dtype=np.int64).reshape(len(chunk), m)
        if one_word:
            masks = np.left_shift(np.uint64(1), idx.astype(np.uint64)).sum(axis=1, dtype=np.uint64)
            keys = [words[:, 0][None, :] & masks[:, None]]
        else:
            keys = [np.zeros((len(chunk), size), dtype=np.uint64) for _ in range((m + 63) // 64)]
            for j in range(m):
                col = words[:, idx[:, j] // 64].T  # (B, |R|)
                shift = (idx[:, j] % 64).astype(np.uint64)[:, None]
                keys[j // 64] |= ((col >> shift) & np.uint64(1)) << np.uint64(j % 64)
        if len(keys) == 1:
            srt = [np.sort(keys[0], axis=1)]
        else:
            order = np.lexsort(keys[::-1], axis=1)
            srt = [np.take_along_axis(k, order, axis=1) for k in keys]
        differ = np.zeros((len(chunk), max(0, size - 1)), dtype=bool)
        for k in srt:
            differ |= k[:, 1:] != k[:, :-1]
        counts = 1 + np.count_nonzero(differ, axis=1)
        j = int(np.argmax(counts))
        if int(counts[j]) > best:
            best, best_t = int(counts[j]), chunk[j]
        if best >= cap:
            return best, best_t


def brute_best(vals: list[int], n: int, m: int, start: int, stop: int
               ) -> tuple[int, tuple[int, ...]]:
    """Python integers only: every subset of the range, the first strict maximum."""
    best, best_t = -1, tuple(range(m))
    for t in itertools.islice(itertools.combinations(range(n), m), start, stop):
        mask = sum(1 << i for i in t)
        c = len({v & mask for v in vals})
        if c > best:
            best, best_t = c, t
    return best, best_t


def random_class(rng: random.Random, n: int, size: int, structured: bool) -> list[int]:
    """``size`` labelings of n points (duplicates allowed); structured ones have few
    distinct projections on many subsets (several points copy or negate others)."""
    if not structured:
        return [rng.getrandbits(n) for _ in range(size)]
    src = [rng.randrange(n) for _ in range(n)]
    out = []
    for _ in range(size):
        base = rng.getrandbits(n)
        v = 0
        for i in range(n):
            b = (base >> src[i]) & 1 if i % 3 else (base >> i) & 1
            v |= b << i
        out.append(v)
    return out


def ranges(rng: random.Random, total: int) -> list[tuple[int, int]]:
    """A few ranges of ranks, each of at most 400 subsets (some past the end, one empty)."""
    cuts = [(0, min(total, 400)), (0, 1), (max(0, total - 300), total + 5), (total, total + 3)]
    for _ in range(3):
        a = rng.randrange(total)
        cuts.append((a, a + rng.randrange(1, 400)))
    return cuts


@pytest.mark.parametrize("n", [23, 30, 64, 65, 70, 129])
def test_kernel_matches_numpy_on_random_classes(n):
    rng = random.Random(n)
    for trial, structured in enumerate((False, True, True)):
        size = rng.choice((1, 2, 7, 40, 150))
        vals = random_class(rng, n, size, structured)
        arr = np.array(vals, dtype=np.uint64 if n <= 64 else object)
        words = growth._words(arr, n)
        # m = 0: one subset, one projection (the numpy code failed here past 64 points)
        assert best_in_range(words, n, 0, 1, 0, 5) == (1, ())
        sizes = range(1, n + 1) if n <= 30 else sorted({1, 2, 3, 4, 63, 64, 65, n - 1, n,
                                                          *rng.sample(range(5, n), 4)} - {n + 1})
        for m in (m for m in sizes if m <= n):
            total = math.comb(n, m)
            caps = [min(1 << m, size), 10**9]
            for start, stop in ranges(rng, total)[:: 1 if n <= 70 else 2]:
                for cap in caps:
                    want = reference_best_in_range(words, n, m, cap, start, stop)
                    got = best_in_range(words, n, m, cap, start, stop)
                    assert got == want, (n, trial, m, cap, start, stop)


@pytest.mark.parametrize("n", [23, 66])
def test_kernel_matches_python_integers(n):
    # an independent truth: Python sets of masked integers, every subset of small ranges
    rng = random.Random(1000 + n)
    vals = random_class(rng, n, 60, True)
    arr = np.array(vals, dtype=np.uint64 if n <= 64 else object)
    words = growth._words(arr, n)
    for m in (1, 2, 3, n // 2, n - 2, n - 1, n):
        total = math.comb(n, m)
        for start, stop in ranges(rng, min(total, 3000)):  # islice walks up to start
            stop = min(stop, start + 300)
            assert best_in_range(words, n, m, 10**9, start, stop) == brute_best(
                vals, n, m, start, stop), (m, start, stop)


def test_shards_merge_to_the_whole_range():
    # the max over a split range is the max of the parts, attained first in the first part
    rng = random.Random(7)
    n = 26
    vals = random_class(rng, n, 90, True)
    words = growth._words(np.array(vals, dtype=np.uint64), n)
    for m in (3, 5, 12):
        whole = best_in_range(words, n, m, 10**9, 0, 3000)
        parts = [best_in_range(words, n, m, 10**9, a, a + 500) for a in range(0, 3000, 500)]
        best = max(p[0] for p in parts)
        assert whole == (best, next(p[1] for p in parts if p[0] == best))


def test_kernel_bounded_rows_past_the_memory_budget(monkeypatch):
    # with room for fewer partitions than the subset has points, the deeper levels are
    # recomputed in two rows: the same answers
    rng = random.Random(3)
    n = 40
    vals = random_class(rng, n, 120, True)
    words = growth._words(np.array(vals, dtype=np.uint64), n)
    want = {m: best_in_range(words, n, m, 10**9, 0, 700) for m in (1, 2, 9, 20, 39)}
    monkeypatch.setattr(growth, "_KERNEL_BYTES", 8 * 120 * 5)  # depth 2
    for m, w in want.items():
        assert best_in_range(words, n, m, 10**9, 0, 700) == w
        assert w == reference_best_in_range(words, n, m, 10**9, 0, 700)


def test_early_exit_at_cap_keeps_the_first_witness():
    # bits 3..5 copy bits 0..2, so (0, 1, 3) and (0, 1, 4) see 4 + 1 projections (the last
    # labeling adds one) and (0, 1, 5) is the first after (0, 1, 2) to see all 8
    vals = [v | (v << 3) for v in range(8)] + [0b111111 << 3]
    words = growth._words(np.array(vals, dtype=np.uint64), 24)
    assert best_in_range(words, 24, 3, 8, 0, 2024) == (8, (0, 1, 2))
    assert best_in_range(words, 24, 3, 8, 1, 2024) == (8, (0, 1, 5))
    assert reference_best_in_range(words, 24, 3, 8, 1, 2024) == (8, (0, 1, 5))


def test_words_too_narrow_for_the_points_are_refused():
    # the kernel reads word p // 64 of a row unchecked: a narrower array is an error, not a read
    from verify.errors import InvalidArgument

    words = growth._words(np.array([1, 2, 3], dtype=np.uint64), 64)
    for n, m in ((65, 2), (64, 65), (64, -1)):
        with pytest.raises(InvalidArgument):
            best_in_range(words, n, m, 10**9, 0, 10)
    with pytest.raises(InvalidArgument):
        best_in_range(words.astype(np.int64), 64, 2, 10**9, 0, 10)
    assert best_in_range(words, 64, 2, 10**9, 0, 10) == (3, (0, 1))
