"""Figures of Farzan (arXiv:1505.06906): the LMA-Dark band and what bounds it, and Delta a_mu along it.

The band is eq. (2) of the paper through :func:`zprime.observables.nsi.g_for_epsilon`, the (g-2)_mu
lines :func:`zprime.observables.gm2.coupling_band` and the one-loop Delta a_mu
:func:`zprime.observables.gm2.delta_a_model`; these functions draw them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from zprime import plotting
from zprime.models import VectorModel
from zprime.observables import gm2

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def fig1(
    mm: np.ndarray,
    m_range_MeV: tuple[float, float],
    ccfr: np.ndarray,
    borexino: np.ndarray,
    gm2_lines: dict,
    band: tuple[np.ndarray, np.ndarray],
    envelope: tuple[np.ndarray, np.ndarray],
    reference: tuple[float, float],
) -> Figure:
    """The (m_Z', g') plane: CCFR (the L_mu - L_tau curve), Borexino through the loop mixing, the quoted meson
    bound, BBN, the (g-2)_mu 2021 band and 2025 upper edge (``gm2_lines``: year -> (lower, upper)), our
    LMA-Dark ``band`` (both ranges of eq. (2)) and its ``envelope``, and the paper's g' = (6-8)e-5 (m/10 MeV)
    with the eq. (7) point ``reference`` = (m in MeV, g'); masses ``mm`` in MeV."""
    import matplotlib.pyplot as plt

    m_ref_MeV, g_ref = reference
    fig, ax = plt.subplots()
    plotting.log_axes(ax, r"$m_{Z'}$ [MeV]", r"$g'$", m_range_MeV, (1e-6, 1e-2))
    ccfr_label = r"CCFR trident ($L_\mu-L_\tau$ curve)"
    plotting.excluded_above(ax, mm, ccfr, top=1e-2, color="0.35", alpha=0.2, label=ccfr_label)
    plotting.excluded_above(
        ax, mm, borexino, top=1e-2, color="#8c564b", alpha=0.15, label=r"Borexino via $\epsilon = g'e/8\pi^2$"
    )
    ax.axhline(1e-3, color="k", ls=":", lw=1, label=r"meson decays $\sim 10^{-3}$ (quoted)")
    ax.axvspan(m_range_MeV[0], 10.0, color="0.85", zorder=0, label=r"BBN: $m_{Z'} \lesssim 10$ MeV")
    lo21, hi21 = gm2_lines["2021"]
    label21, label25 = r"$(g-2)_\mu$ 2021, $2\sigma$", r"$(g-2)_\mu$ 2025, $2\sigma$ upper limit"
    plotting.band(ax, mm, lo21, hi21, color=plotting.COLORS["gm2_2021"], alpha=0.3, label=label21)
    ax.plot(mm, gm2_lines["2025"][1], color=plotting.COLORS["gm2_2025"], ls="-.", label=label25)
    plotting.band(ax, mm, band[0], band[1], color=plotting.COLORS["ours"], alpha=0.45, label="LMA-Dark, eq. (2) (ours)")
    ax.plot(mm, envelope[0], color=plotting.COLORS["ours"], lw=0.6)
    ax.plot(mm, envelope[1], color=plotting.COLORS["ours"], lw=0.6)
    # published: g' = (6-8)e-5 (m/10 MeV), sect. 5
    for gp in (6e-5, 8e-5):
        label = "paper: $(6-8)\\times10^{-5}\\, m_{Z'}/10$ MeV" if gp == 6e-5 else None
        ax.plot(mm, gp * mm / m_ref_MeV, color=plotting.COLORS["published"], ls="--", lw=1, label=label)
    ax.plot([m_ref_MeV], [g_ref], "o", color=plotting.COLORS["published"], ms=4, label="paper, eq. (7)")
    ax.legend(loc="lower right", fontsize=6.5)
    return fig


def fig2(
    model: VectorModel,
    masses: np.ndarray,
    mm: np.ndarray,
    m_range_MeV: tuple[float, float],
    band: tuple[np.ndarray, np.ndarray],
    g_mid: np.ndarray,
) -> Figure:
    """Delta a_mu along the LMA-Dark ``band`` (full one loop, :func:`gm2.delta_a_model`) against the paper's
    g'^2/8 pi^2 at eps = 1 (couplings ``g_mid``) and the 2021 and 2025 2-sigma ranges; masses in GeV and MeV."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    da_lo = gm2.delta_a_model(model, band[0], masses)
    da_hi = gm2.delta_a_model(model, band[1], masses)
    ax.fill_between(mm, da_lo * 1e11, da_hi * 1e11, color=plotting.COLORS["ours"], alpha=0.45,
                    label=r"LMA-Dark band, full one loop (ours)")  # fmt: skip
    ax.plot(mm, (g_mid**2 / (8 * np.pi**2)) * 1e11, color=plotting.COLORS["published"], ls="--",
            label=r"paper: $g'^2/8\pi^2$ at $\epsilon=1$")  # fmt: skip
    for year, col in (("2021", plotting.COLORS["gm2_2021"]), ("2025", plotting.COLORS["gm2_2025"])):
        meas = gm2.DELTA_A_MU[year]
        l2, h2 = meas.band(2.0)
        ax.axhspan(max(l2, 1e-13) * 1e11, h2 * 1e11, color=col, alpha=0.2 if year == "2021" else 0.12,
                   label=rf"$\Delta a_\mu$ {year}, $2\sigma$")  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"$m_{Z'}$ [MeV]")
    ax.set_ylabel(r"$\Delta a_\mu \times 10^{11}$")
    ax.set_xlim(*m_range_MeV)
    ax.set_ylim(1, 1e3)
    ax.legend(loc="upper left")
    return fig
