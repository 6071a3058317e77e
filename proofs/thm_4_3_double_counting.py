"""Theorem 4.3's double-counting argument, run on real tiny classes.

For a class realizing the set R of labelings of the n points of S̃, every φ is
matched on a = n − ρ points (ρ = covering radius of R, exact), so the class has
error rate α = ρ/n on every labeling.  The argument promises a V-subset with at
least 2^V·C(a, V)/C(n, V) labelings; the enumeration module measures the true
maximum over V-subsets.  Run for V = ⌊n/2⌋ and ⌈n/2⌉ on halfspaces and on small
ReLU classes (real weights, exact; integer weights by the kernel).  The figure
puts each measured growth profile beside Sauer–Shelah for its VC dimension and
the promise of (1), and for ReLU classes the growth bound of Bartlett et al.'s
Theorem 7 for the architecture.

>>> r = check(classes=[{"points": "grid:2:2", "kind": "halfspaces"}])
>>> r.verdict, r.evidence["classes"][0]["readings"][0]["measured"]
('holds-on-instances', 4)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from proofs._util import class_spec
from proofs.claim import FAILS, HOLDS_ON_INSTANCES, OUT_OF_REACH, ClaimResult, figure, table

ID = "thm-4.3-double-counting"
TITLE = "Theorem 4.3: the double-counting argument on real tiny classes"
STATEMENT = (
    "Each choice of φ corresponds to C((1−α)K^{d−1}, V) labelled V-subsets of S̃ that are "
    "correctly classified; each labelled V-subset is obtained by at most 2^{K^{d−1}−V} "
    "choices of φ, so some V-subset V0 ⊂ S̃ has at least C(K^{d−1}, V)^{-1}·2^V·"
    "C((1−α)K^{d−1}, V) labellings correctly classified by F_θ (proof sketch of Theorem 4.3)."
)
SIZES: dict[str, dict[str, Any]] = {
    "quick": {"classes": [{"points": "grid:3:2", "kind": "halfspaces"},
                          {"points": "grid:3:2", "kind": "relu", "arch": "2-2-1",
                           "class": "real"}]},
    "default": {"classes": [{"points": "grid:3:2", "kind": "halfspaces"},
                            {"points": "grid:4:2", "kind": "halfspaces"},
                            {"points": "grid:2:3", "kind": "halfspaces"},
                            {"points": "grid:3:2", "kind": "relu", "arch": "2-2-1",
                             "class": "real"},
                            {"points": "grid:3:2", "kind": "relu", "arch": "2-2-1",
                             "class": "int:2"},
                            {"points": "grid:2:3", "kind": "relu", "arch": "3-2-1",
                             "class": "int:2"},
                            {"points": "grid:2:3", "kind": "relu", "arch": "3-2-1",
                             "class": "real"},
                            {"points": "grid:4:2", "kind": "relu", "arch": "2-2-1",
                             "class": "int:3"}]},
    "full": {"classes": [{"points": "grid:3:2", "kind": "halfspaces"},
                         {"points": "grid:4:2", "kind": "halfspaces"},
                         {"points": "grid:2:3", "kind": "halfspaces"},
                         {"points": "grid:3:2", "kind": "relu", "arch": "2-2-1",
                          "class": "real"},
                         {"points": "grid:3:2", "kind": "relu", "arch": "2-3-1",
                          "class": "real"},
                         {"points": "grid:2:3", "kind": "relu", "arch": "3-2-1",
                          "class": "int:2"},
                         {"points": "grid:4:2", "kind": "relu", "arch": "2-2-1",
                          "class": "int:4"},
                         {"points": "grid:4:2", "kind": "relu", "arch": "2-2-1",
                          "class": "real"}]},
}


def _label(cls: dict[str, Any]) -> str:
    if cls["kind"] == "halfspaces":
        return "halfspaces"
    return f"ReLU {cls['arch']} ({cls.get('class', 'real')})"


def realized_set_of(cls: dict[str, Any]) -> Any:
    """The realized set of the class on its points (exact; with witnesses for ReLU classes)."""
    from verify.enumeration.realized import halfspace_set, realized_labelings

    if cls["kind"] == "halfspaces":
        return halfspace_set(cls["points"])
    return realized_labelings(cls["points"], cls["arch"], cls.get("class", "real"),
                              use_cache=False, timeout=cls.get("timeout"))


def realized(cls: dict[str, Any]) -> tuple[Any, int, bool]:
    """Labelings of the class on its points (exact), n, and whether the set is complete."""
    rs = realized_set_of(cls)
    return rs.labelings, rs.n, rs.complete


def _int_networks(cls: dict[str, Any]) -> int:
    """How many networks the checker enumerates to re-derive an ``int:Q`` count (0 if real)."""
    from itertools import pairwise

    from verify.nets import parse_architecture

    kind = cls.get("class", "real")
    if cls["kind"] == "halfspaces" or not kind.startswith("int:"):
        return 0
    widths = parse_architecture(cls["arch"])
    weights = sum((a + 1) * b for a, b in pairwise(widths))
    return int((2 * int(kind.split(":")[1]) + 1) ** weights)


def _certificate(cls: dict[str, Any], rs: Any, name: str,
                 int_max_networks: int = 2_000_000) -> dict[str, Any]:
    """The checked certificate of the class's exact count (:mod:`proofs._certificates`);
    an ``int:Q`` class whose re-check enumerates more than ``int_max_networks`` networks
    is cited without a certificate (the note says so)."""
    from proofs._certificates import count_certificate

    networks = _int_networks(cls)
    if networks > int_max_networks:
        return {"subject": f"{name}: exactly {rs.count} labelings realized",
                "certificate": None, "check": None,
                "note": f"not certified at this run size: the checker would enumerate "
                        f"{networks} networks of {cls['class']} (more than "
                        f"certify_int_max_networks = {int_max_networks})"}
    half = cls["kind"] == "halfspaces"
    return count_certificate(
        f"{name}: exactly {rs.count} labelings realized", cls["points"],
        "halfspaces" if half else cls["arch"], cls.get("class", "real"),
        rs.labelings.tolist(), None if half else dict(rs.witnesses))


def _bartlett_series(cls: dict[str, Any], n: int) -> dict[str, Any]:
    """Bartlett et al. Theorem 7's growth bound for the architecture (numeric, for the plot)."""
    from verify.bounds import bartlett_growth_log2_upper
    from verify.nets import parse_architecture

    widths = parse_architecture(cls["arch"])
    ms = list(range(1, n + 1))
    ys, ok_any = [], False
    for m in ms:
        cert, ok = bartlett_growth_log2_upper(list(widths), m)
        ok_any = ok_any or ok
        ys.append(f"{2.0 ** float(cert.upper):.6e}")
    cond = "" if ok_any else " (condition m >= ΣW_i fails)"
    return {"label": f"Bartlett et al. Thm 7{cond}", "x": ms, "y": ys,
            "style": "dashed"}


