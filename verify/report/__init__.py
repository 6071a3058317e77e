"""The report of the claim-by-claim check: runner with cache, Markdown, figures, files.

``verify report`` uses :func:`run_claims` (cached, resumable) and
:func:`write_report` (report.md, results.json, tables/*.tex|csv, figures/*.pdf|svg|png).
Figures: :func:`plot_figure`, :func:`plot_growth`, :func:`plot_bound` (house style).
Tables are rendered by :mod:`verify.tables` (a base module: bounds and proofs use it too).

>>> from verify.report import parse_claim_list
>>> parse_claim_list("thm-5.8-counting")
['thm-5.8-counting']
"""

from verify.report.figures import (
    as_float,
    figure_files,
    figure_png,
    plot_bound,
    plot_figure,
    plot_growth,
    save_figure,
    write_figure,
)
from verify.report.markdown import compact_json, render_markdown, shorten
from verify.report.runner import cache_key, code_version, parse_claim_list, run_claims
from verify.report.writer import prepare_output_dir, render_table, summary_text, write_report

__all__ = [
    "as_float",
    "cache_key",
    "code_version",
    "compact_json",
    "figure_files",
    "figure_png",
    "parse_claim_list",
    "plot_bound",
    "plot_figure",
    "plot_growth",
    "prepare_output_dir",
    "render_markdown",
    "render_table",
    "run_claims",
    "save_figure",
    "shorten",
    "summary_text",
    "write_figure",
    "write_report",
]
