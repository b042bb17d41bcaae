"""Plot helpers: one style, functions that draw on a given ``ax`` and return the artists.

Nothing here calls ``plt.show()``.  :func:`savefig` writes PDF and PNG with
fixed metadata so that repeated runs give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib as mpl
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
    mpl.style.use(STYLE)


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
