"""Golden test of the two-hidden-layer query (``build_query``), pinned before its
construction was split by concern: the solver's assertions as text, the variables' names
and what it keeps for the callers that add constraints (pre-activations, activity
literals, the relaxed affine terms)."""

from __future__ import annotations

import pytest

from tests.enumeration.golden import digest
from verify.encodings.wide import backend_available, build_query, designations
from verify.geometry.pointsets import as_points

QUERIES = {  # (points, labels, widths, backend, relaxed): digest of the query
    ("cube:2", "+--+", (2, 2, 1), "z3", False): "8b6971502043abb76c66da6ac21d2fdb",
    ("cube:2", "+--+", (2, 2, 1), "z3", True): "a5413549c1d2d3cca29d93d35e0aeb6b",
    ("grid:3:1", "+-+", (1, 3, 2), "z3", False): "2d00343dff65a75e7911660dae0599a0",
    ("grid:3:1", "+-+", (1, 3, 2), "z3", True): "ea28fdb7034dca5cb95629e7bc0714d6",
    ("grid:2:2", "+-++", (2, 3, 2), "z3", True): "245918d87bbf9dcfe3cb80cab84ea0c5",
}


def _text(q, backend):
    if backend == "z3":
        assertions = q.solver.sexpr()
    else:
        assertions = "\n".join(str(a) for a in q.solver.assertions())
    kept = [str(q.pres), str(q.actives), str(sorted((k, str(v)) for a in q.affs
                                                    for k, v in a.items()))]
    names = [str(q.W), str(q.B), str(q.sigma), str(sorted(q.P.items())),
             str(sorted(q.tau.items())), str(q.D), str(q.Sk), str(q.C), q.scale]
    return "\n".join([assertions, *kept, *map(str, names)])


@pytest.mark.parametrize("case", list(QUERIES), ids=str)
def test_query_golden(case):
    spec, labels, widths, backend, relaxed = case
    if not backend_available(backend):
        pytest.skip(f"{backend} is not installed")
    texts = []
    for design in designations(widths[1], widths[2]):
        q = build_query(as_points(spec), [1 if c == "+" else -1 for c in labels], widths,
                        design, backend, relaxed)
        texts.append(_text(q, backend))
    assert digest("\n\n".join(texts)) == QUERIES[case]
