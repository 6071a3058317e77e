"""Bounded work: a huge encoding is refused before it is built, and a time limit
stops the building of one (the answer is then unknown, never unrealizable)."""

from __future__ import annotations

import pytest

from verify.encodings.realize import ENCODING_BYTES_PER_PHASE, encoding_bytes, realize
from verify.limits import set_max_memory

LABELS = "+-+--+-++"


def test_the_estimate_counts_one_phase_per_point_and_hidden_unit():
    assert encoding_bytes(9, (2, 99999, 1)) == 9 * 99999 * ENCODING_BYTES_PER_PHASE
    assert encoding_bytes(9, (2, 3, 4, 1)) == 9 * 7 * ENCODING_BYTES_PER_PHASE
    assert encoding_bytes(9, (2, 1)) == 0  # a linear classifier has no ReLU phase


def test_a_wide_network_is_refused_up_front(cli):
    line = cli.error(["realize", "--points", "grid:3:2", "--labels", LABELS,
                      "--arch", "2-99999-1", "--timeout", "20", "--max-memory", "1G"])
    assert line == ("error: the encoding of 9 points and 2-99999-1 needs about 4.3 GiB; "
                    "limit 1 GiB (set with --max-memory)")


@pytest.fixture
def roomy() -> object:
    set_max_memory("64G")
    yield
    set_max_memory(None)


def test_the_time_limit_stops_the_building_of_the_encoding(roomy):
    # 9 x 99999 ReLU phases take minutes to build: the limit is checked while building
    d = realize("grid:3:2", LABELS, "2-99999-1", timeout=0.2)
    assert d.status == "unknown"
    assert d.reason.startswith("time-out after 0.2 s (while building the encoding (")
