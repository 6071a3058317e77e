"""The ``verify`` command line.

Sub-commands live in the modules ``verify/cli/cmd_*.py``; each defines
``register(subparsers)`` which adds its parser(s) and sets ``func`` to a
function taking the parsed arguments and returning a :class:`Output`.
This module only discovers them, parses, and prints: text by default, exactly
one JSON object with ``--json``.  Errors of the toolkit print one line
``error: …`` on stderr and exit with code 2.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from verify.errors import Interrupted, VerifyError
from verify.jsonio import dumps
from verify.limits import Deadline, memory_limit
from verify.progress import set_quiet

__all__ = ["Output", "add_common", "build_parser", "color_wanted", "command_deadline", "main"]


@dataclass
class Output:
    """What a sub-command returns: the JSON payload and its text rendering."""

    payload: dict[str, Any]
    text: str = ""
    exit_code: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {message} (see '{self.prog} --help')\n")
        raise SystemExit(2)


def add_common(parser: argparse.ArgumentParser) -> None:
    """Add ``--json`` and ``--quiet`` to a sub-command's parser."""
    parser.add_argument("--json", action="store_true", help="print exactly one JSON object")
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar on stderr"
    )
    parser.add_argument(
        "--max-memory", default=None, metavar="SIZE",
        help="memory budget, e.g. 8G or 512M (default $VERIFY_MAX_MEMORY or a third of "
             "the machine's memory); work that would need more is refused up front",
    )


def command_deadline(args: argparse.Namespace) -> Deadline:
    """The one clock of a command's ``--timeout``, started at its first use (reading
    the points, after the command's imports) and shared by all its work: reading the
    points file gets ``command_deadline(args)``, the work after it
    ``command_deadline(args).remaining()`` (to the hundredth: a spec such as
    ``grid:3:2`` leaves the whole limit, and time-out messages name it), never the
    whole limit again after a slow file.

    >>> args = argparse.Namespace(timeout="5")
    >>> command_deadline(args) is command_deadline(args), command_deadline(args).seconds
    (True, 5.0)
    """
    deadline = getattr(args, "command_deadline", None)
    if not isinstance(deadline, Deadline):
        deadline = Deadline(getattr(args, "timeout", None), "--timeout")
        args.command_deadline = deadline
    return deadline


def color_wanted() -> bool:
    """Colour the output only on a terminal, and not when ``NO_COLOR`` is set."""
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _command_modules() -> list[str]:
    import verify.cli as pkg

    return sorted(
        m.name for m in pkgutil.iter_modules(pkg.__path__) if m.name.startswith("cmd_")
    )


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every discovered sub-command."""
    parser = _Parser(
        prog="verify",
        description=(
            "Exact verification toolkit for the theory of robust generalization "
            "(Li, Jin, Zhong, Hopcroft, Wang, NeurIPS 2022). Rationals are written "
            "3/7, 0.25 or 4; floats are never taken as exact."
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _command_modules():
        module = importlib.import_module(f"verify.cli.{name}")
        module.register(sub)
    return parser


_SIGN_TEXT_OPTIONS = ("--labels", "--phi")
_NEGATIVE_RATIONAL = re.compile(r"-(\d+(/\d+)?|\d*\.\d+([eE][+-]?\d+)?)")


def _join_sign_text(argv: Sequence[str]) -> list[str]:
    """Join values that argparse would mistake for options onto their option.

    ``--labels -++-`` becomes ``--labels=-++-`` and ``--eps -1/2`` becomes
    ``--eps=-1/2``, so the value reaches its own validation (and its own message).

    >>> _join_sign_text(["realize", "--labels", "-++-", "--json"])
    ['realize', '--labels=-++-', '--json']
    >>> _join_sign_text(["realize", "--labels", "--json"])
    ['realize', '--labels', '--json']
    >>> _join_sign_text(["robust", "--radius", "-1/4"])
    ['robust', '--radius=-1/4']
    """
    out: list[str] = []
    items = list(argv)
    i = 0
    while i < len(items):
        tok = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        labels = tok in _SIGN_TEXT_OPTIONS and nxt and set(nxt) <= set("+-") and nxt != "--"
        negative = tok.startswith("--") and "=" not in tok and nxt is not None and (
            _NEGATIVE_RATIONAL.fullmatch(nxt) is not None
        )
        if labels or negative:
            out.append(f"{tok}={nxt}")
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


def _nul_option(args: argparse.Namespace) -> str | None:
    """The name of the first argument whose value holds a NUL byte (no file name can).

    >>> _nul_option(argparse.Namespace(cache_dir="a\\x00b", func=print))
    'cache-dir'
    >>> _nul_option(argparse.Namespace(specs=["grid:2:2"])) is None
    True
    """
    for dest, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and "\x00" in v for v in values):
            return dest.replace("_", "-")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``verify`` console script; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(_join_sign_text(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    nul = _nul_option(args)
    if nul is not None:  # possible through main([...]) only: a shell cannot pass one
        sys.stderr.write(f"error: {nul}: a NUL byte is in the value given\n")
        return 2
    set_quiet(bool(getattr(args, "quiet", False)))
    func: Callable[[argparse.Namespace], Output] = args.func
    try:
        with memory_limit(getattr(args, "max_memory", None)):  # this command's only
            out = func(args)
    except VerifyError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except KeyboardInterrupt as exc:
        # an Interrupted says what was kept, e.g. "interrupted: 7929 labelings kept in …"
        sys.stderr.write(f"{exc}\n" if isinstance(exc, Interrupted) else "error: interrupted\n")
        return 130
    if getattr(args, "json", False):
        sys.stdout.write(dumps(out.payload) + "\n")
    elif out.text:
        sys.stdout.write(out.text.rstrip("\n") + "\n")
    sys.stdout.flush()
    return out.exit_code
