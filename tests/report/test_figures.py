"""Figures: house style, vector files, determinism, clipping, colours that keep their meaning."""

from __future__ import annotations

from typing import Any

from matplotlib.colors import to_hex

from verify.enumeration import growth_profile, halfspace_set
from verify.report.figures import figure_files, plot_bound, plot_figure, plot_growth


def _growth_data() -> dict[str, Any]:
    ms = list(range(9))
    series = []
    for panel, k, top in (("A", 3, 10**17), ("B", 5, 10**21)):
        series += [
            {"label": "Π(m) measured", "x": ms, "y": [min(2**m, 50) for m in ms],
             "style": "points", "panel": panel},
            {"label": f"Sauer–Shelah, k = {k}", "x": ms, "y": [2**m for m in ms],
             "style": "dashed", "panel": panel},
            {"label": "Bartlett et al. Thm 7", "x": ms[1:],
             "y": [top // 10 ** (8 - m) for m in ms[1:]], "panel": panel},
        ]
    return {"name": "g", "title": "Growth", "xlabel": "m", "ylabel": "labelings", "logy": True,
            "series": series}


def test_figures_are_deterministic_in_three_formats() -> None:
    a, b = figure_files(_growth_data()), figure_files(_growth_data())
    assert sorted(a) == ["pdf", "png", "svg"] and a == b
    assert a["pdf"].startswith(b"%PDF") and a["png"][:4] == b"\x89PNG"


def test_far_bound_is_clipped_and_colours_mean_the_same_in_every_panel() -> None:
    fig = plot_figure(_growth_data())
    left, right = fig.axes[0], fig.axes[1]
    for ax in (left, right):
        top = ax.get_ylim()[1]
        assert top < 10**6  # the measured data (at most 256) are readable, not squashed
        assert any("clipped, up to $10^{" in t.get_text() for t in ax.texts)  # marked
        assert ax.patches or any(a.arrow_patch is not None for a in ax.texts
                                 if hasattr(a, "arrow_patch"))

    def colours(ax: Any) -> list[str]:
        return [to_hex(line.get_color()) for line in ax.get_lines()]

    assert colours(left) == colours(right) and len(set(colours(left))) == 3
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Π(m) measured", "Sauer–Shelah", "Bartlett et al. Thm 7"]
    assert fig.get_figwidth() == 2 * 3.4  # two single-column panels side by side


def test_plot_functions_return_figures_in_house_style() -> None:
    fig = plot_growth({"halfspaces on cube:3": growth_profile(halfspace_set("cube:3"))})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and fig.get_figwidth() == 3.4
    assert ax.title.get_fontfamily() == ["serif"]
    fig = plot_bound("2:6", 3, "1/10")
    assert fig.axes[0].get_lines()[0].get_xdata().tolist() == [4, 9, 16, 25, 36]
