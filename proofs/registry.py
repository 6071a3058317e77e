"""The registry of claim checks.

Each claim lives in its own module of :mod:`proofs` that defines ``ID``,
``TITLE``, ``STATEMENT``, ``SIZES`` (parameters for the ``quick``, ``default``
and ``full`` runs) and ``check(**parameters) -> ClaimResult``.  Claim modules
import the toolkit's capabilities inside ``check``, so listing never fails;
:func:`run_claim` turns any failure of a dependency into an ``out-of-reach``
result carrying the error text, so a report run always goes on.

>>> "thm-4.3-eq1" in claim_ids()
True
>>> describe("thm-4.3-eq1")["title"]
'Equation (1), step by step'
"""

from __future__ import annotations

import importlib
import traceback
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from proofs.claim import OUT_OF_REACH, ClaimResult
from verify.errors import InvalidArgument

__all__ = ["SIZES", "claim_ids", "claim_parameters", "describe", "run_claim"]

SIZES = ("quick", "default", "full")

# Module names, in report order.
_MODULES = (
    "prop_3_2_lipschitz",
    "prop_3_2_robust",
    "prop_3_2_radius_eps",
    "thm_3_4_shattering",
    "thm_4_3_construction_linf",
    "thm_4_3_construction_l2",
    "thm_4_3_eq1",
    "thm_4_3_vc_step",
    "thm_4_3_size_step",
    "thm_4_3_double_counting",
    "thm_5_8_counting",
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
    'prop-3.2-lipschitz'
    """
    return list(_registry())


def _entry(claim_id: str) -> _Entry:
    reg = _registry()
    if claim_id not in reg:
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


def run_claim(claim_id: str, size: str = "default", **overrides: Any) -> ClaimResult:
    """Run one claim check; a failing dependency gives ``out-of-reach`` with its error.

    Parameters
    ----------
    claim_id : str
        A registry id (:func:`claim_ids`).
    size : {"quick", "default", "full"}
        Which parameter set to use.
    **overrides
        Parameters replacing those of the size.

    Examples
    --------
    >>> run_claim("thm-5.8-counting", "quick", alphas=["1/10"], n_max=10).verdict
    'holds'
    """
    e = _entry(claim_id)
    params = claim_parameters(claim_id, size)
    params.update(overrides)
    try:
        result = e.module.check(**params)
    except Exception as exc:  # a missing or failing dependency: report, go on
        tb = traceback.extract_tb(exc.__traceback__)
        where = f"{tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else "?"
        return ClaimResult(
            id=e.id,
            title=e.title,
            statement=e.statement,
            parameters=params,
            verdict=OUT_OF_REACH,
            evidence={"error": f"{type(exc).__name__}: {exc}", "where": where},
            explanation=(
                "The check could not be run: a capability it needs raised an error "
                f"({type(exc).__name__}). Nothing is concluded about the claim."
            ),
        )
    assert result.id == e.id, (result.id, e.id)
    return result
