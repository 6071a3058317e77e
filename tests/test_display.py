"""Short reprs, notebook displays, data frames, lazy entry points, progress in notebooks."""

from __future__ import annotations

import subprocess
import sys
import types
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

import verify
from verify.bounds import bound_chain, vc_step
from verify.enumeration import growth_profile, realized_labelings
from verify.errors import InvalidArgument


def test_import_verify_is_light_and_lazy() -> None:
    code = ("import sys, verify; heavy = [m for m in ('numpy', 'z3', 'sympy', 'scipy', "
            "'matplotlib', 'pysat') if m in sys.modules]; print(heavy); "
            "verify.bound_chain; print('verify.bounds.chain' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout.split("\n")
    assert out[0] == "[]" and out[1] == "True"


def test_public_entry_points() -> None:
    for name in verify.__all__:
        assert getattr(verify, name) is not None, name
    assert verify.count_labelings is verify.realized_labelings
    assert verify.check_claim("prop-3.2-radius-eps", "quick").verdict == "fails"
    with pytest.raises(AttributeError):
        verify.no_such_thing  # noqa: B018


def test_repr_of_huge_bound_chain_is_short() -> None:
    chain = bound_chain(20, 4, "1/10")  # n = 8000: lhs has thousands of digits
    text = repr(chain)
    assert len(text) < 300 and "n=8000" in text and "conclusion_holds=True" in text
    r = repr(chain.readings[0])
    assert len(r) < 600 and "digits)" in r and "≈" in r
    html = chain._repr_html_()
    assert "<table" in html and len(html) < 20_000
    assert chain._repr_latex_().startswith("$") and len(chain._repr_latex_()) < 2000


def test_repr_of_small_results_shows_exact_values() -> None:
    chain = bound_chain(3, 3, "1/10")
    assert "lhs=16" in repr(chain.readings[0]) and "middle=2825761/390625" in repr(
        chain.readings[0])
    step = vc_step(4, 3, "1/10")
    assert repr(step).startswith("VCStep(K=4, d=3, alpha=1/10, n=16, min_vc_dimension=")


def test_repr_of_a_large_realized_set_is_short(tmp_path: Any) -> None:
    r = realized_labelings("grid:3:2", "2-2-1", "int:1")
    text = repr(r)
    assert len(text) < 400 and f"count={r.count}" in text and "more" in text
    assert r._repr_html_().count("<tr>") < 20  # a summary, not every labeling
    g = growth_profile(r)  # a realized set is accepted as it is
    assert g.n == 9 and g.size == r.count
    assert "vc_dimension=" in repr(g)


def test_to_dataframe_exact_or_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    chain = bound_chain(3, 3, "1/10")
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(InvalidArgument, match=r"needs pandas: pip install .*\[pandas\]"):
        chain.to_dataframe()
    monkeypatch.delitem(sys.modules, "pandas")
    pytest.importorskip("pandas", reason="pandas is the optional [pandas] extra")
    df = chain.to_dataframe()
    assert list(df["V"]) == [4, 5] and df["middle"][0] == Fraction(2825761, 390625)
    g = growth_profile(np.array([0, 1, 2], dtype=np.uint64), 2).to_dataframe()
    assert list(g["Π(m)"]) == [1, 2, 3]
    with pytest.raises(InvalidArgument, match="not a table"):
        verify.double_counting(np.array([0, 1, 2, 3], dtype=np.uint64), 2).to_dataframe()


class _Handle:
    def __init__(self, log: list[str], html: str) -> None:
        self.log = log
        log.append(html)

    def update(self, obj: Any) -> None:
        self.log.append(obj.data)


def _fake_notebook(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """An IPython kernel as far as verify.progress can tell, recording the displayed HTML."""
    log: list[str] = []
    ipython = types.ModuleType("IPython")
    display_mod = types.ModuleType("IPython.display")

    class HTML:
        def __init__(self, data: str) -> None:
            self.data = data

    display_mod.HTML = HTML  # type: ignore[attr-defined]
    display_mod.display = lambda obj, display_id=False: _Handle(log, obj.data)  # type: ignore[attr-defined]
    ipython.get_ipython = lambda: types.SimpleNamespace(kernel=object())  # type: ignore[attr-defined]
    ipython.display = display_mod  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", display_mod)
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    return log


def test_progress_shows_in_a_notebook_and_can_be_switched_off(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from verify import progress as vp

    log = _fake_notebook(monkeypatch)
    # A command run in this process earlier (--quiet) may have silenced bars globally.
    monkeypatch.setattr(vp, "_QUIET", False)
    monkeypatch.setattr(vp, "_ENABLED", None)
    assert vp.in_notebook()
    with vp.progress(3, "deciding") as bar:
        for _ in range(3):
            bar.advance()
    assert "deciding" in log[0] and "<progress" in log[0]
    assert "3/3 (100%)" in log[-1] and "done" in log[-1]
    log.clear()
    verify.progress_enabled(False)
    try:
        with vp.progress(3, "silent") as bar:
            bar.advance(3)
    finally:
        verify.progress_enabled(None)
    assert log == [] and bar.done == 3
    monkeypatch.setenv("VERIFY_PROGRESS", "0")
    with vp.progress(2, "silent too") as bar:
        bar.advance(2)
    assert log == []
    with pytest.raises(InvalidArgument):
        verify.progress_enabled("yes")
