"""Safe parsing of a conjectured inequality into sympy objects.

The text is in sympy's (that is, Python's) expression syntax, e.g.
``count <= 2*sum(binomial(K**2 - 1, i), (i, 0, 2*h + 1))``.  It is read with
Python's tokenizer and :mod:`ast` and converted node by node into *unevaluated*
sympy objects; nothing in the text is ever executed or evaluated (sympy's own
``parse_expr`` runs ``eval`` on the text, so it is not used).  Every name must be
a quantity of an instance, a whitelisted function or constant, or the index of
an enclosing ``sum``; anything else is refused with :class:`InvalidArgument`
naming it.

Quantities: ``n`` (points), ``m`` (subset size), ``Pi`` (Π(m)), ``count``
(Π(n)), ``vc``, ``K``, ``d`` (dimension), ``h`` (the hidden width of a one
hidden layer net), ``h1``, ``h2``, … (hidden widths), ``Q``, ``W``
(parameters), ``alpha``, ``eps``.  Functions: ``binomial``,
``sum(expr, (i, a, b))`` (a..b inclusive, empty when b < a), ``log`` (natural;
``log(x, b)`` base b), ``sqrt``, ``exp``, ``floor``, ``ceiling``, ``min``,
``max``, ``abs``, ``factorial``; constants ``E`` and ``pi``.  Operators
``+ - * / // ** ^`` (``^`` is a power, ``a // b`` is ``floor(a/b)``), and
``< <= > >=``; a number written before a name or a parenthesis multiplies it
(``2h + 1`` is ``2*h + 1``).  Decimals are read exactly (``0.1`` is 1/10).  A
conjecture is one inequality, or several joined by ``and``, ``,`` or ``;``,
or chained (``a <= b <= c``).

>>> c = parse_conjecture("count <= 2*sum(binomial(K**2 - 1, i), (i, 0, 2h + 1))")
>>> c.inequalities[0].text
'count <= 2*Sum(binomial(K**2 - 1, i), (i, 0, 2*h + 1))'
>>> sorted(c.quantities)
['K', 'count', 'h']
>>> parse_conjecture("count <= x")
Traceback (most recent call last):
...
verify.errors.InvalidArgument: formula: unknown name 'x' (quantities: n, m, Pi, count, ...)
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass, field

import sympy as sp

from verify.errors import InvalidArgument
from verify.exact import to_rational
from verify.jsonio import json_meta

__all__ = [
    "CLASS_QUANTITIES",
    "FUNCTIONS",
    "QUANTITIES",
    "Conjecture",
    "Inequality",
    "is_quantity",
    "parse_conjecture",
]

#: Quantities of one instance, in the order they are documented.
QUANTITIES = ("n", "m", "Pi", "count", "vc", "K", "d", "h", "Q", "W", "alpha", "eps")
#: Quantities that need a class (an architecture or halfspaces).
CLASS_QUANTITIES = frozenset({"Pi", "count", "vc", "h", "Q", "W", "alpha"})
_HIDDEN = re.compile(r"h([1-9][0-9]?)")
#: Whitelisted functions (name -> number of arguments allowed).
FUNCTIONS = {
    "binomial": (2, 2),
    "sum": (2, 2),
    "log": (1, 2),
    "sqrt": (1, 1),
    "exp": (1, 1),
    "floor": (1, 1),
    "ceiling": (1, 1),
    "min": (1, 32),
    "max": (1, 32),
    "abs": (1, 1),
    "factorial": (1, 1),
}
_CONSTANTS = {"E": sp.E, "pi": sp.pi}
_MAX_TEXT = 2000
_MAX_NODES = 500
_MAX_DEPTH = 60
_MAX_INT_DIGITS = 1000


def is_quantity(name: str) -> bool:
    """Is ``name`` a quantity (``n``, ``Pi``, ``h2``, …)?

    >>> is_quantity("h2"), is_quantity("h0"), is_quantity("Pi"), is_quantity("pi")
    (True, False, True, False)
    """
    return name in QUANTITIES or _HIDDEN.fullmatch(name) is not None


def _known_names() -> str:
    q = ", ".join(q if q != "h" else "h, h1, h2, ..." for q in QUANTITIES)
    return (f"quantities: {q}; functions: {', '.join(FUNCTIONS)}; "
            f"constants: {', '.join(_CONSTANTS)}")


@dataclass(frozen=True)
class Inequality:
    """``lhs OP rhs`` with OP one of ``<=``, ``<``, ``>=``, ``>`` (unevaluated sympy sides)."""

    lhs: sp.Expr
    op: str
    rhs: sp.Expr

    @property
    def text(self) -> str:
        return f"{self.lhs_text} {self.op} {self.rhs_text}"

    @property
    def lhs_text(self) -> str:
        return sp.sstr(self.lhs)

    @property
    def rhs_text(self) -> str:
        return sp.sstr(self.rhs)

    @property
    def small(self) -> sp.Expr:
        """The side claimed to be the smaller one."""
        return self.lhs if self.op in ("<=", "<") else self.rhs

    @property
    def big(self) -> sp.Expr:
        """The side claimed to be the larger one."""
        return self.rhs if self.op in ("<=", "<") else self.lhs

    @property
    def strict(self) -> bool:
        return self.op in ("<", ">")

    @property
    def quantities(self) -> frozenset[str]:
        return frozenset(str(s) for s in (self.lhs.free_symbols | self.rhs.free_symbols))

    def latex(self) -> str:
        ops = {"<=": r"\le", "<": "<", ">=": r"\ge", ">": ">"}
        return f"{sp.latex(self.lhs)} {ops[self.op]} {sp.latex(self.rhs)}"


@dataclass(frozen=True)
class Conjecture:
    """One or more inequalities that must all hold on every instance."""

    source: str
    inequalities: tuple[Inequality, ...] = field(
        metadata=json_meta(convert=lambda ineqs: [i.text for i in ineqs]))

    @property
    def quantities(self) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for ineq in self.inequalities:
            out |= ineq.quantities
        return out

    @property
    def text(self) -> str:
        return "; ".join(i.text for i in self.inequalities)

    def json_extra(self) -> dict[str, object]:
        """The inequalities in LaTeX and the quantities they use (sorted)."""
        return {"latex": [i.latex() for i in self.inequalities],
                "quantities": sorted(self.quantities)}


def _tokens(text: str) -> str:
    """Check the tokens and rewrite ``^`` as ``**`` and ``2h`` as ``2*h``."""
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError) as exc:
        raise InvalidArgument(f"formula: cannot read {text!r} ({exc.args[0]})") from None
    out: list[tuple[int, str]] = []
    prev: tokenize.TokenInfo | None = None
    for tok in toks:
        if tok.type in (tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER, tokenize.INDENT,
                        tokenize.DEDENT, tokenize.COMMENT):
            if tok.type == tokenize.COMMENT:
                raise InvalidArgument("formula: '#' is not allowed")
            continue
        if tok.type == tokenize.STRING or (tok.type == tokenize.ERRORTOKEN and tok.string.strip()):
            raise InvalidArgument(f"formula: {tok.string!r} is not allowed")
        if tok.type == tokenize.OP and tok.string in (".", "[", "]", "{", "}", ":", "=", ":=",
                                                      "@", "lambda", "|", "&", "~", "%", "<<",
                                                      ">>", "!=", "==", "->", "...", "**=",
                                                      "+=", "-=", "*=", "/=", "@="):
            hint = " (use <=, <, >= or >)" if tok.string in ("=", "==", "!=") else ""
            raise InvalidArgument(f"formula: {tok.string!r} is not allowed{hint}")
        if tok.type == tokenize.NAME and tok.string.startswith("_"):
            raise InvalidArgument(f"formula: unknown name {tok.string!r} ({_known_names()})")
        string = "**" if tok.type == tokenize.OP and tok.string == "^" else tok.string
        implicit = (
            prev is not None and prev.type == tokenize.NUMBER
            and ((tok.type == tokenize.NAME and tok.string not in ("and", "or", "not", "if",
                                                                   "else", "for", "in", "is"))
                 or (tok.type == tokenize.OP and tok.string == "("))
        )
        if implicit:
            out.append((tokenize.OP, "*"))
        out.append((tok.type, string))
        prev = tok
    return tokenize.untokenize(out)


class _Builder:
    """Converts a checked :mod:`ast` tree into unevaluated sympy objects."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.nodes = 0

    def fail(self, node: ast.AST, what: str) -> InvalidArgument:
        return InvalidArgument(f"formula: {what}")

    def expr(self, node: ast.AST, bound: tuple[str, ...], depth: int = 0) -> sp.Expr:
        self.nodes += 1
        if self.nodes > _MAX_NODES or depth > _MAX_DEPTH:
            raise InvalidArgument(
                f"formula: too large (at most {_MAX_NODES} terms, nesting depth {_MAX_DEPTH})")
        d = depth + 1
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node.id, bound)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            inner = self.expr(node.operand, bound, d)
            return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp):
            a, b = self.expr(node.left, bound, d), self.expr(node.right, bound, d)
            if isinstance(node.op, ast.Add):
                return sp.Add(a, b)
            if isinstance(node.op, ast.Sub):
                return sp.Add(a, -b)
            if isinstance(node.op, ast.Mult):
                return sp.Mul(a, b)
            if isinstance(node.op, ast.Div):
                return sp.Mul(a, sp.Pow(b, sp.Integer(-1)))
            if isinstance(node.op, ast.FloorDiv):
                return sp.floor(sp.Mul(a, sp.Pow(b, sp.Integer(-1))))
            if isinstance(node.op, ast.Pow | ast.BitXor):
                return sp.Pow(a, b)
            raise self.fail(node, f"the operator {type(node.op).__name__} is not allowed")
        if isinstance(node, ast.Call):
            return self.call(node, bound, d)
        if isinstance(node, ast.Compare | ast.BoolOp):
            raise self.fail(node, "a comparison inside an expression is not allowed")
        raise self.fail(node, f"{ast.unparse(node)!r} is not allowed")

    def constant(self, node: ast.Constant) -> sp.Expr:
        v = node.value
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise InvalidArgument(f"formula: {v!r} is not allowed (numbers only)")
        text = ast.get_source_segment(self.source, node) or repr(v)
        if isinstance(v, int):
            if len(text.lstrip("0")) > _MAX_INT_DIGITS:
                raise InvalidArgument(f"formula: numbers have at most {_MAX_INT_DIGITS} digits")
            return sp.Integer(int(text.replace("_", "")) if text.isdigit() else v)
        q = to_rational(text.replace("_", ""), "formula")  # decimals read exactly
        return sp.Rational(q.numerator, q.denominator)

    def name(self, name: str, bound: tuple[str, ...]) -> sp.Expr:
        if name in bound:
            return sp.Symbol(name, integer=True)
        if is_quantity(name):
            return sp.Symbol(name)
        if name in _CONSTANTS:
            return _CONSTANTS[name]
        if name in FUNCTIONS:
            raise InvalidArgument(f"formula: {name} is a function; call it as {name}(...)")
        raise InvalidArgument(f"formula: unknown name {name!r} ({_known_names()})")

    def call(self, node: ast.Call, bound: tuple[str, ...], d: int) -> sp.Expr:
        if not isinstance(node.func, ast.Name):
            raise InvalidArgument(f"formula: {ast.unparse(node.func)!r} cannot be called")
        fname = node.func.id
        if fname not in FUNCTIONS:
            if is_quantity(fname) or fname in bound:
                raise InvalidArgument(
                    f"formula: {fname}(...) calls a quantity; write {fname}*(...) to multiply")
            raise InvalidArgument(f"formula: unknown function {fname!r} ({_known_names()})")
        if node.keywords:
            raise InvalidArgument(f"formula: {fname}() takes no keyword arguments")
        lo, hi = FUNCTIONS[fname]
        if not lo <= len(node.args) <= hi:
            want = str(lo) if lo == hi else f"{lo} to {hi}"
            raise InvalidArgument(
                f"formula: {fname}() takes {want} argument(s), got {len(node.args)}")
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise InvalidArgument(f"formula: {fname}(*...) is not allowed")
        if fname == "sum":
            return self.summation(node, bound, d)
        args = [self.expr(a, bound, d) for a in node.args]
        if fname == "log":
            if len(args) == 2:
                return sp.Mul(sp.log(args[0]), sp.Pow(sp.log(args[1]), sp.Integer(-1)))
            return sp.log(args[0])
        simple = {"binomial": sp.binomial, "sqrt": sp.sqrt, "exp": sp.exp, "floor": sp.floor,
                  "ceiling": sp.ceiling, "abs": sp.Abs, "factorial": sp.factorial}
        if fname in simple:
            return simple[fname](*args)
        return (sp.Min if fname == "min" else sp.Max)(*args)

    def summation(self, node: ast.Call, bound: tuple[str, ...], d: int) -> sp.Expr:
        lim = node.args[1]
        if not (isinstance(lim, ast.Tuple) and len(lim.elts) == 3
                and isinstance(lim.elts[0], ast.Name)):
            raise InvalidArgument("formula: sum(expr, (i, a, b)): the second argument must be "
                                  "a tuple (index, first, last)")
        index = lim.elts[0].id
        if is_quantity(index) or index in FUNCTIONS or index in _CONSTANTS or index in bound:
            raise InvalidArgument(
                f"formula: the sum index {index!r} is already a name; choose another (e.g. i)")
        a = self.expr(lim.elts[1], bound, d)
        b = self.expr(lim.elts[2], bound, d)
        body = self.expr(node.args[0], (*bound, index), d)
        # Unevaluated, Sum's constructor would wrap the body as 1*body.  It evaluates
        # nothing else: the body and the limits are already built, unevaluated.
        with sp.evaluate(True):
            return sp.Sum(body, (sp.Symbol(index, integer=True), a, b))


