"""Figures in one house style: PDF and SVG beside 300-dpi PNG, byte-identical on re-runs.

One documented plotting function per figure kind, each returning a matplotlib
:class:`~matplotlib.figure.Figure` that a user can restyle and save:

* :func:`plot_figure` — the figure data a claim attaches (:func:`proofs.claim.figure`):
  one panel per ``"panel"`` of its series; the report draws every figure with it;
* :func:`plot_growth` — growth functions Π(m) of classes against Sauer–Shelah;
* :func:`plot_bound` — the members of bound (1) and the VC cap, against n.

The style (``verify.mplstyle`` in this package, applied with :func:`house_style`)
is serif, sized for one column of a paper (3.4 in per panel), with mathtext
labels (``C_α^n`` is drawn as :math:`C_\\alpha^n`) and colour-blind-safe
colours.  A colour stands for the same thing in every panel of a figure: a
series' colour is chosen by its kind (its label up to the first comma or
parenthesis), unless the series names one (``"color": "C1"``).  On a log axis,
a series far above the others (e.g. the VC upper bound of Bartlett et al.,
10^21 beside measured counts of 10^3) is clipped at the top of the panel with
an arrow saying how far it goes, so the measured data stay readable.

Figures are drawn without pyplot (no global state, no display) and saved with
fixed metadata (no dates, no version stamps, a fixed SVG hash salt), so the
same data give the same bytes.  Values are converted to floats only for
drawing: the exact numbers stay in ``results.json``.

>>> as_float("1/4"), as_float(3), as_float("0.5")
(0.25, 3.0, 0.5)
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Any

from verify.tables import text_to_mathtext

__all__ = [
    "FORMATS",
    "STYLE",
    "as_float",
    "figure_bytes",
    "figure_files",
    "figure_png",
    "house_style",
    "load_drawing_modules",
    "plot_bound",
    "plot_figure",
    "plot_growth",
    "save_figure",
    "write_figure",
]

#: The house style (a matplotlib style file).
STYLE = Path(__file__).with_name("verify.mplstyle")

#: The files written for every figure.
FORMATS = ("pdf", "svg", "png")

_METADATA = {
    "pdf": {"CreationDate": None, "Producer": None, "Creator": None},
    "svg": {"Date": None, "Creator": None},
    "png": {"Software": None},
}
_PANEL_W, _PANEL_H = 3.4, 2.4
_CLIP_FACTOR = 1e4  # a series this far above the rest of its panel is clipped


def as_float(value: Any) -> float:
    """A JSON value (int, "p/q", decimal text) as a float, for drawing only.

    Examples
    --------
    >>> as_float(None)
    nan
    >>> as_float(10**400)
    inf
    """
    if value is None:
        return math.nan
    if isinstance(value, bool):
        return float(value)
    try:
        if isinstance(value, int | float | Fraction):
            return float(value)
        text = str(value)
        if text in ("inf", "+inf"):
            return math.inf
        return float(Fraction(text))
    except OverflowError:
        return math.inf if Fraction(str(value)) > 0 else -math.inf
    except (ValueError, ZeroDivisionError):
        return math.nan


@contextmanager
def house_style() -> Iterator[None]:
    """Apply the house style (``verify.mplstyle``) inside a ``with`` block."""
    import matplotlib.style

    with matplotlib.style.context(str(STYLE)):
        yield


def _new_figure(ncols: int, nrows: int, extra_h: float = 0.0) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(_PANEL_W * ncols, _PANEL_H * nrows + extra_h), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _colour_key(label: str) -> str:
    """The kind of a series: its label up to a comma or a parenthesised remark.

    >>> _colour_key("Sauer–Shelah, k = 3"), _colour_key("Bartlett et al. (condition fails)")
    ('Sauer–Shelah', 'Bartlett et al.')
    >>> _colour_key("Π(m) measured"), _colour_key("promise of (1)")
    ('Π(m) measured', 'promise of (1)')
    """
    return re.split(r", | \((?=[^)]*[ =])", label, maxsplit=1)[0].strip() or label


def _colour_class(label: str) -> str:
    """Series of one kind differing only in numbers share a colour (``Σ_{i≤3}``, ``Σ_{i≤4}``)."""
    return re.sub(r"\d+", "#", _colour_key(label))


def _far_series(series: list[dict[str, Any]]) -> set[int]:
    """Indices of series whose largest value is far above every other series' largest."""
    tops = []
    for s in series:
        ys = [as_float(y) for y in s["y"]]
        finite = [y for y in ys if math.isfinite(y) and y > 0]
        tops.append(max(finite) if finite else 0.0)
    far: set[int] = set()
    for i, top in enumerate(tops):
        flag = series[i].get("clip")
        if flag is not None:
            if flag is True:
                far.add(i)
            continue
        others = [t for j, t in enumerate(tops) if j != i and t > 0]
        if others and top > _CLIP_FACTOR * max(others):
            far.add(i)
    return far if len(far) < len(series) else set()


