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


#: Eq. (2) of the paper, 3 sigma: -(eps^u_ee - eps^u_mumu) and -(eps^d_ee - eps^d_mumu) of LMA-Dark.
EPS_U_RANGE = (0.68, 1.40)
EPS_D_RANGE = (0.87, 1.44)
#: The Borexino limit of Bauer et al. 2018 on the B - L coupling (DarkCast 2023 limits), read in place.
BOREXINO_CURVE = "limits/darkcast/v2_2023_vendored/limits/Borexino_Bauer2018onh.lmt"
#: The paper's Borexino rescaling: only the nu_mu, nu_tau part (0.66) of the solar flux couples.
BOREXINO_FLUX_FACTOR = (1 / 0.66) ** 0.25


def section4_numbers(model: VectorModel, g: float, m: float, mu_uv: list[float], T_core: float) -> tuple[dict, str]:
    """Sect. 4 at the reference point (g, m in GeV): Delta a_mu (full one loop and the massless
    g^2/8pi^2), the one-loop kinetic mixing at each UV scale ``mu_uv`` (GeV) against g e/8pi^2,
    (g e eps)^(1/2), the Borexino bound on it (Bauer et al. 2018 rescaled, beside the paper's 1e-5) and
    the Z' decay length in a supernova core at temperature ``T_core`` (GeV).  Returns (numbers, text)."""
    import math

    from zprime import constants as c
    from zprime import data, models
    from zprime.observables import decays
    from zprime.statistics import LimitCurve
    from zprime.units import km

    out = {
        "damu_full": gm2.delta_a_model(model, g, m),
        "damu_massless": g**2 / (8 * math.pi**2),
        "eps_estimate": g * c.e_em / (8 * math.pi**2),
    }
    out["eps_loop"] = {mu: models.loop_kinetic_mixing(model, g, 0.0, mu=mu) for mu in mu_uv}
    out["gee"] = math.sqrt(g * c.e_em * out["eps_estimate"])
    m_bx, g_bx = data.load_curve(BOREXINO_CURVE)
    out["bound_gee_ours"] = BOREXINO_FLUX_FACTOR * float(LimitCurve(m_bx, g_bx)(m))
    gamma_tot = sum(decays.leptonic_widths(model, g, m, dirac=False).values())
    out["gamma_tot"] = gamma_tot
    out["ctau_lab"] = (T_core / m) / gamma_tot  # gamma c tau, GeV^-1
    text = [
        f"Delta a_mu(g'={g:g}, 10 MeV): full one loop {out['damu_full']:.3e}, g'^2/8pi^2 {out['damu_massless']:.3e}"
    ]
    text += [
        f"loop mixing eps(q=0; mu={mu:g} GeV) / (g' e / 8 pi^2) = {e / out['eps_estimate']:+.2f}"
        for mu, e in out["eps_loop"].items()
    ]
    text.append(
        f"(g' e eps)^(1/2) = {out['gee']:.2e}; Borexino: paper {1e-5:.0e}, "
        f"Bauer et al. 2018 rescaled {out['bound_gee_ours']:.2e}"
    )
    text.append(
        f"Gamma(Z' -> nu nu) = {gamma_tot:.3e} GeV; decay length at T = {T_core * 1e3:g} MeV: "
        f"{out['ctau_lab'] / km:.2e} km (paper: 1e-9 km)"
    )
    return out, "\n".join(text)


