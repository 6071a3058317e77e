"""Writing the report directory: report.md, results.json, tables/*.tex|csv,
figures/*.pdf|svg|png, certificates/*.json.gz.

Every file is a pure function of the claims' JSON objects and the run size: no
timestamps, no timings, fixed figure metadata, so a re-run with the same
options gives byte-identical files.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     prepare_output_dir(d) == Path(d)
True
"""

from __future__ import annotations

import json
import os
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from verify.errors import InvalidArgument, VerifyError
from verify.jsonio import dumps
from verify.report.figures import figure_files, load_drawing_modules
from verify.report.findings import findings_markdown
from verify.report.html import render_html
from verify.report.markdown import (
    claim_details,
    claim_page_path,
    claim_section,
    render_claim_page,
    render_header,
    render_markdown,
    verdict_summary,
)
from verify.report.provenance import provenance_lines

__all__ = ["certificate_path", "errored_claims", "extract_certificates", "prepare_output_dir",
           "render_table", "summary_text", "write_report"]


def prepare_output_dir(out: str | Path) -> Path:
    """Create ``out`` (and parents) and make sure files can be written there.

    Raises
    ------
    InvalidArgument
        When the directory cannot be created or written (one clear message).

    Examples
    --------
    >>> prepare_output_dir("/proc/no-such-dir/report")
    Traceback (most recent call last):
    ...
    verify.errors.InvalidArgument: cannot write the report to /proc/no-such-dir/report: ...
    """
    if not str(out).strip():
        raise InvalidArgument("--out: give a directory (got an empty name)")
    path = Path(out)
    try:
        if path.exists() and not path.is_dir():
            raise InvalidArgument(
                f"cannot write the report to {out}: it is a file, not a directory")
        path.mkdir(parents=True, exist_ok=True)
        for sub in ("tables", "figures", "claims", "certificates", ".cache"):
            (path / sub).mkdir(exist_ok=True)
        probe = path / f".write-test-{os.getpid()}"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:  # e.g. no permission, a name too long for the file system
        reason = exc.strerror or type(exc).__name__
        raise InvalidArgument(f"cannot write the report to {out}: {reason}") from exc
    except ValueError as exc:  # a NUL byte in the name
        raise InvalidArgument(f"cannot write the report to {out!r}: {exc}") from exc
    return path


_RATIONAL_CELL = re.compile(r"^-?\d+/\d+$")


def _cell(value: Any) -> Any:
    """A JSON cell back to a table cell: "p/q" strings become Fractions."""
    if isinstance(value, str) and _RATIONAL_CELL.match(value):
        return Fraction(value)
    if value is None or isinstance(value, bool | int | Fraction):
        return value
    return str(value)


def render_table(t: dict[str, Any], fmt: str) -> str:
    """Render a claim's table data (md|latex|csv|json) with :mod:`verify.tables`.

    Examples
    --------
    >>> data = {"name": "t", "caption": "Demo", "columns": ["n", "x"], "rows": [[4, "6/2"]]}
    >>> print(render_table(data, "csv"))
    n,x
    4,3
    """
    from verify.tables import Table, render

    table = Table(title="", columns=list(t["columns"]),
                  rows=[[_cell(c) for c in r] for r in t["rows"]],
                  caption=t["caption"], label="tab:" + t["name"].replace("_", "-"))
    return render(table, fmt)