def _detail(label: str) -> str:
    """The part of a label after its kind: ``"Sauer–Shelah, k = 3"`` -> ``"k = 3"``."""
    rest = label[len(_colour_key(label)):].strip()
    return rest.lstrip(",").strip().removeprefix("(").removesuffix(")").strip()


def _draw_panel(ax: Any, series: list[dict[str, Any]], colours: dict[str, str],
                logy: bool, shared_legend: bool, varying: set[str]) -> list[str]:
    """Draw one panel; return the details of its series (for a shared legend)."""
    far = _far_series(series) if logy else set()
    near_top = 0.0
    for i, s in enumerate(series):
        if i not in far:
            vals = [as_float(y) for y in s["y"]]
            near_top = max([near_top, *[v for v in vals if math.isfinite(v)]])
    details = []
    for i, s in enumerate(series):
        xs = [as_float(v) for v in s["x"]]
        ys = [as_float(v) for v in s["y"]]
        style = s.get("style", "line")
        colour = s.get("color") or colours[_colour_class(s["label"])]
        if shared_legend:
            label = _colour_class(s["label"])
            extra = text_to_mathtext(_detail(s["label"]))
            if label in varying:  # the numbers differ between panels: said in each panel
                extra = text_to_mathtext(_colour_key(s["label"])) + (f", {extra}" if extra else "")
        else:
            label, extra = text_to_mathtext(s["label"]), ""
        if i in far:
            top = max(y for y in ys if math.isfinite(y))
            note = f"clipped, up to {_sci_label(top)}"
            extra = f"{extra}; {note}" if extra else note
            if not shared_legend:
                label += f" ({note})"
        if shared_legend and extra:
            stem = _colour_key(s["label"])
            details.append(extra if label in varying else f"{text_to_mathtext(stem)}: {extra}")
        kw: dict[str, Any] = {"label": label, "color": colour}
        if style == "points":
            ax.plot(xs, ys, "o", **kw)
        elif style == "step":
            ax.step(xs, ys, where="post", **kw)
        else:
            ax.plot(xs, ys, "--" if style == "dashed" else "-", marker=".", **kw)
    if logy:
        ax.set_yscale("log")
    if far and near_top > 0:
        lo, _ = ax.get_ylim()
        top = near_top * 30
        ax.set_ylim(lo, top)
        for i in sorted(far):
            s = series[i]
            colour = s.get("color") or colours[_colour_class(s["label"])]
            pts = [(as_float(x), as_float(y)) for x, y in zip(s["x"], s["y"], strict=True)]
            exits = [x for x, y in pts if math.isfinite(y) and y > top]
            if exits:
                ax.annotate("", xy=(exits[0], top), xytext=(exits[0], top / 8),
                            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.2})
    if details:
        ax.text(0.98, 0.02, "\n".join(details), transform=ax.transAxes, va="bottom", ha="right",
                fontsize=6, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "0.8",
                                  "alpha": 0.85})
    return details


def _sci_label(x: float) -> str:
    if not math.isfinite(x) or x <= 0:
        return str(x)
    e = math.floor(math.log10(x))
    return f"$10^{{{e}}}$" if abs(e) >= 4 else f"{x:.3g}"