_OPS = {ast.LtE: "<=", ast.Lt: "<", ast.GtE: ">=", ast.Gt: ">"}


def _split_top(text: str) -> list[str]:
    """Split at top-level ``;``."""
    return [part for part in (p.strip() for p in text.split(";")) if part]


def _inequalities(node: ast.AST, builder: _Builder) -> list[Inequality]:
    if isinstance(node, ast.Tuple | ast.List):
        return [i for elt in node.elts for i in _inequalities(elt, builder)]
    if isinstance(node, ast.BoolOp):
        if not isinstance(node.op, ast.And):
            raise InvalidArgument("formula: 'or' is not allowed (a conjecture is a conjunction)")
        return [i for v in node.values for i in _inequalities(v, builder)]
    if isinstance(node, ast.Compare):
        out = []
        left = builder.expr(node.left, ())
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            if type(op) not in _OPS:
                hint = " (use <=, <, >= or >)" if isinstance(op, ast.Eq | ast.NotEq) else ""
                raise InvalidArgument(f"formula: the comparison {type(op).__name__} is not "
                                      f"allowed{hint}")
            right = builder.expr(right_node, ())
            out.append(Inequality(left, _OPS[type(op)], right))
            left = right
        return out
    raise InvalidArgument(
        f"formula: {ast.unparse(node)!r} is not an inequality (use <=, <, >= or >)")


