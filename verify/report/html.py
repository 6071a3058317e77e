"""``report.html``: the whole report in one self-contained file, for reading in a browser.

The Markdown of the report (summary, provenance, each claim) is rendered with
markdown-it-py; each claim's parameters, tables and evidence follow it in a
collapsible section; every figure is inlined (its SVG as a data URI, with the
PDF linked); the style sheet is inline too.  No script, no external resource,
no date: the same report gives the same bytes.

>>> page = render_html("Demo", ["# Demo", "", "| a |", "|---|", "| 1 |"], [], {})
>>> "<table>" in page and page.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence
from typing import Any

__all__ = ["render_html"]

_CSS = """
body { font-family: Georgia, 'DejaVu Serif', serif; max-width: 60em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em;
       border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; display: block;
        overflow-x: auto; }
th, td { padding: 0.2em 0.6em; border-bottom: 1px solid #e4e4e4; text-align: left; }
thead th { border-bottom: 2px solid #888; }
code, pre { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.85em; }
pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; }
details { margin: 0.6em 0; } summary { cursor: pointer; color: #0b5394; }
img { max-width: 100%; height: auto; }
"""


def _markdown(text: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    return str(md.render(text))


def _inline_figures(page: str, figures: dict[str, bytes]) -> str:
    """Replace ``src="figures/x.png"`` by the SVG of the figure as a data URI."""

    def repl(m: re.Match[str]) -> str:
        stem = m.group(1)
        svg = figures.get(f"figures/{stem}.svg")
        if svg is None:
            return m.group(0)
        return 'src="data:image/svg+xml;base64,' + base64.b64encode(svg).decode("ascii") + '"'

    return re.sub(r'src="(?:\.\./)?figures/([^"/]+)\.png"', repl, page)


def render_html(title: str, header: Sequence[str], sections: Sequence[tuple[str, Any, Any]],
                figures: dict[str, bytes]) -> str:
    """The HTML page.

    Parameters
    ----------
    title : str
    header : Markdown lines of the report's opening (summary, provenance)
    sections : (claim id, Markdown lines of its section, Markdown lines of its details)
    figures : relative path -> bytes of the figure files (the SVGs are inlined)
    """
    body = [_markdown("\n".join(header))]
    for cid, section, details in sections:
        text = "\n".join(section)
        body.append(f"<section id='claim-{html.escape(cid)}'>" + _markdown(text))
        body.append("<details><summary>Parameters, tables and evidence</summary>"
                    + _markdown("\n".join(details)) + "</details></section>")
    page = "\n".join(body)
    # links to the Markdown pages of the claims, and the summary's links, point into this page
    page = re.sub(r'href="claims/([^"]+)\.md"', r'href="#claim-\1"', page)
    ids = {cid for cid, _, _ in sections}
    page = re.sub(r'href="#[^"]*">([^<]+)</a>',
                  lambda m: (f'href="#claim-{m.group(1)}">{m.group(1)}</a>'
                             if m.group(1) in ids else m.group(0)), page)
    page = _inline_figures(page, figures)
    return ("<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
            f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + page + "\n</body>\n</html>\n")
