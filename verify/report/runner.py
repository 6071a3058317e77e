"""Running the claim registry with a cache of finished claims.

Each finished claim is stored as ``CACHE/<id>-<key>.json`` where ``key`` hashes
the claim id, the run size, its parameters and the code version (a hash of the
sources of ``verify`` and ``proofs``).  The entry holds the result with the
question it answers (id, size, parameters, code version) and the SHA-256 of
all of it; a second run with unchanged inputs reuses the result only when the
entry verifies for its own question and is a well-formed claim result, so an
interrupted run loses only the claim that was in progress, and a damaged or
hand-edited entry is reported (one line), removed and recomputed.  Results
whose check did not conclude (``error``, or ``out-of-reach`` with an error) are
not cached: they are retried on the next run.

>>> key = cache_key("thm-5.8-counting", "quick", {"n_max": 3}, "v0")
>>> len(key)
16
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from proofs import certificates_reused
from proofs.claim import ERROR, OUT_OF_REACH, ClaimResult
from proofs.registry import claim_ids, claim_parameters, run_claim
from verify.errors import InvalidArgument
from verify.jsonio import dumps, to_jsonable

__all__ = ["cache_key", "code_version", "parse_claim_list", "run_claims"]


@cache
def code_version() -> str:
    """A hash of every Python source file of the ``verify`` and ``proofs`` packages.

    Examples
    --------
    >>> len(code_version())
    16
    """
    import proofs
    import verify

    h = hashlib.sha256()
    for pkg in (verify, proofs):
        assert pkg.__file__ is not None
        root = Path(pkg.__file__).parent
        for path in sorted(root.rglob("*.py")):
            h.update(str(path.relative_to(root.parent)).encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()[:16]


def cache_key(claim_id: str, size: str, params: dict[str, Any], version: str) -> str:
    """The hash naming a cached result: id, size, parameters and code version.

    Examples
    --------
    >>> cache_key("a", "quick", {}, "v") == cache_key("a", "quick", {}, "v")
    True
    >>> cache_key("a", "quick", {}, "v") == cache_key("a", "full", {}, "v")
    False
    """
    text = json.dumps(
        {"id": claim_id, "size": size, "params": to_jsonable(params), "code": version},
        sort_keys=True,
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def parse_claim_list(text: str | None) -> list[str]:
    """Claim ids from ``"ID,ID,…"`` (None: every claim), checked against the registry.

    Examples
    --------
    >>> parse_claim_list("thm-4.3-eq1, thm-5.8-counting")
    ['thm-4.3-eq1', 'thm-5.8-counting']
    >>> parse_claim_list("nope")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: unknown claim id 'nope' (see 'verify check --list')
    """
    known = claim_ids()
    if text is None:
        return known
    ids = [t.strip() for t in text.split(",") if t.strip()]
    if not ids:
        raise InvalidArgument("--claims: give at least one claim id")
    for i in ids:
        if i not in known:
            raise InvalidArgument(f"unknown claim id {i!r} (see 'verify check --list')")
    seen: list[str] = []
    for i in ids:
        if i not in seen:
            seen.append(i)
    return seen


_CACHE_FORMAT = 2


def _content_digest(body: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a cache entry's body (sorted keys, no spaces)."""
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _cache_entry(
    claim_id: str, size: str, params: dict[str, Any], version: str, result: dict[str, Any]
) -> dict[str, Any]:
    """A cache entry: the result with the question it answers and its content digest.

    The digest covers the claim id, size, parameters, code version and result, so
    an entry is reused only for the question it was computed for, and an edited
    or damaged entry is detected.

    Examples
    --------
    >>> res = run_claims(["thm-4.3-vc-step"], "quick")[0]
    >>> e = _cache_entry(res["id"], "quick", {"n": 3}, "v", res)
    >>> _verified(e, res["id"], "quick", {"n": 3}, "v") == res
    True
    >>> e["result"]["verdict"] = "fails"                      # edited by hand
    >>> _verified(e, res["id"], "quick", {"n": 3}, "v")
    Traceback (most recent call last):
    ...
    ValueError: its content does not match its digest
    """
    body = {"format": _CACHE_FORMAT, "id": claim_id, "size": size,
            "params": json.loads(dumps(params)), "code": version, "result": result}
    return {**body, "sha256": _content_digest(body)}


def _verified(
    entry: Any, claim_id: str, size: str, params: dict[str, Any], version: str
) -> dict[str, Any]:
    """The result of a cache entry if it verifies for this question, else ValueError."""
    if not isinstance(entry, dict) or entry.get("format") != _CACHE_FORMAT:
        raise ValueError("not an entry of this cache format")
    result = entry.get("result")
    if not isinstance(result, dict) or result.get("id") != claim_id or "verdict" not in result:
        raise ValueError("no result for this claim")
    if entry != _cache_entry(claim_id, size, params, version, result):
        raise ValueError("its content does not match its digest")
    try:
        ClaimResult.from_json(result)  # a known verdict and evidence kind, every field typed
    except (InvalidArgument, TypeError, ValueError):
        raise ValueError("not a well-formed claim result") from None
    return result


