"""The registry of claim checks.

Each claim lives in its own module of :mod:`proofs` that defines ``ID``,
``TITLE``, ``STATEMENT``, ``SIZES`` (parameters for the ``quick``, ``default``
and ``full`` runs) and ``check(**parameters) -> ClaimResult``.  Claim modules
import the toolkit's capabilities inside ``check``, so listing never fails.

:func:`run_claim` keeps errors apart from verdicts:

* a named solver failure, a time-out or a refused memory budget
  (:func:`verify.encodings.failures.solver_failures` — z3's own error and
  :class:`~verify.errors.SolverError` —, :class:`TimeoutError`,
  :class:`~verify.errors.BudgetExceeded`, :class:`MemoryError`) gives
  ``out-of-reach`` with the reason: nothing is concluded;
* a bad override (unknown parameter name, a float where an exact value is
  meant, a value the claim refuses) raises :class:`~verify.errors.InvalidArgument`
  to the caller;
* anything else is a bug in the check (or a refusal of the claim's own default
  parameters) and gives the verdict ``error`` with the exception and where it was
  raised; ``verify report`` and ``verify check`` then exit non-zero.

>>> "thm-4.3-eq1" in claim_ids()
True
>>> describe("thm-4.3-eq1")["title"]
'Equation (1), step by step'
"""

from __future__ import annotations

import importlib
import inspect
import traceback
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from proofs._shapes import shape_problem
from proofs.claim import ERROR, OUT_OF_REACH, ClaimResult
from verify.errors import BudgetExceeded, InvalidArgument, SolverError

__all__ = ["OUT_OF_REACH_ERRORS", "SIZES", "check_overrides", "claim_ids", "claim_parameters",
           "describe", "run_claim"]

SIZES = ("quick", "default", "full")

#: Exceptions that mean "the check could not finish", never "the claim is false"
#: (with the solver failures of :func:`verify.encodings.failures.solver_failures`).
OUT_OF_REACH_ERRORS: tuple[type[BaseException], ...] = (
    SolverError, TimeoutError, BudgetExceeded, MemoryError)


def _out_of_reach_errors() -> tuple[type[BaseException], ...]:
    from verify.encodings.failures import solver_failures  # imports z3: only when running

    return (*solver_failures(), *OUT_OF_REACH_ERRORS)

# parameter names whose values are seconds, not exact quantities (floats allowed)
_TIME_PARAMETERS = frozenset({"timeout", "time_limit"})

# Module names, in report order.
_MODULES = (
    "thm_2_2_linf",
    "thm_2_2_l2",
    "thm_2_3_as_printed",
    "thm_2_3_intended",
    "prop_3_2_lipschitz",
    "prop_3_2_robust",
    "prop_3_2_radius_eps",
    "thm_3_3_interpolant",
    "thm_3_4_shattering",
    "thm_3_4_size",
    "thm_4_3_construction_linf",
    "thm_4_3_construction_l2",
    "thm_4_3_eq1",
    "thm_4_3_vc_step",
    "thm_4_3_envelope",
    "thm_4_3_size_step",
    "thm_4_3_double_counting",
    "thm_4_5",
    "thm_5_5_size",
    "lemma_5_6",
    "thm_5_8_counting",
    "thm_5_8_packing",
    "thm_5_8_range",
    "thm_5_8_log_factor",
    "thm_5_8_quantifiers",
    "lemma_a_4",
    "prop_a_7_a_9",
    "table_1",
)


@dataclass(frozen=True)
class _Entry:
    id: str
    title: str
    statement: str
    module: ModuleType


def _entries() -> dict[str, _Entry]:
    out: dict[str, _Entry] = {}
    for name in _MODULES:
        mod = importlib.import_module(f"proofs.{name}")
        out[mod.ID] = _Entry(mod.ID, mod.TITLE, mod.STATEMENT, mod)
    return out


_CACHE: dict[str, _Entry] = {}


def _registry() -> dict[str, _Entry]:
    if not _CACHE:
        _CACHE.update(_entries())
    return _CACHE


def claim_ids() -> list[str]:
    """All claim ids, in report order.

    Examples
    --------
    >>> claim_ids()[0]
    'thm-2.2-linf'
    """
    return list(_registry())


def _entry(claim_id: str) -> _Entry:
    reg = _registry()
    if not isinstance(claim_id, str) or claim_id not in reg:
        raise InvalidArgument(
            f"unknown claim id {claim_id!r} (see 'verify check --list')"
        )
    return reg[claim_id]


def describe(claim_id: str) -> dict[str, Any]:
    """Id, title, statement and the parameters of every run size of one claim.

    Examples
    --------
    >>> describe("no-such-claim")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: unknown claim id 'no-such-claim' (see 'verify check --list')
    """
    e = _entry(claim_id)
    return {"id": e.id, "title": e.title, "statement": e.statement,
            "sizes": {s: dict(e.module.SIZES[s]) for s in SIZES}}


def claim_parameters(claim_id: str, size: str = "default") -> dict[str, Any]:
    """The parameters a run of the given size uses.

    Examples
    --------
    >>> sorted(claim_parameters("thm-5.8-counting", "quick"))
    ['alphas', 'n_max']
    """
    if size not in SIZES:
        raise InvalidArgument(f"size must be one of {', '.join(SIZES)}, got {size!r}")
    return dict(_entry(claim_id).module.SIZES[size])


