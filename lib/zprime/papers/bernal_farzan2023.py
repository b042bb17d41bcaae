"""Figures 1-4 of Bernal and Farzan (arXiv:2211.15686) and the numbers read off them.

Figs. 1 and 3: the (m_Z', g_Z') plane at fixed c and tan eta (:func:`draw_mass_plane`); Figs. 2 and
4: the (eps^medium_mumu, tan eta) plane (:func:`draw_projection`, from
:func:`zprime.constraints.bernal_farzan2023.projection`).  The bounds themselves are those of
:mod:`zprime.constraints.bernal_farzan2023`; the NSI bands follow eq. (13) through
:func:`zprime.observables.nsi.bernal_farzan2023_couplings`, the (g-2)_mu lines
:func:`zprime.observables.gm2.coupling_band` with the muon coupling g (1 - a) of eq. (19).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from zprime import models, plotting
from zprime.constraints import bernal_farzan2023 as bf
from zprime.observables import gm2, nsi
from zprime.units import MeV

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Colours of the figures (the paper's colour for each bound).
COLOURS = {
    "Borexino": "#d62728",
    "NA48": "#2ca02c",
    "NA64": "#1f77b4",
    "gm2": "#2ca02c",
    "gm2_25": "#9467bd",
    "lma": "0.65",
    "lma_dark": "#8c564b",
    "e774": "#1f77b4",
}
#: Top of the coupling axis of Figs. 1 and 3.
G_TOP = 1e-2
#: The tan eta ticks of Figs. 2 and 4.
TAN_ETA_TICKS = (-37, -3, -1, -0.75, 0, 0.5, 1, 3, 37)


@dataclass(frozen=True)
class Setup:
    """The parameters of the figures (the notebook's papermill parameters).

    masses in GeV; tan_eta of Figs. 1 and 3; c_phi and m_phi/m_Z' of the light scalar (right panels);
    Y_n = N_n/N_p; the Borexino bound on |eps^e|; the LMA-Dark and LMA ranges of eps^medium
    (eqs. (15), (17)); the mass range of the figures in MeV.
    """

    masses: np.ndarray
    tan_eta: float
    c_phi: float
    m_phi_over_m_zp: float
    Y_n: float
    borexino_eps_e: float
    lma_dark: tuple[float, float]
    lma: tuple[float, float]
    m_range_MeV: tuple[float, float]

    @property
    def m_MeV(self) -> np.ndarray:
        return self.masses / MeV

    def g_from_eps_medium(
        self, eps_medium: ArrayLike, c: float, m: ArrayLike | None = None, Y_n: float | None = None
    ) -> np.ndarray:
        """g_Z' with eps^medium_mumu = ``eps_medium`` at charge c and masses m (default: the figures'),
        eq. (13) solved for g (tan eta plays no role), with N_n/N_p = ``Y_n`` (default: the setup's)."""
        m = self.masses if m is None else m
        return nsi.bernal_farzan2023_couplings(c, eps_medium, 1.0, m, self.Y_n if Y_n is None else Y_n)[0]

    def bounds(self, c: float, phi: bool, m: ArrayLike | None = None) -> dict[str, np.ndarray]:
        """Upper bounds on g_Z' of :func:`zprime.constraints.bernal_farzan2023.upper_bounds` at tan eta,
        with (``phi``) or without the light scalar."""
        ow = bf.phi_width(self.c_phi, self.m_phi_over_m_zp) if phi else None
        m = self.masses if m is None else np.asarray(m)
        return bf.upper_bounds(c, self.tan_eta, m, phi_width=ow, borexino_eps_e=self.borexino_eps_e)

    def projection(self, c: float, phi: bool, tan_grid: np.ndarray, eps_abs: np.ndarray) -> dict:
        """:func:`zprime.constraints.bernal_farzan2023.projection` at charge c on the (tan eta, |eps^medium|)
        grid; with ``phi`` the scalar's width, and masses below E774/E141's m_phi < 10 MeV left out."""
        ow = bf.phi_width(self.c_phi, self.m_phi_over_m_zp) if phi else None
        m_min = (10.0 / self.m_phi_over_m_zp) * MeV if phi else None
        kw = dict(Y_n=self.Y_n, borexino_eps_e=self.borexino_eps_e, phi_width=ow, m_min=m_min)
        return bf.projection(c, tan_grid, eps_abs, self.masses, **kw)

    def nsi_bands(self, c: float) -> dict[str, tuple | None]:
        """(lower, upper) g of LMA-Dark and LMA at charge c; None where the sign of c forbids the band."""
        m = self.masses
        if c < 0:
            return {
                "LMA-Dark": tuple(self.g_from_eps_medium(e, c) for e in self.lma_dark),
                "LMA": (np.full_like(m, 1e-12), self.g_from_eps_medium(self.lma[1], c)),
            }
        return {"LMA-Dark": None, "LMA": (np.full_like(m, 1e-12), self.g_from_eps_medium(self.lma[0], c))}

    def gm2_lines(self, c: float) -> dict[str, tuple]:
        """The 2-sigma (g-2)_mu bands in g_Z' per measurement year (muon coupling g (1 - a), eq. (19))."""
        a = models.bernal_farzan2023_mixing(c, self.tan_eta)
        return {year: gm2.coupling_band(meas, self.masses, 1 - a) for year, meas in gm2.DELTA_A_MU.items()}


def mass_plane_figure(setup: Setup, c: float, phi: bool, cg_26: float) -> tuple[Figure, dict[str, np.ndarray]]:
    """(figure, bounds) of Fig. 1 (c = -0.1) or Fig. 3 (c = 2/3), panel a (no phi) or b (``phi``); ``cg_26``
    is the eq. (26) coefficient (c_phi g above which Z' -> phi phi* is prompt, at 30 MeV)."""
    import matplotlib.pyplot as plt

    with plt.rc_context({"hatch.linewidth": 0.5}):
        fig, ax = plt.subplots(figsize=(8.4, 4.8), layout="constrained")
        b = draw_mass_plane(ax, setup, c, phi, cg_26)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7, frameon=False)
    return fig, b