def fig1_bounds(masses: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The bounds of Fig. 1 on g' at ``masses`` (GeV): CCFR trident (held flat below its first point,
    13.5 MeV: our choice) and Borexino on (g' e eps)^(1/2) with eps = g' e/8pi^2, rescaled as the paper
    does.  Returns (g_CCFR, g_Borexino)."""
    import math

    from zprime import constants as c
    from zprime import data
    from zprime.statistics import LimitCurve

    m_ccfr, g_ccfr = data.load_curve("limits/syen_muon_g_minus_2/CCFR.txt")
    m_bx, g_bx = data.load_curve(BOREXINO_CURVE)
    g_bx_grid = LimitCurve(m_bx, g_bx, outside="hold")(masses)
    g_borexino = BOREXINO_FLUX_FACTOR * g_bx_grid * 2 * math.sqrt(2) * math.pi / c.e_em
    return LimitCurve(m_ccfr, g_ccfr, outside="hold")(masses), g_borexino


def lma_dark_band(model: VectorModel, m_ref: float, g_ref: float) -> tuple[dict, str]:
    """The g' of eq. (7) at mass ``m_ref`` (GeV) for the eps^{u,d}_mumu ranges of eq. (2): where both the u
    and the d range hold and over their envelope, and g' for eps = 1, with the model's charge product
    k = x_nu x_u (the model has eps_ee = 0 and x_u = x_d).  Returns ({"k", "both", "either", "band_both",
    "band_either", "g_eq7"}, text)."""
    import math

    from zprime.observables import nsi

    if model.x("e") != 0.0 or not math.isclose(model.x("u"), model.x("d")):
        raise ValueError(f"{model.name}: eq. (7) needs x_e = 0 and x_u = x_d")
    k = model.x("nu_mu") * model.x("u")  # charge product x_nu x_u = Y_L (Y_Q1 + Y_u1)/2
    both = (max(EPS_U_RANGE[0], EPS_D_RANGE[0]), min(EPS_U_RANGE[1], EPS_D_RANGE[1]))
    either = (min(EPS_U_RANGE[0], EPS_D_RANGE[0]), max(EPS_U_RANGE[1], EPS_D_RANGE[1]))
    out = {
        "k": k,
        "both": both,
        "either": either,
        "band_both": tuple(nsi.g_for_epsilon(e, m_ref, k) for e in both),  # g' for eps at the two ends
        "band_either": tuple(nsi.g_for_epsilon(e, m_ref, k) for e in either),
        "g_eq7": nsi.g_for_epsilon(1.0, m_ref, k),
    }
    bb, be = out["band_both"], out["band_either"]
    text = [
        f"eps range, both u and d in eq. (2): {both};  envelope: {either}",
        f"g' at 10 MeV, both ranges satisfied : [{bb[0]:.3e}, {bb[1]:.3e}]",
        f"g' at 10 MeV, envelope of the ranges: [{be[0]:.3e}, {be[1]:.3e}]",
        f"eq. (7), eps = 1: g' = {out['g_eq7']:.3e}",
        f"check: eps^u at g' = {g_ref:g}, 10 MeV: {nsi.epsilon(model, g_ref, m_ref, 'u', 'mu'):.4f}",
    ]
    return out, "\n".join(text)


def gm2_numbers(model: VectorModel, masses: np.ndarray, m_ref: float, delta_a: float) -> tuple[dict, dict, str]:
    """Per (g-2)_mu measurement: the 2-sigma band of g' on ``masses`` (muon charge of the model), the pull of
    the LMA-Dark point's Delta a_mu ``delta_a`` and the 2-sigma upper limit on g' at ``m_ref``.
    Returns ({year: band}, {year: upper limit at m_ref}, text)."""
    lines, upper, text = {}, {}, []
    for year, meas in gm2.DELTA_A_MU.items():
        lines[year] = gm2.coupling_band(meas, masses, model.x("mu"))
        pull = (delta_a - meas.value) / meas.sigma
        g10 = upper[year] = gm2.coupling_band(meas, m_ref, model.x("mu"))[1]
        text.append(
            f"{year}: Delta a_mu = ({meas.value * 1e11:.1f} +- {meas.sigma * 1e11:.1f})e-11; "
            f"LMA-Dark point is {pull:+.1f} sigma; 2 sigma upper limit -> g' < {g10:.2e} at 10 MeV"
        )
    return lines, upper, "\n".join(text)


def summary_rows(band: dict, s4: dict, g_ccfr_10: float) -> list[tuple]:
    """The notebook's closing comparison: the g' band of :func:`lma_dark_band`, the section 4 numbers of
    :func:`section4_numbers` and the CCFR trident bound at 10 MeV, beside the paper's values."""
    from zprime.units import km

    return [
        ("g' band at 10 MeV, eq. (2) both ranges", (6e-5, 8e-5), band["band_both"], "paper rounds to 1 digit"),
        ("g' band at 10 MeV, envelope of eq. (2)", (6e-5, 8e-5), band["band_either"], ""),
        ("g' for eps^{u,d}_mumu = 1, eq. (7)", 7e-5, band["g_eq7"], ""),
        ("Delta a_mu at g'=7e-5, full one loop", 5e-11, s4["damu_full"], "sect. 5, item 1"),
        ("Delta a_mu = g'^2/8pi^2 at g'=7e-5", 6.2e-11, s4["damu_massless"], "sect. 4 formula"),
        ("loop eps/(g'e/8pi^2), mu = m_Z", 1.0, s4["eps_loop"][91.188] / s4["eps_estimate"], "log-divergent"),
        ("(g' e eps)^(1/2) at g'=7e-5", 2e-6, s4["gee"], ""),
        ("Borexino bound on (g' e eps)^(1/2)", 1e-5, s4["bound_gee_ours"], "Bauer 2018 vs Harnik 2012"),
        ("CCFR trident bound on g' at 10 MeV", 9e-4, g_ccfr_10, ""),
        ("Z' decay length in SN core [km]", 1e-9, s4["ctau_lab"] / km, "paper's normalisation unclear"),
    ]
