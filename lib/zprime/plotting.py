"""Plot helpers: one style, functions that draw on a given ``ax`` and return the artists.

Nothing here calls ``plt.show()``.  :func:`savefig` writes PDF and PNG with
fixed metadata so that repeated runs give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from zprime import paths

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

STYLE = Path(__file__).with_name("zprime.mplstyle")

#: Colours by role, so the same constraint looks the same in every notebook.
COLORS = {
    "ours": "#1f4e9c",
    "published": "#d62728",
    "gm2_2021": "#2ca02c",
    "gm2_2025": "#9467bd",
    "excluded": "0.55",
    "band": "#f2b134",
}


def use_style() -> None:
    """Apply the repository style (call once per notebook)."""
    import matplotlib.style  # a submodule: not loaded by ``import matplotlib`` alone

    matplotlib.style.use(STYLE)


def _in_kernel() -> bool:
    """True inside a Jupyter kernel (a notebook run by JupyterLab, papermill or nbval)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    ip = get_ipython()
    return ip is not None and "IPKernelApp" in ip.config


def savefig(fig: Figure, directory: Path, name: str, *, show: bool | None = None) -> list[Path]:
    """Write ``<directory>/<name>.pdf`` and ``.png`` deterministically and atomically; return the paths.

    In a notebook the figure is also shown inline (once: it is closed afterwards), so that every
    saved figure appears in the notebook that made it, whatever the matplotlib backend
    (``show`` overrides the detection).
    """
    directory = Path(directory)
    paths.check_name(name, "figure name")
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for ext, meta in (
        ("pdf", {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": "zprime"}),
        ("png", {"Software": None}),
    ):
        p = directory / f"{name}.{ext}"
        paths.atomic_write(p, lambda tmp, ext=ext, meta=meta: fig.savefig(tmp, format=ext, metadata=meta))
        out.append(p)
    if _in_kernel() if show is None else show:
        # the saved PNG itself, so the notebook shows exactly the file (any backend, deterministic)
        import matplotlib.pyplot as plt
        from IPython.display import Image, display

        display(Image(data=out[1].read_bytes(), format="png"))
        plt.close(fig)
    return out


def excluded_above(
    ax: Axes,
    m: ArrayLike,
    g: ArrayLike,
    *,
    top: float = 1.0,
    label: str | None = None,
    color: str | None = None,
    alpha: float = 0.25,
    **kw,
) -> tuple[PolyCollection, Line2D]:
    """Shade couplings above the curve g(m) (a one-sided upper limit) up to ``top``."""
    color = color or COLORS["excluded"]
    m, g = np.asarray(m), np.asarray(g)
    fill = ax.fill_between(m, g, top, color=color, alpha=alpha, lw=0, label=label)
    (line,) = ax.plot(m, g, color=color, lw=1.0, **kw)
    return fill, line


def band(
    ax: Axes,
    m: ArrayLike,
    lo: ArrayLike,
    hi: ArrayLike,
    *,
    label: str | None = None,
    color: str | None = None,
    alpha: float = 0.35,
    **kw,
) -> PolyCollection:
    """Shade the band lo(m) < g < hi(m)."""
    color = color or COLORS["band"]
    return ax.fill_between(m, lo, hi, color=color, alpha=alpha, lw=0, label=label, **kw)


def hline_limit(
    ax: Axes,
    g: float,
    *,
    xmin: float | None = None,
    xmax: float | None = None,
    label: str | None = None,
    color: str | None = None,
    ls: str = "--",
    **kw,
) -> list[Line2D]:
    """A horizontal line for a single quoted bound (a number from a paper's text)."""
    color = color or COLORS["excluded"]
    x0, x1 = ax.get_xlim() if xmin is None or xmax is None else (xmin, xmax)
    return ax.plot([x0, x1], [g, g], ls=ls, color=color, label=label, **kw)


def region(
    ax: Axes,
    x: ArrayLike,
    y: ArrayLike,
    mask: ArrayLike,
    *,
    color: str | None = None,
    alpha: float = 1.0,
    hatch: str | None = None,
    edgecolor: str | None = None,
    linewidth: float = 0.6,
) -> None:
    """Draw the region where ``mask[j, i]`` (on the grid x[i], y[j]) is true: filled with ``color``, or
    hatched with ``hatch`` (e.g. "////"), with an outline in ``edgecolor`` if given."""
    z = np.asarray(mask).astype(float)
    if hatch:
        ax.contourf(x, y, z, levels=[0.5, 1.5], colors="none", hatches=[hatch])
    else:
        ax.contourf(x, y, z, levels=[0.5, 1.5], colors=[color or COLORS["excluded"]], alpha=alpha)
    if edgecolor:
        ax.contour(x, y, z, levels=[0.5], colors=edgecolor, linewidths=linewidth)


def log_axes(ax: Axes, xlabel: str, ylabel: str, xlim: tuple[float, float], ylim: tuple[float, float]) -> Axes:
    """Log-log axes with labels and limits."""
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    return ax


# --- bound sets: families, regions from excluded intervals, labels ------------------------------

#: The colours of each family of constraints (Constraint.family), darkest first: a plot of a
#: bound set colours its regions by family, and shades within one family by order.
FAMILIES = {
    "CEvNS": ("#08519c", "#3182bd", "#6baed6", "#2171b5"),
    "XENONnT": ("#54278f", "#807dba", "#9e9ac8"),
    "beam dumps and colliders": ("#4d4d4d", "#7f7f7f", "#a6a6a6"),
    "(g-2)": ("#006d2c", "#41ab5d", "#74c476", "#238b45"),
    "nu-e scattering": ("#a63603", "#e6550d", "#fd8d3c"),
    "neutrino trident": ("#8c6d31", "#bd9e39"),
    "oscillations": ("#7b4173", "#a55194"),
    "atomic parity violation": ("#843c39", "#ad494a"),
    "electroweak precision": ("#637939", "#8ca252"),
    "cosmology": ("#a50f15", "#de2d26"),
    "combined": ("#252525", "#525252"),
    "other": ("#636363", "#969696"),
}


def family_colours(families: list[str]) -> list[str]:
    """One colour per entry of ``families`` (in order): the k-th constraint of a family gets its
    k-th shade.  Unknown families raise."""
    seen: dict[str, int] = {}
    out = []
    for f in families:
        if f not in FAMILIES:
            raise ValueError(f"unknown constraint family {f!r}; known: {tuple(FAMILIES)}")
        k = seen.get(f, 0)
        seen[f] = k + 1
        out.append(FAMILIES[f][k % len(FAMILIES[f])])
    return out


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def interval_regions(
    masses: np.ndarray, intervals: list[list[tuple[float, float]]], *, fine: int = 8
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The excluded regions of one constraint as polygons with smooth edges in log-mass.

    ``intervals[j]`` are the excluded coupling intervals at ``masses[j]``.  An interval joins the
    interval of the next mass it overlaps, one to one, into a band; where bands split, merge,
    start or end, the band is closed at that mass (and the pieces in between are drawn as
    trapezoids, so that the union covers exactly what the intervals say).  The edges of a band
    are interpolated in (log m, log g) by a monotone cubic (PCHIP) with ``fine`` points per mass
    step, so they do not overshoot between the computed masses.

    Returns
    -------
    list of (m, g_low, g_high)
        Each a band: masses and its lower and upper edge (arrays of equal length).
    """
    from scipy.interpolate import PchipInterpolator

    m = np.asarray(masses, dtype=float)
    links: list[dict[int, int]] = []
    for j in range(len(m) - 1):
        pairs = [
            (a, b) for a, ia in enumerate(intervals[j]) for b, ib in enumerate(intervals[j + 1]) if _overlap(ia, ib)
        ]
        left = [a for a, _ in pairs]
        right = [b for _, b in pairs]
        links.append({a: b for a, b in pairs if left.count(a) == 1 and right.count(b) == 1})
    bands: list[list[tuple[float, float, float]]] = []
    started: list[set[int]] = [set() for _ in m]
    for j in range(len(m)):
        for a in range(len(intervals[j])):
            if a in started[j]:
                continue
            chain, jj, aa = [], j, a
            while True:
                started[jj].add(aa)
                chain.append((m[jj], *intervals[jj][aa]))
                if jj < len(m) - 1 and aa in links[jj]:
                    aa, jj = links[jj][aa], jj + 1
                else:
                    break
            bands.append(chain)
    out = []
    for chain in bands:
        mm, lo, hi = (np.array(c) for c in zip(*chain))
        if len(mm) >= 3:
            x = np.log(mm)
            xf = np.concatenate(
                [np.linspace(x[i], x[i + 1], fine, endpoint=False) for i in range(len(x) - 1)] + [x[-1:]]
            )
            lo = np.exp(PchipInterpolator(x, np.log(lo))(xf))
            hi = np.exp(PchipInterpolator(x, np.log(hi))(xf))
            mm = np.exp(xf)
        out.append((mm, lo, hi))
    # split and merge pieces: a trapezoid between every overlapping pair not joined above
    for j in range(len(m) - 1):
        for a, ia in enumerate(intervals[j]):
            for b, ib in enumerate(intervals[j + 1]):
                if _overlap(ia, ib) and links[j].get(a) != b:
                    out.append((m[j : j + 2], np.array([ia[0], ib[0]]), np.array([ia[1], ib[1]])))
    return out


def tint(colour: str | tuple, strength: float) -> tuple[float, float, float]:
    """``colour`` mixed with white: ``strength`` 1 is the colour, 0 white (an opaque light fill)."""
    from matplotlib.colors import to_rgb

    if not 0 <= strength <= 1:
        raise ValueError(f"strength must be in [0, 1], got {strength}")
    r, g, b = to_rgb(colour)
    return (1 - strength + strength * r, 1 - strength + strength * g, 1 - strength + strength * b)