def projection_figure(setup: Setup, c: float, phi: bool, P: dict, eps_abs: np.ndarray, eta_deg: np.ndarray) -> Figure:
    """The figure of Fig. 2 (c = -0.1) or Fig. 4 (c = 2/3) for the projection ``P`` (see :func:`draw_projection`)."""
    import matplotlib.pyplot as plt

    with plt.rc_context({"hatch.linewidth": 0.5}):
        fig, ax = plt.subplots(figsize=(8.4, 4.8), layout="constrained")
        draw_projection(ax, setup, c, phi, P, eps_abs, eta_deg)
    ax.legend(handles=_projection_legend(), loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7, frameon=False)
    return fig


def draw_mass_plane(ax: Axes, setup: Setup, c: float, phi: bool, cg_26: float) -> dict[str, np.ndarray]:
    """Fig. 1 (c = -0.1) or Fig. 3 (c = 2/3) on ``ax`` (see :func:`mass_plane_figure`); returns the bounds drawn."""
    col, mm = COLOURS, setup.m_MeV
    b = setup.bounds(c, phi)
    plotting.log_axes(ax, r"$m_{Z'}$ [MeV]", r"$g_{Z'}$", setup.m_range_MeV, (1e-6, G_TOP))
    plotting.excluded_above(
        ax, mm, b["Borexino"], top=G_TOP, color=col["Borexino"], alpha=0.25, label=r"Borexino ($|\epsilon^e|>2$)"
    )
    for key, ls in (("NA48", "--"), ("NA64", ":")):
        name = f"{key}{'/2' if key == 'NA48' else ''}"
        ok = np.isfinite(b[f"{key} paper"])
        plotting.excluded_above(
            ax, mm[ok], b[f"{key} paper"][ok], top=G_TOP, color=col[key], alpha=0.2, ls=ls,
            label=f"{name} (paper's prescription)",
        )  # fmt: skip
        ok = np.isfinite(b[f"{key} recast"])
        ax.plot(mm[ok], b[f"{key} recast"][ok], color=col[key], lw=0.8, ls="-", label=f"{name} (our recast)")
    _mass_plane_lines(ax, setup, c, phi, cg_26)
    return b


