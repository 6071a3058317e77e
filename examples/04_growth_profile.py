"""Example 4: a growth profile, its VC dimension, and a plot against Sauer-Shelah.

Run:  python examples/04_growth_profile.py [OUT.png]

The halfspace dichotomies of the 4x4 grid are enumerated exactly; the growth
function Pi(m) is the largest number of labelings on any m of the points.
"""

import sys
from pathlib import Path

from verify.enumeration import growth_profile, halfspace_set, sauer_shelah
from verify.report import write_figure

labelings = halfspace_set("grid:4:2").labelings
profile = growth_profile(labelings, 16)
k = profile.vc_dimension
print(f"halfspaces on grid:4:2: {len(labelings)} labelings, VC dimension {k}")
print("m  Pi(m)  Sauer-Shelah bound")
for m, p in enumerate(profile.profile):
    print(f"{m:2d} {p:6d} {sauer_shelah(m, k):8d}")

target = Path(sys.argv[1] if len(sys.argv) > 1 else "growth_grid4.png")
target.parent.mkdir(parents=True, exist_ok=True)
ms = list(range(17))
path = write_figure({
    "name": target.stem, "title": "Halfspaces on grid:4:2", "xlabel": "m",
    "ylabel": "labelings", "logy": True,
    "series": [{"label": "Pi(m)", "x": ms, "y": profile.profile, "style": "points"},
               {"label": f"Sauer-Shelah, k = {k}", "x": ms,
                "y": [sauer_shelah(m, k) for m in ms]}],
}, target.parent)
print("plot written to", path)
