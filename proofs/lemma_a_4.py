"""Lemma A.4 (Sauer–Shelah) in both forms, with its side condition.

Lemma A.4 states, with k = VC-dim(F): Π_F(m) <= Σ_{i<=k} C(m, i), and
Π_F(m) <= (e·m/k)^k for m > k + 1.  Checked here:

* the weak form against the sum, exactly for every 1 <= k, m <= ``max_m``
  (the comparison with the irrational e uses certified rational brackets): where
  the sum exceeds (em/k)^k, so that the weak form cannot bound Π_F(m) for a
  class attaining the sum; and whether all such m lie outside the side condition;
* on real classes (halfspaces on small point sets, from the enumeration module):
  the measured growth profile against Σ_{i<=k} C(m, i) with the measured VC
  dimension k, and against (em/k)^k where the side condition holds.

>>> r = check(max_m=8, classes=[])
>>> r.verdict, r.evidence["weak_form_failures_inside_side_condition"]
('holds-on-instances', 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from proofs._util import class_spec
from proofs.claim import FAILS, HOLDS_ON_INSTANCES, ClaimResult, figure, table
from verify.errors import SolverError
from verify.exact import require_int

ID = "lemma-a.4-sauer-shelah"
TITLE = "Lemma A.4 (Sauer–Shelah), both forms and the side condition m > k + 1"
STATEMENT = (
    "With k = VC-dim(F): Π_F(m) ≤ Σ_{i=0}^{k} C(m, i), and Π_F(m) ≤ (e·m/k)^k for "
    "m > k + 1 (Lemma A.4)."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"max_m": 16, "classes": [{"points": "cube:3", "kind": "halfspaces"},
                                       {"points": "grid:3:2", "kind": "relu", "arch": "2-2-1"}]},
    "default": {"max_m": 40, "classes": [{"points": "cube:3", "kind": "halfspaces"},
                                         {"points": "grid:3:2", "kind": "halfspaces"},
                                         {"points": "grid:4:2", "kind": "halfspaces"},
                                         {"points": "grid:3:2", "kind": "relu", "arch": "2-2-1"},
                                         {"points": "cube:3", "kind": "relu", "arch": "3-2-1"}]},
    "full": {"max_m": 80, "classes": [{"points": "cube:3", "kind": "halfspaces"},
                                      {"points": "cube:4", "kind": "halfspaces"},
                                      {"points": "grid:3:2", "kind": "halfspaces"},
                                      {"points": "grid:4:2", "kind": "halfspaces"},
                                      {"points": "grid:3:2", "kind": "relu", "arch": "2-2-1"},
                                      {"points": "cube:3", "kind": "relu", "arch": "3-2-1"},
                                      {"points": "grid:4:2", "kind": "relu", "arch": "2-2-1"}]},
}


def realized_labelings(cls: dict[str, Any]) -> tuple[Any, int]:
    """Bit-packed labelings of a class on its points, and the number of points.

    ``cls`` is ``{"points": SPEC, "kind": "halfspaces"}`` (exact dichotomies) or
    ``{"points": SPEC, "kind": "relu", "arch": "m-h-1"}`` (exact realized set of
    real-weight networks; refused if incomplete).
    """
    labels, n, _ = _realized(cls)
    return labels, n


def _realized(cls: dict[str, Any]) -> tuple[Any, int, dict[int, Any] | None]:
    """:func:`realized_labelings` and the witnesses (None for halfspaces)."""
    import numpy as np

    from verify.geometry.pointsets import as_points

    n = len(as_points(cls["points"]))
    if cls["kind"] == "halfspaces":
        from verify.geometry.dichotomies import halfspace_dichotomies

        return halfspace_dichotomies(cls["points"]), n, None
    from verify.encodings.realize import realized_set

    res = realized_set(cls["points"], cls["arch"], cls.get("class", "real"),
                       timeout=cls.get("timeout"))
    if not res.complete:
        raise SolverError(f"realized set of {cls['arch']} incomplete: {res.reason}")
    return np.array(res.labelings, dtype=np.uint64), n, dict(res.witnesses)


def _measured(cls: dict[str, Any]) -> dict[str, Any]:
    """Growth profile and VC dimension of a class on a point set (enumeration module),
    with the checked certificate of its realized set (:mod:`proofs._certificates`)."""
    from proofs._certificates import count_certificate
    from verify.enumeration.growth import growth_profile

    labels, n, witnesses = _realized(cls)
    prof = growth_profile(labels, n)
    arch = "halfspaces" if witnesses is None else cls["arch"]
    cert = count_certificate(
        f"{'halfspaces' if witnesses is None else 'ReLU ' + arch} on {cls['points']}: exactly "
        f"{len(labels)} labelings realized", cls["points"], arch, cls.get("class", "real"),
        labels.tolist(), witnesses)
    return {"profile": list(prof.profile), "vc_dimension": prof.vc_dimension,
            "certificate": cert}


def _weak_form_failures(M: int) -> tuple[list[list[int]], int]:
    """The pairs [m, k] (1 <= k, m <= M) where (em/k)^k < Σ_{i<=k} C(m, i), exactly, and
    how many of them lie inside the side condition m > k + 1."""
    from verify.bounds.vcstep import sauer_shelah_sum, weak_form_ge

    fail_pairs: list[list[int]] = []
    inside = 0
    for k in range(1, M + 1):
        for m in range(1, M + 1):
            s = sauer_shelah_sum(m, k)
            if not weak_form_ge(m, k, s):
                fail_pairs.append([m, k])
                if m > k + 1:
                    inside += 1
    return fail_pairs, inside


@dataclass
class _MeasuredClasses:
    """The classes measured: their profiles against both forms (evidence, table rows and
    figure series), the violations, the classes out of reach, and the certificates."""

    measured: list[dict[str, Any]] = field(default_factory=list)
    class_rows: list[list[Any]] = field(default_factory=list)
    series: list[dict[str, Any]] = field(default_factory=list)
    violations: int = 0
    unavailable: list[str] = field(default_factory=list)
    certificates: list[dict[str, Any]] = field(default_factory=list)

    def add(self, cls: dict[str, Any]) -> None:
        """Measure one class and compare its profile with both forms (k its VC dimension)."""
        from verify.bounds.vcstep import sauer_shelah_sum, weak_form_ge

        try:
            meas = _measured(cls)
        except SolverError as exc:  # an incomplete enumeration (time-out): not measured
            self.unavailable.append(f"{cls['points']}: {type(exc).__name__}: {exc}")
            return
        self.certificates.append(meas.pop("certificate"))
        k = meas["vc_dimension"]
        prof = meas["profile"]
        bad_sum = [m for m, p in enumerate(prof) if p > sauer_shelah_sum(m, k)]
        bad_weak = [m for m, p in enumerate(prof)
                    if k >= 1 and m > k + 1 and not weak_form_ge(m, k, p)]
        self.violations += len(bad_sum) + len(bad_weak)
        self.measured.append({**cls, "vc_dimension": k, "profile": prof,
                              "sum_form_violations": bad_sum, "weak_form_violations": bad_weak})
        label = cls["kind"] if cls["kind"] == "halfspaces" else f"ReLU {cls['arch']}"
        self.class_rows.append([cls["points"], label, len(prof) - 1, k,
                                "yes" if not bad_sum else "NO",
                                "yes" if not bad_weak else "NO"])
        ms = list(range(len(prof)))
        panel = f"{label} on {cls['points']}"
        self.series.append({"label": "Π(m) measured", "x": ms, "y": prof, "style": "points",
                            "panel": panel})
        self.series.append({"label": f"Σ_{{i≤{k}}} C(m,i), k = VC-dim", "x": ms,
                            "y": [sauer_shelah_sum(m, k) for m in ms], "panel": panel})


def _explanation(M: int, fail_pairs: list[list[int]], inside: int,
                 classes: _MeasuredClasses) -> str:
    """Where the weak form fails against the side condition, and the measured classes."""
    all_below_k = all(m < k for m, k in fail_pairs)
    measured, violations, unavailable = (classes.measured, classes.violations,
                                         classes.unavailable)
    return (
        f"For every 1 ≤ k, m ≤ {M} the weak form (em/k)^k was compared exactly with "
        "Σ_{i≤k} C(m,i). It is smaller at "
        f"{len(fail_pairs)} pairs, {'all' if all_below_k else 'not all'} with m < k, and at "
        f"{inside} pairs inside the side condition m > k + 1; "
        + ("so the weak form is valid under the stated condition"
           + (" (and already for m ≥ k, the usual statement: the paper's condition is stronger "
              "than needed)" if all_below_k else "")
           + ", while without any condition it fails (e.g. m = 1, k = 2: 2 > (e/2)^2). "
           if not inside else
           "so the weak form fails under the stated condition: see weak_form_failure_examples "
           "([m, k] pairs). ")
        + (f"On {len(measured)} measured classes the growth profile was compared with both "
           f"forms: {violations} violations"
           + (" (listed per class as sum_form_violations / weak_form_violations, by m)."
              if violations else ".") if measured else "")
        + (f" Not measured: {'; '.join(unavailable)}." if unavailable else "")
    )


def check(max_m: int, classes: list[dict[str, Any]]) -> ClaimResult:
    """Compare both forms exhaustively for m, k <= max_m and on measured classes."""
    from proofs._certificates import with_certificates

    M = require_int(max_m, "max_m", 1, 400)
    fail_pairs, inside = _weak_form_failures(M)
    measured = _MeasuredClasses()
    for cls in classes:
        measured.add(class_spec(cls))
    evidence = {
        "max_m": M,
        "weak_form_failures": len(fail_pairs),
        "weak_form_failure_examples": fail_pairs[:10],
        "weak_form_failures_inside_side_condition": inside,
        "all_failures_have_m_below_k": all(m < k for m, k in fail_pairs),
        "measured_classes": measured.measured,
        "measured_violations": measured.violations,
        "unavailable": measured.unavailable,
    }
    verdict = FAILS if (inside or measured.violations) else HOLDS_ON_INSTANCES
    if verdict == FAILS:
        reason = (f"{inside} pairs (m, k) inside m > k + 1 and {measured.violations} measured "
                  "profiles violate a form of the lemma")
    else:
        reason = (f"both forms hold exactly for all 1 ≤ k, m ≤ {M} under m > k + 1 and on "
                  f"{len(measured.measured)} measured classes; the weak form fails without "
                  "the condition")
    figures = []
    if measured.series:
        figures.append(figure("growth_sauer_shelah", "Measured growth functions against "
                              "Sauer–Shelah (Lemma A.4)", "m", "labelings", measured.series,
                              logy=True))
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"max_m": M, "classes": classes},
        verdict=verdict, evidence=evidence,
        explanation=_explanation(M, fail_pairs, inside, measured),
        evidence_kind="counterexample" if verdict == FAILS else with_certificates(
            "exact", measured.certificates), reason=reason,
        tables=[table("lemma_a4_classes", "Lemma A.4 on measured classes: growth profile "
                      "against both forms", ["points", "class", "n", "VC-dim", "sum form",
                                             "weak form (m ≥ k+2)"], measured.class_rows)]
        if measured.class_rows else [],
        figures=figures,
        certificates=measured.certificates,
    )