def plot_figure(data: Mapping[str, Any]) -> Any:
    """Draw figure data (see :func:`proofs.claim.figure`) in the house style.

    ``data`` has ``title``, ``xlabel``, ``ylabel``, ``logy`` and ``series``:
    each ``{"label", "x", "y"}`` with optional ``"style"`` (``line``,
    ``points``, ``dashed``, ``step``), ``"panel"`` (series with the same
    panel share axes), ``"color"`` and ``"clip"`` (True: clip it at the top
    of its panel; False: never; default: when far above the rest).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_figure({"title": "T", "xlabel": "m", "ylabel": "Π(m)", "logy": True,
    ...                    "series": [{"label": "a", "x": [0, 1], "y": ["1/2", 1]}]})
    >>> type(fig).__name__, len(fig.axes)
    ('Figure', 1)
    """
    panels: list[str] = []
    for s in data["series"]:
        if s.get("panel", "") not in panels:
            panels.append(s.get("panel", ""))
    panels = panels or [""]
    ncols = 1 if len(panels) == 1 else 2
    nrows = math.ceil(len(panels) / ncols)
    colours: dict[str, str] = {}
    stems: dict[str, set[str]] = {}
    for s in data["series"]:
        key = _colour_class(s["label"])
        if key not in colours:
            colours[key] = f"C{len(colours) % 8}"
        stems.setdefault(key, set()).add(_colour_key(s["label"]))
    varying = {k for k, v in stems.items() if len(v) > 1}
    shared = len(panels) > 1
    with house_style():
        fig = _new_figure(ncols, nrows, 0.5 if shared else 0.0)
        handles: dict[str, Any] = {}
        for k, panel in enumerate(panels):
            ax = fig.add_subplot(nrows, ncols, k + 1)
            series = [s for s in data["series"] if s.get("panel", "") == panel]
            _draw_panel(ax, series, colours, bool(data.get("logy")), shared, varying)
            ax.set_title(text_to_mathtext(panel or data["title"]))
            ax.set_xlabel(text_to_mathtext(data["xlabel"]))
            ax.set_ylabel(text_to_mathtext(data["ylabel"]))
            if shared:
                for h, lab in zip(*ax.get_legend_handles_labels(), strict=True):
                    handles.setdefault(lab, h)
            elif series:
                ax.legend(loc="best")
        if shared:
            fig.suptitle(text_to_mathtext(data["title"]))
            names = [text_to_mathtext(k.replace("#", "k")) if k in varying
                     else text_to_mathtext(next(iter(stems[k]))) for k in handles]
            fig.legend(list(handles.values()), names, loc="outside lower center",
                       ncols=min(3, len(handles)))
    return fig


def load_drawing_modules() -> None:
    """Import what drawing and saving a figure needs (matplotlib, its Agg, PDF and SVG
    backends, the house style), once.

    A process that forks workers to draw figures calls this first, so the workers
    share these modules instead of each importing them again (about 0.6 s of CPU
    each); nothing is drawn.  Without matplotlib this does nothing (drawing then
    reports the missing module).

    >>> load_drawing_modules()
    """
    try:
        import matplotlib.backends.backend_agg
        import matplotlib.backends.backend_pdf
        import matplotlib.backends.backend_svg
        import matplotlib.figure
        import matplotlib.style  # noqa: F401
    except ImportError:
        return


