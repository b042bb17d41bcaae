"""A model's full bound set from one call: :func:`bounds` and its result, :class:`BoundSet`.

    >>> from zprime import bounds
    >>> bs = bounds("B-L", masses=np.geomspace(1e-3, 1, 31))
    >>> bs.table()            # one line per constraint
    >>> bs.to_json("b-l.json"); bs.draw(ax)

For each constraint of :mod:`zprime.constraints.catalogue` (or the ones you pass) and each
mass, the excluded coupling intervals [g_lo, g_hi] (strips and islands kept), or the reason
the constraint does not reach the model there; with the constraint's convention and citation.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from zprime import validation
from zprime.constraints.base import Constraint, ConstraintError, model_key
from zprime.constraints.catalogue import for_model, get
from zprime.models import Mediator, ModelError, VectorModel, as_mediator, loop_charge_sum
from zprime.statistics import excluded_intervals
from zprime.statistics.parallel import local_workers, map_jobs

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "bounds",
    "BoundSet",
    "Bound",
    "resolve_loop_mixing",
    "reference_minima",
    "DEFAULT_G_RANGE",
    "G_WIDEN_MIN",
]

#: Couplings scanned by default: 1e-8 to 1, 200 points per mass (log).
DEFAULT_G_RANGE = (1e-8, 1.0, 200)
#: Where an excluded interval reaches the scan's floor, the scan follows it down to here (10 points
#: per decade) before calling it open: below the weakest bound of the catalogue, BBN
#: thermalisation (g ~ 8e-12 for B-L at 10 keV; it falls as sqrt(m)).
G_WIDEN_MIN = 1e-14


def resolve_loop_mixing(model: Mediator, loop_mixing: bool | str = "auto") -> tuple[bool, str]:
    """Whether to add the one-loop kinetic mixing, and a sentence saying what was used.

    "auto": on for a vector model without tree-level mixing whose charged-fermion charges give a
    finite loop (sum_f N_c Q_f x_f = 0, e.g. L_a - L_b) and that has no quark charges, where the
    loop is the leading coupling to electrons and quarks; off otherwise.  A scalar has none.
    """
    model = _as_model(model)
    if not isinstance(model, VectorModel):
        if loop_mixing is True:
            raise ConstraintError(f"model {model.name!r} is a {model.spin} mediator: it has no kinetic mixing")
        if loop_mixing not in (False, "auto"):
            raise ConstraintError(f"loop_mixing must be True, False or 'auto', got {loop_mixing!r}")
        return False, f"{model.spin} mediator (no kinetic mixing)"
    if model.eps != 0.0:
        if loop_mixing is True:
            raise ConstraintError("model has tree-level kinetic mixing eps; loop_mixing=True would count it twice")
        return False, f"tree-level kinetic mixing eps = {model.eps:g}"
    finite = abs(loop_charge_sum(model)) < 1e-12
    if loop_mixing == "auto":
        quarks = any(model.x(q) != 0.0 for q in ("u", "d", "c", "s", "t", "b"))
        loop_mixing = finite and not quarks and any(model.x(l) != 0.0 for l in ("e", "mu", "tau"))
    elif not isinstance(loop_mixing, (bool, np.bool_)):
        raise ConstraintError(f"loop_mixing must be True, False or 'auto', got {loop_mixing!r}")
    if loop_mixing and not finite:
        if model.loop_scale is None:
            raise ConstraintError(
                f"model {model.name!r}: its loop mixing is UV divergent (sum_f N_c Q_f x_f != 0); give the scale "
                "where the mixing vanishes, VectorModel(..., loop_scale=mu) or --loop-scale MU (GeV)"
            )
        return True, f"one-loop kinetic mixing, vanishing at mu = {model.loop_scale:g} GeV (no tree-level eps)"
    if loop_mixing:
        return True, "one-loop kinetic mixing from the charged leptons (no tree-level eps)"
    return False, "no kinetic mixing (eps = 0)"


@dataclass
class Bound:
    """The result of one constraint: excluded intervals and reasons per mass.

    Attributes
    ----------
    constraint : Constraint
    intervals : list of list of (float, float)
        Per mass, the excluded coupling intervals (g_lo, g_hi), increasing.
    reasons : list of str
        Per mass, "" where the constraint reaches the model, else why not.
    sm_excluded : bool
        The data exclude the SM itself (a measured anomaly): the bound is the preferred band
        between the excluded intervals (:meth:`preferred`), not a limit.
    open_below, open_above : list of bool
        Per mass, whether the lowest (highest) excluded interval reaches the end of the scan:
        below, the scan was widened down to :data:`G_WIDEN_MIN` and still excluded ("excluded
        down to there at least"); above, it is excluded up to the scan's top at least.
    g_max : float
        The top of the coupling scan.
    """

    constraint: Constraint
    intervals: list
    reasons: list
    sm_excluded: bool = False
    open_below: list = field(default_factory=list)
    open_above: list = field(default_factory=list)
    g_max: float = DEFAULT_G_RANGE[1]

    def __post_init__(self) -> None:
        n = len(self.intervals)
        self.open_below = list(self.open_below) or [False] * n
        self.open_above = list(self.open_above) or [False] * n

    @property
    def reached(self) -> np.ndarray:
        return np.array([r == "" for r in self.reasons])

    @property
    def result(self) -> str:
        """ "preferred" for a measured anomaly (the band is the result), else "excluded"."""
        return "preferred" if self.sm_excluded else "excluded"

    def preferred(self) -> list[list[tuple[float, float]]]:
        """Per mass, the couplings not excluded between the scan's floor and top (the preferred
        band of an anomaly; for a limit, the allowed couplings).  [] where not reached."""
        out: list[list[tuple[float, float]]] = []
        for iv, why in zip(self.intervals, self.reasons):
            gaps: list[tuple[float, float]] = []
            if not why:
                edges = [0.0] + [e for lo, hi in iv for e in (lo, hi)] + [self.g_max]
                gaps = [(a, b) for a, b in zip(edges[::2], edges[1::2]) if b > a]
                gaps = [(a, b) for a, b in gaps if a > 0] if self.sm_excluded else gaps
            out.append(gaps)
        return out

    def bands(self) -> list[list[tuple[float, float]]]:
        """Per mass, the intervals the bound reports: an anomaly's preferred bands, else the
        excluded intervals ([] where not reached)."""
        return self.preferred() if self.sm_excluded else self.intervals

    def reported(self, j: int) -> list[tuple[float, float, bool, bool]]:
        """At mass index ``j``, the intervals the bound reports, as (g_lo, g_hi, open_below, open_above):
        an anomaly's preferred bands (open above where they reach the scan's top), else the excluded
        intervals (the lowest open below, the highest open above, as the scan found them)."""
        iv = self.bands()[j]
        if self.sm_excluded:
            return [(lo, hi, False, hi >= self.g_max * (1 - 1e-9)) for lo, hi in iv]
        last = len(iv) - 1
        return [
            (lo, hi, k == 0 and self.open_below[j], k == last and self.open_above[j]) for k, (lo, hi) in enumerate(iv)
        ]

    def lowest(self) -> tuple[float, int] | None:
        """(g, mass index) of the smallest excluded coupling over all masses, or None."""
        best = None
        for j, iv in enumerate(self.intervals):
            for lo, _ in iv:
                if best is None or lo < best[0]:
                    best = (lo, j)
        return best

    def summary(self) -> tuple[str, int | None]:
        """The one-line result and the mass index it refers to: the lowest excluded coupling
        ("<= 1e-14" when open below), an anomaly's band ("preferred 3.1e-04-5.2e-04"), or
        "" (nothing excluded)."""
        if self.sm_excluded:
            bands = [(band, j) for j in range(len(self.intervals)) for band in self.reported(j)]
            if not bands:
                return ("no preferred coupling in the scan", None) if any(self.reached) else ("", None)
            (lo, hi, _, open_above), j = min(bands)
            return f"preferred {lo:.2g}-{hi:.2g}" + ("+" if open_above else ""), j
        low = self.lowest()
        if low is None:
            return "", None
        g, j = low
        return (f"<= {g:.3g}" if self.open_below[j] else f"{g:.3g}"), j


def _cl_short(cl: str) -> str:
    """'95.45 % (2 sigma)' -> '95.45 %'; 'approximate (no C.L.)' -> 'none'."""
    head = cl.split(" (")[0]
    return "none" if head.startswith("approximate") else head


@dataclass
class BoundSet:
    """Bounds of one model: per constraint, excluded coupling intervals at each mass.

    The masses are kept sorted (increasing): :func:`bounds` sorts them.
    """

    model: Mediator
    masses: np.ndarray
    mixing: str
    loop_mixing: bool
    g_range: tuple
    bounds: dict = field(default_factory=dict)  # name -> Bound

    def __getitem__(self, name: str) -> Bound:
        try:
            return self.bounds[name]
        except (KeyError, TypeError):
            raise KeyError(f"no constraint {name!r} in this BoundSet; have {sorted(self.bounds)}") from None

    def names(self) -> list[str]:
        return list(self.bounds)

    def subset(self, names: Sequence[str]) -> BoundSet:
        """The bound set of ``names`` only (in that order): one :func:`bounds` call can serve several sets."""
        names = self._names(names)
        return BoundSet(
            self.model, self.masses, self.mixing, self.loop_mixing, self.g_range, {n: self.bounds[n] for n in names}
        )

    def _names(self, names: Sequence[str] | None) -> list[str]:
        """The constraints asked for, checked (default: :meth:`_default_names`)."""
        if names is None:
            return self._default_names()
        if isinstance(names, str):
            names = [names]
        names = list(names)
        unknown = [n for n in names if n not in self.bounds]
        if unknown:
            raise ConstraintError(f"names: no constraint {unknown} in this BoundSet; have {sorted(self.bounds)}")
        return names

    # -- export ------------------------------------------------------------------------------
    def as_dict(self) -> dict:
        """The JSON document: model, masses_GeV, g scan, constraints {name: {...}}.

        Per constraint: its description (kind, reference, data sets, C.L., provenance,
        convention), ``result`` ("excluded", or "preferred" for an anomaly), per mass the
        ``excluded`` intervals with ``open_below`` / ``open_above``, the ``preferred`` bands of
        an anomaly (null for a limit) and ``not_reached`` (the reason, "" where reached).
        """
        cons = {}
        for name, b in self.bounds.items():
            d = b.constraint.describe()
            d["result"] = b.result
            d["excluded"] = [[[lo, hi] for lo, hi in iv] for iv in b.intervals]
            d["open_below"] = list(b.open_below)
            d["open_above"] = list(b.open_above)
            d["preferred"] = [[[lo, hi] for lo, hi in p] for p in b.preferred()] if b.sm_excluded else None
            d["not_reached"] = list(b.reasons)
            d["sm_excluded"] = b.sm_excluded
            cons[name] = d
        model: dict[str, object] = {"name": self.model.name, "spin": self.model.spin}
        if isinstance(self.model, VectorModel):
            model["charges"] = {k: float(v) for k, v in self.model.charges.items()}
            model["eps"] = float(self.model.eps)
        model["kinetic_mixing"] = self.mixing
        model["definition"] = self.model.definition()
        return {
            "model": model,
            "masses_GeV": [float(x) for x in self.masses],
            "g_scan": {
                "min": self.g_range[0],
                "max": self.g_range[1],
                "points": self.g_range[2],
                "widened_down_to": G_WIDEN_MIN,
                "note": (
                    "an interval that reaches the scan's min is followed down to widened_down_to; "
                    "open_below: excluded down to there at least; open_above: excluded up to max at least"
                ),
            },
            "constraints": cons,
        }

    def to_json(self, path: str | Path) -> Path | str:
        """Write :meth:`as_dict` as JSON (no NaN or infinity); "-" writes to stdout.

        Parameters
        ----------
        path : str or Path
            The file to write, or "-" for standard output.

        Returns
        -------
        Path, or "-"

        Examples
        --------
        >>> import tempfile, zprime
        >>> bs = zprime.bounds("B-L", [0.01], ["Borexino 7Be"])
        >>> bs.to_json(tempfile.mkdtemp() + "/b-l.json").name
        'b-l.json'
        """
        text = json.dumps(self.as_dict(), indent=1, allow_nan=False) + "\n"
        return _write_text(path, lambda fh: fh.write(text))

    #: The columns of :meth:`rows` and of the CSV file.
    FIELDS = (
        "constraint",
        "m_GeV",
        "status",
        "g_lo",
        "g_hi",
        "open_below",
        "open_above",
        "cl",
        "convention",
        "provenance",
        "kind",
        "reference",
        "datasets",
        "note",
    )

    def rows(self) -> list[dict]:
        """Tidy rows, one per constraint x mass x reported interval, every mass present.

        ``status``: "excluded" (a limit's excluded interval), "preferred" (an anomaly's band),
        "none excluded", "no preferred band" or "not reached" (``note`` says why); ``g_lo``,
        ``g_hi`` empty for the last three.  Each row carries the constraint's C.L.,
        convention, provenance, kind, reference and data sets (:attr:`FIELDS`).
        """
        out = []
        for name, b in self.bounds.items():
            con = b.constraint
            meta = {
                "cl": con.cl,
                "convention": "" if con.convention is None else con.convention.describe(),
                "provenance": con.provenance,
                "kind": con.kind,
                "reference": con.reference,
                "datasets": "; ".join(con.datasets),
            }
            if b.sm_excluded:
                status, none = "preferred", "no preferred band"
                note = "the data exclude the SM: the band is the measurement's preferred couplings"
            else:
                status, none, note = "excluded", "none excluded", ""
            for j, (m, why) in enumerate(zip(self.masses, b.reasons)):
                base = {"constraint": name, "m_GeV": float(m)}
                empty = {"g_lo": "", "g_hi": "", "open_below": "", "open_above": ""}
                if why:
                    out.append({**base, "status": "not reached", **empty, **meta, "note": why})
                    continue
                bands = b.reported(j)
                if not bands:
                    out.append({**base, "status": none, **empty, **meta, "note": "in the scanned couplings"})
                for lo, hi, ob, oa in bands:
                    out.append(
                        {
                            **base,
                            "status": status,
                            "g_lo": lo,
                            "g_hi": hi,
                            "open_below": ob,
                            "open_above": oa,
                            **meta,
                            "note": note,
                        }
                    )
        return out

    def to_csv(self, path: str | Path) -> Path | str:
        """Write :meth:`rows` as CSV (the columns of :attr:`FIELDS`); "-" writes to stdout."""

        def write(fh):
            w = csv.DictWriter(fh, fieldnames=list(self.FIELDS), lineterminator="\n")
            w.writeheader()
            w.writerows(self.rows())

        return _write_text(path, write)

    def table(self, names: Sequence[str] | None = None) -> str:
        """A short text table: per constraint, the masses reached, the result, its C.L. and provenance.

        The result is the lowest excluded coupling over the masses ("<= g" when excluded down
        to the widened scan's floor), or for a measured anomaly its preferred band ("+" when the
        band reaches the scan's top), with the mass it refers to.

        Parameters
        ----------
        names : sequence of str, optional
            The constraints to list (default: all, in catalogue order).

        Returns
        -------
        str

        Examples
        --------
        >>> import zprime
        >>> bs = zprime.bounds("B-L", [0.01, 0.1], ["COHERENT CsI 2021", "Borexino 7Be"])
        >>> print(bs.table())
        B-L: 2 masses 0.01-0.1 GeV; no kinetic mixing (eps = 0)
        constraint                        reached  lowest excluded g / band   at m [GeV]     C.L.  provenance
        COHERENT CsI 2021                     2/2                  5.24e-05         0.01  95.45 %  data release
        Borexino 7Be                          2/2                  1.87e-05         0.01  95.45 %  measurement
        """
        names = self._names(names)
        lines = [
            f"{self.model.name}: {len(self.masses)} masses {self.masses.min():.3g}-{self.masses.max():.3g} GeV; "
            f"{self.mixing}",
            f"{'constraint':36s} {'reached':>8s}  {'lowest excluded g / band':>24s} {'at m [GeV]':>12s} "
            f"{'C.L.':>8s}  provenance",
        ]
        for n in names:
            b = self.bounds[n]
            text, j = b.summary()
            reached = f"{int(b.reached.sum())}/{len(self.masses)}"
            tail = f"{_cl_short(b.constraint.cl):>8s}  {b.constraint.provenance}"
            if j is None:
                why = text or next((r for r in b.reasons if r), "nothing excluded in the scan")
                lines.append(f"{n[:36]:36s} {reached:>8s}  -- {why[:90]}")
            else:
                lines.append(f"{n[:36]:36s} {reached:>8s}  {text:>24s} {self.masses[j]:12.3g} {tail}")
        return "\n".join(lines)

    def _default_names(self) -> list[str]:
        """All, except the single searches when their union is present (they are in the JSON)."""
        from zprime.constraints.catalogue import DarkPhotonSearch

        union = "dark-photon searches (recast)" in self.bounds
        return [n for n, b in self.bounds.items() if not (union and isinstance(b.constraint, DarkPhotonSearch))]

    def caption(self, names: Sequence[str] | None = None) -> str:
        """'Sources: name [arXiv id], ...' for every constraint drawn."""
        names = self._names(names)
        refs = ", ".join(
            f"{n} [{_short_reference(self.bounds[n].constraint.reference)}]" for n in names if self.bounds[n].lowest()
        )
        return f"{self.model.name}, {self.mixing}. Sources: {refs}."

    def draw(
        self,
        ax: Axes,
        names: Sequence[str] | None = None,
        *,
        style: str = "paper",
        alpha: float = 0.3,
        colors: dict | None = None,
        legend: bool = True,
    ) -> str:
        """Draw each constraint on ``ax`` (log m, log g); returns the caption text.

        Each excluded region is filled and outlined in its constraint's colour: colours go by
        family (:data:`zprime.plotting.FAMILIES`: CEvNS blues, XENONnT purples, beam dumps and
        colliders greys, (g-2) greens, nu-e scattering oranges, cosmology reds), shades within a
        family by order.  Edges are smooth in log-mass (:func:`zprime.plotting.interval_regions`);
        a union of searches is one region with one outline.  An edge left open by the scan
        (excluded down to the widened floor) is marked with a triangle on the axis; a measured
        anomaly (the SM excluded, e.g. (g-2)_mu 2021) is drawn as its preferred band, hatched.

        Parameters
        ----------
        ax : matplotlib Axes
        names : sequence of str, optional
            The constraints drawn; default every one except the single searches whose union is
            present.
        style : {"paper", "summary"}
            "paper": each region labelled on the plot just above its lower edge where it is seen,
            a compact legend beside the axes only for the regions whose label would not fit or
            would collide; "summary": no labels, every region in the legend.
        alpha : float
            Opacity of the fills.
        colors : dict, optional
            {name: colour}, to keep colours fixed across panels.
        legend : bool
            False leaves the legend to the caller.

        Returns
        -------
        str
            The caption: the model, its mixing and the source of every region drawn.
        """
        import matplotlib.pyplot as plt

        from zprime import plotting

        if style not in ("paper", "summary"):
            raise ConstraintError(f"style must be 'paper' or 'summary', got {style!r}")
        names = self._names(names)
        drawn, cols, order = self._drawing_order(names, colors)
        g_floor, g_top = self.g_range[0], self.g_range[1]
        single = len(self.masses) == 1
        lo_m, hi_m = self.masses.min(), self.masses.max()
        ax.set(
            xscale="log",
            yscale="log",
            xlabel=r"$m_{Z'}$ [GeV]",
            ylabel=r"$g$",
            xlim=(lo_m / 1.5, hi_m * 1.5) if single else (lo_m, hi_m),
            ylim=(g_floor, g_top),
        )
        handles: dict[str, object] = {}
        lowest = {n: self._lower_edges(n) for n in drawn}
        for z, n in enumerate(order):
            b, col = self.bounds[n], cols[n]
            label = f"{n} (preferred)" if b.sm_excluded else n
            if single:
                bars = b.bands()[0]
                for lo, hi in bars:
                    ax.plot([self.masses[0]] * 2, [lo, hi], color=col, lw=4, alpha=0.7, solid_capstyle="butt")
                handles[n] = plt.Line2D([], [], color=col, lw=4, alpha=0.7, label=label)
                continue
            if b.sm_excluded:  # a preferred band: hatched, above every exclusion
                for mm, lo, hi in plotting.interval_regions(self.masses, b.bands()):
                    ax.fill_between(mm, lo, hi, facecolor="none", edgecolor=col, hatch="////", lw=0, zorder=3)
                    ax.plot(mm, lo, color=col, lw=1.0, zorder=3)
                    ax.plot(mm, hi, color=col, lw=1.0, zorder=3)
                handles[n] = plt.Rectangle((0, 0), 1, 1, facecolor="none", edgecolor=col, hatch="////", label=label)
                continue
            tint = plotting.tint(col, alpha)
            zo = 1 + z / (len(drawn) + 1)
            for mm, lo, hi in plotting.interval_regions(self.masses, b.intervals):
                ax.fill_between(mm, np.maximum(lo, g_floor), np.minimum(hi, g_top), color=tint, lw=0, zorder=zo)
                ax.plot(mm, np.where(lo > g_floor * (1 + 1e-9), lo, np.nan), color=col, lw=1.2, zorder=zo)
                ax.plot(mm, np.where(hi < g_top * (1 - 1e-9), hi, np.nan), color=col, lw=1.2, zorder=zo)
            opened = [j for j, o in enumerate(b.open_below) if o and b.intervals[j]]
            if opened:
                ax.plot(self.masses[opened], [g_floor] * len(opened), "v", color=col, ms=4, ls="none", clip_on=False)
            handles[n] = plt.Rectangle((0, 0), 1, 1, facecolor=tint, edgecolor=col, label=label)
        ax.set_title(f"{self.model.name}: {self.mixing}", fontsize=8)
        unlabelled = list(handles)
        if style == "paper" and not single:
            above = np.full(len(self.masses), g_top)  # the lowest edge drawn over each region so far
            cover = {}
            for n in reversed([n for n in order if not self.bounds[n].sm_excluded]):
                cover[n] = above.copy()
                above = np.minimum(above, lowest[n])
            unlabelled = [
                n
                for n in handles
                if n not in cover or not _label_region(ax, n, self.masses, lowest[n], cover[n], cols[n], g_floor)
            ]
        if legend and unlabelled:
            hs = [handles[n] for n in unlabelled]
            ax.legend(handles=hs, fontsize=6, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        return self.caption(names)

    def _drawing_order(self, names: list[str], colors: dict | None = None) -> tuple[list[str], dict, list[str]]:
        """(the constraints that exclude something, their colours, the order to draw them).

        Colours by family unless ``colors`` names one.  Order: opaque tints, the strongest bound
        (lowest median edge) first and each weaker one on top, so that every region shows as the
        band between its own lower edge and the next weaker one, as in a paper's figure, and no
        pile of translucent fills turns brown.
        """
        from zprime import plotting

        drawn = [n for n in names if self.bounds[n].lowest()]
        auto = plotting.family_colours([self.bounds[n].constraint.family for n in drawn])
        cols = {n: (colors or {}).get(n, c) for n, c in zip(drawn, auto)}
        strength = {}
        for n in drawn:
            v = self._lower_edges(n)
            strength[n] = float(np.median(np.log(v[np.isfinite(v)]))) if np.isfinite(v).any() else 0.0
        return drawn, cols, sorted(drawn, key=lambda n: strength[n])

    def to_html(self, path: str | Path, names: Sequence[str] | None = None, *, plotlyjs: bool | str = True) -> Path:
        """Write the bound set as an interactive figure: one HTML file that opens offline (Plotly).

        The regions of :meth:`draw` (the same smooth edges, family colours and order), each a filled
        shape; hovering an edge shows the constraint, its reference, C.L. and provenance, and the
        excluded (or preferred) coupling interval at that mass; clicking a legend entry switches a
        constraint off and on; zoom and pan as usual.

        Parameters
        ----------
        path : str or Path
            The file to write (``.html``).
        names : sequence of str, optional
            As for :meth:`draw`.
        plotlyjs : True or "directory"
            True embeds plotly.js in the file (about 4.7 MB; nothing else is needed to open it);
            "directory" writes ``plotly.min.js`` once beside it (for a gallery of several files).

        Returns
        -------
        Path
            The file written.
        """
        try:
            import plotly.graph_objects as go
        except ImportError:  # pragma: no cover - plotly is in requirements.txt
            raise ConstraintError("to_html needs plotly (pip install plotly)") from None
        from matplotlib.colors import to_hex

        from zprime import plotting

        path = Path(path)
        if path.suffix.lower() != ".html":
            raise ConstraintError(f"path must end in .html, got {str(path)!r}")
        if not path.parent.is_dir():
            raise ConstraintError(f"the directory of {str(path)!r} does not exist")
        if plotlyjs not in (True, "directory"):
            raise ConstraintError(f"plotlyjs must be True or 'directory', got {plotlyjs!r}")
        drawn, cols, order = self._drawing_order(self._names(names))
        g_floor, g_top = self.g_range[0], self.g_range[1]
        fig = go.Figure()
        # the exclusions in the order of draw(), the preferred bands over them
        for n in [n for n in order if not self.bounds[n].sm_excluded] + [
            n for n in order if self.bounds[n].sm_excluded
        ]:
            b, col = self.bounds[n], cols[n]
            what = b.result
            c = b.constraint
            head = f"<b>{n}</b><br>{c.reference}<br>{_cl_short(c.cl)} C.L., {c.provenance}<br>"
            for k, (mm, lo, hi) in enumerate(plotting.interval_regions(self.masses, b.bands())):
                lo, hi = np.maximum(lo, g_floor), np.minimum(hi, g_top)
                text = [f"m = {m:.3g} GeV: {what} {a:.3g} to {z:.3g}" for m, a, z in zip(mm, lo, hi)]
                fig.add_trace(
                    go.Scatter(
                        x=np.concatenate([mm, mm[::-1]]),
                        y=np.concatenate([lo, hi[::-1]]),
                        mode="lines",
                        fill="toself",
                        fillcolor="rgba(0,0,0,0)" if b.sm_excluded else to_hex(plotting.tint(col, 0.3)),
                        fillpattern={"shape": "/"} if b.sm_excluded else None,
                        line={"color": to_hex(col), "width": 1.2},
                        name=f"{n} ({what})" if b.sm_excluded else n,
                        legendgroup=n,
                        showlegend=k == 0,
                        text=text + text[::-1],
                        hovertemplate=head + "%{text}<extra></extra>",
                        hoveron="points+fills",
                    )
                )
        lm = np.log10([self.masses.min(), self.masses.max()])
        fig.update_xaxes(type="log", range=list(lm), title_text="m<sub>Z'</sub> [GeV]", exponentformat="power")
        fig.update_yaxes(type="log", range=[np.log10(g_floor), np.log10(g_top)], title_text="g", exponentformat="power")
        fig.update_layout(
            title={"text": f"{self.model.name}: {self.mixing}", "font": {"size": 14}},
            template="simple_white",
            hovermode="closest",
            legend={"font": {"size": 11}, "itemclick": "toggle", "itemdoubleclick": "toggleothers"},
        )
        fig.write_html(
            path, include_plotlyjs=plotlyjs, full_html=True, div_id="zprime-bound-set", config={"displaylogo": False}
        )
        return path

    def _lower_edges(self, name: str) -> np.ndarray:
        """Per mass, the lowest excluded coupling of a constraint (inf where it excludes nothing)."""
        return np.array([iv[0][0] if iv else np.inf for iv in self.bounds[name].intervals])


def _label_region(ax: Axes, name: str, masses, lower, cover, colour, g_floor: float) -> bool:
    """Write ``name`` just above its lower edge where the region is seen (below ``cover``, the
    lowest edge of the regions drawn over it), widest view first, where it overlaps no label
    already placed and stays inside the axes; False if no place fits."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    placed = getattr(ax, "_zprime_labels", [])
    frame = ax.get_window_extent(renderer)
    base = np.maximum(lower, g_floor)
    width = np.where(np.isfinite(lower), np.log(np.maximum(cover / base, 1.0)), 0.0)
    for k in np.argsort(-width, kind="stable")[:16]:
        if width[k] <= 0:
            break
        t = ax.text(
            masses[k], base[k] * 1.2, name, fontsize=6.5, color=colour, ha="center", va="bottom", zorder=5, clip_on=True
        )
        box = t.get_window_extent(renderer)
        top = ax.transData.transform((masses[k], cover[k]))[1]  # the region drawn over this one
        # horizontally in axes fractions, with room to spare: a legend beside the axes narrows them
        x = np.log(masses[k] / masses[0]) / np.log(masses[-1] / masses[0])
        half = box.width / frame.width + 0.02
        inside = half < x < 1 - half and frame.contains(box.x0, box.y0) and box.y1 <= min(top, frame.y1)
        if inside and not any(box.overlaps(p) for p in placed):
            placed.append(box)
            ax._zprime_labels = placed  # type: ignore[attr-defined]
            return True
        t.remove()
    return False


def _write_text(path: str | Path, write) -> Path | str:
    """Call ``write(file handle)`` on ``path`` ("-": standard output); returns the path (or "-")."""
    import sys

    if isinstance(path, str) and path == "-":
        write(sys.stdout)
        return "-"
    out = Path(path)
    if out.is_dir():
        raise ConstraintError(f"path {str(path)!r} is a directory; give a file name")
    with out.open("w", newline="") as fh:
        write(fh)
    return out


def _short_reference(ref: str) -> str:
    """The first arXiv id of a reference string, else its first 30 characters."""
    import re

    hit = re.search(r"arXiv:\s*([0-9]{4}\.[0-9]{4,5})", ref)
    return f"arXiv:{hit.group(1)}" if hit else ref[:30]


def _as_model(model) -> Mediator:
    try:
        return as_mediator(model)
    except ModelError as exc:
        raise ConstraintError(str(exc)) from None


def _as_constraints(constraints, model: Mediator) -> list[Constraint]:
    if isinstance(constraints, str):
        if constraints == "all":
            return for_model(model)
        return [get(constraints)]
    if isinstance(constraints, Constraint):
        return [constraints]
    try:
        constraints = list(constraints)
    except TypeError:
        raise ConstraintError(
            f"constraints must be 'all', a name, or a list of names/Constraints, got {constraints!r}"
        ) from None
    out = []
    for c in constraints:
        if not isinstance(c, (str, Constraint)):
            raise ConstraintError(f"constraints: {c!r} is neither a constraint name nor a Constraint")
        out.append(c if isinstance(c, Constraint) else get(c))
    if not out:
        raise ConstraintError("constraints must name at least one constraint")
    return out


def _masses(masses) -> np.ndarray:
    if not isinstance(masses, (np.ndarray, str)) and not np.isscalar(masses):
        masses = list(masses) if hasattr(masses, "__iter__") else masses  # any iterable, a generator too
    m = np.atleast_1d(validation.finite("masses", masses))
    if m.ndim != 1 or m.size == 0:
        raise ConstraintError(f"masses must be a non-empty 1-D array (GeV), got shape {m.shape}")
    if not np.all(np.isfinite(m)) or np.any(m <= 0):
        raise ConstraintError("masses must be positive and finite (GeV)")
    if np.unique(m).size != m.size:
        raise ConstraintError("masses must not repeat")
    return np.sort(m)


def _g_reason(model: Mediator) -> str:
    """Why g plays no role in the model ("" if it does): a vector boson without charges, axial
    charges or x_chi couples only through its kinetic mixing eps, whatever g."""
    if not isinstance(model, VectorModel):
        return ""
    charged = any(v != 0.0 for table in model.couplings().values() for v in table.values())
    if charged or (model.dark is not None and model.dark.x_chi is not None):
        return ""
    return (
        f"the model couples only through its kinetic mixing eps = {model.eps:g}, whatever g: give it charges, "
        "or scan the dark photon (model 'dark_photon', g = eps e)"
    )


def _vector_eps(model: Mediator) -> float:
    return model.eps if isinstance(model, VectorModel) else 0.0


def _eps_only(con: Constraint, model: Mediator, m: np.ndarray, grid: np.ndarray, loop: bool) -> np.ndarray:
    """Per mass, whether a chi^2 constraint sees the model only through eps (the same chi^2 at the
    ends of the coupling scan): a model with tree-level mixing whose g couplings it does not probe."""
    if con.kind != "chi2" or not isinstance(model, VectorModel) or model.eps == 0.0:
        return np.zeros(m.shape, dtype=bool)
    ends = con.delta_chi2(model, grid[[0, -1]][:, None], m[None, :], loop_mixing=loop)
    return ends[0] == ends[1]


def _scan(F, m: np.ndarray, grid: np.ndarray, n_bisect: int, sm_out: bool) -> tuple[list, list, list]:
    """Excluded intervals at each mass, followed below the grid's floor down to :data:`G_WIDEN_MIN`
    where the lowest one reaches it (not for an anomaly, whose exclusion reaches g = 0 by
    definition); returns (intervals, open_below, open_above) per mass."""
    found = excluded_intervals(F, m, grid, n_bisect=n_bisect)
    g_lo, g_hi = float(grid[0]), float(grid[-1])
    at_floor = [bool(iv) and iv[0][0] <= g_lo * (1 + 1e-9) for iv in found]  # the grid's end, up to rounding
    open_below = list(at_floor)
    if not sm_out and any(at_floor) and g_lo > G_WIDEN_MIN:
        sel = np.flatnonzero(at_floor)
        n = max(2, int(math.ceil(10 * math.log10(g_lo / G_WIDEN_MIN))) + 1)
        below = excluded_intervals(F, m[sel], np.geomspace(G_WIDEN_MIN, g_lo, n), n_bisect=n_bisect)
        for j, low in zip(sel, below):
            # the last interval below ends at g_lo, where the first one of the grid starts: join them
            (lo_last, _), rest = low[-1], found[j][0]
            found[j] = low[:-1] + [(lo_last, rest[1])] + found[j][1:]
            open_below[j] = found[j][0][0] <= G_WIDEN_MIN * (1 + 1e-9)
    open_above = [bool(iv) and iv[-1][1] >= g_hi * (1 - 1e-9) for iv in found]
    return found, open_below, open_above


def bounds(
    model: Mediator | str,
    masses: ArrayLike,
    constraints: str | Constraint | Sequence[str | Constraint] = "all",
    *,
    loop_mixing: bool | str = "auto",
    g_range: tuple = DEFAULT_G_RANGE,
    progress: bool = False,
    executor: Executor | None = None,
    chunks: int | None = None,
) -> BoundSet:
    """Every constraint's excluded coupling intervals for ``model`` at ``masses``.

    Parameters
    ----------
    model : Mediator or str
        A model of any spin (:class:`~zprime.models.VectorModel`, :class:`~zprime.models.ScalarModel`,
        e.g. from :meth:`~zprime.models.Mediator.from_toml`), or a name :func:`zprime.models.get_model`
        knows ("B-L", "L_mu-L_tau", "scalar", ...).
    masses : array_like, shape (n_m,)
        Boson masses in GeV.
    constraints : "all", a name, or a sequence of names / Constraint objects
    loop_mixing : True, False or "auto"
        One-loop kinetic mixing (see :func:`resolve_loop_mixing`); the choice is recorded.
    g_range : (g_min, g_max, n)
        The log grid of couplings scanned at each mass before the boundaries are bisected.
    progress : bool
        A tqdm bar over the constraints (or over the mass chunks with an executor).
    executor : concurrent.futures.Executor, optional
        Split the masses into ``chunks`` and run them there (a process pool, a Dask cluster
        through ``Client.get_executor()``, ...); the result is the same as without.  Default:
        this process (each constraint is already vectorised over the masses).
    chunks : int, optional
        Number of mass chunks with an executor (default: the number of local cores).

    Returns
    -------
    BoundSet
        Per constraint: excluded coupling intervals at each mass (strips and islands kept) or
        the reason it does not reach the model, with its reference and convention.

    Examples
    --------
    >>> import zprime
    >>> bs = zprime.bounds("B-L", [0.01, 0.1], ["COHERENT CsI 2021", "Borexino 7Be"])
    >>> [(f"{lo:.3g}", f"{hi:.3g}") for lo, hi in bs["COHERENT CsI 2021"].intervals[0]]   # at 10 MeV
    [('5.24e-05', '1')]
    """
    model = _as_model(model)
    m = _masses(masses)
    try:
        g_lo, g_hi, n_g = (float(v) for v in g_range)
    except (TypeError, ValueError):
        raise ConstraintError(f"g_range must be (g_min, g_max, n), got {g_range!r}") from None
    if not (0 < g_lo < g_hi and math.isfinite(g_hi)) or n_g < 2:
        raise ConstraintError(f"g_range must be (g_min, g_max, n) with 0 < g_min < g_max and n >= 2, got {g_range}")
    if n_g != int(n_g):
        raise ConstraintError(f"g_range: n must be an integer, got {g_range!r}")
    g_range = (g_lo, g_hi, int(n_g))
    progress = validation.strict_bool("progress", progress)
    loop, text = resolve_loop_mixing(model, loop_mixing)
    cons = _as_constraints(constraints, model)
    if executor is not None:
        return _bounds_on(executor, chunks, model, m, cons, loop, text, g_range, progress)
    grid = np.geomspace(g_lo, g_hi, int(n_g))
    it = cons
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(cons, desc=f"bounds on {model.name}", unit="constraint")
    out = BoundSet(model, m, text, loop, g_range)
    no_g = _g_reason(model)
    for con in it:
        why = [no_g or str(w) for w in con.reasons(model, m, loop_mixing=loop)]
        reach = np.array([w == "" for w in why])
        if np.any(reach):
            eps_only = np.flatnonzero(reach)[_eps_only(con, model, m[reach], grid, loop)]
            for j in eps_only:
                why[j] = (
                    f"reaches the model only through its kinetic mixing eps = {_vector_eps(model):g}: "
                    "no dependence on g"
                )
            reach[eps_only] = False
        ivals: list[list[tuple[float, float]]] = [[] for _ in m]
        below, above = [False] * m.size, [False] * m.size
        sm_out = False
        if np.any(reach):
            mr = m[reach]
            if con.kind == "chi2":
                thr = con.threshold(model, loop_mixing=loop)
                sm_out = thr < 0  # delta_chi2(SM) = 0 lies above the threshold

                def F(g: np.ndarray, mm: np.ndarray) -> np.ndarray:
                    return con.exceeds(model, g, mm, thr, loop_mixing=loop)
            else:

                def F(g: np.ndarray, mm: np.ndarray) -> np.ndarray:
                    return con.excluded(model, g, mm, loop_mixing=loop)

            found, ob, oa = _scan(F, mr, grid, con.bisections if con.refine(model) else 0, sm_out)
            for j, iv, b_, a_ in zip(np.flatnonzero(reach), found, ob, oa):
                ivals[j], below[j], above[j] = iv, b_, a_
        out.bounds[con.name] = Bound(con, ivals, why, sm_out, below, above, g_hi)
    return out


def _bounds_job(args: tuple) -> BoundSet:
    model, m, constraints, loop, g_range = args
    return bounds(model, m, constraints, loop_mixing=loop, g_range=g_range)


def _minimum_job(args: tuple) -> float:
    con, model, loop, part = args
    return con._minimum_grid(model, loop, part)


def reference_minima(
    models: Sequence[Mediator | str],
    masses: ArrayLike,
    constraints: str | Constraint | Sequence[str | Constraint] = "all",
    *,
    loop_mixing: bool | str = "auto",
    executor: Executor | None = None,
    parts: int | None = None,
) -> None:
    """Compute on ``executor`` the reference minima (the "minimum" convention) that :func:`bounds` of each
    model at ``masses`` will need, one job per (model, constraint), and keep them in the constraints.

    :func:`bounds` with an executor calls it for its model: without it every chunk of masses computed
    the same minimum in its own process (XENONnT's takes seconds).  Calling it once for several models
    lets their minima run side by side.  A constraint whose minimum may be taken in parts
    (:attr:`Constraint.minimum_in_parts`, one fit per point: XENONnT) is split into ``parts`` jobs
    (default: the local cores with an executor, else 1), whose smallest minimum is the one over the whole
    grid.  The minima are those :meth:`Constraint.minimum` gives in this process (the same numbers).
    """
    n_parts = (local_workers() if executor is not None else 1) if parts is None else parts
    if isinstance(n_parts, bool) or not isinstance(n_parts, (int, np.integer)) or n_parts < 1:
        raise ConstraintError(f"parts must be a positive integer, got {parts!r}")
    jobs, owners = [], []  # owners: (constraint, model key) of each job
    m = _masses(masses)
    for model in models:
        model = _as_model(model)
        loop, _ = resolve_loop_mixing(model, loop_mixing)
        key = model_key(model, loop)
        for con in _as_constraints(constraints, model):
            conv = con.convention
            if con.kind != "chi2" or conv is None or conv.reference != "minimum" or key in con.known_minima():
                continue
            if np.any(con.reasons(model, m, loop_mixing=loop) == ""):
                n = int(n_parts) if con.minimum_in_parts else 1
                jobs += [(con, model, loop, (k, n)) for k in range(n)]
                owners += [(con, key)] * n
    done = map_jobs(_minimum_job, jobs, executor=executor, own_pool=False)
    smallest: dict[tuple, tuple[Constraint, float]] = {}  # by (constraint, model key): the smallest part
    for (con, key), value in zip(owners, done):
        old = smallest.get((id(con), key))
        smallest[(id(con), key)] = (con, value if old is None else min(old[1], value))
    for (_, key), (con, value) in smallest.items():
        con.add_minima({key: value})


def _bounds_on(executor, chunks, model, m, cons, loop, text, g_range, progress) -> BoundSet:
    """bounds() with the masses split into chunks run by ``executor``, merged in mass order; the reference
    minima first, once each (:func:`reference_minima`), carried to the chunks with the constraints."""
    n = local_workers() if chunks is None else chunks
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ConstraintError(f"chunks must be a positive integer, got {chunks!r}")
    reference_minima([model], m, cons, loop_mixing=loop, executor=executor, parts=int(n))
    parts = [p for p in np.array_split(m, min(int(n), m.size)) if p.size]
    jobs = [(model, p, cons, loop, g_range) for p in parts]
    done = map_jobs(_bounds_job, jobs, executor=executor, progress=progress, desc=f"bounds on {model.name}")
    out = BoundSet(model, m, text, loop, g_range)
    for con in cons:
        got = [d.bounds[con.name] for d in done]
        out.bounds[con.name] = Bound(
            con,
            [iv for b in got for iv in b.intervals],
            [r for b in got for r in b.reasons],
            any(b.sm_excluded for b in got),
            [o for b in got for o in b.open_below],
            [o for b in got for o in b.open_above],
            g_range[1],
        )
    return out
