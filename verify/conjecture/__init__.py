"""Testing conjectured bounds against exact data (`verify conjecture`, `check_conjecture`).

Modules: :mod:`~verify.conjecture.formula` (safe parsing of the inequality, a
whitelist of names, no ``eval``), :mod:`~verify.conjecture.evaluate` (exact
rationals, certified interval refinement for irrational values),
:mod:`~verify.conjecture.sweep` (range syntax, instances, the order of
"smallest"), :mod:`~verify.conjecture.data` (quantities from the exact
engines and the cache), :mod:`~verify.conjecture.check` (the sweep, the
verdict, equality cases, tightest instances, the table) and
:mod:`~verify.conjecture.search` (the hypothesis-driven search) and
:mod:`~verify.conjecture.certificate` (the count certificate behind a
counterexample, ``--certificate``).

>>> import tempfile
>>> r = check_conjecture("count <= 2*n", points="cube:1..2", arch="halfspaces",
...                      cache_dir=tempfile.mkdtemp())
>>> r.verdict, r.counterexample["points"], r.counterexample["lhs"], r.counterexample["rhs"]
('fails', 'cube:2', Fraction(14, 1), Fraction(8, 1))
"""

from verify.conjecture.certificate import counterexample_certificate
from verify.conjecture.check import (
    EXIT_CODES,
    ConjectureResult,
    Plan,
    Row,
    check_conjecture,
    plan_conjecture,
)
from verify.conjecture.evaluate import Bounds, Decision, decide, evaluate
from verify.conjecture.formula import QUANTITIES, Conjecture, Inequality, parse_conjecture
from verify.conjecture.search import SearchOptions
from verify.conjecture.sweep import (
    Instance,
    PointSpec,
    instance_key,
    parse_archs,
    parse_classes,
    parse_points,
)

__all__ = [
    "EXIT_CODES",
    "QUANTITIES",
    "Bounds",
    "Conjecture",
    "ConjectureResult",
    "Decision",
    "Inequality",
    "Instance",
    "Plan",
    "PointSpec",
    "Row",
    "SearchOptions",
    "check_conjecture",
    "counterexample_certificate",
    "decide",
    "evaluate",
    "instance_key",
    "parse_archs",
    "parse_classes",
    "parse_conjecture",
    "parse_points",
    "plan_conjecture",
]