def _table_stems(claims: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    seen: set[str] = set()
    out = []
    for c in claims:
        for t in c.get("tables", []):
            stem = t["name"]
            if stem in seen:
                stem = f"{c['id']}-{stem}"
            seen.add(stem)
            out.append((t, stem))
    return out


def _remove_stale(path: Path, keep: set[str]) -> None:
    """Delete files a previous run listed in results.json and this run does not write."""
    old = path / "results.json"
    try:
        listed = json.loads(old.read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return
    for rel in listed:
        if isinstance(rel, str) and rel not in keep and "/" in rel and ".." not in rel:
            target = path / rel
            if target.parent.name in ("tables", "figures", "claims", "certificates") \
                    and target.is_file():
                target.unlink()


def certificate_path(claim_id: str, n: int) -> str:
    """The relative path of a claim's ``n``-th certificate (from 1).

    >>> certificate_path("thm-3.4-shattering", 2)
    'certificates/thm-3.4-shattering-2.json.gz'
    """
    return f"certificates/{claim_id}-{n}.json.gz"


def extract_certificates(claims: list[dict[str, Any]]
                         ) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """Move the claims' certificates into files; the claims keep citations of them.

    Each entry ``{"subject", "certificate", "check", "note"}`` of a claim's
    ``"certificates"`` (see :mod:`proofs._certificates`) becomes the file
    :func:`certificate_path` (gzip-compressed JSON, the same bytes for the same
    certificate) and, in the claim, the citation ``{"subject", "file", "verdict",
    "count", "trusted", "note"}`` (``file`` and ``verdict`` None when no certificate
    could be produced; ``note`` says why).

    Examples
    --------
    >>> c = {"id": "x", "certificates": [{"subject": "s", "certificate": {"version": 2},
    ...      "check": {"verdict": "verified", "count": 3, "trusted": []}, "note": ""}]}
    >>> cited, files = extract_certificates([c])
    >>> cited[0]["certificates"][0]["file"], list(files)
    ('certificates/x-1.json.gz', ['certificates/x-1.json.gz'])
    """
    from verify.certify.format import certificate_bytes

    files: dict[str, bytes] = {}
    out = []
    for c in claims:
        entries = c.get("certificates")
        if not entries:
            out.append(c)
            continue
        cited = []
        for i, e in enumerate(entries, 1):
            check = e.get("check") or {}
            rel = None
            if e.get("certificate") is not None:
                rel = certificate_path(c["id"], i)
                files[rel] = certificate_bytes(e["certificate"], compress=True)
            cited.append({"subject": e.get("subject", ""), "file": rel,
                          "verdict": check.get("verdict") if rel else None,
                          "count": check.get("count"), "trusted": check.get("trusted", []),
                          "note": e.get("note", "")})
        out.append({**c, "certificates": cited})
    return out, files


def _draw_one(data: dict[str, Any]) -> tuple[dict[str, bytes], str | None]:
    """One figure's files, or the reason it is left out (no matplotlib, refused data)."""
    try:
        return figure_files(data), None
    except (ImportError, VerifyError) as exc:  # a bug surfaces
        return {}, f"{type(exc).__name__}: {exc}"


def _drawn(figures: list[dict[str, Any]]) -> list[tuple[dict[str, bytes], str | None]]:
    """:func:`_draw_one` for every figure, on every core where ``fork`` is available.

    Each figure is drawn on its own, so the bytes do not depend on where it was drawn
    (the report stays byte-identical); drawing is most of the writing time.  Only a
    process with a single thread forks: a fork copies the locks other threads hold,
    and a child that needs one waits for ever.  A pool that has not finished after
    :data:`_POOL_SECONDS` is stopped and the figures are drawn here instead, so
    writing never hangs on a stuck child.
    """
    import multiprocessing as mp
    import os
    import threading

    workers = min(len(figures), os.cpu_count() or 1)
    if (workers < 2 or "fork" not in mp.get_all_start_methods()
            or threading.active_count() > 1):
        return [_draw_one(f) for f in figures]
    load_drawing_modules()  # imported once here, not again in every worker
    with mp.get_context("fork").Pool(workers) as pool:
        pending = pool.map_async(_draw_one, figures, chunksize=1)
        try:
            return pending.get(_POOL_SECONDS)
        except mp.TimeoutError:
            pool.terminate()
    return [_draw_one(f) for f in figures]


_POOL_SECONDS = 600.0


def write_report(out: str | Path, claims: list[dict[str, Any]], size: str,
                 provenance: dict[str, Any] | None = None) -> list[str]:
    """Write every report file into ``out``; return their relative paths (sorted).

    Files: ``report.md`` (summary, provenance, each claim's verdict, explanation and
    figures), ``claims/<id>.md`` (each claim's parameters, tables, evidence),
    ``report.html`` (all of it in one self-contained page), ``results.json``,
    ``tables/*.tex|csv``, ``figures/*.pdf|svg|png`` and ``certificates/<id>-<n>.json.gz``
    (the certificates claims attach, cited on their pages: :func:`extract_certificates`).

    Parameters
    ----------
    out : directory (created if needed)
    claims : the claims' JSON objects, in report order
    size : the run size ("quick", "default" or "full")
    provenance : see :func:`verify.report.provenance.provenance` (recorded in report.md,
        report.html and results.json)
    """
    path = prepare_output_dir(out)
    claims, files = extract_certificates(claims)
    problems: list[str] = []  # a missing optional piece never stops the report
    files.update(_table_files(claims, problems))
    kept = _FigureRecord(path)
    fig_paths = _figure_files(claims, kept, files, problems)
    prov_lines = provenance_lines(provenance) if provenance else None
    _page_files(claims, size, fig_paths, prov_lines, files, problems)
    names = sorted([*files, "results.json"])
    results = {"size": size, "provenance": provenance, "claims": claims, "files": names,
               "problems": problems}
    files["results.json"] = (dumps(results, indent=1) + "\n").encode()
    _remove_stale(path, set(names))
    _write_changed(path, files)
    kept.save()
    return names


def _table_files(claims: list[dict[str, Any]], problems: list[str]) -> dict[str, bytes]:
    """``tables/<stem>.tex`` and ``.csv`` of every claim's tables; a table the formats
    refuse is left out and named in ``problems``."""
    files: dict[str, bytes] = {}
    for t, stem in _table_stems(claims):
        try:
            for fmt, ext in (("latex", "tex"), ("csv", "csv")):
                files[f"tables/{stem}.{ext}"] = (render_table(t, fmt).rstrip("\n") + "\n").encode()
        except VerifyError as exc:  # a table the format refuses; a bug surfaces
            problems.append(f"table {stem}: {type(exc).__name__}: {exc}")
    return files


def _figure_files(claims: list[dict[str, Any]], kept: _FigureRecord, files: dict[str, bytes],
                  problems: list[str]) -> dict[str, list[str]]:
    """Every claim's figures into ``files`` (read back from ``kept`` or drawn; a second
    figure of one name is prefixed with its claim's id); the PNGs each claim cites.  A
    figure that cannot be drawn is named in ``problems``."""
    fig_paths: dict[str, list[str]] = {}
    seen: set[str] = set()
    wanted: list[tuple[str, str, dict[str, Any]]] = []  # (claim id, stem, figure data)
    for c in claims:
        for f in c.get("figures", []):
            stem = f["name"] if f["name"] not in seen else f"{c['id']}-{f['name']}"
            seen.add(stem)
            wanted.append((c["id"], stem, f))
    for (cid, stem, _), (blobs, problem) in zip(wanted, kept.figures(wanted), strict=True):
        if problem is not None:
            problems.append(f"figure {stem}: {problem}")
            continue
        for fmt, blob in blobs.items():
            files[f"figures/{stem}.{fmt}"] = blob
        fig_paths.setdefault(cid, []).append(f"figures/{stem}.png")
    return fig_paths


def _md_table(t: dict[str, Any]) -> str:
    """A claim's table in Markdown, or a line saying why it could not be rendered."""
    try:
        return render_table(t, "md")
    except VerifyError as exc:
        return f"(table {t['name']} could not be rendered: {type(exc).__name__}: {exc})"


def _page_files(claims: list[dict[str, Any]], size: str, fig_paths: dict[str, list[str]],
                prov_lines: list[str] | None, files: dict[str, bytes],
                problems: list[str]) -> None:
    """``report.md`` (with the problems so far), the claims' pages, ``report.html`` and
    ``findings.md`` into ``files``; without markdown-it-py, no HTML (a problem)."""
    md = render_markdown(claims, size, _md_table, fig_paths, prov_lines)
    trailer = ["", "## Problems while writing the report", "", *[f"- {p}" for p in problems]]
    if problems:
        md += "\n".join(trailer) + "\n"
    files["report.md"] = md.encode()
    for c in claims:
        files[claim_page_path(c["id"])] = render_claim_page(
            c, _md_table, fig_paths.get(c["id"])).encode()
    try:
        page = render_html(
            "Claim-by-claim check of Li et al. (NeurIPS 2022)",
            [*render_header(claims, size, prov_lines), *(trailer if problems else [])],
            [(c["id"], claim_section(c, fig_paths.get(c["id"])), claim_details(c, _md_table))
             for c in claims],
            files)
        files["report.html"] = page.encode()
    except ImportError as exc:  # markdown-it-py missing: the rest of the report stands
        problems.append(f"report.html: {type(exc).__name__}: {exc}")
    files["findings.md"] = findings_markdown(claims, size).encode()


def _write_changed(path: Path, files: dict[str, bytes]) -> None:
    """Write each file under ``path`` whose bytes changed (atomically: a file is whole)."""
    for rel, data in files.items():
        target = path / rel
        try:
            if target.is_file() and target.read_bytes() == data:
                continue
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        except OSError as exc:
            raise InvalidArgument(f"cannot write {target}: {exc.strerror or exc}") from exc


class _FigureRecord:
    """Figures of an earlier run of the same report directory, reused when nothing changed.

    ``.cache/figures/digests.json`` records, for each figure stem, the key of what was drawn
    (the figure's data, the code version, matplotlib's version and the house style) and
    the SHA-256 of its three files.  A figure whose key is unchanged and whose files in
    ``figures/`` still have those digests is read back instead of drawn again (the same
    bytes a new drawing gives: drawing is deterministic); any other figure (a new key, a
    missing, edited or damaged file, an unreadable record) is drawn.  Nothing but the
    bytes already written is trusted, and figures are drawings, not exact answers.
    """

    def __init__(self, path: Path) -> None:
        self.file = path / ".cache" / "figures" / "digests.json"
        self.figures_dir = path / "figures"
        try:
            old = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = {}
        self.old: dict[str, Any] = old if isinstance(old, dict) else {}
        self.new: dict[str, dict[str, Any]] = {}

    @staticmethod
    def key(data: dict[str, Any]) -> str | None:
        """What a figure's files depend on, hashed; None without matplotlib."""
        import hashlib

        from verify.report.figures import STYLE
        from verify.report.runner import code_version

        try:
            import matplotlib
        except ImportError:  # drawn (and refused with the reason) as before
            return None
        h = hashlib.sha256()
        for part in (dumps(data).encode(), code_version().encode(),
                     matplotlib.__version__.encode(), STYLE.read_bytes()):
            h.update(part)
            h.update(b"\0")
        return h.hexdigest()

    def _kept(self, stem: str, key: str | None) -> dict[str, bytes] | None:
        import hashlib

        from verify.report.figures import FORMATS

        entry = self.old.get(stem)
        if key is None or not isinstance(entry, dict) or entry.get("key") != key:
            return None
        digests = entry.get("sha256")
        if not isinstance(digests, dict):
            return None
        out = {}
        for fmt in FORMATS:
            try:
                blob = (self.figures_dir / f"{stem}.{fmt}").read_bytes()
            except OSError:
                return None
            if hashlib.sha256(blob).hexdigest() != digests.get(fmt):
                return None
            out[fmt] = blob
        return out

    def figures(self, wanted: list[tuple[str, str, dict[str, Any]]]
                ) -> list[tuple[dict[str, bytes], str | None]]:
        """The files of every wanted figure (claim id, stem, data): kept or drawn."""
        import hashlib

        keys = [self.key(f) for _, _, f in wanted]
        kept = [self._kept(stem, k) for (_, stem, _), k in zip(wanted, keys, strict=True)]
        drawn = iter(_drawn([f for (_, _, f), b in zip(wanted, kept, strict=True)
                             if b is None]))
        out = [(b, None) if b is not None else next(drawn) for b in kept]
        for (_, stem, _), k, (blobs, problem) in zip(wanted, keys, out, strict=True):
            if k is not None and problem is None and blobs:
                self.new[stem] = {"key": k, "sha256": {fmt: hashlib.sha256(b).hexdigest()
                                                       for fmt, b in blobs.items()}}
        return out

    def save(self) -> None:
        """Write the record of this run's figures (after their files were written)."""
        if not self.new and not self.file.exists():
            return
        try:
            self.file.parent.mkdir(exist_ok=True)
            tmp = self.file.with_name(self.file.name + ".tmp")
            tmp.write_text(json.dumps(self.new, indent=1, sort_keys=True) + "\n",
                           encoding="utf-8")
            os.replace(tmp, self.file)
        except OSError as exc:
            raise InvalidArgument(f"cannot write {self.file}: {exc.strerror or exc}") from exc


_VERDICT_STYLE = {"error": "bold red", "fails": "red", "out-of-reach": "yellow"}


def errored_claims(claims: list[dict[str, Any]]) -> list[str]:
    """Ids of the claims whose check ended in ``error`` (a bug, not a verdict).

    Examples
    --------
    >>> errored_claims([{"id": "a", "verdict": "error"}, {"id": "b", "verdict": "fails"}])
    ['a']
    """
    return [c["id"] for c in claims if c["verdict"] == "error"]


def summary_text(claims: list[dict[str, Any]], out: str | None = None, width: int = 120,
                 cached: int | None = None, color: bool = False) -> str:
    """A terminal summary table of the verdicts (words, evidence kind, one-line reason).

    With ``color`` the verdict ``error`` is shown in red (ANSI codes; for a terminal).

    Examples
    --------
    >>> c = [{"id": "x", "title": "X", "verdict": "fails", "evidence_kind": "counterexample",
    ...       "reason": "f*(x') = 0"}]
    >>> print(summary_text(c).splitlines()[-1])
    fails: 1
    """
    import io

    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    from proofs.claim import DEFAULT_EVIDENCE_KIND, VERDICT_WORDS

    table = RichTable(title="Claims of Li et al. (NeurIPS 2022)")
    table.add_column("claim", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("evidence", no_wrap=True)
    table.add_column("reason")
    for c in claims:
        v = c["verdict"]
        word = VERDICT_WORDS[v]
        style = _VERDICT_STYLE.get(v) if color else None
        # Text cells: reasons contain brackets such as [0,1]^d, which are not markup
        table.add_row(Text(c["id"]), Text(word, style=style or ""),
                      Text(c.get("evidence_kind") or DEFAULT_EVIDENCE_KIND[v]),
                      Text(str(c.get("reason") or c.get("title", ""))))
    buf = io.StringIO()
    Console(file=buf, width=width, color_system="standard" if color else None,
            force_terminal=color, highlight=False).print(table)
    text = buf.getvalue() + verdict_summary(claims) + "\n"
    errors = errored_claims(claims)
    if errors:
        line = (f"{len(errors)} check(s) ended in error (a bug in the check, not a verdict): "
                + ", ".join(errors))
        text += (f"\x1b[1;31m{line}\x1b[0m" if color else line) + "\n"
    if cached is not None:
        text += (f"{len(claims) - cached} claim(s) computed, {cached} read from the cache "
                 "(inputs and code unchanged)\n")
    if out is not None:
        text += f"report written to {out}/report.md\n"
    return text
