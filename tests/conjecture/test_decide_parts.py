"""``decide`` (split by concern: the sides evaluated at a precision, the decision at that
precision, the refinement), pinned before the split: the whole decision (JSON) of seventeen
cases, one or more per way out: exact (holds, fails), undefined, too hard to evaluate, the
same expression on both sides (holds, fails), certified intervals (holds, fails, after
refining, never separated), certified bounds of a quantity (deciding, not deciding)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from enumeration.golden import digest

from verify.conjecture.evaluate import Bounds, decide
from verify.conjecture.formula import parse_conjecture
from verify.jsonio import dumps

CASES = {
    "exact-holds": ("sqrt(8*n) <= 4", {"n": F(2)}, {}),
    "exact-fails": ("count <= 510", {"count": F(511)}, {}),
    "exact-ratio": ("count <= 2**n", {"count": F(300), "n": F(9)}, {}),
    "undefined": ("log(n - 3) >= 0", {"n": F(3)}, {}),
    "too-hard": ("binomial(n, 10**9) >= 0", {"n": F(3)}, {}),
    "too-hard-at-every-precision": ("(0 - n)**(10**100) >= 0", {"n": F(3)}, {"max_bits": 256}),
    "too-hard-bounds": ("binomial(10, count) >= 0", {"count": Bounds(F(0), F(10**9))}, {}),
    "same-holds": ("log(n) <= log(n)", {"n": F(5)}, {}),
    "same-fails": ("log(n) < log(n)", {"n": F(5)}, {}),
    "interval-holds": ("count < sqrt(count**2 + exp(-40))", {"count": F(104)}, {}),
    "interval-fails": ("count <= count - exp(-40)", {"count": F(104)}, {}),
    "interval-refined": ("n*log(2) < log(2**n + 1)", {"n": F(64)}, {}),
    "interval-tiny": ("count >= exp(-n)", {"count": F(1), "n": F(10**6)}, {}),
    "not-separated": ("log(n) <= 2*log(sqrt(n))", {"n": F(5)}, {"max_bits": 256}),
    "bounds-decide": ("count <= 510", {"count": Bounds(F(511), F(512))}, {}),
    "bounds-undecided": ("count <= 2**n", {"count": Bounds(F(300), F(600)), "n": F(9)}, {}),
    "bounds-and-interval": ("count <= 2**n*exp(-1)",
                            {"count": Bounds(F(100), F(150)), "n": F(9)}, {}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_decide_is_unchanged(name):
    text, env, kw = CASES[name]
    (ineq,) = parse_conjecture(text).inequalities
    d = decide(ineq, env, **kw)
    assert (d.verdict, digest(dumps(d))) == GOLDEN[name], dumps(d)


GOLDEN: dict[str, object] = {
    # the verdict, the digest of the decision's JSON
    'exact-holds': ('holds', '14e278ff6ca33d69dc1cba8b76dfb857'),
    'exact-fails': ('fails', '4e4f843933f42f26b002ede558f68057'),
    'exact-ratio': ('holds', '91eec385c1caedd0c60331fda08c392e'),
    'undefined': ('unknown', '3e84d77265136f2e0c62a44a8a5cc2df'),
    'too-hard': ('unknown', 'f0ff04b0553d82b6fb1fa60893d3dd67'),
    'too-hard-at-every-precision': ('unknown', '8bcc6b0c0d318ef07dea2a789ad959c8'),
    'too-hard-bounds': ('unknown', '0081905f0f7cfa99b0db50755091bdbf'),
    'same-holds': ('holds', '2047d99c935e59d3c416c9cd2501f059'),
    'same-fails': ('fails', '90a97fc1f5a5ae5a0601d90a83ffac2c'),
    'interval-holds': ('holds', '291def3af85ef1007425686566475aef'),
    'interval-fails': ('fails', '34567b236b48c8a4a367f9e568dd7b47'),
    'interval-refined': ('holds', '65ac609cd92ee99b6cb3a452e22e868a'),
    'interval-tiny': ('holds', 'b85207df398a32f6ee378c247af4078d'),
    'not-separated': ('unknown', 'f1c0ff6169348f450b84ff9e138bce1a'),
    'bounds-decide': ('fails', '490e1bb70cc72ba147fa959ef5511cc6'),
    'bounds-undecided': ('unknown', '7c6c2515866427ae365818a85c65a9a4'),
    'bounds-and-interval': ('holds', 'cc47ad6b23600d64228d507df762f6e8'),
}