def _read_cache(
    path: Path, claim_id: str, size: str, params: dict[str, Any], version: str,
    on_problem: Callable[[str], None],
) -> dict[str, Any] | None:
    """A cached result that verifies, else None (a damaged entry is reported and removed)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        on_problem(f"cached result {str(path)!r} is unreadable ({exc.strerror}); recomputed")
        return None
    try:
        return _verified(json.loads(raw.decode("utf-8")), claim_id, size, params, version)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        why = "not valid JSON"
    except ValueError as exc:  # the reasons of _verified (fixed texts), over-long numbers
        why = str(exc)
    on_problem(f"cached result {str(path)!r} does not verify ({why}); recomputed")
    path.unlink(missing_ok=True)
    return None


def _stderr_line(text: str) -> None:
    sys.stderr.write(f"warning: {text}\n")


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@contextmanager
def _inner_bars_off() -> Iterator[None]:
    """Silence progress bars inside a claim: the report draws one bar for all claims."""
    import verify.progress as vp

    old = bool(getattr(vp, "_QUIET", False))
    vp.set_quiet(True)
    try:
        yield
    finally:
        vp.set_quiet(old)


def _run_here(claim_id: str, size: str) -> dict[str, Any]:
    with _inner_bars_off():
        return dict(json.loads(dumps(run_claim(claim_id, size).to_json())))


def _run_in_child(claim_id: str, size: str, seconds: float,
                  job: Callable[[], dict[str, Any]] | None = None,
                  on_limit: Callable[[str], dict[str, Any]] | None = None) -> dict[str, Any]:
    """Run one claim in a forked process; past ``seconds`` it is stopped (out-of-reach).

    ``job`` replaces the registry's check (e.g. a user's conjecture) and
    ``on_limit(reason)`` builds its out-of-reach result.
    """
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child_main(claim_id, size, job, child), daemon=True)
    started = False
    try:
        # A Ctrl-C between the fork and this block would leave the child running: while
        # the process starts, SIGINT is held back (this thread's mask; the child inherits
        # it) and, since another thread of this process (a progress bar's, a test
        # runner's) can still receive it and have Python raise KeyboardInterrupt in the
        # middle of ``start``, it is also only recorded; it is raised again here, inside
        # the block whose ``finally`` stops the child.
        with _sigint_deferred() as pending:
            _hold_sigint(True)
            try:
                proc.start()
                started = True
            finally:
                _hold_sigint(False)
        if pending:
            signal.raise_signal(signal.SIGINT)  # the handler in force again acts on it
        child.close()
        answer = _answer_or_reason(parent, proc, seconds)
        if isinstance(answer, dict):
            return answer
    finally:
        if started:
            _stopped_and_reaped(proc)
        parent.close()
    if on_limit is not None:
        return on_limit(answer)
    return _limit_result(claim_id, size, answer)


def _child_main(claim_id: str, size: str, job: Callable[[], dict[str, Any]] | None,
                child: Any) -> Callable[[], None]:
    """What the forked process runs: the claim's check (or ``job``), its result sent as
    JSON through ``child``."""

    def target() -> None:
        # Ctrl-C reaches the whole process group: the parent reports it and stops this
        # process, so the child ignores it (no second traceback on the terminal).  The
        # child starts with SIGINT held back (see _run_in_child): ignore it, then let it
        # through.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _hold_sigint(False)
        if job is None:
            child.send(dumps(_run_here(claim_id, size)))
        else:
            with _inner_bars_off():
                child.send(dumps(job()))
        child.close()

    return target


def _answer_or_reason(parent: Any, proc: Any, seconds: float) -> dict[str, Any] | str:
    """The child's result, or why there is none: it ended without one, or ``seconds``
    passed."""
    if parent.poll(seconds):
        try:
            return dict(json.loads(parent.recv()))
        except EOFError:
            proc.join(5)  # the pipe closes before the process is reaped
            return f"the check's process ended without a result (exit code {proc.exitcode})"
    return f"time limit of {seconds:g} s per claim reached"


def _stopped_and_reaped(proc: Any) -> None:
    """Stop the child if it still runs (SIGTERM, then SIGKILL after 5 s) and reap it, so
    no process is left behind."""
    if proc.is_alive():
        proc.terminate()
        proc.join(5)
        if proc.is_alive():  # SIGTERM not acted on in 5 s (a loaded machine)
            proc.kill()
    proc.join()


@contextmanager
def _sigint_deferred() -> Iterator[list[int]]:
    """Within the block a SIGINT is recorded in the list yielded instead of handled; the
    handler before is put back on leaving.  A no-op (nothing recorded) outside the main
    thread, where handlers cannot be set."""
    pending: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield pending
        return
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: pending.append(signum))
    try:
        yield pending
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)


def _hold_sigint(hold: bool) -> None:
    """Block (``hold``) or unblock SIGINT for this thread; a pending one is delivered on
    unblocking.  A no-op where signal masks are not available."""
    if hasattr(signal, "pthread_sigmask"):
        how = signal.SIG_BLOCK if hold else signal.SIG_UNBLOCK
        signal.pthread_sigmask(how, {signal.SIGINT})


def _limit_result(claim_id: str, size: str, reason: str) -> dict[str, Any]:
    from proofs.registry import describe

    info = describe(claim_id)
    return json.loads(dumps(ClaimResult(
        id=claim_id, title=info["title"], statement=info["statement"],
        parameters=claim_parameters(claim_id, size), verdict=OUT_OF_REACH,
        evidence={"error": reason},
        explanation="The check did not finish: " + reason + ". Nothing is concluded about the "
        "claim (a time-out is never read as a failure).",
        evidence_kind="none", reason=f"did not finish: {reason}",
    ).to_json()))


# Imported once in the parent before claims run in forked children: every child inherits
# them instead of importing them again (sympy alone takes about half a second).  The
# modules the claims import lazily are here too: sympy's combinatorics and units (loaded by
# its summation), scipy.linalg and the certificate code were imported again by each of
# about ten children (the 28 quick claims took 13 s in children, 7 s in one process).
_PRELOAD = ("sympy", "z3", "mpmath", "numpy", "verify.bounds", "verify.geometry", "verify.nets",
            "verify.encodings", "verify.enumeration", "verify.encodings.robust",
            "verify.encodings.realize", "verify.encodings.equivalence",
            "sympy.combinatorics", "sympy.physics.units", "scipy.linalg", "verify.certify",
            "verify.bounds.table1", "verify.bounds.certified", "verify.encodings.sweep",
            "verify.encodings.refute", "verify.encodings.farkas", "verify.encodings.smalllp",
            "verify.encodings.nra")


def _preload(ids: Sequence[str]) -> None:
    import importlib

    from proofs.registry import describe

    for name in _PRELOAD:
        importlib.import_module(name)
    for cid in ids:  # the claim modules themselves
        describe(cid)


def _fork_available() -> bool:
    import multiprocessing as mp

    return "fork" in mp.get_all_start_methods()


def run_claims(
    ids: Sequence[str],
    size: str = "default",
    cache_dir: str | Path | None = None,
    on_done: Callable[[str, dict[str, Any], bool], None] | None = None,
    time_limit: float | None = None,
    on_cache_problem: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """Run the claims (or read them from the cache) and return their JSON objects.

    Parameters
    ----------
    ids : sequence of str
        Claim ids, in the order wanted.
    size : {"quick", "default", "full"}
    cache_dir : path, optional
        Where finished claims are cached; None disables the cache.
    on_done : callable(id, result, from_cache), optional
        Called after each claim (progress reporting).
    time_limit : seconds, optional
        Run each claim in a child process and stop it after this long; the claim
        is then reported ``out-of-reach`` with the reason (not cached).  Needs the
        ``fork`` start method (Linux); elsewhere claims run in-process without a limit.
    on_cache_problem : callable(text), optional
        Told (one line) about a cached entry that does not verify (damaged or
        edited); the claim is then recomputed.  Default: a ``warning:`` line on
        stderr.

    Examples
    --------
    >>> [r["verdict"] for r in run_claims(["prop-3.2-radius-eps"], "quick")]
    ['fails']
    """
    version = code_version()
    cdir = None if cache_dir is None else Path(cache_dir)
    if cdir is not None:
        cdir.mkdir(parents=True, exist_ok=True)
    with certificates_reused():  # a count certificate asked for twice is produced once
        return _run_each(ids, size, version, cdir, on_done, time_limit,
                         on_cache_problem or _stderr_line)


def _run_each(
    ids: Sequence[str], size: str, version: str, cdir: Path | None,
    on_done: Callable[[str, dict[str, Any], bool], None] | None, time_limit: float | None,
    on_cache_problem: Callable[[str], None],
) -> list[dict[str, Any]]:
    """:func:`run_claims`' loop: each claim read from the cache, or run and cached."""
    preloaded = False  # before the first claim that runs in a child (none if all are cached)
    out: list[dict[str, Any]] = []
    for cid in ids:
        params = claim_parameters(cid, size)
        key = cache_key(cid, size, params, version)
        path = None if cdir is None else cdir / f"{cid}-{key}.json"
        cached = None if path is None else _read_cache(
            path, cid, size, params, version, on_cache_problem)
        if cached is not None:
            out.append(cached)
            if on_done is not None:
                on_done(cid, cached, True)
            continue
        if time_limit is not None and _fork_available():
            if not preloaded:
                _preload(ids)
                preloaded = True
            result = _run_in_child(cid, size, time_limit)
        else:
            result = _run_here(cid, size)
        errored = result["verdict"] == ERROR or (
            result["verdict"] == OUT_OF_REACH and "error" in result["evidence"])
        if path is not None and not errored:
            entry = _cache_entry(cid, size, params, version, result)
            _write_atomic(path, dumps(entry, indent=1) + "\n")
        out.append(result)
        if on_done is not None:
            on_done(cid, result, False)
    return out
