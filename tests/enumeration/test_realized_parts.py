"""The parts of ``realized_labelings`` (split by concern), each on its contract.

The whole function's behaviour is pinned by ``test_realized.py`` and
``test_store_integrity.py`` (counts against the halfspace recursion, damaged
stores, Ctrl-C); here: the routing order of the checks and the store read.
"""

from __future__ import annotations

import pytest

from verify.enumeration.realized import _stored_run, _verified_set, realized_labelings
from verify.enumeration.store import RealizedStore
from verify.errors import CacheDamaged, InvalidArgument
from verify.geometry.pointsets import as_points

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
