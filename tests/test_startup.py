"""Start-up stays light: building the parser and ``verify bound`` import no heavy module.

A module-set assertion, not a timing: each check runs in a fresh interpreter
and lists the heavy third-party packages that ended up in ``sys.modules``.
(The timings are in ``benchmarks/bench_startup.py``.)
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("numpy", "z3", "sympy", "networkx", "scipy", "matplotlib", "mpmath", "pysat", "rich")


def _loaded_after(code: str) -> list[str]:
    probe = (
        f"import sys\n{code}\n"
        f"print('\\n' + __import__('json').dumps(sorted({{m.split('.')[0] for m in sys.modules"
        f" if m.split('.')[0] in {HEAVY!r}}})))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_building_the_parser_imports_no_heavy_module():
    assert _loaded_after("from verify.cli import build_parser; build_parser()") == []


@pytest.mark.parametrize("argv", [["bound", "--K", "3", "--d", "3"],
                                  ["bound", "--K", "3", "--d", "3", "--json"],
                                  ["table", "bounds", "--K", "2:3", "--d", "2"]])
def test_closed_form_commands_import_no_heavy_module(argv):
    code = ("import contextlib, io\nfrom verify.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main({argv!r}) == 0")
    assert _loaded_after(code) == []


def test_the_heavy_check_can_fail():
    assert _loaded_after("import verify.geometry") != []


def test_lazy_exports_of_bounds_match_their_modules():
    import verify.bounds as pkg

    tree = ast.parse(Path(pkg.__file__).read_text(encoding="utf-8"))
    typed = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module.startswith("verify.bounds."):
            typed.update({a.name: node.module for a in node.names})
    assert typed == pkg._EXPORTS
    assert set(pkg.__all__) == set(pkg._EXPORTS)
    for name, module in pkg._EXPORTS.items():
        assert getattr(pkg, name) is getattr(importlib.import_module(module), name)
    with pytest.raises(AttributeError):
        _ = pkg.no_such_name
