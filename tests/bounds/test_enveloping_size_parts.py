"""``smallest_enveloping_M`` (split by concern: the grid's checks, the target, the search),
pinned before the split: K and M of eight calls and the digest of their whole answers as
JSON (every bound, every kind of target, M = 1 and a long doubling search), and the
refusals' messages in the order of the checks."""

from __future__ import annotations

import hashlib

import pytest

from verify.bounds.sizes import BOUNDS, smallest_enveloping_M
from verify.errors import InvalidArgument
from verify.jsonio import dumps

CALLS = [
    ("1/10", 6, {}),
    *[("1/100", 7, {"bound": b}) for b in sorted(BOUNDS)],
    ("1/10", 4, {"alpha": "1/10", "target": "exact"}),
    ("1/4", 3, {"target": "1"}),
    ("1/1000", 12, {"target": "1" + "0" * 40}),
]


def test_smallest_enveloping_m_is_unchanged():
    got = [smallest_enveloping_M(e, d, **kw) for e, d, kw in CALLS]
    text = dumps(got)
    assert [(s.K, s.M) for s in got] == GOLDEN_M
    assert hashlib.sha256(text.encode()).hexdigest()[:32] == GOLDEN_DIGEST


@pytest.mark.parametrize(("args", "kw", "message"), [
    (("0", 5), {"d": None}, "eps must lie in (0, 1/2], got 0"),
    (("1/10", 1), {}, "d must be >= 2, got 1"),
    (("1/10", 1), {"bound": "x", "alpha": "1"}, "d must be >= 2, got 1"),
    (("1/10", 5), {"bound": "x", "alpha": "1"},
     "bound must be one of thm7, thm10, w2logw, wlogwl, got 'x'"),
    (("1/10", 5), {"alpha": "1/2"}, "alpha must lie in [0, 1/2), got 1/2"),
    (("1/10", 5), {"alpha": "1/5"},
     "alpha = 1/5: the paper's step needs 2(1-2alpha) > (10e)^(1/10) (alpha < 0.15216...); "
     "use target='exact'"),
    (("1/10", 5), {"target": "x"},
     "target: 'x' is not a rational number (use 3/7, 0.25 or 4)"),
])
def test_smallest_enveloping_m_refusals_are_unchanged(args, kw, message):
    kw = {k: v for k, v in kw.items() if v is not None}
    with pytest.raises(InvalidArgument) as err:
        smallest_enveloping_M(*args, **kw)
    assert str(err.value) == message


GOLDEN_M = [(5, 2), (50, 53), (50, 88), (50, 21), (50, 289), (5, 1), (2, 1), (500, 3720176448)]
GOLDEN_DIGEST = "1edcdfe41052f2f1108deca42bc23d50"