@dataclass
class _Classes:
    """The classes run: per class its readings (evidence and table rows) and growth profile
    (figure series), the shortfalls below the promise, the incomplete classes, and the
    certificates of the exact counts."""

    certify_int_max_networks: int
    out: list[dict[str, Any]] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    series: list[dict[str, Any]] = field(default_factory=list)
    failures: int = 0
    failure_examples: list[dict[str, Any]] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)
    certificates: list[dict[str, Any]] = field(default_factory=list)

    def add(self, cls: dict[str, Any]) -> None:
        """The class's realized set, its certificate, the argument at both V, its profile."""
        rs = realized_set_of(cls)
        labels, n, complete = rs.labelings, rs.n, rs.complete
        name = f"{_label(cls)} on {cls['points']}"
        if not complete:
            self.incomplete.append(name)
            return
        self.certificates.append(_certificate(cls, rs, name, self.certify_int_max_networks))
        readings = self._readings(cls, name, labels, n)
        self._profile(cls, name, labels, n, readings)

    def _readings(self, cls: dict[str, Any], name: str, labels: Any, n: int
                  ) -> list[dict[str, Any]]:
        """The promise of (1) against the measured maximum, for V = ⌊n/2⌋ and ⌈n/2⌉."""
        from verify.enumeration.double_counting import double_counting

        readings = []
        for V in sorted({n // 2, (n + 1) // 2}):
            r = double_counting(labels, n, V)
            readings.append(r.to_json())
            self.failures += 0 if r.holds else 1
            if not r.holds:
                self.failure_examples.append({"class": name, "V": V, "alpha": r.alpha,
                                              "a": r.a, "promised": r.promised,
                                              "measured": r.measured})
            self.rows.append([cls["points"], _label(cls), n, len(labels), r.alpha, V, r.a,
                              r.promised, r.measured, "yes" if r.holds else "NO"])
        return readings

    def _profile(self, cls: dict[str, Any], name: str, labels: Any, n: int,
                 readings: list[dict[str, Any]]) -> None:
        """The class's growth profile beside Sauer–Shelah, Bartlett et al. (ReLU) and the
        promise of (1), in its own panel."""
        from verify.enumeration.growth import growth_profile, sauer_shelah

        prof = growth_profile(labels, n)
        k = prof.vc_dimension
        self.out.append({**cls, "n": n, "count": len(labels), "vc_dimension": k,
                         "profile": prof.profile, "readings": readings})
        ms = list(range(n + 1))
        self.series.append({"label": "Π(m) measured", "x": ms, "y": prof.profile,
                            "style": "points", "panel": name})
        self.series.append({"label": f"Sauer–Shelah, k = {k}", "x": ms,
                            "y": [sauer_shelah(m, k) for m in ms], "style": "dashed",
                            "panel": name})
        if cls["kind"] == "relu":
            self.series.append({**_bartlett_series(cls, n), "panel": name})
        self.series.append({"label": "promise of (1)", "x": [rd["V"] for rd in readings],
                            "y": [rd["promised"] for rd in readings], "style": "points",
                            "panel": name})


def _explanation(run: _Classes) -> str:
    """What was compared, and whether the argument is confirmed or contradicted."""
    return (
        f"On {len(run.out)} classes with exactly known realized sets, the error rate α each "
        "class achieves on every labeling was computed exactly (the covering radius of its "
        "realized set), then the count the argument promises for a V-subset was compared with "
        f"the true maximum over V-subsets, for V = ⌊n/2⌋ and ⌈n/2⌉: {run.failures} "
        "shortfalls. The argument "
        "(each φ gives C(a, V) correct V-subsets, each labelled subset comes from at most "
        "2^{n−V} φ, then pigeonhole over the C(n, V) subsets) "
        + ("is confirmed on every class; the measured counts are typically far above the "
           "promise, which is what makes the lower bound loose at these sizes."
           if not run.failures else
           "is contradicted: see failure_examples (class, V, promised, measured).")
        + (f" Incomplete (skipped): {', '.join(run.incomplete)}." if run.incomplete else "")
    )


def check(classes: list[dict[str, Any]],
          certify_int_max_networks: int = 2_000_000) -> ClaimResult:
    """Measure the argument's promise against the true maximum on each class."""
    from proofs._certificates import with_certificates
    from verify.exact import require_int

    certify_int_max_networks = require_int(certify_int_max_networks,
                                           "certify_int_max_networks", 0, 10**12)
    run = _Classes(certify_int_max_networks)
    for cls in classes:
        run.add(class_spec(cls))
    failures = run.failures
    evidence = {"classes": run.out, "failures": failures,
                "failure_examples": run.failure_examples[:5], "incomplete": run.incomplete}
    if failures:
        verdict = FAILS
    elif not run.out:
        verdict = OUT_OF_REACH
    else:
        verdict = HOLDS_ON_INSTANCES
    reason = {
        FAILS: f"{failures} shortfall(s) of the measured maximum below the promise of (1)",
        OUT_OF_REACH: "no class was enumerated completely",
        HOLDS_ON_INSTANCES: f"on {len(run.out)} exactly enumerated classes every V-subset "
                            "maximum reaches the promise of (1)",
    }[verdict]
    return ClaimResult(
        id=ID, title=TITLE, statement=STATEMENT,
        parameters={"classes": classes, "certify_int_max_networks": certify_int_max_networks},
        verdict=verdict, evidence=evidence, explanation=_explanation(run),
        evidence_kind={FAILS: "counterexample", OUT_OF_REACH: "none"}.get(
            verdict, with_certificates("exact+solver", run.certificates)),
        reason=reason,
        tables=[table("double_counting", "Double counting on real classes: the promise of (1) "
                      "for the α each class achieves, against the measured maximum over "
                      "V-subsets",
                      ["points", "class", "n", "labelings", "alpha", "V", "a", "promised",
                       "measured", "holds"], run.rows)],
        certificates=run.certificates,
        figures=[figure("growth_profiles", "Growth profiles on S̃ against Sauer–Shelah, "
                        "Bartlett et al. and the promise of (1)", "m (subset size)",
                        "labelings", run.series, logy=True)] if run.series else [],
    )
