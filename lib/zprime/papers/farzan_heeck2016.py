"""Figures 1, 4 (right), 5 and 6 of Farzan and Heeck (arXiv:1607.07616).

The physics is in :mod:`zprime.observables.lfv` (l -> l' Z', eqs. (23)-(26)),
:mod:`zprime.experiments.recast` (the B - L and B searches of Fig. 1) and
:mod:`zprime.constraints.neutrinophilic` (the NSI planes of Figs. 5 and 6: other experiments with
Z' -> nu nu dominant, cosmology, perturbativity, LFV and tau -> l l l); these functions draw them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from zprime import constants as c
from zprime import plotting
from zprime.constraints import neutrinophilic as fh
from zprime.experiments import recast
from zprime.observables import lfv
from zprime.units import MeV

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The NSI contours drawn in Figs. 5 and 6.
EPS_LEVELS = (1e-3, 1e-2, 0.1, 1.0, 10.0)


def fig4b(mz: np.ndarray, M_psi: Sequence[float], M_H: float) -> Figure:
    """Fig. 4 (right): Br(tau -> e Z')/|g_Psi y_e y_tau|^2 versus M_Z' (GeV) for each M_Psi, the dipole
    form factor alone, and the M_Z' -> 0 limit of eq. (26), at charged-scalar mass M_H (GeV)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.6, 3.4))
    for Mp, ls in zip(M_psi, ("-", "--")):
        br = lfv.branching_ratio_l_to_l_zprime("tau", mz, Mp, M_H)
        _, FM = lfv.form_factors_l_to_l_zprime("tau", mz, Mp, M_H)
        dip = lfv.width_from_form_factors("tau", mz, 0.0, FM) * c.tau_tau
        ax.plot(mz, br, ls=ls, color=plotting.COLORS["ours"], label=rf"ours, $M_\Psi={Mp:g}$ GeV")
        ax.plot(mz, dip, ls=ls, color="0.5", lw=0.8, label=rf"dipole $F_M$ only, $M_\Psi={Mp:g}$ GeV")
        light = lfv.width_l_to_l_zprime_light("tau", Mp, M_H) * c.tau_tau
        label = "eq. (26), $M_{Z'}\\to0$" if Mp == M_psi[0] else None
        ax.plot([0.0], [light], "o", ms=4, color=plotting.COLORS["published"], label=label)
    ax.set_yscale("log")
    ax.set_xlabel(r"$M_{Z'}$ [GeV]")
    ax.set_ylabel(r"Br$(\tau\to eZ')\;/\;|g_\Psi y_e y_\tau|^2$")
    ax.set_title(rf"$M_{{H^-}}={M_H:g}$ GeV", fontsize=9)
    ax.set_xlim(0, 1.78)
    ax.legend(fontsize=6.5, loc="upper left")
    return fig


def fig1(name: str) -> tuple[Figure, dict]:
    """Fig. 1 (a: U(1)_{B-L}, b: U(1)_B): our recast of every search (DarkCast's method and models), the
    DarkCast v1 recasts dashed and the FORESEE outlines; returns (figure, {"bands", "foresee"})."""
    import matplotlib.pyplot as plt

    dc_name = {"B-L": "B-L_boson", "B": "B_boson"}[name]
    model, opts = recast.darkcast_models()[dc_name]
    fig, ax = plt.subplots(figsize=(4.6, 3.7))
    plotting.log_axes(ax, r"$M_{Z'}$ [GeV]", rf"$g_{{{name}}}$", (1e-3, 10.0), (1e-8, 1.0))
    bands = recast.draw(ax, model, color=plotting.COLORS["ours"], alpha=0.25, g_top=1.0, **opts)
    for s in bands:
        cols = recast.darkcast_recast_curve(s, dc_name)
        if len(cols) in (2, 3) and len(cols[0]):
            for col in cols[1:]:
                ax.plot(cols[0], np.where(col < 1e4, col, np.nan), color="0.3", lw=0.6, ls="--")
    outl = fh.foresee_outlines(name)
    for m, g in outl.values():
        ax.plot(m, np.where(g < 1e4, g, np.nan), color="k", lw=0.6)
    ax.plot([], [], color=plotting.COLORS["ours"], lw=4, alpha=0.4, label="our recast (DarkCast method)")
    ax.plot([], [], color="0.3", lw=0.6, ls="--", label="DarkCast v1 recasts")
    ax.plot([], [], color="k", lw=0.6, label="FORESEE outlines")
    ax.set_title(rf"U(1)$_{{{name}}}$: excluded regions", fontsize=9)
    ax.legend(fontsize=6.5, loc="lower right")
    return fig, dict(bands=bands, foresee=outl)


def nsi_figure(
    P: fh.NSIPlane,
    masses: np.ndarray,
    couplings: np.ndarray,
    group: str,
    flavours: tuple[str, str],
    bounds: tuple[float, float],
    m_range_MeV: tuple[float, float],
    g_range: tuple[float, float],
    lma_band: tuple | None = None,
    lll: bool = False,
) -> Figure:
    """Figs. 5 and 6: |eps_ab| contours of the NSI plane ``P`` (:func:`zprime.constraints.neutrinophilic.nsi_plane`)
    with the other experiments (grey), the hatched limits, the current and DUNE+T2HK bounds (``bounds``,
    eqs. (2)-(5)), eq. (30) for U(1)_B, the LMA-Dark band (``lma_band`` = (lower, upper) g per mass) and,
    with ``lll``, tau -> mu Z' (-> e e) above its limit; ``masses`` (GeV) and ``couplings`` are the grid of ``P``."""
    import matplotlib.pyplot as plt

    mm, gg = masses / MeV, couplings
    (cur, dune), (a, b) = bounds, flavours
    fig, ax = plt.subplots(figsize=(4.6, 3.7))
    plotting.log_axes(ax, r"$M_{Z'}$ [MeV]", rf"$g_{{{group}}}$", m_range_MeV, g_range)
    plotting.region(ax, mm, gg, P.other, color="0.6", alpha=0.55)
    cs = ax.contour(mm, gg, P.eps, levels=list(EPS_LEVELS), colors="0.35", linewidths=0.5)
    ax.clabel(cs, fmt=lambda v: f"{v:g}", fontsize=6)
    ax.plot(mm, cur / P.unit_eps, color="k", lw=1.3, label=f"current, eqs. (2)-(3): {cur:g}")
    ax.plot(mm, dune / P.unit_eps, color="k", lw=1.1, ls="-.", label=f"DUNE+T2HK, eqs. (4)-(5): {dune:g}")
    plotting.region(ax, mm, gg, P.hatched, hatch="////", edgecolor="0.3")
    if group == "B":
        ax.plot(mm, masses / 1000.0, color="0.3", ls="--", lw=0.8, label=r"eq. (30), $\langle S_B\rangle=1$ TeV")
    if lma_band is not None:
        lo, hi = lma_band
        ax.fill_between(mm, lo, hi, color=plotting.COLORS["band"], alpha=0.6, lw=0, label="LMA-Dark ($g_\\Psi g_B<0$)")
    if lll:
        plotting.region(ax, mm, gg, P.lll, color=plotting.COLORS["published"], alpha=0.3)
        ax.plot([], [], color=plotting.COLORS["published"], alpha=0.4, lw=4, label=r"$\tau\to\mu Z'(\to ee)>10^{-8}$")
    ax.plot([], [], color="0.6", lw=4, alpha=0.6, label=r"other experiments, $Z'\to\nu\nu$ dominant")
    title = rf"U(1)$_{{{group}}}$: $|\epsilon_{{{a}{b}}}|$".replace("mu", r"\mu").replace("tau", r"\tau")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=6, loc="upper left")
    return fig
