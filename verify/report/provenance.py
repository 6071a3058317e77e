"""The provenance block of the report: what produced it, so a reader can reproduce it.

Toolkit version and code hash, the git commit when run from a checkout (with
"+ local changes" when the work tree differs from it), the versions of Python
and of the libraries that decide or draw (z3, python-sat, NumPy, SciPy, SymPy,
matplotlib), the command and its options.  No clock times and no output
directory: re-running the same command gives the same bytes.

>>> p = provenance({"size": "quick"}, command="verify report --quick")
>>> sorted(p)[:4]
['code_hash', 'command', 'git_commit', 'options']
>>> p["versions"]["python"].count(".")
2
"""

from __future__ import annotations

import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["provenance", "provenance_lines"]

_LIBRARIES = (
    ("verify", "verify-robust-generalization"),
    ("z3", "z3-solver"),
    ("python-sat", "python-sat"),
    ("numpy", "numpy"),
    ("scipy", "scipy"),
    ("sympy", "sympy"),
    ("matplotlib", "matplotlib"),
)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_commit() -> str | None:
    """The commit of the checkout the package runs from, or None (installed, or no git)."""
    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists():
        return None
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                              text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--",
                                "verify", "proofs"], capture_output=True, text=True,
                               timeout=20, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head + (" + local changes" if dirty else "")


def provenance(options: dict[str, Any], command: str) -> dict[str, Any]:
    """The provenance of a report run with ``options`` by ``command``.

    Parameters
    ----------
    options : dict
        The options that decide the report's content (size, claims, time limit …).
    command : str
        The command line, without options that do not change the content
        (output directory, ``--quiet``, ``--json``).
    """
    from verify.report.runner import code_version

    versions = {"python": platform.python_version()}
    versions.update({name: _version(dist) for name, dist in _LIBRARIES})
    return {
        "code_hash": code_version(),
        "command": command,
        "git_commit": _git_commit(),
        "options": dict(options),
        "versions": versions,
    }


def provenance_lines(p: dict[str, Any]) -> list[str]:
    """The provenance as Markdown list items.

    Examples
    --------
    >>> lines = provenance_lines({"command": "verify report", "options": {"size": "quick"},
    ...                           "versions": {"python": "3.11.7"}, "code_hash": "ab",
    ...                           "git_commit": None})
    >>> lines[0]
    '- command: `verify report`'
    """
    v = p.get("versions", {})
    return [
        f"- command: `{p.get('command', '')}`",
        "- options: " + ", ".join(f"{k} = `{val}`" for k, val in p.get("options", {}).items()),
        f"- toolkit: verify {v.get('verify', '?')}, code hash `{p.get('code_hash', '?')}`"
        + (f", git commit `{p['git_commit']}`" if p.get("git_commit") else ""),
        "- libraries: " + ", ".join(f"{k} {val}" for k, val in v.items() if k != "verify"),
    ]
