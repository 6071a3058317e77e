"""Shared pytest configuration: hypothesis profiles sized for CI on 2 cores, and ``cli``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Run on every core by default (pytest-xdist, the ``test`` extra): ``-n auto``.

    Tests are handed out file by file (``--dist loadfile``): a module-scoped
    fixture (e.g. the report built twice in ``tests/report/test_report.py``) is
    then built once, not once per worker.  ``-n 0`` runs everything in this
    process (e.g. to debug); without pytest-xdist installed the suite runs
    serially.  Never in a worker (it would start workers of its own).
    """
    worker = hasattr(config, "workerinput") or "PYTEST_XDIST_WORKER" in os.environ
    if (not worker and config.pluginmanager.hasplugin("xdist")
            and config.getoption("numprocesses") is None):
        config.option.numprocesses = "auto"
        if config.getoption("dist") == "no":
            config.option.dist = "loadfile"
            # files are handed out in the order of LONGEST_FIRST (below), not by size
            config.option.loadscopereorder = False


# --- numba's kernels: compiled once per run, before the workers call them ---------------

_KERNELS_LOCK = "VERIFY_TESTS_KERNELS_LOCK"
_KERNELS_WAIT = 300.0  # seconds a worker waits for the compilation at most


def pytest_configure(config: pytest.Config) -> None:
    """At the start of a whole-suite run with workers, compile numba's kernels in a new
    process (``tests/warm_kernels.py``, two of them) while the workers collect the tests.

    On a clean checkout every process that first calls a kernel compiles it (about 8 s of
    CPU) until one of them has written numba's cache: both workers, the Dask workers and the
    report's claim processes did, some 17 s of CPU in all.  The compiling processes hold an
    exclusive lock on a file until both end; each worker waits for it after collecting
    (:func:`pytest_collection_finish`), so every later call reads the cache.  With the cache
    already written the two processes only read it (about 2 s of CPU beside the collection;
    numba decides by the sources' contents whether it is current).  A failure there only
    loses the head start: the tests call the kernels themselves.
    """
    import sys
    import tempfile

    try:
        import fcntl
    except ImportError:  # no flock (Windows): the tests compile the kernels as they need them
        return
    worker = hasattr(config, "workerinput") or "PYTEST_XDIST_WORKER" in os.environ
    whole = config.args_source == pytest.Config.ArgsSource.TESTPATHS
    if worker or not whole or config.getoption("numprocesses", None) in (None, 0, "0"):
        return
    fd, path = tempfile.mkstemp(prefix="verify-kernels-", suffix=".lock")
    fcntl.flock(fd, fcntl.LOCK_EX)  # held by the children's copies of fd until both end
    script = str(Path(__file__).with_name("warm_kernels.py"))
    try:  # the plane's kernels and R^3's side by side (about 5 s of CPU each)
        children = [subprocess.Popen([sys.executable, script, part], pass_fds=(fd,),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, cwd=config.rootpath)
                    for part in ("space", "plane")]
    finally:
        os.close(fd)
    os.environ[_KERNELS_LOCK] = path  # the workers inherit it

    def done() -> None:
        for child in children:
            if child.poll() is None:  # the run ended early (an error, Ctrl-C)
                child.kill()
            child.wait()
        os.environ.pop(_KERNELS_LOCK, None)
        Path(path).unlink(missing_ok=True)

    config.add_cleanup(done)


def pytest_collection_finish(session: pytest.Session) -> None:
    """In a worker: wait until the kernels are compiled (:func:`pytest_configure`)."""
    import time

    path = os.environ.get(_KERNELS_LOCK)
    if not path or "PYTEST_XDIST_WORKER" not in os.environ:
        return
    import fcntl  # the controller set the lock: flock exists here

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # already removed: nothing to wait for
        return
    try:
        end = time.monotonic() + _KERNELS_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > end:
                    return
                time.sleep(0.05)
    finally:
        os.close(fd)


# The test files that take longest (CPU per file, own and children's: ``python
# benchmarks/suite_cpu.py``, at 1ec983b on a clean clone), in that order.  They are
# collected first, so the workers start them first and the many short files fill in around
# them; a long file handed out last would run alone at the end.
LONGEST_FIRST = (
    "tests/report/test_report.py",  # 24 s: the whole --quick report and its claims again
    "tests/enumeration/test_dask.py",  # 10 s, with its worker processes
    "tests/test_examples.py",  # 6 s, seven scripts in one new interpreter
    "tests/enumeration/test_realized.py",  # 5 s
    "tests/conjecture/test_check.py",  # 5 s
    "tests/encodings/test_wide.py",  # 5 s
    "tests/certify/test_onefeature_certificates.py",  # 5 s
    "tests/encodings/test_robust.py",  # 4 s
    "tests/enumeration/test_shards.py",  # 4 s
    "tests/encodings/test_lra.py",  # 4 s
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Collect the files of :data:`LONGEST_FIRST` first (a stable sort: else unchanged)."""
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


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
@dataclass
class CliRun:
    """One in-process run of the command line: exit code, stdout, stderr."""

    code: int
    out: str
    err: str

    def __iter__(self) -> Iterator[Any]:
        """``code, out, err = cli(argv)``."""
        return iter((self.code, self.out, self.err))


class Cli:
    """The one command-line runner of the tests (``verify.cli.main`` in-process).

    ``cli(argv)`` runs and returns a :class:`CliRun`; ``cli.json(argv)`` adds
    ``--json`` and asserts exit code ``code`` (0) and exactly one JSON object on
    stdout; ``cli.error(argv)`` asserts exit code 2, nothing on stdout and exactly
    one line ``error: …`` on stderr, and returns that line.
    """

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys

    def __call__(self, argv: Sequence[str]) -> CliRun:
        from verify.cli import main

        self._capsys.readouterr()  # drop anything printed before
        code = main(list(argv))
        out, err = self._capsys.readouterr()
        return CliRun(code, out, err)

    def json(self, argv: Sequence[str], code: int = 0) -> Any:
        args = list(argv) if "--json" in argv else [*argv, "--json"]
        run = self(args)
        assert run.code == code, run.err
        assert run.out.count("\n") == 1, run.out[:500]
        return json.loads(run.out)

    def error(self, argv: Sequence[str]) -> str:
        run = self(argv)
        lines = run.err.strip().splitlines()
        assert run.code == 2 and run.out == "", (run.code, run.out[:500], run.err[:500])
        assert len(lines) == 1 and lines[0].startswith("error: "), run.err[:2000]
        return lines[0]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run ``verify`` in-process (see :class:`Cli`)."""
    return Cli(capsys)


# --- Ctrl-C: SIGINT as a terminal delivers it ------------------------------------------


@pytest.fixture
def terminal_sigint() -> Iterator[None]:
    """SIGINT raises ``KeyboardInterrupt`` during the test, as it does under a terminal.

    A shell starts a background job (``pytest &``, some CI runners) with SIGINT ignored, and
    Python then leaves it ignored (so does ``verify``: it never overrides an ignored Ctrl-C).
    The Ctrl-C tests would see nothing and fail.  This puts Python's handler in place for the
    test and the previous one back afterwards; a child started with ``exec`` then gets the
    default disposition and installs Python's handler too.
    """
    import signal

    before = signal.getsignal(signal.SIGINT)
    if before is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
