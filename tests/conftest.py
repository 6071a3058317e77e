"""Shared pytest configuration: hypothesis profiles sized for CI on 2 cores."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# --- LaTeX: compile tables with pdflatex when it is installed --------------------------


LATEX_PREAMBLE = r"""\documentclass{article}
\usepackage{amsmath,booktabs,graphicx,longtable,tabularx,pdflscape}
\begin{document}
"""


def _compile_latex(bodies: list[str], workdir: Path) -> str:
    """Compile the bodies (one per page) with pdflatex; return the log (errors fail the test)."""
    src = LATEX_PREAMBLE + "\n\\clearpage\n".join(bodies) + "\n\\end{document}\n"
    (workdir / "doc.tex").write_text(src, encoding="utf-8")
    proc = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
        cwd=workdir, capture_output=True, text=True, timeout=120,
    )
    log = (workdir / "doc.log").read_text(encoding="latin-1")
    assert proc.returncode == 0, log[-3000:]
    return log


@pytest.fixture
def compile_latex(tmp_path: Path) -> Callable[[list[str]], str]:
    """Compile LaTeX table bodies; asserts no error and no overfull box, returns the log.

    Skipped where pdflatex is not installed (Debian: texlive-latex-base,
    texlive-latex-recommended, texlive-latex-extra; .ci/run installs them).
    """
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed (apt-get install texlive-latex-extra)")

    def run(bodies: list[str]) -> str:
        log = _compile_latex(bodies, tmp_path)
        overfull = re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)
        assert not overfull, f"tables run past the page edge by {overfull} pt"
        return log

    return run
