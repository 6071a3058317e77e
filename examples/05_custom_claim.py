"""Example 5: checking a conjecture of your own, with the hypothesis strategies.

Run:  python examples/05_custom_claim.py

Conjecture: for 2eps-separated A, B in [0,1]^d under l_inf or l_1, the classifier f*
of Proposition 3.2 has zero robust error at radius eps/2 (instances drawn under l_2
are skipped).  Hypothesis draws exact
random instances (including sets exactly 2eps apart); each is decided exactly.
The outcome is packaged as a ClaimResult, like the paper's own claims.
"""

from hypothesis import HealthCheck, given, settings

from proofs.claim import FAILS, HOLDS_ON_INSTANCES, ClaimResult
from verify.encodings import robust_error
from verify.strategies import separated_instances

checked = []
counterexamples = []


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(separated_instances(dims=(1, 2), max_size=4))
def conjecture(inst):
    if inst.norm == "2":
        return  # the conjecture is about l_inf and l_1
    result = robust_error(inst.A, inst.B, inst.eps / 2, inst.norm)
    checked.append(result.holds)
    if not result.holds:
        counterexamples.append({"A": inst.A, "B": inst.B, "eps": inst.eps})


conjecture()
claim = ClaimResult(
    id="my-conjecture", title="f* is robust at radius eps/2",
    statement="2eps-separated A, B (l_inf, l_1): the robust error of f* at radius eps/2 is 0",
    parameters={"examples": len(checked)},
    verdict=FAILS if counterexamples else HOLDS_ON_INSTANCES,
    evidence={"instances_decided": len(checked), "counterexamples": counterexamples[:3]},
    explanation="Each random instance was decided exactly (linear real arithmetic).",
    evidence_kind="counterexample" if counterexamples else "solver",
    reason=f"{len(checked)} random instances decided exactly",
)
print(claim.id, "->", claim.verdict, "on", len(checked), "exact instances")
