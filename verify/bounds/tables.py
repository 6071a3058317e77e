"""Tables of the bounds: bound (1), the VC step, enveloping sizes, Table 1.

Each builder takes parameter ranges (text in the syntax of
:mod:`verify.bounds.ranges`, or sequences) and returns a
:class:`verify.tables.Table`.  Every cell is exact (ints, Fractions,
booleans); the renderer shows long values approximately in separate ``≈``
columns of Markdown/LaTeX only, and writes them in full in CSV/JSON.  The
irrational C_α^n is kept exact by its square.  Verdicts are always decided
exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from itertools import product
from typing import TypeVar

from verify.bounds.bartlett import BOUNDS
from verify.bounds.chain import MAX_POWER_BITS, _power_bits, bound_chain, check_parameters
from verify.bounds.ranges import parse_int_values, parse_rational_values
from verify.bounds.sizes import EnvelopingSize, growth_exponent, smallest_enveloping_M
from verify.bounds.table1 import TABLE1_FORMULAS, table1_rows
from verify.bounds.vcstep import alpha_threshold, vc_step
from verify.errors import InvalidArgument, items_of
from verify.progress import progress
from verify.tables import Cell, Column, Table

T = TypeVar("T")

__all__ = [
    "MAX_ROWS",
    "MAX_TABLE_POWER_BITS",
    "bounds_table",
    "sizes_table",
    "table1_table",
    "vc_table",
]

#: Largest number of parameter combinations one table evaluates.
MAX_ROWS = 2000

Ints = str | int | Sequence[int]
Rats = str | int | Fraction | Sequence[object]


def _ints(v: Ints, name: str, low: int | None = None, high: int | None = None) -> list[int]:
    if isinstance(v, str | int):
        return parse_int_values(v if isinstance(v, str) else str(v), name, low, high)
    return [x for item in items_of(v, name, "integers or ranges such as '1:6'")
            for x in parse_int_values(str(item), name, low, high)]


def _rats(v: Rats, name: str) -> list[Fraction]:
    if isinstance(v, str):
        return parse_rational_values(v, name)
    if isinstance(v, int | Fraction):
        return parse_rational_values(str(v), name)
    return [x for item in items_of(v, name, "rationals such as '1/10'")
            for x in parse_rational_values(str(item), name)]


def _guard(count: int) -> None:
    if count > MAX_ROWS:
        raise InvalidArgument(f"{count} parameter combinations; at most {MAX_ROWS} per table")


#: Largest total work of one bounds/vc table: the sum over its rows of
#: n * (bits of alpha), see :data:`verify.bounds.MAX_POWER_BITS` (one row's limit).
MAX_TABLE_POWER_BITS = 4 * MAX_POWER_BITS


def _work_guard(Ks: list[int], ds: list[int], alphas: list[Fraction]) -> None:
    """Validate every combination and refuse tables whose exact powers would take long."""
    total = 0
    for Ki, di, a in product(Ks, ds, alphas):
        _, _, av, n = check_parameters(Ki, di, a)
        total += _power_bits(n, av)
    if total > MAX_TABLE_POWER_BITS:
        raise InvalidArgument(
            f"the rows' exact powers total about {total} bits, beyond the limit "
            f"{MAX_TABLE_POWER_BITS} per table (many minutes); use smaller K or d ranges"
        )


_K = Column("K", tex="$K$")
_D = Column("d", tex="$d$")
_ALPHA = Column("α", tex=r"$\alpha$", key="alpha")
_N = Column("n", tex="$n$")
_V = Column("V", tex="$V$")


def _over_grid(
    K: Ints, d: Ints, alpha: Rats, what: str, compute: Callable[[int, int, Fraction], T]
) -> list[T]:
    """Validate the ranges, refuse work that would take too long, then compute every
    (K, d, alpha) combination with a progress bar."""
    Ks = _ints(K, "K", 1)
    ds = _ints(d, "d", 2)
    alphas = _rats(alpha, "alpha")
    _guard(len(Ks) * len(ds) * len(alphas))
    _work_guard(Ks, ds, alphas)
    out: list[T] = []
    with progress(len(Ks) * len(ds) * len(alphas), what) as bar:
        for Ki, di, a in product(Ks, ds, alphas):
            out.append(compute(Ki, di, a))
            bar.advance()
    return out


def bounds_table(
    K: Ints = "1:6", d: Ints = "2:3", alpha: Rats = "1/10", V: int | None = None
) -> Table:
    """Bound (1) for every (K, d, alpha) and every reading of V.

    Examples
    --------
    >>> t = bounds_table("2", "3", "1/10")
    >>> t.keys[:6]
    ['K', 'd', 'alpha', 'n', 'V', 'a']
    >>> t.rows[0][6:]
    [Fraction(4, 1), Fraction(64, 25), Fraction(4096, 625), Fraction(4096, 625), True, True, True]
    """
    chains = _over_grid(K, d, alpha, "bound (1)", lambda Ki, di, a: bound_chain(Ki, di, a, V))
    rows: list[list[Cell]] = []
    for chain in chains:
        Ki, di, a = chain.K, chain.d, chain.alpha
        for r in chain.readings:
            rows.append([
                Ki, di, a, chain.n, r.V, r.a, r.lhs, r.middle, r.rhs_squared, r.rhs_squared,
                r.lhs_ge_middle, r.middle_ge_rhs, r.lhs_ge_rhs,
            ])
    return Table(
        title="Bound (1) of Section 4.3, exactly",
        columns=[
            _K, _D, _ALPHA, _N, _V,
            Column("a", tex="$a$"),
            Column("lhs", tex=r"$\frac{2^V\binom{a}{V}}{\binom{n}{V}}$", key="lhs"),
            Column("middle", tex=r"$\bigl(\frac{2(a-V)}{n-V}\bigr)^V$", key="middle"),
            Column("rhs^2 = (C_α^n)^2", tex=r"$(C_\alpha^n)^2$", key="rhs_squared",
                   display=False),
            Column("rhs = C_α^n", tex=r"$C_\alpha^n$", key="rhs", kind="approx", sqrt=True),
            Column("lhs ≥ middle", key="lhs_ge_middle"),
            Column("middle ≥ rhs", key="middle_ge_rhs"),
            Column("lhs ≥ rhs", key="lhs_ge_rhs"),
        ],
        rows=rows,
        caption=(
            "lhs = 2^V C(a,V)/C(n,V), middle = (2(a - V)/(n - V))^V, "
            "rhs = C_α^n = (2(1-2α))^(n/2); n = K^(d-1), a = ⌈(1-α)n⌉, V = ⌊n/2⌋ and ⌈n/2⌉."
        ),
        caption_tex=(
            r"Bound (1) exactly: $\frac{2^V\binom{a}{V}}{\binom{n}{V}} \ge "
            r"\bigl(\frac{2(a-V)}{n-V}\bigr)^V \ge C_\alpha^n = (2(1-2\alpha))^{n/2}$ "
            r"with $n = K^{d-1}$, $a = \lceil(1-\alpha)n\rceil$, "
            r"$V = \lfloor n/2\rfloor$ and $\lceil n/2\rceil$."
        ),
        label="tab:bound1",
        notes=[
            "Verdicts are exact (rationals; the irrational rhs is compared by squaring; "
            "the CSV and JSON hold its exact square).",
            "n/a: the middle divides by zero when V = n (K = 1).",
        ],
    )


def vc_table(K: Ints = "2:6", d: Ints = "2:4", alpha: Rats = "1/10") -> Table:
    """The VC step for every (K, d, alpha): exact VC lower bounds vs 0.05 K^(d-1).

    Examples
    --------
    >>> t = vc_table("4", "3", "1/10")
    >>> t.rows[0][:9]
    [4, 3, Fraction(1, 10), 16, 8, 128, 4, 3, True]
    """
    steps = _over_grid(K, d, alpha, "VC step", vc_step)
    rows: list[list[Cell]] = []
    for step in steps:
        Ki, di, a = step.chain.K, step.chain.d, step.chain.alpha
        for r in step.readings:
            rows.append([
                Ki, di, a, step.chain.n, r.V, r.count,
                r.min_dimension, r.weak_form_D, r.weak_form_side_condition,
                step.paper_vc_bound, r.min_dimension >= step.paper_vc_bound, step.alpha_ok,
            ])
    thr = alpha_threshold()
    return Table(
        title="The VC step: exact VC-dimension lower bounds from bound (1)",
        columns=[_K, _D, _ALPHA, _N, _V,
                 Column("count = ⌈lhs⌉", tex=r"$\lceil\mathrm{lhs}\rceil$", key="count"),
                 Column("D (Sauer–Shelah)", tex="$D$ (Sauer--Shelah)", key="D"),
                 Column("D ((eV/D)^D)", tex="$D$ ($(eV/D)^D$)", key="D_weak"),
                 Column("V > D+1", tex="$V > D+1$", key="side_condition"),
                 Column("0.05 n", tex="$0.05\\,n$", key="paper_bound"),
                 Column("D ≥ 0.05 n", tex="$D \\ge 0.05\\,n$", key="meets_paper_bound"),
                 Column("α ok", tex=r"$\alpha$ ok", key="alpha_ok")],
        rows=rows,
        caption=(
            "D: smallest D with sum_{i≤D} C(V,i) ≥ count (exact), and smallest D with "
            "(eV/D)^D ≥ count (decided with rational brackets of e; valid when V > D+1)."
        ),
        label="tab:vcstep",
        notes=[
            f"α ok: 2(1-2α) > (10e)^(1/10), i.e. α < {thr.exact} = {thr.decimal}…",
            "count is an integer: some V-subset has at least ⌈lhs⌉ labelings.",
        ],
    )


def sizes_table(
    eps: Rats = "1/100",
    d: Ints = "2:12",
    alpha: Rats = "1/10",
    bounds: Sequence[str] = ("thm7", "thm10", "w2logw", "wlogwl"),
    target: str = "paper",
) -> Table:
    """Smallest enveloping M whose VC upper bound reaches 0.05 K^(d-1), over d.

    With ``target="exact"`` the target is instead the exact VC lower bound of
    :func:`verify.bounds.vc_step` (n <= 10^6).

    Examples
    --------
    >>> t = sizes_table("1/100", "6", bounds=("w2logw",))
    >>> t.rows[0]
    [Fraction(1, 100), 6, 50, 312500000, Fraction(15625000, 1), 11, 1277]
    """
    epss = _rats(eps, "eps")
    ds = _ints(d, "d", 2, 10**4)
    alphas = _rats(alpha, "alpha")
    bounds = items_of(bounds, "bounds", f"a list of {', '.join(BOUNDS)}")
    if not bounds:
        raise InvalidArgument(f"bounds: give at least one of {', '.join(BOUNDS)}")
    for b in bounds:
        if not isinstance(b, str) or b not in BOUNDS:
            raise InvalidArgument(f"bound must be one of {', '.join(BOUNDS)}, got {b!r}")
    _guard(len(epss) * len(ds) * len(alphas) * len(bounds))
    if target not in ("paper", "exact"):
        raise InvalidArgument(f"target must be 'paper' or 'exact', got {target!r}")
    rows: list[list[Cell]] = []
    fits: dict[tuple[Fraction, Fraction, str], list[EnvelopingSize]] = {}
    for e, a, di, sizes in _enveloping_sizes(epss, alphas, ds, bounds, target):
        first = sizes[0]
        row: list[Cell] = [e, di, first.K, first.n, first.target]
        if len(alphas) > 1:
            row.insert(1, a)
        for s in sizes:
            row += [s.M, s.parameters]
            fits.setdefault((e, a, s.bound), []).append(s)
        rows.append(row)
    columns = ["ε", "d", "K", "n = K^(d-1)",
               "target 0.05 n" if target == "paper" else "target (exact VC lower bound)"]
    if len(alphas) > 1:
        columns.insert(1, "α")
    for b in bounds:
        columns += [f"M [{b}]", f"params [{b}]"]
    notes = [f"{b}: {BOUNDS[b]}" for b in bounds]
    notes.append("M: smallest M (M-1 hidden layers of M units) whose certified VC upper "
                 "bound reaches the target; every smaller M is ruled out.")
    notes += [_growth_note(e, b, sizes) for (e, _a, b), sizes in fits.items()]
    return Table(
        title="Enveloping network sizes forced by the VC step",
        columns=columns,
        rows=rows,
        caption=(
            "Smallest enveloping network compatible with "
            + ("VC-dim ≥ 0.05 K^(d-1)" if target == "paper" else "the exact VC lower bound")
            + ", K = ⌊1/(2ε)⌋."
        ),
        label="tab:sizes",
        notes=notes,
    )


def _enveloping_sizes(
    epss: list[Fraction], alphas: list[Fraction], ds: list[int], bounds: Sequence[str],
    target: str,
) -> list[tuple[Fraction, Fraction, int, list[EnvelopingSize]]]:
    """The smallest enveloping size under each bound, for every (ε, α, d), with a
    progress bar."""
    found = []
    with progress(len(epss) * len(alphas) * len(ds), "enveloping sizes") as bar:
        for e, a, di in product(epss, alphas, ds):
            found.append(
                (e, a, di, [smallest_enveloping_M(e, di, a, b, target) for b in bounds])
            )
            bar.advance()
    return found


def _growth_note(e: Fraction, b: str, sizes: list[EnvelopingSize]) -> str:
    """The note on how M grows with n for one ε and one bound (a numeric fit), or why
    there is none."""
    try:
        fit = growth_exponent(sizes)
    except InvalidArgument:
        fit = None
    if fit is None or len(fit.points) < 3:
        return f"ε = {e}, {b}: too few sizes with M > 2 to fit a growth exponent"
    return (
        f"ε = {e}, {b}: ln M grows like {fit.slope:.3f}·ln n (numeric least-squares fit; "
        f"last step {fit.last_step_slope:.3f}); the paper states exponent 1/6 of n "
        "(M = Ω(K^((d-1)/6)))"
    )


def table1_table(
    N: Ints = "1000",
    d: Ints = "2,10,100",
    k: Ints = "2",
    eps: Rats = "1/10",
    c: Rats = "1/2",
    delta: Rats = "1/100",
) -> Table:
    """Table 1 of the paper as numbers over parameter ranges (constants set to 1).

    Combinations with k > d are skipped.

    Examples
    --------
    >>> t = table1_table("100", "4", "2", "1/4", "1/2", "1/10")
    >>> t.rows[0][:6], t.rows[0][7]
    ([100, 4, 2, Fraction(1, 4), Fraction(1, 2), Fraction(1, 10)], '2.000000e+1')
    """
    Ns = _ints(N, "N", 1)
    ds = _ints(d, "d", 1)
    ks = _ints(k, "k", 1)
    epss, cs, deltas = _rats(eps, "eps"), _rats(c, "c"), _rats(delta, "delta")
    _guard(len(Ns) * len(ds) * len(ks) * len(epss) * len(cs) * len(deltas))
    rows: list[list[Cell]] = []
    skipped = 0
    for Ni, di, ki, e, ci, de in product(Ns, ds, ks, epss, cs, deltas):
        if ki > di:
            skipped += 1
            continue
        vals = table1_rows(Ni, di, ki, e, ci, de)
        rows.append([Ni, di, ki, e, ci, de, *[r.value.numeric for r in vals]])
    if not rows:
        raise InvalidArgument("table1: every combination has k > d (the manifold dimension "
                              "k must be at most d); nothing to show")
    columns = ["N", "d", "k", "ε", "c", "δ"] + [
        f"Thm {t} ({'≤' if b == 'upper' else '≥'})" for t, b, *_ in TABLE1_FORMULAS
    ]
    notes = [
        f"Thm {t} ({b}, {s}): paper {form}; evaluated as {f}; {'; '.join(flags)}."
        for t, b, s, form, f, flags in TABLE1_FORMULAS
    ]
    notes.append("All unknown constants are set to 1 (FLAGGED): the numbers show growth, "
                 "not true sizes. Values: certified intervals, midpoint shown (numeric).")
    if skipped:
        notes.append(f"{skipped} combinations with k > d skipped.")
    return Table(
        title="Table 1 of the paper as numbers (unknown constants set to 1)",
        columns=columns,
        rows=rows,
        caption="Network-size bounds of Table 1 evaluated with unknown constants set to 1.",
        label="tab:table1",
        notes=notes,
    )