def figure_bytes(fig: Any, fmt: str) -> bytes:
    """A figure saved as ``pdf``, ``svg`` or ``png`` (300 dpi) with fixed metadata."""
    if fmt not in FORMATS:
        from verify.errors import InvalidArgument

        raise InvalidArgument(f"figure format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    buf = io.BytesIO()
    with house_style():
        fig.savefig(buf, format=fmt, metadata=_METADATA[fmt])
    return buf.getvalue()


def figure_files(data: Mapping[str, Any]) -> dict[str, bytes]:
    """Figure data drawn once with :func:`plot_figure`, saved as PDF, SVG and PNG (300 dpi).

    The layout is computed once and then frozen, so the three files agree.  It is
    computed by a draw that renders nothing (the same renderer, dpi and text metrics as
    a full draw, without painting a picture nobody saves).
    """
    fig = plot_figure(data)
    with house_style():
        fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return {fmt: figure_bytes(fig, fmt) for fmt in FORMATS}


def save_figure(fig: Any, directory: str | Path, stem: str) -> list[Path]:
    """Write ``stem.pdf``, ``stem.svg`` and ``stem.png`` (300 dpi); return their paths."""
    out = []
    for fmt in FORMATS:
        path = Path(directory) / f"{stem}.{fmt}"
        path.write_bytes(figure_bytes(fig, fmt))
        out.append(path)
    return out


def figure_png(data: Mapping[str, Any]) -> bytes:
    """Figure data drawn with :func:`plot_figure`, as PNG bytes (300 dpi).

    Examples
    --------
    >>> data = {"name": "t", "title": "T", "xlabel": "x", "ylabel": "y", "logy": False,
    ...         "series": [{"label": "a", "x": [0, 1], "y": ["1/2", 1]}]}
    >>> figure_png(data)[:4] == b"\\x89PNG"
    True
    """
    return figure_bytes(plot_figure(data), "png")


def write_figure(data: Mapping[str, Any], directory: str | Path) -> Path:
    """Write ``<directory>/<name>.pdf|svg|png`` for figure data; return the PNG's path."""
    out = Path(directory)
    for fmt, blob in figure_files(data).items():
        (out / f"{data['name']}.{fmt}").write_bytes(blob)
    return out / f"{data['name']}.png"


# --- figure kinds a user draws from the library ---------------------------------------

def plot_growth(
    profiles: Any,
    *,
    sauer_shelah: bool = True,
    powers_of_two: bool = True,
    bounds: Mapping[str, Sequence[Any]] | None = None,
    title: str = "Growth functions",
) -> Any:
    """Growth functions Π(m) of one or more classes, with their Sauer–Shelah bounds.

    Parameters
    ----------
    profiles : GrowthProfile, or mapping label -> GrowthProfile (or list of Π(m))
        The classes; each keeps one colour for its measured points and its bound.
    sauer_shelah : bool
        Draw Σ_{i≤d} C(m, i) for each class's VC dimension d (dashed).
    powers_of_two : bool
        Draw 2^m (thin grey): a class is shattering where it touches it.
    bounds : mapping label -> list of values for m = 0, 1, …, optional
        Further curves (e.g. an upper bound); clipped with an arrow when far above.
    title : str

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from verify.enumeration import growth_profile, halfspace_set
    >>> g = growth_profile(halfspace_set("cube:3"))
    >>> fig = plot_growth({"halfspaces on cube:3": g})
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()][:2]
    ['halfspaces on cube:3: $\\\\Pi(m)$', 'Sauer–Shelah, $d = 4$']
    """
    from verify.enumeration.growth import sauer_shelah as ss

    if not isinstance(profiles, Mapping):
        profiles = {"class": profiles}
    with house_style():
        fig = _new_figure(1, 1)
        ax = fig.add_subplot(1, 1, 1)
        top_n = 0
        for k, (label, prof) in enumerate(profiles.items()):
            colour = f"C{k % 8}"
            values: list[Any] = list(getattr(prof, "profile", prof))
            ms = list(range(len(values)))
            top_n = max(top_n, len(values) - 1)
            ax.plot(ms, [math.nan if v is None else float(v) for v in values], "o",
                    color=colour, label=f"{label}: " + r"$\Pi(m)$")
            if sauer_shelah and hasattr(prof, "vc_bounds"):
                d = prof.vc_bounds[1]
                ax.plot(ms, [float(ss(m, d)) for m in ms], "--", color=colour,
                        label=f"Sauer–Shelah, $d = {d}$")
        if powers_of_two:
            ms = list(range(top_n + 1))
            ax.plot(ms, [2.0**m for m in ms], "-", color="0.6", lw=0.7, label="$2^m$")
        near_top = max((line.get_ydata().max() for line in ax.get_lines()), default=1.0)
        for j, (label, curve) in enumerate((bounds or {}).items()):
            colour = f"C{(len(profiles) + j) % 8}"
            ys = [as_float(v) for v in curve]
            ms = list(range(len(ys)))
            finite = [y for y in ys if math.isfinite(y)]
            far = bool(finite) and max(finite) > _CLIP_FACTOR * near_top
            text = text_to_mathtext(label) + (
                f" (clipped; up to {_sci_label(max(finite))})" if far else "")
            ax.plot(ms, ys, "-.", color=colour, label=text)
            if far:
                top = near_top * 30
                ax.set_ylim(top=top)
                exits = [m for m, y in zip(ms, ys, strict=True) if y > top]
                if exits:
                    ax.annotate("", xy=(exits[0], top), xytext=(exits[0], top / 6),
                                arrowprops={"arrowstyle": "->", "color": colour})
        ax.set_yscale("log")
        ax.set_xlabel("$m$ (subset size)")
        ax.set_ylabel("labelings")
        ax.set_title(text_to_mathtext(title))
        ax.legend(loc="best")
    return fig


def plot_bound(K: Any = "2:12", d: Any = 3, alpha: Any = "1/10") -> Any:
    """Bound (1) against n = K^(d−1): log2 of its left side, middle and C_α^n, and the
    cap log2 Σ_{i<0.05n} C(V, i) that a VC dimension below 0.05n allows.

    The members are exact rationals (:func:`verify.bounds.bound_chain`), drawn
    through their base-2 logarithms (floats, for display only); the reading
    V = ⌈n/2⌉ is shown.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_bound("2:5", 3, "1/10")
    >>> len(fig.axes[0].get_lines())
    4
    """
    from verify.bounds.chain import bound_chain
    from verify.bounds.ranges import parse_int_values
    from verify.bounds.vcstep import sauer_shelah_sum
    from verify.exact import to_rational

    Ks = parse_int_values(str(K), "K", 1, 10**4)
    di = parse_int_values(str(d), "d", 2)
    if len(di) != 1:
        from verify.errors import InvalidArgument

        raise InvalidArgument("plot_bound draws one d at a time")
    a = to_rational(alpha)
    ns, lhs, mid, rhs, cap = [], [], [], [], []
    for Ki in Ks:
        chain = bound_chain(Ki, di[0], a)
        r = chain.readings[-1]
        n = chain.n
        ns.append(n)
        lhs.append(_log2(r.lhs))
        mid.append(math.nan if r.middle is None or r.middle <= 0 else _log2(r.middle))
        rhs.append(_log2(r.rhs_squared) / 2)
        D = math.ceil(Fraction(n, 20)) - 1
        cap.append(_log2(sauer_shelah_sum(r.V, D)) if D >= 0 else 0.0)
    with house_style():
        fig = _new_figure(1, 1)
        ax = fig.add_subplot(1, 1, 1)
        ax.plot(ns, lhs, "-", marker=".",
                label=r"$\log_2$ lhs $= \log_2 2^V\binom{a}{V}/\binom{n}{V}$")
        ax.plot(ns, mid, "-", marker=".", label=r"$\log_2$ middle")
        ax.plot(ns, rhs, "-", marker=".", label=r"$\log_2 C_\alpha^n$")
        ax.plot(ns, cap, "--", marker=".", label=r"$\log_2 \sum_{i<0.05n}\binom{V}{i}$ (VC cap)")
        ax.set_xlabel(r"$n = K^{d-1}$")
        ax.set_ylabel("$\\log_2$ (number of labelings)")
        ax.set_title(rf"Bound (1), $d = {di[0]}$, $\alpha = {a}$, $V = \lceil n/2\rceil$")
        ax.legend(loc="best")
    return fig


def _log2(x: Fraction | int) -> float:
    """log2 of a positive rational of any size, as a float (display only)."""
    x = Fraction(x)
    if x <= 0:
        return math.nan
    p, q = x.numerator, x.denominator
    sp, sq = max(p.bit_length() - 60, 0), max(q.bit_length() - 60, 0)
    return math.log2(p >> sp) + sp - math.log2(q >> sq) - sq