def parse_conjecture(text: str | Sequence[str]) -> Conjecture:
    """Parse one or more inequalities (see the module docstring for the language).

    Parameters
    ----------
    text : str or sequence of str
        The inequalities; several may be joined by ``and``, ``,`` or ``;``.

    Raises
    ------
    InvalidArgument
        On a syntax error, an unknown or refused name, or a formula that is not
        an inequality; the message names the offending part.

    Examples
    --------
    >>> [i.text for i in parse_conjecture("Pi <= 2^m; 0 < count <= 2**n").inequalities]
    ['Pi <= 2**m', '0 < count', 'count <= 2**n']
    >>> parse_conjecture("count <= 0.1*n").inequalities[0].rhs
    n/10
    >>> parse_conjecture("__import__('os')")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: formula: unknown name '__import__' (...)
    >>> parse_conjecture("count == n")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: formula: '==' is not allowed (use <=, <, >= or >)
    """
    parts = [text] if isinstance(text, str) else list(text)
    if not parts or not all(isinstance(p, str) for p in parts):
        raise InvalidArgument("formula: expected the text of an inequality")
    source = "; ".join(p.strip() for p in parts)
    if len(source) > _MAX_TEXT:
        raise InvalidArgument(f"formula: longer than {_MAX_TEXT} characters")
    if not source.isprintable():
        raise InvalidArgument("formula: contains control characters")
    out: list[Inequality] = []
    with sp.evaluate(False):
        for piece in (q for p in parts for q in _split_top(p)):
            code = _tokens(piece)
            try:
                tree = ast.parse(code.strip(), mode="eval")
            except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
                hint = ""
                m = re.search(r"\d[A-Za-z_]", piece)
                if m:
                    hint = f" (near {m.group(0)!r})"
                msg = exc.msg if isinstance(exc, SyntaxError) else type(exc).__name__
                raise InvalidArgument(f"formula: cannot parse {piece!r}: {msg}{hint}") from None
            builder = _Builder(code.strip())
            out.extend(_inequalities(tree.body, builder))
    if not out:
        raise InvalidArgument("formula: empty")
    return Conjecture(source, tuple(out))
