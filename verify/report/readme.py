"""Refresh the README's "What the report finds" from a report's ``results.json``.

::

    verify report                               # default sizes, writes report/
    python -m verify.report.readme README.md    # rewrites the marked section
    python -m verify.report.readme --check README.md   # exit 1 if it is stale

Results of a ``--quick`` or ``--full`` run are refused (the README describes the
default run) unless ``--allow-size`` is given.  Exit codes: 0 done (or up to date),
1 stale (``--check``), 2 bad input (``error: …`` on stderr).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from verify.errors import InvalidArgument
from verify.report.findings import findings_markdown, splice

__all__ = ["main"]


def _load(results: Path, allow_size: bool) -> tuple[list[dict[str, Any]], str]:
    try:
        data = json.loads(results.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidArgument(f"cannot read {results}: {exc}") from exc
    size = str(data.get("size"))
    if size != "default" and not allow_size:
        raise InvalidArgument(f"{results} comes from a --{size} run; the README describes the "
                              "default run (run 'verify report', or pass --allow-size)")
    return list(data["claims"]), size


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite (or with ``--check``, compare) the README's findings section."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m verify.report.readme",
                                description="Regenerate the README's 'What the report finds' "
                                            "from a report's results.json.")
    p.add_argument("readme", nargs="?", default="README.md")
    p.add_argument("--results", default="report/results.json")
    p.add_argument("--check", action="store_true", help="exit 1 if the README is stale")
    p.add_argument("--allow-size", action="store_true",
                   help="accept results of a --quick or --full run")
    args = p.parse_args(argv)
    try:
        claims, size = _load(Path(args.results), args.allow_size)
        readme = Path(args.readme)
        text = readme.read_text(encoding="utf-8")
        new = splice(text, findings_markdown(claims, size))
    except (InvalidArgument, OSError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    if args.check:
        if new != text:
            sys.stderr.write(f"{readme}: 'What the report finds' is stale; run "
                             f"python -m verify.report.readme {readme}\n")
            return 1
        return 0
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
