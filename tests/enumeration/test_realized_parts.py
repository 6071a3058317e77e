"""The parts of ``realized_labelings`` (split by concern), each on its contract.

The whole function's behaviour is pinned by ``test_realized.py`` and
``test_store_integrity.py`` (counts against the halfspace recursion, damaged
stores, Ctrl-C); here: the routing order of the checks and the store read.
"""

from __future__ import annotations

import pytest

from verify.enumeration.realized import _stored_run, _verified_set, realized_labelings
from verify.enumeration.store import RealizedStore
from verify.errors import CacheDamaged, Interrupted, InvalidArgument
from verify.geometry.pointsets import as_points

from .golden import realized_summary

PTS = as_points("cube:2")
ARGS = dict(timeout=None, symmetries=True, seed_q=None, on_found=None, query_timeout=10)


@pytest.mark.parametrize("sharded", [{}, {"shards": 2}])
def test_homogeneous_is_refused_for_networks_sharded_or_not(sharded):
    with pytest.raises(InvalidArgument, match="homogeneous applies to halfspaces only"):
        realized_labelings("cube:2", "2-1-1", homogeneous=True, use_cache=False, **sharded)


def test_deep_int_class_is_refused_before_a_store_is_opened(tmp_path):
    with pytest.raises(InvalidArgument, match="int:1 is supported for at most one hidden"):
        realized_labelings("cube:2", "2-2-2-1", "int:1", cache_dir=str(tmp_path / "c"))
    assert not (tmp_path / "c").exists()


def test_verified_set_is_none_until_the_run_is_complete(tmp_path):
    store = RealizedStore(str(tmp_path))
    try:
        key = RealizedStore.run_key(PTS, "2-1-1", "real")
        store.start(key, "cube:2, 2-1-1, real")
        assert _verified_set(store, key, 4, store.known(key)) is None
        first = _stored_run(PTS, (2, 1, 1), store, **ARGS)
        stored = store.known(key)
        cached = _verified_set(store, key, 4, stored)
        assert cached is not None and cached.complete
        assert sorted(cached.labelings.tolist()) == sorted(first.labelings.tolist())
        assert cached.provenance["from_cache"] == str(store.path)
        with pytest.raises(CacheDamaged, match="reads back as 13 labelings"):
            _verified_set(store, key, 4, stored[1:])  # a row missing: damage, not a count
    finally:
        store.close()


def test_stored_run_without_a_store_lets_ctrl_c_through(monkeypatch):
    import verify.enumeration.realized as realized

    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(realized, "_enumerate", stop)
    with pytest.raises(KeyboardInterrupt):
        _stored_run(PTS, (2, 1, 1), None, **ARGS)


RUNS = {
    "halfspaces": (("cube:3", "halfspaces"), {}),
    "halfspaces-sharded": (("cube:3", "halfspaces"), {"workers": 1, "shards": 2}),
    "int": (("cube:2", "2-2-1", "int:1"), {}),
    "real-no-store": (("cube:2", "2-1-1"), {"use_cache": False}),
    "real-no-seeds-no-symmetries": (("cube:2", "2-1-1"),
                                    {"use_cache": False, "seed_q": 0, "symmetries": False}),
    "real-time-out": (("cube:2", "2-1-1"), {"timeout": "1e-9", "seed_q": 0}),
    "real-sharded": (("cube:2", "2-1-1"), {"workers": 1, "shards": 2}),
    "deep": (([[0], [1], [2], [3], [4]], "1-2-2-1"), {}),
}


def _recorder(found):
    return lambda bits, _net: found.append(bits)


def _run_twice(args, kw, tmp_path):
    """The run into a fresh store and the run after it (from the store), summarized, with the
    labelings each reported found."""
    out = []
    for _ in range(2):
        found: list[int] = []
        res = realized_labelings(*args, cache_dir=str(tmp_path), **kw,
                                 on_found=_recorder(found))
        out.append((*realized_summary(res, tmp_path), sorted(found)))
    return out


@pytest.mark.parametrize("name", list(RUNS))
def test_realized_labelings_is_unchanged(name, tmp_path):
    args, kw = RUNS[name]
    if name.startswith("halfspaces"):  # no store, no on_found
        res = realized_labelings(*args, **kw)
        assert realized_summary(res) == GOLDEN[name]
        return
    assert _run_twice(args, kw, tmp_path) == GOLDEN[name]


def test_realized_labelings_interrupted_then_resumed_is_unchanged(tmp_path):
    """Ctrl-C after the third labeling found (the store keeps what was found), then the
    run resumed from the store."""
    found: list[int] = []

    def stop_at_third(bits, _net):
        found.append(bits)
        if len(found) == 3:
            raise KeyboardInterrupt

    with pytest.raises(Interrupted) as stop:
        realized_labelings("cube:2", "2-1-1", cache_dir=str(tmp_path), seed_q=0,
                           on_found=stop_at_third)
    resumed = _run_twice(("cube:2", "2-1-1"), {"seed_q": 0}, tmp_path)
    got = (str(stop.value).replace(str(tmp_path), "TMP"), sorted(found), resumed)
    assert got == GOLDEN["interrupted-resumed"]


GOLDEN: dict[str, object] = {
    # count, complete, the digest of the rest (and the labelings reported found): for the
    # run into a fresh store, then for the run after it
    'halfspaces':
        (104, True, '764758272cf63fa76ef379780662d2f8'),
    'halfspaces-sharded':
        (104, True, '19b7a80d7d14736983557deeda3eb949'),
    'int':
        [(14, True, '56dcc3e948b0dd85861467ebe8f4be46', []),
         (14, True, '56dcc3e948b0dd85861467ebe8f4be46', [])],
    'real-no-store':
        [(14, True, '4f1c013af9dc8d6126904a838505e2db',
          [2, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15]),
         (14, True, '4f1c013af9dc8d6126904a838505e2db',
          [2, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15])],
    'real-no-seeds-no-symmetries':
        [(14, True, '5d7eea9fffb27ba4370e3ff7ea3ed2bb',
          [0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15]),
         (14, True, '5d7eea9fffb27ba4370e3ff7ea3ed2bb',
          [0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15])],
    'real-time-out':
        [(0, False, 'f0956fc12db8d149d58ba6cf578c8ba7', []),
         (0, False, 'f0956fc12db8d149d58ba6cf578c8ba7', [])],
    'real-sharded':
        [(14, True, 'f475908d4b97aba5d1b171ea89e9db05',
          [0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15]),
         (14, True, '7658d358e452336b656f5a4eed361294', [])],
    'deep':
        [(32, True, 'a63ff8400a41f71c00431fb0120db19a',
          [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
           24, 25, 26, 27, 28, 29, 30, 31]),
         (32, True, '8459be1882172abeeb656efa1acf017e', [])],
    'interrupted-resumed':
        ('interrupted: 3 labelings kept in TMP/realized.sqlite; run again to continue',
         [1, 2, 14],
         [(14, True, '7ae97af2669184a01c75782a1381bbda',
           [0, 3, 4, 5, 7, 8, 10, 11, 12, 13, 15]),
          (14, True, '5c2c1c9daab45900c0ac793698399828', [])]),
}