def _mass_plane_lines(ax: Axes, setup: Setup, c: float, phi: bool, cg_26: float) -> None:
    """The (g-2)_mu bands, the NSI bands, the kaon line and (with phi) the E774/E141 and eq. (26) lines."""
    col, mm = COLOURS, setup.m_MeV
    gm2_lines = setup.gm2_lines(c)
    lo21, hi21 = gm2_lines["2021"]
    ax.fill_between(
        mm, lo21, hi21, facecolor="none", edgecolor=col["gm2"], hatch="|||", lw=0, label=r"$(g-2)_\mu$ 2021, $2\sigma$"
    )
    plotting.excluded_above(
        ax, mm, hi21, top=G_TOP, color=col["gm2"], alpha=0.08, ls="-.", label=r"$\Delta a_\mu$ above 2021 $2\sigma$"
    )
    up25 = gm2_lines["2025"][1]
    ax.plot(mm, up25, color=col["gm2_25"], ls="-.", lw=1.0, label=r"$(g-2)_\mu$ 2025, $2\sigma$ upper")
    for name, hatch in (("LMA-Dark", "///"), ("LMA", "\\\\\\")):
        band = setup.nsi_bands(c)[name]
        colour = col["lma_dark" if name == "LMA-Dark" else "lma"]
        if band is not None:
            ax.fill_between(mm, band[0], band[1], facecolor="none", edgecolor=colour, hatch=hatch, lw=0.0, label=name)
            ax.plot(mm, band[1], color=colour, lw=0.6)
    # NA62 K -> mu nu Z', eq. (32): g < 0.003 (m/5 MeV)
    kaon = 0.003 * setup.masses / (5 * MeV)
    ax.plot(mm, kaon, color="0.4", lw=0.7, ls=(0, (1, 2)), label=r"$K\to\mu\nu Z'$, eq. (32)")
    if phi:
        m_e774 = 10.0 / setup.m_phi_over_m_zp
        ax.axvspan(setup.m_range_MeV[0], m_e774, color=col["e774"], alpha=0.08, lw=0)
        ax.axvline(m_e774, color=col["e774"], ls="--", lw=1.0, label=r"E774/E141: $m_\varphi<10$ MeV")
        r2 = setup.m_phi_over_m_zp**2
        ax.plot(
            mm, cg_26 / setup.c_phi * (30.0 / mm) * (1 - 4 * r2) ** -0.75, color="0.2", lw=0.8, ls=":",
            label=r"eq. (26): $Z'\to\varphi\bar\varphi$ fast enough above",
        )  # fmt: skip
    scalar = rf", $c_\varphi={setup.c_phi:g}$, $m_\varphi=m_{{Z'}}/3$" if phi else r", no $\varphi$"
    ax.set_title(rf"$c={c:.3g}$, $\tan\eta={setup.tan_eta}$" + scalar, fontsize=9)


