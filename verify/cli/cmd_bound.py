"""``verify bound``: bound (1) of Section 4.3, exactly, one reading per rounding of V."""

from __future__ import annotations

import argparse

from verify.cli import Output, add_common

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``bound`` sub-command."""
    p = sub.add_parser(
        "bound",
        help="bound (1) of Section 4.3, exactly",
        description=(
            "Evaluate the chain 2^V C(a,V)/C(n,V) >= (2((1-alpha)n - V)/(n - V))^V >= "
            "C_alpha^n, C_alpha = sqrt(2(1-2alpha)), n = K^(d-1), exactly (rationals; the "
            "irrational right side is compared by squaring). Readings: V = floor(n/2) and "
            "ceil(n/2), a = ceil((1-alpha)n). n is limited to 10^6."
        ),
    )
    p.add_argument("--K", required=True, help="grid resolution K >= 1")
    p.add_argument("--d", required=True, help="dimension d >= 2")
    p.add_argument("--alpha", default="1/10", help="error rate, rational in [0, 1/2) (1/10)")
    p.add_argument("--V", default=None, help="evaluate this V (0 <= V <= n) instead")
    p.add_argument(
        "--symbolic", action="store_true", help="add sympy's derivation of middle = rhs at V = n/2"
    )
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> Output:
    """Compute and format the chain."""
    from verify.bounds import bound_chain, middle_equals_rhs_statement
    from verify.bounds._num import approx, approx_sqrt

    chain = bound_chain(args.K, args.d, args.alpha, args.V)
    payload = chain.to_json()
    lines = [f"bound (1): K = {chain.K}, d = {chain.d}, alpha = {chain.alpha}, n = {chain.n}"]
    for r in chain.readings:
        rhs = r.rhs_squared
        how = "= (1-alpha)n exactly" if r.a_literal.denominator == 1 else f"= ceil({r.a_literal})"
        lines.append(f"  V = {r.V} ({r.kind}), a = {r.a} ({how})")
        lines.append(f"    lhs    {_eq(approx(r.lhs))}")
        lines.append(
            f"    middle {'undefined (n = V)' if r.middle is None else _eq(approx(r.middle))}"
        )
        lines.append(
            f"    rhs    {_eq(approx_sqrt(rhs))}   (rhs^2 = (2(1-2alpha))^n {_eq(approx(rhs))})"
        )
        lines.append(
            f"    lhs >= middle: {_yn(r.lhs_ge_middle)}   middle >= rhs: {_yn(r.middle_ge_rhs)}"
            f"   lhs >= rhs: {_yn(r.lhs_ge_rhs)}"
        )
        lines.extend(f"    note: {n}" for n in r.notes)
    lines.extend(f"  note: {n}" for n in chain.notes)
    lines.append(
        "conclusion (lhs >= rhs for every reading): "
        + ("holds" if chain.conclusion_holds else "FAILS")
    )
    if args.symbolic:
        st = middle_equals_rhs_statement()
        payload["symbolic"] = st
        lines.append("symbolic: " + st["text"])
    return Output(payload=payload, text="\n".join(lines))


def _eq(value: object) -> str:
    """``= v`` for an exact value, ``≈ v`` for a decimal rendering."""
    text = str(value)
    return f"≈ {text[1:]}" if text.startswith("≈") else f"= {text}"


def _yn(v: bool | None) -> str:
    return "n/a" if v is None else ("yes" if v else "NO")
