"""The layering of DESIGN.md is kept: ``lint-imports`` finds every contract kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_bounds_and_geometry_load_no_solver_and_no_report() -> None:
    code = ("import sys, verify.bounds, verify.geometry; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('z3', 'scipy', 'pysat', 'proofs') or m.startswith('verify.report')))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
