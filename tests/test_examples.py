"""Each example script runs and prints what it promises (exact values checked)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# Each example with its command-line arguments; ``{dir}`` is the example's own directory.
_ARGS = {"04_growth_profile.py": ["{dir}/fig/g.png"], "06_notebook.py": ["{dir}/nb"]}

# Runs the examples one after the other in one new interpreter, each as ``python NAME ARGS``
# would (``__main__``, its own argv, ``sys.path[0]`` and working directory), and writes what
# each printed, its exit code and its traceback (if any) as JSON to the file OUT.
_RUNNER = textwrap.dedent("""
    import contextlib, io, json, os, runpy, sys, traceback
    results = {}
    for name, args, cwd in json.loads(sys.argv[1]):
        os.chdir(cwd)
        sys.argv, sys.path[0] = [name, *args], os.path.dirname(name)
        buf, code, err = io.StringIO(), 0, ""
        try:
            with contextlib.redirect_stdout(buf):
                runpy.run_path(name, run_name="__main__")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            code, err = 1, traceback.format_exc()
        results[os.path.basename(name)] = {"code": code, "out": buf.getvalue(), "err": err}
    with open(OUT, "w") as fh:
        json.dump(results, fh)
""")


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every example run as a script, in ONE new interpreter (not this test process, so no
    state of the test suite leaks in; one interpreter rather than seven saves six start-ups
    with their imports): name -> {"code", "out", "err", "dir"}."""
    jobs, dirs = [], {}
    for script in sorted(EXAMPLES.glob("*.py")):
        d = tmp_path_factory.mktemp(script.stem)
        dirs[script.name] = d
        jobs.append([str(script), [a.format(dir=d) for a in _ARGS.get(script.name, [])],
                     str(d)])
    out = tmp_path_factory.mktemp("examples") / "results.json"
    code = _RUNNER.replace("OUT", repr(str(out)))
    proc = subprocess.run([sys.executable, "-c", code, json.dumps(jobs)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results: dict[str, Any] = json.loads(out.read_text())
    for name, r in results.items():
        r["dir"] = dirs[name]
    return results


def _run(ran: dict[str, Any], name: str) -> str:
    """What the example printed; it must have exited with 0."""
    r = ran[name]
    assert r["code"] == 0, r["err"] or r["out"][-2000:]
    return str(r["out"])


def test_example_list_is_complete() -> None:
    names = sorted(p.name for p in EXAMPLES.glob("*.py"))
    assert names == ["01_exact_bound.py", "02_construction.py", "03_realize.py",
                     "04_growth_profile.py", "05_custom_claim.py", "06_notebook.py",
                     "07_conjecture.py"]


def test_exact_bound(ran: dict[str, Any]) -> None:
    out = _run(ran, "01_exact_bound.py")
    assert "n = 9, alpha = 1/10" in out
    # V = 4: lhs = 2^4 C(9,4)/C(9,4) = 16; C_alpha^(2n) = (8/5)^9
    assert "lhs    = 2^V C(a,V)/C(n,V) = 16" in out
    assert "134217728/1953125" in out
    assert "middle >= rhs: False" in out
    assert "conclusion (lhs >= C_alpha^n at every reading): True" in out


def test_construction(ran: dict[str, Any]) -> None:
    out = _run(ran, "02_construction.py")
    assert "S_phi = [('1/2', '5/8'), ('1', '3/8')]" in out
    lines = dict(line.split() for line in out.splitlines()[2:])
    assert lines["separated"] == "True" and lines["stilde_cover"] == "True"
    assert lines["stilde_cover_open_ball"] == "False"


def test_realize(ran: dict[str, Any]) -> None:
    out = _run(ran, "03_realize.py")
    assert "status: realizable" in out
    assert "realizes the labeling exactly: True" in out
    assert "XOR on the square with one hidden unit: unrealizable" in out
    assert out.count("f(") == 9


def test_growth_profile(ran: dict[str, Any]) -> None:
    out = _run(ran, "04_growth_profile.py")
    tmp_path = ran["04_growth_profile.py"]["dir"]
    # 174 halfspace labelings of the 4x4 grid = 2 x OEIS A114043(4) = 2 x 87
    assert "halfspaces on grid:4:2: 174 labelings, VC dimension 3" in out
    assert " 3      8        8" in out  # Pi(3) = 2^3: three points are shattered
    png = tmp_path / "fig" / "g.png"
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_custom_claim(ran: dict[str, Any]) -> None:
    out = _run(ran, "05_custom_claim.py")
    assert out.startswith("my-conjecture -> holds-on-instances on ")
    assert int(out.split("on ")[1].split()[0]) >= 5


def test_notebook(ran: dict[str, Any]) -> None:
    out = _run(ran, "06_notebook.py")
    tmp_path = ran["06_notebook.py"]["dir"]
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


def test_conjecture(ran: dict[str, Any]) -> None:
    out = _run(ran, "07_conjecture.py")
    # Cover (1965): 2 sum_{i<=d} C(n-1, i), attained by the square (general position)
    assert "Cover's bound: holds on 4 instances" in out
    assert "attained at: ['cube:2']" in out
    assert "smallest counterexample cube:3 (104 > 64)" in out   # OEIS A000609(3) = 104
    assert "\\toprule" in out and "cube:2 & halfspaces & 14 & 14 & 0 & holds" in out