def draw_projection(
    ax: Axes, setup: Setup, c: float, phi: bool, P: dict, eps_abs: np.ndarray, eta_deg: np.ndarray
) -> None:
    """Fig. 2 (c = -0.1) or Fig. 4 (c = 2/3): the projection ``P`` of
    :func:`zprime.constraints.bernal_farzan2023.projection` on the (|eps^medium|, eta) grid."""
    col = COLOURS
    X, Y = np.meshgrid(eps_abs, eta_deg)
    styles = {"Borexino": "-", "NA48": "--", "NA64": ":", "gm2_over": "-."}
    for key in ("Borexino", "NA48", "NA64", "gm2_over"):
        colour = col["gm2" if key == "gm2_over" else key]
        Z = P[key].astype(float)
        ax.contourf(X, Y, Z, levels=[0.5, 1.5], colors=[colour], alpha=0.22 if key != "gm2_over" else 0.1)
        ax.contour(X, Y, Z, levels=[0.5], colors=[colour], linewidths=1.0, linestyles=styles[key])
    cs = ax.contourf(X, Y, P["gm2_ok"].astype(float), levels=[0.5, 1.5], colors="none", hatches=["|||"])
    cs.set_edgecolor(col["gm2"])
    cs.set_linewidth(0)
    ax.contour(X, Y, P["gm2_ok"].astype(float), levels=[0.5], colors=[col["gm2"]], linewidths=0.6)
    lma, lma_dark = setup.lma, setup.lma_dark
    if c < 0:
        ax.axvspan(1e-2, lma[1], facecolor="none", edgecolor=col["lma"], hatch="\\\\", lw=0)
        ax.axvspan(*lma_dark, facecolor="none", edgecolor=col["lma_dark"], hatch="//", lw=0)
    else:
        ax.axvspan(1e-2, -lma[0], facecolor="none", edgecolor=col["lma"], hatch="\\\\", lw=0)
    ax.axhline(math.degrees(math.atan(setup.tan_eta)), color="k", lw=0.8)
    for t in bf.tan_eta_thresholds(lma_dark[1], setup.borexino_eps_e, setup.Y_n):
        ax.axhline(math.degrees(math.atan(t)), color=col["Borexino"], lw=0.6, ls=(0, (4, 2)))
    ax.set_xscale("log")
    ax.set_xlim(eps_abs[0], eps_abs[-1])
    ax.set_ylim(-90, 90)
    ax.set_yticks([math.degrees(math.atan(t)) for t in TAN_ETA_TICKS])
    ax.set_yticklabels([f"{t:g}" for t in TAN_ETA_TICKS])
    ax.set_xlabel(r"$\epsilon^{\rm medium}_{\mu\mu}$" if c < 0 else r"$-\epsilon^{\rm medium}_{\mu\mu}$")
    ax.set_ylabel(r"$\tan\eta$ (axis linear in $\eta$)")
    scalar = rf", $c_\varphi={setup.c_phi:g}$, $m_\varphi=m_{{Z'}}/3$" if phi else r", no $\varphi$"
    ax.set_title(rf"$c={c:.3g}$" + scalar, fontsize=9)


def _projection_legend() -> list:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    col = COLOURS
    return [
        Patch(color=col["Borexino"], alpha=0.3, label="Borexino"),
        Patch(color=col["NA48"], alpha=0.3, label="NA48/2 (all masses)"),
        Patch(color=col["NA64"], alpha=0.3, label="NA64 (all masses)"),
        Patch(color=col["gm2"], alpha=0.15, label=r"$\Delta a_\mu$ too large (all masses)"),
        Patch(facecolor="none", edgecolor=col["gm2"], hatch="|||", label=r"$(g-2)_\mu$ 2021 explained"),
        Patch(facecolor="none", edgecolor=col["lma"], hatch="\\\\", label="LMA"),
        Patch(facecolor="none", edgecolor=col["lma_dark"], hatch="//", label="LMA-Dark"),
        Line2D([], [], color="k", lw=0.8, label=r"$\tan\eta=-0.75$"),
        Line2D([], [], color=col["Borexino"], lw=0.6, ls=(0, (4, 2)), label="thresholds 0.49, -37.5"),
    ]


def projection_summary(P: dict, i_eta: int, tan_grid: np.ndarray, eps_abs: np.ndarray) -> dict:
    """Along one tan eta row ``i_eta`` of a projection: the first |eps^medium| Borexino excludes, and the
    |eps^medium| range where (g-2)_mu 2021 is explained and Borexino allows it (None if empty)."""
    row = np.flatnonzero(P["Borexino"][i_eta])
    ok = P["gm2_ok"][i_eta] & ~P["Borexino"][i_eta]
    return {
        "tan_eta": float(tan_grid[i_eta]),
        "borexino_eps_med_max": float(eps_abs[row[0]]) if row.size else math.inf,
        "gm2_and_borexino_eps_med": [float(eps_abs[ok].min()), float(eps_abs[ok].max())] if ok.any() else None,
    }
