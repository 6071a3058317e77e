"""Each example script runs and prints what it promises (exact values checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _run(name: str, *args: str, cwd: Path) -> str:
    proc = subprocess.run([sys.executable, str(EXAMPLES / name), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_example_list_is_complete() -> None:
    names = sorted(p.name for p in EXAMPLES.glob("*.py"))
    assert names == ["01_exact_bound.py", "02_construction.py", "03_realize.py",
                     "04_growth_profile.py", "05_custom_claim.py", "06_notebook.py",
                     "07_conjecture.py"]


def test_exact_bound(tmp_path: Path) -> None:
    out = _run("01_exact_bound.py", cwd=tmp_path)
    assert "n = 9, alpha = 1/10" in out
    # V = 4: lhs = 2^4 C(9,4)/C(9,4) = 16; C_alpha^(2n) = (8/5)^9
    assert "lhs    = 2^V C(a,V)/C(n,V) = 16" in out
    assert "134217728/1953125" in out
    assert "middle >= rhs: False" in out
    assert "conclusion (lhs >= C_alpha^n at every reading): True" in out


def test_construction(tmp_path: Path) -> None:
    out = _run("02_construction.py", cwd=tmp_path)
    assert "S_phi = [('1/2', '5/8'), ('1', '3/8')]" in out
    lines = dict(line.split() for line in out.splitlines()[2:])
    assert lines["separated"] == "True" and lines["stilde_cover"] == "True"
    assert lines["stilde_cover_open_ball"] == "False"


def test_realize(tmp_path: Path) -> None:
    out = _run("03_realize.py", cwd=tmp_path)
    assert "status: realizable" in out
    assert "realizes the labeling exactly: True" in out
    assert "XOR on the square with one hidden unit: unrealizable" in out
    assert out.count("f(") == 9


def test_growth_profile(tmp_path: Path) -> None:
    out = _run("04_growth_profile.py", str(tmp_path / "fig" / "g.png"), cwd=tmp_path)
    # 174 halfspace labelings of the 4x4 grid = 2 x OEIS A114043(4) = 2 x 87
    assert "halfspaces on grid:4:2: 174 labelings, VC dimension 3" in out
    assert " 3      8        8" in out  # Pi(3) = 2^3: three points are shattered
    png = tmp_path / "fig" / "g.png"
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_custom_claim(tmp_path: Path) -> None:
    out = _run("05_custom_claim.py", cwd=tmp_path)
    assert out.startswith("my-conjecture -> holds-on-instances on ")
    assert int(out.split("on ")[1].split()[0]) >= 5


def test_notebook(tmp_path: Path) -> None:
    out = _run("06_notebook.py", str(tmp_path / "nb"), cwd=tmp_path)
    lines = out.splitlines()
    assert lines[0] == ("BoundChain(K=20, d=4, alpha=1/10, n=8000, readings=1, "
                        "conclusion_holds=True)")
    assert all(len(line) < 400 for line in lines)  # no repr runs to thousands of characters
    assert "RealizedSet(n=9, count=360, complete=True" in out
    assert "second call read from the store: True | same labelings: True" in out
    assert "GrowthProfile(n=9, count=360, vc_dimension=6" in out
    assert "| grid:3:2 | halfspaces | 58 | 3 | 72 |" in out  # 58 dichotomies; 130 - 58
    assert ("no data frame: to_dataframe() needs pandas" in out) or ("lhs ≥ rhs" in out)
    assert "figure written: growth_221.pdf, growth_221.svg, growth_221.png" in out
    assert (tmp_path / "nb" / "growth.tex").read_text().count(r"\begin{table}") == 1


def test_conjecture(tmp_path: Path) -> None:
    out = _run("07_conjecture.py", cwd=tmp_path)
    # Cover (1965): 2 sum_{i<=d} C(n-1, i), attained by the square (general position)
    assert "Cover's bound: holds on 4 instances" in out
    assert "attained at: ['cube:2']" in out
    assert "smallest counterexample cube:3 (104 > 64)" in out   # OEIS A000609(3) = 104
    assert "\\toprule" in out and "cube:2 & halfspaces & 14 & 14 & 0 & holds" in out