def _find_float(value: Any, path: str) -> tuple[str, float] | None:
    """The path and value of the first Python float inside ``value`` (None if none)."""
    if isinstance(value, float):
        return path, value
    items: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        items = [(f"{path}[{k!r}]", v) for k, v in value.items()]
    elif isinstance(value, list | tuple):
        items = [(f"{path}[{i}]", v) for i, v in enumerate(value)]
    for sub, v in items:
        found = _find_float(v, sub)
        if found is not None:
            return found
    return None


def check_overrides(claim_id: str, overrides: dict[str, Any]) -> None:
    """Refuse overrides the claim's ``check`` does not take, and floats (not exact).

    Examples
    --------
    >>> check_overrides("thm-5.8-counting", {"n_max": 10})
    >>> check_overrides("thm-5.8-counting", {"alpha": ["1/10"]})
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: claim thm-5.8-counting: unknown parameter 'alpha' ...
    >>> check_overrides("thm-5.8-counting", {"alphas": [0.1]})
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: claim thm-5.8-counting: parameter alphas[0] is a float ...
    """
    sig = inspect.signature(_entry(claim_id).module.check)
    names = [n for n, p in sig.parameters.items()
             if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    for key, value in overrides.items():
        if key not in names:
            raise InvalidArgument(f"claim {claim_id}: unknown parameter {key!r} (it takes: "
                                  + ", ".join(names) + ")")
        if key in _TIME_PARAMETERS:
            continue
        found = _find_float(value, key)
        if found is not None:
            raise InvalidArgument(
                f"claim {claim_id}: parameter {found[0]} is a float ({found[1]!r}), which is "
                "not exact; give a rational such as '1/10' or a Fraction")
        problem = shape_problem(_templates(claim_id, key, sig), value, key)
        if problem is not None:
            raise InvalidArgument(f"claim {claim_id}: {problem}")


def _templates(claim_id: str, key: str, sig: inspect.Signature) -> list[Any]:
    """The values the claim itself gives parameter ``key``: at every size, and its default."""
    sizes = _entry(claim_id).module.SIZES
    out = [sizes[s][key] for s in SIZES if key in sizes[s]]
    default = sig.parameters[key].default
    if default is not inspect.Parameter.empty and default is not None:
        out.append(default)
    return out


def _where(exc: BaseException) -> tuple[str, list[str]]:
    """``file:line`` where ``exc`` was raised, and the last frames of its traceback."""
    tb = traceback.extract_tb(exc.__traceback__)
    frames = [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} in {f.name}" for f in tb[-6:]]
    where = f"{tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else "?"
    return where, frames


def _failed(e: _Entry, params: dict[str, Any], exc: BaseException, verdict: str) -> ClaimResult:
    where, frames = _where(exc)
    error = f"{type(exc).__name__}: {exc}"
    if verdict == OUT_OF_REACH:
        explanation = ("The check could not finish: " + error + ". Nothing is concluded about "
                       "the claim (a time-out, a solver failure or a refused budget is never "
                       "read as a verdict).")
        reason = f"did not finish: {error}"
        evidence: dict[str, Any] = {"error": error, "where": where}
    else:
        explanation = ("The check itself failed with " + error + f" at {where}: a bug in the "
                       "check (or in what it calls), not a property of the claim. Nothing is "
                       "concluded about the claim.")
        reason = f"the check failed: {error} at {where}"
        evidence = {"error": error, "where": where, "traceback": frames}
    return ClaimResult(id=e.id, title=e.title, statement=e.statement, parameters=params,
                       verdict=verdict, evidence=evidence, explanation=explanation,
                       evidence_kind="none", reason=reason)


def run_claim(claim_id: str, size: str = "default", **overrides: Any) -> ClaimResult:
    """Run one claim check.

    Parameters
    ----------
    claim_id : str
        A registry id (:func:`claim_ids`).
    size : {"quick", "default", "full"}
        Which parameter set to use.
    **overrides
        Parameters replacing those of the size; checked against the claim's
        ``check`` signature before anything runs.

    Returns
    -------
    ClaimResult
        The claim's own result; ``out-of-reach`` when a solver failed, a time or
        memory limit was reached; ``error`` when the check raised anything else.

    Raises
    ------
    InvalidArgument
        For an unknown claim id or size, an unknown or float override, or an
        override value the claim refuses.

    Examples
    --------
    >>> run_claim("thm-5.8-counting", "quick", alphas=["1/10"], n_max=10).verdict
    'holds-on-instances'
    >>> run_claim("thm-5.8-counting", "quick", alphas=["1/10"], n_max=-1)
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: n_max must be >= 1, got -1
    """
    e = _entry(claim_id)
    params = claim_parameters(claim_id, size)
    check_overrides(claim_id, overrides)
    params.update(overrides)
    out_of_reach = _out_of_reach_errors()
    try:
        result = e.module.check(**params)
    except out_of_reach as exc:
        return _failed(e, params, exc, OUT_OF_REACH)
    except InvalidArgument as exc:
        if overrides:
            raise  # the caller's value, refused by the claim
        return _failed(e, params, exc, ERROR)  # the claim refused its own parameters
    except Exception as exc:  # a bug: reported as such, never as a verdict on the claim
        return _failed(e, params, exc, ERROR)
    if result.id != e.id:
        raise AssertionError(f"claim module {e.module.__name__} returned id {result.id!r}")
    return result
