# %% [markdown]
# # Example 6: the library in a notebook
#
# Run:  python examples/06_notebook.py [OUTDIR]   (or open it in Jupyter / VS Code: the
# `# %%` markers are cells).  In a notebook every result below displays as a short
# HTML summary (its `_repr_html_`), tables as HTML tables, figures inline, and long
# runs show a progress bar in the cell (switch it off with `verify.progress_enabled(False)`).

# %%
import sys
import tempfile
from pathlib import Path

import verify

out = Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp())
out.mkdir(parents=True, exist_ok=True)

# %% Bound (1), exactly: the repr stays short even when the numbers have thousands of digits
chain = verify.bound_chain(20, 4, "1/10")  # n = 8000
print(repr(chain))
print(repr(chain.readings[0])[:120], "…")

# %% The realized set of a class: computed once, then read from the store (re-checked)
cache = out / "cache"
r = verify.count_labelings("grid:3:2", "2-2-1", cache_dir=str(cache))
print(repr(r))
again = verify.count_labelings("grid:3:2", "2-2-1", cache_dir=str(cache))
print("second call read from the store:", bool(again.provenance.get("from_cache")),
      "| same labelings:", (again.labelings == r.labelings).all())

# %% Its growth function and VC dimension, as a table
g = verify.growth_profile(r)
print(repr(g))
print(verify.render_table(g._display_table(), "md"))

# %% A table for an appendix: several classes on several point sets
t = verify.growth_table("grid:2:2,grid:3:2", "halfspaces,2-1-1,2-2-1", cls="int:2")
print(verify.render_table(t.select(["points", "class", "count", "vc", "gap"]), "md"))
(out / "growth.tex").write_text(verify.render_table(t, "latex") + "\n")

# %% pandas, when installed (the optional [pandas] extra); a clear refusal otherwise
try:
    print(chain.to_dataframe().loc[:, ["V", "lhs ≥ rhs"]])
except verify.InvalidArgument as exc:
    print("no data frame:", exc)

# %% A figure in the house style (a matplotlib Figure: restyle it, or save it)
fig = verify.plot_growth({"2-2-1 on grid:3:2": g})
paths = verify.save_figure(fig, out, "growth_221")
print("figure written:", ", ".join(p.name for p in paths))
